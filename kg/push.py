"""Load a build into a SPARQL 1.1 store through the Graph Store HTTP Protocol.

Each named graph of the file (one per report, plus the background graph
:mod:`kg.rdf` writes to ``graph.trig``) is sent with ``PUT
ENDPOINT?graph=IRI``, which *replaces* that graph on the server: pushing
the same build twice leaves the store as after one push, and pushing a
rebuild replaces each report's triples instead of adding to them.

Works with any store that implements the protocol, for example:

==========  ====================================================
Oxigraph    ``http://HOST:7878/store``
Virtuoso    ``http://HOST:8890/sparql-graph-crud-auth`` (digest auth)
Fuseki      ``http://HOST:3030/DATASET/data``
GraphDB     ``http://HOST:7200/repositories/REPO/rdf-graphs/service``
==========  ====================================================

Requests that fail for reasons that may pass (no connection, a timeout,
HTTP 408/429/5xx) are retried with exponential back-off; PUT is idempotent,
so a retry after a lost answer is harmless.  A refusal (401/403) or any
other 4xx stops at once with the server's own words.
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EndpointError, InputError

#: Media type of the bodies sent: N-Triples is what every store reads.
BODY_TYPE = "application/n-triples"
#: HTTP statuses worth another attempt.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
#: Statuses that mean the credentials are missing or not good enough.
REFUSED_STATUSES = frozenset({401, 403})
GRAPH_STORE_HINT = (
    "point --endpoint at the store's Graph Store URL "
    "(Oxigraph …/store, Virtuoso …/sparql-graph-crud-auth, Fuseki …/DATASET/data, "
    "GraphDB …/repositories/REPO/rdf-graphs/service)"
)


@dataclass
class PushResult:
    """What was sent: ``(graph IRI, triples)`` in IRI order, and the retries it took."""

    endpoint: str
    graphs: list[tuple[str, int]] = field(default_factory=list)
    retries: int = 0
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)


def graphs_of(path: str | Path, graph: str | None = None) -> dict[str, list]:
    """The triples of ``path`` by target graph IRI, in IRI order.

    A .trig/.nq file keeps its named graphs; a triples file (.ttl, .nt,
    .jsonld …) needs ``graph``, and ``graph`` given for a dataset file puts
    everything into that one graph.
    """
    import pyoxigraph as ox

    path = Path(path)
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
    out: dict[str, list] = {}
    try:
        with path.open("rb") as fh:
            for quad in ox.parse(fh, format=fmt):
                if graph is not None:
                    name = graph
                elif isinstance(quad.graph_name, ox.DefaultGraph):
                    raise InputError(path, "has triples outside any named graph: give --graph IRI for them")
                else:
                    name = quad.graph_name.value
                out.setdefault(name, []).append(quad.triple)
    except SyntaxError as exc:
        raise InputError(path, f"is not valid {fmt.name}: {exc}") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    return dict(sorted(out.items()))


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
) -> PushResult:
    """PUT every graph of ``path`` to the Graph Store at ``endpoint``; see the module docstring."""
    import pyoxigraph as ox

    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"--endpoint {endpoint!r} is not an http(s) URL; {GRAPH_STORE_HINT}")
    started = time.perf_counter()
    graphs = graphs_of(path, graph)
    client = _Client(endpoint, user, password, timeout=timeout, attempts=attempts, backoff=backoff)
    result = PushResult(endpoint)
    total, done = len(graphs), 0

    def send(item: tuple[str, list]) -> tuple[str, int]:
        iri, triples = item
        client.put(iri, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
        return iri, len(triples)

    pool = ThreadPoolExecutor(max_workers=max(1, connections))
    try:
        for iri, n in pool.map(send, graphs.items()):
            result.graphs.append((iri, n))
            done += 1
            if progress:
                progress(done, total, False)
    except BaseException:
        # the first failure ends the push: graphs not yet started are not sent
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    result.retries = client.retries
    result.seconds = time.perf_counter() - started
    return result


class _Client:
    """PUTs with retries; one urllib opener (and so one digest-auth state) per thread."""

    def __init__(self, endpoint: str, user: str | None, password: str | None, *, timeout: float,
                 attempts: int, backoff: float) -> None:
        self.endpoint = endpoint
        self.user, self.password = user, password
        self.timeout, self.attempts, self.backoff = timeout, max(1, attempts), backoff
        self.retries = 0
        self._local = threading.local()
        self._lock = threading.Lock()

    def _opener(self) -> urllib.request.OpenerDirector:
        opener = getattr(self._local, "opener", None)
        if opener is None:
            handlers: list[urllib.request.BaseHandler] = []
            if self.user is not None:
                passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
                passwords.add_password(None, self.endpoint, self.user, self.password or "")
                handlers += [urllib.request.HTTPDigestAuthHandler(passwords),
                             urllib.request.HTTPBasicAuthHandler(passwords)]
            opener = self._local.opener = urllib.request.build_opener(*handlers)
        return opener

    def url(self, iri: str) -> str:
        sep = "&" if urllib.parse.urlsplit(self.endpoint).query else "?"
        return f"{self.endpoint}{sep}graph={urllib.parse.quote(iri, safe='')}"

    def put(self, iri: str, body: bytes) -> None:
        url = self.url(iri)
        for attempt in range(1, self.attempts + 1):
            request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": BODY_TYPE})
            try:
                with self._opener().open(request, timeout=self.timeout) as response:
                    response.read()
                return
            except urllib.error.HTTPError as exc:
                detail = _server_words(exc)
                if exc.code in REFUSED_STATUSES:
                    who = "without credentials (give --user/--password)" if self.user is None else f"as {self.user!r}"
                    raise EndpointError(
                        f"{self.endpoint}: refused to write graph <{iri}> {who}: HTTP {exc.code} {exc.reason}{detail}"
                    ) from None
                if exc.code not in RETRY_STATUSES:
                    hint = f"; {GRAPH_STORE_HINT}" if exc.code in (404, 405) else ""
                    raise EndpointError(
                        f"{self.endpoint}: graph <{iri}> rejected: HTTP {exc.code} {exc.reason}{detail}{hint}"
                    ) from None
                problem = f"HTTP {exc.code} {exc.reason}{detail}"
            except (TimeoutError, socket.timeout):
                problem = f"no answer within {self.timeout:g} s"
            except urllib.error.URLError as exc:
                reason = exc.reason
                if isinstance(reason, TimeoutError | socket.timeout):
                    problem = f"no answer within {self.timeout:g} s"
                else:
                    problem = f"cannot connect ({getattr(reason, 'strerror', None) or reason})"
            except (ConnectionError, OSError) as exc:
                problem = f"connection failed ({exc.strerror or exc})"
            if attempt == self.attempts:
                raise EndpointError(
                    f"{self.endpoint}: could not write graph <{iri}>: {problem} "
                    f"(gave up after {self.attempts} attempt{'s' * (self.attempts != 1)})"
                )
            with self._lock:
                self.retries += 1
            time.sleep(self.backoff * 2 ** (attempt - 1))


def _server_words(exc: urllib.error.HTTPError) -> str:
    """The first line of an error body, short, for the one-line message."""
    try:
        text = exc.read(2000).decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - the status alone is still a good message
        return ""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return f" ({line[:200]})" if line else ""
