"""kg push: the Graph Store HTTP Protocol against real Oxigraph and Virtuoso servers on 127.0.0.1."""

from __future__ import annotations

import base64
import hashlib
import re
import threading
import urllib.parse
import time
from collections import Counter
from concurrent.futures import Future
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import EndpointError, InputError
from kg.graphstore import AUTH_ROUNDS
from kg.httpauth import digest_response
from kg.pipeline import SAMPLE, build
from kg.push import CHUNK, PUSHED_DIGEST, push, runs, survey
from kg.vocab import GK

from .servers import VIRTUOSO_PASSWORD, VIRTUOSO_USER, free_port, oxigraph_server, select_csv, virtuoso_server

COUNT_BY_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
GOVKG = "https://w3id.org/govkg/"
PUSHED = GOVKG + "id/graph/pushed"
BACKGROUND = GOVKG + "id/graph/background"


def _corpus(root: Path, changed: bool = False) -> list[Path]:
    """Two reports cut from the sample; ``changed`` edits the second one."""
    text = SAMPLE.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if p.strip()]
    first, second = "\n".join(paragraphs[:8]), "\n".join(paragraphs[8:16])
    if changed:
        second = second.replace("新增", "新建", 1) + "\n推进临猗黄河大桥及引线建设。"
    root.mkdir(parents=True, exist_ok=True)
    paths = [root / "a.txt", root / "b.txt"]
    paths[0].write_text(first, encoding="utf-8")
    paths[1].write_text(second, encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The same two-report corpus built before and after one report changed: their graph.trig files."""
    root = tmp_path_factory.mktemp("push")
    before = build(_corpus(root / "in1"), root / "out1", html=False, jobs=1)
    after = build(_corpus(root / "in2", changed=True), root / "out2", html=False, jobs=1)
    return root / "out1" / "graph.trig", root / "out2" / "graph.trig", before, after


def _file_counts(trig: Path) -> dict[str, int]:
    return survey(trig)


def _store_counts(query_url: str, **kw) -> dict[str, int]:
    """Triples in each govkg graph of the store, but kg push's own record of what it sent (:data:`PUSHED`)."""
    return {g: int(n) for g, n in select_csv(query_url, COUNT_BY_GRAPH, **kw) if g.startswith(GOVKG) and g != PUSHED}


def _same_graphs(one: Path, other: Path) -> set[str]:
    """The graphs ``one`` and ``other`` both have, with the same triples in the same order."""
    a, b = {}, {}
    survey(one, digests=a)
    survey(other, digests=b)
    return {iri for iri, d in a.items() if b.get(iri) == d}


def _stored_of(query_url: str, trig: Path, **kw) -> dict[str, int]:
    """The store's triples in each graph of ``trig`` (0 for one it lacks)."""
    stored = _store_counts(query_url, **kw)
    return {iri: stored.get(iri, 0) for iri in _file_counts(trig)}


def test_survey_counts_one_named_graph_per_report(builds):
    trig, _, result, _ = builds
    graphs = survey(trig)
    reports = [g for g in graphs if "/report/" in g]
    assert len(reports) == len(result.graph.documents) == 2
    assert sum(graphs.values()) == sum(1 for _ in ox.parse(path=str(trig)))


def test_survey_needs_a_graph_iri_for_a_triples_file(builds):
    trig, *_ = builds
    with pytest.raises(InputError, match="no named graphs.*--graph"):
        survey(trig.with_name("graph.ttl"))
    one = survey(trig.with_name("graph.ttl"), "https://example.org/g")
    assert list(one) == ["https://example.org/g"]


def test_runs_cut_at_each_graph_and_chunk_and_mark_each_graphs_first(tmp_path):
    path = tmp_path / "g.trig"
    path.write_text(
        "".join(f"<urn:g:{g}> {{ <urn:s{i}> <urn:p> <urn:o> . }}\n" for g, i in
                [("a", 1), ("a", 2), ("a", 3), ("b", 1), ("a", 4), ("b", 2)]),
        encoding="utf-8",
    )
    assert [(g, len(t), first) for g, t, first in runs(path, chunk=2)] == [
        ("urn:g:a", 2, True), ("urn:g:a", 1, False), ("urn:g:b", 1, True), ("urn:g:a", 1, False), ("urn:g:b", 1, False)
    ]
    assert survey(path) == {"urn:g:a": 4, "urn:g:b": 2}


def test_a_broken_file_sends_nothing(tmp_path):
    path = tmp_path / "g.trig"
    path.write_text("<urn:g> { <urn:s> <urn:p> <urn:o> . }\n<urn:g> { broken", encoding="utf-8")
    # no server listens on port 9: a request would be a connection error, not this one
    with pytest.raises(InputError, match="is not valid"):
        push(path, "http://127.0.0.1:9/store", attempts=1)


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as base:
        yield base


@pytest.mark.parametrize("chunk", [CHUNK, 100], ids=["whole graphs", "PUT then POSTs"])
def test_push_to_oxigraph_loads_every_graph(builds, oxigraph, chunk):
    trig, *_ = builds
    assert max(_file_counts(trig).values()) > 3 * 100  # so 100 cuts every big graph
    result = push(trig, f"{oxigraph}/store", chunk=chunk, resend=True)  # the store is shared by the tests
    assert result.retries == 0 and result.unchanged == []
    assert dict(result.graphs) == _file_counts(trig)
    assert _store_counts(f"{oxigraph}/query") == _file_counts(trig)


@pytest.mark.parametrize("chunk", [CHUNK, 100], ids=["whole graphs", "PUT then POSTs"])
def test_repush_and_changed_report_replace_instead_of_duplicating(builds, oxigraph, chunk):
    before, after, *_ = builds
    push(before, f"{oxigraph}/store", chunk=chunk)
    push(before, f"{oxigraph}/store", chunk=chunk)
    assert _stored_of(f"{oxigraph}/query", before) == _file_counts(before)  # the store is shared by the tests
    result = push(after, f"{oxigraph}/store", chunk=chunk)
    expected = _file_counts(after)
    stored = _store_counts(f"{oxigraph}/query")
    # the unchanged report's graph has the same IRI in both builds: replaced, so counted once
    unchanged = set(_file_counts(before)) & set(expected)
    assert unchanged, "the unchanged report should keep its graph IRI"
    for iri in expected:
        assert stored[iri] == expected[iri]
    # the changed report's old graph is deleted: its facts are not answered twice
    gone = set(_file_counts(before)) - set(expected)
    assert len(gone) == 1 and result.pruned == sorted(gone)
    assert not gone & set(stored)


def test_no_prune_keeps_the_old_graph_of_a_changed_report(builds, oxigraph):
    before, after, *_ = builds
    push(before, f"{oxigraph}/store")
    result = push(after, f"{oxigraph}/store", prune=False)
    gone = set(_file_counts(before)) - set(_file_counts(after))
    assert result.pruned == [] and gone <= set(_store_counts(f"{oxigraph}/query"))
    push(before, f"{oxigraph}/store")  # the old report is back, and the new one's graph is named by the background
    again = push(after, f"{oxigraph}/store")
    assert again.pruned == sorted(gone) and not gone & set(_store_counts(f"{oxigraph}/query"))


def test_pruning_deletes_only_reports_the_servers_background_names(builds, oxigraph, tmp_path):
    before, after, *_ = builds
    # a graph of someone else's, and a report graph no govkg background names, are left alone
    other = "https://example.org/graph/theirs"
    stray = "https://w3id.org/govkg/id/report/0000000000000000"
    for iri in (other, stray):
        nt = tmp_path / "one.nt"
        nt.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
        push(nt, f"{oxigraph}/store", graph=iri)
    push(before, f"{oxigraph}/store")
    result = push(after, f"{oxigraph}/store")
    stored = _store_counts(f"{oxigraph}/query")
    assert stray in stored and stray not in result.pruned
    assert select_csv(f"{oxigraph}/query", f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{other}> {{ ?s ?p ?o }} }}") == [["1"]]


def _pushed_on(query_url: str) -> dict[str, str]:
    """kg push's record on the server: the digest of each graph it sent."""
    rows = select_csv(query_url, f"SELECT ?g ?d {{ GRAPH <{PUSHED}> {{ ?g <{GOVKG}ontology#pushedDigest> ?d }} }}")
    return dict(rows)


def test_a_repush_sends_only_the_graphs_that_changed(builds, oxigraph, tmp_path):
    before, after, *_ = builds
    store, query = f"{oxigraph}/store", f"{oxigraph}/query"
    elsewhere = "https://example.org/graph/elsewhere"  # pushed from another file: its digest is kept
    nt = tmp_path / "one.nt"
    nt.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    push(before, store, resend=True)  # the store is shared by the tests: what it holds is sent again
    push(nt, store, graph=elsewhere)
    digests = {}
    survey(before, digests=digests)
    assert _pushed_on(query) == {**digests, elsewhere: _digest_of(nt, elsewhere)}

    again = push(before, store)
    assert again.graphs == [] and again.unchanged == sorted(digests) and again.pruned == []
    assert _stored_of(query, before) == _file_counts(before)

    calls = []
    result = push(after, store, chunk=100, progress=lambda *call: calls.append(call))
    same = _same_graphs(before, after)
    assert result.unchanged == sorted(same) and len(same) == 1
    assert [iri for iri, _ in result.graphs] == sorted(set(_file_counts(after)) - same)
    assert _stored_of(query, after) == _file_counts(after)
    assert not set(result.pruned) & set(_store_counts(query))
    # one progress step for each graph, the one not sent marked as such
    assert [done for done, _, _ in calls] == list(range(1, len(_file_counts(after)) + 1))
    assert sum(skipped for _, _, skipped in calls) == 1
    # the record names what the store holds now: the pruned graph's digest is gone, the other file's kept
    now = {}
    survey(after, digests=now)
    assert _pushed_on(query) == {**now, elsewhere: _digest_of(nt, elsewhere)}


def _digest_of(path: Path, graph: str) -> str:
    digests = {}
    survey(path, graph, digests=digests)
    return digests[graph]


def test_the_digest_is_of_the_triples_in_order_however_they_are_cut(tmp_path):
    path = tmp_path / "g.trig"
    lines = [f"<urn:g:{g}> {{ <urn:s{i}> <urn:p> \"{i}\" . }}\n" for g, i in [("a", 1), ("a", 2), ("b", 1), ("a", 3)]]
    path.write_text("".join(lines), encoding="utf-8")
    digests = {}
    survey(path, digests=digests)
    expected = hashlib.sha256(b"".join(
        ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) for g, triples, _ in runs(path, chunk=1) if g == "urn:g:a"
    )).hexdigest()
    assert digests["urn:g:a"] == expected and digests["urn:g:b"] != expected
    path.write_text("".join([lines[1], lines[0], lines[2], lines[3]]), encoding="utf-8")  # same triples, new order
    reordered = {}
    survey(path, digests=reordered)
    assert reordered["urn:g:a"] != expected and reordered["urn:g:b"] == digests["urn:g:b"]


def test_a_file_holding_the_graph_kg_push_keeps_is_refused(tmp_path):
    path = tmp_path / "dump.trig"
    path.write_text(f"<{PUSHED}> {{ <urn:g> <{GOVKG}ontology#pushedDigest> \"0\" . }}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"dump.trig: holds graph <.*/graph/pushed>, which kg push keeps"):
        push(path, "http://127.0.0.1:9/store", attempts=1)  # nothing listens there: refused before any request


def test_push_a_turtle_file_into_one_named_graph(builds, oxigraph):
    trig, *_ = builds
    ttl = trig.with_name("graph.ttl")
    target = "https://example.org/govkg/all"
    result = push(ttl, f"{oxigraph}/store", graph=target, chunk=500)  # one graph, sent as PUT + POSTs
    assert [g for g, _ in result.graphs] == [target]
    rows = select_csv(f"{oxigraph}/query", f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }}")
    assert int(rows[0][0]) == result.triples == sum(1 for _ in ox.parse(path=str(ttl)))


@pytest.mark.parametrize("layout", ["as built", "a node over two lines"])
def test_push_a_large_jsonld_file_reads_it_in_batches_where_it_can(builds, oxigraph, tmp_path, layout, monkeypatch):
    import kg.push

    from .test_jsonld import _split_a_node, in_batches

    trig, *_ = builds
    path = tmp_path / "graph.jsonld"
    text = trig.with_name("graph.jsonld").read_bytes()
    path.write_bytes(text if layout == "as built" else _split_a_node(text))
    batches = in_batches(monkeypatch, 1)  # a line at a time: a node over two lines is cut
    monkeypatch.setattr(kg.push, "KEEP_BYTES", 0)  # nothing kept from the first reading: the file is read again
    target = f"https://example.org/govkg/jsonld/{layout.replace(' ', '-')}"
    result = push(path, f"{oxigraph}/store", graph=target)
    whole = sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.JSON_LD))
    assert result.triples == whole
    rows = select_csv(f"{oxigraph}/query", f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }}")
    assert int(rows[0][0]) == whole
    lines = text.count(b"\n") - text[: text.index(b'"@graph": [')].count(b"\n") - 2  # the node lines
    if layout == "as built":
        assert len(batches) == 2 * lines  # both readings, batch by batch
    else:
        assert len(batches) < lines  # the first reading gave up at the cut node; then both read it whole


def test_cli_push_prints_what_it_sent(builds, oxigraph):
    trig, after, *_ = builds
    push(after, f"{oxigraph}/store")  # the store is shared by the tests: start from the changed build
    out = CliRunner().invoke(main, ["push", str(trig), "--endpoint", f"{oxigraph}/store"])
    assert out.exit_code == 0, out.output
    same = _same_graphs(trig, after)
    assert len(same) == 1  # the report that did not change
    sent = {iri: n for iri, n in _file_counts(trig).items() if iri not in same}
    assert out.output.startswith(f"pushed {len(sent)} graphs, {sum(sent.values())} triples to {oxigraph}/store in ")
    assert out.output.rstrip().endswith(
        "; 1 graph unchanged since the last push, not sent again; deleted 1 graph of a report no longer in the build"
    )
    out = CliRunner().invoke(main, ["push", str(trig), "--endpoint", f"{oxigraph}/store"])
    assert out.exit_code == 0 and "deleted" not in out.output, out.output
    assert out.output.startswith("pushed 0 graphs, 0 triples") and "; 3 graphs unchanged since" in out.output
    out = CliRunner().invoke(main, ["push", str(trig), "--endpoint", f"{oxigraph}/store", "--resend"])
    assert out.output.startswith(f"pushed 3 graphs, {sum(_file_counts(trig).values())} triples"), out.output


def test_wrong_url_on_a_real_server_names_the_graph_store_urls(builds, oxigraph):
    trig, *_ = builds
    with pytest.raises(EndpointError, match=r"HTTP 404.*Graph Store URL"):
        push(trig, f"{oxigraph}/no-such-path", attempts=1)


def test_connection_refused_is_retried_then_reported(builds):
    trig, *_ = builds
    port = free_port()  # nothing listens there
    with pytest.raises(EndpointError, match=r"cannot connect .*gave up after 3 attempts"):
        push(trig, f"http://127.0.0.1:{port}/store", attempts=3, backoff=0.01)


class _Flaky(BaseHTTPRequestHandler):
    """Answers 503 to the first ``failures`` PUTs, then 201; or never answers when ``hang``."""

    failures = 0
    hang = False
    refuse_get = False
    background = b""  # what a GET of the background graph answers (404 when empty)
    pushed = b""  # what a GET of kg push's record of the digests answers (404 when empty)
    seen: Counter
    requests: list  # (method, graph IRI) in the order they came

    def _graph(self) -> str:
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["graph"][0]

    def do_PUT(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        type(self).requests.append(("PUT", self._graph()))
        if self.hang:
            time.sleep(3)
            return
        type(self).seen["PUT"] += 1
        status = 503 if type(self).seen["PUT"] <= self.failures else 201
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # the background graph or the digests, asked for before pushing: none yet, given, or refused
        type(self).seen["GET"] += 1
        type(self).requests.append(("GET", self._graph()))
        body = self.pushed if self._graph() == PUSHED else self.background
        if body and not self.refuse_get:
            self.send_response(200)
            self.send_header("Content-Type", "application/n-triples")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(403 if self.refuse_get else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):  # a later run of a graph
        self.rfile.read(int(self.headers["Content-Length"]))
        type(self).requests.append(("POST", self._graph()))
        self.send_response(204)
        self.end_headers()

    def do_DELETE(self):
        type(self).requests.append(("DELETE", self._graph()))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_servers():
    """``start(handler class, **class attributes)``: a Graph Store of that handler on 127.0.0.1, as ``(its URL,
    the handler subclass holding its records)``; each is stopped after the test."""
    servers = []

    def start(base: type[BaseHTTPRequestHandler], **attributes):
        handler = type("H", (base,), attributes)
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/store", handler

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def flaky(local_servers):
    def start(failures=0, hang=False, refuse_get=False, background=b"", pushed=b""):
        return local_servers(_Flaky, failures=failures, hang=hang, refuse_get=refuse_get, background=background,
                             pushed=pushed, seen=Counter(), requests=[])

    return start


def test_a_503_is_retried_and_counted(builds, flaky):
    trig, *_ = builds
    url, handler = flaky(failures=2)
    result = push(trig, url, attempts=4, backoff=0.01, connections=1)
    assert result.retries == 2
    assert handler.seen["PUT"] == len(result.graphs) + 2 + 1  # and kg push's record of the digests


def test_a_server_that_will_not_show_its_background_graph_gets_nothing_unless_no_prune(builds, flaky):
    trig, *_ = builds
    url, handler = flaky(refuse_get=True)
    with pytest.raises(EndpointError, match=r"refused to read graph <.*/graph/background>.*HTTP 403.*--no-prune") as raised:
        push(trig, url)
    assert "\n" not in str(raised.value) and handler.seen["PUT"] == 0
    # nor can it show the digests of what it holds
    with pytest.raises(EndpointError, match=r"refused to read graph <.*/graph/pushed>.*HTTP 403.*--resend"):
        push(trig, url, prune=False)
    assert handler.seen["PUT"] == 0
    result = push(trig, url, prune=False, resend=True)
    assert handler.seen["GET"] == 2 and handler.seen["PUT"] == len(result.graphs) + 1


def test_the_background_goes_last_after_the_old_reports_are_deleted(builds, flaky):
    # so a push stopped midway leaves the old background, which still names the graphs to delete
    before, after, *_ = builds
    old = sorted(set(_file_counts(before)) - set(_file_counts(after)))
    background = BACKGROUND
    url, handler = flaky(background=_used(before))
    result = push(after, url, chunk=100)  # the background too in several runs
    order = handler.requests
    assert result.pruned == old and order[:3] == [("GET", background), ("GET", PUSHED), ("DELETE", PUSHED)]
    # and kg push's record of the digests goes after everything
    assert order[-1] == ("PUT", PUSHED) and PUSHED not in {iri for _, iri in order[3:-1]}
    order = order[3:-1]
    deleted = [i for i, (method, _) in enumerate(order) if method == "DELETE"]
    reports = [i for i, (method, iri) in enumerate(order) if method in ("PUT", "POST") and iri != background]
    last = [i for i, (_, iri) in enumerate(order) if iri == background]
    assert [order[i][1] for i in deleted] == old
    assert max(reports) < min(deleted) and max(deleted) < min(last) and last[-1] == len(order) - 1


def _used(trig: Path) -> bytes:
    """A server's background naming the reports of the build ``trig``."""
    reports = [iri for iri in _file_counts(trig) if "/report/" in iri]
    return "".join(f"<urn:build> <http://www.w3.org/ns/prov#used> <{iri}> .\n" for iri in reports).encode()


def test_a_build_that_shares_no_report_with_the_servers_is_taken_for_another_corpus(builds, flaky):
    """Pruning would delete all of it: a team's shared store, pushed another corpus by mistake."""
    _, after, *_ = builds
    theirs = "".join(f"<urn:build> <http://www.w3.org/ns/prov#used> <{GOVKG}id/report/{i:016x}> .\n"
                     for i in range(3)).encode()
    url, handler = flaky(background=theirs)
    with pytest.raises(EndpointError, match=r"used 3 reports, none of them in this one: another corpus\? nothing "
                                            r"was sent \(--no-prune pushes beside it, --replace-corpus deletes it\)"):
        push(after, url)
    assert {method for method, _ in handler.requests} == {"GET"}
    assert push(after, url, prune=False).pruned == []
    result = CliRunner().invoke(main, ["push", str(after), "--endpoint", url, "--replace-corpus"])
    assert result.exit_code == 0, result.output
    assert "deleted 3 graphs of reports no longer in the build" in result.output


def _record(digests: dict[str, str]) -> bytes:
    return "".join(f'<{g}> <{GOVKG}ontology#pushedDigest> "{d}" .\n' for g, d in digests.items()).encode()


def test_the_digests_are_deleted_before_anything_changes_and_written_after_everything(builds, flaky):
    before, after, *_ = builds
    digests = {}
    survey(after, digests=digests)
    changed = next(iri for iri in digests if "/report/" in iri)
    url, handler = flaky(pushed=_record({**digests, changed: "0" * 64}))
    result = push(after, url)
    assert [iri for iri, _ in result.graphs] == [changed] and len(result.unchanged) == len(digests) - 1
    reads = [("GET", BACKGROUND), ("GET", PUSHED)]
    assert handler.requests == reads + [("DELETE", PUSHED), ("PUT", changed), ("PUT", PUSHED)]

    # stopped midway, a push leaves no digests behind: the next one sends everything
    url, handler = flaky(pushed=_record({**digests, changed: "0" * 64}), failures=1)
    with pytest.raises(EndpointError, match="HTTP 503"):
        push(after, url, attempts=1)
    assert handler.requests == reads + [("DELETE", PUSHED), ("PUT", changed)]

    url, handler = flaky(pushed=_record(digests))  # the server holds the file already: nothing is sent
    calls = []
    result = push(after, url, progress=lambda *call: calls.append(call))
    assert result.graphs == [] and handler.requests == reads
    assert calls == [(i, len(digests), True) for i in range(1, len(digests) + 1)]


@pytest.mark.parametrize("keep", [32 << 20, 0])
def test_what_a_push_sends_is_kept_from_its_first_reading_of_the_file(builds, flaky, monkeypatch, keep):
    """The server's digests, read beside the file, say which graphs will go: those are kept as the file is
    read, and the file is not read again.  What does not fit in ``KEEP_BYTES`` is read again."""
    import kg.push

    _, after, *_ = builds
    digests = {}
    survey(after, digests=digests)
    changed = sorted(iri for iri in digests if "/report/" in iri)[:2]
    readings = []
    targets = kg.push._targets
    monkeypatch.setattr(kg.push, "_targets", lambda *args: readings.append(args) or targets(*args))
    monkeypatch.setattr(kg.push, "KEEP_BYTES", keep)
    url, handler = flaky(pushed=_record({**digests, **{iri: "0" * 64 for iri in changed}}))
    result = push(after, url, chunk=100)
    assert [iri for iri, _ in result.graphs] == changed
    assert len(readings) == (1 if keep else 2)
    sent = [(method, iri) for method, iri in handler.requests if method in ("PUT", "POST") and iri != PUSHED]
    assert sorted({iri for _, iri in sent}) == changed
    assert len(sent) == sum(-(-n // 100) for _, n in result.graphs)  # each run once
    assert handler.requests[-1] == ("PUT", PUSHED)


def test_a_graph_in_two_places_in_the_file_is_sent_whole(tmp_path, flaky, monkeypatch):
    """Its digest is known only at the end: here its first place alone is what the server holds."""
    import kg.push

    def at_once(fn, *args):  # the server's digests known before the file is read: the same every run
        done = Future()
        done.set_result(fn(*args))
        return done

    monkeypatch.setattr(kg.push.sideproc, "in_thread", at_once)
    path = tmp_path / "g.nq"
    path.write_text("<urn:s> <urn:p> \"1\" <urn:a> .\n<urn:s> <urn:p> \"2\" <urn:b> .\n"
                    "<urn:s> <urn:p> \"3\" <urn:a> .\n", encoding="utf-8")
    first_place = hashlib.sha256(b'<urn:s> <urn:p> "1" .\n').hexdigest()
    url, handler = flaky(pushed=_record({"urn:a": first_place}))
    calls = []
    result = push(path, url, chunk=1, progress=lambda *call: calls.append(call))
    assert result.graphs == [("urn:a", 2), ("urn:b", 1)]
    sent = [r for r in handler.requests if r[1] != PUSHED and r[0] != "GET"]
    # the runs of one graph in order (those of two graphs go over two connections at once)
    assert [r for r in sent if r[1] == "urn:a"] == [("PUT", "urn:a"), ("POST", "urn:a")]
    assert [r for r in sent if r[1] == "urn:b"] == [("PUT", "urn:b")]
    assert calls == [(1, 2, False), (2, 2, False)]  # each graph sent whole


def test_a_server_that_never_answers_times_out_with_a_clear_error(builds, flaky):
    trig, *_ = builds
    url, _ = flaky(hang=True)
    with pytest.raises(EndpointError, match=r"no answer within 0.3 s .*gave up after 2 attempts"):
        push(trig, url, timeout=0.3, attempts=2, backoff=0.01, connections=1)


class _Guarded(BaseHTTPRequestHandler):
    """A Graph Store that wants credentials: ``scheme`` "digest" or "basic", password "pw".

    It records each request as ``(method, signed, body length)``, and each that came with a nonce it had called
    stale in ``stale``.  A Digest nonce serves ``nonce_uses`` requests, then is called stale.
    """

    scheme = "digest"
    nonce_uses = 10**6
    challenge_scheme = ""  # what the 401 asks for, if not ``scheme`` ("Bearer": nothing kg speaks)
    requests: list
    stale: list
    nonces: Counter

    def _challenge(self, stale: bool = False) -> str:
        scheme = self.challenge_scheme or self.scheme
        if scheme != "digest":
            return f'{scheme.capitalize()} realm="kg"'
        nonce = f"n{len(self.nonces)}"
        self.nonces[nonce] = 0
        return f'Digest realm="kg", nonce="{nonce}", qop="auth", stale={"true" if stale else "false"}'

    def _signed(self) -> bool | str:
        """True for good credentials, "stale" for a worn-out nonce, False otherwise."""
        header = self.headers.get("Authorization", "")
        if self.scheme == "basic":
            return header == "Basic " + base64.b64encode(b"u:pw").decode()
        fields = {k: v.strip('"') for k, v in re.findall(r'(\w+)=("[^"]*"|[^,\s]+)', header)}
        nonce = fields.get("nonce", "")
        if not header.startswith("Digest ") or nonce not in self.nonces:
            return False
        expected = digest_response("u", "pw", self.command, self.path, {"realm": "kg", "nonce": nonce, "qop": "auth"},
                                   int(fields["nc"], 16), fields["cnonce"])
        if fields.get("response") != expected:
            return False
        self.nonces[nonce] += 1
        return "stale" if self.nonces[nonce] > self.nonce_uses else True

    def _handle(self) -> None:
        size = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(size)
        signed = self._signed()
        type(self).requests.append((self.command, signed is True, size))
        if signed == "stale":
            type(self).stale.append((self.command, size))
        if signed is not True:
            self.send_response(401)
            self.send_header("WWW-Authenticate", self._challenge(stale=signed == "stale"))
        else:
            self.send_response(404 if self.command == "GET" else 204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_PUT = do_POST = do_DELETE = _handle

    def log_message(self, *args):
        pass


@pytest.fixture
def guarded(local_servers):
    def start(**settings):
        return local_servers(_Guarded, requests=[], stale=[], nonces=Counter(), **settings)

    return start


@pytest.mark.parametrize("scheme", ["digest", "basic"])
def test_credentials_go_with_every_body_once_the_server_has_asked(builds, guarded, scheme):
    # urllib sent each body unsigned first and again after the 401: twice the upload, and Virtuoso's early
    # close of the first copy broke the pipe of large bodies (209 of 2,033 PUTs at 10 MB)
    trig, *_ = builds
    url, handler = guarded(scheme=scheme)
    result = push(trig, url, user="u", password="pw", chunk=100, connections=2)
    sent = handler.requests
    bodies = [r for r in sent if r[2] > 0]
    assert bodies and all(signed for _, signed, _ in bodies)
    # each run of triples sent once, and kg push's record of the digests
    assert len(bodies) == sum(-(-n // 100) for _, n in result.graphs) + 1
    assert result.retries == 0
    assert not sent[0][1]  # nothing signed before the server asked: the password never goes out unasked
    # a challenge for the reads (in a thread of their own, beside the file's), the DELETE, and each connection
    assert sum(not signed for _, signed, _ in sent) <= 4


def test_a_stale_digest_nonce_is_renewed_without_a_retry(builds, guarded):
    trig, *_ = builds
    url, handler = guarded(nonce_uses=2)
    result = push(trig, url, user="u", password="pw", chunk=100, connections=1)
    assert result.retries == 0 and len(handler.stale) > 3
    # a body refused only for a stale nonce, and then sent again with a fresh one
    refused_bodies = [(method, size) for method, signed, size in handler.requests if size > 0 and not signed]
    assert refused_bodies and refused_bodies == [(method, size) for method, size in handler.stale if size > 0]
    runs_sent = sum(-(-n // 100) for _, n in result.graphs) + 1  # and kg push's record of the digests
    assert sum(size > 0 and signed for _, signed, size in handler.requests) == runs_sent


@pytest.mark.parametrize("settings, password", [({}, "wrong"), ({"challenge_scheme": "Bearer"}, "pw"),
                                                ({"nonce_uses": 0}, "pw")],
                         ids=["wrong password", "a scheme kg does not speak", "every nonce called stale"])
def test_credentials_the_server_will_not_take_are_refused_at_once(builds, guarded, settings, password):
    trig, *_ = builds
    url, handler = guarded(**settings)
    with pytest.raises(EndpointError, match=r"refused to read graph .* as 'u': HTTP 401"):
        push(trig, url, user="u", password=password, attempts=3)
    assert len(handler.requests) <= AUTH_ROUNDS  # not retried, and signed afresh only while it may pass


def test_the_digests_are_recorded_with_the_ontologys_term():
    assert PUSHED_DIGEST == str(GK.pushedDigest)


def test_endpoint_must_be_http(builds):
    trig, *_ = builds
    with pytest.raises(EndpointError, match="not an http"):
        push(trig, "ftp://127.0.0.1/store")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as base:
        yield base


@pytest.mark.parametrize("chunk", [CHUNK, 100], ids=["whole graphs", "PUT then POSTs"])
def test_push_to_virtuoso_with_digest_auth_and_repush(builds, virtuoso, chunk):
    before, after, *_ = builds
    url = f"{virtuoso}/sparql-graph-crud-auth"
    auth = {"user": VIRTUOSO_USER, "password": VIRTUOSO_PASSWORD, "chunk": chunk}
    push(before, url, resend=True, **auth)  # the store is shared by the tests
    assert _stored_of(f"{virtuoso}/sparql", before) == _file_counts(before)
    again = push(before, url, **auth)
    assert again.graphs == [] and len(again.unchanged) == len(_file_counts(before))
    assert _stored_of(f"{virtuoso}/sparql", before) == _file_counts(before)
    result = push(after, url, **auth)
    assert result.unchanged == sorted(_same_graphs(before, after))
    assert len(result.graphs) == len(_file_counts(after)) - 1
    stored = _store_counts(f"{virtuoso}/sparql")
    for iri, n in _file_counts(after).items():
        assert stored[iri] == n
    gone = set(_file_counts(before)) - set(_file_counts(after))  # the changed report's old graph
    assert result.pruned == sorted(gone) and not gone & set(stored)


def test_virtuoso_keeps_chinese_labels(builds, virtuoso):
    before, *_ = builds
    push(before, f"{virtuoso}/sparql-graph-crud-auth", user=VIRTUOSO_USER, password=VIRTUOSO_PASSWORD)
    rows = select_csv(f"{virtuoso}/sparql", 'SELECT ?l WHERE { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } '
                      'FILTER(STR(?l) = "运城市") } LIMIT 1')
    assert rows == [["运城市"]]


def test_virtuoso_refuses_without_or_with_wrong_credentials(builds, virtuoso):
    before, *_ = builds
    url = f"{virtuoso}/sparql-graph-crud-auth"
    with pytest.raises(EndpointError, match=r"refused .*without credentials .*HTTP 401"):
        push(before, url)
    with pytest.raises(EndpointError, match=r"refused .*as 'dba'.*HTTP 401"):
        push(before, url, user=VIRTUOSO_USER, password="not-the-password")


def test_cli_push_takes_credentials_from_the_environment(builds, virtuoso):
    before, *_ = builds
    env = {"KG_PUSH_USER": VIRTUOSO_USER, "KG_PUSH_PASSWORD": VIRTUOSO_PASSWORD,
           "KG_PUSH_ENDPOINT": f"{virtuoso}/sparql-graph-crud-auth"}
    out = CliRunner().invoke(main, ["push", str(before)], env=env)
    assert out.exit_code == 0, out.output
    assert "pushed" in out.output
    refused = CliRunner().invoke(main, ["push", str(before)], env={**env, "KG_PUSH_PASSWORD": "wrong"})
    assert refused.exit_code == 1
    assert "HTTP 401" in refused.output and "Traceback" not in refused.output


@pytest.mark.parametrize("second", [
    "<urn:g> { <urn:s> <urn:p> <urn:o> . }\n<urn:g> { <urn:s> <urn:p> <urn:o2> . }\n",
    "<urn:g> { <urn:s> <urn:p> <urn:other> . }\n",
], ids=["grown", "as many triples"])
def test_a_file_changed_between_its_two_readings_is_an_error(tmp_path, monkeypatch, flaky, second):
    import kg.push

    path = tmp_path / "g.trig"
    path.write_text("<urn:g> { <urn:s> <urn:p> <urn:o> . }\n", encoding="utf-8")
    survey_first = kg.push.survey

    def survey_then_change(*args, **kwargs):
        counts = survey_first(*args, **kwargs)
        path.write_text(second, encoding="utf-8")
        return counts

    monkeypatch.setattr(kg.push, "survey", survey_then_change)
    monkeypatch.setattr(kg.push, "KEEP_BYTES", 0)  # nothing kept from the first reading: the file is read again
    url, handler = flaky()
    with pytest.raises(InputError, match="changed while it was being pushed"):
        push(path, url, chunk=1)
    assert ("PUT", PUSHED) not in handler.requests  # no digest recorded for what was not the file surveyed


def test_a_jsonld_file_that_can_no_longer_be_read_in_batches_the_second_time_is_an_error(
    builds, tmp_path, monkeypatch, oxigraph
):
    import kg.push

    from .test_jsonld import _split_a_node, in_batches

    trig, *_ = builds
    path = tmp_path / "graph.jsonld"
    path.write_bytes(trig.with_name("graph.jsonld").read_bytes())
    in_batches(monkeypatch, 1)
    survey_first = kg.push.survey

    def survey_then_rewrite(*args, **kwargs):
        counts = survey_first(*args, **kwargs)
        path.write_bytes(_split_a_node(path.read_bytes()))  # the same triples, but a node cut by a batch
        return counts

    monkeypatch.setattr(kg.push, "survey", survey_then_rewrite)
    monkeypatch.setattr(kg.push, "KEEP_BYTES", 0)  # nothing kept from the first reading: the file is read again
    with pytest.raises(InputError, match="graph.jsonld: changed while it was being pushed") as raised:
        push(path, f"{oxigraph}/store", graph="https://example.org/govkg/jsonld/rewritten")
    assert "\n" not in str(raised.value)
