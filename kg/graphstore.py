"""A client of the SPARQL 1.1 Graph Store HTTP Protocol: ``PUT``, ``POST``, ``GET`` and ``DELETE`` on a graph.

Requests that fail for reasons that may pass (no connection, a timeout,
HTTP 408/429/5xx) are retried with exponential back-off; PUT is idempotent,
and a POST sent again adds triples the graph (a set) already holds, so a
retry after a lost answer is harmless.  A refusal (401/403) or any
other 4xx stops at once with the server's own words.  Credentials (Basic or
Digest) go with each request once the server has asked for them, so each body
is sent once (:mod:`kg.httpauth`).
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import BinaryIO, TypeVar

from . import httpauth
from .errors import EndpointError

T = TypeVar("T")

#: Media type of the bodies sent: N-Triples is what every store reads.
BODY_TYPE = "application/n-triples"
#: HTTP statuses worth another attempt.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
#: Statuses that mean the credentials are missing or not good enough.
REFUSED_STATUSES = frozenset({401, 403})
#: Times a request is sent for one answer, signing it afresh each time a server asks for credentials or
#: calls a Digest nonce stale.
AUTH_ROUNDS = 3
#: What a graph is asked for in: N-Triples, else what the server has (pyoxigraph reads the usual ones).
ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
GRAPH_STORE_HINT = (
    "point --endpoint at the store's Graph Store URL "
    "(Oxigraph …/store, Virtuoso …/sparql-graph-crud-auth, Fuseki …/DATASET/data, "
    "GraphDB …/repositories/REPO/rdf-graphs/service)"
)


class Client:
    """Requests with retries; credentials sent up front once the server has asked (:mod:`kg.httpauth`).

    Each thread has its own connection handler and its own answer to the server's challenge (a Digest
    nonce's count rises request by request).
    """

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
            opener = self._local.opener = urllib.request.build_opener()
        return opener

    def url(self, iri: str) -> str:
        sep = "&" if urllib.parse.urlsplit(self.endpoint).query else "?"
        return f"{self.endpoint}{sep}graph={urllib.parse.quote(iri, safe='')}"

    def send(self, method: str, iri: str, body: bytes) -> None:
        """``PUT`` (replace) or ``POST`` (add to) graph ``iri`` with the N-Triples ``body``, retrying."""
        self._request(method, iri, body, {"Content-Type": BODY_TYPE})

    def fetch(self, iri: str, read: Callable[[BinaryIO, str], T]) -> T | None:
        """``read(answer, its media type)`` on graph ``iri`` as the server sends it; None if it has no such graph."""
        return self._request("GET", iri, None, {"Accept": ACCEPT}, read=read, absent_ok=True)

    def delete(self, iri: str) -> None:
        """Delete graph ``iri`` (one already gone is no error)."""
        self._request("DELETE", iri, None, {}, absent_ok=True)

    def _request(
        self,
        method: str,
        iri: str,
        body: bytes | None,
        headers: dict[str, str],
        *,
        read: Callable[[BinaryIO, str], T] | None = None,
        absent_ok: bool = False,
    ) -> T | None:
        """``method`` on graph ``iri``, retrying what may pass: ``read(answer, its media type)``, if given; with
        ``absent_ok``, None for a 404."""
        url = self.url(iri)
        verb = "read" if method == "GET" else "write"
        for attempt in range(1, self.attempts + 1):
            try:
                return self._signed(method, url, body, headers, read)
            except urllib.error.HTTPError as exc:
                if exc.code == 404 and absent_ok:
                    return None
                detail = _server_words(exc)
                if exc.code in REFUSED_STATUSES:
                    who = "without credentials (give --user/--password)" if self.user is None else f"as {self.user!r}"
                    raise EndpointError(
                        f"{self.endpoint}: refused to {verb} graph <{iri}> {who}: HTTP {exc.code} {exc.reason}{detail}"
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
                    f"{self.endpoint}: could not {verb} graph <{iri}>: {problem} "
                    f"(gave up after {self.attempts} attempt{'s' * (self.attempts != 1)})"
                )
            with self._lock:
                self.retries += 1
            time.sleep(self.backoff * 2 ** (attempt - 1))

    def _signed(
        self, method: str, url: str, body: bytes | None, headers: dict[str, str], read: Callable | None
    ) -> T | None:
        """One request, with this thread's credentials when the server has asked for them.

        A body is never sent unsigned to a server that may want credentials: with a user given and no
        challenge known yet, the same request without a body asks for it first (as ``curl --digest``
        does; an empty ``PUT`` or ``POST`` that passes is followed by the real one at once).  A ``401``
        that brings a challenge this thread has not answered yet, or says its Digest nonce went stale,
        is answered by sending the request again; any other ``401`` is the caller's to report.
        """
        signer: httpauth.Signer | None = getattr(self._local, "signer", None)
        if self.user is not None and signer is None and body and not getattr(self._local, "asked", False):
            try:
                self._open(urllib.request.Request(url, data=b"", method=method, headers=headers), None)
            except urllib.error.HTTPError as exc:  # only a challenge matters here: the real request says the rest
                asked = _challenge(exc) if exc.code == 401 else None
                exc.close()
                if asked is not None:
                    signer = self._local.signer = httpauth.Signer(self.user, self.password or "", asked)
            self._local.asked = True  # the server answered (a connection that failed is asked again)
        rounds = 0
        while True:
            sent = dict(headers)
            if signer is not None:
                sent["Authorization"] = signer.authorization(method, url)
            try:
                return self._open(urllib.request.Request(url, data=body, method=method, headers=sent), read)
            except urllib.error.HTTPError as exc:
                if exc.code != 401 or self.user is None:
                    raise
                asked, rounds = _challenge(exc), rounds + 1
                # not a challenge kg can answer, the credentials refused, or fresh nonces called stale again and again
                if asked is None or (signer is not None and not asked.stale) or rounds == AUTH_ROUNDS:
                    raise
                exc.close()
                signer = self._local.signer = httpauth.Signer(self.user, self.password or "", asked)

    def _open(self, request: urllib.request.Request, read: Callable | None):
        with self._opener().open(request, timeout=self.timeout) as response:
            if read is None:
                response.read()
                return None
            return read(response, response.headers.get("Content-Type", ""))


def _challenge(refusal: urllib.error.HTTPError) -> httpauth.Challenge | None:
    """The challenge of a ``401`` that kg can answer (:func:`kg.httpauth.challenge`), if it brings one."""
    return httpauth.challenge(refusal.headers.get_all("WWW-Authenticate") or [])


def _server_words(exc: urllib.error.HTTPError) -> str:
    """The first line of an error body, short, for the one-line message."""
    try:
        text = exc.read(2000).decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - the status alone is still a good message
        return ""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return f" ({line[:200]})" if line else ""
