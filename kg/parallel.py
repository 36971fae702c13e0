"""Read and analyse many inputs: from the cache where possible, else in a process pool.

:func:`analyse_inputs` is the corpus front half of :func:`kg.pipeline.build`.
Each input is read and analysed by :func:`kg.pipeline.analyse` -- a pure
function of the document -- so the work splits across processes with no
shared state; the parent only merges.  Results come back in input order,
whatever the number of processes, so a build is byte-identical for any
``jobs``.

When each worker will take several inputs, workers are forked from a parent
that has already loaded the gazetteer, the extractors and whatever
dictionaries they load lazily (by analysing the bundled sample once), so each
of those loads happens once, not once per document.  With one input per
worker (a rebuild after one change) they load it themselves, while the parent
loads the cached analyses.  A worker pickles its analysis and stores its
cache entry (the analysis and the RDF part) itself, so the parent only
unpickles the analysis and never handles a part's bytes.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import pickle
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import Cache, entry_key, write_entry
from .errors import InputError, KGError, path_text
from .rdf import FILES, Part, StoredPart, source_path
from .readers import check

if TYPE_CHECKING:
    from .pipeline import Analysis

#: ``progress(done, total, cached)`` is called after each input.
ProgressFn = Callable[[int, int, bool], None]


@dataclass
class InputResult:
    """What became of one input: an analysis, or the error that stopped it."""

    path: Path
    analysis: Analysis | None = None
    error: InputError | None = None
    cached: bool = False
    #: the document's RDF part (:func:`kg.pipeline.analyse_and_render`) when no cache holds it
    part: bytes | None = None
    #: the cache and key that hold the part otherwise
    store: Cache | None = None
    key: str | None = None

    def rdf_part(self) -> Part | StoredPart:
        """The document's RDF part, in memory or in the cache."""
        if self.part is not None:
            return Part.from_bytes(self.part)
        if self.store is None or self.key is None:
            raise KGError(f"{self.path}: no RDF part")
        return StoredPart(self.store.part_path(self.key))


@dataclass
class AnalyseStats:
    """Seconds spent, summed over inputs (in workers, so may exceed wall time)."""

    read: float = 0.0
    extract: float = 0.0
    wall: float = 0.0
    jobs: int = 1
    cached: int = 0


def default_jobs() -> int:
    """The number of processors this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def analyse_inputs(
    paths: Sequence[Path],
    *,
    jurisdiction: str | None = None,
    year: int | None = None,
    jobs: int | None = None,
    cache: Cache | None = None,
    progress: ProgressFn | None = None,
    stats: AnalyseStats | None = None,
    files: Sequence[str] = FILES,
    feed: PartFeed | None = None,
) -> list[InputResult]:
    """One :class:`InputResult` per path, in the order given.

    ``jobs`` processes analyse the inputs the cache does not hold (default:
    one per available processor; 1 analyses in this process).  An input
    that cannot be read gives a result with ``error`` set; any other
    exception propagates.  Each RDF part holds the sections of ``files``
    (:data:`kg.rdf.FILES`) only.

    Inputs are loaded from the cache, and handed to the workers, in the order
    of their reports' ids (the order of the merged files), and ``feed`` is told
    of each result as soon as it is final: it can pass the stored parts on
    while the rest are still loading.
    """
    stats = stats if stats is not None else AnalyseStats()
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise KGError(f"jobs must be at least 1, not {jobs}")
    started = time.perf_counter()
    results = [InputResult(Path(p)) for p in paths]
    total, done = len(results), 0
    files = tuple(files)
    hashed = [_key(r.path, jurisdiction, year, files) if cache is not None else (None, None) for r in results]
    keys = [key for key, _ in hashed]
    # by report id (a report's is the start of its bytes' SHA-256), then as named; unreadable inputs last
    order = sorted(range(total), key=lambda i: (hashed[i][1] is None, hashed[i][1] or "", i))
    if feed is not None:
        feed.plan(results, [(hashed[i][1][:16], i) for i in order if hashed[i][1] is not None])
    # Inputs with no entry go to the workers first, so that they run while this process
    # loads the entries (a rebuild after one change: one worker analyses while the parent unpickles).
    todo = [(i, keys[i]) for i in order if keys[i] is None or not cache.has(keys[i])]
    late: list[tuple[int, str | None]] = []  # entries that turned out unreadable
    root = str(cache.root) if cache is not None else None

    def task(i: int, key: str | None) -> Task:
        return (str(results[i].path), jurisdiction, year, root if key else None, key, hashed[i][1], files)

    stats.jobs = min(jobs, len(todo)) or 1
    # with jobs > 1 even a single input goes to a worker, to overlap with loading the entries
    with _outcomes([task(i, key) for i, key in todo], stats.jobs, forked=jobs > 1) as outcomes:
        missing = {i for i, _ in todo}
        for i in order:
            if i in missing:
                continue
            result, key = results[i], keys[i]
            hit = cache.get(key)
            if hit is None:
                late.append((i, key))
                continue
            hit.document.source = path_text(result.path)  # where it is now (see _key)
            result.analysis, result.cached, result.store, result.key = hit, True, cache, key
            stats.cached += 1
            done += 1
            if feed is not None:
                feed.settled(i)
            if progress:
                progress(done, total, True)
        if todo and jobs > 1:
            # the workers are still busy: load here what merging the analyses needs next
            from .gazetteer import Gazetteer

            Gazetteer.load()
        for item, outcome in zip(todo, outcomes, strict=True):
            done += 1
            _take(results[item[0]], item[1], outcome, cache, stats)
            if feed is not None:
                feed.settled(item[0])
            if progress:
                progress(done, total, False)
    for i, key in late:
        done += 1
        _take(results[i], key, _analyse_one(task(i, key)), cache, stats)
        if feed is not None:
            feed.settled(i)
        if progress:
            progress(done, total, False)
    stats.wall = time.perf_counter() - started
    return results


class PartFeed:
    """Gives ``add(path)`` the stored RDF part of each report in the order of the merged files, as soon as the
    results before it are final (a :class:`kg.partcopy.Helper` copies them meanwhile).

    The order is planned from the inputs' hashes (:meth:`plan`); the feed
    stops at the first report that turns out otherwise -- unreadable, or its
    part not stored (its text is not the bytes that were hashed).  ``sent``
    lists the parts given: the build checks them against the parts it writes.
    """

    def __init__(self, add: Callable[[str], None]) -> None:
        self.add = add
        self.sent: list[str] = []
        self._results: list[InputResult] = []
        self._order: list[int] = []
        self._settled: set[int] = set()
        self._stopped = False

    def plan(self, results: list[InputResult], planned: list[tuple[str, int]]) -> None:
        """``results[i]`` for ``(report, i)`` in ``planned`` (by report id, then ``i``) will be the reports'
        results; a report named twice is built from its first."""
        self._results = results
        seen: set[str] = set()
        for report, i in planned:
            if report not in seen:
                seen.add(report)
                self._order.append(i)

    def settled(self, i: int) -> None:
        """``results[i]`` is final: give the parts now due."""
        self._settled.add(i)
        at, order = len(self.sent), self._order
        while not self._stopped and at < len(order) and order[at] in self._settled:
            r = self._results[order[at]]
            if r.analysis is None or r.part is not None or r.store is None or r.key is None:
                self._stopped = True
                break
            path = str(r.store.part_path(r.key))
            self.add(path)
            self.sent.append(path)
            at += 1


def _take(result: InputResult, key: str | None, outcome: Outcome, cache: Cache | None, stats: AnalyseStats) -> None:
    """Fill ``result`` from a worker's ``outcome``."""
    payload, t_read, t_extract = outcome
    stats.read += t_read
    stats.extract += t_extract
    if isinstance(payload, InputError):
        result.error = payload
        return
    analysis, part = payload
    result.analysis = pickle.loads(analysis)
    if part is None:  # the worker stored the entry
        cache.stored(key)
        result.store, result.key = cache, key
    else:
        result.part = part


def _key(
    path: Path, jurisdiction: str | None, year: int | None, files: tuple[str, ...]
) -> tuple[str, str] | tuple[None, None]:
    """The cache key of ``path`` as it is now, and the SHA-256 of its bytes (hex); Nones if it cannot be read,
    or if the reader would refuse it unread (:func:`kg.readers.check`)."""
    try:
        check(path)
        raw = path.read_bytes()
    except (OSError, InputError):
        return None, None  # the reader reports the problem with its own message
    # the path as the graph records it: an absolute path by its file name, so that a corpus moved elsewhere
    # keeps its entries
    content = hashlib.sha256(raw)
    source = source_path(path_text(path))
    key = entry_key(raw, source, jurisdiction=jurisdiction, year=year, files=files, digest=content.digest())
    return key, content.hexdigest()


#: (path, jurisdiction, year, cache directory, entry key, SHA-256 of the bytes the key was made from, RDF
#: files); no cache when the cache directory, key and hash are None
Task = tuple[str, str | None, int | None, str | None, str | None, str | None, tuple[str, ...]]
Outcome = tuple[tuple[bytes, bytes | None] | InputError, float, float]


def _analyse_one(task: Task) -> Outcome:
    """Read, analyse and render one input: the analysis comes back pickled.

    With a cache, the worker stores the entry (analysis and RDF part) itself
    and the part does not come back (None): the parent never handles a
    part's bytes.  Without one, the part comes back with the analysis -- as
    it does when the file's bytes are no longer those its key was made from
    (rewritten since the parent read it): an entry stored under that key
    would serve this text for the old one.
    """
    from .pipeline import analyse_and_render
    from .read import load

    path, jurisdiction, year, root, key, sha256, files = task
    t0 = time.perf_counter()
    try:
        doc = load(path, jurisdiction=jurisdiction, year=year)
    except InputError as exc:
        return exc, time.perf_counter() - t0, 0.0
    t1 = time.perf_counter()
    analysis, part = analyse_and_render(doc, files)
    pickled = pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL)
    if root is not None and key is not None and doc.sha256 == sha256:
        write_entry(root, key, pickled, part)
        return (pickled, None), t1 - t0, time.perf_counter() - t1
    return (pickled, part), t1 - t0, time.perf_counter() - t1


@contextmanager
def _outcomes(tasks: list[Task], jobs: int, *, forked: bool) -> Iterator[Iterator[Outcome]]:
    """Outcomes of ``tasks`` in order: ``jobs`` forked workers start on them at once, or (not
    ``forked``, or no ``fork`` on this system) this process analyses them as they are asked for."""
    if not forked or not tasks or "fork" not in multiprocessing.get_all_start_methods():
        yield (_analyse_one(task) for task in tasks)
        return
    if len(tasks) > jobs:
        # several inputs per worker: load the gazetteer and dictionaries once, before forking.
        # With one input per worker each loads them itself, while this process does other work.
        warm_up()
    # several inputs per message amortise the pipe; small enough that workers stay balanced
    chunk = max(1, min(16, len(tasks) // (jobs * 8)))
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_started) as pool:
        yield pool.imap(_analyse_one, tasks, chunksize=chunk)


def _worker_started() -> None:
    """In a forked worker: collect cycles again (a build pauses the collector in its parent), but never
    walk what the worker inherited -- that would copy each inherited page the walk touches.

    A terminal's Ctrl-C goes to every process of the build: the workers leave it to
    the parent, which stops them, instead of each printing a KeyboardInterrupt traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
    gc.enable()


def warm_up() -> None:
    """Load, in this process, everything an analysis loads lazily (gazetteer, extractors, dictionaries).

    Forked workers then share it instead of each loading it again.
    """
    from .pipeline import SAMPLE, analyse
    from .read import load

    analyse(load(SAMPLE))
