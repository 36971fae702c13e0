"""The benchmark's query slices: rdflib is timed on them, so they must give the whole graph's answers."""

from __future__ import annotations

import sys
from pathlib import Path

from kg.pipeline import build
from kg.query import load, named_queries, run_query

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import build_speed  # noqa: E402

from .test_cache import write_corpus  # noqa: E402

GK = "https://w3id.org/govkg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def test_predicates_come_from_patterns_paths_and_not_exists():
    text = f"""PREFIX gk: <{GK}>
    SELECT ?e WHERE {{ ?e a gk:Place ; gk:mention/gk:inDocument ?r . FILTER NOT EXISTS {{ ?e gk:adcode ?c }} }}"""
    assert build_speed.query_predicates(text) == {RDF_TYPE, GK + "mention", GK + "inDocument", GK + "adcode"}


def test_a_variable_predicate_needs_the_whole_graph():
    assert build_speed.query_predicates("SELECT * WHERE { ?s ?p ?o }") is None
    assert build_speed.query_predicates(f"SELECT * WHERE {{ ?s <{GK}mention> ?m OPTIONAL {{ ?m ?p ?o }} }}") is None


def test_each_example_query_answers_the_same_on_its_slice(tmp_path):
    build(write_corpus(tmp_path / "in", n=4), tmp_path / "out", html=False, jobs=1)  # reports share entities
    graph = tmp_path / "out" / "graph.nt"
    queries = {name: q.text for name, q in named_queries().items() if not q.params}
    wanted = {name: build_speed.query_predicates(text) for name, text in queries.items()}
    assert all(p is not None for p in wanted.values())
    slices, total = build_speed.write_slices(graph, wanted, tmp_path)
    assert total == sum(1 for _ in open(graph, "rb"))
    whole = load(graph)
    for name, text in queries.items():
        path, triples = slices[name]
        assert 0 < triples < total, name
        expected = run_query(whole, text).rows
        assert expected, name  # an empty answer would prove nothing
        assert run_query(load(path), text).rows == expected, name


def test_query_ratios_never_round_up_to_the_goal():
    assert build_speed._ratio(0.170, {"seconds": 1.655}) == "9.7x"
    assert build_speed._ratio(0.1, {"seconds": 61.0}) == "610x"
    assert build_speed._ratio(17.802, {"seconds": None, "timeout": 600}) == "> 33x (rdflib stopped at 600 s)"
    assert build_speed._ratio(None, {"seconds": 1.0}) == "-"


def test_query_store_bench_prints_a_row_per_query_and_checks_answers(sample_build, tmp_path, capsys):
    import query_store

    graph = sample_build.outputs[0].parent / "graph.nt"
    assert query_store.main([str(graph), "--workdir", str(tmp_path / "qs"), "--memory", "count-by-type"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]
    names = sorted(n for n, q in named_queries().items() if not q.params)
    firsts = [r.split(" | ")[0][2:] for r in rows[1:]]
    assert firsts[0].startswith("first, loading the store (") and firsts[1:] == names
    assert rows[2].endswith("x |")  # count-by-type, run both ways with the same answer


def test_rebuilds_change_distinct_reports_the_middle_one_first():
    paths = [Path(f"r{i}.txt") for i in range(10)]
    picked = build_speed.victims(paths, 3)
    assert picked[0] == paths[5] and len(set(picked)) == 3
    assert build_speed.victims(paths[:2], 3) == [paths[1], paths[0]]  # fewer reports than rebuilds: each once


def test_the_median_rebuild_is_reported():
    runs = [{"wall": 9.0, "build": "c"}, {"wall": 6.0, "build": "a"}, {"wall": 7.0, "build": "b"}]
    assert build_speed.median_run(runs)["build"] == "b"
    assert build_speed.median_run(runs[:2])["build"] == "a"


def test_push_bench_times_each_push_and_finds_the_changed_build_on_the_server(tmp_path, capsys):
    import push_speed

    assert push_speed.main(["--size", "0.05", "--servers", "oxigraph", "--workdir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    rows = [line.split(" | ") for line in out.splitlines() if line.startswith("| ") and not line.startswith("| push")]
    sent = {row[0].strip("| "): int(row[2].replace(",", "")) for row in rows}
    assert sent["the same build again"] == 0 and sent["after one report changed"] == 2
    assert sent["the build, to an empty server"] == sent["the same, --resend (baseline)"] > 2
    assert out.rstrip().endswith("digests: same")


def test_each_engine_times_a_query_until_its_runs_or_its_budget_are_spent(sample_build, capsys, monkeypatch):
    import json
    import statistics

    graph = sample_build.outputs[0].parent / "graph.nt"
    monkeypatch.setattr(build_speed, "QUERY_RUNS", 3)
    # the rdflib child caps its own address space; here it is this test process, which later launches Chromium
    limits = []
    monkeypatch.setattr(build_speed.resource, "setrlimit", lambda *args: limits.append(args))
    build_speed.child_query("kg", graph)
    build_speed.child_query("rdflib", graph, "count-by-type", 60)
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    timed = [x for x in lines if x["kind"] == "query"]
    assert {x["name"] for x in timed if x["engine"] == "kg"} == set(build_speed.aggregate_queries())
    for x in timed:
        assert len(x["runs"]) == 3 and x["seconds"] == statistics.median(x["runs"]), x
    kg, rdflib = (next(x for x in timed if x["engine"] == e and x["name"] == "count-by-type") for e in ("kg", "rdflib"))
    assert kg["digest"] == rdflib["digest"]
    assert limits == [(build_speed.resource.RLIMIT_AS, (int(build_speed.RDFLIB_MEMORY_GB * 2**30),) * 2)]
    # a query whose first run spends the budget runs once
    monkeypatch.setattr(build_speed, "QUERY_BUDGET", 0.0)
    assert build_speed.another_run([]) and not build_speed.another_run([0.001])
    monkeypatch.setattr(build_speed, "QUERY_BUDGET", 1.0)
    assert build_speed.another_run([0.2, 0.3]) and not build_speed.another_run([0.2, 0.3, 0.1])  # three runs at most


def test_the_ratio_is_of_the_median_build_and_the_median_floor(tmp_path, monkeypatch):
    seconds = {"_floor": iter([20.0, 18.0, 30.0, 19.0]), "_build": iter([40.0, 33.0, 36.0])}
    rss = iter([700.0, 900.0, 650.0])
    calls = []

    def fake_child(args, timeout):
        calls.append(args[0])
        wall = next(seconds[args[0]], 5.0)  # then the rebuilds
        if args[0] == "_floor":
            return [{"kind": "floor", "seconds": wall, "init": 1.0, "words": 1, "rss": 1.0}], wall, False
        Path(args[2]).mkdir(parents=True, exist_ok=True)
        Path(args[2], "graph.nt").write_bytes(b"<a> <b> <c> .\n")
        stages = {"analyse": wall - 3}
        build = {"kind": "build", "seconds": wall, "stages": stages, "cached": 0, "rss": next(rss, 500.0),
                 "rss_workers": 100.0}
        return [build], wall, False

    monkeypatch.setattr(build_speed, "run_child", fake_child)
    monkeypatch.setattr(build_speed.corpus, "write", lambda mb, d: write_corpus(d, n=2))
    row = build_speed.measure_size(0.01, 2, tmp_path, 60.0, repeats=3)
    assert calls[:7] == ["_floor", "_build", "_floor", "_build", "_floor", "_build", "_floor"]
    assert set(calls[7:]) == {"_build"} and row["rebuild_walls"] == [5.0] * len(calls[7:])  # into the last build
    assert row["floor_walls"] == [20.0, 18.0, 30.0, 19.0] and row["floor"]["seconds"] == 19.5
    assert row["build_walls"] == [40.0, 33.0, 36.0] and row["build_wall"] == 36.0
    assert row["build"]["stages"] == {"analyse": 33.0}  # the median build's own stages
    assert row["build"]["rss"] == 900.0  # the peak of all builds
