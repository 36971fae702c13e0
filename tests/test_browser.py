"""The graph page in a real browser: Debian's headless Chromium through Playwright.

``make test`` installs ``chromium`` when /usr/bin/chromium is missing.  Set
``GOVKG_SCREENSHOT=docs/graph-page.png`` to refresh the README's screenshot.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg import html
from kg.html.browser import CHROMIUM, CHROMIUM_FLAGS


if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} is missing (`make test` installs it)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """Open a local page; every request the page makes is recorded, and any
    that is not the page file itself is aborted."""
    pages = []

    def open_(path: Path):
        page = browser.new_page(viewport={"width": 1400, "height": 850})
        page.requests = []
        page.errors = []
        page.dialogs = []
        page.on("request", lambda r: page.requests.append(r.url))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.route("**/*", lambda route: route.continue_() if route.request.url == path.as_uri() else route.abort())
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready='1']", timeout=30_000)
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()


def search_and_pick(page, query: str, label: str):
    page.fill("#q", query)
    page.locator("#results button", has_text=label).first.click()
    page.wait_for_selector("#panel:not([hidden])")


def click_node(page, label: str) -> None:
    """Click the node drawn for ``label`` on the canvas, like a user would."""
    # empty the open panel (hiding it would resize the canvas under the node)
    page.evaluate("document.getElementById('panel').replaceChildren()")
    x, y = page.evaluate(
        """(label) => {
            const net = govkg.network;
            const id = net.body.nodeIndices.find((i) => net.body.nodes[i].options.label.replace(/\\n/g, '') === label);
            const p = net.canvasToDOM(net.getPosition(id));
            const box = document.getElementById('graph').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        label,
    )
    page.mouse.click(x, y)
    page.wait_for_selector("#panel h2")


def test_sample_page_search_click_and_source(sample_build, open_page, tmp_path):
    page_path = next(p for p in sample_build.outputs if p.suffix == ".html")
    page = open_page(page_path)
    search_and_pick(page, "垣曲县", "垣曲县")
    click_node(page, "垣曲县")
    panel = page.locator("#panel")
    assert panel.locator("h2").inner_text().strip().endswith("垣曲县")
    assert "140827" in panel.inner_text()
    # its source sentence, with the mention marked and the report named
    doc = next(iter(sample_build.graph.documents.values()))
    entity = next(e for e in sample_build.graph.entities.values() if e.label == "垣曲县")
    mention = entity.mentions[0]
    sentence = doc.sentence_at(mention.start)
    expected = doc.text[sentence.start : sentence.end].strip()
    quotes = panel.locator(".source blockquote").all_inner_texts()
    assert expected in quotes
    assert panel.locator(".source mark").first.inner_text() == mention.text
    assert "报告：" in panel.locator(".source .where").first.inner_text()
    shot = tmp_path / "graph-page.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("GOVKG_SCREENSHOT"):
        shutil.copyfile(shot, os.environ["GOVKG_SCREENSHOT"])
    assert page.requests == [page_path.as_uri()], "the page requested something besides itself"
    assert page.errors == []


def test_markup_in_names_renders_as_text(hostile_graph, open_page, tmp_path):
    page = open_page(html.write(hostile_graph, tmp_path / "graph.html"))
    for name in ("<script>alert(1)</script>工程", "<img src=x onerror=alert(2)>计划"):
        search_and_pick(page, name[:8], name)
        assert page.locator("#panel h2").inner_text().strip().endswith(name)
        assert name in page.locator("#panel .source blockquote").first.inner_text()
    assert page.locator("#panel img, #results img, #panel script").count() == 0
    page.wait_for_timeout(200)
    assert page.dialogs == [] and page.errors == []
    assert page.requests == [(tmp_path / "graph.html").as_uri()]


def test_filters_focus_and_related_links(hostile_graph, open_page, tmp_path):
    page = open_page(html.write(hostile_graph, tmp_path / "graph.html"))
    count = "() => govkg.network.body.nodeIndices.length"
    assert page.evaluate(count) == len(hostile_graph.entities)
    # hide places: two fewer nodes; show them again
    page.locator("#type-filters label", has_text="Place").locator("input").uncheck()
    assert page.evaluate(count) == len(hostile_graph.entities) - 2
    page.locator("#type-filters label", has_text="Place").locator("input").check()
    # focus on the project: itself, its place and its initiative
    search_and_pick(page, "抽水蓄能", "垣曲一期抽水蓄能项目")
    page.get_by_role("button", name="聚焦邻域").click()
    assert page.evaluate(count) == 3
    panel = page.locator("#panel").inner_text()
    assert "所属举措" in panel and "激活创新第一动力" in panel
    # the link's tooltip quotes the sentence the relation was read from, and where
    county = page.locator("#panel li", has=page.locator(".link", has_text="垣曲县"))
    title = county.get_attribute("title")
    assert title.startswith("垣曲一期抽水蓄能项目开工建设,位于垣曲县。\n报告：")
    assert "章节：2022年工作回顾 › 推动工业转型升级 › 激活创新第一动力" in title
    # follow the located_in link to the county
    page.locator("#panel .link", has_text="垣曲县").click()
    assert page.locator("#panel h2").inner_text().strip().endswith("垣曲县")
    page.get_by_role("button", name="退出聚焦").click()
    assert page.evaluate(count) == len(hostile_graph.entities)


def test_large_graph_opens_on_overview_and_expands(open_page, tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    from html_scale import synthetic_graph

    graph = synthetic_graph(3000)
    page = open_page(html.write(graph, tmp_path / "graph.html"))
    shown = page.evaluate("() => govkg.network.body.nodeIndices.length")
    assert 0 < shown <= 1200
    label = graph.entities["Project/0"].label
    search_and_pick(page, label, label)
    assert page.evaluate("() => govkg.network.body.nodeIndices.length") == shown + 1
    page.get_by_role("button", name="显示全部").click()
    assert page.evaluate("() => govkg.network.body.nodeIndices.length") == 3000


def test_sources_of_two_reports_quote_each_report(open_page, tmp_path):
    """Each report numbers its own sentences and paths, and the page maps them to its shared tables: an
    entity read in two reports quotes the right sentence and section of each."""
    from kg.pipeline import SAMPLE, build

    sample = SAMPLE.read_text(encoding="utf-8")
    other = tmp_path / "in" / "2024.txt"
    other.parent.mkdir()
    lead = "运城市2024年政府工作报告\n一、总体要求\n推进抽水蓄能电站建设,位于垣曲县。\n"
    other.write_text(lead + sample, encoding="utf-8")
    (tmp_path / "in" / "2023.txt").write_text(sample, encoding="utf-8")
    result = build([tmp_path / "in"], tmp_path / "out", jobs=1)
    page = open_page(next(p for p in result.outputs if p.suffix == ".html"))
    search_and_pick(page, "垣曲县", "垣曲县")
    click_node(page, "垣曲县")
    panel = page.locator("#panel")
    quotes = panel.locator(".source blockquote").all_inner_texts()
    marks = panel.locator(".source mark").all_inner_texts()
    wheres = panel.locator(".source .where").all_inner_texts()
    assert "推进抽水蓄能电站建设,位于垣曲县。" in quotes  # the second report's own first sentence
    assert len(quotes) == 3 and all("垣曲" in q for q in quotes), quotes  # one sentence in 2023, two in 2024
    assert set(marks) <= {"垣曲县", "垣曲"}, marks
    lead = quotes.index("推进抽水蓄能电站建设,位于垣曲县。")
    assert wheres[lead].endswith("章节：总体要求"), wheres[lead]
    # and each quote's section, as the report's outline has it
    entity = next(e for e in result.graph.entities.values() if e.label == "垣曲县")
    paths = set()
    for m in entity.mentions:
        doc = result.graph.documents[m.doc]
        titles = (doc.title_of(s).strip() for s in doc.section_path(doc.sentence_at(m.start).section))
        paths.add(" › ".join(t for t in titles if t))
    assert {w.split("章节：")[1] for w in wheres} == paths, wheres
    assert page.errors == []
