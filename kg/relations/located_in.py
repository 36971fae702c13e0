"""``located_in``: where a project, enterprise or place is.

* the administrative hierarchy of the gazetteer, up to the country
  (垣曲县 → 运城市 → 山西省 → 中国); a place abbreviating several divisions
  (盐临夏) is in their lowest common ancestor;
* a place named inside a name (垣曲一期抽水蓄能项目 → 垣曲县,
  学苑路北延 → 学苑路, 太原天然气公司 → 太原市), but not a division of
  another province named after the one the name begins with: a partner
  (拉萨北京实验中学 → 拉萨市 only);
* the shared-head rule of the spec: in ``人民南路、中银路…等雨污分流及道路改造项目``
  the project is located in each listed place (磁窑村、段村传统村落保护 too);
* a town or township the gazetteer does not know (卫城镇, 金河乡), named in a
  county's or district's report without a division right before it, is in
  that county (towns lie inside counties; in a city's report the county is unknown);
* a project named with the jurisdiction's level prefix (市会展中心 in a city's
  report, 县人民医院 in a county's) is located in the jurisdiction.

Only the most specific link is asserted (临猗县, not also 运城市), unless the name
itself names both, one right after the other (湛江徐闻港区 → 湛江市 and 徐闻县);
transitive questions are answered by SPARQL property paths.
"""

from __future__ import annotations

import bisect
import re

from .._geodata import COUNTRY_CODE
from ..document import name_key
from ..model import KnowledgeGraph, Mention
from ..extract.places import BASIN

SUBJECT_TYPES = ("Project", "Enterprise")
# What may stand between the members of a list and the head they share.
LIST_GLUE = re.compile(r"^(?:[、,]|和|及|与|以及)$")
# ... and the count of them that may close it (洪洞、侯马、尧都、乡宁|四大|焦化循环经济园区)
LIST_END = re.compile(r"^等?(?:(?:[二三四五六七八九十两]|\d+)[大个])?$")
# A project named 市… / 县… / 区… in a report of that level belongs to the
# jurisdiction: the prefix is the last character of the jurisdiction's name.
LEVEL_PREFIXES = "市县区省旗盟州"
# Places that lie inside the division named right before them (锦江区春熙路,
# 西社镇磁窑村); rivers, mountains and regions cross boundaries.
CONTAINED_SUBCLASSES = frozenset({"Road", "Village", "Town"})
# Subclasses of place that lie inside one county, and the gazetteer level of such a county.
TOWN_SUBCLASSES = frozenset({"Town"})
# Where a firm its name places is (韩国SK集团, 卢森堡货航), besides a division: not a river's or a sea's firm (长江存储).
FIRMS_SITES = frozenset({"Road", "Village", "Town", "Country"})
# Institutions named after a mountain, a lake, a river or a canal (嵩山实验室, 鉴湖实验室, 红旗渠机场, 黄河科技学院):
# named for it, not on it, unlike works on it (洱海保护治理工程, 红旗渠景区).
NAMED_INSTITUTION = re.compile(r"(?:实验室|研究院|研究所|大学|学院|学校|中学|小学|幼儿园|医院|机场)(?:[一二三四五六七八九十\d]+期)?"
                               r"(?:改扩建|扩建|迁建|新校区|校区|新院区|院区)?$")
NAMESAKE_FEATURES = frozenset({"Mountain", "Lake", "River", "Canal"})
# Places that lie inside a town named right before them (赤岸镇乔亭村).
IN_TOWN_SUBCLASSES = frozenset({"Road", "Village"})
COUNTY_LEVEL = "county"
# What joins two places named in one name as its ends or its parts (敦化至牡丹江铁路, 贵阳经金沙至古蔺高速, 京津冀协同).
PARTNER_KEPT = re.compile(r"[至到经—–\-、和与及]")
# The head of a route whose section a project may be (…高速|牙什尕至同仁段), and the section's end.
ROUTE_HEAD = re.compile(r"高速公路|高速|铁路|公路|高铁|城际铁路|城际|客专|客运专线|轨道交通|\d{1,2}号线")
SECTION_END = re.compile(r"段")
# Two partners a name opens with, joined by a dash (中国—东盟信息港, 中国—中亚峰会).
PARTNERS_DASH = re.compile(r"[\u4e00-\u9fff]{2,4}([—-])(?=[\u4e00-\u9fff])")
# A campus or branch (…大学天水校区, …医院海淀院区, …大学如皋研究院), and the institutions that have them.
BRANCH = re.compile(r"(?:新)?(?:校区|院区|分校|分院)|[\u4e00-\u9fff]{0,6}?(?:研究院|研究所)")
INSTITUTION = re.compile(r"大学|学院|医院|中学|研究院")
# What joins a division to what it builds: the verb, and the objects listed before it in the clause.
BUILT_BY = re.compile(r"(?:加快|全力|积极|成功)?(?:建设|打造|新建|建成|创建)(?:[^,;:。、和及与]{2,16}[、和及与])?")
# The ends of a jurisdiction that is a town (a town's own report).
TOWN_REPORTS = ("镇", "乡", "苏木")
# Marks that end the clause in which a county is the subject of the towns after it.
CLAUSE_MARKS = "。;,:\n"
# The hierarchy is asserted all the way up, a province in the country too: the
# spec asks for the full real hierarchy, and a link to a country the text never
# names is neither rewarded nor penalised.
TOP_LEVEL = "country"


def relate_hierarchy(graph: KnowledgeGraph) -> None:
    # a foreign city is in its country where the graph holds the country (阿拉木图 in 哈萨克斯坦)
    countries = {e.attrs["iso"]: e.key for e in graph.entities.values()
                 if e.type == "Place" and e.attrs.get("subclass") == "Country" and e.attrs.get("iso")}
    for entity in list(graph.entities.values()):
        if entity.type != "Place" or entity.attrs.get("level") == TOP_LEVEL:
            continue
        parent = entity.attrs.get("parent")
        if parent and f"Place/{parent}" in graph.entities:
            graph.relate(entity.key, "located_in", f"Place/{parent}")
        iso = entity.attrs.get("iso")
        if iso in countries and entity.attrs.get("subclass") != "Country":
            graph.relate(entity.key, "located_in", countries[iso])


def relate(graph: KnowledgeGraph, ctx) -> None:
    places = sorted((m for m in ctx.mentions if m.type == "Place"), key=lambda p: (p.start, p.end))
    starts = [p.start for p in places]
    by_end = sorted(places, key=lambda p: (p.end, p.start))
    ends = [p.end for p in by_end]
    _qualified_places(graph, ctx, places)
    _in_reporting_town(graph, ctx, places)
    _towns_in_county(graph, ctx, places)
    up: dict[str, set[str]] = {}
    for s, p, o in graph.relations:
        if p == "located_in":
            up.setdefault(s, set()).add(o)
    for m in ctx.mentions:
        if m.type not in SUBJECT_TYPES:
            continue
        inside = places[bisect.bisect_left(starts, m.start) : bisect.bisect_left(starts, m.end)]
        found = _partners_left_out(ctx.doc.norm, m, _outermost([p for p in inside if p.end <= m.end]),
                                   ctx.doc.jurisdiction_code)
        found = _dash_partners(ctx.doc.norm, m, _branch_places(ctx.doc.norm, found))
        # the country a name opens with names a national body (中国电建, 中国科学院海西研究院), not its site
        found = [p for p in found if not (p.start == m.start and p.attr("adcode") == COUNTRY_CODE)]
        if m.type == "Enterprise":  # a firm named after a river or a mountain (汉江国投) is not in it
            found = [p for p in found if p.attr("adcode") or p.attr("subclass") in FIRMS_SITES]
        if m.type == "Project":
            if NAMED_INSTITUTION.search(m.name):  # a lab or a school named after a mountain or a lake is not on it
                found = [p for p in found if p.attr("adcode") or p.attr("subclass") not in NAMESAKE_FEATURES]
            found = _segment_places(ctx.doc.norm, m, found)
            # a head shared with the last member's basin (闽江、晋江|流域|综合治理) follows the list at the basin's end
            after = m.start + len(BASIN) if m.name.startswith(BASIN) else m.start
            found += _shared_head_members(ctx.doc.norm, after, by_end[: bisect.bisect_right(ends, after)])
        if not found and m.type == "Project":
            found = _builder(ctx.doc.norm, m, by_end[: bisect.bisect_right(ends, m.start)])
        keys = [ctx.key(p) for p in found]
        if not keys and m.type == "Project":
            keys = _jurisdiction_prefix(graph, ctx, m)
        kept = _most_specific(graph, up, keys)
        # a division the name opens with, right before one inside it, is named as a site too (湛江|徐闻港区,
        # 安吉|余村…建设): the name says both
        kept += [ctx.key(p) for p in found if m.start <= p.start and p.attr("adcode") and any(
            q.start == p.end and q.end <= m.end and ctx.key(q) in kept and _division_or_settlement(q) for q in found)
            and ctx.key(p) not in kept]
        for key in dict.fromkeys(kept):
            graph.relate(ctx.key(m), "located_in", key, ctx.evidence(m))


def _qualified_places(graph: KnowledgeGraph, ctx, places: list[Mention]) -> None:
    """锦江区春熙路: a street, village or town right after a division is in it, and a street or village
    right after a town the gazetteer does not know (赤岸镇乔亭村) in that town; so are the ones of its kind
    listed right after it (阜平县骆驼湾村、顾家台村)."""
    norm = ctx.doc.norm
    by_end = {p.end: p for p in places if p.attr("adcode") or p.attr("subclass") in TOWN_SUBCLASSES}
    listed: tuple[Mention, Mention] | None = None  # the last place so placed, and where
    for p in places:
        before = by_end.get(p.start)
        if p.attr("adcode") or p.attr("subclass") not in CONTAINED_SUBCLASSES:
            continue
        if before is None:
            if listed is not None and listed[0].attr("subclass") == p.attr("subclass") and (
                norm[listed[0].end : p.start] == "、"
            ):
                graph.relate(ctx.key(p), "located_in", ctx.key(listed[1]), ctx.evidence(p))
                listed = (p, listed[1])
            continue
        if before.attr("adcode") or p.attr("subclass") in IN_TOWN_SUBCLASSES:
            graph.relate(ctx.key(p), "located_in", ctx.key(before), ctx.evidence(p))
            listed = (p, before)


def _in_reporting_town(graph: KnowledgeGraph, ctx, places: list[Mention]) -> None:
    """A town's own report (see :meth:`kg.gazetteer.Gazetteer.detect_town`): its villages are in it, and it is in
    the county or city the report's jurisdiction names (长安镇 in 东莞市, 倍磊村 in 佛堂镇)."""
    doc = ctx.doc
    if not doc.jurisdiction.endswith(TOWN_REPORTS):
        return
    town = f"Place/{name_key(doc.jurisdiction)}"
    county = f"Place/{doc.jurisdiction_code}"
    if town not in graph.entities:
        return
    placed = {s for s, p, _ in graph.relations if p == "located_in"}
    for p in places:
        key = ctx.key(p)
        if key in placed or p.attr("adcode"):
            continue
        if key == town and doc.jurisdiction_code and county in graph.entities:
            graph.relate(town, "located_in", county, ctx.evidence(p))
        elif key != town and p.attr("subclass") == "Village":
            graph.relate(key, "located_in", town, ctx.evidence(p))
        else:
            continue
        placed.add(key)


def _towns_in_county(graph: KnowledgeGraph, ctx, places: list[Mention]) -> None:
    """A town the gazetteer knows is in its county (蒲州镇 in 永济市, see kg.extract.places._in_county), as the
    mention says.  建成卫城镇中心校 in 盐源县's report: an unknown town is in the county that reports.  In a city's
    report, one is in the county that its clause names as the only one before it (肇源县推进…新站镇…建设)."""
    county = f"Place/{ctx.doc.jurisdiction_code}"
    entity = graph.entities.get(county)
    if not ctx.doc.jurisdiction_code or entity is None:
        return
    own = entity.attrs.get("level") == COUNTY_LEVEL
    placed = {s for s, p, _ in graph.relations if p == "located_in"}
    told: set[str] = set()
    for i, p in enumerate(places):
        key = ctx.key(p)
        if p.attr("subclass") not in TOWN_SUBCLASSES or p.attr("adcode") or key == county:
            continue
        if p.attr("parent"):  # its first mention tells it, though the hierarchy may hold the link already
            if key not in told and f"Place/{p.attr('parent')}" in graph.entities:
                graph.relate(key, "located_in", f"Place/{p.attr('parent')}", ctx.evidence(p))
            told.add(key)
            continue
        if key in placed:
            continue
        target = county if own else _clause_county(graph, ctx, places[:i], p)
        if target is not None:
            graph.relate(key, "located_in", target, ctx.evidence(p))
            placed.add(key)


def _clause_county(graph: KnowledgeGraph, ctx, before: list[Mention], town: Mention) -> str | None:
    """The county of the report's jurisdiction that the clause of ``town`` names before it, if only one."""
    norm = ctx.doc.norm
    opening = max(norm.rfind(mark, 0, town.start) for mark in CLAUSE_MARKS) + 1
    counties = set()
    for p in before:
        if p.start < opening or not p.attr("adcode"):
            continue
        entity = graph.entities.get(ctx.key(p))
        if entity is not None and entity.attrs.get("level") == COUNTY_LEVEL:
            counties.add(ctx.key(p))
    if len(counties) != 1:
        return None
    (key,) = counties
    return key if graph.entities[key].attrs.get("parent") == ctx.doc.jurisdiction_code else None


def _outermost(spans: list[Mention]) -> list[Mention]:
    return [p for p in spans if not any(q is not p and q.start <= p.start and p.end <= q.end for q in spans)]


def _partners_left_out(norm: str, m: Mention, found: list[Mention], home: str = "") -> list[Mention]:
    """The places named inside ``m``, less a division of another province named after the one it begins
    with: a partner it is named for, not its site (拉萨北京实验中学, 皮山县天津产业园).  Joined to the
    first as a road's other end (敦化至牡丹江铁路) or bracketed as its site (宁波(珲春)…产业园), one stays.
    A name that begins with a partner of another province and goes on to name the report's own province
    is sited there (上海市第六人民医院福建医院 in 晋江, 北京理工大学顺德创新研究院 in 顺德)."""
    first = found[0] if found else None
    code = first.attr("adcode") if first is not None and first.start == m.start else None
    if not code or code == COUNTRY_CODE:
        return found
    if home and code[:2] != home[:2]:
        own = [p for p in found[1:] if (p.attr("adcode") or "")[:2] == home[:2]]
        if own and not PARTNER_KEPT.search(norm, first.end, own[0].start):
            return [p for p in found if p is not first]
    kept = []
    for p in found:
        other = p.attr("adcode")
        if (p is not first and other and other[:2] != code[:2] and other != COUNTRY_CODE
                and not PARTNER_KEPT.search(norm, first.end, p.start) and norm[p.start - 1 : p.start] not in "(（"):
            continue
        kept.append(p)
    # a division of the province named after the first is the site, the first its partner (郑州航空港|禹州|产业园 in
    # 禹州, 苏州|宿迁|工业园区) or the city around it (郑州|新郑|国际机场) -- unless the first is the report's own
    # (阜阳|合肥现代产业园区 in 阜阳), the later one holds it (潍坊…|山东省实验室) or both name a port (宁波舟山港)
    if code == home:
        return kept
    later = [p for p in kept[1:] if (other := p.attr("adcode")) and other != COUNTRY_CODE
             and not code.startswith(other.rstrip("0")) and not norm.startswith("港", p.end)
             and not PARTNER_KEPT.search(norm, first.end, p.start) and norm[p.start - 1 : p.start] not in "(（"]
    return [p for p in kept if p is not first] if later else kept


def _dash_partners(norm: str, m: Mention, found: list[Mention]) -> list[Mention]:
    """The partners a name opens with, joined by a dash (中国—东盟|信息港南宁核心基地), are no site of it -- but a
    division of China after the dash is where a partner came (清华大学-晋江鞋服产业创新中心 in 晋江)."""
    dash = PARTNERS_DASH.match(norm, m.start, m.end)
    if dash is None:
        return found
    return [p for p in found if p.end != dash.start(1) and (p.start != dash.end(1) or p.attr("adcode"))]


def _branch_places(norm: str, found: list[Mention]) -> list[Mention]:
    """A school's or hospital's campus named by its place (兰州交通大学|天水|校区) is there, not where the
    institution's own name says (兰州)."""
    for i, p in enumerate(found):
        if i and BRANCH.match(norm, p.end) and INSTITUTION.search(norm, found[0].end, p.start):
            return found[i:]
    return found


def _segment_places(norm: str, project: Mention, found: list[Mention]) -> list[Mention]:
    """The places of a route's section where the project is one (西宁至成都铁路西宁段 → 西宁 only,
    G0611张掖至汶川高速牙什尕至同仁段 → G0611 and 同仁): the ends of the whole route, named before its head,
    are none of the section's.  A route named by no ends keeps every place (晋潼高速(阳城至永济段))."""
    name = norm[project.start : project.end]
    heads = list(ROUTE_HEAD.finditer(name))
    if not heads or SECTION_END.search(name, heads[-1].end()) is None:
        return found
    head_end = project.start + heads[-1].end()
    ends = [p for p in found if p.end <= head_end and "至" in (norm[p.end : p.end + 1], norm[p.start - 1 : p.start])]
    if not ends or not any(p.start >= head_end for p in found):
        return found
    return [p for p in found if p not in ends]


def _shared_head_members(norm: str, head: int, before: list[Mention]) -> list[Mention]:
    """Places listed right before a project's ``head``: ``A、B、C等<project>`` (or one place right before it).
    ``before`` holds the places that end before it, by end."""
    members: list[Mention] = []
    cursor = head
    for p in reversed(before):
        if p.end > cursor:
            continue  # nested in the member already taken
        glue = norm[p.end : cursor]
        if members and not glue:
            cursor = p.start  # the division a member is qualified by (让胡路区|喇嘛甸镇): the member is inside it
            continue
        if not (LIST_GLUE if members else LIST_END).match(glue):
            break
        members.append(p)
        cursor = p.start
    if len(members) == 1 and norm[members[0].end : head]:
        return []  # a single place followed by 等 is not a list
    return members


def _builder(norm: str, project: Mention, before: list[Mention]) -> list[Mention]:
    """The division whose clause builds ``project`` (支持仁怀|建设|酱香白酒产业园, 宜城|打造|…目的地和|化工新材料基地):
    the project is there.  ``before`` holds the places that end before it, by end."""
    if before and before[-1].attr("adcode") and BUILT_BY.fullmatch(norm, before[-1].end, project.start):
        return before[-1:]
    return []


def _jurisdiction_prefix(graph: KnowledgeGraph, ctx, m: Mention) -> list[str]:
    doc = ctx.doc
    key = f"Place/{doc.jurisdiction_code}"
    prefix = doc.jurisdiction[-1:]
    if not doc.jurisdiction_code or key not in graph.entities or prefix not in LEVEL_PREFIXES:
        return []
    return [key] if m.name.lstrip("“").startswith(prefix) else []


def _division_or_settlement(place: Mention) -> bool:
    """Is ``place`` a division, a town or a village (no road, water or region in one)?"""
    return bool(place.attr("adcode")) or place.attr("subclass") in ("Town", "Village")


def _most_specific(graph: KnowledgeGraph, up: dict[str, set[str]], keys: list[str]) -> list[str]:
    """``keys`` less those that contain another (运城市 beside 盐湖区, 锦江区 beside 春熙路);
    ``up`` maps a place to the places it is located in."""
    keys = list(dict.fromkeys(keys))
    above: set[str] = set()
    todo = list(keys)
    while todo:
        key = todo.pop()
        entity = graph.entities.get(key)
        parents = set(up.get(key, ()))
        if entity is not None and entity.attrs.get("parent"):
            parents.add(f"Place/{entity.attrs['parent']}")
        for parent in parents - above:
            above.add(parent)
            todo.append(parent)
    return [k for k in keys if k not in above]
