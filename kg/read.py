"""path -> Document: read the text with the reader its format needs, parse its outline.

The readers live in :mod:`kg.readers` (one per format); the Document keeps
their text exactly and their map back to the source (``Document.origin``).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from .cache import CACHE_DIRNAME
from .document import Document
from .errors import InputError, path_text
from .readers import HTML_SUFFIXES, read
from .structure import parse

# A year in a file's name (yuncheng-2023-summary.txt): the report's year when its text states none.
YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
#: What a directory named as an input stands for: the files below it with these suffixes, in any case.
REPORT_SUFFIXES = (".txt", *HTML_SUFFIXES, ".docx", ".pdf")


def expand_inputs(
    inputs: Iterable[str | os.PathLike], *, exclude: str | os.PathLike | None = None
) -> tuple[list[Path], list[InputError]]:
    """The files ``inputs`` name, and an error for each directory that yields none.

    A file (or anything not a directory) is kept as given: the reader says
    what is wrong with it.  A directory stands for every file below it with
    a suffix of :data:`REPORT_SUFFIXES`, in path order.  Names starting with
    ``.`` (hidden files, ``.kgcache``) are skipped, as are the tree
    ``exclude`` (a build's own output directory, whose ``graph.html`` is no
    report), any other build's output directory below a named one (it holds
    a ``.kgcache``) and links to directories.  A file reached twice by the same
    absolute path -- named and inside a named directory, say -- is kept
    once, where first reached (links are not resolved: that would cost a
    system call per path component of every file).
    """
    skip = os.path.realpath(exclude) if exclude is not None else None
    files: list[Path] = []
    errors: list[InputError] = []
    seen: set[str] = set()

    def keep(path: Path) -> None:
        absolute = os.path.abspath(path)
        if absolute not in seen:
            seen.add(absolute)
            files.append(path)

    for given in inputs:
        top = Path(given)
        if not top.is_dir():
            keep(top)
            continue
        if os.path.realpath(top) == skip:
            errors.append(InputError(top, "is the output directory, not a directory of reports"))
            continue
        found = 0
        unreadable: list[OSError] = []
        for root, dirs, names in os.walk(top, onerror=unreadable.append):
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and os.path.realpath(os.path.join(root, d)) != skip
                and not os.path.isdir(os.path.join(root, d, CACHE_DIRNAME))  # an earlier build's outputs
            )
            for name in sorted(names):
                if not name.startswith(".") and os.path.splitext(name)[1].lower() in REPORT_SUFFIXES:
                    keep(Path(root, name))
                    found += 1
        errors += [InputError(exc.filename, f"cannot be read ({exc.strerror or exc})") for exc in unreadable]
        if not found and not unreadable:
            errors.append(InputError(top, f"no report files in this directory ({' '.join(REPORT_SUFFIXES)})"))
    return files, errors


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
    doc = parse(extracted.text, source=path_text(path), year=year, sha256=hashlib.sha256(raw).hexdigest())
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
    elif (town := gaz.detect_town(doc.text, doc.title)) is not None:
        # a town's report: the town is its jurisdiction, the county it is in the place the gazetteer knows
        doc.jurisdiction, county = town
        doc.jurisdiction_code = county.adcode if county is not None else ""
        return
    else:
        division = gaz.detect_jurisdiction(doc.text, doc.title)
    if division is not None:
        doc.jurisdiction = division.name
        doc.jurisdiction_code = division.adcode
