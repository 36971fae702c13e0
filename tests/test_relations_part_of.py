"""part_of_initiative: the innermost heading for entities, the enclosing one for a heading."""

from __future__ import annotations

import pytest

from kg.pipeline import analyse, build_graph
from kg.structure import parse


def relations(text):
    graph = build_graph([analyse(parse(text, jurisdiction="", year=2023))])
    label = {k: e.label for k, e in graph.entities.items()}
    return {
        (label[s], label[o]) for (s, p, o) in graph.relations if p == "part_of_initiative"
    }, graph


DISTRICT = """二、2023年工作安排
（一）聚焦高质量发展，推动经济提质增效
1.壮大现代服务业
推动金融业增加值增长6%。
2.做强数字经济
做优数字产业。新增规上软件企业20家。重点抓好两件事：一是建设数据中心，新增机架5000个；二是培育数字人才。
"""


def test_quantities_belong_to_the_innermost_heading():
    rels, _ = relations(DISTRICT)
    assert ("推动金融业增加值增长6%", "壮大现代服务业") in rels
    assert ("新增规上软件企业20家", "做优数字产业") in rels
    assert ("新增机架5000个", "建设数据中心") in rels


def test_headings_belong_to_the_enclosing_heading():
    rels, _ = relations(DISTRICT)
    assert ("聚焦高质量发展，推动经济提质增效", "2023年工作安排") in rels
    assert ("做强数字经济", "聚焦高质量发展，推动经济提质增效") in rels
    assert ("做优数字产业", "做强数字经济") in rels
    assert ("建设数据中心", "做优数字产业") in rels
    # the top heading belongs to nothing, and nothing belongs to itself
    assert not [r for r in rels if r[0] == "2023年工作安排" or r[0] == r[1]]


def test_every_subject_has_one_initiative_per_mention():
    rels, graph = relations(DISTRICT)
    subjects = [s for s, _ in rels]
    assert len(subjects) == len(set(subjects))


def test_text_before_any_heading_belongs_to_nothing():
    rels, _ = relations("各位代表：\n今年全市新增就业1万人。\n一、2023年工作安排\n地区生产总值增长5%左右。")
    assert not [r for r in rels if r[0].startswith("今年") or r[0].startswith("新增就业")]
    assert ("地区生产总值增长5%左右", "2023年工作安排") in rels


@pytest.mark.parametrize(
    ("subject", "initiative"),
    [
        ("垣曲一期抽水蓄能项目", "用好改革关键一招"),
        ("新增高新技术企业25家", "激活创新第一动力"),
        ("激活创新第一动力", "聚力系统集成 促进发展动能充分释放"),
        ("4件市级实事暖民心", "聚力民生改善 促进幸福指数持续攀升"),
        ("建设200个“12315”消费维权服务站", "4件市级实事暖民心"),
    ],
)
def test_sample_part_of_initiative(sample_doc, subject, initiative):
    graph = build_graph([analyse(sample_doc)])
    label = {k: e for k, e in graph.entities.items()}
    pairs = {
        (n, label[o].label)
        for (s, p, o) in graph.relations
        if p == "part_of_initiative"
        for n in label[s].names
    }
    assert (subject, initiative) in pairs


def test_enumerations_after_a_continuation_belong_to_no_earlier_section(sample_doc):
    graph = build_graph([analyse(sample_doc)])
    label = {k: e.label for k, e in graph.entities.items()}
    assert not [
        (label[s], label[o])
        for (s, p, o) in graph.relations
        if p == "part_of_initiative" and label[s] in ("做好龙头企业培育文章", "做好扩大一产投资文章")
    ]
