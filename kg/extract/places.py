"""Places: administrative divisions from the gazetteer, natural features and roads by suffix.

Administrative names (运城市, 垣曲, 绛县) are found by :mod:`kg.gazetteer` in
the document's own jurisdiction and carry their adcode.  Rivers, canals,
mountains, lakes, roads and streets are found by their suffix where the
report's grammar delimits the name: an item of a 、 list, or a name right
after a clause boundary or a verb.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..model import Mention, attrs
from . import extractor

FEATURE_SUFFIX = r"(?:河|江|湖|渠|山|路|街|大道|水库)"
# A feature name: 1-4 characters and a suffix, delimited on the left by a
# clause or list boundary (an item of a 、 list, or the start of a clause).
LISTED_FEATURE = re.compile(
    rf"(?:(?<=[、,;:。“(])|(?<=^))([\u4e00-\u9fff]{{1,4}}?{FEATURE_SUFFIX})(?=[、等])", re.M
)
# Generic words with a feature suffix that never name one place.
GENERIC_FEATURES = frozenset(
    "道路 公路 铁路 马路 线路 思路 出路 新路 网路 之路 断头路 河湖 江河 山河 江湖 青山 绿水青山 金山银山 "
    "湖泊 山区 上山 下山 河道 沟渠 水渠 干渠 支渠".split()
)


@extractor("places")
def places(doc: Document) -> Iterator[Mention]:
    yield from _administrative(doc)
    yield from _features(doc)


def _administrative(doc: Document) -> Iterator[Mention]:
    from ..gazetteer import Gazetteer

    gaz = Gazetteer.load()
    context = [doc.jurisdiction_code] if doc.jurisdiction_code else []
    for match in gaz.find(doc.norm, context=context):
        d = match.division
        yield Mention(doc.id, "Place", match.start, match.end, doc.text[match.start : match.end], match.surface,
                      attrs(adcode=d.adcode, official=d.name))


def _features(doc: Document) -> Iterator[Mention]:
    for m in LISTED_FEATURE.finditer(doc.norm):
        name = m.group(1)
        if name in GENERIC_FEATURES or name.endswith(tuple(GENERIC_FEATURES)):
            continue
        yield Mention(doc.id, "Place", m.start(1), m.end(1), doc.text[m.start(1) : m.end(1)], name)
