"""SPARQL 1.1 over a built graph, with pyoxigraph as the engine.

pyoxigraph was chosen by measurement (``bench/query_engines.py``): on a
200k-triple govkg-shaped graph it parses Turtle 18x and answers a transitive
``located_in+`` GROUP BY 146x faster than rdflib's own engine.

Named queries live in ``ontology/queries/*.rq``.  A query's header comments
declare its parameters::

    # title: Projects in a place (transitively)
    # param: place zh 垣曲县

Parameters are bound as RDF terms: the value becomes a pyoxigraph term of
the declared type, and the query gets ``VALUES ?name { TERM }`` as the first
element of its WHERE group, TERM written by pyoxigraph's own N-Triples
serialiser (every ``"``, ``\\`` and line break escaped; an IRI with ``>``, ``}``
or a space is refused), so a value containing ``"``, ``>`` or ``}`` stays one
term and cannot change the query.  Not pyoxigraph's ``substitutions``
(SEP-0007 initial bindings): its planner does not see them, so a bound label
did not narrow the first pattern -- ``source-of-fact`` on a 3.7M-triple graph
took 13.7 s that way and 0.035 s with the VALUES block.  A query whose WHERE
group cannot be found (or is a bare sub-SELECT) falls back to ``substitutions``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from . import jsonld, sideproc
from .errors import QueryError, one_line, path_text
from .vocab import QUERIES_DIR

#: File suffix -> pyoxigraph format.
FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}
OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
#: Parameter types a ``# param:`` line may declare.
PARAM_TYPES = ("zh", "string", "iri", "integer", "decimal")
XSD = "http://www.w3.org/2001/XMLSchema#"

# What the search for the WHERE group steps over whole (IRIs, strings, comments) and the tokens it reads.
QUERY_TOKEN = re.compile(
    "|".join(
        [
            r"""(?P<skip><[^<>"{}|^`\\\x00-\x20]*>""",  # an IRI (a < with a space after it is less-than)
            r'"""(?:[^"\\]|\\.|"(?!""))*"""',
            r"'''(?:[^'\\]|\\.|'(?!''))*'''",
            r'"(?:[^"\\\n]|\\.)*"',
            r"'(?:[^'\\\n]|\\.)*'",
            r"\#[^\n]*)",  # a comment; closes the skip group
            r"(?P<var>[?$]\w+)",
            r"""(?P<word>[^\W\d][\w.-]*(?::[^\s{}()\[\],;"'<>]*)?|:[^\s{}()\[\],;"'<>]*)""",  # keyword or prefixed name
            r"(?P<char>[{}()])",
        ]
    ),
    re.S,
)
HEADER_LINE = re.compile(r"^#\s*(title|description|param):\s*(.*?)\s*$")
PARAM_DECL = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)(?:\s+(?P<default>.+))?$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    """A query file of ``ontology/queries``: its text and the header that describes it."""

    name: str
    path: Path
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()


@dataclass
class QueryResult:
    """What a query returned: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE).

    Terms are pyoxigraph terms (``NamedNode``, ``Literal``, ``BlankNode``) or
    ``None`` for an unbound variable.
    """

    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)


# ----------------------------------------------------------------- queries


def parse_header(name: str, path: Path, text: str) -> NamedQuery:
    meta: dict[str, str] = {"title": "", "description": ""}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = HEADER_LINE.match(line)
        if not m:
            continue
        key, value = m.groups()
        if key != "param":
            meta[key] = (meta[key] + " " + value).strip()
            continue
        d = PARAM_DECL.match(value)
        if not d or d["type"] not in PARAM_TYPES:
            raise QueryError(
                f"{path_text(path)}: bad param line {line!r}; "
                f"expected '# param: NAME TYPE [DEFAULT]' with TYPE one of {PARAM_TYPES}"
            )
        params.append(Param(d["name"], d["type"], d["default"]))
    return NamedQuery(name, path, text, meta["title"], meta["description"], tuple(params))


def named_queries(directory: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """Every ``*.rq`` file of ``directory`` by name (file name without ``.rq``)."""
    return {
        p.stem: parse_header(p.stem, p, p.read_text(encoding="utf-8"))
        for p in sorted(Path(directory).glob("*.rq"))
    }


def named_query(name: str, directory: Path = QUERIES_DIR) -> NamedQuery:
    queries = named_queries(directory)
    if name not in queries:
        raise QueryError(f"no query named {name!r}; choose one of: {', '.join(queries) or '(none)'}")
    return queries[name]


# -------------------------------------------------------------- parameters


def to_term(value: str, type_: str = "string") -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term of the declared type.

    >>> to_term("垣曲县", "zh")
    <Literal value=垣曲县 language=zh>
    """
    if type_ == "zh":
        return ox.Literal(value, language="zh")
    if type_ == "string":
        return ox.Literal(value)
    if type_ == "iri":
        try:
            return ox.NamedNode(value.removeprefix("<").removesuffix(">"))
        except ValueError as exc:
            raise QueryError(f"{value!r} is not an IRI ({exc})") from None
    if type_ == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise QueryError(f"{value!r} is not an integer")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    if type_ == "decimal":
        try:
            Decimal(value)
        except InvalidOperation:
            raise QueryError(f"{value!r} is not a decimal number") from None
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))
    raise QueryError(f"unknown parameter type {type_!r}; expected one of {PARAM_TYPES}")


def bind(params: dict[str, str] | None, declared: tuple[Param, ...] = ()) -> dict[ox.Variable, object]:
    """Substitutions for pyoxigraph: declared parameters by type (defaults filled in), others as strings."""
    params = dict(params or {})
    types = {p.name: p for p in declared}
    out: dict[ox.Variable, object] = {}
    if declared:
        unknown = sorted(set(params) - set(types))
        if unknown:
            raise QueryError(f"unknown parameter {unknown[0]!r}; this query takes: {', '.join(types)}")
    for p in declared:
        if p.name not in params:
            if p.default is None:
                raise QueryError(f"missing parameter {p.name!r} ({p.type}); give --param {p.name}=VALUE")
            params[p.name] = p.default
    for name, value in params.items():
        kind = types[name].type if name in types else ("iri" if value.startswith("<") and value.endswith(">") else "string")
        out[ox.Variable(name)] = to_term(value, kind)
    return out


def where_group(text: str) -> int | None:
    """The offset just inside the ``{`` that opens the query's WHERE group, or None.

    For SELECT, ASK and DESCRIBE that is the first ``{`` outside parentheses
    (a projection's ``EXISTS {…}`` is inside them); for CONSTRUCT the first
    one after the keyword WHERE (the template comes before it).  None when
    the group is a bare sub-SELECT, where nothing may precede the SELECT.
    """
    form = None
    depth = 0
    after_where = False
    tokens = QUERY_TOKEN.finditer(text)
    for m in tokens:
        word, char = m["word"], m["char"]
        if word and ":" not in word:
            keyword = word.upper()
            if form is None and keyword in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
                form = keyword
            after_where = keyword == "WHERE"
        elif char in ("(", ")"):
            depth += 1 if char == "(" else -1
        elif char == "{" and form is not None and depth == 0 and (form != "CONSTRUCT" or after_where):
            following = next((t for t in tokens if not t["skip"]), None)
            if following is not None and (following["word"] or "").upper() == "SELECT":
                return None
            return m.end()
        elif char:
            after_where = False
    return None


def values_first(text: str, bound: dict[ox.Variable, object]) -> str | None:
    """``text`` with ``VALUES (?a ?b) { (A B) }`` as the first element of its WHERE group, or None."""
    at = where_group(text)
    if at is None:
        return None
    names = " ".join(f"?{v.value}" for v in bound)
    terms = " ".join(str(t) for t in bound.values())  # pyoxigraph's N-Triples form, escaped
    return f"{text[:at]} VALUES ({names}) {{ ({terms}) }}{text[at:]}"


# ------------------------------------------------------------------ running


def graph_format(path: Path) -> ox.RdfFormat:
    """The format of the graph file ``path``, from its suffix."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise QueryError(
            f"{path_text(path)}: unknown graph format {path.suffix!r}; expected one of {', '.join(FORMATS)}"
        )
    return fmt


def load(path: str | os.PathLike) -> ox.Store:
    """An in-memory store holding the graph file ``path`` (format from its suffix)."""
    path = Path(path)
    fmt = graph_format(path)
    store = ox.Store()
    try:
        sideproc.in_thread(load_into, store, path, fmt).result()  # Ctrl-C stops it at once
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(f"{path_text(path)}: cannot load the graph ({one_line(str(exc))})") from None
    return store


def load_into(store: ox.Store, path: Path, fmt: ox.RdfFormat, *, bulk: bool = True, on_disk: bool = False) -> None:
    """Load the graph file ``path`` into the empty ``store``, with ``bulk_load`` or (not ``bulk``) ``load``.

    A large JSON-LD file goes in a batch at a time where it can (:func:`kg.jsonld.load`, told whether
    the store is ``on_disk``), since pyoxigraph's JSON-LD parser holds the whole document.
    """
    if fmt == ox.RdfFormat.JSON_LD and jsonld.load(store, path, bulk=on_disk):
        return
    if bulk:
        store.bulk_load(path=str(path), format=fmt)
    else:
        with path.open("rb") as fh:
            store.load(fh, format=fmt)


def run_query(
    graph_path: str | os.PathLike | ox.Store,
    text: str,
    params: dict[str, str] | None = None,
    declared: tuple[Param, ...] = (),
) -> QueryResult:
    """Run SPARQL ``text`` over the graph at ``graph_path`` (or an already loaded store).

    The default graph is the union of every named graph, so a query over
    ``graph.trig`` sees what it would see over ``graph.ttl``; ``GRAPH ?report``
    still selects one report's statements.
    """
    store = graph_path if isinstance(graph_path, ox.Store) else load(graph_path)
    bound = bind(params, declared)
    with_values = values_first(text, bound) if bound else None
    # the engine works without the GIL: in a thread of its own, a long query stops at Ctrl-C
    return sideproc.in_thread(_evaluate, store, text, bound, with_values).result()


def _evaluate(store: ox.Store, text: str, bound: dict[ox.Variable, object], with_values: str | None) -> QueryResult:
    """:func:`run_query`'s answer, read whole from the engine."""
    try:
        try:
            answer = store.query(with_values or text, use_default_graph_as_union=True, substitutions=None if with_values else bound)
        except SyntaxError:
            if with_values is None:
                raise
            # an invalid query: let the engine report it on the text as written
            answer = store.query(text, use_default_graph_as_union=True, substitutions=bound)
    except SyntaxError as exc:
        raise QueryError(f"invalid SPARQL: {exc}") from None
    except OSError as exc:
        raise QueryError(f"query failed: {exc}") from None
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [tuple(sol[v] for v in variables) for sol in answer]
        return QueryResult(variables=variables, rows=rows)
    return QueryResult(triples=list(answer))


def run_named(graph_path: str | os.PathLike | ox.Store, name: str, params: dict[str, str] | None = None) -> QueryResult:
    q = named_query(name)
    return run_query(graph_path, q.text, params, q.params)


# --------------------------------------------------------------- formatting


def term_text(term: object) -> str:
    """A term as a person reads it: an IRI, a literal's lexical form, ``_:b`` for a blank node."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value  # NamedNode and Literal


def term_nt(term: object) -> str:
    """A term in N-Triples syntax, as SPARQL TSV results write it."""
    return "" if term is None else str(term)


def term_json(term: object) -> dict:
    """A term in SPARQL 1.1 JSON results form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD + "string":
        out["datatype"] = term.datatype.value
    return out


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _table(result: QueryResult) -> str:
    header = result.variables
    cells = [[term_text(t).replace("\n", " ") for t in row] for row in result.rows]
    widths = [max([_width(h), *(_width(r[i]) for r in cells)]) for i, h in enumerate(header)]
    lines = [" | ".join(_pad(h, w) for h, w in zip(header, widths)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """``result`` as text: ``table`` (aligned for Chinese), ``csv``, ``tsv`` or ``json`` (SPARQL 1.1 formats).

    ASK prints ``true``/``false`` (JSON: ``{"boolean": …}``); CONSTRUCT and DESCRIBE
    print N-Triples whatever the format.
    """
    if fmt not in OUTPUT_FORMATS:
        raise QueryError(f"unknown format {fmt!r}; expected one of {OUTPUT_FORMATS}")
    if result.boolean is not None:
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if not result.variables and result.triples:
        return "".join(f"{t} .\n" for t in result.triples)
    if fmt == "table":
        return _table(result)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows([term_text(t) for t in row] for row in result.rows)
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in result.variables)]
        lines += ["\t".join(term_nt(t) for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    bindings = [
        {v: term_json(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows
    ]
    doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
