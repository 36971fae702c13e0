"""kg push to real local servers: a first push, a re-push, and a push after one report changed.

Builds a corpus of N MB (bench/corpus.py) with ``--formats trig``, and the
same corpus with one report changed (rebuilt from the first build's cache,
as a user's rebuild is), then on each server, fresh, times ``kg push`` (a
separate process, as a user runs it) in this order:

1. the build, to the empty server;
2. the same build again: only what changed is sent, so nothing;
3. the same build again with ``--resend``, which sends every graph: the
   baseline, what every re-push did before kg push kept digests;
4. the build after one report changed: that report's graph and the
   background are sent, the report's old graph deleted;
5. that build again with ``--resend``: the baseline for 4.

and prints each push's seconds, graphs and triples sent, and the ratio of
each baseline to the push it stands beside.  Last, it checks that the
server holds what the changed build has (its triples, counted by a query,
plus kg push's digests, one a graph).

Virtuoso gets 170,000 buffers (the tests' server has 10,000): it ran out of
them loading the 10 MB corpus.

    python bench/push_speed.py --size 10 --servers oxigraph,virtuoso --workdir /tmp/push-bench
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402
from tests import servers  # noqa: E402

PY = sys.executable
CHANGED_SENTENCE = "\n推进城区东环路改造提升项目建设。"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/govkg/')) }"
PUSHED = re.compile(r"pushed (\d+) graphs, (\d+) triples")


def kg(*args: str, env: dict | None = None) -> tuple[float, str]:
    """Run ``kg ARGS`` in a fresh process: its wall seconds and what it printed; stops the run if it fails."""
    started = time.perf_counter()
    done = subprocess.run([PY, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})})
    seconds = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"kg {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return seconds, done.stdout.strip()


def builds(size: float, workdir: Path) -> tuple[Path, Path]:
    """graph.trig of an N MB corpus, and of the same corpus with one report changed."""
    reports = workdir / "corpus"
    for d in (reports, workdir / "out", workdir / "out-changed"):
        shutil.rmtree(d, ignore_errors=True)
    paths = corpus.write(size, reports)
    seconds, _ = kg("build", str(reports), "-o", str(workdir / "out"), "--formats", "trig")
    print(f"built {len(paths)} reports ({size:g} MB) in {seconds:.1f} s", flush=True)
    changed = paths[len(paths) // 2]
    with changed.open("a", encoding="utf-8") as fh:
        fh.write(CHANGED_SENTENCE)
    shutil.copytree(workdir / "out", workdir / "out-changed")  # with its cache: only the changed report is analysed
    seconds, _ = kg("build", str(reports), "-o", str(workdir / "out-changed"), "--formats", "trig")
    print(f"rebuilt with {changed.name} changed in {seconds:.1f} s", flush=True)
    return workdir / "out" / "graph.trig", workdir / "out-changed" / "graph.trig"


def server(kind: str, workdir: Path):
    """A fresh server of ``kind``: ``(context manager yielding its base URL, Graph Store path, query path, env)``."""
    if kind == "oxigraph":
        return servers.oxigraph_server(workdir), "/store", "/query", {}
    auth = {"KG_PUSH_USER": servers.VIRTUOSO_USER, "KG_PUSH_PASSWORD": servers.VIRTUOSO_PASSWORD}
    return servers.virtuoso_server(workdir, buffers=170_000), "/sparql-graph-crud-auth", "/sparql", auth


def run(kind: str, built: Path, changed: Path, workdir: Path) -> None:
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    context, store, query, env = server(kind, workdir)
    steps = [
        ("the build, to an empty server", built, []),
        ("the same build again", built, []),
        ("  the same, --resend (baseline)", built, ["--resend"]),
        ("after one report changed", changed, []),
        ("  the same, --resend (baseline)", changed, ["--resend"]),
    ]
    with context as base:
        print(f"\n{kind}\n| push | seconds | graphs sent | triples sent | baseline / this |\n|---|---|---|---|---|")
        times = []
        for name, trig, extra in steps:
            seconds, said = kg("push", str(trig), "--endpoint", base + store, *extra, env=env)
            graphs, triples = PUSHED.search(said).groups()
            times.append(seconds)
            ratio = f"{seconds / times[-2]:.1f}x" if extra else ""
            print(f"| {name} | {seconds:.1f} | {int(graphs):,} | {int(triples):,} | {ratio} |", flush=True)
        held = int(servers.select_csv(base + query, COUNT)[0][0])
    digests: dict[str, str] = {}
    from kg.push import survey

    expected = sum(survey(changed, digests=digests).values()) + len(digests)
    print(f"server holds {held:,} govkg triples; the changed build has {expected - len(digests):,}, plus "
          f"{len(digests):,} digests: {'same' if held == expected else 'DIFFERENT'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=float, default=10.0, help="MB of corpus text")
    parser.add_argument("--servers", default="oxigraph,virtuoso", help="comma-separated: oxigraph, virtuoso")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/govkg-push-bench"))
    args = parser.parse_args(argv)
    kinds = [k for k in args.servers.split(",") if k]
    if set(kinds) - {"oxigraph", "virtuoso"}:
        parser.error(f"unknown server in {args.servers!r}")
    print(corpus.describe(), flush=True)
    built, changed = builds(args.size, args.workdir)
    for kind in kinds:
        run(kind, built, changed, args.workdir / kind)
        shutil.rmtree(args.workdir / kind, ignore_errors=True)  # a loaded Virtuoso database is gigabytes
    return 0


if __name__ == "__main__":
    sys.exit(main())
