"""KnowledgeGraph -> RDF: one named graph per report, provenance for every fact.

Every IRI is minted by :func:`mint_iri`.  The plain facts (types, labels,
``gk:located_in`` …) are written as ordinary triples; alongside them each
entity links to its mentions and each relation has a ``gk:Statement`` node
(``rdf:subject``/``rdf:predicate``/``rdf:object``) derived from the sentences
that support it.  The pattern is documented in ``ontology/govkg.ttl``.

The output is assembled from parts, so that a corpus rebuild renders only
the reports that changed (:mod:`kg.cache` keeps each report's part):

* a **report part** (:func:`render_report`) is a function of one report and
  its own mentions and relations.  Its named graph (IRI: the report's IRI)
  holds the report, the extraction activity that read it, each mention and
  sentence, each report-scoped ``gk:Statement``, the quantities (Targets,
  Outcomes) it states, and the types and plain relations it asserts;
* the **background part** (:func:`render_background`) is what only the
  merged corpus knows, in :data:`BACKGROUND`: every other entity's label,
  aliases and gazetteer data, every plain relation (gazetteer hierarchy
  included) and the build activity.

``graph.ttl``/``graph.nt``/``graph.jsonld`` hold the union and
``graph.trig`` the named graphs.  Each report part carries two renderings:
its whole named graph (for TriG) and only the triples no other part can
state (for the union files), so concatenating parts never repeats a
triple.  Output is byte-identical across runs: parts are ordered by report
id and each part's triples follow sorted keys.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import struct
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from . import __version__
from .errors import KGError
from .fsutil import Staging
from .model import QUANTITY_TYPES, Entity, Evidence, KnowledgeGraph, Mention, Relation
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
SAFE_KIND = re.compile(r"[A-Za-z0-9\-._~]+")


def _iri_safe(ch: str) -> bool:
    if ch.isascii():
        return ch.isalnum() or ch in "-._~/"
    # Letters, digits and marks of any script stay readable (IRIs allow them);
    # punctuation and spaces are percent-encoded.
    return unicodedata.category(ch)[0] in "LNM"


def mint(kind: str, key: str) -> str:
    """The one place IRIs are made: ``id/<kind>/<key>``, percent-encoding what an IRI cannot carry.

    >>> mint("Place", "140827")
    'https://w3id.org/govkg/id/Place/140827'
    >>> mint("Policy", "“双十工程”")
    'https://w3id.org/govkg/id/Policy/%E2%80%9C双十工程%E2%80%9D'
    """
    if not SAFE_KIND.fullmatch(kind):
        raise KGError(f"bad IRI kind {kind!r}: expected ASCII letters, digits or -._~")
    if SAFE_ASCII_KEY.fullmatch(key):  # offsets and codes: nothing to encode
        return f"{ID}{kind}/{key}"
    encoded = "".join(ch if _iri_safe(ch) else quote(ch, safe="") for ch in key)
    return f"{ID}{kind}/{encoded}"


def mint_iri(kind: str, key: str) -> URIRef:
    """:func:`mint` as an rdflib term.

    >>> mint_iri("Place", "140827")
    rdflib.term.URIRef('https://w3id.org/govkg/id/Place/140827')
    """
    return URIRef(mint(kind, key))


def _entity_key_parts(key: str, type_: str) -> tuple[str, str]:
    prefix = type_ + "/"
    return type_, key[len(prefix):] if key.startswith(prefix) else key


def entity_iri(entity: Entity) -> URIRef:
    """``id/<Type>/<rest of key>``: the resolver's key already starts with the type."""
    return URIRef(_entity(entity.key, entity.type))


@functools.lru_cache(maxsize=65536)
def _entity(key: str, type_: str) -> str:
    return mint(*_entity_key_parts(key, type_))


def report_iri(doc_id: str) -> URIRef:
    return mint_iri("report", doc_id)


def span_iri(kind: str, doc_id: str, start: int, end: int) -> URIRef:
    return mint_iri(kind, f"{doc_id}/{start}-{end}")


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


def decimal_lexical(number: Decimal) -> str:
    """xsd:decimal in canonical form (``25.0``, ``36.9``), the same in every serialisation.

    >>> decimal_lexical(Decimal("25")), decimal_lexical(Decimal("36.90"))
    ('25.0', '36.9')
    """
    lexical = format(number.normalize(), "f")
    return lexical if "." in lexical else lexical + ".0"


# ------------------------------------------------------------------ terms

@functools.lru_cache(maxsize=None)
def _v(iri: str) -> ox.NamedNode:
    """A vocabulary term (few, reused): built once."""
    return ox.NamedNode(iri)


_INTEGER = _v(str(XSD.integer))
_DECIMAL = _v(str(XSD.decimal))
_A = _v(str(RDF.type))


def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(int(n)), datatype=_INTEGER)


def _decimal(entity: Entity, key: str, value: Any) -> ox.Literal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        raise KGError(f"entity {entity.key}: {key}={value!r} is not a decimal number") from None
    if not number.is_finite():
        raise KGError(f"entity {entity.key}: {key}={value!r} is not a finite number")
    return ox.Literal(decimal_lexical(number), datatype=_DECIMAL)


def _t(term: URIRef) -> ox.NamedNode:
    return _v(str(term))


def build_iri(shas: Iterable[str]) -> str:
    """The build activity: a hash of the govkg version and every report's content."""
    digest = hashlib.sha256("\n".join([__version__, *sorted(shas)]).encode()).hexdigest()[:20]
    return mint("build", digest)


def extraction_iri(doc_id: str) -> str:
    """The activity of reading one report (with this version of govkg)."""
    return mint("extraction", f"{doc_id}/{__version__}")


def described_in_report(entity: Entity) -> bool:
    """Quantities are facts of one report: their report part describes them; other entities are merged."""
    return entity.type in QUANTITY_TYPES and bool(entity.mentions)


# ------------------------------------------------------------------ parts

Triple = tuple[Any, Any, Any]


@dataclass(frozen=True)
class Part:
    """One report's (or the background's) share of every file, as UTF-8 bytes.

    ``trig`` is a whole named-graph block; ``ttl``/``nt`` are triples without
    a prefix header and ``jsonld`` is node objects separated by ``,\\n``.
    """

    ttl: bytes
    trig: bytes
    nt: bytes
    jsonld: bytes

    def to_bytes(self) -> bytes:
        fields = (self.ttl, self.trig, self.nt, self.jsonld)
        return struct.pack("<4Q", *map(len, fields)) + b"".join(fields)

    @classmethod
    def from_bytes(cls, data: bytes) -> Part:
        sizes = struct.unpack_from("<4Q", data)
        out, at = [], 32
        for size in sizes:
            out.append(data[at : at + size])
            at += size
        if at != len(data):
            raise ValueError("part: sizes do not add up")
        return cls(*out)


class _Triples:
    """Triples in the order added, each once."""

    def __init__(self) -> None:
        self.items: dict[Triple, None] = {}

    def add(self, s: Any, p: Any, o: Any) -> None:
        self.items[(s, p, o)] = None


def _mention_nodes(out: _Triples, doc: Any, doc_id: str, report: ox.NamedNode, m: Mention, sentences: set) -> None:
    node = _node(mint("mention", f"{doc_id}/{m.start}-{m.end}"))
    out.add(node, _A, _t(GK.Mention))
    out.add(node, _t(GK.inDocument), report)
    out.add(node, _t(GK.start), _int(m.start))
    out.add(node, _t(GK.end), _int(m.end))
    out.add(node, _t(GK.text), _zh(m.text))
    sent = doc.sentence_at(m.start) if doc is not None else None
    if sent is not None:
        out.add(node, _t(GK.inSentence), _sentence(out, doc, doc_id, report, Evidence(doc_id, sent.start, sent.end), sentences))


def _sentence(out: _Triples, doc: Any, doc_id: str, report: ox.NamedNode, ev: Evidence, seen: set) -> ox.NamedNode:
    """A node for the span ``ev`` (normally a sentence), with its text and heading path."""
    node = _node(mint("sentence", f"{doc_id}/{ev.start}-{ev.end}"))
    if ev in seen:
        return node
    seen.add(ev)
    out.add(node, _A, _t(GK.Sentence))
    out.add(node, _t(GK.inDocument), report)
    out.add(node, _t(GK.start), _int(ev.start))
    out.add(node, _t(GK.end), _int(ev.end))
    if doc is not None:
        out.add(node, _t(GK.text), _zh(doc.text[ev.start : ev.end]))
        path = doc.section_path(doc.section_at(ev.start))
        if path:
            out.add(node, _t(GK.sectionPath), _zh(SECTION_SEPARATOR.join(doc.title_of(sec) for sec in path)))
    return node


def _describe(out: _Triples, s: ox.NamedNode, e: Entity) -> None:
    """Type, names and attributes of ``e``."""
    out.add(s, _A, _t(getattr(GK, e.type)))
    sub = PLACE_SUBCLASSES.get(e.attrs.get("subclass")) or LEVEL_SUBCLASS.get(e.attrs.get("level"))
    if e.type == "Place" and sub is not None:
        out.add(s, _A, _t(sub))
    out.add(s, _t(RDFS.label), _zh(e.label))
    for alias in sorted(e.aliases - {e.label}):
        out.add(s, _t(SKOS.altLabel), _zh(alias))
    a = e.attrs
    if a.get("adcode"):
        out.add(s, _t(GK.adcode), ox.Literal(str(a["adcode"])))
    for key, prop in (("lat", GEO.lat), ("long", GEO.long)):
        if a.get(key) is not None:
            out.add(s, _t(prop), _decimal(e, key, a[key]))
    for key, prop in DECIMAL_ATTRS.items():
        if a.get(key) is not None:
            out.add(s, _t(prop), _decimal(e, key, a[key]))
    for key, prop in STRING_ATTRS.items():
        if a.get(key) not in (None, ""):
            out.add(s, _t(prop), ox.Literal(str(a[key])))


def _statement_iri(doc_id: str, s: str, predicate: str, o: str) -> str:
    digest = hashlib.sha256("\t".join((s, predicate, o)).encode("utf-8")).hexdigest()[:20]
    return mint("statement", f"{doc_id}/{digest}")


def render_report(
    doc_id: str, doc: Any, entities: Iterable[Entity], relations: Iterable[tuple[Relation, list[Evidence]]]
) -> Part:
    """The part of report ``doc_id``: ``entities`` with their mentions in it, ``relations`` with their evidence in it.

    ``doc`` (the parsed :class:`~kg.document.Document`) may be None for a
    graph whose documents are unknown; then only the mentions are written.
    Relations must name entities in ``entities`` or :func:`entity_key_iri` keys.
    """
    own, shared = _Triples(), _Triples()
    report = _node(mint("report", doc_id))
    act = _node(extraction_iri(doc_id))
    if doc is not None:
        own.add(report, _A, _t(GK.Report))
        own.add(report, _A, _t(PROV.Entity))
        if doc.title:
            own.add(report, _t(DCTERMS.title), _zh(doc.title))
        own.add(report, _t(RDFS.label), _zh(report_label(doc)))
        if doc.jurisdiction:
            own.add(report, _t(GK.jurisdiction), _zh(doc.jurisdiction))
        if doc.jurisdiction_code:
            own.add(report, _t(GK.jurisdictionPlace), _node(_entity(f"Place/{doc.jurisdiction_code}", "Place")))
        if doc.year is not None:
            own.add(report, _t(GK.year), _int(doc.year))
        own.add(report, _t(GK.sourcePath), ox.Literal(source_path(doc.source)))
        own.add(report, _t(GK.sha256), ox.Literal(doc.sha256))
    own.add(act, _A, _t(PROV.Activity))
    own.add(act, _t(PROV.used), report)
    own.add(act, _t(PROV.wasAssociatedWith), _t(AGENT))
    sentences: set[Evidence] = set()
    mentions: list[tuple[ox.NamedNode, Mention]] = []
    for e in entities:
        s = _node(_entity(e.key, e.type))
        if described_in_report(e):
            _describe(own, s, e)
        else:
            shared.add(s, _A, _t(getattr(GK, e.type)))
        own.add(s, _t(PROV.wasDerivedFrom), report)
        own.add(s, _t(PROV.wasGeneratedBy), act)
        for m in e.mentions:
            own.add(s, _t(GK.mention), _node(mint("mention", f"{doc_id}/{m.start}-{m.end}")))
            mentions.append((s, m))
    for _, m in mentions:
        _mention_nodes(own, doc, doc_id, report, m, sentences)
    for rel, evidence in relations:
        s_iri, o_iri = rel.subject, rel.object
        s, p, o = _node(s_iri), _t(getattr(GK, rel.predicate)), _node(o_iri)
        shared.add(s, p, o)
        st = _node(_statement_iri(doc_id, s_iri, rel.predicate, o_iri))
        own.add(st, _A, _t(GK.Statement))
        own.add(st, _t(RDF.subject), s)
        own.add(st, _t(RDF.predicate), p)
        own.add(st, _t(RDF.object), o)
        own.add(st, _t(PROV.wasGeneratedBy), act)
        for ev in evidence:
            own.add(st, _t(PROV.wasDerivedFrom), _sentence(own, doc, doc_id, report, ev, sentences))
    return _part(list(own.items), list(shared.items), report)


def render_background(graph: KnowledgeGraph) -> Part:
    """What only the merged corpus knows: merged entities, the gazetteer hierarchy, the build.

    The union files also get here, once each, the plain relations the
    reports state (each report's named graph has its own).
    """
    out = _Triples()
    agent, build = _t(AGENT), _node(build_iri(getattr(d, "sha256", str(i)) for i, d in graph.documents.items()))
    out.add(agent, _A, _t(PROV.SoftwareAgent))
    out.add(agent, _t(RDFS.label), ox.Literal(f"govkg {__version__}"))
    out.add(agent, _t(GK.version), ox.Literal(__version__))
    out.add(build, _A, _t(PROV.Activity))
    out.add(build, _t(PROV.wasAssociatedWith), agent)
    for doc_id in sorted(graph.documents):
        out.add(build, _t(PROV.used), _node(mint("report", doc_id)))
    for key in sorted(graph.entities):
        e = graph.entities[key]
        if described_in_report(e):
            continue
        s = _node(_entity(e.key, e.type))
        _describe(out, s, e)
        if not e.mentions:  # known from the gazetteer or added by hand: made by the build itself
            out.add(s, _t(PROV.wasGeneratedBy), build)
    stated = _Triples()  # relations some report states: in its named graph, not the background
    for triple in sorted(graph.relations):
        rel = graph.relations[triple]
        s, o = (graph.entities.get(k) for k in (rel.subject, rel.object))
        if s is None or o is None:
            missing = rel.subject if s is None else rel.object
            raise KGError(f"relation {rel.subject} {rel.predicate} {rel.object}: no entity {missing!r}")
        plain = (_node(_entity(s.key, s.type)), _t(getattr(GK, rel.predicate)), _node(_entity(o.key, o.type)))
        (stated if rel.evidence else out).add(*plain)
    return _part(list(out.items), [], _t(BACKGROUND), union_only=list(stated.items))


def _part(
    own: list[Triple], shared: list[Triple], graph_name: ox.NamedNode, union_only: list[Triple] = ()
) -> Part:
    """``own`` triples go to the union files and the named graph, ``shared`` only to the named graph,
    ``union_only`` only to the union files."""
    named = [ox.Triple(*t) for t in own]
    union = named + [ox.Triple(*t) for t in union_only]
    named += [ox.Triple(*t) for t in shared]
    return Part(
        ttl=_strip_prefixes(ox.serialize(union, format=ox.RdfFormat.TURTLE, prefixes=WRITE_PREFIXES)),
        trig=_strip_prefixes(
            ox.serialize([ox.Quad(t.subject, t.predicate, t.object, graph_name) for t in named],
                         format=ox.RdfFormat.TRIG, prefixes=WRITE_PREFIXES)
        ),
        nt=ox.serialize(union, format=ox.RdfFormat.N_TRIPLES),
        jsonld=_jsonld_nodes(union),
    )


def _strip_prefixes(data: bytes) -> bytes:
    """pyoxigraph's Turtle/TriG without the ``@prefix`` lines it starts with (the file header has them)."""
    at = 0
    while data.startswith(b"@prefix ", at):
        at = data.index(b"\n", at) + 1
    return data[at:]


def parts_of(graph: KnowledgeGraph) -> Iterator[tuple[str, Part]]:
    """``(report id, part)`` of every report of ``graph``, by report id."""
    by_doc: dict[str, dict[str, Entity]] = {}
    for key in sorted(graph.entities):
        e = graph.entities[key]
        for m in e.mentions:
            view = by_doc.setdefault(m.doc, {}).get(key)
            if view is None:
                view = by_doc[m.doc][key] = Entity(e.key, e.type, e.label, e.aliases, [], e.attrs)
            view.mentions.append(m)
    rels: dict[str, list[tuple[Relation, list[Evidence]]]] = {}
    iris = {k: _entity(e.key, e.type) for k, e in graph.entities.items()}
    for triple in sorted(graph.relations):
        rel = graph.relations[triple]
        if rel.subject not in iris or rel.object not in iris:
            missing = rel.subject if rel.subject not in iris else rel.object
            raise KGError(f"relation {rel.subject} {rel.predicate} {rel.object}: no entity {missing!r}")
        by: dict[str, list[Evidence]] = {}
        for ev in sorted(rel.evidence):
            by.setdefault(ev.doc, []).append(ev)
        for doc_id, evidence in by.items():
            rels.setdefault(doc_id, []).append((Relation(iris[rel.subject], rel.predicate, iris[rel.object]), evidence))
    for doc_id in sorted(set(graph.documents) | set(by_doc) | set(rels)):
        yield doc_id, render_report(
            doc_id, graph.documents.get(doc_id), by_doc.get(doc_id, {}).values(), rels.get(doc_id, [])
        )


def report_part(doc: Any, entities: dict[str, Entity], relations: Iterable[Relation]) -> Part:
    """The part of one analysed report: its local entities (see :mod:`kg.resolve`) and relations."""
    iris = {k: _entity(e.key, e.type) for k, e in entities.items()}
    mentioned = [entities[k] for k in sorted(entities) if entities[k].mentions]
    rels = []
    for rel in sorted(relations, key=lambda r: (r.subject, r.predicate, r.object)):
        evidence = sorted(ev for ev in rel.evidence if ev.doc == doc.id)
        if evidence:
            rels.append((Relation(iris[rel.subject], rel.predicate, iris[rel.object]), evidence))
    return render_report(doc.id, doc, mentioned, rels)


# ------------------------------------------------------------------ files

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


@functools.lru_cache(maxsize=4096)
def _compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items() | WRITE_PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns) and prefix != "id":
            return f"{prefix}:{iri[len(ns):]}"
    return iri


_RDF_TYPE = str(RDF.type)


def _jsonld_nodes(triples: list) -> bytes:
    """Compact JSON-LD node objects under the published context, one per line: pyoxigraph's expanded output, keys as CURIEs."""
    if not triples:
        return b""
    nodes = json.loads(ox.serialize(triples, format=ox.RdfFormat.JSON_LD))
    lines = []
    for node in nodes:
        out: dict[str, Any] = {"@id": node["@id"]}
        for key, values in node.items():
            if key == "@id":
                continue
            if key == _RDF_TYPE:
                out["@type"] = [_compact(v["@id"]) for v in values]
                continue
            out[_compact(key)] = [
                {**v, "@type": _compact(v["@type"])} if "@type" in v else v for v in values
            ]
        # json's C encoder (indent= is pure Python, 5x slower)
        lines.append(json.dumps(out, ensure_ascii=False, sort_keys=True))
    return ",\n".join(lines).encode("utf-8")


@functools.lru_cache(maxsize=1)
def _headers() -> dict[str, tuple[bytes, bytes]]:
    """File name -> (header, footer) around the parts."""
    one = [ox.Triple(_v(str(GK.Place)), _A, _v(str(GK.Place)))]
    ttl = ox.serialize(one, format=ox.RdfFormat.TURTLE, prefixes=WRITE_PREFIXES)
    prefixes = ttl[: len(ttl) - len(_strip_prefixes(ttl))]
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    head = json.dumps(context, ensure_ascii=False, indent=1, sort_keys=True)
    return {
        "graph.ttl": (prefixes, b""),
        "graph.trig": (prefixes, b""),
        "graph.nt": (b"", b""),
        "graph.jsonld": (f'{{"@context": {head},\n"@graph": [\n'.encode(), b"\n]}\n"),
    }


_FIELD = {"graph.ttl": "ttl", "graph.trig": "trig", "graph.nt": "nt", "graph.jsonld": "jsonld"}


def write_parts(files: dict[str, BinaryIO], parts: Iterable[Part]) -> None:
    """Write the header, every part in order, and the footer of each file in ``files`` (name -> open binary file)."""
    headers = _headers()
    first = dict.fromkeys(files, True)
    for name, fh in files.items():
        fh.write(headers[name][0])
    for part in parts:
        for name, fh in files.items():
            data = getattr(part, _FIELD[name])
            if not data:
                continue
            if name == "graph.jsonld" and not first[name]:
                fh.write(b",\n")
            fh.write(data)
            first[name] = False
    for name, fh in files.items():
        fh.write(headers[name][1])


def serialise(graph: KnowledgeGraph) -> dict[str, bytes]:
    """File name -> bytes, for every file in :data:`FILES` (in memory: for small graphs and tests)."""
    import io

    buffers = {name: io.BytesIO() for name in FILES}
    write_parts(buffers, [*(p for _, p in parts_of(graph)), render_background(graph)])
    return {name: buf.getvalue() for name, buf in buffers.items()}


def write(graph: KnowledgeGraph, out_dir: Path) -> list[Path]:
    """Write ``graph.ttl`` (union), ``graph.trig`` (named graphs), ``graph.nt`` and ``graph.jsonld``, atomically."""
    out = Path(out_dir)
    with Staging() as staging:
        files = {name: staging.open(out / name) for name in FILES}
        write_parts(files, [*(p for _, p in parts_of(graph)), render_background(graph)])
        return staging.commit()


def to_dataset(graph: KnowledgeGraph) -> Dataset:
    """The graph as an rdflib Dataset, read back from its TriG: one named graph per report plus :data:`BACKGROUND`."""
    ds = Dataset()
    ds.parse(data=serialise(graph)["graph.trig"].decode("utf-8"), format="trig")
    bind_prefixes(ds)
    return ds


def quads(graph: KnowledgeGraph) -> set[tuple]:
    """Every ``(s, p, o, graph_name)`` of ``graph``, as rdflib terms."""
    return {(s, p, o, g.identifier if hasattr(g, "identifier") else g) for s, p, o, g in to_dataset(graph).quads()}


def union(ds: Dataset) -> Graph:
    """All triples of every named graph in one graph (what ``graph.ttl`` holds)."""
    g = Graph()
    bind_prefixes(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def bind_prefixes(g: Graph) -> None:
    """Bind govkg's prefixes (``geo`` is W3C geo here, not rdflib's default GeoSPARQL)."""
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
