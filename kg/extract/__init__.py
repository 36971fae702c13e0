"""Extractors: one module per entity type, each a plain function over a Document.

An extractor is ``fn(doc) -> Iterator[Mention]``, registered under its entity
type with :func:`extractor`.  Extractors never mutate the document;
:func:`extract` runs them all and arbitrates overlaps.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, TypeVar

from ..document import Document
from ..model import QUANTITY_TYPES, Mention

Extractor = Callable[[Document], Iterator[Mention]]
T = TypeVar("T")
REGISTRY: dict[str, Extractor] = {}
# The document being extracted and what each extractor found in it, so an
# extractor that needs another's mentions (projects skip heads inside policy
# names) reuses them instead of running it again.
_RUN: ContextVar[tuple[Document, dict[str, Any]] | None] = ContextVar("extract_run", default=None)


def extractor(name: str) -> Callable[[Extractor], Extractor]:
    """Register ``fn`` as the extractor called ``name``."""

    def register(fn: Extractor) -> Extractor:
        REGISTRY[name] = fn
        return fn

    return register


def _load_all() -> None:
    # importing the modules registers their extractors
    from . import (  # noqa: F401
        enterprises,
        groups,
        initiatives,
        outcomes,
        places,
        policies,
        projects,
        targets,
    )


def extract(doc: Document, names: list[str] | None = None) -> list[Mention]:
    """Every mention in ``doc``, in text order, after arbitration.

    Within one type, a mention nested in a longer one of the same type is
    dropped (垣曲一期抽水蓄能项目 wins over 抽水蓄能项目).  Mentions of
    different types may nest: a project's name contains a place.
    """
    from .grammar import segmentation_memo

    _load_all()
    token = _RUN.set((doc, {}))
    memo = segmentation_memo().set({})  # segmentations are kept for this document only
    try:
        mentions: list[Mention] = []
        for name in names or sorted(REGISTRY):
            mentions.extend(mentions_of(doc, name))
    finally:
        segmentation_memo().reset(memo)
        _RUN.reset(token)
    return arbitrate(mentions)


def mentions_of(doc: Document, name: str) -> list[Mention]:
    """What extractor ``name`` finds in ``doc`` (before arbitration), run once
    per :func:`extract` of ``doc``; outside one it simply runs.  The list is
    shared: callers must not change it."""
    _load_all()
    return once(doc, name, lambda d: list(REGISTRY[name](d)))


def once(doc: Document, key: str, compute: Callable[[Document], T]) -> T:
    """``compute(doc)``, computed once per :func:`extract` of ``doc`` and shared
    under ``key`` by the extractors that need it (targets and outcomes read the
    same quantities); outside a run it is simply computed."""
    run = _RUN.get()
    if run is None or run[0] is not doc:
        return compute(doc)
    memo = run[1]
    if key not in memo:
        memo[key] = compute(doc)
    return memo[key]


# Places where people live, which a firm's name may tell it is in (茅台集团 in 茅台镇).
SETTLED = ("Town", "Village")
# How many firms' names starting before a place may still hold its start (names rarely nest or overlap).
FIRMS_BEHIND = 4


def arbitrate(mentions: list[Mention]) -> list[Mention]:
    by_type: dict[str, list[Mention]] = {}
    for m in mentions:
        by_type.setdefault(m.type, []).append(m)
    kept: list[Mention] = []
    for group in by_type.values():
        # longest first, then leftmost: a span inside a kept span of its type is dropped.  Readings
        # of one span by one name keep the order they were found in (not a set's, which follows
        # string hashes and so changes from run to run): the first found wins.
        group = sorted(dict.fromkeys(group), key=lambda m: (-(m.end - m.start), m.start, m.name))
        taken: list[Mention] = []
        # the taken spans by start: one that holds m starts at most `longest` before m's end
        starts: list[int] = []
        by_start: list[Mention] = []
        longest = group[0].end - group[0].start if group else 0
        for m in group:
            lo = bisect.bisect_left(starts, m.end - longest)
            hi = bisect.bisect_right(starts, m.start)
            if not any(m.end <= k.end and _same_thing(k, m) for k in by_start[lo:hi]):
                taken.append(m)
                at = bisect.bisect_right(starts, m.start)
                starts.insert(at, m.start)
                by_start.insert(at, m)
        kept.extend(taken)
    # one name, one type: works a policy head also reads (长青南街南延工程, 汾河综合整治) are a project, and so
    # are they where the policy's reading starts before the project's (大黑山岛、砣矶岛|生态修复工程)
    works: dict[int, int] = {}
    for m in kept:
        if m.type == "Project":
            works[m.end] = max(works.get(m.end, -1), m.start)
    kept = [m for m in kept if m.type != "Policy" or works.get(m.end, -1) < m.start]
    # ... and a place read whole as a project is the project (开工建设|则木河水库: a reservoir being built)
    built = {(m.start, m.end) for m in kept if m.type == "Project"}
    kept = [m for m in kept if m.type != "Place" or (m.start, m.end) not in built]
    # a place read across a firm's name's end starts inside the name (中海油|渤海油田: no sea 油渤海)
    firms = sorted((m.start, m.end) for m in kept if m.type == "Enterprise")
    if firms:
        starts = [s for s, _ in firms]
        kept = [m for m in kept if m.type != "Place" or not any(
            m.start < e < m.end for s, e in firms[: bisect.bisect_left(starts, m.start)][-FIRMS_BEHIND:])]
        # ... and a water, a mountain or a sea read inside a firm's name is the name's word (中国海油: no sea 中国海,
        # 中海油湛江分公司: no river 油湛江); a division or a town there is where the firm is (湛江, 茅台镇), and a
        # country where it is from (新加坡丰隆集团)
        kept = [m for m in kept if m.type != "Place" or m.attr("adcode") or m.attr("iso")
                or m.attr("subclass") in SETTLED or not any(
            s <= m.start and m.end <= e for s, e in firms[: bisect.bisect_right(starts, m.start)][-FIRMS_BEHIND:])]
    return sorted(kept, key=lambda m: (m.start, -m.end, m.type, m.name))


def _same_thing(outer: Mention, inner: Mention) -> bool:
    # a quantity inside another is a second quantity unless it counts the same amount
    if outer.type in QUANTITY_TYPES:
        return (outer.attr("value"), outer.attr("unit")) == (inner.attr("value"), inner.attr("unit"))
    return True
