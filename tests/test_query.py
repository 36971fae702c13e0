"""kg.query: SPARQL over a written graph, named queries, parameters as RDF terms, output formats."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib.query import Result

from kg import query, rdf
from kg.cli import main
from kg.errors import QueryError
from kg.model import Entity, Evidence, KnowledgeGraph, Mention

from .test_rdf import PROJECT, hand_built

TRICKY = '垣曲县"@zh } UNION { ?x ?y ?z'  # would match everything if pasted into the query


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("query")
    rdf.write(hand_built(), d)
    return d


@pytest.fixture(scope="module")
def tricky_graph(tmp_path_factory) -> Path:
    """A place whose name contains the characters that would break a pasted query."""
    name = 'a"b>c}d'
    g = KnowledgeGraph(
        entities={
            f"Place/{name}": Entity(f"Place/{name}", "Place", name),
            "Project/桥": Entity("Project/桥", "Project", "桥"),
            "Project/路": Entity("Project/路", "Project", "路"),
            "Place/别处": Entity("Place/别处", "Place", "别处"),
        }
    )
    g.relate("Project/桥", "located_in", f"Place/{name}")
    g.relate("Project/路", "located_in", "Place/别处")
    d = tmp_path_factory.mktemp("tricky")
    rdf.write(g, d)
    return d / "graph.ttl"


def test_every_named_query_has_title_and_runs_on_every_format(out):
    queries = query.named_queries()
    assert len(queries) >= 8
    for name, q in queries.items():
        assert q.title, f"{name}.rq has no '# title:' line"
        results = [query.run_named(out / f, name) for f in rdf.FILES]
        assert all(r.rows == results[0].rows for r in results), name


@pytest.mark.parametrize(
    "name, params, expected",
    [
        ("projects-in-place", {"place": "垣曲"}, [("垣曲", PROJECT, "垣曲县")]),
        ("projects-in-place", {"place": "运城市"}, [("运城市", PROJECT, "垣曲县")]),  # transitive
        ("projects-in-place", {"place": "山西省"}, [("山西省", PROJECT, "垣曲县")]),
        ("projects-in-place", {"place": "临猗县"}, []),
        ("targets-by-initiative", {}, [("运城市", "2023", None, "新增高新技术企业25家", "25", "家", None, "increase")]),
        ("shared-entities", {}, []),  # one report: nothing is shared
        ("count-by-type", {}, [("Place", "3"), ("Policy", "1"), ("Project", "1"), ("Target", "1")]),
        ("places-without-code", {}, []),
    ],
)
def test_named_query_answers(out, name, params, expected):
    result = query.run_named(out / "graph.ttl", name, params)
    assert [tuple(None if t is None else t.value for t in row) for row in result.rows] == expected


def test_policies_for_enterprises_on_the_sample(sample_build):
    """Enterprises and groups of firms (高新技术企业倍增计划 -> 高新技术企业), as the build's relations say."""
    g = sample_build.graph
    expected = set()
    for (s, p, o) in g.relations:
        subject, target = g.entities[s], g.entities[o]
        if p == "targets" and subject.type == "Policy":
            if target.type == "Enterprise" or (target.type == "Group" and "企业" in target.label):
                expected.add((subject.label, target.label, target.type))
    graph = sample_build.outputs[0].parent / "graph.ttl"
    rows = {tuple(t.value for t in r) for r in query.run_named(graph, "policies-for-enterprises").rows}
    assert rows == expected
    assert ("高新技术企业倍增计划", "高新技术企业", "Group") in rows
    assert {r[2] for r in rows} == {"Enterprise", "Group"}


def test_source_of_fact_returns_sentence_and_offsets(out):
    doc = next(iter(hand_built().documents.values()))
    result = query.run_named(out / "graph.ttl", "source-of-fact")
    (row,) = result.rows
    cells = dict(zip(result.variables, (t.value for t in row)))
    start, end = int(cells["start"]), int(cells["end"])
    assert doc.text[start:end] == cells["sentence"]
    assert PROJECT in cells["sentence"]
    assert cells["section"] == "聚力系统集成 促进发展动能充分释放 > 用好改革关键一招"


def test_facts_in_report_by_named_graph(out):
    """Over graph.trig a query can ask which report's named graph states a fact."""
    text = """PREFIX gk: <https://w3id.org/govkg/ontology#>
    SELECT ?report WHERE { GRAPH ?report { ?p gk:located_in ?c } ?report gk:year 2023 }"""
    result = query.run_query(out / "graph.trig", text)
    doc_id = next(iter(hand_built().documents))
    assert [r[0].value for r in result.rows] == [str(rdf.report_iri(doc_id))]


def test_parameter_with_quote_angle_and_brace_is_a_value(tricky_graph):
    result = query.run_named(tricky_graph, "projects-in-place", {"place": 'a"b>c}d'})
    assert [r[1].value for r in result.rows] == ["桥"]


def test_places_without_code_keeps_a_place_of_no_known_subclass(tricky_graph):
    rows = query.run_named(tricky_graph, "places-without-code").rows
    assert sorted((r[0].value, query.term_text(r[1])) for r in rows) == [('a"b>c}d', ""), ("别处", "")]


def test_injection_attempt_matches_nothing(tricky_graph, out):
    for graph in (tricky_graph, out / "graph.ttl"):
        assert query.run_named(graph, "projects-in-place", {"place": TRICKY}).rows == []


def test_iri_parameter_is_bound_as_iri(out):
    text = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?e ?label WHERE { ?e rdfs:label ?label }"
    iri = str(rdf.mint_iri("Place", "140827"))
    result = query.run_query(out / "graph.ttl", text, {"e": f"<{iri}>"})
    assert [r[1].value for r in result.rows] == ["垣曲县"]


@pytest.mark.parametrize(
    "text, head",
    [
        ("SELECT ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE {"),
        ("select ?w where{?w ?p ?o}", "select ?w where{"),
        ("ASK { ?s ?p ?o }", "ASK {"),
        ("SELECT * { FILTER(?a < ?b) }", "SELECT * {"),
        # braces inside a comment, an IRI's '#', a projection's EXISTS and a string are stepped over
        (
            'PREFIX gk: <https://w3id.org/govkg/ontology#>\n# { a comment\nSELECT (EXISTS { ?a ?b ?c } AS ?e) ("{" AS ?s) ?where WHERE { ?x gk:p "}" }',
            'PREFIX gk: <https://w3id.org/govkg/ontology#>\n# { a comment\nSELECT (EXISTS { ?a ?b ?c } AS ?e) ("{" AS ?s) ?where WHERE {',
        ),
        ("CONSTRUCT { ?s <x:p> ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s <x:p> ?o } WHERE {"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT WHERE {"),
        ("SELECT * WHERE { SELECT ?x WHERE { ?x ?p ?o } }", None),  # nothing may precede a bare sub-SELECT
        ("DESCRIBE <x:y>", None),
    ],
)
def test_where_group_is_found(text, head):
    at = query.where_group(text)
    assert (None if at is None else text[:at]) == head


def test_values_block_answers_as_the_substitutions_did(out, tricky_graph):
    """Every named query with parameters gets its VALUES block and the same answer as pyoxigraph's substitutions."""
    cases = [(out / "graph.ttl", name, {}) for name, q in query.named_queries().items() if q.params]
    cases += [(tricky_graph, "projects-in-place", {"place": 'a"b>c}d'}), (out / "graph.ttl", "projects-in-place", {"place": TRICKY})]
    assert len(cases) >= 6
    answered = 0
    for graph, name, params in cases:
        q = query.named_query(name)
        store, bound = query.load(graph), query.bind(params, q.params)
        text = query.values_first(q.text, bound)
        assert text is not None and text.count("VALUES (") == 1, name
        answers = []
        for t, subs in ((text, None), (q.text, bound)):
            res = store.query(t, use_default_graph_as_union=True, substitutions=subs)
            answers.append(sorted(tuple(str(sol[v]) for v in res.variables) for sol in res))
        assert answers[0] == answers[1], name
        answered += bool(answers[0])
    assert answered >= 4  # not all empty


def test_bare_subselect_falls_back_to_substitutions(out):
    iri = str(rdf.mint_iri("Place", "140827"))
    text = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?e ?label WHERE { SELECT ?e ?label WHERE { ?e rdfs:label ?label } }"
    result = query.run_query(out / "graph.ttl", text, {"e": f"<{iri}>"})
    assert [r[1].value for r in result.rows] == ["垣曲县"]


def test_invalid_sparql_with_a_parameter_is_reported_on_the_text_as_written(out):
    with pytest.raises(QueryError, match=r"invalid SPARQL: .*1:") as err:
        query.run_query(out / "graph.ttl", "SELECT ?x WHERE { ?x <x:p> ", {"x": "<x:y>"})
    assert "VALUES" not in str(err.value)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"nope": "x"}, "unknown parameter 'nope'"),
        ({"place": "x", "other": "y"}, "unknown parameter 'other'"),
    ],
)
def test_bad_parameters_are_errors(out, params, message):
    with pytest.raises(QueryError, match=message):
        query.run_named(out / "graph.ttl", "projects-in-place", params)


def test_missing_parameter_without_default():
    with pytest.raises(QueryError, match="missing parameter 'n'"):
        query.bind({}, (query.Param("n", "integer"),))


@pytest.mark.parametrize("value, type_", [("1.5", "integer"), ("abc", "decimal"), ("not an iri", "iri")])
def test_parameter_of_wrong_type(value, type_):
    with pytest.raises(QueryError):
        query.to_term(value, type_)


def test_unknown_query_name_lists_choices(out):
    with pytest.raises(QueryError, match="projects-in-place"):
        query.run_named(out / "graph.ttl", "no-such-query")


def test_invalid_sparql_is_a_query_error(out):
    with pytest.raises(QueryError, match="invalid SPARQL"):
        query.run_query(out / "graph.ttl", "SELECT WHERE {")


def test_unreadable_graph_names_the_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(QueryError, match="bad.ttl"):
        query.run_query(bad, "ASK {}")
    with pytest.raises(QueryError, match="unknown graph format"):
        query.run_query(tmp_path / "graph.xyz", "ASK {}")


def test_bad_header_line_is_an_error(tmp_path):
    with pytest.raises(QueryError, match="bad param line"):
        query.parse_header("q", tmp_path / "q.rq", "# param: x float\nSELECT * {}")


# ----------------------------------------------------------------- formats


@pytest.fixture(scope="module")
def fact(out):
    return query.run_named(out / "graph.ttl", "source-of-fact")


def test_csv_round_trips(fact):
    rows = list(csv.reader(io.StringIO(query.format_result(fact, "csv"))))
    assert rows[0] == fact.variables
    assert rows[1] == [t.value for t in fact.rows[0]]


def test_json_is_sparql_results_json(fact):
    text = query.format_result(fact, "json")
    parsed = Result.parse(io.StringIO(text), format="json")
    assert [str(v) for v in parsed.vars] == fact.variables
    (row,) = list(parsed)
    assert row.start.toPython() == int(fact.rows[0][fact.variables.index("start")].value)
    assert json.loads(text)["results"]["bindings"][0]["subject"]["xml:lang"] == "zh"


def test_tsv_uses_ntriples_terms(fact):
    lines = query.format_result(fact, "tsv").splitlines()
    assert lines[0].split("\t") == ["?" + v for v in fact.variables]
    assert lines[1].split("\t")[0] == f'"{PROJECT}"@zh'
    parsed = Result.parse(io.StringIO(query.format_result(fact, "tsv")), format="tsv")
    assert len(list(parsed)) == 1


def test_table_aligns_chinese_columns(fact):
    lines = query.format_result(fact, "table").splitlines()
    widths = {query._width(line.split(" | ")[0]) for line in (lines[0], lines[2])}
    assert len(widths) == 1 and lines[-1] == "(1 row)"


def test_ask_and_construct(out):
    g = out / "graph.ttl"
    assert query.format_result(query.run_query(g, "ASK { ?s ?p ?o }"), "table") == "true\n"
    assert json.loads(query.format_result(query.run_query(g, "ASK { <x:y> ?p ?o }"), "json"))["boolean"] is False
    text = query.format_result(query.run_query(g, "CONSTRUCT { ?s <x:p> ?o } WHERE { ?s <https://w3id.org/govkg/ontology#adcode> ?o }"), "table")
    assert text.count(" .\n") == 3


def test_unknown_format(fact):
    with pytest.raises(QueryError, match="unknown format"):
        query.format_result(fact, "xml")


# --------------------------------------------------------------------- CLI


def test_cli_named_query_with_param(out):
    res = CliRunner().invoke(main, ["query", str(out / "graph.ttl"), "--name", "projects-in-place", "--param", "place=运城", "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[1] == f"运城,{PROJECT},垣曲县"


def test_cli_file_query_uses_its_header_defaults(out):
    path = query.named_query("source-of-fact").path
    res = CliRunner().invoke(main, ["query", str(out / "graph.ttl"), "--file", str(path), "--format", "tsv"])
    assert res.exit_code == 0, res.output
    assert len(res.output.splitlines()) == 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["--name", "projects-in-place", "--param", "place"], "NAME=VALUE"),
        (["--name", "nope"], "no query named 'nope'"),
        (["SELECT * {}", "--name", "count-by-type"], "exactly one"),
    ],
)
def test_cli_query_errors(out, args, message):
    res = CliRunner().invoke(main, ["query", str(out / "graph.ttl"), *args])
    assert res.exit_code != 0
    assert message in res.output


# ------------------------------------------------------- two reports, one graph

SECOND = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "xuchang-2023-review.txt"


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory):
    if not SECOND.is_file():
        pytest.skip(f"{SECOND} not present")
    from kg.pipeline import SAMPLE, build

    out = tmp_path_factory.mktemp("two")
    return build([SAMPLE, SECOND], out, html=False), out


def _report_labels(result, graph: Path) -> dict[str, str]:
    """Each document's report label as the graph gives it, by document id."""
    text = "PREFIX gk: <https://w3id.org/govkg/ontology#> SELECT ?r ?label WHERE { ?r a gk:Report ; rdfs:label ?label }"
    labels = {r.value: label.value for r, label in query.run_query(graph, "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " + text).rows}
    return {d: labels[str(rdf.report_iri(d))] for d in result.graph.documents}


def test_shared_entities_of_two_reports(two_reports):
    result, out = two_reports
    labels = "; ".join(sorted(_report_labels(result, out / "graph.ttl").values()))
    expected = {
        (e.type, e.label, "2", labels)
        for e in result.graph.entities.values()
        if len({m.doc for m in e.mentions}) == 2
    }
    for name in ("graph.ttl", "graph.trig"):
        rows = query.run_named(out / name, "shared-entities").rows
        assert len(rows) == len(expected)  # one row per entity
        assert {tuple(t.value for t in r) for r in rows} == expected
    # Both gold files name these; the build finds them in both texts.
    assert {("Place", "中国"), ("Group", "高新技术企业")} <= {e[:2] for e in expected}
    texts = [doc.text for doc in result.graph.documents.values()]
    for _, label, *_ in expected:
        entity = next(e for e in result.graph.entities.values() if e.label == label)
        assert all(any(n in t for n in entity.names) for t in texts)


@pytest.fixture(scope="module")
def three_reports(tmp_path_factory):
    """The two reports and the xuchang text as 漯河市's: 中国 is in all three."""
    if not SECOND.is_file():
        pytest.skip(f"{SECOND} not present")
    from kg.pipeline import SAMPLE, build

    src = tmp_path_factory.mktemp("third")
    third = src / "luohe-2023-review.txt"
    third.write_text(SECOND.read_text(encoding="utf-8").replace("许昌", "漯河"), encoding="utf-8")
    out = tmp_path_factory.mktemp("three")
    return build([SAMPLE, SECOND, third], out, html=False), out


def test_shared_entities_one_row_per_entity_with_its_count(three_reports):
    """An entity in three reports is one row counting 3 (not three pairs), listed first."""
    result, out = three_reports
    labels = _report_labels(result, out / "graph.ttl")
    docs = {e.label: {m.doc for m in e.mentions} for e in result.graph.entities.values()}
    rows = [tuple(t.value for t in r) for r in query.run_named(out / "graph.ttl", "shared-entities").rows]
    shared = {label: d for label, d in docs.items() if len(d) > 1}
    assert [r[1] for r in rows if r[1] == "中国"] == ["中国"]
    assert len(rows) == len(shared)
    for _type, entity, count, listed in rows:
        assert int(count) == len(shared[entity])
        assert listed == "; ".join(sorted(labels[d] for d in shared[entity]))
    counts = [int(r[2]) for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] == 3
    assert ("Place", "中国", "3") == rows[[r[1] for r in rows].index("中国")][:3]
    # the copy shares its own paragraphs with xuchang only: counted 2, not 3
    assert any(c == 2 for c in counts)


def test_targets_by_initiative_names_each_report(three_reports):
    result, out = three_reports
    rows = query.run_named(out / "graph.ttl", "targets-by-initiative").rows
    expected = {
        (doc.jurisdiction, str(doc.year))
        for doc in result.graph.documents.values()
        if any(e.type == "Target" and any(m.doc == doc.id for m in e.mentions) for e in result.graph.entities.values())
    }
    assert {(r[0].value, r[1].value) for r in rows} == expected
    targets = sum(1 for e in result.graph.entities.values() if e.type == "Target" for _ in {m.doc for m in e.mentions})
    assert len(rows) == targets


def test_each_report_has_its_own_named_graph(two_reports):
    result, out = two_reports
    text = """PREFIX gk: <https://w3id.org/govkg/ontology#>
    SELECT ?report (COUNT(*) AS ?n) WHERE { GRAPH ?report { ?s gk:part_of_initiative ?o } } GROUP BY ?report"""
    rows = query.run_query(out / "graph.trig", text).rows
    assert {r[0].value for r in rows} == {str(rdf.report_iri(d)) for d in result.graph.documents}
    assert all(int(r[1].value) > 0 for r in rows)


# ------------------------------------------------------------------ the README

README = Path(__file__).resolve().parents[1] / "README.md"
README_QUERY = re.compile(r"```sh\n(kg query [^\n]+)\n```\n\n```text\n(.*?)```", re.S)


def _readme_queries() -> list[tuple[str, str]]:
    return README_QUERY.findall(README.read_text(encoding="utf-8"))


def test_readme_shows_every_named_query():
    shown = {shlex.split(cmd)[shlex.split(cmd).index("--name") + 1] for cmd, _ in _readme_queries()}
    assert shown == set(query.named_queries())


@pytest.mark.parametrize("command, shown", _readme_queries(), ids=lambda x: x.split("--name ")[-1].split()[0] if x.startswith("kg") else "")
def test_readme_query_runs(command, shown, sample_build, two_reports):
    graphs = {
        "output/graph.ttl": sample_build.outputs[0].parent / "graph.ttl",
        "two/graph.ttl": two_reports[1] / "graph.ttl",
    }
    argv = [str(graphs.get(a, a)) for a in shlex.split(command)[1:]]
    res = CliRunner().invoke(main, argv)
    assert res.exit_code == 0, res.output
    assert _columns(res.output) == _columns(shown)
    if _rows(command, shown):
        assert _rows(command, res.output), "the README shows rows; the sample build gives none"


def _columns(output: str) -> list[str]:
    """The header's column names, whatever the padding the values call for."""
    return [c.strip() for c in re.split(r"[|,\t]", output.splitlines()[0])]


def _rows(command: str, output: str) -> int:
    lines = output.splitlines()
    if "--format csv" in command:
        return len(lines) - 1
    counted = re.fullmatch(r"\((\d+) rows?\)", lines[-1])
    return int(counted.group(1)) if counted else 0
