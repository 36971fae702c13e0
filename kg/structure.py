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
from collections import Counter
from dataclasses import dataclass

from .document import Document, Section, Sentence, Span

# Newspaper furniture: (上接05版), (下转第3版), （转A2版）, 【紧接第一版】.  Not part of any title or sentence.
ARTEFACT = re.compile(
    r"[(\[【](?:上接|下转|紧接|接上|转|接|续)第?\s*[A-Za-z]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*版[)\]】]"
)
# An artefact that continues an article from another page: whatever outline was
# open before it does not govern the text after it.
CONTINUATION = re.compile(r"[(\[【](?:上接|紧接|接上|续)")

CN_NUM = "一二三四五六七八九十百零〇"
# Numbered headings by level, as official documents number them:
# 第一部分 > 一、 > (一) > 1. > (1).  Levels only order the nesting, so a
# report that skips one (一、 then 1.) nests the same way.
HEADINGS = (
    (0, re.compile(rf"第[{CN_NUM}]{{1,3}}(?:部分|篇|章)\s*")),
    (1, re.compile(rf"[{CN_NUM}]{{1,3}}\s*、")),
    (2, re.compile(rf"\(\s*[{CN_NUM}]{{1,3}}\s*\)")),
    (3, re.compile(r"\d{1,2}\s*[.、](?!\d)")),
    (4, re.compile(r"\(\s*\d{1,2}\s*\)")),
)
TOPIC_LEVEL = 5
ENUM_LEVEL = 6

# A paragraph-opening topic phrase: short, no internal clause punctuation, ends with 。 It may follow
# a dash or an ordinal word that numbers the paragraphs (第一,加快构建现代产业体系。 首先,……。).
TOPIC = re.compile(
    rf"(?:——|--|—|第[{CN_NUM}]{{1,3}}\s*[,、]|(?:首先|其次|再次|最后)\s*,)?\s*([^。,;:!?、]{{3,24}}?)。"
)
# An item number (1. or (1)) may open the work itself instead of a title (5.落实粮食安全党政同责,严格耕地保护
# 制度,新建高标准农田30万亩。): a first sentence of several clauses, a long one, or one stating an amount
# is no heading (titles: 坚持产业强市,加快构建“965”现代化产业体系; 办好10件惠民实事).
ITEM_LEVEL = 3
ITEM_TITLE_MAX = 40
ITEM_AMOUNT = re.compile(r"\d[\d.]*\s*(?:%|万|亿|倍)")
# A dash marks a paragraph as an item of a list of headings, so its topic phrase may hold a comma between
# the line of work and its result (——坚持制造业当家,产业发展韧性更强。), as a numbered heading may.
DASHED_TOPIC = re.compile(r"(?:——|--|—)\s*([^。,;:!?、]{2,16},[^。,;:!?、]{2,16})。")
# A short opening sentence that narrates instead of naming a line of work:
# 我们主要做了以下工作。 2023年是全面贯彻党的二十大精神的开局之年。
# A sentence stating an amount (增长5%。) reports a number, it does not head a line of work.
NARRATIVE = re.compile(
    r"^(?:\d|今年|去年|明年|过去|当前|目前|这|各位)|我们|了|是|如下|以下|\d[\d.]*\s*(?:%|万|亿|倍)|"
    r"\d[\d.]*\s*[个家项](?:以上|左右)?$"
)
# Item numbers that enumerate inside a paragraph as 一是 does (……。(2)办好教育卫生。, ……;②落实援企稳岗政策,).
INLINE_NUMBER = r"\([\d一二三四五六七八九十]{1,2}\)|[\u2460-\u2473\u2776-\u277f]"
# Enumerations inside a paragraph: 一是……, and in older reports 一要……  The title runs to the first clause mark.
# Only counted where a clause begins (paragraph start or after 。;:), see _enumerations.
ENUMERATION = re.compile(rf"([{CN_NUM}]{{1,3}}[是要]|{INLINE_NUMBER})([^。;,:]{{2,40}})(?=[。;,:])")
INLINE_NUMBER_RE = re.compile(INLINE_NUMBER)
# What an item that heads something goes on with after its title: words.
ITEM_BODY = re.compile(r"[\u4e00-\u9fff\w]")
AMOUNT = re.compile(r"\d")
CLAUSE_START = "。;:"
# Sentence ends.  ; ends a sentence too: reports use it between independent clauses.
SENTENCE_END = re.compile(r"[。!?;]+[”’\"]?")
TERMINAL = "。!?;:"
# A standalone line this short without terminal punctuation is a heading or a list item.
SHORT_LINE = 40
# Standalone lines that are newspaper furniture or the report's front matter, never a box title.
NOT_BOX = re.compile(
    r"^(?:——|--|—)|人民代表大会|会议上|^各位代表|(?:代?市长|代?省长|县长|区长|主席)\s*\S{2,4}$|"
    r"名词解释|相关链接|延伸阅读|链接|图表|数读|记者|编辑|来源|制图|摄影|^\d+$"
)
# The speaker turning to the delegates: the closing address opens so (各位代表!新征程催人奋进……).
ADDRESS = re.compile(r"各位代表|同志们")
# Headings that review the past period rather than plan the coming one.
REVIEW_TITLE = re.compile(
    r"回顾|过去.{0,4}年|去年|上年|五年来|一年来|工作总结|主要成绩|取得的成[绩效]|工作成效|回眸"
)
PLAN_TITLE = re.compile(
    r"工作安排|主要任务|总体要求|目标任务|预期目标|奋斗目标|重点工作|重点任务|今年|明年|今后|未来|工作建议|工作部署"
)
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# The date line under a report's title: 2023年1月10日在运城市第五届人民代表大会第三次会议上
DELIVERED = re.compile(r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在.{0,40}?人民代表大会")
# A review or plan heading that names its year: 2022年工作回顾 (report of 2023), 2023年工作安排.
YEAR_REVIEW = re.compile(r"((?:19|20)\d{2})\s*年(?:工作)?(?:回顾|总结)")
YEAR_PLAN = re.compile(r"((?:19|20)\d{2})\s*年(?:的)?(?:工作安排|重点工作|主要任务|工作任务|目标任务)")
REPORT_TITLE = re.compile(r"政\s*府\s*工\s*作\s*报\s*告")
# Hard-wrapped text (newspaper columns, copied PDFs): this many lines of one
# common length mark the wrap width; a line that long continues on the next.
WRAP_MIN_LINES = 5
WRAP_MIN_SHARE = 0.3
WRAP_MIN_WIDTH = 12


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
    paragraphs, kinds = _paragraphs(norm, lines, doc.title)
    doc.paragraphs = paragraphs
    doc.sections = _outline(doc, paragraphs, kinds)
    if doc.year is None:
        doc.year = _year(doc)
    doc.sentences = [
        Sentence(s.start, s.end, doc.section_at(s.start))
        for p in paragraphs
        for s in _sentences(norm, p, doc.artefacts)
    ]
    period = periods(doc)
    doc.review_spans = [
        Span(sec.start, sec.end)
        for sec in doc.sections
        if period[sec.id] == "review" and (sec.parent is None or period[sec.parent] != "review")
    ]
    return doc


def _year(doc: Document) -> int | None:
    """The year the report plans for, when the text states it.

    The title (2023年政府工作报告), the date line under it, or a heading that
    names the year reviewed (2022年工作回顾 → 2023) or planned (2023年工作安排).
    """
    m = YEAR.search(doc.title) or DELIVERED.search(doc.norm, 0, 1000)
    if m:
        return int(m.group(1))
    for sec in doc.sections:
        title = doc.norm[sec.title_start : sec.title_end]
        if m := YEAR_PLAN.search(title):
            return int(m.group(1))
        if m := YEAR_REVIEW.search(title):
            return int(m.group(1)) + 1
    return None


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


def _wrap_width(norm: str, lines: list[_Line]) -> int | None:
    """The width text was hard-wrapped at, if it was: many lines of one common length."""
    lengths = Counter(line.end - line.start for line in lines)
    if not lengths:
        return None
    width, count = max(lengths.items(), key=lambda kv: (kv[1], kv[0]))
    if width >= WRAP_MIN_WIDTH and count >= WRAP_MIN_LINES and count >= WRAP_MIN_SHARE * len(lines):
        return width
    return None


def _paragraphs(norm: str, lines: list[_Line], title: str) -> tuple[list[Span], list[str]]:
    """Join lines broken mid-sentence; classify each paragraph.

    Kinds: ``title``, ``heading`` (numbered), ``standalone`` (short, no
    terminal punctuation: a box title or a list item), ``body``.  A line
    continues the paragraph before it when that one stops mid-sentence: a
    body line without terminal punctuation, or (in hard-wrapped text) any
    line filled to the wrap width.
    """
    paragraphs: list[Span] = []
    kinds: list[str] = []
    width = _wrap_width(norm, lines)
    previous: _Line | None = None
    for line in lines:
        t = line.text(norm)
        if (
            paragraphs
            and _heading(t) is None
            and norm[paragraphs[-1].end - 1] not in TERMINAL
            and (
                kinds[-1] == "body"
                or width is not None and previous is not None and previous.end - previous.start >= width - 1
            )
        ):
            paragraphs[-1] = Span(paragraphs[-1].start, line.end)  # a line broken mid-sentence
            if kinds[-1] == "standalone":
                kinds[-1] = "body"
            previous = line
            continue
        previous = line
        if not paragraphs and title and t == title:
            kind = "title"
        elif _heading(t) is not None:
            kind = "heading"
        elif len(t) <= SHORT_LINE and not any(c in TERMINAL for c in t) and t[-1] not in ",、":
            kind = "standalone"
        else:
            kind = "body"
        paragraphs.append(Span(line.start, line.end))
        kinds.append(kind)
    return paragraphs, kinds


def _sentences(norm: str, para: Span, artefacts: list[Span] = ()):
    """Sentences of a paragraph; an artefact inside it (a page turn) is cut out."""
    pieces: list[Span] = []
    start = para.start
    for a in artefacts:
        if para.start <= a.start and a.end <= para.end:
            pieces.append(Span(start, a.start))
            start = a.end
    pieces.append(Span(start, para.end))
    for piece in pieces:
        start = piece.start
        ends = [m.end() for m in SENTENCE_END.finditer(norm, piece.start, piece.end)]
        for end in [*ends, piece.end]:
            while start < end and norm[start].isspace():
                start += 1
            stop = end
            while stop > start and norm[stop - 1].isspace():
                stop -= 1
            if start < stop:
                yield Span(start, stop)
            start = end


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
    # Front matter (title, date line, speaker) comes before the first heading or body paragraph.
    preamble = True
    for n, (para, kind) in enumerate(zip(paragraphs, kinds)):
        if kind in ("heading", "body"):
            preamble = False
        t = norm[para.start : para.end]
        if pending_number is not None:
            level, number, at = pending_number
            pending_number = None
            stop = norm.find("。", para.start, para.end)
            if kind in ("standalone", "body") and (stop != -1 and stop - para.start <= SHORT_LINE * 2 or len(t) <= SHORT_LINE * 2):
                end = stop if stop != -1 else para.end
                while end > para.start and norm[end - 1] in TERMINAL + ", ":
                    end -= 1
                heads.append(("numbered", level, number, para.start, end, at))
                if stop != -1:
                    _topic_and_enumerations(norm, Span(stop + 1, para.end), heads, opening=False)
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
            if level >= ITEM_LEVEL and _ordinary_sentence(norm[rest_start:title_end]):
                heads.append(("_untitled", level, number, para.start, para.start, para.start))
                _topic_and_enumerations(norm, Span(rest_start, para.end), heads, opening=False)
                after_colon = False
                continue  # an item that opens with its work, not a title: it ends the items before, heads nothing
            if title_end - rest_start > SHORT_LINE * 2:
                title_end = rest_start + SHORT_LINE * 2
            while title_end > rest_start and norm[title_end - 1] in TERMINAL + ", ":
                title_end -= 1  # 二、2023年工作安排：
            heads.append(("numbered", level, number, rest_start, title_end, para.start))
            if stop != -1:
                _topic_and_enumerations(norm, Span(stop + 1, para.end), heads, opening=False)
            after_colon = False
            continue
        if kind == "standalone":
            if not after_colon and not preamble and _is_box_title(t):
                heads.append(("box", TOPIC_LEVEL, "", para.start, para.end, para.start))
            else:
                after_colon = True  # consecutive list items
            continue
        after_colon = kind == "body" and t.endswith(":")
        if kind == "body" and (PROBLEMS.match(t) or ADDRESS.match(t)):
            # (and one that turns to the delegates: 各位代表!过去一年取得的成绩,…)
            heads.append(("_problems", 0, "", para.start, para.start, para.start))
        elif kind == "body" and SUMMING_UP.match(t):
            heads.append(("_summing_up", 0, "", para.start, para.start, para.start))
        if kind == "body":
            _topic_and_enumerations(norm, para, heads, opening=True, heads_more=n + 1 < len(paragraphs))
    closing = _closing_address(norm, paragraphs, kinds, heads)
    return _nest(_restarts_nested(heads), len(norm), barriers if closing is None else [*barriers, closing])


# The paragraph that closes a review with its difficulties (在肯定成绩的同时,我们也清醒地看到…), or turns to the
# delegates (各位代表!过去一年取得的成绩,…): it speaks of the whole period reviewed, not of the last item before it.
PROBLEMS = re.compile(r"^[^。]{0,30}?(?:我们|同时)[^。]{0,6}?清醒(?:地)?(?:看到|认识到)")
# ... and so does one that sums the year or the period up (一年来, 五年来, 刚刚过去的2022年, 回顾“十一五”以来的四年,…)
# or the other fields of work the year saw done, or lists the year's practical matters for the people
# (今年,市政府将集中力量办好10件民生实事:…) after the last item of its part; before another item it is the
# item's own (（六）着力保障和改善民生 … 继续办好十件民生实事:… （七）…).
SUMMING_UP = re.compile(
    r"^(?:[一二三四五两]年来|过去[一二三四五]?年|刚刚过去的(?:\d{4}年|一年)|回顾[^。,，]{0,12})[,，]"
    r"|^[^。:：]{0,30}?(?:民生实事|为民办实事)[^。:：]{0,10}[:：]"
    # ... or the other fields of work done (同时,国防动员、民族宗教、…等工作取得新进步)
    r"|^(?:同时|此外|另外)[,，][^。:：]{0,100}?等(?:各项)?(?:工作|事业)[^。]{0,4}取得"
)
# The level of a sequence of 一、 headings that starts again under the 一、 heading before it.
RESTARTED_LEVEL = 1.5


def _restarts_nested(heads: list) -> list:
    """A sequence of 一、 headings that starts again after 二、 or later, with no part (第一部分) between, is the
    tasks of the heading before it (二、2024年工作安排 followed by 一、坚定推进…, 二、…): its headings go one
    step below, until one goes on with the outer numbers (三、 after the tasks' 九、)."""
    out, outer, inner = [], 0, None  # the last number of the outer sequence, and of the nested one
    for head in heads:
        kind, level, number = head[:3]
        if kind == "numbered" and level == 0:
            outer, inner = 0, None
        elif kind == "numbered" and level == 1:
            n = _chinese_number(number)
            if inner is None and n == 1 and outer >= 2:
                inner = 0
            if inner is not None and n == outer + 1 and n != inner + 1:
                inner = None  # back to the outer sequence
            if inner is None:
                outer = n
            else:
                inner = n
                head = (kind, RESTARTED_LEVEL, *head[2:])
        out.append(head)
    return out


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


def _chinese_number(number: str) -> int:
    """The value of a heading's number (十一、 is 11), 0 when it is none."""
    digits = [c for c in number if c in _DIGITS or c in "十百"]
    value, current = 0, 0
    for c in digits:
        if c == "百":
            value, current = value + (current or 1) * 100, 0
        elif c == "十":
            value, current = value + (current or 1) * 10, 0
        else:
            current = _DIGITS[c]
    return value + current


def _closing_address(norm: str, paragraphs: list[Span], kinds: list[str], heads: list) -> int | None:
    """Where the closing address begins (各位代表!……让我们……): the last body paragraph that turns to the
    delegates, after every numbered heading.  It speaks for the whole report, under no heading."""
    last_numbered = max((h[5] for h in heads if h[0] in ("numbered", "box")), default=-1)
    for para, kind in zip(reversed(paragraphs), reversed(kinds)):
        if para.start <= last_numbered:
            return None
        if kind == "body" and ADDRESS.match(norm, para.start):
            return para.start
    return None


def _ordinary_sentence(title: str) -> bool:
    """Is an item's first sentence ``title`` an ordinary sentence rather than its title (:data:`ITEM_LEVEL`)?"""
    commas = title.count(",")
    return commas >= 2 or len(title) > ITEM_TITLE_MAX or commas == 1 and ITEM_AMOUNT.search(title) is not None


def _is_box_title(text: str) -> bool:
    # a list heading carries no clause punctuation and is not a bare number or furniture
    return not re.search(r"[,;:、]", text) and len(text) >= 4 and not NOT_BOX.search(text)


def _topic_and_enumerations(norm: str, para: Span, heads: list, *, opening: bool, heads_more: bool = True) -> None:
    """The topic phrase opening ``para`` (when ``opening``) and its enumerations (一是……), added to ``heads``.

    A paragraph that is one short sentence is a topic heading where a
    paragraph follows for it to head (``heads_more``), or where a dash marks
    it as an item of a list of headings (——改革开放取得新突破。); the last line
    of a text otherwise (谢谢大家。, or the whole of 天气晴。) heads nothing.
    """
    start = para.start
    enumerations = _enumerations(norm, para)
    if opening and not (enumerations and enumerations[0].start() == para.start):
        m = DASHED_TOPIC.match(norm, para.start, para.end) or TOPIC.match(norm, para.start, para.end)
        if m and NARRATIVE.search(m.group(1)):
            m = None
        dashed = m and norm[m.start() : m.start(1)].strip() != ""  # the dash or ordinal TOPIC allows before it
        alone = m and m.end() == para.end and len(m.group(1)) <= 16 and (heads_more or dashed)
        if m and m.end() < para.end or alone:
            heads.append(("topic", TOPIC_LEVEL, "", m.start(1), m.end(1), m.start(1)))
            start = m.end()
            if dashed and not alone:
                # a dash marks an item of a list: the item is its paragraph, what follows the list is not its
                # (——民生福祉持续改善。…  then 2015年,我们… under the review)
                heads.append(("_paragraph_end", TOPIC_LEVEL, "", para.end, para.end, para.end))
    for m in enumerations:
        if m.start() >= start:
            heads.append(("enumeration", ENUM_LEVEL, m.group(1), m.start(2), m.end(2), m.start(1)))
    if enumerations:
        heads.append(("_paragraph_end", ENUM_LEVEL, "", para.end, para.end, para.end))


def _enumerations(norm: str, para: Span) -> list[re.Match]:
    """The items of ``para``'s enumerations (一是……二是……) that head something.

    A series starts where a clause begins (the paragraph's start, or after 。;:) and goes on
    through items after a comma (一是…,二是…).  An item whose title is a sentence heads what
    follows it (二是做好龙头企业培育文章。实施…).  Items whose titles are clauses head the words
    they go on with (一是稳定粮食生产,全年粮食产量稳定在100万吨;) where each of them goes on; where
    one is a clause and nothing more (一是抓好周边管控,二是…,三是…,实现…) the series is the lines
    of one sentence, and none of them heads anything.
    """
    series: list[re.Match] = []
    for m in ENUMERATION.finditer(norm, para.start, para.end):
        before = norm[m.start() - 1] if m.start() > para.start else ""
        if not (m.start() == para.start or before in CLAUSE_START or (before == "," and series)):
            continue
        # an item number before an amount numbers a commitment, not a line of work ((2)为8000名妇女提供…)
        if INLINE_NUMBER_RE.fullmatch(m.group(1)) and AMOUNT.search(m.group(2)):
            continue
        series.append(m)
    ends = [m.start() for m in series[1:]] + [para.end]
    sentences = [norm.startswith("。", m.end()) for m in series]
    bodies = [bool(ITEM_BODY.search(norm, m.end() + 1, end)) for m, end in zip(series, ends)]
    clauses_go_on = all(body for body, sentence in zip(bodies, sentences) if not sentence)
    return [m for m, body, sentence in zip(series, bodies, sentences) if body and (sentence or clauses_go_on)]


def _nest(heads: list, text_end: int, barriers: list[int]) -> list[Section]:
    """Give each heading its extent and parent.

    A heading governs the text up to the next heading of the same or a
    higher level, an item of its level without a title, the end of an
    enumeration's or a dash-led item's paragraph, a continuation artefact or
    the closing address (``barriers``), whichever comes first.
    """
    sections: list[Section] = []
    stack: list[Section] = []

    def close(upto: int, min_level: int) -> None:
        while stack and stack[-1].level >= min_level:
            sec = stack.pop()
            sections[sec.id] = Section(**{**sec.__dict__, "end": max(upto, sec.title_end)})

    events = sorted([(h[5], 0, h) for h in heads] + [(b, -1, None) for b in barriers], key=lambda e: (e[0], e[1]))
    for k, (at, _, head) in enumerate(events):
        if head is None:
            close(at, 0)
            continue
        kind, level, number, t_start, t_end, start = head
        if kind == "_summing_up" and stack:
            following = next((e[2] for e in events[k + 1 :] if e[2] is None or not e[2][0].startswith("_")), None)
            if following is not None and following[1] > stack[0].level:
                continue  # another item of the part follows: the paragraph is its item's
            kind = "_problems"
        if kind == "_problems":
            if stack:
                close(at, stack[0].level + 0.5)  # the difficulties of the whole part, under its heading alone
            continue
        if kind in ("_paragraph_end", "_untitled"):
            close(at, level)  # an item's paragraph ends, or an item without a title ends the items before it
            continue
        close(start, level)
        parent = stack[-1].id if stack else None
        sec = Section(len(sections), kind, level, number, t_start, t_end, start, text_end, parent)
        sections.append(sec)
        stack.append(sec)
    close(text_end, 0)
    return sections


def periods(doc: Document) -> list[str | None]:
    """For each section, ``"review"``, ``"plan"`` or ``None`` (the outline does not say).

    A heading's title decides (过去五年工作回顾 → review; 2023年工作安排,
    今后五年的奋斗目标 → plan; a year before the report's → review).  A
    numbered section with no such word follows its classified ancestor, or
    else a plan section before it at the same level and under the same parent
    (三、加强政府自身建设 after 二、今年工作安排 is still the plan).
    """
    out: list[str | None] = []
    last_plan: dict[tuple[int | None, int], bool] = {}
    for sec in doc.sections:
        period = _title_period(doc, doc.norm[sec.title_start : sec.title_end]) if sec.kind == "numbered" else None
        if period is None and sec.parent is not None:
            period = out[sec.parent]
        sibling = (sec.parent, sec.level)
        if period is None and sec.kind == "numbered" and last_plan.get(sibling):
            period = "plan"
        if sec.kind == "numbered":
            last_plan[sibling] = period == "plan"
        out.append(period)
    return out


def _title_period(doc: Document, title: str) -> str | None:
    if PLAN_TITLE.search(title):
        return "plan"
    if REVIEW_TITLE.search(title):
        return "review"
    m = YEAR.search(title)
    if m and doc.year is not None:
        return "review" if int(m.group(1)) < doc.year else "plan"
    return None


def period_at(doc: Document, offset: int) -> str | None:
    """Whether ``offset`` lies in a review or a plan part of the outline (None: unknown)."""
    section = doc.section_at(offset)
    if section is None:
        return None
    cached = doc.__dict__.get("_periods")
    if cached is None or len(cached) != len(doc.sections):
        cached = doc.__dict__["_periods"] = periods(doc)
    return cached[section]
