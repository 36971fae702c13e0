"""``located_in``: where a project, enterprise or place is.

* the administrative hierarchy of the gazetteer (垣曲县 → 运城市 → 山西省 → 中国);
* a place named inside a name (垣曲一期抽水蓄能项目 → 垣曲县, 学苑路北延 → 学苑路);
* the shared-head rule of the spec: in ``人民南路、中银路…等雨污分流及道路改造项目``
  the project is located in each listed place;
* a project named with the jurisdiction's level prefix (市会展中心 in a city's
  report) is located in the jurisdiction.

Only the most specific link is asserted; transitive questions are answered
by SPARQL property paths.
"""

from __future__ import annotations

import re

from ..model import KnowledgeGraph, Mention

SUBJECT_TYPES = ("Project", "Enterprise", "Place")
# What may stand between the members of a list and the head they share.
LIST_GLUE = re.compile(r"^[、,和及与]*$")
LIST_END = re.compile(r"^等?$")
# A project named 市… / 县… / 区… in a report of that level belongs to the
# jurisdiction: the prefix is the last character of the jurisdiction's name.
LEVEL_PREFIXES = "市县区省旗盟州"


def relate_hierarchy(graph: KnowledgeGraph) -> None:
    for entity in list(graph.entities.values()):
        parent = entity.attrs.get("parent") if entity.type == "Place" else None
        if parent and f"Place/{parent}" in graph.entities:
            graph.relate(entity.key, "located_in", f"Place/{parent}")


def relate(graph: KnowledgeGraph, ctx) -> None:
    places = [m for m in ctx.mentions if m.type == "Place"]
    for m in ctx.mentions:
        if m.type not in SUBJECT_TYPES:
            continue
        inner = [p for p in places if m.start <= p.start and p.end <= m.end and (p.start, p.end) != (m.start, m.end)]
        for p in _outermost(inner):
            if m.type == "Place" and p.attr("adcode") and not m.attr("adcode"):
                continue  # 黄河金三角 is not inside 黄河
            graph.relate(ctx.key(m), "located_in", ctx.key(p), ctx.evidence(m))
        if m.type == "Project":
            for p in _shared_head_members(ctx.doc.norm, m, places):
                graph.relate(ctx.key(m), "located_in", ctx.key(p), ctx.evidence(m))
            if not inner:
                _jurisdiction_prefix(graph, ctx, m)


def _outermost(spans: list[Mention]) -> list[Mention]:
    return [p for p in spans if not any(q is not p and q.start <= p.start and p.end <= q.end for q in spans)]


def _shared_head_members(norm: str, project: Mention, places: list[Mention]) -> list[Mention]:
    """Places listed right before ``project``: ``A、B、C等<project>`` (or one place right before it)."""
    members: list[Mention] = []
    cursor = project.start
    for p in sorted((p for p in places if p.end <= project.start), key=lambda p: p.start, reverse=True):
        glue = norm[p.end : cursor]
        if not (LIST_GLUE if members else LIST_END).match(glue):
            break
        members.append(p)
        cursor = p.start
    if len(members) == 1 and norm[members[0].end : project.start]:
        return []  # a single place followed by 等 is not a list
    return members


def _jurisdiction_prefix(graph: KnowledgeGraph, ctx, m: Mention) -> None:
    doc = ctx.doc
    if not doc.jurisdiction_code:
        return
    key = f"Place/{doc.jurisdiction_code}"
    entity = graph.entities.get(key)
    if entity is None:
        return
    prefix = doc.jurisdiction[-1:]
    if prefix and prefix in LEVEL_PREFIXES and m.name.startswith(prefix):
        graph.relate(ctx.key(m), "located_in", key, ctx.evidence(m))

