"""Entities + outline -> relations, each with the sentence that supports it.

One module per relation: :mod:`.located_in`, :mod:`.part_of_initiative`,
:mod:`.targets`.  Each is ``relate(graph, context)`` and adds to the graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..document import Document
from ..model import Evidence, KnowledgeGraph, Mention, Relation
from ..resolve import mention_key

if TYPE_CHECKING:
    from ..pipeline import Analysis


@dataclass
class DocContext:
    """One analysed document with lookups the relation rules share."""

    doc: Document
    mentions: list[Mention]

    def key(self, m: Mention) -> str:
        return mention_key(m)

    def evidence(self, m: Mention) -> Evidence:
        """The sentence around ``m`` (or the mention itself outside any sentence)."""
        s = self.doc.sentence_at(m.start)
        return Evidence(self.doc.id, s.start, s.end) if s else Evidence(self.doc.id, m.start, m.end)

    def sentence_mentions(self, m: Mention) -> list[Mention]:
        s = self.doc.sentence_at(m.start)
        if s is None:
            return [m]
        return [x for x in self.mentions if s.start <= x.start < s.end]

    def initiative_of_section(self) -> dict[int, Mention]:
        return {m.attr("section"): m for m in self.mentions if m.type == "Initiative" and m.attr("section") is not None}


def relate(graph: KnowledgeGraph, analyses: list[Analysis]) -> None:
    """Add the gazetteer hierarchy and every document's relations to ``graph``."""
    from . import located_in

    located_in.relate_hierarchy(graph)
    for analysis in analyses:
        merge(graph, doc_relations(graph, analysis))


def doc_relations(graph: KnowledgeGraph, analysis: Analysis) -> list[Relation]:
    """The relations one document states, each with its evidence there.

    The rules see ``graph``'s entities (gazetteer levels and parents) but only
    this document's relations, so a document's relations never depend on the
    other documents of the corpus: they can be found in a worker process, and
    cached with the document.
    """
    from . import located_in, part_of_initiative, targets

    local = KnowledgeGraph(entities=graph.entities, documents=graph.documents)
    ctx = DocContext(analysis.document, analysis.mentions)
    for module in (located_in, part_of_initiative, targets):
        module.relate(local, ctx)
    return [local.relations[t] for t in sorted(local.relations)]


def merge(graph: KnowledgeGraph, relations: list[Relation]) -> None:
    """Add ``relations`` to ``graph``, uniting the evidence of a relation found twice."""
    for rel in relations:
        mine = graph.relations.get((rel.subject, rel.predicate, rel.object))
        if mine is None:
            graph.relations[(rel.subject, rel.predicate, rel.object)] = Relation(
                rel.subject, rel.predicate, rel.object, set(rel.evidence)
            )
        else:
            mine.evidence |= rel.evidence
