"""The govkg vocabulary as rdflib terms.

``GK`` mirrors the terms that ``ontology/govkg.ttl`` defines; a misspelt
term raises ``AttributeError`` instead of minting a new IRI, and
``tests/test_vocab.py`` checks that this class and the .ttl agree.

>>> str(GK.located_in)
'https://w3id.org/govkg/ontology#located_in'
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

# kg/ontology links to the top-level ontology/ in a checkout and is a copy of it in a wheel
ONTOLOGY_DIR = Path(__file__).resolve().parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "govkg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
QUERIES_DIR = ONTOLOGY_DIR / "queries"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"

ID = Namespace("https://w3id.org/govkg/id/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")


class GK(DefinedNamespace):
    """Terms of ``https://w3id.org/govkg/ontology#``."""

    _NS = Namespace("https://w3id.org/govkg/ontology#")
    _fail = True

    # entity classes
    Entity: URIRef
    Place: URIRef
    Project: URIRef
    Enterprise: URIRef
    Policy: URIRef
    Initiative: URIRef
    Quantity: URIRef
    Target: URIRef
    Outcome: URIRef
    Group: URIRef
    # Place subclasses
    AdministrativeRegion: URIRef
    Country: URIRef
    Province: URIRef
    Prefecture: URIRef
    County: URIRef
    Town: URIRef
    Village: URIRef
    Region: URIRef
    NaturalFeature: URIRef
    River: URIRef
    Lake: URIRef
    Mountain: URIRef
    Basin: URIRef
    Canal: URIRef
    Road: URIRef
    # relations
    located_in: URIRef
    part_of_initiative: URIRef
    targets: URIRef
    # entity attributes
    adcode: URIRef
    value: URIRef
    unit: URIRef
    baseValue: URIRef
    baseUnit: URIRef
    comparator: URIRef
    change: URIRef
    indicator: URIRef
    # provenance
    Report: URIRef
    Sentence: URIRef
    Mention: URIRef
    Statement: URIRef
    mention: URIRef
    inDocument: URIRef
    inSentence: URIRef
    text: URIRef
    start: URIRef
    end: URIRef
    sectionPath: URIRef
    jurisdiction: URIRef
    jurisdictionPlace: URIRef
    year: URIRef
    sourcePath: URIRef
    sha256: URIRef
    version: URIRef
    # kg push's record on the server
    pushedDigest: URIRef


#: Prefixes bound in every graph govkg writes.
PREFIXES = {
    "gk": str(GK._NS),
    "id": str(ID),
    "geo": str(GEO),
    "schema": str(SCHEMA),
}
