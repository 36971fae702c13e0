"""path -> Document: read the raw text, keep it exactly, parse its outline."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .document import Document
from .errors import InputError
from .structure import parse


def read_text(path: str | os.PathLike) -> tuple[str, bytes]:
    """The text of ``path`` and its raw bytes.  UTF-8 (with or without BOM) for now."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not a report file")
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(path, "file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start})") from None
    return text, raw


def load(
    path: str | os.PathLike,
    *,
    jurisdiction: str | None = None,
    year: int | None = None,
) -> Document:
    """Read ``path`` and parse it into a :class:`Document`.

    ``jurisdiction`` (a division's name, full or short) overrides the one
    found in the text; ``year`` overrides the one stated in the title.
    """
    text, raw = read_text(path)
    doc = parse(text, source=str(path), year=year, sha256=hashlib.sha256(raw).hexdigest())
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
