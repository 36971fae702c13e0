"""Outcomes: quantified results the report says were achieved (完成投资6099亿元)."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..model import Mention
from . import extractor
from .quantity import classified, mention


@extractor("outcomes")
def outcomes(doc: Document) -> Iterator[Mention]:
    for q, outcome in classified(doc):
        if outcome:
            yield mention(doc, q, "Outcome")
