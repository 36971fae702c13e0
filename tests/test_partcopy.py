"""Copying the reports' cached RDF parts into the merged files, in a helper process or in the build's own."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

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
    started: list[int] = []
    real = kg.partcopy.Helper.__init__

    def spy(self, appender, parts):
        started.append(len(parts))
        real(self, appender, parts)

    monkeypatch.setattr(kg.pipeline, "HELPER_PARTS", 1)
    monkeypatch.setattr(kg.partcopy.Helper, "__init__", spy)
    return started


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
def test_a_damaged_part_fails_the_build_naming_it_and_keeps_the_old_outputs(tmp_path, helpers):
    paths = write_corpus(tmp_path / "in", n=3)
    out = tmp_path / "out"
    build(paths, out, html=False, jobs=1)
    before = outputs(out)
    victim = _parts(out)[1]
    victim.write_bytes(victim.read_bytes()[:100])  # its header promises more than is left
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

    def boom(graph):
        raise RuntimeError("page failed")

    monkeypatch.setattr(kg.partcopy.Helper, "__exit__", spy_exit)
    monkeypatch.setattr("kg.html.render_bytes", boom)
    with pytest.raises(RuntimeError, match="page failed"):
        build(paths, out, jobs=1)
    assert helpers == [3, 3]
    assert len(stopped) == 1 and stopped[0] is not None  # reaped, whether it had finished or was killed
    assert {name: (out / name).read_bytes() for name in before} == before
    assert not [p.name for p in out.iterdir() if p.name.startswith(".graph.")]


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
