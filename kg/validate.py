"""Check a built graph against ``ontology/shapes.ttl`` with pyshacl-turbo.

pyshacl-turbo is pySHACL's API over a SHACL engine written in Rust.  On the
1 MB bench corpus's graph (374k triples) :func:`validate` took 26 s, 17 s of
them reading the file into rdflib, where it took 187 s with pySHACL; both
report the same results for every violation the tests plant
(``tests/test_validate.py`` runs both).

>>> from kg.validate import validate  # doctest: +SKIP
>>> validate("output/graph.ttl").conforms  # doctest: +SKIP
True
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from .errors import ValidationError
from .vocab import SHAPES_FILE

#: How many violations the readable report lists before summarising the rest.
SHOWN = 50


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
        raise ValidationError(f"{path}: no such file") from None
    except Exception as exc:  # rdflib's parsers raise many kinds
        raise ValidationError(f"{path}: cannot parse the graph ({_one_line(exc)})") from None


def _one_line(exc: Exception, *, named: bool = True) -> str:
    """``exc`` as ``Type: message`` (or the message alone) on one line: rdflib's parse errors span several."""
    return " ".join((f"{exc.__class__.__name__}: {exc}" if named else str(exc)).split())


def _short(term: object, g: Graph) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return repr(str(term)) if term.language is None else f"{str(term)!r}@{term.language}"
    try:
        return g.namespace_manager.normalizeUri(term) if isinstance(term, URIRef) else str(term)
    except Exception:  # noqa: BLE001 - fall back to the full IRI
        return str(term)


def _path(node: object, results: Graph, data: Graph) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return _short(node, data)
    # A sequence path is an RDF list (blank node).
    try:
        return "/".join(_short(p, data) for p in results.items(node))
    except Exception:  # noqa: BLE001
        return str(node)


def validate(graph_path: str | os.PathLike, shapes: str | os.PathLike = SHAPES_FILE) -> ValidationReport:
    """Run the SHACL shapes over the graph at ``graph_path``."""
    data = load_graph(graph_path)
    try:
        shapes_graph = Graph().parse(shapes, format="turtle")
    except Exception as exc:  # rdflib's parsers raise many kinds
        raise ValidationError(f"{shapes}: cannot parse the shapes ({_one_line(exc)})") from None
    conforms, results = _run_shapes(data, shapes_graph, shapes)
    violations = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        label = data.value(focus, RDFS.label) if focus is not None else None
        severity = results.value(r, SH.resultSeverity)
        violations.append(
            Violation(
                message=str(results.value(r, SH.resultMessage) or ""),
                focus=str(focus),
                label="" if label is None else str(label),
                path=_path(results.value(r, SH.resultPath), results, data),
                value=_short(results.value(r, SH.value), data),
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            )
        )
    focus_nodes = len({s for s in data.subjects(RDF.type, None)})
    return ValidationReport(Path(graph_path), Path(shapes), conforms, focus_nodes, sorted(violations))


def _run_shapes(data: Graph, shapes_graph: Graph, shapes: str | os.PathLike) -> tuple[bool, Graph]:
    """``(conforms, results graph)`` of ``shapes_graph`` over ``data``."""
    from pyshacl_turbo import validate as shacl

    try:
        conforms, results, text = shacl(data, shacl_graph=shapes_graph, inference="none", allow_warnings=True)
    except (ValueError, RuntimeError) as exc:  # a shape the engine cannot compile (sh:minCount "x")
        raise ValidationError(f"{shapes}: {_one_line(exc, named=False)}") from None
    if not isinstance(results, Graph):  # how pySHACL's API reports a broken shapes file
        raise ValidationError(f"{shapes}: {str(text).strip()}")
    return bool(conforms), results


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
