import json
from decimal import Decimal

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.errors import EvalError
from kg.evaluate import evaluate, format_scores

GK = Namespace("https://w3id.org/govkg/ontology#")
ID = Namespace("https://w3id.org/govkg/id/")
TEXT = "阳城县和运城市的垣曲县,垣曲一期抽水蓄能项目。完成36.9万亩治理任务。提升中心城区首位度。"


def _gold(tmp_path):
    gold = {
        "document": "doc.txt",
        "entities": [
            {"id": "p1", "type": "Place", "name": "垣曲县", "aliases": ["垣曲"]},
            {"id": "p2", "type": "Place", "name": "运城市", "aliases": ["运城"]},
            {"id": "p3", "type": "Place", "name": "阳城县", "aliases": []},
            {"id": "p4", "type": "Place", "name": "山西省", "aliases": ["山西"]},
            {"id": "j1", "type": "Project", "name": "垣曲一期抽水蓄能项目", "aliases": []},
            {"id": "t1", "type": "Target", "name": "完成36.9万亩治理任务", "value": 36.9, "unit": "万亩"},
        ],
        "relations": [
            {"subject": "j1", "predicate": "located_in", "object": "p1"},
            {"subject": "p1", "predicate": "located_in", "object": "p2"},
            {"subject": "p3", "predicate": "located_in", "object": "p4"},
        ],
    }
    (tmp_path / "doc.txt").write_text(TEXT + "山西", encoding="utf-8")
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return path


def _entity(g, name, type_, label, *aliases):
    node = ID[name]
    g.add((node, RDF.type, GK[type_]))
    g.add((node, RDFS.label, Literal(label, lang="zh")))
    for a in aliases:
        g.add((node, SKOS.altLabel, Literal(a, lang="zh")))
    return node


def _predicted(tmp_path, *, extra_place=False):
    g = Graph()
    yq = _entity(g, "yq", "Place", "垣曲县", "垣曲")
    yc = _entity(g, "yc", "Place", "运城市")
    ycx = _entity(g, "ycx", "Place", "阳城县")
    jc = _entity(g, "jc", "Place", "晋城市")  # never named in the text: ignored
    sx = _entity(g, "sx", "Place", "山西省", "山西")
    pj = _entity(g, "pj", "Project", "垣曲一期抽水蓄能项目")
    t = _entity(g, "t", "Target", "36.9万亩治理任务")
    g.add((t, GK.value, Literal(Decimal("369000"), datatype=XSD.decimal)))
    g.add((t, GK.unit, Literal("亩")))
    for s, o in [(pj, yq), (yq, yc), (ycx, jc), (jc, sx)]:
        g.add((s, GK.located_in, o))
    if extra_place:
        g.add((_entity(g, "bad", "Place", "城区"), GK.located_in, yc))
    path = tmp_path / "graph.ttl"
    g.serialize(path, format="turtle")
    return path


def test_perfect_prediction_scores_one(tmp_path):
    scores = evaluate(_gold(tmp_path), _predicted(tmp_path))
    assert scores.entities.f1 == 1.0
    assert scores.by_type["Target"].tp == 1  # 369000 亩 equals 36.9 万亩
    # 阳城县 -> 晋城市 -> 山西省 counts as the gold's 阳城县 -> 山西省
    assert scores.by_relation["located_in"].f1 == 1.0


def test_spurious_place_and_its_relation_cost_precision(tmp_path):
    scores = evaluate(_gold(tmp_path), _predicted(tmp_path, extra_place=True))
    assert scores.by_type["Place"].precision == pytest.approx(4 / 5)
    assert scores.by_relation["located_in"].precision == pytest.approx(3 / 4)
    assert "spurious Place: 城区" in format_scores(scores, errors=True)


def test_type_mismatch_counts_untyped_only(tmp_path):
    g = Graph()
    _entity(g, "x", "Policy", "垣曲一期抽水蓄能项目")
    path = tmp_path / "graph.ttl"
    g.serialize(path, format="turtle")
    scores = evaluate(_gold(tmp_path), path)
    assert scores.by_type["Project"].tp == 0
    assert scores.untyped.tp == 1


def test_malformed_gold_names_the_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{\"entities\": 3}", encoding="utf-8")
    with pytest.raises(EvalError, match="bad.json"):
        evaluate(bad, _predicted(tmp_path))


def test_a_type_with_nothing_to_find_and_nothing_found_is_not_scored(tmp_path):
    out = format_scores(evaluate(_gold(tmp_path), _predicted(tmp_path)))
    assert "  Outcome            n/a" in out


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig", "graph.nt", "graph.jsonld"])
def test_stats_count_what_the_scorer_reads(sample_build, name):
    """kg stats (pyoxigraph) counts, in every format, the entities and relations the scorer reads in graph.ttl
    through rdflib (which sees nothing of a .trig's named graphs: the rdflib stats counted zero there)."""
    from collections import Counter

    from kg.evaluate import graph_stats, load_predicted

    path = sample_build.outputs[0].parent / name
    side = load_predicted(path.with_name("graph.ttl"))
    expected = Counter(i.type for i in side.items.values()) + Counter(p for _, p, _ in side.relations)
    stats = graph_stats(path)
    assert {n: c for _, n, c in stats if c} == dict(expected)
    assert [n for _, n, _ in stats][:3] == ["Place", "Project", "Enterprise"]


def test_stats_count_relations_between_entities_only(tmp_path):
    from kg.evaluate import graph_stats

    path = tmp_path / "g.ttl"
    path.write_text(
        "@prefix gk: <https://w3id.org/govkg/ontology#> .\n"
        "<urn:a> a gk:Place . <urn:b> a gk:Place . <urn:c> a gk:Project .\n"
        "<urn:c> gk:located_in <urn:a> . <urn:a> gk:located_in <urn:b> . <urn:a> gk:located_in <urn:x> .\n"
        "_:n a gk:Place .\n",
        encoding="utf-8",
    )
    counts = {n: c for _, n, c in graph_stats(path)}
    assert (counts["Place"], counts["Project"], counts["located_in"], counts["targets"]) == (2, 1, 2, 0)


def test_eval_reads_every_format_alike(sample_build):
    """The named graphs of graph.trig are read as their union: the same scores as graph.ttl (not zero)."""
    from tests.conftest import SAMPLE_GOLD

    out = sample_build.outputs[0].parent
    scores = {name: format_scores(evaluate(SAMPLE_GOLD, out / name)) for name in ("graph.ttl", "graph.trig", "graph.nt")}
    assert scores["graph.trig"] == scores["graph.ttl"] == scores["graph.nt"]
    assert evaluate(SAMPLE_GOLD, out / "graph.trig").entities.f1 > 0.9
