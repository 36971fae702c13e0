"""Projects: named construction and investment undertakings, found by their head word.

``<governor><name><head>``: 有序推进垣曲一期抽水蓄能项目建设 → 垣曲一期抽水蓄能项目;
heads are the kinds of thing a government builds (项目, 大桥, 客专, 高速, 产业园,
中心, 基地, 电站, 博物馆 …) and the works done to a road (改扩建, 北延, 改建).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..model import Mention
from . import extractor
from .grammar import left_edge

PROJECT_HEAD = re.compile(
    r"(?:项目|大桥|客专|高速(?:公路)?|铁路改线|产业园|园区|集聚区|物流中心|[会展服务艺术数据]+中心|基地|电站|机场改扩建|机场|"
    r"博物馆|医院|平台|生产线|连接线(?:改造)?|延长线|旅游公路|改扩建|[东南西北]延|段改建|书房|乐园)"
    r"(?:\([^()]{1,12}\))?(?:及引线)?"
)
# Modifiers that make a head generic rather than a name: 重点项目, 一批项目.
GENERIC_PREFIX = re.compile(r"^(?:重点|重大|一批|有关|相关|各类|各项|全部|所有|新|大|该|本|两个|这些|项目|等|建设)*$")
HAS_COUNT = re.compile(r"\d")


@extractor("projects")
def projects(doc: Document) -> Iterator[Mention]:
    norm = doc.norm
    for sentence in doc.sentences:
        for m in PROJECT_HEAD.finditer(norm, sentence.start, sentence.end):
            start = left_edge(norm, m.start(), sentence.start)
            prefix = norm[start : m.start()]
            if GENERIC_PREFIX.match(prefix) or HAS_COUNT.search(prefix.lstrip("GS")):
                continue
            yield Mention(doc.id, "Project", start, m.end(), doc.text[start : m.end()], norm[start : m.end()])
