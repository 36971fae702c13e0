"""A benchmark corpus of N MB: every text of ../shared/corpus, varied by jurisdiction and year.

Report ``i`` is base text ``i % B`` (the B texts in sorted order) with

* its jurisdiction (the division ``kg.read.load`` detects in it, e.g. 运城市)
  replaced, full name and short name, by division ``(j * 101) % L`` of the
  same level (prefecture or county, sorted by adcode; L of them), where
  ``j = i // B`` -- 101 is prime to the 333 prefectures and 2,846 counties,
  so every division comes up before any repeats;
* every year written as ``19xx年``/``20xx年`` shifted by ``j % 11 - 5``.

The pairs (division, shift) are distinct for ``j < 11 * L`` (at least 3,663
variants of each base text), so no two reports have the same content.
Reports are added until the UTF-8 size reaches the target; the corpus is
the same bytes on every run.  Each report is as long as its base text
(1.8 to 11 KB), shorter than a real report, so per-document overheads
weigh more here than on a real corpus.

    python bench/corpus.py 10 /tmp/corpus-10mb   # writes the files, prints a summary
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "corpus"
STRIDE = 101
YEAR_SHIFTS = 11
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=年)")
MB = 1_000_000


@dataclass(frozen=True)
class Base:
    name: str
    text: str
    full: str  # jurisdiction's official name, e.g. 运城市
    short: str  # e.g. 运城
    level: str


@dataclass(frozen=True)
class Report:
    name: str
    text: str
    base: str
    jurisdiction: str
    year_shift: int


def bases(source: Path = DEFAULT_SOURCE) -> list[Base]:
    from kg.gazetteer import Gazetteer
    from kg.read import load

    gaz = Gazetteer.load()
    out = []
    for path in sorted(source.glob("*.txt")):
        doc = load(path)
        if not doc.jurisdiction_code:
            raise SystemExit(f"{path}: no jurisdiction detected; cannot vary it")
        division = gaz.get(doc.jurisdiction_code)
        out.append(Base(path.stem, doc.text, division.name, division.short, division.level))
    if not out:
        raise SystemExit(f"no .txt files in {source}")
    return out


def reports(target_bytes: int, source: Path = DEFAULT_SOURCE):
    """Yield reports until their UTF-8 bytes reach ``target_bytes``."""
    from kg.gazetteer import Gazetteer

    gaz = Gazetteer.load()
    texts = bases(source)
    by_level = {lvl: sorted((d for d in gaz if d.level == lvl), key=lambda d: d.adcode) for lvl in {b.level for b in texts}}
    size, i = 0, 0
    while size < target_bytes:
        base = texts[i % len(texts)]
        j = i // len(texts)
        divisions = by_level[base.level]
        if j >= YEAR_SHIFTS * len(divisions):
            raise SystemExit("corpus too large for distinct variants")
        target = divisions[(j * STRIDE) % len(divisions)]
        shift = j % YEAR_SHIFTS - YEAR_SHIFTS // 2
        text = base.text.replace(base.full, "\0F").replace(base.short, "\0S")
        text = text.replace("\0F", target.name).replace("\0S", target.short)
        text = YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
        name = f"{i:05d}-{base.name}-{target.adcode}-{shift:+d}.txt"
        yield Report(name, text, base.name, target.name, shift)
        size += len(text.encode("utf-8"))
        i += 1


def write(megabytes: float, out_dir: Path, source: Path = DEFAULT_SOURCE) -> list[Path]:
    """Write the corpus of ``megabytes`` MB (10^6 bytes) into ``out_dir``; return the paths in order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.txt"):
        old.unlink()
    paths = []
    for report in reports(int(megabytes * MB), source):
        path = out_dir / report.name
        path.write_text(report.text, encoding="utf-8")
        paths.append(path)
    return paths


def describe(source: Path = DEFAULT_SOURCE) -> str:
    names = ", ".join(f"{b.name} ({b.full})" for b in bases(source))
    return (
        f"corpus: every text of {source} [{names}] cycled; report i = base i mod B with its jurisdiction "
        f"replaced by division (j*{STRIDE}) mod L of the same level (by adcode) and years shifted by "
        f"j mod {YEAR_SHIFTS} - {YEAR_SHIFTS // 2}, j = i div B; all reports distinct"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("megabytes", type=float)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = parser.parse_args(argv)
    paths = write(args.megabytes, args.out_dir, args.source)
    size = sum(p.stat().st_size for p in paths)
    print(describe(args.source))
    print(f"wrote {len(paths)} reports, {size:,} bytes, into {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
