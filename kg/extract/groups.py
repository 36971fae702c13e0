"""Groups: named categories of people or organisations that policy is aimed at.

Found by their head (企业, 人员, 对象, 家庭, 毕业生, 军人, 人才 …): 抓好高校毕业生、
退役军人、农民工等重点群体就业 → 高校毕业生, 退役军人, 农民工.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..model import Mention
from . import extractor
from .grammar import left_edge

GROUP_HEAD = re.compile(
    r"(?:企业|人员|对象|家庭|毕业生|军人|农民工|人才|老年人|老人|儿童|青少年|婴幼儿|幼儿|机构|组织|合作社|农场|小巨人|群体)"
)
GENERIC_PREFIX = re.compile(r"^(?:一批|各类|广大|相关|有关|重点|全体|等|新|该|这些|各|的)*$")
STRIP_LEADING = re.compile(r"^(?:一批|各类|广大|全体)")


@extractor("groups")
def groups(doc: Document) -> Iterator[Mention]:
    norm = doc.norm
    for sentence in doc.sentences:
        for m in GROUP_HEAD.finditer(norm, sentence.start, sentence.end):
            start = left_edge(norm, m.start(), sentence.start, max_len=10)
            lead = STRIP_LEADING.match(norm, start, m.start())
            if lead:
                start = lead.end()
            prefix = norm[start : m.start()]
            if m.group(0) in ("企业", "机构", "组织", "群体") and GENERIC_PREFIX.match(prefix):
                continue
            if re.search(r"\d", prefix):
                continue
            yield Mention(doc.id, "Group", start, m.end(), doc.text[start : m.end()], norm[start : m.end()])
