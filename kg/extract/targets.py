"""Targets: quantified goals of the coming period (新增高新技术企业25家)."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..model import Mention
from . import extractor
from .quantity import classified, mention


@extractor("targets")
def targets(doc: Document) -> Iterator[Mention]:
    for q, outcome in classified(doc):
        if not outcome:
            yield mention(doc, q, "Target")
