"""rdflib's SPARQL engine against pyoxigraph on the same graph and queries.

Builds a synthetic govkg-shaped graph (places in a province > prefecture >
county tree, projects located in counties with labels, mentions, statements
and sentences as kg.rdf writes them), writes it as N-Triples and Turtle, then
times for each engine: parsing the file, and each query (best of --repeat
runs).  Numbers are printed as a Markdown table.

    python bench/query_engines.py --triples 200000
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

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
