"""N-Triples, Turtle and JSON-LD text of :mod:`kg.rdf`'s plain-tuple triples, without pyoxigraph terms.

A report's part holds tens of thousands of triples; making a pyoxigraph
term for each (``ox.Literal(text, language="zh")``) costs microseconds of
argument handling, more than extracting the report did.  These writers
format the tuples directly and give the bytes pyoxigraph's serialisers
give for the same triples (the tests compare the two on generated triples
and on a corpus build):

* :func:`ntriples` -- ``ox.serialize(triples, format=N_TRIPLES)``;
* :func:`turtle` -- ``ox.serialize(triples, format=TURTLE, prefixes=WRITE_PREFIXES)``
  without its ``@prefix`` lines: consecutive triples with the same subject
  share it (``;``), with the same predicate too (``,``);
* :func:`jsonld_nodes` -- one compact JSON-LD node object per subject.

A triple is ``(subject IRI, predicate IRI, object)``; an object is
``(None, iri)`` for an IRI or ``(lexical form, language or None, datatype
IRI or None)`` for a literal.  Where the short form of a term is not plain
(a vocabulary IRI abbreviated under a prefix, a typed literal other than an
integer) it is asked of pyoxigraph once and kept.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox
from rdflib.namespace import RDF, XSD

Triple = tuple[str, str, tuple]

RDF_TYPE, XSD_STRING, XSD_INTEGER = str(RDF.type), str(XSD.string), str(XSD.integer)

# print_quoted_str in oxrdf: the short escapes, \uXXXX for other controls, the rest as it is.
_ESCAPES = {c: f"\\u{c:04X}" for c in range(0x20)} | {0x7F: "\\u007F"}
_ESCAPES |= {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}
#: What _ESCAPES changes: most texts have none of it, and a search is much faster than a translate.
_ESCAPED = re.compile(r'[\x00-\x1f\x7f"\\]')
_BARE_INTEGER = re.compile(r"[+-]?[0-9]+")
#: ``text`` as a JSON string: the C encoder json.dumps(ensure_ascii=False) uses
json_string = json.encoder.encode_basestring


def quoted(text: str) -> str:
    """``text`` as an N-Triples/Turtle string: ``"..."`` with oxigraph's escapes.

    >>> quoted('二"\\n')
    '"二\\\\"\\\\n"'
    """
    if _ESCAPED.search(text) is None:
        return '"' + text + '"'
    return '"' + text.translate(_ESCAPES) + '"'


def _nt_object(o: tuple) -> str:
    if len(o) == 2:
        return f"<{o[1]}>"
    value, language, datatype = o
    if language:
        return quoted(value) + "@" + language
    if datatype and datatype != XSD_STRING:
        return quoted(value) + f"^^<{datatype}>"
    return quoted(value)


def ntriples(triples: Sequence[Triple]) -> bytes:
    """N-Triples of ``triples``, in their order, as UTF-8."""
    return ntriples_text(triples).encode("utf-8")


def ntriples_text(triples: Sequence[Triple]) -> str:
    """:func:`ntriples` as text."""
    forms: dict[tuple, str] = {}
    lines = []
    append = lines.append
    for s, p, o in triples:
        form = forms.get(o)
        if form is None:
            form = forms[o] = _nt_object(o)
        append(f"<{s}> <{p}> {form} .\n")
    return "".join(lines)


class TurtleTerms:
    """Turtle forms of terms under one prefix map, as pyoxigraph writes them."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.prefixes = dict(prefixes)
        self._namespaces = tuple(self.prefixes.values())
        self._ask = functools.lru_cache(maxsize=65536)(self._ask_oxigraph)
        self._verbs: dict[str, str] = {RDF_TYPE: "a"}

    def iri(self, iri: str) -> str:
        """The Turtle form of ``iri`` as a subject or object."""
        if not iri.startswith(self._namespaces):
            return f"<{iri}>"
        return self._ask(iri, None, None)

    def verb(self, iri: str) -> str:
        """The Turtle form of ``iri`` as a predicate (``a`` for ``rdf:type``)."""
        form = self._verbs.get(iri)
        if form is None:
            form = self._verbs[iri] = self.iri(iri)
        return form

    def object(self, o: tuple) -> str:
        if len(o) == 2:
            return self.iri(o[1])
        value, language, datatype = o
        if language:
            return quoted(value) + "@" + language
        if not datatype or datatype == XSD_STRING:
            return quoted(value)
        if datatype == XSD_INTEGER and _BARE_INTEGER.fullmatch(value):
            return value
        return self._ask(value, None, datatype)

    def _ask_oxigraph(self, value: str, language: str | None, datatype: str | None) -> str:
        """The object term of ``value`` (an IRI when both others are None) in pyoxigraph's Turtle."""
        if datatype is None:
            term = ox.NamedNode(value)
        else:
            term = ox.Literal(value, datatype=ox.NamedNode(datatype))
        dummy = ox.NamedNode("urn:x")
        text = ox.serialize([ox.Triple(dummy, dummy, term)], format=ox.RdfFormat.TURTLE, prefixes=self.prefixes)
        line = text.decode("utf-8").rstrip("\n").splitlines()[-1]
        if not line.startswith("<urn:x> <urn:x> ") or not line.endswith(" ."):
            raise ValueError(f"unexpected Turtle from pyoxigraph: {line!r}")
        return line[len("<urn:x> <urn:x> ") : -2]


def turtle(triples: Iterable[Triple], terms: TurtleTerms) -> bytes:
    """Turtle statements of ``triples`` (no ``@prefix`` lines), in their order, as UTF-8."""
    return turtle_text(triples, terms).encode("utf-8")


def turtle_text(triples: Iterable[Triple], terms: TurtleTerms) -> str:
    """:func:`turtle` as text."""
    out: list[str] = []
    append = out.append
    objects: dict[tuple, str] = {}
    last_s = last_p = None
    for s, p, o in triples:
        form = objects.get(o)
        if form is None:
            form = objects[o] = terms.object(o)
        if s == last_s:
            if p == last_p:
                append(" , " + form)
            else:
                append(" ;\n\t" + terms.verb(p) + " " + form)
        else:
            if last_s is not None:
                append(" .\n")
            append(terms.iri(s) + " " + terms.verb(p) + " " + form)
        last_s, last_p = s, p
    if last_s is not None:
        append(" .\n")
    return "".join(out)


class JsonLdTerms:
    """Compact JSON-LD keys and values under one context, as JSON text."""

    def __init__(self, compact) -> None:
        self._compact = compact
        self._keys: dict[str, str] = {}
        self._types: dict[str, str] = {}

    def key(self, p: str) -> str:
        k = self._keys.get(p)
        if k is None:
            k = self._keys[p] = json_string(self._compact(p))
        return k

    def type_value(self, iri: str) -> str:
        v = self._types.get(iri)
        if v is None:
            v = self._types[iri] = json_string(self._compact(iri))
        return v

    def value(self, o: tuple) -> str:
        if len(o) == 2:
            return '{"@id": ' + json_string(o[1]) + "}"
        value, language, datatype = o
        if language is not None:
            return '{"@language": ' + json_string(language) + ', "@value": ' + json_string(value) + "}"
        if datatype is not None and datatype != XSD_STRING:
            return '{"@type": ' + self.type_value(datatype) + ', "@value": ' + json_string(value) + "}"
        return '{"@value": ' + json_string(value) + "}"


def jsonld_nodes(triples: Iterable[Triple], terms: JsonLdTerms) -> bytes:
    """:func:`jsonld_text` as UTF-8."""
    return jsonld_text(triples, terms).encode("utf-8")


def jsonld_text(triples: Iterable[Triple], terms: JsonLdTerms) -> str:
    """Node objects, one per subject in order of first appearance, separated by ``,\\n``.

    A node is ``{"@id": ..., key: [values], ...}`` with keys in the order
    first seen; ``rdf:type`` objects are ``@type`` CURIEs.  The text is what
    ``json.dumps(node, ensure_ascii=False)`` gives for the same dicts.
    """
    nodes: dict[str, dict[str, list[str]]] = {}
    values: dict[tuple, str] = {}
    node: dict[str, list[str]] = {}
    last = None
    for s, p, o in triples:
        if s is not last:
            node = nodes.get(s)
            if node is None:
                node = nodes[s] = {}
            last = s
        if p == RDF_TYPE and len(o) == 2:
            key, value = '"@type"', terms.type_value(o[1])
        else:
            key = terms.key(p)
            value = values.get(o)
            if value is None:
                value = values[o] = terms.value(o)
        found = node.get(key)
        if found is None:
            node[key] = [value]
        else:
            found.append(value)
    text = []
    for s, node in nodes.items():
        fields = "".join([", " + key + ": [" + ", ".join(found) + "]" for key, found in node.items()])
        text.append('{"@id": ' + json_string(s) + fields + "}")
    return ",\n".join(text)
