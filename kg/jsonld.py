"""A large JSON-LD graph, as ``kg build`` writes it, read a few megabytes at a time.

pyoxigraph's JSON-LD parser holds the whole document before it gives a
triple: 3.1 GB for the 10 MB bench corpus's ``graph.jsonld`` (330 MB).
``kg build`` writes that file as an opening (the ``@context``) that ends
with a ``"@graph": [`` line, one node object per line, and ``]}`` alone on
the last line.  Such a file can be read as a run of small documents, each
the opening, some of its lines and ``]}``, which together hold the file's
triples.

That holds when no node is cut by the end of a batch and no blank node is
named: a node written over several lines is read right when its lines fall
in one batch, but cut, neither part parses; and a blank node's label
(``"_:``) holds only within a document, so one named in two batches could
become two nodes.  A batch that does not parse, a label, or any other
layout raises :class:`NotBatchable`, and the caller reads the file whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

#: Bytes of node lines in one batch.
BATCH = 4 << 20
#: The opening, up to its ``"@graph": [`` line, is at most this long.
HEAD = 1 << 20
#: From this size on, the loaders read a JSON-LD graph in batches (see :func:`load`).
LOAD_IN_BATCHES_FROM = 32 << 20


class NotBatchable(Exception):
    """A JSON-LD graph that cannot be read a batch of lines at a time."""


def head(fh: BinaryIO) -> bytes | None:
    """The opening of the JSON-LD file open as ``fh``, up to its ``"@graph": [`` line, read from ``fh``;
    None when the file does not open that way within :data:`HEAD` bytes."""
    text = b""
    while len(text) < HEAD:
        line = fh.readline(HEAD)
        if not line:
            return None
        text += line
        if line.strip() == b'"@graph": [':
            return text if text.lstrip().startswith(b"{") else None
    return None


def batchable(path: Path) -> bool:
    """Whether the JSON-LD file at ``path`` opens as ``kg build`` writes it (the rest is checked as it is read)."""
    with path.open("rb") as fh:
        return head(fh) is not None


def large(path: Path) -> bool:
    """Whether the JSON-LD file at ``path`` is to be read in batches: :data:`LOAD_IN_BATCHES_FROM` bytes or
    more, and laid out as ``kg build`` writes it (so far as its opening tells)."""
    return path.stat().st_size >= LOAD_IN_BATCHES_FROM and batchable(path)


def documents(path: Path, batch: int | None = None) -> Iterator[bytes]:
    """The JSON-LD file at ``path`` as documents of about ``batch`` bytes of node lines (default :data:`BATCH`).

    Raises :class:`NotBatchable` (perhaps after some documents) for a file not
    laid out as ``kg build`` writes it or with a named blank node.
    """
    batch = BATCH if batch is None else batch
    with path.open("rb") as fh:
        opening = head(fh)
        if opening is None:
            raise NotBatchable
        lines: list[bytes] = []
        size = 0
        for line in fh:
            if line.strip() == b"]}":
                break
            if b'"_:' in line:
                raise NotBatchable
            lines.append(line)
            size += len(line)
            if size >= batch:
                yield _document(opening, lines)
                lines, size = [], 0
        else:
            raise NotBatchable  # no end
        if fh.read(HEAD).strip():
            raise NotBatchable  # something after the graph
        if lines:
            yield _document(opening, lines)


def _document(opening: bytes, lines: list[bytes]) -> bytes:
    body = b"".join(lines).rstrip()
    if body.endswith(b","):
        body = body[:-1]
    return opening + body + b"\n]}"


def quads(path: Path, base_iri: str | None = None, batch: int | None = None) -> Iterator[ox.Quad]:
    """The quads of the JSON-LD file at ``path``, parsed a batch at a time (see :func:`documents`)."""
    for document in documents(path, batch):
        try:
            yield from ox.parse(input=document, format=ox.RdfFormat.JSON_LD, base_iri=base_iri)
        except SyntaxError:
            raise NotBatchable from None


def load(store: ox.Store, path: Path, *, bulk: bool, batch: int | None = None) -> bool:
    """Load the JSON-LD file at ``path`` into the empty ``store`` a batch at a time, if it is
    :data:`LOAD_IN_BATCHES_FROM` bytes or more and laid out as ``kg build`` writes it.

    Each batch goes in with ``bulk_load`` (``bulk``: the faster for an on-disk
    store) or ``load`` (the faster in memory: the 10 MB corpus's graph took 35.6 s
    and 1.2 GB in 4 MB batches with ``load``, 39.3 s in 32 MB ones with
    ``bulk_load``; ``kg query`` loading it whole took 26.1 s and 3.8 GB).
    Returns False, the store left empty, when it did not: the caller loads the
    file whole, which also reports what is wrong with it.
    """
    if not large(path):
        return False
    add = store.bulk_load if bulk else store.load
    try:
        for document in documents(path, batch):
            try:
                add(input=document, format=ox.RdfFormat.JSON_LD)
            except SyntaxError:
                raise NotBatchable from None
    except NotBatchable:
        store.clear()
        return False
    return True
