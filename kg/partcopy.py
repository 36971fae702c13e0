"""Append reports' stored RDF parts to the output files, here or in a helper process.

A stored part (:meth:`kg.rdf.Part.to_bytes`) is a header of four little-endian
64-bit section sizes (Turtle, TriG, N-Triples, JSON-LD) followed by the
sections.  :class:`Appender` adds each section to the end of its output file,
copied by the kernel (``copy_file_range``) where it can be.

A corpus build copies every cached part into the merged files: over a
gigabyte at 10 MB of text.  That is kernel work, but a thread doing it would
wait for the GIL after each system call while the parent resolves the graph,
so :class:`Helper` runs this file as a script in its own process instead.  It
imports only the standard library and starts in a few tens of milliseconds.
The parent hands it the parts one by one, as each becomes known, so that the
copying overlaps the loading of the cache, not only what comes after.
"""

from __future__ import annotations

import errno
import io
import json
import os
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Sequence
from typing import BinaryIO

#: the header of a stored part: the sizes of its sections
HEADER = struct.Struct("<4Q")
#: the sections of a part, in the order they are stored (and of the files they go to)
SECTIONS = ("ttl", "trig", "nt", "jsonld")
_JSONLD = SECTIONS.index("jsonld")


class PartError(Exception):
    """A stored part that cannot be copied (its message names the file)."""


def sections(src: BinaryIO, name: str) -> list[tuple[int, int]]:
    """``(offset, size)`` of each section of the part open as ``src``, whose file is ``name``."""
    head = src.read(HEADER.size)
    if len(head) != HEADER.size:
        raise PartError(f"{name}: not a stored RDF part")
    out, at = [], HEADER.size
    for size in HEADER.unpack(head):
        out.append((at, size))
        at += size
    return out


def copy_range(src: BinaryIO, offset: int, size: int, dst: BinaryIO) -> None:
    """``size`` bytes of ``src`` from ``offset`` to the end of ``dst``."""
    try:
        fds = (src.fileno(), dst.fileno()) if hasattr(os, "copy_file_range") else None
    except io.UnsupportedOperation:  # an in-memory file
        fds = None
    if fds is not None:
        dst.flush()
        try:
            while size:
                done = os.copy_file_range(*fds, size, offset)
                if not done:
                    raise PartError(f"{src.name}: shorter than its header says")
                offset += done
                size -= done
        except OSError as exc:  # across file systems, or a file system that cannot: copy what is left
            if exc.errno not in (errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL):
                raise
    if size:
        src.seek(offset)
        data = src.read(size)
        if len(data) != size:
            raise PartError(f"{src.name}: shorter than its header says")
        dst.write(data)


class Appender:
    """Adds parts to the ends of four files (one per section, in :data:`SECTIONS` order; None for a
    section left out).

    JSON-LD node objects are separated by ``,\\n``, so it remembers which
    files are still ``empty`` of parts.
    """

    def __init__(self, files: Sequence[BinaryIO | None], empty: Sequence[bool] | None = None) -> None:
        self.files = list(files)
        self.empty = list(empty) if empty is not None else [True] * len(SECTIONS)

    def add(self, data: Sequence[bytes]) -> None:
        """Add a part held in memory: its sections' bytes in :data:`SECTIONS` order."""
        for i, chunk in enumerate(data):
            if chunk and self.files[i] is not None:
                self._separate(i)
                self.files[i].write(chunk)

    def add_stored(self, path: str | os.PathLike) -> None:
        """Add the part stored in the file ``path``."""
        with open(path, "rb") as src:
            for i, (offset, size) in enumerate(sections(src, str(path))):
                if size and self.files[i] is not None:
                    self._separate(i)
                    copy_range(src, offset, size, self.files[i])

    def _separate(self, i: int) -> None:
        if i == _JSONLD and not self.empty[i]:
            self.files[i].write(b",\n")
        self.empty[i] = False


#: whether :class:`Helper` can run here
AVAILABLE = os.name == "posix"


class Helper:
    """This file run as a script: started idle, then appending stored parts to an :class:`Appender`'s files.

    It is started (with the files, handed down as open descriptors) before
    the build grows: a process started later would count the build's pages in
    its peak memory.  :meth:`start` sets it to work on the appender's files,
    :meth:`add` gives it the parts in order while this process goes on (a
    thread feeds them down the pipe), :meth:`finish` says there are no more
    (it then forces the files to the disk), and the files must not be written
    until :meth:`wait` returns.  Leaving a ``with`` block before then stops
    the helper.  POSIX only: see :data:`AVAILABLE`.
    """

    def __init__(self, files: Sequence[BinaryIO | None]) -> None:
        self._fds = _descriptors(files)
        self._appender: Appender | None = None
        self._feeder: threading.Thread | None = None
        self._queue: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        #: how many parts :meth:`add` has given
        self.given = 0
        self._finished = False
        self._proc = subprocess.Popen(
            [sys.executable, "-I", "-S", __file__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            pass_fds=[fd for fd in self._fds if fd >= 0],
        )

    def start(self, appender: Appender) -> None:
        """Append to ``appender``'s files (those the helper was started with) the parts given to :meth:`add`."""
        if _descriptors(appender.files) != self._fds:
            raise ValueError("the appender writes other files than the helper's")
        self._appender = appender
        for fh in appender.files:
            if fh is not None:
                fh.flush()
        job = {"files": self._fds, "empty": appender.empty}
        self._queue.put(json.dumps(job))
        self._feeder = threading.Thread(target=self._feed, daemon=True)
        self._feeder.start()

    def add(self, path: str | os.PathLike) -> None:
        """Append the part stored in ``path`` after those given before."""
        if self._feeder is None:
            raise RuntimeError("Helper.add() before start()")
        if self._finished:
            raise RuntimeError("Helper.add() after finish()")
        self._queue.put(json.dumps(str(path)))  # one line, whatever the path holds
        self.given += 1

    def finish(self) -> None:
        """No more parts: the helper forces the files to the disk while this process goes on."""
        if self._feeder is None:
            raise RuntimeError("Helper.finish() before start()")
        if not self._finished:
            self._queue.put("null")
            self._finished = True

    def _feed(self) -> None:
        """Write the queued lines to the helper, flushing whenever the queue runs dry; stop at None."""
        pipe = self._proc.stdin
        try:
            while (line := self._queue.get()) is not None:
                pipe.write(line.encode() + b"\n")
                if self._queue.empty():
                    pipe.flush()
            pipe.flush()
        except (BrokenPipeError, ValueError):  # the helper died (wait() reports why), or was stopped
            pass

    def wait(self) -> None:
        """Wait for the parts given; raise :class:`PartError` with its message if it failed."""
        if self._appender is None or self._feeder is None:
            raise RuntimeError("Helper.wait() before start()")
        self.finish()
        self._queue.put(None)
        self._feeder.join()
        # both pipes read at once: a helper whose error fills one pipe never waits on the other
        out, err = self._proc.communicate()
        if self._proc.returncode:
            lines = err.decode("utf-8", "replace").strip().splitlines()
            raise PartError(lines[-1] if lines else f"part copier exited with status {self._proc.returncode}")
        self._appender.empty = json.loads(out)["empty"]
        for fh in self._appender.files:
            if fh is not None:
                fh.seek(0, os.SEEK_END)

    def __enter__(self) -> Helper:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        if self._feeder is not None:
            self._queue.put(None)
            self._feeder.join()
        for stream in (self._proc.stdin, self._proc.stdout, self._proc.stderr):
            try:
                stream.close()
            except BrokenPipeError:  # unflushed input for a helper that is gone
                pass


def _descriptors(files: Sequence[BinaryIO | None]) -> list[int]:
    """The files' descriptors, -1 for a section left out."""
    return [-1 if fh is None else fh.fileno() for fh in files]


def main() -> int:
    """The helper: read a job (a line of JSON) on stdin, then append the parts named on the lines after it (each
    a JSON string) as they come, and after a ``null`` line (or the end of the input) fsync and print the files'
    ``empty`` flags.

    The job names the output files by descriptors the parent passed down.  No
    job (the parent closed the pipe, or died) is nothing to do.
    """
    line = sys.stdin.buffer.readline()
    if not line:
        return 0
    job = json.loads(line)
    files = []
    try:
        for fd in job["files"]:
            if fd < 0:  # a section left out
                files.append(None)
                continue
            fh = open(fd, "wb", buffering=1 << 20)  # noqa: SIM115 -- closed below
            fh.seek(0, os.SEEK_END)
            files.append(fh)
        appender = Appender(files, job["empty"])
        for line in sys.stdin.buffer:
            path = json.loads(line)
            if path is None:
                break
            appender.add_stored(path)
        for fh in filter(None, files):
            fh.flush()
            os.fsync(fh.fileno())
    except (OSError, PartError) as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        for fh in filter(None, files):
            fh.close()
    json.dump({"empty": appender.empty}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
