"""Score govkg on every gold file: a table of file x F1, and the errors on request.

Each gold file ``NAME.json`` is paired with the text ``NAME.txt`` in the corpus
directory; the text is built with the same pipeline as ``kg build`` and the
graph written to graph.ttl is scored (so the table measures what users get).

    python bench/eval_gold.py                      # ../shared/gold against ../shared/corpus
    python bench/eval_gold.py --errors yuncheng    # unmatched names and relations of one file
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from kg.evaluate import evaluate, format_scores
from kg.model import ENTITY_TYPES, RELATION_TYPES
from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("only", nargs="*", help="substrings of gold file names to score (default: all)")
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--errors", action="store_true", help="print unmatched entities and relations")
    args = ap.parse_args(argv)
    golds = sorted(p for p in args.gold.glob("*.json") if not args.only or any(o in p.name for o in args.only))
    if not golds:
        print(f"no gold files in {args.gold}", file=sys.stderr)
        return 1
    header = ["file", "typed", "untyped", *ENTITY_TYPES, "relations", *RELATION_TYPES]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for gold in golds:
            text = args.corpus / f"{gold.stem}.txt"
            out = Path(tmp) / gold.stem
            build([text], out, html=False)
            scores = evaluate(gold, out / "graph.ttl", text=text)
            f1 = lambda s: f"{s.f1:.2f}" if s.gold or s.pred else "-"  # noqa: E731
            rows.append([gold.stem, f1(scores.entities), f1(scores.untyped),
                         *(f1(scores.by_type[t]) for t in ENTITY_TYPES), f1(scores.relations),
                         *(f1(scores.by_relation[r]) for r in RELATION_TYPES)])
            if args.errors:
                print(f"== {gold.stem}\n{format_scores(scores, errors=True)}")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
