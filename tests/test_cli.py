"""The ``kg`` command end to end on the bundled sample."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.cli import EXIT_SOME_FAILED, main
from kg.evaluate import evaluate
from kg.pipeline import SAMPLE

from .conftest import SAMPLE_GOLD

# Measured on the bundled sample: typed entity F1 0.987, relation F1 0.978
# (2026-11-26); a change that drops below these floors is a regression.
ENTITY_F1_FLOOR = 0.95
RELATION_F1_FLOOR = 0.95


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli-build")
    result = CliRunner().invoke(main, ["build", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_build_writes_the_graph_and_prints_its_paths(built):
    out, printed = built
    assert (out / "graph.ttl").is_file()
    assert (out / "graph.html").is_file()
    assert str(out / "graph.ttl") in printed.splitlines()


def test_query_over_the_built_graph_finds_the_county_of_a_project(built):
    out, _ = built
    sparql = """
        PREFIX gk: <https://w3id.org/govkg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?county WHERE {
          ?p a gk:Project ; rdfs:label "垣曲一期抽水蓄能项目"@zh ; gk:located_in ?c .
          ?c rdfs:label ?county .
        }"""
    result = CliRunner().invoke(main, ["query", str(out / "graph.ttl"), sparql, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "垣曲县" in result.output


def test_eval_on_the_sample_gold_stays_above_the_floor(built):
    out, _ = built
    result = CliRunner().invoke(main, ["eval", str(SAMPLE_GOLD), str(out / "graph.ttl")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("entities")
    scores = evaluate(SAMPLE_GOLD, out / "graph.ttl")
    assert scores.entities.f1 >= ENTITY_F1_FLOOR
    assert scores.relations.f1 >= RELATION_F1_FLOOR


def test_stats_counts_entities_by_type(built):
    out, _ = built
    result = CliRunner().invoke(main, ["stats", str(out / "graph.ttl")])
    assert result.exit_code == 0, result.output
    rows = {line.split()[1]: int(line.split()[2]) for line in result.output.splitlines()}
    assert rows["Initiative"] > 10
    assert rows["located_in"] > 0


@pytest.mark.parametrize("command", [["query", "--name", "count-by-type"], ["stats"]])
def test_a_large_graph_loaded_into_memory_is_announced_on_stderr(built, tmp_path, monkeypatch, command):
    import kg.cli

    out, _ = built
    graph = out / "graph.ttl"
    quiet = CliRunner().invoke(main, [command[0], str(graph), *command[1:]])
    monkeypatch.setattr(kg.cli, "LOAD_NOTE_FROM", graph.stat().st_size)
    noted = CliRunner().invoke(main, [command[0], str(graph), *command[1:]])
    stored = CliRunner().invoke(main, [command[0], str(graph), *command[1:], "--store", str(tmp_path / "db")])
    assert quiet.exit_code == noted.exit_code == stored.exit_code == 0
    assert quiet.stderr == ""
    assert noted.stderr.startswith(f"loading {graph} (0 MB) into memory; --store DIR keeps it loaded")
    assert "into memory" not in stored.stderr
    assert quiet.stdout == noted.stdout == stored.stdout  # the answer alone on stdout


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for name in main.commands:
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, name


def test_python_dash_m_kg_runs():
    done = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True, check=True)
    assert "govkg" in done.stdout


@pytest.mark.parametrize("failing", [False, True])
def test_the_console_script_leaves_early_with_everything_said_and_its_status(tmp_path, failing):
    """``kg build`` ends by ``os._exit`` (no atexit hook runs): what it wrote to pipes still arrives."""
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('atexit hook ran', file=sys.stderr))\n"
        "from kg.cli import run\n"
        "sys.argv[0] = 'kg'\n"
        "run()\n"
    )
    out = tmp_path / "out"
    inputs = [str(SAMPLE), str(tmp_path / "missing.txt")] if failing else []  # none: the sample
    done = subprocess.run([sys.executable, "-c", script, "build", *inputs, "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == (EXIT_SOME_FAILED if failing else 0), done.stderr
    assert sorted(done.stdout.splitlines()) == sorted(str(p) for p in out.iterdir() if p.is_file())
    said = done.stderr.splitlines()
    assert said[-1].startswith("built 1 document")
    assert any("missing.txt" in line for line in said) == failing
    assert "atexit hook ran" not in said


def test_missing_input_is_one_line_error_and_nonzero_exit(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "nope.txt" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", [b"\xd4\xcb.ttl", b"a\nb.ttl"], ids=["gbk", "newline"])
@pytest.mark.parametrize("command", [["query", "--name", "count-by-type"], ["validate"]])
def test_a_graph_file_name_is_escaped_in_the_error(tmp_path, command, name):
    """A byte that is not UTF-8 (a name made under GBK) and a control character come out as ``\\xNN``, as
    ``kg build`` writes them, on one line -- also where the parser's own message names the file."""
    import os

    try:
        bad = tmp_path / os.fsdecode(name)
        bad.write_bytes(b"not turtle <<<\n")
    except (OSError, UnicodeError):
        pytest.skip("this file system does not take that name")
    done = subprocess.run([sys.executable, "-m", "kg", command[0], str(bad), *command[1:]], capture_output=True)
    said = done.stderr.decode("utf-8")
    escaped = name.decode("latin-1").encode("unicode_escape").decode("ascii").replace("\\n", "\\x0a")
    assert done.returncode == 1
    assert said.startswith(f"Error: {tmp_path}/{escaped}: cannot "), said
    assert said.count("\n") == 1
    assert "\\udc" not in said
    if command[0] == "query":
        assert said.count(escaped) == 2, said  # ours, and the parser's


def test_a_ctrl_c_while_the_command_line_is_imported_ends_as_one_later_does():
    """The interrupt is raised by the import of kg.cli itself, as a Ctrl-C in its first tenth of a second is."""
    code = (
        "import builtins, runpy\n"
        "real = builtins.__import__\n"
        "def interrupted(name, globals=None, locals=None, fromlist=(), level=0):\n"
        "    if (name, level) == ('cli', 1) or name == 'kg.cli':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, globals, locals, fromlist, level)\n"
        "builtins.__import__ = interrupted\n"
        "runpy.run_module('kg', run_name='__main__')\n"
    )
    done = subprocess.run([sys.executable, "-c", code, "build"], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["", "Aborted!"]  # as click ends a Ctrl-C, and no traceback
