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
