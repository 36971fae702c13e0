"""Initiatives: the report's own headings, read from the outline.

Every section of :mod:`kg.structure` -- numbered titles, paragraph-opening
topic phrases, enumerations (一是……) and boxed lists -- names one
initiative.  An enumeration is also known with its ordinal (二是做好…).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..model import Mention, attrs
from . import extractor


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
