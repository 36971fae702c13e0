"""Enterprises: named companies, factories and groups acting as businesses.

Two shapes: a name with a company head (…公司, …集团, …厂), and the members
of a list the report itself calls enterprises (新纺、磷肥厂等4家企业,
比亚迪、华为等龙头企业).  A member that is itself a category (高新技术企业)
is a Group, not an enterprise.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

from ..document import Document, Sentence, fold
from ..model import Mention
from . import extractor, mentions_of, once
from .grammar import (
    PLACES_CLOSER,
    after_predicate,
    canonicalise,
    frequency,
    governors_without,
    holds,
    left_edge,
    longest_of,
    opens_division,
    ordinary_word,
    quick_start,
    trim_left,
    verb_at,
    word_starts,
    words,
)

# Words that may follow a name and end its phrase.
FUNCTION_WORDS = frozenset("等和与及的在为将已也都均正向对")
# The foreign carmakers whose names follow a Chinese parent's in a joint venture's (上汽大众, 广汽丰田, 一汽-大众).
JOINT_VENTURE = re.compile(r"[-—]|大众|丰田|通用|三菱|本田|日产|马自达|现代|宝马|奔驰|铃木|福特|雪铁龙|标致|雷诺|起亚")
# A number, or a number and its unit, ending right before a name.
SIZED = re.compile(r"\d[\u4e00-\u9fff]{0,2}$")
#: Firms reports name without a company head: the central state-owned enterprises and the largest firms
#: (the file says which, and which names it leaves out).
NATIONAL_FIRMS = Path(__file__).resolve().parent.parent / "data" / "national-firms.txt"

# A works for water, waste or power (污水处理厂, 自来水厂, 垃圾焚烧发电厂) is a facility a government builds
# (a project), not a firm, and 工厂 a kind of plant (省级智能制造示范工厂); 厂房 and 厂区 are buildings
# (新建高标准厂房50万平方米).
# A bracketed (集团) goes on to the name's head (上海微电子装备(集团)股份有限公司); 集团化 makes a
# group of what is no firm (复旦中学集团化办学), 集团军 an army group (土城四渡赤水集团军纪念园), and a city's or county's
# hospitals or a school's schools grouped are public bodies (紧密型城市医疗集团, 南方科技大学教育集团).
COMPANY_HEAD = re.compile(
    r"(?:股份有限公司|有限责任公司|有限公司|公司|(?<!城市医疗|县域医疗|大学教育|中学教育|小学教育|学校教育|学院教育)集团(?![)化军])|(?<!处理)(?<![水工电建办设])厂(?!房|区)|"
    # a listed firm by its short name (歌尔股份, 天振股份), not shares (股份制改造, 股份经济合作社, 股份转让中心)
    r"股份(?!有限|制|合作|经济|转让|公司|化)|"
    # a bank by its name (渤海银行, 天津农商银行), not a kind of bank (村镇银行, 商业银行, 中小银行) nor a scheme (生态银行)
    r"(?<!国有|外资|民营|地方|中央|中小|生态)(?<!政策性|开发性|股份制)银行)"
)
# A list closed by 等N家企业 / 等企业 / 等央企: its members are enterprises.  What kind of firm they are may take
# eight characters and a rank (等农产品加工龙头企业, 等世界500强企业), not ending in a conjunction
# (等高校院所与企业, 等高校与区内企业: with firms; 等整车和零部件企业 are firms).
ENTERPRISE_LIST = re.compile(
    r"((?:[^、,;:。“”]{2,24}、)+[^、,;:。“”等]{2,24})等(?:\d+家)?(?:(?!与)[\u4e00-\u9fff]|\d+(?=强)){0,8}?(?<![和及])"
    # ... or their brands (雅戈尔、太平鸟、方太等本土品牌), not a region's, its produce's or its events' (…等特色品牌,
    # …等地理标志品牌, 北京马拉松…等赛事品牌)
    r"(?:企业|公司|[央国民外]企|(?:本土|知名|自主|民族|国货|企业)品牌)(?!家)"
)
# What a sentence must hold for ENTERPRISE_LIST to match in it (grammar.holds).
ENTERPRISE_LIST_NEEDS = (("、",), ("等",), ("企", "公司", "品牌"))
# After 等, words that make the members sectors, the firms of which are meant (新能源、新材料等|产业链|企业,
# 装备制造、电子信息等|行业|企业); not 产业化, a kind of firm (君乐宝、今麦郎等|农业产业化|龙头企业).
SECTORS_LISTED = re.compile(r"产业(?!化)|领域|行业|板块")
# A verb between 等 and the firms makes a clause of what follows the list, not the kind its members are.
KIND_VERB = governors_without("和", "及", "与", "以及", "对", "将", "把", "并", "或", "向", "为", "请", "等", "好", "在", "于",
                              "重点", "服务", "集聚")
# A list member that names a category or an amount, not a firm.
NOT_A_FIRM = re.compile(r"(?:企业|人员|主体|机构|组织|行业|产业|领域)$|\d")
GENERIC_PREFIX = re.compile(
    r"^(?:平台|融资平台|国有|民营|一批|各类|相关|该|本|子|分|总|村镇|商业|农商|城商|农村商业|中小|强村|[一二三四五六七八九十]+级|"
    # kinds of lender (科技小额贷款公司, 融资担保公司)
    r"科技|小额贷款|融资担保|担保)*$"
)  # a tier of them (二三级子公司) is a kind too
# Trades a firm is named by after its brand (人福药业, 晨鸣纸业, 鲁清石化), not an industry's (化工产业, 化工园区).
TRADE = re.compile(
    r"(?:药业|制药|纸业|锂业|硅业|铝业|铜业|钴业|镍业|锌业|钼业|钛业|钨业|锡业|矿业|煤业|特钢|酒业|乳业|石化|化工)"
    r"(?![工业]|产业|行业|企业|园|基地|集群|领域)")
# A brand is a rare word: jieba counts the words before a trade that name a field hundreds of times (精细, 生物)
BRAND_MAX_FREQ = 100
# ... but new industries rarely (氯碱化工, 光伏硅业)
INDUSTRIES = frozenset(
    "氯碱 煤焦 氟硅 光伏 储能 锂电 氢能 焦化 磷化 钛白 煤基 盐化 氟化 硅基 锂盐 电池 新材 农化 煤制 精化 煤化 石化 "
    "盐湖 生化 医化 原料 中成 蒙药 藏药 苗药 维药 化学 绿色 高端".split()
)
# ... and a material's (现代煤化工, 精细磷化工)
MATERIALS = frozenset("煤盐磷氟硅氯油焦碱钛锂")
# 城投, 建投, 国投, 交投 or 产投 right after a division: its investment company for building, state capital, transport
# or industry, unless a head or a kind of debt follows (西宁城投、西宁国投; 城投公司, 城投债).
CITY_INVESTMENT = re.compile(r"[城国交产建]投(?!公司|集团|有限|控股|债|平台|企业)")
# A category of company (融资平台公司, 国有公司, 国有大企业集团) is a Group, read by :mod:`.groups`.
CATEGORY = re.compile(r"(?:融资平台|城投|国有控股|国有|民营|外资|跨国|上市|平台|小微|(?:大|大型|骨干|龙头|优势)企业)$")
STOPS = "的和及与"
# Divisions counted (吉林四省市, 两区三县): who gives or is given, not a firm.
DIVISIONS_COUNTED = re.compile(r"[一二两三四五六七八九十\d]+(?:省市|省区|省|市|县|区)$")
# How far before its head a firm's name may start: a branch's full name is long (中煤榆林能源化工鄂尔多斯分公司).
NAME_LEN = 16
# A firm's short name in brackets right after its full one (榆林市能源集团有限公司(榆能集团)).
SHORT_NAME_AFTER = re.compile(r"\(([\u4e00-\u9fff]{2,8})\)")
# What a firm's full name adds to the name it is known by.
LEGAL_FORM = re.compile(
    r"^(?:集团|控股)?(?:股份有限公司|有限责任公司|有限公司|公司)$|^集团$|"
    # or its trade, which a brand drops (盼盼食品 / 盼盼, 蓝思科技 / 蓝思)
    r"^(?:食品|科技|实业|股份|电子|汽车|能源|电气|药业|化工)(?:集团|股份|有限公司|股份有限公司)?$"
)


def _conjuncts(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``norm[start:end]`` between the conjunctions 和, 及 and 与 (not a 和 that opens a
    division's name: 新疆和田果之初食品股份有限公司)."""
    cuts = [start - 1, *(i for i in range(start, end) if norm[i] in "和及与" and not opens_division(norm, i, end)), end]
    return [(a + 1, b) for a, b in zip(cuts, cuts[1:])]


def _is_division(name: str) -> bool:
    """A province, city or county named alone (上海、山东…等央企 lists who gives, not a firm)."""
    from ..gazetteer import Gazetteer

    return Gazetteer.load().resolve(name) is not None or bool(DIVISIONS_COUNTED.search(name))


@extractor("enterprises")
def enterprises(doc: Document) -> Iterator[Mention]:
    # a firm named once with its legal form and once without is one firm (东方电子 / 东方电子股份有限公司,
    # 美的 / 美的集团: a brand may be two characters)
    firms = list(_enterprises(doc))
    firms += _national_firms(doc, firms)
    firms += _city_investment(doc)
    firms += _list_mates(doc, firms)
    firms += _plant_owners(doc)  # after: a plant's firm is no member of the list that names the plant
    # what a quoted word opens is a firm's product (科大讯飞“星火”|认知大模型, 茅台“十四五”|酱香酒), no firm
    firms = [m for m in firms if doc.norm[m.start - 1 : m.start] != "”"]
    firms = [_registered(m) for m in firms]
    found = list(canonicalise(firms, tail=LEGAL_FORM, shortest=2))
    yield from _with_bracketed_short_names(doc, found)


def _registered(m: Mention) -> Mention:
    """``m``, with the name the national list gives its firm where another rule read it by a name of that list
    (中国星网 in 中国星网、中国中化等央企 is 中国卫星网络集团, as it is where the list itself finds it)."""
    full = national_firms()[0].get(m.name)
    if full is None or full == m.name or m.attr("canonical") is not None:
        return m
    return Mention(m.doc, m.type, m.start, m.end, m.text, m.name, tuple(sorted((*m.attrs, ("canonical", full)))))


@functools.lru_cache(maxsize=1)
def national_firms() -> tuple[dict[str, str], re.Pattern[str]]:
    """Every name of :data:`NATIONAL_FIRMS` with the name the graph gives its firm, and a pattern of them all."""
    names: dict[str, str] = {}
    for line in NATIONAL_FIRMS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            first, *short = (fold(n.strip()) for n in line.split("|"))
            for name in (first, *short):
                names.setdefault(name, first)
    return names, quick_start(re.compile(longest_of(names)))


def _national_firms(doc: Document, found: list[Mention]) -> list[Mention]:
    """The firms of :data:`NATIONAL_FIRMS` the text names as words of their own, outside the names ``found``."""
    names, pattern = national_firms()
    norm = doc.norm
    taken = [(m.start, m.end) for m in found]
    by_sentence: dict[Sentence, list[re.Match[str]]] = {}
    for m in pattern.finditer(norm):  # one pass over the text: most reports name none or a few
        sentence = doc.sentence_at(m.start())
        if sentence is not None and not any(a <= m.start() and m.end() <= b for a, b in taken):
            by_sentence.setdefault(sentence, []).append(m)
    if not by_sentence:
        return []
    project_starts = {p.start for p in mentions_of(doc, "projects")}
    out = []
    for sentence, matches in by_sentence.items():
        bounds = {sentence.start + k for k in word_starts(norm[sentence.start : sentence.end])}
        for m in matches:
            if m.start() not in bounds or m.end() not in bounds:
                continue
            if m.start() in project_starts:
                continue  # the owner that opens a project's name is a word of that name (比亚迪汕尾新能源汽车基地)
            if JOINT_VENTURE.match(norm, m.end()):
                continue  # a joint venture is a firm of its own (一汽-大众, 上汽通用, 广汽三菱): not its Chinese parent
            if len(m.group()) == 2 and not _phrase_ends(norm, m.end()):
                continue  # a two-character short name opens its subsidiaries' (中信重工, 华润微电子, 中车长客)
            # the firm opens a name of its own: words before it make another firm's (平煤隆基, 长安福特, 正大广场)
            edge = left_edge(norm, m.start(), sentence.start, segmented=True)
            if trim_left(norm, edge, m.start(), segmented=True) == m.start():
                full = names[m.group()]
                attrs = (("canonical", full),) if full != m.group() else ()
                out.append(Mention(doc.id, "Enterprise", m.start(), m.end(), doc.text[m.start() : m.end()],
                                   m.group(), attrs))
    return out


def _city_investment(doc: Document) -> list[Mention]:
    """A division's investment company named by 城投 alone (西宁城投, 西宁国投): a firm, as 城投 alone is a kind.
    With its legal form it is read by its head (哈尔滨城投集团)."""
    if "投" not in doc.norm:
        return []
    norm, out = doc.norm, []
    for p in mentions_of(doc, "places"):
        if p.attr("adcode") and CITY_INVESTMENT.match(norm, p.end):
            end = p.end + 2
            out.append(Mention(doc.id, "Enterprise", p.start, end, doc.text[p.start : end], norm[p.start : end]))
    return out


def _phrase_ends(norm: str, end: int) -> bool:
    """Does a noun phrase end at ``end``: a mark, a function word or a verb follows (一汽|做大做强, 华为|、)?"""
    after = norm[end : end + 1]
    return not after or not "\u4e00" <= after <= "\u9fff" or after in FUNCTION_WORDS or verb_at(norm, end)


def _with_bracketed_short_names(doc: Document, found: list[Mention]) -> list[Mention]:
    """``found``, with the short name a firm is given in brackets after its full one (榆林市能源集团有限公司
    (榆能集团)) read as that firm wherever the text uses it."""
    full_of: dict[str, str] = {}
    short: list[Mention] = []
    for m in found:
        b = SHORT_NAME_AFTER.match(doc.norm, m.end)
        if b is None or b.group(1)[0] != m.name[0] or _is_division(b.group(1)):
            continue
        full = m.attr("canonical") or m.name
        full_of[b.group(1)] = full
        short.append(Mention(doc.id, "Enterprise", b.start(1), b.end(1), doc.text[b.start(1) : b.end(1)], b.group(1),
                             (("canonical", full),)))
    if not full_of:
        return found
    out = []
    for m in found:
        full = full_of.get(m.attr("canonical") or m.name)
        if full is not None:
            m = Mention(m.doc, m.type, m.start, m.end, m.text, m.name,
                        tuple(sorted((*(a for a in m.attrs if a[0] != "canonical"), ("canonical", full)))))
        out.append(m)
    return out + short


# A firm's plant or base where it makes things, by the place it is in (比亚迪郑州基地, 沃尔沃大庆工厂, 天合光能泰国工厂,
# 国家电投肇源风电), or a phase of its works there (长电绍兴二期): the name before the place is the firm's.
PLANT = re.compile(r"(?:超级工厂|生产基地|制造基地|基地|工厂|风电|光伏|[二三四五六七八九]期)(?!产业|集群|建设基地)")
# ... or the product it makes there and the plant (中天钢铁|南通|绿色精品钢基地一期, 天合光能|南通|高效光伏组件项目),
# after a name of Han characters that is no line's nor a place's (京昆高速|石家庄…, 国道309线屯留至…段, 库布其沙漠|…)
PRODUCT_PLANT = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:基地|工厂|生产线|项目)")
LINE_OR_PLACE_END = re.compile(r"(?:高速|铁路|公路|国道|省道|线|至|段|路|沙漠|[河江湖山岛湾区县市州镇乡村])$")


def _plant_owners(doc: Document) -> Iterator[Mention]:
    norm = doc.norm
    for place in mentions_of(doc, "places"):
        if not (place.attr("adcode") or place.attr("subclass") == "Country"):
            continue
        product = not PLANT.match(norm, place.end)
        if product and not PRODUCT_PLANT.match(norm, place.end):
            continue
        floor = max(place.start - 8, 0)
        edge = left_edge(norm, place.start, floor, max_len=8, stops=STOPS, segmented=True)
        start = trim_left(norm, edge, place.start, segmented=True)
        if start is None or not 2 <= place.start - start <= 6:
            continue
        brand = norm[start : place.start]
        if not re.fullmatch(r"[\u4e00-\u9fff]+|[A-Za-z][A-Za-z0-9]+", brand) or _is_division(brand) or _a_field(brand):
            continue
        if norm[start - 1 : start] == " ":
            continue  # the last word of a Latin name (SK On|盐城四期): the edge cut it
        if product and (brand.isascii() or LINE_OR_PLACE_END.search(brand)):
            continue  # RCEP|青岛经贸合作…, 京昆高速|石家庄…, 甘孜州|丹巴县协作项目: no firm's plant
        yield Mention(doc.id, "Enterprise", start, place.start, doc.text[start : place.start], brand)


def _a_field(name: str) -> bool:
    """Is ``name`` made of ordinary words only, a word of four characters read as its halves: a field (现代|农业|郑州基地),
    not a brand, which has a rare word (天合|光能, 国家|电投) or a place's (宁德|时代)?"""
    parts = words(name)
    if len(parts) == 1 and len(name) == 4:
        parts = [name[:2], name[2:]]
    return all(ordinary_word(w) and not _is_division(w) for w in parts)


def _enterprises(doc: Document) -> Iterator[Mention]:
    listed = _listed_by_sentence(doc)
    for sentence in doc.sentences:
        yield from _headed(doc, sentence)
        yield from _traded(doc, sentence)
        yield from listed.get(sentence.start, ())


# A member of a list of firms, between two of its marks or opening it: a name of two to six characters.
LIST_MATE = re.compile(r"(?:[\u4e00-\u9fff]{2,6}|[A-Za-z][A-Za-z0-9]{1,11})")
# ... but not one named by what is built or done, or by a trade or kind of people (风电产业园, 储能项目, 高端装备产业).
NOT_A_MATE = re.compile(
    # an industry (制造业), not a firm's trade (厦门钨业, 人福药业)
    r"(?:园|区|基地|中心|项目|工程|平台|城|港|站|路|线|(?<![钨钼锂铝铜钴镍锌钛锡矿煤酒乳药纸硅])业|人员|人才|群众|农户|"
    r"计划|行动|机制|制度|政策|改革|体系|"
    # ... nor a phase or a plant of a project (时代吉利二期, 小米汽车工厂), a school or hospital, a town
    r"期|工厂|大学|学院|学校|医院|镇|乡|街道|村)$"
)
# A plant named by a place or an ordinal (坛厂, 鹅岭二厂) is no firm the list's other members can be known by.
WEAK_ANCHOR = re.compile(r"^[\u4e00-\u9fff]{1,2}厂$|[一二三四五六七八九十]厂$")


def _list_mates(doc: Document, firms: list[Mention]) -> list[Mention]:
    """The other members of a list in which a firm is named by its head (东方电子、杰瑞股份、冰轮环境入选…;
    山东临工、临工重机、金锣集团、鲁南制药集团): firms too, where they are whole between the list's marks or
    open it after its verb (推动|恒邦冶炼、招金矿业…), and rare words, no place's name.  The member that closes
    the list runs on into its predicate (冰轮环境入选…) and is left."""
    norm = doc.norm
    spans = {(m.start, m.end) for m in firms}
    out: list[Mention] = []
    places = {(p.start, p.end) for p in mentions_of(doc, "places")}
    read: set[int] = set()  # the clauses whose list is read, by their start: one firm of it is enough
    for m in firms:
        if norm[m.end : m.end + 1] != "、" and norm[m.start - 1 : m.start] != "、" or WEAK_ANCHOR.search(m.name):
            continue  # not listed, or not surely a firm
        # the list's members before the last, from the clause start to the last mark
        lo = max(norm.rfind(c, 0, m.start) for c in ",;:。\n")
        if lo in read:
            continue
        read.add(lo)
        hi = min((i for i in (norm.find(c, m.end) for c in ",;:。\n") if i >= 0), default=len(norm))
        last = norm.rfind("、", m.end, hi)
        members, pos = [], lo + 1
        for item in norm[lo + 1 : max(last, m.end)].split("、"):
            members.append((pos, pos + len(item)))
            pos += len(item) + 1
        first = members[0]
        start = trim_left(norm, left_edge(norm, first[1], first[0], segmented=True), first[1], segmented=True)
        members[0] = (start, first[1]) if start is not None else first
        for a, b in members:
            if (a, b) in spans or (a, b) in places or not LIST_MATE.fullmatch(norm, a, b) or (
                frequency(norm[a:b]) >= BRAND_MAX_FREQ
            ):
                continue
            if _is_division(norm[a:b]) or NOT_A_MATE.search(norm, a, b):
                continue
            out.append(Mention(doc.id, "Enterprise", a, b, doc.text[a:b], norm[a:b]))
            spans.add((a, b))
    return out


def _traded(doc: Document, sentence: Sentence) -> Iterator[Mention]:
    """Firms named by a brand and their trade (人福药业, 晨鸣纸业, 鲁清石化): a brand is a rare word of two or
    three characters, not a place's or an industry's name (氯碱化工, 盐湖化工 are industries)."""
    norm = doc.norm
    for m in TRADE.finditer(norm, sentence.start, sentence.end):
        edge = left_edge(norm, m.start(), sentence.start, max_len=NAME_LEN, stops=STOPS, segmented=True)
        start = trim_left(norm, edge, m.start(), segmented=True)
        if start is None or not 2 <= m.start() - start <= 3:
            continue
        brand = norm[start : m.start()]
        if (not re.fullmatch(r"[\u4e00-\u9fff]+", brand) or frequency(brand) >= BRAND_MAX_FREQ
                or brand in INDUSTRIES or brand[-1] in MATERIALS or _is_division(brand)):
            continue
        yield Mention(doc.id, "Enterprise", start, m.end(), doc.text[start : m.end()], norm[start : m.end()])


def listed_spans(doc: Document) -> frozenset[tuple[int, int]]:
    """The spans of the firms that lists the report calls enterprises name (罗氏制药中国创新中心、
    外高桥电厂等企业): other extractors leave them to this one."""
    return frozenset((m.start, m.end) for found in _listed_by_sentence(doc).values() for m in found)


def _listed_by_sentence(doc: Document) -> dict[int, list[Mention]]:
    """The firms of each sentence's lists, by the sentence's start: read once per extract run."""
    def read(d: Document) -> dict[int, list[Mention]]:
        return {s.start: found for s in d.sentences if (found := list(_listed(d, s)))}

    return once(doc, "enterprises.listed", read)


def _headed(doc: Document, sentence: Sentence) -> Iterator[Mention]:
    norm = doc.norm
    last = None  # the name found last, held back while the next one may be its branch
    for m in COMPANY_HEAD.finditer(norm, sentence.start, sentence.end):
        start = left_edge(norm, m.start(), sentence.start, max_len=NAME_LEN, stops=STOPS, segmented=True)
        start = trim_left(norm, start, m.start(), segmented=True)
        if start is None:
            continue
        start = after_predicate(norm, start, m.start())  # 某县|签约|…公司
        if SIZED.search(norm, max(sentence.start, start - 6), start):
            continue  # a size before the name makes it a plant (台积电(南京)12英寸|晶圆厂), not a firm
        prefix = norm[start : m.start()]
        if prefix.endswith("+"):
            continue  # a formula of a model (“管委会+公司”改革): no firm
        category = CATEGORY.search(prefix)
        if not prefix or GENERIC_PREFIX.match(prefix) or category and not _is_division(prefix[: category.start()]):
            continue  # 城投公司 is a kind of firm, 哈尔滨城投集团 one
        if last is not None and last.start <= start <= last.end:
            # a branch or subsidiary named after its parent is one firm, under the parent's name
            # (中国石油天然气股份有限公司长庆油田分公司, 陕西煤业化工集团神木天元化工有限公司)
            start, last = last.start, None
        if last is not None:
            yield last
        last = Mention(doc.id, "Enterprise", start, m.end(), doc.text[start : m.end()], norm[start : m.end()])
    if last is not None:
        yield last


def _listed(doc: Document, sentence: Sentence) -> Iterator[Mention]:
    norm = doc.norm
    if not holds(norm, sentence.start, sentence.end, ENTERPRISE_LIST_NEEDS):
        return
    for m in ENTERPRISE_LIST.finditer(norm, sentence.start, sentence.end):
        if SECTORS_LISTED.search(norm, m.end(1), m.end()):
            continue  # 新能源、新材料等产业链企业: the members are sectors
        if PLACES_CLOSER.match(norm, m.end(1)):
            continue  # 柳市、北白象、虹桥等地|小微企业: the members are places, the firms are theirs
        if any(KIND_VERB.match(norm, k) for k in range(m.end(1) + 1, m.end() - 2)):
            continue  # …总部基地、后海中心区等片区|新增入驻|总部企业: a clause about firms, not a kind of them
        pos = m.start(1)
        first = True
        for item in m.group(1).split("、"):
            start, end = pos, pos + len(item)
            conjuncts = _conjuncts(norm, start, end)
            if first:
                start = trim_left(norm, left_edge(norm, end, pos, segmented=True), end, segmented=True)
                # before 和 in the first member the words may be another clause's (推进盛京银行风险化解和|沈阳华润)
                # unless they end in a firm's head (柳钢集团和两面针)
                conjuncts = [] if start is None else _conjuncts(norm, start, end)
                conjuncts = [(a, b) for a, b in conjuncts[:-1]
                             if any(h.end() == b for h in COMPANY_HEAD.finditer(norm, a, b))] + conjuncts[-1:]
                first = False
            for a, b in conjuncts:  # 柳钢集团和两面针: two firms
                if b - a >= 2 and not NOT_A_FIRM.search(norm[a:b]) and not _is_division(norm[a:b]):
                    yield Mention(doc.id, "Enterprise", a, b, doc.text[a:b], norm[a:b])
            pos = end + 1
