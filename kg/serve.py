"""A read-only SPARQL 1.1 Protocol endpoint over one built graph, for one user.

``kg serve output/graph.trig`` loads the file into an in-memory Oxigraph
store and answers ``GET/POST /sparql`` on 127.0.0.1 (another interface
only when asked with ``--host``), so YASGUI or any SPARQL client can
connect.  Updates are refused (403), ``SERVICE`` (which would make the
server fetch other URLs) is refused (400), and every query runs in a
forked child process that is killed when it passes the time limit (503):
an expensive query cannot wedge the endpoint, and it leaves the loaded
store untouched.

Named graphs are kept; a query without ``GRAPH``/``FROM`` sees their union,
so the same query works on graph.ttl and graph.trig.

The endpoint serves the file as it was when it started.  When the file has
changed since (a rebuild renamed a new one into place), the next query says
so, once, in the log: the answers are the old build's until a restart.
"""

from __future__ import annotations

import os
import re
import select
import signal
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import sideproc
from .errors import EndpointError, InputError

DEFAULT_HOST = "127.0.0.1"
#: One above the Oxigraph server's 7878, so both can run side by side.
DEFAULT_PORT = 7879
#: Seconds a query may run (parse, evaluate and serialise) before it is killed.
DEFAULT_TIMEOUT = 30.0
#: Queries evaluated at once; more wait for a slot.
MAX_CONCURRENT = 4
#: Largest request body accepted (a query, not data: this endpoint takes no data).
MAX_BODY = 1 << 20
PATH = "/sparql"

#: Result media types by kind, the first being the default.
SOLUTION_TYPES = (
    ("application/sparql-results+json", "JSON"),
    ("application/sparql-results+xml", "XML"),
    ("text/csv", "CSV"),
    ("text/tab-separated-values", "TSV"),
    ("application/json", "JSON"),
    ("application/xml", "XML"),  # what some clients ask for SPARQL XML results by
)
GRAPH_TYPES = (
    ("text/turtle", "TURTLE"),
    ("application/n-triples", "N_TRIPLES"),
    ("application/rdf+xml", "RDF_XML"),
    ("application/ld+json", "JSON_LD"),
    ("text/plain", "N_TRIPLES"),
    ("application/xml", "RDF_XML"),
)
#: Strings, IRIs and comments: blanked out before looking for the SERVICE keyword.
_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')
#: The SERVICE keyword itself, not a variable (?service) or a prefixed name (ex:service).
_SERVICE = re.compile(r"(?<![\w?$:-])SERVICE(?![\w:-])", re.IGNORECASE)


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes


def load_store(path: str | os.PathLike):
    """An in-memory Oxigraph store holding the RDF file at ``path`` (any serialisation ``kg build`` writes)."""
    import pyoxigraph as ox

    from .query import load_into

    path = Path(path)
    try:
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    except ValueError:
        fmt = None
    if fmt is None:
        raise InputError(path, "not an RDF file (expected .trig, .ttl, .nt, .nq or .jsonld)")
    store = ox.Store()
    try:
        sideproc.in_thread(load_into, store, path, fmt, bulk=False).result()  # Ctrl-C stops it at once
    except SyntaxError as exc:
        raise InputError(path, f"is not valid {fmt.name}: {exc}") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    return store


def negotiate(accept: str, offers: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    """The offer the client prefers by its ``Accept`` header; the first offer if none fits.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", SOLUTION_TYPES)
    ('application/sparql-results+xml', 'XML')
    """
    best, best_q = offers[0], 0.0
    for rank, part in enumerate(p.strip() for p in (accept or "").split(",")):
        if not part:
            continue
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        for offer in offers:
            if media.lower() in (offer[0], "*/*", offer[0].split("/")[0] + "/*"):
                # exact types beat wildcards at equal q; earlier entries beat later ones
                score = q - (0.001 if "*" in media else 0.0) - rank * 1e-6
                if q > 0 and score > best_q:
                    best, best_q = offer, score
                break
    return best


def mentions_service(query: str) -> bool:
    """True when ``query`` uses SERVICE (outside strings, IRIs and comments).

    >>> mentions_service('SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }')
    True
    >>> mentions_service('SELECT ?service { ?service a "SERVICE" } # SERVICE')
    False
    """
    return bool(_SERVICE.search(_OPAQUE.sub(" ", query)))


class Endpoint:
    """Evaluates queries against ``store`` (in memory, or the path of an on-disk store) under a time
    limit, each in a forked child."""

    def __init__(self, store, *, timeout: float = DEFAULT_TIMEOUT, concurrent: int = MAX_CONCURRENT) -> None:
        self.store = store
        self.timeout = timeout
        self._slots = threading.BoundedSemaphore(concurrent)

    def _opened(self):
        """The store: in memory, or (a path) on disk, opened here -- in the query's own process, as
        RocksDB's handles must not cross a fork."""
        if isinstance(self.store, Path):
            from .store import open_read_only

            return open_read_only(self.store)
        return self.store

    def answer(self, query: str, accept: str = "", default_graphs: list[str] = (), named_graphs: list[str] = ()) -> Answer:
        if mentions_service(query):
            return _text(HTTPStatus.BAD_REQUEST, "SERVICE (federated query) is not allowed on this endpoint")
        deadline = time.monotonic() + self.timeout
        with self._slots:
            if time.monotonic() > deadline:
                return _text(HTTPStatus.SERVICE_UNAVAILABLE, "the endpoint was busy for the whole time limit")
            return self._in_child(query, accept, list(default_graphs), list(named_graphs), deadline)

    def _in_child(self, query: str, accept: str, dg: list[str], ng: list[str], deadline: float) -> Answer:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: evaluate, write the answer, leave without cleanup
            code = 0
            try:
                os.close(read_fd)
                answer = _evaluate(self._opened(), query, accept, dg, ng)
                _write_all(write_fd, b"%d %s\n" % (answer.status, answer.content_type.encode()) + answer.body)
            except BaseException:  # noqa: BLE001 - nothing may escape a forked child
                code = 1
            finally:
                os._exit(code)
        os.close(write_fd)
        chunks: list[bytes] = []
        timed_out = False
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([read_fd], [], [], left)[0]:
                    timed_out = True
                    break
                chunk = os.read(read_fd, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            os.close(read_fd)
            if timed_out:
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        if timed_out:
            return _text(HTTPStatus.SERVICE_UNAVAILABLE, f"query exceeded the time limit of {self.timeout:g} s")
        data = b"".join(chunks)
        head, sep, body = data.partition(b"\n")
        if not sep:
            return _text(HTTPStatus.INTERNAL_SERVER_ERROR, "query evaluation failed")
        status, _, ctype = head.decode().partition(" ")
        return Answer(int(status), ctype, body)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _text(status: int, message: str) -> Answer:
    return Answer(int(status), "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def _evaluate(store, query: str, accept: str, dg: list[str], ng: list[str]) -> Answer:
    import pyoxigraph as ox

    options: dict = {}
    if dg:
        options["default_graph"] = [ox.NamedNode(iri) for iri in dg]
    else:
        options["use_default_graph_as_union"] = True
    if ng:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in ng]
    try:
        result = store.query(query, **options)
        if isinstance(result, ox.QueryTriples):
            media, fmt = negotiate(accept, GRAPH_TYPES)
            body = result.serialize(format=getattr(ox.RdfFormat, fmt))
        else:
            media, fmt = negotiate(accept, SOLUTION_TYPES)
            body = result.serialize(format=getattr(ox.QueryResultsFormat, fmt))
    except (SyntaxError, ValueError) as exc:
        return _text(HTTPStatus.BAD_REQUEST, f"bad query: {exc}")
    except Exception as exc:  # noqa: BLE001 - evaluation errors are the client's to see
        return _text(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {exc}")
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Answer(HTTPStatus.OK, media + charset, body or b"")


class _Handler(BaseHTTPRequestHandler):
    server_version = "govkg-serve"
    protocol_version = "HTTP/1.1"
    endpoint: Endpoint  # set on the subclass made by make_server

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if self.server.log is not None:  # type: ignore[attr-defined]
            self.server.log(f"{self.address_string()} {format % args}")  # type: ignore[attr-defined]

    def _send(self, answer: Answer, head_only: bool = False) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        if answer.status == HTTPStatus.METHOD_NOT_ALLOWED:
            self.send_header("Allow", "GET, POST, OPTIONS")
        self.end_headers()
        if not head_only:
            self.wfile.write(answer.body)

    def do_OPTIONS(self) -> None:  # CORS preflight, for browser clients such as YASGUI
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path.rstrip("/") not in (PATH, ""):
            return self._send(_text(HTTPStatus.NOT_FOUND, f"no such resource; the SPARQL endpoint is {PATH}"))
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return self._send(_READ_ONLY)
        if "query" not in params:
            return self._send(_text(HTTPStatus.OK, f"govkg read-only SPARQL 1.1 endpoint: GET or POST {PATH}?query=…"))
        self._query(params)

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path.rstrip("/") not in (PATH, ""):
            return self._send(_text(HTTPStatus.NOT_FOUND, f"no such resource; the SPARQL endpoint is {PATH}"))
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            return self._send(_text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes"))
        body = self.rfile.read(length)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            return self._send(_READ_ONLY)
        if ctype == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        elif ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                return self._send(_READ_ONLY)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        else:
            return self._send(_text(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "POST a query as application/sparql-query or application/x-www-form-urlencoded (query=…)",
            ))
        if "update" in params:
            return self._send(_READ_ONLY)
        self._query(params)

    def do_PUT(self) -> None:
        self._send(_READ_ONLY)

    do_DELETE = do_PATCH = do_PUT

    def _query(self, params: dict[str, list[str]]) -> None:
        self.server.check_graph()  # type: ignore[attr-defined]
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._send(_text(HTTPStatus.BAD_REQUEST, "give exactly one non-empty query parameter"))
        answer = self.endpoint.answer(
            queries[0],
            self.headers.get("Accept", ""),
            params.get("default-graph-uri", []),
            params.get("named-graph-uri", []),
        )
        self._send(answer)


_READ_ONLY = _text(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL updates and graph writes are refused")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    log: Callable[[str], None] | None = None
    #: the graph file served, and its version (see :func:`_version`) when it was loaded
    graph: Path | None = None
    loaded: dict | None = None
    _stale_told = False
    _stale_lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{PATH}"

    def check_graph(self) -> None:
        """Say once, in the log, that the graph file changed since it was loaded."""
        if self._stale_told or self.graph is None or _version(self.graph) == self.loaded:
            return
        with self._stale_lock:
            if self._stale_told:
                return
            self._stale_told = True
        if self.log is not None:
            self.log(f"{self.graph} has changed since kg serve loaded it: queries still see the build it loaded; "
                     "restart kg serve to serve the new one")


def _version(path: Path) -> dict | None:
    """What tells one version of the file ``path`` from the next, as ``--store`` tells them (None: no file)."""
    from .store import identity

    try:
        return identity(path)
    except OSError:
        return None


def make_server(
    graph: str | os.PathLike,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    log: Callable[[str], None] | None = None,
    store_dir: str | os.PathLike | None = None,
) -> Server:
    """A bound, not yet serving, endpoint over ``graph``; call ``serve_forever()`` on it.

    ``port=0`` picks a free port (see ``.url``).  With ``store_dir`` the graph
    is served from an on-disk store kept there (:mod:`kg.store`), which each
    query's process opens read-only, instead of from memory.
    """
    if timeout <= 0:
        raise EndpointError(f"the query time limit must be positive, not {timeout:g}")
    loaded = _version(Path(graph))  # before loading: a change made while it loads is a change too
    if store_dir is not None:
        from .store import prepare

        store = prepare(Path(graph), Path(store_dir), log=log)
    else:
        store = load_store(graph)
    handler = type("Handler", (_Handler,), {"endpoint": Endpoint(store, timeout=timeout)})
    try:
        server = Server((host, port), handler)
    except OSError as exc:
        raise EndpointError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    server.log = log
    server.graph, server.loaded = Path(graph), loaded
    return server
