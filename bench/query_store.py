"""Whole ``kg query`` commands on a big graph: loaded into memory each time, against ``--store DIR``.

Each run is the command a user types, in its own process, timed from start
to exit with its peak memory (``wait4``):

1. ``kg query GRAPH --store DIR --name count-by-type`` into an empty ``DIR``:
   the store is loaded (the baseline for what ``--store`` costs once);
2. every parameterless example query with ``--store DIR``;
3. the queries named by ``--memory`` (default: ``count-by-type``) without
   it, each loading GRAPH into memory as a plain ``kg query`` does.

Both sides must print the same answer (checked).  Prints a Markdown table::

    .venv/bin/python bench/query_store.py /tmp/bench/out-50mb/graph.nt --workdir /tmp/qs
    .venv/bin/python bench/query_store.py out/graph.nt --memory count-by-type,places-without-code
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg"]


def run(args: list[str]) -> tuple[float, float, bytes]:
    """Wall seconds, peak memory in MB and stdout of ``kg ARGS`` in a child process."""
    read, write = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child: stdout into the pipe, stderr kept
        os.close(read)
        os.dup2(write, 1)
        os.execv(sys.executable, [*KG, *args])
    os.close(write)
    chunks = []
    while chunk := os.read(read, 1 << 16):
        chunks.append(chunk)
    os.close(read)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"kg {' '.join(args)}: exit status {os.waitstatus_to_exitcode(status)}")
    return seconds, usage.ru_maxrss / 1024, b"".join(chunks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/govkg-query-store"),
                        help="where the store is made (emptied first)")
    parser.add_argument("--memory", default="count-by-type",
                        help="comma-separated queries also run in memory (each loads the graph)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from kg.query import named_queries

    names = sorted(name for name, q in named_queries().items() if not q.params)
    in_memory = [n for n in args.memory.split(",") if n]
    unknown = sorted(set(in_memory) - set(names))
    if unknown:
        raise SystemExit(f"--memory: not a parameterless example query: {', '.join(unknown)}")
    store = args.workdir / "store"
    shutil.rmtree(args.workdir, ignore_errors=True)
    args.workdir.mkdir(parents=True)
    size = args.graph.stat().st_size / 2**20
    print(f"graph: {args.graph} ({size:,.0f} MiB); store: {store}; each row one `kg query` process, start to exit\n")
    load_s, load_mb, _ = run(["query", str(args.graph), "--store", str(store), "--name", names[0], "--format", "csv"])
    disk_mb = sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 2**20
    print("| query | --store s | --store MB | in memory s | in memory MB | memory / store |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| first, loading the store ({disk_mb:,.0f} MiB on disk) | {load_s:.1f} | {load_mb:,.0f} | | | |")
    for name in names:
        query = ["query", str(args.graph), "--name", name, "--format", "csv"]
        s_s, s_mb, s_out = run([*query, "--store", str(store)])
        row = f"| {name} | {s_s:.1f} | {s_mb:,.0f} |"
        if name in in_memory:
            m_s, m_mb, m_out = run(query)
            if m_out != s_out:
                raise SystemExit(f"{name}: different answers from memory and from the store")
            row += f" {m_s:.1f} | {m_mb:,.0f} | {m_s / s_s:.0f}x |"
        else:
            row += " | | |"
        print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
