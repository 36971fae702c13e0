"""Real SPARQL servers on 127.0.0.1 for the push tests: Oxigraph and Virtuoso.

Each is started on free loopback ports in a temporary directory and stopped
after the tests.  A missing server program skips its tests -- unless
``KG_REQUIRE_SERVERS=1`` (set by .ci/run), where it fails them: CI must
test against the real thing.  ``make test`` installs both (the ``oxigraph``
wheel from the test extra; Debian's ``virtuoso-opensource-7``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

#: Seconds a server may take to come up (Virtuoso needs about 4 on a fresh database).
START_TIMEOUT = 60.0
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"  # a fresh database's administrator

VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage        = TempDatabase
[TempDatabase]
DatabaseFile    = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort        = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers   = {buffers}
MaxDirtyBuffers   = {dirty}
DirsAllowed       = .
[HTTPServer]
ServerPort    = 127.0.0.1:{http_port}
ServerThreads = 4
Charset       = UTF-8
[SPARQL]
ResultSetMaxRows      = 1000000
MaxQueryExecutionTime = 60
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def missing(program: str) -> None:
    message = f"{program} is not installed (make test installs it)"
    if os.environ.get("KG_REQUIRE_SERVERS") == "1":
        pytest.fail(message + "; KG_REQUIRE_SERVERS=1 demands the real server")
    pytest.skip(message)


def _wait_http(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers: up
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server not up after {START_TIMEOUT} s:\n{log.read_text(errors='replace')[-2000:]}")


@contextmanager
def _running(cmd: list[str], cwd: Path, probe: str):
    log = cwd / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait_http(probe, proc, log)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextmanager
def oxigraph_server(workdir: Path):
    """Yields the base URL of an empty Oxigraph server (Graph Store at /store, queries at /query)."""
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(exe).exists():
        missing("the Oxigraph server (PyPI package oxigraph)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with _running([exe, "serve", "--location", str(workdir / "db"), "--bind", f"127.0.0.1:{port}"],
                  workdir, base + "/query?query=ASK%7B%7D"):
        yield base


@contextmanager
def virtuoso_server(workdir: Path, buffers: int = 10_000):
    """Yields the base URL of a fresh Virtuoso (Graph Store with digest auth at /sparql-graph-crud-auth), with
    ``buffers`` pages of 8 KB for its database (the tests' 10,000 are too few to load millions of triples)."""
    exe = shutil.which("virtuoso-t")
    if exe is None:
        missing("Virtuoso (Debian package virtuoso-opensource-7)")
    db = workdir / "db"
    db.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = workdir / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(db=db, sql_port=sql_port, http_port=http_port, buffers=buffers,
                                       dirty=buffers * 3 // 5), encoding="utf-8")
    base = f"http://127.0.0.1:{http_port}"
    with _running([exe, "-f", "-c", str(ini)], workdir, base + "/sparql?query=ASK%7B%7D"):
        yield base


def select_csv(url: str, query: str, *, post_param: str = "query") -> list[list[str]]:
    """Rows of a SELECT's CSV result (header dropped) from a SPARQL endpoint."""
    data = urllib.parse.urlencode({post_param: query}).encode()
    request = urllib.request.Request(url, data=data, headers={
        "Accept": "text/csv", "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode("utf-8")
    import csv
    import io

    return list(csv.reader(io.StringIO(text)))[1:]
