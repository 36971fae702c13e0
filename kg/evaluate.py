"""Score a built graph against a hand-annotated gold file.

The rules are those of the spec (``entities-and-relations.md``):

* a predicted entity matches a gold entity of the same type when any of its
  labels equals the gold name or an alias after normalisation; a Target or
  Outcome matches one of the same type with the same amount (36.9 万亩 equals
  369000 亩); matching is one to one;
* a predicted Place none of whose names occurs in the text is neither
  rewarded nor penalised, and a ``located_in`` chain through such places
  counts as a direct link;
* relations match when both ends match and the predicate is the same.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from .document import name_key
from .errors import EvalError, ValidationError, path_text
from .model import ENTITY_TYPES, QUANTITY_TYPES, RELATION_TYPES, KnowledgeGraph
from .units import same_amount

GK = "https://w3id.org/govkg/ontology#"
PACKAGE_DATA = Path(__file__).parent / "data"


@dataclass
class Item:
    """An entity as the scorer sees it: a type, names and, for quantities, an amount."""

    id: str
    type: str
    names: list[str]
    value: object = None
    unit: str | None = None

    @property
    def keys(self) -> set[str]:
        return {name_key(n) for n in self.names if n}


@dataclass
class Side:
    items: dict[str, Item]
    relations: set[tuple[str, str, str]]


@dataclass
class Score:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    entities: Score
    untyped: Score
    relations: Score
    by_type: dict[str, Score] = field(default_factory=dict)
    by_relation: dict[str, Score] = field(default_factory=dict)
    # for error analysis: unmatched names per type
    missed: dict[str, list[str]] = field(default_factory=dict)
    spurious: dict[str, list[str]] = field(default_factory=dict)
    missed_relations: list[str] = field(default_factory=list)
    spurious_relations: list[str] = field(default_factory=list)


def load_gold(path: str | os.PathLike) -> tuple[Side, dict]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        items = {
            e["id"]: Item(e["id"], e["type"], [e["name"], *e.get("aliases", [])], e.get("value"), e.get("unit"))
            for e in data["entities"]
        }
        rels = {(r["subject"], r["predicate"], r["object"]) for r in data["relations"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EvalError(f"{path_text(path)}: not a gold file ({exc.__class__.__name__}: {exc})") from None
    for e in items.values():
        if e.type not in ENTITY_TYPES:
            raise EvalError(
                f"{path_text(path)}: entity {e.id} has unknown type {e.type!r}; expected one of {ENTITY_TYPES}"
            )
    return Side(items, rels), data


def load_predicted(path: str | os.PathLike) -> Side:
    """The scorer's view of the graph file ``path``: a .trig's named graphs read as their union."""
    from .validate import load_graph

    try:
        g = load_graph(path)  # a .trig's named graphs merged: a plain Graph would see none of them
    except ValidationError as exc:
        raise EvalError(str(exc)) from None
    classes = {URIRef(GK + t): t for t in ENTITY_TYPES}
    items: dict[str, Item] = {}
    for s, cls in g.subject_objects(RDF.type):
        if cls in classes and isinstance(s, URIRef):
            names = sorted({str(o) for p in (RDFS.label, SKOS.altLabel) for o in g.objects(s, p)})
            value = g.value(s, URIRef(GK + "value"))
            unit = g.value(s, URIRef(GK + "unit"))
            items[str(s)] = Item(
                str(s), classes[cls], names, None if value is None else value.toPython(),
                None if unit is None else str(unit),
            )
    rels = {
        (str(s), p, str(o))
        for p in RELATION_TYPES
        for s, o in g.subject_objects(URIRef(GK + p))
        if str(s) in items and str(o) in items
    }
    return Side(items, rels)


def side_from_graph(graph: KnowledgeGraph) -> Side:
    """The scorer's view of an in-memory graph (what graph.ttl would say)."""
    items = {
        e.key: Item(e.key, e.type, e.names, e.attrs.get("value"), e.attrs.get("unit"))
        for e in graph.entities.values()
    }
    return Side(items, set(graph.relations))


def _text_for(gold_path: Path, gold: dict, text: str | os.PathLike | None) -> str | None:
    if text is not None:
        return Path(text).read_text(encoding="utf-8")
    name = gold.get("document")
    if not name:
        return None
    for folder in (gold_path.parent, gold_path.parent.parent / "corpus", PACKAGE_DATA):
        if (folder / name).is_file():
            return (folder / name).read_text(encoding="utf-8")
    return None


def _compatible(p: Item, g: Item, typed: bool) -> bool:
    if typed and p.type != g.type:
        return False
    if typed and p.type in QUANTITY_TYPES:
        if p.value is None or g.value is None or p.unit is None or g.unit is None:
            return False
        return same_amount((p.value, p.unit), (g.value, g.unit))
    return bool(p.keys & g.keys)


def _match(pred: list[Item], gold: list[Item], typed: bool) -> dict[str, str]:
    """A maximum one-to-one matching, predicted id -> gold id (deterministic)."""
    graph = nx.Graph()
    graph.add_nodes_from(("p", p.id) for p in pred)
    graph.add_nodes_from(("g", g.id) for g in gold)
    for p in pred:
        for g in gold:
            if _compatible(p, g, typed):
                graph.add_edge(("p", p.id), ("g", g.id))
    matching = nx.bipartite.hopcroft_karp_matching(graph, top_nodes=[("p", p.id) for p in pred])
    return {a[1]: b[1] for a, b in sorted(matching.items()) if a[0] == "p"}


def _effective_relations(side: Side, ignored: set[str]) -> set[tuple[str, str, str]]:
    """Relations with chains through ignored places collapsed to direct links."""
    up: dict[str, set[str]] = {}
    for s, p, o in side.relations:
        if p == "located_in":
            up.setdefault(s, set()).add(o)

    def visible_ancestors(node: str, seen: set[str]) -> set[str]:
        out: set[str] = set()
        for parent in up.get(node, ()):
            if parent in seen:
                continue
            if parent in ignored:
                out |= visible_ancestors(parent, seen | {parent})
            else:
                out.add(parent)
        return out

    rels: set[tuple[str, str, str]] = set()
    for s, p, o in side.relations:
        if s in ignored:
            continue
        if o in ignored:
            if p == "located_in":
                rels |= {(s, p, a) for a in visible_ancestors(o, {s, o})}
            continue
        rels.add((s, p, o))
    return rels


def evaluate(
    gold_path: str | os.PathLike,
    graph: str | os.PathLike | KnowledgeGraph,
    *,
    text: str | os.PathLike | None = None,
) -> Scores:
    """Score ``graph`` (a graph file, or a graph in memory) against the gold file at ``gold_path``."""
    gold_path = Path(gold_path)
    gold, data = load_gold(gold_path)
    pred = side_from_graph(graph) if isinstance(graph, KnowledgeGraph) else load_predicted(graph)
    source = _text_for(gold_path, data, text)
    ignored: set[str] = set()
    if source is not None:
        norm_text = name_key(source)
        ignored = {
            i.id
            for i in pred.items.values()
            if i.type == "Place" and not any(k and k in norm_text for k in i.keys)
        }
    scored = [i for i in pred.items.values() if i.id not in ignored]

    by_type: dict[str, Score] = {}
    match: dict[str, str] = {}
    for t in ENTITY_TYPES:
        p_t = sorted((i for i in scored if i.type == t), key=lambda i: i.id)
        g_t = sorted((i for i in gold.items.values() if i.type == t), key=lambda i: i.id)
        m = _match(p_t, g_t, typed=True)
        match.update(m)
        by_type[t] = Score(len(m), len(p_t), len(g_t))
    entities = Score(sum(s.tp for s in by_type.values()), len(scored), len(gold.items))
    um = _match(sorted(scored, key=lambda i: i.id), sorted(gold.items.values(), key=lambda i: i.id), typed=False)
    untyped = Score(len(um), len(scored), len(gold.items))

    pred_rels = _effective_relations(pred, ignored)
    mapped = {(match.get(s), p, match.get(o)) for s, p, o in pred_rels}
    by_relation: dict[str, Score] = {}
    for r in RELATION_TYPES:
        pr = {x for x in pred_rels if x[1] == r}
        gr = {x for x in gold.relations if x[1] == r}
        tp = len({(match[s], p, match[o]) for s, p, o in pr if s in match and o in match} & gr)
        by_relation[r] = Score(tp, len(pr), len(gr))
    relations = Score(sum(s.tp for s in by_relation.values()), len(pred_rels), len(gold.relations))

    matched_gold = set(match.values())
    name = lambda side, i: side.items[i].names[0] if i in side.items else i  # noqa: E731
    scores = Scores(entities, untyped, relations, by_type, by_relation)
    for t in ENTITY_TYPES:
        scores.missed[t] = sorted(g.names[0] for g in gold.items.values() if g.type == t and g.id not in matched_gold)
        scores.spurious[t] = sorted(p.names[0] for p in scored if p.type == t and p.id not in match)
    scores.missed_relations = sorted(
        f"{name(gold, s)} {p} {name(gold, o)}" for s, p, o in gold.relations - mapped
    )
    scores.spurious_relations = sorted(
        f"{name(pred, s)} {p} {name(pred, o)}"
        for s, p, o in pred_rels
        if (match.get(s), p, match.get(o)) not in gold.relations
    )
    return scores


def format_scores(scores: Scores, *, errors: bool = False) -> str:
    def row(label: str, s: Score) -> str:
        if not s.pred and not s.gold:  # nothing to find and nothing found: no score to give
            return f"{label:<20} n/a  (0 predicted, 0 gold)\n"
        return f"{label:<20} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}  ({s.tp}/{s.pred} predicted, {s.gold} gold)\n"

    out = row("entities", scores.entities) + row("untyped", scores.untyped)
    out += "".join(row(f"  {t}", s) for t, s in scores.by_type.items())
    out += row("relations", scores.relations)
    out += "".join(row(f"  {r}", s) for r, s in scores.by_relation.items())
    if errors:
        for t in ENTITY_TYPES:
            if scores.missed[t]:
                out += f"missed {t}: {' | '.join(scores.missed[t])}\n"
            if scores.spurious[t]:
                out += f"spurious {t}: {' | '.join(scores.spurious[t])}\n"
        out += "".join(f"missed relation: {r}\n" for r in scores.missed_relations)
        out += "".join(f"spurious relation: {r}\n" for r in scores.spurious_relations)
    return out


def graph_stats(graph) -> list[tuple[str, str, int]]:
    """(kind, name, count) rows: entities by type, then relations between entities by predicate.

    ``graph`` is a graph file or an open pyoxigraph store (:func:`kg.store.open_store`).
    Counted by SPARQL in pyoxigraph, not in rdflib, whose graphs hold about
    1.4 KB a triple: the 1 MB bench corpus's graph took it 15 s and 0.5 GB,
    and the 50 MB one (18M triples) would not fit in memory.
    """
    import pyoxigraph as ox

    from .query import load, run_query

    store = graph if isinstance(graph, ox.Store) else load(graph)
    types = " ".join(f"<{GK}{t}>" for t in ENTITY_TYPES)
    entities = run_query(
        store,
        f"SELECT ?t (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?t {{ {types} }} ?s a ?t FILTER(isIRI(?s)) }} GROUP BY ?t",
    )
    predicates = " ".join(f"<{GK}{p}>" for p in RELATION_TYPES)
    relations = run_query(
        store,
        f"""SELECT ?p (COUNT(*) AS ?n) WHERE {{ {{ SELECT DISTINCT ?s ?p ?o WHERE {{
              VALUES ?p {{ {predicates} }} ?s ?p ?o .
              FILTER(isIRI(?s) && isIRI(?o))
              FILTER EXISTS {{ VALUES ?ts {{ {types} }} ?s a ?ts }}
              FILTER EXISTS {{ VALUES ?to {{ {types} }} ?o a ?to }}
            }} }} }} GROUP BY ?p""",
    )
    counts = {
        row[0].value.removeprefix(GK): int(row[1].value) for result in (entities, relations) for row in result.rows
    }
    return [("entity", t, counts.get(t, 0)) for t in ENTITY_TYPES] + [
        ("relation", r, counts.get(r, 0)) for r in RELATION_TYPES
    ]
