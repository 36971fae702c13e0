"""Outcomes: quantified results the report says were achieved (完成投资6099亿元)."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..model import Mention
from . import extractor
from .quantity import is_outcome, mention, quantities


@extractor("outcomes")
def outcomes(doc: Document) -> Iterator[Mention]:
    for q in quantities(doc):
        if is_outcome(doc, q):
            yield mention(doc, q, "Outcome")
