"""The whole build: read -> parse -> extract -> resolve -> relate -> write.

Each stage is a function of the previous stage's output; this module only
wires them together, so the CLI, the tests and the benchmark share one path.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache
from .document import Document
from .errors import BuildError, InputError
from .extract import extract
from .fsutil import atomic_write
from .model import KnowledgeGraph, Mention
from .parallel import AnalyseStats, ProgressFn, analyse_inputs
from .read import load
from .relations import relate
from .resolve import resolve

SAMPLE = Path(__file__).parent / "data" / "yuncheng-2023-summary.txt"
# Work reports yield about 54 mentions per 1000 characters (the three corpus
# reports: 54.5, 53.9, 56.9); below a tenth of that the input is probably not one.
SPARSE_MENTIONS_PER_1000 = 5.0


@dataclass
class Analysis:
    """One document with the mentions found in it."""

    document: Document
    mentions: list[Mention]


@dataclass
class BuildResult:
    """What a build made, and the inputs it could not read.

    ``failures`` holds one :class:`~kg.errors.InputError` per unreadable input;
    ``warnings`` one line per input in which almost nothing was found.
    """

    graph: KnowledgeGraph
    analyses: list[Analysis]
    outputs: list[Path] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: wall seconds by stage: analyse (read + extract), resolve, rdf, html
    stages: dict[str, float] = field(default_factory=dict)
    #: how many inputs came from the per-document cache
    cached: int = 0


def analyse(doc: Document) -> Analysis:
    return Analysis(doc, extract(doc))


def build_graph(analyses: list[Analysis]) -> KnowledgeGraph:
    """Resolve mentions of every document into one graph and relate them."""
    graph = resolve(analyses)
    relate(graph, analyses)
    return graph


def sparse_warning(analysis: Analysis) -> str | None:
    """A warning when ``analysis`` found almost nothing: probably not a work report."""
    doc = analysis.document
    size = len(doc.text)
    found = len(analysis.mentions)
    if size and 1000 * found / size < SPARSE_MENTIONS_PER_1000:
        return (
            f"{doc.source}: almost nothing found ({found} mentions in {size} characters); "
            "is it a government work report?"
        )
    return None


def build(
    inputs: list[str | os.PathLike] | None = None,
    out_dir: str | os.PathLike = "output",
    *,
    jurisdiction: str | None = None,
    year: int | None = None,
    html: bool = True,
    strict: bool = False,
    jobs: int | None = None,
    cache: bool = True,
    progress: ProgressFn | None = None,
) -> BuildResult:
    """Build the graph of ``inputs`` (default: the bundled sample) into ``out_dir``.

    Inputs that cannot be read are skipped and returned in ``failures``; the
    rest still build.  With ``strict``, any failure raises :class:`BuildError`
    before anything is written, as it does when no input could be read.

    Every output (``graph.ttl`` and the other serialisations :mod:`kg.rdf`
    makes, and ``graph.html``) is rendered in memory first and then written
    through :func:`~kg.fsutil.atomic_write`: a failed build leaves the previous
    outputs untouched, and an interrupted one leaves each file whole.

    ``jobs`` processes read and analyse the inputs (default: one per
    processor).  Each analysis is cached in ``out_dir/.kgcache`` (see
    :mod:`kg.cache`); a rebuild analyses only inputs not in the cache, or
    every input when ``cache`` is false (the cache is then refreshed).
    ``progress(done, total, cached)`` is called after each input.
    """
    paths = [Path(p) for p in inputs] if inputs else [SAMPLE]
    out = Path(out_dir)
    store = Cache(out, reuse=cache)
    stats = AnalyseStats()
    results = analyse_inputs(
        paths, jurisdiction=jurisdiction, year=year, jobs=jobs, cache=store, progress=progress, stats=stats
    )
    analyses: list[Analysis] = [r.analysis for r in results if r.analysis is not None]
    failures: list[InputError] = [r.error for r in results if r.error is not None]
    if failures and strict:
        raise BuildError(failures, f"{len(failures)} of {len(paths)} inputs failed (strict); nothing was written")
    if not analyses:
        raise BuildError(failures, f"none of the {len(paths)} inputs could be read; nothing was written")
    stages = {"analyse": stats.wall}
    clock = time.perf_counter()
    graph = build_graph(analyses)
    stages["resolve"] = time.perf_counter() - clock
    outputs = write_outputs(graph, out, html=html, stages=stages)
    store.prune()
    warnings = [w for a in analyses if (w := sparse_warning(a))]
    return BuildResult(graph, analyses, outputs, failures, warnings, stages=stages, cached=stats.cached)


def write_outputs(
    graph: KnowledgeGraph, out: Path, *, html: bool = True, stages: dict[str, float] | None = None
) -> list[Path]:
    """Render every output, then write each atomically: nothing is written if a renderer fails.

    ``stages`` receives the seconds spent on ``rdf`` and ``html`` (rendering and writing).
    """
    from . import html as html_out
    from . import rdf

    stages = stages if stages is not None else {}
    clock = time.perf_counter()
    texts = rdf.serialise(rdf.quads(graph))  # straight to pyoxigraph: no rdflib store in between
    rendered = [(out / name, texts[name]) for name in rdf.FILES]
    stages["rdf"] = time.perf_counter() - clock
    if html:
        clock = time.perf_counter()
        rendered.append((out / "graph.html", html_out.render(graph)))
        stages["html"] = time.perf_counter() - clock
    clock = time.perf_counter()
    written = [atomic_write(path, data) for path, data in rendered]
    stages["write"] = time.perf_counter() - clock
    return written
