"""HTTP Basic and Digest credentials sent with each request up front, once the server has asked for them.

urllib's handlers answer a ``401`` by sending the request again with
credentials, so every request of ``kg push`` carried its body twice.  Worse,
Virtuoso answers the first copy with ``401`` as soon as it has read the
headers and closes the connection: a body larger than the socket's buffers
then fails with a broken pipe before the ``401`` can be read.  Pushing the
10 MB bench corpus to Virtuoso, 209 of its 2,033 ``PUT`` requests failed so
and were sent again from the start.

So, as ``curl --digest`` does, the client learns the server's challenge from a
request without a body (:func:`challenge` reads the ``WWW-Authenticate``
headers of its ``401``) and then signs each request before sending it
(:class:`Signer`):

* Basic (RFC 7617) when the server asks for Basic only;
* Digest (RFC 7616) when it asks for Digest: MD5 or SHA-256, each also in its
  ``-sess`` form, with ``qop=auth``, or the RFC 2069 form when the server
  offers no ``qop``.  A nonce is used again with a rising nonce count, until
  the server says it is stale.

The password is never sent before the server has asked for credentials, and
never in the clear to a server that asked for Digest.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field

#: Digest algorithms by the name a challenge gives them (without ``-sess``).
_HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}
# one element of a WWW-Authenticate header: an auth scheme, or a name=value parameter of the scheme before it
_ELEMENT = re.compile(r'\s*,?\s*([!#$%&\'*+.^_`|~0-9A-Za-z-]+)(?:\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]*))?')


@dataclass(frozen=True)
class Challenge:
    """What the server asked for: ``scheme`` ("basic" or "digest") and its parameters (names in lower case)."""

    scheme: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def stale(self) -> bool:
        """A Digest challenge that refused only the nonce: the same credentials, signed afresh, will pass."""
        return self.params.get("stale", "").lower() == "true"


def parse(headers: Iterable[str]) -> list[Challenge]:
    """Every challenge of the ``WWW-Authenticate`` header values ``headers``, in order.

    >>> parse(['Digest realm="SPARQL", nonce="ab", qop="auth"'])
    [Challenge(scheme='digest', params={'realm': 'SPARQL', 'nonce': 'ab', 'qop': 'auth'})]
    """
    found: list[Challenge] = []
    for header in headers:
        pos = 0
        while match := _ELEMENT.match(header, pos):
            if match.end() == pos:
                break
            pos = match.end()
            name, value = match.group(1), match.group(2)
            if value is None:
                found.append(Challenge(name.lower(), {}))
            elif found:
                if value.startswith('"'):
                    value = re.sub(r"\\(.)", r"\1", value[1:-1])
                found[-1].params[name.lower()] = value
    return found


def _digest_usable(c: Challenge) -> bool:
    algorithm = c.params.get("algorithm", "MD5").upper().removesuffix("-SESS")
    qops = _qops(c.params)
    return "realm" in c.params and "nonce" in c.params and algorithm in _HASHES and (not qops or "auth" in qops)


def _qops(params: dict[str, str]) -> list[str]:
    return [q.strip().lower() for q in params.get("qop", "").split(",") if q.strip()]


def challenge(headers: Iterable[str]) -> Challenge | None:
    """The challenge to answer among ``headers`` (a ``401``'s ``WWW-Authenticate`` values): a Digest one this
    module can sign, else Basic; None when the server asks for neither."""
    offered = parse(headers)
    digest = next((c for c in offered if c.scheme == "digest" and _digest_usable(c)), None)
    return digest or next((c for c in offered if c.scheme == "basic"), None)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def digest_response(
    user: str, password: str, method: str, uri: str, params: dict[str, str], nc: int, cnonce: str
) -> str:
    """The ``response`` field of a Digest ``Authorization`` (RFC 7616 section 3.4.1).

    >>> digest_response("Mufasa", "Circle Of Life", "GET", "/dir/index.html",
    ...                 {"realm": "testrealm@host.com", "nonce": "dcd98b7102dd2f0e8b11d0f600bfb0c093", "qop": "auth"},
    ...                 1, "0a4f113b")
    '6629fae49393a05397450978507c4ef1'
    """
    algorithm = params.get("algorithm", "MD5").upper()
    digest = _HASHES[algorithm.removesuffix("-SESS")]

    def h(text: str) -> str:
        return digest(text.encode("utf-8")).hexdigest()

    nonce = params["nonce"]
    ha1 = h(f"{user}:{params['realm']}:{password}")
    if algorithm.endswith("-SESS"):
        ha1 = h(f"{ha1}:{nonce}:{cnonce}")
    ha2 = h(f"{method}:{uri}")
    if "auth" in _qops(params):
        return h(f"{ha1}:{nonce}:{nc:08x}:{cnonce}:auth:{ha2}")
    return h(f"{ha1}:{nonce}:{ha2}")


class Signer:
    """The ``Authorization`` header for each request, answering one :class:`Challenge`.

    Not shared between threads: a Digest nonce's count must rise request by request.
    """

    def __init__(self, user: str, password: str, answered: Challenge) -> None:
        self.user, self.password, self.challenge = user, password, answered
        self.count = 0  # requests signed with the challenge's nonce

    def authorization(self, method: str, url: str) -> str:
        """The header's value for ``method`` on ``url``."""
        if self.challenge.scheme == "basic":
            token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
            return f"Basic {token}"
        parts = urllib.parse.urlsplit(url)
        uri = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        params = self.challenge.params
        self.count += 1
        cnonce = os.urandom(8).hex()
        response = digest_response(self.user, self.password, method, uri, params, self.count, cnonce)
        fields = [
            f"username={_quote(self.user)}",
            f"realm={_quote(params['realm'])}",
            f"nonce={_quote(params['nonce'])}",
            f"uri={_quote(uri)}",
            f"response={_quote(response)}",
        ]
        if "algorithm" in params:
            fields.append(f"algorithm={params['algorithm']}")
        if "opaque" in params:
            fields.append(f"opaque={_quote(params['opaque'])}")
        if "auth" in _qops(params):
            fields += ["qop=auth", f"nc={self.count:08x}", f"cnonce={_quote(cnonce)}"]
        return "Digest " + ", ".join(fields)
