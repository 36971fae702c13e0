"""rdflib's SPARQL engine against pyoxigraph on the same graph and queries.

Two modes.

Synthetic (default): builds a govkg-shaped graph (places in a province >
prefecture > county tree, projects located in counties with labels,
mentions, statements and sentences as kg.rdf writes them), writes it as
N-Triples and Turtle, then times for each engine: parsing the file, and each
query (best of --repeat runs).

    python bench/query_engines.py --triples 200000

A built graph (``--graph out/graph.ttl``): every named query of
ontology/queries (parameters at their defaults) through ``kg.query`` --
what ``kg query`` runs -- and through rdflib's own engine (``Graph.query``
with ``initBindings``) on the same Turtle.  Each engine runs in its own
process (rdflib holds ~1.5 KB a triple); a query that runs past
--timeout seconds is stopped and shown as such.  Rows are compared as sets
of lexical values.

    python bench/query_engines.py --graph /tmp/out10/graph.ttl --repeat 3

Numbers are printed as a Markdown table.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.rdf import mint_iri
from kg.vocab import GK

PREFIX = """PREFIX gk: <https://w3id.org/govkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
QUERIES = {
    "2-hop GROUP BY": PREFIX + """
SELECT ?pref (COUNT(?p) AS ?n) WHERE {
  ?p a gk:Project ; gk:located_in ?county . ?county gk:located_in ?pref .
} GROUP BY ?pref ORDER BY DESC(?n) LIMIT 10""",
    "transitive located_in+ by province": PREFIX + """
SELECT ?prov (COUNT(DISTINCT ?p) AS ?n) WHERE {
  ?p a gk:Project ; gk:located_in+ ?prov . ?prov a gk:Province .
} GROUP BY ?prov ORDER BY DESC(?n) LIMIT 10""",
    "source sentence of one fact": PREFIX + """
SELECT ?text ?start ?end WHERE {
  ?st rdf:subject ?p ; rdf:predicate gk:located_in ; prov:wasDerivedFrom ?s .
  ?p rdfs:label "项目17号"@zh .
  ?s gk:text ?text ; gk:start ?start ; gk:end ?end .
}""",
}


def synthetic(target: int, seed: int = 0) -> Graph:
    rng = random.Random(seed)
    g = Graph()
    counties = []
    for a in range(30):
        prov = mint_iri("Place", f"{a:02d}0000")
        g.add((prov, RDF.type, GK.Place))
        g.add((prov, RDF.type, GK.Province))
        g.add((prov, RDFS.label, Literal(f"省{a}", lang="zh")))
        for b in range(10):
            pref = mint_iri("Place", f"{a:02d}{b:02d}00")
            g.add((pref, RDF.type, GK.Place))
            g.add((pref, RDFS.label, Literal(f"市{a}-{b}", lang="zh")))
            g.add((pref, GK.located_in, prov))
            for c in range(10):
                county = mint_iri("Place", f"{a:02d}{b:02d}{c:02d}")
                g.add((county, RDF.type, GK.Place))
                g.add((county, RDFS.label, Literal(f"县{a}-{b}-{c}", lang="zh")))
                g.add((county, GK.located_in, pref))
                counties.append(county)
    i = 0
    while len(g) < target:
        p = mint_iri("Project", f"项目{i}号")
        county = rng.choice(counties)
        st, sent, m = mint_iri("statement", str(i)), mint_iri("sentence", f"d/{i}"), mint_iri("mention", f"d/{i}")
        start = rng.randrange(100000)
        for triple in [
            (p, RDF.type, GK.Project), (p, RDFS.label, Literal(f"项目{i}号", lang="zh")),
            (p, GK.located_in, county), (p, GK.mention, m),
            (m, RDF.type, GK.Mention), (m, GK.start, Literal(start, datatype=XSD.integer)),
            (m, GK.end, Literal(start + 5, datatype=XSD.integer)),
            (st, RDF.type, GK.Statement), (st, RDF.subject, p), (st, RDF.predicate, GK.located_in),
            (st, RDF.object, county), (st, PROV.wasDerivedFrom, sent),
            (sent, GK.text, Literal(f"推进项目{i}号建设。", lang="zh")),
            (sent, GK.start, Literal(start, datatype=XSD.integer)),
            (sent, GK.end, Literal(start + 10, datatype=XSD.integer)),
        ]:
            g.add(triple)
        i += 1
    return g


def best(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout


def _number(cell: str) -> str:
    """A numeric cell in one form: rdflib writes the decimal 17 as 17.0."""
    try:
        return str(Decimal(cell).normalize())
    except (InvalidOperation, ValueError):
        return cell


def _digest(rows: list[tuple[str, ...]]) -> str:
    """The rows as a set of lexical values (numbers normalised), hashed: equal when both engines agree."""
    rows = sorted(tuple(_number(c) for c in r) for r in rows)
    return hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()[:16]


def engine_child(engine: str, graph: Path, repeat: int, timeout: float) -> None:
    """Load ``graph`` with one engine, run every named query; print one JSON line per step."""
    from kg import query

    def emit(**fields) -> None:
        print(json.dumps(fields, ensure_ascii=False), flush=True)

    signal.signal(signal.SIGALRM, _alarm)
    named = query.named_queries()
    t = time.perf_counter()
    if engine == "kg":
        store = query.load(graph)
    else:
        from rdflib import Graph, Literal as RLiteral, URIRef, Variable

        g = Graph().parse(graph)
    emit(step="load", seconds=time.perf_counter() - t)
    for name, q in named.items():
        times, rows = [], None
        for _ in range(repeat):
            signal.setitimer(signal.ITIMER_REAL, timeout)
            t = time.perf_counter()
            try:
                if engine == "kg":
                    rows = [tuple("" if t is None else t.value for t in r) for r in query.run_named(store, name).rows]
                else:
                    bound = {}
                    for var, term in query.bind({}, q.params).items():
                        lang = getattr(term, "language", None)
                        if isinstance(term, ox.NamedNode):
                            bound[Variable(var.value)] = URIRef(term.value)
                        else:
                            bound[Variable(var.value)] = RLiteral(term.value, lang=lang or None, datatype=None if lang else URIRef(term.datatype.value))
                    rows = [tuple("" if t is None else str(t) for t in r) for r in g.query(q.text, initBindings=bound)]
            except Timeout:
                rows = None
                break
            except Exception as exc:  # noqa: BLE001 - rdflib's engine fails on some valid queries
                rows = f"{type(exc).__name__}: {exc}"
                break
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            times.append(time.perf_counter() - t)
        if rows is None or isinstance(rows, str):
            emit(step=name, seconds=None, error=rows or f"stopped after {timeout:g} s")
        else:
            emit(step=name, seconds=min(times), rows=len(rows), digest=_digest(rows))


def on_graph(graph: Path, repeat: int, timeout: float) -> None:
    results = {}
    for engine in ("kg", "rdflib"):
        cmd = [sys.executable, __file__, "--graph", str(graph), "--engine", engine, "--repeat", str(repeat), "--timeout", str(timeout)]
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        lines = [json.loads(x) for x in proc.stdout.splitlines() if x.startswith("{")]
        results[engine] = {x["step"]: x for x in lines}
        if proc.returncode:
            print(f"{engine}: exit {proc.returncode} after {time.perf_counter() - t:.0f} s: {proc.stderr.strip().splitlines()[-1:]}")
    kg, rl = results["kg"], results["rdflib"]

    def secs(x: dict | None) -> str:
        if x is None:
            return "(not run)"
        return x["error"] if x["seconds"] is None else f"{x['seconds']:.3f} s"

    print(f"graph: {graph} ({graph.stat().st_size / 1e6:.0f} MB); best of {repeat}; named queries at their default parameters\n")
    print("| step | rows | kg query (pyoxigraph) | rdflib 7 Graph.query | speed-up | same rows |")
    print("|---|---:|---:|---:|---:|---|")
    for step in ["load", *sorted(set(kg) - {"load"})]:
        a, b = kg.get(step), rl.get(step)
        ratio = same = ""
        if a and b and a["seconds"] and b["seconds"]:
            ratio = f"{b['seconds'] / a['seconds']:.0f}x"
        elif a and a["seconds"] and b and b["seconds"] is None and b["error"].startswith("stopped"):
            ratio = f"> {timeout / a['seconds']:.0f}x"
        if a and b and "rows" in a and "rows" in b:
            same = "yes" if a["digest"] == b["digest"] else f"no ({b['rows']} rows)"
        rows = a.get("rows", "") if a else ""
        print(f"| {step} | {rows} | {secs(a)} | {secs(b)} | {ratio} | {same} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--graph", type=Path, help="a built graph.ttl: run the named queries on it instead")
    ap.add_argument("--timeout", type=float, default=600, help="seconds a query may run (--graph)")
    ap.add_argument("--engine", choices=("kg", "rdflib"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.graph and args.engine:
        return engine_child(args.engine, args.graph, args.repeat, args.timeout)
    if args.graph:
        return on_graph(args.graph, args.repeat, args.timeout)

    t0 = time.perf_counter()
    g = synthetic(args.triples)
    print(f"synthetic graph: {len(g)} triples, generated in {time.perf_counter() - t0:.1f} s\n")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        ttl, nt = Path(tmp) / "g.ttl", Path(tmp) / "g.nt"
        secs, _ = best(lambda: g.serialize(ttl, format="turtle"), 1)
        rows.append(("write Turtle", secs, None))
        g.serialize(nt, format="nt")
        store = ox.Store()
        store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        secs_ox, _ = best(lambda: ox.serialize(store, format=ox.RdfFormat.TURTLE), 1)
        rows[-1] = ("write Turtle", secs, secs_ox)
        del g

        def rdflib_load():
            return Graph().parse(ttl, format="turtle")

        def ox_load():
            s = ox.Store()
            s.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
            return s

        secs_r, rg = best(rdflib_load, 1)
        secs_o, os_ = best(ox_load, 1)
        rows.append(("parse Turtle", secs_r, secs_o))
        for name, q in QUERIES.items():
            tr, res_r = best(lambda q=q: list(rg.query(q)), args.repeat)
            to, res_o = best(lambda q=q: list(os_.query(q)), args.repeat)
            assert len(res_r) == len(res_o), (name, len(res_r), len(res_o))
            rows.append((f"{name} ({len(res_r)} rows)", tr, to))
    print("| step | rdflib 7 (memory) | pyoxigraph | speed-up |")
    print("|---|---:|---:|---:|")
    for name, r, o in rows:
        print(f"| {name} | {r:.3f} s | {o:.3f} s | {r / o:.0f}x |")


if __name__ == "__main__":
    main()
