"""Initiatives: the report's own headings, read from the outline.

Every section of :mod:`kg.structure` -- numbered titles, paragraph-opening
topic phrases, enumerations (一是……) and boxed lists -- names one
initiative.  An enumeration is also known with its ordinal (二是做好…), and a
heading that opens with a count (4件市级实事暖民心) is also known by that count
where the text repeats it (再增加4件市级实事:).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..model import Mention, attrs
from . import extractor
from .quantity import QUANTITY

# The repeated short form must carry at least this many characters after the count.
SHORT_FORM_MIN_TAIL = 2


@extractor("initiatives")
def initiatives(doc: Document) -> Iterator[Mention]:
    for sec in doc.sections:
        title = doc.title_of(sec).strip()
        if len(title) < 2:
            continue
        # an enumeration's span keeps its ordinal, so 二是做好… survives as an alias
        start = sec.start if sec.kind == "enumeration" else sec.title_start
        yield Mention(doc.id, "Initiative", start, sec.title_end, doc.text[start : sec.title_end], title,
                      attrs(section=sec.id))
        yield from _short_forms(doc, sec, title)


def _short_forms(doc: Document, sec, title: str) -> Iterator[Mention]:
    """Where the text repeats the count a heading opens with: 4件市级实事 for 4件市级实事暖民心."""
    norm = doc.norm
    count = QUANTITY.match(norm, sec.title_start, sec.title_end)
    if count is None or not count.group(5):
        return
    head = norm[sec.title_start : count.end() + SHORT_FORM_MIN_TAIL]
    at = norm.find(head)
    while at != -1:
        if not sec.title_start <= at < sec.title_end:
            end = at + len(head)
            limit = at + (sec.title_end - sec.title_start)
            while end < min(limit, len(norm)) and norm[end] == norm[sec.title_start + end - at]:
                end += 1
            yield Mention(doc.id, "Initiative", at, end, doc.text[at:end], doc.text[at:end],
                          attrs(section=sec.id, canonical=title))
        at = norm.find(head, at + 1)
