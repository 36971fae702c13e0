"""The whole build: read -> parse -> extract -> resolve -> relate -> write.

Each stage is a function of the previous stage's output; this module only
wires them together, so the CLI, the tests and the benchmark share one path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .document import Document
from .extract import extract
from .model import KnowledgeGraph, Mention
from .read import load
from .relations import relate
from .resolve import resolve

SAMPLE = Path(__file__).parent / "data" / "yuncheng-2023-summary.txt"


@dataclass
class Analysis:
    """One document with the mentions found in it."""

    document: Document
    mentions: list[Mention]


@dataclass
class BuildResult:
    graph: KnowledgeGraph
    analyses: list[Analysis]
    outputs: list[Path] = field(default_factory=list)


def analyse(doc: Document) -> Analysis:
    return Analysis(doc, extract(doc))


def build_graph(analyses: list[Analysis]) -> KnowledgeGraph:
    """Resolve mentions of every document into one graph and relate them."""
    graph = resolve(analyses)
    relate(graph, analyses)
    return graph


def build(
    inputs: list[str | os.PathLike] | None = None,
    out_dir: str | os.PathLike = "output",
    *,
    jurisdiction: str | None = None,
    year: int | None = None,
    html: bool = True,
) -> BuildResult:
    """Build the graph of ``inputs`` (default: the bundled sample) into ``out_dir``.

    Writes ``graph.ttl`` (and the other serialisations :mod:`kg.rdf` makes)
    and ``graph.html``; returns the graph and the paths written.
    """
    from . import html as html_out
    from . import rdf

    paths = [Path(p) for p in inputs] if inputs else [SAMPLE]
    analyses = [analyse(load(p, jurisdiction=jurisdiction, year=year)) for p in paths]
    graph = build_graph(analyses)
    out = Path(out_dir)
    outputs = rdf.write(graph, out)
    if html:
        outputs.append(html_out.write(graph, out / "graph.html"))
    return BuildResult(graph, analyses, outputs)
