"""``targets``: what a policy, project or initiative is aimed at or measured by.

Read from one sentence at a time:

* a policy targets the quantities, groups and enterprises of its sentence
  (持续实施高新技术企业倍增计划,新增高新技术企业25家 → the target; 国资国企改革
  → 新纺, 磷肥厂);
* a policy targets the places its own name or its sentence attaches to it
  (“绿满运城”行动 → 运城市; 完成盐湖区、万荣县“…”试点工作 → both);
* a project targets a quantity whose phrase names it (打造10万吨级白酒基地);
* a group in a sentence with no policy is targeted by the enclosing initiative.
"""

from __future__ import annotations

import re

from ..model import KnowledgeGraph, Mention

# What may separate listed places from the policy they precede.
PLACE_LIST_GLUE = re.compile(r"^[、,和及与]*$")


def relate(graph: KnowledgeGraph, ctx) -> None:
    from .part_of_initiative import _nearest

    initiatives = ctx.initiative_of_section()
    seen: set[int] = set()
    for m in ctx.mentions:
        sentence = ctx.doc.sentence_at(m.start)
        if sentence is None or sentence.start in seen:
            continue
        seen.add(sentence.start)
        here = ctx.sentence_mentions(m)
        policies = [x for x in here if x.type == "Policy"]
        projects = [x for x in here if x.type == "Project"]
        for q in (x for x in here if x.type in ("Target", "Outcome")):
            for project in projects:
                if q.start <= project.start and project.end <= q.end:
                    graph.relate(ctx.key(project), "targets", ctx.key(q), ctx.evidence(q))
        for policy in policies:
            for obj in here:
                # a group named inside the policy's own name is what it acts on (高新技术企业倍增计划)
                if obj.type in ("Target", "Group", "Enterprise") and (obj.type == "Group" or not _inside(obj, policy)):
                    graph.relate(ctx.key(policy), "targets", ctx.key(obj), ctx.evidence(policy))
            for place in _places_of(ctx.doc.norm, policy, here):
                graph.relate(ctx.key(policy), "targets", ctx.key(place), ctx.evidence(policy))
        if not policies:
            owner = _nearest(ctx.doc, initiatives, sentence.section)
            if owner is not None:
                for g in (x for x in here if x.type == "Group" and not _inside_any(x, here)):
                    graph.relate(ctx.key(owner), "targets", ctx.key(g), ctx.evidence(g))


def _inside(inner: Mention, outer: Mention) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner is not outer


def _inside_any(m: Mention, others: list[Mention]) -> bool:
    return any(_inside(m, o) and o.type != "Target" and o.type != "Outcome" for o in others)


def _places_of(norm: str, policy: Mention, here: list[Mention]) -> list[Mention]:
    places = [x for x in here if x.type == "Place"]
    inside = [p for p in places if _inside(p, policy)]
    before: list[Mention] = []
    cursor = policy.start
    for p in sorted((p for p in places if p.end <= policy.start), key=lambda p: -p.start):
        if not PLACE_LIST_GLUE.match(norm[p.end : cursor]):
            break
        before.append(p)
        cursor = p.start
    return inside + before
