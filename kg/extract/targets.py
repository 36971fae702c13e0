"""Targets: quantified goals of the coming period (新增高新技术企业25家)."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..model import Mention
from . import extractor
from .quantity import is_outcome, mention, quantities


@extractor("targets")
def targets(doc: Document) -> Iterator[Mention]:
    for q in quantities(doc):
        if not is_outcome(doc, q):
            yield mention(doc, q, "Target")
