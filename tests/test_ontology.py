"""ontology/govkg.ttl: every term is described in Chinese and English, and the structure queries rely on holds."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg import rdf
from kg.model import ENTITY_TYPES
from kg.vocab import CONTEXT_FILE, GK, ONTOLOGY_FILE, SHAPES_FILE

TERMS = sorted(GK.__annotations__)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


@pytest.mark.parametrize("term", TERMS)
def test_term_has_zh_and_en_label_and_comment(onto, term):
    iri = getattr(GK, term)
    for prop in (RDFS.label, RDFS.comment):
        langs = {o.language for o in onto.objects(iri, prop) if isinstance(o, Literal)}
        assert {"zh", "en"} <= langs, f"gk:{term} lacks a zh or en {prop}"


@pytest.mark.parametrize("term", TERMS)
def test_properties_have_a_range(onto, term):
    iri = getattr(GK, term)
    if (iri, RDF.type, OWL.Class) in onto:
        return
    assert onto.value(iri, RDFS.range) is not None, f"gk:{term} has no rdfs:range"


def test_located_in_is_transitive(onto):
    assert (GK.located_in, RDF.type, OWL.TransitiveProperty) in onto


def _superclasses(onto: Graph, cls: URIRef) -> set[URIRef]:
    return set(onto.transitive_objects(cls, RDFS.subClassOf)) - {cls}


def test_place_subclasses_written_by_rdf_are_exactly_the_ontologys(onto):
    in_ontology = {c for c in onto.subjects(RDF.type, OWL.Class) if GK.Place in _superclasses(onto, c)}
    assert in_ontology == set(rdf.PLACE_SUBCLASSES.values())
    assert set(rdf.LEVEL_SUBCLASS.values()) <= in_ontology


@pytest.mark.parametrize("name", ENTITY_TYPES)
def test_entity_types_are_entities_and_prov_entities(onto, name):
    from rdflib.namespace import PROV

    supers = _superclasses(onto, getattr(GK, name))
    assert GK.Entity in supers and PROV.Entity in supers


def test_alignments(onto):
    from rdflib import Namespace

    schema = Namespace("https://schema.org/")
    assert schema.Place in _superclasses(onto, GK.Place)
    assert schema.Organization in _superclasses(onto, GK.Enterprise)
    assert (GK.Statement, RDFS.subClassOf, RDF.Statement) in onto


def test_shapes_and_context_parse():
    import json

    assert len(Graph().parse(SHAPES_FILE)) > 50
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    assert context["gk"] == str(GK._NS)
