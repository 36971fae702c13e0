"""A graph file kept in an on-disk Oxigraph store, so that each ``kg query`` need not load it again.

Loading the 50 MB corpus's ``graph.nt`` (18M triples) into memory takes
82 to 139 s (benchmark runs C to W) and 6.4 GB, for every ``kg query``.  With ``--store DIR`` the
first query loads the file into a RocksDB store in ``DIR`` once (106 to
123 s, 2.4 GB of disk and 1.6 to 1.8 GB of memory at that size); later
queries open it in milliseconds.  Queries that touch a few thousand triples
then take under a second, a whole ``kg query`` included; those that scan
much of the graph run 3 to 6 times slower than in memory, as they read from
disk (``bench/query_store.py``; the README's Querying).

``DIR`` records which file it holds (``govkg-store.json``: the file's
absolute path, size, modification time and inode, and the pyoxigraph
version).  When the file has changed since -- a rebuild renames a new one
into place -- the next query loads it again.  A load goes to a temporary
directory beside ``DIR`` that replaces it only when complete, under a lock
so that two queries do not load the same file at once; one left by a process
stopped midway is deleted by the next load.  A directory that
is neither empty nor a store made here is never replaced.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox

from . import sideproc
from .errors import QueryError, one_line, path_text
from .fsutil import CANNOT_LOCK, atomic_write

#: The file in a store directory that names the graph file it holds.
MANIFEST = "govkg-store.json"
#: Suffixes of the directories beside a store: a load under way, and a replaced store being deleted.
LOADING, RETIRED = ".tmp", ".old"


def identity(graph: Path) -> dict:
    """What a store must have recorded to hold the current version of the file ``graph``."""
    info = graph.stat()
    return {
        "graph": os.path.abspath(graph),
        "size": info.st_size,
        "mtime_ns": info.st_mtime_ns,
        "inode": info.st_ino,
        "device": info.st_dev,
        "pyoxigraph": ox.__version__,
    }


def recorded(directory: Path) -> dict | None:
    """The identity ``directory`` recorded when it was loaded; None if it is no store made here."""
    try:
        return json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def prepare(graph: Path, directory: Path, *, log: Callable[[str], None] | None = None) -> Path:
    """``directory``, holding ``graph`` in an Oxigraph store: loaded now if it does not hold this version of it."""
    from .query import graph_format

    graph, directory = Path(graph), Path(directory)
    fmt = graph_format(graph)
    try:
        wanted = identity(graph)
    except OSError as exc:
        raise QueryError(f"{path_text(graph)}: cannot be read ({exc.strerror or exc})") from None
    if recorded(directory) == wanted:
        return directory
    try:
        return _load(graph, fmt, wanted, directory, log)
    except OSError as exc:  # the directory or its parent: read-only, below a file, unusable (in /proc, say)
        if isinstance(exc, FileExistsError):  # mkdir of a parent that is a file
            problem = f"{path_text(exc.filename)} is a file, not a directory"
        else:
            problem = exc.strerror or str(exc)
        raise QueryError(f"{path_text(directory)}: cannot keep a store there ({problem})") from None


def _load(graph: Path, fmt: ox.RdfFormat, wanted: dict, directory: Path, log: Callable[[str], None] | None) -> Path:
    """:func:`prepare`'s load of ``graph`` into ``directory``, under the directory's lock."""
    with _locked(directory):
        if recorded(directory) == wanted:  # loaded by another process while this one waited
            return directory
        _check_replaceable(directory)
        _remove_leftovers(directory)
        if log is not None:
            log(f"loading {graph} into the store {directory} (later queries open it at once)")
        started = time.perf_counter()
        fresh = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", suffix=LOADING, dir=directory.parent))
        try:
            try:  # in a thread of its own, so that Ctrl-C stops the command at once (see kg.sideproc)
                sideproc.in_thread(_fill, fresh, graph, fmt).result()
            except OSError as exc:  # RocksDB's: a full disk, say (its message names the file)
                raise QueryError(f"{directory}: cannot load {graph} into the store ({exc})") from None
            atomic_write(fresh / MANIFEST, json.dumps(wanted, ensure_ascii=False, indent=1) + "\n")
            _swap(fresh, directory)
        except KeyboardInterrupt:
            raise  # the load may still be writing there: the next load deletes it (_remove_leftovers)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        if log is not None:
            log(f"loaded in {time.perf_counter() - started:.1f} s")
    return directory


def _fill(fresh: Path, graph: Path, fmt: ox.RdfFormat) -> None:
    """Load ``graph`` into a new store in the directory ``fresh``, compact it and close it."""
    from .query import load_into

    store = ox.Store(str(fresh))
    try:
        load_into(store, graph, fmt, on_disk=True)
    except (SyntaxError, ValueError) as exc:
        raise QueryError(f"{path_text(graph)}: cannot load the graph ({one_line(str(exc))})") from None
    store.optimize()  # compacted, scans read 2 to 3 times faster
    store.flush()  # and closed as it goes out of scope


def _remove_leftovers(directory: Path) -> None:
    """Delete the loads and old stores left beside ``directory`` by a process stopped midway (Ctrl-C, a kill).

    Called with the directory's lock held, so no load of it is running.  Only names
    :func:`tempfile.mkdtemp` makes here match (eight random characters), not a
    directory of the user's such as ``.db.backup.old``.
    """
    made_here = re.compile(rf"\.{re.escape(directory.name)}\.[a-z0-9_]{{8}}({re.escape(LOADING)}|{re.escape(RETIRED)})")
    for left in directory.parent.glob(f".{glob.escape(directory.name)}.*"):
        if made_here.fullmatch(left.name) and left.is_dir():
            shutil.rmtree(left, ignore_errors=True)


def open_store(graph: Path, directory: Path, *, log: Callable[[str], None] | None = None) -> ox.Store:
    """A read-only store of ``graph`` kept in ``directory`` (see :func:`prepare`)."""
    return open_read_only(prepare(graph, directory, log=log))


def open_read_only(directory: Path) -> ox.Store:
    try:
        return ox.Store.read_only(str(directory))
    except OSError as exc:
        raise QueryError(f"{directory}: cannot open the store ({exc})") from None


def _check_replaceable(directory: Path) -> None:
    if not directory.exists():
        if directory.is_symlink():
            raise QueryError(f"{path_text(directory)}: is a broken symbolic link; give --store a directory of its own")
        directory.parent.mkdir(parents=True, exist_ok=True)
        return
    if not directory.is_dir():
        raise QueryError(f"{directory}: exists and is not a directory; give --store a directory of its own")
    if recorded(directory) is None and any(directory.iterdir()):
        raise QueryError(f"{directory}: is not empty and holds no govkg store; give --store a directory of its own")


def _swap(fresh: Path, directory: Path) -> None:
    """Put the directory ``fresh`` in the place of ``directory`` (a store made here, or empty, or absent)."""
    if not directory.exists():
        os.rename(fresh, directory)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", suffix=RETIRED, dir=directory.parent))
    os.rename(directory, old / "store")
    os.rename(fresh, directory)
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on a file beside ``directory`` (its loads happen one at a time); unlocked on a
    file system that cannot lock, as :func:`kg.fsutil.locked_dir` is."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    lock = directory.parent / f".{directory.name}.lock"
    with open(lock, "a") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        except OSError as exc:
            if exc.errno not in CANNOT_LOCK:
                raise
            yield
            return
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
