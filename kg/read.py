"""path -> Document: read the text with the reader its format needs, parse its outline.

The readers live in :mod:`kg.readers` (one per format); the Document keeps
their text exactly and their map back to the source (``Document.origin``).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from .document import Document
from .errors import InputError
from .readers import read
from .structure import parse

# A year in a file's name (yuncheng-2023-summary.txt): the report's year when its text states none.
YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def read_text(path: str | os.PathLike) -> tuple[str, bytes]:
    """The clean text of ``path`` (any supported format) and its raw bytes."""
    extracted, raw = read(path)
    return extracted.text, raw


def load(
    path: str | os.PathLike,
    *,
    jurisdiction: str | None = None,
    year: int | None = None,
) -> Document:
    """Read ``path`` and parse it into a :class:`Document`.

    ``jurisdiction`` (a division's name, full or short) overrides the one
    found in the text; ``year`` overrides the one the text states, and a
    year in the file's name is used when the text states none.
    """
    extracted, raw = read(path)
    doc = parse(extracted.text, source=str(path), year=year, sha256=hashlib.sha256(raw).hexdigest())
    if doc.year is None:
        named = YEAR_IN_NAME.search(Path(path).stem)
        doc.year = int(named.group(1)) if named else None
    doc.origin = list(extracted.origin)
    doc.origin_unit = extracted.unit
    doc.format = extracted.format
    set_jurisdiction(doc, jurisdiction)
    return doc


def set_jurisdiction(doc: Document, name: str | None = None) -> None:
    """Fill ``doc.jurisdiction`` from ``name`` or, when absent, from the text."""
    from .gazetteer import Gazetteer

    gaz = Gazetteer.load()
    if name:
        candidates = gaz.lookup(name)
        if not candidates:
            raise InputError(doc.source, f"unknown jurisdiction {name!r}: not an administrative division")
        division = candidates[0]
    else:
        division = gaz.detect_jurisdiction(doc.text, doc.title)
    if division is not None:
        doc.jurisdiction = division.name
        doc.jurisdiction_code = division.adcode
