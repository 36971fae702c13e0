"""Writing files so that a failed or interrupted build never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO


def atomic_write(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same directory.

    The old file, if any, stays intact until the new one is complete; the
    rename is atomic on POSIX.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
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
    renderer that failed) deletes the temporary files: the old outputs stay
    byte-identical.  Used for outputs too large to render in memory first.
    """

    def __init__(self) -> None:
        self._files: list[tuple[Path, str, BinaryIO]] = []
        self._committed = False

    def __enter__(self) -> Staging:
        return self

    def open(self, path: str | os.PathLike) -> BinaryIO:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        fh = os.fdopen(fd, "wb", buffering=1 << 20)
        self._files.append((path, tmp, fh))
        return fh

    def commit(self) -> list[Path]:
        for _, tmp, fh in self._files:
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
            os.chmod(tmp, 0o644)
        for path, tmp, _ in self._files:
            os.replace(tmp, path)
        self._committed = True
        return [path for path, _, _ in self._files]

    def __exit__(self, *exc: object) -> None:
        if self._committed:
            return
        for _, tmp, fh in self._files:
            fh.close()
            Path(tmp).unlink(missing_ok=True)
