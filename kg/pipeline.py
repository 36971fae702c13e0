"""The whole build: read -> parse -> extract -> resolve -> relate -> write.

Each stage is a function of the previous stage's output; this module only
wires them together, so the CLI, the tests and the benchmark share one path.
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from . import partcopy, rdf, sideproc
from .cache import Cache
from .document import Document
from .errors import BuildError, InputError, KGError, path_text
from .extract import extract
from .fsutil import Staging, locked_dir
from .html.data import DocPage, doc_page
from .model import KnowledgeGraph, Mention, Relation
from .parallel import AnalyseStats, PartFeed, ProgressFn, analyse_inputs
from .read import expand_inputs, load
from .relations import doc_relations, merge
from .relations.located_in import relate_hierarchy
from .resolve import resolve

SAMPLE = Path(__file__).parent / "data" / "yuncheng-2023-summary.txt"
# Work reports yield about 54 mentions per 1000 characters (the three corpus
# reports: 54.5, 53.9, 56.9); below a tenth of that the input is probably not one.
SPARSE_MENTIONS_PER_1000 = 5.0
#: From this many reports on, a helper process copies their RDF parts (see :func:`write_outputs`),
#: and :data:`SPARES` processes wait for the page's layout and for deleting the old outputs.
HELPER_PARTS = 16
SPARES = 2


@dataclass
class Analysis:
    """One document with the mentions found in it and, once related, the relations it states."""

    document: Document
    mentions: list[Mention]
    #: None until :func:`analyse` (or :func:`build_graph`) has related the document
    relations: list[Relation] | None = None
    #: the document's share of the graph page (:func:`kg.html.doc_page`), once :func:`analyse_and_render`
    #: has made it; the page makes the others
    page: DocPage | None = None


@dataclass
class BuildResult:
    """What a build made, and the inputs it could not read.

    ``failures`` holds one :class:`~kg.errors.InputError` per unreadable input;
    ``warnings`` one line per input in which almost nothing was found or
    whose text repeats an earlier input's.
    """

    graph: KnowledgeGraph
    analyses: list[Analysis]
    outputs: list[Path] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: wall seconds by stage: analyse (read, extract, relate and render each input),
    #: resolve (merge), rdf (assemble the files), html, write (flush and rename)
    stages: dict[str, float] = field(default_factory=dict)
    #: how many inputs came from the per-document cache
    cached: int = 0


def analyse(doc: Document) -> Analysis:
    """Extract ``doc``'s mentions and the relations it states: all a build needs of one document."""
    return _analysed(doc)[0]


def analyse_and_render(doc: Document, files: Collection[str] = rdf.FILES) -> tuple[Analysis, bytes]:
    """:func:`analyse` ``doc`` with its share of the page (``page``), and render its share of the RDF ``files``
    (:func:`kg.rdf.report_part`) as bytes: what a build's worker does with each document."""
    analysis, local = _analysed(doc)
    analysis.page = doc_page(doc, ((k, local.entities[k].mentions) for k in sorted(local.entities)), analysis.relations)
    return analysis, rdf.report_part(doc, local.entities, analysis.relations, files).to_bytes()


def _analysed(doc: Document) -> tuple[Analysis, KnowledgeGraph]:
    """The analysis of ``doc`` and the graph of its own entities (its relations are found against it)."""
    analysis = Analysis(doc, extract(doc))
    local = resolve([analysis])
    analysis.relations = doc_relations(local, analysis)
    return analysis, local


def build_graph(analyses: list[Analysis]) -> KnowledgeGraph:
    """Resolve mentions of every document into one graph and add each document's relations.

    Relations an :class:`Analysis` already holds (found by :func:`analyse`,
    perhaps in a worker) are merged as they are; the others are found here.
    """
    graph = resolve(analyses)
    relate_hierarchy(graph)
    for analysis in analyses:
        found = analysis.relations if analysis.relations is not None else doc_relations(graph, analysis)
        merge(graph, found)
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
    formats: Iterable[str] = rdf.FORMAT_NAMES,
    waiting: Callable[[], None] | None = None,
) -> BuildResult:
    """Build the graph of ``inputs`` (default: the bundled sample) into ``out_dir``.

    Inputs that cannot be read are skipped and returned in ``failures``; the
    rest still build.  With ``strict``, any failure raises :class:`BuildError`
    before anything is written, as it does when no input could be read.

    Every output (``graph.ttl`` and the other serialisations :mod:`kg.rdf`
    makes, and ``graph.html``) is written to a temporary file beside it, and
    all are renamed into place once every one is complete (:func:`write_outputs`):
    a failed build leaves the previous outputs untouched, and an interrupted one
    leaves each file whole.

    An input that is a directory stands for the report files below it
    (:func:`kg.read.expand_inputs`; ``out_dir`` and hidden names are skipped).

    ``jobs`` processes read and analyse the inputs (default: one per
    processor).  Each analysis is cached in ``out_dir/.kgcache`` (see
    :mod:`kg.cache`); a rebuild analyses only inputs not in the cache, or
    every input when ``cache`` is false (the cache is then refreshed).
    ``progress(done, total, cached)`` is called after each input.

    ``formats`` names the RDF files to write (:data:`kg.rdf.FORMAT_NAMES`:
    ``ttl``, ``trig``, ``nt``, ``jsonld``); the others are neither rendered
    nor kept -- an old one in ``out_dir`` is deleted with the commit, so
    that no file there is from another build.

    Builds into one ``out_dir`` run one at a time (:func:`kg.fsutil.locked_dir`):
    one that finds another under way calls ``waiting()`` and waits for it.
    """
    wanted = rdf.files_of(formats)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise KGError(f"{path_text(out)}: is a file, not a directory: the outputs go into a directory of their own")
    paths, unlisted = expand_inputs(inputs, exclude=out) if inputs else ([SAMPLE], [])
    with locked_dir(out, waiting):
        named = len(paths) + len(unlisted)
        store = Cache(out, reuse=cache)
        stats = AnalyseStats()
        helped = partcopy.AVAILABLE and len(paths) >= HELPER_PARTS
        # the helper and the spare processes are started now, while this process is small: see
        # partcopy.Helper and kg.sideproc
        with cycle_collector_paused(), Staging() as staging, sideproc.spares(SPARES if helped else 0):
            files = {name: staging.open(out / name) for name in wanted}
            for name in set(rdf.FILES) - set(wanted):
                staging.discard(out / name)
            sections = [files.get(name) for name in rdf.FILES]  # None: a file not wanted
            with partcopy.Helper(sections) if helped else contextlib.nullcontext() as helper:
                assembly = rdf.Assembly(files)
                feed = None
                if helper is not None:  # the parts are copied from the start, as the cache gives them
                    helper.start(assembly.appender)
                    feed = PartFeed(helper.add)
                results = analyse_inputs(
                    paths,
                    jurisdiction=jurisdiction,
                    year=year,
                    jobs=jobs,
                    cache=store,
                    progress=progress,
                    stats=stats,
                    files=wanted,
                    feed=feed,
                )
                failures: list[InputError] = unlisted + [r.error for r in results if r.error is not None]
                if failures and strict:
                    raise BuildError(
                        failures, f"{len(failures)} of {named} inputs failed (strict); nothing was written"
                    )
                kept, warnings = _distinct(r for r in results if r.analysis is not None)
                if not kept:
                    raise BuildError(failures, f"none of the {named} inputs could be read; nothing was written")
                analyses = [r.analysis for r in kept]
                stages = {"analyse": stats.wall}
                # merged and written by report id, not in the order the inputs were named: the graph
                # must not depend on how a shell or `find` listed the files
                by_id = sorted(kept, key=lambda r: r.analysis.document.id)
                parts = [r.rdf_part() for r in by_id]
                analyses_by_id = [r.analysis for r in by_id]
                pages = {a.document.id: a.page for a in analyses_by_id if a.page is not None}
                graph = write_outputs(
                    staging, out, assembly, parts, lambda: build_graph(analyses_by_id), html=html, stages=stages,
                    helper=helper, feed=feed, pages=pages,
                )
            clock = time.perf_counter()
            outputs = staging.commit()
            stages["write"] = time.perf_counter() - clock
        store.prune()
        warnings += [w for a in analyses if (w := sparse_warning(a))]
        return BuildResult(graph, analyses, outputs, failures, warnings, stages=stages, cached=stats.cached)


@contextlib.contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Run the block without Python's cycle collector; restore its state after.

    A build's parent makes millions of objects that live until it ends: the
    cached analyses, the merged graph, the page.  Each full collection walks
    all of them, and the collector runs one every time the live objects grow
    by a quarter -- at 10 MB, loading 2,031 cached analyses took 3.3 s with
    it and 1.3 s without.  What a build throws away is freed by reference
    counting (it makes no cyclic garbage to speak of); anything left over is
    collected once the collector runs again.  Forked workers turn it back on
    (see :mod:`kg.parallel`).

    Whatever the block made and kept is then still in the youngest generation,
    so the first allocation after ``gc.enable()`` would walk all of it (0.7 s
    after a 10 MB rebuild).  It is handed to the oldest generation instead --
    ``gc.freeze()`` then ``gc.unfreeze()`` moves every tracked object there in
    constant time -- unless the caller has frozen objects of its own, which
    must stay frozen.
    """
    enabled = gc.isenabled()
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not frozen:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _distinct(results) -> tuple[list, list[str]]:
    """The results with a document not seen before (by content), and a warning for each repeat."""
    seen: dict[str, Path] = {}
    kept, warnings = [], []
    for r in results:
        first = seen.setdefault(r.analysis.document.id, r.path)
        if first is r.path:
            kept.append(r)
        else:
            warnings.append(f"{path_text(r.path)}: same text as {path_text(first)}; built once")
    return kept, warnings


def write_outputs(
    staging: Staging,
    out: Path,
    assembly: rdf.Assembly,
    parts: list[rdf.Part | rdf.StoredPart],
    make_graph: Callable[[], KnowledgeGraph],
    *,
    html: bool = True,
    stages: dict[str, float] | None = None,
    helper: partcopy.Helper | None = None,
    feed: PartFeed | None = None,
    pages: dict[str, DocPage] | None = None,
) -> KnowledgeGraph:
    """Resolve the graph (``make_graph()``) and write every output of ``out`` into ``staging``, not yet committed.

    ``assembly`` holds the RDF files of :data:`kg.rdf.FILES` this build writes
    (all or some), opened in ``staging`` with their headers written; ``parts``
    are the reports' RDF parts (:func:`analyse_and_render`), by report id.
    ``helper``, started on the assembly's files, copies the stored ones while
    this process resolves the graph and renders the page: those ``feed`` has
    given it already (checked against ``parts``), then the rest up to the first
    part held in memory; this process adds the others.  ``stages`` receives the
    seconds spent on ``resolve``, ``html`` and ``rdf`` (the background graph,
    and the parts or the wait for the helper).  ``pages`` are the documents'
    shares of the page already made.
    """
    from . import html as html_out

    stages = stages if stages is not None else {}
    done, rewind = 0, False  # the parts the helper adds, and whether what it was given must be undone
    if helper is not None:
        sent = feed.sent if feed is not None else []
        done = len(sent)
        rewind = [str(p.path) for p in parts[:done] if isinstance(p, rdf.StoredPart)] != sent
        if rewind:  # the plan went wrong: every part is added here
            done = 0
        else:
            while done < len(parts) and isinstance(parts[done], rdf.StoredPart):
                helper.add(parts[done].path)
                done += 1
        helper.finish()
    clock = time.perf_counter()
    graph = make_graph()
    stages["resolve"] = time.perf_counter() - clock
    clock = time.perf_counter()
    # the page is begun first: its layout (most of a second at corpus size, in a process of its own)
    # runs while the background graph is rendered
    with html_out.Page(graph, pages) if html else contextlib.nullcontext() as page:
        begun = time.perf_counter() - clock
        clock = time.perf_counter()
        # before waiting: the helper may still be copying
        background = rdf.render_background(graph, assembly.files)
        rendered = time.perf_counter() - clock
        if page is not None:
            clock = time.perf_counter()
            staging.open(out / "graph.html").write(page.render_bytes())
            stages["html"] = begun + time.perf_counter() - clock
    clock = time.perf_counter()
    if helper is not None:
        assembly.added_by(helper)
        if rewind:
            assembly.rewind()
    for part in parts[done:]:
        assembly.add(part)
    assembly.add(background)
    assembly.close()
    stages["rdf"] = rendered + time.perf_counter() - clock
    return graph
