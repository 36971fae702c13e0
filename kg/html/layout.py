"""A deterministic node layout, computed once in Python.

The page draws with physics off, so the picture is exactly these
coordinates: the same graph looks the same in every build.  igraph's
Fruchterman-Reingold runs in C (0.2 s at 5,000 nodes, about 1 s at 20,000,
where networkx's ``spring_layout`` took 43 s at 5,000); its random start is
drawn from a private seeded generator, and coordinates are rounded to whole
pixels so float noise cannot reach the output bytes.

Up to :data:`EXACT_LIMIT` nodes every node takes part in the simulation.  A
corpus graph is mostly small nodes hanging off a few hubs (thousands of
targets ``part_of_initiative`` one initiative), and simulating each of them
costs seconds while telling the picture nothing new.  Above the limit, nodes
of degree 1 or 2 whose neighbours are all hubs (degree 3 or more) are grouped
by their neighbour set.  A group is simulated as a few stand-ins linked to the
same hubs -- as many as it takes to claim the area its members will need --
and its members are then set out on a sunflower disc (evenly spaced, no two
on one spot) centred where its stand-ins settled.

A corpus graph's layout takes most of a second, holding the GIL (igraph's
simulation does not release it).  :func:`start` therefore runs it, for a
graph of more than :data:`SEPARATE_FROM` nodes, in a process of its own
(:class:`kg.sideproc.Job`, which runs :func:`main`), while the page goes on
with its other columns.  The coordinates are the same either way; where the
process cannot start or fails, the layout is computed here.
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections.abc import Sequence

import igraph

from ..sideproc import Job

SEED = 20230110
ITERATIONS = 500
# Mean distance between linked nodes on the page, in canvas pixels.
EDGE_LENGTH = 170
# Above this many nodes, groups of like leaves are simulated by stand-ins.
EXACT_LIMIT = 5000
# Distance scale between the members set out around one stand-in, in pixels.
MEMBER_SPACING = 22
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
# A group's disc starts this many places out (about two spacings), clear of its centre.
_HOLE = 4
#: Above this many nodes :func:`start` lays the graph out in a process of its own.
SEPARATE_FROM = EXACT_LIMIT


def layout(n: int, edges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Integer ``(x, y)`` for nodes ``0..n-1`` linked by ``edges``.

    >>> layout(3, [(0, 1), (1, 2)]) == layout(3, [(0, 1), (1, 2)])
    True
    """
    if n == 0:
        return []
    if n == 1:
        return [(0, 0)]
    pairs = sorted({(min(a, b), max(a, b)) for a, b in edges if a != b})
    if n <= EXACT_LIMIT:
        coords = _simulate(n, pairs)
        scale = _scale(coords, pairs)
        return [(round(x * scale), round(y * scale)) for x, y in coords]
    return _grouped(n, pairs)


class Pending:
    """A layout under way in a process of its own: :meth:`result` gives :func:`layout`'s coordinates."""

    def __init__(self, n: int, edges: Sequence[tuple[int, int]]) -> None:
        self._job = (n, [list(e) for e in edges])
        self._proc = Job("kg.html.layout", "main", json.dumps(self._job).encode())

    def result(self) -> list[tuple[int, int]]:
        """The coordinates: from the process when it gave them, else computed here."""
        out = self._proc.result()
        try:
            coords = [tuple(c) for c in json.loads(out)] if out is not None else None
        except (ValueError, TypeError):
            coords = None
        if coords is None or len(coords) != self._job[0]:
            coords = layout(*self._job)
        return coords

    def close(self) -> None:
        """Stop the process if it still runs (the page was abandoned before :meth:`result`)."""
        self._proc.close()


class _Done:
    """A layout computed at once."""

    def __init__(self, coords: list[tuple[int, int]]) -> None:
        self._coords = coords

    def result(self) -> list[tuple[int, int]]:
        return self._coords

    def close(self) -> None:
        pass


def start(n: int, edges: Sequence[tuple[int, int]]) -> Pending | _Done:
    """Begin :func:`layout` of ``n`` nodes and ``edges``: in a process of its own above
    :data:`SEPARATE_FROM` nodes, else here and now.  ``.result()`` gives the coordinates."""
    if n > SEPARATE_FROM:
        return Pending(n, edges)
    return _Done(layout(n, edges))


def _simulate(n: int, pairs: list[tuple[int, int]]) -> list[list[float]]:
    graph = igraph.Graph(n=n, edges=pairs)
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        return graph.layout_fruchterman_reingold(niter=ITERATIONS).coords
    finally:
        igraph.set_random_number_generator(random)


def groups(n: int, pairs: list[tuple[int, int]]) -> dict[tuple[int, ...], list[int]]:
    """Nodes of degree 1 or 2 whose neighbours all have degree 3 or more, by neighbour set.

    >>> groups(3, [(0, 1), (1, 2)])
    {}
    >>> groups(6, [(0, 1), (0, 2), (0, 3), (1, 4), (2, 4), (3, 4), (4, 5)])
    {(0, 4): [1, 2, 3], (4,): [5]}
    >>> groups(8, [(0, 1), (0, 2), (0, 3), (0, 4), (4, 5), (4, 6), (4, 7), (0, 7)])
    {(0,): [1, 2, 3], (4,): [5, 6], (0, 4): [7]}
    """
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for a, b in pairs:
        neighbours[a].append(b)
        neighbours[b].append(a)
    out: dict[tuple[int, ...], list[int]] = {}
    for i, near in enumerate(neighbours):
        if 1 <= len(near) <= 2 and all(len(neighbours[j]) >= 3 for j in near):
            out.setdefault(tuple(sorted(near)), []).append(i)
    return out


def _grouped(n: int, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    grouped = groups(n, pairs)
    member = {i for members in grouped.values() for i in members}
    # simulated nodes: every node not in a group, then each group's stand-ins
    sim = {i: k for k, i in enumerate(i for i in range(n) if i not in member)}
    sim_pairs = [(sim[a], sim[b]) for a, b in pairs if a in sim and b in sim]
    stand_ins: list[tuple[list[int], range]] = []  # (members, their stand-ins)
    first = len(sim)
    for near, members in sorted(grouped.items()):
        count = -(-len(members) * MEMBER_SPACING**2 // EDGE_LENGTH**2)  # ceil: the disc's area
        stand_ins.append((members, range(first, first + count)))
        sim_pairs += [(sim[h], s) for s in range(first, first + count) for h in near]
        first += count
    coords = _simulate(first, sorted(sim_pairs))
    scale = _scale(coords, sim_pairs)
    out: list[tuple[int, int]] = [(0, 0)] * n
    for i, k in sim.items():
        out[i] = (round(coords[k][0] * scale), round(coords[k][1] * scale))
    for members, sims in stand_ins:
        # a sunflower disc over the ground the stand-ins cover
        cx = scale * sum(coords[s][0] for s in sims) / len(sims)
        cy = scale * sum(coords[s][1] for s in sims) / len(sims)
        reach = max(math.dist((cx, cy), (scale * coords[s][0], scale * coords[s][1])) for s in sims)
        spacing = min(MEMBER_SPACING, max(reach, EDGE_LENGTH / 2) / math.sqrt(len(members) + _HOLE))
        for t, i in enumerate(members):
            r = spacing * math.sqrt(t + _HOLE)
            a = t * _GOLDEN_ANGLE
            out[i] = (round(cx + r * math.cos(a)), round(cy + r * math.sin(a)))
    return out


def _scale(coords: list[list[float]], pairs: list[tuple[int, int]]) -> float:
    """The factor that makes the mean edge ``EDGE_LENGTH`` long."""
    if pairs:
        mean = sum(math.dist(coords[a], coords[b]) for a, b in pairs) / len(pairs)
    else:
        xs = [c[0] for c in coords]
        mean = (max(xs) - min(xs)) / math.sqrt(len(coords)) or 1.0
    return EDGE_LENGTH / mean if mean > 0 else 1.0


def main() -> None:
    """In the layout's own process: ``[n, edges]`` as JSON on stdin, the coordinates as JSON on stdout."""
    n, edges = json.load(sys.stdin)
    json.dump(layout(n, [tuple(e) for e in edges]), sys.stdout, separators=(",", ":"))
