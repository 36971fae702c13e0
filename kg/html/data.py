"""KnowledgeGraph -> the page's data, as JSON text safe inside a ``<script>``.

Nodes are numbered by sorted entity key, so the payload is the same for the
same graph.  The payload is columnar (one list per field) and every repeated
string -- a source sentence, a section path -- is stored once in a table and
referred to by index, which keeps a 20,000-node page a few megabytes.

A source is ``[doc, sentence, path, [start, end, ...]]``: an index into
``docs``; the numbers of a sentence and a section path in that document's
own lists, ``docSentences[doc]`` and ``docPaths[doc]``, which hold indices
into ``sentences`` and ``paths``; and the spans of the entity's mentions
relative to the sentence (so the page can mark them).  Entities without
mentions -- parent regions the gazetteer adds -- have no sources.  An
edge's evidence is ``[doc, sentence, path]`` of the first place it was read
(the page shows that one), or ``[]``.

Placing 200,000 mentions in their sentences is most of the page's work at
corpus size.  Each document's share of it (:func:`doc_page`) depends on that
document alone, so a build's workers make it beside each analysis and its
cache keeps it; the page then joins their text.

:func:`payload_parts` yields the JSON text column by column and never holds
the payload as Python lists: at corpus size (40,000 nodes, 200,000 mentions)
those lists took several times the memory of the page itself.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator
from itertools import islice
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from ..document import Document
from ..model import KnowledgeGraph, Mention, Relation
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


class _DocSources:
    """One report's sentences and section paths, tabled as the page's entries point into them.

    Each sentence is cut, stripped and tabled once, however many mentions
    and relations point into it.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.sentences: dict[tuple[int, int], int] = {}  # (start, end) of a stripped sentence -> its number
        self.paths = _Table()
        self._starts = [s.start for s in doc.sentences]
        self._ends = [s.end for s in doc.sentences]
        self._located: dict[int, tuple[int, int, int]] = {}  # sentence number -> (sentence, path, offset)
        self._path_of: dict[int | None, int] = {}  # section -> path

    def _path(self, section: int | None) -> int:
        path = self._path_of.get(section)
        if path is None:
            doc = self.doc
            titles = [doc.title_of(s).strip() for s in doc.section_path(section)]
            path = self._path_of[section] = self.paths(PATH_SEPARATOR.join(t for t in titles if t))
        return path

    def _cut(self, s_start: int, s_end: int, section: int | None) -> tuple[int, int, int]:
        raw = self.doc.text[s_start:s_end]
        base = s_start + len(raw) - len(raw.lstrip())
        span = (base, base + len(raw.strip()))
        return self.sentences.setdefault(span, len(self.sentences)), self._path(section), base

    def hit(self, start: int, end: int) -> tuple[int, int, int]:
        """``(sentence, path, base offset)`` of the sentence holding the span, cut and tabled once."""
        ends = self._ends
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and start < ends[i] and end <= ends[i]:
            hit = self._located.get(i)
            if hit is None:
                sentence = self.doc.sentences[i]
                hit = self._located[i] = self._cut(sentence.start, sentence.end, sentence.section)
            return hit
        return self._cut(start, end, self.doc.section_at(start))  # outside any sentence (a heading): the span


class DocPage(NamedTuple):
    """One report's share of the page (:func:`doc_page`).

    Its sentences and section paths are numbered in tables of its own, so
    the share depends on the report alone: a worker makes it beside the
    report's analysis, the cache keeps it, and the page only joins text.
    Entries are JSON text with ``\\0`` where the report's place among the
    page's documents goes.
    """

    #: ``start, end`` of each of the report's sentences (or headings) that mentions and evidence point into,
    #: stripped, in one flat list: the text is the report's, not copied
    sentences: list[int]
    #: their section paths, each once
    paths: list[str]
    #: entity key -> its sources in the report: ``[\\0,sentence,path,[start,end,...]]`` entries, comma-separated
    sources: dict[str, str]
    #: (subject, predicate, object) of each relation the report states -> (sentence, path) of its first evidence
    #: there
    evidence: dict[tuple[str, str, str], tuple[int, int]]

    def __reduce__(self):  # a tuple, made and unpickled in C
        return _tuple_new, (DocPage, tuple(self))


_tuple_new = tuple.__new__


def doc_page(
    doc: Document, entities: Iterable[tuple[str, Iterable[Mention]]], relations: Iterable[Relation]
) -> DocPage:
    """Where in ``doc`` each of ``entities`` -- ``(key, its mentions in doc)``, by key -- is read, and where the
    first evidence in ``doc`` of each of ``relations`` is.

    Each entity gets one entry per sentence, the entries in the order of
    their first mention.  Sentences are tabled in the order of the mentions
    placed in them, then of the relations' evidence, by (subject, predicate,
    object): the same share whether it is made from a report's own analysis
    or from a merged graph.
    """
    src = _DocSources(doc)
    keys: list[str] = []
    spans: list[tuple[int, int, int]] = []
    for n, (key, mentions) in enumerate(entities):
        keys.append(key)
        spans += [(m.start, m.end, n) for m in mentions]
    spans.sort()  # by offset: sentences are tabled in the order of the text
    located: list[list[tuple[int, int, int, int]]] = [[] for _ in keys]
    hit = src.hit
    for start, end, n in spans:
        sentence, path, base = hit(start, end)
        located[n].append((sentence, path, start - base, end - base))
    sources = {key: _grouped_by_sentence(places) for key, places in zip(keys, located, strict=True) if places}
    evidence = {}
    for rel in sorted(relations, key=_TRIPLE):
        here = [ev for ev in rel.evidence if ev.doc == doc.id]
        if here:
            first = min(here)
            evidence[_TRIPLE(rel)] = hit(first.start, first.end)[:2]
    return DocPage([n for span in src.sentences for n in span], src.paths.values(), sources, evidence)


_TRIPLE = attrgetter("subject", "predicate", "object")


def pages_of(graph: KnowledgeGraph, doc_ids: Collection[str] | None = None) -> dict[str, DocPage]:
    """:func:`doc_page` of each document of ``graph`` (of ``doc_ids`` only, when given), made from the graph."""
    wanted = set(graph.documents if doc_ids is None else doc_ids) & set(graph.documents)
    by_doc: dict[str, dict[str, list[Mention]]] = {d: {} for d in wanted}
    for key in sorted(graph.entities):
        for m in graph.entities[key].mentions:
            mine = by_doc.get(m.doc)
            if mine is not None:
                mine.setdefault(key, []).append(m)
    stated: dict[str, list[Relation]] = {d: [] for d in wanted}
    for rel in graph.relations.values():
        for d in {ev.doc for ev in rel.evidence}:
            if d in stated:
                stated[d].append(rel)
    return {d: doc_page(graph.documents[d], by_doc[d].items(), stated[d]) for d in sorted(wanted)}


def _grouped_by_sentence(places: list[tuple[int, int, int, int]]) -> str:
    """The entries of located mentions, ``[\\0,sentence,path,[start,end,...]]`` comma-separated, one per
    sentence; a repeated span once."""
    if len(places) == 1:  # most entities: a target or outcome read once
        return "[\0,%d,%d,[%d,%d]]" % places[0]
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for sentence, path, a, b in places:
        where = (sentence, path)
        marks = by_sentence.get(where)
        if marks is None:
            by_sentence[where] = [a, b]
        elif marks[-2] != a or marks[-1] != b:
            marks += (a, b)
    return ",".join(f"[\0,{s},{p},{marks}]" for (s, p), marks in by_sentence.items()).replace(" ", "")


def _docs(documents: dict[str, Document], doc_ids: list[str]) -> list[list[Any]]:
    out = []
    for d in doc_ids:
        doc = documents[d]
        title = doc.title.strip() or Path(doc.source).name
        out.append([title, Path(doc.source).name, doc.jurisdiction, doc.year])
    return out


def _edge_evidence(pages: dict[str, DocPage], doc_index: dict[str, str], rel: Relation) -> str:
    """``[doc, sentence, path]`` of the first evidence of ``rel`` in a report of the page, as JSON."""
    if not rel.evidence:
        return "[]"
    triple = _TRIPLE(rel)
    first = min(rel.evidence)
    page = pages.get(first.doc)
    if page is not None and triple in page.evidence:
        return "[%s,%d,%d]" % (doc_index[first.doc], *page.evidence[triple])
    for ev in sorted(rel.evidence):  # its first report is not in the graph: the first of the others that is
        page = pages.get(ev.doc)
        if page is not None and triple in page.evidence:
            return "[%s,%d,%d]" % (doc_index[ev.doc], *page.evidence[triple])
    return "[]"


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


class Payload:
    """The page's data for ``graph``, begun: the layout starts at once (in a process of its own for a big
    graph, see :mod:`kg.html.layout`), and :meth:`parts` gives the JSON text.

    The object is ``{"types", "relations", "captions", "nodes": {...},
    "edges": {...}, "docs", "sentences", "paths", "overview"}``; see the
    module docstring for the fields.  ``pages`` are the documents' shares
    (:func:`doc_page`) as a build has them from its workers and its cache;
    those of the other documents are made here from the graph.
    """

    def __init__(self, graph: KnowledgeGraph, pages: dict[str, DocPage] | None = None) -> None:
        from .layout import start as start_layout  # here: igraph is no import for a worker that makes a DocPage

        pred_index = {s.name: i for i, s in enumerate(RELATION_STYLES)}
        self.graph = graph
        self.keys = keys = sorted(graph.entities)
        self.node = node = {k: i for i, k in enumerate(keys)}
        self.doc_ids = doc_ids = sorted(graph.documents)
        pages = {d: pages[d] for d in doc_ids if d in pages} if pages else {}
        if len(pages) < len(doc_ids):
            pages |= pages_of(graph, [d for d in doc_ids if d not in pages])
        self.pages = pages
        self.edges = edges = sorted(
            (node[r.subject], pred_index[r.predicate], node[r.object], r)
            for r in graph.relations.values()
            if r.subject in node and r.object in node
        )  # (s, p, o) is unique, so the relation itself is never compared
        self._coords = start_layout(len(keys), [(s, o) for s, _, o, _ in edges])

    def close(self) -> None:
        """Stop the layout if it still runs (the page abandoned)."""
        self._coords.close()

    def parts(self) -> Iterator[str]:
        """The payload as JSON text, in script-safe pieces; the layout is stopped at the end, or on leaving early."""
        try:
            yield from self._parts()
        finally:
            self.close()

    def _parts(self) -> Iterator[str]:
        graph, keys, node, doc_ids, pages, edges = self.graph, self.keys, self.node, self.doc_ids, self.pages, self.edges
        type_index = {s.name: i for i, s in enumerate(TYPE_STYLES)}
        entities = [graph.entities[k] for k in keys]
        doc_index = {d: str(i) for i, d in enumerate(doc_ids)}
        degree = [0] * len(keys)
        for s, _, o, _ in edges:
            degree[s] += 1
            degree[o] += 1
        types = [type_index[e.type] for e in entities]
        # first, while the layout may be running in its own process: the two columns that quote the reports
        found: list[list[str]] = [[] for _ in keys]
        for d in doc_ids:
            at, get = doc_index[d], node.get
            for key, entries in pages[d].sources.items():
                n = get(key)
                if n is not None:
                    found[n].append(entries.replace("\0", at))
        mention_sources = ",".join(["[" + ",".join(entries) + "]" for entries in found])
        del found
        edge_sources = ",".join([_edge_evidence(pages, doc_index, r) for *_, r in edges])
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
        placed = self._coords.result()
        yield ',"x":' + script_json([c[0] for c in placed])
        yield ',"y":' + script_json([c[1] for c in placed]) + "}"
        del placed
        yield ',"edges":{"from":' + script_json([s for s, _, _, _ in edges])
        yield ',"rel":' + script_json([p for _, p, _, _ in edges])
        yield ',"to":' + script_json([o for _, _, o, _ in edges])
        yield ',"evidence":[' + edge_sources + "]}"
        del edge_sources
        yield ',"docs":'
        yield from _json_array(_docs(graph.documents, doc_ids))
        # each text once in the page, however many reports repeat it
        sentences, paths = _Table(), _Table()
        doc_sentences: list[list[int]] = []
        doc_paths: list[list[int]] = []
        for d in doc_ids:
            text, spans = graph.documents[d].text, pages[d].sentences
            doc_sentences.append([sentences(text[spans[i] : spans[i + 1]]) for i in range(0, len(spans), 2)])
            doc_paths.append([paths(path) for path in pages[d].paths])
        yield ',"sentences":'
        yield from _json_array(sentences.index)
        yield ',"docSentences":' + script_json(doc_sentences)
        yield ',"paths":'
        yield from _json_array(paths.index)
        yield ',"docPaths":' + script_json(doc_paths)
        yield ',"overview":' + script_json(overview(types, degree)) + "}"


def payload_parts(graph: KnowledgeGraph, pages: dict[str, DocPage] | None = None) -> Iterator[str]:
    """:class:`Payload` of ``graph``, as JSON text in script-safe pieces."""
    yield from Payload(graph, pages).parts()


def payload(graph: KnowledgeGraph, pages: dict[str, DocPage] | None = None) -> dict[str, Any]:
    """The page's data decoded into Python (for tests and inspection; the page uses :func:`payload_parts`)."""
    return json.loads("".join(payload_parts(graph, pages)))
