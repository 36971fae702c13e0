"""Pieces of work handed to short-lived processes of their own, beside the build's.

The build's parent is one Python process, and some of its steps can run while
it does something else: the page's layout (igraph's simulation holds the GIL,
so a thread cannot overlap it) and deleting the old outputs.  A forked child
would share the parent's memory, and every page either of them then touched
would be copied (an earlier session measured that: the page took half as long
again).  So each :class:`Job` runs in a fresh interpreter instead,
``sys.executable -I`` (no environment variables, no user site) with govkg
imported from the same source tree as this process.  It reads the name of a
function on its first line of stdin, then that function reads its input from
stdin and writes its output to stdout.

A process started by a large parent counts the parent's memory in its own
peak (Linux keeps the high-water mark across ``exec``), so a build first
starts the processes it will need, idle, while it is small (:func:`spares`);
a job takes one of those where it can, else starts its own.

Whatever goes wrong in a job -- no process can be started, it fails, it
prints something else -- :meth:`Job.result` gives None, and the caller does
the work itself: a job's output must be exactly what the caller would have
computed.

Long native calls that release the GIL -- loading a graph into pyoxigraph, the
SHACL engine -- run in a daemon thread instead (:func:`in_thread`).  Python
takes a signal only in the main thread, between bytecodes: with the main
thread waiting on the result rather than inside the call, Ctrl-C stops the
command at once instead of after the call.  Sent 2.5 s into loading the 10 MB
corpus's graph, it ended ``kg query`` after 18 s and ``kg serve`` after 20 s
before, and after 0.1 s with the load in a thread.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

#: The directory that holds the ``kg`` package this process runs.
_SOURCE_ROOT = str(Path(__file__).resolve().parents[1])
# an idle process: waits for "module function" on its first line, then runs that function
_BOOT = (
    f"import importlib, sys; sys.path.insert(0, {_SOURCE_ROOT!r}); "
    "job = sys.stdin.buffer.readline().decode().split(); "
    "job and getattr(importlib.import_module(job[0]), job[1])()"
)
# idle processes started by spares(), for the jobs to come
_idle: list[subprocess.Popen] = []
# processes left to finish on their own (see detach()); kept so that finished ones are reaped
_detached: list[subprocess.Popen] = []


def _start() -> subprocess.Popen | None:
    if not sys.executable:  # an embedded interpreter that cannot say where it is
        return None
    try:
        return subprocess.Popen(
            [sys.executable, "-I", "-c", _BOOT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a job never gets the terminal's signals; it ends when its input does
        )
    except OSError:
        return None


def _take() -> subprocess.Popen | None:
    """An idle process started by :func:`spares`, else a new one (None if none can start)."""
    while _idle:
        proc = _idle.pop()
        if proc.poll() is None:
            return proc
        _close_streams(proc)  # it died idle
    return _start()


@contextlib.contextmanager
def spares(count: int) -> Iterator[None]:
    """Start ``count`` idle processes now, for the jobs of the block; stop those left unused after it."""
    started = [p for p in (_start() for _ in range(count)) if p is not None]
    _idle.extend(started)
    try:
        yield
    finally:
        for proc in started:
            if proc in _idle:
                _idle.remove(proc)
                _close_streams(proc)  # no job: it reads an empty line and ends
                proc.wait()


class Job:
    """``module.function()`` run in a process of its own, ``data`` on its stdin after the function's name."""

    def __init__(self, module: str, function: str, data: bytes) -> None:
        self._proc = _take()
        self._feeder: threading.Thread | None = None
        if self._proc is None:
            return
        # the input may exceed a pipe's buffer: fed while this process goes on (writing releases the GIL)
        message = f"{module} {function}\n".encode() + data
        self._feeder = threading.Thread(target=self._feed, args=(message,), daemon=True)
        self._feeder.start()

    def _feed(self, data: bytes) -> None:
        try:
            self._proc.stdin.write(data)
            self._proc.stdin.close()
        except OSError:  # the process is gone; result() says so
            pass

    def result(self) -> bytes | None:
        """What the process wrote, once it has exited with status 0; else None."""
        if self._proc is None:
            return None
        self._feeder.join()
        out = self._proc.stdout.read()  # stdin is closed by the feeder, stderr goes nowhere
        self._proc.wait()
        self.close()
        return out if self._proc.returncode == 0 else None

    def close(self) -> None:
        """Stop the process if it still runs (its result is no longer wanted)."""
        if self._proc is None:
            return
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._feeder.join()
        _close_streams(self._proc)


def detach(module: str, function: str, data: bytes) -> bool:
    """Run ``module.function()`` on ``data`` in a process of its own that is never waited for
    (it may outlive this one); False if none could start."""
    _detached[:] = [p for p in _detached if p.poll() is None]
    proc = _take()
    if proc is None:
        return False
    try:
        proc.stdin.write(f"{module} {function}\n".encode() + data)
        sent = True
    except OSError:
        sent = False
    _close_streams(proc)
    _detached.append(proc)
    return sent


def _close_streams(proc: subprocess.Popen) -> None:
    for stream in (proc.stdin, proc.stdout):
        try:
            stream.close()
        except OSError:  # unflushed input for a process that is gone
            pass


def in_thread(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
    """``fn(*args, **kwargs)`` run in a daemon thread, its outcome (value or exception) in the returned future.

    Leaving early does not wait for the call (a thread pool would, and so would the
    interpreter at exit): it goes on until it returns or the process ends.
    """
    future: Future = Future()

    def run() -> None:
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to whoever asks the future
            future.set_exception(exc)

    threading.Thread(target=run, name=getattr(fn, "__qualname__", "in_thread"), daemon=True).start()
    return future
