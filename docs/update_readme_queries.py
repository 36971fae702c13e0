"""Rewrite the output shown under each ``kg query`` example in README.md.

Builds the bundled sample into output/ and the sample plus the xuchang
report into a temporary ``two/`` directory (as the README's examples assume),
runs every example command and replaces the text block that follows it.

    .venv/bin/python docs/update_readme_queries.py
"""

from __future__ import annotations

import re
import shlex
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import SAMPLE, build

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SECOND = ROOT.parent / "shared" / "corpus" / "xuchang-2023-review.txt"
EXAMPLE = re.compile(r"(```sh\n(kg query [^\n]+)\n```\n\n```text\n)(.*?)(```)", re.S)


def main_() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        one, two = Path(tmp) / "output", Path(tmp) / "two"
        build([SAMPLE], one, html=False)
        build([SAMPLE, SECOND], two, html=False)
        graphs = {"output/graph.ttl": one / "graph.ttl", "two/graph.ttl": two / "graph.ttl"}

        def run(m: re.Match) -> str:
            argv = [str(graphs.get(a, a)) for a in shlex.split(m.group(2))[1:]]
            result = CliRunner().invoke(main, argv)
            if result.exit_code != 0:
                raise SystemExit(f"{m.group(2)}: {result.output}")
            return m.group(1) + result.output + m.group(4)

        text = README.read_text(encoding="utf-8")
        README.write_text(EXAMPLE.sub(run, text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main_())
