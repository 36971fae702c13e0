"""Projects by head words, lists and the shared-head rule."""

from __future__ import annotations

import pytest

from kg.extract.projects import projects
from kg.structure import parse

TOPIC = "做好各项工作。"


def _names(text: str, jurisdiction: str = "") -> set[str]:
    # an opening topic phrase, so the sentence under test is body text, not a heading
    return {m.name for m in projects(parse(TOPIC + text, jurisdiction=jurisdiction))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # real sentences of the corpus
        ("有序推进垣曲一期抽水蓄能项目建设,力争垣曲二期、绛县2个项目年内开工。", {"垣曲一期抽水蓄能项目", "垣曲二期"}),
        ("积极推进运三客专、南同蒲铁路改线、韩河侯客专、晋潼高速(阳城至永济段)等项目前期。",
         {"运三客专", "南同蒲铁路改线", "韩河侯客专", "晋潼高速(阳城至永济段)"}),
        ("开工建设学苑路北延、大禹街西延等项目。", {"学苑路北延", "大禹街西延"}),
        ("重点实施人民南路、中银路、凤凰路、槐中路等雨污分流及道路改造项目。", {"雨污分流及道路改造项目"}),
        ("继续推进官道河、姚暹渠、常硝渠等排洪通道改造。", {"排洪通道改造"}),
        ("推动关公博物馆和山西壁画博物馆建设。", {"关公博物馆", "山西壁画博物馆"}),
        ("推进内蒙古博物院新馆建设,加快国家植物园建设。", {"内蒙古博物院新馆", "国家植物园"}),
        ("山西博物院、国家植物园接待游客增长20%。", set()),  # facilities, where nothing is built
        # a head's works named a 工程 end the left one (扩容工程)
        ("建成成温邛高速扩容工程和成新蒲快速通道。", {"成温邛高速扩容工程", "成新蒲快速通道"}),
        ("争取市人民医院和市中医特色重点医院年内开工。", {"市人民医院", "市中医特色重点医院"}),
        ("加快临猗黄河大桥及引线等重大工程进度。", {"临猗黄河大桥及引线"}),
        ("加快中条山生态修复治理,常态化打击非法采矿行为。", {"中条山生态修复治理"}),
        ("新建15个标志性特色“河东书房”。", {"“河东书房”"}),
        ("焦化行业,打造600万吨级的绿色焦化产业园。", {"绿色焦化产业园"}),
        ("白酒行业,打造10万吨级白酒基地。", {"白酒基地"}),
        ("积极谋划总投资100亿元的焦化苯、水溶肥、永磁材料等16个重点项目。", {"焦化苯", "水溶肥", "永磁材料"}),
        ("推动G209运临连接线改造、G521盐湖段改建、河东街延长线、涑水河旅游公路等项目年底贯通。",
         {"G209运临连接线改造", "G521盐湖段改建", "河东街延长线", "涑水河旅游公路"}),
        # phrased as other provinces phrase it
        ("加快推进广湛高铁、深江铁路、珠肇高铁等项目建设,开工建设黄茅海跨海通道,建成南沙港区四期工程。",
         {"广湛高铁", "深江铁路", "珠肇高铁", "黄茅海跨海通道", "南沙港区四期工程"}),
        ("推进成都天府国际机场二期、成渝中线高铁建设,启动天府大道北延线工程。",
         {"成都天府国际机场二期", "成渝中线高铁", "天府大道北延线工程"}),
        ("推进京雄高速、京昆高速等项目前期。", {"京雄高速", "京昆高速"}),
        ("建成投用市第一人民医院新院区,加快市职业技术学院新校区建设。", {"市第一人民医院新院区", "市职业技术学院新校区"}),
        ("推进宁德时代动力电池、中石化炼化一体化等重大项目建设。", {"宁德时代动力电池", "中石化炼化一体化"}),
        ("累计实施重点项目1144个,比亚迪电池片、京东方显示面板等一批大项目建成投产。", {"比亚迪电池片", "京东方显示面板"}),
        # a place that built it is the subject, not part of the name
        ("盐湖区建成运城大数据中心,卫辉市开工建设比干庙文化产业园。", {"运城大数据中心", "比干庙文化产业园"}),
        ("垣曲一期抽水蓄能项目列入国家规划。", {"垣曲一期抽水蓄能项目"}),  # not inside a policy 项目列入…规划
        ("肇州县重点建设永乐镇绿色食品加工园区。", {"永乐镇绿色食品加工园区"}),
        ("在叶坪乡建设红色培训基地。", {"红色培训基地"}),  # 在 and the town's 建设 open no name
        ("建成瑞金市图书馆新馆,建设瑞金市垃圾焚烧发电厂。", {"瑞金市图书馆新馆", "瑞金市垃圾焚烧发电厂"}),
        ("开工建设瑞金市体育中心、瑞金市污水处理厂、瑞金至兴国快速通道、瑞金陆港、柑橘加工园。",
         {"瑞金市体育中心", "瑞金市污水处理厂", "瑞金至兴国快速通道", "瑞金陆港", "柑橘加工园"}),
        # sections of lines and roads, and a link line
        ("推进昌赣高铁瑞金段、G318万州城区段改造、天城大道延伸段、红都大道西段、瑞金站至瑞梅铁路联络线建设。",
         {"昌赣高铁瑞金段", "G318万州城区段改造", "天城大道延伸段", "红都大道西段", "瑞金站至瑞梅铁路联络线"}),
        ("推进佛山图书馆扩建工程,环湖截污治污体系提质增效工程全面完工。", {"佛山图书馆扩建工程", "环湖截污治污体系提质增效工程"}),
        ("推动三亚国际免税城三期、海棠湾免税购物中心二期建设,加快崖州湾港口岸、伏羲文化旅游区建设。",
         {"三亚国际免税城三期", "海棠湾免税购物中心二期", "崖州湾港口岸", "伏羲文化旅游区"}),
        ("推进黑岱沟露天矿扩能改造、红庆河煤矿建设,加快围头湾港口建设,推进蒙苏经济开发区扩区提质。",
         {"黑岱沟露天矿", "红庆河煤矿", "围头湾港口", "蒙苏经济开发区"}),
        ("建成晋江市医院晋南分院二期,实施210国道准格尔旗段改造,确保G98环岛高速三亚段扩容工程开工。",
         {"晋江市医院晋南分院二期", "210国道准格尔旗段改造", "G98环岛高速三亚段扩容工程"}),
        # the members of a list closed by 等水利工程
        ("推进渭河城区段综合治理、清水县牛头河防洪治理等水利工程。", {"渭河城区段综合治理", "清水县牛头河防洪治理"}),
        # zones under construction
        ("加快黄渤海新区建设,推进福山高新区、养马岛旅游度假区建设。", {"黄渤海新区", "福山高新区", "养马岛旅游度假区"}),
        ("推进佛莞城际建设,建设S15金义东市域轨道交通义乌段。", {"佛莞城际", "S15金义东市域轨道交通义乌段"}),
        # the upgrade of a named place
        ("推进叶坪景区提档升级,加快陈石水库除险加固。", {"叶坪景区提档升级", "陈石水库除险加固"}),
        # new towns, a science and education city, a square, a port of an industry, being built
        ("推进集美新城、翔安南部新城和马銮湾新城基础设施建设,加快西丽湖国际科教城、深圳湾文化广场二期建设,"
         "打造海沧生物医药港。",
         {"集美新城", "翔安南部新城", "马銮湾新城", "西丽湖国际科教城", "深圳湾文化广场二期", "海沧生物医药港"}),
        # an industrial district and a township hospital a sentence builds or upgrades, named with the works on them
        # (as the gold writes 运城国际机场改扩建, G209运临连接线改造)
        ("推进三洲工业区改造提升,推进佛堂中心卫生院迁建。", {"三洲工业区改造提升", "佛堂中心卫生院迁建"}),
        ("加快贵阳龙洞堡国际机场三期扩建,全国一体化算力网络国家(贵州)枢纽节点加快建设。",
         {"贵阳龙洞堡国际机场三期扩建", "全国一体化算力网络国家(贵州)枢纽节点"}),
        # the section of a road named by its two ends, and of a metro line
        ("加快沿河至榕江高速公路铜仁段建设,建设地铁6号线集美至同安段。",
         {"沿河至榕江高速公路铜仁段", "地铁6号线集美至同安段"}),
        # the works on a named facility a 工程 names (a programme with no facility stays a policy)
        ("实施万荣县污水管网建设工程,推进扎青乡电网延伸工程、神农坛景区提升工程。",
         {"万荣县污水管网建设工程", "扎青乡电网延伸工程", "神农坛景区提升工程"}),
        # a road's works: plain 改造 too, on a section the works name; a member with works of its own before 、
        ("实施G209垣曲段提级改造、G241万荣段提质改造,推进锦江大道拓宽改造、人民路改造。",
         {"G209垣曲段提级改造", "G241万荣段提质改造", "锦江大道拓宽改造", "人民路改造"}),
        # a capacity in kilovolts or gigawatts qualifies the name, as 10万吨级 does
        ("建成220千伏瑞金东输变电工程、叶坪变电站,建设5GW光伏组件项目。",
         {"瑞金东输变电工程", "叶坪变电站", "光伏组件项目"}),
        # a plant's owner or site before its capacity names it with the capacity (not “/年…项目”); a firm's legal
        # name is a name of its own, and a verb does something to the capacity
        ("恒力石化160万吨/年高性能树脂及新材料项目建成投产,库布其200万千瓦风电项目并网。",
         {"恒力石化160万吨/年高性能树脂及新材料项目", "库布其200万千瓦风电项目"}),
        ("神火禹州2×66万千瓦热电联产项目并网发电。", {"神火禹州2×66万千瓦热电联产项目"}),  # units and each one's size
        # a home port, an outlet to the sea, a crossing of the Yangtze, a belt of innovation, a museum's park
        ("建设如东海上风电母港、通州湾新出海口、崇海长江通道、太湖湾科技创新带、南通博物苑二期。",
         {"如东海上风电母港", "通州湾新出海口", "崇海长江通道", "太湖湾科技创新带", "南通博物苑二期"}),
        ("推进江铃新能源汽车年产10万辆整车项目,加快庄河至瓦房店500千伏输变电工程。",
         {"江铃新能源汽车年产10万辆整车项目", "庄河至瓦房店500千伏输变电工程"}),
        ("湘潭电化科技有限公司年产3万吨电解二氧化锰项目竣工,全市新增100万千瓦光伏项目,建设年加工10万吨大豆蛋白生产线。",
         {"电解二氧化锰项目", "光伏项目", "大豆蛋白生产线"}),
        # eco-cities, financial districts, science parks and towns, aviation cities; 于 after a list's mark opens a name
        ("加快中新天津生态城、于家堡金融区建设,高标准规划建设天开高教科创园,推进南昌航空城建设。",
         {"中新天津生态城", "于家堡金融区", "天开高教科创园", "南昌航空城"}),
        # the drive for projects names none (拼经济、抓项目)
        ("全力拼经济、抓项目、优环境、惠民生。", set()),
        # a school by its name; a kind of school, or schools rebuilt, name none
        ("长郡星沙学校建成开学,建设特殊教育学校,新建改扩建学校幼儿园15所。", {"长郡星沙学校"}),
        # the province that aids the works is no part of their name
        ("辽宁省援建安县中学,启动建设北川中学。", {"安县中学", "北川中学"}),
        # business districts and shopping districts upgraded; a kind of district names none
        ("推进东港商务区、星海湾金融商务区、人民路商圈提档升级,推动传统商圈转型。",
         {"东港商务区", "星海湾金融商务区", "人民路商圈"}),
        # an extension's, a facility's supporting and a capacity's works are construction, not programmes
        ("大连湾海底隧道和光明路延伸工程建成通车,完成引洮供水二期配套工程。",
         {"大连湾海底隧道", "光明路延伸工程", "引洮供水二期配套工程"}),
        ("推进长沙南站综合交通枢纽、黄花国际机场T3航站楼建设。", {"长沙南站综合交通枢纽", "黄花国际机场T3航站楼"}),
        # the standard of the work and its verb govern the name
        ("全力以赴高水平建设三龙湾科技城,高起点规划建设东部新城数据中心。", {"三龙湾科技城", "东部新城数据中心"}),
        # heads of metro lines, logistics parks, computing centres, power corridors, bonded zones, buildings
        ("加快佛山地铁3号线、义乌国际陆港物流园、大庆云计算中心、特高压外送通道建设,推进张江高科技园区建设。",
         {"佛山地铁3号线", "义乌国际陆港物流园", "大庆云计算中心", "特高压外送通道", "张江高科技园区"}),
        # 修复工程 names works on a place: a project; a works head may close a conjunction of works
        ("推进柏临河水生态修复工程,苍山生态保护与修复工程完成造林3.2万亩。", {"柏临河水生态修复工程", "苍山生态保护与修复工程"}),
        ("推进重点工程和改造工程。", set()),
        # the works listed places share, named however generally
        ("大黑山岛、砣矶岛生态修复工程顺利完工。", {"生态修复工程"}),
        ("推进锦绣路、杨高路重点项目。", set()),
        # a list closed by a kind of project names projects
        ("推进麦积山大景区提升、南郭寺景区改造等文旅项目。", {"麦积山大景区提升", "南郭寺景区改造"}),
        # scenic areas, folk parks, ranches and railway ports built; a railway's name goes on to its port
        ("加快建设珲春市防川风景名胜区、延吉市中国朝鲜族民俗园,推进闽宁镇万头奶牛牧场建设,推进柳州铁路港扩能。",
         {"珲春市防川风景名胜区", "延吉市中国朝鲜族民俗园", "闽宁镇万头奶牛牧场", "柳州铁路港"}),
        ("珲春铁路口岸过货量突破300万吨。", set()),  # a port at work, no works
        # a section of a line named by its two ends; a numbered bridge, a port's phase, parks of firms
        ("加快沿江高铁武汉至宜昌段、京港澳高速新乡至郑州段建设。", {"沿江高铁武汉至宜昌段", "京港澳高速新乡至郑州段"}),
        ("建设湘江四桥、白洋港二期、株洲经开区、清水塘化工园。", {"湘江四桥", "白洋港二期", "株洲经开区", "清水塘化工园"}),
        # roads named by their two ends, a line's extension, irrigation districts, an airport's economic zone,
        # a science centre and an assembly line
        ("实施洛川至黄陵公路改建,建设宜川至延长二级公路,推进嘉闵线北延伸。",
         {"洛川至黄陵公路改建", "宜川至延长二级公路", "嘉闵线北延伸"}),
        ("建设都江堰灌区,打造天府国际机场临空经济区,建设合肥综合性国家科学中心,空客A320总装线二期投产。",
         {"都江堰灌区", "天府国际机场临空经济区", "合肥综合性国家科学中心", "空客A320总装线二期"}),
        ("推进海东工业园区临空综合经济园循环化改造。", {"海东工业园区"}),  # 临空 alone goes on no park's name
        # 和 joins two projects though the first names its works (延榆高铁|建设|和…)
        ("加快延榆高铁建设和延安南泥湾机场改扩建。", {"延榆高铁", "延安南泥湾机场改扩建"}),
        ("推进集二铁路扩能改造和锡林浩特机场改扩建。", {"集二铁路", "锡林浩特机场改扩建"}),  # works of capacity
        # a project placed 在 a zone: two names, not one running through 在
        ("推动比亚迪新能源电池项目在盐湖高新区落地投产。", {"比亚迪新能源电池项目", "盐湖高新区"}),
        # lines named by a letter and a number; 做强 governs
        ("加快轨道交通S1线、Z4线建设,做强中关村科技园。", {"轨道交通S1线", "Z4线", "中关村科技园"}),
        # a metro line named by its number alone, and its extensions
        ("加快地铁6号线、3号线一期、2号线南延线建设,推进地铁1号线东延线建设。",
         {"地铁6号线", "3号线一期", "2号线南延线", "地铁1号线东延线"}),
        ("建成喀什综合保税区,新建莎车县人民医院门急诊楼,推进大庆油田历史陈列馆二期建设。",
         {"喀什综合保税区", "莎车县人民医院门急诊楼", "大庆油田历史陈列馆二期"}),
        ("推进市图书馆提档升级、市体育馆提质改造。", {"市图书馆", "市体育馆"}),  # upgrading is works on them
        # a museum's or library's east wing is part of its name; topping out and opening are works milestones
        ("上海图书馆东馆、上海大歌剧院主体结构封顶,上海博物馆东馆试开放。",
         {"上海图书馆东馆", "上海大歌剧院", "上海博物馆东馆"}),
        # so is raising a facility's quality (品质提升)
        ("深圳湾公园、大南山公园、塘朗山郊野公园等品质提升。", {"深圳湾公园", "大南山公园", "塘朗山郊野公园"}),
        # the builder a government supports is no part of the name (支持安琪酵母建设|…, 支持柳钢集团实施|…)
        ("支持安琪酵母建设酵母绿色制造产业园,支持柳钢集团实施中金不锈钢冷轧项目。",
         {"酵母绿色制造产业园", "中金不锈钢冷轧项目"}),
        # the works that follow a project's (后续工程) are construction, no policy's 工程
        ("完成大冲旧村改造后续工程,加快太浦河后续工程建设。", {"大冲旧村改造后续工程", "太浦河后续工程"}),
        # repairing a building (修缮) and upgrading a townscape (风貌提升) are works on a site; raising people's
        # qualities (人才素质提升工程) is a programme's
        ("双林寺彩塑保护修缮工程完工,实施大有仓街区风貌提升工程,实施人才素质提升工程。",
         {"双林寺彩塑保护修缮工程", "大有仓街区风貌提升工程"}),
        # an activity joined to what is built is no part of its name
        ("推进伏羲文化研究和中华人文始祖文化旅游区建设。", {"中华人文始祖文化旅游区"}),
        # ... as is the role a place is to play (a destination, a regional centre)
        ("宜城打造楚文化旅游目的地和化工新材料基地,平江建设区域中心城市和食品产业基地。",
         {"化工新材料基地", "食品产业基地"}),
        # a city's station by its direction, planned and built
        ("推进苏州东站规划建设。", {"苏州东站"}),
        # raising a zone's level (提升能级) is upgrading it
        ("支持陆家嘴金融城、张江科学城、外高桥保税区提升能级。", {"陆家嘴金融城", "张江科学城", "外高桥保税区"}),
        # a quoted part inside a name (a plan's period) is walked over
        ("推进茅台酒“十四五”技改工程、习酒“十四五”技改工程一期等项目建成投产。",
         {"茅台酒“十四五”技改工程", "习酒“十四五”技改工程一期"}),
        # the 等 of 高等 and 中等 closes no list
        ("建设大庆医学高等专科学校新校区,加快遵义市中等职业学校新校区建设。",
         {"大庆医学高等专科学校新校区", "遵义市中等职业学校新校区"}),
        # 新组建 governs as 组建 does; 新建改建 opens a count of roads, no project
        ("新组建中原食品实验室、墨子实验室等省实验室。", {"中原食品实验室", "墨子实验室"}),
        ("开工建设安罗高速,新建改建高速公路800公里以上。", {"安罗高速"}),
        # works that dredge, lengthen, upgrade after repair or carry power; works built in sections
        ("推进新孟河延伸拓浚工程,完成跑道延长工程,实施筼筜湖生态修复提升工程,建成特高压直流工程。",
         {"新孟河延伸拓浚工程", "跑道延长工程", "筼筜湖生态修复提升工程", "特高压直流工程"}),
        ("完成吴淞江工程(上海段)建设,推进滨江贯通工程实施阶段工作。", {"吴淞江工程(上海段)"}),
        # a quoted brand opens the name, unless a place follows it (the programme, then the project)
        ("深化“粤平安”社会治理云平台应用,建设“风光储氢”一体化示范项目,建成“东数西算”芜湖数据中心。",
         {"“粤平安”社会治理云平台", "“风光储氢”一体化示范项目", "芜湖数据中心"}),
        # works done to one place, then 和 and another place's works: two projects; more works of one thing: one
        ("开工建设尧都区涝河水库除险加固和曲沃县浍河二库扩容工程。", {"涝河水库除险加固", "曲沃县浍河二库扩容工程"}),
        ("实施涝河水库除险加固和配套工程。", {"涝河水库除险加固和配套工程"}),
        # the facilities of big science, where they are built
        ("中国散裂中子源二期加快建设,推进合肥先进光源、大气环境立体探测实验研究设施建设。新建实验设施10个。",
         {"中国散裂中子源二期", "合肥先进光源", "大气环境立体探测实验研究设施"}),
        # works continued (续建) are works built
        ("续建引江济淮二期工程、凤凰山水库。", {"引江济淮二期工程"}),
        # the works on a facility's infrastructure
        ("推进蒲津渡遗址博物馆展陈改造和五老峰景区基础设施提升工程。", {"蒲津渡遗址博物馆", "五老峰景区基础设施提升工程"}),
    ],
)
def test_projects_named_by_their_heads_and_lists(text, expected):
    assert _names(text) == expected


def test_a_list_of_sites_shares_no_head_nor_does_a_list_closed_by_deng():
    # ruins list heritage, no places works share; 等 ends the members, what follows is their kind
    assert _shared("良渚古城遗址、大运河国家文化公园(浙江段)建设加快。", "浙江省") == {"大运河国家文化公园(浙江段)"}
    assert _shared("加强御窑厂遗址、高岭瓷土矿遗址、浮梁古县衙等文物保护。", "景德镇市") == set()


def test_a_place_enlarged_or_made_an_expressway_is_a_project():
    assert _shared("建设郑开大道快速化改造,加快弓上水库扩容。", "郑州市") == {"郑开大道快速化改造", "弓上水库扩容"}


def test_a_partner_the_government_builds_something_with_is_no_project():
    assert _shared("与四川大学华西医院共建紧密型城市医疗集团,与北京大学第一医院合作共建。", "成都市") == set()
    assert _shared("四川大学华西医院天府院区建成投用。", "成都市") == {"四川大学华西医院天府院区", "四川大学华西医院"}


def test_a_zone_named_by_its_place_is_a_project_whatever_is_done_with_it():
    got = _shared("推动天津经济技术开发区、滨海高新区高质量发展,推动国家级经济技术开发区高质量发展。", "天津市")
    assert got == {"天津经济技术开发区", "滨海高新区"}  # a kind of zone is none
    assert _shared("天津市滨海新区加快发展。", "天津市") == set()  # nor is a place in a place
    # ... nor what ranks a zone among a class, or serves a place
    assert _shared("天津港保税区连续七年位列国家级经开区前列,天津港服务雄安新区。", "天津市") == {"天津港保税区"}


def test_the_phrase_after_a_list_s_closer_is_the_kind_of_the_things_listed():
    got = _names("支持仓山万达、泰禾广场等商业综合体提质升级,推动东街口、达明路、上下杭等特色商圈提档升级。")
    assert not {"商业综合体", "特色商圈"} & got
    # ... and of quoted names
    assert not _names("“闽投1号”“乡村振兴号”等深远海养殖平台投入运营。")
    # ... and of projects
    assert _names("推进盘南电厂三期、六枝电厂等煤电项目建设。") == {"盘南电厂三期", "六枝电厂"}
    # places listed share the head: it names one project of them all
    assert _names("建设盐源、德昌、会东、布拖等风电光伏基地。", "凉山彝族自治州") == {"风电光伏基地"}
    # a member the list goes on after carries no head it shares
    assert _shared("推动桂林漓江、北海涠洲岛、巴马长寿养生国际旅游区、德天跨国瀑布景区提档升级。", "广西壮族自治区") == {
        "巴马长寿养生国际旅游区"}
    # what the listed places do is no part of the head they share
    assert _shared("支持飞鹤乳业在克东县、甘南县、龙江县扩大奶源基地。", "齐齐哈尔市") == {"奶源基地"}
    # ... where jieba joins the list's 等 to the last place (阜|平等)
    assert _names("加快抚宁、易县、尚义、阜平等抽水蓄能电站建设。", "河北省") == {"抽水蓄能电站"}


def test_a_class_counted_by_what_it_reached_is_no_project():
    assert not _names("国家级企业技术中心达到18家,全市工业互联网平台达到22个,深港合作项目达到41项。")
    assert _names("湘江四桥建成通车。") == {"湘江四桥"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开工建设济南至微山、临沂至滕州等高速公路,新改建农村公路5000公里。", {"济南至微山高速公路", "临沂至滕州高速公路"}),
        ("推进菏泽至曲阜、济南至菏泽城际铁路前期工作。", {"菏泽至曲阜城际铁路", "济南至菏泽城际铁路"}),
        ("开工建设蒙西至京津冀、库布其至上海特高压直流输电工程。",
         {"蒙西至京津冀特高压直流输电工程", "库布其至上海特高压直流输电工程"}),
        # a list of places after one route is no list of routes: its last end and the head
        ("启动荆州至公安、石首高速公路前期工作。", {"石首高速公路"}),
        # routes that carry their own heads are read one by one, as before
        ("加快乐业至百色高速公路、隆林至田林高速建设。", {"乐业至百色高速公路", "隆林至田林高速"}),
        # ... as are routes of which the first is a way of its own
        ("开工建设石嘴山至乌海快速通道、大武口至平罗沿山公路。", {"石嘴山至乌海快速通道", "大武口至平罗沿山公路"}),
    ],
)
def test_routes_listed_by_their_ends_each_take_the_head_the_last_carries(text, expected):
    assert _names(text) == expected


def test_a_role_a_place_is_to_play_is_no_project():
    text = "柳州成为全国重要的新能源汽车生产基地,建设国内领先的储能产业基地和面向东盟的算力枢纽。"
    assert not _shared(text, "广西壮族自治区")
    # ... but a named facility after such words is one
    assert _shared("打造全国重要的柳州新能源汽车基地。", "广西壮族自治区") == {"柳州新能源汽车基地"}


def test_an_era_entered_is_no_project():
    assert _names("南沿江城际铁路建成通车,江阴正式迈入高铁时代。") == {"南沿江城际铁路"}
    assert not _names("2023年,我市正式进入地铁时代,菏泽全面融入全国高铁网,完善高速公路网。")
    assert not _names("“米”字形高速铁路网加快构建。")


def test_a_name_starts_at_no_digit_s_tail_and_a_port_city_is_no_port():
    # the rest of a rank or a year (世界500|强企业…, 2023|年民生实事项目), and 港口城市 a kind of city
    assert not _names("世界500强企业在穗投资项目达到470个,实施2023年民生实事项目,建设成为国际港口城市。")


def test_a_characteristic_town_or_street_is_a_kind():
    assert not _names("田柳镇、上口镇完成省级特色小镇创建,建设青云市集、曹状元街等特色街区。", "上海市")


def test_a_list_closed_by_a_kind_of_line_s_projects_names_lines_not_the_kind():
    # one is named after a district of the report's city (崇明线 in 上海)
    text = "机场联络线、嘉闵线、崇明线、19号线、20号线一期等轨道交通项目加快建设,推进轨道交通6号线建设。"
    expected = {"机场联络线", "嘉闵线", "崇明线", "19号线", "20号线一期", "轨道交通6号线"}
    assert _names(text) == _names(text, "上海市") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("实施锦绣路、杨高路雨污分流改造项目。", {"雨污分流改造项目"}),
        ("实施东平河、西江、北江水环境综合整治工程。", {"水环境综合整治工程"}),
        ("实施杨高路雨污分流改造项目。", {"杨高路雨污分流改造项目"}),  # one place: part of the name
    ],
)
def test_places_listed_before_a_head_without_deng_share_it(text, expected):
    assert _names(text) == expected


def test_works_named_gongcheng_are_projects_and_a_place_listed_before_them_is_not():
    names = _names("推进市妇幼保健院迁建工程、魁奇路改造工程,完成黑鱼湖、燕都湖、三永湖清淤工程。")
    assert {"市妇幼保健院迁建工程", "魁奇路改造工程", "三永湖清淤工程"} <= names
    assert not names & {"黑鱼湖", "燕都湖"}


def test_a_list_s_subject_and_verb_and_a_rank_striven_for_are_no_project_s_name():
    assert _names("中心城区完成夏都公园、钧都大道快速化改造、颍河生态廊道二期等工程。") == {
        "夏都公园", "钧都大道快速化改造", "颍河生态廊道二期"}
    assert _names("市人民医院、市中医院成功创建三级医院,推进县医院创建三甲医院。") >= {"市人民医院", "市中医院"}
    assert not {"市中医院成功创建三级医院", "三级医院", "三甲医院"} & _names("市人民医院、市中医院成功创建三级医院。"
                                                                            "推进县医院创建三甲医院。")


def test_rebuilding_and_enlarging_governs_a_school_s_name():
    assert _names("新建公办幼儿园3所;改扩建襄汾县第二中学、新城镇第一小学。") == {"襄汾县第二中学", "新城镇第一小学"}


def test_the_count_of_the_places_a_list_names_is_no_class_of_the_head_they_share():
    assert _names("加快盐湖、临猗、永济三大现代农业产业园区建设。", "运城市") == {"现代农业产业园区"}


def test_works_continued_at_a_wharf_or_on_a_channel_are_projects_not_programmes():
    from kg.extract.policies import policies

    text = "加快杭州机场三期续建工程、杭温高铁建设,完成姚江二通道(慈江)工程,推进北仑港区码头工程。"
    assert {"杭州机场三期续建工程", "姚江二通道(慈江)工程", "北仑港区码头工程"} <= _names(text)
    assert not {m.name for m in policies(parse(TOPIC + text))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("工业北路快速路、二环南路东延建成通车。", {"工业北路快速路", "二环南路东延"}),
        ("建成嘉华大桥、大坪立交,加快遵义市中心城区快速路网(二期)建设。",
         {"嘉华大桥", "大坪立交", "遵义市中心城区快速路网(二期)"}),
        ("推进滨海快线建设,宝安体育场建成使用。", {"滨海快线", "宝安体育场"}),
        # the works on the left conjunct's line end it (龙大高速|市政化改造|和|丹平快速路一期)
        ("建设龙大高速市政化改造和丹平快速路一期。", {"龙大高速", "丹平快速路一期"}),
        ("完善城市快速路网。", set()),  # a kind of road
        # an intercity line whatever is said of it, and its section
        ("宁句城际建成通车,宁马城际加快建设,推动宁滁城际南京段前期工作。", {"宁句城际", "宁马城际", "宁滁城际南京段"}),
        # a cluster of data centres; a conjunct ending in a cluster or a designation is a name of its own
        ("建设芜湖数据中心集群和中国(南京)软件谷算力中心。", {"芜湖数据中心集群", "中国(南京)软件谷算力中心"}),
        ("建设无锡国家传感网创新示范区和雪浪小镇。", {"雪浪小镇"}),
        ("开工建设重庆图书馆新馆和重庆科技馆,加快7号线一期和8号线一期建设。",
         {"重庆图书馆新馆", "重庆科技馆", "7号线一期", "8号线一期"}),
        # a metro line's section by its direction; a plant's owner before its generation or size names it
        ("地铁7号线南段、9号线一期建设有序推进。", {"地铁7号线南段", "9号线一期"}),
        ("华星光电8.5代液晶面板生产线建成投产,加快中芯国际临港12英寸晶圆代工生产线建设。",
         {"华星光电8.5代液晶面板生产线", "中芯国际临港12英寸晶圆代工生产线"}),
        # zones and parks raised in quality are works on them; a university town
        ("推进贵阳经济技术开发区、贵阳综合保税区提质增效,推进黔灵山公园提质,推进花溪大学城建设。",
         {"贵阳经济技术开发区", "贵阳综合保税区", "黔灵山公园", "花溪大学城"}),
        ("海口国际免税城开业运营,老城十字街开街。", {"海口国际免税城"}),  # opening a facility is its build
        # a city's railway station by its direction, an island of start-ups or finance, an Olympic sports centre
        ("开工建设郑州南站,推进龙子湖智慧岛、龙湖金融岛建设,启动郑州奥体中心建设。",
         {"郑州南站", "龙子湖智慧岛", "龙湖金融岛", "郑州奥体中心"}),
        # a headquarters building, a park for start-ups, a yacht centre
        ("建成中国旅游集团总部大楼,推进复兴城互联网创新创业园、三亚国际游艇中心建设。",
         {"中国旅游集团总部大楼", "复兴城互联网创新创业园", "三亚国际游艇中心"}),
        # a fitness centre, a trade city, a freight trains' hub
        ("推进喀什地区全民健身中心建设,建成中亚商贸城二期,建设中欧班列(乌鲁木齐)集结中心。",
         {"喀什地区全民健身中心", "中亚商贸城二期", "中欧班列(乌鲁木齐)集结中心"}),
        # a new town closing a list of them (…等重点板块建设)
        ("推进太湖新城、锡东新城、惠山新城等重点板块建设。", {"太湖新城", "锡东新城", "惠山新城"}),
        # a firm's new plant, a park of cooperation, a science corridor
        ("一汽解放锡柴新工厂建成投产,推动中德(无锡)国际产业合作园、寒亭区农业国际合作园区建设,加快太湖湾科创带建设。",
         {"一汽解放锡柴新工厂", "中德(无锡)国际产业合作园", "寒亭区农业国际合作园区", "太湖湾科创带"}),
    ],
)
def test_works_of_transport_parks_and_plants_are_projects(text, expected):
    assert _names(text) == expected


def test_works_on_a_heritage_site_or_a_street_are_projects():
    from kg.extract import extract

    found = extract(parse(TOPIC + "建成遵义会议会址保护利用提升工程,推进大理古城保护提升工程、青杠坡战斗遗址保护展示工程,"
                                  "实施复兴大街城市更新工程。"))
    assert {m.name for m in found if m.type == "Project"} == {
        "遵义会议会址保护利用提升工程", "大理古城保护提升工程", "青杠坡战斗遗址保护展示工程", "复兴大街城市更新工程"}
    assert not [m for m in found if m.type == "Policy"]


@pytest.mark.parametrize(
    "text",
    [
        "实施37个乡镇(街道办)全民健身中心项目。",  # a count of a class
        "继续加大“嵌入式”社区居家养老服务中心建设。",  # a class of facility
        "支持有条件的县人民医院达到三级医院的规模和水平。",  # no construction, and a class
        "补齐图书馆、文化馆、体育场等公共服务短板,加快新型基础设施建设。",
        "优化整合民生服务事项和工程建设项目。",  # a generic conjunct
        "强化融资平台公司综合治理。",
        "打通槐东路、魏风街、周西路等“断头路”。",  # an action without a named object
        "谋划一批重大项目,积极争取资金支持。",
        "深化前海、横琴、南沙三大平台建设。",
        "实施固定资产投资项目煤炭消费减量替代。",  # 项目 inside a policy's name
        "加快建设国家级经济技术开发区,打造千亿级产业园区。",  # a grade of scale, no name
        "省级以上创新平台突破200家。",  # a range of levels is a class
        "新建改扩建中小学幼儿园28所。",  # a count after the head is a class counted too
        "迎江区、大观区、宜秀区建成口袋公园36个。",  # ... and 宜秀区建成 is its subject and verb
        "支持三一集团、中联重科等工程机械企业做大做强。",  # 工程 of a trade closes no list of projects
        "坚决遏制“两高”项目盲目发展。",  # a quoted kind of project
        "推进优质医疗资源扩容工程建设。",  # a programme that enlarges a kind of resource
        "省重点项目完成投资1.2万亿元,推进省市重点项目建设。",  # the key projects of a level of government
        "与宁德时代、比亚迪共建项目23个。",  # a count of projects, with who builds them
        "实施城镇污水处理厂提标改造。",  # a class of works, one per town
        "铁峰山国家森林公园获评全国自然教育基地。",  # a title won
        "提升开放平台能级,建设数字经济平台、重大科技平台。",  # kinds of platform
        "支持罗氏制药中国创新中心、外高桥电厂等企业发展。",  # the report calls them firms
        "加快汾河流域(鸡西段)生态修复。",  # 西段 of a road only, not the end of a city's name
        "佛堂古镇、赤岸镇乔亭村入选省级历史文化名村保护项目。",
        "全市高速公路通车里程达到1000公里,推进文旅项目建设,同步推进二期项目前期工作。",  # all of a kind
        # kinds of project by their money or aim, alone or listed
        "补短板项目完成投资410亿元,推进专项债项目、以工代赈项目建设,加快技改项目、城市更新项目建设。",
        "做好后续项目储备,谋划接续项目。",  # projects to come, none named
        "推进乡镇卫生院标准化建设。",  # a kind of facility, none named
        "稳妥处置个别房地产企业项目逾期交付风险。",  # the projects of a kind of firm
        "推进农村承包地、宅基地和林地确权颁证。",  # land for houses, no base
        "年底高速公路通车里程达到2525公里。",  # a time before a kind of road
        "助力机场旅客吞吐量达到6000万人次。",  # helping the airport, whose throughput is counted
        "保交楼项目交付率达到95%以上,实施“十四五”规划重大项目。",  # the projects of a policy
        "新建一批城市道路和过江大桥。",  # a batch of things of a kind
        "通威、弘元、双良、美科等龙头企业扩能项目相继投产。",  # ... and their works
        "高质量完成了各项目标任务。",  # 各项|目标
        "支持美的、博智林等企业建设工业互联网平台,鼓励高校与企业共建产教融合基地。",  # kinds, by who builds them
        "建成灯塔工厂等一批标杆示范项目,与香港、澳门合作项目签约46个,稳妥处置房地产项目逾期交付风险。",
        "径山茶宴、余杭滚灯等非遗项目焕发新活力,推进医疗项目建设。",  # kinds of project by their field
        # a connective opens the clause, and the verb after it governs a generic facility
        "并且建设体育馆,与此同时建设图书馆,其次建设博物馆,另外还将建设美术馆。",
        # what won a title listed as its subject, and a title a firm applies for
        "孝义皮影戏、孝义碗碗腔入选山西省非物质文化遗产保护示范项目。",
        "支持山西东义煤电铝集团有限公司申报国家级企业技术中心。",
    ],
)
def test_projects_skip_classes_counts_and_generic_heads(text):
    assert _names(text) == set()


# jurisdiction codes, so that the places of the list resolve in the report's own division
CODES = {"交城县": "141122", "广州市": "440100", "成都市": "510100", "北京市": "110000", "惠州市": "441300",
         "大庆市": "230600", "天津市": "120000",
         "浙江省": "330000", "景德镇市": "360200", "郑州市": "410100", "荆州市": "421000", "广西壮族自治区": "450000",
         "齐齐哈尔市": "230200", "宁夏回族自治区": "640000"}


def _shared(text: str, jurisdiction: str) -> set[str]:
    doc = parse(TOPIC + text, jurisdiction=jurisdiction, jurisdiction_code=CODES[jurisdiction])
    return {m.name for m in projects(doc)}


@pytest.mark.parametrize(
    ("jurisdiction", "text", "expected"),
    [
        # real sentence of the corpus
        ("交城县", "加快推进磁窑村、段村传统村落保护与古村镇开发;用好苏家湾文化旅游资源。", {"传统村落保护与古村镇开发"}),
        # phrased as other provinces phrase it
        ("广州市", "加快推进天河区、海珠区城中村改造,完善配套设施。", {"城中村改造"}),
        ("成都市", "推动锦江区、青羊区和武侯区老旧小区改造。", {"老旧小区改造"}),
        ("成都市", "推进黄龙溪镇、洛带镇古镇保护与开发。", {"古镇保护与开发"}),
        # the works are shared: not 潮白河生态修复 alone
        ("北京市", "完成永定河、潮白河生态修复。", {"生态修复"}),
        ("北京市", "完成学院路、中关村大街综合整治提升,启动老旧小区改造。", {"综合整治提升"}),
        # ... in a stretch of a lake's waters
        ("北京市", "白洋淀上游府河、孝义河、唐河综合治理持续推进。", {"综合治理"}),
        # the last river's basin is all the rivers' (not 综合治理 alone)
        ("北京市", "推进永定河、潮白河流域综合治理,确保水质达标。", {"流域综合治理"}),
        # members named with their district
        ("大庆市", "推进龙凤区卧里屯街道、让胡路区喇嘛甸镇棚户区改造。", {"棚户区改造"}),
        # divisions alone, named alike, share a head right after the last of them
        ("天津市", "合肥、芜湖、蚌埠综合保税区进出口额增长20.8%,推进甘谷县、秦安县工业集中区扩区。",
         {"综合保税区", "工业集中区"}),
        # ... not a zone named after one of them, nor a route's other end
        ("天津市", "深化与上海市宝山区、苏州工业园区合作共建。", {"苏州工业园区"}),
        ("荆州市", "启动荆州至公安、石首高速公路前期工作。", {"石首高速公路"}),
    ],
)
def test_projects_shared_head_of_a_place_list_without_deng(jurisdiction, text, expected):
    assert _shared(text, jurisdiction) == expected


@pytest.mark.parametrize(
    ("jurisdiction", "text"),
    [
        ("交城县", "支持磁窑村、段村加快旅游开发。"),  # a verb phrase, not a works nominal
        ("广州市", "推进天河区、海珠区全面推进城中村改造。"),
        ("广州市", "加快推进天河区城中村改造。"),  # one place is no list
        ("广州市", "天河区、海珠区的城中村改造全面铺开。"),  # the list is the subject, with 的
        ("广州市", "学习借鉴天河区、海珠区城中村改造经验。"),  # no works at the clause end
        ("广州市", "推动越秀区、荔湾区老城区有机更新。"),  # not works
    ],
)
def test_projects_no_shared_head_without_a_list_object_and_works(jurisdiction, text):
    assert _shared(text, jurisdiction) == set()


@pytest.mark.parametrize(
    ("jurisdiction", "text", "expected"),
    [
        # real sentence of the corpus
        ("交城县", "打造特色康养,启动交城山森林康养;继续举办系列文旅活动。", {"交城山森林康养"}),
        # phrased as other provinces phrase it
        ("惠州市", "启动罗浮山森林康养,建设一批精品民宿。", {"罗浮山森林康养"}),
        ("成都市", "加快推进龙泉山森林康养。", {"龙泉山森林康养"}),
        ("北京市", "启动雁栖湖旅游开发。", {"雁栖湖旅游开发"}),
        # negatives: a sector, no launching verb, not the whole object, not a natural feature
        ("惠州市", "发展罗浮山森林康养。", set()),
        ("交城县", "交城山森林康养持续升温。", set()),
        ("交城县", "启动交城山森林康养产业。", set()),
        ("交城县", "启动交城县森林康养。", set()),
    ],
)
def test_projects_launched_development_of_a_natural_feature(jurisdiction, text, expected):
    assert _shared(text, jurisdiction) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # labs, parks, greenways, zones and schools that other reports build or open
        ("鹏城实验室、广州实验室挂牌运作。", {"鹏城实验室", "广州实验室"}),
        ("北京量子信息科学研究院投入使用。", {"北京量子信息科学研究院"}),
        ("翠湖湿地公园、南沙河滨水绿道建成开放。", {"翠湖湿地公园", "南沙河滨水绿道"}),
        ("加快建设锦江公园、天府艺术公园和龙泉山城市森林公园。", {"锦江公园", "天府艺术公园", "龙泉山城市森林公园"}),
        ("建设韩江流域生态廊道。", {"韩江流域生态廊道"}),
        ("德清地理信息小镇加快建设。", {"德清地理信息小镇"}),
        ("加快安吉经济开发区建设。", {"安吉经济开发区"}),
        ("横琴粤澳深度合作区、前海深港现代服务业合作区加快建设。",
         {"横琴粤澳深度合作区", "前海深港现代服务业合作区"}),
        ("中关村科学城核心区建设深入推进。", {"中关村科学城核心区"}),
        ("建成卫城镇中心校、梅雨镇幼儿园。", {"卫城镇中心校", "梅雨镇幼儿园"}),
        ("新建盐源县第二中学。", {"盐源县第二中学"}),
        ("牧野实验室正式揭牌运行。", {"牧野实验室"}),
        # demonstration parks and industrial clusters are zones; a waterway is a project where it is built
        ("百色新山铝产业示范园、花垣工业集中区建设提速。", {"百色新山铝产业示范园", "花垣工业集中区"}),
        ("右江百色至南宁航道基本建成。", {"右江百色至南宁航道"}),
        # a logistics park's 园区 is of its name
        ("加快双流航空物流园区、新津物流园区建设。", {"双流航空物流园区", "新津物流园区"}),
        # arts centres, opera houses and maternity hospitals, a hospital's new site with it
        ("推进拉萨市群众艺术馆、上海大歌剧院建设。", {"拉萨市群众艺术馆", "上海大歌剧院"}),
        ("加快昆山市妇幼保健院新院建设。", {"昆山市妇幼保健院新院"}),
    ],
)
def test_built_facilities_parks_and_zones(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an ordinal number inside a name belongs to it; a measure before a name does not
        ("推动京东方第8.6代AMOLED生产线建设。", {"京东方第8.6代AMOLED生产线"}),
        ("加快惠科第8.6代液晶面板生产线建设。", {"惠科第8.6代液晶面板生产线"}),
        ("打造10万吨级白酒基地。", {"白酒基地"}),  # corpus (交城)
    ],
)
def test_ordinal_numbers_stay_in_the_name(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "加大体育公园、公共体育场馆、户外运动设施建设。",  # corpus: kinds of park
        "新建改扩建中小学和幼儿园12所。",  # a count of a class
        "鹏城实验室牵头承担国家重大科技任务。",  # a lab acting, not built
        "在人民公园举办迎春灯会。",  # a park as a venue
        "延吉中朝韩商品城稳定运营。",  # a market running, not built
        "加强内河航道管理。",  # a class of waterways
    ],
)
def test_facility_heads_need_a_name_and_a_build(text):
    assert _names(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("引进四川川投能源股份有限公司建设盐源县光伏发电项目。", {"盐源县光伏发电项目"}),
        ("支持四川大学、电子科技大学建设天府实验室。", {"天府实验室"}),
        ("推动高校与企业共建宜宾产教融合实训基地。", {"宜宾产教融合实训基地"}),
        ("翠屏区成功创建国家现代农业产业园。", {"国家现代农业产业园"}),  # the district that won it is no part
        ("岳阳绿色化工高新区升级为国家级高新区。", {"岳阳绿色化工高新区"}),  # the rank it rose to is none
        ("远景零碳产业园成为全球首个零碳产业园。", {"远景零碳产业园"}),  # ... nor what it became
        ("小清河、滚河、蛮河综合治理有序推进。", {"综合治理"}),  # works listed places share, under way
        ("推进襄阳绕城高速南段、枣潜高速襄阳北段建设。", {"襄阳绕城高速南段", "枣潜高速襄阳北段"}),  # a line's section
        ("推进市博物馆新馆、市图书馆东津馆建设。", {"市博物馆新馆", "市图书馆东津馆"}),  # a branch by its place
        ("推动中国电建集团投资建设抽水蓄能电站。", {"抽水蓄能电站"}),
    ],
)
def test_the_builder_is_not_part_of_the_name(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize(
    ("jurisdiction", "text", "expected"),
    [
        ("遵义市", "支持仁怀市建设酱香白酒产业园。", {"酱香白酒产业园"}),  # the place that builds is the subject
        # a place named like works is no project
        ("北京市", "支持雄安新区建设。", set()),
        ("北京市", "支持雄安新区打造开放平台。", set()),
    ],
)
def test_a_place_that_builds_is_no_project_nor_part_of_one(jurisdiction, text, expected):
    assert _names(text, jurisdiction) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("雅砻江盐源段防洪治理工程开工建设。", {"雅砻江盐源段防洪治理工程"}),
        ("推进引汉济渭二期调水工程建设。", {"引汉济渭二期调水工程"}),
        # works named by two verbs are named whole; a verb of iterating governs
        ("推进人民医院改造提升,加快安吉两山高新技术产业园区扩容提质,迭代升级鲁家村田园综合体。",
         {"人民医院改造提升", "安吉两山高新技术产业园区扩容提质", "鲁家村田园综合体"}),
        # passenger lines, intercity transit and metros between two cities by their abbreviations; a metro's section
        ("武广客运专线建成通车,广珠城际轨道交通、广佛地铁、地铁3号线北延段加快建设,推进城市地铁建设。",
         {"武广客运专线", "广珠城际轨道交通", "广佛地铁", "地铁3号线北延段"}),
        # a firm's plant named with its yearly output in sets, pieces or square metres; a count of sets is a class
        ("推动恒林股份年产300万套智能办公家具项目竣工,天振股份年产1500万平方米高端环保地板项目建成,新建500套保障性住房项目。",
         {"恒林股份年产300万套智能办公家具项目", "天振股份年产1500万平方米高端环保地板项目"}),
        # a centre's gym goes on its name; gyms counted are a class
        ("市体育中心全民健身馆投入使用,新建全民健身馆3个。", {"市体育中心全民健身馆"}),
        # a service zone that is built (not one whose functions are improved)
        ("加快金盏国际合作服务区二期建设,完善政务服务区功能。", {"金盏国际合作服务区二期"}),
        # towns of knowledge, finance and innovation; a smart city is a scheme
        ("建设中新广州知识城,加快南大智慧城、陆家嘴金融城建设,推进宜昌智慧城市建设。",
         {"中新广州知识城", "南大智慧城", "陆家嘴金融城"}),
        # a central district is a zone (北京商务中心区: the CBD), a city's centre none
        ("加快北京商务中心区、后海中心区建设,优化城市中心区功能。", {"北京商务中心区", "后海中心区"}),
        # a head's section in a place, and its phase after it, are the name's
        ("推进温榆河公园朝阳段二期建设,加快地铁12号线南山段建设。", {"温榆河公园朝阳段二期", "地铁12号线南山段"}),
        # a water transfer is named by its two ends
        ("引黄济宁工程开工建设,加快南水北调中线工程建设,实施防洪工程。", {"引黄济宁工程", "南水北调中线工程"}),
    ],
)
def test_works_of_water_and_flood_control_are_projects(text, expected):
    assert _names(text) == expected


def test_a_level_below_the_jurisdiction_is_a_class_but_its_own_level_is_one():
    text = "推动县人民医院新院区建设。"
    assert _names(text, "运城市") == set()
    assert _names(text, "交城县") == {"县人民医院新院区"}


def test_short_form_of_a_project_points_at_the_fuller_name():
    found = {m.name: m.attr("canonical") for m in projects(parse("加快运城国际机场改扩建。运城国际机场建设有序推进。"))}
    assert found["运城国际机场"] == "运城国际机场改扩建"


def test_a_numbered_line_without_its_system_is_the_line_the_report_names_with_it():
    text = "轨道交通4号线二期、5号线北延伸段、15号线建设加快推进。加快轨道交通15号线建设,推动轨道交通5号线北延伸段通车。"
    found = {m.name: m.attr("canonical") for m in projects(parse(TOPIC + text))}
    assert found["15号线"] == "轨道交通15号线" and found["5号线北延伸段"] == "轨道交通5号线北延伸段"
    assert found["轨道交通15号线"] is None


def test_project_offsets_slice_the_raw_text(sample_doc):
    for m in projects(sample_doc):
        assert sample_doc.text[m.start : m.end] == m.text


def test_extract_runs_the_policies_extractor_once_per_document(monkeypatch, sample_doc):
    # projects read the policy spans of the same run instead of extracting policies again
    import kg.extract as extract_mod

    extract_mod._load_all()
    calls = []
    real = extract_mod.REGISTRY["policies"]

    def counting(doc):
        calls.append(doc)
        return real(doc)

    monkeypatch.setitem(extract_mod.REGISTRY, "policies", counting)
    mentions = extract_mod.extract(sample_doc)
    assert len(calls) == 1
    # same projects as a run of the extractor on its own
    assert {m.name for m in mentions if m.type == "Project"} == {m.name for m in extract_mod.arbitrate(list(projects(sample_doc)))}
    assert len(calls) == 2  # outside a run the policies are simply extracted


def test_spans_held_by_start_are_the_pairs_that_go_on_past_the_end():
    import random

    from kg.extract.projects import _Spans

    rng = random.Random(7)
    spans = [(a, a + rng.randint(1, 30)) for a in (rng.randint(0, 500) for _ in range(200))]
    held = _Spans(spans)
    for _ in range(2000):
        start = rng.randint(0, 520)
        end = start + rng.randint(1, 35)
        assert held.holds_before_end(start, end) == any(a <= start and end < b for a, b in spans)
    for a, b in spans[:50]:  # a span is not held by itself, nor by another that ends where it does
        assert held.holds_before_end(a, b) == any(x <= a and b < y for x, y in spans)
    assert not _Spans([]).holds_before_end(0, 1)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("长青南街南延工程建成通车。", "长青南街南延工程"),
        ("实施汾河综合整治。", "汾河综合整治"),
        # works on a levee, a scenic area, a canal or an airfield's paving
        ("实施黄河宁夏段堤防提升工程。", "黄河宁夏段堤防提升工程"),
        ("沙湖旅游区提升工程建成开放。", "沙湖旅游区提升工程"),
        ("推进德泽水库干渠工程建设。", "德泽水库干渠工程"),
        ("完成机场场道工程。", "机场场道工程"),
        # ... and a 工程 whose words name a port, a mine, a pipe network or an airport it builds
        ("洋浦港小铲滩起步工程建成运营。", "洋浦港小铲滩起步工程"),
        ("大茅隧洞至亚龙湾段供水管网工程建成。", "大茅隧洞至亚龙湾段供水管网工程"),
        # the policy reading starts earlier, at the last place, but has the same head
        ("大黑山岛、砣矶岛生态修复工程顺利完工。", "生态修复工程"),
    ],
)
def test_works_a_policy_head_also_reads_are_one_project(text, name):
    from kg.extract import extract

    found = extract(parse(TOPIC + text))
    assert {(m.name, m.type) for m in found if m.type in ("Project", "Policy")} == {(name, "Project")}


def test_an_industrial_district_where_a_project_in_it_is_built_is_no_project():
    # 南港工业区 is where the ethylene project is, not what the sentence builds
    assert "南港工业区" not in {m.name for m in projects(parse(TOPIC + "推动南港工业区120万吨乙烯项目全面投产。"))}


def test_a_project_named_again_where_no_rule_reads_it_is_mentioned_there():
    doc = parse("做好各项工作。加快温榆河公园建设,推进温榆河公园朝阳段二期建设。温榆河公园接待游客500万人次。")
    spans = [(m.start, m.name) for m in projects(doc) if m.name == "温榆河公园"]
    # the second use is inside a longer name found, the third is the project's again
    assert [doc.norm.index("温榆河公园"), doc.norm.rindex("温榆河公园")] == [s for s, _ in spans]


@pytest.mark.parametrize(
    ("text", "built", "waters"),
    [
        ("开工建设则木河水库。", {"则木河水库"}, set()),
        ("开工建设藻渡水库、跳蹬水库。", {"藻渡水库", "跳蹬水库"}, set()),
        # a list of them built together, by the milestone after it
        ("加快金佛山水库、观景口水库建设。", {"金佛山水库", "观景口水库"}, set()),
        ("加快犬木塘水库、椒花水库、洞庭湖四口水系等水利项目建设。", {"犬木塘水库", "椒花水库"}, {"洞庭湖"}),
        ("凤山水库实现下闸蓄水。", {"凤山水库"}, set()),
        # kept or measured: a water
        ("加强密云水库保护,确保岳城水库水质稳定达标。", set(), {"密云水库", "岳城水库"}),
    ],
)
def test_a_reservoir_being_built_is_a_project_not_a_water(text, built, waters):
    from kg.extract import extract

    found = extract(parse(TOPIC + text))
    assert {m.name for m in found if m.type == "Project"} == built
    assert {m.name for m in found if m.type == "Place"} == waters


def test_the_count_of_listed_places_and_another_name_share_no_head():
    # 五市 counts the cities; the base joined to them is a name of its own
    assert _shared("向银川、石嘴山、吴忠、固原、中卫五市和宁东能源化工基地广大干部群众表示感谢。", "宁夏回族自治区") == {
        "宁东能源化工基地"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the partners a project is built with are no part of its name, and what they build unnamed is none
        ("推动广东海洋大学与宝钢湛江钢铁、巴斯夫、中科炼化共建联合实验室。", set()),
        ("与华为合作建设鲲鹏生态创新中心。", {"鲲鹏生态创新中心"}),
    ],
)
def test_the_partners_a_project_is_built_with_are_no_part_of_its_name(text, expected):
    assert _names(text) == expected
