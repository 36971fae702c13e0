"""Nothing lost or half-written: a failed or killed build leaves the old outputs intact."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import fsutil, sideproc
from kg.cli import main
from kg.pipeline import SAMPLE, build

OUTPUTS = ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld", "graph.html")


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    """The outputs of one complete build of the sample."""
    out = tmp_path_factory.mktemp("reference")
    build([SAMPLE], out)
    return _snapshot(out)


@pytest.fixture
def old_outputs(tmp_path, reference):
    """An output directory holding a previous build's files (recognisably old)."""
    out = tmp_path / "out"
    out.mkdir()
    for name in OUTPUTS:
        (out / name).write_bytes(reference[name] + b"\n# previous build\n")
    return out, _snapshot(out)


def test_every_output_goes_through_staging(tmp_path, monkeypatch):
    written: list[Path] = []
    real = fsutil.Staging.open

    def spy(self, path):
        written.append(Path(path))
        return real(self, path)

    monkeypatch.setattr(fsutil.Staging, "open", spy)
    out = tmp_path / "out"
    result = build([SAMPLE], out)
    files = {p for p in out.iterdir() if p.is_file()}
    assert files == set(written) == set(result.outputs)
    assert sorted(p.name for p in files) == sorted(OUTPUTS)


@pytest.mark.parametrize(
    "renderer", ["kg.html.Page.render_bytes", "kg.rdf.render_background", "kg.rdf.Assembly.add", "kg.partcopy.sections"]
)
def test_failing_serialiser_leaves_old_outputs_byte_identical(old_outputs, monkeypatch, renderer):
    out, before = old_outputs

    def boom(*args, **kwargs):
        raise RuntimeError("serialiser failed")

    monkeypatch.setattr(renderer, boom)
    with pytest.raises(RuntimeError, match="serialiser failed"):
        build([SAMPLE], out)
    assert _snapshot(out) == before


def test_failing_write_leaves_each_file_whole(old_outputs, reference, monkeypatch):
    """A disk error while writing the third file: the first two are new, the rest old, none torn."""
    out, before = old_outputs
    real = fsutil.os.replace
    calls = []

    def flaky(src, dst):
        if Path(dst).name not in OUTPUTS:  # the analysis cache writes through it too
            return real(src, dst)
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", flaky)
    with pytest.raises(OSError):
        build([SAMPLE], out)
    after = _snapshot(out)
    assert set(after) == set(before)  # no temporary file left behind
    for name in OUTPUTS:
        assert after[name] in (before[name], reference[name])
    assert sum(after[name] == reference[name] for name in OUTPUTS) == 2


KILLED_BUILD = textwrap.dedent(
    """
    import os, sys, time
    from kg import fsutil
    from kg.pipeline import build

    real_fsync = os.fsync
    def stall(fd):
        real_fsync(fd)
        if os.path.basename(os.readlink(f"/proc/self/fd/{fd}")).startswith(".graph."):
            print("writing", flush=True)  # an output's temporary file is written, not renamed: kill now
            time.sleep(60)
    fsutil.os.fsync = stall
    build([sys.argv[1]], sys.argv[2])
    """
)


def test_killed_build_leaves_old_outputs_byte_identical(old_outputs):
    out, before = old_outputs
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, str(SAMPLE), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line == "writing\n", proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    after = {name: data for name, data in _snapshot(out).items() if not name.startswith(".")}
    assert after == before
    # the killed writer's temporary file is a hidden .tmp beside its target, never an output name
    leftovers = [p.name for p in out.iterdir() if p.is_file() and p.name.startswith(".")]
    assert all(name.endswith(".tmp") for name in leftovers)


def _commit(paths: dict[Path, bytes]) -> list[Path]:
    with fsutil.Staging() as staging:
        for path, data in paths.items():
            staging.open(path).write(data)
        return staging.commit()


def _wait_freed(folder: Path) -> list[Path]:
    """The set-aside names still in ``folder`` once the processes freeing them have ended."""
    for proc in list(sideproc._detached):
        proc.wait(timeout=30)
    return sorted(folder.glob(f".*{fsutil.REPLACED}"))


def test_a_large_old_output_is_freed_by_another_process(tmp_path, monkeypatch):
    monkeypatch.setattr(fsutil, "SET_ASIDE_FROM", 5)
    big, small = tmp_path / "big.nt", tmp_path / "small.nt"
    big.write_bytes(b"old and large")
    small.write_bytes(b"old")
    freed: list[list[str]] = []
    real_free = fsutil.free
    monkeypatch.setattr(fsutil, "free", lambda paths: freed.append(list(paths)) or real_free(paths))
    assert _commit({big: b"new", small: b"new too"}) == [big, small]
    assert big.read_bytes() == b"new" and small.read_bytes() == b"new too"
    # only the large file was set aside, under a hidden second name, and that name is gone
    assert len(freed) == 1 and len(freed[0]) == 1
    assert Path(freed[0][0]).name.startswith(".big.nt.")
    assert _wait_freed(tmp_path) == []
    assert sideproc._detached and sideproc._detached[-1].returncode == 0


def test_old_outputs_are_freed_here_when_no_process_starts(tmp_path, monkeypatch):
    monkeypatch.setattr(fsutil, "SET_ASIDE_FROM", 0)
    monkeypatch.setattr(fsutil.sys, "executable", str(tmp_path / "no-python"))
    out = tmp_path / "graph.nt"
    out.write_bytes(b"old")
    _commit({out: b"new"})
    assert out.read_bytes() == b"new"
    assert sorted(tmp_path.glob(f".*{fsutil.REPLACED}")) == []


def test_a_set_aside_name_left_by_a_stopped_build_goes_at_the_next_commit(tmp_path, monkeypatch):
    monkeypatch.setattr(fsutil, "SET_ASIDE_FROM", 1 << 40)  # nothing new is set aside
    left = tmp_path / f".graph.nt.0123456789ab{fsutil.REPLACED}"
    left.write_bytes(b"a previous build's old output")
    other = tmp_path / f".notes.txt.0123456789ab{fsutil.REPLACED}"  # not an output of this commit
    other.write_bytes(b"kept")
    _commit({tmp_path / "graph.nt": b"new"})
    assert not left.exists() and other.exists()


def test_without_hard_links_the_old_output_is_simply_replaced(tmp_path, monkeypatch):
    monkeypatch.setattr(fsutil, "SET_ASIDE_FROM", 0)

    def no_links(src, dst):
        raise OSError("operation not permitted")

    monkeypatch.setattr(fsutil.os, "link", no_links)
    out = tmp_path / "graph.nt"
    out.write_bytes(b"old")
    _commit({out: b"new"})
    assert out.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]


def test_an_abandoned_staging_removes_only_the_directories_it_made(tmp_path):
    kept = tmp_path / "existing"
    kept.mkdir()
    with pytest.raises(RuntimeError), fsutil.Staging() as staging:
        staging.open(kept / "new" / "deeper" / "graph.nt").write(b"x")
        staging.open(kept / "new" / "graph.ttl").write(b"y")
        staging.open(kept / "other" / "graph.html").write(b"z")
        (kept / "other" / "notes.txt").write_text("put there meanwhile")
        raise RuntimeError("a renderer failed")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "existing", "existing/other", "existing/other/notes.txt"
    ]


def test_a_discarded_output_goes_only_with_the_commit(tmp_path, monkeypatch):
    monkeypatch.setattr(fsutil, "SET_ASIDE_FROM", 5)
    old = tmp_path / "graph.jsonld"
    old.write_bytes(b"old and large")
    with pytest.raises(RuntimeError), fsutil.Staging() as staging:
        staging.discard(old)
        raise RuntimeError("a renderer failed")
    assert old.read_bytes() == b"old and large"  # nothing committed: kept
    with fsutil.Staging() as staging:
        staging.open(tmp_path / "graph.nt").write(b"new")
        staging.discard(old)
        staging.discard(tmp_path / "graph.ttl")  # none there: nothing to do
        staging.commit()
    assert _wait_freed(tmp_path) == []  # set aside and freed like a replaced output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nt"]


def test_a_full_disk_is_a_one_line_error_and_the_old_outputs_stay(old_outputs, monkeypatch):
    import errno
    import os

    from click.testing import CliRunner

    from kg.cli import main

    out, before = old_outputs

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fsutil.os, "fsync", full)
    result = CliRunner().invoke(main, ["build", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {out}: cannot write the outputs (No space left on device); no output is left half-written\n"
    )
    assert _snapshot(out) == before


def test_an_output_directory_that_is_a_file_is_a_one_line_error_before_anything_is_read(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    out = tmp_path / "graph.ttl"
    out.write_bytes(b"mine")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "missing.txt"), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: is a file, not a directory: the outputs go into a directory of their own\n"
    assert out.read_bytes() == b"mine" and sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


# holds the directory argv[1] with fsutil.locked_dir, says so, and lets go when a line arrives on stdin
HOLDER = textwrap.dedent(
    """
    import sys
    from kg.fsutil import locked_dir
    with locked_dir(sys.argv[1]):
        print("held", flush=True)
        sys.stdin.readline()
    """
)
# exit status 0 if the directory argv[1] can be locked at once, 1 if someone holds it
CAN_LOCK = textwrap.dedent(
    """
    import fcntl, os, sys
    fd = os.open(sys.argv[1], os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        sys.exit(1)
    """
)


def _can_lock(directory: Path) -> bool:
    return subprocess.run([sys.executable, "-c", CAN_LOCK, str(directory)], timeout=30).returncode == 0


@pytest.fixture
def holder(tmp_path):
    """Start a process holding a directory; ``release()`` it; killed at the end whatever happened."""
    procs = []

    def hold(directory: Path) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(directory)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
        procs.append(proc)
        assert proc.stdout.readline() == "held\n"
        return proc

    yield hold
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def _release(proc: subprocess.Popen) -> None:
    proc.stdin.write("\n")
    proc.stdin.flush()
    assert proc.wait(timeout=30) == 0


def test_a_second_build_into_the_same_directory_waits_for_the_first(tmp_path, holder):
    out = tmp_path / "out"
    first = holder(out)
    waited = threading.Event()
    second = threading.Thread(target=build, args=([SAMPLE], out), kwargs={"waiting": waited.set})
    second.start()
    try:
        assert waited.wait(timeout=60), "the second build did not wait"
        second.join(timeout=1)
        assert second.is_alive() and not (out / "graph.ttl").exists()  # still waiting: nothing written
    finally:
        _release(first)
        second.join(timeout=120)
    assert (out / "graph.ttl").exists() and _can_lock(out)


@contextlib.contextmanager
def _waiting_build(out: Path) -> Iterator[subprocess.Popen]:
    """``kg build -o OUT`` in a process of its own, once it has said that it waits; killed at the end if still
    running."""
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", "-o", str(out)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr.readline() == f"waiting for another build into {out}\n"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_kg_build_says_it_waits_for_another_build(tmp_path, holder):
    out = tmp_path / "out"
    first = holder(out)
    with _waiting_build(out) as proc:
        _release(first)
        assert proc.wait(timeout=120) == 0
        assert "built 1 document" in proc.stderr.read()


def test_ctrl_c_while_waiting_for_another_build_aborts_cleanly(tmp_path, holder):
    out = tmp_path / "out"
    first = holder(out)
    with _waiting_build(out) as proc:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 1
        assert proc.stderr.read() == "\nAborted!\n"
    _release(first)
    assert not out.exists()  # nothing was written, and the holder took away the directory it made


def test_a_process_forked_while_the_directory_is_held_does_not_keep_it(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with fsutil.locked_dir(out):
        assert not _can_lock(out)
        child = os.fork()
        if child == 0:  # pragma: no cover - the child only waits to be killed
            time.sleep(60)
            os._exit(0)
    try:
        assert _can_lock(out)  # the parent let go; the child's copy was closed when it was forked
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)


def test_a_directory_made_for_the_lock_goes_if_left_empty_and_one_in_use_stays(tmp_path):
    with fsutil.locked_dir(tmp_path / "a" / "b"):
        assert (tmp_path / "a" / "b").is_dir()
    assert not (tmp_path / "a").exists()
    with fsutil.locked_dir(tmp_path / "a" / "b"):
        (tmp_path / "a" / "b" / "graph.ttl").write_text("")
    assert (tmp_path / "a" / "b" / "graph.ttl").exists()
    (tmp_path / "empty").mkdir()
    with fsutil.locked_dir(tmp_path / "empty"):
        pass
    assert (tmp_path / "empty").is_dir()  # not made here: kept


def test_a_waiter_whose_directory_was_removed_locks_the_new_one(tmp_path, holder):
    out = tmp_path / "out"
    first = holder(out)  # made it, so removes it when done with it empty
    got = threading.Event()
    done = threading.Event()

    def wait_then_hold() -> None:
        with fsutil.locked_dir(out):
            got.set()
            done.wait(timeout=60)

    second = threading.Thread(target=wait_then_hold)
    second.start()
    try:
        _release(first)
        assert got.wait(timeout=60)
        assert out.is_dir() and not _can_lock(out)  # the directory there now is the one held
    finally:
        done.set()
        second.join(timeout=60)


def test_a_directory_gone_as_it_is_made_or_opened_is_made_again(tmp_path, monkeypatch):
    # pathlib's mkdir(exist_ok=True) raises FileExistsError when the directory is removed between its mkdir and
    # its check (a build that made it letting go); open() then finds nothing
    out = tmp_path / "out"
    real_mkdir, real_open, failed = Path.mkdir, os.open, []

    def mkdir(self, *args, **kwargs):
        if not failed:
            failed.append("mkdir")
            raise FileExistsError(17, "File exists", str(self))
        return real_mkdir(self, *args, **kwargs)

    def open_(path, *args, **kwargs):
        if len(failed) == 1:
            failed.append("open")
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    monkeypatch.setattr(fsutil.os, "open", open_)
    with fsutil.locked_dir(out):
        assert out.is_dir() and not _can_lock(out)
    assert failed == ["mkdir", "open"]


def test_a_file_where_the_directory_should_be_is_an_error(tmp_path):
    (tmp_path / "out").write_text("")
    with pytest.raises(FileExistsError), fsutil.locked_dir(tmp_path / "out"):
        pass


@pytest.mark.parametrize("below", [False, True], ids=["the directory", "its parent"])
def test_a_broken_symbolic_link_for_the_directory_is_an_error_not_a_wait(tmp_path, below):
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "gone" / "out")
    with pytest.raises(FileNotFoundError) as e, fsutil.locked_dir(link / "out" if below else link):
        pass
    assert (e.value.strerror, e.value.filename) == ("a broken symbolic link", str(link))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link"]


def test_a_directory_that_cannot_be_made_is_an_error_after_so_many_tries(tmp_path, monkeypatch):
    tries = []

    def mkdir(self, *args, **kwargs):  # as in /proc: no such file, every time
        tries.append(self)
        raise FileNotFoundError(2, "No such file or directory", str(self))

    monkeypatch.setattr(Path, "mkdir", mkdir)
    with pytest.raises(FileNotFoundError), fsutil.locked_dir(tmp_path / "out"):
        pass
    assert len(tries) == fsutil.RACES


def test_cli_build_into_a_broken_symbolic_link_is_a_one_line_error(tmp_path):
    (tmp_path / "out").symlink_to(tmp_path / "gone")
    result = CliRunner().invoke(main, ["build", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path / 'out'}: cannot write the outputs (a broken symbolic link); no output is left half-written\n"
    )


def test_a_directory_where_an_output_goes_stops_the_build_before_it_starts(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([SAMPLE], out, jobs=1)
    before = {p.name: p.read_bytes() for p in out.glob("graph.*")}
    (out / "graph.nt").unlink()
    (out / "graph.nt").mkdir()
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "analyse_inputs", lambda *a, **k: pytest.fail("analysed before the check"))
    with pytest.raises(IsADirectoryError) as e:
        build([SAMPLE], out, jobs=1)
    assert (e.value.strerror, e.value.filename) == ("a directory is in the way", str(out / "graph.nt"))
    assert {p.name: p.read_bytes() for p in out.glob("graph.*") if p.is_file()} == {
        k: v for k, v in before.items() if k != "graph.nt"
    }
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_directory_made_where_an_output_goes_during_the_build_leaves_every_old_output(tmp_path):
    first, second = tmp_path / "graph.ttl", tmp_path / "graph.nt"
    _commit({first: b"old ttl", second: b"old nt"})
    with pytest.raises(IsADirectoryError), fsutil.Staging() as staging:
        staging.open(first).write(b"new ttl")
        staging.open(second).write(b"new nt")
        second.unlink()
        second.mkdir()  # meanwhile
        staging.commit()
    assert first.read_bytes() == b"old ttl"  # not replaced: the outputs are never of two builds
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nt", "graph.ttl"]


def test_a_directory_named_like_a_discarded_output_is_left_alone(tmp_path):
    (tmp_path / "graph.jsonld").mkdir()
    with fsutil.Staging() as staging:
        staging.open(tmp_path / "graph.nt").write(b"new")
        staging.discard(tmp_path / "graph.jsonld")
        staging.commit()
    assert (tmp_path / "graph.jsonld").is_dir() and (tmp_path / "graph.nt").read_bytes() == b"new"
