"""KnowledgeGraph -> the page's data, as JSON text safe inside a ``<script>``.

Nodes are numbered by sorted entity key, so the payload is the same for the
same graph.  The payload is columnar (one list per field) and every repeated
string -- a source sentence, a section path -- is stored once in a table and
referred to by index, which keeps a 20,000-node page a few megabytes.

A source is ``[doc, sentence, path, [start, end, ...]]``: indices into
``docs``, ``sentences`` and ``paths``, and the spans of the entity's mentions
relative to the sentence (so the page can mark them).  Entities without
mentions -- parent regions the gazetteer adds -- have no sources.  An edge's
evidence is ``[doc, sentence, path]`` of the first place it was read (the
page shows that one), or ``[]``.

:func:`payload_parts` yields the JSON text column by column and never holds
the payload as Python lists: at corpus size (40,000 nodes, 200,000 mentions)
those lists took several times the memory of the page itself.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from ..document import Document
from ..model import Entity, Evidence, KnowledgeGraph
from .layout import start as start_layout
from .style import ATTR_CAPTIONS, RELATION_STYLES, TYPE_STYLES

# Above this many nodes the page opens on the overview (initiatives and
# places only) and the rest is shown on demand.
OVERVIEW_THRESHOLD = 1500
# The overview never shows more than this many nodes.
OVERVIEW_BUDGET = 1200
OVERVIEW_TYPES = ("Initiative", "Place")
PATH_SEPARATOR = " › "
_ATTR_KEYS = tuple(k for k, _ in ATTR_CAPTIONS)
# Values encoded per json.dumps call in a long column: big enough that the
# encoder runs in C, small enough that no column exists twice as objects.
_BATCH = 4096


def script_json(data: object) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element.

    >>> script_json({"name": "</script><b>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Outside strings JSON has no < > &, so these replacements stay valid JSON.
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _json_array(values: Iterable[Any]) -> Iterator[str]:
    """A JSON array of ``values`` as script-safe text, a batch at a time."""
    yield "["
    items = iter(values)
    sep = ""
    while batch := list(islice(items, _BATCH)):
        yield sep + script_json(batch)[1:-1]
        sep = ","
    yield "]"


class _Table:
    """Strings stored once, referred to by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))

    def values(self) -> list[str]:
        return list(self.index)


class _Sources:
    """Sentences and section paths of the graph's documents, tabled.

    Each sentence is cut, stripped and tabled once, however many mentions
    and relations point into it.
    """

    def __init__(self, documents: dict[str, Document]) -> None:
        self.doc_ids = sorted(documents)
        self.doc_index = {d: i for i, d in enumerate(self.doc_ids)}
        self.documents = documents
        self.sentences = _Table()
        self.paths = _Table()
        self._path_cache: dict[tuple[str, int | None], int] = {}
        # doc id -> (doc index, document, sentence starts, sentence ends,
        #           {sentence number: (sentence, path, offset of the stripped sentence)})
        self._by_doc: dict[str, tuple[int, Document, list[int], list[int], dict[int, tuple[int, int, int]]]] = {}

    def _path(self, doc: Document, section: int | None) -> int:
        key = (doc.sha256, section)
        path = self._path_cache.get(key)
        if path is None:
            titles = [doc.title_of(s).strip() for s in doc.section_path(section)]
            path = self._path_cache[key] = self.paths(PATH_SEPARATOR.join(t for t in titles if t))
        return path

    def _cut(self, doc: Document, s_start: int, s_end: int, section: int | None) -> tuple[int, int, int]:
        raw = doc.text[s_start:s_end]
        lead = len(raw) - len(raw.lstrip())
        return self.sentences(raw.strip()), self._path(doc, section), s_start + lead

    def _state(self, doc_id: str) -> tuple[int, Document, list[int], list[int], dict] | None:
        state = self._by_doc.get(doc_id)
        if state is None:
            doc = self.documents.get(doc_id)
            if doc is None:
                return None
            starts = [s.start for s in doc.sentences]
            ends = [s.end for s in doc.sentences]
            state = self._by_doc[doc_id] = (self.doc_index[doc_id], doc, starts, ends, {})
        return state

    def locate(self, doc_id: str, start: int, end: int) -> tuple[int, int, int, int, int] | None:
        """``(doc, sentence, path, start, end)`` of a span, the offsets relative to the sentence."""
        state = self._by_doc.get(doc_id) or self._state(doc_id)
        if state is None:
            return None
        sentence_index, path, base = self._hit(state, start, end)
        return state[0], sentence_index, path, start - base, end - base

    def _hit(self, state: tuple, start: int, end: int) -> tuple[int, int, int]:
        """``(sentence, path, base offset)`` of the sentence holding the span, cut and tabled once."""
        _, doc, starts, ends, located = state
        i = bisect_right(starts, start) - 1
        if i >= 0 and start < ends[i] and end <= ends[i]:
            hit = located.get(i)
            if hit is None:
                sentence = doc.sentences[i]
                hit = located[i] = self._cut(doc, sentence.start, sentence.end, sentence.section)
            return hit
        return self._cut(doc, start, end, doc.section_at(start))  # outside any sentence (a heading): the span

    def of_entities(self, entities: list[Entity]) -> Iterator[str]:
        """``[[doc, sentence, path, [start, end, ...]], ...]`` of each entity's mentions, as JSON: one entry
        per sentence, the entries by (doc, start, end) of their first mention.

        This runs for every mention of the corpus, so the mentions are located a
        document at a time -- its sentences, outline and text stay in the processor's
        cache while its mentions are placed -- and handed back entity by entity.
        Sentences and paths are tabled in that order: document by document.
        """
        by_doc: dict[str, list[tuple[int, int, int]]] = {}
        for n, entity in enumerate(entities):
            for m in entity.mentions:
                found = by_doc.get(m.doc)
                if found is None:
                    found = by_doc[m.doc] = []
                found.append((m.start, m.end, n))
        # per entity: (doc, sentence, path, start, end) in (doc, start, end) order, as the documents
        # are taken in id order and each one's mentions by (start, end)
        located: list[list[tuple[int, int, int, int, int]]] = [[] for _ in entities]
        for doc_id in sorted(by_doc):
            spans = by_doc.pop(doc_id)
            state = self._state(doc_id)
            if state is None:
                continue
            d, hit = state[0], self._hit
            spans.sort()
            for start, end, n in spans:
                sentence, path, base = hit(state, start, end)
                located[n].append((d, sentence, path, start - base, end - base))
        for places in located:
            yield _grouped_by_sentence(places)

    def docs(self) -> list[list[Any]]:
        out = []
        for d in self.doc_ids:
            doc = self.documents[d]
            title = doc.title.strip() or Path(doc.source).name
            out.append([title, Path(doc.source).name, doc.jurisdiction, doc.year])
        return out


def _grouped_by_sentence(places: list[tuple[int, int, int, int, int]]) -> str:
    """``[[doc, sentence, path, [start, end, ...]], ...]`` of located mentions, as JSON; a repeated span once."""
    if not places:
        return "[]"
    if len(places) == 1:  # most entities: a target or outcome read once
        return "[[%d,%d,%d,[%d,%d]]]" % places[0]
    by_sentence: dict[tuple[int, int, int], list[int]] = {}
    for d, sentence, path, a, b in places:
        where = (d, sentence, path)
        marks = by_sentence.get(where)
        if marks is None:
            by_sentence[where] = [a, b]
        elif marks[-2] != a or marks[-1] != b:
            marks += (a, b)
    return "[" + ",".join(f"[{d},{s},{p},{marks}]" for (d, s, p), marks in by_sentence.items()).replace(" ", "") + "]"


def _evidence_source(sources: _Sources, evidence: set[Evidence]) -> str:
    """``[doc, sentence, path]`` of the first evidence that can be located, as JSON."""
    if not evidence:
        return "[]"
    first = min(evidence)
    loc = sources.locate(first.doc, first.start, first.end)
    if loc is None:  # its report is not in the graph: try the others in order
        loc = next(filter(None, (sources.locate(*ev) for ev in sorted(evidence))), None)
    return "[]" if loc is None else "[%d,%d,%d]" % loc[:3]


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


def payload_parts(graph: KnowledgeGraph) -> Iterator[str]:
    """Everything the page shows, as one JSON object, in script-safe pieces.

    The object is ``{"types", "relations", "captions", "nodes": {...},
    "edges": {...}, "docs", "sentences", "paths", "overview"}``; see the
    module docstring for the fields.
    """
    type_index = {s.name: i for i, s in enumerate(TYPE_STYLES)}
    pred_index = {s.name: i for i, s in enumerate(RELATION_STYLES)}
    keys = sorted(graph.entities)
    node = {k: i for i, k in enumerate(keys)}
    entities = [graph.entities[k] for k in keys]
    sources = _Sources(graph.documents)

    edges = sorted(
        (node[r.subject], pred_index[r.predicate], node[r.object], r)
        for r in graph.relations.values()
        if r.subject in node and r.object in node
    )  # (s, p, o) is unique, so the relation itself is never compared
    degree = [0] * len(keys)
    for s, _, o, _ in edges:
        degree[s] += 1
        degree[o] += 1
    types = [type_index[e.type] for e in entities]
    coords = start_layout(len(keys), [(s, o) for s, _, o, _ in edges])
    try:
        # first, while the layout may be running in its own process: the two columns that quote the
        # reports (sentences and section paths are tabled as they come, the mentions' first)
        mention_sources = ",".join(sources.of_entities(entities))
        edge_sources = ",".join(_evidence_source(sources, r.evidence) for *_, r in edges)
        yield script_json(
            {
                "types": [[s.name, s.zh, s.colour, s.shape, s.glyph] for s in TYPE_STYLES],
                "relations": [[s.name, s.zh, s.colour, s.zh_inverse] for s in RELATION_STYLES],
                "captions": [list(c) for c in ATTR_CAPTIONS],
            }
        )[:-1]
        yield ',"nodes":{"type":' + script_json(types)
        yield ',"label":'
        yield from _json_array(e.label for e in entities)
        yield ',"names":'
        yield from _json_array(e.names[1:] for e in entities)
        yield ',"degree":' + script_json(degree)
        yield ',"mentions":' + script_json([len(e.mentions) for e in entities])
        yield ',"attrs":'
        yield from _json_array(_attrs(e.attrs) for e in entities)
        yield ',"sources":[' + mention_sources + "]"
        del mention_sources
        placed = coords.result()
    finally:
        coords.close()
    yield ',"x":' + script_json([c[0] for c in placed])
    yield ',"y":' + script_json([c[1] for c in placed]) + "}"
    del placed
    yield ',"edges":{"from":' + script_json([s for s, _, _, _ in edges])
    yield ',"rel":' + script_json([p for _, p, _, _ in edges])
    yield ',"to":' + script_json([o for _, _, o, _ in edges])
    yield ',"evidence":[' + edge_sources + "]}"
    del edge_sources
    yield ',"docs":'
    yield from _json_array(sources.docs())
    yield ',"sentences":'
    yield from _json_array(sources.sentences.index)
    yield ',"paths":'
    yield from _json_array(sources.paths.index)
    yield ',"overview":' + script_json(overview(types, degree)) + "}"


def payload(graph: KnowledgeGraph) -> dict[str, Any]:
    """The page's data decoded into Python (for tests and inspection; the page uses :func:`payload_parts`)."""
    return json.loads("".join(payload_parts(graph)))
