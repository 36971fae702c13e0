"""``part_of_initiative``: a mention belongs to the innermost heading above it.

Projects, policies, targets and outcomes are part of the innermost
initiative whose section contains them; an initiative is part of the
initiative of its parent section.
"""

from __future__ import annotations

from ..model import KnowledgeGraph

SUBJECT_TYPES = ("Project", "Policy", "Target", "Outcome")


def relate(graph: KnowledgeGraph, ctx) -> None:
    initiatives = ctx.initiative_of_section()
    doc = ctx.doc
    for m in ctx.mentions:
        if m.type == "Initiative":
            section = doc.section(m.attr("section"))
            parent = _nearest(doc, initiatives, section.parent) if section is not None else None
            if parent is not None:
                graph.relate(ctx.key(m), "part_of_initiative", ctx.key(parent), ctx.evidence(m))
        elif m.type in SUBJECT_TYPES:
            owner = _nearest(doc, initiatives, doc.section_at(m.start))
            if owner is not None:
                graph.relate(ctx.key(m), "part_of_initiative", ctx.key(owner), ctx.evidence(m))


def _nearest(doc, initiatives, section_id):
    """The initiative of ``section_id`` or of its nearest ancestor that has one."""
    while section_id is not None:
        if section_id in initiatives:
            return initiatives[section_id]
        section_id = doc.sections[section_id].parent
    return None
