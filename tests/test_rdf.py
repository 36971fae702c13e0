"""kg.rdf: a hand-built graph over the sample text, serialised and read back."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg import rdf
from kg.model import Entity, Evidence, KnowledgeGraph, Mention
from kg.pipeline import SAMPLE
from kg.structure import parse
from kg.vocab import GEO, GK

PROJECT = "垣曲一期抽水蓄能项目"


def _mention(doc, type_, name, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(name, start + 1)
    return Mention(doc.id, type_, start, start + len(name), name, name)


def hand_built(text: str | None = None, source: str | None = None) -> KnowledgeGraph:
    """The sample report with a handful of entities and relations set by hand."""
    doc = parse(text or SAMPLE.read_text(encoding="utf-8"), source=source or str(SAMPLE))
    doc.jurisdiction, doc.jurisdiction_code, doc.year = "运城市", "140800", 2023
    g = KnowledgeGraph(documents={doc.id: doc})
    project = _mention(doc, "Project", PROJECT)
    county = Mention(doc.id, "Place", project.start, project.start + 2, "垣曲", "垣曲")
    g.entities = {
        f"Project/{PROJECT}": Entity(f"Project/{PROJECT}", "Project", PROJECT, mentions=[project]),
        "Place/140827": Entity(
            "Place/140827", "Place", "垣曲县", {"垣曲"}, [county],
            {"adcode": "140827", "level": "county", "lat": 35.2977, "long": 111.6702},
        ),
        "Place/140800": Entity(
            "Place/140800", "Place", "运城市", {"运城"}, [_mention(doc, "Place", "运城")],
            {"adcode": "140800", "level": "prefecture"},
        ),
        "Place/140000": Entity("Place/140000", "Place", "山西省", {"山西"}, [], {"adcode": "140000", "level": "province"}),
        "Target/新增高新技术企业25家": Entity(
            "Target/新增高新技术企业25家", "Target", "新增高新技术企业25家",
            mentions=[_mention(doc, "Target", "新增高新技术企业25家")],
            attrs={"value": Decimal("25"), "unit": "家", "change": "increase", "indicator": "高新技术企业"},
        ),
        "Policy/“双十工程”": Entity("Policy/“双十工程”", "Policy", "“双十工程”", {"双十工程"}),
    }
    sent = doc.sentence_at(project.start)
    g.relate(f"Project/{PROJECT}", "located_in", "Place/140827", Evidence(doc.id, sent.start, sent.end))
    g.relate("Place/140827", "located_in", "Place/140800")
    g.relate("Place/140800", "located_in", "Place/140000")
    return g


@pytest.fixture(scope="module")
def kg_graph() -> KnowledgeGraph:
    return hand_built()


@pytest.fixture(scope="module")
def written(kg_graph, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rdf")
    rdf.write(kg_graph, out)
    return out


@pytest.fixture(scope="module")
def ttl(written) -> Graph:
    return Graph().parse(written / "graph.ttl")


def iri(g: KnowledgeGraph, key: str) -> URIRef:
    return rdf.entity_iri(g.entities[key])


def test_write_returns_every_file(kg_graph, tmp_path):
    paths = rdf.write(kg_graph, tmp_path)
    assert [p.name for p in paths] == list(rdf.FILES)
    assert all(p.stat().st_size > 0 for p in paths)


@pytest.mark.parametrize(
    "kind, key, expected",
    [
        ("Place", "140827", "Place/140827"),
        ("Project", PROJECT, f"Project/{PROJECT}"),
        ("Policy", "“双十工程”", "Policy/%E2%80%9C双十工程%E2%80%9D"),
        ("Project", "晋潼高速(阳城至永济段)", "Project/晋潼高速%28阳城至永济段%29"),
        ("Group", 'a"b>c}d e', "Group/a%22b%3Ec%7Dd%20e"),
    ],
)
def test_mint_iri_is_readable_and_escapes_punctuation(kind, key, expected):
    assert str(rdf.mint_iri(kind, key)) == "https://w3id.org/govkg/id/" + expected


def test_mint_iri_distinguishes_percent_from_encoded():
    assert rdf.mint_iri("Place", "%22") != rdf.mint_iri("Place", '"')


def test_entities_have_type_label_and_aliases(kg_graph, ttl):
    county = iri(kg_graph, "Place/140827")
    assert (county, RDF.type, GK.Place) in ttl
    assert (county, RDF.type, GK.County) in ttl
    assert (county, RDFS.label, Literal("垣曲县", lang="zh")) in ttl
    assert (county, SKOS.altLabel, Literal("垣曲", lang="zh")) in ttl
    assert (county, GK.adcode, Literal("140827")) in ttl
    assert ttl.value(county, GEO.lat) == Literal(Decimal("35.2977"), datatype=XSD.decimal)
    assert (iri(kg_graph, "Place/140000"), RDF.type, GK.Province) in ttl


def test_target_quantities(kg_graph, ttl):
    t = iri(kg_graph, "Target/新增高新技术企业25家")
    assert ttl.value(t, GK.value).toPython() == Decimal("25")
    assert ttl.value(t, GK.value).datatype == XSD.decimal
    assert ttl.value(t, GK.unit) == Literal("家")
    assert ttl.value(t, GK.change) == Literal("increase")
    assert ttl.value(t, GK.indicator) == Literal("高新技术企业")


def test_relations_are_plain_triples(kg_graph, ttl):
    assert (iri(kg_graph, f"Project/{PROJECT}"), GK.located_in, iri(kg_graph, "Place/140827")) in ttl
    assert (iri(kg_graph, "Place/140800"), GK.located_in, iri(kg_graph, "Place/140000")) in ttl


def test_statement_points_to_sentence_with_offsets_and_section(kg_graph, ttl):
    doc = next(iter(kg_graph.documents.values()))
    s, o = iri(kg_graph, f"Project/{PROJECT}"), iri(kg_graph, "Place/140827")
    (st,) = ttl.subjects(RDF.subject, s)
    assert ttl.value(st, RDF.predicate) == GK.located_in and ttl.value(st, RDF.object) == o
    sentence = ttl.value(st, PROV.wasDerivedFrom)
    start, end = ttl.value(sentence, GK.start).toPython(), ttl.value(sentence, GK.end).toPython()
    text = str(ttl.value(sentence, GK.text))
    assert PROJECT in text and doc.text[start:end] == text
    assert str(ttl.value(sentence, GK.sectionPath)) == "聚力系统集成 促进发展动能充分释放 > 用好改革关键一招"
    report = ttl.value(sentence, GK.inDocument)
    assert ttl.value(report, GK.sha256) == Literal(doc.sha256)
    assert ttl.value(report, GK.year).toPython() == 2023
    assert str(ttl.value(report, GK.sourcePath)) == SAMPLE.name  # absolute path -> file name only
    assert str(ttl.value(report, GK.jurisdiction)) == "运城市"


def test_mentions_carry_offsets_into_the_raw_text(kg_graph, ttl):
    doc = next(iter(kg_graph.documents.values()))
    county = iri(kg_graph, "Place/140827")
    for m in ttl.objects(county, GK.mention):
        start, end = ttl.value(m, GK.start).toPython(), ttl.value(m, GK.end).toPython()
        assert doc.text[start:end] == str(ttl.value(m, GK.text)) == "垣曲"
        assert ttl.value(m, GK.inSentence) is not None


def test_generated_by_govkg_version_without_timestamps(kg_graph, ttl):
    import kg

    s = iri(kg_graph, f"Project/{PROJECT}")
    activity = ttl.value(s, PROV.wasGeneratedBy)
    agent = ttl.value(activity, PROV.wasAssociatedWith)
    assert str(ttl.value(agent, GK.version)) == kg.__version__
    assert not any(o.datatype in (XSD.dateTime, XSD.date) for o in ttl.objects() if isinstance(o, Literal))


def test_named_graph_per_report(kg_graph, written):
    ds = Dataset()
    ds.parse(written / "graph.trig", format="trig")
    doc_id = next(iter(kg_graph.documents))
    report = ds.graph(rdf.report_iri(doc_id))
    project = iri(kg_graph, f"Project/{PROJECT}")
    assert (project, GK.located_in, iri(kg_graph, "Place/140827")) in report
    # Gazetteer knowledge no report states lives in the background graph only.
    gaz = (iri(kg_graph, "Place/140800"), GK.located_in, iri(kg_graph, "Place/140000"))
    assert gaz not in report and gaz in ds.graph(rdf.BACKGROUND)


def test_every_format_holds_the_same_union(written):
    ttl = Graph().parse(written / "graph.ttl")
    nt = Graph().parse(written / "graph.nt", format="nt")
    jsonld = Graph().parse(written / "graph.jsonld", format="json-ld")
    trig = Dataset()
    trig.parse(written / "graph.trig", format="trig")
    union = Graph()
    for s, p, o, _ in trig.quads():
        union.add((s, p, o))
    for other in (nt, jsonld, union):
        same = isomorphic(ttl, other)
        if not same:
            _, only_ttl, only_other = graph_diff(to_isomorphic(ttl), to_isomorphic(other))
            pytest.fail(f"only in ttl: {sorted(only_ttl)[:5]}\nonly in other: {sorted(only_other)[:5]}")


def test_jsonld_uses_published_context(written):
    import json

    from kg.vocab import CONTEXT_FILE

    published = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    data = json.loads((written / "graph.jsonld").read_text(encoding="utf-8"))
    assert data["@context"] == published


def test_relation_to_unknown_entity_is_an_error(kg_graph):
    from kg.errors import KGError

    broken = KnowledgeGraph(entities=dict(kg_graph.entities), documents=kg_graph.documents)
    broken.relate(f"Project/{PROJECT}", "located_in", "Place/999999")
    with pytest.raises(KGError, match="Place/999999"):
        rdf.to_dataset(broken)


def test_bad_decimal_is_an_error_naming_the_entity():
    from kg.errors import KGError

    g = KnowledgeGraph(entities={"Target/x": Entity("Target/x", "Target", "x", attrs={"value": "many"})})
    with pytest.raises(KGError, match="Target/x"):
        rdf.to_dataset(g)


_WRITE_SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from test_rdf import hand_built
from kg import rdf
rdf.write(hand_built(), Path(sys.argv[1]))
"""


def test_output_is_byte_identical_across_runs_and_hash_seeds(tmp_path):
    script = _WRITE_SCRIPT.format(tests=str(Path(__file__).parent))
    outs = []
    for seed in ("0", "1", "12345"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, env=env)
        outs.append({name: (out / name).read_bytes() for name in rdf.FILES})
    assert outs[0] == outs[1] == outs[2]


# ------------------------------------------------------------ the real build


def test_sample_build_spans_are_exact_slices_of_the_raw_text(sample_build):
    """Every mention and sentence node: text == raw_text[start:end] of its report."""
    g = Graph().parse(sample_build.outputs[0].parent / "graph.ttl")
    docs = {rdf.report_iri(doc_id): doc for doc_id, doc in sample_build.graph.documents.items()}
    nodes = [*g.subjects(RDF.type, GK.Mention), *g.subjects(RDF.type, GK.Sentence)]
    assert len(nodes) > 100
    for node in nodes:
        doc = docs[g.value(node, GK.inDocument)]
        start, end = g.value(node, GK.start).toPython(), g.value(node, GK.end).toPython()
        assert doc.text[start:end] == str(g.value(node, GK.text)), node


def test_sample_build_has_every_entity_and_relation(sample_build):
    g = Graph().parse(sample_build.outputs[0].parent / "graph.ttl")
    kg_graph = sample_build.graph
    for e in kg_graph.entities.values():
        assert (rdf.entity_iri(e), RDF.type, getattr(GK, e.type)) in g
    iris = {k: rdf.entity_iri(e) for k, e in kg_graph.entities.items()}
    for s, p, o in kg_graph.relations:
        assert (iris[s], getattr(GK, p), iris[o]) in g


_BUILD_SCRIPT = "import sys; from kg.pipeline import build; build(None, sys.argv[1], html=False)"


def test_sample_build_is_byte_identical_across_runs(tmp_path):
    outs = []
    for seed in ("0", "4242"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", _BUILD_SCRIPT, str(out)], check=True, env=env, cwd=tmp_path)
        outs.append({name: (out / name).read_bytes() for name in rdf.FILES})
    assert outs[0] == outs[1]


# ------------------------------------------------------------------ invariants

NAMES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=12
)


@given(st.lists(NAMES, min_size=2, max_size=6, unique=True))
def test_mint_iri_is_injective_and_parses(keys):
    iris = [rdf.mint_iri("Policy", k) for k in keys]
    assert len(set(iris)) == len(keys)
    for iri in iris:
        g = Graph()
        g.add((iri, RDFS.label, Literal("x")))
        assert set(Graph().parse(data=g.serialize(format="nt"), format="nt").subjects()) == {iri}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(label=NAMES, alias=NAMES, unit=NAMES)
def test_any_text_round_trips_through_every_format(tmp_path, label, alias, unit):
    g = KnowledgeGraph(
        entities={
            f"Target/{label}": Entity(
                f"Target/{label}", "Target", label, {alias}, attrs={"value": Decimal("36.9"), "unit": unit}
            )
        }
    )
    rdf.write(g, tmp_path)
    s = rdf.mint_iri("Target", label)
    for name, fmt in (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")):
        parsed = Graph().parse(tmp_path / name, format=fmt)
        assert parsed.value(s, RDFS.label) == Literal(label, lang="zh"), name
        assert parsed.value(s, GK.unit) == Literal(unit), name
        assert parsed.value(s, GK.value).toPython() == Decimal("36.9"), name
        if alias != label:
            assert parsed.value(s, SKOS.altLabel) == Literal(alias, lang="zh"), name
    ds = Dataset()
    ds.parse(tmp_path / "graph.trig", format="trig")
    assert (s, RDFS.label, Literal(label, lang="zh")) in ds.graph(rdf.BACKGROUND)


def test_mint_fast_path_keeps_exactly_what_the_per_character_rule_keeps():
    """mint() skips encoding when SAFE_KEY matches; over every code point that must agree with _iri_safe."""
    differ = [c for c in map(chr, range(0x110000)) if bool(rdf.SAFE_KEY.fullmatch(c)) and not rdf._iri_safe(c)]
    assert differ == []


def test_mint_encodes_each_character_by_the_per_character_rule():
    """mint() asks _iri_safe only about characters outside SAFE_KEY's class; over every code point (but
    surrogates, which no text holds) the IRI must be what asking about each one gives."""
    points = [c for c in map(chr, range(0x110000)) if not 0xD800 <= ord(c) <= 0xDFFF]
    for i in range(0, len(points), 4096):
        key = "".join(points[i : i + 4096])
        expected = "".join(c if rdf._iri_safe(c) else quote(c, safe="") for c in key)
        assert rdf.mint("Policy", key) == f"{rdf.ID}Policy/{expected}", i
