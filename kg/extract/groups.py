"""Groups: named categories of people or organisations that policy is aimed at.

Found by their head (:data:`GROUP_HEAD`: 企业, 人员, 对象, 家庭, 毕业生, 军人,
人才 …) with the qualifier before it (抓好高校毕业生、退役军人、农民工等重点群体就业
→ 高校毕业生, 退役军人, 农民工; the class after 等 is generic).  A group that is
a kind of person on its own (儿童, 老年人) takes only a qualifier of its kind
(留守儿童, 失能老年人).  Three more shapes: ``有条件的X`` (those X that
qualify), a category of company (融资平台公司), and a nominal ``…的`` in a
list of groups (老人、儿童和患基础性疾病的).  An adverbial and a governing verb
inside the qualifier make it a verb phrase, whose object alone may be a group
(倾心尽力服务企业 names none; 家政服务企业 is one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..model import Mention
from . import extractor, mentions_of
from .grammar import (
    PREDICATE,
    TITLE,
    adverbials,
    after_list_closer,
    after_predicate,
    canonicalise,
    closed_lists,
    governors_without,
    left_edge,
    quoted_spans,
    trim_left,
    words,
)

GROUP_HEAD = re.compile(
    r"(?:企业(?!家)|人员|对象|家庭(?![农牧]场)|毕业生|军人(?!才)|农民工|人才(?!港|创新联合体|联合体|公寓|驿站|大厦|新政)|老年人|老人|儿童|青少年|婴幼儿|幼儿(?!园)|"
    r"机构|组织|合作社|农场|小巨人|群体|职工|妇女|残疾人|孤儿|农户|工商户|脱贫户|贫困户|监测户|低保户|新市民|经营主体|"
    # people counted by their labour or their poverty (富余劳动力, 新就业形态劳动者, 脱贫人口, 困难群众)
    r"劳动力|劳动者|(?:脱贫|转移|低收入|搬迁|返贫|致贫|困难)人口|易致贫户|边缘户|困难群众|移民群众|移民|台胞|农牧民|"
    # the households that the monitoring against a return to poverty names (脱贫不稳定户, 突发严重困难户)
    r"脱贫不稳定户|突发严重困难户|"
    # people by their trade or their place (退捕渔民, 边民, 僧尼, 致富带头人, 返乡创业大学生, 新型职业农民)
    r"渔民|边民|僧尼|带头人|大学生|职业农民|(?:台湾|港澳台|港澳)青年|"
    # the keepers public jobs employ (生态护林员, 护边员, 网格员), and family ranches (家庭牧场)
    r"(?:护[边林草]|巡河|网格)员|家庭牧场|"
    # the people of all ethnic groups, and of one named before 族 (蒙古族群众)
    r"各族群众|族群众)"
    # a group word before a facility or a reform names them, not a group (人才公寓, 儿童医院, 机构改革, 科技企业孵化器,
    # 妇女儿童医疗保健中心, RCEP企业服务中心, 企业技术中心, 青少年宫, 养老机构床位), also behind a second group word
    # (妇女|儿童医院), and before 国家 the countries (上合组织国家)
    r"(?!(?:儿童|妇女|老年人?|青少年)?(?:公寓|医院|大学|学校|改革|驿站|之家|乐园|公园|福利院|友好|孵化器|孵化基地|"
    r"加速器|医疗|保健|服务中心|活动中心|技术中心|国家|宫|(?:照护)?床位))"
)
# Kinds of person named by the head alone; only these qualifiers attach to them.
SELF_STANDING = re.compile(
    r"^(?:农民工|老年人|老人|儿童|青少年|婴幼儿|幼儿|妇女|残疾人|孤儿|脱贫户|贫困户|监测户|低保户|新市民|"
    r"(?:脱贫|低收入|返贫|致贫|困难)人口|困难群众|易致贫户|边缘户|台胞|农牧民|各族群众|移民群众|渔民|边民|僧尼|大学生|"
    r"(?:台湾|港澳台|港澳)青年|脱贫不稳定户|突发严重困难户|(?:护[边林草]|巡河|网格)员|家庭牧场)$"
)
PERSON_QUALIFIER = re.compile(
    r"(?:留守|困境|失能|半失能|高龄|空巢|孤寡|残疾|困难|农村|城镇|进城|新生代|返乡创业|返乡|独居|失独|低收入|流动|随迁|适龄|特殊|边缘|生态|"
    r"退捕|上岸|转产|建档立卡|孤困|"
    r"(?:事实)?无人抚养)$"
)
# Heads that need a qualifier to name a category (企业 alone is every firm).
# 列席 is the address formula of every report (请…其他列席人员提出意见): the audience, no group.
GENERIC_PREFIX = re.compile(
    r"^(?:一批|各类|广大|相关|有关|重点|全体|等|新|该|这些|各|的|大批|更多|所有|其他|部分|社会|各级|列席|注册|新注册|有|"
    r"区内|市内|县内|省内|域内|辖区内?)*$"  # 区内企业, 辖区企业: the firms of a place, all of them
)
STRIP_LEADING = re.compile(r"(?:一大批|一批|各类|广大|全体|大批|更多|个别|全市|全县|全省|全区|全国|每户|每个|每名|辖区|部分)+")
# A head followed by a statistic is an indicator, not the group (在园幼儿占比), one followed by a
# rank is a league table (入选中国企业500强, 民营企业100强), and one followed by 伤亡 a toll (未发生重大人员伤亡).
# (A count of the group itself, 民营企业数量, is about the group and keeps it.)
STATISTIC = re.compile(r"(?:占比|比例|比重|覆盖率|就业率|参保率|入园率|收入|\d+强|伤亡)")
QUALIFIED = re.compile(
    r"有条件的([\u4e00-\u9fff]{1,8}?(?:医院|学校|企业|县|市|区|乡镇|村|园区|社区|高校|院校))(?=[\u4e00-\u9fff,。;、])"
)
COMPANY_CATEGORY = re.compile(r"(?:融资平台|城投|国有控股|国有|民营|外资|上市|平台|小微)公司")
# Nouns of people: a phrase ending in one before 的 is a possessive, not a nominal 的-phrase.
PEOPLE = re.compile(r"(?:群众|居民|村民|市民|人口|人群|农户)$")
# ... and of bodies: one before 的 owns what follows (私募基金的|穿透式监管), no nominal phrase either.
BODIES = re.compile(r"(?:基金|机构|组织|公司|银行|平台|协会|商会)$")
# A nominal 的-phrase coordinated with a group: 儿童和患基础性疾病的(防护).
NOMINAL_MEMBER = re.compile(r"[、和及与]((?:(?!等)[\u4e00-\u9fff]){2,8}?的)(?![\u4e00-\u9fff]{0,4}(?:企业|人员|对象|家庭))")
# 为 opens a beneficiary (为中小微企业减负): the group starts after it.
STOPS = "的向和及与让使为"
# 重点 is an adverb before a verb (重点实施) but a qualifier before a group (重点行业企业).
# 突出|高校毕业生…就业: stressing them; 新发展|家庭农场500家: more of them (no governor of other names: 贯彻|新发展理念);
# 入库|科技型中小企业2万家: entered in a register of them
# Verbs inside a group's qualifier whose object it is (…人才新政吸引|高校毕业生, 面向全球引进|顶尖人才,
# 三亚崖州湾科技城聚集|科研人才, 新型研发机构引育|高层次人才); 培训 and 培养 stay words of a kind (校外培训机构).
GROUP_PREDICATE = re.compile(rf"{PREDICATE.pattern}|吸引|引进|留住|聚集|集聚|汇聚|引育")
GROUP_GOVERNORS = re.compile(f"{governors_without('重点').pattern}|突出|新发展|评价入库|入库")
MAX_LEN = 14
# What a firm does to become the kind of firm after it (中国一汽|建设|世界一流汽车企业, 打造, 争创).
FIRM_BECOMES = re.compile(r"(?:加快|努力|全力)?(?:建设|建成|打造|成为|争创|创建|迈向|跻身)")
# Words of how or how much a government acts that jieba's dictionary does not tag as adverbs (依法|保护|民营企业, 精心|组织,
# 累计|服务|企业).
MANNERS_OF_ACTING = frozenset({"依法", "依规", "累计", "精心", "及时", "周密"})
# How often one acts (每年组织, 定期组织).
FREQUENCY_WORD = re.compile(r"每[年月周日季天]|定期|常年")
# A list closed by 等 and a kind of people: its members are groups (…、长期失业青年、退役军人等重点群体;
# 快递员、外卖骑手等新就业形态劳动者).
PEOPLE_CLOSER = re.compile(r"等(?:重点|困难|特殊|弱势)?(?:群体|人群)|等新就业形态劳动者")
# A body of nations named by what it is of (联合国世界旅游组织, 世界贸易组织, 国际劳工组织): one organisation.
ONE_ORGANISATION = re.compile(r"联合国|世界|国际")
# A count of the group's members before it (2万名, 50家): the group starts after it.
COUNT_BEFORE = re.compile(r"\d+(?:\.\d+)?[万千百]*(?:名|个|家|户|人|位|所)(?=[\u4e00-\u9fff])")
# A sector before a group the report also names bare is the same group in
# that sector's paragraph (农业龙头企业 / 龙头企业, 物流业龙头企业 / 龙头企业).
SECTOR = re.compile(r"^[\u4e00-\u9fff]{1,3}业")
# A level of recognition before a category names the same category (国家科技型中小企业,
# 省级民营科技企业, 国家级专精特新“小巨人”企业 are 科技型中小企业, 民营科技企业, …):
# the bare category is the entity, so reports that award at different levels share it.  城乡 before
# a category is all of it, town and country (城乡低保对象 are the 低保对象).
LEVEL_PREFIX = re.compile(r"^(?:国家级|国家|省级|市级|州级|县级|区级|城乡)(?!以上|以下|及以上)")
ENDS_IN_GROUP_HEAD = re.compile(rf"(?:{GROUP_HEAD.pattern})$")


@extractor("groups")
def groups(doc: Document) -> Iterator[Mention]:
    found = list(_headed(doc))
    found += list(_nominal_members(doc, found))
    found += [*_qualified(doc), *_company_categories(doc)]
    found += _closed_by_kind(doc, found)
    # a kind of firm inside a firm's name is the firm's word (市|城投公司: the city's investment company)
    firms = [(f.start, f.end) for f in mentions_of(doc, "enterprises")]
    found = [m for m in found if not any(a < m.start and m.end <= b or a <= m.start and m.end < b for a, b in firms)]
    # ... and a firm that becomes what the head names is the clause's subject (支持鞍钢集团|建设|世界一流企业)
    opened = {a: b for a, b in firms}
    found = [m for m in found if not (m.start in opened and FIRM_BECOMES.match(doc.norm, opened[m.start], m.end))]
    yield from canonicalise(_level_variants(_sector_variants(found)), contractions=True)


def _mention(doc: Document, start: int, end: int) -> Mention:
    return Mention(doc.id, "Group", start, end, doc.text[start:end], doc.norm[start:end])


def _headed(doc: Document) -> Iterator[Mention]:
    norm = doc.norm
    # the end of the “…” each offset lies strictly inside (the spans do not overlap)
    quote_end = {i: b for a, b in quoted_spans(norm) for i in range(a + 1, b)}
    # and the offsets inside a 《…》 title, whose words name a document, not a group
    titled = {i for t in TITLE.finditer(norm) for i in range(t.start(), t.end())}
    for sentence in doc.sentences:
        for m in GROUP_HEAD.finditer(norm, sentence.start, sentence.end):
            if m.end() < quote_end.get(m.start(), -1) or STATISTIC.match(norm, m.end()) or m.start() in titled:
                continue
            # a dash joins partners, no group's name (中国—|上海合作组织, 义乌—|浙大人才…)
            start = left_edge(norm, m.start(), sentence.start, max_len=MAX_LEN, stops=STOPS, through_quotes=True,
                              governors=GROUP_GOVERNORS, segmented=True, dashes=False)
            start = after_list_closer(norm, start, m.start())
            counts = list(COUNT_BEFORE.finditer(norm, start, m.start()))
            if counts and not norm.startswith(("以上", "以下"), counts[-1].end()):  # 1000人以上企业: a class by size
                start = counts[-1].end()  # 帮助2万名|就业困难人员…, 培育50家|龙头企业: the group after its count
            start = trim_left(norm, start, m.start(), governors=GROUP_GOVERNORS, segmented=True)
            if start is None:
                continue
            lead = STRIP_LEADING.match(norm, start, m.start())
            if lead:
                start = lead.end()
            start = _after_inner_verb(norm, start, m.start())
            start = after_predicate(norm, start, m.start(), GROUP_PREDICATE)  # 灵活就业人员|纳入|城镇职工…
            prefix = norm[start : m.start()]
            if prefix == "无":
                continue  # 无人员伤亡: none, no group
            if SELF_STANDING.match(m.group()):
                if not PERSON_QUALIFIER.search(prefix):
                    start = m.start()
                elif prefix:
                    start = m.start() - len(PERSON_QUALIFIER.search(prefix).group())
            elif GENERIC_PREFIX.match(prefix) or re.search(r"\d", prefix):
                continue
            if start > 0 and norm[start - 1].isdigit() or prefix.startswith(("以上", "以下", "及以上")):
                continue  # the rest of a rank (世界500|强企业) or of a size (10亿元|以上企业, 一级|以上资质…企业)
            if m.group() == "组织" and ONE_ORGANISATION.search(norm, start, m.start()):
                continue  # 联合国世界旅游组织, 世界卫生组织: one body, no kind of them
            if m.group() == "组织" and _acts(prefix):
                continue  # 精心组织, 迅速组织, 每年组织: the verb to organise, no organisations
            yield _mention(doc, start, m.end())


def _closed_by_kind(doc: Document, found: list[Mention]) -> list[Mention]:
    """The members of a list :data:`PEOPLE_CLOSER` closes (高校毕业生、长期失业青年、退役军人等重点群体):
    groups, whatever their words, where no other reading holds them."""
    norm = doc.norm
    ends = {m.end for m in found}
    out = []
    for k, start, end, floor in closed_lists(doc, PEOPLE_CLOSER, 8):
        if end in ends:
            continue  # read already
        if k == 0:  # the first member starts after the verb that governs the list (抓好|长期失业青年、…)
            edge = left_edge(norm, end, floor, max_len=8, stops=STOPS, governors=GROUP_GOVERNORS, segmented=True)
            start = trim_left(norm, edge, end, governors=GROUP_GOVERNORS, segmented=True)
            if start is None or not 2 <= end - start <= 8:
                continue
        if not GENERIC_PREFIX.match(norm[start:end]):
            out.append(_mention(doc, start, end))
    return out


def _acts(prefix: str) -> bool:
    """Does ``prefix`` end in a word of how or when one acts (精心, 迅速, 每年): a verb follows, no noun?"""
    last = words(prefix)[-1] if prefix else ""
    return last in adverbials() or last in MANNERS_OF_ACTING or bool(FREQUENCY_WORD.fullmatch(last))


def _after_inner_verb(norm: str, start: int, head_start: int) -> int:
    """Past a governing verb led by an adverbial inside the qualifier: 倾心尽力|服务|企业
    is verb and object, and only the object can name the group (社会化|服务|组织,
    where 服务 follows a noun, is one group)."""
    if GROUP_GOVERNORS.search(norm, start + 1, head_start) is None:
        return start  # no governor after the first character: no word can be one, nothing to segment
    pos, cut, previous = start, start, ""
    for word in words(norm[start:head_start]):
        pos += len(word)
        if (previous in adverbials() or previous in MANNERS_OF_ACTING) and GROUP_GOVERNORS.fullmatch(word):
            cut = pos
        previous = word
    return cut


def _sector_variants(found: list[Mention]) -> list[Mention]:
    names = {m.name for m in found}
    out = []
    for m in found:
        sector = SECTOR.match(m.name)
        bare = m.name[sector.end() :] if sector else ""
        if sector and bare in names and len(bare) >= 2:
            m = Mention(m.doc, m.type, m.start, m.end, m.text, m.name, tuple(sorted((*m.attrs, ("canonical", bare)))))
        out.append(m)
    return out


def _level_variants(found: list[Mention]) -> list[Mention]:
    """A group with a level prefix points at the bare category, when that still
    has a qualifier of its own before the head (国家企业 names no category)."""
    out = []
    for m in found:
        level = LEVEL_PREFIX.match(m.name)
        bare = m.name[level.end() :] if level else ""
        head = ENDS_IN_GROUP_HEAD.search(bare)
        if (level and m.attr("canonical") is None and head is not None
                and not GENERIC_PREFIX.match(bare[: head.start()])):
            m = Mention(m.doc, m.type, m.start, m.end, m.text, m.name, tuple(sorted((*m.attrs, ("canonical", bare)))))
        out.append(m)
    return out


def _nominal_members(doc: Document, found: list[Mention]) -> Iterator[Mention]:
    norm = doc.norm
    for g in found:
        m = NOMINAL_MEMBER.match(norm, g.end)
        # a group or a people before 的 is the group itself, 的 its possessive (失能老人的照护, 易地搬迁群众的帮扶)
        if m and not any(p.search(m.group(1)[:-1]) for p in (ENDS_IN_GROUP_HEAD, PEOPLE, BODIES)):
            yield _mention(doc, m.start(1), m.end(1))


def _qualified(doc: Document) -> Iterator[Mention]:
    for m in QUALIFIED.finditer(doc.norm):
        yield _mention(doc, m.start(1), m.end(1))


def _company_categories(doc: Document) -> Iterator[Mention]:
    for m in COMPANY_CATEGORY.finditer(doc.norm):
        yield _mention(doc, m.start(), m.end())
