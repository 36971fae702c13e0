"""Mentions -> entities: identity, canonical name and aliases.

Identity is decided here and nowhere else.  A mention's key is:

* ``Place/<adcode>`` for an administrative division the gazetteer knows
  (运城, 运城市 and 运城地区 are one entity); its ancestors up to the country
  are added as entities too, so the graph carries the real hierarchy;
* ``<Type>/<name>`` for everything else, where ``name`` is the mention's
  ``canonical`` attribute if an extractor set one (黄河流域 → 黄河), else its
  surface name, compared by :func:`kg.document.name_key` (so “双十工程” and
  双十工程 are one policy);
* quantities are facts of one report: ``<Type>/<doc id>/<name>``.

Every surface form survives as an alias.
"""

from __future__ import annotations

import functools
import operator
from collections import Counter
from typing import TYPE_CHECKING

from .document import name_key as _name_key
from .model import QUANTITY_TYPES, Entity, KnowledgeGraph, Mention

if TYPE_CHECKING:
    from .pipeline import Analysis


#: Names repeat across mentions and reports: each is keyed once per process.
name_key = functools.lru_cache(maxsize=1 << 17)(_name_key)


#: The order of an entity's mentions.
_DOC_START_END = operator.attrgetter("doc", "start", "end")


def mention_key(m: Mention) -> str:
    if m.type == "Place" and m.attr("adcode"):
        return f"Place/{m.attr('adcode')}"
    if m.type in QUANTITY_TYPES:
        return f"{m.type}/{m.doc}/{name_key(m.name)}"
    return f"{m.type}/{name_key(m.attr('canonical') or m.name)}"


def resolve(analyses: list[Analysis]) -> KnowledgeGraph:
    """One graph of entities from the mentions of every analysed document."""
    graph = KnowledgeGraph()
    entities = graph.entities
    # key -> (entity, its surface forms counted); this loop runs for every mention of the corpus
    seen: dict[str, tuple[Entity, Counter[str]]] = {}
    for analysis in analyses:
        graph.documents[analysis.document.id] = analysis.document
        for m in analysis.mentions:
            key = mention_key(m)
            known = seen.get(key)
            if known is None:
                entity = entities[key] = Entity(key, m.type, m.name)
                known = seen[key] = (entity, Counter())
            entity, names = known
            entity.mentions.append(m)
            name, text = m.name, m.text
            names[name] += 1
            if text != name and name_key(text) != name_key(name):
                names[text] += 0  # the exact surface is an alias too, never the label
            if m.attrs:
                setdefault = entity.attrs.setdefault
                for k, v in m.attrs:
                    setdefault(k, v)
    for entity, names in seen.values():
        entity.aliases = set(names)
        canonical = entity.attrs.get("official") or entity.attrs.get("canonical")
        if canonical:
            entity.label = canonical
        elif names:
            # the most frequent surface form; ties go to the longer, then the smaller
            entity.label = min((n for n in names if names[n]), key=lambda n: (-names[n], -len(n), n))
        entity.aliases.discard(entity.label)
        entity.mentions.sort(key=_DOC_START_END)
    _add_gazetteer_places(graph)
    return graph


def _add_gazetteer_places(graph: KnowledgeGraph) -> None:
    """Give every administrative place its official data; add its ancestors and each report's jurisdiction."""
    from .gazetteer import Gazetteer

    gaz = Gazetteer.load()
    pending = [e.attrs["adcode"] for e in graph.entities.values() if e.type == "Place" and e.attrs.get("adcode")]
    # a place the gazetteer does not hold but knows the division of (a national new area: 雄安新区 in 河北省)
    pending += [e.attrs["parent"] for e in graph.entities.values()
                if e.type == "Place" and not e.attrs.get("adcode") and e.attrs.get("parent")]
    # each report's own government is in the graph even where its text never names it
    pending += [d.jurisdiction_code for d in graph.documents.values() if getattr(d, "jurisdiction_code", "")]
    for code in sorted(set(pending)):
        for division in [gaz.get(code), *gaz.ancestors(code)]:
            key = f"Place/{division.adcode}"
            entity = graph.entities.get(key)
            if entity is None:
                entity = graph.entities[key] = Entity(key, "Place", division.name)
            entity.label = division.name
            if division.short != division.name:
                entity.aliases.add(division.short)
            entity.aliases.discard(division.name)
            entity.attrs.update(
                {
                    k: v
                    for k, v in {
                        "adcode": division.adcode,
                        "level": division.level,
                        "lat": division.lat,
                        "long": division.long,
                        "parent": division.parent,
                    }.items()
                    if v is not None
                }
            )
