"""Places: administrative divisions, foreign countries, macro-regions, natural
features, roads and named areas.

* Administrative names (运城市, 垣曲, 绛县) come from :mod:`kg.gazetteer`,
  resolved in the document's own jurisdiction, with their adcode.
* Foreign countries come from ISO 3166 with its Chinese names (``pycountry``);
  macro-regions (东南亚, 长三角, 中部地区) from :data:`MACRO_REGIONS`.
* Rivers, canals, mountains, lakes, roads, streets, villages, towns and scenic
  sites are found by their suffix (:data:`FEATURE_SUFFIXES`) where the
  report's grammar delimits the name on the left: a list mark, a clause mark,
  a governing verb or an administrative name (临猗|黄河大桥).
* Road codes (G209, S236) and abbreviations built from the first characters
  of sibling divisions (“盐临夏”一体化, 长株潭) are found by shape.

A name found once is a place wherever else the document uses it.
"""

from __future__ import annotations

import bisect
import functools
import gettext
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from ..document import Document
from .._geodata import COUNTRY_CODE
from ..gazetteer import FEATURE_END, town_in, town_names
from ..model import Mention, attrs
from . import extractor, mentions_of, once
from .grammar import (
    BOUNDARY,
    GOVERNORS,
    QUOTED,
    closed_lists,
    frequency,
    governors_without,
    in_dictionary,
    left_edge,
    longest_of,
    opens_after_verb,
    opens_frame,
    ordinary_word,
    quick_start,
    trim_left,
    word_starts,
    words,
)

# Suffixes that end the name of a natural feature, road, settlement or
# scenic site, longest first, with the ontology subclass they imply.
FEATURE_SUFFIXES: dict[str, str | None] = {
    "金三角": "Region", "三角洲": "Region", "经济带": "Region", "城市群": "Region", "都市圈": "Region",
    "经济圈": "Region", "城镇圈": "Region", "城市圈": "Region", "都市区": "Region", "城市带": "Region",
    "半岛": "Region",  # 雷州半岛, 胶东半岛: no 雷州市
    "景区": None, "大道": "Road", "大街": "Road", "水库": "Lake",
    "河": "River", "江": "River", "溪": "River", "湖": "Lake", "海": None, "渠": "Canal",
    "山": "Mountain", "岭": "Mountain", "沟": None, "峡": None, "路": "Road", "街": "Road", "巷": "Road",
    "寺": None, "村": "Village", "镇": "Town", "乡": "Town", "湾": None,
    "街道": "Town",  # a subdistrict (西三旗街道), the town of a city district
    "浜": "River", "高原": None, "沙漠": None, "岛": None,  # 张家浜, 帕米尔高原, 塔克拉玛干沙漠, 养马岛
    "沙地": None, "苏木": "Town", "嘎查": "Village",  # 毛乌素沙地; Inner Mongolia's townships and villages
    "淀": "Lake",  # 白洋淀
    "石窟": None, "故城": None,  # heritage sites: 龙门石窟, 郑韩故城
    "遗址": None,  # and ruins: 周原遗址, 良渚古城遗址
    "盆地": "Basin",  # 沁水盆地, 四川盆地: named after a division, the basin
}
# Waters and mountains named by one character, and the verbs of crossing one that end no name before it
# (龙潭过江通道).
ONE_CHARACTER_FEATURES = frozenset("江河湖山")
CROSSING = ("过", "跨")
# What a feature's character opens a word with that still names the feature (河水, 河口, 江畔, 河滨).
FEATURE_WORDS = frozenset("水口畔岸滨湾")
# Suffixes whose name may contain another feature's (黄河|金三角, 泸沽湖|景区).
CONTAINERS = frozenset({"金三角", "三角洲", "经济带", "城市群", "都市圈", "经济圈", "城镇圈", "城市圈", "景区"})
# Suffixes that may follow a whole place name (北京路, 泸沽湖镇, 广州大道, 乌鲁木齐都市圈) ...
NAMED_AFTER_PLACE = frozenset({"Road", "Town", "Village", "Region"})
# ... and the grottoes or ruined city a district is named for (云冈石窟 of 云冈区, 郑韩故城), and a reservoir named
# after its county or district (密云水库, 昆都仑水库): no mention of the division alone.
SITES_AFTER_PLACE = frozenset({"石窟", "故城", "遗址", "水库"})
# Ruins: a stem of ordinary words only makes them a kind (革命|遗址, 工业|遗址).
PAST_SITES = frozenset({"遗址"})
# What ruins name after them: the park or the museum is the thing (京张铁路遗址公园二期, 金沙遗址博物馆).
RUINS_FACILITY = re.compile(r"公园|博物馆|博物院")
_SUFFIX_RE = re.compile("|".join(sorted(map(re.escape, FEATURE_SUFFIXES), key=lambda s: (-len(s), s))))
# The suffix character starting an ordinary word is no name end: 路网, 河道, 山区.
SUFFIX_STARTS_WORD = re.compile(
    "路[网径线面灯口况由演子基]|河[道流长湖床堤滩势沙砂]|江[山湖]|江[南北](?:新区|校区|片区|新城|城区)|湖[泊区体]|湖滨(?!水)|山[区水林地体脉洪羊货歌头桥]|渠道"
    "|街[道区巷面景]|村[落民级庄集务容镇组居委社干群]|镇[街域级]|乡[村镇贤土愁风级亲情音]|(?<=县)乡[公道]|沟[通壑]|湾区|峡谷|寺庙"
    "|海[外关港洋域岸滨边内产鲜水运拔报量选归上底养铁工丝塘缆口]|(?<=湾)河口|漠化|原(?:特色|农业|牧业)|岛[屿内上链]"
    # the pancreas's islets (胰岛素: insulin), no island
    "|(?<=胰)岛"
    # a peninsula's name that goes on to its region's (山东半岛城市群: one region, after 山东)
    "|(?<=半)岛(?:城市|经济|都市|蓝色)"
    # a road named after a river's source: 珠江源大道 (no 珠江 river)
    "|[江河]源(?=[\u4e00-\u9fff]{0,4}(?:大道|路|街))"
    # a numbered road named after a feature: 中山四路, 滨江一路 (no 中山 mountain)
    "|[山河江湖岭](?=[一二三四五六七八九十]{1,2}[路街巷])"
)
# The longest name part before a suffix (庞泉沟|景区, 槐东|路).
MAX_STEM = 4
# An event's ordinal before a name (第八届|青海湖…): the name starts after it.
ORDINAL_BEFORE = re.compile(r"第[\d一二三四五六七八九十百]+[届次期]")
# A conjunction or particle inside the stretch before a suffix ends a
# phrase; the name is what follows it (改造和|北京路).
STEM_CUT = re.compile(r"(?:和|与|及|或|并|的)")
# Characters that never occur in the stem of a name: classifiers and grading
# words make a phrase (一批国家级产业强镇); nor does a government speaking of
# itself (我代表镇人民政府, 长安镇人民政府镇长), nor 沿 after its start (沿江沿湖: along rivers and lakes); a stem
# that goes on past 大学 or 学院 is inside a campus's name (山东大学龙山校区: no mountain 大学龙山; 学院路 is a road),
# and one past 港 inside a port's (宁波舟山港梅山港区: no mountain 港梅山); an academy names no water or mountain
# (中国科学院海西研究院: no sea 科学院海), nor does a nation's (多巴国家高原体育训练基地: no plateau 多巴国家高原), nor
# giving land back (退圩还湖, 退田还湖: no lake 退圩还), nor the foot of a mountain before it (秦岭|北麓环山公路).
STEM_STOP = re.compile(r"[等级个批型性类项各每些之其在对把将为是了着化好我\d%]|(?<=.)沿|政府|^(?:大学|学院|港)(?=.)|[科究程]学?院|国家"
                       r"|退[\u4e00-\u9fff]{1,2}还|^[东南西北]麓")
# A town or township a list names may have a longer stem, and 其, 化 or 好 in it: transliterations
# (达里雅布依乡, 巴格其镇, 宝格达乌拉苏木) and 好义镇, 化龙镇.
MAX_LISTED_STEM = 7
LISTED_STEM_STOP = re.compile(r"[等级个批型性类项各每些之在对把将为是了着我\d%]|政府")
# A division's seat or area, split by the division's name before it (张家川县|城, 天水|市区): generic words.
SEAT_WORDS = frozenset({"县城", "市区", "城区", "区域"})
# The generic areas of a town (spec: 城区, 中心城区, 县城) opening a stem: no part of the feature named after them.
GENERIC_AREA = re.compile(r"(?:中心城区|主城区|老城区|新城区|城区|市区|县城)")
# Words that make a longer stem a kind of town a programme names (农业产业强镇, 历史文化名镇, 美丽宜居示范乡).
KIND_OF_TOWN = re.compile(r"特色|重点|示范|美丽|宜居|文明|卫生|历史|文化|产业|农业|工业|商贸|旅游|生态|全国|全省|中心|现代|新型|森林")
# However short, a stem ending so makes a kind of town (康养小镇, 产业强镇, 历史文化名镇, 区域中心镇).
KIND_OF_TOWN_END = re.compile(r"(?:[强名小]|中心)$")
# A stem of administrative levels alone names the tiers of government (市县乡三级, 县乡村三级), no place.
LEVELS_ONLY = re.compile(r"[省市州县区乡镇村]+")
# A stem that says how many of the towns there are (部分镇, 个别乡镇), or that opens a title (世界长寿乡), no name.
SHARE_OF_TOWNS = re.compile(r"部分|个别|全部|所有|多数|少数|其余|(?:世界|全国|全省|国际|中国)[\u4e00-\u9fff]*")
# The speaker's name after the title on the front matter's line (市长 薛占海, 县长 王海): a person, whatever
# character it ends in.
SPEAKER = re.compile(r"(?:市长|省长|县长|区长|州长|旗长|盟长|主席)[ \u3000]*([\u4e00-\u9fff]{2,4})[ \u3000]*(?=\n|$)", re.M)
# A line of verse, two halves of five or seven characters, as a report's closing quotes one (风雨多经志弥坚,
# 关山初度路犹长): its mountains and roads are poetry (the halves' lengths are compared, and only the closing
# searched, where it is used).
COUPLET = re.compile(
    r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{5}(?:[\u4e00-\u9fff]{2})?),([\u4e00-\u9fff]{5}(?:[\u4e00-\u9fff]{2})?)[。!?]"
)
# A stem opened by a whole division speaks of all its features of a kind (全市城镇新增就业, 全省河湖).
WHOLE_DIVISION = re.compile(r"全[省市县区州盟旗域]")
# Two numerals in a stem make a slogan, not a name (百县千镇万村, 一村一品), save the numerals of one number
# that streets, villages and towns are named by (八一路, 五四大街, 十八洞村, 三十里铺村).
NUMERALS = re.compile(r"[一二三四五六七八九十百千万两]")
NUMBERS = re.compile(rf"{NUMERALS.pattern}+")
# A one-character stem that is a numeral, a pronoun or a verb of motion or
# treatment makes an ordinary word with the suffix: 一村, 全镇, 入河, 沿河, 治山.
SINGLE_STEM_STOP = frozenset(
    "一二三四五六七八九十百千万两几多每各本全该此这那镇乡县市区省入出进上下过跨沿临靠环绕依傍在于至到往向近越穿翻登治护清引调排节截蓄爬开修筑走带让领通驻陆"
    "以与及并或被由"  # prepositions and conjunctions (以岭药业)
)
# Words with a feature suffix that name no one place.  General vocabulary,
# kept apart from jieba's dictionary (which tags several of them ns).
GENERIC_FEATURES = frozenset(
    """
    道路 公路 铁路 马路 线路 思路 出路 新路 网路 水路 陆路 门路 套路 老路 弯路 歧路 退路 活路 后路 生路 一路 山路
    小路 大路 迷路 带路 开路 让路 修路 筑路 走路 上路 领路 支路 电路 管路 通路 回路 近路 正路 之路 必由之路
    断头路 快速路 主干路 次干路 产业路 旅游路 致富路 农村路 四好农村路 连接路 景观路
    江河 山河 河山 运河 内河 界河 冰河 银河 小河 大河 护城河 河湖 江湖 湖泊 人工湖 上山 下山 深山 高山 青山 荒山
    矿山 江山 靠山 名山 群山 火山 冰山 登山 大山 小山 金山 银山 绿水青山 金山银山 荒山荒坡 碧海
    沟渠 水渠 干渠 支渠 毛渠 斗渠 灌渠 明渠 暗渠 大街 小街 商街 老街 步行街 美食街 特色街 商业街
    乡村 农村 山村 渔村 整村 全村 本村 行政村 自然村 贫困村 示范村 重点村 专业村 中心村 空心村 城中村 美丽乡村
    乡镇街道 镇街道 城市街道 社区街道 背街小巷 主次干道街道
    乡镇 城镇 小城镇 特色城镇 中心城镇 村镇 集镇 小镇 古镇 重镇 名镇 强镇 建制镇 特色小镇 产业强镇 城乡 家乡 下乡 返乡 故乡 老乡 水乡
    中心镇 特色镇 专业镇 典型镇 重点镇 示范镇 卫星镇 圩镇 街镇 镇街 滨江 高原 沙漠 半岛 海岛 小岛 孤岛 无人岛 人工岛 宝岛
    金融岛 智慧岛 科技岛 创新岛
    景区 旅游景区 风景区 重点景区 精品景区 特色景区 海湾 港湾 水库 小水库 山塘水库 盐湖 大街小巷 山沟 代沟 海峡 一带一路
    通村路 通组路 通乡路 通户路 入户路 机耕路 田间路 生产路 资源路 大海 人海 花海 林海 云海 火海 苦海 学海 出海 下海
    航海 入海 近海 远海 深海 公海 内海 外海 滨海 环海 四海 水电路 山溪 背街 险村 蓝色海湾 离岛 半山 半山腰 江海 母亲河 强村 公交港湾 港湾
    """.split()
)
# Endings that make a generic word of any stem (城市道路, 旅游公路, 4A级景区).
GENERIC_ENDINGS = (
    "道路", "公路", "铁路", "马路", "线路", "之路", "思路", "级景区", "农村", "乡村", "乡镇", "村镇", "城乡",
    "江河", "河湖", "山河", "湖泊", "沟渠", "下乡", "返乡", "回乡", "圩镇", "改造城镇", "建设城镇", "滨江", "入湖", "入河",
    "入江", "入海",
    # kinds of village a programme makes (美丽宜居村, 边境小康村, 衔接推进区示范村, 淘宝村), the land and sea of a
    # corridor (西部陆海新通道) and of a rail-sea route (湘粤非铁海联运通道), and people who come back to the
    # country (返乡入乡创业人员)
    "宜居村", "小康村", "文明村", "和美村", "示范村", "淘宝村", "薄弱村", "镇村", "陆海", "铁海", "入乡",
    # mines, the deep sea, the seaside, and the slogan of the whole landscape (山水林田湖草沙)
    "矿山", "深远海", "滨海", "山水林田湖",
    # reservoirs at risk, as a kind (加固病险水库20座), and the Silk Road in a name (中国电信丝路信息港)
    "病险水库", "丝路",
    # the villages inside a city, as a kind (七宝、颛桥等镇|城中村改造), and the whole of a lake (滇池全湖水质)
    "城中村", "全湖",
    # a kind of expressway (城市快速路), roads that end nowhere (区域断头路), the towns and streets of a part (北部镇街),
    # and the cities' towns (城市城镇老旧小区)
    "城市快速路", "断头路", "镇街", "城市城镇",
)
# A one-character stem and suffix followed by one more character and a
# railway or road head is an abbreviation of three places (韩河侯客专).
ROUTE_ABBREVIATION = re.compile(r"[\u4e00-\u9fff](?:客专|高铁|铁路|高速|城际|动车)")
# A stem of one or two characters and a water's suffix right before a railway or road head, or with one
# character more, abbreviate the cities a route joins (广河高速, 沪苏湖铁路, 广中江高速, 广佛江珠城际).
ROUTE_OF_THREE = re.compile(r"[\u4e00-\u9fff]?(?:客专|高铁|铁路|高速|城际|动车)")
# A feature's name followed by a two-character word and the head of a plant or a
# firm is a brand (黄河鲲鹏生产基地, 长江存储科技有限责任公司, 珠江啤酒集团):
# the firm is named after the river, it is not in it (a firm named after a road,
# 人民路商贸公司, may well be on it: roads are not read so).  The word must not be one
# of the geography words that place things along a feature (黄河下游…, 长江沿岸…).
BRAND_AFTER_FEATURE = re.compile(
    r"(?!流域|滩区|沿岸|两岸|沿线|岸线|库区|湿地|故道|上游|中游|下游|[东南西北左右]岸|新区|片区|沿海|周边)"
    r"[\u4e00-\u9fff]{2}(?:科技)?(?:生产基地|生产线|制造基地|工厂|有限责任公司|有限公司|股份|集团|公司)|"
    # or its trade right after it, ending the firm's name (白云山制药、珠江啤酒, 长江电力发展)
    r"(?:制药|药业|啤酒|酒业|乳业|电力|钢铁|化工|石化|纸业)(?=[、,。;和及与等]|[\u4e00-\u9fff]{0,2}(?:集团|公司))|"
    # or a university named after it (浙江大学, 长江大学)
    r"(?:大学(?!生)|学院)"
)
# A hospital named after a mountain is none on it (华山医院, 中山医院 in 上海); one named after a town's
# river or lake is in that place (龙江医院, 独墅湖医院).
MOUNTAIN_HOSPITAL = "医院"
BRAND_FEATURES = frozenset({"River", "Lake", "Mountain", "Canal"})
# A river's basin is the river (黄河流域 -> 黄河).
BASIN = "流域"
# A scenic area (泸沽湖景区, 庞泉沟景区).
SCENIC_AREA = "景区"
# A river's mouth (珠江口, 长江口), not a port (珠江口岸) nor a word 口 opens (河口子, 江口镇 is a town's name).
ESTUARY = re.compile(r"口(?![岸子径罩号镇乡村街区县市])")
# National and provincial road numbers; G20 峰会 is a meeting, 5G a network, S1线 a metro line (a
# provincial road has three digits: S216线).
ROAD_CODE = quick_start(re.compile(r"(?<![A-Za-z0-9])([GS]\d{1,4})(?![0-9A-Za-z.%]|峰会)(?!(?<=S\d)线|(?<=S\d\d)线)"))
# National and provincial roads written out, as older reports and the west write them (国道108线, 省道302线,
# 210国道): the name as it stands; a length after 国省道 is none (新改建普通国省道300公里).
ROAD_NUMBER = re.compile(r"(?<![\dA-Za-z])(?:(?:国道|省道)\d{3}(?![\d.]|[公千]?米|公里|km|[万亿])线?|\d{3}(?:国道|省道))")

# Macro-regions: general geography, not names from any one report, and the informal regions of provinces
# (赣南, 渝东北, 三峡库区) that no gazetteer of divisions holds.  A
# name followed by 地区 is taken with it (港澳台地区).
MACRO_REGIONS = frozenset(
    """
    东南亚 南亚 中亚 西亚 东亚 东北亚 中东 欧洲 西欧 东欧 中东欧 北欧 南欧 非洲 北非 拉美 拉丁美洲 北美 北美洲
    南美 南美洲 亚洲 大洋洲 亚太 东盟 欧盟 港澳台 港澳 粤港澳大湾区 长三角 长江三角洲 珠三角 珠江三角洲
    京津冀 成渝地区双城经济圈 长江经济带 环渤海 北部湾 海峡西岸 关中平原城市群 中原城市群 东北地区 东部地区 中部地区
    西部地区 中西部地区 西北地区 西南地区 华北地区 华东地区 华南地区 华中地区
    海峡西岸经济区 三峡库区 渝东北 渝东南 赣南 苏南 苏北 苏中 皖北 皖南 闽西 闽东 粤东西北 粤东 粤西 粤北
    中原 陕北 陕南 关中 陇东 豫东 豫西 豫南 鲁西南 胶东 辽西 辽南 川南 川东北 川西北 桂西 桂东 滇西 滇中 滇南
    晋北 晋南 冀中南 浙东 浙西 浙南 湘南 鄂西 鄂东 赣东北 蒙东 蒙西 南疆 北疆 东疆 上党
    """.split()
)
REGION_TAIL = "地区"
# Foreign cities reports name as destinations, partners and sites (开通至阿拉木图航线, 中欧班列通达杜伊斯堡), by their
# country: the capitals and the great cities and ports China trades with, general knowledge.  Names that are
# also words are left out: 河内 (in the river), 海防 (coastal defence), 万象 (all things), 汉堡 (a burger).
FOREIGN_CITIES = {
    "莫斯科": "RU", "圣彼得堡": "RU", "新西伯利亚": "RU", "叶卡捷琳堡": "RU", "哈巴罗夫斯克": "RU",
    "符拉迪沃斯托克": "RU", "海参崴": "RU", "伊尔库茨克": "RU", "喀山": "RU", "阿拉木图": "KZ", "阿斯塔纳": "KZ",
    "比什凯克": "KG", "塔什干": "UZ", "撒马尔罕": "UZ", "杜尚别": "TJ", "阿什哈巴德": "TM", "伊斯兰堡": "PK",
    "卡拉奇": "PK", "瓜达尔": "PK", "喀布尔": "AF", "德黑兰": "IR", "迪拜": "AE", "阿布扎比": "AE", "多哈": "QA",
    "利雅得": "SA", "吉达": "SA", "伊斯坦布尔": "TR", "安卡拉": "TR", "首尔": "KR", "釜山": "KR", "仁川": "KR",
    "东京": "JP", "大阪": "JP", "名古屋": "JP", "福冈": "JP", "曼谷": "TH", "清迈": "TH",
    "胡志明市": "VN", "金边": "KH", "西哈努克港": "KH", "仰光": "MM", "曼德勒": "MM",
    "吉隆坡": "MY", "雅加达": "ID", "马尼拉": "PH", "加德满都": "NP", "新德里": "IN", "孟买": "IN", "达卡": "BD",
    "科伦坡": "LK", "乌兰巴托": "MN", "平壤": "KP", "明斯克": "BY", "华沙": "PL", "罗兹": "PL", "布达佩斯": "HU",
    "布拉格": "CZ", "维也纳": "AT", "柏林": "DE", "杜伊斯堡": "DE", "法兰克福": "DE", "慕尼黑": "DE",
    "巴黎": "FR", "里昂": "FR", "伦敦": "GB", "罗马": "IT", "米兰": "IT", "马德里": "ES", "巴塞罗那": "ES",
    "鹿特丹": "NL", "阿姆斯特丹": "NL", "布鲁塞尔": "BE", "列日": "BE", "雅典": "GR", "比雷埃夫斯": "GR",
    "纽约": "US", "洛杉矶": "US", "旧金山": "US", "芝加哥": "US", "西雅图": "US", "华盛顿": "US", "温哥华": "CA",
    "多伦多": "CA", "悉尼": "AU", "墨尔本": "AU", "开罗": "EG", "内罗毕": "KE", "约翰内斯堡": "ZA", "圣保罗": "BR",
}
# What makes a country's name a people's (蒙古族群众).
ETHNIC = "族"
# Territories of China that ISO 3166 lists as countries; the gazetteer has them.
CHINA_ISO = frozenset({"CN", "HK", "MO", "TW"})
# A two-character country name is read only after a clause or list mark, a
# governing word or one of these characters (直飞日本, 赴韩国), or before a list mark.
FOREIGN_LEFT = frozenset("飞赴到至往与和及对向在从自同经、")
FOREIGN_RIGHT = frozenset("、,;。等和及与的")
# One-character abbreviations of the provinces (京津冀, 川渝): general knowledge.
PROVINCE_ABBREVIATIONS = {
    "京": "110000", "津": "120000", "冀": "130000", "晋": "140000", "蒙": "150000", "辽": "210000",
    "吉": "220000", "黑": "230000", "沪": "310000", "苏": "320000", "浙": "330000", "皖": "340000",
    "闽": "350000", "赣": "360000", "鲁": "370000", "豫": "410000", "鄂": "420000", "湘": "430000",
    "粤": "440000", "桂": "450000", "琼": "460000", "渝": "500000", "川": "510000", "蜀": "510000",
    "贵": "520000", "黔": "520000", "云": "530000", "滇": "530000", "藏": "540000", "陕": "610000",
    "秦": "610000", "甘": "620000", "陇": "620000", "青": "630000", "宁": "640000", "新": "650000",
    "港": "810000", "澳": "820000", "台": "710000",
}
# An abbreviation of several places: quoted (“盐临夏”) or followed by a word
# of integration (盐临夏一体化, 长株潭都市圈, 郑开同城化).
QUOTED_ABBREVIATION = re.compile(r"“([\u4e00-\u9fff]{2,4})”")
INTEGRATION = re.compile(r"一体化|同城化|协同发展|都市圈|城市群|经济圈")
# Verbs and adverbs (jieba tags) stripped from the left of a stem that
# follows a clause mark: 改善|水库, 巩固|卦山.
VERB_TAGS = frozenset({"v", "vd", "d", "ad", "p", "c"})
VERB_MIN_FREQ = 200
# A division's short form that is also a river's, lake's or mountain's name (锦江 of
# 锦江区), followed by a park, greenway or riverside word, names the feature:
# 锦江公园, 锦江绿道, 锦江两岸 are along the river, not the district's.
FEATURE_SHAPED = re.compile(f"[{FEATURE_END}]$")
# A mountain range (岭) a prefecture is named after runs across provinces: another province's report means the range
# (大兴安岭 in 内蒙古).  A city named after one mountain (唐山, 马鞍山) is the city wherever it is named.
RANGE_SHAPED = re.compile(r"岭$")
# ... and what stands before one: along or around it (沿锦江, 环巢湖), where a district of its name would be named in full
AROUND_FEATURE = frozenset("沿环")
ALONG_FEATURE = re.compile(r"(?:公园|绿道|湿地|滨水|滨江|沿岸|两岸|岸线|流域|生态带|生态廊道|水环境|水生态|水质|水系|干流|河道|河段|水域)")
# ... and the scenic area or park of a mountain a city is named after (庐山景区, 泰山风景名胜区, 庐山世界地质公园: the
# mountain, no 庐山市, 泰山区)
MOUNTAIN_SHAPED = re.compile(r"山$")
JOINED = frozenset("—-、")
MOUNTAIN_SCENIC = re.compile(r"(?:景区|风景区|风景名胜区|世界地质公园|地质公园|国家公园|旅游区)")
# ... and the works done to a water (巢湖综合治理, 洪湖生态保护: no 巢湖市, 洪湖市), where a city named after a mountain
# has its own (马鞍山生态修复)
WATER_SHAPED = re.compile(r"[江河湖溪]$")
WATER_WORKS = re.compile(r"(?:综合治理|综合整治|生态保护|生态修复|保护治理|水污染|清淤|治理)")
# The level of a province's or a city's name (黑龙江|省): what its short name goes without.
OWN_LEVEL = re.compile(r"(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$")
# The last characters of divisions' names: a short name may be written with its own (巍山县, 城步县).
DIVISION_SUFFIXES = frozenset("省市县区州盟旗")
# ... and of towns': after a full name one character and a town's level name no town with it (新市镇|古镇).
TOWN_AFTER_SHORT_NAME = DIVISION_SUFFIXES | frozenset("镇乡村道")
# Governors and prepositions of one character stand before a name only as a word of their own
# (在|周家渡街道, but 向阳街道, 和平街道), as do 环 and 沿 (环|洱海, 温州环|大罗山, 沿|黄河); the longer governors are
# stripped as they stand.
ONE_CHARACTER = frozenset(w for w in GOVERNORS if len(w) == 1) | frozenset("从经环沿")
WORD_GOVERNORS = governors_without(*ONE_CHARACTER)
# Where a feature name cannot start: brackets close a name on the left too.
LEFT_MARKS = frozenset(BOUNDARY) | set("()[]【】")


@extractor("places")
def places(doc: Document) -> Iterator[Mention]:
    foreign = list(_foreign(doc))
    # a macro-region's name is the short name of a city's district too (中原: 郑州's 中原区); the region is
    # meant (中原科技城, 中原更出彩) -- a report names its districts in full -- unlike a county's (桂东县)
    admin = [m for m in _administrative(doc) if m.text not in MACRO_REGIONS or not _district_short(m)]
    # a list the report closes with a town's level names towns, even one a district's short name names too
    # (福田、南园、园岭等街道 in 福田区's report: 福田街道)
    closed_towns = list(_towns_closed_by_level(doc))
    listed = {(m.start, m.end) for m in closed_towns}
    admin = [m for m in admin if (m.start, m.end) not in listed or m.text == m.attr("official")]
    taken = [(m.start, m.end) for m in admin]
    found: list[Mention] = []
    spans: set[tuple[int, int]] = set()
    divisions = _Spans(taken)
    regions = _Spans([(m.start, m.end) for m in foreign])
    # a feature guessed inside a quoted name is a word of the slogan (“映山红行动”, “两岸青山·千里林带”);
    # one the text names outside quotes too is found there, and then here by _elsewhere
    quoted = [(q.start(1), q.end(1)) for q in QUOTED.finditer(doc.norm)]
    # a national new area closes a name after it as a division does (雄安新区|中关村科技园: no 区中关村)
    new_areas = list(_new_areas(doc))
    features = [m for m in _features(doc, sorted([*taken, *((m.start, m.end) for m in new_areas)]))
                if not _inside_quote(m, quoted)]
    towns = [*_listed_gazetteer_towns(doc, divisions), *closed_towns]
    for m in [*towns, *_own_generic_towns(doc), *_abbreviations(doc), *_road_codes(doc), *new_areas, *foreign,
              *features, *_quoted_regions(doc), *_scenic_closed(doc, dict(taken)),
              *_province_regions(doc, divisions)]:
        # a name may contain a division's (广州大道), never cut across one; a division's own span
        # keeps the gazetteer's reading, which weighed the report's context (黑山 is 黑山县 in its report);
        # nor may a feature cut across a region (渝东北|三峡库区 gives no 渝东北三峡)
        if (m.start, m.end) in spans or (m.start, m.end) in divisions or any(
            not (m.start <= s and e <= m.end) for s, e in divisions.overlapping(m.start, m.end)
        ):
            continue
        if m.attr("subclass") != "Region" and m.attr("subclass") != "Country" and any(
            not (m.start <= s and e <= m.end) for s, e in regions.overlapping(m.start, m.end)
        ):
            continue
        spans.add((m.start, m.end))
        found.append(m)
    found += _bare_listed_towns(doc, found)
    shorts = _town_short_forms(found)
    # a feature named as a town the text names with its level is that town where it places a facility
    # (天子湖|现代工业园 where 天子湖镇 is named); in a list of lakes it is the lake (阳澄湖、淀山湖、傀儡湖)
    found = [_as_town(m, shorts[m.name]) if m.name in shorts and m.attr("subclass") in NATURAL
             and _qualifies(doc.norm, m) else m for m in found]
    found = _listed_town_shorts(doc, found, shorts)
    yield from _far_names_of_features(doc, admin, found)
    code = doc.jurisdiction_code
    yield from (_in_county(code, m) for m in found)
    yield from (_in_county(code, m) for m in _elsewhere(doc, found, taken, shorts))


def _district_short(m: Mention) -> bool:
    """Is ``m`` a city district's short name (中原 for 中原区)?"""
    from ..gazetteer import Gazetteer

    code = m.attr("adcode")
    if not code:
        return False
    name = Gazetteer.load().get(code).name
    return name.endswith("区") and m.text != name


def _in_county(jurisdiction_code: str, m: Mention) -> Mention:
    """``m``, given the county that holds it (``parent``) where it is a town the gazetteer knows in the report's
    jurisdiction, and only one of that name (蒲州镇 in a report of 运城市: in 永济市)."""
    if m.attr("subclass") != "Town" or m.attr("parent"):
        return m
    found = town_in(m.attr("canonical") or m.name, jurisdiction_code)
    if found is None:
        return m
    return m._replace(attrs=tuple(sorted((*m.attrs, ("parent", found[1])))))


# A multi-place region a report quotes (“海澄文定综合经济圈”, “大三亚旅游经济圈”): a region, not a slogan.
QUOTED_REGION = re.compile(r"“([\u4e00-\u9fff]{2,12}(?:经济圈|都市圈|城市群|经济带))”")


def _quoted_regions(doc: Document) -> Iterator[Mention]:
    """The regions named in quotes (:data:`QUOTED_REGION`), without their marks."""
    for m in QUOTED_REGION.finditer(doc.norm):
        yield _mention(doc, m.start(1), m.end(1), subclass="Region")


# A list of towns may write the level once, on its last member (泉塘、湘龙、星沙街道): the bare members before it
# are towns of that level where they are rare words, not common ones (城区、园区、…镇).
LEVEL_OF_TOWN = re.compile(r"(?:街道|镇|乡)$")
BARE_MEMBER = re.compile(r"[\u4e00-\u9fff]{2,3}")
RARE_WORD = 100


# ... and a list closed by 等 and the level (劲松、团结湖、潘家园等街道; 孙河、崔各庄、将台等乡): its members are
# towns of that level, whatever words they are.
TOWNS_CLOSED = re.compile(r"((?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4})等(?:\d+个)?(街道|乡镇|镇(?!村)|乡(?![村土亲情贤愁]))")


# ... and a list may name its towns bare, as the cities without counties do (东莞: 长安、虎门、塘厦等中心镇): its
# members are towns where two of them or more are towns of the jurisdiction (see _listed_gazetteer_towns).
BARE_LIST = re.compile(r"[\u4e00-\u9fff]+(?:、[\u4e00-\u9fff]+)+")
TOWN_LEVELS = ("镇", "街道", "乡")
NATURAL_END = re.compile(r"[湖河江海山溪岛湾峰岭洲泉潭荡漾]$")
ROAD_END = re.compile(r"(?:路|大街|大道|巷)$")


def _listed_gazetteer_towns(doc: Document, divisions: _Spans) -> Iterator[Mention]:
    """The members of a list of bare names (长安、虎门、塘厦、常平、厚街等中心镇) that are towns of the report's
    jurisdiction, named by the gazetteer (长安镇, in 东莞市), where two or more members are; a member between
    two marks is all of the name, the first and the last may be its end and its start where a word ends and
    begins (推动|长安, 厚街|等; not 赵州|桥).  A member that names a county (正定、灵寿、无极: each is also its
    seat's name) is no town, nor are roads, nor a list of lakes or rivers or of scenic sites."""
    code = doc.jurisdiction_code
    if not code:
        return
    norm = doc.norm
    towns = town_names()
    for m in BARE_LIST.finditer(norm):
        items = m.group().split("、")
        if SCENIC_CLOSER.search(items[-1]) or NATIONAL_PARKS.search(items[-1]):
            continue  # 西柏坡、嶂石岩、苍岩山等景区: the sites, named after their towns; 长城、长征、黄河国家文化公园
        found = []
        pos = m.start()
        for k, item in enumerate(items):
            end = pos + len(item)
            spans = ([(pos, end)] if len(item) <= 4 else []) if 0 < k < len(items) - 1 else (
                [(end - 3, end), (end - 2, end)] if k == 0 else [(pos, pos + 3), (pos, pos + 2)])
            for a, b in spans:
                if a < pos or b > end:
                    continue
                if ROAD_END.search(norm, a, b):
                    break  # 裕华路、五四路: roads, though subdistricts are named after them
                stem = norm[a:b]
                named = [(name, town) for level in TOWN_LEVELS if (name := stem + level) in towns
                         and (town := town_in(name, code)) is not None]
                if len(named) != 1 or divisions.overlapping(a, b):
                    continue  # a county's name (正定 is also its seat's, 正定镇) names the county
                if (a, b) != (pos, end) and (b if k else a) - pos not in word_starts(item):
                    continue  # a word the name opens or closes (赵州|桥, 长安|汽车) is no town's
                found.append((a, b, *named[0]))
                break
            pos = end + 1
        # a list of lakes or rivers (太湖、阳澄湖、淀山湖) is no list of towns, whatever towns they name
        if sum(not NATURAL_END.search(norm, a, b) for a, b, *_ in found) >= 2:
            for a, b, name, (_, county) in found:
                yield Mention(doc.id, "Place", a, b, doc.text[a:b], name, attrs(subclass="Town", parent=county))


@functools.lru_cache(maxsize=1)
def _generic_ending_towns() -> re.Pattern[str] | None:
    """The towns whose names end as a generic word does (虞乡镇, 宁乡镇: 乡镇), which a feature's suffix never reads."""
    names = sorted((n for n in town_names() if n.endswith(GENERIC_ENDINGS)), key=lambda n: (-len(n), n))
    return re.compile("|".join(map(re.escape, names))) if names else None


def _own_generic_towns(doc: Document) -> Iterator[Mention]:
    """The report's own towns named so (虞乡镇 in 永济市's report; not 新乡镇 elsewhere, a new town)."""
    pattern = _generic_ending_towns()
    if pattern is None or not doc.jurisdiction_code:
        return
    for m in pattern.finditer(doc.norm):
        town = town_in(m.group(), doc.jurisdiction_code)
        if town is not None:
            yield _mention(doc, m.start(), m.end(), subclass="Town", parent=town[1])


def _towns_closed_by_level(doc: Document) -> Iterator[Mention]:
    norm = doc.norm
    for m in TOWNS_CLOSED.finditer(norm):
        level = "" if m.group(2) == "乡镇" else m.group(2)
        pos = m.start(1)
        for k, item in enumerate(m.group(1).split("、")):
            start, end = pos, pos + len(item)
            pos = end + 1
            if k == 0:  # the first member starts after the verb that governs the list (推进|孙河、…)
                start = trim_left(norm, left_edge(norm, end, max(0, end - 8), segmented=True), end, segmented=True)
                if start is None or not 2 <= end - start <= 4:
                    continue
            if LEVEL_OF_TOWN.search(norm, start, end):
                continue  # named with its level (淀山湖镇、陆家镇等镇区): read by its suffix
            yield Mention(doc.id, "Place", start, end, doc.text[start:end], norm[start:end] + level,
                          attrs(subclass="Town"))


# ... and a list closed by 等 and scenic areas (三峡大瀑布、清江画廊、屈原故里等景区; 卦山、玄中寺4A级景区):
# its members are scenic sites, places whatever words they are (read by grammar.closed_lists).
# ... and a list of the national parks (长城、长征、黄河|国家文化公园): the wall, the march and the river, no towns.
NATIONAL_PARKS = re.compile(r"国家(?:文化|考古遗址|森林|湿地)?公园")
SCENIC_CLOSER = re.compile(r"(?:等(?:\d+个)?(?:[345]A级)?|[345]A级)(?:重点|精品|红色|热门|核心)?(?:旅游)?景区")
# The rank the members of such a list strive for, right before it (狼山、濠河|创建国家|5A级旅游景区): no word of the last.
STRIVING_FOR = re.compile(r"(?:成功)?(?:创建|争创|申创|创成|晋升为?|晋级|获评|评为|入选)(?:为)?(?:国家|全国|省级|省)?$")


def _scenic_closed(doc: Document, divisions: dict[int, int]) -> Iterator[Mention]:
    """The members of the lists :data:`SCENIC_CLOSER` closes; a member that opens with a division's name
    (``divisions``: their ends by their starts) is the site in it when three characters or more are left
    (三江程阳八寨: 程阳八寨, in 三江侗族自治县)."""
    norm = doc.norm
    for k, start, end, floor in closed_lists(doc, SCENIC_CLOSER, 6):
        if k == 0:  # the first member starts after the verb that governs the list (推进|三峡大瀑布、…)
            start = trim_left(norm, left_edge(norm, end, floor, max_len=10, segmented=True), end, segmented=True)
            if start is None or not 2 <= end - start <= 6:
                continue
        striving = STRIVING_FOR.search(norm, start, end)
        if striving is not None:
            if striving.start() - start < 2:
                continue
            end = striving.start()
        if end - divisions.get(start, end) >= 3:  # 大理古城 stays whole: 古城 alone is no name
            start = divisions[start]
        yield _mention(doc, start, end)


def _bare_listed_towns(doc: Document, found: list[Mention]) -> list[Mention]:
    norm = doc.norm
    out = []
    for m in found:
        level = LEVEL_OF_TOWN.search(norm, m.start, m.end)  # written on it, not given it (长安 for 长安镇)
        if m.attr("subclass") != "Town" or level is None or norm[m.start - 1 : m.start] != "、":
            continue
        members = []
        end = m.start - 1  # the mark before the last member
        while True:
            mark = norm.rfind("、", max(0, end - 4), end)
            # a member between two marks, or the first, after the verb that governs the list (推进|泉塘、…)
            start = mark + 1 if mark >= 0 else left_edge(norm, end, max(0, end - 8), segmented=True)
            member = norm[start:end]
            if not BARE_MEMBER.fullmatch(member) or frequency(member) >= RARE_WORD:
                break
            if not LEVEL_OF_TOWN.search(member):  # one with its own level is named in full (段村镇、东泉镇、卜宜乡)
                members.append((start, end, member))
            if mark < 0:
                break
            end = mark
        for start, end, member in members:
            out.append(Mention(doc.id, "Place", start, end, doc.text[start:end], member + level.group(),
                               attrs(subclass="Town")))
    return out


def _inside_quote(m: Mention, quoted: list[tuple[int, int]]) -> bool:
    """True when ``m`` lies inside the words of a quote and is not all of them (“映山红行动”, not “大运河”), or is
    a village or a town quoted whole: a campaign's name (“和美湘村”), as no real one is quoted."""
    i = bisect.bisect_right(quoted, (m.start, float("inf"))) - 1  # the last quote opening by m
    return i >= 0 and quoted[i][0] <= m.start and m.end <= quoted[i][1] and (
        (m.start, m.end) != quoted[i] or m.attr("subclass") in ("Village", "Town"))


class _Spans:
    """(start, end) spans, asked which overlap a range."""

    def __init__(self, spans) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]
        self._longest = max((e - s for s, e in self._spans), default=0)
        self._set = frozenset(self._spans)

    def __contains__(self, span: tuple[int, int]) -> bool:
        return span in self._set

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return [(s, e) for s, e in self._spans[lo:hi] if s < end and start < e]


def _administrative(doc: Document) -> Iterator[Mention]:
    from ..gazetteer import Gazetteer

    gaz = Gazetteer.load()
    context = [doc.jurisdiction_code] if doc.jurisdiction_code else []
    own = OWN_LEVEL.sub("", doc.jurisdiction) if doc.jurisdiction_code else ""  # 黑龙江省: 黑龙江
    for match in gaz.find(doc.norm, context=context):
        d = match.division
        if match.surface != d.name and FEATURE_SHAPED.search(match.surface) and (
            ALONG_FEATURE.match(doc.norm, match.end) or _around(doc.norm, match.start)
            or WATER_SHAPED.search(match.surface) and WATER_WORKS.match(doc.norm, match.end)
            or MOUNTAIN_SHAPED.search(match.surface) and MOUNTAIN_SCENIC.match(doc.norm, match.end)
            and doc.norm[match.start - 1 : match.start] not in JOINED  # 乐业—凤山世界地质公园: two counties'
            or RANGE_SHAPED.search(match.surface) and _other_province(doc, d)
        ) or doc.norm.startswith("盆地", match.end):
            # read by _features as the river, lake, mountain or basin (大兴安岭 in 内蒙古 is the range, no
            # 大兴安岭地区; 沁水盆地: no 沁水县)
            continue
        if match.surface != d.name and FEATURE_SHAPED.search(match.surface) and _listed_with_its_kind(
            doc.norm, match.start, match.end
        ):
            # a lake among lakes (晋阳湖、盐湖、漳泽湖: no 盐湖区), though its name is a common word too
            yield _mention(doc, match.start, match.end, subclass=FEATURE_SUFFIXES[match.surface[-1]])
            continue
        start, end, surface = match.start, match.end, match.surface
        if _ends_named_feature(doc.norm, start) or _ends_feature_named(doc.norm, start, end):
            continue  # 藉|河南|山水厂, 柳|根河 where the report names 藉河, 柳根河 on their own: the rivers
        if surface != d.name and doc.norm.startswith(d.name[-1], end) and d.name[-1] in DIVISION_SUFFIXES:
            end, surface = end + 1, surface + d.name[-1]  # a short name with its kind (巍山县 of 巍山彝族回族自治县)
        elif surface != d.name and own and own != surface and own.endswith(surface):
            # the report's own short name, as its people write it (龙江振兴 in 黑龙江省's report), no county of it
            yield Mention(doc.id, "Place", start, end, doc.text[start:end], surface,
                          attrs(adcode=doc.jurisdiction_code, official=doc.jurisdiction))
            continue
        yield Mention(doc.id, "Place", start, end, doc.text[start:end], surface,
                      attrs(adcode=d.adcode, official=d.name))


def _around(norm: str, start: int) -> bool:
    """Does a word of its own that means along or around stand right before ``start`` (环|巢湖, 沿|锦江), not the
    end of a word (杭州中环|萧山段: the middle ring road, in 萧山)?"""
    if norm[start - 1 : start] not in AROUND_FEATURE:
        return False
    return words(norm[max(0, start - 3) : start])[-1] == norm[start - 1]


def _listed_with_its_kind(norm: str, start: int, end: int) -> bool:
    """Is the name ``norm[start:end]``, ending in a water's character, listed with a water that is no division
    (晋阳湖、盐湖、漳泽湖: a lake among lakes, whatever district is named after it; 松花江、黑龙江; 抚河、青山湖;
    but 丽江、怒江 are cities, and mountains' names end too many divisions' (宝山、金山, 平安昆山、法治昆山))?"""
    from ..gazetteer import Gazetteer

    if norm[end - 1] not in WATERS or norm[end : end + 1] not in MEMBER_END:
        return False  # a name's start (海珠湖、天河|智慧城, 上达河、松江|枢纽) is no member
    gaz = Gazetteer.load()
    pos = start
    while norm[pos - 1 : pos] == "、" and (m := LIST_MEMBER_BEFORE.search(norm, max(0, pos - 9), pos - 1)):
        # a member before may start with a verb's words (推进|丽江、怒江): no end of it may be a division's name
        member = m.group()
        if member[-1] in WATERS and not any(gaz.lookup(member[i:]) for i in range(len(member) - 1)):
            return True
        pos = m.start()
    pos = end
    while norm[pos : pos + 1] == "、" and (m := LIST_MEMBER.match(norm, pos + 1)):
        if m.group()[-1] in WATERS and not gaz.lookup(m.group()):
            return True  # 西湖、西溪湿地、湘湖
        pos = m.end()
    return False


# The characters that end a water's name, and a member of a list after and before its mark.
WATERS = frozenset("江河湖溪")
LIST_MEMBER = re.compile(r"[\u4e00-\u9fff]{2,8}(?=[、,;:。和及与等])")
MEMBER_END = frozenset("、,;:。和及与等“”")
LIST_MEMBER_BEFORE = re.compile(r"[\u4e00-\u9fff]{2,8}$")


# What stands around a feature the report names on its own (渭河、藉河、葫芦河流域).
ALONE_BEFORE = "、,;:。“(\n"
ALONE_AFTER = "、,;:。”)等和及与"


def _ends_named_feature(norm: str, start: int) -> bool:
    """Does the division name at ``start`` begin with the last character of a river, lake or mountain (of two to
    four characters) that the report names on its own elsewhere (藉河 in 渭河、藉河、葫芦河; then 藉河南山 is no
    河南)?"""
    if norm[start : start + 1] not in FEATURE_END:
        return False
    return any(k <= start and _named_alone(norm, norm[start - k : start + 1], start - k) for k in (1, 2, 3))


def _ends_feature_named(norm: str, start: int, end: int) -> bool:
    """Is the division name ``norm[start:end]``, ending in a feature's character, the end of a river, lake or
    mountain name one character longer that the report names on its own (柳|根河 where it writes 汾河、柳根河流域:
    no 根河市; 仙海、富乐山、: no 乐山市)?"""
    if norm[end - 1 : end] not in FEATURE_END or not start or not "\u4e00" <= norm[start - 1] <= "\u9fff":
        return False
    return _named_alone(norm, norm[start - 1 : end])  # one character more: 富|乐山, never 法治|昆山


def _named_alone(norm: str, feature: str, besides: int = -1) -> bool:
    """Does ``feature`` stand on its own somewhere in ``norm`` (but at ``besides``): a list's member after its
    first (、藉河、), or a name before 流域 (柳根河流域)?  A first member may be a verb's object (支持|根河、黑河)."""
    at = norm.find(feature)
    while at >= 0:
        after = at + len(feature)
        if at != besides and (
            norm.startswith("流域", after) and (at == 0 or norm[at - 1] in ALONE_BEFORE)
            or norm[at - 1 : at] == "、" and norm[after : after + 1] in ALONE_AFTER
        ):
            return True
        at = norm.find(feature, at + 1)
    return False


def _other_province(doc: Document, d) -> bool:
    """Is division ``d`` of another province than the report's?"""
    return bool(doc.jurisdiction_code) and d.adcode[:2] != doc.jurisdiction_code[:2]


def _mention(doc: Document, start: int, end: int, **extra) -> Mention:
    return Mention(doc.id, "Place", start, end, doc.text[start:end], doc.norm[start:end], attrs(**extra))


# ---------------------------------------------------------------- foreign


# The names China's Ministry of Foreign Affairs gives countries where pycountry's zh_CN translation gives
# another (吉尔吉斯坦, 柬埔塞, 孟加拉) or none: reports write these.
STANDARD_COUNTRY_NAMES = {
    "吉尔吉斯斯坦": "KG", "柬埔寨": "KH", "孟加拉国": "BD", "玻利维亚": "BO", "蒙古国": "MN", "马耳他": "MT",
    "沙特": "SA", "多米尼加": "DO", "危地马拉": "GT", "特立尼达和多巴哥": "TT",
}
#: Short forms among them, which name no country in the graph (沙特 is 沙特阿拉伯).
SHORT_COUNTRY_NAMES = frozenset({"沙特"})


@functools.lru_cache(maxsize=1)
def _country_labels() -> dict[str, str]:
    """ISO 3166 alpha-2 -> the one name the graph gives the country, whatever name the text uses (蒙古 and 蒙古国,
    韩国 and 大韩民国 are one): the foreign ministry's where it differs from the translation, else the shortest."""
    labels: dict[str, str] = {}
    for name, iso in _countries().items():
        if name in SHORT_COUNTRY_NAMES:
            continue
        known = labels.get(iso)
        standard = STANDARD_COUNTRY_NAMES.get(name) == iso
        if known is None or standard or (STANDARD_COUNTRY_NAMES.get(known) != iso and len(name) < len(known)):
            labels[iso] = name
    return labels


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Chinese name -> ISO 3166 alpha-2, from pycountry's zh_CN translations and :data:`STANDARD_COUNTRY_NAMES`."""
    try:
        import pycountry
    except ImportError:  # degrade to the macro-regions alone
        return {}
    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)
    out: dict[str, str] = {}
    for c in pycountry.countries:
        if c.alpha_2 in CHINA_ISO:
            continue
        for english in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            name = zh.gettext(english) if english else ""
            if name and name != english and re.fullmatch(r"[\u4e00-\u9fff]{2,}", name):
                out.setdefault(name, c.alpha_2)
    return {**out, **STANDARD_COUNTRY_NAMES}


def is_country(name: str) -> bool:
    """Is ``name`` a country's Chinese name (韩国, 俄罗斯), China's own aside?"""
    return name in _countries()


@functools.lru_cache(maxsize=1)
def _foreign_re() -> re.Pattern[str]:
    # the longest name at a position, as an alternation sorted longest first would give
    return re.compile(f"(?:{longest_of({*_countries(), *MACRO_REGIONS, *FOREIGN_CITIES})})(?:{REGION_TAIL})?")


def _foreign(doc: Document) -> Iterator[Mention]:
    countries = _countries()
    for m in _foreign_re().finditer(doc.norm):
        name = m.group()
        if doc.norm.startswith(ETHNIC, m.end()):
            continue  # 蒙古族, 朝鲜族: a people of China, not the country
        base = name.removesuffix(REGION_TAIL) if name not in MACRO_REGIONS else name
        if len(base) == 2 and not _foreign_delimited(doc.norm, m.start(), m.start() + len(base)):
            continue
        after = doc.norm[m.start() + len(base) : m.start() + len(base) + 1]
        if name == base and after and after != "国" and in_dictionary(base + after):
            continue  # a word the name opens: 亚洲象 (an elephant), 欧洲杯, 日本海; 东南亚国家 are still its
        if base in FOREIGN_CITIES:
            if name == base:  # 东京地区 is no city
                yield _mention(doc, m.start(), m.end(), iso=FOREIGN_CITIES[base])
            continue
        if base in countries and base not in MACRO_REGIONS:
            label = _country_labels()[countries[base]]
            yield _mention(doc, m.start(), m.start() + len(base), subclass="Country", iso=countries[base],
                           **({"canonical": label} if label != base else {}))
        else:  # a region with 地区 is the region (长三角地区, 关中地区: 长三角, 关中)
            yield _mention(doc, m.start(), m.end(), subclass="Region", **({"canonical": base} if base != name else {}))


def _foreign_delimited(norm: str, start: int, end: int) -> bool:
    left = norm[start - 1 : start]
    if not left or not _is_cjk(left) or left in FOREIGN_LEFT:
        return True
    if left_edge(norm, start, max(0, start - 8)) == start and _is_cjk(norm[start - 2 : start - 1] or "a"):
        return True  # right after a governing word (开通日本)
    return norm[end : end + 1] in FOREIGN_RIGHT


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


# ------------------------------------------------------------ new areas

# The State Council's national new areas that no gazetteer of divisions holds (浦东新区 and 滨海新区 are districts),
# each in the division that holds it (a province where it spans cities): a closed national list.
NEW_AREAS = {
    "雄安新区": "130000", "两江新区": "500000", "舟山群岛新区": "330900", "兰州新区": "620100", "南沙新区": "440100",
    "西咸新区": "610000", "贵安新区": "520000", "西海岸新区": "370200", "金普新区": "210200", "天府新区": "510000",
    "湘江新区": "430100", "江北新区": "320100", "福州新区": "350100", "滇中新区": "530000", "哈尔滨新区": "230100",
    "长春新区": "220100", "赣江新区": "360000",
}
NEW_AREA = re.compile("|".join(sorted(NEW_AREAS, key=lambda n: (-len(n), n))))


def _new_areas(doc: Document) -> Iterator[Mention]:
    """The national new areas a text names; one whose stem is also a division's name (江北新区, 南沙新区) only in a
    report of its own province, where other 新区 share such stems (芜湖's 江北新区 is no 南京's)."""
    if "新区" not in doc.norm:
        return
    from ..gazetteer import Gazetteer

    gaz = Gazetteer.load()
    for m in NEW_AREA.finditer(doc.norm):
        parent = NEW_AREAS[m.group()]
        if gaz.lookup(m.group().removesuffix("新区")) and parent[:2] != (doc.jurisdiction_code or "")[:2]:
            continue
        yield _mention(doc, m.start(), m.end(), subclass="Region", parent=parent)


# ------------------------------------------------------------ road codes


def _road_codes(doc: Document) -> Iterator[Mention]:
    for m in ROAD_CODE.finditer(doc.norm):
        yield _mention(doc, m.start(1), m.end(1), subclass="Road")
    if "国道" in doc.norm or "省道" in doc.norm:
        for m in ROAD_NUMBER.finditer(doc.norm):
            yield _mention(doc, m.start(), m.end(), subclass="Road")


# ----------------------------------------------------------- abbreviations

COUNT_CHARACTERS = frozenset("一二三四五六七八九十百千万两双")


def _abbreviations(doc: Document) -> Iterator[Mention]:
    """“盐临夏”: each character begins the short name of a different division
    near the jurisdiction (or is a province's one-character name)."""
    if not doc.jurisdiction_code:
        return
    spans = [(m.start(1), m.end(1)) for m in QUOTED_ABBREVIATION.finditer(doc.norm)]
    for m in INTEGRATION.finditer(doc.norm):
        # the longest run of 2-4 characters before the word that abbreviates places, starting a word (推进|昌抚一体化:
        # 进 ends the verb, whatever county 进贤 it might begin)
        lo = max(0, m.start() - 8)
        starts = word_starts(doc.norm[lo : m.start()])
        spans += [(m.start() - n, m.start()) for n in (4, 3, 2) if m.start() >= n and m.start() - n - lo in starts]
    done: set[int] = set()
    home = _home_short(doc.jurisdiction_code)
    for start, end in spans:
        name = doc.norm[start:end]
        if end in done or not all(map(_is_cjk, name)) or (home and home in name):
            continue  # a slogan with the report's own name in it (“平安天津”) abbreviates no places
        if len(name) == 2 and name[0] in COUNT_CHARACTERS:
            continue  # nor does a count of things (“四新”, “三农”: four new things, not 四川 and 新疆; but 万开云)
        if any(_names_division(name[:n]) for n in (2, 3) if len(name) > n):
            continue  # a division's name and a product (“枣阳桃”, 枣阳's peaches) abbreviates no places
        if frequency(name) >= RARE_WORD and name not in MACRO_REGIONS:
            continue  # nor does a common word (城乡一体化: town and country, no 城… and 乡宁), but a region's (胶东)
        parent = _abbreviated(name, doc.jurisdiction_code)
        if parent:
            done.add(end)
            yield _mention(doc, start, end, subclass="Region", parent=parent)


# Provinces by their one-character names, side by side (沪苏浙, 晋陕豫, 川渝), or one and a direction in it (皖西,
# 晋东南, 豫西北): regions.
_PROVINCE_CHARS = "".join(PROVINCE_ABBREVIATIONS)
PROVINCE_REGION = re.compile(rf"[{_PROVINCE_CHARS}](?:[{_PROVINCE_CHARS}]{{1,3}}|[东南西北中]{{1,2}})")
# What follows two such characters that name a region (川渝合作, 苏北地区), where they may name a firm (冀中能源,
# 秦川机床), a route (京沪高铁) or be a word's (新台阶).
REGION_WORD = re.compile(r"地区|区域|合作|协作|一体化|同城化|协同|毗邻|边界|交界|两省|之间|等地")
ROUTE_AFTER = re.compile(r"高速|铁路|高铁|城际|客专|动车|公路|通道|管道|干线|航线|班列|线")


def _province_regions(doc: Document, divisions: _Spans) -> Iterator[Mention]:
    """The regions :data:`PROVINCE_REGION` names: of three characters or more (沪苏浙, 晋东南), or of two before a word
    of a region (:data:`REGION_WORD`), where no division is read (陕西|北元化工)."""
    norm = doc.norm
    for m in PROVINCE_REGION.finditer(norm):
        name = m.group()
        region_word = REGION_WORD.match(norm, m.end())
        # a division is read there (陕西|北元化工), unless a region's word follows three characters (黔西北|地区)
        if divisions.overlapping(m.start(), m.end()) and not (len(name) >= 3 and region_word) or (
            len(name) == 2 and not region_word
        ):
            continue
        codes = [PROVINCE_ABBREVIATIONS.get(ch) for ch in name]
        provinces = {c for c in codes if c}
        if len(provinces) == 1 and codes[1] is not None or 1 < len(provinces) < len(name):
            continue  # every character a province of its own (not 蜀川), or one province and its directions
        if ROUTE_AFTER.match(norm, m.end()) or not (region_word or _word_bounded(norm, m.start(), m.end())):
            continue  # a route's name (京港澳高速), or the last character a word's (港澳|青年, 京津冀|港口群)
        parent = COUNTRY_CODE if len(provinces) > 1 else codes[0]
        yield _mention(doc, m.start(), m.end(), subclass="Region", parent=parent)


def _names_division(name: str) -> bool:
    """Is ``name`` the name or short name of a division (枣阳)?"""
    from ..gazetteer import Gazetteer

    return bool(Gazetteer.load().lookup(name))


@functools.lru_cache(maxsize=64)
def _home_short(jurisdiction: str) -> str:
    """The short name of the report's own division, where it has two characters or more."""
    from ..gazetteer import Gazetteer

    try:
        short = Gazetteer.load().get(jurisdiction).short
    except KeyError:
        return ""
    return short if len(short) >= 2 else ""


@functools.lru_cache(maxsize=64)
def _near_divisions(jurisdiction: str) -> tuple[tuple, ...]:
    """Nearest first: the jurisdiction's own divisions, then it and its siblings."""
    from ..gazetteer import Gazetteer

    gaz = Gazetteer.load()
    try:
        home = gaz.get(jurisdiction)
    except KeyError:
        return ()
    # its siblings include it: they are the divisions with its parent
    return gaz.children(home.adcode), gaz.children(home.parent)


@functools.lru_cache(maxsize=4096)
def _abbreviated(name: str, jurisdiction: str) -> str | None:
    """The lowest common ancestor of the divisions ``name`` abbreviates, or None."""
    from ..gazetteer import Gazetteer

    gaz = Gazetteer.load()
    tiers = _near_divisions(jurisdiction)
    if not tiers:
        return None
    codes: list[str] = []
    for ch in name:
        fitting: list[str] = []
        # a character begins the short name, or failing that is in it (长株潭: 湘潭)
        for tier, test in [(t, f) for f in (str.startswith, str.__contains__) for t in tiers]:
            fitting = sorted(d.adcode for d in tier if test(d.short, ch) and d.adcode not in codes)
            if fitting:
                break
        if len(fitting) != 1:
            fitting = [PROVINCE_ABBREVIATIONS[ch]] if ch in PROVINCE_ABBREVIATIONS else []
        if not fitting or fitting[0] in codes:
            return None
        codes.append(fitting[0])
    chains = [[c, *(a.adcode for a in gaz.ancestors(c))] for c in codes]
    common = [c for c in chains[0] if all(c in chain for chain in chains[1:])]
    return common[0] if common and common[0] not in codes else None


# --------------------------------------------------------------- features


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    subclass: str | None
    canonical: str | None = None


def _features(doc: Document, taken: list[tuple[int, int]]) -> Iterator[Mention]:
    norm = doc.norm
    # places that close a later name on the left (临猗|黄河, 西山|永定河), by end
    admin = sorted((e, s) for s, e in taken)
    before = list(admin)
    longest = max((e - s for s, e in taken), default=0)  # of before's places, as it grows
    no_places = [m.span(1) for m in SPEAKER.finditer(norm)]  # 延安市人民政府市长 薛占海: a person
    # and verse, where a report closes (its last fifth)
    no_places += [m.span() for m in COUPLET.finditer(norm, 4 * len(norm) // 5) if len(m.group(1)) == len(m.group(2))]
    for m in _SUFFIX_RE.finditer(norm):
        s = m.start()
        if any(a <= s < b for a, b in no_places):
            continue
        cand = _feature_at(norm, s, m.end(), _near(admin, s, longest), _near(before, s, longest))
        if cand is not None:
            bisect.insort(before, (cand.end, cand.start))
            longest = max(longest, cand.end - cand.start)
            yield _mention(doc, cand.start, cand.end, subclass=cand.subclass, canonical=cand.canonical)


def _near(by_end: list[tuple[int, int]], s: int, longest: int, reach: int = 40) -> list[tuple[int, int]]:
    """(start, end) of the places in ``by_end`` that end within ``reach`` before ``s`` or cover it;
    none is longer than ``longest``, so none ending after ``s + longest`` starts by ``s``."""
    i = bisect.bisect_left(by_end, (s - reach, -1))
    j = bisect.bisect_right(by_end, (s + longest, s + longest))
    return [(a, b) for b, a in by_end[i:j] if a <= s]


def _feature_at(norm: str, s: int, e: int, taken, before) -> _Candidate | None:
    suffix = norm[s:e]
    container = suffix in CONTAINERS
    basin = norm.startswith(BASIN, e) and FEATURE_SUFFIXES[suffix] == "River"
    if any(a <= s < b for a, b in taken):
        return None
    if not basin and SUFFIX_STARTS_WORD.match(norm, s if len(suffix) == 1 else e - 1):
        return None
    # Brackets and administrative names close a feature name on the left.
    floor = 0  # just after the last mark within 30 characters before the suffix
    for i in range(s - 1, max(0, s - 30) - 1, -1):
        if norm[i] in LEFT_MARKS:
            floor = i + 1
            break
    closers = [(a, b) for a, b in (taken if container else before) if b <= s]
    after_place = max([0, *(b for _, b in closers)])
    floor = max(floor, after_place)
    start = _edge(norm, s, e, floor)
    cut = [c.end() for c in STEM_CUT.finditer(norm, start, s)]
    if cut:
        bounds = word_starts(norm[start:s])  # a conjunction inside a word (和平街道) cuts nothing,
        cut = [c for c in cut if c - start in bounds and c - 1 - start in bounds
               and not (c - 1 == start and norm[start - 1 : start] == "、")]  # nor one right after a list's mark (、和义大道)
    if cut:
        start = _edge(norm, s, e, cut[-1])
    area = norm.rfind("区", start, s - 1)
    if area > start and FEATURE_SUFFIXES[suffix] in ("River", "Lake", "Mountain"):
        start = area + 1  # 经开区|颍河: a zone's name closes a river's on the left, as a division's does
    ordinal = ORDINAL_BEFORE.search(norm, start, s)
    if ordinal:
        start = _edge(norm, s, e, ordinal.end())  # 第八届|青海湖国际诗歌节: an event's count is no part of a name
    listed = start > 0 and norm[start - 1] == "、"
    if opens_frame(norm, start, e):
        start += 1  # 以|花园镇、四合乡为重点
    # right after its county a stem names the town whatever verb it looks like (北川|擂鼓镇); a listed name keeps
    # its verbs (解放路、…), but is none where a verb makes one word with a generic one (智能电网、集成电路)
    stripped = _strip_verbs(norm, start, s, e, named=listed or bool(after_place) and start == after_place)
    if stripped is None:
        return None
    if stripped > start and norm[stripped] in ONE_CHARACTER:
        stripped = _edge(norm, s, e, stripped)  # 并且|沿|汾河: a preposition after the words stripped
    start = stripped
    if FEATURE_SUFFIXES[suffix] in BRAND_FEATURES and BRAND_AFTER_FEATURE.match(norm, e):
        return None
    if FEATURE_SUFFIXES[suffix] == "Road" and len(suffix) == 1 and norm.startswith("村", e):
        return None  # a village named after its street (北街村, 南街村): the name goes on
    if FEATURE_SUFFIXES[suffix] == "Mountain" and norm.startswith(MOUNTAIN_HOSPITAL, e):
        return None
    if start == s and after_place == s:
        # named after the place right before: 松山湖, 泸沽湖镇, and after a division 北京路, 广州大道
        start = min(a for a, b in closers if b == s)
        if FEATURE_SUFFIXES[suffix] not in NAMED_AFTER_PLACE and suffix not in SITES_AFTER_PLACE and any(
            a == start for a, _ in taken
        ):
            return None
    seat = start == after_place and after_place and norm[start - 1 : start + 1] in SEAT_WORDS and s - start > 2
    if seat:
        start += 1  # the seat of the division before (张家川县|城|至关山): a generic word, no part of a name
        after_place = start
    area = GENERIC_AREA.match(norm, start, s)
    if area is not None and s - area.end() >= 1:
        start = area.end()  # 城区|南山, 市区|北山: the town's area is no part of the feature's name
        seat = norm[start : start + 1] in ("至", "到")
        after_place = start if seat else after_place
    if start == after_place and norm[start : start + 1] in ("至", "到") and s - start > (1 if seat else 2):
        start += 1  # the other end of a road between two places (歇武镇|至|珍秦镇公路): no part of its name
    if s - start == 1 and start in (b for _, b in closers) and (
        norm[start] == "口" or norm[start] in "东西南北中" and FEATURE_SUFFIXES[suffix] == "Road"
        or FEATURE_SUFFIXES[suffix] in ("Town", "Region") and norm[start - 1] not in TOWN_AFTER_SHORT_NAME
        and norm[start : start + 2] not in _common_words()
    ):
        # the mouth of the feature right before names the town (渔峡口镇, 两河口镇: not 渔峡 and 口镇), as a
        # direction after a place does a road (沙河西路, 北京东路: not 西路 and 东路), and one character after a
        # division's short name a town or a region (阳泉曲镇, 中阳楼街道, 柯桥古镇, 上海大都市圈: not 阳泉市's 曲镇
        # nor a 大都市圈), unless they make a common word (东莞|水乡新城) or follow a full name (新市镇|古镇)
        start = min(a for a, b in closers if b == start)
    stem = norm[start:s]
    name = norm[start:e]
    if suffix in ONE_CHARACTER_FEATURES and (stem.endswith(CROSSING) or _opens_word(norm, start, s, e)):
        return None  # 龙潭|过江|通道, 彰显|江南|文化, 湘|江河, 阳|山水蜜桃: the feature's character is a word's
    slogan = len(NUMERALS.findall(stem)) > 1 and not (
        len(NUMBERS.findall(stem)) == 1 and FEATURE_SUFFIXES[suffix] in ("Road", "Village", "Town"))
    in_list = listed or norm.startswith("、", e)
    town = FEATURE_SUFFIXES[suffix] == "Town"
    if town and norm[s - 1 : e + 1] in ("城镇化", "城镇群"):
        return None  # 中欧|城镇化: urbanisation, no town; 上党|城镇群, 晋中|南|城镇群: a group of towns
    if town and (KIND_OF_TOWN_END.search(stem) or SHARE_OF_TOWNS.fullmatch(stem)) or LEVELS_ONLY.fullmatch(stem):
        return None
    if not _good_stem(stem, in_list and town) or WHOLE_DIVISION.match(stem) or slogan:
        return None
    # 锦绣山河 is the land, 娄山河 a river named after 娄山; a town listed with others may end in 村镇 (段村镇、东泉镇)
    if name in GENERIC_FEATURES or name.endswith(GENERIC_ENDINGS) and not (
        len(name) == 3 and (name.endswith("山河") or town and in_list and name.endswith("村镇") and name[0] not in "小全")
    ):
        return None
    if len(stem) == 1 and (stem in SINGLE_STEM_STOP or name in _common_words() or ROUTE_ABBREVIATION.match(norm, e)):
        return None
    if len(stem) <= 2 and suffix in "江河湖" and ROUTE_OF_THREE.match(norm, e):
        return None
    if suffix in PAST_SITES and (
        len(stem) == 1 or all(ordinary_word(w) for w in words(stem))
        or RUINS_FACILITY.match(norm, e)
    ):
        return None  # a kind of ruins (大遗址, 革命遗址, 工业遗址), none; a park's or museum's name (京张铁路遗址公园)
    start = _great_water(norm, start, e, FEATURE_SUFFIXES[suffix])
    canonical = None
    end = e
    subclass = FEATURE_SUFFIXES[suffix]
    if basin:
        end, canonical = e + len(BASIN), norm[start:e]  # as a great water starts it (落实|黄河流域: 黄河)
    elif suffix == SCENIC_AREA and FEATURE_SHAPED.search(norm, start, s) and (
        s - start >= 3 or MOUNTAIN_SHAPED.search(norm, start, s) and _names_division(norm[start:s])
    ):
        # a scenic area named after its lake or mountain is the feature's (泸沽湖景区: 泸沽湖), a mountain's
        # even where a city is named after it (庐山景区: 庐山)
        canonical, subclass = norm[start:s], FEATURE_SUFFIXES[norm[s - 1]]
    elif subclass == "River" and ESTUARY.match(norm, e):
        end, subclass = e + 1, None  # a river's mouth is a water of its own (珠江口, 长江口), no river
    elif suffix == "街" and ESTUARY.match(norm, e):
        end, subclass = e + 1, None  # a street's end names its quarter (新街口, 东街口), no street
    return _Candidate(start, end, subclass, canonical)


def _opens_word(norm: str, start: int, s: int, e: int) -> bool:
    """Does the one-character suffix at ``s`` open a longer word (彰显|江南|文化, 南京|江北, 湘|江河)?  Then the
    stem before it names no feature: the suffix belongs to the words after it (长江|北岸 keeps its river)."""
    if e >= len(norm) or not _is_cjk(norm[e]) or norm[e] in FEATURE_WORDS:
        return False  # 南小|河水|环境, 毕拉|河口: a word of the water itself
    bounds = word_starts(norm[start : min(len(norm), e + 3)])
    return s - start in bounds and e - start not in bounds


def _edge(norm: str, s: int, e: int, floor: int) -> int:
    """Where a feature name ending in the suffix at ``s`` starts: past the governors, a one-character one
    (在, 向, 和 …) or a preposition only where it is a word of its own (在|周家渡街道, but 向阳街道, 和平街道),
    and never right after a list's mark (南园村、向南村) but where it means around or along (、环|巢湖).  The words
    are read only then: most names start at no such character."""
    start = left_edge(norm, s, floor, max_len=30, governors=WORD_GOVERNORS)
    while (start < s and norm[start] in ONE_CHARACTER and words(norm[start:e])[0] == norm[start]
           and not opens_after_verb(norm, start)
           and (norm[start - 1 : start] != "、" or norm[start] in AROUND_FEATURE)):
        start = left_edge(norm, s, start + 1, max_len=30, governors=WORD_GOVERNORS)
    return start


# How often jieba's dictionary must count a river's or lake's name for it to be one every report means by it
# (长江, 黄河, 汉江, 太湖), whatever words come before it.
GREAT_WATER = 500


def _great_water(norm: str, start: int, end: int, subclass: str | None) -> int:
    """Where a river's or lake's name starts when its words end in a great one's (双柳|长江大桥, 百里|长江生态廊道:
    the Yangtze, at a place along it); a word or two before a lesser one stay its name (南太湖, 运城盐湖)."""
    if subclass not in ("River", "Lake"):
        return start
    last = words(norm[start:end])[-1]
    if len(last) < 2 or end - len(last) - start < 2 or last in GENERIC_FEATURES or frequency(last) < GREAT_WATER:
        return start
    from ..gazetteer import Gazetteer

    # a division's name is no great water's, however often it is written (潮白新河 is no 新河)
    return start if Gazetteer.load().lookup(last) else end - len(last)


def _good_stem(stem: str, listed_town: bool = False) -> bool:
    if listed_town:
        if not 1 <= len(stem) <= MAX_LISTED_STEM or LISTED_STEM_STOP.search(stem):
            return False
        if len(stem) > MAX_STEM and KIND_OF_TOWN.search(stem):
            return False
    elif not 1 <= len(stem) <= MAX_STEM or STEM_STOP.search(stem):
        return False
    return all(_is_cjk(ch) for ch in stem)


def _strip_verbs(norm: str, start: int, stop: int, end: int, named: bool = False) -> int | None:
    """Move ``start`` past leading verbs jieba knows (巩固, 改善) that are words of the name ending at ``end``
    (解放路 and 解放碑步行街 begin with no verb); None when nothing but verbs is left, or when a verb makes
    one word with a generic one after it (集成电路).  A stem ``named`` by the place before it keeps them."""
    verbs = _verbs()
    moved = False
    while stop - start >= 2 and norm[start : start + 2] in verbs:
        if words(norm[start:end])[0] != norm[start : start + 2]:
            rest = norm[start + 2 : end]
            return None if rest in GENERIC_FEATURES or rest in _common_words() else start
        if named and norm[start : start + 2] not in NOT_OF_THE_NAME:
            return start
        start += 2
        moved = True
    if moved and start == stop:
        return None
    return start


def _elsewhere(
    doc: Document, found: list[Mention], taken: list[tuple[int, int]], shorts: dict[str, Mention] | None = None
) -> Iterator[Mention]:
    """Other occurrences of names already found (盐临夏 after “盐临夏”), and of towns' ``shorts``
    (递铺 where 递铺街道 is named)."""
    spans = _Spans([*taken, *((m.start, m.end) for m in found)])
    by_name = {m.name: m for m in sorted(found, key=lambda m: m.start) if len(m.name) >= 2}
    for stem, town in (shorts or {}).items():
        by_name.setdefault(stem, town)
    short_names = set(shorts or ()) - {m.name for m in found}
    ends = {end for _, end in taken}
    if not by_name:
        return
    pattern = re.compile("|".join(map(re.escape, sorted(by_name, key=lambda n: (-len(n), n)))))
    for m in pattern.finditer(doc.norm):
        first = by_name[m.group()]
        if spans.overlapping(m.start(), m.end()) or _opens_brand(doc.norm, first, m.end()):
            continue
        if m.group() in short_names and (not _word_bounded(doc.norm, m.start(), m.end()) or m.start() in ends):
            continue  # a town's short name inside another word (外|高桥, 吴|昌硕), or after a division (深圳市|蛇口…)
        yield Mention(doc.id, "Place", m.start(), m.end(), doc.text[m.start() : m.end()], first.name, first.attrs)


# The kinds of natural feature a town's short name may be read as (天子湖 for 天子湖镇).
NATURAL = frozenset({"Lake", "River", "Mountain"})


def _town_short_forms(found: list[Mention]) -> dict[str, Mention]:
    """The towns ``found`` names with their level, by their names without it (递铺街道 by 递铺, 羊口镇 by 羊口):
    a report that names a town so calls it by the short name too.  A short name that is a word of
    its own or a division's is none."""
    from ..gazetteer import CITY_PARTS, Gazetteer

    gaz = Gazetteer.load()
    out: dict[str, Mention] = {}
    for m in sorted(found, key=lambda m: m.start):
        level = LEVEL_OF_TOWN.search(m.name) if m.attr("subclass") == "Town" else None
        stem = m.name[: level.start()] if level else ""
        if len(stem) >= 2 and frequency(stem) < RARE_WORD and stem not in CITY_PARTS and not gaz.lookup(stem):
            out.setdefault(stem, m)
    return out


def _qualifies(norm: str, m: Mention) -> bool:
    """Does the place ``m`` qualify the name that runs on after it, outside any list?"""
    return norm[m.start - 1 : m.start] != "、" and "\u4e00" <= norm[m.end : m.end + 1] <= "\u9fff"


def _word_bounded(norm: str, start: int, end: int) -> bool:
    """Do jieba's words of the text around it begin at ``start`` and end at ``end``?  A word joining two
    places (至, 、, 和 …) begins no word with what follows it (递铺至|孝丰, where jieba reads 至孝)."""
    floor = max(0, start - 4)
    cuts, pos = set(), floor
    for word in words(norm[floor : end + 4]):
        cuts.add(pos)
        pos += len(word)
    cuts.add(pos)
    return (start in cuts or norm[start - 1 : start] in JOINING) and end in cuts


JOINING = frozenset("至到、和与及")


def _far_names_of_features(doc: Document, admin: list[Mention], found: list[Mention]) -> list[Mention]:
    """The divisions ``admin``, a far one's short name shaped as a mountain's or a water's read as that feature where
    it is listed beside one ``found`` (原山、鲁山、马鞍山 in 淄博's report: mountains, no 鲁山县 of 河南 nor 马鞍山市)."""
    home = doc.jurisdiction_code
    if not home:
        return admin
    by_end = {m.end: m for m in [*found, *admin]}
    by_start = {m.start: m for m in [*found, *admin]}
    out = list(admin)
    for _ in range(2):  # a feature read so is a list mate in turn (原山、鲁山、马鞍山)
        for i, m in enumerate(out):
            code = m.attr("adcode")
            kind = FEATURE_SUFFIXES.get(m.text[-1:])
            if not code or kind not in NATURAL or code[:2] == home[:2] or m.text == m.attr("official"):
                continue
            mates = [by_end.get(m.start - 1) if doc.norm[m.start - 1 : m.start] == "、" else None,
                     by_start.get(m.end + 1) if doc.norm[m.end : m.end + 1] == "、" else None]
            if any(n is not None and n.attr("subclass") == kind for n in mates):
                out[i] = by_end[m.end] = by_start[m.start] = Mention(
                    m.doc, "Place", m.start, m.end, m.text, doc.norm[m.start : m.end], attrs(subclass=kind))
    return out


# What may follow a town's short name in a list of them (观海卫、周巷、龙山等区域).
LIST_NEXT = ("、", "和", "及", "等", ",", "。", ";")


def _listed_town_shorts(doc: Document, found: list[Mention], shorts: dict[str, Mention]) -> list[Mention]:
    """``found``, with the members of a list of the towns' ``shorts`` read as those towns (观海卫、周巷、龙山等区域
    where 观海卫镇 and 周巷镇 are named: no 观海, no road 周巷), two of them at least side by side.  A list of them
    all shaped as waters or mountains stays one of features (阳澄湖、淀山湖: lakes), and one alone among others
    is what the others are (八泉峡、黄崖洞、灵空山等景区: a sight, though 黄崖洞镇 is named)."""
    if not shorts:
        return found
    norm = doc.norm
    stems = sorted(shorts, key=len, reverse=True)
    as_town: dict[int, Mention] = {}
    for m in found:
        if m.attr("adcode") or m.attr("subclass") == "Town":
            continue
        stem = next((s for s in stems if norm.startswith(s, m.start) and len(s) >= m.end - m.start), None)
        end = m.start + len(stem) if stem else 0
        listed = norm[m.start - 1 : m.start] == "、" or norm[end : end + 1] == "、"
        if stem and listed and norm[end : end + 1] in LIST_NEXT:
            town = shorts[stem]
            as_town[m.start] = Mention(m.doc, "Place", m.start, end, doc.text[m.start : end], town.name, town.attrs)
    runs: list[list[int]] = []  # the starts of those listed side by side
    for start in sorted(as_town):
        if runs and norm[as_town[runs[-1][-1]].end : start] in ("、", "和", "及"):
            runs[-1].append(start)
        else:
            runs.append([start])
    read_as = {m.start: m.attr("subclass") for m in found}
    keep = {start for run in runs if len(run) > 1 and any(read_as[s] not in NATURAL for s in run) for start in run}
    return [as_town[m.start] if m.start in keep else m for m in found]


def _as_town(m: Mention, town: Mention) -> Mention:
    return Mention(m.doc, "Place", m.start, m.end, m.text, town.name, town.attrs)


def _opens_brand(norm: str, place: Mention, end: int) -> bool:
    return place.attr("subclass") in BRAND_FEATURES and BRAND_AFTER_FEATURE.match(norm, end) is not None


# ------------------------------------------------------ jieba's dictionary


def _jieba_entries() -> Iterator[tuple[str, int, str]]:
    spec = find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 3 and len(parts[0]) == 2:
                yield parts[0], int(parts[1]), parts[2]


@functools.lru_cache(maxsize=1)
def _dictionary() -> tuple[frozenset[str], frozenset[str]]:
    """(two-character verbs and adverbs, two-character common words with a feature suffix), kept between
    processes (see :mod:`kg.derived`)."""
    from ..derived import kept

    return kept("place-lexicons", _read_dictionary)


def _read_dictionary() -> tuple[frozenset[str], frozenset[str]]:
    one_char = {s for s in FEATURE_SUFFIXES if len(s) == 1}
    verbs, common = set(), set()
    for word, freq, tag in _jieba_entries():
        if tag in VERB_TAGS and freq >= VERB_MIN_FREQ:
            verbs.add(word)
        if word[-1] in one_char and tag not in ("ns", "nr", "nrt", "nz") and freq >= 20:
            common.add(word)
    return frozenset(verbs), frozenset(common)


# Words jieba tags otherwise that stand before a water's name as verbs do, no part of it: a stretch of the water
# (官厅水库|上游|洋河) and what is done against a flood (全力|抗击|海河流域…洪涝灾害).
NOT_OF_THE_NAME = frozenset({"上游", "中游", "下游", "抗击", "抵御"})


@functools.lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    return _dictionary()[0] | NOT_OF_THE_NAME


def _common_words() -> frozenset[str]:
    return _dictionary()[1]


def listed_place(doc: Document, start: int) -> int | None:
    """The end of the place at ``start`` when it is listed after another place (锦绣路、|杨高路…): the
    spec's shared-head rule makes the members of ``A、B<head>`` places and what follows the last one a
    project (a policy) of them all."""
    end_at, ends = place_spans(doc)
    end = end_at.get(start)
    if end is None or doc.norm[start - 1 : start] != "、" or (start - 1) not in ends:
        return None
    if doc.norm.endswith(tuple(PAST_SITES), 0, start - 1):
        return None  # ruins list the heritage after them, no place works share (良渚古城遗址、大运河…)
    return end


# What a place does to make a project or a designation of its own (赤水市|建设|国家全域旅游示范区, 仁怀市|打造|…).
BUILDS = re.compile(r"(?:加快|全力|积极|成功)?(?:建设|创建|争创|创成|打造|申建|申报)")


def building_place(doc: Document, start: int, head_start: int) -> int | None:
    """Where the object begins when the place at ``start`` builds it (赤水市建设|国家全域旅游示范区): the place
    is the clause's subject.  Other verbs after a place may belong to a name (昆山深化两岸产业合作试验区)."""
    end = place_spans(doc)[0].get(start)
    acts = BUILDS.match(doc.norm, end, head_start) if end is not None else None
    return acts.end() if acts else None


def place_spans(doc: Document) -> tuple[dict[int, int], set[int]]:
    """The places' ends by their starts, and the set of their ends (once per extract run)."""
    def spans(d: Document) -> tuple[dict[int, int], set[int]]:
        end_at = {p.start: p.end for p in mentions_of(d, "places")}
        return end_at, set(end_at.values())

    return once(doc, "places.spans", spans)
