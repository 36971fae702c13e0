"""kg serve: a read-only SPARQL 1.1 Protocol endpoint on 127.0.0.1 with a query time limit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from kg.errors import EndpointError, InputError
from kg.pipeline import SAMPLE, build
from kg.serve import GRAPH_TYPES, SOLUTION_TYPES, make_server, mentions_service, negotiate

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
#: Three unconstrained patterns over thousands of triples: never finishes in time.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("serve")
    build([SAMPLE], out, html=False, jobs=1)
    return out / "graph.trig"


@pytest.fixture(scope="module", params=["memory", "disk"])
def endpoint(request, graph, tmp_path_factory):
    """The endpoint over the graph in memory, and over an on-disk store (``--store``)."""
    store_dir = tmp_path_factory.mktemp("store") / "db" if request.param == "disk" else None
    server = make_server(graph, port=0, timeout=1.5, store_dir=store_dir)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _request(url, *, query=None, method="GET", data=None, ctype=None, accept=""):
    if query is not None and method == "GET":
        url = f"{url}?{urllib.parse.urlencode({'query': query})}"
    headers = {"Accept": accept}
    if ctype:
        headers["Content-Type"] = ctype
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


def _triples_in(graph) -> int:
    return sum(1 for _ in ox.parse(path=str(graph)))


def test_listens_on_loopback_only_by_default(endpoint):
    assert endpoint.server_address[0] == "127.0.0.1"
    assert endpoint.url.startswith("http://127.0.0.1:")


def test_select_over_the_union_of_named_graphs_as_json(endpoint, graph):
    status, ctype, body = _request(endpoint.url, query=COUNT)
    assert (status, ctype) == (200, "application/sparql-results+json")
    n = json.loads(body)["results"]["bindings"][0]["n"]["value"]
    # distinct triples of all report graphs (a triple two graphs share counts once per graph)
    assert int(n) == _triples_in(graph)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/xml", "application/xml"),
        ("application/sparql-results+json,*/*;q=0.9", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_results_format_follows_accept(endpoint, accept, expected):
    status, ctype, _ = _request(endpoint.url, query=COUNT, accept=accept)
    assert (status, ctype) == (200, expected)


def test_post_forms_and_direct_queries(endpoint, graph):
    n = str(_triples_in(graph)).encode()
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    status, _, body = _request(endpoint.url, method="POST", data=form,
                               ctype="application/x-www-form-urlencoded", accept="text/csv")
    assert status == 200 and body.split() == [b"n", n]
    status, _, body = _request(endpoint.url, method="POST", data=COUNT.encode(),
                               ctype="application/sparql-query", accept="text/csv")
    assert status == 200 and body.split() == [b"n", n]


def test_construct_returns_parseable_turtle(endpoint):
    query = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }"
    status, ctype, body = _request(endpoint.url, query=query, accept="text/turtle")
    assert (status, ctype) == (200, "text/turtle; charset=utf-8")
    labels = {t.object.value for t in ox.parse(body, format=ox.RdfFormat.TURTLE)}
    assert "运城市" in labels


def test_ask(endpoint):
    status, _, body = _request(endpoint.url, query='ASK { ?s ?p "运城市"@zh }')
    assert status == 200 and json.loads(body)["boolean"] is True


@pytest.mark.parametrize(
    ("method", "data", "ctype", "status"),
    [
        ("POST", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update", 403),
        ("POST", b"update=INSERT+DATA+%7B%3Curn%3Aa%3E+%3Curn%3Ab%3E+%3Curn%3Ac%3E%7D",
         "application/x-www-form-urlencoded", 403),
        ("PUT", b"<urn:a> <urn:b> <urn:c> .", "application/n-triples", 403),
        ("DELETE", None, None, 403),
    ],
)
def test_updates_and_graph_writes_are_refused(endpoint, graph, method, data, ctype, status):
    got, _, body = _request(endpoint.url, method=method, data=data, ctype=ctype)
    assert got == status
    assert b"read-only" in body
    # and nothing changed
    _, _, body = _request(endpoint.url, query=COUNT, accept="text/csv")
    assert body.split()[1] == str(_triples_in(graph)).encode()


def test_an_update_sent_as_a_query_is_a_bad_request(endpoint):
    status, _, body = _request(endpoint.url, query="INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert status == 400 and body.startswith(b"bad query")


def test_service_is_refused(endpoint):
    status, _, body = _request(endpoint.url, query="SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 400 and b"SERVICE" in body


def test_a_query_over_the_time_limit_is_stopped_and_the_endpoint_lives_on(endpoint, graph):
    started = time.monotonic()
    status, _, body = _request(endpoint.url, query=ENDLESS)
    assert status == 503 and b"time limit of 1.5 s" in body
    assert time.monotonic() - started < 15  # killed, not run to the end
    status, _, body = _request(endpoint.url, query=COUNT, accept="text/csv")
    assert status == 200 and body.split()[1] == str(_triples_in(graph)).encode()


def test_cors_preflight_for_browser_clients(endpoint):
    status, _, _ = _request(endpoint.url, method="OPTIONS")
    assert status == 204


def test_unknown_path_is_404(endpoint):
    status, _, _ = _request(endpoint.url.replace("/sparql", "/elsewhere"), query=COUNT)
    assert status == 404


@pytest.mark.parametrize(
    ("accept", "offers", "media"),
    [
        ("", SOLUTION_TYPES, "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml", SOLUTION_TYPES, "application/sparql-results+xml"),
        ("text/*", SOLUTION_TYPES, "text/csv"),
        ("application/n-triples", GRAPH_TYPES, "application/n-triples"),
        ("application/xml", GRAPH_TYPES, "application/xml"),
        ("application/*", SOLUTION_TYPES, "application/sparql-results+json"),
        ("image/png", GRAPH_TYPES, "text/turtle"),
        ("text/csv;q=0", SOLUTION_TYPES, "application/sparql-results+json"),
    ],
)
def test_negotiate(accept, offers, media):
    assert negotiate(accept, offers)[0] == media


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }", True),
        ("select * { service silent <http://x/> { ?s ?p ?o } }", True),
        ("SELECT ?service { ?service a <http://x/SERVICE> }", False),
        ('SELECT * { ?s ?p "SERVICE <http://x/>" }', False),
        ("PREFIX ex: <http://x/> SELECT * { ?s ex:service ?o } # SERVICE", False),
    ],
)
def test_mentions_service(query, expected):
    assert mentions_service(query) is expected


@pytest.mark.parametrize(
    ("name", "problem"), [("notes.csv", "not an RDF file"), ("graph.ttl", "is not valid Turtle")]
)
def test_a_file_that_is_not_rdf_is_an_input_error(tmp_path, name, problem):
    path = tmp_path / name
    path.write_text("hello, world", encoding="utf-8")
    with pytest.raises(InputError, match=f"{name}: {problem}"):
        make_server(path, port=0)


def test_a_port_in_use_is_a_clear_error(endpoint, graph):
    with pytest.raises(EndpointError, match=r"cannot listen on 127.0.0.1:\d+"):
        make_server(graph, port=endpoint.server_address[1])


def test_cli_serve_prints_its_url_and_answers(graph):
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(graph), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/sparql")
        status, _, body = _request(url, query=COUNT, accept="text/csv")
        assert status == 200 and body.split()[1] == str(_triples_in(graph)).encode()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.mark.parametrize("mode", ["memory", "disk"])
def test_a_rebuilt_graph_is_reported_once_and_the_loaded_one_still_answers(graph, tmp_path, mode):
    served = tmp_path / "graph.trig"
    shutil.copyfile(graph, served)
    said: list[str] = []
    server = make_server(served, port=0, log=said.append, store_dir=tmp_path / "db" if mode == "disk" else None)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        _request(server.url, query=COUNT, accept="text/csv")
        assert not [line for line in said if "changed" in line]
        rebuilt = tmp_path / "new.trig"  # what kg build does: a whole new file renamed over the old one
        rebuilt.write_text("<urn:a> { <urn:a> <urn:b> <urn:c> . }\n", encoding="utf-8")
        os.replace(rebuilt, served)
        for _ in range(2):
            status, _, body = _request(server.url, query=COUNT, accept="text/csv")
            assert status == 200 and body.split()[1] == str(_triples_in(graph)).encode()  # still the loaded build
        changed = [line for line in said if "changed" in line]
        assert changed == [f"{served} has changed since kg serve loaded it: queries still see the build it loaded; "
                           "restart kg serve to serve the new one"]
    finally:
        server.shutdown()
        server.server_close()
