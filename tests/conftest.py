"""Fixtures shared by the test modules."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from kg.derived import CACHE_ENV
from kg.pipeline import SAMPLE, BuildResult, build
from kg.read import load

DATA = Path(__file__).parent / "data"
SAMPLE_GOLD = DATA / "yuncheng-2023-summary.json"


def pytest_configure(config):
    """Data kept between processes (kg.derived) goes to a directory of this run, not the user's cache."""
    config._kg_kept = tempfile.mkdtemp(prefix="kg-kept-")
    os.environ[CACHE_ENV] = config._kg_kept


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "_kg_kept", ""), ignore_errors=True)


@pytest.fixture(scope="session")
def sample_doc():
    """The bundled 运城 2023 report, parsed."""
    return load(SAMPLE)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> BuildResult:
    """The bundled sample built once into a temporary output directory."""
    out = tmp_path_factory.mktemp("sample-build")
    return build([SAMPLE], out)


@pytest.fixture(scope="session")
def sample_gold() -> dict:
    return json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))


# A small graph built by hand over one parsed report whose names carry markup,
# for the graph page's tests (tests/test_html.py, tests/test_browser.py).
HOSTILE_REPORT = """运城市2023年政府工作报告
一、2022年工作回顾
(一)推动工业转型升级
激活创新第一动力。垣曲一期抽水蓄能项目开工建设,位于垣曲县。新增高新技术企业25家。
用好改革关键一招。推进<script>alert(1)</script>工程和<img src=x onerror=alert(2)>计划。
"""


@pytest.fixture
def hostile_graph(hostile_graph_factory):
    return hostile_graph_factory()


@pytest.fixture
def hostile_graph_factory():
    """Builds the graph afresh at each call (for byte-identity tests)."""
    return _hostile_graph


def _hostile_graph():
    from kg.model import Entity, Evidence, KnowledgeGraph, Mention, attrs
    from kg.structure import parse

    text = HOSTILE_REPORT
    doc = parse(text, source="hostile.txt", year=2023)
    graph = KnowledgeGraph(documents={doc.id: doc})

    def add(key, type_, name, **facts):
        start = text.index(name)
        entity = graph.entities.setdefault(key, Entity(key, type_, name))
        entity.mentions.append(Mention(doc.id, type_, start, start + len(name), name, name, attrs(**facts)))
        entity.aliases.add(name)
        entity.attrs.update(facts)

    add("Place/140827", "Place", "垣曲县", adcode="140827", lat=35.297939, long=111.663998)
    graph.entities["Place/140827"].aliases.add("垣曲")
    add("Place/140800", "Place", "运城市", adcode="140800")
    add("Project/垣曲一期抽水蓄能项目", "Project", "垣曲一期抽水蓄能项目")
    add("Initiative/激活创新第一动力", "Initiative", "激活创新第一动力")
    add("Target/新增高新技术企业25家", "Target", "新增高新技术企业25家",
        value=25, unit="家", indicator="高新技术企业", change="increase")
    add("Project/script", "Project", "<script>alert(1)</script>工程")
    add("Policy/img", "Policy", "<img src=x onerror=alert(2)>计划")
    sentence = text.index("垣曲一期")
    graph.relate("Place/140827", "located_in", "Place/140800")
    graph.relate("Project/垣曲一期抽水蓄能项目", "located_in", "Place/140827", Evidence(doc.id, sentence, sentence + 20))
    graph.relate("Project/垣曲一期抽水蓄能项目", "part_of_initiative", "Initiative/激活创新第一动力")
    graph.relate("Target/新增高新技术企业25家", "part_of_initiative", "Initiative/激活创新第一动力")
    graph.relate("Policy/img", "targets", "Project/script")
    return graph
