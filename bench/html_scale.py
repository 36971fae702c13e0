"""How big and how fast is the graph page at 500, 5,000 and 20,000 nodes?

Builds a synthetic graph of each size (deterministic: same size, same graph),
writes the page with :func:`kg.html.write` and opens it in headless Chromium
(Debian's ``/usr/bin/chromium`` through Playwright), several times each.

Reported per size:

* ``build s``    -- layout + payload + page written (Python side)
* ``MB``         -- page size on disk
* ``ready ms``   -- navigation start to the first frame drawn (in-page clock)
* ``interactive ms`` -- wall clock from ``page.goto`` until a search for a
  name, the selection of the hit and its side panel have all completed
* ``show all ms`` -- leaving the overview for the whole graph, until drawn

The medians of ``--runs`` loads are printed as a Markdown table.

With ``--corpus DIR`` it times the Python side on a real corpus graph
instead (reports read and resolved as ``kg build`` does, analyses cached in
``--cache``): the best of ``--runs`` renders (wall and CPU seconds), the
page's size, and the memory one render allocates (tracemalloc peak, in a
separate render).

    .venv/bin/python bench/html_scale.py            # 500, 5000, 20000
    .venv/bin/python bench/html_scale.py 500 --runs 1
    .venv/bin/python bench/corpus.py 10 /tmp/c10
    .venv/bin/python bench/html_scale.py --corpus /tmp/c10 --runs 3
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg import html
from kg.html.browser import CHROMIUM, CHROMIUM_FLAGS
from kg.model import Entity, Evidence, KnowledgeGraph, Mention, attrs
from kg.structure import parse

SIZES = (500, 5000, 20000)
# Share of each type among the nodes (sums to 1).
MIX = (
    ("Initiative", 0.06),
    ("Place", 0.10),
    ("Project", 0.30),
    ("Enterprise", 0.08),
    ("Policy", 0.12),
    ("Target", 0.22),
    ("Outcome", 0.06),
    ("Group", 0.06),
)
# Entities per synthetic report.
PER_DOC = 2500
CHARS = "安宝昌城达东丰福港固广海和河红华淮黄汇佳江金锦晋京康乐利临龙隆鲁绿茂美明南宁平清庆瑞山盛泰天通万祥新兴鑫阳永元源运长中"
SUFFIX = {
    "Initiative": ("推进", "发展"),
    "Place": ("", "县"),
    "Project": ("", "产业园项目"),
    "Enterprise": ("", "集团"),
    "Policy": ("", "行动计划"),
    "Group": ("", "从业人员"),
}


def _name(kind: str, index: int) -> str:
    base = len(CHARS)
    stem = "".join(CHARS[(index // base**k) % base] for k in range(3))
    prefix, suffix = SUFFIX[kind]
    return f"{prefix}{stem}{suffix}"


def synthetic_graph(n: int, seed: int = 0) -> KnowledgeGraph:
    """A graph of ``n`` entities over parsed synthetic reports, with sources."""
    rng = random.Random(seed)
    counts = {t: max(1, round(n * share)) for t, share in MIX}
    counts["Project"] += n - sum(counts.values())
    graph = KnowledgeGraph()
    places = [f"Place/{i}" for i in range(counts["Place"])]
    groups = [f"Group/{i}" for i in range(counts["Group"])]
    enterprises = [f"Enterprise/{i}" for i in range(counts["Enterprise"])]
    members = [(t, i) for t, _ in MIX if t != "Initiative" for i in range(counts[t])]
    rng.shuffle(members)
    n_init = counts["Initiative"]
    per_init = [members[k::n_init] for k in range(n_init)]
    n_docs = max(1, round(n / PER_DOC))
    edges = []
    for d in range(n_docs):
        edges += _report(graph, rng, d, range(d, n_init, n_docs), per_init, places, groups, enterprises)
    # every entity is mentioned in some report, so every end exists by now
    for subject, predicate, obj, evidence in edges:
        graph.relate(subject, predicate, obj, evidence)
    return graph


def _report(graph, rng, d, inits, per_init, places, groups, enterprises) -> list:
    """One synthetic report: a paragraph per initiative, a sentence per member."""
    lines: list[str] = [f"合成市{2000 + d}年政府工作报告", "一、主要任务"]
    pending: list[tuple[str, str, str, int, int, dict]] = []  # key, type, name, start, end, attrs
    edges: list[tuple[str, str, str, int, int]] = []
    offset = sum(len(x) + 1 for x in lines)
    for k in inits:
        init_key = f"Initiative/{k}"
        name = _name("Initiative", k)
        para = [f"{name}。"]
        pending.append((init_key, "Initiative", name, offset, offset + len(name), {}))
        if k:
            edges.append((init_key, "part_of_initiative", f"Initiative/{rng.randrange(k)}", offset, offset))
        pos = offset + len(para[0])
        for t, i in per_init[k]:
            key = f"{t}/{i}"
            if t in ("Target", "Outcome"):
                value = rng.randrange(1, 500)
                name = f"新增{_name('Group', i)}{value}家"
                extra = {"value": value, "unit": "家", "indicator": _name("Group", i)}
            else:
                name, extra = _name(t, i), {}
            sentence = f"着力抓好{name}。"
            start = pos + 4
            pending.append((key, t, name, start, start + len(name), extra))
            edges.append((key, "part_of_initiative", init_key, pos, pos + len(sentence)))
            if t == "Place" and i:
                edges.append((key, "located_in", f"Place/{rng.randrange(max(1, i // 4))}", pos, pos))
            if t in ("Project", "Enterprise"):
                edges.append((key, "located_in", rng.choice(places), pos, pos))
            if t == "Policy":
                edges.append((key, "targets", rng.choice(groups + enterprises), pos, pos))
            para.append(sentence)
            pos += len(sentence)
        lines.append("".join(para))
        offset = pos + 1
    text = "\n".join(lines) + "\n"
    doc = parse(text, source=f"synthetic-{d}.txt", year=2000 + d)
    graph.documents[doc.id] = doc
    for key, t, name, start, end, extra in pending:
        assert text[start:end] == name, (text[start:end], name)
        entity = graph.entities.setdefault(key, Entity(key, t, name))
        entity.aliases.add(name)
        entity.mentions.append(Mention(doc.id, t, start, end, name, name, attrs(**extra)))
        entity.attrs.update(extra)
    return [(s, p, o, Evidence(doc.id, start, max(end, start + 1))) for s, p, o, start, end in edges]

def measure(path: Path, query: str, runs: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    ready, interactive, show_all = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 850})
            t0 = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-ready='1']", timeout=120_000)
            page.fill("#q", query)
            page.click("#results button")
            page.wait_for_selector("#panel:not([hidden]) .source")
            interactive.append((time.perf_counter() - t0) * 1000)
            ready.append(page.evaluate("window.govkgReady"))
            show_all.append(
                page.evaluate(
                    """() => new Promise((done) => {
                        const t = performance.now();
                        govkg.network.once('afterDrawing', () => done(performance.now() - t));
                        govkg.showAll();
                        govkg.network.redraw();
                    })"""
                )
            )
            page.close()
        browser.close()
    return {
        "ready": statistics.median(ready),
        "interactive": statistics.median(interactive),
        "show_all": statistics.median(show_all),
    }


def corpus_graph(corpus: Path, cache: Path) -> KnowledgeGraph:
    """The graph ``kg build`` makes of the reports in ``corpus`` (without writing anything)."""
    from kg.cache import Cache
    from kg.parallel import analyse_inputs
    from kg.pipeline import build_graph

    paths = sorted(corpus.glob("*.txt"))
    results = analyse_inputs(paths, jobs=2, cache=Cache(cache, reuse=True))
    analyses, seen = [], set()
    for r in results:  # the first of each distinct text, as the build keeps them
        if r.analysis is not None and r.analysis.document.id not in seen:
            seen.add(r.analysis.document.id)
            analyses.append(r.analysis)
    return build_graph(analyses)


def measure_render(graph: KnowledgeGraph, runs: int) -> dict[str, float]:
    import gc
    import tracemalloc

    walls, cpus = [], []
    for _ in range(runs):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        page = html.render_bytes(graph)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        del page
    gc.collect()
    tracemalloc.start()
    page = html.render_bytes(graph)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"wall": min(walls), "cpu": min(cpus), "bytes": len(page), "peak": peak}


def main_corpus(args) -> None:
    t = time.perf_counter()
    graph = corpus_graph(args.corpus, args.cache)
    print(f"graph of {args.corpus}: {len(graph.documents):,} reports, {len(graph.entities):,} entities, "
          f"{len(graph.relations):,} relations ({time.perf_counter() - t:.1f} s)", file=sys.stderr)
    m = measure_render(graph, args.runs)
    print("| entities | relations | render s (best wall) | render s (best CPU) | page MB | alloc peak MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(f"| {len(graph.entities):,} | {len(graph.relations):,} | {m['wall']:.2f} | {m['cpu']:.2f} "
          f"| {m['bytes'] / 1e6:.2f} | {m['peak'] / 1e6:.1f} |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, help="time the render of this corpus's graph instead")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/govkg-html-scale"),
                        help="output directory whose cache holds the corpus's analyses")
    args = parser.parse_args(argv)
    if args.corpus:
        main_corpus(args)
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            t = time.perf_counter()
            graph = synthetic_graph(n)
            gen = time.perf_counter() - t
            t = time.perf_counter()
            path = html.write(graph, Path(tmp) / f"graph-{n}.html")
            build = time.perf_counter() - t
            query = graph.entities["Project/0"].label
            m = measure(path, query, args.runs)
            edges = len(graph.relations)
            rows.append((n, edges, gen, build, path.stat().st_size / 1e6, m))
            print(f"{n} nodes done", file=sys.stderr)
    print("| nodes | edges | generate s | build s | MB | ready ms | interactive ms | show all ms |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, edges, gen, build, mb, m in rows:
        print(
            f"| {n:,} | {edges:,} | {gen:.2f} | {build:.2f} | {mb:.2f} | {m['ready']:.0f} "
            f"| {m['interactive']:.0f} | {m['show_all']:.0f} |"
        )


if __name__ == "__main__":
    main()
