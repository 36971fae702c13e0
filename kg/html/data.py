"""KnowledgeGraph -> the page's data: plain lists, ready for ``json.dumps``.

Nodes are numbered by sorted entity key, so the payload is the same for the
same graph.  The payload is columnar (one list per field) and every repeated
string -- a source sentence, a section path -- is stored once in a table and
referred to by index, which keeps a 20,000-node page a few megabytes.

A source is ``[doc, sentence, path, [start, end, ...]]``: indices into
``docs``, ``sentences`` and ``paths``, and the spans of the entity's mentions
relative to the sentence (so the page can mark them).  Entities without mentions -- parent regions the
gazetteer adds -- have no sources.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..document import Document
from ..model import Evidence, KnowledgeGraph, Mention
from .layout import layout
from .style import ATTR_CAPTIONS, RELATION_STYLES, TYPE_STYLES

# Above this many nodes the page opens on the overview (initiatives and
# places only) and the rest is shown on demand.
OVERVIEW_THRESHOLD = 1500
# The overview never shows more than this many nodes.
OVERVIEW_BUDGET = 1200
OVERVIEW_TYPES = ("Initiative", "Place")
PATH_SEPARATOR = " › "
_ATTR_KEYS = tuple(k for k, _ in ATTR_CAPTIONS)


class _Table:
    """Strings stored once, referred to by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))

    def values(self) -> list[str]:
        return list(self.index)


class _Sources:
    """Sentences and section paths of the graph's documents, tabled."""

    def __init__(self, documents: dict[str, Document]) -> None:
        self.doc_ids = sorted(documents)
        self.doc_index = {d: i for i, d in enumerate(self.doc_ids)}
        self.documents = documents
        self.sentences = _Table()
        self.paths = _Table()
        self._path_cache: dict[tuple[str, int | None], int] = {}

    def _path(self, doc: Document, section: int | None) -> int:
        key = (doc.id, section)
        if key not in self._path_cache:
            titles = [doc.title_of(s).strip() for s in doc.section_path(section)]
            self._path_cache[key] = self.paths(PATH_SEPARATOR.join(t for t in titles if t))
        return self._path_cache[key]

    def locate(self, doc_id: str, start: int, end: int) -> list[int] | None:
        doc = self.documents.get(doc_id)
        if doc is None:
            return None
        sentence = doc.sentence_at(start)
        if sentence is not None and sentence.end >= end:
            s_start, s_end, section = sentence.start, sentence.end, sentence.section
        else:  # a mention outside any sentence (a heading): the span itself
            s_start, s_end, section = start, end, doc.section_at(start)
        raw = doc.text[s_start:s_end]
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        return [
            self.doc_index[doc_id],
            self.sentences(text),
            self._path(doc, section),
            start - s_start - lead,
            end - s_start - lead,
        ]

    def docs(self) -> list[list[Any]]:
        out = []
        for d in self.doc_ids:
            doc = self.documents[d]
            title = doc.title.strip() or Path(doc.source).name
            out.append([title, Path(doc.source).name, doc.jurisdiction, doc.year])
        return out


def _mention_sources(sources: _Sources, mentions: list[Mention]) -> list[list[Any]]:
    """``[[doc, sentence, path, [start, end, ...]], ...]``: one entry per sentence."""
    by_sentence: dict[tuple[int, int, int], list[int]] = {}
    for m in sorted(mentions, key=lambda m: (sources.doc_index.get(m.doc, -1), m.start, m.end)):
        loc = sources.locate(m.doc, m.start, m.end)
        if loc is not None:
            marks = by_sentence.setdefault((loc[0], loc[1], loc[2]), [])
            if loc[3:] != marks[-2:]:
                marks.extend(loc[3:])
    return [[*where, marks] for where, marks in by_sentence.items()]


def _evidence_sources(sources: _Sources, evidence: set[Evidence]) -> list[int]:
    flat: list[int] = []
    for ev in sorted(evidence):
        loc = sources.locate(ev.doc, ev.start, ev.end)
        if loc is not None:
            flat.extend(loc[:3])
    return flat


def _attrs(values: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key in _ATTR_KEYS:
        value = values.get(key)
        if value is None or value == "":
            continue
        out[key] = value if isinstance(value, (int, float, str, bool)) else str(value)
    return out


def overview(types: list[int], degree: list[int]) -> list[int] | None:
    """The nodes the page opens on, or ``None`` to open on the whole graph."""
    if len(types) <= OVERVIEW_THRESHOLD:
        return None
    wanted = {i for i, s in enumerate(TYPE_STYLES) if s.name in OVERVIEW_TYPES}
    skeleton = [n for n, t in enumerate(types) if t in wanted]
    skeleton.sort(key=lambda n: (-degree[n], n))
    return sorted(skeleton[:OVERVIEW_BUDGET])


def payload(graph: KnowledgeGraph) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready lists."""
    type_index = {s.name: i for i, s in enumerate(TYPE_STYLES)}
    pred_index = {s.name: i for i, s in enumerate(RELATION_STYLES)}
    keys = sorted(graph.entities)
    node = {k: i for i, k in enumerate(keys)}
    entities = [graph.entities[k] for k in keys]
    sources = _Sources(graph.documents)

    edges = sorted(
        (
            (node[r.subject], pred_index[r.predicate], node[r.object], r)
            for r in graph.relations.values()
            if r.subject in node and r.object in node
        ),
        key=lambda edge: edge[:3],
    )
    degree = [0] * len(keys)
    for s, _, o, _ in edges:
        degree[s] += 1
        degree[o] += 1
    types = [type_index[e.type] for e in entities]
    coords = layout(len(keys), [(s, o) for s, _, o, _ in edges])

    return {
        "types": [[s.name, s.zh, s.colour, s.shape, s.glyph] for s in TYPE_STYLES],
        "relations": [[s.name, s.zh, s.colour, s.zh_inverse] for s in RELATION_STYLES],
        "captions": [list(c) for c in ATTR_CAPTIONS],
        "nodes": {
            "type": types,
            "label": [e.label for e in entities],
            "names": [sorted(set(e.names) - {e.label}) for e in entities],
            "x": [c[0] for c in coords],
            "y": [c[1] for c in coords],
            "degree": degree,
            "mentions": [len(e.mentions) for e in entities],
            "attrs": [_attrs(e.attrs) for e in entities],
            "sources": [_mention_sources(sources, e.mentions) for e in entities],
        },
        "edges": {
            "from": [s for s, _, _, _ in edges],
            "rel": [p for _, p, _, _ in edges],
            "to": [o for _, _, o, _ in edges],
            "evidence": [_evidence_sources(sources, r.evidence) for *_, r in edges],
        },
        "docs": sources.docs(),
        "sentences": sources.sentences.values(),
        "paths": sources.paths.values(),
        "overview": overview(types, degree),
    }
