"""Check a built graph against ``ontology/shapes.ttl`` with the ``shacl`` engine.

``shacl`` is a SHACL engine written in Rust that reads the graph file itself:
N-Triples are streamed, so memory follows the graph's terms rather than its
text.  On the 10 MB bench corpus's graph (3.7M triples) :func:`validate`
took 20 s and 360 MB where pyshacl-turbo, which read the graph into rdflib
first, took 366 s and 5.6 GB.  It reports what pySHACL reports for every
violation the tests plant (``tests/test_validate.py`` runs both).

While the engine runs (it releases the GIL), this process reads the same file
once with pyoxigraph's parser for what the report adds: the number of typed
nodes checked and the label of each node that violates a shape.

The engine holds a Turtle graph whole (1.85 GB for that 10 MB corpus's
``graph.ttl``).  So a Turtle file of :data:`STREAM_FROM` bytes or more
reaches it as N-Triples through a named pipe instead, written by that same
pyoxigraph pass: 20 to 22 s and 368 MB, against 16 to 21 s read whole.

Both parsers hold a JSON-LD graph whole as well (3.1 GB each for that
corpus's ``graph.jsonld``).  A large JSON-LD file laid out as ``kg build``
writes it is therefore read a few megabytes of lines at a time instead
(:mod:`kg.jsonld`), and its triples go down the same pipe; one that cannot be
read that way is checked again, read whole.  At 10 MB: 31.7 s and 460 MB,
against 38.1 s and 6.3 GB read whole (one run each).

A build checks as conforming (not run as a test: it needs ``output/``)::

    from kg.validate import validate
    validate("output/graph.ttl").conforms  # True
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from rdflib import Dataset, Graph

from . import jsonld, sideproc
from .errors import ValidationError, path_text
from .vocab import PREFIXES, SHAPES_FILE

#: How many violations the readable report lists before summarising the rest.
SHOWN = 50
#: From this size on, a Turtle graph, or a JSON-LD one laid out as ``kg build`` writes it, reaches the engine
#: as N-Triples through a pipe (see the module's notes).
STREAM_FROM = 32 << 20
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
#: Namespaces written as prefixed names in a report's paths and values (entity IRIs stay whole).
_COMPACT = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "sh": "http://www.w3.org/ns/shacl#",
    **{k: v for k, v in PREFIXES.items() if k != "id"},
}
_IRI = re.compile(r"<([^<>\s]*)>")
_LOCAL_NAME = re.compile(r"[A-Za-z_][\w\-]*")
_ENGINE_LEAD = re.compile(r"^parse error: (?:[a-z][\w+.-]*:\S*: )?")


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result, with the focus node's label when it has one."""

    message: str
    focus: str
    label: str = ""
    path: str = ""
    value: str = ""
    severity: str = "Violation"


@dataclass
class ValidationReport:
    graph: Path
    shapes: Path
    conforms: bool
    focus_nodes: int
    violations: list[Violation] = field(default_factory=list)


def load_graph(path: str | os.PathLike) -> Graph:
    """The graph file at ``path`` as one rdflib graph (a .trig file's named graphs merged)."""
    path = Path(path)
    try:
        if path.suffix.lower() in (".trig", ".nq"):
            ds = Dataset()
            ds.parse(path, format="trig" if path.suffix.lower() == ".trig" else "nquads")
            g = Graph()
            for s, p, o, _ in ds.quads():
                g.add((s, p, o))
            return g
        fmt = {".jsonld": "json-ld", ".nt": "nt", ".ttl": "turtle"}.get(path.suffix.lower())
        return Graph().parse(path, format=fmt)
    except FileNotFoundError:
        raise ValidationError(f"{path_text(path)}: no such file") from None
    except Exception as exc:  # rdflib's parsers raise many kinds
        raise ValidationError(f"{path_text(path)}: cannot parse the graph ({_one_line(exc)})") from None


def _one_line(exc: Exception, *, named: bool = True) -> str:
    """``exc`` as ``Type: message`` (or the message alone) on one line: rdflib's parse errors span several."""
    return " ".join((f"{exc.__class__.__name__}: {exc}" if named else str(exc)).split())


def compact(term: str) -> str:
    """An N-Triples term with its vocabulary IRIs as prefixed names; a literal's text is left alone.

    >>> compact("<http://www.w3.org/2000/01/rdf-schema#label>")
    'rdfs:label'
    >>> compact('"25"^^<http://www.w3.org/2001/XMLSchema#integer>')
    '"25"^^xsd:integer'
    >>> compact('"<b>"')
    '"<b>"'
    """
    if term.startswith('"'):
        text, sep, datatype = term.rpartition('"^^')
        return f"{text}{sep}{_prefixed(datatype)}" if sep else term
    return _IRI.sub(lambda m: _prefixed(m.group(0)), term)  # an IRI, or a path made of IRIs


def _prefixed(iri: str) -> str:
    bare = iri[1:-1] if iri.startswith("<") else iri
    for prefix, ns in _COMPACT.items():
        if bare.startswith(ns) and _LOCAL_NAME.fullmatch(bare, len(ns)):
            return f"{prefix}:{bare[len(ns):]}"
    return iri


def validate(graph_path: str | os.PathLike, shapes: str | os.PathLike = SHAPES_FILE) -> ValidationReport:
    """Run the SHACL shapes over the graph at ``graph_path`` (.ttl, .trig, .nt, .nq, .jsonld; named graphs merged)."""
    path, shapes = Path(graph_path), Path(shapes)
    compiled = _compile(shapes)
    if not path.is_file():
        problem = "no such file" if not path.exists() else "is a directory" if path.is_dir() else "not a regular file"
        raise ValidationError(f"{path_text(path)}: {problem}")
    if _streams(path):
        try:
            return _check(path, shapes, compiled, streamed=True)
        except jsonld.NotBatchable:
            pass  # JSON-LD not laid out as kg build writes it: checked again, read whole
    return _check(path, shapes, compiled, streamed=False)


def _streams(path: Path) -> bool:
    """Whether the graph at ``path`` reaches the engine through a pipe (see the module's notes).

    So does a graph whose path is not UTF-8 (a directory named under GBK, say): the engine makes the
    graph's base IRI of the path's text, which then cannot be one.
    """
    if not hasattr(os, "mkfifo"):
        return False
    try:
        os.fspath(path).encode("utf-8")
    except UnicodeEncodeError:
        return not (path.suffix.lower() == ".jsonld" and not jsonld.batchable(path))
    if path.stat().st_size < STREAM_FROM:
        return False
    suffix = path.suffix.lower()
    return suffix == ".ttl" or (suffix == ".jsonld" and jsonld.batchable(path))


def _check(path: Path, shapes: Path, compiled, *, streamed: bool) -> ValidationReport:
    """:func:`validate`: the engine reads ``path`` itself, or (``streamed``) its N-Triples through a pipe."""
    with contextlib.ExitStack() as stack:
        source = path
        if streamed:
            source = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-validate-"))) / "graph.nt"
            os.mkfifo(source, 0o600)
        checking = sideproc.in_thread(compiled.validate_file, str(source), allow_warnings=True)
        try:
            with _writer(source, checking) if streamed else contextlib.nullcontext() as out:
                typed, labels = _scan(path, out)
        except jsonld.NotBatchable:
            with contextlib.suppress(Exception):
                checking.result()  # the engine is let finish what came through the pipe, of no use now
            raise
        except (SyntaxError, ValueError, OSError) as exc:
            scanned: Exception | None = exc
        else:
            scanned = None
        try:
            report = checking.result()
        except (ValueError, OSError) as exc:
            raise ValidationError(f"{path_text(path)}: cannot parse the graph ({_engine_message(exc)})") from None
    if scanned is not None:  # the engine read it (or what came through the pipe), pyoxigraph did not
        raise ValidationError(f"{path_text(path)}: cannot parse the graph ({_one_line(scanned, named=False)})")
    violations = []
    for r in report.results:
        focus = r.focus_node[1:-1] if r.focus_node.startswith("<") else r.focus_node
        violations.append(
            Violation(
                message=str(r.message or ""),
                focus=focus,
                label=labels.get(focus, ""),
                path=compact(r.path or ""),
                value=compact(r.value or ""),
                severity=str(r.severity or "Violation"),
            )
        )
    return ValidationReport(path, shapes, bool(report.conforms), len(typed), sorted(violations))


def _engine_message(exc: Exception) -> str:
    """The engine's error on one line, without its "parse error: <document IRI>: " lead (the caller names the file).

    >>> _engine_message(ValueError("parse error: file:///t/bad.ttl: Parser error at line 1 column 8: Unexpected end"))
    'Parser error at line 1 column 8: Unexpected end'
    """
    return _ENGINE_LEAD.sub("", _one_line(exc, named=False), count=1)


def _compile(shapes: Path):
    """The shapes file compiled by the engine; a one-line :class:`ValidationError` if it cannot be."""
    import shacl

    try:
        text = shapes.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValidationError(f"{shapes}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"{shapes}: cannot read the shapes ({_one_line(exc)})") from None
    try:
        return shacl.Shapes.from_turtle(text, base=shapes.resolve().as_uri())
    except ValueError as exc:
        message = _one_line(exc, named=False)
        if _ENGINE_LEAD.match(message):
            raise ValidationError(f"{shapes}: cannot parse the shapes ({_engine_message(exc)})") from None
        raise ValidationError(f"{shapes}: {message}") from None  # a shape it cannot compile (sh:minCount "x")


def _scan(path: Path, out: BinaryIO | None = None) -> tuple[set[str], dict[str, str]]:
    """The typed nodes of the graph at ``path``, and each labelled node's (smallest) label; its triples are
    also written to ``out`` as N-Triples when given (named graphs merged; a JSON-LD graph then read in
    batches, see :mod:`kg.jsonld`)."""
    import pyoxigraph as ox

    from .query import FORMATS

    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"unknown RDF syntax for {path.name}")
    typed: set[str] = set()
    labels: dict[str, str] = {}
    base = path.resolve().as_uri()
    if out is not None and fmt == ox.RdfFormat.JSON_LD:
        quads = jsonld.quads(path, base)
    else:
        quads = ox.parse(path=path, format=fmt, base_iri=base)

    def read() -> Iterator[ox.Quad]:
        for quad in quads:
            predicate = quad.predicate.value
            if predicate == _RDF_TYPE:
                typed.add(quad.subject.value)
            elif predicate == _RDFS_LABEL:
                node, label = quad.subject.value, quad.object.value
                if node not in labels or label < labels[node]:
                    labels[node] = label
            yield quad

    if out is None:
        for _ in read():
            pass
    else:
        ox.serialize((quad.triple for quad in read()), out, ox.RdfFormat.N_TRIPLES)
    return typed, labels


@contextlib.contextmanager
def _writer(pipe: Path, engine: Future) -> Iterator[BinaryIO]:
    """The write end of the named ``pipe`` the ``engine`` reads, closed after the block whatever happens.

    It is opened without blocking, retried until the engine has opened the read end, so a
    failed engine never leaves this process waiting for a reader; if the engine stops first,
    the block writes to nowhere.  Stopped before it opens (Ctrl-C), it lets the engine go
    rather than leave it waiting for a writer (see :func:`_hang_up`).
    """
    try:
        while True:
            try:
                fd = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
                break
            except OSError as exc:
                if exc.errno != errno.ENXIO:
                    raise
            if engine.done():
                fd = os.open(os.devnull, os.O_WRONLY)
                break
            time.sleep(0.005)
    except BaseException:
        _hang_up(pipe)
        raise
    os.set_blocking(fd, True)
    # a 1 MB pipe instead of 64 KB: at 10 MB the whole check took 17.5 s instead of 31.5 s
    with contextlib.suppress(ImportError, AttributeError, OSError):  # F_SETPIPE_SZ is Linux's
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
    with open(fd, "wb", buffering=1 << 20) as out:
        yield out


def _hang_up(pipe: Path) -> None:
    """Let the reader of the named ``pipe`` go without data.

    A reader already waiting to open the pipe gets a writer that leaves at once (an
    empty stream); one yet to open it finds no pipe.
    """
    with contextlib.suppress(OSError):
        os.close(os.open(pipe, os.O_RDWR | os.O_NONBLOCK))  # Linux lets a FIFO be opened both ways at once
    with contextlib.suppress(OSError):
        pipe.unlink()


def format_report(report: ValidationReport, shown: int = SHOWN) -> str:
    """A readable report: a summary line, counts by message, then the first ``shown`` violations."""
    if report.conforms:
        return f"{report.graph}: conforms to {report.shapes.name} ({report.focus_nodes} typed nodes checked)\n"
    lines = [f"{report.graph}: {len(report.violations)} SHACL violation(s) of {report.shapes.name}", ""]
    for message, n in sorted(Counter(v.message for v in report.violations).items(), key=lambda x: (-x[1], x[0])):
        lines.append(f"{n:>6}  {message}")
    lines.append("")
    for v in report.violations[:shown]:
        who = f"{v.label} <{v.focus}>" if v.label else f"<{v.focus}>"
        detail = ", ".join(x for x in (v.path and f"path {v.path}", v.value and f"value {v.value}") if x)
        lines.append(f"- {who}: {v.message}" + (f" ({detail})" if detail else ""))
    if len(report.violations) > shown:
        lines.append(f"… and {len(report.violations) - shown} more")
    return "\n".join(lines) + "\n"
