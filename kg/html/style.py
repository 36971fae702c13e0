"""How each entity type and relation looks on the page.

One table per kind, so the legend, the node groups and the tests read the
same values.  Shapes are vis-network shapes whose label sits *below* the
shape, so a long Chinese name never stretches a node; the legend glyph is the
Unicode character closest to the shape.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TypeStyle:
    name: str
    zh: str
    colour: str
    shape: str
    glyph: str


@dataclass(frozen=True)
class RelationStyle:
    name: str
    zh: str
    colour: str
    zh_inverse: str  # the caption of the relation read from its object


# Colours from a colour-blind-safe qualitative palette (Okabe-Ito plus two
# darker tones); shapes differ too so colour is never the only cue.
TYPE_STYLES = (
    TypeStyle("Place", "地点", "#009E73", "dot", "●"),
    TypeStyle("Project", "项目", "#0072B2", "square", "■"),
    TypeStyle("Enterprise", "企业", "#8E44AD", "diamond", "◆"),
    TypeStyle("Policy", "政策", "#E69F00", "triangle", "▲"),
    TypeStyle("Initiative", "举措", "#D55E00", "hexagon", "⬢"),
    TypeStyle("Target", "目标", "#56B4E9", "triangleDown", "▼"),
    TypeStyle("Outcome", "成果", "#7F7F00", "star", "★"),
    # a ring: same dot shape as Place, told apart by its hollow centre
    TypeStyle("Group", "群体", "#CC79A7", "ring", "◎"),
)

RELATION_STYLES = (
    RelationStyle("located_in", "位于", "#2E8B57", "包含"),
    RelationStyle("part_of_initiative", "属于举措", "#A0A0A0", "下属条目"),
    RelationStyle("targets", "针对", "#E67E22", "被针对"),
)

# Attribute keys shown in the side panel, in this order, with their Chinese captions.
ATTR_CAPTIONS = (
    ("adcode", "行政区划代码"),
    ("lat", "纬度"),
    ("long", "经度"),
    ("value", "数值"),
    ("unit", "单位"),
    ("comparator", "比较"),
    ("change", "变化"),
    ("indicator", "指标"),
)

