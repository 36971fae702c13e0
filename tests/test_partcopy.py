"""Copying the reports' cached RDF parts into the merged files, in a helper process or in the build's own."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import kg.cache
import kg.partcopy
import kg.pipeline
from kg.cache import CACHE_DIRNAME
from kg.errors import KGError
from kg.partcopy import Appender, PartError, sections
from kg.pipeline import build
from kg.rdf import FILES, Part
from .test_cache import outputs, write_corpus


@pytest.fixture
def helpers(monkeypatch) -> list[int]:
    """Every build copies its parts in a helper; the list holds the number of parts each helper was given."""
    given: list[int] = []
    real = kg.partcopy.Helper.__exit__

    def spy(self, *exc):
        given.append(self.given)
        real(self, *exc)

    monkeypatch.setattr(kg.pipeline, "HELPER_PARTS", 1)
    monkeypatch.setattr(kg.partcopy.Helper, "__exit__", spy)
    return given


def _parts(out: Path) -> list[Path]:
    return sorted((out / CACHE_DIRNAME).glob("*/*.part"))


@pytest.mark.skipif(not kg.partcopy.AVAILABLE, reason="the helper needs POSIX")
@pytest.mark.parametrize("cached", [False, True])
def test_the_helper_writes_the_files_copying_in_process_does(tmp_path, helpers, cached):
    paths = write_corpus(tmp_path / "in", n=4)
    if cached:
        build(paths, tmp_path / "helped", html=False, jobs=1)
    build(paths, tmp_path / "helped", html=False, jobs=1)
    assert helpers[-1] == 4
    kg.pipeline.HELPER_PARTS = 10**9
    build(paths, tmp_path / "inline", html=False, jobs=1)
    assert len(helpers) == 1 + cached  # the last build copied in process
    assert outputs(tmp_path / "helped") == outputs(tmp_path / "inline")


@pytest.mark.skipif(not kg.partcopy.AVAILABLE, reason="the helper needs POSIX")
def test_a_cut_off_part_is_a_miss_and_is_replaced(tmp_path, helpers):
    paths = write_corpus(tmp_path / "in", n=3)
    out = tmp_path / "out"
    build(paths, out, html=False, jobs=1)
    before = outputs(out)
    victim = _parts(out)[1]
    whole = victim.read_bytes()
    victim.write_bytes(whole[:100])  # as a copy of the output directory cut off might leave it
    again = build(paths, out, html=False, jobs=1)
    assert again.cached == 2
    assert helpers == [3, 3]  # the new entry is stored before the parts are copied
    assert outputs(out) == before
    assert victim.read_bytes() == whole


def test_a_part_damaged_after_the_cache_took_it_fails_the_build_naming_it(tmp_path, helpers, monkeypatch):
    paths = write_corpus(tmp_path / "in", n=3)
    out = tmp_path / "out"
    build(paths, out, html=False, jobs=1)
    before = outputs(out)
    victim = _parts(out)[1]
    real_get = kg.cache.Cache.get

    def get_then_cut(self, key):
        value = real_get(self, key)
        if self.part_path(key) == victim:
            victim.write_bytes(victim.read_bytes()[:100])  # its header promises more than is left
        return value

    monkeypatch.setattr(kg.cache.Cache, "get", get_then_cut)
    with pytest.raises(KGError, match=rf"^{victim}: shorter than its header says$"):
        build(paths, out, html=False, jobs=1)
    assert helpers == [3, 3]
    assert outputs(out) == before
    assert not [p.name for p in out.iterdir() if p.name.startswith(".graph.")]


@pytest.mark.skipif(not kg.partcopy.AVAILABLE, reason="the helper needs POSIX")
def test_a_failing_page_stops_the_helper_and_leaves_no_temporary_file(tmp_path, helpers, monkeypatch):
    paths = write_corpus(tmp_path / "in", n=3)
    out = tmp_path / "out"
    build(paths, out, jobs=1)
    before = {name: (out / name).read_bytes() for name in (*FILES, "graph.html")}
    stopped = []
    real_exit = kg.partcopy.Helper.__exit__

    def spy_exit(self, *exc):
        real_exit(self, *exc)
        stopped.append(self._proc.returncode)

    def boom(page):
        raise RuntimeError("page failed")

    monkeypatch.setattr(kg.partcopy.Helper, "__exit__", spy_exit)
    monkeypatch.setattr("kg.html.Page.render_bytes", boom)
    with pytest.raises(RuntimeError, match="page failed"):
        build(paths, out, jobs=1)
    assert helpers == [3, 3]
    assert len(stopped) == 1 and stopped[0] is not None  # reaped, whether it had finished or was killed
    assert {name: (out / name).read_bytes() for name in before} == before
    assert not [p.name for p in out.iterdir() if p.name.startswith(".graph.")]


@pytest.mark.skipif(not kg.partcopy.AVAILABLE, reason="the helper needs POSIX")
@pytest.mark.parametrize("place", ["first", "last"])
def test_a_report_rewritten_after_it_was_hashed_leaves_the_files_those_of_a_build_in_process(
    tmp_path, helpers, monkeypatch, place
):
    """The helper is given the parts in the order planned from the inputs' hashes; a report rewritten in between
    comes back with another id, its part in memory.  Sorted before the parts given (``first``: it was planned
    last), the helper's work is undone and the files written here; sorted after them (``last``: it was planned
    first, so nothing was given), the others are given and it is added here."""
    import hashlib

    import kg.parallel
    import kg.rdf

    paths = write_corpus(tmp_path / "in")
    ids = [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]
    victim = paths[ids.index(max(ids) if place == "first" else min(ids))]
    for n in range(1000):  # an addition that sorts the rewritten report where this test wants it
        text = victim.read_text(encoding="utf-8") + "\n推进临猗黄河大桥建设。" + "。" * n
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if (digest < min(ids)) if place == "first" else (digest > max(ids)):
            break
    hashed = kg.parallel._key

    def rewritten_once_hashed(path, *args):
        found = hashed(path, *args)
        if path == victim:
            path.write_text(text, encoding="utf-8")
        return found

    rewound = []
    real_rewind = kg.rdf.Assembly.rewind
    monkeypatch.setattr(kg.rdf.Assembly, "rewind", lambda self: rewound.append(1) or real_rewind(self))
    monkeypatch.setattr(kg.parallel, "_key", rewritten_once_hashed)
    build(paths, tmp_path / "helped", html=False, jobs=1)
    monkeypatch.undo()
    assert rewound == ([1] if place == "first" else [])
    assert helpers == [2]
    build(paths, tmp_path / "inline", html=False, jobs=1, cache=False)
    assert outputs(tmp_path / "helped") == outputs(tmp_path / "inline")
    assert "临猗黄河大桥" in (tmp_path / "helped" / "graph.ttl").read_text(encoding="utf-8")


@pytest.mark.skipif(not kg.partcopy.AVAILABLE, reason="the helper needs POSIX")
def test_a_rebuild_gives_the_helper_parts_while_it_still_loads_the_cache(tmp_path, helpers, monkeypatch):
    paths = write_corpus(tmp_path / "in", n=4)
    build(paths, tmp_path / "out", html=False, jobs=1)
    events: list[str] = []
    real_get, real_add = kg.cache.Cache.get, kg.partcopy.Helper.add
    monkeypatch.setattr(kg.cache.Cache, "get", lambda self, key: events.append("get") or real_get(self, key))
    monkeypatch.setattr(kg.partcopy.Helper, "add", lambda self, path: events.append("add") or real_add(self, path))
    build(paths, tmp_path / "out", html=False, jobs=1)
    assert events == ["get", "add"] * 4  # the parts in the order of the files, each once its entry is loaded


def test_a_part_shorter_than_its_header_is_named():
    with pytest.raises(PartError, match=r"^some/part: not a stored RDF part$"):
        sections(io.BytesIO(b"\0" * 31), "some/part")


def test_jsonld_node_objects_are_separated_and_empty_sections_skipped(tmp_path):
    files = [io.BytesIO() for _ in FILES]
    appender = Appender(files)
    appender.add((b"", b"", b"", b""))
    appender.add((b"t1\n", b"", b"n1\n", b'{"a": 1}'))
    stored = tmp_path / "p.part"
    stored.write_bytes(Part(b"t2\n", b"g2\n", b"", b'{"b": 2}').to_bytes())
    appender.add_stored(stored)
    assert [f.getvalue() for f in files] == [b"t1\nt2\n", b"g2\n", b"n1\n", b'{"a": 1},\n{"b": 2}']
    assert appender.empty == [False, False, False, False]


@pytest.mark.skipif(not kg.partcopy.AVAILABLE, reason="the helper needs POSIX")
def test_a_helper_left_without_parts_ends_with_the_failed_build(tmp_path, helpers, monkeypatch):
    ended = []
    real_exit = kg.partcopy.Helper.__exit__

    def spy_exit(self, *exc):
        real_exit(self, *exc)
        ended.append(self._proc.returncode)

    monkeypatch.setattr(kg.partcopy.Helper, "__exit__", spy_exit)
    out = tmp_path / "out"
    with pytest.raises(KGError, match="none of the 2 inputs could be read"):
        build([tmp_path / "missing-1.txt", tmp_path / "missing-2.txt"], out, jobs=1)
    assert helpers == [0] and len(ended) == 1 and ended[0] is not None  # given no part, and stopped
    assert not list(out.glob(".graph.*"))


@pytest.mark.skipif(not kg.partcopy.AVAILABLE, reason="the helper needs POSIX")
def test_the_helper_is_started_before_the_build_grows(tmp_path):
    """Its peak memory is its own, not the pages of a build that had grown when it was started."""
    paths = write_corpus(tmp_path / "in", n=2)
    script = (
        "import resource, sys\n"
        "import kg.pipeline\n"
        "kg.pipeline.HELPER_PARTS = 1\n"
        "real = kg.pipeline.analyse_inputs\n"
        "def growing(*args, **kwargs):  # the analyses of a large corpus, as far as memory goes\n"
        "    global ballast\n"
        "    ballast = bytearray(512 << 20)\n"
        "    ballast[::4096] = b'x' * len(ballast[::4096])\n"
        "    return real(*args, **kwargs)\n"
        "kg.pipeline.analyse_inputs = growing\n"
        "kg.pipeline.build(sys.argv[2:], sys.argv[1], jobs=1, html=False)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "out"), *map(str, paths)],
        capture_output=True, text=True, check=True,
    )
    assert int(done.stdout.split()[-1]) < 256, done.stdout  # MB; the build itself passed 512


def test_a_helper_that_fails_with_a_long_message_is_reported_not_waited_on(tmp_path):
    # the message is longer than a pipe holds: read after stdout's end, the helper would stall writing it
    import threading

    files = [open(tmp_path / f"f{i}", "wb") for i in range(len(kg.partcopy.SECTIONS))]
    try:
        helper = kg.partcopy.Helper(files)
        helper._proc.kill()
        helper._proc.wait()
        noisy = "import sys; sys.stdin.read(); sys.stderr.write('x' * 1000000 + '\\nno such part\\n'); sys.exit(3)"
        helper._proc = subprocess.Popen(
            [sys.executable, "-c", noisy], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        helper.start(Appender(files))
        raised: list[BaseException] = []

        def wait() -> None:
            try:
                helper.wait()
            except BaseException as exc:  # noqa: BLE001 - handed to the test
                raised.append(exc)

        waiter = threading.Thread(target=wait, daemon=True)
        waiter.start()
        waiter.join(30)
        stalled = waiter.is_alive()
        if stalled:
            helper._proc.kill()
        assert not stalled
        assert len(raised) == 1 and isinstance(raised[0], PartError)
        assert str(raised[0]) == "no such part"
    finally:
        for fh in files:
            fh.close()
