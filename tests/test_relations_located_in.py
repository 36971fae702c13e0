"""kg.relations.located_in: hierarchy, places inside names, shared heads, level prefixes.

The project and enterprise spans are given by hand so that these tests judge
the relation rules alone, whatever the project extractor finds.
"""

from __future__ import annotations

import pytest

from kg.extract import arbitrate, extract
from kg.extract.places import places
from kg.model import Mention
from kg.pipeline import Analysis, analyse, build_graph
from kg.structure import parse

JURISDICTIONS = {"运城市": "140800", "交城县": "141122", "广州市": "440100", "成都市": "510100", "盐源县": "513423",
                 "北京市": "110000", "惠州市": "441300", "大庆市": "230600",
                 "大理白族自治州": "532900", "拉萨市": "540100", "延边朝鲜族自治州": "222400",
                 "晋江市": "350582", "顺德区": "440606", "西宁市": "630100", "天水市": "620500",
                 "南宁市": "450100", "襄阳市": "420600", "禹州市": "411081", "郑州市": "410100",
                 "阜阳市": "341200", "江苏省": "320000", "山东省": "370000", "浙江省": "330000",
                 "广西壮族自治区": "450000",
                 "山西省": "140000", "宜宾市": "511500"}


def located(text: str, things: dict[str, str], jurisdiction: str = "运城市") -> dict[str, set[str]]:
    """subject label -> labels of the places it is located in."""
    doc = parse(text, jurisdiction=jurisdiction, jurisdiction_code=JURISDICTIONS[jurisdiction])
    mentions = list(places(doc))
    for name, type_ in things.items():
        i = doc.norm.index(name)
        mentions.append(Mention(doc.id, type_, i, i + len(name), doc.text[i : i + len(name)], name))
    graph = build_graph([Analysis(doc, arbitrate(mentions))])
    out: dict[str, set[str]] = {}
    for s, p, o in graph.relations:
        if p == "located_in":
            out.setdefault(graph.entities[s].label, set()).add(graph.entities[o].label)
    return out


@pytest.mark.parametrize(
    "jurisdiction, text, subject, expected",
    [
        # a division or feature named inside the name
        ("运城市", "有序推进垣曲一期抽水蓄能项目建设。", "垣曲一期抽水蓄能项目", {"垣曲县"}),
        ("运城市", "加快临猗黄河大桥及引线等重大工程进度。", "临猗黄河大桥及引线", {"临猗县", "黄河"}),
        ("运城市", "推动G209运临连接线改造、G521盐湖段改建等项目年底贯通。", "G521盐湖段改建", {"盐湖区", "G521"}),
        ("运城市", "推动G209运临连接线改造、G521盐湖段改建等项目年底贯通。", "G209运临连接线改造", {"G209"}),
        ("运城市", "开工建设学苑路北延、大禹街西延等项目。", "学苑路北延", {"学苑路"}),
        ("运城市", "推动河东街延长线、涑水河旅游公路等项目年底贯通。", "涑水河旅游公路", {"涑水河"}),
        ("运城市", "积极推进晋潼高速(阳城至永济段)等项目前期。", "晋潼高速(阳城至永济段)", {"阳城县", "永济市"}),
        ("运城市", "推动关公博物馆和山西壁画博物馆建设。", "山西壁画博物馆", {"山西省"}),
        ("广州市", "推进广州大道快速化改造。", "广州大道快速化改造", {"广州大道"}),
        ("成都市", "推进锦江区春熙路片区更新改造。", "春熙路片区更新改造", {"春熙路"}),
        ("交城县", "打造特色康养,启动交城山森林康养。", "交城山森林康养", {"交城山"}),
        ("惠州市", "启动罗浮山森林康养,建设一批精品民宿。", "罗浮山森林康养", {"罗浮山"}),
        # a division of another province after the site names a partner (a school Beijing aided); a road's
        # other end is a site
        ("拉萨市", "拉萨北京实验中学二期建成投用。", "拉萨北京实验中学二期", {"拉萨市"}),
        ("延边朝鲜族自治州", "推进敦化至牡丹江铁路扩能改造。", "敦化至牡丹江铁路扩能改造", {"敦化市", "牡丹江市"}),
        # a town the report names with its level is called by its short name too
        ("运城市", "天子湖镇获评示范镇,加快天子湖现代工业园建设。", "天子湖现代工业园", {"天子湖镇"}),
        ("运城市", "递铺街道、孝丰镇协同发展,建成递铺至孝丰快速通道。", "递铺至孝丰快速通道", {"递铺街道", "孝丰镇"}),
        # ... but a section of a route is in the section's places, not at the route's far ends
        ("西宁市", "加快西宁至成都铁路西宁段建设。", "西宁至成都铁路西宁段", {"西宁市"}),
        ("成都市", "力争G0611张掖至汶川高速牙什尕至同仁段建成通车。", "G0611张掖至汶川高速牙什尕至同仁段",
         {"G0611", "同仁市"}),
        # a partner of another province first, then the report's own: sited at home
        ("晋江市", "上海市第六人民医院福建医院挂牌运行。", "上海市第六人民医院福建医院", {"福建省"}),
        ("顺德区", "北京理工大学顺德创新研究院建成运营。", "北京理工大学顺德创新研究院", {"顺德区"}),
        # ... and one of the province named after it and not in it: the partner first, the site last; a division in
        # the first is where in it
        ("禹州市", "推动郑州航空港禹州产业园建设。", "郑州航空港禹州产业园", {"禹州市"}),
        ("江苏省", "推进苏州宿迁工业园区建设。", "苏州宿迁工业园区", {"宿迁市"}),
        # ... but not where the first is the report's own, the later holds it, or both name a port
        ("阜阳市", "推进阜阳合肥现代产业园区建设。", "阜阳合肥现代产业园区", {"阜阳市", "合肥市"}),
        ("山东省", "推进潍坊现代农业山东省实验室建设。", "潍坊现代农业山东省实验室", {"潍坊市"}),
        ("浙江省", "推进宁波舟山港梅山港区二期建设。", "宁波舟山港梅山港区二期", {"宁波市", "舟山市"}),
        # a route's ends, through a place on the way, are its sites
        ("广西壮族自治区", "推进南宁经钦州至防城港高速改扩建。", "南宁经钦州至防城港高速改扩建",
         {"南宁市", "钦州市", "防城港市"}),
        # the head places listed before it share, after the count of them
        ("运城市", "加快盐湖、临猗、永济三大现代农业产业园区建设。", "现代农业产业园区", {"盐湖区", "临猗县", "永济市"}),
        # partners a name opens with, joined by a dash, are no site of it
        ("南宁市", "加快中国—东盟信息港南宁核心基地建设。", "中国—东盟信息港南宁核心基地", {"南宁市"}),
        ("晋江市", "清华大学-晋江鞋服产业创新中心建成运营。", "清华大学-晋江鞋服产业创新中心", {"晋江市"}),
        # a campus named by its place is there, not where its institution's name says
        ("天水市", "推进兰州交通大学天水校区建设。", "兰州交通大学天水校区", {"天水市"}),
        ("天水市", "加快兰州大学天水产业技术研究院建设。", "兰州大学天水产业技术研究院", {"天水市"}),
        # the country a name opens with names a national body, not its site
        ("北京市", "推进中国科学院海西研究院、中国电信京津冀大数据基地建设。", "中国电信京津冀大数据基地", {"京津冀"}),
        ("北京市", "推进中国科学院海西研究院、中国电信京津冀大数据基地建设。", "中国科学院海西研究院", None),
        # a division that builds a project, with or without other objects before it, is where it is
        ("襄阳市", "支持老河口建设新能源装备产业园。", "新能源装备产业园", {"老河口市"}),
        ("襄阳市", "宜城打造楚文化旅游目的地和化工新材料基地。", "化工新材料基地", {"宜城市"}),
        ("宜宾市", "特色品牌持续扩大,翠屏区成功创建国家现代农业产业园。", "国家现代农业产业园", {"翠屏区"}),
        # the shared head of a list of places
        ("运城市", "重点实施人民南路、中银路、凤凰路、槐中路等雨污分流及道路改造项目。", "雨污分流及道路改造项目",
         {"人民南路", "中银路", "凤凰路", "槐中路"}),
        ("运城市", "继续推进官道河、姚暹渠、常硝渠等排洪通道改造。", "排洪通道改造", {"官道河", "姚暹渠", "常硝渠"}),
        ("交城县", "加快推进磁窑村、段村传统村落保护与古村镇开发。", "传统村落保护与古村镇开发", {"磁窑村", "段村"}),
        ("广州市", "实施锦绣路、杨高路雨污分流改造项目。", "雨污分流改造项目", {"锦绣路", "杨高路"}),
        # ... reported as under way
        ("襄阳市", "小清河、滚河、蛮河综合治理有序推进。", "综合治理", {"小清河", "滚河", "蛮河"}),
        ("大庆市", "推进龙凤区卧里屯街道、让胡路区喇嘛甸镇棚户区改造。", "棚户区改造", {"卧里屯街道", "喇嘛甸镇"}),
        # ... and with the last river's basin
        ("北京市", "推进永定河、潮白河流域综合治理。", "流域综合治理", {"永定河", "潮白河"}),
        ("广州市", "加快推进天河区、海珠区城中村改造。", "城中村改造", {"天河区", "海珠区"}),
        ("北京市", "推进朝阳区、丰台区和通州区老旧小区综合整治。", "老旧小区综合整治", {"朝阳区", "丰台区", "通州区"}),
        # the jurisdiction's level prefix (the jurisdiction must be in the graph:
        # the resolver adds divisions the text names)
        ("运城市", "运城市将加快市会展中心、文化艺术中心建设。", "市会展中心", {"运城市"}),
        ("盐源县", "盐源县争取县人民医院门诊楼年内开工。", "县人民医院门诊楼", {"盐源县"}),
    ],
)
def test_located_in_project(jurisdiction, text, subject, expected):
    assert located(text, {subject: "Project"}, jurisdiction).get(subject) == expected


@pytest.mark.parametrize(
    "text, subject",
    [
        ("加快市会展中心、文化艺术中心建设。", "文化艺术中心"),  # no place, no prefix
        ("支持有条件的县人民医院达到三级医院。", "县人民医院"),  # 县 in a city's report is not the city
    ],
)
def test_located_in_needs_a_place_or_the_prefix(text, subject):
    assert subject not in located(text, {subject: "Project"})


def test_located_in_enterprise_with_a_place_in_its_name():
    text = "引进太原天然气公司作为备用气源。"
    assert located(text, {"太原天然气公司": "Enterprise"}, "交城县")["太原天然气公司"] == {"太原市"}


def test_located_in_asserts_only_the_most_specific_place_unless_the_name_names_both():
    got = located("推进锦江区春熙路片区更新改造。", {"春熙路片区更新改造": "Project"}, "成都市")
    assert got["春熙路片区更新改造"] == {"春熙路"}  # 锦江区 is the street's, outside the name
    # the division a name opens with, right before a division, town or village inside it: the name says both
    got = located("加快运城盐湖区中心医院建设,完成盐湖区槐东路北延。", {"运城盐湖区中心医院": "Project", "盐湖区槐东路北延": "Project"})
    assert got["运城盐湖区中心医院"] == {"运城市", "盐湖区"}
    assert got["盐湖区槐东路北延"] == {"槐东路"}  # ... not before a road: the road is in the division
    assert located("推进湛江徐闻港区建设。", {"湛江徐闻港区": "Project"}, "广州市")["湛江徐闻港区"] == {"湛江市", "徐闻县"}


@pytest.mark.parametrize(
    ("jurisdiction", "text", "chain"),
    [
        ("运城市", "完成盐湖区、万荣县试点工作,开通直飞日本航班。", [("盐湖区", "运城市"), ("运城市", "山西省"), ("山西省", "中国")]),
        # phrased as other provinces phrase it
        ("广州市", "推动天河区、黄埔区建设国际科技创新中心。", [("天河区", "广州市"), ("广州市", "广东省"), ("广东省", "中国")]),
        ("盐源县", "盐源县与木里县共建生态旅游环线。", [("盐源县", "凉山彝族自治州"), ("凉山彝族自治州", "四川省"), ("四川省", "中国")]),
    ],
)
def test_located_in_follows_the_hierarchy_up_to_the_country(jurisdiction, text, chain):
    got = located(text, {}, jurisdiction)
    for child, parent in chain:
        assert got[child] == {parent}
    assert "中国" not in got  # the country is the top
    assert "日本" not in got  # a foreign country is in no Chinese division


def test_a_foreign_city_is_in_its_country_where_the_graph_holds_it():
    got = located("深化与哈萨克斯坦合作,开通至阿拉木图、莫斯科航线。", {})
    assert got["阿拉木图"] == {"哈萨克斯坦"}
    assert "莫斯科" not in got  # 俄罗斯 is not named


def test_located_in_places_an_abbreviation_in_the_common_parent():
    assert located("运城市推进“盐临夏”一体化发展。", {})["盐临夏"] == {"运城市"}


def test_located_in_never_puts_a_feature_inside_the_feature_it_is_named_after():
    got = located("加快黄河金三角(运城)创新生态集聚区建设,保护黄河。", {"黄河金三角(运城)创新生态集聚区": "Project"})
    assert got["黄河金三角(运城)创新生态集聚区"] == {"黄河金三角", "运城市"}
    assert "黄河金三角" not in got


@pytest.mark.parametrize(
    "jurisdiction, text, expected",
    [
        # a county's report: its towns are in it
        ("盐源县", "建成卫城镇中心校、梅雨镇幼儿园。", {"卫城镇": {"盐源县"}, "梅雨镇": {"盐源县"}}),
        ("盐源县", "建成金河乡万亩花椒基地。", {"金河乡": {"盐源县"}}),
        # a city's report: a town of the city is in the county the gazetteer says, whether the text names it
        ("运城市", "推进蒲州镇、嵋阳镇文旅融合发展。永济市经济平稳增长。", {"蒲州镇": {"永济市"}, "嵋阳镇": {"临猗县"}}),
        # ... unless the city has none of that name (卫城镇 is 盐源县's) or several (山西省 has four 龙泉镇)
        ("运城市", "建成卫城镇中心校。", {}),
        ("山西省", "推进龙泉镇建设。", {}),
        # villages keep no link (交城县's 磁窑村、段村 in the gold)
        ("交城县", "加快推进磁窑村、段村传统村落保护。", {}),
        # ... but one named right after its town is in it
        ("运城市", "建设西社镇磁窑村,整治卫城镇红旗路。",
         {"西社镇": {"稷山县"}, "磁窑村": {"西社镇"}, "红旗路": {"卫城镇"}}),
        # ... and so are the ones of its kind listed right after it
        ("运城市", "西社镇磁窑村、段村入选示范村。", {"西社镇": {"稷山县"}, "磁窑村": {"西社镇"}, "段村": {"西社镇"}}),
        # a city's report: a town is in the one county its clause names before it
        ("大庆市", "肇源县推进新站镇温泉康养小镇建设。", {"新站镇": {"肇源县"}}),
        ("大庆市", "推进肇州县、肇源县和兴隆镇建设。", {}),
        # a short name written with its kind (巍山县 of 巍山彝族回族自治县) holds the town after it
        ("大理白族自治州", "支持巍山县大仓镇发展。", {"大仓镇": {"巍山彝族回族自治县"}}),
    ],
)
def test_unknown_towns_are_in_the_reporting_county(jurisdiction, text, expected):
    found = located(text, {}, jurisdiction)
    assert {k: v for k, v in found.items() if k in expected or k.endswith(("镇", "乡", "村"))} == expected


def test_a_town_s_own_report_places_its_villages_in_it_and_it_in_its_county():
    doc = parse("长安镇政府工作报告\n——在东莞市长安镇第十七届人民代表大会上\n全镇上下,推进倍磊村、剡溪村改造。")
    from kg.read import set_jurisdiction

    set_jurisdiction(doc)
    assert (doc.jurisdiction, doc.jurisdiction_code) == ("长安镇", "441900")
    graph = build_graph([Analysis(doc, arbitrate(list(places(doc))))])
    label = {k: e.label for k, e in graph.entities.items()}
    up = {(label[s], label[o]) for s, p, o in graph.relations if p == "located_in"}
    assert {("倍磊村", "长安镇"), ("剡溪村", "长安镇"), ("长安镇", "东莞市")} <= up


def test_a_firm_named_after_a_river_is_not_in_it():
    found = located("深化国资国企改革,推动汉江国投、襄阳国投市场化转型。", {"汉江国投": "Enterprise", "襄阳国投": "Enterprise"},
                    "襄阳市")
    assert "汉江国投" not in found and found.get("襄阳国投") == {"襄阳市"}


def test_a_lab_school_or_airport_named_after_a_mountain_lake_or_canal_is_not_on_it():
    things = {"嵩山实验室": "Project", "红旗渠机场改扩建": "Project", "洱海保护治理工程": "Project"}
    found = located("建设嵩山实验室,推进红旗渠机场改扩建,实施洱海保护治理工程。", things, "大理白族自治州")
    assert "嵩山实验室" not in found and "红旗渠机场改扩建" not in found
    assert found["洱海保护治理工程"] == {"洱海"}  # works on a lake are on it


def test_the_report_tells_the_county_of_a_town_the_gazetteer_places():
    # the link is the report's own, with the sentence as evidence, not only the gazetteer's hierarchy
    doc = parse("推进蒲州镇文旅融合发展。", jurisdiction="运城市", jurisdiction_code=JURISDICTIONS["运城市"])
    told = {(r.subject, r.predicate, r.object): r for r in analyse(doc).relations}
    link = told.get(("Place/蒲州镇", "located_in", "Place/140881"))
    assert link is not None and link.evidence


def test_routes_listed_by_their_ends_are_each_in_their_two_ends():
    doc = parse("开工建设济南至微山、临沂至滕州等高速公路。", jurisdiction="山东省", jurisdiction_code="370000")
    graph = build_graph([Analysis(doc, extract(doc))])
    out: dict[str, set[str]] = {}
    for s, p, o in graph.relations:
        if p == "located_in" and graph.entities[s].type == "Project":
            out.setdefault(graph.entities[s].label, set()).add(graph.entities[o].label)
    assert out == {"济南至微山高速公路": {"济南市", "微山县"}, "临沂至滕州高速公路": {"临沂市", "滕州市"}}
