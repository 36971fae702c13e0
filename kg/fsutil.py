"""Writing files so that a failed or interrupted build never leaves half a file."""

from __future__ import annotations

import contextlib
import errno
import glob
import itertools
import os
import secrets
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from . import sideproc

#: Old outputs at least this large are freed by a process of their own once replaced (see :class:`Staging`).
SET_ASIDE_FROM = 32 << 20
#: Suffix of an old output's second name while it waits to be freed.
REPLACED = ".replaced"
#: Descriptors of the directories this process holds (:func:`locked_dir`); a forked child closes its copies.
_held: set[int] = set()
#: How many times in a row :func:`locked_dir` makes its directory again when it is gone before it is opened.
RACES = 100
#: What ``flock`` fails with on a file system that cannot lock.
CANNOT_LOCK = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL}


@contextlib.contextmanager
def locked_dir(path: str | os.PathLike, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the directory ``path`` (made if missing) for this process alone during the block.

    Two builds into one directory at once would prune each other's cache
    entries and could leave output files from both; so the second waits for
    the first, calling ``waiting()`` once before it does.  The lock is the
    kernel's (``flock`` on the directory itself): no lock file is left
    behind, a process that dies releases it, and children forked meanwhile
    (a build's workers) close their copy.  Directories made here are removed
    again if the block leaves them empty.  Where there is no ``flock`` (not
    POSIX, or a file system that refuses it) the block runs unlocked.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    path = Path(path)
    made = list(itertools.takewhile(lambda d: not d.exists(), (path, *path.parents)))
    told = False
    races = 0
    while True:
        try:
            path.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
        except (FileExistsError, FileNotFoundError):
            if path.exists() and not path.is_dir():
                raise
            dangling = next((d for d in (path, *path.parents) if d.is_symlink() and not d.exists()), None)
            if dangling is not None:
                raise FileNotFoundError(errno.ENOENT, "a broken symbolic link", str(dangling)) from None
            races += 1
            if races == RACES:  # not a race: a directory no one can make here (in /proc, say)
                raise
            continue  # the directory went as this made or opened it (a build that made it let go): again
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None and not told:
                    waiting()
                    told = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            if os.path.samestat(os.fstat(fd), os.stat(path)):
                break
        except FileNotFoundError:
            pass
        except OSError as exc:  # a file system that cannot lock (some network ones): unlocked
            os.close(fd)
            if exc.errno not in CANNOT_LOCK:
                raise
            fd = -1
            break
        except BaseException:  # Ctrl-C while waiting, say
            os.close(fd)
            raise
        os.close(fd)  # the holder removed the directory (or another took its name): lock the one there now
    if fd >= 0:
        _held.add(fd)
    try:
        yield
    finally:
        for directory in made:  # deepest first
            try:
                directory.rmdir()
            except OSError:  # not empty: kept, and so are its parents
                break
        if fd >= 0:
            _held.discard(fd)
            os.close(fd)


def _close_held() -> None:
    """In a forked child: close the copies of the locked directories' descriptors (the parent still holds them)."""
    for fd in _held:
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_held)


def atomic_write(path: str | os.PathLike, data: str | bytes, *, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same directory.

    The old file, if any, stays intact until the new one is complete; the
    rename is atomic on POSIX.  ``durable`` forces the data to the disk before
    the rename, so that even a power cut leaves the old file or the whole new
    one; without it a power cut may leave the new name on a file cut short or
    empty, which suits files whose reader can tell (a cache entry).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


class Staging:
    """Several files written in full before any of them replaces its old version.

    ``open(path)`` gives a binary file on a temporary name beside ``path``;
    ``commit()`` flushes, fsyncs and renames each into place and returns the
    paths.  Leaving the ``with`` block without committing (an exception, a
    renderer that failed) deletes the temporary files, and the directories
    ``open`` made for them if nothing else went there: the old outputs stay
    byte-identical, and a failed first build leaves no empty directory.
    Used for outputs too large to render in memory first.

    Replacing a large file frees its blocks inside ``rename``: 0.6 s for the
    1.4 GB of a 10 MB corpus's RDF files.  An old output of at least
    :data:`SET_ASIDE_FROM` bytes is therefore given a second, hidden name
    (``.<name>.<random>.replaced``) first, so that the rename only drops a
    link, and a process of its own deletes that name once every output is in
    place; the build does not wait for it.  One left over (the machine
    stopped first) is deleted by the next commit into that directory.
    """

    def __init__(self) -> None:
        self._files: list[tuple[Path, str, BinaryIO]] = []
        self._committed = False
        #: directories open() made: removed again when nothing is committed
        self._made: list[Path] = []
        #: old files that commit() deletes (see discard())
        self._discarded: list[Path] = []

    def __enter__(self) -> Staging:
        return self

    def open(self, path: str | os.PathLike) -> BinaryIO:
        path = Path(path)
        _replaceable(path)  # before the build's work, not after it
        missing = list(itertools.takewhile(lambda d: not d.exists(), (path.parent, *path.parent.parents)))
        path.parent.mkdir(parents=True, exist_ok=True)
        self._made += missing
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        fh = os.fdopen(fd, "wb", buffering=1 << 20)
        self._files.append((path, tmp, fh))
        return fh

    def discard(self, path: str | os.PathLike) -> None:
        """Delete the file ``path``, if there is one, when the new files are committed (not before)."""
        self._discarded.append(Path(path))

    def commit(self) -> list[Path]:
        for _, tmp, fh in self._files:
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
            os.chmod(tmp, 0o644)
        for path in [path for path, _, _ in self._files] + self._discarded:
            for left in path.parent.glob(f".{glob.escape(path.name)}.*{REPLACED}"):
                left.unlink(missing_ok=True)
        for path, _, _ in self._files:  # all checked before any is replaced: the outputs stay of one build
            _replaceable(path)
        aside = []
        for path, tmp, _ in self._files:
            second = _second_name(path)
            os.replace(tmp, path)
            if second is not None:
                aside.append(second)
        for path in self._discarded:
            second = _second_name(path)  # a large one is freed by the same process as the replaced ones
            with contextlib.suppress(FileNotFoundError, IsADirectoryError):  # a directory is no output: left
                path.unlink()
            if second is not None:
                aside.append(second)
        self._committed = True
        if aside:
            free(aside)
        return [path for path, _, _ in self._files]

    def __exit__(self, *exc: object) -> None:
        if self._committed:
            return
        for _, tmp, fh in self._files:
            fh.close()
            Path(tmp).unlink(missing_ok=True)
        for directory in sorted(self._made, key=lambda d: len(d.parts), reverse=True):
            try:
                directory.rmdir()
            except OSError:  # something else was put there meanwhile (the cache, say): kept
                pass


def _replaceable(path: Path) -> None:
    """Raise IsADirectoryError if a directory is where the file ``path`` goes (a rename cannot replace it)."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a directory is in the way", str(path))


def _second_name(path: Path) -> str | None:
    """A hidden second name for the old file at ``path`` if it is large enough to set aside, else None."""
    try:
        if os.stat(path).st_size < SET_ASIDE_FROM:
            return None
        second = str(path.parent / f".{path.name}.{secrets.token_hex(6)}{REPLACED}")
        os.link(path, second)
    except OSError:  # no old file, or a file system without hard links: replaced as it is
        return None
    return second


def free(paths: list[str]) -> None:
    """Delete ``paths`` in a process of its own, not waited for (here, if none can start)."""
    if not sideproc.detach("kg.fsutil", "_unlink_listed", b"\0".join(map(os.fsencode, paths))):
        for path in paths:
            Path(path).unlink(missing_ok=True)


def _unlink_listed() -> None:
    """In a process of its own: delete the paths listed on stdin, separated by NUL."""
    for path in sys.stdin.buffer.read().split(b"\0"):
        try:
            os.unlink(path)
        except OSError:  # already gone (a later build deleted it as a leftover)
            pass
