"""A benchmark corpus of N MB: every text of ../shared/corpus, varied by jurisdiction and year.

Reports take the base texts in turn (report ``i`` is base ``i % B``, the B
texts in sorted order).  Each base draws its stand-ins from a pool of
divisions of its kind, and the ``n``-th report drawn from a pool (counting
the reports of every base of that pool) gets

* the jurisdiction ``pool[(n * 101) % L]`` in place of the base's own (the
  division ``kg.read.load`` detects in it, e.g. 运城市), full name and short
  name.  A pool is one kind: the same level (prefecture, county) and the
  same last character (市, 县), because the text speaks of itself as
  全市/市政府 or 全县 and a 自治州 or a 区 would not; and only names no other
  division of that level bears (鼓楼区 is four districts).  Sorted by
  adcode, that is L = 293 cities for the 市 bases (xuchang, yuncheng) and
  1,418 counties for the 县 base (jiaocheng); 101 is prime to both, so every
  division comes up before any repeats;
* the year ``newest - n % 31`` (newest: the latest year of the pool's bases;
  2023 becomes one of 1993 to 2023), with every ``19xx年``/``20xx年`` of the
  text moved by as many years as the report's year moved from the base's;
* a first line naming the jurisdiction and that year, as a real report's
  title does: ``运城市2023年政府工作报告``.  Without it a base that writes no
  ``20xx年`` (yuncheng, jiaocheng) would be the same text in every year.

31 and L are coprime, so the pairs (jurisdiction, year) are distinct for
``n < 31 * L``: 9,083 for the 市 pool, shared by two bases (about 67 MB of
corpus), 43,958 for the 县 pool.  No two reports are by the same government
in the same year, and none have the same content; the generator checks both
(the text by sha256) and stops with an error if one ever repeats.  Reports
are added until the UTF-8 size reaches the target; the corpus is the same
bytes on every run.  Each report is as long as its base text (1.8 to 11 KB),
shorter than a real report, so per-document overheads weigh more here than
on a real corpus.

    python bench/corpus.py 10 /tmp/corpus-10mb   # writes the files, prints a summary
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "corpus"
STRIDE = 101
YEAR_SHIFTS = 31
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=年)")
# The first line of every report: jurisdiction and year, as a real report's title.
TITLE = "{jurisdiction}{year}年政府工作报告"
MB = 1_000_000


@dataclass(frozen=True)
class Base:
    name: str
    text: str
    full: str  # jurisdiction's official name, e.g. 运城市
    short: str  # e.g. 运城
    level: str
    year: int  # the year kg.read.load gives the report (its text, else its file name)


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
        if doc.year is None:
            raise SystemExit(f"{path}: no year in its text or name; cannot vary it")
        division = gaz.get(doc.jurisdiction_code)
        out.append(Base(path.stem, doc.text, division.name, division.short, division.level, doc.year))
    if not out:
        raise SystemExit(f"no .txt files in {source}")
    return out


def kind(base: Base) -> tuple[str, str]:
    """The pool a base draws its stand-ins from: its level and its name's last character."""
    return base.level, base.full[-1]


def divisions(base: Base) -> list:
    """The divisions that can stand in for ``base``'s jurisdiction, by adcode.

    Same level, same last character (市, 县) and a name no other division of
    the level bears.
    """
    from kg.gazetteer import Gazetteer

    at_level = [d for d in Gazetteer.load() if d.level == base.level]
    names = Counter(d.name for d in at_level)
    pool = sorted((d for d in at_level if names[d.name] == 1 and d.name[-1] == base.full[-1]), key=lambda d: d.adcode)
    if math.gcd(len(pool), STRIDE) != 1 or math.gcd(len(pool), YEAR_SHIFTS) != 1:
        raise SystemExit(f"{len(pool)} divisions like {base.full}: not prime to {STRIDE} and {YEAR_SHIFTS}; change STRIDE")
    return pool


def reports(target_bytes: int, source: Path = DEFAULT_SOURCE):
    """Yield reports until their UTF-8 bytes reach ``target_bytes``; no two share a text or a (jurisdiction, year)."""
    texts = bases(source)
    pools = {kind(b): divisions(b) for b in texts}
    newest = {k: max(b.year for b in texts if kind(b) == k) for k in pools}
    drawn = Counter()
    seen: dict[bytes, str] = {}
    governments: dict[tuple[str, int], str] = {}
    size, i = 0, 0
    while size < target_bytes:
        base = texts[i % len(texts)]
        k = kind(base)
        pool, n = pools[k], drawn[k]
        drawn[k] += 1
        if n >= YEAR_SHIFTS * len(pool):
            raise SystemExit(f"corpus too large: the {len(pool)} divisions like {base.full} give {YEAR_SHIFTS * len(pool)} reports, all used at {size:,} bytes")
        target = pool[(n * STRIDE) % len(pool)]
        year = newest[k] - n % YEAR_SHIFTS
        shift = year - base.year
        text = base.text.replace(base.full, "\0F").replace(base.short, "\0S")
        text = text.replace("\0F", target.name).replace("\0S", target.short)
        text = YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
        text = TITLE.format(jurisdiction=target.name, year=year) + "\n" + text
        name = f"{i:05d}-{base.name}-{target.adcode}-{year}.txt"
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).digest()
        if digest in seen:
            raise SystemExit(f"{name}: same text as {seen[digest]}; the variations ran out")
        if (target.name, year) in governments:
            raise SystemExit(f"{name}: {target.name} {year} already has {governments[target.name, year]}")
        seen[digest] = governments[target.name, year] = name
        yield Report(name, text, base.name, target.name, shift)
        size += len(data)
        i += 1


def write(megabytes: float, out_dir: Path, source: Path = DEFAULT_SOURCE) -> list[Path]:
    """Write the corpus of ``megabytes`` MB (10^6 bytes) into ``out_dir``; return the paths in order."""
    every = list(reports(int(megabytes * MB), source))  # all of them, or an error before any file is touched
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.txt"):
        old.unlink()
    paths = []
    for report in every:
        path = out_dir / report.name
        path.write_text(report.text, encoding="utf-8")
        paths.append(path)
    return paths


def describe(source: Path = DEFAULT_SOURCE) -> str:
    names = ", ".join(f"{b.name} ({b.full})" for b in bases(source))
    return (
        f"corpus: every text of {source} [{names}] cycled; report i = base i mod B with its jurisdiction "
        f"replaced by division (n*{STRIDE}) mod L of its kind's pool (level and last character, name unique "
        f"at that level; by adcode) and its year set to (newest year of the pool) - n mod {YEAR_SHIFTS}, n = the "
        f"report's rank in its pool, and a first line "
        f"'{TITLE.format(jurisdiction='<division>', year='<year>')}'; all reports distinct and no (jurisdiction, year) twice (checked)"
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
