"""kg query --store: the graph kept in an on-disk Oxigraph store, loaded once and again when it changes."""

from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.pipeline import SAMPLE, build
from kg.query import named_queries, run_named, run_query
from kg.store import MANIFEST, open_store, prepare

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    """The sample's graph.trig, and the graph.trig of the sample with an unseen report."""
    root = tmp_path_factory.mktemp("graphs")
    unseen = sorted((SAMPLE.parents[2] / "tests" / "data" / "unseen").glob("*.txt"))[:1]
    build([SAMPLE], root / "one", html=False, jobs=1)
    build([SAMPLE, *unseen], root / "two", html=False, jobs=1)
    return root / "one" / "graph.trig", root / "two" / "graph.trig"


def _count(source) -> int:
    return int(run_query(source, COUNT).rows[0][0].value)


def test_every_named_query_answers_as_in_memory(graphs, tmp_path):
    graph = graphs[1]
    store = open_store(graph, tmp_path / "db")
    answered = 0
    for name in sorted(named_queries()):  # parameters take the defaults their headers declare
        answer = run_named(store, name)
        assert answer.rows == run_named(graph, name).rows, name
        answered += bool(answer.rows)
    assert answered == len(named_queries())


def test_loaded_once_then_opened(graphs, tmp_path):
    lines = []
    for _ in range(2):
        prepare(graphs[0], tmp_path / "db", log=lines.append)
    assert len(lines) == 2 and lines[0].startswith(f"loading {graphs[0]} into the store")
    assert lines[1].startswith("loaded in ")


def test_a_changed_graph_file_is_loaded_again(graphs, tmp_path):
    graph = tmp_path / "graph.trig"
    shutil.copy(graphs[0], graph)
    assert _count(open_store(graph, tmp_path / "db")) == _count(graphs[0])
    shutil.copy(graphs[1], tmp_path / "new.trig")
    os.replace(tmp_path / "new.trig", graph)  # as a rebuild puts its outputs in place
    lines = []
    assert _count(open_store(graph, tmp_path / "db", log=lines.append)) == _count(graphs[1]) > _count(graphs[0])
    assert len(lines) == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".db.") and p.name != ".db.lock"] == []


def test_a_reader_keeps_the_store_it_opened_while_a_load_replaces_it(graphs, tmp_path):
    graph = tmp_path / "graph.trig"
    shutil.copy(graphs[0], graph)
    reader = open_store(graph, tmp_path / "db")
    before = run_named(reader, "count-by-type").rows
    shutil.copy(graphs[1], tmp_path / "new.trig")
    os.replace(tmp_path / "new.trig", graph)
    assert _count(open_store(graph, tmp_path / "db")) == _count(graphs[1])
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".db.") and p.name != ".db.lock"] == []
    assert run_named(reader, "count-by-type").rows == before
    assert _count(reader) == _count(graphs[0])


def test_another_graph_file_replaces_the_store(graphs, tmp_path):
    open_store(graphs[0], tmp_path / "db")
    assert _count(open_store(graphs[1], tmp_path / "db")) == _count(graphs[1])


def test_a_directory_that_is_no_store_is_left_alone(graphs, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(QueryError, match="is not empty and holds no govkg store"):
        prepare(graphs[0], tmp_path / "mine")
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]


def test_a_bad_graph_keeps_the_old_store_and_leaves_no_temporary_directory(graphs, tmp_path):
    prepare(graphs[0], tmp_path / "db")
    manifest = (tmp_path / "db" / MANIFEST).read_bytes()
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(QueryError, match=f"^{bad}: cannot load the graph"):
        prepare(bad, tmp_path / "db")
    assert (tmp_path / "db" / MANIFEST).read_bytes() == manifest
    assert sorted(p.name for p in tmp_path.iterdir()) == [".db.lock", "bad.ttl", "db"]


def test_a_load_stopped_by_ctrl_c_is_deleted_by_the_next_load(graphs, tmp_path, monkeypatch):
    import kg.store

    real = kg.store._fill

    def interrupted(fresh, graph, fmt):
        real(fresh, graph, fmt)  # as far as the load got when Ctrl-C came
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.store, "_fill", interrupted)
    with pytest.raises(KeyboardInterrupt):
        prepare(graphs[0], tmp_path / "db")
    left = [p for p in tmp_path.iterdir() if p.name.endswith(kg.store.LOADING)]
    assert len(left) == 1 and not (tmp_path / "db").exists()  # kept: the load might still be writing there
    stray = tmp_path / f".db.abcd_123{kg.store.RETIRED}"  # a replaced store whose deletion was cut short
    stray.mkdir()
    (tmp_path / ".db.backup.old").mkdir()  # the user's: not a name made here
    monkeypatch.setattr(kg.store, "_fill", real)
    prepare(graphs[0], tmp_path / "db")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".db.backup.old", ".db.lock", "db"]
    assert _count(open_store(graphs[0], tmp_path / "db")) == _count(graphs[0])


def test_cli_query_with_a_store(graphs, tmp_path):
    args = ["query", str(graphs[0]), "--store", str(tmp_path / "db"), "--name", "count-by-type", "--format", "csv"]
    first = CliRunner().invoke(main, args)
    again = CliRunner().invoke(main, args)
    plain = CliRunner().invoke(main, args[:2] + args[4:])
    assert first.exit_code == again.exit_code == plain.exit_code == 0, first.output
    assert first.stdout == again.stdout == plain.stdout
    assert "into the store" in first.stderr and again.stderr == ""


def test_cli_refuses_a_store_that_is_a_file(graphs, tmp_path):
    (tmp_path / "db").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["query", str(graphs[0]), "--store", str(tmp_path / "db"), COUNT])
    assert result.exit_code == 2  # click: --store must be a directory


def test_cli_stats_with_a_store(graphs, tmp_path):
    args = ["stats", str(graphs[1]), "--store", str(tmp_path / "db")]
    stored, plain = CliRunner().invoke(main, args), CliRunner().invoke(main, args[:2])
    assert stored.exit_code == plain.exit_code == 0, stored.output
    assert stored.stdout == plain.stdout and "relation  located_in" in plain.stdout


def test_a_store_that_cannot_be_written_is_a_one_line_error_and_leaves_nothing(graphs, tmp_path, monkeypatch):
    import kg.store

    def full(fresh, graph, fmt):
        (fresh / "000001.sst").write_bytes(b"half")
        raise OSError(f"IO error: No space left on device: While appending to file: {fresh}/000001.sst")

    monkeypatch.setattr(kg.store, "_fill", full)
    with pytest.raises(QueryError, match=r"^.*db: cannot load .*graph\.trig into the store \(IO error: No space") as e:
        prepare(graphs[0], tmp_path / "db")
    assert "\n" not in str(e.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".db.lock"]


def test_a_store_under_a_file_is_a_one_line_error(graphs, tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    args = ["query", str(graphs[0]), "--store", str(tmp_path / "afile" / "db"), COUNT]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    problem = f"{tmp_path / 'afile'} is a file, not a directory"
    assert result.stderr == f"Error: {tmp_path / 'afile' / 'db'}: cannot keep a store there ({problem})\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_a_store_in_a_directory_that_cannot_be_written_is_a_one_line_error(graphs, tmp_path, monkeypatch):
    import kg.store

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "ro" / ".db.lock"))

    monkeypatch.setattr(kg.store, "open", refused, raising=False)  # the lock file, as in a read-only directory
    with pytest.raises(QueryError) as e:
        prepare(graphs[0], tmp_path / "ro" / "db")
    assert str(e.value) == f"{tmp_path / 'ro' / 'db'}: cannot keep a store there (Permission denied)"


def test_a_file_system_that_cannot_lock_loads_the_store_unlocked(graphs, tmp_path, monkeypatch):
    import errno

    import kg.store

    def cannot(fd, op):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(kg.store.fcntl, "flock", cannot)
    assert _count(open_store(graphs[0], tmp_path / "db")) == _count(graphs[0])


def test_a_broken_symbolic_link_for_a_store_is_refused_before_loading(graphs, tmp_path):
    (tmp_path / "db").symlink_to(tmp_path / "gone")
    lines = []
    with pytest.raises(QueryError, match=r"db: is a broken symbolic link; give --store a directory of its own$"):
        prepare(graphs[0], tmp_path / "db", log=lines.append)
    assert lines == [] and sorted(p.name for p in tmp_path.iterdir()) == [".db.lock", "db"]
