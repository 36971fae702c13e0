"""Work in a process of its own: its output, or None when that process fails."""

from __future__ import annotations

import json
import shutil

import pytest

import kg.pipeline
from kg import fsutil, partcopy, sideproc
from kg.html import layout as layout_module
from kg.html.layout import layout
from kg.pipeline import build

from .test_cache import outputs, write_corpus

TRIANGLE = [3, [[0, 1], [1, 2], [2, 0]]]


def test_a_job_runs_a_govkg_function_on_its_input():
    out = sideproc.Job("kg.html.layout", "main", json.dumps(TRIANGLE).encode()).result()
    assert [tuple(xy) for xy in json.loads(out)] == layout(3, [(0, 1), (1, 2), (2, 0)])


@pytest.mark.parametrize("program", ["missing", "false", ""])
def test_a_job_that_cannot_run_gives_none(program, monkeypatch, tmp_path):
    # a program that cannot start, one that exits with an error, an interpreter that does not know its path
    executable = (shutil.which(program) or str(tmp_path / program)) if program else None
    monkeypatch.setattr(sideproc.sys, "executable", executable)
    assert sideproc.Job("kg.html.layout", "main", json.dumps(TRIANGLE).encode()).result() is None


def test_a_job_that_fails_gives_none():
    assert sideproc.Job("kg.html.layout", "main", b"not json").result() is None


def test_jobs_take_the_spare_processes_and_the_unused_ones_end():
    with sideproc.spares(2):
        idle = list(sideproc._idle)
        assert len(idle) == 2
        job = sideproc.Job("kg.html.layout", "main", json.dumps(TRIANGLE).encode())
        assert job._proc in idle and job._proc not in sideproc._idle
        assert json.loads(job.result())
    assert sideproc._idle == []
    assert all(proc.poll() is not None for proc in idle)


def test_a_spare_that_died_is_passed_over():
    with sideproc.spares(1):
        dead = sideproc._idle[0]
        dead.kill()
        dead.wait()
        job = sideproc.Job("kg.html.layout", "main", json.dumps(TRIANGLE).encode())
        assert job._proc is not dead
        assert json.loads(job.result())


def test_closing_a_job_stops_its_process():
    job = sideproc.Job("kg.html.layout", "main", json.dumps(TRIANGLE).encode())
    job.close()
    assert job._proc.poll() is not None
    job.close()  # twice is harmless


@pytest.mark.skipif(not partcopy.AVAILABLE, reason="the spares come with the helper, which needs POSIX")
def test_a_corpus_build_hands_its_layout_and_old_outputs_to_spares_started_first(tmp_path, monkeypatch):
    paths = write_corpus(tmp_path / "in", n=4)
    out = tmp_path / "out"
    build(paths, out, jobs=1)
    monkeypatch.setattr(kg.pipeline, "HELPER_PARTS", 1)
    monkeypatch.setattr(layout_module, "SEPARATE_FROM", 0)
    monkeypatch.setattr(fsutil, "SET_ASIDE_FROM", 0)
    started, taken = [], []
    real_start, real_take = sideproc._start, sideproc._take

    def start():
        started.append(real_start())
        return started[-1]

    def take():
        taken.append(real_take())
        return taken[-1]

    monkeypatch.setattr(sideproc, "_start", start)
    monkeypatch.setattr(sideproc, "_take", take)
    before = outputs(out)
    build(paths, out, jobs=1, cache=False)
    assert outputs(out) == before
    # two spares, started before anything else; the layout took one, deleting the old outputs the other
    assert len(started) == 2 and taken == started[::-1]
    for proc in sideproc._detached:
        proc.wait(timeout=30)
    assert sorted(out.glob(f".*{fsutil.REPLACED}")) == []


def test_in_thread_gives_the_call_s_value_or_exception_from_another_thread():
    import threading

    assert sideproc.in_thread(lambda: threading.current_thread()).result() is not threading.current_thread()
    assert sideproc.in_thread(int, "12", base=8).result() == 10
    with pytest.raises(ValueError, match="invalid literal"):
        sideproc.in_thread(int, "x").result()


def test_ctrl_c_while_waiting_on_in_thread_ends_the_process_without_the_call():
    import subprocess
    import sys
    import textwrap

    # the call would take a minute; SIGINT comes to the main thread, as a terminal's Ctrl-C does
    script = textwrap.dedent(
        """
        import signal, sys, threading
        from kg import sideproc
        threading.Timer(0.2, signal.pthread_kill, (threading.main_thread().ident, signal.SIGINT)).start()
        try:
            sideproc.in_thread(threading.Event().wait, 60).result()
        except KeyboardInterrupt:
            print("interrupted")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30,
                          cwd=sideproc._SOURCE_ROOT)
    assert (done.returncode, done.stdout) == (0, "interrupted\n"), done.stderr


def test_graphs_load_and_queries_run_off_the_main_thread(tmp_path, monkeypatch):
    import threading

    import pyoxigraph as ox

    import kg.query
    import kg.serve

    graph = tmp_path / "g.nt"
    graph.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    loaded_in: list[threading.Thread] = []
    real = ox.Store

    class Recording:  # pyoxigraph's Store, noting the thread that loads it
        def __init__(self):
            self.store = real()

        def bulk_load(self, *args, **kwargs):
            loaded_in.append(threading.current_thread())
            return self.store.bulk_load(*args, **kwargs)

        def load(self, *args, **kwargs):
            loaded_in.append(threading.current_thread())
            return self.store.load(*args, **kwargs)

        def query(self, *args, **kwargs):
            loaded_in.append(threading.current_thread())
            return self.store.query(*args, **kwargs)

    monkeypatch.setattr(ox, "Store", Recording)
    assert len(kg.query.load(graph).store) == 1
    assert len(kg.serve.load_store(graph).store) == 1
    assert kg.query.run_query(kg.query.load(graph), "SELECT ?s ?p ?o { ?s ?p ?o }").rows == [
        (ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c"))
    ]
    assert len(loaded_in) == 4 and threading.main_thread() not in loaded_in
