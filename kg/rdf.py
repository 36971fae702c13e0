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

import contextlib
import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from . import __version__, partcopy, rdfwriter
from .errors import KGError
from .fsutil import Staging
from .model import ENTITY_TYPES, QUANTITY_TYPES, RELATION_TYPES, Entity, Evidence, KnowledgeGraph, Mention, Relation
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
#: Their formats by name, as ``kg build --formats`` takes them.
FORMAT_NAMES = tuple(name.removeprefix("graph.") for name in FILES)


def files_of(formats: Iterable[str]) -> tuple[str, ...]:
    """The files of :data:`FILES` holding ``formats`` (``ttl``, ``trig``, ``nt``, ``jsonld``), in that order.

    >>> files_of(["nt", "ttl", "nt"])
    ('graph.ttl', 'graph.nt')
    """
    wanted = set(formats)
    unknown = sorted(wanted - set(FORMAT_NAMES))
    if unknown:
        raise KGError(f"unknown RDF format {unknown[0]!r}: choose from {', '.join(FORMAT_NAMES)}")
    if not wanted:
        raise KGError(f"no RDF format: choose one or more of {', '.join(FORMAT_NAMES)}")
    return tuple(f"graph.{name}" for name in FORMAT_NAMES if name in wanted)


#: Keys that need no encoding: \w is letters (L*), numbers (N*) and "_", all kept by _iri_safe.
SAFE_KEY = re.compile(r"[\w\-.~/]*")
#: The characters of a key :func:`_iri_safe` is asked about: the others are kept by SAFE_KEY's rule.
MAYBE_UNSAFE = re.compile(r"[^\w\-.~/]")
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
    if SAFE_KEY.fullmatch(key):  # codes, offsets and most names: nothing to encode
        return f"{ID}{kind}/{key}"
    return f"{ID}{kind}/{MAYBE_UNSAFE.sub(_encoded, key)}"


def _encoded(match: re.Match) -> str:
    """A character of a key as an IRI carries it (a mark of any script stays; punctuation is encoded)."""
    ch = match.group()
    return ch if _iri_safe(ch) else quote(ch, safe="")


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
#
# A part's triples are collected as plain tuples -- subject and predicate
# IRIs as str, the object as ``(IRI, iri)`` or ``(value, language, datatype)``
# -- because one report makes thousands of them and a pyoxigraph term costs a
# few microseconds to create; :mod:`kg.rdfwriter` writes them as N-Triples,
# Turtle and JSON-LD node objects, byte for byte what pyoxigraph would.

IRI = None  # the "language" slot of an object that is an IRI: (IRI, iri)
_XSD_INTEGER = str(XSD.integer)
_XSD_DECIMAL = str(XSD.decimal)
A = str(RDF.type)


def _iri(iri: str) -> tuple:
    return (IRI, iri)


def _zh(text: str) -> tuple:
    return (text, "zh", None)


def _plain(text: str) -> tuple:
    return (text, None, None)


def _int(n: int) -> tuple:
    return (str(int(n)), None, _XSD_INTEGER)


def _decimal(entity: Entity, key: str, value: Any) -> tuple:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        raise KGError(f"entity {entity.key}: {key}={value!r} is not a decimal number") from None
    if not number.is_finite():
        raise KGError(f"entity {entity.key}: {key}={value!r} is not a finite number")
    return (decimal_lexical(number), None, _XSD_DECIMAL)


class _P:
    """The predicates and classes a part uses, as str (checked against the vocabulary at import)."""

    type = A
    label, alt = str(RDFS.label), str(SKOS.altLabel)
    title = str(DCTERMS.title)
    derived, generated, used, associated = (
        str(PROV.wasDerivedFrom), str(PROV.wasGeneratedBy), str(PROV.used), str(PROV.wasAssociatedWith)
    )
    subject, predicate, object = str(RDF.subject), str(RDF.predicate), str(RDF.object)
    lat, long = str(GEO.lat), str(GEO.long)
    mention, in_document, in_sentence = str(GK.mention), str(GK.inDocument), str(GK.inSentence)
    start, end, text, section_path = str(GK.start), str(GK.end), str(GK.text), str(GK.sectionPath)
    jurisdiction, jurisdiction_place, year = str(GK.jurisdiction), str(GK.jurisdictionPlace), str(GK.year)
    source_path, sha256, adcode, version = str(GK.sourcePath), str(GK.sha256), str(GK.adcode), str(GK.version)
    Report, Mention, Sentence, Statement = (
        _iri(str(GK.Report)), _iri(str(GK.Mention)), _iri(str(GK.Sentence)), _iri(str(GK.Statement))
    )
    Entity, Activity, SoftwareAgent = _iri(str(PROV.Entity)), _iri(str(PROV.Activity)), _iri(str(PROV.SoftwareAgent))


_TYPE_CLASS = {t: _iri(str(getattr(GK, t))) for t in ENTITY_TYPES}
_PLACE_SUBCLASS = {name: _iri(str(term)) for name, term in PLACE_SUBCLASSES.items()}
_LEVEL_SUBCLASS = {level: _iri(str(term)) for level, term in LEVEL_SUBCLASS.items()}
_DECIMAL_ATTRS = {key: str(term) for key, term in DECIMAL_ATTRS.items()}
_STRING_ATTRS = {key: str(term) for key, term in STRING_ATTRS.items()}
_RELATION = {name: str(getattr(GK, name)) for name in RELATION_TYPES}


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

Triple = tuple[str, str, tuple]


@dataclass(frozen=True)
class Part:
    """One report's (or the background's) share of every file, as UTF-8 bytes.

    ``trig`` is a whole named-graph block; ``ttl``/``nt`` are triples without
    a prefix header and ``jsonld`` is node objects separated by ``,\n``.
    """

    ttl: bytes
    trig: bytes
    nt: bytes
    jsonld: bytes

    def to_bytes(self) -> bytes:
        """The header of section sizes and the sections (the layout :mod:`kg.partcopy` reads)."""
        fields = (self.ttl, self.trig, self.nt, self.jsonld)
        return partcopy.HEADER.pack(*map(len, fields)) + b"".join(fields)

    @classmethod
    def from_bytes(cls, data: bytes) -> Part:
        sizes = partcopy.HEADER.unpack_from(data)
        out, at = [], partcopy.HEADER.size
        for size in sizes:
            out.append(data[at : at + size])
            at += size
        if at != len(data):
            raise ValueError("part: sizes do not add up")
        return cls(*out)


class _Triples(dict):
    """Triples in the order added, each once (a dict keeps insertion order)."""

    def add(self, s: str, p: str, o: tuple) -> None:
        self[(s, p, o)] = None


class _Report:
    """Collects one report's triples: what no other part can state -- its header in ``own``, the rest
    as ``nodes`` (:class:`_Nodes`) -- and in ``shared`` what other parts may state too."""

    def __init__(self, doc_id: str, doc: Any, files: Collection[str]) -> None:
        self.doc_id, self.doc = doc_id, doc
        self.own, self.shared = _Triples(), _Triples()
        self.report = mint("report", doc_id)
        self.report_o = _iri(self.report)
        self.act = mint("extraction", f"{doc_id}/{__version__}")
        self.nodes = _Nodes(self.report, self.act, files)
        self.sentences: dict[tuple[int, int], str] = {}
        self.mentions: set[tuple[int, int]] = set()

    def span(self, kind: str, start: int, end: int) -> str:
        return f"{ID}{kind}/{self.doc_id}/{start}-{end}"  # what mint() gives for this ASCII key

    def header(self) -> None:
        own, r, doc = self.own, self.report, self.doc
        if doc is not None:
            own.add(r, A, _P.Report)
            own.add(r, A, _P.Entity)
            if doc.title:
                own.add(r, _P.title, _zh(doc.title))
            own.add(r, _P.label, _zh(report_label(doc)))
            if doc.jurisdiction:
                own.add(r, _P.jurisdiction, _zh(doc.jurisdiction))
            if doc.jurisdiction_code:
                own.add(r, _P.jurisdiction_place, _iri(_entity(f"Place/{doc.jurisdiction_code}", "Place")))
            if doc.year is not None:
                own.add(r, _P.year, _int(doc.year))
            own.add(r, _P.source_path, _plain(source_path(doc.source)))
            own.add(r, _P.sha256, _plain(doc.sha256))
        own.add(self.act, A, _P.Activity)
        own.add(self.act, _P.used, self.report_o)
        own.add(self.act, _P.associated, _iri(str(AGENT)))

    def mention(self, m: Mention) -> None:
        """The node of ``m``'s span, after its sentence's (once per span: its text is the span's)."""
        span = (m.start, m.end)
        if span in self.mentions:
            return
        self.mentions.add(span)
        sent = self.doc.sentence_at(m.start) if self.doc is not None else None
        sentence = self.sentence(sent.start, sent.end) if sent is not None else None
        self.nodes.mention(self.span("mention", m.start, m.end), m.start, m.end, m.text, sentence)

    def sentence(self, start: int, end: int) -> str:
        """A node for the span (normally a sentence), with its text and heading path."""
        node = self.sentences.get((start, end))
        if node is not None:
            return node
        doc = self.doc
        node = self.sentences[(start, end)] = self.span("sentence", start, end)
        text = path_text = None
        if doc is not None:
            text = doc.text[start:end]
            path = doc.section_path(doc.section_at(start))
            if path:
                path_text = SECTION_SEPARATOR.join(doc.title_of(sec) for sec in path)
        self.nodes.sentence(node, start, end, text, path_text)
        return node


class _Nodes:
    """A report's own triples but its header, node by node, written into the wanted sections as they come.

    A node is a subject with all its triples in the part: an entity the report
    mentions (its mentions, and a quantity's description), and each mention,
    sentence and ``gk:Statement``.  These are nearly all of a report's triples,
    and but for a quantity's description a node of each kind has the same
    predicates in the same order every time.  So each node is one format
    string per section rather than a tuple per triple through
    :mod:`kg.rdfwriter`'s writers, which took twice as long; the text is what
    those writers give for the node's triples (the tests compare the two on
    whole reports).  No other of the report's own triples has a node's
    subject, so the nodes' text follows the header's in each section as it is.
    """

    def __init__(self, report: str, act: str, files: Collection[str]) -> None:
        self.report, self.act = report, act
        self.report_js, self.act_js = _json(report), _json(act)
        self.f = _node_forms()
        self.ttl: list[str] | None = [] if "graph.ttl" in files or "graph.trig" in files else None
        self.nt: list[str] | None = [] if "graph.nt" in files else None
        self.jsonld: list[str] | None = [] if "graph.jsonld" in files else None

    def mention(self, node: str, start: int, end: int, text: str, sentence: str | None) -> None:
        f, r = self.f, self.report
        q = None
        if self.nt is not None:
            q = rdfwriter.quoted(text)
            t = f"<{node}> "
            self.nt.append(
                f"{t}{f.nt_a} {f.nt_Mention} .\n{t}{f.nt_in_document} <{r}> .\n"
                f'{t}{f.nt_start} "{start}"^^{f.nt_int} .\n{t}{f.nt_end} "{end}"^^{f.nt_int} .\n'
                f"{t}{f.nt_text} {q}@zh .\n" + (f"{t}{f.nt_in_sentence} <{sentence}> .\n" if sentence else "")
            )
        if self.ttl is not None:
            q = q or rdfwriter.quoted(text)
            self.ttl.append(
                f"<{node}> a {f.ttl_Mention} ;\n\t{f.ttl_in_document} <{r}> ;\n\t{f.ttl_start} {start} ;\n"
                f"\t{f.ttl_end} {end} ;\n\t{f.ttl_text} {q}@zh"
                + (f" ;\n\t{f.ttl_in_sentence} <{sentence}> .\n" if sentence else " .\n")
            )
        if self.jsonld is not None:
            self.jsonld.append(
                f'{{"@id": {_json(node)}, "@type": [{f.js_Mention}], '
                f'{f.js_in_document}: [{{"@id": {self.report_js}}}], '
                f'{f.js_start}: [{{"@type": {f.js_int}, "@value": "{start}"}}], '
                f'{f.js_end}: [{{"@type": {f.js_int}, "@value": "{end}"}}], '
                f'{f.js_text}: [{{"@language": "zh", "@value": {_json(text)}}}]'
                + (f', {f.js_in_sentence}: [{{"@id": {_json(sentence)}}}]}}' if sentence else "}")
            )

    def sentence(self, node: str, start: int, end: int, text: str | None, path: str | None) -> None:
        f, r = self.f, self.report
        quoting = self.ttl is not None or self.nt is not None
        q = rdfwriter.quoted(text) if quoting and text is not None else None
        qp = rdfwriter.quoted(path) if quoting and path else None
        if self.nt is not None:
            t = f"<{node}> "
            self.nt.append(
                f"{t}{f.nt_a} {f.nt_Sentence} .\n{t}{f.nt_in_document} <{r}> .\n"
                f'{t}{f.nt_start} "{start}"^^{f.nt_int} .\n{t}{f.nt_end} "{end}"^^{f.nt_int} .\n'
                + (f"{t}{f.nt_text} {q}@zh .\n" if text is not None else "")
                + (f"{t}{f.nt_section_path} {qp}@zh .\n" if path else "")
            )
        if self.ttl is not None:
            self.ttl.append(
                f"<{node}> a {f.ttl_Sentence} ;\n\t{f.ttl_in_document} <{r}> ;\n\t{f.ttl_start} {start} ;\n"
                f"\t{f.ttl_end} {end}"
                + (f" ;\n\t{f.ttl_text} {q}@zh" if text is not None else "")
                + (f" ;\n\t{f.ttl_section_path} {qp}@zh" if path else "")
                + " .\n"
            )
        if self.jsonld is not None:
            self.jsonld.append(
                f'{{"@id": {_json(node)}, "@type": [{f.js_Sentence}], '
                f'{f.js_in_document}: [{{"@id": {self.report_js}}}], '
                f'{f.js_start}: [{{"@type": {f.js_int}, "@value": "{start}"}}], '
                f'{f.js_end}: [{{"@type": {f.js_int}, "@value": "{end}"}}]'
                + (f', {f.js_text}: [{{"@language": "zh", "@value": {_json(text)}}}]' if text is not None else "")
                + (f', {f.js_section_path}: [{{"@language": "zh", "@value": {_json(path)}}}]' if path else "")
                + "}"
            )

    def statement(self, node: str, s: str, p: str, o: str, derived: list[str]) -> None:
        """A ``gk:Statement`` of ``s p o``, derived from the ``derived`` sentence nodes (distinct, in order)."""
        f, act = self.f, self.act
        if self.nt is not None:
            t = f"<{node}> "
            self.nt.append(
                f"{t}{f.nt_a} {f.nt_Statement} .\n{t}{f.nt_subject} <{s}> .\n{t}{f.nt_predicate} <{p}> .\n"
                f"{t}{f.nt_object} <{o}> .\n{t}{f.nt_generated} <{act}> .\n"
                + _nt_iris(t, f.nt_derived, derived)
            )
        if self.ttl is not None:
            self.ttl.append(
                f"<{node}> a {f.ttl_Statement} ;\n\t{f.ttl_subject} <{s}> ;\n\t{f.ttl_predicate} {f.ttl_iri(p)} ;\n"
                f"\t{f.ttl_object} <{o}> ;\n\t{f.ttl_generated} <{act}>"
                + _ttl_iris(f.ttl_derived, derived)
                + " .\n"
            )
        if self.jsonld is not None:
            self.jsonld.append(
                f'{{"@id": {_json(node)}, "@type": [{f.js_Statement}], {f.js_subject}: [{{"@id": {_json(s)}}}], '
                f'{f.js_predicate}: [{{"@id": {_json(p)}}}], {f.js_object}: [{{"@id": {_json(o)}}}], '
                f'{f.js_generated}: [{{"@id": {self.act_js}}}]' + _js_iris(f.js_derived, derived) + "}"
            )

    def entity(self, s: str, described: list[Triple], mentions: list[str]) -> None:
        """What this report says of entity ``s``: ``described`` (a quantity's type, names and values,
        subject ``s``), that the report's extraction found it here, and its ``mentions`` (distinct)."""
        if described:  # a quantity, told in full by this report alone: the writers write it
            triples = described + self._links(s, mentions)
            if self.ttl is not None:
                self.ttl.append(rdfwriter.turtle_text(triples, _turtle_terms()))
            if self.nt is not None:
                self.nt.append(rdfwriter.ntriples_text(triples))
            if self.jsonld is not None:
                self.jsonld.append(rdfwriter.jsonld_text(triples, _jsonld_terms()))
            return
        f, r, act = self.f, self.report, self.act
        if self.nt is not None:
            t = f"<{s}> "
            self.nt.append(
                f"{t}{f.nt_derived} <{r}> .\n{t}{f.nt_generated} <{act}> .\n"
                + _nt_iris(t, f.nt_mention, mentions)
            )
        if self.ttl is not None:
            self.ttl.append(
                f"<{s}> {f.ttl_derived} <{r}> ;\n\t{f.ttl_generated} <{act}>"
                + _ttl_iris(f.ttl_mention, mentions)
                + " .\n"
            )
        if self.jsonld is not None:
            self.jsonld.append(
                f'{{"@id": {_json(s)}, {f.js_derived}: [{{"@id": {self.report_js}}}], '
                f'{f.js_generated}: [{{"@id": {self.act_js}}}]' + _js_iris(f.js_mention, mentions) + "}"
            )

    def _links(self, s: str, mentions: list[str]) -> list[Triple]:
        links = [(s, _P.derived, _iri(self.report)), (s, _P.generated, _iri(self.act))]
        return links + [(s, _P.mention, _iri(m)) for m in mentions]


_json = rdfwriter.json_string


def _nt_iris(subject: str, predicate: str, iris: list[str]) -> str:
    """N-Triples lines of ``subject predicate <iri>`` (``subject`` and ``predicate`` as written, with a space)."""
    return "".join([f"{subject}{predicate} <{iri}> .\n" for iri in iris])


def _ttl_iris(verb: str, iris: list[str]) -> str:
    """A Turtle predicate and its IRI objects, continuing a subject's statement (nothing for no IRIs)."""
    return f" ;\n\t{verb} " + " , ".join([f"<{iri}>" for iri in iris]) if iris else ""


def _js_iris(key: str, iris: list[str]) -> str:
    """A JSON-LD node's key and its ``@id`` values, after another key (nothing for no IRIs)."""
    return f", {key}: [" + ", ".join([f'{{"@id": {_json(iri)}}}' for iri in iris]) + "]" if iris else ""


class _NodeForms:
    """The constant text of :class:`_Nodes`' nodes: predicates and classes as each section writes them."""

    def __init__(self) -> None:
        terms, js = _turtle_terms(), _jsonld_terms()
        spaces = tuple(terms.prefixes.values())
        if str(ID).startswith(spaces) or any(ns.startswith(str(ID)) for ns in spaces):
            raise AssertionError("minted IRIs must be written in full (<...>) in Turtle")  # see _Nodes
        self.ttl_iri = terms.iri
        self.nt_a = f"<{A}>"
        self.nt_int = f"<{_XSD_INTEGER}>"
        self.js_int = js.type_value(_XSD_INTEGER)
        names = ("in_document", "in_sentence", "start", "end", "text", "section_path", "subject", "predicate",
                 "object", "generated", "derived", "mention")
        for name in names:
            p = getattr(_P, name)
            setattr(self, f"nt_{name}", f"<{p}>")
            setattr(self, f"ttl_{name}", terms.verb(p))
            setattr(self, f"js_{name}", js.key(p))
        for name in ("Mention", "Sentence", "Statement"):
            cls = getattr(_P, name)[1]
            setattr(self, f"nt_{name}", f"<{cls}>")
            setattr(self, f"ttl_{name}", terms.iri(cls))
            setattr(self, f"js_{name}", js.type_value(cls))


@functools.lru_cache(maxsize=1)
def _node_forms() -> _NodeForms:
    return _NodeForms()


def _describe(out: _Triples, s: str, e: Entity) -> None:
    """Type, names and attributes of ``e``."""
    out.add(s, A, _TYPE_CLASS[e.type])
    sub = _PLACE_SUBCLASS.get(e.attrs.get("subclass")) or _LEVEL_SUBCLASS.get(e.attrs.get("level"))
    if e.type == "Place" and sub is not None:
        out.add(s, A, sub)
    out.add(s, _P.label, _zh(e.label))
    for alias in sorted(e.aliases - {e.label}):
        out.add(s, _P.alt, _zh(alias))
    a = e.attrs
    if a.get("adcode"):
        out.add(s, _P.adcode, _plain(str(a["adcode"])))
    for key, prop in (("lat", _P.lat), ("long", _P.long)):
        if a.get(key) is not None:
            out.add(s, prop, _decimal(e, key, a[key]))
    for key, prop in _DECIMAL_ATTRS.items():
        if a.get(key) is not None:
            out.add(s, prop, _decimal(e, key, a[key]))
    for key, prop in _STRING_ATTRS.items():
        if a.get(key) not in (None, ""):
            out.add(s, prop, _plain(str(a[key])))


def _statement_iri(doc_id: str, s: str, predicate: str, o: str) -> str:
    digest = hashlib.sha256("\t".join((s, predicate, o)).encode("utf-8")).hexdigest()[:20]
    return mint("statement", f"{doc_id}/{digest}")


def render_report(
    doc_id: str,
    doc: Any,
    entities: Iterable[Entity],
    relations: Iterable[tuple[Relation, list[Evidence]]],
    files: Collection[str] = FILES,
) -> Part:
    """The part of report ``doc_id``: ``entities`` with their mentions in it, ``relations`` with their evidence in it
    (the sections of ``files`` only).

    ``relations`` name their subject and object by IRI.  ``doc`` (the parsed
    :class:`~kg.document.Document`) may be None for a graph whose documents
    are unknown; then only the mentions are written.
    """
    r = _Report(doc_id, doc, files)
    r.header()
    own, shared = r.own, r.shared
    mentions: list[Mention] = []
    for e in entities:
        s = _entity(e.key, e.type)
        described = _Triples()
        if described_in_report(e):
            _describe(described, s, e)
        else:
            shared.add(s, A, _TYPE_CLASS[e.type])
        spans = dict.fromkeys([r.span("mention", m.start, m.end) for m in e.mentions])
        r.nodes.entity(s, list(described), list(spans))
        mentions += e.mentions
    for m in mentions:
        r.mention(m)
    for rel, evidence in relations:
        p = _RELATION[rel.predicate]
        shared.add(rel.subject, p, _iri(rel.object))
        st = _statement_iri(doc_id, rel.subject, rel.predicate, rel.object)
        derived = list(dict.fromkeys([r.sentence(ev.start, ev.end) for ev in evidence]))
        r.nodes.statement(st, rel.subject, p, rel.object, derived)
    return _part(list(own), list(shared), r.report, files=files, nodes=r.nodes)


def render_background(graph: KnowledgeGraph, files: Collection[str] = FILES) -> Part:
    """What only the merged corpus knows: merged entities, the gazetteer hierarchy, the build.

    The union files also get here, once each, the plain relations the
    reports state (each report's named graph has its own).  Only the
    sections of ``files`` are rendered.
    """
    out = _Triples()
    agent = str(AGENT)
    build = build_iri(getattr(d, "sha256", str(i)) for i, d in graph.documents.items())
    out.add(agent, A, _P.SoftwareAgent)
    out.add(agent, _P.label, _plain(f"govkg {__version__}"))
    out.add(agent, _P.version, _plain(__version__))
    out.add(build, A, _P.Activity)
    out.add(build, _P.associated, _iri(agent))
    for doc_id in sorted(graph.documents):
        out.add(build, _P.used, _iri(mint("report", doc_id)))
    for key in sorted(graph.entities):
        e = graph.entities[key]
        if described_in_report(e):
            continue
        s = _entity(e.key, e.type)
        _describe(out, s, e)
        if not e.mentions:  # known from the gazetteer or added by hand: made by the build itself
            out.add(s, _P.generated, _iri(build))
    stated = _Triples()  # relations some report states: in its named graph, not the background
    for triple in sorted(graph.relations):
        rel = graph.relations[triple]
        s, o = (graph.entities.get(k) for k in (rel.subject, rel.object))
        if s is None or o is None:
            missing = rel.subject if s is None else rel.object
            raise KGError(f"relation {rel.subject} {rel.predicate} {rel.object}: no entity {missing!r}")
        plain = (_entity(s.key, s.type), _RELATION[rel.predicate], _iri(_entity(o.key, o.type)))
        (stated if rel.evidence else out).add(*plain)
    return _part(list(out), [], str(BACKGROUND), union_only=list(stated), files=files)


def _part(
    own: list[Triple],
    shared: list[Triple],
    graph_name: str,
    union_only: list[Triple] = (),
    files: Collection[str] = FILES,
    nodes: _Nodes | None = None,
) -> Part:
    """``own`` triples go to the union files and the named graph, ``shared`` only to the named graph,
    ``union_only`` only to the union files; ``nodes`` are own triples too, written after ``own``
    (a report's part has nodes, the background's ``union_only``; none has both).
    Only the sections of ``files`` are rendered; the others are empty."""
    terms = _turtle_terms()
    own_ttl = rdfwriter.turtle(own, terms) if "graph.ttl" in files or "graph.trig" in files else b""
    if nodes is not None and nodes.ttl:
        own_ttl += "".join(nodes.ttl).encode("utf-8")
    union = own + list(union_only) if union_only else own
    ttl = trig = nt = jsonld = b""
    if "graph.ttl" in files:
        ttl = own_ttl + rdfwriter.turtle(union_only, terms) if union_only else own_ttl
    if "graph.trig" in files:
        # A TriG block is the graph's name around Turtle statements -- here the own triples' Turtle
        # followed by the shared triples' (two runs of statements are one); graph_name is minted,
        # so safe in <>.
        body = own_ttl + rdfwriter.turtle(shared, terms)
        trig = b"<" + graph_name.encode("utf-8") + b"> {\n" + body + b"}\n" if body else b""
    if "graph.nt" in files:
        nt = rdfwriter.ntriples(union)
        if nodes is not None and nodes.nt:
            nt += "".join(nodes.nt).encode("utf-8")
    if "graph.jsonld" in files:
        jsonld = rdfwriter.jsonld_nodes(union, _jsonld_terms())
        if nodes is not None and nodes.jsonld:
            jsonld = b",\n".join(filter(None, [jsonld, ",\n".join(nodes.jsonld).encode("utf-8")]))
    return Part(ttl=ttl, trig=trig, nt=nt, jsonld=jsonld)


@functools.lru_cache(maxsize=1)
def _turtle_terms() -> rdfwriter.TurtleTerms:
    return rdfwriter.TurtleTerms(WRITE_PREFIXES)


@functools.lru_cache(maxsize=1)
def _jsonld_terms() -> rdfwriter.JsonLdTerms:
    return rdfwriter.JsonLdTerms(_compact)


def _strip_prefixes(data: bytes) -> bytes:
    """pyoxigraph's Turtle without the ``@prefix`` lines it starts with (the file header has them)."""
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


def report_part(
    doc: Any, entities: dict[str, Entity], relations: Iterable[Relation], files: Collection[str] = FILES
) -> Part:
    """The part of one analysed report: its local entities (see :mod:`kg.resolve`) and relations (the sections
    of ``files`` only)."""
    iris = {k: _entity(e.key, e.type) for k, e in entities.items()}
    mentioned = [entities[k] for k in sorted(entities) if entities[k].mentions]
    rels = []
    for rel in sorted(relations, key=lambda r: (r.subject, r.predicate, r.object)):
        evidence = sorted(ev for ev in rel.evidence if ev.doc == doc.id)
        if evidence:
            rels.append((Relation(iris[rel.subject], rel.predicate, iris[rel.object]), evidence))
    return render_report(doc.id, doc, mentioned, rels, files)


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


@functools.lru_cache(maxsize=1)
def _headers() -> dict[str, tuple[bytes, bytes]]:
    """File name -> (header, footer) around the parts."""
    one = [ox.Triple(ox.NamedNode(str(GK.Place)), ox.NamedNode(A), ox.NamedNode(str(GK.Place)))]
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


@dataclass(frozen=True)
class StoredPart:
    """A :class:`Part` stored by :meth:`Part.to_bytes` in a file: its sections are copied file to file."""

    path: Path


class Assembly:
    """The files of :data:`FILES` (name -> open binary file; some of them, or all), written as header, parts
    in order, footer.  The parts' sections for the files not given are left out.

    A :class:`StoredPart` is copied by the kernel (see :mod:`kg.partcopy`).
    """

    def __init__(self, files: dict[str, BinaryIO]) -> None:
        self.files = files
        headers = _headers()
        for name, fh in files.items():
            fh.write(headers[name][0])
        self._begun = {name: fh.tell() for name, fh in files.items()}
        self.appender = partcopy.Appender([files.get(name) for name in FILES])

    def add(self, part: Part | StoredPart) -> None:
        with _part_errors():
            if isinstance(part, StoredPart):
                self.appender.add_stored(part.path)
            else:
                self.appender.add((part.ttl, part.trig, part.nt, part.jsonld))

    def added_by(self, helper: partcopy.Helper) -> None:
        """Wait for ``helper``, started on :attr:`appender`, to have added its parts."""
        with _part_errors():
            helper.wait()

    def rewind(self) -> None:
        """Back to the headers: the parts added so far are gone."""
        for name, fh in self.files.items():
            fh.seek(self._begun[name])
            fh.truncate()
        self.appender.empty = [True] * len(partcopy.SECTIONS)

    def close(self) -> None:
        """Write the footers."""
        headers = _headers()
        for name, fh in self.files.items():
            fh.write(headers[name][1])


@contextlib.contextmanager
def _part_errors() -> Iterator[None]:
    """A :class:`kg.partcopy.PartError` (that module stands alone) as a :class:`KGError`."""
    try:
        yield
    except partcopy.PartError as exc:
        raise KGError(str(exc)) from None


def write_parts(files: dict[str, BinaryIO], parts: Iterable[Part | StoredPart]) -> None:
    """Write the header, every part in order, and the footer of each file in ``files`` (see :class:`Assembly`)."""
    assembly = Assembly(files)
    for part in parts:
        assembly.add(part)
    assembly.close()


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
