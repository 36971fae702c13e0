"""kg.vocab.GK and ontology/govkg.ttl define the same terms."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.model import ENTITY_TYPES, RELATION_TYPES
from kg.vocab import GK, ONTOLOGY_FILE


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


def _ttl_terms(g: Graph) -> set[str]:
    ns = str(GK._NS)
    return {str(s)[len(ns):] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}


def test_vocab_matches_ontology_terms(ontology):
    declared = set(GK.__annotations__)
    assert declared == _ttl_terms(ontology)


def test_vocab_rejects_misspelt_term():
    with pytest.raises(AttributeError):
        GK.locatedIn  # noqa: B018


def test_every_term_used_in_ontology_is_defined(ontology):
    """No gk: IRI appears anywhere in the ontology (as object too) without a definition."""
    ns = str(GK._NS)
    used = {str(t)[len(ns):] for triple in ontology for t in triple if isinstance(t, URIRef) and str(t).startswith(ns)}
    assert used <= _ttl_terms(ontology)


@pytest.mark.parametrize("name", ENTITY_TYPES)
def test_entity_types_are_owl_classes(ontology, name):
    assert (getattr(GK, name), RDF.type, OWL.Class) in ontology


@pytest.mark.parametrize("name", RELATION_TYPES)
def test_relations_are_object_properties(ontology, name):
    assert (getattr(GK, name), RDF.type, OWL.ObjectProperty) in ontology
