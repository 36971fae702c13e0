"""Load a build into a SPARQL 1.1 store through the Graph Store HTTP Protocol.

Each named graph of the file (one per report, plus the background graph
:mod:`kg.rdf` writes to ``graph.trig``) is sent with ``PUT
ENDPOINT?graph=IRI``, which *replaces* that graph on the server: pushing
the same build twice leaves the store as after one push, and pushing a
rebuild replaces each report's triples instead of adding to them.

A report's graph is named by its content hash, so a report that changed
gets a new graph and one removed from the corpus keeps its old one.  Left
on the server, the old graphs would go on answering queries beside the new
ones -- a changed report's targets counted twice.  So, unless told not to
(``prune=False``), :func:`push` first reads the background graph already on
the server (``GET``), whose build lists the reports it used
(``prov:used``); once the reports are sent it deletes (``DELETE``) the
graphs of those reports the pushed build does not have, and then sends the
new background.  Stopped before that, a push leaves the old background,
and the next one still knows what to delete.  Only graphs the server's own
background names are deleted; a store holding no govkg background loses
nothing.

A rebuild after one report changed leaves the other reports' graphs as
they were, so a push sends only the graphs that differ from what the
server holds.  It knows them by a digest of each graph (the SHA-256 of its
triples as N-Triples, in file order), which it keeps on the server in a
graph of its own, ``id/graph/pushed`` (``gk:pushedDigest``): read before
sending, deleted before the first change, and written again, for every
graph the server now holds from kg push, after the last.  A push stopped
midway so leaves no digests, and the next one sends everything.  The
digests only say what kg push sent: a graph changed on the server by other
means needs ``resend`` (``kg push --resend``), which sends every graph.

The file is never held whole (a large JSON-LD file as ``kg build`` writes
it is read in batches, see :mod:`kg.jsonld`).  It is read once to check it,
count each graph's triples and hash them (a broken file sends nothing),
while the server's background and digests are read in a thread beside it.
The runs of the graphs that will be sent are kept from that reading, up to
:data:`KEEP_BYTES` of N-Triples (:class:`_Kept`), so a re-push after a few
reports changed reads the file once; the graphs that did not fit are read
from the file again.  Each request carries a run of at most :data:`CHUNK`
triples.  A graph bigger than that (everything, with ``--graph``) is sent as
a ``PUT`` and then ``POST`` requests, which add to it; the runs of one graph
go one after the other, those of different graphs over several connections.
So the client's memory does not grow with the file: pushing the 10 MB bench
corpus's graph.trig (2,033 graphs, 4M triples) peaked at 67 MB before
anything was kept, where reading the file whole first had taken 1.6 GB.

Works with any store that implements the protocol, for example:

==========  ====================================================
Oxigraph    ``http://HOST:7878/store``
Virtuoso    ``http://HOST:8890/sparql-graph-crud-auth`` (digest auth)
Fuseki      ``http://HOST:3030/DATASET/data``
GraphDB     ``http://HOST:7200/repositories/REPO/rdf-graphs/service``
==========  ====================================================

Requests go through :class:`kg.graphstore.Client`, which retries what may
pass and sends credentials once the server has asked for them.
"""

from __future__ import annotations

import hashlib
import time
import urllib.parse
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from . import jsonld, sideproc
from .errors import EndpointError, InputError
from .graphstore import GRAPH_STORE_HINT, Client

#: Triples a request carries at most: a bigger graph is sent as a PUT, then POSTs that add to it.
CHUNK = 50_000
#: Bytes of N-Triples a push keeps from its first reading of the file, to send without reading it again.
KEEP_BYTES = 32 << 20
_PROV_USED = "http://www.w3.org/ns/prov#used"
#: The predicate of the digests kg push keeps on the server (ontology/govkg.ttl, ``gk:pushedDigest``).
PUSHED_DIGEST = "https://w3id.org/govkg/ontology#pushedDigest"


@dataclass
class PushResult:
    """What was sent: ``(graph IRI, triples)`` in IRI order, the graphs left as they were on the server, the
    graphs deleted, and the retries it took."""

    endpoint: str
    graphs: list[tuple[str, int]] = field(default_factory=list)
    #: the graphs not sent because the server holds them as this file has them (their digests match)
    unchanged: list[str] = field(default_factory=list)
    #: the graphs of reports the server had from an earlier push and this build lacks, deleted
    pruned: list[str] = field(default_factory=list)
    retries: int = 0
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)


def _format(path: Path, graph: str | None):
    """The pyoxigraph format of ``path``, checked against ``graph`` (needed for a file without named graphs)."""
    import pyoxigraph as ox

    try:
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None
    except ValueError:
        fmt = None
    if fmt is None:
        raise InputError(path, "not an RDF file (expected .trig, .nq, .ttl, .nt or .jsonld)")
    if not fmt.supports_datasets and graph is None:
        raise InputError(
            path, "holds no named graphs: push graph.trig (one graph per report) or give --graph IRI"
        )
    if graph is not None:
        _check_iri(graph)
    return fmt


def _targets(path: str | Path, graph: str | None, batched: bool = False) -> Iterator[tuple[str, object]]:
    """``(graph IRI, triple)`` for every statement of ``path``, in file order, as :func:`survey` describes;
    ``batched``, a JSON-LD file read a batch of lines at a time (:func:`kg.jsonld.quads`)."""
    import pyoxigraph as ox

    path = Path(path)
    fmt = _format(path, graph)
    try:
        with path.open("rb") as fh:
            for quad in jsonld.quads(path) if batched else ox.parse(fh, format=fmt):
                if graph is not None:
                    yield graph, quad.triple
                elif isinstance(quad.graph_name, ox.DefaultGraph):
                    raise InputError(path, "has triples outside any named graph: give --graph IRI for them")
                else:
                    yield quad.graph_name.value, quad.triple
    except SyntaxError as exc:
        raise InputError(path, f"is not valid {fmt.name}: {exc}") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None


def survey(
    path: str | Path,
    graph: str | None = None,
    batched: bool = False,
    digests: dict[str, str] | None = None,
    *,
    chunk: int = CHUNK,
    on_run: Callable[[str, bytes, int, bool, object], None] | None = None,
) -> dict[str, int]:
    """How many triples ``path`` holds for each target graph IRI, in IRI order.

    A .trig/.nq file keeps its named graphs; a triples file (.ttl, .nt,
    .jsonld …) needs ``graph``, and ``graph`` given for a dataset file puts
    everything into that one graph.  The whole file is read, and so checked
    (``batched``: see :func:`_targets`).  Given ``digests``, it receives each
    graph's digest: the SHA-256 of its triples in N-Triples, in file order,
    as :func:`push` sends them.  Given ``on_run``, each of :func:`runs`'
    runs (cut after ``chunk`` triples) is handed to it as ``(graph IRI, its
    N-Triples, triples, first, the graph's hash so far)``.
    """
    import pyoxigraph as ox

    counts: dict[str, int] = {}
    hashes: dict = {}  # a sha256 for each graph
    serialise = digests is not None or on_run is not None
    for name, triples, first in runs(path, graph, chunk, batched):  # a digest does not depend on where runs are cut
        counts[name] = counts.get(name, 0) + len(triples)
        if serialise:
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            running = hashes.setdefault(name, hashlib.sha256())
            running.update(body)
            if on_run is not None:
                on_run(name, body, len(triples), first, running)
    if digests is not None:
        digests.update((name, h.hexdigest()) for name, h in sorted(hashes.items()))
    return dict(sorted(counts.items()))


def runs(
    path: str | Path, graph: str | None = None, chunk: int = CHUNK, batched: bool = False
) -> Iterator[tuple[str, list, bool]]:
    """``(graph IRI, triples, first)``: the file's statements in order, cut where the target graph
    changes and after ``chunk`` triples; ``first`` marks the first run of each graph (``batched``: see
    :func:`_targets`)."""
    seen: set[str] = set()
    current, batch = None, []
    for name, triple in _targets(path, graph, batched):
        if name != current or len(batch) >= chunk:
            if batch:
                yield current, batch, current not in seen
                seen.add(current)
            current, batch = name, []
        batch.append(triple)
    if batch:
        yield current, batch, current not in seen


class _Kept:
    """The N-Triples runs of the graphs a push will send, kept from the file's first reading (:func:`survey`'s
    ``on_run``), so that the file need not be read again for them.

    Which graphs will be sent is known once the server's digests are (``known()``: None until then),
    and a graph's digest once its triples end.  So each graph is kept while it is read, and dropped
    when it ends with the digest the server holds.  A graph whose triples lie in more than one place
    in the file (its digest then known only at the end), or that would take the kept runs past
    ``cap`` bytes, is not kept: it is read again.
    """

    def __init__(self, cap: int, known: Callable[[], dict[str, str] | None]) -> None:
        self.cap = cap
        self.runs: dict[str, list[tuple[bytes, int, bool]]] = {}  # graph -> its runs: (N-Triples, triples, first)
        self._not_kept: set[str] = set()
        self._size = 0
        self._known = known
        self._current: str | None = None
        self._hash = None
        self._ended: dict[str, str] = {}  # graph -> its digest, once its triples ended

    def add(self, name: str, body: bytes, n: int, first: bool, running) -> None:
        if name != self._current:
            self._end()
            self._current, self._hash = name, running
            if name in self._ended:  # in two places in the file
                self._drop(name)
        if name in self._not_kept:
            return
        if self._size + len(body) > self.cap:
            self._drop(name)
            return
        self.runs.setdefault(name, []).append((body, n, first))
        self._size += len(body)

    def finish(self, known: dict[str, str]) -> None:
        """End the last graph; drop every graph the server holds as it is (``known``: its digests)."""
        self._end()
        self._forget_unchanged(known)

    def _end(self) -> None:
        if self._current is not None:
            self._ended[self._current] = self._hash.hexdigest()
            self._current = None
            self._forget_unchanged(self._known())

    def _forget_unchanged(self, known: dict[str, str] | None) -> None:
        if known:
            for name in [g for g in self.runs if g in self._ended and known.get(g) == self._ended[g]]:
                self._release(name)

    def _drop(self, name: str) -> None:
        self._not_kept.add(name)
        self._release(name)

    def _release(self, name: str) -> None:
        self._size -= sum(len(body) for body, _, _ in self.runs.pop(name, []))


def _in_batches(path: Path) -> bool:
    """Whether ``path`` is a JSON-LD file to read in batches (:mod:`kg.jsonld`), as the loaders do."""
    try:
        return path.suffix.lower() == ".jsonld" and jsonld.large(path)
    except OSError:
        return False  # survey says what is wrong with it


def _reports_used(client: Client, background: str) -> set[str]:
    """The report graphs the ``background`` graph on the server names as used by its build (none if there is
    no such graph)."""
    import pyoxigraph as ox

    from .rdf import mint

    reports = mint("report", "")

    def used(response: BinaryIO, media: str) -> set[str]:  # read as it arrives, keeping only the reports
        return {
            q.object.value
            for q in ox.parse(response, format=_answer_format(media))
            if q.predicate.value == _PROV_USED
            and isinstance(q.object, ox.NamedNode)
            and q.object.value.startswith(reports)
        }

    try:
        return client.fetch(background, used) or set()
    except EndpointError as exc:
        raise EndpointError(f"{exc}; nothing was sent (--no-prune pushes without reading it)") from None
    except SyntaxError as exc:
        raise EndpointError(f"{client.endpoint}: graph <{background}> came back unreadable ({exc})") from None


def _read_server(
    client: Client, background: str | None, manifest: str | None
) -> tuple[set[str] | EndpointError, dict[str, str] | None]:
    """The reports the server's ``background`` graph names, and the digests its ``manifest`` graph holds (none
    for a graph not asked for).  A background that cannot be read comes back as its error, the digests then
    unread (None); digests that cannot be read raise."""
    try:
        used = _reports_used(client, background) if background is not None else set()
    except EndpointError as exc:
        return exc, None
    return used, _pushed(client, manifest) if manifest is not None else {}


def _answer_format(media: str):
    """The pyoxigraph format of a graph the server sent as ``media`` (its Content-Type); N-Triples if it names none."""
    import pyoxigraph as ox

    return ox.RdfFormat.from_media_type(media.split(";")[0].strip()) or ox.RdfFormat.N_TRIPLES


def _pushed(client: Client, manifest: str) -> dict[str, str]:
    """The digest of each graph as an earlier push sent it, from the server's ``manifest`` graph: none if there
    is no such graph or it came back unreadable, which only means that nothing is skipped."""
    import pyoxigraph as ox

    def digests(response: BinaryIO, media: str) -> dict[str, str]:
        return {
            t.subject.value: t.object.value
            for t in ox.parse(response, format=_answer_format(media))
            if t.predicate.value == PUSHED_DIGEST and isinstance(t.subject, ox.NamedNode)
            and isinstance(t.object, ox.Literal)
        }

    try:
        return client.fetch(manifest, digests) or {}
    except EndpointError as exc:
        raise EndpointError(f"{exc}; nothing was sent (--resend pushes without reading it)") from None
    except SyntaxError:
        return {}


def _manifest_body(digests: dict[str, str]) -> bytes:
    import pyoxigraph as ox

    predicate = ox.NamedNode(PUSHED_DIGEST)
    triples = [ox.Triple(ox.NamedNode(g), predicate, ox.Literal(d)) for g, d in sorted(digests.items())]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def _check_iri(iri: str) -> None:
    parts = urllib.parse.urlsplit(iri)
    if not parts.scheme or any(c.isspace() or c in '<>"{}|\\^`' for c in iri):
        raise EndpointError(f"--graph {iri!r} is not an absolute IRI (e.g. https://example.org/graph/reports)")


def push(
    path: str | Path,
    endpoint: str,
    *,
    graph: str | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 60.0,
    attempts: int = 4,
    backoff: float = 0.5,
    connections: int = 4,
    progress: Callable[[int, int, bool], None] | None = None,
    chunk: int = CHUNK,
    prune: bool = True,
    resend: bool = False,
    replace_corpus: bool = False,
) -> PushResult:
    """Send every graph of ``path`` to the Graph Store at ``endpoint``, then (``prune``) delete the graphs of
    reports an earlier push left that this build lacks; see the module docstring.  A graph the server holds as
    the file has it, by the digests an earlier push left, is not sent again unless ``resend``.

    A build that shares no report with the one the server's background names is taken for another corpus
    (a store shared by a team, say): nothing is sent, rather than all of that corpus deleted, unless
    ``replace_corpus``."""
    import pyoxigraph as ox

    from .rdf import BACKGROUND, mint

    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"--endpoint {endpoint!r} is not an http(s) URL; {GRAPH_STORE_HINT}")
    started = time.perf_counter()
    manifest = mint("graph", "pushed")
    background = str(BACKGROUND)
    _format(Path(path), graph)  # what the file's name and --graph tell, before any request
    client = Client(endpoint, user, password, timeout=timeout, attempts=attempts, backoff=backoff)
    # The server's background (to prune) and its digests (to skip) are read while the file is: the
    # digests say which graphs to keep from this reading, so that it need not be read again for them.
    # The file is still checked first: a broken one sends nothing, whatever the reads found.
    early = sideproc.in_thread(
        _read_server, client, background if prune and graph is None else None, None if resend else manifest
    )

    def known_yet() -> dict[str, str] | None:
        return early.result()[1] if early.done() and early.exception() is None else None

    # a large JSON-LD file as kg build writes it is read in batches: pyoxigraph's parser holds a document whole
    batched = _in_batches(Path(path))
    digests: dict[str, str] = {}
    kept = _Kept(KEEP_BYTES, known_yet)
    try:
        counts = survey(path, graph, batched, digests, chunk=chunk, on_run=kept.add)
    except jsonld.NotBatchable:
        batched = False
        digests.clear()
        kept = _Kept(KEEP_BYTES, known_yet)
        counts = survey(path, graph, digests=digests, chunk=chunk, on_run=kept.add)
    if manifest in counts:
        raise InputError(path, f"holds graph <{manifest}>, which kg push keeps for itself; leave it out")
    # the graph held back and sent last: the background of a build's graph.trig, when pruning
    last = background if prune and graph is None and background in counts else None
    used, known = early.result()
    if isinstance(used, EndpointError):
        if last is not None:
            raise used
        # a file without a background: its refused read does not matter, but the digests were not read
        used, known = set(), {} if resend else _pushed(client, manifest)
    result = PushResult(endpoint)
    stale = sorted(used - set(counts)) if last is not None else []
    if stale and not used & set(counts) and not replace_corpus:
        raise EndpointError(
            f"{endpoint}: the build on the server used {len(used)} report{'s' * (len(used) != 1)}, none of them in "
            "this one: another corpus? nothing was sent (--no-prune pushes beside it, --replace-corpus deletes it)"
        )
    unchanged = {iri for iri, d in digests.items() if known.get(iri) == d}
    kept.finish(known)
    again = {iri for iri in counts if iri not in unchanged and iri not in kept.runs}  # to be read from the file
    changing = bool(stale) or len(unchanged) < len(counts)
    left = dict(counts)  # triples of each graph not yet sent
    hashes: dict = {}  # a sha256 of what was sent of each graph, to check against its digest
    done = 0
    latest: dict[str, Future] = {}  # each graph's last run sent: the next one waits for it
    in_flight: deque[Future] = deque()

    def send(iri: str, run: bytes | list, n: int, first: bool, before: Future | None) -> tuple[str, int]:
        if before is not None:
            before.result()  # its runs arrive in order; if one failed, the push has failed
        body = run if isinstance(run, bytes) else ox.serialize(run, format=ox.RdfFormat.N_TRIPLES)
        hashes.setdefault(iri, hashlib.sha256()).update(body)  # one thread at a time for each graph
        client.send("PUT" if first else "POST", iri, body)
        return iri, n

    def finish(future: Future) -> None:
        nonlocal done
        iri, n = future.result()
        if left.get(iri, 0) < n:  # the second reading found more than the first
            raise InputError(path, "changed while it was being pushed; push it again")
        left[iri] -= n
        if not left[iri]:
            if hashes[iri].hexdigest() != digests[iri]:  # as many triples, but not the same
                raise InputError(path, "changed while it was being pushed; push it again")
            done += 1
            if progress:
                progress(done, len(counts), False)

    def to_send() -> Iterator[tuple[str, bytes | list, int, bool]]:
        """The runs of the graphs to send, in file order: those kept from the first reading, then the rest
        read again."""
        for iri, kept_runs in kept.runs.items():
            for body, n, first in kept_runs:
                yield iri, body, n, first
        if again:
            for iri, triples, first in runs(path, graph, chunk, batched):
                if iri in again:
                    yield iri, triples, len(triples), first

    held: list[tuple[str, bytes | list, int, bool]] = []  # the runs of the graph sent last (the background: small)
    pool = ThreadPoolExecutor(max_workers=max(1, connections))
    try:
        for iri in counts:
            if iri in unchanged:  # the server holds it as the file has it
                done += 1
                if progress:
                    progress(done, len(counts), True)
        if changing:
            # The digests the server holds are of graphs about to change: gone until all is sent. A push
            # stopped before the end leaves none, and the next one sends everything.
            client.delete(manifest)
        for iri, run, n, first in to_send() if changing else ():
            if iri == last:
                held.append((iri, run, n, first))
                continue
            while len(in_flight) >= 2 * max(1, connections):  # the file is read no further ahead than this
                finish(in_flight.popleft())
            future = pool.submit(send, iri, run, n, first, latest.get(iri))
            latest[iri] = future
            in_flight.append(future)
        while in_flight:
            finish(in_flight.popleft())
        # Every report is in place: delete the old ones, then send the background that names the new build's.
        # A push stopped before this leaves the server's old background, so the next one still knows them.
        for iri in stale:
            client.delete(iri)
        for iri, run, n, first in held:
            finish(pool.submit(send, iri, run, n, first, None))
        if changing:
            others = {iri: d for iri, d in known.items() if iri not in counts and iri not in stale}
            client.send("PUT", manifest, _manifest_body(others | digests))
    except BaseException as exc:
        # the first failure ends the push: runs not yet started are not sent
        pool.shutdown(wait=True, cancel_futures=True)
        if isinstance(exc, jsonld.NotBatchable):  # it could be read in batches the first time
            raise InputError(path, "changed while it was being pushed; push it again") from None
        raise
    pool.shutdown()
    result.pruned = stale
    result.graphs = [(iri, n) for iri, n in counts.items() if iri not in unchanged]
    result.unchanged = sorted(unchanged)
    result.retries = client.retries
    result.seconds = time.perf_counter() - started
    return result
