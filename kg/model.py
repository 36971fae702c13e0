"""Mentions, entities, relations and the graph that holds them.

Extractors produce :class:`Mention`\\ s (spans of one document with a type);
:mod:`kg.resolve` groups them into :class:`Entity`\\ s with a stable ``key``;
:mod:`kg.relations` links entities with :class:`Relation`\\ s, each carrying
the :class:`Evidence` (a sentence span) that supports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

ENTITY_TYPES = (
    "Place",
    "Project",
    "Enterprise",
    "Policy",
    "Initiative",
    "Target",
    "Outcome",
    "Group",
)
RELATION_TYPES = ("located_in", "part_of_initiative", "targets")
QUANTITY_TYPES = ("Target", "Outcome")

# Unpickling a named tuple calls its ``__new__``, a Python function; ``tuple.__new__(cls, values)`` is
# one C call.  A corpus rebuild unpickles every cached mention, relation and piece of evidence.
_tuple_new = tuple.__new__


class Mention(NamedTuple):
    """A typed span of one document (a named tuple: immutable, and made and unpickled in C,
    which matters when a corpus rebuild loads hundreds of thousands from the cache).

    ``name`` is the surface form the entity is known by (normally the span's
    text; a quoted name keeps its quotes).  ``attrs`` holds type-specific
    facts as sorted ``(key, value)`` pairs: ``adcode`` for a gazetteer place,
    ``value``/``unit``/``comparator``/``change``/``indicator`` for quantities,
    ``section`` for an Initiative (the outline node it names).
    """

    doc: str
    type: str
    start: int
    end: int
    text: str
    name: str
    attrs: tuple[tuple[str, Any], ...] = ()

    def attr(self, key: str, default: Any = None) -> Any:
        for k, v in self.attrs:
            if k == key:
                return v
        return default

    def __reduce__(self):
        return _tuple_new, (Mention, tuple(self))


def attrs(**kwargs: Any) -> tuple[tuple[str, Any], ...]:
    """Mention attributes from keywords, dropping ``None`` values."""
    return tuple(sorted((k, v) for k, v in kwargs.items() if v is not None))


class Evidence(NamedTuple):
    """Where a fact was read: a document and a character span in it.

    A named tuple (ordered, hashable, immutable): relations hold many, and a
    tuple is made and hashed in C.
    """

    doc: str
    start: int
    end: int

    def __reduce__(self):
        return _tuple_new, (Evidence, tuple(self))


@dataclass
class Entity:
    key: str
    type: str
    label: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [self.label, *sorted(self.aliases - {self.label})]


@dataclass
class Relation:
    subject: str
    predicate: str
    object: str
    evidence: set[Evidence] = field(default_factory=set)

    def __reduce__(self):  # by its constructor: a third faster to unpickle than a dataclass's default
        return Relation, (self.subject, self.predicate, self.object, self.evidence)


@dataclass
class KnowledgeGraph:
    """Entities by key, relations by (subject, predicate, object), documents by id."""

    entities: dict[str, Entity] = field(default_factory=dict)
    relations: dict[tuple[str, str, str], Relation] = field(default_factory=dict)
    documents: dict[str, Any] = field(default_factory=dict)

    def relate(self, subject: str, predicate: str, obj: str, evidence: Evidence | None = None) -> None:
        if predicate not in RELATION_TYPES:
            raise ValueError(f"unknown relation {predicate!r}; expected one of {RELATION_TYPES}")
        if subject == obj:
            return
        rel = self.relations.setdefault((subject, predicate, obj), Relation(subject, predicate, obj))
        if evidence is not None:
            rel.evidence.add(evidence)

    def by_type(self, type_: str) -> list[Entity]:
        return sorted((e for e in self.entities.values() if e.type == type_), key=lambda e: e.key)
