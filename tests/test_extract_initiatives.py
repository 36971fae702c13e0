"""Initiatives: every heading of the outline, with enumeration ordinals as aliases."""

from __future__ import annotations

import pytest

from kg.extract.initiatives import initiatives
from kg.structure import parse


def names(text):
    doc = parse(text)
    return [(m.name, m.text) for m in initiatives(doc)], doc


def test_sample_initiatives_are_the_gold_headings(sample_doc, sample_gold):
    got = {m.attr("canonical") or m.name for m in initiatives(sample_doc)}
    gold = {e["name"] for e in sample_gold["entities"] if e["type"] == "Initiative"}
    assert got == gold


def test_enumeration_keeps_its_ordinal_in_the_surface_form(sample_doc):
    found = {m.name: m.text for m in initiatives(sample_doc)}
    assert found["做好龙头企业培育文章"] == "二是做好龙头企业培育文章"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a Sichuan county: numbered heading with the topic on the same line
        (
            "（三）坚持乡村振兴，建设宜居宜业和美乡村。全年新建高标准农田5万亩。\n",
            ["坚持乡村振兴，建设宜居宜业和美乡村"],
        ),
        # a Beijing district: 1. subsections, a topic paragraph after them
        (
            "二、2023年重点工作\n1.持续优化营商环境\n深化“放管服”改革。推行“一网通办”。\n",
            ["2023年重点工作", "持续优化营商环境", "深化“放管服”改革"],
        ),
        # a Guangdong city: —— topic phrases in a review
        (
            "一、过去五年工作回顾\n——经济实力跃上新台阶。地区生产总值突破3000亿元。\n——改革开放取得新突破。\n",
            ["过去五年工作回顾", "经济实力跃上新台阶", "改革开放取得新突破"],
        ),
    ],
)
def test_headings_of_other_reports(text, expected):
    found, _ = names(text)
    assert [name for name, _ in found] == expected


def test_mentions_slice_the_text():
    found, doc = names("（一）\n聚力系统集成 促进发展动能充分释放\n激活创新第一动力。一是强化企业主体；二是培育人才。")
    for m in initiatives(doc):
        assert doc.text[m.start : m.end] == m.text
        assert m.attr("section") is not None


def test_a_heading_that_opens_with_a_count_is_also_known_by_the_count(sample_doc):
    short = [m for m in initiatives(sample_doc) if m.attr("canonical")]
    assert [(m.text, m.attr("canonical")) for m in short] == [("4件市级实事", "4件市级实事暖民心")]
    assert sample_doc.text[short[0].start - 2 : short[0].start] == "增加"


def test_count_heading_short_form_in_another_report():
    text = "（五）\n10件民生实事惠民生\n今年继续办好10件民生实事：\n新建城市书房20个\n"
    found, doc = names(text)
    assert found == [("10件民生实事惠民生", "10件民生实事惠民生"), ("10件民生实事", "10件民生实事")]
