"""A corpus build assembles each report's cached RDF part: the result must be the graph itself.

The reports are the sample and the four hand-annotated excerpts, which share
entities (中国, provinces, policy names), so union files could repeat triples.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg import rdf
from kg.pipeline import SAMPLE, analyse, build, build_graph
from kg.read import load

UNSEEN = sorted((Path(__file__).parent / "data" / "unseen").glob("*.txt"))
INPUTS = [SAMPLE, *UNSEEN]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    return build(INPUTS, out, html=False, jobs=2), out


def test_parts_from_workers_equal_the_graph_rendered_whole(corpus, tmp_path):
    """Parts made per report in worker processes == the merged graph's own rendering, byte for byte."""
    result, out = corpus
    rdf.write(result.graph, tmp_path)
    for name in rdf.FILES:
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_union_files_state_each_triple_once(corpus):
    _, out = corpus
    lines = (out / "graph.nt").read_text(encoding="utf-8").splitlines()
    repeated = [line for line, n in Counter(lines).items() if n > 1]
    assert len(lines) > 1000 and not repeated, repeated[:3]


def test_union_files_hold_the_union_of_the_named_graphs(corpus):
    result, out = corpus
    ttl = Graph().parse(out / "graph.ttl")
    trig = Dataset()
    trig.parse(out / "graph.trig", format="trig")
    union = Graph()
    for s, p, o, _ in trig.quads():
        union.add((s, p, o))
    assert isomorphic(ttl, union)
    assert isomorphic(ttl, Graph().parse(out / "graph.jsonld", format="json-ld"))
    names = {str(c.identifier) for c in trig.graphs()} - {str(trig.default_graph.identifier)}
    assert names == {str(rdf.report_iri(d)) for d in result.graph.documents} | {str(rdf.BACKGROUND)}


def test_a_reports_relations_do_not_depend_on_the_other_reports():
    alone = {path: build_graph([analyse(load(path))]) for path in INPUTS[:3]}
    together = build_graph([analyse(load(path)) for path in INPUTS[:3]])
    for path, graph in alone.items():
        doc_id = next(iter(graph.documents))
        mine = {
            (t, ev) for t, rel in together.relations.items() for ev in rel.evidence if ev.doc == doc_id
        }
        assert mine == {(t, ev) for t, rel in graph.relations.items() for ev in rel.evidence}, path.name


def test_rebuild_after_one_change_re_renders_only_that_report(corpus, tmp_path):
    _, out = corpus
    work, inputs = tmp_path / "out", []
    shutil.copytree(out, work)
    for path in INPUTS:
        inputs.append(tmp_path / path.name)
        shutil.copy(path, inputs[-1])
    first = build(inputs, work, html=False)  # same texts, moved: absolute paths are recorded by file name
    inputs[1].write_text(inputs[1].read_text(encoding="utf-8") + "\n推进城区东环路改造提升项目建设。", encoding="utf-8")
    second = build(inputs, work, html=False)
    assert (first.cached, second.cached) == (len(INPUTS), len(INPUTS) - 1)
    fresh = tmp_path / "fresh"
    build(inputs, fresh, html=False, cache=False)
    for name in rdf.FILES:
        assert (work / name).read_bytes() == (fresh / name).read_bytes(), name


def test_the_same_text_twice_is_built_once_with_a_warning(tmp_path):
    copy = tmp_path / "copy.txt"
    shutil.copy(SAMPLE, copy)
    result = build([SAMPLE, copy], tmp_path / "out", html=False)
    assert len(result.graph.documents) == 1
    assert [w for w in result.warnings if "same text as" in w] == [f"{copy}: same text as {SAMPLE}; built once"]


def test_the_graph_does_not_depend_on_the_order_the_inputs_are_named(tmp_path):
    # one heading read in both reports, under different sections: the merged entity keeps one of them
    first = tmp_path / "a.txt"
    first.write_text("运城市2023年政府工作报告\n一、总体要求\n(一)全面推进乡村振兴\n全面推进乡村振兴。\n", encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text(
        "运城市2024年政府工作报告\n一、2023年工作回顾\n经济平稳。\n二、2024年重点工作\n(一)加快产业转型\n"
        "加快产业转型。\n(二)全面推进乡村振兴\n全面推进乡村振兴。\n",
        encoding="utf-8",
    )
    orders = [[first, second], [second, first]]
    graphs = [build(inputs, tmp_path / f"out{i}", html=False).graph for i, inputs in enumerate(orders)]
    key = "Initiative/全面推进乡村振兴"
    assert {g.entities[key].attrs["section"] for g in graphs} == {graphs[0].entities[key].attrs["section"]}
    assert all(g.entities == graphs[0].entities and g.relations == graphs[0].relations for g in graphs)


@pytest.mark.parametrize("helped", [False, True])
@pytest.mark.parametrize("formats", [["ttl"], ["trig"], ["nt"], ["jsonld"], ["nt", "trig"]])
def test_a_build_of_some_formats_writes_those_files_as_a_full_build_does(
    corpus, tmp_path, monkeypatch, formats, helped
):
    import kg.pipeline

    _, full = corpus
    if helped:  # the parts copied by the helper process, as in a corpus build, else in this process
        monkeypatch.setattr(kg.pipeline, "HELPER_PARTS", 1)
    out = tmp_path / "out"
    out.mkdir()
    for name in rdf.FILES:  # an earlier build's files: those not asked for must not survive, stale
        (out / name).write_bytes(b"old")
    build(INPUTS, out, html=False, jobs=2, formats=formats)
    wanted = {f"graph.{f}" for f in formats}
    assert {p.name for p in out.iterdir() if p.name.startswith("graph.")} == wanted
    for name in wanted:
        assert (out / name).read_bytes() == (full / name).read_bytes(), name


def test_a_full_build_after_a_build_of_one_format_renders_every_file(corpus, tmp_path):
    _, full = corpus
    out = tmp_path / "out"
    build(INPUTS, out, html=False, jobs=1, formats=["nt"])
    result = build(INPUTS, out, html=False, jobs=1)
    assert result.cached == 0  # the cached parts hold N-Triples only: not reused
    for name in rdf.FILES:
        assert (out / name).read_bytes() == (full / name).read_bytes(), name


def test_an_unknown_format_is_a_one_line_error_before_anything_is_read(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o"),
                                       "--formats", "nt, xml"])
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown RDF format 'xml': choose from ttl, trig, nt, jsonld\n"
    assert not (tmp_path / "o").exists()


def test_a_file_name_that_is_not_utf8_is_recorded_with_escapes(tmp_path):
    """A name made under another encoding (GBK 运城, say) reaches Python as lone surrogates, which no UTF-8
    output can hold: the report builds, and every output and message names it with ``\\xNN`` escapes."""
    import json
    import os

    from click.testing import CliRunner

    from kg.cli import main
    from kg.html.data import payload

    reports = tmp_path / "reports"
    reports.mkdir()
    try:
        named = reports / os.fsdecode(b"\xd4\xcb-2023.txt")
        named.write_bytes(SAMPLE.read_bytes())
        (reports / os.fsdecode(b"\xb3\xc7.txt")).write_bytes(b"\x00\x01binary")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    out = tmp_path / "out"
    runs = [CliRunner().invoke(main, ["build", str(reports), "-o", str(out), "--jobs", "1"]) for _ in range(2)]
    for result in runs:
        assert result.exit_code == 3, result.output  # built, one input failed
        assert f"failed: {reports}/\\xb3\\xc7.txt: " in result.stderr
        assert "\\udc" not in result.output + result.stderr
    assert "(1 from cache" in runs[1].stderr  # the same key both times
    nt = (out / "graph.nt").read_text(encoding="utf-8")
    assert 'sourcePath> "\\\\xd4\\\\xcb-2023.txt" .' in nt  # an absolute path is recorded by its name
    page = payload(build([named], tmp_path / "again", html=False).graph)
    assert json.dumps(page["docs"], ensure_ascii=False).count("\\\\xd4\\\\xcb-2023.txt") == 1
