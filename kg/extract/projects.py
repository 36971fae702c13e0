"""Projects: named construction and investment undertakings, found by their head word.

``<governor><name><head>``: 有序推进垣曲一期抽水蓄能项目建设 → 垣曲一期抽水蓄能项目.
Heads are the kinds of thing a government builds (:data:`PROJECT_HEAD`: 项目,
大桥, 客专, 高速, 产业园, 中心, 基地, 电站, 博物馆 …) and the works done to a
road (改扩建, 北延, 改建).  Lists follow the spec's shared-head rule:

* ``A、B、C等项目`` (a generic class after 等): each member is a project,
  whether or not it carries a head (焦化苯、水溶肥、永磁材料等16个重点项目);
* ``A、B等<works>项目`` whose members carry no head (人民南路、中银路…等雨污分流及道路改造项目):
  the members are places and the head phrase after 等 is one project;
* ``A、B<works>`` without 等 (磁窑村、段村传统村落保护与古村镇开发): the same, when
  the members are places, the list is the whole object of its clause and the
  works phrase a nominal that runs to the clause end; and when the phrase ends
  in a head (锦绣路、杨高路雨污分流改造项目) and the members are places.

A launched development of a mountain, river or lake (启动交城山森林康养) is a
project named by the feature and the development nominal.

A public facility (医院, 博物馆, 书房 …) is a project only where the
sentence builds it (:data:`BUILD_CONTEXT`); a facility named by its class
(社区…服务中心, 县人民医院) is no one project.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..document import Document
from ..model import Mention
from . import extractor, mentions_of, once
from .enterprises import listed_spans
from .places import BASIN, building_place, listed_place, place_spans
from .grammar import (
    CONJUNCTION,
    COUNTED,
    ENGINEERING,
    NAME_JOINER,
    PERIOD_QUOTE,
    PREDICATE,
    QUOTED,
    after_conjunction,
    after_list_closer,
    after_predicate,
    canonicalise,
    holds,
    left_edge,
    quick_start,
    quoted_spans,
    trim_left,
)

# Facilities, parks and zones that other reports build (鹏城实验室, 北京量子信息科学研究院,
# 翠湖湿地公园, 南沙河滨水绿道, 韩江流域生态廊道, 德清地理信息小镇, 安吉经济开发区,
# 横琴粤澳深度合作区, 中关村科学城核心区, 卫城镇中心校, 盐源县第二中学): projects only where
# the sentence builds or opens them (:data:`FACILITY`).
# Buildings of a hospital or a school (莎车县人民医院门急诊楼).
_BUILDINGS = r"(?:综合|门急诊|住院|医技综合|医技|教学|科研)楼"
_BUILT_HEADS = (
    r"实验室|研究院|研究中心|湿地公园|森林公园|公园|绿道|生态廊道|廊道|小镇|经济开发区|开发区|合作区|"
    r"科学城(?:核心区)?|科技城|(?:知识|智慧|金融|创新)城(?!市)|服务区|"
    r"中心校|[一二三四五六七八九十\d]*中学|(?<!中)小学|幼儿园|(?<![中小职])学校|"
    rf"综合保税区|保税区|陈列馆|体育中心|污水处理厂|净水厂|水厂|{_BUILDINGS}|"
    r"高新区|经开区|化工园区|化工园|新区|临空经济区|灌区|科学中心|旅游度假区|风景名胜区|民俗园|牧场|"
    r"(?:铁路|无水)港(?![区口])|度假区|历史文化街区|街区|旅游区|免税城|购物中心|口岸|煤矿|露天矿|港口(?!岸|城市)|分院|"
    # a new town where it is what is built, not the place of a facility in it (东部新城数据中心)
    r"新城(?=[,。;、和及与等]|建设|基础设施|开发|$)|科教城|广场|医药港|卫生院|生态城|金融区|科创园|科创城|航空城|"
    # plants, parks, centres and a city's stations by their direction (郑州南站, but 长沙南站综合交通枢纽 is one name)
    r"新工厂|超级工厂|科创带|科创走廊|健身中心|健身馆|商贸城|集结中心|救治中心|大学城|职教城|总部大楼|创业园|游艇中心|"
    r"奥体中心|智慧岛|金融岛|母港|出海口|创新带|长江通道|(?<=[\u4e00-\u9fff]{2})[东南西北]站(?=[,。;、和及与等]|规划建设|建设|建成|投入|投用|开通|改造|扩建|$)|"
    # works of transport and utilities (工业北路快速路, 鹤洞立交, 西站综合客运枢纽, 110千伏城南变电站)
    r"快速路网|快速路|快线|轻轨|有轨电车|立交|互通|火车站|高铁站|客运站|变电站|换流站|泵站|综合管廊|物流港|体育场|滑雪场|"
    # the facilities of big science (中国散裂中子源二期, 合肥先进光源, 全超导托卡马克核聚变实验装置, …综合研究设施)
    r"中子源|光源|(?:实验|试验|研究|探测|测量)(?:装置|设施)|"
    # an industrial district where it is what is built, not the place of a project in it (南港工业区120万吨乙烯…项目)
    r"工业区(?=[,。;、和及与等]|建设|改造|提升|开发|搬迁|$)"
)
# Works still being built, whatever else they are (机场三期续建工程, 二通道(慈江)工程, 码头工程): never a programme's
# 工程, as a restoration may be (入选全国生态保护修复工程).
_BUILDING = r"续建|码头|通道(?:\([\u4e00-\u9fff]{2,6}\))?"
BUILDING_WORKS = re.compile(rf"(?:{_BUILDING})工程$")
# Works a 工程 of them names (防洪工程, 生态保护与修复工程): the head itself says what is built.
_WORKS = (r"(?:防洪|治理|后续|供水|引水|调水|排涝|加固|节水|灌溉|整治|改造|迁建|拓宽|连通|清淤|技改|扩建|改建|新建|主体|变电|提质增效|"
          # ... a channel dredged or a runway lengthened (新孟河延伸拓浚工程, 跑道延长工程), works upgraded after
          # repair (筼筜湖生态修复提升工程), a power line (特高压直流工程)
          # ... a canal or an airfield's paving built (德泽水库干渠工程, 场道工程)
          rf"截污|修复|修缮|延伸|配套|扩能|扩容|增容|复航|风貌提升|输电|拓浚|延长|(?:修复|整治|治理|改造)提升|[直交]流|输变电|"
          rf"干渠|场道|{_BUILDING})")
WORKS_HEAD = re.compile(rf"{_WORKS}工程")
# A water transfer by its source and destination (引江济淮, 引黄入晋, 南水北调中线): its 工程 names a construction.
DIVERSION = r"(?:引[\u4e00-\u9fff]{1,2}[济入补][\u4e00-\u9fff]{1,2}|南水北调(?:[东中西]线)?(?:后续|配套)?)"
DIVERSION_NAME = re.compile(DIVERSION)
# A section of works by its place (延安段, (上海段)), not a stage (实施阶段).
LINE_SECTION = re.compile(r"\(?[\u4e00-\u9fff]{2,4}(?<!阶)段")
_HEADS = (
    # a section of a line, named by its place (昌赣高铁瑞金段)
    r"(?:客专|高铁|城际铁路|城际|铁路|高速公路|高速|轨道交通)(?:(?![沿线建设的和及与至到])[\u4e00-\u9fff]){2,4}段|"
    # ... or by its two ends (沿江高铁武汉至宜昌段, 京港澳高速新乡至郑州段)
    r"(?:客专|高铁|城际铁路|铁路|高速公路|高速)(?:(?![线建设的和及与至到、])[\u4e00-\u9fff]){2,5}至"
    r"(?:(?![线建设的和及与至到、])[\u4e00-\u9fff]){2,5}段|"
    # a road named by its two ends (洛川至黄陵公路, 宜川至延长二级公路)
    # ... and its section (沿河至榕江高速公路铜仁段)
    r"至(?:(?![线建设的和及与至到、])[\u4e00-\u9fff]){2,6}?(?:[一二三]级)?公路"
    r"(?:(?:(?![线建设的和及与至到、])[\u4e00-\u9fff]){2,4}段)?(?:改建|改造|改扩建)?|"
    # a numbered bridge over a river (湘江四桥), a port's phase (白洋港二期)
    r"(?<=[\u4e00-\u9fff])[一二三四五六七八九十]桥|(?<=[\u4e00-\u9fff])港(?=[一二三四五六七八九十\d]+期)|"
    # an intercity line named by its two ends (佛莞城际, 宁句城际建成通车)
    r"(?<=[\u4e00-\u9fff]{2})城际(?=[,;。、和及]|建设|项目|等|开通|通车|建成|加快|全线|开工|前期)|"
    # a metro between two cities by their abbreviations (广佛地铁), as 城际 is
    r"(?<=[\u4e00-\u9fff]{2})地铁(?=[,;。、和及]|建设|项目|开通|通车|建成|加快|全线|开工)|"
    # works built in sections (吴淞江工程(上海段), 陕北至安徽特高压直流工程延安段): a line, however general its words
    rf"工程(?={LINE_SECTION.pattern})|"
    r"项目|大桥|特大桥|客专|客运专线|高铁|城际铁路|城际轨道交通|城际延伸线|铁路改线|铁路|高速公路|高速|机场改扩建|航站楼|航站区|"
    r"机场|港区|码头|枢纽节点|枢纽|隧道|"
    r"产业园区|产业园|合作园区|合作园|示范园区|示范园|工业园区|工业园|工业集中区|科技园区|科技园|物流园区|物流园|园区|航道|新院区|院区|新校区|校区|集聚区|物流中心|数据中心集群|数据中心|"
    r"商务区|商务中心区|中心区|商圈|"
    r"(?:云计算|超算|算力|计算)中心|(?:外送|输电|输气|出海|快速)通道|陆港(?![\u4e00-\u9fff]{0,4}(?:园|区|中心|基地))|"
    r"加工园(?!区)|(?<![A-Za-z\d])[A-Z]\d{1,2}线|"
    r"(?<![A-Za-z\d])\d{1,2}号线(?:[东南西北]延(?:线|伸段|伸|段)?|支线|延长线|延伸段|[东南西北]段|"
    # a section of a metro line by its two ends (地铁6号线集美至同安段)
    r"(?:(?![线建设的和及与至到、])[\u4e00-\u9fff]){2,5}至(?:(?![线建设的和及与至到、])[\u4e00-\u9fff]){2,5}段)?|"
    r"[会展服务艺术营运创新研发检测]+中心|(?<!宅)基地|电站|电厂|储能站|"
    r"博物馆|博物苑|博物院|植物园|图书馆|美术馆|纪念馆|文化馆|艺术馆|体育馆|科技馆|展览馆|大剧院|歌剧院|保健院|医院|商品城|平台|生产线|总装线|连接线(?:改造)?|联络线|延长线|延伸段|"
    r"旅游公路|改扩建|[东南西北]延(?:伸|线)?|(?<=[路道街])[东南西北]段|段改建|段改造|改线|书房|乐园|综合体|跨海通道|跨江通道|"
    r"过江通道|[一二三四五六七八九十\d]+期工程|"
    rf"{_WORKS}工程|"
    # a water transfer by its source and its destination (引江济淮工程, 引黄入晋工程, 南水北调中线工程)
    rf"{DIVERSION}工程|"
    # the works on a facility a 工程 names (万荣县污水管网建设工程, 扎青乡电网延伸工程, 神农坛景区提升工程), or on a
    # heritage site or a street (遵义会议会址保护利用提升工程, 大理古城保护提升工程, 复兴大街城市更新工程)
    r"(?:管网|电网|管道|道路|景区|旅游区|体育中心|水库|场馆|堤防)(?:基础设施)?(?:建设|延伸|提升|改造|提质)工程|"
    r"(?:遗址|会址|旧址|故居|古城|古镇|民居|大街|大道)(?:保护|利用|展示|修缮|提升|改造|城市更新){1,3}工程|"
    rf"{_BUILT_HEADS}"
)
# What a head before it names is the age of such things (高铁时代, 地铁时代), or a line's the network of such lines
# (高铁网, 高速公路网).
ERA = "时代"
NETWORK = re.compile(r"(?:铁路|公路)?网")
LINE_KIND = re.compile(r"(?:高铁|铁路|公路|高速|城际|轨道交通|地铁)$")
# A batch of things of a kind, however many words name the kind.
MANY = ("一批", "一系列")
# What makes the name after it a role to play, not a facility's (全国重要的…基地, 国内领先的…, 面向东盟的…枢纽).
ROLE_BEFORE = re.compile(r"(?:重要|领先|一流|知名|最大|世界级|面向[\u4e00-\u9fff]{1,6}|辐射[\u4e00-\u9fff]{1,6})的$")
ROLE_REACH = 10
# A phase, a new building or the works of a head belong to the name (天府国际机场二期, 南沙港区四期工程,
# 北延线工程, 瑞金市图书馆新馆, 市图书馆东津馆, 佛山图书馆扩建工程).
PHASE = (
    r"(?:新馆|[东南西北]馆|(?<=馆)(?:(?![和及与等的])[\u4e00-\u9fff]){2}馆|新址|新院(?!区))?(?:[一二三四五六七八九十\d]+期)?"
    # ... the whole of works named by two verbs (人民医院改造提升, 产业园区扩容提质)
    r"(?:(?:扩建|改扩建|迁建|改造(?:提升|升级)?|扩容(?:提质)?)(?:工程)?|工程)?"
)
# A head that a fuller name goes on after is not the end (市第一人民医院新院区, 黄花国际机场T3航站楼,
# 县人民医院门急诊楼).
NOT_THE_END = (
    rf"公司|企业|集团|建设项目|口岸|临空经济区|港(?![区口])|新?院区|新?校区|[A-Z]?\d*航站[楼区]|{_BUILDINGS}|"
    r"联络线|连接线|[\u4e00-\u9fff]{1,4}分院|(?:全民)?健身馆"
)
# The section of a head in a place goes on its name too (温榆河公园朝阳段二期, 地铁12号线南山段).
# A section of a line, by its place or its direction (枣潜高速襄阳北段, 襄阳绕城高速南段).
SECTION = (
    r"(?:(?:(?:(?![线建设的和及与至到、等])[\u4e00-\u9fff]){2,4}|[东南西北中])段(?=[一二三四五六七八九十\d]+期|[,。;、和及建开通]))?"
)
PROJECT_HEAD = quick_start(re.compile(
    rf"(?:{_HEADS})(?!{NOT_THE_END}){SECTION}{PHASE}(?:\([^()]{{1,12}}\))?(?:及引线|及配套工程|及附属工程)?"
))
# A stretch of text that ends in a head: the left conjunct of 关公博物馆和山西壁画博物馆.
ENDS_IN_HEAD = re.compile(
    rf"(?:{_HEADS})(?:\([^()]{{1,12}}\))?(?:建设|改造|扩建|扩容|扩产|扩能改造|改扩建|提质改造|提标改造|升级改造|提档升级|市政化改造)?(?:工程)?$"
)
# A left conjunct that ends so is a name of its own: a project's head and its phase, a centre, a hall, a cluster
# or a designation (重庆图书馆新馆和|重庆科技馆, 奥体中心和|重庆市体育馆, 南京江北新区数据中心集群和|…,
# 无锡国家传感网创新示范区和|雪浪小镇).
CONJUNCT_END = re.compile(
    rf"{ENDS_IN_HEAD.pattern}|(?:{_HEADS}){PHASE}$|(?:集群|示范区|试验区|先行区|中心|馆)$"
    # ... or in an activity, no part of what is built (伏羲文化研究和|中华人文始祖文化旅游区), or in the role a
    # place is to play (楚文化旅游目的地和|化工新材料基地, 区域中心城市和|食品产业基地)
    r"|(?:研究|传承|培养|培训|宣传|推广)$|(?:目的地|城市|高地|名城|之都|门户|样板|标杆)$"
)
# Facilities that are projects only where the sentence builds them.
FACILITY = re.compile(
    rf"(?:博物馆|博物苑|博物院|植物园|图书馆|美术馆|纪念馆|文化馆|艺术馆|体育馆|科技馆|展览馆|大剧院|歌剧院|保健院|医院|商品城|航道|书房|服务中心|"
    rf"学校|院区|校区|{_BUILT_HEADS})$"
)
# A facility the government works with: 与 before it, a verb of working together after (与…医院|共建…).
PARTNER_BEFORE = re.compile(r"[与同][^,;:。、]{0,8}$")
PARTNER_VERBS = ("共建", "合作", "联合", "共同")
# A zone named by its place is one whatever the sentence does with it (林州经济技术开发区晋升为省级开发区, 推动天津经济技术
# 开发区、滨海高新区高质量发展); the place is what makes it a name.
PLACED_ZONE = re.compile(r"(?:开发区|高新区|经开区|合作区|保税区|新区)$")
RANKED = re.compile(r"国家级|省级|全国|全省|全市")
# Topping out and opening a new venue (主体结构封顶, 试开放) are milestones of works on it, and upgrading a facility is
# works on it too (市图书馆提档升级, 市体育馆提质改造, 黔灵山公园提质, 保税区提升能级,
# 深圳湾公园品质提升).
BUILD_CONTEXT = re.compile(
    r"建|开工|竣工|投用|启用|前期|打造|贯通|投产|通车|进度|挂牌|揭牌|投入使用|开放运营|开业|开园|开馆|开街|封顶|试开放|全面开放|"
    r"改造|升级|修缮|扩容|扩区|扩能|提质|提档|能级|品质"
)
# A kind of firm before 项目 makes the projects of such firms (房地产企业项目, 外资企业项目), not one; a facility
# for them is one (RCEP企业服务中心).
# ... as are the works of such firms (龙头企业扩能项目, 企业技术改造项目).
FIRMS = re.compile(r"企业(?:扩能|扩产|增资扩产|技改|技术改造|改造|升级|转型升级|扩能改造)?$")
# Words that make a prefix generic rather than a name: 重点项目, 工程建设项目, 一批项目.
GENERIC_PREFIX = re.compile(
    r"^(?:重点|重大|一批|有关|相关|各类|各项|全部|所有|个别|新|大|该|本|这些|项目|等|建设|工程建设|工程|基础设施|政府投资|"
    # what partners build together, unnamed (共建|联合实验室)
    r"联合|"
    # a time (年底|高速公路通车里程…)
    r"年底|年内|今年|明年|全年|"
    # a verb of the drive for projects (拼经济、抓项目, 跑项目, 争项目)
    r"抓|跑|争|引|谋|上|拼|"
    r"全市|全县|全区|全州|全省|全盟|全旗|文旅|[一二三四五六七八九十]期|"
    # kinds of platform (开放平台, 数字经济平台, 重大科技平台)
    r"开放|创新|科创|科技|数字|数字经济|双创|金融|贸易|物流|技术|工业互联网|产教融合|"
    r"固定资产投资|投资|民生|招商引资|招商|产业|新开工|续建|在建|签约|开工|竣工|投产|储备|前期|后续|接续|省级|市级|县级|"
    # kinds of project by their money or aim (专项债项目, 以工代赈项目, 补短板项目, 技改项目)
    r"专项债|专项债券|中央预算内|以工代赈|补短板|技改|技术改造|城市更新|新基建|冰雪|"
    r"国家级|配套|公共|公益|城市|农村|乡村|旅游|综合|示范|标准化|服务|交通|水利|能源|重点工程|两个|一个|"
    r"[\u4e00-\u9fff]{1,3}性|[\u4e00-\u9fff]{1,4}类|\(\)|"
    # kinds of park, not one park (加大体育公园、公共体育场馆…建设)
    r"体育|口袋|郊野|休闲|街心|生态|森林|湿地|主题|滨水|社区|特色|"
    # kinds of zone (国家级经济技术开发区), of shopping district (传统商圈, 国际消费中心商圈) and of school (特殊教育学校)
    r"经济技术|高新技术产业|高新技术|传统|国际消费中心|中央|核心|改扩建|特殊教育|公办|民办|寄宿制|九年一贯制|"
    # each (各项目 of 各项|目标任务), and kinds of project by their field or rank (重点医疗项目, 非遗项目, 标杆示范项目),
    # and a grade a facility is rated at (创建|三级医院, 三甲医院)
    r"各|医疗|卫生|教育|非遗|标杆|合作|房地产|[一二三]级(?:甲等|乙等)?|三甲|二甲|"
    # the programmes that enlarge good resources (优质医疗资源扩容工程)
    r"优质|资源|"
    # the key projects of a level of government (省重点项目, 省市重点项目), not a facility of one (市会展中心)
    r"[省市县区](?=[省市县区]?重点))*$"
)
# What a phrase after a list's 等 may name as one project: works the listed places share (…等雨污分流改造项目).
WORKS_AFTER_LIST = re.compile(r"项目|工程|改|扩|延")
# The projects of a kind of line are a class (…等轨道交通项目), where 轨道交通6号线 names a line.
KIND_OF_LINES = re.compile(r"(?:城市)?轨道交通")
# A count a class of things reached (国家级企业技术中心|达到18家, 省级以上创新平台|突破200家).
REACHES = re.compile(r"(?:总数|数量)?(?:达到|达|突破|超过|增至|增加到|增加至|增长到)")
# A firm or university that builds the project is its subject, not part of its name
# (引进四川川投能源股份有限公司建设|盐源县光伏发电项目, 支持电子科技大学建设|天府实验室).
BUILDER = re.compile(r"(?:公司|集团|大学|学院|研究院|企业|高校)(?:投资建设|牵头建设|合作建设|投资|建设|新建|共建)")
# ... as is one a government supports or urges in building it (支持安琪酵母建设|酵母绿色制造产业园,
# 支持柳钢集团实施|中金不锈钢冷轧项目, 支持枝江、当阳建设|…产业园).
SUPPORTED_BUILDER = re.compile(r"(?<=支持|推动|鼓励|引导|帮助)[\u4e00-\u9fff、]{2,12}?(?:投资建设|建设|实施|新建)")
# ... and the partners a subject builds it with (广东海洋大学与宝钢湛江钢铁、巴斯夫、中科炼化共建|联合实验室).
PARTNERS_BUILD = re.compile(r"(?<=[与同])[\u4e00-\u9fff、]{2,30}?(?:共建|合建|联建|合作建设|联合建设|共同建设)")
# A verb inside the stretch before a head ends the subject that did it (宜秀区|建成|口袋公园,
# 盐湖区|建成|运城大数据中心): the name is what follows it.  Besides the predicates of any clause,
# a project is brought in, newly built, launched, aided, pushed on or built by a subject (某县|引进|…产业园,
# 肇州县|重点建设|永乐镇…园区, 在叶坪乡|建设|红色培训基地).
DONE_VERB = re.compile(rf"{PREDICATE.pattern}|成功创建|创建|申报|引进|新建|推进|打造|布局|启动|援建|(?:重点|着力|全力|加快|大力|积极|(?<=[镇乡村县]))建设")
# The count of the places a list names, between the last and the head they share (洪洞、…、乡宁|四大|…园区).
LIST_COUNT = re.compile(r"(?:[二三四五六七八九十两]|\d+)[大个]")
# ... or counts them by their level, and something else joins them (银川、…、中卫|五市和|宁东能源化工基地): the head is
# the other's alone.
COUNTED_AND = re.compile(r"(?:[二三四五六七八九十两]|\d+)[省市县区州盟旗镇乡村]+[和及与]")
# Predicates whose object is a title or a list won or applied for, not a project (获评全国自然教育基地, 入选…保护项目,
# …公司申报|国家级企业技术中心).
TITLE_VERBS = ("获评", "入选", "列入", "纳入", "获批", "升级为", "晋升为", "成为", "申报")
# A line named by its number alone is a name (地铁6号线、3号线一期): the city's metro.
NUMBERED_LINE = re.compile(r"\d{1,2}号线|[A-Z]\d{1,2}线")
# A range of levels makes a class (省级以上创新平台).
RANGE = re.compile(r"以上|以下|及以上")
# A name that starts with a class names a kind of facility, one per place.
CLASS_NAME = re.compile(r"^(?:社区|乡镇|城镇|村级|街道|基层|各级|各地|每个|学校|企业)")
# A name that starts with a level below the report's own names one per division
# (县人民医院 in a city's report); at the report's own level it is one (县人民医院 in a county's).
LEVEL_RANK = {"省": 1, "自": 1, "市": 2, "州": 2, "盟": 2, "县": 3, "区": 3, "旗": 3, "乡": 4, "镇": 4, "村": 5}
# Works done to a named natural feature (中条山生态修复治理).
FEATURE_WORKS = re.compile(
    r"([\u4e00-\u9fff]{1,4}(?:山|河|湖|江|渠|海)(?:流域)?)(?:生态保护修复|生态修复治理|生态修复|综合治理|综合整治|生态治理)"
)
FEATURE_WORKS_NEEDS = (("生态", "综合"),)  # every works word holds one
# A development of a named natural feature launched as a whole object (启动交城山森林康养,
# 打造罗浮山森林康养, 启动滴水湖综合开发): the feature and the development nominal,
# up to the clause end.  Only launching or building verbs govern such a project;
# 发展黄河文化旅游 names a sector.
FEATURE_DEVELOPMENT = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:康养|旅游开发|综合开发|保护与开发)(?=[,。;:]|$)")
DEVELOPMENT_VERB = re.compile(r"(?:启动|开工|建设|打造|实施|推进|加快)$")
NATURAL_FEATURES = frozenset({"Mountain", "River", "Lake", "Canal"})
# Works that upgrade a place, up to the clause end (泸沽湖景区提档升级, 陈石水库除险加固), or enlarge it (弓上水库扩容,
# 郑开大道快速化改造: made an expressway).
_UPGRADE = (r"(?:提档升级|提质升级|提质改造|改造提升|提升改造|升级改造|改造升级|提级改造|拓宽改造|加宽改造|除险加固|扩容提质|"
            r"扩容|快速化改造)")
UPGRADE = re.compile(rf"{_UPGRADE}(?=[,。;、和及与]|$)")
# A road's works may be plain 改造 and name the section they are on (锦江大道改造, G209垣曲段提级改造).
ROAD_UPGRADE = re.compile(rf"(?:[\u4e00-\u9fff]{{2,4}}段)?(?:{_UPGRADE}|改造|改建|改扩建)(?=[,。;、和及与]|$)")
# Works done to a place, then 和 and another place's works (涝河水库除险加固和|曲沃县浍河二库扩容工程): two projects.
# Works joined to more works of the same thing are one (邕江综合整治和开发利用二期工程).
WORKS_BEFORE_JOINER = re.compile(rf"(?:{_UPGRADE}|改造|改建|改扩建|扩建|整治|治理|修复|加固)$")
# Before a list's 、, the works of the member before it: that member has works of its own, so the next one does too
# (G209垣曲段提级改造、G241万荣段提质改造), where 叶坪、瑞金景区提档升级 share theirs.
OWN_UPGRADE_BEFORE = re.compile(rf"(?:{_UPGRADE}|改造|改建|改扩建)$")
# A list closed by a generic class of projects: its members are projects.  工程 that opens a word of
# engineering or a kind of firm (等工程机械企业, 工程师) closes no list of projects.
PROJECT_LIST = re.compile(
    r"((?:[^、,;:。“”]{2,24}、)+[^、,;:。“”等]{2,24}?)(?:等|共)?(?:\d+个|一批)?"
    r"(?:重点|重大|大|产业|续建|新建|在建|水利|轨道交通|交通|能源|文旅|旅游|冰雪|体育|民生|农业|工业|基础设施)?(?:项目|工程)"
    rf"(?!{ENGINEERING}|[\u4e00-\u9fff]{{0,4}}(?:企业|公司|集团))"
)
# What a sentence must hold for PROJECT_LIST to match in it (grammar.holds).
PROJECT_LIST_NEEDS = (("、",), ("项目", "工程"))
# After 等, a phrase of works shared by the listed places (…等雨污分流及道路改造项目, …等排洪通道改造).
SHARED_WORKS = re.compile(r"等([\u4e00-\u9fff]{2,12}?(?:项目|工程|改造|改建|扩建|整治|治理))(?=[,。;、建]|$)")
# Without 等, the works shared by a list of places (磁窑村、段村|传统村落保护与古村镇开发,
# 天河区、海珠区|城中村改造): a nominal of works or development that runs from
# the last place to the end of the clause, or to the progress a review reports (小清河、滚河、蛮河|综合治理|有序推进);
# works may end in 提升 (学院路、中关村大街|综合整治提升).
SHARED_HEAD = re.compile(
    r"(?![等和及与])[\u4e00-\u9fff]{2,14}?(?:保护|开发|改造|改建|扩建|整治|治理|修复)(?:提升|提质)?"
    r"(?=[,。;:]|$|(?:有序|加快|扎实|稳步|持续|顺利|全面)推进|(?:基本|全面|顺利)?完成|进展顺利|成效明显)"
)
SHARED_HEAD_MIN = 4
# The fewest characters of a head listed places share whole (综合保税区, 机场改扩建; not 机场, 项目).
SHARED_BARE_MIN = 3
ROUTE_JOINERS = ("至", "到")
# Verbs and adverbs that make such a phrase a verb phrase (段村加快推进旅游开发).
HEAD_VERB = re.compile(
    r"推进|推动|加快|实施|启动|开展|深化|落实|做好|抓好|组织|持续|积极|大力|扎实|继续|全面|切实|认真|严格|"
    r"力争|确保|完成|加强|强化|着力|重点|开工|建成|打造|支持|鼓励|引导|统筹|协同|联合|共同|同步"
)
# What joins the places of such a list.
PLACE_GLUE = re.compile(r"^[、和及与]$")
# A list member that is only a division name (绛县): the project there is unnamed.
BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,4}[省市县区镇乡村]$")
# Members of a shared-head list are places: they end like one (…路, …河, …村).
PLACE_LIKE = re.compile(r"(?:路|街|大道|河|江|渠|湖|山|村|镇|乡|县|区|市|社区|片区|园区)$")
MEMBER_GENERIC = re.compile(r"(?:设施|建设|领域|行业|产业|方面|工作|项目|工程)$")


@extractor("projects")
def projects(doc: Document) -> Iterator[Mention]:
    shared = list(_shared_head(doc))
    # in 永定河、潮白河生态修复 the works are shared, not 潮白河's alone
    shared_starts: dict[int, list[int]] = {}
    for s in shared:
        shared_starts.setdefault(s.end, []).append(s.start)
    features = [m for m in _feature_works(doc) if not any(m.start < a for a in shared_starts.get(m.end, ()))]
    routes = list(_routes_sharing_a_head(doc))
    policies = mentions_of(doc, "policies")
    found = [*_headed(doc), *_listed(doc), *_shared_works(doc), *shared, *features, *_feature_development(doc),
             *_quoted_facilities(doc), *_upgrades(doc), *_reservoirs_built(doc), *_facility_works(doc, policies)]
    if routes:  # a route of such a list is read whole there (济南至微山、临沂至滕州等高速公路: no 至滕州等高速公路)
        found = [m for m in found if not any(r.start < m.end and m.start < r.end for r in routes)] + routes
    policy_spans = [(m.start, m.end) for m in policies]
    inside = _Spans(policy_spans)
    firms = listed_spans(doc)  # 罗氏制药中国创新中心、外高桥电厂等企业: the report calls them firms
    # a head inside a policy's name modifies it (固定资产投资项目煤炭消费减量替代); a policy read with the same head
    # (砣矶岛生态修复工程 against 大黑山岛、砣矶岛|生态修复工程) is left to :func:`kg.extract.arbitrate`
    kept = [m for m in found if not inside.holds_before_end(m.start, m.end) and (m.start, m.end) not in firms]
    # the projects of a policy, named by it and a kind (保交楼项目, “十四五”规划重大项目): none of their own
    policy_ends = dict(policy_spans)
    kept = [m for m in kept if not (policy_ends.get(m.start, m.end) < m.end
                                    and GENERIC_PREFIX.match(doc.norm[policy_ends[m.start] : m.end - 2])
                                    and m.name.endswith("项目"))]
    # after a list of projects closed by 等, the kind they are (发耳二期、六枝电厂等|煤电项目): no project of its own
    ends = {m.end for m in kept}
    kept = [m for m in kept if not (doc.norm[m.start - 1 : m.start] == "等" and m.start - 1 in ends)]
    kept += _repeated(doc, kept)
    yield from canonicalise(_line_systems(kept))


# What a numbered line may be named with, and the report may leave off (轨道交通|15号线, 地铁|2号线).
LINE_SYSTEM = re.compile(r"(?:城市)?轨道交通|地铁|轻轨")


def _line_systems(found: list[Mention]) -> list[Mention]:
    """``found``, a numbered line named without its system given the name the document writes with it
    (15号线 → 轨道交通15号线, 5号线北延伸段 → 轨道交通5号线北延伸段): one line, not two."""
    fuller: dict[str, str] = {}
    for name in sorted({m.name for m in found}):  # sorted: the first fuller name is the same on every run
        system = LINE_SYSTEM.match(name)
        if system and NUMBERED_LINE.match(name, system.end()):
            fuller.setdefault(name[system.end() :], name)
    out = []
    for m in found:
        full = fuller.get(m.name) if m.attr("canonical") is None else None
        out.append(m if full is None else Mention(m.doc, m.type, m.start, m.end, m.text, m.name,
                                                  tuple(sorted((*m.attrs, ("canonical", full))))))
    return out


# The fewest characters of a project's name that the text's other uses of it are read by.
REPEAT_MIN = 4
#: The longest quoted word, with its marks, that opens a project's name (“绿水青山就是金山银山”实践创新基地).
QUOTED_WORD_MAX = 14


def _repeated(doc: Document, found: list[Mention]) -> list[Mention]:
    """The project names ``found`` the text uses again where no rule read them (加快温榆河公园建设 … 温榆河公园接待
    游客500万人次): the same project, mentioned under another heading.  A use inside a longer name found is
    that name's (温榆河公园|朝阳段二期)."""
    names = {m.name: m for m in found if len(m.name) >= REPEAT_MIN and not m.name.startswith(("“", "("))}
    if not names:
        return []
    norm = doc.norm
    spans = sorted((m.start, m.end) for m in found)
    starts = [a for a, _ in spans]
    longest = max(b - a for a, b in spans)
    claimed: list[tuple[int, int]] = []  # the uses read here
    out: list[Mention] = []
    # longest first, so that a name inside a longer one used again is that one's (str.find: a pattern of each
    # document's names would be compiled anew for every document)
    for name in sorted(names, key=lambda n: (-len(n), n)):
        at = norm.find(name)
        while at >= 0:
            end = at + len(name)
            lo = bisect.bisect_left(starts, at - longest)
            hi = bisect.bisect_left(starts, end)
            if not any(b > at for _, b in spans[lo:hi]) and not any(a < end and at < b for a, b in claimed):
                m = names[name]
                out.append(Mention(doc.id, "Project", at, end, doc.text[at:end], m.name, m.attrs))
                claimed.append((at, end))
            at = norm.find(name, end)
    return sorted(out, key=lambda m: m.start)


class _Spans:
    """(start, end) spans, asked which hold a given span: by start, so a long text's thousands of
    mentions do not each go through every span."""

    def __init__(self, spans) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.longest = max((b - a for a, b in self.spans), default=0)

    def holds_before_end(self, start: int, end: int) -> bool:
        """Whether a span goes on past ``end`` from ``start`` or before: one ending at ``end`` too has the same head."""
        lo = bisect.bisect_left(self.starts, end + 1 - self.longest)  # a holder starts at most `longest` before its end
        hi = bisect.bisect_right(self.starts, start)
        return any(end < b for a, b in self.spans[lo:hi])


def _mention(doc: Document, start: int, end: int) -> Mention:
    return Mention(doc.id, "Project", start, end, doc.text[start:end], doc.norm[start:end])


# Routes named by their two ends, listed, and the kind of line they all are after the last
# (济南至微山、临沂至滕州等|高速公路, 蒙西至京津冀、库布其至上海|特高压直流输电工程).
_LINE = (r"城际铁路|高速铁路|高速公路|[一二三]级公路|公路|高铁|城际|客专|铁路|高速|"
         r"(?:±?\d+千伏)?特高压(?:直流|交流)?(?:输电|输变电)?工程|输电通道|输气管道|天然气管道")
# An end is no line's name, nor holds a list's words (…至大坝镇等|农村公路 ends at 大坝镇), nor a way of its own
# (石嘴山至乌海快速通道、…公路: the first route is no 公路).
_END = rf"(?:(?!{_LINE}|段|线|经|通道)(?![等和及与的至、])[\u4e00-\u9fff]){{2,6}}?"
ROUTE_LIST = re.compile(rf"((?:{_END}至{_END}、)+{_END}至{_END})(等)?({_LINE})(?![\u4e00-\u9fff]{{0,4}}段)")


def _routes_sharing_a_head(doc: Document) -> Iterator[Mention]:
    """Each route of ``A至B、C至D<head>``: a line named by its ends and the head the last carries (济南至微山高速公路,
    临沂至滕州高速公路), as the report would name it alone.  The list is the object of its clause, after its verb."""
    norm = doc.norm
    if "至" not in norm:
        return
    for sentence in doc.sentences:
        if norm.count("至", sentence.start, sentence.end) < 2 or "、" not in norm[sentence.start : sentence.end]:
            continue  # two routes at least, listed
        for m in ROUTE_LIST.finditer(norm, sentence.start, sentence.end):
            members = m.group(1).split("、")
            first_end = m.start(1) + members[0].index("至")  # the first route's first end, after its verb
            pos = trim_left(norm, left_edge(norm, first_end, sentence.start, segmented=True), first_end, segmented=True)
            if pos is None or pos < m.start(1) or not 2 <= first_end - pos <= 6:
                continue
            members[0] = norm[pos : m.start(1) + len(members[0])]
            head = m.group(3)
            for i, member in enumerate(members):
                end = pos + len(member)
                span_end = m.end() if i == len(members) - 1 else end
                yield Mention(doc.id, "Project", pos, span_end, doc.text[pos:span_end], member + head)
                pos = end + 1


def _headed(doc: Document) -> Iterator[Mention]:
    norm = doc.norm
    in_quotes = {i for a, b in quoted_spans(norm) for i in range(a + 1, b)}  # strictly inside “…”
    titles = _title_offsets(doc)
    for sentence in doc.sentences:
        for m in PROJECT_HEAD.finditer(norm, sentence.start, sentence.end):
            # a count right after the head makes a class of things counted (建成口袋公园36个,
            # 新建改扩建中小学幼儿园28所), as one before it does (see grammar.trim_left)
            if m.start() in titles or m.start() in in_quotes or COUNTED.match(norm, m.end()):
                continue
            if norm.startswith(ERA, m.end()) or LINE_KIND.search(m.group()) and NETWORK.match(norm, m.end()):
                continue  # an era a place enters (江阴正式迈入高铁|时代, 进入地铁|时代), or the network of such lines
                # (菏泽全面融入全国高铁|网): no line built
            reached = REACHES.match(norm, m.end())
            if reached and COUNTED.match(norm, reached.end()):
                continue  # …企业技术中心达到18家: the class counted, as 建成口袋公园36个 is
            edge = left_edge(norm, m.start(), sentence.start, stops="的", segmented=True)
            if norm[edge - 1 : edge] == "”":
                edge = _through_quote(norm, edge, m.start(), sentence.start)
            closed = after_list_closer(norm, edge, m.start())
            start = after_conjunction(norm, closed, m.start(), CONJUNCT_END, NAME_JOINER)
            start = _after_works_conjunct(doc, start, m.start())
            listed_end = listed_place(doc, start)
            if listed_end is None or not LIST_COUNT.match(norm, listed_end, m.start()):
                # (the count of the places a list names is no class of things: …、尧都、乡宁|四大|…园区)
                start = trim_left(norm, start, m.start(), strip=start == edge, segmented=True)
            if start is None:
                continue
            builders = list(BUILDER.finditer(norm, start, m.start())) + list(
                SUPPORTED_BUILDER.finditer(norm, start, m.start())) + [
                p for p in PARTNERS_BUILD.finditer(norm, sentence.start, m.start()) if start < p.end()]
            builders.sort(key=lambda b: b.end())
            if builders:
                start = builders[-1].end()
            subject_end = after_predicate(norm, start, m.start(), DONE_VERB)
            if norm.endswith(TITLE_VERBS, start, subject_end):
                continue  # 铁峰山国家森林公园获评|全国自然教育基地: a title won, not a project
            if subject_end != start:
                start = trim_left(norm, subject_end, m.start(), segmented=True)  # 开工|建设|…
                if start is None:
                    continue
            place_end = listed_place(doc, start)
            # the places listed right before the head share it whole (合肥、芜湖、蚌埠|综合保税区, 腾冲、普洱|机场改扩建)
            bare = (place_end == m.start() and len(m.group()) >= SHARED_BARE_MIN and m.group()[0] != "至"
                    and _divisions_listed(doc, start))
            # a head the list shares is the last member's (…、巴马长寿养生国际旅游区、德天…景区: no shared head there)
            shared = place_end is not None and (place_end < m.start() or bare) and not norm.startswith("、", m.end())
            if shared:
                start = place_end  # 锦绣路、杨高路|雨污分流改造项目: the places share the rest
                if place_end < m.start():  # …在克东县、甘南县|扩大|奶源基地: what the places do is no part of it
                    start = trim_left(norm, start, m.start(), segmented=True) or start
                if counted := LIST_COUNT.match(norm, start, m.start()):
                    start = counted.end()  # …、尧都、乡宁|四大|焦化循环经济园区: the count of the places listed
                elif joined := COUNTED_AND.match(norm, start, m.start()):
                    start, shared = joined.end(), False
            elif (built := building_place(doc, start, m.start())) is not None:
                start = trim_left(norm, built, m.start(), segmented=True) or start  # 仁怀市建设|酱香白酒产业园
            if norm.startswith(MANY, start):
                continue  # a batch of things of a kind (新建一批|城市道路和过江大桥): none named
            if norm[start] == "等" and start in place_spans(doc)[1]:
                start += 1  # a list's 等 that jieba joined to its last place (阜|平等|抽水蓄能电站): no word of the name
            role = ROLE_BEFORE.search(norm, max(0, start - ROLE_REACH), start)
            if role and not _placed_within(doc, start, m.start()):
                continue  # a role a place is to play (成为全国重要的|新能源汽车生产基地, 面向东盟的|算力枢纽): no facility
            if start > 0 and norm[start - 1].isdigit():
                continue  # the rest of a rank or a count (世界500|强企业在穗投资项目): no name of its own
            prefix = norm[start : m.start()]
            name = norm[start : m.end()]
            conjuncts = re.split(r"和|及|与", prefix)
            last_conjunct = conjuncts[-1]
            if not last_conjunct and len(conjuncts) > 1 and WORKS_HEAD.fullmatch(m.group()):
                last_conjunct = conjuncts[-2]  # a works head may close a conjunction of works (苍山生态保护与|修复工程)
            # a numbered line, and a water transfer by its two ends (引江济淮工程), are named by the head alone
            numbered = not prefix and (NUMBERED_LINE.match(name) or DIVERSION_NAME.match(name))
            # the works listed places share are named by the works, however general (大黑山岛、砣矶岛|生态修复工程)
            generic = not (shared and WORKS_HEAD.fullmatch(m.group())) and (
                GENERIC_PREFIX.match(prefix) or GENERIC_PREFIX.match(last_conjunct)
                or m.group() == "项目" and (FIRMS.search(prefix) or KIND_OF_LINES.fullmatch(prefix)))
            if not numbered and not bare and (not prefix or generic):
                continue
            # (after quoted names the edge is the closer's end: “闽投1号”“乡村振兴号”等|深远海养殖平台)
            if (start == closed != edge or start == edge and norm[edge - 2 : edge] == "”等") and _lists_kind(
                doc, start, m.group()
            ):
                continue  # the kind of the things listed (SKP、合生汇等|商业综合体), not one of them
            if CLASS_NAME.match(name) or _below_jurisdiction(doc, name) or RANGE.search(prefix):
                continue
            if place_spans(doc)[0].get(start) == m.end():
                continue  # a place named like works (金普新区|建设…): the place does something
            if norm.startswith(PARTNER_VERBS, m.end()) and PARTNER_BEFORE.search(norm, max(0, start - 9), start):
                continue  # a partner (与|四川大学华西医院|共建…): what is built together is the object
            built = BUILD_CONTEXT.search(_clause(norm, m.start(), sentence))
            if FACILITY.search(name.split("(")[0]) and not built and not (
                PLACED_ZONE.search(name) and (bare or _placed(doc, start, m.end()))
            ):
                continue
            if norm[start - 1 : start] == "”" and place_spans(doc)[0].get(start) is None:
                # a quoted brand is the name's first word (“粤平安”|社会治理云平台), unless a place follows it
                # (“东数西算”|毕节算力中心: the programme, then the project)
                opening = norm.rfind("“", sentence.start, start)
                start = opening if 0 <= opening and start - opening <= QUOTED_WORD_MAX else start
            yield _mention(doc, start, m.end())


def _placed_within(doc: Document, start: int, end: int) -> bool:
    """Does a place stand in ``start:end`` (全国重要的|柳州新能源汽车基地 names one)?"""
    return any(start <= s < end for s in place_spans(doc)[0])


def _divisions_listed(doc: Document, start: int) -> bool:
    """Is the place at ``start`` the last of a list of divisions alone, all named alike (合肥、芜湖、蚌埠; 甘谷县、
    秦安县), that a head right after it may be shared by?  Not a list of other places (南京江北新区、苏州|工业园区)."""
    by_start = {m.start: m for m in mentions_of(doc, "places")}
    norm = doc.norm
    ends = {m.end: m for m in by_start.values()}
    member = by_start.get(start)
    members = []
    while member is not None and member.attr("adcode"):
        members.append(member)
        if norm[member.start - 1 : member.start] != "、":
            break
        member = ends.get(member.start - 1)
    else:
        return False
    # the first no route's other end (荆州至|公安、石首); every one named in full or every one short (宝山区、苏州|工业园区)
    first = members[-1].start
    return (len(members) > 1 and norm[first - 1 : first] not in ROUTE_JOINERS
            and len({m.text == m.attr("official") for m in members}) == 1)


def _placed(doc: Document, start: int, end: int) -> bool:
    """Does the name ``start:end`` open with a place and go on as no place (天津|经济技术开发区, not 天津市|滨海新区,
    nor 天津港服务|雄安新区), nor rank what it names (苏州工业园区连续七年位列|国家级经开区: a class)?"""
    starts, ends = place_spans(doc)
    after = starts.get(start)
    return after is not None and after < end and end not in ends and not RANKED.search(doc.norm, after, end)


def _lists_kind(doc: Document, start: int, head: str) -> bool:
    """Does the phrase at ``start``, after a list's 等, name the kind of the things listed?  Not when they
    are places: their shared head names one project of them all (盐源、德昌等|风电光伏基地), as their
    shared works do (…等雨污分流改造项目)."""
    closer = start - 1
    return doc.norm[closer] == "等" and closer not in place_spans(doc)[1] and not WORKS_AFTER_LIST.search(head)


def _through_quote(norm: str, edge: int, head_start: int, floor: int) -> int:
    """The start of a name with a five-year plan's period inside (茅台酒“十四五”技改工程): only a name with
    words before the period goes on through it.  Other quotes make kinds (遏制“两高”项目)."""
    opening = norm.rfind("“", floor, edge)
    if not PERIOD_QUOTE.fullmatch(norm, opening, edge):
        return edge
    start = left_edge(norm, head_start, floor, stops="的", through_quotes=True, segmented=True)
    return start if opening > start else edge


def _listed(doc: Document) -> Iterator[Mention]:
    """Members of ``A、B、C等N个项目``: projects whether or not they carry a head."""
    norm = doc.norm
    titles = _title_offsets(doc)
    for sentence in doc.sentences:
        if not holds(norm, sentence.start, sentence.end, PROJECT_LIST_NEEDS):
            continue
        for m in PROJECT_LIST.finditer(norm, sentence.start, sentence.end):
            if m.start() in titles or COUNTED.match(norm, m.end()):
                continue  # …共建项目23个: a count of projects, whose list names who builds them
            pos = m.start(1)
            items = m.group(1).split("、")
            if any(verb in items[-1] for verb in TITLE_VERBS):
                continue  # 孝义皮影戏、孝义碗碗腔|入选|…示范项目: what won a title, listed as its subject
            for k, item in enumerate(items):
                start, end = pos, pos + len(item)
                pos = end + 1
                if k == 0:
                    start = left_edge(norm, end, m.start(1), max_len=24, stops="的", segmented=True)
                    start = trim_left(norm, start, end, segmented=True)
                    if start is None:
                        break
                    start = after_predicate(norm, start, end)  # 中心城区完成|夏都公园、…等工程: its subject
                member = norm[start:end]
                if len(member) < 3 or BARE_PLACE.match(member) or MEMBER_GENERIC.search(member):
                    continue
                if GENERIC_PREFIX.match(member):
                    continue  # a kind of project (专项债项目、以工代赈|项目)
                if place_spans(doc)[0].get(start) == end:
                    continue  # a place whose works the last member names (黑鱼湖、燕都湖、三永湖清淤工程)
                if listed_place(doc, start) is not None:
                    continue  # a place and the head the listed places share (锦绣路、杨高路|雨污分流改造项目)
                if "“" in member or "”" in member or any(ch in member for ch in "和及与"):
                    continue
                yield _mention(doc, start, end)


def _shared_works(doc: Document) -> Iterator[Mention]:
    norm = doc.norm
    for sentence in doc.sentences:
        for m in SHARED_WORKS.finditer(norm, sentence.start, sentence.end):
            phrase = m.group(1)
            if GENERIC_PREFIX.match(phrase[:-2]):
                continue
            # the members before 等 must be a list (A、B等…) that carries no head of its own
            listed = re.split(r"[,;:。]", norm[sentence.start : m.start()])[-1]
            members = listed.split("、")
            if len(members) < 2 or ENDS_IN_HEAD.search(listed) or not PLACE_LIKE.search(members[-1]):
                continue
            yield _mention(doc, m.start(1), m.end(1))


def _shared_head(doc: Document) -> Iterator[Mention]:
    """``A、B<works>`` without 等: the places A, B share one project, the works
    phrase after the last of them (加快推进磁窑村、段村传统村落保护与古村镇开发).
    The list is the whole object of its clause and the phrase a nominal, not a
    verb phrase (磁窑村、段村加快整治 is no project)."""
    norm = doc.norm
    places = _outermost(mentions_of(doc, "places"))
    by_end = {end: start for start, end in places}
    starts = {start for start, _ in places}
    for start, end in places:
        sentence = doc.sentence_at(start)
        if sentence is None or end in starts:
            continue  # another place follows at once: the list goes on
        m = SHARED_HEAD.match(norm, end, sentence.end)
        if m is None or m.end() - end < SHARED_HEAD_MIN or HEAD_VERB.search(m.group()) or re.search("[的等]", m.group()):
            continue  # a verb phrase, or no name: …的…, or the list's 等 and what its members are (古县衙等文物保护)
        first = _list_start(norm, by_end, start)
        if first is None:
            continue  # not a list
        edge = left_edge(norm, first, sentence.start)
        stretch = first - 2  # the stretch of a water the first member is in (白洋淀|上游|府河、孝义河…)
        if edge != first and not (norm[stretch:first] in STRETCHES and by_end.get(stretch) == edge):
            continue  # not the whole object of its clause
        # the last member's basin is the rivers' all (闽江、九龙江、晋江|流域综合治理)
        yield _mention(doc, end - len(BASIN) if norm.startswith(BASIN, end - len(BASIN), end) else end, m.end())


# A stretch of a water, between it and the waters the list names there.
STRETCHES = frozenset({"上游", "中游", "下游"})


def _list_start(norm: str, by_end: dict[int, int], start: int) -> int | None:
    """Where the list of places ending with the one at ``start`` begins, or
    None when no other place is coordinated with it.  A member may be a place
    inside the division named right before it (龙凤区卧里屯街道、让胡路区喇嘛甸镇)."""
    first, members = start, 1
    while True:
        while first in by_end:  # the division a member is qualified by
            first = by_end[first]
        previous = first - 1
        if previous not in by_end or not PLACE_GLUE.match(norm[previous:first]):
            return first if members > 1 else None
        first, members = by_end[previous], members + 1


def _outermost(mentions: list[Mention]) -> list[tuple[int, int]]:
    """The spans of ``mentions`` not inside another (庞泉沟景区, not 庞泉沟 in it), in order."""
    out: list[tuple[int, int]] = []
    for start, end in sorted({(m.start, m.end) for m in mentions}, key=lambda p: (p[0], -p[1])):
        if not out or end > out[-1][1]:
            out.append((start, end))
    return out


def _feature_works(doc: Document) -> Iterator[Mention]:
    norm = doc.norm
    for sentence in doc.sentences:
        if not holds(norm, sentence.start, sentence.end, FEATURE_WORKS_NEEDS):
            continue
        for m in FEATURE_WORKS.finditer(norm, sentence.start, sentence.end):
            start = left_edge(norm, m.end(1), sentence.start, stops="的", segmented=True)
            start = trim_left(norm, start, m.end(1), segmented=True)
            if start is None or m.end(1) - start < 2:
                continue
            yield _mention(doc, start, m.end())


def _upgrades(doc: Document) -> Iterator[Mention]:
    """泸沽湖景区提档升级, 陈石水库除险加固: the upgrade of a named place the gazetteer does not hold
    (a scenic area, a reservoir, a road), the place and the works, where no list shares the works."""
    norm = doc.norm
    for place in mentions_of(doc, "places"):
        if place.attr("adcode"):
            continue
        before = place.start - 1
        if norm[before : place.start] == "、" and not OWN_UPGRADE_BEFORE.search(norm, max(0, before - 4), before):
            continue
        m = (ROAD_UPGRADE if place.attr("subclass") == "Road" else UPGRADE).match(norm, place.end)
        if m is not None and (norm[m.end() : m.end() + 1] not in "和及与" or _opens_other(doc, m.end() + 1)):
            yield _mention(doc, place.start, m.end())


# A reservoir being built is a project, not a water (开工建设则木河水库, 加快金佛山水库、观景口水库建设, 凤山水库实现下闸蓄水);
# one kept or measured stays a place (加强密云水库保护, 对河口水库水质稳定).  The verb before the list of them, or the
# milestone after it, may be past more works the list holds (…、洞庭湖四口水系等水利项目建设).
RESERVOIR = "水库"
BUILT_BEFORE = re.compile(r"(?:开工建设|开工|新建|续建|建设|建成|开建|启动)$")
BUILT_AFTER = re.compile(
    r"(?:、[^、,;:。]{2,12}?)*(?:等[\u4e00-\u9fff]{0,4}(?:项目|工程))?"
    r"(?:建设|续建|开工|竣工|建成|(?:实现|完成|顺利|如期)?下闸蓄水|主体完工|前期)"
)
RESERVOIR_GLUE = ("、", "和", "及")
RESERVOIR_CLOSE = ("", ",", ";", "。", ":", "等")


def _reservoirs_built(doc: Document) -> Iterator[Mention]:
    """则木河水库 in 开工建设则木河水库: a reservoir the sentence builds (see :data:`BUILT_BEFORE`)."""
    norm = doc.norm
    if RESERVOIR not in norm:
        return
    end_at = place_spans(doc)[0]
    starts = {end: start for start, end in end_at.items()}  # a division before a reservoir's name (渭源县|峡城水库)
    found = sorted((p.start, p.end) for p in mentions_of(doc, "places")
                   if p.name.endswith(RESERVOIR) and not p.attr("adcode"))
    run: list[tuple[int, int]] = []  # the reservoirs listed together
    for i, (start, end) in enumerate(found):
        run.append((start, end))
        nxt = found[i + 1][0] if i + 1 < len(found) else None
        opening = starts.get(nxt, nxt)
        if nxt is not None and norm[end:opening] in RESERVOIR_GLUE:
            continue
        first = run[0][0]
        first = starts.get(first, first)
        after = BUILT_AFTER.match(norm, end)
        # (works after the last are the project: 开工建设尧都区涝河水库|除险加固)
        if after or BUILT_BEFORE.search(norm, max(0, first - 4), first) and norm[end : end + 1] in RESERVOIR_CLOSE:
            for a, b in run:
                yield _mention(doc, a, b)
        run = []


# A facility a 工程 names is built by it (洋浦港小铲滩起步工程, 鞍钢西鞍山铁矿及选矿厂工程, 大茅隧洞至亚龙湾段供水管网工程):
# the 工程 is a construction, whatever its last words, after a qualifier of the facility's own.
FACILITY_IN_WORKS = re.compile(
    r"(?<=[\u4e00-\u9fff]{2})(?:港(?!澳)|码头|机场|铁路|高铁|电站|电厂|核电|水库|铁矿|煤矿|管网|电网|大桥|隧道|隧洞|枢纽|航道|"
    r"航站楼|堤防)"
)


def _facility_works(doc: Document, policies: list[Mention]) -> Iterator[Mention]:
    """The 工程 of ``policies`` whose words name a facility (:data:`FACILITY_IN_WORKS`): a project of the same
    span, which :func:`kg.extract.arbitrate` keeps for the policy."""
    for p in policies:
        if p.name.endswith("工程") and "“" not in p.name and FACILITY_IN_WORKS.search(p.name):
            yield _mention(doc, p.start, p.end)


def _opens_other(doc: Document, at: int) -> bool:
    """Does a place, or a quoted name, open the text at ``at``: another thing, whose works come next?"""
    return doc.norm[at : at + 1] == "“" or at in place_spans(doc)[0]


def _after_works_conjunct(doc: Document, start: int, head_start: int) -> int:
    """The start of the last works of ``start:head_start`` joined to earlier works of another place
    (涝河水库除险加固和|浍河二库扩容工程); ``start`` where there are none."""
    norm = doc.norm
    for m in CONJUNCTION.finditer(norm, start, head_start):
        if WORKS_BEFORE_JOINER.search(norm, start, m.start()) and _opens_other(doc, m.end()):
            start = m.end()
    return start


def _feature_development(doc: Document) -> Iterator[Mention]:
    """启动交城山森林康养: a launched development of a mountain, river or lake."""
    norm = doc.norm
    for place in mentions_of(doc, "places"):
        if place.attr("subclass") not in NATURAL_FEATURES:
            continue
        sentence = doc.sentence_at(place.start)
        m = FEATURE_DEVELOPMENT.match(norm, place.end, sentence.end if sentence else place.end)
        if sentence is None or m is None or m.end() == place.end:
            continue
        # the feature opens the object of a launching verb, which opens its clause
        if left_edge(norm, place.start, sentence.start) != place.start:
            continue
        if not DEVELOPMENT_VERB.search(norm[sentence.start : place.start]):
            continue
        yield _mention(doc, place.start, m.end())


def _quoted_facilities(doc: Document) -> Iterator[Mention]:
    """A quoted facility brand built in numbers: 新建15个标志性特色“河东书房”."""
    norm = doc.norm
    for sentence in doc.sentences:
        for m in QUOTED.finditer(norm, sentence.start, sentence.end):
            inner = m.group(1)
            if not FACILITY.search(inner) and not ENDS_IN_HEAD.search(inner):
                continue
            before = norm[sentence.start : m.start()]
            clause = re.split(r"[,;:。]", before)[-1]
            if re.search(r"\d", clause) and BUILD_CONTEXT.search(clause):
                yield _mention(doc, m.start(), m.end())


def _below_jurisdiction(doc: Document, name: str) -> bool:
    own = LEVEL_RANK.get(doc.jurisdiction[-1:], 2) if doc.jurisdiction else 2
    rank = LEVEL_RANK.get(name[:1])
    return rank is not None and name[1:2] not in "级" and rank > own and not _is_division(name)


def _is_division(name: str) -> bool:
    # 县城…, 区域… are words, not a level; a level char is a class only before an institution
    return name[:2] in ("县城", "区域", "市场", "市民", "镇村", "村镇", "乡村", "县域", "市域", "区块")


def _clause(norm: str, pos: int, sentence) -> str:
    start = max([sentence.start, *(i + 1 for i in range(sentence.start, pos) if norm[i] in ",;:")])
    end = min([sentence.end, *(i for i in range(pos, sentence.end) if norm[i] in ",;:")])
    return norm[start:end]


def _title_offsets(doc: Document) -> set[int]:
    """The offsets inside the title of a numbered section."""
    return {i for s in doc.sections if s.kind == "numbered" for i in range(s.title_start, s.title_end)}
