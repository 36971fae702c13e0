from kg.model import Mention, attrs
from kg.pipeline import Analysis
from kg.resolve import resolve
from kg.structure import parse


def _graph(text, mentions):
    doc = parse(text)
    doc.jurisdiction, doc.jurisdiction_code = "运城市", "140800"
    ms = []
    for type_, surface, extra in mentions:
        start = text.index(surface)
        ms.append(Mention(doc.id, type_, start, start + len(surface), surface, surface, attrs(**extra)))
    return resolve([Analysis(doc, ms)])


def test_short_and_full_forms_of_a_division_are_one_entity_with_its_ancestors():
    g = _graph(
        "推进垣曲一期项目,垣曲县年内开工。",
        [("Place", "垣曲", {"adcode": "140827"}), ("Place", "垣曲县", {"adcode": "140827"})],
    )
    county = g.entities["Place/140827"]
    assert county.label == "垣曲县"
    assert "垣曲" in county.aliases
    assert len(county.mentions) == 2
    # the real hierarchy is carried even where the text does not name it
    assert {"Place/140800", "Place/140000"} <= set(g.entities)
    assert g.entities["Place/140800"].label == "运城市"


def test_quoted_and_unquoted_policy_names_merge():
    g = _graph("实施“双十工程”,推进双十工程。", [("Policy", "“双十工程”", {}), ("Policy", "双十工程", {})])
    policies = g.by_type("Policy")
    assert len(policies) == 1
    assert len(policies[0].mentions) == 2


def test_canonical_attribute_names_the_entity():
    g = _graph(
        "加强黄河流域生态保护,黄河两岸。",
        [("Place", "黄河流域", {"canonical": "黄河"}), ("Place", "黄河", {})],
    )
    (river,) = [p for p in g.by_type("Place") if not p.attrs.get("adcode")]
    assert river.label == "黄河"
    assert "黄河流域" in river.aliases


def test_identical_quantity_phrases_of_two_reports_stay_apart():
    a = parse("新增企业25家。")
    b = parse("新增企业25家。今年。")
    ms = [Mention(d.id, "Target", 0, 7, "新增企业25家", "新增企业25家", attrs(value="25", unit="家")) for d in (a, b)]
    g = resolve([Analysis(a, ms[:1]), Analysis(b, ms[1:])])
    assert len(g.by_type("Target")) == 2


def test_the_reports_jurisdiction_is_in_the_graph_even_when_unnamed():
    g = _graph("推进一期项目。", [])
    assert g.entities["Place/140800"].label == "运城市"
    assert "Place/140000" in g.entities
