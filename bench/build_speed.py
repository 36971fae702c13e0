"""Corpus build speed against a bare jieba pass, rebuild time, memory, and query engines.

For each size (MB of UTF-8 text, corpus from bench/corpus.py) prints, side
by side from one run:

* the full build -- ``kg.pipeline.build``, the function ``kg build`` calls:
  read -> extract -> resolve -> RDF -> HTML, in a fresh process with
  ``--jobs`` workers into an empty output directory -- in seconds (from
  process start to exit, which is early as ``kg build``'s) and characters
  per second;
* the floor: the same files read and cut with ``jieba.lcut``, one process,
  dictionary loaded beforehand (its load time is printed apart);
* their ratio, the build's peak resident memory (parent; largest child process: a
  worker, the helper that copies parts or a side process of kg/sideproc.py),
  and the wall time of each stage.  Up to :data:`REPEAT_UP_TO_MB`, ``--repeats``
  cold builds are timed, with a floor before each and after the last
  (F B F B F B F), and the ratio is the median build's over the median floor:
  the floor and the build each moved by up to a fifth between runs on one
  code, and not together, so one build against one floor measured that
  noise as much as the code.
  Larger sizes are built once, between two floors;
* rebuilds into the same directory, each after one more report changed
  (cache warm): :data:`REBUILDS` of them, the median reported, since this
  machine's speed drifts by a quarter or more from one run to the next;
* on the largest graph built: every parameterless example query of
  ontology/queries through ``kg.query`` (pyoxigraph) on the whole graph;
  each aggregate one also through rdflib's own engine, on the slice of the
  graph its triple patterns can match (see :func:`query_predicates`), with
  load and query times and whether both engines gave the same answer.  Each
  engine runs each query up to :data:`QUERY_RUNS` times, until its runs have
  taken :data:`QUERY_BUDGET` seconds, and the median run is reported.

rdflib holds about 1.5 KB a triple and cannot load the 50 MB corpus's 18
million triples on this machine.  A query whose patterns all name their
predicate sees only triples with those predicates, so its answer on the
slice is its answer on the whole graph (the run checks this against kg's
rows); rdflib searching a smaller graph than kg does makes the ratio a
lower bound.

Each measured process runs under ``--timeout``; one that passes it is
killed and reported as such (with the stages it finished).

    python bench/build_speed.py --sizes 1,10,50 --jobs 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402
import query_engines  # noqa: E402

PY = sys.executable
GOALS = (
    "full build <= 1.5x the bare jieba pass at 10 MB",
    "10 MB built in < 60 s with --jobs 2; peak memory < 2 GB",
    "rebuild after one changed report <= 10% of the full build (10 MB)",
    "kg query >= 10x faster than rdflib on the aggregate example queries (50 MB graph)",
)
CHANGED_SENTENCE = "\n推进城区东环路改造提升项目建设。"
#: Rebuilds timed per size, each after changing another report (the median is reported).
REBUILDS = 3
#: Cold builds timed per size up to REPEAT_UP_TO_MB (``--repeats``), each between two floors.
REPEATS = 3
REPEAT_UP_TO_MB = 10
#: Runs of one query by one engine: at most QUERY_RUNS, none begun once QUERY_BUDGET seconds are spent.
QUERY_RUNS = 5
QUERY_BUDGET = 60.0
#: Address space allowed to the rdflib process (the machine has 23 GB and other work).
RDFLIB_MEMORY_GB = 14.0


# ---------------------------------------------------------------- child processes

def _emit(**kw) -> None:
    print(json.dumps(kw, ensure_ascii=False), flush=True)


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def child_floor(listing: Path) -> None:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    t = time.perf_counter()
    jieba.initialize()
    init = time.perf_counter() - t
    paths = listing.read_text(encoding="utf-8").splitlines()
    t = time.perf_counter()
    words = 0
    for p in paths:
        words += len(jieba.lcut(Path(p).read_text(encoding="utf-8")))
    _emit(kind="floor", seconds=time.perf_counter() - t, init=init, words=words, rss=_rss_mb(resource.RUSAGE_SELF))


def child_build(listing: Path, out: Path, jobs: int) -> None:
    started = time.perf_counter()
    from kg.pipeline import build

    paths = listing.read_text(encoding="utf-8").splitlines()

    def progress(done: int, total: int, cached: bool) -> None:
        if done == total:
            _emit(kind="stage", stage="analyse-done", at=time.perf_counter() - started)

    result = build(paths, out, jobs=jobs, progress=progress)
    _emit(
        kind="build", seconds=time.perf_counter() - started, stages=result.stages, cached=result.cached,
        documents=len(result.graph.documents), entities=len(result.graph.entities),
        relations=len(result.graph.relations), failures=[str(f) for f in result.failures],
        warnings=result.warnings, rss=_rss_mb(resource.RUSAGE_SELF), rss_workers=_rss_mb(resource.RUSAGE_CHILDREN),
    )
    os._exit(0)  # as `kg build` leaves (kg.cli._leave): without freeing the graph object by object


def aggregate_queries() -> dict[str, tuple[str, bool]]:
    from kg.query import named_queries

    out = {}
    for name, q in sorted(named_queries().items()):
        if q.params:
            continue
        text = q.text
        out[name] = (text, "GROUP BY" in text.upper() or "COUNT(" in text.upper())
    return out


def query_predicates(text: str) -> set[str] | None:
    """The predicates of every triple pattern and property path of the SPARQL ``text``; None when a
    pattern has a variable predicate (then the whole graph can matter)."""
    from rdflib.paths import Path as PropertyPath
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.term import URIRef, Variable

    found: set[str] = set()
    variable = False

    def predicate(p) -> None:
        nonlocal variable
        if isinstance(p, Variable):
            variable = True
        elif isinstance(p, URIRef):
            found.add(str(p))
        elif isinstance(p, PropertyPath):
            for part in ("args", "arg", "path"):
                inner = getattr(p, part, None)
                for q in inner if isinstance(inner, (list, tuple)) else [inner] if inner is not None else []:
                    predicate(q)
        else:
            raise ValueError(f"unexpected predicate {p!r}")

    def walk(node) -> None:
        if isinstance(node, dict):  # rdflib's CompValue: BGP, TriplesBlock (inside NOT EXISTS), Filter ...
            for triple in node["triples"] if "triples" in node else ():  # CompValue.get(k) gives k when missing
                predicate(triple[1])
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                walk(value)

    walk(prepareQuery(text).algebra)
    return None if variable else found


def write_slices(graph: Path, wanted: dict[str, set[str]], workdir: Path) -> tuple[dict[str, tuple[Path, int]], int]:
    """For each name, the triples of the N-Triples file ``graph`` whose predicate is in its set: (file, triples);
    and how many triples ``graph`` holds."""
    paths = {name: workdir / f"slice-{name}.nt" for name in wanted}
    counts = dict.fromkeys(wanted, 0)
    files = {name: open(path, "wb") for name, path in paths.items()}  # noqa: SIM115
    by_predicate: dict[bytes, list[str]] = {}
    for name, predicates in wanted.items():
        for p in predicates:
            by_predicate.setdefault(f"<{p}>".encode(), []).append(name)
    total = 0
    try:
        with open(graph, "rb") as lines:
            for total, line in enumerate(lines, 1):  # noqa: B007 - total is the count
                for name in by_predicate.get(line.split(b" ", 2)[1], ()):
                    files[name].write(line)
                    counts[name] += 1
    finally:
        for fh in files.values():
            fh.close()
    return {name: (paths[name], counts[name]) for name in wanted}, total


def _lexical_rows(rows, value) -> str:
    return query_engines._digest([tuple("" if t is None else value(t) for t in row) for row in rows])


def another_run(runs: list[float]) -> bool:
    """Whether a query timed ``runs`` (seconds) is run once more: the first time, and then while fewer than
    :data:`QUERY_RUNS` runs have taken less than :data:`QUERY_BUDGET` seconds together."""
    return not runs or (len(runs) < QUERY_RUNS and sum(runs) < QUERY_BUDGET)


def child_query(engine: str, graph: Path, name: str = "", query_timeout: float = 0) -> None:
    """kg: load the graph and run every parameterless query; rdflib: load a slice and run query ``name``."""
    queries = aggregate_queries()
    t = time.perf_counter()
    if engine == "kg":
        from kg.query import load, run_query

        store = load(graph)
        _emit(kind="load", engine=engine, seconds=time.perf_counter() - t, rss=_rss_mb(resource.RUSAGE_SELF))
        for name, (text, _) in queries.items():
            runs: list[float] = []
            while another_run(runs):
                t = time.perf_counter()
                result = run_query(store, text)
                runs.append(time.perf_counter() - t)
            digest = _lexical_rows(result.rows, lambda term: term.value)
            _emit(kind="query", engine=engine, name=name, seconds=statistics.median(runs), runs=runs,
                  rows=len(result.rows), digest=digest)
        return
    import signal

    from rdflib import Graph

    # rdflib holds a graph in Python objects (~1.5 KB a triple): cap it so that a graph too
    # big for it fails in this process instead of pushing the machine into swap.
    cap = int(RDFLIB_MEMORY_GB * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    g = Graph()
    try:
        g.parse(graph, format="nt")
    except MemoryError:
        _emit(kind="load", engine=engine, name=name, seconds=None, error=f"MemoryError above {RDFLIB_MEMORY_GB:g} GB")
        return
    _emit(kind="load", engine=engine, name=name, seconds=time.perf_counter() - t, rss=_rss_mb(resource.RUSAGE_SELF))
    signal.signal(signal.SIGALRM, query_engines._alarm)
    runs: list[float] = []
    while another_run(runs):
        signal.setitimer(signal.ITIMER_REAL, query_timeout)
        t = time.perf_counter()
        try:
            rows = list(g.query(queries[name][0]))
        except query_engines.Timeout:
            if not runs:
                _emit(kind="query", engine=engine, name=name, seconds=None, timeout=query_timeout)
                return
            runs.append(query_timeout)  # a later run stopped: it took at least that long
            break
        except Exception as exc:  # noqa: BLE001 - rdflib's engine fails on some valid queries
            _emit(kind="query", engine=engine, name=name, seconds=None, error=f"{type(exc).__name__}: {exc}")
            return
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        runs.append(time.perf_counter() - t)
    _emit(kind="query", engine=engine, name=name, seconds=statistics.median(runs), runs=runs, rows=len(rows),
          digest=_lexical_rows(rows, str))


# ---------------------------------------------------------------- parent

def run_child(args: list[str], timeout: float) -> tuple[list[dict], float, bool]:
    """The JSON lines a child printed, its wall seconds, and whether it was killed.

    What earlier children wrote is flushed to the disk first (``sync``), so that no
    child pays for the write-back of another's files.
    """
    os.sync()
    started = time.perf_counter()
    proc = subprocess.Popen([PY, __file__, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        killed = False
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        killed = True
    wall = time.perf_counter() - started
    if proc.returncode not in (0, None) and not killed:
        raise SystemExit(f"child {args[:2]} failed:\n{err[-3000:]}")
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")], wall, killed


def measure_size(mb: float, jobs: int, workdir: Path, timeout: float, repeats: int = REPEATS) -> dict:
    cdir = workdir / f"corpus-{mb:g}mb"
    paths = corpus.write(mb, cdir)
    listing = workdir / f"corpus-{mb:g}mb.list"
    listing.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    row: dict = {"mb": mb, "reports": len(paths), "chars": chars, "bytes": sum(p.stat().st_size for p in paths)}
    out = workdir / f"out-{mb:g}mb"

    def floor() -> dict:
        print(f"[{mb:g} MB] {len(paths)} reports, {chars:,} chars: jieba floor ...", file=sys.stderr, flush=True)
        return run_child(["_floor", str(listing)], timeout)[0][-1]

    floors, builds = [floor()], []
    for n in range(1, (repeats if mb <= REPEAT_UP_TO_MB else 1) + 1):
        _clear(out)
        print(f"[{mb:g} MB] full build {n} (--jobs {jobs}, timeout {timeout:g} s) ...", file=sys.stderr, flush=True)
        lines, wall, killed = run_child(["_build", str(listing), str(out), str(jobs)], timeout)
        builds.append({
            "wall": wall, "killed": killed, "build": next((x for x in lines if x["kind"] == "build"), None),
            "analyse_done": next((x["at"] for x in lines if x.get("stage") == "analyse-done"), None),
        })
        floors.append(floor())
        if killed or builds[-1]["build"] is None:
            break  # the build as it stands cannot be timed; the last one's output is what the rebuilds need
    row["floor"] = dict(floors[0], seconds=statistics.median(f["seconds"] for f in floors))
    row["floor_walls"] = [f["seconds"] for f in floors]
    finished = [b for b in builds if b["build"]]
    middle = median_run(finished) if len(finished) == len(builds) else builds[-1]
    row["build_walls"] = [b["wall"] for b in builds]
    row["build_wall"], row["build_killed"], row["build"] = middle["wall"], middle["killed"], middle["build"]
    row["analyse_done"] = middle["analyse_done"]
    if row["build"]:  # the peak of all builds
        row["build"] = dict(row["build"], rss=max(b["build"]["rss"] for b in finished),
                            rss_workers=max(b["build"]["rss_workers"] for b in finished))
    row["graph"] = out / "graph.nt" if row["build"] else None
    if row["build"]:
        with row["graph"].open("rb") as fh:  # counted here, outside the timed process
            row["build"]["triples"] = sum(1 for _ in fh)
        runs = []
        for victim in victims(paths):
            victim.write_text(victim.read_text(encoding="utf-8") + CHANGED_SENTENCE, encoding="utf-8")
            print(f"[{mb:g} MB] rebuild after changing {victim.name} ...", file=sys.stderr, flush=True)
            lines, wall, killed = run_child(["_build", str(listing), str(out), str(jobs)], timeout)
            build = next((x for x in lines if x["kind"] == "build"), None)
            runs.append({"wall": wall, "killed": killed, "build": build})
        middle = median_run(runs)
        row["rebuild_walls"] = [r["wall"] for r in runs]
        row["rebuild_wall"], row["rebuild_killed"], row["rebuild"] = middle["wall"], middle["killed"], middle["build"]
    return row


def victims(paths: list[Path], n: int = REBUILDS) -> list[Path]:
    """The reports changed before each rebuild: ``n`` different ones spread over the corpus,
    the middle one (the one earlier runs changed) first.

    >>> [p.name for p in victims([Path(str(i)) for i in range(8)], 3)]
    ['4', '1', '6']
    """
    spread = sorted(((2 * k + 1) / (2 * n) for k in range(n)), key=lambda f: (abs(f - 0.5), f))
    picked: list[Path] = []
    for fraction in spread:
        p = paths[int(len(paths) * fraction)]
        if p not in picked:
            picked.append(p)
    return picked


def median_run(runs: list[dict]) -> dict:
    """The run of median wall time (of an even number, the faster middle one).

    >>> median_run([{"wall": 9.0}, {"wall": 6.0}, {"wall": 7.0}])
    {'wall': 7.0}
    """
    ordered = sorted(runs, key=lambda r: r["wall"])
    return ordered[(len(ordered) - 1) // 2]


def _clear(out: Path) -> None:
    import shutil

    shutil.rmtree(out, ignore_errors=True)


def measure_queries(graph: Path, timeout: float, query_timeout: float, workdir: Path) -> dict:
    """kg on the whole graph; rdflib on each aggregate query's slice, one process per query."""
    print(f"[query] kg on {graph} ...", file=sys.stderr, flush=True)
    lines, wall, killed = run_child(["_query", "kg", str(graph)], timeout)
    res: dict = {"graph": str(graph), "kg": {"lines": lines, "killed": killed, "wall": wall}, "rdflib": {}}
    wanted = {name: query_predicates(text) for name, (text, agg) in aggregate_queries().items() if agg}
    sliced = {name: predicates for name, predicates in wanted.items() if predicates is not None}
    print(f"[query] slicing {graph} for rdflib ...", file=sys.stderr, flush=True)
    slices, res["triples"] = write_slices(graph, sliced, workdir)
    for name in wanted:
        source, triples = slices.get(name, (graph, res["triples"]))
        print(f"[query] rdflib, {name} on {triples:,} triples ...", file=sys.stderr, flush=True)
        lines, wall, killed = run_child(["_query", "rdflib", str(source), name, str(query_timeout)], timeout)
        load = next((x for x in lines if x["kind"] == "load"), None)
        run = next((x for x in lines if x["kind"] == "query"), None)
        res["rdflib"][name] = {"load": load, "run": run, "killed": killed, "wall": wall, "triples": triples}
    return res


def fmt_s(x: float | None) -> str:
    return "-" if x is None else f"{x:.1f}"


def print_report(rows: list[dict], queries: dict | None, jobs: int, timeout: float) -> None:
    print(corpus.describe())
    print(f"machine: {os.cpu_count()} processors; build with --jobs {jobs}; each process limited to {timeout:g} s\n")
    head = ("size", "reports", "chars", "floor s", "build s", "ratio", "build ch/s", "floor ch/s",
            "peak MB (parent/worker)", "analyse+render", "resolve", "rdf", "html", "write",
            f"rebuild s (median of {REBUILDS})", "rebuild %")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        floor = r["floor"]["seconds"]
        b = r["build"]
        if b:
            build_s = r["build_wall"]
            st = b["stages"]
            mem = f"{b['rss']:.0f} / {b['rss_workers']:.0f}"
            stages = [fmt_s(st.get(k)) for k in ("analyse", "resolve", "rdf", "html", "write")]
            ratio = f"{build_s / floor:.1f}x"
            bcs = f"{r['chars'] / build_s:,.0f}"
        else:
            build_s = None
            mem = "-"
            killed = f"{fmt_s(r['analyse_done'])} (then killed)" if r["analyse_done"] else "killed"
            stages = [killed, "-", "-", "-", "-"]
            ratio = f"> {r['build_wall'] / floor:.0f}x"
            bcs = f"< {r['chars'] / r['build_wall']:,.0f}"
        reb = r.get("rebuild")
        reb_s = fmt_s(r.get("rebuild_wall")) if reb else "-"
        reb_pct = f"{100 * r['rebuild_wall'] / build_s:.0f}%" if reb and build_s else "-"
        cells = (f"{r['mb']:g} MB", str(r["reports"]), f"{r['chars']:,}", f"{floor:.1f}",
                 fmt_s(build_s) if build_s else f"> {r['build_wall']:.0f} (killed)", ratio, bcs,
                 f"{r['chars'] / floor:,.0f}", mem, *stages, reb_s, reb_pct)
        print("| " + " | ".join(cells) + " |")
    for r in rows:
        b = r["build"]
        if not b:
            print(f"\n{r['mb']:g} MB: build did not finish")
            continue
        repeats = sum("same text as" in w for w in b["warnings"])
        floors = ", ".join(f"{w:.1f}" for w in r["floor_walls"])
        builds = ", ".join(f"{w:.1f}" for w in r["build_walls"])
        print(f"\n{r['mb']:g} MB: floors {floors} s (median {r['floor']['seconds']:.1f}); full builds {builds} s "
              f"(median {r['build_wall']:.1f}; its stages are in the table, the peak is of all builds)")
        print(f"  jieba dictionary load {r['floor']['init']:.1f} s (not in the floor); "
              f"{r['reports']} inputs -> {b['documents']} documents ({len(b['failures'])} unreadable, "
              f"{repeats} repeating another's text); {b['entities']:,} entities, {b['relations']:,} relations, "
              f"{b['triples']:,} triples in graph.nt; rebuild re-used "
              f"{r['rebuild']['cached'] if r.get('rebuild') else '-'} cached reports")
        if r.get("rebuild"):
            walls = ", ".join(f"{w:.2f}" for w in r.get("rebuild_walls", [r["rebuild_wall"]]))
            stages = ", ".join(f"{k} {v:.2f}" for k, v in r["rebuild"]["stages"].items())
            print(f"  rebuilds, each after one more report changed: {walls} s; the median one: "
                  f"{r['rebuild']['seconds']:.2f} s in the process ({stages}), "
                  f"{r['rebuild_wall']:.2f} s from its start to its exit")
        for failure in b["failures"][:5]:
            print(f"  unreadable: {failure}")
    stage_note = ("analyse+render: read, extract, relate and render each report's RDF part (workers); "
                  "resolve: merge entities and relations (parent); rdf: the background graph, and the wait for "
                  "the helper process that copies the reports' parts into the four RDF files while the parent "
                  "resolves and renders the page; html: the page; write: flush and rename")
    print(f"\nstages (wall s): {stage_note}")
    print(f"floor s and build s: the medians of the runs listed under each size ({REPEATS} builds by default "
          f"up to {REPEAT_UP_TO_MB:g} MB, one above; a floor before each build and after the last)")
    if queries:
        kg = {x.get("name", "load"): x for x in queries["kg"]["lines"]}
        print(f"\nqueries on {queries['graph']} ({queries['triples']:,} triples); kg query loads it in "
              f"{fmt_s(kg.get('load', {}).get('seconds'))} s, peak {kg.get('load', {}).get('rss', 0):,.0f} MB. "
              "rdflib runs each aggregate query on the slice of the graph its patterns can match:")
        print("| query | kg query (pyoxigraph) s | rdflib: triples loaded | rdflib load s | rdflib query s "
              "| same answer | rdflib / kg |")
        print("|---|---|---|---|---|---|---|")
        for name, (_, agg) in sorted(aggregate_queries().items()):
            k = kg.get(name)
            ks = k["seconds"] if k else None
            cells = [name + (" (aggregate)" if agg else ""), "-" if ks is None else f"{ks:.3f}"]
            rd = queries["rdflib"].get(name)
            if rd is None:
                print("| " + " | ".join(cells + ["-"] * 5) + " |")
                continue
            load, run = rd["load"], rd["run"]
            cells += [f"{rd['triples']:,}", fmt_s(load.get("seconds")) if load else "-"]
            cells += [f"{run['seconds']:.3f}" if run and run.get("seconds") is not None else "-"]
            cells += [_same(k, run), _ratio(ks, run)]
            print("| " + " | ".join(cells) + " |")
        print(f"\neach engine ran each query up to {QUERY_RUNS} times, none begun after {QUERY_BUDGET:g} s on it; "
              "the table has the median run:")
        for name in sorted(aggregate_queries()):
            k, rd = kg.get(name) or {}, (queries["rdflib"].get(name) or {}).get("run") or {}
            line = f"  {name}: kg {_runs(k)}"
            print(line + (f"; rdflib {_runs(rd)}" if name in queries["rdflib"] else ""))
    print_goals(rows, queries)


def print_goals(rows: list[dict], queries: dict | None) -> None:
    """Each goal of the issue against what this run measured."""
    print("\ngoals:")
    ten = next((r for r in rows if r["mb"] == 10 and r["build"]), None)
    if ten is None:
        print("  (no finished 10 MB build in this run)")
    else:
        build_s, floor = ten["build_wall"], ten["floor"]["seconds"]
        peak = max(ten["build"]["rss"], ten["build"]["rss_workers"])
        verdict = lambda ok: "met" if ok else "NOT met"  # noqa: E731
        print(f"  {GOALS[0]}: {build_s / floor:.2f}x (medians: build {build_s:.1f} s, floor {floor:.1f} s) -> "
              f"{verdict(build_s <= 1.5 * floor)}")
        print(f"  {GOALS[1]}: {build_s:.1f} s, peak {peak:,.0f} MB -> {verdict(build_s < 60 and peak < 2048)}")
        if ten.get("rebuild"):
            pct = 100 * ten["rebuild_wall"] / build_s
            print(f"  {GOALS[2]}: {ten['rebuild_wall']:.1f} s (median of {len(ten.get('rebuild_walls', [0]))}) = "
                  f"{pct:.0f}% -> {verdict(pct <= 10)}")
    if queries:
        kg = {x.get("name"): x for x in queries["kg"]["lines"] if x["kind"] == "query"}
        size = f" -- measured on the {queries['mb']:g} MB graph" if queries.get("mb") != 50 else ""
        for name, rd in sorted(queries["rdflib"].items()):
            k = kg.get(name)
            run = rd["run"]
            ks = k.get("seconds") if k else None
            if ks is None:
                print(f"  {GOALS[3]} [{name}]: kg did not finish")
                continue
            bound = _bound(ks, run)
            if bound is None:
                why = (run or {}).get("error") or (rd["load"] or {}).get("error")
                print(f"  {GOALS[3]} [{name}]: kg {ks:.3f} s; rdflib gave no time ({why or 'killed'})")
            elif _same(k, run) == "no":
                print(f"  {GOALS[3]} [{name}]: the engines' answers differ; no ratio")
            else:
                print(f"  {GOALS[3]} [{name}]: {_ratio(ks, run)} -> {'met' if bound >= 10 else 'NOT met'}{size}")


def _runs(run: dict) -> str:
    """The seconds of each run of a query, as printed under the table."""
    if run.get("runs"):
        return ", ".join(f"{x:.3f}" for x in run["runs"]) + " s"
    return "no run finished"


def _same(kg_run: dict | None, rdflib_run: dict | None) -> str:
    if not kg_run or not rdflib_run or rdflib_run.get("seconds") is None:
        return "-"
    return "yes" if kg_run.get("digest") == rdflib_run.get("digest") else "no"


def _bound(kg_seconds: float | None, run: dict | None) -> float | None:
    """rdflib's time over kg's; for a query rdflib did not finish, its time limit over kg's (a lower bound)."""
    if not kg_seconds or run is None:
        return None
    if run.get("seconds") is not None:
        return run["seconds"] / kg_seconds
    return run["timeout"] / kg_seconds if run.get("timeout") else None


def _ratio(kg_seconds: float | None, run: dict | None) -> str:
    bound = _bound(kg_seconds, run)
    if bound is None:
        return "-"
    if run.get("seconds") is not None:
        # a tenth shown below 100, so that 9.7x never prints as 10x next to "NOT met"
        return f"{bound:.1f}x" if bound < 100 else f"{bound:,.0f}x"
    return f"> {int(bound):,}x (rdflib stopped at {run['timeout']:g} s)"  # a lower bound: rounded down


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_floor":
        child_floor(Path(argv[1]))
        return 0
    if argv and argv[0] == "_build":
        child_build(Path(argv[1]), Path(argv[2]), int(argv[3]))
        return 0
    if argv and argv[0] == "_query":
        child_query(argv[1], Path(argv[2]), *argv[3:4], *map(float, argv[4:5]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,50", help="comma-separated sizes in MB")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=REPEATS,
                        help=f"cold builds timed per size up to {REPEAT_UP_TO_MB} MB (larger ones: 1)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/govkg-bench"))
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds allowed to each measured process")
    parser.add_argument("--query-timeout", type=float, default=600.0, help="seconds allowed to one rdflib query")
    parser.add_argument("--no-queries", action="store_true")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    rows = [measure_size(float(s), args.jobs, args.workdir, args.timeout, args.repeats)
            for s in args.sizes.split(",")]
    built = [r for r in rows if r["build"]]
    queries = None
    if built and not args.no_queries:
        queries = measure_queries(built[-1]["graph"], args.timeout, args.query_timeout, args.workdir)
        queries["mb"] = built[-1]["mb"]
    print_report(rows, queries, args.jobs, args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
