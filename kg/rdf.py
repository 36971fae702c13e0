"""KnowledgeGraph -> RDF: one named graph per report, provenance for every fact.

Every IRI is minted by :func:`mint_iri`.  The plain facts (types, labels,
``gk:located_in`` …) are written as ordinary triples; alongside them each
entity links to its mentions and each relation has a ``gk:Statement`` node
(``rdf:subject``/``rdf:predicate``/``rdf:object``) derived from the sentences
that support it.  The pattern is documented in ``ontology/govkg.ttl``.

A report's triples go into the named graph whose IRI is the report's IRI;
what no report states (gazetteer ancestors, the build activity) goes into
:data:`BACKGROUND`.  ``graph.ttl``/``graph.nt``/``graph.jsonld`` hold the
union, ``graph.trig`` the named graphs.  Output is byte-identical across runs.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from . import __version__
from .errors import KGError
from .fsutil import atomic_write
from .model import Entity, Evidence, KnowledgeGraph, Mention, Relation
from .vocab import CONTEXT_FILE, GEO, GK, ID, PREFIXES

#: Place subclasses by the ``subclass`` attribute or, failing that, the gazetteer ``level``.
PLACE_SUBCLASSES = {
    name: getattr(GK, name)
    for name in (
        "AdministrativeRegion", "Country", "Province", "Prefecture", "County", "Town", "Village",
        "Region", "NaturalFeature", "River", "Lake", "Mountain", "Basin", "Canal", "Road",
    )
}
LEVEL_SUBCLASS = {
    "country": GK.Country,
    "province": GK.Province,
    "prefecture": GK.Prefecture,
    "county": GK.County,
    "town": GK.Town,
    "village": GK.Village,
}
#: Quantity attributes written as xsd:decimal and as plain strings.
DECIMAL_ATTRS = {"value": GK.value, "base_value": GK.baseValue}
STRING_ATTRS = {
    "unit": GK.unit,
    "base_unit": GK.baseUnit,
    "comparator": GK.comparator,
    "change": GK.change,
    "indicator": GK.indicator,
}
SECTION_SEPARATOR = " > "
#: Spaces between two Han characters, as in a letter-spaced title (政 府 工 作 报 告).
SPACED_HAN = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
#: The serialisations :func:`write` produces, in order.
FILES = ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld")


SAFE_ASCII_KEY = re.compile(r"[A-Za-z0-9\-._~/]*")


def _iri_safe(ch: str) -> bool:
    if ch.isascii():
        return ch.isalnum() or ch in "-._~/"
    # Letters, digits and marks of any script stay readable (IRIs allow them);
    # punctuation and spaces are percent-encoded.
    return unicodedata.category(ch)[0] in "LNM"


def mint_iri(kind: str, key: str) -> URIRef:
    """The one place IRIs are made: ``id/<kind>/<key>``, percent-encoding what an IRI cannot carry.

    >>> mint_iri("Place", "140827")
    rdflib.term.URIRef('https://w3id.org/govkg/id/Place/140827')
    >>> str(mint_iri("Policy", "“双十工程”"))
    'https://w3id.org/govkg/id/Policy/%E2%80%9C双十工程%E2%80%9D'
    """
    if not kind or not _iri_safe_all(kind):
        raise KGError(f"bad IRI kind {kind!r}: expected ASCII letters, digits or -._~")
    if SAFE_ASCII_KEY.fullmatch(key):  # offsets and codes: nothing to encode
        return URIRef(f"{ID}{kind}/{key}")
    encoded = "".join(ch if _iri_safe(ch) else quote(ch, safe="") for ch in key)
    return URIRef(f"{ID}{kind}/{encoded}")


def _iri_safe_all(text: str) -> bool:
    return all(ch.isascii() and (ch.isalnum() or ch in "-._~") for ch in text)


def entity_iri(entity: Entity) -> URIRef:
    """``id/<Type>/<rest of key>``: the resolver's key already starts with the type."""
    prefix = entity.type + "/"
    rest = entity.key[len(prefix):] if entity.key.startswith(prefix) else entity.key
    return mint_iri(entity.type, rest)


def report_iri(doc_id: str) -> URIRef:
    return mint_iri("report", doc_id)


def span_iri(kind: str, doc_id: str, start: int, end: int) -> URIRef:
    return mint_iri(kind, f"{doc_id}/{start}-{end}")


def statement_iri(rel: Relation, iris: dict[str, URIRef]) -> URIRef:
    triple = "\t".join((str(iris[rel.subject]), rel.predicate, str(iris[rel.object])))
    return mint_iri("statement", hashlib.sha256(triple.encode("utf-8")).hexdigest()[:20])


BACKGROUND = mint_iri("graph", "background")
AGENT = mint_iri("software", f"govkg-{__version__}")


def source_path(source: str) -> str:
    """The input as recorded: a URL or relative path as given, an absolute path's file name."""
    if "://" in source or not Path(source).is_absolute():
        return source
    return Path(source).name


def report_label(doc: Any) -> str:
    """``运城市 2023年 · 市五届人大三次会议政府工作报告(摘要)``: who, when, and the title or file name."""
    title = SPACED_HAN.sub("", " ".join((doc.title or "").split())) or Path(source_path(doc.source)).name
    when = f"{doc.year}年" if doc.year is not None else ""
    who = " ".join(x for x in (doc.jurisdiction, when) if x)
    return f"{who} · {title}" if who else title


def _decimal(entity: Entity, key: str, value: Any) -> Literal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        raise KGError(f"entity {entity.key}: {key}={value!r} is not a decimal number") from None
    if not number.is_finite():
        raise KGError(f"entity {entity.key}: {key}={value!r} is not a finite number")
    return decimal_literal(number)


def decimal_literal(number: Decimal) -> Literal:
    """xsd:decimal in canonical form (``25.0``, ``36.9``), the same in every serialisation.

    >>> str(decimal_literal(Decimal("25"))), str(decimal_literal(Decimal("36.90")))
    ('25.0', '36.9')
    """
    lexical = format(number.normalize(), "f")
    if "." not in lexical:
        lexical += ".0"
    return Literal(lexical, datatype=XSD.decimal)


def bind_prefixes(g: Graph) -> None:
    """Bind govkg's prefixes (``geo`` is W3C geo here, not rdflib's default GeoSPARQL)."""
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)


class _Sink:
    """One named graph being filled: ``add`` records a quad."""

    def __init__(self, name: URIRef, quads: set[tuple]) -> None:
        self.name, self.quads = name, quads

    def add(self, triple: tuple) -> None:
        self.quads.add((*triple, self.name))


class _Builder:
    """Collects the quads of a KnowledgeGraph; one method per kind of node."""

    def __init__(self, graph: KnowledgeGraph) -> None:
        self.kg = graph
        self.quads: set[tuple] = set()
        self.iris = {key: entity_iri(e) for key, e in graph.entities.items()}
        shas = sorted(getattr(d, "sha256", str(i)) for i, d in graph.documents.items())
        digest = hashlib.sha256("\n".join([__version__, *shas]).encode()).hexdigest()[:20]
        self.build = mint_iri("build", digest)

    def graph(self, doc_id: str | None) -> _Sink:
        return _Sink(BACKGROUND if doc_id is None else report_iri(doc_id), self.quads)

    def run(self) -> set[tuple]:
        bg = self.graph(None)
        bg.add((AGENT, RDF.type, PROV.SoftwareAgent))
        bg.add((AGENT, RDFS.label, Literal(f"govkg {__version__}")))
        bg.add((AGENT, GK.version, Literal(__version__)))
        bg.add((self.build, RDF.type, PROV.Activity))
        bg.add((self.build, PROV.wasAssociatedWith, AGENT))
        for doc_id in sorted(self.kg.documents):
            self.report(doc_id, self.kg.documents[doc_id])
        for key in sorted(self.kg.entities):
            self.entity(self.kg.entities[key])
        for triple in sorted(self.kg.relations):
            self.relation(self.kg.relations[triple])
        return self.quads

    def report(self, doc_id: str, doc: Any) -> None:
        g, r = self.graph(doc_id), report_iri(doc_id)
        g.add((r, RDF.type, GK.Report))
        g.add((r, RDF.type, PROV.Entity))
        if doc.title:
            g.add((r, DCTERMS.title, Literal(doc.title, lang="zh")))
        g.add((r, RDFS.label, Literal(report_label(doc), lang="zh")))
        if doc.jurisdiction:
            g.add((r, GK.jurisdiction, Literal(doc.jurisdiction, lang="zh")))
        place = f"Place/{doc.jurisdiction_code}"
        if doc.jurisdiction_code and place in self.iris:
            g.add((r, GK.jurisdictionPlace, self.iris[place]))
        if doc.year is not None:
            g.add((r, GK.year, Literal(int(doc.year), datatype=XSD.integer)))
        g.add((r, GK.sourcePath, Literal(source_path(doc.source))))
        g.add((r, GK.sha256, Literal(doc.sha256)))
        self.graph(None).add((self.build, PROV.used, r))

    def entity(self, e: Entity) -> None:
        docs = sorted({m.doc for m in e.mentions})
        for doc_id in docs or [None]:
            g, s = self.graph(doc_id), self.iris[e.key]
            self.describe(g, s, e)
            g.add((s, PROV.wasGeneratedBy, self.build))
            if doc_id is not None:
                g.add((s, PROV.wasDerivedFrom, report_iri(doc_id)))
        for m in e.mentions:
            self.mention(self.iris[e.key], m)

    def describe(self, g: _Sink, s: URIRef, e: Entity) -> None:
        g.add((s, RDF.type, getattr(GK, e.type)))
        sub = PLACE_SUBCLASSES.get(e.attrs.get("subclass")) or LEVEL_SUBCLASS.get(e.attrs.get("level"))
        if e.type == "Place" and sub is not None:
            g.add((s, RDF.type, sub))
        g.add((s, RDFS.label, Literal(e.label, lang="zh")))
        for alias in sorted(e.aliases - {e.label}):
            g.add((s, SKOS.altLabel, Literal(alias, lang="zh")))
        a = e.attrs
        if a.get("adcode"):
            g.add((s, GK.adcode, Literal(str(a["adcode"]))))
        for key, prop in (("lat", GEO.lat), ("long", GEO.long)):
            if a.get(key) is not None:
                g.add((s, prop, _decimal(e, key, a[key])))
        for key, prop in DECIMAL_ATTRS.items():
            if a.get(key) is not None:
                g.add((s, prop, _decimal(e, key, a[key])))
        for key, prop in STRING_ATTRS.items():
            if a.get(key) not in (None, ""):
                g.add((s, prop, Literal(str(a[key]))))

    def sentence(self, g: _Sink, ev: Evidence) -> URIRef:
        """A node for the span ``ev`` (normally a sentence), with its text and heading path."""
        node = span_iri("sentence", ev.doc, ev.start, ev.end)
        g.add((node, RDF.type, GK.Sentence))
        g.add((node, GK.inDocument, report_iri(ev.doc)))
        g.add((node, GK.start, Literal(ev.start, datatype=XSD.integer)))
        g.add((node, GK.end, Literal(ev.end, datatype=XSD.integer)))
        doc = self.kg.documents.get(ev.doc)
        if doc is not None:
            g.add((node, GK.text, Literal(doc.text[ev.start : ev.end], lang="zh")))
            path = doc.section_path(doc.section_at(ev.start))
            if path:
                titles = SECTION_SEPARATOR.join(doc.title_of(sec) for sec in path)
                g.add((node, GK.sectionPath, Literal(titles, lang="zh")))
        return node

    def mention(self, s: URIRef, m: Mention) -> None:
        g = self.graph(m.doc)
        node = span_iri("mention", m.doc, m.start, m.end)
        g.add((s, GK.mention, node))
        g.add((node, RDF.type, GK.Mention))
        g.add((node, GK.inDocument, report_iri(m.doc)))
        g.add((node, GK.start, Literal(m.start, datatype=XSD.integer)))
        g.add((node, GK.end, Literal(m.end, datatype=XSD.integer)))
        g.add((node, GK.text, Literal(m.text, lang="zh")))
        doc = self.kg.documents.get(m.doc)
        sent = doc.sentence_at(m.start) if doc is not None else None
        if sent is not None:
            ev = Evidence(m.doc, sent.start, sent.end)
            g.add((node, GK.inSentence, self.sentence(g, ev)))

    def relation(self, rel: Relation) -> None:
        if rel.subject not in self.iris or rel.object not in self.iris:
            missing = rel.subject if rel.subject not in self.iris else rel.object
            raise KGError(f"relation {rel.subject} {rel.predicate} {rel.object}: no entity {missing!r}")
        s, p, o = self.iris[rel.subject], getattr(GK, rel.predicate), self.iris[rel.object]
        if not rel.evidence:
            self.graph(None).add((s, p, o))
            return
        st = statement_iri(rel, self.iris)
        for ev in sorted(rel.evidence):
            g = self.graph(ev.doc)
            g.add((s, p, o))
            g.add((st, RDF.type, GK.Statement))
            g.add((st, RDF.subject, s))
            g.add((st, RDF.predicate, p))
            g.add((st, RDF.object, o))
            g.add((st, PROV.wasGeneratedBy, self.build))
            g.add((st, PROV.wasDerivedFrom, self.sentence(g, ev)))


def quads(graph: KnowledgeGraph) -> set[tuple]:
    """Every ``(s, p, o, graph_name)`` of ``graph``, as rdflib terms."""
    return _Builder(graph).run()


def to_dataset(graph: KnowledgeGraph) -> Dataset:
    """The graph as an rdflib Dataset: one named graph per report plus :data:`BACKGROUND`."""
    ds = Dataset()
    bind_prefixes(ds)
    for s, p, o, name in quads(graph):
        ds.graph(name).add((s, p, o))
    return ds


def union(ds: Dataset) -> Graph:
    """All triples of every named graph in one graph (what ``graph.ttl`` holds)."""
    g = Graph()
    bind_prefixes(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


# Serialisation goes through pyoxigraph, which writes in input order; input is
# sorted here, so output is byte-identical.  bench/rdf_write.py, 175k quads: all
# four files 5.2 s this way; rdflib alone took 10.8 s for Turtle, 7.2 s for
# JSON-LD (bench/query_engines.py: 211 s against 6.5 s for 1M triples of Turtle).

#: Prefixes written in every file, in this order.
WRITE_PREFIXES = {
    "gk": str(GK._NS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "geo": str(GEO),
    "schema": PREFIXES["schema"],
}


def _ox(term: Any) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    raise KGError(f"cannot write {term!r}: govkg writes no blank nodes")


def _sorted_ox(all_quads: set[tuple]) -> tuple[list, list]:
    """(union triples, quads) as pyoxigraph terms, sorted by their N-Triples forms (graph first for quads)."""
    cache: dict[Any, Any] = {}

    def conv(t: Any) -> Any:
        term = cache.get(t)
        if term is None:
            term = cache[t] = _ox(t)
        return term

    keyed = [(conv(g), conv(s), conv(p), conv(o)) for s, p, o, g in all_quads]
    text = {term: str(term) for term in cache.values()}
    keyed.sort(key=lambda q: (text[q[0]], text[q[1]], text[q[2]], text[q[3]]))
    quad_list = [ox.Quad(s, p, o, g) for g, s, p, o in keyed]
    spo = sorted({(s, p, o) for _, s, p, o in keyed}, key=lambda t: (text[t[0]], text[t[1]], text[t[2]]))
    return [ox.Triple(s, p, o) for s, p, o in spo], quad_list


@functools.lru_cache(maxsize=4096)
def _compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items() | WRITE_PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns) and prefix != "id":
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _jsonld(triples: list) -> str:
    """Compact JSON-LD under the published context: pyoxigraph's expanded output, keys as CURIEs."""
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    nodes = json.loads(ox.serialize(triples, format=ox.RdfFormat.JSON_LD))
    graph = []
    for node in nodes:
        out: dict[str, Any] = {"@id": node["@id"]}
        for key, values in node.items():
            if key == "@id":
                continue
            if key == str(RDF.type):
                out["@type"] = [_compact(v["@id"]) for v in values]
                continue
            out[_compact(key)] = [
                {**v, "@type": _compact(v["@type"])} if "@type" in v else v for v in values
            ]
        graph.append(out)
    # One node per line: readable, and json's C encoder (indent= is pure Python, 5x slower).
    nodes_text = ",\n".join(json.dumps(n, ensure_ascii=False, sort_keys=True) for n in graph)
    head = json.dumps(context, ensure_ascii=False, indent=1, sort_keys=True)
    return f'{{"@context": {head},\n"@graph": [\n{nodes_text}\n]}}\n'


def serialise(all_quads: set[tuple]) -> dict[str, str]:
    """File name -> text, for every file in :data:`FILES`."""
    triples, quad_list = _sorted_ox(all_quads)

    def text(data: list, fmt: Any) -> str:
        return ox.serialize(data, format=fmt, prefixes=WRITE_PREFIXES).decode("utf-8")

    return {
        "graph.ttl": text(triples, ox.RdfFormat.TURTLE),
        "graph.trig": text(quad_list, ox.RdfFormat.TRIG),
        "graph.nt": ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"),
        "graph.jsonld": _jsonld(triples),
    }


def write(graph: KnowledgeGraph, out_dir: Path) -> list[Path]:
    """Write ``graph.ttl`` (union), ``graph.trig`` (named graphs), ``graph.nt`` and ``graph.jsonld``."""
    texts = serialise(quads(graph))
    out = Path(out_dir)
    return [atomic_write(out / name, texts[name]) for name in FILES]
