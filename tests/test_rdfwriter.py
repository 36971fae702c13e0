"""kg.rdfwriter gives the bytes pyoxigraph (and json.dumps) give for the same triples."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import rdf, rdfwriter
from kg.vocab import GK

XSD = "http://www.w3.org/2001/XMLSchema#"
ID = "https://w3id.org/govkg/id/"

# IRIs as kg mints them (under id:, not a written prefix), vocabulary IRIs under
# every written prefix (some with local names that cannot be abbreviated), and odd ones
iris = st.one_of(
    st.builds(lambda k: rdf.mint("Place", k), st.text("垣曲县ab1_-.~%,/ <>", min_size=1, max_size=6)),
    st.sampled_from(
        [f"{ns}{local}" for ns in rdf.WRITE_PREFIXES.values() for local in ("x", "label", "a.b", "1a", "a-b_c", "")]
    ),
    st.sampled_from([rdfwriter.RDF_TYPE, str(GK.mention), "urn:x:y", "http://example.org/a#b"]),
)
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
literals = st.one_of(
    st.builds(lambda t: (t, "zh", None), texts),
    st.builds(lambda t: (t, None, None), texts),
    st.builds(lambda t: (t, None, rdfwriter.XSD_STRING), texts),
    st.builds(lambda n: (str(n), None, rdfwriter.XSD_INTEGER), st.integers(-(10**20), 10**20)),
    st.builds(lambda t: (t, None, XSD + "decimal"), st.sampled_from(["1.5", "25.0", "-0.25", "7", "1e3", ".5"])),
    st.builds(lambda t: (t, None, XSD + "integer"), st.sampled_from(["+7", "007", "1.0", " 1"])),
    st.builds(lambda t: (t, None, XSD + "date"), st.sampled_from(["2023-01-01", "x"])),
)
objects = st.one_of(st.builds(lambda i: (None, i), iris), literals)
# few distinct subjects and predicates, so that runs of the same subject and predicate occur
subjects = st.sampled_from([f"{ID}a", f"{ID}b", str(GK.Place)])
predicates = st.sampled_from([rdfwriter.RDF_TYPE, str(GK.text), f"{ID}p"])
triples = st.lists(st.tuples(subjects, predicates, objects), max_size=25)


def _ox(triples: list) -> list[ox.Triple]:
    def term(o):
        if len(o) == 2:
            return ox.NamedNode(o[1])
        value, language, datatype = o
        if language:
            return ox.Literal(value, language=language)
        return ox.Literal(value, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(value)

    return [ox.Triple(ox.NamedNode(s), ox.NamedNode(p), term(o)) for s, p, o in triples]


def _ox_turtle(triples: list) -> bytes:
    data = ox.serialize(_ox(triples), format=ox.RdfFormat.TURTLE, prefixes=rdf.WRITE_PREFIXES) if triples else b""
    return rdf._strip_prefixes(data)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(triples)
def test_ntriples_is_what_pyoxigraph_writes(ts):
    expected = ox.serialize(_ox(ts), format=ox.RdfFormat.N_TRIPLES) if ts else b""
    assert rdfwriter.ntriples(ts) == expected


@settings(max_examples=300, deadline=None, derandomize=True)
@given(triples)
def test_turtle_is_what_pyoxigraph_writes(ts):
    assert rdfwriter.turtle(ts, rdfwriter.TurtleTerms(rdf.WRITE_PREFIXES)) == _ox_turtle(ts)


def _jsonld_reference(ts: list) -> bytes:
    """The node objects built as dicts and encoded by json.dumps (the writer's previous form)."""
    nodes: dict[str, dict] = {}
    for s, p, o in ts:
        node = nodes.setdefault(s, {"@id": s})
        if len(o) == 2 and p == rdfwriter.RDF_TYPE:
            key, value = "@type", rdf._compact(o[1])
        elif len(o) == 2:
            key, value = rdf._compact(p), {"@id": o[1]}
        elif o[1] is not None:
            key, value = rdf._compact(p), {"@language": o[1], "@value": o[0]}
        elif o[2] is not None and o[2] != rdfwriter.XSD_STRING:
            key, value = rdf._compact(p), {"@type": rdf._compact(o[2]), "@value": o[0]}
        else:
            key, value = rdf._compact(p), {"@value": o[0]}
        node.setdefault(key, []).append(value)
    return ",\n".join(json.dumps(n, ensure_ascii=False) for n in nodes.values()).encode("utf-8")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(triples)
def test_jsonld_nodes_are_what_json_dumps_writes(ts):
    assert rdfwriter.jsonld_nodes(ts, rdfwriter.JsonLdTerms(rdf._compact)) == _jsonld_reference(ts)


def test_jsonld_nodes_parse_as_the_same_triples():
    ts = [
        (f"{ID}a", rdfwriter.RDF_TYPE, (None, str(GK.Place))),
        (f"{ID}a", str(GK.text), ('引"号\n', "zh", None)),
    ]
    nodes = json.loads(b"[" + rdfwriter.jsonld_nodes(ts, rdfwriter.JsonLdTerms(rdf._compact)) + b"]")
    assert nodes == [{"@id": f"{ID}a", "@type": ["gk:Place"], "gk:text": [{"@language": "zh", "@value": '引"号\n'}]}]


def test_turtle_groups_a_subjects_predicates_and_objects():
    s, p = f"{ID}a", str(GK.text)
    ts = [
        (s, rdfwriter.RDF_TYPE, (None, str(GK.Place))),
        (s, p, ("x", None, None)),
        (s, p, ("y", None, None)),
        (f"{ID}b", p, ("z", None, None)),
    ]
    out = rdfwriter.turtle(ts, rdfwriter.TurtleTerms(rdf.WRITE_PREFIXES)).decode()
    assert out == f'<{s}> a gk:Place ;\n\tgk:text "x" , "y" .\n<{ID}b> gk:text "z" .\n'


ODD_TEXTS = ["", "plain", 'quote " back \\ slash', "tab\tnew\nline\rcr\x08\x0c", "\x00\x1f\x7f", "垣曲县"]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_quoted_strings_parse_back(text):
    nt = rdfwriter.ntriples([(f"{ID}a", str(GK.text), (text, None, None))])
    (quad,) = ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
    assert quad.object.value == text


# ------------------------------------------------------------ a report's part, nodes written whole


def _tuple(term) -> tuple:
    if isinstance(term, ox.NamedNode):
        return (None, term.value)
    datatype = term.datatype.value
    return (term.value, term.language, None if term.language or datatype == rdfwriter.XSD_STRING else datatype)


def _triples(data: bytes, fmt: ox.RdfFormat) -> list:
    return [(q.subject.value, q.predicate.value, _tuple(q.object)) for q in ox.parse(data, format=fmt)]


def assert_part_is_what_the_writers_give(part: rdf.Part, graph_name: str) -> None:
    """Every section of ``part`` is what :mod:`kg.rdfwriter`'s writers (checked against pyoxigraph above)
    give for the triples the section holds, in the order it holds them: the mention, sentence and
    statement nodes :class:`kg.rdf._Nodes` writes whole come out as those writers would write them."""
    prefixes = rdf._headers()["graph.ttl"][0]
    own = _triples(part.nt, ox.RdfFormat.N_TRIPLES)
    assert len(own) == len(set(own)) > 0  # each triple once
    assert rdfwriter.ntriples(own) == part.nt
    terms = rdfwriter.TurtleTerms(rdf.WRITE_PREFIXES)
    assert rdfwriter.turtle(own, terms) == part.ttl
    assert _triples(prefixes + part.ttl, ox.RdfFormat.TURTLE) == own
    assert rdfwriter.jsonld_nodes(own, rdfwriter.JsonLdTerms(rdf._compact)) == part.jsonld
    named = _triples(prefixes + part.trig, ox.RdfFormat.TRIG)
    assert named[: len(own)] == own  # the named graph: the own triples, then the shared ones
    body = rdfwriter.turtle(own, terms) + rdfwriter.turtle(named[len(own) :], terms)
    assert part.trig == b"<" + graph_name.encode() + b"> {\n" + body + b"}\n"


def _analysed(text: str, source: str = "report.txt"):
    from kg.pipeline import _analysed
    from kg.structure import parse

    doc = parse(text, source=source)
    analysis, local = _analysed(doc)
    return doc, analysis, local


def _report_part(text: str, source: str = "report.txt") -> tuple[rdf.Part, str]:
    doc, analysis, local = _analysed(text, source)
    return rdf.report_part(doc, local.entities, analysis.relations), rdf.mint("report", doc.id)


def test_sample_part_is_what_the_writers_give():
    from kg.pipeline import SAMPLE

    part, name = _report_part(SAMPLE.read_text(encoding="utf-8"))
    assert part.nt.count(b"/ontology#Mention> .\n") > 200 and b"/ontology#Statement> .\n" in part.nt
    assert_part_is_what_the_writers_give(part, name)


def test_sample_part_states_each_mention_sentence_and_statement():
    """What the nodes say, checked triple by triple against the analysis they are written from."""
    from kg.pipeline import SAMPLE

    doc, analysis, local = _analysed(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE))
    part = rdf.report_part(doc, local.entities, analysis.relations)
    got = set(_triples(part.nt, ox.RdfFormat.N_TRIPLES))
    gk, rdf_ns, prov = str(GK._NS), "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/ns/prov#"
    report, act = rdf.mint("report", doc.id), rdf.extraction_iri(doc.id)

    def integer(n):
        return (str(n), None, rdfwriter.XSD_INTEGER)

    def sentence(start, end):
        node = rdf.mint("sentence", f"{doc.id}/{start}-{end}")
        assert (node, rdfwriter.RDF_TYPE, (None, gk + "Sentence")) in got
        assert (node, gk + "inDocument", (None, report)) in got
        assert {(node, gk + "start", integer(start)), (node, gk + "end", integer(end))} <= got
        assert (node, gk + "text", (doc.text[start:end], "zh", None)) in got
        return node

    spans = set()
    for e in local.entities.values():
        if not e.mentions:  # the gazetteer's: the background describes them
            continue
        s = str(rdf.entity_iri(e))
        assert {(s, prov + "wasDerivedFrom", (None, report)), (s, prov + "wasGeneratedBy", (None, act))} <= got
        for m in e.mentions:
            node = rdf.mint("mention", f"{doc.id}/{m.start}-{m.end}")
            spans.add(node)
            assert (s, gk + "mention", (None, node)) in got
            assert (node, rdfwriter.RDF_TYPE, (None, gk + "Mention")) in got
            assert (node, gk + "inDocument", (None, report)) in got
            assert {(node, gk + "start", integer(m.start)), (node, gk + "end", integer(m.end))} <= got
            assert (node, gk + "text", (m.text, "zh", None)) in got
            sent = doc.sentence_at(m.start)
            if sent is not None:
                assert (node, gk + "inSentence", (None, sentence(sent.start, sent.end))) in got
    assert len([t for t in got if t[2] == (None, gk + "Mention")]) == len(spans) > 200
    statements = 0
    for rel in analysis.relations:
        evidence = [ev for ev in rel.evidence if ev.doc == doc.id]
        if not evidence:
            continue
        statements += 1
        s, o = (str(rdf.entity_iri(local.entities[k])) for k in (rel.subject, rel.object))
        p = str(getattr(GK, rel.predicate))
        (node,) = {t[0] for t in got if t[1] == rdf_ns + "subject" and t[2] == (None, s)} & {
            t[0] for t in got if t[1] == rdf_ns + "object" and t[2] == (None, o)
        } & {t[0] for t in got if t[1] == rdf_ns + "predicate" and t[2] == (None, p)}
        assert (node, rdfwriter.RDF_TYPE, (None, gk + "Statement")) in got
        assert (node, prov + "wasGeneratedBy", (None, act)) in got
        derived = {t[2][1] for t in got if t[0] == node and t[1] == prov + "wasDerivedFrom"}
        assert derived == {sentence(ev.start, ev.end) for ev in evidence}
    assert statements == len([t for t in got if t[2] == (None, gk + "Statement")]) > 50


HOSTILE = st.lists(
    st.sampled_from(['引"号', "反\\斜", "tab\t", "\x00\x1f\x7f", "\r", "{@id}", "垣曲县", "运城市", "新增企业25家"]),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(heading=HOSTILE, sentences=st.lists(HOSTILE, min_size=1, max_size=4))
def test_a_part_of_any_text_is_what_the_writers_give(heading, sentences):
    body = "。".join("在垣曲县" + "".join(s) + "建设运城一期抽水蓄能项目，新增高新技术企业25家" for s in sentences)
    text = "2023年运城市政府工作报告\n一、" + "".join(heading) + "\n" + body + "。\n"
    part, name = _report_part(text)
    assert b"/ontology#Mention> .\n" in part.nt
    assert_part_is_what_the_writers_give(part, name)


def test_a_span_read_twice_and_a_sentence_cited_twice_are_written_once():
    from kg.model import Entity, Evidence, KnowledgeGraph, Mention, Relation
    from kg.structure import parse

    doc = parse("2023年运城市政府工作报告\n在垣曲县建设抽水蓄能项目。\n", source="r.txt")
    at = doc.text.index("垣曲县")
    county = Mention(doc.id, "Place", at, at + 3, "垣曲县", "垣曲县")
    at = doc.text.index("抽水蓄能项目")
    project = Mention(doc.id, "Project", at, at + 6, "抽水蓄能项目", "抽水蓄能项目")
    sent = doc.sentence_at(at)
    g = KnowledgeGraph(documents={doc.id: doc})
    g.entities = {
        "Place/垣曲县": Entity("Place/垣曲县", "Place", "垣曲县", mentions=[county, county]),
        "Project/抽水蓄能项目": Entity("Project/抽水蓄能项目", "Project", "抽水蓄能项目", mentions=[project]),
    }
    g.relate("Project/抽水蓄能项目", "located_in", "Place/垣曲县", Evidence(doc.id, sent.start, sent.end))
    g.relate("Project/抽水蓄能项目", "located_in", "Place/垣曲县", Evidence(doc.id, sent.start, sent.end - 1))
    g.relate("Project/抽水蓄能项目", "located_in", "Place/垣曲县", Evidence(doc.id, sent.start, sent.end))
    ((doc_id, part),) = rdf.parts_of(g)
    assert_part_is_what_the_writers_give(part, rdf.mint("report", doc_id))
    assert part.nt.count(b"/ontology#mention>") == 2 and part.nt.count(b"/ontology#Mention> .\n") == 2
    assert part.nt.count(b"wasDerivedFrom> <https://w3id.org/govkg/id/sentence/") == 2
    # evidence named twice (render_report takes a list)
    rel = next(iter(g.relations.values()))
    s, o = (str(rdf.entity_iri(g.entities[k])) for k in (rel.subject, rel.object))
    ev = Evidence(doc.id, sent.start, sent.end)
    part = rdf.render_report(doc.id, doc, g.entities.values(), [(Relation(s, rel.predicate, o), [ev, ev])])
    assert_part_is_what_the_writers_give(part, rdf.mint("report", doc_id))
    assert part.nt.count(b"wasDerivedFrom> <https://w3id.org/govkg/id/sentence/") == 1
