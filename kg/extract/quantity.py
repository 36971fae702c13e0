"""Quantities: a number with its unit, read as a Target or an Outcome.

Shared by :mod:`.targets` and :mod:`.outcomes`, which differ only in which
period a quantity speaks of (:func:`is_outcome`).  Each quantity carries its
value (a decimal), unit, the value in the base unit (36.9万亩 → 369000 亩), a
comparator (以上 → at_least), a change direction (下降 → decrease), the
indicator counted and its label, the phrase as it stands.  Numbers that are
names are not quantities: G521, 5G, 4A级, “12315”, 第六届, years and dates,
and the count that opens a heading (4件市级实事暖民心).

A clause is read in segments split at 、 (outside brackets and quotes):
several quantities may share a clause (跨越2500亿元、3000亿元、3500亿元台阶),
and a list of names may precede the count that sums them up
(新纺、磷肥厂等4家企业).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from ..document import Document
from ..model import Mention, attrs
from ..structure import period_at
from ..units import base_quantity
from . import once
from .grammar import LIST_CLOSER, quick_start, trim_left, words

SCALE = r"(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千|百)"
# Longer units first where one is the prefix of another (人次 before 人, 平方米 before 米).
MEASURE = (
    r"(?:个百分点|百分点|%|‰|倍|千瓦时|千瓦|兆瓦|吉瓦|GWh|MWh|[kK]Wh|GW|MW|[kK]W|标准箱|标箱|平方公里|平方米|立方米|公里|千米|公顷|公斤|千克|千升|吨|"
    r"微克/立方米|毫克|人次|户次|家次|件次|台次|车次|架次|艘次|列次|航次|场次|班次|批次|剂次|美元|元|亩|斤|米|度|家|户|个工作日|工作日|个月|个|项|件|所|"
    r"套|处|座|条|台|辆|名|人|张|床|间|栋|幢|头只|只|头|场|次|批|剂|类|种|篇|部|支|架|艘|箱|株|棵|起|宗|门|盏|天|列|分钟|小时|岁|瓶|袋|"
    r"枚|羽|根|块|口|眼|棒|颗|枝|担)"
    # ... per unit of time, for a capacity or a flow (30万吨/年, 5万立方米/日)
    r"(?:/(?:年|日|天|小时))?"
)
# A time or an age is an amount where it ends its clause (缩短到12分钟, 人均预期寿命达到78岁) or is
# the subject of 达到 (其中7个月达到Ⅱ类水质); before a noun it names a kind (15分钟生活圈,
# 24小时自助服务, 60岁以上老年人).
SPAN_UNITS = frozenset({"个月", "分钟", "小时", "岁"})
SPAN_END = re.compile(r"(?:以上|以内|以下|左右)?(?:[。,，;:!?、)]|$|达到)")
# A number: 25, 36.9, 1,830.87 (only an ASCII comma groups digits; ， is a clause mark).
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# ... and a count in Chinese numerals of the practical matters a government pledges (办好十件民生实事), the one count
# reports write so as often as in digits; elsewhere such numerals name things (三大工程, 两个确立).  A larger
# numeral's last digits are none (一百二十件).
CN_COUNT = (r"(?<![一二三四五六七八九十两百千])(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九两])"
            r"(?=件[\u4e00-\u9fff]{0,4}实事)")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
# An amount that rates a thing (5万吨级泊位, 10万千瓦级机组): the class of what is counted.
RATED = rf"(?:{NUMBER}){SCALE}?{MEASURE}?级"
# 100多家, 1.2万余人: 多/余 after the number or its scale means "more than".
QUANTITY = quick_start(re.compile(
    # a number right after the measure ends the quantity only where it rates what is counted (2个|5万吨级泊位)
    rf"(?<![\dA-Za-z.])({NUMBER}|{CN_COUNT})\s*([多余])?({SCALE})?([多余])?({MEASURE})?(?![A-Za-z]|(?!{RATED})\d)"
))
# Right before a number, these make it part of a name or an ordinal: 第6, G521, “12315”, and a count of units
# makes it the size of each (2×66万千瓦热电联产项目: a plant's name).
NAME_BEFORE = re.compile(r"(?:第|[A-Za-z]|No\.?|\d\s*[×*])$")
# A bare scale (人口突破100万) is a quantity only where a clause or comparator follows.
BARE_SCALE_END = re.compile(r"(?:以上|以内|以下|左右|[。,，;:!?、)]|$)")
# A bare scale before people counts them, one by one (解决32万农村人口饮水问题, 带动1.2万农户增收); not
# where the number grades a kind of place (50万人口以上城市).
PEOPLE_COUNTED = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:人口|群众|农民工|农民|农户|居民|职工|劳动力|贫困户|脱贫户|家庭)(?!以上|以下|规模|城市|级)"
)
# A 类 followed by the thing and its own count grades the thing (1类创新药9个).
CLASS_GRADE = re.compile(r"[\u4e00-\u9fff]{1,6}\d")
# Marks that end a clause; 、 splits a clause into segments.
CLAUSE_END = "。,，;:!?\n…"  # an ellipsis ends a list that is cut short (…建设口袋公园50处……各项实事资金已…)
SEGMENT = "、"
OPEN, CLOSE = "(“《", ")”》"

COMPARATOR_AFTER = (
    (re.compile(r"^(?:以上|之上)"), "at_least"),
    (re.compile(r"^(?:以内|以下|之内)"), "at_most"),
    (re.compile(r"^(?:左右|上下)"), "about"),
)
COMPARATOR_BEFORE = (
    # 过 exceeding (税收过亿元), not passing (通过, 经过)
    (re.compile(r"(?:(?<!不)超过|突破|跨越|迈上|(?<!不)高于|逾|(?<!不)超|(?<![通经不越度超])过)$|至少|不少于|不低于"),
     "at_least"),
    (re.compile(r"(?:不超过|不高于|控制在|(?<!不)低于|(?<!不)少于|不到)$"), "at_most"),
    (re.compile(r"(?:约|大约|近|接近)$"), "about"),
)
# A change word makes the value a change; followed by 到/至/为 it states a level instead (提高到60%).
# 增加值 is value added, a level (金融业增加值达到620亿元); firms newly certified (新认定) are added.
# 提升 as a rise, not the second verb of works named by two (整治提升, 改造提升: no change of the count).
# (新建和提升高标准农田910万亩: works of two kinds, neither a change).
RISE = r"(?<!整治|改造|治理|修复|整修)(?<!建和)提升"
INCREASE = re.compile(rf"(?:新增|净增|增长|增加(?!值)|提高|{RISE}|上升|上涨|新培育|新发展|新认定(?!的)|增幅|增速|涨幅)(?![到至为])")
DECREASE = re.compile(r"(?:下降|减少|降低|压减|削减|缩小|缩短|压缩|降幅)(?![到至为])")
# Modal and time words, and item numbers, that open a clause but are not part of the phrase.
LEAD = re.compile(
    # (not the first character of a word: 再生水, 要素)
    r"^(?:力争|确保|争取|努力|预计|今年|明年|年内|年底前|并|同时|其中|再(?!生)|将|要(?!素)|积极|稳妥|持续|全力|进一步|继续|还|"
    # the number of an item: (2), ②, ⑵, ❷, 二是, 其三
    r"\([\d一二三四五六七八九十]+\)|[\u2460-\u249f\u2776-\u2793]|[一二三四五六七八九十]是|其[一二三四五六七八九十])+"
)
# Verbs and adverbs before the thing counted: stripped from the indicator, kept in the label.
INDICATOR_VERBS = re.compile(
    # the whole jurisdiction before a verb (全市|实现|地区生产总值), not before what it counts (全市常住人口)
    r"^(?:全[市县区省州](?=实现|完成)|"
    r"全年|累计|新增|新培育|新发展|新认定|新引进|新登记|新注册|培育|新开工|开工|实施|完成|新建|改扩建|改建|扩建|改造|筹建|筹集|筹措|建设|建好|建成|创建|打造|抓好|承接|引进和认定|引进|认定|"
    # verbs joined (新建和改造, 新建、改扩建)
    r"(?<=[建造])[和、及](?=新建|改造|改扩建|改建|扩建|提升)|(?<=建[和、及])提升|(?<=改造)提升|"
    # keeping a sown area at its size (稳定|粮食播种面积405万亩以上); 稳定就业 is a kind of job
    r"稳定(?=[\u4e00-\u9fff]{0,6}(?:面积|产量))|"
    r"投入|推进|推动|开展|实现|签约|谋划|达到|稳定在|保持在|保持|初步核算|先后|每(?:[人生户]每)?[年月日天周]|年均|全面落实|落实|"
    # the basis a change is reckoned on (同口径增长3.6%): the indicator is the one before
    r"同口径|按可比价格计算|按可比价计算|按可比口径)*"
)
INDICATOR_TAIL = re.compile(
    r"(?:分别)?(?:同比|比上年|(?<!占)比(?=增长|下降|提高|降低|减少|上升)|年均)?"
    r"(?:(?:提高|提升|增长|增加|上升|上涨|下降|降低|减少|压缩|缩短|降|恢复|拓展|扩展|扩大|延伸)(?:到|至)|下降|增长|提高|"
    # a modal between the thing and its verb (建筑业总产值力争突破1800亿元), how long or how it went on (原油产量
    # 连续9年稳定在…, 油气当量继续保持在…), 实现 after the thing (地区生产总值实现2918.6亿元), and the period a rate
    # is per (城乡低保标准提高到每月810元, 每人每年), and that all of a list did it (萧山区、余杭区…均突破…)
    rf"{RISE}|上升|上涨|降低|减少|压减|削减|压缩|再|(?<![人平年])均|力争|确保|争取|连续\d+年|继续|持续|实现|"
    r"每(?:[人生户]每)?[年月日天周]|达到|达|保持在|保持|稳定在|突破|超过|跨越|迈上|先后|为|是|"
    r"(?<![通经不越度超])过|(?<![全已])完成|至少|不少于|不低于|不超过|不高于|低于|少于|不到|控制在|的|约|近|逾)*$"
)
YEARS = quick_start(re.compile(r"(?:19|20)\d{2}\s*年(?:底|末|初)?(?:的)?|去年|上年|今年|明年|全年"))
# What a quantity measures of things a count before it counts (126个省市重点项目|完成投资283亿元, 58个国考断面|优良水质比例…).
MEASURED = re.compile(r"完成|实现|营业收入|主营业务收入|总产值|产值|投资|优良|人均|达到|达|突破|增长|增加|提高|下降|平均|比例|比重|产量")
# Attributes of a thing: 总产值50亿元的绿色建材产业园 counts the park's 总产值.
ATTRIBUTE = re.compile(r"^(?:总投资|投资|总产值|产值|营业收入|营收|年产能|产能|年产|规模|总额|面积)$")
# Verbs that end an object without being what is counted (乙二醇项目建成投产).
OBJECT_TAIL = re.compile(r"(?:建设|工作|建成投产|投产)$")
# What joins two quantities of one segment (分别增长5.1%和6.3%, a range 增长5%—7%).
RANGE_MARKS = "和及与或至到—~-"
JOINER = re.compile(r"(?:以上|以内|以下|左右)?[和及与或至到—~-]?")
# Words that end a phrase without adding to it (承接12件民生实事基础上, 打包改制工作).
PHRASE_TAIL = quick_start(re.compile(r"(?:的|工作|基础上|方面)+$"))
# Counting units (a classifier before the thing counted) as opposed to amounts.
CLASSIFIERS = set("家户个项件所套处座条台辆名人张间栋幢只头场次批类种篇部支架艘箱株棵起宗门盏列瓶袋枚羽根块口眼棒颗")


@dataclass(frozen=True)
class Quantity:
    start: int  # of the phrase (label)
    end: int
    value: Decimal
    unit: str
    comparator: str | None
    change: str | None
    indicator: str
    number_start: int = 0
    number_end: int = 0
    #: what follows an amount (36.9万亩治理任务): the indicator when nothing before names one
    object: str = ""


def quantities(doc: Document) -> Iterator[Quantity]:
    """Every quantity of ``doc`` in text order."""
    scan = _scan_text(doc)
    heading_names = _heading_names(doc, scan)
    for sentence in doc.sentences:
        found = [m for m in QUANTITY.finditer(scan, sentence.start, sentence.end) if _is_quantity(scan, sentence.start, m)]
        found = [m for m in found if not heading_names.opened_at(scan, m)]
        found = [m for i, m in enumerate(found)
                 if not (_threshold(scan, m, found[i + 1 : i + 2]) or _starting_point(scan, m, found[i + 1 : i + 2]))]
        previous: Quantity | None = None
        clause_of_previous = -1
        read: list[Quantity] = []
        for i, m in enumerate(found):
            clause = _clause(scan, sentence.start, sentence.end, m)
            neighbours = [n for j, n in enumerate(found) if j != i and clause[0] <= n.start() < clause[1]]
            q = _read(scan, clause, m, neighbours)
            if previous is not None and clause_of_previous == clause[0]:
                q = _continue_list(scan, previous, q)
            elif previous is not None and not q.indicator:
                q = replace(q, indicator=previous.indicator)  # 初步核算2022年达到3850亿元
            if previous is not None and (q.indicator in TOTALS or q.indicator.startswith("占")) and not (
                previous.indicator in TOTALS or previous.indicator.startswith("占")
            ):
                # 新增高新技术企业298家、总数达到1560家: the total of what was counted before, and its share
                # (引进首店352家,占全市40%以上: 首店占全市)
                q = replace(q, indicator=ADDING.sub("", previous.indicator, count=1) + q.indicator)
            if not q.indicator:
                q = replace(q, indicator=q.object)
            read.append(q)
            previous, clause_of_previous = q, clause[0]
        yield from _respectively(scan, read) if "分别" in scan[sentence.start : sentence.end] else read


MEMBER_MARKS = r"[、和及与]"
# What may stand between the quantities a clause opening with 分别 goes on to measure and that clause.
CLAUSE_JOINS = frozenset({",", ";", "，", "；"})
# The members 城乡 joins, each measured apart when 分别 follows (城乡居民人均可支配收入分别增长5.1%和7.6%).
URBAN_RURAL = ("城镇", "农村")
# Modifiers of one kind that members of a list may share a noun after (城镇和农村居民…, 男性、女性…).
SHARED_NOUN_MODIFIERS = frozenset({"城镇", "农村", "城市", "乡村", "男性", "女性", "一产", "二产", "三产"})


def _respectively(scan: str, read: list[Quantity]) -> list[Quantity]:
    """The quantities of a sentence, each of a list after 分别 with its own member's indicator
    (生产安全事故起数和死亡人数分别下降18.5%和16.2%: 生产安全事故起数 18.5%, 死亡人数 16.2%)."""
    out = list(read)
    i = 0
    last: list[str] | None = None  # the members of the sentence's last list, which a clause opening with 分别 shares
    while i < len(out):
        q = out[i]
        mark = scan.find("分别", q.start, q.number_start)
        j = i + 1
        while j < len(out) and out[j].indicator == q.indicator and not scan[out[j].start : out[j].number_start].strip():
            j += 1
        subject = scan[q.start : mark]
        members = _members(subject, j - i) if mark >= 0 and j - i >= 2 and subject not in TOTALS else None
        if members is None and mark == q.start and last is not None and len(last) == j - i:
            members = last  # 城乡居民收入分别达到…元和…元,|分别增长5.6%和7.3%
        if members is None and mark >= 0 and subject in TOTALS and i >= j - i >= 2:
            # 新增A 20家、B 220家,总数分别达到53家、1560家: the totals of what the quantities before counted
            members = [ADDING.sub("", p.indicator, count=1) + subject for p in out[i - (j - i) : i]]
        if members is None and mark == q.start and i >= j - i >= 2 and scan[out[i - 1].end : q.start] in CLAUSE_JOINS:
            # 接待游客1635万人次、实现旅游总收入186亿元,|分别增长121%和118%: the changes of what came just before
            before = [p.indicator for p in out[i - (j - i) : i]]
            members = before if all(before) and len(set(before)) == len(before) else None
        if members:
            last = members
            out[i:j] = [replace(x, indicator=member) for x, member in zip(out[i:j], members)]
        i = j
    return out


def _members(subject: str, n: int) -> list[str] | None:
    """The ``n`` indicators of a subject 分别 distributes over, or None when it lists some other number."""
    subject = re.sub(r"^(?:全[市县区省州盟旗]|我[市县区省州盟旗])", "", subject)
    trimmed = subject[trim_left(subject, 0, len(subject), segmented=True) or 0 :]  # 新建|学校、医院分别为…
    if len(re.split(MEMBER_MARKS, trimmed)[0]) > 1:  # not 解决|率、满意率
        subject = trimmed
    parts = re.split(MEMBER_MARKS, subject)
    if n == 2 and len(parts) == 1 and subject.startswith("城乡") and len(subject) > 2:
        return [member + subject[2:] for member in URBAN_RURAL]
    if len(parts) != n or not all(parts):
        return None
    last = parts[-1]
    # members that each name what the last one's opening word does share the noun after it
    # (城镇和农村居民人均可支配收入, 广州、深圳经济总量, 对韩国、俄罗斯、日本贸易)
    noun = _shared_noun(last)
    return [p + noun if noun and _kind(p) else p for p in parts[:-1]] + [last]


def _shared_noun(last: str) -> str:
    """What follows the place or modifier the last member of a list opens with (深圳|经济总量), or ""."""
    first = words(last)[0]
    if _kind(first) or _kind(first.removesuffix("国")):
        return last[len(first) :]
    if last[:2] in SHARED_NOUN_MODIFIERS:  # a modifier jieba joins to its noun (农村居民)
        return last[2:]
    return ""


def _kind(word: str) -> bool:
    """Is ``word`` one that members of a list sharing a noun are: a modifier of the set, a division or a country?"""
    if word in SHARED_NOUN_MODIFIERS:
        return True
    from ..gazetteer import Gazetteer
    from .places import is_country

    return bool(Gazetteer.load().lookup(word)) or is_country(word)


def classified(doc: Document) -> list[tuple[Quantity, bool]]:
    """Every quantity of ``doc`` in text order with whether it is an outcome
    (:func:`is_outcome`), read once per :func:`kg.extract.extract` run and
    shared by :mod:`.targets` and :mod:`.outcomes`."""
    return once(doc, "quantity.classified", lambda d: [(q, is_outcome(d, q)) for q in quantities(d)])


def _scan_text(doc: Document) -> str:
    """``doc.norm`` with the full-width comma kept, so 12，500人 stays two numbers."""
    if "，" not in doc.text:
        return doc.norm
    return "".join("，" if t == "，" else n for t, n in zip(doc.text, doc.norm))


def _is_quantity(scan: str, floor: int, m: re.Match) -> bool:
    number, scale, measure = m.group(1), m.group(3), m.group(5)
    if not measure and not (scale and (BARE_SCALE_END.match(scan, m.end()) or PEOPLE_COUNTED.match(scan, m.end()))):
        return False
    if measure is None and scan.startswith("级", m.end()):  # 百亿级产业集群
        return False
    if measure == "类" and CLASS_GRADE.match(scan, m.end()):  # 1类创新药9个: a grade of what is counted
        return False
    if measure == "度" and not scale:  # 80亿度 of electricity, but 361度 is a brand
        return False
    if measure in SPAN_UNITS and not SPAN_END.match(scan, m.end()):
        return False
    if NAME_BEFORE.search(scan, max(floor, m.start() - 3), m.start()):
        return False
    if _in_quotes(scan, floor, m.start()):
        return False
    return bool(number)


# An amount with 以上/以下 before the noun the next quantity of its clause measures is the class of what
# is measured, no quantity: 新开工10亿元以上项目5个, 营业收入100亿元以上企业达到3家, 5000万元以上项目开工率达到80%.
THRESHOLD_GAP = re.compile(r"(?:/[年日])?(?:以上|以下)[\u4e00-\u9fff]{1,10}")
# A count of a whole jurisdiction's things, right after its scope, whose clause goes on to measure them, is the
# set measured, no quantity: 全市17个开发区营业收入增长10%, 退出全国168个重点城市后20名.
WHOLE_SCOPE = re.compile(r"全(?:国|省|市|县|区|州|盟|旗)$")
SCOPE_GAP = re.compile(r"[\u4e00-\u9fff]{1,12}")
# A length right before the noun a count of its clause counts is the size of what is counted, no quantity:
# 关停退出4.3米焦炉2座, 更新12米公交车50辆.
SIZE_UNITS = frozenset({"米", "厘米", "毫米"})
SIZE_GAP = re.compile(r"[\u4e00-\u9fff]{1,6}")


# ... as is one after 过, 超 or 逾 (exceeding) before that noun: 新引进过10亿元项目10个, 产值过100亿元的企业达到5家,
# 新引进超10亿元产业项目8个.
OVER = re.compile(r"(?:(?<![通经不越度])过|(?<!不)超|逾)$")
OVER_GAP = re.compile(r"的?[\u4e00-\u9fff]{1,10}")


# ... or before a noun of the units a report sorts by size, with no count after (实现30户以上自然村通硬化路).
THRESHOLD_CLASS = re.compile(r"(?:以上|以下)的?(?:自然村|行政村|建制村|村|社区|企业|项目|乡镇|城镇|学校|医院|园区)")


# A rating with a count right before it or after what it rates: the class counted (2个|5万吨级泊位, 5万吨级泊位|2个).
COUNT_BEFORE_RATED = re.compile(rf"\d[{''.join(sorted(CLASSIFIERS))}]$")
RATED_GAP = re.compile(r"级的?[\u4e00-\u9fff]{1,10}")


# 由/从 an amount to another: the first is where the change started, the second what it reached
# (地区生产总值由4.68万亿元增加到6.01万亿元).
# Either amount may be dated or qualified (由2005年的2371亿元增加到2010年的5551.3亿元, 由“十五”末的…, 由整合前的289座
# 压减到130座), and a fall may end at nothing (贫困发生率由2015年底的25.6%下降到零).
_DATED = r"(?:[^,;:。、由从到至]{1,9}的)?"
FROM_BEFORE = re.compile(rf"[由从]{_DATED}$")
_FROM_TO_VERB = r"增加|增长|提高|提升|上升|扩大|下降|减少|降低|缩小|缩短|压缩|压减|精简|削减|整合|合并|调整"
# ... and 为 after a verb of change (由48户整合为21户)
FROM_TO_GAP = re.compile(rf"(?:(?:{_FROM_TO_VERB})?[到至]|(?:{_FROM_TO_VERB})为){_DATED}")
TO_NOTHING = re.compile(r"(?:下降|减少|降低|压缩)?(?:到|至|为)零")


FROM_AMOUNT = re.compile(rf"[由从]{_DATED}(?:{NUMBER})[多余]?{SCALE}?(?:{MEASURE})?.*$")


def _starting_point(scan: str, m: re.Match, following: list[re.Match]) -> bool:
    """True when ``m`` is the amount a change went from (由|4.68万亿元|增加到6.01万亿元, 由…25.6%|下降到零)."""
    if not FROM_BEFORE.search(scan, max(0, m.start() - 12), m.start()):
        return False
    if TO_NOTHING.match(scan, m.end()):
        return True
    return bool(following) and bool(FROM_TO_GAP.fullmatch(scan, m.end(), following[0].start()))


def _threshold(scan: str, m: re.Match, following: list[re.Match]) -> bool:
    """True when ``m`` bounds the class of things the quantity after it measures, or a class of units."""
    if scan.startswith("级", m.end()):
        if COUNT_BEFORE_RATED.search(scan, max(0, m.start() - 6), m.start()):
            return True
        if following and following[0].group(5) in CLASSIFIERS and RATED_GAP.fullmatch(
                scan, m.end(), following[0].start()):
            return True
    if following and THRESHOLD_GAP.fullmatch(scan, m.end(), following[0].start()):
        return True
    if following and m.group(5) in CLASSIFIERS and WHOLE_SCOPE.search(scan, max(0, m.start() - 2), m.start()) and (
            SCOPE_GAP.fullmatch(scan, m.end(), following[0].start())):
        return True
    if following and m.group(5) in SIZE_UNITS and following[0].group(5) in CLASSIFIERS and SIZE_GAP.fullmatch(
            scan, m.end(), following[0].start()):
        return True
    over = OVER.search(scan, max(0, m.start() - 1), m.start())
    if following and over and OVER_GAP.fullmatch(scan, m.end(), following[0].start()):
        return True
    return bool(THRESHOLD_CLASS.match(scan, m.end()))


def _heading_names(doc: Document, scan: str) -> _HeadingNames:
    """Names made of a count: a heading that opens with one (4件市级实事暖民心), or holds one before what
    it counts (办好|20项民心工程)."""
    names = []
    for sec in doc.sections:
        m = QUANTITY.match(scan, sec.title_start, sec.title_end)
        if m and m.group(5):
            names.append(scan[sec.title_start : sec.title_end])
            continue
        for m in QUANTITY.finditer(scan, sec.title_start, sec.title_end):
            if m.group(5) in CLASSIFIERS and COUNTED_NOUN.fullmatch(scan, m.end(), sec.title_end):
                names.append(scan[m.start() : sec.title_end])
    return _HeadingNames(names)


# What a count inside a heading counts, up to the heading's end (20项|民心工程).
COUNTED_NOUN = re.compile(r"[\u4e00-\u9fff“”]{2,12}")


class _HeadingNames:
    """Heading names made of a count, looked up by their openings: a long text has hundreds of headings
    and tens of thousands of counts."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self._openings: dict[int, set[str]] = {}  # length -> the names' openings of that length

    def opened_at(self, scan: str, m: re.Match) -> bool:
        """True when the count at ``m`` is (the start of) a heading's name: in the heading or repeated."""
        if not self.names:
            return False
        head = len(m.group(0)) + 2  # the count and at least two characters of what it counts
        openings = self._openings.get(head)
        if openings is None:
            openings = self._openings[head] = {name[:head] for name in self.names if len(name) >= head}
        return scan[m.start() : m.start() + head] in openings


def _in_quotes(scan: str, start: int, offset: int) -> bool:
    return scan.count("“", start, offset) > scan.count("”", start, offset)


def _marks(scan: str, start: int, end: int, marks: str) -> list[int]:
    """Offsets of ``marks`` in ``scan[start:end]`` outside brackets and quotes."""
    out, depth = [], 0
    for m in _marks_re(marks).finditer(scan, start, end):  # only the brackets and marks, found in C
        c = m.group()
        if c in OPEN:
            depth += 1
        elif c in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(m.start())
    return out


@lru_cache(maxsize=8)
def _marks_re(marks: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(OPEN + CLOSE + marks) + "]")


@dataclass(frozen=True)
class _Span:
    """The start/end of a match, for :func:`_clause` outside a regex match."""

    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


def _clause(scan: str, s_start: int, s_end: int, m: re.Match | _Span) -> tuple[int, int]:
    ends = _marks(scan, s_start, s_end, CLAUSE_END)
    start = max((i + 1 for i in ends if i < m.start()), default=s_start)
    end = min((i for i in ends if i >= m.end()), default=s_end)
    while end > start and scan[end - 1] in "。;!? \n":
        end -= 1
    return start, end


def _read(scan: str, clause: tuple[int, int], m: re.Match, neighbours: list[re.Match]) -> Quantity:
    c_start, c_end = clause
    cuts = _marks(scan, c_start, c_end, SEGMENT)
    seg_start = max((i + 1 for i in cuts if i < m.start()), default=c_start)
    seg_end = min((i for i in cuts if i >= m.end()), default=c_end)
    # another quantity of the same segment bounds this one (增长5.1%和6.3%)
    follows_other = bounded = False
    for n in neighbours:
        if seg_start <= n.start() and n.end() <= m.start():
            seg_start = n.end() + JOINER.match(scan, n.end(), m.start()).end() - n.end()
            follows_other = True
        elif m.end() <= n.start() < seg_end:
            seg_end = n.start()
            while seg_end > m.end() and scan[seg_end - 1] in RANGE_MARKS:
                seg_end -= 1
            bounded = True
    number, approx1, scale, approx2, measure = m.groups()
    if scale and not measure and (people := PEOPLE_COUNTED.match(scan, m.end())):
        measure = "户" if people.group().endswith("户") else "人"  # 32万农村人口: 32万人
    unit = (scale or "") + (measure or "")
    core_end = m.end()
    after_all = scan[core_end:seg_end]
    comparator = "at_least" if approx1 or approx2 else None
    for pattern, name in COMPARATOR_AFTER:
        hit = pattern.match(after_all)
        if hit:
            comparator, core_end = comparator or name, core_end + hit.end()
            break
    before = scan[seg_start : m.start()]
    if comparator is None:
        comparator = next((c for p, c in COMPARATOR_BEFORE if p.search(before.rstrip())), None)
    rated = scan.startswith("级", core_end)
    if rated:
        core_end += 1
    after = scan[core_end:seg_end]
    change = "decrease" if DECREASE.search(before) else "increase" if INCREASE.search(before) else None

    # the label: from the segment start (or the first of the names listed before the count); the names
    # listed before 分别增长5.1%和6.3% belong to the first quantity, as they do before 分别达到4万元、2万元
    start = seg_start if follows_other else _list_start(scan, c_start, seg_start, m.start(), cuts)
    start += _lead(scan[start : m.start()])
    end = seg_end
    others_here = any(c_start <= n.start() < c_end for n in neighbours)
    subject = _strip_indicator(before)
    if after.startswith("的") and others_here:
        end = core_end  # 谋划总投资100亿元 | 的焦化苯…等16个重点项目
    elif measure in CLASSIFIERS and not after and not subject and seg_end < c_end:
        end = c_end  # 抓好267个、总投资998.1亿元的重点项目建设: the noun comes after
        after = scan[seg_end + 1 : c_end]
        after = after[after.rfind("的") + 1 :] if "的" in after else after
    if measure in CLASSIFIERS and bounded and not subject and (what := MEASURED.search(after)) and what.start() >= 2:
        # a count of things the next quantity measures (126个省市重点项目|完成投资283亿元): the things alone
        after, end = after[: what.start()], core_end + what.start()
    end = _trim_tail(scan, m.end(), end)

    # another unit in brackets (1.5万套(间): flats or rooms) is no object counted
    obj = PHRASE_TAIL.sub("", re.sub(r"^的|^\([^()]{1,3}\)", "", after.strip())).replace("的", "")
    obj = OBJECT_TAIL.sub("", obj) or obj
    listed = max((m.end() for m in LIST_CLOSER.finditer(subject)), default=0)
    subject = subject[listed:]  # the names listed before 等 are instances, not the indicator
    if measure in CLASSIFIERS and obj:
        indicator = obj
    elif subject and obj and ATTRIBUTE.match(subject):
        indicator = obj + subject
    elif subject and start < seg_start and not listed:
        # names listed before the count are all counted (新建改扩建中小学、幼儿园22所: 中小学、幼儿园)
        first = trim_left(scan, start, m.start(), segmented=True)
        while first is not None and scan.startswith("、", first):  # 新建、改扩建|中小学和幼儿园
            first = trim_left(scan, first + 1, m.start(), segmented=True)
        if first is not None and WHERE_OR_WITH.match(scan, first - 1, m.start()):
            first -= 1  # the frame of where or with whom (在|远安、兴山…建设): _strip_indicator drops it whole
        indicator = _strip_indicator(scan[first if first is not None else start : m.start()]) or subject
    elif subject:
        indicator = subject
    elif obj and (rated or after.startswith("的")):
        indicator = obj + "规模"  # 打造600万吨级的绿色焦化产业园: the park's capacity
    else:
        indicator = ""
    value = Decimal(number.replace(",", "")) if number[0].isdigit() else _cn_value(number)
    return Quantity(start, end, value, unit, comparator, change, indicator, m.start(), m.end(), obj)


def _cn_value(number: str) -> Decimal:
    """The value of a count in Chinese numerals (:data:`CN_COUNT`): 十 is 10, 十二 12, 二十 20, 两 2."""
    if "十" not in number:
        return Decimal(_CN_DIGITS[number])
    tens, _, units = number.rpartition("十")
    return Decimal(10 * (_CN_DIGITS[tens] if tens else 1) + (_CN_DIGITS[units] if units else 0))


def _list_start(scan: str, c_start: int, seg_start: int, number_start: int, cuts: list[int]) -> int:
    """Where the label starts when names listed before the count belong to it.

    垣曲二期、绛县2个项目 and 新纺、磷肥厂等4家企业: earlier segments without a
    number of their own join the label.  A segment that opens with a verb starts
    a phrase of its own (加快海绵城市建设、新建20处雨水调蓄池).
    """
    own = scan[seg_start:number_start]
    opens_with_verb = bool(INDICATOR_VERBS.match(own).group(0))
    start = seg_start
    for cut in sorted((c for c in cuts if c < seg_start), reverse=True):
        prev_start = max((c + 1 for c in cuts if c < cut), default=c_start)
        prev = scan[prev_start:cut]
        if opens_with_verb:
            # only a coordinated verb joins a phrase that opens with one (新建、改扩建中小学32所)
            verbs = INDICATOR_VERBS.match(LEAD.sub("", prev)).group(0)
            if verbs and verbs == LEAD.sub("", prev):
                start = prev_start
            break
        if re.search(r"\d", prev):
            # 谋划总投资100亿元的焦化苯、水溶肥…: the names after the other quantity's 的
            if own.rstrip().endswith("等") and "的" in prev:
                start = prev_start + prev.rfind("的") + 1
            break
        start = prev_start
    return start


def _lead(text: str) -> int:
    m = LEAD.match(text)
    return m.end() if m else 0


def _trim_tail(scan: str, floor: int, end: int) -> int:
    m = PHRASE_TAIL.search(scan, floor, end)
    while m and m.end() == end and m.start() >= floor:
        end = m.start()
        m = PHRASE_TAIL.search(scan, floor, end)
    while end > floor and scan[end - 1] in " \n":
        end -= 1
    return end


def _strip_indicator(before: str) -> str:
    text = FROM_AMOUNT.sub("", before.strip())  # 地区生产总值|由4.68万亿元增加到
    text = YEARS.sub("", text)
    text = LEAD.sub("", text)
    frame = WHERE_OR_WITH.match(text)
    if frame and frame.end() < len(text):
        text = text[frame.end() :]  # 在远安、兴山建设|示范村100个, 与张家口市签约|合作项目18个
    text = INDICATOR_VERBS.sub("", text)
    text = INDICATOR_TAIL.sub("", text)
    return text.strip()


# The bounds written after an amount.
OWN_BOUNDS = ("以上", "以下", "以内", "左右")
# Where or with whom something counted is done, and the verb of doing it (在远安、兴山…建设, 与张家口市…签约):
# no part of what is counted.
WHERE_OR_WITH = re.compile(r"(?:在|与)[^,;:。]{1,30}?(?:签约|共建|建设|新建|打造|实施|引进|开工|举办|培育|开展|发展|种植)")


def _continue_list(scan: str, previous: Quantity, q: Quantity) -> Quantity:
    """A later item of a list shares what the first one stated (跨越2500亿元、3000亿元), and the verb of
    adding that opens it (新增高新技术企业50家、科技型中小企业180家: both are added)."""
    if not q.indicator:
        q = replace(q, indicator=previous.indicator)
    if scan[q.start : q.number_start].strip():
        if (q.change is None and scan[previous.end : q.start] == "、" and ADDING.match(scan, previous.start)
                and not STOCK.search(scan, q.start, q.number_start)):
            q = replace(q, change=previous.change)
        return q
    # a bound after the first amount is that amount's own (改造老旧小区100个以上、2万户: 2万户 is none)
    shared = None if scan.endswith(OWN_BOUNDS, previous.start, previous.end) else previous.comparator
    return replace(q, comparator=q.comparator or shared, change=q.change or previous.change)


# The total of what the quantity before counted, by itself (…企业298家、总数达到1560家).
TOTALS = frozenset({"总数", "总量"})
# Verbs that add things counted, governing every item of a list they open (新增A 8户、B 65户).
ADDING = re.compile(r"(?:全年|今年|年内)?(?:新增|新建|新培育|新发展|新认定|新引进|新开工|新注册|新登记|新设立)")
# An item that states a stock, not what was added (新增上市公司16家、总数达到88家).
STOCK = re.compile(r"总数|总量|累计|达到|突破|超过|保持")


def mention(doc: Document, q: Quantity, type_: str) -> Mention:
    base, base_unit = base_quantity(q.value, q.unit)
    return Mention(
        doc.id,
        type_,
        q.start,
        q.end,
        doc.text[q.start : q.end],
        doc.text[q.start : q.end].strip(),
        attrs(
            value=str(q.value),
            unit=q.unit,
            base_value=str(base),
            base_unit=base_unit,
            comparator=q.comparator,
            change=q.change,
            indicator=q.indicator or None,
        ),
    )


# Tense markers.  A plan speaks of the coming period; a review of the past.
# 到2025年 sets a date; 恢复到2019年的98% compares with a past year; 预计全年 estimates the year
# just ended (a report is given before its final statistics), 预计 alone what is to come.  将 is the future's
# where it opens no other word (将近, 将军, 将士) and no name listed (孙河、将台等乡).
PLAN_MARKERS = quick_start(re.compile(
    r"力争|确保|争取|(?<!全年)预计(?!全年)|(?<!超)预期|今年|明年|年内|年底前|到(?:19|20)\d{2}年(?!的|同期|水平)|"
    r"(?<!、)将(?!近|军|士|领|帅|台|乐)|拟"
))
PAST_MARKERS = quick_start(re.compile(r"累计|已经|已(?!有)|先后|初步核算|去年|过去|五年来|一年来|获评|荣获|被评为|(?<![为除])了(?!解)"))
# Under a review heading 预计 estimates the year reviewed (预计全市地区生产总值完成834.2亿元) and 争取 says what was
# won (争取中央和省灾后恢复重建资金127亿元): neither speaks of the coming period there.
REVIEW_HEDGES = re.compile(r"预计|争取")


def tense(text: str) -> str | None:
    """``"plan"`` or ``"review"`` when ``text`` has markers of one period only."""
    plan, past = bool(PLAN_MARKERS.search(text)), bool(PAST_MARKERS.search(text))
    if plan != past:
        return "plan" if plan else "review"
    return None


def is_outcome(doc: Document, q: Quantity) -> bool:
    """A result of the past period rather than a goal for the coming one.

    The outline decides (a quantity under 过去五年工作回顾 is an outcome, under
    2023年工作安排 a target) unless the quantity's own clause speaks only of
    the other period (力争… in a review; 去年… in a plan).  Where the outline is
    silent, the sentence's tense markers decide, then the balance of markers
    in its top-level section, then in the whole report; a tie is a target.
    """
    sentence = doc.sentence_at(q.start)
    if sentence is None:
        return period_at(doc, q.start) == "review"
    clause = _clause(doc.norm, sentence.start, sentence.end, _Span(q.number_start, q.number_end))
    said = tense(doc.norm[clause[0] : clause[1]])
    period = period_at(doc, q.start)
    if period == "review" and said == "plan":
        said = tense(REVIEW_HEDGES.sub("", doc.norm[clause[0] : clause[1]]))
    if period is not None:
        return (said or period) == "review"  # only the quantity's own clause overrides the outline
    said = said or tense(doc.norm[sentence.start : sentence.end])
    if said is not None:
        return said == "review"
    path = doc.section_path(doc.section_at(q.start))
    spans = [(path[0].start, path[0].end)] if path else []
    for start, end in [*spans, (0, len(doc.norm))]:
        balance = _balance(doc.norm, start, end)
        if balance is not None:
            return balance == "review"
    return False


@lru_cache(maxsize=256)
def _balance(norm: str, start: int, end: int) -> str | None:
    text = norm[start:end]
    plan, past = len(PLAN_MARKERS.findall(text)), len(PAST_MARKERS.findall(text))
    return None if plan == past else "plan" if plan > past else "review"
