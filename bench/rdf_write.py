"""Time kg.rdf on a large graph: quads, then each serialisation (pyoxigraph), against rdflib's writers.

The graph is the sample report's build copied --copies times under new document
ids and entity keys (so nothing merges), which keeps its real shape: mentions,
sentences, statements and quantities in the same proportions.

    python bench/rdf_write.py --copies 40
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import time
from pathlib import Path

from kg import rdf
from kg.model import Evidence, KnowledgeGraph
from kg.pipeline import SAMPLE, build


def replicate(g: KnowledgeGraph, copies: int) -> KnowledgeGraph:
    out = KnowledgeGraph()
    for i in range(copies):
        docs = {}
        for doc_id, doc in g.documents.items():
            d = copy.copy(doc)
            d.sha256 = f"{i:04x}" + doc.sha256[4:]
            docs[doc_id] = d
        key = {k: f"{k}#{i}" for k in g.entities}
        for d_old, d in docs.items():
            out.documents[d.id] = d
        remap = {old: docs[old].id for old in docs}
        for k, e in g.entities.items():
            e2 = copy.copy(e)
            e2.key = key[k]
            e2.mentions = [dataclasses.replace(m, doc=remap[m.doc]) for m in e.mentions]
            out.entities[e2.key] = e2
        for (s, p, o), r in g.relations.items():
            for ev in sorted(r.evidence) or [None]:
                out.relate(key[s], p, key[o], None if ev is None else Evidence(remap[ev.doc], ev.start, ev.end))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--rdflib", action="store_true", help="also time rdflib's Turtle/N-Triples/JSON-LD writers")
    args = ap.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        base = build([SAMPLE], Path(tmp), html=False).graph
    g = replicate(base, args.copies)
    t0 = time.perf_counter()
    quads = rdf.quads(g)
    t1 = time.perf_counter()
    texts = rdf.serialise(quads)
    t2 = time.perf_counter()
    print(f"{len(quads)} quads from {len(g.entities)} entities, {len(g.relations)} relations")
    print(f"| step | seconds | us per quad |\n|---|---:|---:|")
    print(f"| kg.rdf.quads (build the quads) | {t1 - t0:.2f} | {1e6 * (t1 - t0) / len(quads):.1f} |")
    print(f"| kg.rdf.serialise (ttl+trig+nt+jsonld, pyoxigraph) | {t2 - t1:.2f} | {1e6 * (t2 - t1) / len(quads):.1f} |")
    if args.rdflib:
        ds = rdf.to_dataset(g)
        union = rdf.union(ds)
        for fmt in ("turtle", "nt", "json-ld"):
            t = time.perf_counter()
            union.serialize(format=fmt)
            secs = time.perf_counter() - t
            print(f"| rdflib serialize {fmt} | {secs:.2f} | {1e6 * secs / len(quads):.1f} |")
    assert all(texts.values())


if __name__ == "__main__":
    main()
