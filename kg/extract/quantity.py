"""Quantities: a number with its unit, read as a Target or an Outcome.

Shared by :mod:`.targets` and :mod:`.outcomes`, which differ only in which
part of the report a quantity stands in.  Each quantity carries its value
(a decimal), unit, the value in the base unit (36.9万亩 → 369000 亩), a
comparator (以上 → at_least), a change direction (下降 → decrease) and the
indicator counted.  Numbers that are names are not quantities: G521, 5G,
4A级, “12315”, 第六届, years and dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..document import Document
from ..model import Mention, attrs
from ..units import base_quantity

SCALE = r"(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千|百)?"
MEASURE = (
    r"(?:个百分点|百分点|%|倍|千瓦时|万千瓦|千瓦|兆瓦|标准箱|标箱|平方公里|平方米|立方米|公里|千米|公顷|公斤|千克|"
    r"人次|元|亩|吨|米|家|户|个|项|件|所|套|处|座|条|台|辆|名|人|张|床|间|栋|幢|只|头|场|次|批|类|种|篇|部|支|架|艘|箱|株|棵|起|宗|门)"
)
QUANTITY = re.compile(rf"(?<![\dA-Za-z.])(\d+(?:\.\d+)?)\s*({SCALE}{MEASURE})(?![A-Za-z])")
# Right before a number, these make it part of a name or an ordinal.
NAME_BEFORE = re.compile(r"(?:第|[A-Za-z]|“\d*|\")$")
# After the unit: 级 (600万吨级) is fine, but 4A级, 5G are names (guarded by the regex).
CLAUSE_END = "。,;:!?\n"
SEGMENT_SPLIT = "、"

COMPARATOR_AFTER = (
    (re.compile(r"^(?:以上|多|余|以上的)"), "at_least"),
    (re.compile(r"^(?:以内|以下|之内)"), "at_most"),
    (re.compile(r"^左右"), "about"),
)
COMPARATOR_BEFORE = (
    (re.compile(r"(?:超过|突破|至少|不少于|不低于|跨越|高于|逾)\s*$"), "at_least"),
    (re.compile(r"(?:不超过|不高于|低于|控制在|少于)\s*$"), "at_most"),
    (re.compile(r"(?:约|大约|近)\s*$"), "about"),
)
INCREASE = re.compile(r"(?:新增|增长|增加|提高|提升|上升|新培育|多)")
DECREASE = re.compile(r"(?:下降|减少|降低|压减|削减|缩小)")
# Leading verbs and trailing change words trimmed off an indicator.
INDICATOR_VERBS = re.compile(
    r"^(?:全年|今年|年内|力争|确保|累计|新增|新培育|培育|新开工|开工|实施|完成|新建|建设|建好|建成|打造|抓好|承接|"
    r"引进和认定|引进|认定|投入|推进|开展|实现|签约|谋划|达到|稳定在|保持在|保持)*"
)
INDICATOR_TAIL = re.compile(r"(?:同比|比上年|年均)?(?:下降|增长|提高|降低|减少|达到|保持在|保持|稳定在|突破|超过|跨越|为|是)*$")


@dataclass(frozen=True)
class Quantity:
    start: int  # of the phrase (label)
    end: int
    value: Decimal
    unit: str
    comparator: str | None
    change: str | None
    indicator: str


def quantities(doc: Document) -> Iterator[Quantity]:
    """Every quantity of ``doc`` in text order."""
    norm = doc.norm
    blocked = _name_spans(doc)
    for sentence in doc.sentences:
        for m in QUANTITY.finditer(norm, sentence.start, sentence.end):
            if NAME_BEFORE.search(norm, max(sentence.start, m.start() - 2), m.start()) or _inside(m.start(), blocked):
                continue
            if _in_quotes(norm, sentence.start, m.start()):
                continue
            yield _read(norm, sentence.start, sentence.end, m)


def _read(norm: str, s_start: int, s_end: int, m: re.Match) -> Quantity:
    clause_start = max((norm.rfind(c, s_start, m.start()) for c in CLAUSE_END + SEGMENT_SPLIT), default=-1)
    start = max(clause_start + 1, s_start)
    clause_end = min((i for i in (norm.find(c, m.end(), s_end) for c in CLAUSE_END + SEGMENT_SPLIT) if i != -1),
                     default=s_end)
    before, after = norm[start : m.start()], norm[m.end() : clause_end]
    comparator = next((c for p, c in COMPARATOR_AFTER if p.match(after)), None) or next(
        (c for p, c in COMPARATOR_BEFORE if p.search(before)), None
    )
    change = "decrease" if DECREASE.search(before) else "increase" if INCREASE.search(before) else None
    end = clause_end
    while end > m.end() and norm[end - 1] in "的 ":
        end -= 1
    subject = INDICATOR_TAIL.sub("", INDICATOR_VERBS.sub("", before)).strip()
    tail = re.sub(r"^(?:以上|以内|以下|左右|级|的)+", "", after).strip()
    indicator = subject or tail
    return Quantity(start, end, Decimal(m.group(1)), m.group(2), comparator, change, indicator)


def _name_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans where numbers belong to names: the titles of the outline (4件市级实事暖民心)."""
    return [(s.title_start, s.title_end) for s in doc.sections]


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


def _in_quotes(norm: str, start: int, offset: int) -> bool:
    return norm.count("“", start, offset) > norm.count("”", start, offset)


def mention(doc: Document, q: Quantity, type_: str) -> Mention:
    base, base_unit = base_quantity(q.value, q.unit)
    return Mention(
        doc.id,
        type_,
        q.start,
        q.end,
        doc.text[q.start : q.end],
        doc.text[q.start : q.end].strip(),
        attrs(
            value=str(q.value),
            unit=q.unit,
            base_value=str(base),
            base_unit=base_unit,
            comparator=q.comparator,
            change=q.change,
            indicator=q.indicator or None,
        ),
    )


def is_outcome(doc: Document, q: Quantity) -> bool:
    """A result of the past period: stated under a heading that reviews it."""
    return doc.in_review(q.start)
