"""kg.httpauth: reading a server's challenge and signing requests with Basic or Digest credentials."""

from __future__ import annotations

import base64
import re

import pytest

from kg.httpauth import Challenge, Signer, challenge, digest_response, parse

VIRTUOSO = ('Digest realm="SPARQL", domain="/sparql-graph-crud-auth", nonce="4f72cb27", '
            'opaque="5ebe2294", stale="false", qop="auth", algorithm="MD5"')
# RFC 7616 section 3.9.1: the same request answered with SHA-256 and with MD5
RFC7616 = {"realm": "http-auth@example.org", "qop": "auth, auth-int",
           "nonce": "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
           "opaque": "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"}
RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"


@pytest.mark.parametrize("algorithm, expected", [
    ("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
    ("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
])
def test_digest_response_matches_rfc_7616(algorithm, expected):
    params = {**RFC7616, "algorithm": algorithm}
    assert digest_response("Mufasa", "Circle of Life", "GET", "/dir/index.html", params, 1, RFC7616_CNONCE) == expected


def test_digest_response_matches_rfc_2617():
    params = {"realm": "testrealm@host.com", "nonce": "dcd98b7102dd2f0e8b11d0f600bfb0c093", "qop": "auth"}
    got = digest_response("Mufasa", "Circle Of Life", "GET", "/dir/index.html", params, 1, "0a4f113b")
    assert got == "6629fae49393a05397450978507c4ef1"


def test_a_virtuoso_challenge_is_read_whole():
    (found,) = parse([VIRTUOSO])
    assert found == Challenge("digest", {"realm": "SPARQL", "domain": "/sparql-graph-crud-auth", "nonce": "4f72cb27",
                                         "opaque": "5ebe2294", "stale": "false", "qop": "auth", "algorithm": "MD5"})
    assert not found.stale and Challenge("digest", {"stale": "TRUE"}).stale


def test_quoted_values_keep_commas_and_escaped_quotes():
    (found,) = parse(['Digest realm="a, \\"b\\"", nonce=xyz'])
    assert found.params == {"realm": 'a, "b"', "nonce": "xyz"}


@pytest.mark.parametrize("headers, scheme", [
    (['Basic realm="x"'], "basic"),
    ([VIRTUOSO], "digest"),
    (['Basic realm="x", ' + VIRTUOSO], "digest"),  # two challenges in one header: Digest is taken
    (['Basic realm="x"', VIRTUOSO], "digest"),  # or in two headers
    (['Basic realm="x"', 'Digest realm="r", nonce="n", qop="auth-int"'], "basic"),  # a Digest kg cannot sign
    (['Digest realm="r", nonce="n", algorithm=SHA-512-256'], None),
    (['Bearer realm="api"'], None),
    ([], None),
])
def test_the_challenge_answered_is_a_digest_kg_can_sign_else_basic(headers, scheme):
    found = challenge(headers)
    assert (found.scheme if found else None) == scheme


def _fields(header: str) -> dict[str, str]:
    assert header.startswith("Digest ")
    return {k: v.strip('"') for k, v in re.findall(r'(\w+)=("[^"]*"|[^,\s]+)', header)}


def test_a_digest_signer_counts_its_nonce_up_and_signs_path_and_query():
    signer = Signer("dba", "secret", challenge([VIRTUOSO]))
    url = "http://127.0.0.1:8890/sparql-graph-crud-auth?graph=urn%3Ag"
    first, second = (_fields(signer.authorization("PUT", url)) for _ in range(2))
    assert (first["nc"], second["nc"]) == ("00000001", "00000002")
    assert first["uri"] == "/sparql-graph-crud-auth?graph=urn%3Ag" and first["qop"] == "auth"
    assert first["opaque"] == "5ebe2294" and first["username"] == "dba"
    params = challenge([VIRTUOSO]).params
    assert first["response"] == digest_response("dba", "secret", "PUT", first["uri"], params, 1, first["cnonce"])
    assert "secret" not in signer.authorization("PUT", url)


def test_a_digest_challenge_without_qop_is_answered_the_rfc_2069_way():
    signer = Signer("u", "p", Challenge("digest", {"realm": "r", "nonce": "n"}))
    fields = _fields(signer.authorization("GET", "http://h/x"))
    assert "qop" not in fields and "nc" not in fields
    assert fields["response"] == digest_response("u", "p", "GET", "/x", {"realm": "r", "nonce": "n"}, 1, "")


def test_a_basic_signer_sends_user_and_password():
    header = Signer("dba", "pä:ss", Challenge("basic", {"realm": "x"})).authorization("PUT", "http://h/store")
    assert header == "Basic " + base64.b64encode("dba:pä:ss".encode()).decode()
