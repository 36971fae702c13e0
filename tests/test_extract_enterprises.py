"""Enterprises: company heads and lists the report calls enterprises."""

from __future__ import annotations

import pytest

from kg.extract.enterprises import enterprises
from kg.structure import parse

TOPIC = "做好各项工作。"


def _names(text: str) -> set[str]:
    return {m.name for m in enterprises(parse(TOPIC + text))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("深化国资国企改革,稳妥推动新纺、磷肥厂等4家企业打包改制工作。", {"新纺", "磷肥厂"}),
        ("签约总投资80亿元的金风集团绿色新材料、维尔利集团焦炉煤气综合利用等12个项目。", {"金风集团", "维尔利集团"}),
        ("引进太原天然气公司作为备用气源。", {"太原天然气公司"}),
        ("坚定支持五粮液集团做强主业。", {"五粮液集团"}),  # the government's firm support is no part of the name
        # the members of a list with a firm named by its head are firms, but for the last, which runs on
        ("东方电子、杰瑞股份、冰轮环境入选国家制造业单项冠军。", {"东方电子", "杰瑞股份"}),
        ("推动恒邦冶炼、招金矿业、山东黄金莱州三山岛金矿智能化改造。", {"恒邦冶炼", "招金矿业"}),
        # ... not the members that name a project, a phase, a town or a plant named by its place
        ("推动金风集团、时代吉利二期、风电产业园建设。", {"金风集团"}),
        ("推动十八梯、鹅岭二厂、山城巷、李子坝提档升级。", {"鹅岭二厂"}),
        ("支持比亚迪集团、松山湖、华为协同发展。", {"比亚迪集团"}),
        ("支持比亚迪、华为等龙头企业做大做强。", {"比亚迪", "华为"}),
        ("支持雅戈尔、太平鸟、方太、公牛等本土品牌拓展市场。", {"雅戈尔", "太平鸟", "方太", "公牛"}),  # their brands
        # the kind of firm may be long or ranked
        ("皓月集团、吉林正业、中粮生化等农产品加工龙头企业产值增长12%。", {"皓月集团", "吉林正业", "中粮生化"}),
        ("做强君乐宝、今麦郎、五得利等农业产业化龙头企业。", {"君乐宝", "今麦郎", "五得利"}),  # 产业化: no sector
        ("福特、铃木、BP、ABB等世界500强企业在渝投资。", {"福特", "铃木", "BP", "ABB"}),
        ("引进孚能科技、国机智骏、凯马汽车等整车和零部件企业。", {"孚能科技", "国机智骏", "凯马汽车"}),
        # a city's own 城投 group is a firm; 城投公司 alone is a kind of firm
        ("推动哈尔滨城投集团、长春城投公司转型,规范城投公司融资。", {"哈尔滨城投集团", "长春城投公司"}),
        # a bank by its name, not a kind of bank
        ("支持渤海银行、天津农商银行服务实体经济,完成绵阳市商业银行增资扩股,发展村镇银行,防范化解地方中小银行风险,"
         "推广五夫镇生态银行模式。",
         {"渤海银行", "天津农商银行", "绵阳市商业银行"}),
        ("支持深圳能源集团、深圳地铁集团做强做优。", {"深圳能源集团", "深圳地铁集团"}),
        # 央企, 国企, 民企 and 外企 are kinds of 企业
        ("推动中国电建、中国移动等央企设立区域总部。", {"中国电建", "中国移动"}),
        ("引进宝马、西门子等外企。", {"宝马", "西门子"}),
        # a long legal name in the list, and a first name the pattern's length limit cut
        ("支持中芯国际、华虹半导体、上海微电子装备(集团)股份有限公司等集成电路企业发展。",
         {"中芯国际", "华虹半导体", "上海微电子装备(集团)股份有限公司"}),
        ("全力支持贵州茅台酒股份有限公司、国台酒业等龙头企业扩能提质。", {"贵州茅台酒股份有限公司", "国台酒业"}),
        ("在比亚迪公司设立研发中心。", {"比亚迪公司"}),  # 在 governs
        # places who give, counted or named alone, are no firms; 和 joins two members
        ("上海、山东、黑龙江、吉林四省市和中国宝武、中化集团等央企落实援藏资金。", {"中国宝武", "中化集团"}),
        ("支持柳钢集团和两面针、柳工等龙头企业扩能升级。", {"柳钢集团", "两面针", "柳工"}),
        # before 和 in the first member, words of another clause unless a firm's head names them
        ("推进盛京银行风险化解和沈阳华润、沈阳水务集团等企业混合所有制改革。", {"盛京银行", "沈阳华润", "沈阳水务集团"}),
        ("三是推动新松机器人、拓荆科技等企业扩大规模。", {"新松机器人", "拓荆科技"}),  # the ordinal and verb
        # 链主 is no sector: the members are the chain's leading firms
        ("推动美的、格力、海信科龙等链主企业带动上下游配套企业协同发展。", {"美的", "格力", "海信科龙"}),
        # building a plant is no plant's name
        ("推动北京北汽福田汽车股份有限公司、北京首农食品集团有限公司等企业在受援地投资建厂。",
         {"北京北汽福田汽车股份有限公司", "北京首农食品集团有限公司"}),
        # a listed firm by its short name and 股份
        ("推动恒林股份年产300万套智能办公家具项目竣工,支持天振股份做大做强。", {"恒林股份", "天振股份"}),
        # ... and by its brand and trade
        ("支持鲁清石化、晨鸣纸业实施技术改造,推动人福药业、东阳光药业扩能。", {"鲁清石化", "晨鸣纸业", "人福药业", "东阳光药业"}),
        # metals' trades (钴业, 矿业), and a firm opening a project's name
        ("华友钴业宜昌锂电新材料项目加快建设,支持盛屯矿业发展。", {"华友钴业", "盛屯矿业"}),
    ],
)
def test_enterprises_by_heads_and_lists(text, expected):
    assert _names(text) == expected


def test_a_name_longer_than_the_walk_starts_at_a_word():
    # 15 characters before 有限公司: the walk left of the head stops inside 引进, and the name starts after it
    names = _names("引进北京京东方显示技术研究开发中心有限公司落地。")
    assert names == {"北京京东方显示技术研究开发中心有限公司"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a branch's name after its parent's full name is one firm, not the parent and a headless rest
        ("支持中国石油天然气股份有限公司长庆油田分公司稳产增产。", {"中国石油天然气股份有限公司长庆油田分公司"}),
        ("推动陕西煤业化工集团神木天元化工有限公司技改。", {"陕西煤业化工集团神木天元化工有限公司"}),
        ("支持河南心连心化学工业集团股份有限公司扩大产能。", {"河南心连心化学工业集团股份有限公司"}),
        # a branch's own name of 13 characters before 公司
        ("推进中煤榆林能源化工鄂尔多斯分公司煤制烯烃项目建设。", {"中煤榆林能源化工鄂尔多斯分公司"}),
        # two firms side by side stay two
        ("支持国家电网有限公司、南方电网公司建设。", {"国家电网有限公司", "南方电网公司"}),
    ],
)
def test_a_branch_or_subsidiary_is_named_whole(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 和 that opens a division's name (和田, 和平区) joins nothing: the name goes on past it
        ("支持新疆和田果之初食品股份有限公司、和田帕尔曼果业有限公司等龙头企业发展。",
         {"新疆和田果之初食品股份有限公司", "和田帕尔曼果业有限公司"}),
        ("支持天津和平城市建设投资有限公司发展。", {"天津和平城市建设投资有限公司"}),
        # a 和 of its own still joins (平安|和|安全公司: 和安 is a county's old name, but no word here)
        ("推动平安和安全公司合作。", {"安全公司"}),
    ],
)
def test_a_name_goes_on_past_a_division_that_begins_with_he(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "强化融资平台公司综合治理。",  # a category: a Group
        "引进新能源、新材料等产业链企业30家。",  # members are sectors: the firms of them are meant
        "支持装备制造、电子信息等行业企业技改。",
        "支持高新技术企业、专精特新企业等各类企业发展。",  # members are categories
        "推动国有公司改革。",
        "实施互助县、乐都区城镇污水处理厂提标改造。",  # works a government builds, not firms
        "新建第二自来水厂。",
        "建设瑞金市垃圾焚烧发电厂。",  # a power plant: a project
        "新增省级智能制造示范工厂10家。",  # a kind of plant
        "新建高标准厂房500万平方米,整治老旧厂区。",  # buildings
        "推动求精中学、复旦中学集团化办学。",  # 集团化: schools run as a group, no firm
        "推进土城四渡赤水集团军纪念园建设。",  # 集团军: an army group, no firm
        # a city's hospitals and a school's schools grouped: public bodies
        "深化紧密型城市医疗集团建设,推进南方科技大学教育集团第二实验学校建设。",
        "推进台积电(南京)12英寸晶圆厂扩产。",  # a plant of a size, no firm
        "推进强村公司规范发展。",  # the companies villages own: a kind
        "兰州大学、兰州理工大学等高校院所与企业共建创新联合体21个。",  # universities that work with firms
        "支持杭州师范大学、浙江大学等高校与区内企业共建产教融合基地。",  # ... whatever firms they are
        # shares, not a firm's name
        "推进国有大企业集团股份制改造,推动重庆股份转让中心拓展业务,发展村集体股份经济合作社。",
        # industries named by a trade: a field, a material or a word of the dictionary before it, or a park after
        "推进化工产业升级,发展现代煤化工、精细磷化工、光伏硅业,壮大精细化工、生物制药,建设泉惠石化工业区。",
        "支持联盟化工扩产。",  # a firm whose brand is an everyday word: missed, not guessed
        # what is said of the firms after a list of places, and the multinationals
        "留仙洞总部基地、后海中心区等片区新增入驻总部企业20家,新引进跨国公司地区总部10家。",
        # the brands of a region's produce and of its events
        "培育章丘大葱、平阴玫瑰、商河温泉等特色品牌,举办北京马拉松、中国网球公开赛等赛事品牌。",
    ],
)
def test_enterprises_skip_categories(text):
    assert _names(text) == set()


def _firms(text: str) -> dict[str, str]:
    """Each firm found in ``text`` with the name the graph gives it."""
    from kg.extract import extract

    return {m.name: m.attr("canonical") or m.name for m in extract(parse(TOPIC + text)) if m.type == "Enterprise"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the central firms and the largest ones, named without a company head, by their short names too
        ("全力支持中国一汽稳产达产,推动一汽做大做强。", {"中国一汽": "中国第一汽车集团", "一汽": "中国第一汽车集团"}),
        ("京东方、华佳彩等新型显示企业加快发展。", {"京东方": "京东方", "华佳彩": "华佳彩"}),
        ("支持中石化、中海油扩大投资,支持中车做大做强。",
         {"中石化": "中国石油化工集团", "中海油": "中国海洋石油集团", "中车": "中国中车集团"}),
        # a two-character short name opens its subsidiaries' names (中车石家庄, 华润微电子): no firm of the parent
        ("支持中车石家庄、华润微电子发展。", {}),
        # only words of its own: 中国黄金周 holds no 中国黄金, 平煤隆基 and 长安福特 are other firms, a name's owner
        # is a word of the name (the gold files leave 比亚迪 in 比亚迪汕尾新能源汽车基地)
        ("做好中国黄金周旅游服务。", {}),
        ("平煤隆基电池片项目投产,长安福特产能扩大。", {}),
        ("推动比亚迪汕尾新能源汽车基地建成投产。", {}),
        # a joint venture is a firm of its own, not its Chinese parent
        ("一汽-大众、上汽通用稳居合资品牌前列,支持一汽做大做强。", {"一汽": "中国第一汽车集团"}),
    ],
)
def test_national_firms_are_read_by_name(text, expected):
    assert _firms(text) == expected


def test_every_line_of_the_national_firms_list_is_a_firm_of_its_own():
    from kg.extract.enterprises import NATIONAL_FIRMS, national_firms

    names, _ = national_firms()
    lines = [x for x in NATIONAL_FIRMS.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    assert len(names) == sum(len(x.split("|")) for x in lines)  # no name twice, for one firm or two
    assert len(set(names.values())) == len(lines)


def test_a_firm_named_with_and_without_its_legal_form_is_one():
    found = enterprises(parse(TOPIC + "支持东方电子、杰瑞等企业转型,推动东方电子股份有限公司、杰瑞集团建设新基地。"))
    assert {m.name: m.attr("canonical") for m in found} == {
        "东方电子": "东方电子股份有限公司", "杰瑞": "杰瑞集团", "东方电子股份有限公司": None, "杰瑞集团": None,
    }


def test_a_brand_is_the_firm_named_with_its_trade():
    found = enterprises(parse(TOPIC + "恒安集团、盼盼食品等龙头企业逆势增长。支持安踏、恒安、盼盼等龙头企业做大做强。"))
    assert {m.name: m.attr("canonical") for m in found}["盼盼"] == "盼盼食品"


def test_a_short_name_in_brackets_after_the_full_one_is_the_same_firm():
    found = enterprises(parse(TOPIC + "组建榆林市能源集团有限公司(榆能集团)。支持榆能集团做大做强,博世汽车部件(长沙)有限公司扩产。"))
    canonical = {(m.name, m.attr("canonical")) for m in found}
    assert ("榆能集团", "榆林市能源集团有限公司") in canonical
    assert all(c == "榆林市能源集团有限公司" for n, c in canonical if n == "榆能集团")
    assert ("博世汽车部件(长沙)有限公司", None) in canonical  # a place inside the name is no short name


def test_a_division_s_investment_companies_are_firms_by_their_short_names():
    # 城投 alone is a kind, 城投债 a debt
    doc = parse(TOPIC + "推动西宁城投、西宁国投、西宁产投、西宁建投完成重组,化解城投债,规范城投公司。",
                jurisdiction="西宁市", jurisdiction_code="630100")
    assert {m.name for m in enterprises(doc)} == {"西宁城投", "西宁国投", "西宁产投", "西宁建投"}


def test_the_firm_a_plant_or_base_is_named_after_is_a_firm_and_a_field_is_none():
    def names(text: str, jurisdiction: str, code: str) -> set[str]:
        return {m.name for m in enterprises(parse(TOPIC + text, jurisdiction=jurisdiction, jurisdiction_code=code))}

    got = names("比亚迪郑州基地一期、宁德时代洛阳基地一期建成投产,建设现代农业郑州基地,加快中航锂电洛阳二期、SK On郑州四期。",
                "河南省", "410000")
    assert got == {"比亚迪", "宁德时代", "中航锂电"}  # a phase there too; not the last word of a Latin name
    # a plant's firm is no member of the list that names the plant: its other members stay projects
    assert names("华能杜蒙风电、国家电投肇源风电等项目并网发电。", "大庆市", "230600") == {"国家电投"}
    # ... or the product made there, and the plant; no line, place or agreement
    got = names("中天钢铁南通绿色精品钢基地一期投产,天合光能南通高效光伏组件项目加快建设。", "江苏省", "320000")
    assert got == {"中天钢铁", "天合光能"}
    assert names("推进湖北宜化襄阳新材料项目。", "襄阳市", "420600") == {"湖北宜化"}  # a province opens it
    assert not names("推进京昆高速石家庄西段改扩建项目,国道309线屯留至沁县段改建项目,库布其沙漠鄂尔多斯中北部新能源基地,"
                     "与甘孜州丹巴县协作项目。", "河北省", "130000")
    assert not names("推进RCEP青岛经贸合作项目。", "青岛市", "370200")  # an agreement


def test_a_place_read_across_a_firm_s_name_s_end_is_none():
    from kg.extract import extract

    found = {(m.type, m.name) for m in extract(parse(TOPIC + "中海油渤海油田增储上产。", jurisdiction="天津市",
                                                     jurisdiction_code="120000"))}
    assert ("Enterprise", "中海油") in found and ("Place", "油渤海") not in found


def test_a_water_or_a_sea_inside_a_firm_s_name_is_none():
    from kg.extract import extract

    found = {(m.type, m.name) for m in extract(parse(TOPIC + "支持中国海油陵水17-2气田开发,加快中海油湛江分公司油田群开发。",
                                                     jurisdiction="海南省", jurisdiction_code="460000"))}
    assert {("Enterprise", "中国海油"), ("Enterprise", "中海油湛江分公司"), ("Place", "陵水")} <= found
    assert not {("Place", "中国海"), ("Place", "中海"), ("Place", "油湛江")} & found
    # a division in a firm's name is where the firm is, and a country where it is from
    found = extract(parse(TOPIC + "引进新加坡丰隆集团等一批企业。", jurisdiction="运城市", jurisdiction_code="140800"))
    assert "新加坡" in [m.text for m in found if m.type == "Place"]
    found = extract(parse(TOPIC + "全力服务茅台集团发展,茅台镇入选全省示范镇。", jurisdiction="遵义市", jurisdiction_code="520300"))
    assert [m.text for m in found if m.type == "Place"] == ["茅台", "茅台镇"]
    found = extract(parse(TOPIC + "支持国网运城供电公司加快电网建设。", jurisdiction="运城市", jurisdiction_code="140800"))
    assert [m.text for m in found if m.type == "Place"] == ["运城"]


def test_a_firm_named_by_its_trade_may_be_a_list_mate_and_an_industry_may_not():
    got = _names("厦门钨业、厦门象屿、建发集团3家企业入选世界500强,推动装备制造业、建发集团发展。")
    assert {"厦门钨业", "厦门象屿", "建发集团"} <= got and "装备制造业" not in got
    assert _names("支持章源钨业扩能。") == {"章源钨业"}  # tungsten, as 钼业


def test_a_tier_of_subsidiaries_is_no_firm():
    assert _names("推动在京央企总部及二三级子公司疏解。") == set()


def test_what_a_quoted_word_opens_is_a_firm_s_product_and_no_firm():
    names = _names("支持科大讯飞“星火”认知大模型、本源量子、国盾量子等企业开展关键核心技术攻关。")
    assert "认知大模型" not in names
    assert {"本源量子", "国盾量子"} <= names


def test_a_model_s_formula_names_no_firm():
    assert not _names("深化开发区“管委会+公司”改革。")


def test_a_kind_of_lender_is_no_firm():
    assert not _names("设立科技创业投资基金和科技小额贷款公司,发展融资担保公司。")


def test_a_firm_of_the_national_list_read_by_another_rule_takes_the_list_s_name():
    doc = parse(TOPIC + "中国星网、中国中化等央企总部加快建设。加快中国星网总部建设。")
    found = {(m.name, m.attr("canonical")) for m in enterprises(doc)}
    assert found == {("中国星网", "中国卫星网络集团"), ("中国中化", "中国中化控股")}


def test_what_a_firm_is_remade_into_ends_the_name_before_it():
    assert not {n for n in _names("水城区、盘州市农村信用社改制为农商银行。") if "改制为" in n}


def test_the_places_a_list_closed_by_deng_di_names_are_no_firms():
    assert not _names("鼓励柳市、北白象、虹桥等地小微企业入园集聚。")
    assert _names("支持正泰、德力西等企业做大做强。") == {"正泰", "德力西"}
