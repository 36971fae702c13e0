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
