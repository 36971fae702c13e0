"""The graph page as a file: self-contained, deterministic, escaped, complete."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg import html
from kg.html import data as page_data
from kg.html import layout as page_layout
from kg.html.layout import layout
from kg.html.style import RELATION_STYLES, TYPE_STYLES
from kg.model import ENTITY_TYPES, RELATION_TYPES, Evidence

# Every "http" in the page is one of these strings inside the inlined
# vis-network script, and none of them is fetched:
VIS_HTTP_STRINGS = {
    # licence header comment
    "https://visjs.github.io/vis-network/",
    "http://almende.com",
    "https://github.com/visjs",
    "http://www.apache.org/licenses/LICENSE-2.0",
    "http://opensource.org/licenses/MIT",
    # the SVG namespace name passed to createElementNS (an identifier, not a URL to load)
    "http://www.w3.org/2000/svg",
    # core-js's copyright/"source" metadata strings
    "https://github.com/zloirock/core-js",
    "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
    # text of an error thrown when crypto.getRandomValues is missing
    "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
}
DATA_BLOB = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def sentence_of(payload: dict, doc: int, n: int) -> str:
    """Sentence ``n`` of report ``doc`` in the page's data."""
    return payload["sentences"][payload["docSentences"][doc][n]]


def path_of(payload: dict, doc: int, n: int) -> str:
    return payload["paths"][payload["docPaths"][doc][n]]


def page_payload(page: str) -> dict:
    return json.loads(DATA_BLOB.search(page).group(1))


def render_text(graph) -> str:
    page = html.render(graph)
    assert page.encode("utf-8") == html.render_bytes(graph)
    return page


def test_write_returns_path_and_leaves_no_temporary_file(hostile_graph, tmp_path):
    out = html.write(hostile_graph, tmp_path / "sub" / "graph.html")
    assert out == tmp_path / "sub" / "graph.html"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]


def test_page_loads_nothing_from_outside(hostile_graph):
    page = render_text(hostile_graph)
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    vis = html.vis_script()
    assert vis in page
    rest = page.replace(vis, "")
    assert "http" not in rest  # template, stylesheet, page script, data
    assert set(re.findall(r"https?://[^\s\"'()]+", vis)) == VIS_HTTP_STRINGS


def test_inlined_script_cannot_end_its_element_early():
    vis = html.vis_script()
    assert "</script" not in vis.lower() and "<!--" not in vis


def test_same_graph_same_bytes(hostile_graph_factory):
    first, again = hostile_graph_factory(), hostile_graph_factory()
    assert first is not again
    assert html.render_bytes(first) == html.render_bytes(again)


@pytest.mark.parametrize(
    "name",
    ["<script>alert(1)</script>工程", "<img src=x onerror=alert(2)>计划"],
)
def test_markup_in_names_never_reaches_the_page_as_markup(hostile_graph, name):
    page = render_text(hostile_graph)
    assert name not in page
    assert "<script>alert" not in page and "<img" not in page
    # ...but the page's data still carries the name exactly, for textContent
    payload = page_payload(page)
    assert name in payload["nodes"]["label"]
    assert any(name in s for s in payload["sentences"])


def test_markup_in_the_report_title_is_escaped(hostile_graph):
    doc = next(iter(hostile_graph.documents.values()))
    doc.title = "</title><script>alert(3)</script>"
    page = render_text(hostile_graph)
    assert "<script>alert(3)" not in page
    assert "&lt;/title&gt;&lt;script&gt;alert(3)" in page


@given(st.text())
def test_script_json_round_trips_and_has_no_markup(text):
    out = html.script_json({"t": [text]})
    assert json.loads(out) == {"t": [text]}
    assert "<" not in out and ">" not in out and "&" not in out


def test_sources_give_sentence_mark_and_section_path(hostile_graph):
    payload = page_data.payload(hostile_graph)
    nodes = payload["nodes"]
    i = nodes["label"].index("垣曲县")
    (src,) = nodes["sources"][i]
    doc, sentence, path, marks = src
    text = sentence_of(payload, doc, sentence)
    assert text == "垣曲一期抽水蓄能项目开工建设,位于垣曲县。"
    assert [text[a:b] for a, b in zip(marks[::2], marks[1::2])] == ["垣曲县"]
    assert path_of(payload, doc, path) == "2022年工作回顾 › 推动工业转型升级 › 激活创新第一动力"
    assert payload["docs"][doc][3] == 2023
    assert nodes["names"][i] == ["垣曲"]
    assert nodes["attrs"][i] == {"adcode": "140827", "lat": 35.297939, "long": 111.663998}


def test_sources_of_a_corpus_are_each_entitys_mentions_in_order(sample_doc):
    # two reports sharing most entities; the second's offsets shifted, and some text repeated
    from kg.pipeline import analyse, build_graph
    from kg.structure import parse

    lead = "运城市2024年政府工作报告\n一、总体要求\n推进垣曲一期抽水蓄能项目建设,位于垣曲县。\n"
    other = parse(lead + sample_doc.text, source="other.txt", year=2024)
    graph = build_graph([analyse(sample_doc), analyse(other)])
    payload = page_data.payload(graph)
    keys = sorted(graph.entities)
    doc_ids = sorted(graph.documents)
    shared = 0
    for key, got in zip(keys, payload["nodes"]["sources"], strict=True):
        mentions = sorted(graph.entities[key].mentions, key=lambda m: (m.doc, m.start, m.end))
        expected: dict[tuple, list[int]] = {}
        for m in mentions:
            sentence, path, a, b = _where(graph.documents[m.doc], m)
            marks = expected.setdefault((doc_ids.index(m.doc), sentence, path), [])
            if marks[-2:] != [a, b]:
                marks += [a, b]
        assert [(d, sentence_of(payload, d, s), path_of(payload, d, p), marks) for d, s, p, marks in got] == [
            (*where, marks) for where, marks in expected.items()
        ], key
        shared += len({d for d, *_ in got}) == 2
    assert shared > 50  # many entities are read in both reports
    # the page holds each text once, and the two reports' repeated sentences are one
    assert len(set(payload["sentences"])) == len(payload["sentences"])
    assert len(set(payload["paths"])) == len(payload["paths"])
    numbered = [len(numbers) for numbers in payload["docSentences"]]
    assert max(numbered) <= len(payload["sentences"]) < sum(numbered)


def _where(doc, m):
    """The stripped sentence holding ``m`` (or ``m`` itself, across a sentence's end), its section path, and
    ``m``'s offsets in it."""
    s = doc.sentence_at(m.start)
    if s is not None and m.end <= s.end:
        start, end, section = s.start, s.end, s.section
    else:
        start, end, section = m.start, m.end, doc.section_at(m.start)
    raw = doc.text[start:end]
    base = start + len(raw) - len(raw.lstrip())
    path = " › ".join(t for t in (doc.title_of(x).strip() for x in doc.section_path(section)) if t)
    return raw.strip(), path, m.start - base, m.end - base


def _two_reports(sample_doc):
    from kg.structure import parse

    lead = "运城市2024年政府工作报告\n一、总体要求\n推进垣曲一期抽水蓄能项目建设,位于垣曲县。\n"
    return [sample_doc, parse(lead + sample_doc.text, source="other.txt", year=2024)]


def test_a_reports_share_of_the_page_is_the_same_from_its_analysis_and_from_the_merged_graph(sample_doc):
    """A worker makes each report's share beside its analysis; the page makes a share it was not given from
    the graph.  Both ways give the same share, so the page is the same whichever it was given."""
    from kg.pipeline import analyse_and_render, build_graph

    analyses = [analyse_and_render(doc)[0] for doc in _two_reports(sample_doc)]
    graph = build_graph(analyses)
    given = {a.document.id: a.page for a in analyses}
    assert page_data.pages_of(graph) == given
    text = "".join(page_data.payload_parts(graph, given))
    assert "\0" not in text  # every entry got its report's place
    assert "".join(page_data.payload_parts(graph)) == text
    first = dict([next(iter(given.items()))])
    assert "".join(page_data.payload_parts(graph, first)) == text


def test_a_build_gives_the_page_its_reports_shares_and_makes_none_itself(tmp_path, sample_doc, monkeypatch):
    from kg.pipeline import build

    reports = []
    for i, doc in enumerate(_two_reports(sample_doc)):
        reports.append(tmp_path / f"r{i}.txt")
        reports[-1].write_text(doc.text, encoding="utf-8")
    real = page_data.pages_of

    def made_here(*args, **kwargs):
        raise AssertionError("a share of the page made from the graph")

    monkeypatch.setattr(page_data, "pages_of", made_here)
    cold = build(reports, tmp_path / "out", jobs=1)
    page = (tmp_path / "out" / "graph.html").read_bytes()
    cached = build(reports, tmp_path / "out", jobs=1)  # the shares come from the cache this time
    assert cached.cached == 2
    assert (tmp_path / "out" / "graph.html").read_bytes() == page
    monkeypatch.setattr(page_data, "pages_of", real)
    assert html.render_bytes(cold.graph) == page  # as the graph alone gives it


def test_sources_group_a_sentences_marks_and_write_a_repeated_span_once():
    places = [(3, 1, 2, 5), (3, 1, 2, 5), (3, 1, 7, 9), (4, 1, 0, 2)]
    assert page_data._grouped_by_sentence(places) == "[\0,3,1,[2,5,7,9]],[\0,4,1,[0,2]]"
    assert page_data._grouped_by_sentence(places[:1]) == "[\0,3,1,[2,5]]"


def test_target_values_and_relations_reach_the_page(hostile_graph):
    payload = page_data.payload(hostile_graph)
    nodes, edges = payload["nodes"], payload["edges"]
    t = nodes["label"].index("新增高新技术企业25家")
    assert nodes["attrs"][t] == {"value": 25, "unit": "家", "change": "increase", "indicator": "高新技术企业"}
    init = nodes["label"].index("激活创新第一动力")
    rel = [r[0] for r in payload["relations"]].index("part_of_initiative")
    assert (t, rel, init) in zip(edges["from"], edges["rel"], edges["to"])
    assert len(edges["from"]) == len(hostile_graph.relations)
    # relation evidence points at the sentence it was read from
    located = [r[0] for r in payload["relations"]].index("located_in")
    k = [(f, r) for f, r in zip(edges["from"], edges["rel"])].index((nodes["label"].index("垣曲一期抽水蓄能项目"), located))
    d, sentence, _ = edges["evidence"][k]
    assert sentence_of(payload, d, sentence).startswith("垣曲一期抽水蓄能项目开工建设")


def test_degree_counts_both_ends(hostile_graph):
    nodes = page_data.payload(hostile_graph)["nodes"]
    assert nodes["degree"][nodes["label"].index("垣曲县")] == 2
    assert sum(nodes["degree"]) == 2 * len(hostile_graph.relations)


def test_style_tables_cover_the_model():
    assert tuple(s.name for s in TYPE_STYLES) == ENTITY_TYPES
    assert tuple(s.name for s in RELATION_STYLES) == RELATION_TYPES
    assert len({s.colour for s in TYPE_STYLES}) == len(TYPE_STYLES)
    assert len({(s.shape, s.glyph) for s in TYPE_STYLES}) == len(TYPE_STYLES)


def test_layout_is_seeded_integer_and_spread():
    edges = [(i, (i * 7 + 3) % 60) for i in range(60)]
    first = layout(60, edges)
    assert first == layout(60, edges)
    assert all(isinstance(c, int) for xy in first for c in xy)
    assert len(set(first)) == 60  # no two nodes on one spot


@pytest.mark.parametrize("n", [0, 1])
def test_layout_of_tiny_graphs(n):
    assert layout(n, []) == [(0, 0)] * n


def test_overview_only_above_the_threshold():
    place = [s.name for s in TYPE_STYLES].index("Place")
    project = [s.name for s in TYPE_STYLES].index("Project")
    assert page_data.overview([place, project] * 10, [1] * 20) is None
    n = page_data.OVERVIEW_THRESHOLD + 1
    types = [place if i % 2 else project for i in range(n)]
    degree = [i % 5 for i in range(n)]
    chosen = page_data.overview(types, degree)
    assert chosen == sorted(chosen)
    assert all(types[i] == place for i in chosen)
    assert len(chosen) == min(page_data.OVERVIEW_BUDGET, n // 2)
    # the busiest skeleton nodes are kept
    dropped = set(range(1, n, 2)) - set(chosen)
    assert min(degree[i] for i in chosen) >= max((degree[i] for i in dropped), default=0)


def test_sample_page(sample_build):
    page_path = next(p for p in sample_build.outputs if p.suffix == ".html")
    page = page_path.read_text(encoding="utf-8")
    payload = page_payload(page)
    assert len(payload["nodes"]["label"]) == len(sample_build.graph.entities)
    assert "http" not in page.replace(html.vis_script(), "")
    i = payload["nodes"]["label"].index("垣曲县")
    assert "垣曲" in payload["nodes"]["names"][i]
    assert payload["nodes"]["sources"][i], "垣曲县 has a source sentence"


def test_payload_pieces_join_into_compact_script_safe_json(hostile_graph, monkeypatch):
    text = "".join(page_data.payload_parts(hostile_graph))
    assert text == html.script_json(json.loads(text))
    # long columns are encoded a batch at a time: batches of one give the same text
    monkeypatch.setattr(page_data, "_BATCH", 1)
    assert "".join(page_data.payload_parts(hostile_graph)) == text


def test_edge_evidence_is_the_first_sentence_it_was_read_from(hostile_graph):
    doc = next(iter(hostile_graph.documents.values()))
    later = doc.text.index("用好改革")
    rel = hostile_graph.relations["Project/垣曲一期抽水蓄能项目", "located_in", "Place/140827"]
    rel.evidence.add(Evidence(doc.id, later, later + 4))
    rel.evidence.add(Evidence("0" * 16, 0, 4))  # a report not in the graph sorts first and is passed over
    payload = page_data.payload(hostile_graph)
    nodes, edges = payload["nodes"], payload["edges"]
    k = list(zip(edges["from"], edges["to"])).index(
        (nodes["label"].index("垣曲一期抽水蓄能项目"), nodes["label"].index("垣曲县"))
    )
    d, sentence, path = edges["evidence"][k]
    assert sentence_of(payload, d, sentence) == "垣曲一期抽水蓄能项目开工建设,位于垣曲县。"
    assert path_of(payload, d, path) == "2022年工作回顾 › 推动工业转型升级 › 激活创新第一动力"
    # a relation read nowhere (the gazetteer's located_in) has no evidence
    k = list(zip(edges["from"], edges["to"])).index((nodes["label"].index("垣曲县"), nodes["label"].index("运城市")))
    assert edges["evidence"][k] == []


def test_repeated_and_sentence_crossing_mentions(hostile_graph):
    doc = next(iter(hostile_graph.documents.values()))
    entity = hostile_graph.entities["Place/140827"]
    m = entity.mentions[0]
    entity.mentions.append(m)  # the same span twice: marked once
    across = doc.text.index("动力。垣曲")  # a span across a sentence end: shown as itself
    entity.mentions.append(m._replace(start=across, end=across + 5))
    payload = page_data.payload(hostile_graph)
    sources = payload["nodes"]["sources"][payload["nodes"]["label"].index("垣曲县")]
    texts = {sentence_of(payload, d, s): marks for d, s, _, marks in sources}
    sentence = "垣曲一期抽水蓄能项目开工建设,位于垣曲县。"
    assert texts[sentence] == [sentence.index("垣曲县"), sentence.index("垣曲县") + 3]
    assert texts["动力。垣曲"] == [0, 5]


@pytest.mark.parametrize(
    ("n", "pairs", "expected"),
    [
        (3, [(0, 1), (1, 2)], {}),  # a path: no hubs
        (6, [(0, 1), (0, 2), (0, 3), (1, 4), (2, 4), (3, 4), (4, 5)], {(0, 4): [1, 2, 3], (4,): [5]}),
        (8, [(0, 1), (0, 2), (0, 3), (0, 4), (4, 5), (4, 6), (4, 7), (0, 7)], {(0,): [1, 2, 3], (4,): [5, 6], (0, 4): [7]}),
    ],
)
def test_layout_groups_like_leaves_by_their_hubs(n, pairs, expected):
    assert page_layout.groups(n, pairs) == expected


def test_large_layout_keeps_each_group_around_its_hub():
    # two hubs joined by a few shared nodes, each with thousands of leaves
    hubs = (0, 1)
    edges = [(0, 2), (1, 2), (0, 3), (1, 3), (0, 4), (1, 4)]
    leaves = {h: list(range(5 + h, page_layout.EXACT_LIMIT + 1001, 2)) for h in hubs}
    edges += [(h, leaf) for h in hubs for leaf in leaves[h]]
    n = page_layout.EXACT_LIMIT + 1001
    coords = layout(n, edges)
    assert coords == layout(n, edges)
    assert len(coords) == n and all(isinstance(c, int) for xy in coords for c in xy)
    assert len(set(coords)) == n

    def mean_distance(points, to):
        return sum(((x - to[0]) ** 2 + (y - to[1]) ** 2) ** 0.5 for x, y in points) / len(points)

    for h in hubs:
        own = mean_distance([coords[i] for i in leaves[h]], coords[h])
        other = mean_distance([coords[i] for i in leaves[h]], coords[1 - h])
        assert own < other


def _wheel(n):
    """A ring of ``n`` nodes with spokes from node 0: one connected graph of any size."""
    return [(i, (i + 1) % n) for i in range(n)] + [(0, i) for i in range(2, n, 7)]


def test_big_layout_runs_in_its_own_process_with_the_same_coordinates(monkeypatch):
    n, edges = 90, _wheel(90)
    expected = layout(n, edges)
    monkeypatch.setattr(page_layout, "SEPARATE_FROM", 50)

    def not_here(*args):
        raise AssertionError("laid out in this process")

    monkeypatch.setattr(page_layout, "layout", not_here)
    pending = page_layout.start(n, edges)
    assert isinstance(pending, page_layout.Pending)
    assert pending.result() == expected
    pending.close()


def test_small_layout_is_computed_at_once(monkeypatch):
    monkeypatch.setattr(page_layout, "SEPARATE_FROM", 50)
    assert not isinstance(page_layout.start(40, _wheel(40)), page_layout.Pending)


@pytest.mark.parametrize("program", ["false", "echo"])
def test_layout_is_computed_here_when_its_process_fails(program, monkeypatch):
    # a process that exits with an error, one that prints no coordinates (kg.sideproc's tests cover the rest)
    n, edges = 90, _wheel(90)
    expected = layout(n, edges)
    monkeypatch.setattr(page_layout, "SEPARATE_FROM", 50)
    monkeypatch.setattr(page_layout.sys, "executable", shutil.which(program))
    assert page_layout.start(n, edges).result() == expected


def test_page_is_the_same_with_the_layout_in_its_own_process(hostile_graph, monkeypatch):
    here = "".join(page_data.payload_parts(hostile_graph))
    monkeypatch.setattr(page_layout, "SEPARATE_FROM", 0)
    monkeypatch.setattr(page_layout, "layout", None)  # a layout in this process would fail
    assert "".join(page_data.payload_parts(hostile_graph)) == here


def test_a_page_begun_then_abandoned_stops_its_layout(hostile_graph, monkeypatch):
    """A build begins the page, so that its layout runs beside the background graph; if that fails, leaving
    the page's ``with`` block stops the layout's process."""
    monkeypatch.setattr(page_layout, "SEPARATE_FROM", 0)
    with html.Page(hostile_graph) as page:
        job = page._payload._coords._proc  # the kg.sideproc.Job laying the page out
        assert job._proc is not None and job._proc.poll() is None  # still running
    assert job._proc.poll() is not None
