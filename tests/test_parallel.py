"""Analysing many inputs in a process pool: same results, same order, errors kept per input."""

from __future__ import annotations

import io

import pytest

from kg.errors import InputError, KGError
from kg.parallel import AnalyseStats, analyse_inputs, default_jobs
from kg.pipeline import build
from kg.progress import ProgressBar, render, summary
from kg.rdf import FILES

from .test_cache import write_corpus


def _signature(result):
    a = result.analysis
    return a.document.id, a.document.source, [(m.type, m.start, m.end, m.name) for m in a.mentions]


def test_pool_and_serial_give_the_same_analyses_in_input_order(tmp_path):
    paths = write_corpus(tmp_path, n=5)
    serial = analyse_inputs(paths, jobs=1)
    pooled = analyse_inputs(paths, jobs=2)
    assert [r.path for r in pooled] == paths
    assert [_signature(r) for r in pooled] == [_signature(r) for r in serial]
    assert all(r.analysis.mentions for r in pooled)


def test_builds_are_byte_identical_for_any_number_of_jobs(tmp_path):
    paths = write_corpus(tmp_path / "in", n=4)
    build(paths, tmp_path / "one", html=False, jobs=1, cache=False)
    build(paths, tmp_path / "two", html=False, jobs=2, cache=False)
    for name in FILES:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_unreadable_input_is_reported_in_its_place(tmp_path, jobs):
    paths = write_corpus(tmp_path, n=3)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    results = analyse_inputs([paths[0], empty, paths[1], missing, paths[2]], jobs=jobs)
    assert [r.error is None for r in results] == [True, False, True, False, True]
    assert isinstance(results[1].error, InputError) and "empty" in str(results[1].error)
    assert str(missing) in str(results[3].error)


def test_progress_is_called_once_per_input_up_to_the_total(tmp_path):
    paths = write_corpus(tmp_path, n=4)
    calls = []
    stats = AnalyseStats()
    analyse_inputs(paths, jobs=2, progress=lambda done, total, cached: calls.append((done, total)), stats=stats)
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert stats.jobs == 2 and stats.extract > 0 and stats.wall > 0


def test_jobs_must_be_positive(tmp_path):
    with pytest.raises(KGError, match="at least 1"):
        analyse_inputs(write_corpus(tmp_path, n=1), jobs=0)


def test_default_jobs_is_the_machine():
    assert default_jobs() >= 1


def test_render_shows_done_rate_and_time_left():
    line = render(50, 200, 10.0)
    assert "50/200 docs" in line and "5.0 docs/s" in line and "0:30 left" in line
    # cache hits do not inflate the rate
    assert "2.0 docs/s" in render(30, 200, 10.0, cached=10)


def test_bar_draws_nothing_when_stderr_is_not_a_terminal():
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar(1, 2)
    bar(2, 2)
    bar.close()
    assert stream.getvalue() == ""


def test_bar_draws_on_a_terminal_and_clears_itself():
    stream = io.StringIO()
    bar = ProgressBar(stream, enabled=True)
    bar(1, 2)
    bar(2, 2)
    assert "2/2 docs" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_bar_names_its_items_and_the_ones_that_took_no_work():
    stream = io.StringIO()
    bar = ProgressBar(stream, enabled=True, unit="graphs", kept="unchanged")
    bar(1, 2, True)
    bar(2, 2)
    assert "2/2 graphs  1 unchanged" in stream.getvalue() and "cached" not in stream.getvalue()


def test_summary_names_documents_entities_by_type_relations_and_seconds(tmp_path):
    result = build(write_corpus(tmp_path / "in", n=2), tmp_path / "out", html=False, jobs=1)
    line = summary(result, 1.25)
    places = sum(1 for e in result.graph.entities.values() if e.type == "Place")
    assert line.startswith(f"built 2 documents: {len(result.graph.entities)} entities (Place {places}, ")
    assert line.endswith(f"{len(result.graph.relations)} relations in 1.2 s")


def _collector_seen_by(monkeypatch, tmp_path, module, name):
    """Wrap ``module.name`` so that each call appends (gc enabled, objects frozen) to a file; return its path."""
    import gc
    import os

    seen = tmp_path / "gc-seen"
    real = getattr(module, name)

    def spy(*args, **kwargs):
        with open(seen, "a") as fh:  # appended by whichever process calls it, forked worker or not
            fh.write(f"{os.getpid()} {int(gc.isenabled())} {int(gc.get_freeze_count() > 0)}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return seen


def test_the_build_pauses_the_cycle_collector_and_restores_it(tmp_path, monkeypatch):
    import gc
    import os

    import kg.pipeline as pipeline

    seen = _collector_seen_by(monkeypatch, tmp_path, pipeline, "build_graph")
    paths = write_corpus(tmp_path / "in", n=3)
    assert gc.isenabled()
    build(paths, tmp_path / "out", html=False, jobs=1)
    assert seen.read_text() == f"{os.getpid()} 0 0\n"  # merged with the collector off
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that turned it off finds it off
        build(paths, tmp_path / "out", html=False, jobs=1)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_the_build_keeps_is_handed_to_the_oldest_generation(tmp_path):
    # else the first allocation after the build walks all of it (0.7 s after a 10 MB rebuild)
    import gc

    result = build(write_corpus(tmp_path / "in", n=3), tmp_path / "out", html=False, jobs=1)
    entity = next(iter(result.graph.entities.values()))
    assert gc.is_tracked(entity)
    assert any(o is entity for o in gc.get_objects(generation=2))
    assert gc.get_freeze_count() == 0


def test_a_callers_frozen_objects_stay_frozen(tmp_path):
    import gc

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        build(write_corpus(tmp_path / "in", n=3), tmp_path / "out", html=False, jobs=1)
        assert gc.get_freeze_count() > frozen // 2  # (some die meanwhile; unfreezing would leave 0)
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_the_collector_comes_back_after_a_failed_build(tmp_path):
    import gc

    from kg.errors import BuildError

    with pytest.raises(BuildError):
        build([tmp_path / "missing.txt"], tmp_path / "out")
    assert gc.isenabled()


def test_forked_workers_collect_cycles_but_not_in_what_they_inherit(tmp_path, monkeypatch):
    import os

    import kg.pipeline as pipeline

    seen = _collector_seen_by(monkeypatch, tmp_path, pipeline, "analyse_and_render")
    build(write_corpus(tmp_path / "in", n=4), tmp_path / "out", html=False, jobs=2, cache=False)
    calls = [line.split() for line in seen.read_text().splitlines()]
    assert len(calls) == 4
    assert all(pid != str(os.getpid()) for pid, _, _ in calls)  # each analysed in a worker ...
    assert all((enabled, frozen) == ("1", "1") for _, enabled, frozen in calls)  # ... collecting, inherited frozen


def test_ctrl_c_stops_a_corpus_build_without_tracebacks_or_outputs(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from kg.pipeline import SAMPLE

    corpus = tmp_path / "in"
    corpus.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(150):  # seconds of work on two processes: the signal comes long before the end
        (corpus / f"r{i:03d}.txt").write_text(f"第{i}号报告\n{text}", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not list(out.glob(".kgcache/*/*.pickle")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # until the workers have stored a report
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: to every process of the build
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert err.splitlines() == ["", "Aborted!"]  # click's, and no worker's traceback
    assert [p.name for p in out.iterdir()] == [".kgcache"]  # no output, whole or partial
