"""Invariants under fuzzing: random and mutated report text through the whole pipeline.

For any text: the pipeline does not crash, every mention slices exactly its
text from the raw input, the RDF parses back to the same number of triples,
and the HTML page never contains a piece of markup from the input unescaped.
Example counts are kept small so the module runs in seconds.
"""

from __future__ import annotations

import rdflib
import rdflib.compare
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import html as html_out
from kg import rdf
from kg.pipeline import SAMPLE, analyse, build_graph
from kg.read import set_jurisdiction
from kg.structure import parse

TEXT = SAMPLE.read_text(encoding="utf-8")
PARAS = [p for p in TEXT.split("\n") if p.strip()]
# Markup an attacker (or a careless web page) could put in a report's text.
MARKUP = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "</div><b>", "\"'><svg/onload=x>"]
# Characters reports are made of, plus the ones that break parsers and escapers.
ALPHABET = st.sampled_from(sorted(set(TEXT)) + list("<>&\"'\\\r\t\u3000\ufeff\u200b繁體運國") + ["\x00", "\ud7ff"])

# Each example serialises RDF (the slow part): few and short examples keep this module in CI budget.
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


@st.composite
def mutated_report(draw) -> str:
    """Paragraphs of the sample, cut, shuffled and spliced with markup and noise."""
    paras = draw(st.lists(st.sampled_from(PARAS), min_size=1, max_size=3))
    out = []
    for p in paras:
        i = draw(st.integers(0, len(p)))
        j = draw(st.integers(i, len(p)))
        op = draw(st.sampled_from(["keep", "cut", "insert", "markup", "dup"]))
        if op == "cut":
            p = p[:i] + p[j:]
        elif op == "insert":
            p = p[:i] + draw(st.text(ALPHABET, max_size=20)) + p[i:]
        elif op == "markup":
            p = p[:i] + draw(st.sampled_from([*MARKUP, "&lt;", "&amp;"])) + p[i:]
        elif op == "dup":
            p = p[:j] + p[i:j] + p[j:]
        out.append(p)
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n", ""]))
    return sep.join(out)


def _run(text: str):
    doc = parse(text, source="fuzz.txt")
    set_jurisdiction(doc)
    analysis = analyse(doc)
    graph = build_graph([analysis])
    return doc, analysis, graph


def _check(text: str) -> None:
    doc, analysis, graph = _run(text)
    assert doc.text == text
    assert len(doc.norm) == len(doc.text)
    for m in analysis.mentions:
        assert doc.text[m.start : m.end] == m.text, m
    union = rdf.union(rdf.to_dataset(graph))
    back = rdflib.Graph().parse(data=union.serialize(format="turtle"), format="turtle")
    assert rdflib.compare.isomorphic(back, union)
    page = html_out.render(graph)
    page = page.decode("utf-8") if isinstance(page, bytes) else page
    for markup in MARKUP:
        if markup in text:
            assert markup not in page


@SETTINGS
@given(mutated_report())
def test_mutated_reports_keep_every_invariant(text):
    _check(text)


@SETTINGS
@given(st.text(ALPHABET, max_size=200))
def test_random_text_keeps_every_invariant(text):
    _check(text)


def test_markup_inside_an_entity_name_is_escaped():
    # a project name carrying markup reaches labels, tooltips and data in the page
    text = PARAS[0] + "\n" + "推进<i onclick=x>运城</i>国际机场改扩建项目建设。实施“<b>绿满运城</b>”行动。"
    doc, analysis, graph = _run(text)
    labels = {e.label for e in graph.entities.values()}
    assert any("x>运城</i>国际机场" in label for label in labels) and "“<b>绿满运城</b>”行动" in labels
    page = html_out.render(graph)
    page = page.decode("utf-8") if isinstance(page, bytes) else page
    assert "x>运城</i>" not in page and "<b>绿满运城" not in page
