"""Policies: named plans, campaigns, reforms, systems and slogans.

Two shapes: a name ending in a policy head (倍增计划, 综合改革, 林长制, 机制,
试点, 行动, 战略), and a quoted name (“一网通办”), which keeps a head that
follows the quotes (“绿满运城”行动, “千县工程”).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..model import Mention
from . import extractor
from .grammar import left_edge

POLICY_HEAD = re.compile(
    r"(?:行动计划|计划|专项行动|攻坚行动|行动|综合改革|体制改革|改革|长制|机制|试点|政策|规划|战略|制度|安全观|经验|模式|"
    r"战略|工程|活动|措施|体系)"
)
QUOTED = re.compile(r"“([^“”]{1,20})”")
# What may follow a quoted name as part of it.
QUOTED_TAIL = re.compile(r"(?:[\u4e00-\u9fff]{0,8}?(?:行动|工程|试点|活动|劳务品牌|品牌|新模式|模式|体系|格局|系列文旅活动|共治|战略))?")
GENERIC_PREFIX = re.compile(r"^(?:相关|有关|各项|配套|专项|一系列|一批|重点|重大|新|该|本|等|这些|系列)*$")
# Quoted phrases that are groups or projects, handled by their own extractors.
NOT_POLICY_TAIL = re.compile(r"^(?:企业|专业村)")


@extractor("policies")
def policies(doc: Document) -> Iterator[Mention]:
    norm = doc.norm
    quoted: list[tuple[int, int]] = []
    for m in QUOTED.finditer(norm):
        tail = QUOTED_TAIL.match(norm, m.end())
        end = tail.end() if tail else m.end()
        if NOT_POLICY_TAIL.match(norm, m.end()) or _in_heading(doc, m.start()):
            continue
        quoted.append((m.start(), end))
        yield Mention(doc.id, "Policy", m.start(), end, doc.text[m.start() : end], norm[m.start() : end])
    for sentence in doc.sentences:
        for m in POLICY_HEAD.finditer(norm, sentence.start, sentence.end):
            if any(a <= m.start() < b for a, b in quoted):
                continue
            start = left_edge(norm, m.start(), sentence.start)
            if GENERIC_PREFIX.match(norm[start : m.start()]) or _in_heading(doc, start):
                continue
            yield Mention(doc.id, "Policy", start, m.end(), doc.text[start : m.end()], norm[start : m.end()])


def _in_heading(doc: Document, offset: int) -> bool:
    return any(s.title_start <= offset < s.title_end for s in doc.sections)
