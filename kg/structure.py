"""Text -> outline: paragraphs, sentences, artefacts and the report's sections.

A work report organises its work by headings: numbered sections (``一、``,
``(一)``, ``1.``, ``(1)``), a short topic phrase that opens a paragraph and
ends with 。 (``激活创新第一动力。``), enumerations (``一是……二是……``) and
boxed lists (a short standalone line such as ``4件市级实事暖民心``).  Each
becomes a :class:`~kg.document.Section`; the innermost one containing a
mention is the initiative the mention is part of.

All patterns run over ``doc.norm`` (full-width folded to half-width), so
``（一）`` and ``(一)`` are the same heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document, Section, Sentence, Span

# Newspaper furniture: (上接05版), (下转第3版), （转A2版）.  Not part of any title or sentence.
ARTEFACT = re.compile(r"\((?:上接|下转|转|接)第?\s*[A-Za-z]?\d{1,2}\s*版\)")
# An artefact that continues an article from another page: whatever outline was
# open before it does not govern the text after it.
CONTINUATION = re.compile(r"\(上接")

CN_NUM = "一二三四五六七八九十百零〇"
# Numbered headings by level, as official documents number them: 一、 > (一) > 1. > (1)
HEADINGS = (
    (1, re.compile(rf"[{CN_NUM}]{{1,3}}、")),
    (2, re.compile(rf"\([{CN_NUM}]{{1,3}}\)")),
    (3, re.compile(r"\d{1,2}[.、](?!\d)")),
    (4, re.compile(r"\(\d{1,2}\)")),
)
TOPIC_LEVEL = 5
ENUM_LEVEL = 6

# A paragraph-opening topic phrase: short, no internal clause punctuation, ends with 。
TOPIC = re.compile(r"(?:——|--|—)?\s*([^。,;:!?、]{3,24}?)。")
# Enumerations inside a paragraph: 一是……  The title runs to the first clause mark.
# Only counted where a clause begins (paragraph start or after 。;:), see _enumerations.
ENUMERATION = re.compile(rf"([{CN_NUM}]{{1,3}}是)([^。;,:]{{2,30}})(?=[。;,:])")
CLAUSE_START = "。;:"
# Sentence ends.  ; ends a sentence too: reports use it between independent clauses.
SENTENCE_END = re.compile(r"[。!?;]+[”’\"]?")
TERMINAL = "。!?;:"
# A standalone line this short without terminal punctuation is a heading or a list item.
SHORT_LINE = 40
# Headings that review the past period rather than plan the coming one.
REVIEW_TITLE = re.compile(r"回顾|过去.{0,4}年|工作总结|主要成绩|取得的成绩|工作成效")
PLAN_TITLE = re.compile(r"工作安排|主要任务|总体要求|目标任务|重点工作|今年|明年|工作建议")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# The date line under a report's title: 2023年1月10日在运城市第五届人民代表大会第三次会议上
DELIVERED = re.compile(r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在.{0,40}?人民代表大会")
REPORT_TITLE = re.compile(r"政\s*府\s*工\s*作\s*报\s*告")


@dataclass
class _Line:
    start: int
    end: int  # exclusive, without the newline

    def text(self, norm: str) -> str:
        return norm[self.start : self.end]


def parse(
    text: str,
    *,
    source: str = "<text>",
    jurisdiction: str = "",
    jurisdiction_code: str = "",
    year: int | None = None,
    sha256: str = "",
) -> Document:
    """Build a :class:`Document` with its outline from raw ``text``.

    >>> doc = parse("(一)\\n推动工业转型升级\\n激活创新第一动力。新增企业25家。")
    >>> [doc.title_of(s) for s in doc.sections]
    ['推动工业转型升级', '激活创新第一动力']
    """
    doc = Document(
        text,
        source=source,
        jurisdiction=jurisdiction,
        jurisdiction_code=jurisdiction_code,
        year=year,
        sha256=sha256,
    )
    norm = doc.norm
    doc.artefacts = [Span(m.start(), m.end()) for m in ARTEFACT.finditer(norm)]
    lines = _lines(norm, doc.artefacts)
    doc.title = _title(norm, lines)
    if doc.year is None:
        m = YEAR.search(doc.title) or DELIVERED.search(norm, 0, 1000)
        doc.year = int(m.group(1)) if m else None
    paragraphs, kinds = _paragraphs(norm, lines, doc.title)
    doc.paragraphs = paragraphs
    doc.sections = _outline(doc, paragraphs, kinds)
    doc.sentences = [
        Sentence(s.start, s.end, doc.section_at(s.start)) for p in paragraphs for s in _sentences(norm, p)
    ]
    doc.review_spans = _review_spans(doc)
    return doc


def _lines(norm: str, artefacts: list[Span]) -> list[_Line]:
    """Non-empty lines, trimmed of spaces and of artefacts at either end."""
    out: list[_Line] = []
    pos = 0
    for raw in norm.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        changed = True
        while changed and start < end:
            changed = False
            while start < end and norm[start].isspace():
                start += 1
            while end > start and norm[end - 1].isspace():
                end -= 1
            for a in artefacts:
                if a.start == start and a.end <= end:
                    start, changed = a.end, True
                elif a.end == end and a.start >= start:
                    end, changed = a.start, True
        if start < end:
            out.append(_Line(start, end))
    return out


def _title(norm: str, lines: list[_Line]) -> str:
    """The report's title: the first line naming a work report, else the first short line."""
    for line in lines[:5]:
        t = line.text(norm)
        if REPORT_TITLE.search(t) and len(t) <= 60 and _heading(t) is None:
            return t
    first = lines[0].text(norm) if lines else ""
    if first and len(first) <= SHORT_LINE and first[-1] not in TERMINAL and _heading(first) is None:
        return first
    return ""


def _heading(text: str) -> tuple[int, str] | None:
    """(level, number) when the line opens with a numbered heading."""
    for level, pattern in HEADINGS:
        m = pattern.match(text)
        if m:
            return level, m.group(0)
    return None


def _paragraphs(norm: str, lines: list[_Line], title: str) -> tuple[list[Span], list[str]]:
    """Join lines broken mid-sentence; classify each paragraph.

    Kinds: ``title``, ``heading`` (numbered), ``standalone`` (short, no
    terminal punctuation: a box title or a list item), ``body``.
    """
    paragraphs: list[Span] = []
    kinds: list[str] = []
    for line in lines:
        t = line.text(norm)
        if (
            paragraphs
            and kinds[-1] == "body"
            and _heading(t) is None
            and norm[paragraphs[-1].end - 1] not in TERMINAL
        ):
            paragraphs[-1] = Span(paragraphs[-1].start, line.end)  # a line broken mid-sentence
            continue
        if not paragraphs and title and t == title:
            kind = "title"
        elif _heading(t) is not None:
            kind = "heading"
        elif len(t) <= SHORT_LINE and t[-1] not in TERMINAL + ",、":
            kind = "standalone"
        else:
            kind = "body"
        paragraphs.append(Span(line.start, line.end))
        kinds.append(kind)
    return paragraphs, kinds


def _sentences(norm: str, para: Span):
    start = para.start
    for m in SENTENCE_END.finditer(norm, para.start, para.end):
        yield Span(start, m.end())
        start = m.end()
    if start < para.end:
        yield Span(start, para.end)


@dataclass
class _Open:
    id: int
    level: int


def _outline(doc: Document, paragraphs: list[Span], kinds: list[str]) -> list[Section]:
    norm = doc.norm
    # (kind, level, number, title_start, title_end, start) in text order; extents are filled after.
    heads: list[tuple[str, int, str, int, int, int]] = []
    barriers = [a.start for a in doc.artefacts if CONTINUATION.match(norm, a.start)]
    pending_number: tuple[int, str, int] | None = None  # a number alone on its line: title follows
    after_colon = False
    for para, kind in zip(paragraphs, kinds):
        t = norm[para.start : para.end]
        if pending_number is not None:
            level, number, at = pending_number
            pending_number = None
            if kind in ("standalone", "body") and len(t) <= SHORT_LINE * 2:
                end = para.end - 1 if t[-1] in TERMINAL else para.end
                heads.append(("numbered", level, number, para.start, end, at))
                after_colon = False
                continue
        if kind == "heading":
            level, number = _heading(t)  # type: ignore[misc]
            rest_start = para.start + len(number)
            while rest_start < para.end and norm[rest_start].isspace():
                rest_start += 1
            if rest_start >= para.end:
                pending_number = (level, number, para.start)
                continue
            # the title runs to the first 。 (a heading line may go on with body text)
            stop = norm.find("。", rest_start, para.end)
            title_end = stop if stop != -1 else para.end
            if title_end - rest_start > SHORT_LINE * 2:
                title_end = rest_start + SHORT_LINE * 2
            heads.append(("numbered", level, number, rest_start, title_end, para.start))
            if stop != -1:
                _topic_and_enumerations(norm, Span(stop + 1, para.end), heads, opening=False)
            after_colon = False
            continue
        if kind == "standalone":
            if not after_colon and _is_box_title(t):
                heads.append(("box", TOPIC_LEVEL, "", para.start, para.end, para.start))
            else:
                after_colon = True  # consecutive list items
            continue
        after_colon = kind == "body" and t.endswith(":")
        if kind == "body":
            _topic_and_enumerations(norm, para, heads, opening=True)
    return _nest(heads, len(norm), barriers)


def _is_box_title(text: str) -> bool:
    # a list heading carries no clause punctuation and is not a bare number
    return not re.search(r"[,;:、]", text) and not text.isdigit() and len(text) >= 4


def _topic_and_enumerations(norm: str, para: Span, heads: list, *, opening: bool) -> None:
    start = para.start
    enumerations = [
        m
        for m in ENUMERATION.finditer(norm, para.start, para.end)
        if m.start() == para.start or norm[m.start() - 1] in CLAUSE_START
    ]
    if opening and not (enumerations and enumerations[0].start() == para.start):
        m = TOPIC.match(norm, para.start, para.end)
        if m and m.end() < para.end or m and m.end() == para.end and len(m.group(1)) <= 16:
            heads.append(("topic", TOPIC_LEVEL, "", m.start(1), m.end(1), m.start(1)))
            start = m.end()
    for m in enumerations:
        if m.start() >= start:
            heads.append(("enumeration", ENUM_LEVEL, m.group(1), m.start(2), m.end(2), m.start(1)))
    if enumerations:
        heads.append(("_paragraph_end", ENUM_LEVEL, "", para.end, para.end, para.end))


def _nest(heads: list, text_end: int, barriers: list[int]) -> list[Section]:
    """Give each heading its extent and parent.

    A heading governs the text up to the next heading of the same or a
    higher level, the end of an enumeration's paragraph, or a continuation
    artefact, whichever comes first.
    """
    sections: list[Section] = []
    stack: list[Section] = []

    def close(upto: int, min_level: int) -> None:
        while stack and stack[-1].level >= min_level:
            sec = stack.pop()
            sections[sec.id] = Section(**{**sec.__dict__, "end": max(upto, sec.title_end)})

    events = sorted([(h[5], 0, h) for h in heads] + [(b, -1, None) for b in barriers], key=lambda e: (e[0], e[1]))
    for at, _, head in events:
        if head is None:
            close(at, 0)
            continue
        kind, level, number, t_start, t_end, start = head
        if kind == "_paragraph_end":
            close(at, ENUM_LEVEL)
            continue
        close(start, level)
        parent = stack[-1].id if stack else None
        sec = Section(len(sections), kind, level, number, t_start, t_end, start, text_end, parent)
        sections.append(sec)
        stack.append(sec)
    close(text_end, 0)
    return sections


def _review_spans(doc: Document) -> list[Span]:
    """Extents of sections whose titles say they review the past period."""
    spans: list[Span] = []
    for sec in doc.sections:
        if sec.kind == "numbered" and REVIEW_TITLE.search(doc.norm[sec.title_start : sec.title_end]):
            if not PLAN_TITLE.search(doc.norm[sec.title_start : sec.title_end]):
                spans.append(Span(sec.start, sec.end))
    return spans
