"""Policies: named plans, campaigns, reforms, systems, pilots and slogans.

Four shapes:

* a name ending in a policy head (:data:`POLICY_HEAD`: 倍增计划, 综合改革, 林长制,
  机制, 试点, 行动, 战略 …); a campaign's name is itself a verb phrase, so
  only launching verbs are stripped before it (开展|整治违规取水专项行动);
* a quoted name (“一网通办”), which keeps a policy head that follows the
  quotes (“绿满运城”行动, “三稳三建三配套”粮食生产体系) — but a quote that
  modifies a noun (“两高”项目, “专精特新”企业), names what is fought
  (打击“小产权房”), closes a list (等“断头路”) or is counted (15个“河东书房”)
  is no policy;
* the named strategy right before a quoted programme
  (黄河流域生态保护和高质量发展|“双十工程”);
* the whole object of 实施 (全面实施|职工医保普通门诊统筹).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .._geodata import COUNTRY_CODE
from ..document import Document
from ..model import Mention
from . import extractor
from .grammar import (
    ENGINEERING,
    LAUNCHERS_RE,
    PERIOD_QUOTE,
    QUOTED,
    TITLE,
    after_conjunction,
    after_list_closer,
    after_predicate,
    canonicalise,
    closed_lists,
    closes_places,
    left_edge,
    quick_start,
    trim_left,
    words,
)
from .places import QUOTED_REGION, building_place, listed_place, place_spans
from .projects import BUILDING_WORKS, DIVERSION, LINE_SECTION, PLACED_ZONE

# 工程 after a word of physical works (防洪治理工程, 引水工程, 改扩建工程, 迁建工程, 水系连通工程) names a
# construction, a project.
_HEADS = (
    r"行动计划|行动方案|三年行动|专项行动|攻坚行动|行动(?!态)|活动(?!板房|中心|室|场所|阵地)|综合改革|体制改革|改革(?!开放|红利|成果|经验|试点经验)|"
    r"试点城市|试点县|试点(?!经验)|机制|"
    r"战略(?!性|新兴)|规划(?!建设|设计)|制度(?!型|性|创新)|"
    r"(?<![期线桥路港站纽])(?<!防洪|治理|供水|引水|调水|排涝|加固|节水|灌溉|整治|扩建|改建|新建|改造|迁建|拓宽|连通|清淤|技改|主体|变电|截污|扩容|延伸|配套|扩能|复航|后续|修缮|输电)"
    rf"(?<!提质增效|风貌提升)工程(?!建设项目|项目|{ENGINEERING})|专项整治|专项治理|试验区|示范区|先行区|"
    r"(?<![推引促先改增前跟演并精挺突加])进(?:校园|社区|农村|家庭|企业|机关|乡村|万家)|"
    # a named experience (“枫桥经验”), not the experience of a reform or a pilot (复制推广改革试点经验)
    r"(?<!改革|试点|典型|先进|成功|有益|工作|创新)经验|"
    r"安全观|(?<=[\u4e00-\u9fff]{6})思想|攻坚战|保卫战|专项斗争|(?<=[\u4e00-\u9fff]{2})党政同责|"
    r"(?<=[\u4e00-\u9fff])制(?=[,。;、和及与]|$)|计划(?!投资|总投资)|政策|措施|(?<!证)券|"
    # a regulation named without its title marks (出台民营经济促进条例)
    r"(?<=[\u4e00-\u9fff]{4})条例"
)
# The count of an event held yearly (第七届中国—南亚博览会).
EVENT_ORDINAL = re.compile(r"第[\d一二三四五六七八九十百]+届")
# 体系, 格局 and 模式 are no heads on their own: 应急管理体系, 新型能源体系 name a sector's
# system in the general sense, not an instrument.  They head a name only after a
# quoted one (“三稳三建三配套”粮食生产体系), read by :data:`QUOTED_TAIL`.
POLICY_HEAD = quick_start(re.compile(rf"(?:{_HEADS})"))
ENDS_IN_HEAD = re.compile(rf"(?:{_HEADS})$")
# Heads of a campaign: its name is a verb phrase (整治违规取水专项行动).
CAMPAIGN = re.compile(r"(?:行动|活动|专项整治|专项治理|攻坚战|保卫战|专项斗争|进(?:校园|社区|农村|家庭|企业|机关|乡村|万家))$")
# The legal form or group that ends a firm's name.
FIRM_FORM = re.compile(r"(?:股份)?有限(?:责任)?公司|公司|集团")
# A battle (蓝天保卫战) may be fought on several fronts listed before it, each a short word
# after a verb that launches a campaign or a mark (深入推进|蓝天、碧水、净土保卫战, 持续实施|蓝天、…).
BATTLE = re.compile(r"攻坚战|保卫战")
BATTLE_FRONT = re.compile(f"(?:^|[、,;:。]|{LAUNCHERS_RE.pattern})([\\u4e00-\\u9fff]{{2,4}})$")
# Pollution is fought on media listed before the last one's campaign, each a word of one or two characters
# (实施|大气、水、土壤污染防治行动): one campaign, named as it stands.
POLLUTION = re.compile(r"[\u4e00-\u9fff]{1,2}污染")
MEDIUM = re.compile(r"(?:^|[、,;:。]|实施|推进|开展|打好|落实)([\u4e00-\u9fff]{1,2})$")
# Heads that name a kind as readily as an instrument (奖补政策, 配套措施):
# a name needs a longer qualifier (生育支持政策).
# The batch a designation was given in (首批, 第二批, 新一批).
BATCH = re.compile(r"(?:首批|第[一二三四五六七八九十\d]+批|新一批)")
# A firm, then what it does to a programme (内蒙古森工集团|实施|…工程), and a firm's name a reform is of.
FIRM_DOES = re.compile(r"(?:集团|公司|银行)(?:实施|开展|推进|推动|落实)")
FIRM_END = re.compile(r"(?:银行|有限公司|集团)$")
WEAK_HEAD = re.compile(r"(?:政策|措施|券)$")
WEAK_MIN_PREFIX = 4
# Words before such a head that make the name every instrument of a kind (边境管控各项措施, 相关支持政策).
_EVERY = r"各项|各类|相关|有关|一系列|多项|若干"
EVERY_KIND = re.compile(_EVERY)
GENERIC_PREFIX = re.compile(
    rf"^(?:{_EVERY}|配套|专项|一批|重点|重大|新|该|本|等|这些|系列|关键|重要|支持|扶持|优惠|奖补|"
    r"领域|工作|民生|各种|一揽子|国家级|国家|省级|市级|县级|节庆|水利|交通|能源|促消费|改革|综合改革|[\u4e00-\u9fff]{1,3}性|[、]|"
    # a verb of a slogan's short pairs (拼经济、抓项目、促改革、惠民生)
    r"促)*$"
)
# National city programmes named by a designation (加快海绵城市建设): a
# closed vocabulary of the State Council's city schemes, not names of one report.
CITY_SCHEME = re.compile(
    r"(?:海绵|智慧|韧性|无废|全国文明|文明|园林|森林|卫生|低碳|数字|宜居)城市(?=建设|创建|试点)|"
    # ... and a national or provincial title a city or county campaigns for (创建全国文明城市, 争创国家卫生县城,
    # 创建全国双拥模范城“五连冠”), as 创建“双拥模范城(县)” quoted is; one received (获评) is none
    r"(?<=创建|争创)(?:全国|国家级|国家|省级)[\u4e00-\u9fff]{2,10}?(?:城市|模范城|县城|示范县|示范市|示范区)"
    r"(?:\([\u4e00-\u9fff、]{1,4}\))?(?=[,。;、和及“]|$)"
)
# Campaigns and schemes of the central government that reports cite by their bare names, with no head
# and often no quotes (常态化开展扫黑除恶, 推动分级诊疗, 扎实做好保交楼): a closed national vocabulary, as
# the city schemes are, not the names of one report.
NATIONAL = quick_start(re.compile(
    r"扫黑除恶|分级诊疗|保交楼|证照分离|一网通办|一网统管|跨省通办|最多跑一次|一件事一次办|高效办成一件事|"
    r"房住不炒|双减(?![少半])|中央八项规定|长江十年禁渔|厕所革命|以工代赈|控辍保学|接诉即办|多规合一|创业担保贷款|"
    # the national reforms of county and city health care and of schooling, cited bare
    r"紧密型县域医共体|紧密型城市医疗集团|紧密型医联体|集团化办学|"
    # doctrines, as 总体国家安全观 is one, and those of earlier reports' guiding formula
    r"新发展理念|铸牢中华民族共同体意识|马克思列宁主义|毛泽东思想|邓小平理论|“三个代表”重要思想|科学发展观|"
    # the State Council's regional strategies, as its documents name them
    r"黄河流域生态保护和高质量发展|京津冀协同发展|长三角一体化发展|西部大开发|东北全面振兴|中部地区崛起|"
    r"长江经济带发展|长江大保护|"
    # and the goal of carbon peaking and neutrality
    r"碳达峰碳中和"
))
DIVERSION_WORKS = re.compile(rf"{DIVERSION}工程$")
# Whose thought a doctrine named by its head is (习近平生态文明思想); the earlier ones are national names.
DOCTRINE_AUTHOR = "习近平"
# A left conjunct that ends in a policy's head, a national name or a zone's head is a name of its own (西部大开发和|三峡
# 工程, 宝鸡综合保税区和|中国(宝鸡)跨境电子商务综合试验区).
CONJUNCT_END = re.compile(rf"{ENDS_IN_HEAD.pattern}|(?:{NATIONAL.pattern})$|{PLACED_ZONE.pattern}")


class _ConjunctEnd:
    """:data:`CONJUNCT_END`, less a 制 that closes an ordinary word (污染控制与|削减攻坚行动 is one name)."""

    def search(self, left: str, /) -> re.Match[str] | None:
        m = CONJUNCT_END.search(left)
        return None if m is not None and m.group() == "制" and _word_of_zhi(left) else m
# What may follow a quoted name as part of it: a policy head after up to
# eight characters of qualifier, none a list word or a count (三大品牌), nor 后 (after: 入选…“最佳旅游乡村”后|…).
QUOTED_TAIL = re.compile(
    # a gloss in brackets may come first (“三交”(交往交流交融)工程)
    r"(?:\([^()]{1,12}\))?(?:(?![一二三四五六七八九十两]+[大个项条类]|等|和|及|与|的|后(?!续))[\u4e00-\u9fff]){0,10}?"
    r"(?:行动|(?<!技改|改造|改建|扩建|新建)工程|试点|活动|劳务品牌|品牌|模式|体系|格局|共治|战略(?!性|新兴)|计划|机制|制度|改革|规划|政策|新政|经验|"
    r"标准|攻坚战|保卫战|攻势|方案|体制|清单|监管|倡议|"
    r"(?:(?![等和及与的])[\u4e00-\u9fff]){0,2}节|博览会)"
    # a head may go on to a fuller one (“1+N”政策体系, “3820”战略工程, “一主两翼”行动计划), or a plan of acting on
    # it (“江南文化”品牌塑造三年行动计划)
    r"(?:体系|工程|计划|(?:(?![等和及与的])[\u4e00-\u9fff]){0,6}?(?:三年行动计划|行动计划|行动方案|三年行动|专项行动))?"
)
# Designations a place is made or runs (…示范区, …先行区, …试点), the verbs of making or running one, and the fewest
# words of its own a designation has after such a verb.
DESIGNATION = re.compile(r"示范区|先行区|试验区|试点(?:城市|县)?")
MAKING = re.compile(r"建设|创建|争创|创成|打造|申建|开展")
INSIDE_DESIGNATION = re.compile(r"(?:(?![等和及与的])[\u4e00-\u9fff]){0,10}?(?:示范区|先行区|试验区|试点)")
DESIGNATION_MIN = 6
# The part of a pilot zone in one city (中国(湖北)自由贸易试验区|襄阳片区).
ZONE_PART = re.compile(r"[\u4e00-\u9fff]{2,4}片区")
# The count of the campaigns a quote lists, and their head (“蓝天、碧水、净土”|三大保卫战).
COUNTED_CAMPAIGN = re.compile(r"[两三四五六七八九十]大(?:保卫战|攻坚战|行动|工程)")
# A quoted name that ends in a policy's head is one whatever follows it (“寿光模式”走出山东).
SELF_HEADED = re.compile(r"(?:模式|行动|工程|计划|战略|机制|改革|经验|体系|制度|方案|倡议)$")
# What may follow a quoted name that stands alone.
QUOTED_FOLLOW = re.compile(
    r"(?:[,.;:。、“”!?\s)]|$|等|和|与|及|为|建设|获批|相结合|落地|全覆盖|[一二三四五六七八九十两]+[大个项条类]|"
    # what a policy yields or asks (推广“一网通办”应用, 巩固“双减”成果, 落实“十五条硬措施”要求), and the stand it
    # is taken as (坚持“房住不炒”定位, 践行“绿水青山就是金山银山”理念)
    r"(?:应用|成果|要求|水平|效能|质效|部署|精神|定位|理念|原则|方针|目标|目标定位|战略定位)(?=[,.;:。、]|$)|"
    # ... or the vision and the orientation it sets (奋力实现“强富美优”城市愿景, 树牢“项目为王”鲜明导向)
    r"(?:城市|发展)?愿景(?=[,.;:。、]|$)|(?:鲜明)?导向(?=[,.;:。、]|$)|"
    # ... or the line of thought it sets (落实省委“四为四高两同步”总体思路和要求)
    r"(?:总体思路|发展思路|思路)(?=[,.;:。、和]|$)|"
    # ... and the work of raising it, ending the clause (深化“雪亮工程”提升改造, 推进“四好农村路”提质扩面)
    r"(?:提升改造|升级改造|改造升级|提档升级|提质扩面|扩面提质|提质增效|提质升级|扩面|提标)(?=[,.;:。、]|$)|"
    # ... the work, the drive or the reach of it (扎实推进“三大主体”工作, 实施“平安绵阳”创建, 扩大“极简审批”范围)
    r"(?:工作|创建|创建成果|范围)(?=[,.;:。、]|$)|"
    # the places along a strategy's route (“一带一路”沿线国家)
    r"沿线)"
)
# What a quoted name is a kind of when it comes before it (“雄鹰”“雏鹰”企业, “专精特新”产品, “梅花”“轩岚诺”等台风).
QUOTED_KIND = re.compile(r"[\u4e00-\u9fff]{0,2}(?:企业|项目|产品|人才|工厂|台风)")
# An honour received (被评为“最佳城市”, 荣获“全国文明城市”称号) is no policy; one a campaign strives for is
# (创建“双拥模范城(县)”).
AWARDED = re.compile(r"(?:评为|获评|荣获|获得|入选|授予)$")
# Verbs of combat: their object is a harm, not a policy (打击“小产权房”, 遏制“两高”项目).
AGAINST = re.compile(r"(?:打击|遏制|整治|纠治|纠正|取缔|查处|治理|杜绝|防止|清理|消除|破解|根治|化解)$")
# A count right before a quoted name counts things of that kind (新建3个“智慧”园区), unless the counted
# things do something to it (126项高频事项实现“跨省通办”, 12个街道全部完成“大部制”改革, 118个社区全面推行…机制).
COUNT_BEFORE = re.compile(r"\d+[个所处座条家项批件](?:(?!实现|完成|推行|实行|推广|落实|建立)[\u4e00-\u9fff]){0,6}$")
# A quote that is a number (“12315”) or Latin letters is a hotline or a code, and one of a day (“3·30”,
# “7·20”) names a disaster by its date.
NOT_A_NAME = re.compile(r"^(?:[\dA-Za-z.+\-·]+|[\u4e00-\u9fff])$")
# A quoted meeting (“十三届二次全会”) or result (“十九连丰”, “双下降”) is no policy.
NOT_A_POLICY = re.compile(
    r"(?:全会|会议|大会)$|^[一二三四五六七八九十]+连(?:丰|增|稳|胜|冠)$|^双(?:下降|降低|减少|提升|提高|增长)$|"
    # the metaphors reports quote for what matters most (牵住…“牛鼻子”, 当好“压舱石”), for serving (当好“店小二”) and
    # for a stigma (摘掉…的“帽子”)
    r"^(?:牛鼻子|压舱石|主引擎|指挥棒|风向标|稳定器|助推器|顶梁柱|金钥匙|硬骨头|最后一公里|主战场|桥头堡|"
    r"店小二|娘家人|贴心人|排头兵|领头羊|火车头|帽子|穷帽子)$|"
    # and a grade given (评估“优秀”等次)
    r"^(?:优秀|良好|合格|优良|满分)$"
)
# People quoted as a kind (“零就业家庭”, a group among the groups listed with it), where no head follows the quote
# (“朝阳群众”志愿服务体系 is a policy, as is a model of several partners: “龙头企业+合作社+农户”模式).
QUOTED_PEOPLE = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:家庭|人员|群众|农户)$")
# A quote after 台风 names a storm (台风“杜苏芮”“海葵”).
STORM = re.compile(r"台风(?:“[^”]*”)*$")
# A scheme's head right after a quoted number names the scheme by it (“135”工程, “1+X”政策体系).
NUMBERED_SCHEME = re.compile(r"(?:工程|行动|计划|战略|政策体系|体系|模式|机制)")
UMBRELLA_MIN = 4
# A count of divisions closing a list of them (岐山、…、太白八县, 两区三县): they act, no strategy is named.
COUNTED_DIVISIONS = re.compile(r"[一二两三四五六七八九十]+[省市州县区旗]")
# A strategy's name ends in what the strategy does (…高质量发展, 乡村振兴, …一体化).
UMBRELLA_END = re.compile(r"(?:发展|振兴|保护|一体化|协同|崛起|开放|开发|治理|战略)$")
# The object of 实施 up to the end of the clause names a scheme (全面实施职工医保普通门诊统筹).
IMPLEMENTED = quick_start(re.compile(r"(?<![\u4e00-\u9fff])(?:全面|深入|持续|严格|继续)?实施([\u4e00-\u9fff]{6,16})(?=[,。;]|$)"))
IMPLEMENTED_NOT = re.compile(r"(?:工作|建设|改造|项目|工程|行动|任务|提升|发展|管理|治理|服务)$|[的和与及等]")


# A verb inside the words before a quoted period ends them (实现|“十四五”规划), as a copula does (也是|南山“十四五”规划).
PERIOD_VERB = re.compile(r"实现|完成|编制|制定|实施|落实|推进|开启|进入|(?:也|还|更|正)?是")
# A document title (grammar.TITLE) that names an instrument by its kind (《…若干政策措施》, 《…条例》,
# 《…三年行动方案》): the title, marks and all, is the policy's name.
TITLE_HEAD = re.compile(
    r"(?:政策|措施|办法|条例|规定|方案|规划|计划|意见|细则|纲要|行动|机制|制度|决定|规则|标准|清单)(?:\([^()]{1,12}\))?$"
)




@extractor("policies")
def policies(doc: Document) -> Iterator[Mention]:
    found = [*_quoted(doc), *_headed(doc), *_implemented(doc), *_city_schemes(doc), *_titled(doc), *_listed(doc)]
    found += _national(doc, found)
    found += _quoted_elsewhere(doc, found)
    yield from canonicalise(found)


def _quoted_elsewhere(doc: Document, found: list[Mention]) -> list[Mention]:
    """The other mentions of a quoted policy the text names whole somewhere (“一带一路”), wherever a word the
    rules do not read follows the quote (“一带一路”交汇点建设, “强富美高”新常州): the name is known."""
    names = {m.name for m in found if QUOTED.fullmatch(m.name)}
    if not names:
        return []
    taken = {(m.start, m.end) for m in found}
    headings = _heading_offsets(doc)
    return [
        _mention(doc, q.start(), q.end())
        for q in QUOTED.finditer(doc.norm)
        if q.group() in names and (q.start(), q.end()) not in taken and q.start() not in headings
    ]


def _mention(doc: Document, start: int, end: int) -> Mention:
    return Mention(doc.id, "Policy", start, end, doc.text[start:end], doc.norm[start:end])


def _quoted(doc: Document) -> Iterator[Mention]:
    norm = doc.norm
    headings = _heading_offsets(doc)
    for sentence in doc.sentences:
        if norm.find("“", sentence.start, sentence.end) < 0:
            continue
        quotes = list(QUOTED.finditer(norm, sentence.start, sentence.end))
        starts = {q.start() for q in quotes}
        ends: list[int | None] = [None] * len(quotes)  # where each quoted policy's name ends, if it is one
        for i, m in enumerate(quotes):
            if m.start() in headings:
                continue
            # what follows the quotes side by side this one opens (“111”“1331”“136”|创新工程)
            after = next((q.end() for q in quotes[i:] if q.end() not in starts), m.end())
            if NOT_A_NAME.match(m.group(1)) and not (
                NUMBERED_SCHEME.match(norm, after) or (t := QUOTED_TAIL.match(norm, after)) and t.end() > after
            ):
                continue  # a hotline or a code, unless a scheme's head follows (“135”工程, “1+3+4”现代工业产业体系)
            if NOT_A_POLICY.search(m.group(1)) or QUOTED_REGION.fullmatch(m.group()):
                continue  # … and a quoted region is a place (“海澄文定综合经济圈”)
            before = norm[sentence.start : m.start()]
            clause = re.split(r"[,;:。]", before)[-1]
            period = PERIOD_QUOTE.fullmatch(m.group()) is not None  # “十四五” is no harm fought
            if before.endswith("等") or any(p.search(clause) for p in (COUNT_BEFORE, AWARDED, STORM)) or (
                not period and AGAINST.search(clause.removesuffix("坚决"))
            ):
                continue
            if m.end() in starts:
                # quoted names side by side are policies unless they name kinds of a class (“雄鹰”“雏鹰”企业);
                # what follows the last is not theirs (“浙里办”“浙政钉”应用场景)
                last = next(q for q in quotes[i + 1 :] if q.end() not in starts)
                ends[i] = None if QUOTED_KIND.match(norm, last.end()) else m.end()
                continue
            tail = QUOTED_TAIL.match(norm, m.end())
            if QUOTED_PEOPLE.match(m.group(1)) and not (tail and tail.end() > m.end()):
                continue
            if "、" in m.group(1) and (counted := COUNTED_CAMPAIGN.match(norm, m.end())):
                tail = counted  # the campaigns one quote lists, counted (“蓝天、碧水、净土”三大保卫战): one name
            listed = i > 0 and quotes[i - 1].end() == m.start()  # the last of names side by side
            if tail and tail.end() > m.end():
                # every instrument of a kind after the name (“减税降费”|各项政策): the name alone
                ends[i] = m.end() if EVERY_KIND.match(norm, m.end()) else tail.end()
            elif listed and QUOTED_KIND.match(norm, m.end()):
                continue  # the last of names side by side of a kind (“梅花”“轩岚诺”|等台风), as the others are
            elif (QUOTED_FOLLOW.match(norm, m.end()) or listed
                  or _local_version(doc, m.end()) or SELF_HEADED.search(m.group(1))):
                ends[i] = m.end()
        for m, end in zip(quotes, ends):
            if end is None or end == m.end() and PERIOD_QUOTE.fullmatch(m.group()):
                continue  # a plan's period alone is no policy (回顾“十三五”)
            if end > m.end() and PERIOD_QUOTE.fullmatch(m.group()):
                # a plan for the period of what the words before it name (烟台市生态环境保护“十四五”规划)
                start = left_edge(norm, m.start(), sentence.start, stops="的", segmented=True)
                start = trim_left(norm, start, m.start(), segmented=True)
                if start is not None:
                    start = after_predicate(norm, start, m.start(), PERIOD_VERB)  # …全市上下实现|“十四五”规划
                if start is not None and start < m.start():
                    yield _mention(doc, start, end)
                    continue
            yield _mention(doc, m.start(), end)
            umbrella = _umbrella(norm, m.start(), sentence.start)
            if umbrella is not None:
                yield _mention(doc, umbrella, m.start())


def _local_version(doc: Document, end: int) -> bool:
    """Does the report's own division or one near it follow a quoted name, as the place of its version of it
    (新时代“枫桥经验”南昌实践, “赣服通”景德镇分厅)?"""
    from ..gazetteer import Gazetteer

    gaz = Gazetteer.load()
    home = doc.jurisdiction_code
    for size in (3, 2):
        d = gaz.resolve(doc.norm[end : end + size], [home] if home else [])
        if d is None or not home or d.adcode == COUNTRY_CODE:
            continue
        if d.adcode == home or any(a.adcode == home for a in gaz.ancestors(d.adcode)) or any(
            a.adcode == d.adcode for a in gaz.ancestors(home)
        ):
            return True
    return False


def _umbrella(norm: str, quote_start: int, floor: int) -> int | None:
    """The start of a strategy named right before a quoted programme, if any."""
    start = left_edge(norm, quote_start, floor, max_len=24, stops="的", segmented=True)
    start = trim_left(norm, start, quote_start, segmented=True)
    if start is None:
        return None
    name = norm[start:quote_start]
    if len(name) < UMBRELLA_MIN or not UMBRELLA_END.search(name) or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
        return None
    if COUNTED_DIVISIONS.search(name):
        return None  # the divisions a list counts (…、凤县、太白|八县|立足资源禀赋发展“一县一业”) do what follows
    return start


def _headed(doc: Document) -> Iterator[Mention]:
    norm = doc.norm
    quoted = {i for m in QUOTED.finditer(norm) for i in range(m.start(), m.end())}  # offsets of “…”
    quoted.update(i for m in _titles(norm) for i in range(m.start(), m.end()))  # and of 《…》 taken whole
    headings = _heading_offsets(doc)
    for sentence in doc.sentences:
        for m in POLICY_HEAD.finditer(norm, sentence.start, sentence.end):
            if m.start() in quoted or (m.start() > 0 and norm[m.start() - 1] == "”"):
                continue  # part of a quoted name, read by _quoted (or a title, by _titled)
            campaign = CAMPAIGN.search(m.group())
            governors = LAUNCHERS_RE if campaign else None
            # a doctrine is named in the frame 以<name>为指导: the name starts after 以
            stops = "的向以" if m.group() == "思想" else "的向"
            edge = left_edge(norm, m.start(), sentence.start, stops=stops, governors=governors, segmented=True)
            start = after_conjunction(norm, after_list_closer(norm, edge, m.start()), m.start(), _ConjunctEnd())
            # the class after 等 is taken whole (…等|重点群体参加社会保险制度); after 等地 the places listed
            # do what follows (衢州、丽水等地|建设…示范区)
            strip = start == edge or closes_places(norm, start)
            start = trim_left(norm, start, m.start(), governors=governors, strip=strip, segmented=True)
            if start is None or start in headings or norm[start - 1 : start] == "”":
                continue  # a head after a quote belongs to the quoted name (“…”过期药品回收活动)
            for ordinal in EVENT_ORDINAL.finditer(norm, start, m.start()):
                start = ordinal.end()  # 承办第七届|中国—南亚博览会…活动: an event's count is no part of its name
            subject_end = after_predicate(norm, start, m.start())  # …项目|列入|国家规划
            if subject_end != start:
                start = trim_left(norm, subject_end, m.start(), governors=governors, segmented=True)
                if start is None or norm[start - 1 : start] == "”":
                    continue
            place_end = listed_place(doc, start)
            if place_end is not None and place_end < m.start():
                # 天元区、石峰区|海绵城市试点: the listed places share the policy (宾川县、弥渡县|建设|…示范区)
                start = trim_left(norm, place_end, m.start(), governors=governors, segmented=True)
                if start is None:
                    continue
            elif (built := building_place(doc, start, m.start())) is not None:
                start = trim_left(norm, built, m.start(), governors=governors, segmented=True) or start
            if BATTLE.fullmatch(m.group()):
                start = _battle_list_start(norm, start, sentence.start)  # 蓝天、碧水、净土|保卫战: one campaign
            elif POLLUTION.match(norm, start):
                start = _battle_list_start(norm, start, sentence.start, MEDIUM)
            if batch := BATCH.match(norm, start, m.start()):
                start = batch.end()  # 入选首批|国家全域旅游示范区: the batch of a designation is no part of its name
            if (done := list(FIRM_DOES.finditer(norm, start, m.start()))):
                start = done[-1].end()  # 支持内蒙古森工集团实施|天然林资源保护工程: the firm does the programme
            start = _past_number(norm, start, m.start())  # 15年|免费教育政策, 2024年|稳就业政策
            if DESIGNATION.fullmatch(m.group()):
                start = _after_making(norm, start, m.start())  # 彭阳县创建为|国家生态文明建设示范区
            elif INSIDE_DESIGNATION.match(norm, m.end()):
                continue  # a head inside a designation's name (公立医院改革|试点, 国家战略|资源创新开发试验区)
            prefix = norm[start : m.start()]
            if not prefix or GENERIC_PREFIX.match(prefix):
                continue
            if m.group() == "改革" and FIRM_END.search(prefix.removesuffix("深化")) and start in place_spans(doc)[0]:
                # a named firm's own reform (推进赣州农商银行改革, 龙江银行改革化险, 吉林银行深化改革): the firm is
                # reformed, no policy; a kind's is one (农村中小银行改革)
                continue
            if norm[start - 2 : start] == "”等":
                continue  # the kind of the quoted names listed (“春风行动”“才聚暨阳”等|招聘活动): they are the policies
            if WEAK_HEAD.search(m.group()) and (len(prefix) < WEAK_MIN_PREFIX or EVERY_KIND.search(prefix)):
                continue  # 奖补政策, 边境管控各项措施: a kind, not one instrument
            if m.group() == "制" and _word_of_zhi(norm[start : m.end()]):
                continue
            if m.group() == "工程" and DIVERSION_WORKS.search(norm, start, m.end()):
                continue  # a water transfer is construction, a project (引江济淮工程)
            if m.group() == "工程" and BUILDING_WORKS.search(norm, start, m.end()):
                continue  # works being built (杭州机场三期续建工程, 姚江二通道(慈江)工程): a project, no programme
            if m.group() == "工程" and LINE_SECTION.match(norm, m.end()):
                continue  # works built in sections, a line (…特高压直流工程延安段): a project, no programme
            if FIRM_FORM.match(norm, m.end()):
                continue  # a firm's trade (林州建总建筑工程|有限公司, 中石油大庆钻探工程|公司): the firm's name
            if m.group() == "思想":  # the thought a report takes for a policy is the leader's (用|习近平…思想)
                start = norm.find(DOCTRINE_AUTHOR, start, m.start())
                if start < 0:
                    continue  # 解放思想, 贾思勰农学思想
            end = m.end()
            if m.group() == "试验区" and (part := ZONE_PART.match(norm, end)):
                end = part.end()  # 中国(辽宁)自由贸易试验区|沈阳片区: the city's part of the zone
            yield _mention(doc, start, end)


# The years a count before 年 names, and the year 年 or 年度 may close.
YEARS_COUNTED = re.compile(r"\d{1,2}$")
YEAR_WORD = re.compile(r"年度?")


def _past_number(norm: str, start: int, head_start: int) -> int:
    """Where a name that starts at a number's 年 begins: with the number where it counts years (15年|免费教育政策:
    15年免费教育政策), after 年 where the number is a year's (2024年|稳就业政策: 稳就业政策)."""
    year = YEAR_WORD.match(norm, start, head_start)
    if year is None or not norm[start - 1 : start].isdigit():
        return start
    if counted := YEARS_COUNTED.search(norm, max(0, start - 3), start):
        if not norm[counted.start() - 1 : counted.start()].isdigit():
            return counted.start()
    return year.end()


def _after_making(norm: str, start: int, head_start: int) -> int:
    """Past the first verb that makes or runs a designation inside its words (赋予我们建设|…先行区, 石嘴山市开展|…试点,
    宁东能源化工基地建设|国家现代煤化工产业示范区): what comes before it is who does it.  One that leaves the
    designation few words of its own is part of its name (国家生态文明建设示范区)."""
    pos = start
    for word in words(norm[start:head_start]):
        if MAKING.fullmatch(word) and pos > start:
            after = pos + len(word) + (norm[pos + len(word) : pos + len(word) + 1] == "为")
            if head_start - after >= DESIGNATION_MIN:
                return after
        pos += len(word)
    return start


def _battle_list_start(norm: str, start: int, floor: int, fronts: re.Pattern[str] = BATTLE_FRONT) -> int:
    """The start of the short ``fronts`` listed before a battle's last one (蓝天、碧水、|净土保卫战): the battle
    is fought on them all, under one name."""
    while start - 1 > floor and norm[start - 1] == "、":
        front = fronts.search(norm, floor, start - 1)
        if front is None:
            break
        start = front.start(1)
        launched = LAUNCHERS_RE.match(norm, start, front.end(1) - 2)  # ,开展|蓝天、: the verb is none of it
        if launched:
            start = launched.end()
    return start


def _word_of_zhi(name: str) -> bool:
    """True when the 制 ending ``name`` closes an ordinary word (规制, 体制, 法制), not a system (林长制)."""
    last = words(name)[-1]
    return len(last) == 2 and last != "长制"


def _implemented(doc: Document) -> Iterator[Mention]:
    norm = doc.norm
    headings = _heading_offsets(doc)
    for sentence in doc.sentences:
        for m in IMPLEMENTED.finditer(norm, sentence.start, sentence.end):
            obj = m.group(1)
            if m.start() in headings or IMPLEMENTED_NOT.search(obj) or POLICY_HEAD.search(obj[-3:]):
                continue
            yield _mention(doc, m.start(1), m.end(1))


# A list closed by what its members are (落实研发费用加计扣除、首台套保险补偿|等政策): each is a named policy.
POLICY_CLOSER = re.compile(r"等(?:惠企|支持|扶持|优惠|帮扶)?政策(?!性)")


def _listed(doc: Document) -> Iterator[Mention]:
    """The members of the lists :data:`POLICY_CLOSER` closes, the first after the verb that governs them."""
    norm = doc.norm
    headings = _heading_offsets(doc)
    for k, start, end, floor in closed_lists(doc, POLICY_CLOSER, 14):
        if k == 0:
            start = trim_left(norm, left_edge(norm, end, floor, max_len=14, segmented=True), end, segmented=True)
            if start is None:
                continue
        if start not in headings and end - start >= 4:
            yield _mention(doc, start, end)


def _titled(doc: Document) -> Iterator[Mention]:
    """《…措施》: a document title naming an instrument, in a heading too (三是落实《…若干政策措施》,…):
    the title is no heading's whole name."""
    for m in _titles(doc.norm):
        yield _mention(doc, m.start(), m.end())


def _titles(norm: str) -> Iterator[re.Match[str]]:
    """The 《…》 titles of ``norm`` that name an instrument."""
    return (m for m in TITLE.finditer(norm) if TITLE_HEAD.search(m.group(1)))


def _city_schemes(doc: Document) -> Iterator[Mention]:
    norm = doc.norm
    headings = _heading_offsets(doc)
    for sentence in doc.sentences:
        for m in CITY_SCHEME.finditer(norm, sentence.start, sentence.end):
            if m.start() not in headings:
                yield _mention(doc, m.start(), m.end())


def _national(doc: Document, found: list[Mention]) -> list[Mention]:
    """The national campaigns and schemes named bare, or inside no other policy's name (“双减”工作, not “双减”政策)."""
    matches = list(NATIONAL.finditer(doc.norm))
    if not matches:
        return []
    headings = _heading_offsets(doc)
    named = [(f.start, f.end) for f in found]
    return [_mention(doc, m.start(), m.end()) for m in matches if m.start() not in headings
            and not any(a <= m.start() and m.end() <= b for a, b in named)]


def _heading_offsets(doc: Document) -> set[int]:
    """The offsets inside a section's title, and its number's ((四)着力建设…先行区 is no policy)."""
    return {i for s in doc.sections for i in range(min(s.start, s.title_start), s.title_end)}
