"""Quantities: value, unit, comparator, change, indicator, label; Target vs Outcome."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.outcomes import outcomes
from kg.extract.quantity import COMPARATOR_BEFORE, QUANTITY, is_outcome, quantities, tense
from kg.extract.targets import targets
from kg.structure import parse


def read(text: str, **kw):
    doc = parse(text, **kw)
    return doc, list(quantities(doc))


def row(doc, q):
    return (doc.text[q.start : q.end], q.value, q.unit, q.comparator, q.change, q.indicator)


# sentence, expected (label, value, unit, comparator, change, indicator) of its first quantity
CASES = [
    # 过 exceeding is a comparator, and no comparator stays in the indicator
    ("工业产值过500亿元,", ("工业产值过500亿元", Decimal(500), "亿元", "at_least", None, "工业产值")),
    ("总投资逾800亿元,", ("总投资逾800亿元", Decimal(800), "亿元", "at_least", None, "总投资")),
    # the practical matters pledged, counted in Chinese numerals as often as in digits
    ("办好十件民生实事,", ("办好十件民生实事", Decimal(10), "件", None, None, "民生实事")),
    ("全年办好二十件为民办实事,", ("全年办好二十件为民办实事", Decimal(20), "件", None, None, "为民办实事")),
    ("继续办好十二件实事,", ("办好十二件实事", Decimal(12), "件", None, None, "实事")),
    # keeping an area or a harvest, and works upgraded, are no part of what is counted
    ("稳定粮食播种面积405万亩以上,", ("稳定粮食播种面积405万亩以上", Decimal(405), "万亩", "at_least", None, "粮食播种面积")),
    ("新建和改造提升高标准农田500万亩,", ("新建和改造提升高标准农田500万亩", Decimal(500), "万亩", None, None, "高标准农田")),
    ("稳定就业岗位1万个,", ("稳定就业岗位1万个", Decimal(1), "万个", None, None, "稳定就业岗位")),
    ("审查通过10个,", ("审查通过10个", Decimal(10), "个", None, None, "审查通过")),
    ("政府债务总额不超过5亿元,", ("政府债务总额不超过5亿元", Decimal(5), "亿元", "at_most", None, "政府债务总额")),
    # the sample reports
    ("新增高新技术企业25家，", ("新增高新技术企业25家", Decimal(25), "家", None, "increase", "高新技术企业")),
    ("全年完成36.9万亩治理任务。", ("全年完成36.9万亩治理任务", Decimal("36.9"), "万亩", None, None, "治理任务")),
    (
        "确保单位工业增加值能耗同比下降3.9%。",
        ("单位工业增加值能耗同比下降3.9%", Decimal("3.9"), "%", None, "decrease", "单位工业增加值能耗"),
    ),
    (
        "确保在园幼儿占比保持55%以上。",
        ("在园幼儿占比保持55%以上", Decimal(55), "%", "at_least", None, "在园幼儿占比"),
    ),
    (
        "每个县城至少建好1所优质公办普通高中，",
        ("每个县城至少建好1所优质公办普通高中", Decimal(1), "所", "at_least", None, "优质公办普通高中"),
    ),
    ("新(改、扩)建16所公办幼儿园，", ("新(改、扩)建16所公办幼儿园", Decimal(16), "所", None, None, "公办幼儿园")),
    (
        "力争垣曲二期、绛县2个项目年内开工。",
        ("垣曲二期、绛县2个项目年内开工", Decimal(2), "个", None, None, "项目年内开工"),
    ),
    (
        "稳妥推动新纺、磷肥厂等4家企业打包改制工作。",
        ("推动新纺、磷肥厂等4家企业打包改制", Decimal(4), "家", None, None, "企业打包改制"),
    ),
    (
        "打造600万吨级的绿色焦化产业园。",
        ("打造600万吨级的绿色焦化产业园", Decimal(600), "万吨", None, None, "绿色焦化产业园规模"),
    ),
    (
        "打造总产值50亿元的绿色建材产业园。",
        ("打造总产值50亿元的绿色建材产业园", Decimal(50), "亿元", None, None, "绿色建材产业园总产值"),
    ),
    ("问题办结率超过99%，", ("问题办结率超过99%", Decimal(99), "%", "at_least", None, "问题办结率")),
    (
        "粮食种植面积稳定在650万亩以上，",
        ("粮食种植面积稳定在650万亩以上", Decimal(650), "万亩", "at_least", None, "粮食种植面积"),
    ),
    ("民营企业数量突破10万家。", ("民营企业数量突破10万家", Decimal(10), "万家", "at_least", None, "民营企业数量")),
    # reports from elsewhere (Guangdong, Sichuan, Beijing phrasing)
    (
        "地区生产总值增长6%左右，",
        ("地区生产总值增长6%左右", Decimal(6), "%", "about", "increase", "地区生产总值"),
    ),
    (
        "城镇调查失业率控制在5.5%以内，",
        ("城镇调查失业率控制在5.5%以内", Decimal("5.5"), "%", "at_most", None, "城镇调查失业率"),
    ),
    ("城镇新增就业1.2万余人。", ("城镇新增就业1.2万余人", Decimal("1.2"), "万人", "at_least", "increase", "城镇新增就业")),
    ("实现旅游收入300多亿元。", ("实现旅游收入300多亿元", Decimal(300), "亿元", "at_least", None, "旅游收入")),
    ("实际利用外资12亿美元，", ("实际利用外资12亿美元", Decimal(12), "亿美元", None, None, "实际利用外资")),
    ("粮食播种面积稳定在1,200万亩。", ("粮食播种面积稳定在1,200万亩", Decimal(1200), "万亩", None, None, "粮食播种面积")),
    ("全市常住人口突破100万。", ("全市常住人口突破100万", Decimal(100), "万", "at_least", None, "全市常住人口")),
    (
        "PM2.5平均浓度降至35微克/立方米。",
        ("PM2.5平均浓度降至35微克/立方米", Decimal(35), "微克/立方米", None, None, "PM2.5平均浓度"),
    ),
    # 提高到 states a level, not a change
    ("研发经费投入强度提高到2.5%。", ("研发经费投入强度提高到2.5%", Decimal("2.5"), "%", None, None, "研发经费投入强度")),
    ("建设智慧停车场、充电桩等设施200个。", ("建设智慧停车场、充电桩等设施200个", Decimal(200), "个", None, None, "设施")),
    ("建成5G基站1.2万个，", ("建成5G基站1.2万个", Decimal("1.2"), "万个", None, None, "5G基站")),
    # prices rise (上涨); a modal between the thing and its verb is neither; works of two kinds are no change
    ("居民消费价格上涨0.1%。", ("居民消费价格上涨0.1%", Decimal("0.1"), "%", None, "increase", "居民消费价格")),
    (
        "全年建筑业总产值力争突破1800亿元。",
        ("全年建筑业总产值力争突破1800亿元", Decimal(1800), "亿元", "at_least", None, "建筑业总产值"),
    ),
    ("新建和提升高标准农田910万亩。", ("新建和提升高标准农田910万亩", Decimal(910), "万亩", None, None, "高标准农田")),
    # how long or how it went on, and 实现, are no part of the indicator; the jurisdiction before a verb neither
    (
        "原油产量连续9年稳定在3000万吨以上。",
        ("原油产量连续9年稳定在3000万吨以上", Decimal(3000), "万吨", "at_least", None, "原油产量"),
    ),
    (
        "油气当量继续保持在4300万吨以上。",
        ("油气当量继续保持在4300万吨以上", Decimal(4300), "万吨", "at_least", None, "油气当量"),
    ),
    (
        "空气质量优良率持续保持在90%以上。",
        ("空气质量优良率持续保持在90%以上", Decimal(90), "%", "at_least", None, "空气质量优良率"),
    ),
    # the period a rate is per
    ("城乡低保标准提高到每月810元。", ("城乡低保标准提高到每月810元", Decimal(810), "元", None, None, "城乡低保标准")),
    (
        "特困人员基本生活标准提高到每人每年6020元。",
        ("特困人员基本生活标准提高到每人每年6020元", Decimal(6020), "元", None, None, "特困人员基本生活标准"),
    ),
    ("营养餐补助提高到每生每天5元。", ("营养餐补助提高到每生每天5元", Decimal(5), "元", None, None, "营养餐补助")),
    ("每生每天补助3元。", ("每生每天补助3元", Decimal(3), "元", None, None, "补助")),  # the period first
    ("地区生产总值实现2918.6亿元。", ("地区生产总值实现2918.6亿元", Decimal("2918.6"), "亿元", None, None, "地区生产总值")),
    # a cut (压减, 再削减), and all of a list doing it (均); 人均 is a word of the thing
    ("一般性支出压减10%以上。", ("一般性支出压减10%以上", Decimal(10), "%", "at_least", "decrease", "一般性支出")),
    ("三公经费再削减5%。", ("三公经费再削减5%", Decimal(5), "%", None, "decrease", "三公经费")),
    ("新发展家庭农场50家。", ("新发展家庭农场50家", Decimal(50), "家", None, "increase", "家庭农场")),
    ("两区生产总值均突破2500亿元。", ("两区生产总值均突破2500亿元", Decimal(2500), "亿元", "at_least", None, "两区生产总值")),
    ("城乡居民收入人均增长6%。", ("城乡居民收入人均增长6%", Decimal(6), "%", None, "increase", "城乡居民收入人均")),
    ("全市实现地区生产总值6622.3亿元。", ("全市实现地区生产总值6622.3亿元", Decimal("6622.3"), "亿元", None, None, "地区生产总值")),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_quantity_reads_value_unit_comparator_change_indicator_and_label(sentence, expected):
    doc, found = read(sentence)
    assert found, sentence
    assert row(doc, found[0]) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "推进G521盐湖段改建和G5京昆高速改扩建。",
        "建成5G网络，实现4A级景区全覆盖。",
        "打造“532”战略支撑，建设200个“12315”消费维权服务站以外的站点。",
        "精心筹办好第六届市运会，居全省第3位。",
        "2022年12月31日，2023年1月10日，2021—2025年。",
        "打造两个千亿级产业集群和百亿级企业。",
        "拨打12345热线，落实“1+N”政策体系，基本建成15分钟高品质文化生活圈。",
        "神火禹州2×66万千瓦热电联产项目并网发电，推进华润电力2*100万千瓦项目。",  # units and the size of each
    ],
)
def test_numbers_that_are_names_or_dates_are_not_quantities(sentence):
    doc, found = read(sentence)
    labels = [doc.text[q.start : q.end] for q in found]
    assert not [label for label in labels if "12315" not in label], labels


def test_quoted_number_inside_a_count_is_not_a_second_quantity():
    doc, found = read("建设200个“12315”消费维权服务站。")
    assert [row(doc, q)[:3] for q in found] == [("建设200个“12315”消费维权服务站", Decimal(200), "个")]


def test_count_that_names_a_box_is_not_a_quantity_in_the_box_title_or_when_repeated(sample_doc):
    found = list(quantities(sample_doc))
    labels = [sample_doc.text[q.start : q.end] for q in found]
    assert not [label for label in labels if "4件" in label]
    assert "承接12件民生实事" in labels  # the other counts of that sentence remain


def test_several_quantities_in_one_clause_share_comparator_and_indicator():
    doc, found = read("国内生产总值先后跨越2500亿元、3000亿元、3500亿元台阶，初步核算2022年达到3850亿元，是2016年的1.4倍。")
    assert [row(doc, q) for q in found] == [
        ("国内生产总值先后跨越2500亿元", Decimal(2500), "亿元", "at_least", None, "国内生产总值"),
        ("3000亿元", Decimal(3000), "亿元", "at_least", None, "国内生产总值"),
        ("3500亿元台阶", Decimal(3500), "亿元", "at_least", None, "国内生产总值"),
        ("初步核算2022年达到3850亿元", Decimal(3850), "亿元", None, None, "国内生产总值"),
        ("是2016年的1.4倍", Decimal("1.4"), "倍", None, None, "国内生产总值"),
    ]


def test_a_bound_after_the_first_amount_of_a_list_is_its_own():
    doc, found = read("改造老旧小区100个以上、2万户。")
    assert [(q.value, q.comparator) for q in found] == [(Decimal(100), "at_least"), (Decimal(2), None)]


def test_amount_and_count_of_one_list_of_projects():
    doc, found = read("积极谋划总投资100亿元的焦化苯、水溶肥、永磁材料等16个重点项目。")
    assert [row(doc, q)[:3] for q in found] == [
        ("谋划总投资100亿元", Decimal(100), "亿元"),
        ("焦化苯、水溶肥、永磁材料等16个重点项目", Decimal(16), "个"),
    ]
    assert found[1].indicator == "重点项目"


def test_count_whose_noun_follows_the_next_segment():
    doc, found = read("今年抓好267个、总投资998.1亿元的重点项目建设。")
    assert [row(doc, q) for q in found] == [
        ("抓好267个、总投资998.1亿元的重点项目建设", Decimal(267), "个", None, None, "重点项目"),
        ("总投资998.1亿元", Decimal("998.1"), "亿元", None, None, "重点项目总投资"),
    ]


def test_two_values_joined_by_he_are_two_quantities():
    # 分别: each value measures its own member; 城乡 joins the towns' and the villages'
    doc, found = read("城乡居民人均可支配收入分别增长5.1%和6.3%。")
    assert [row(doc, q) for q in found] == [
        ("城乡居民人均可支配收入分别增长5.1%", Decimal("5.1"), "%", None, "increase", "城镇居民人均可支配收入"),
        ("6.3%", Decimal("6.3"), "%", None, "increase", "农村居民人均可支配收入"),
    ]


@pytest.mark.parametrize(
    ("text", "indicators"),
    [
        ("生产安全事故起数和死亡人数分别下降18.5%和16.2%。", ["生产安全事故起数", "死亡人数"]),
        ("城镇和农村居民人均可支配收入分别达到40215元、18630元。", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
        ("广州、深圳经济总量分别突破2.8万亿元、3.2万亿元。", ["广州经济总量", "深圳经济总量"]),
        ("税收、一般公共预算收入分别增长5%和8%。", ["税收", "一般公共预算收入"]),  # no noun shared
        ("新建学校、医院分别为3所、5个。", ["学校", "医院"]),
        ("办理群众诉求2100万件,解决率、满意率分别达到95.5%、96.1%。", ["办理群众诉求", "解决率", "满意率"]),
        ("城乡低保、特困人员救助供养标准分别提高8%和10%。", ["城乡低保", "特困人员救助供养标准"]),
        ("对韩国、俄罗斯、日本贸易分别增长8.2%、36.4%和5.1%。", ["韩国贸易", "俄罗斯贸易", "日本贸易"]),
        ("城市、农村低保月人均标准分别达到650元、450元。", ["城市低保月人均标准", "农村低保月人均标准"]),
        # a clause opening with 分别 shares the members of the one before
        ("城乡居民人均可支配收入分别达到74562元和46830元,分别增长5.6%和7.3%。",
         ["城镇居民人均可支配收入", "农村居民人均可支配收入"] * 2),
        # ... or the quantities right before it, in their order
        ("全年接待游客1635万人次、实现旅游总收入186亿元,分别增长121%和118%。",
         ["接待游客", "旅游总收入", "接待游客", "旅游总收入"]),
        # members in another number than the values: one indicator for both, as without 分别
        ("城镇、农村和城乡居民收入分别增长5%和8%。", None),
    ],
)
def test_respectively_gives_each_value_its_member(text, indicators):
    doc, found = read(text)
    got = [q.indicator for q in found]
    assert got == indicators if indicators else len(got) == 2 and got[0] == got[1]


def test_a_capacity_per_unit_of_time_keeps_its_rate_in_the_unit():
    doc, found = read("新增供水能力5万立方米/日,建成年产30万吨/年甲醇项目。")
    assert [(q.value, q.unit) for q in found] == [(Decimal(5), "万立方米/日"), (Decimal(30), "万吨/年")]


def test_trains_are_counted_in_lie():
    doc, found = read("力争开行中欧班列2800列以上。")
    assert [(q.value, q.unit, q.comparator) for q in found] == [(Decimal(2800), "列", "at_least")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [("全市白酒产量达到42万千升。", "万千升"), ("发电量达到80亿度。", "亿度"), ("举办活动2000场次以上。", "场次"),
     ("开行班车1200班次。", "班次"), ("接种新冠疫苗120万剂次。", "万剂次"), ("抽检食品3000批次。", "批次"),
     ("新增光伏装机2GW。", "GW"), ("新增新型储能装机2GWh。", "GWh"), ("牲畜存栏达到1200万头只。", "万头只"),
     ("在轨卫星达到70颗。", "颗"), ("邮轮靠泊50艘次。", "艘次"), ("开行班列1100列次。", "列次"),
     ("惠及企业1.2万家次。", "万家次"), ("鲜切花交易量达到120亿枝。", "亿枝"), ("棉花总产达到160万担。", "万担")],
)
def test_kilolitres_kilowatt_hours_and_counts_of_events(text, unit):
    doc, found = read(text)
    assert [q.unit for q in found] == [unit]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("商品房去化周期控制在12个月左右。", ("12", "个月", "商品房去化周期", "about")),
        ("急救响应时间缩短到12分钟以内。", ("12", "分钟", "急救响应时间", "at_most")),
        ("办结时限压缩至5小时。", ("5", "小时", "办结时限", None)),
        ("人均预期寿命达到78岁。", ("78", "岁", "人均预期寿命", None)),
        ("其中7个月达到Ⅱ类水质。", ("7", "个月", "达到Ⅱ类水质", None)),
        ("葡萄酒产量达到1.4亿瓶。", ("1.4", "亿瓶", "葡萄酒产量", None)),
        ("黑木耳栽培量稳定在10亿袋左右。", ("10", "亿袋", "黑木耳栽培量", "about")),
        ("鸡蛋产量达到2亿枚。", ("2", "亿枚", "鸡蛋产量", None)),
        ("家禽出栏500万羽。", ("500", "万羽", "家禽出栏", None)),
        ("新打机井200眼。", ("200", "眼", "新打机井", None)),
        ("新建水窖100口。", ("100", "口", "水窖", None)),
    ],
)
def test_times_ages_and_counts_of_bottles_bags_eggs_birds_and_wells(text, expected):
    doc, found = read(text)
    assert [(str(q.value), q.unit, q.indicator, q.comparator) for q in found] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("解决32万农村人口饮水安全问题。", ("32", "万人", "农村人口饮水安全问题")),
        ("新增6万贫困人口稳定就业。", ("6", "万人", "贫困人口稳定就业")),
        ("带动1.2万农户增收。", ("1.2", "万户", "农户增收")),
        ("食用菌规模达到3亿棒。", ("3", "亿棒", "食用菌规模")),
    ],
)
def test_a_bare_scale_before_people_counts_them(text, expected):
    doc, found = read(text)
    assert [(str(q.value), q.unit, q.indicator) for q in found] == [expected]


@pytest.mark.parametrize("text", ["打造15分钟便民生活圈。", "为60岁以上老年人提供24小时服务。", "建设0-3岁婴幼儿托育机构。"])
def test_a_time_or_an_age_before_a_noun_names_a_kind(text):
    assert read(text)[1] == []


def test_degrees_without_a_scale_are_a_brand_not_electricity():
    assert read("支持361度做大做强。")[1] == []


@pytest.mark.parametrize("text", ["(2)新增就业5000人。", "②新增就业5000人。", "❷新增就业5000人。", "二是新增就业5000人。",
                                  "其三新增就业5000人。"])
def test_an_item_number_is_no_part_of_the_label(text):
    doc, found = read(text)
    assert [doc.text[q.start : q.end] for q in found] == ["新增就业5000人"]


@pytest.mark.parametrize(("text", "label"), [("再生水利用率达到40%以上。", "再生水利用率达到40%以上"),
                                            ("要素市场交易额增长20%。", "要素市场交易额增长20%"),
                                            ("今年再新增企业20家。", "新增企业20家")])
def test_a_leading_adverb_is_no_part_of_the_label_but_a_word_it_opens_is(text, label):
    doc, found = read(text)
    assert [doc.text[q.start : q.end] for q in found] == [label]


@pytest.mark.parametrize("text", ["固定资产投资增长5%—7%。", "固定资产投资增长5%～7%。"])
def test_a_range_is_two_values_with_clean_labels(text):
    doc, found = read(text)
    assert [doc.text[q.start : q.end] for q in found] == ["固定资产投资增长5%", "7%"]
    assert [q.indicator for q in found] == ["固定资产投资", "固定资产投资"]


def test_a_grade_of_what_is_counted_is_no_count_and_working_days_are_a_unit():
    doc, found = read("新获批1类创新药9个,企业开办时间压缩至1个工作日以内。")
    assert [(q.value, q.unit, q.comparator) for q in found] == [(Decimal(9), "个", None), (Decimal(1), "个工作日", "at_most")]


def test_bi_shang_nian_is_no_part_of_the_indicator():
    doc, found = read("全州地区生产总值比上年增长8.1%。")
    assert found[0].indicator == "全州地区生产总值"


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("新建高等级公路120公里。", "高等级公路"),  # 等 inside a word closes no list
        ("创建三级以上等级医院2家。", "三级以上等级医院"),
        ("推动新纺、磷肥厂等4家企业打包改制。", "企业打包改制"),  # the names listed are instances
    ],
)
def test_only_a_deng_that_closes_a_list_cuts_the_indicator(text, indicator):
    doc, found = read(text)
    assert [q.indicator for q in found] == [indicator]


def test_names_listed_before_two_joined_values_belong_to_the_first():
    # as 分别达到4万元、2万元 labels the second value alone, so does 分别增长4.9%和6.3%
    doc, found = read("规上工业增加值、固定资产投资分别增长4.9%和6.3%。")
    assert [doc.text[q.start : q.end] for q in found] == ["规上工业增加值、固定资产投资分别增长4.9%", "6.3%"]
    assert [q.change for q in found] == ["increase", "increase"]


def test_full_width_digits_and_commas():
    doc, found = read("新增就业１２，５００人。")  # a full-width comma is a clause mark, not a digit group
    assert [(q.value, q.unit) for q in found] == [(Decimal(500), "人")]
    doc, found = read("新增高新技术企业２５家。")
    assert row(doc, found[0])[:3] == ("新增高新技术企业２５家", Decimal(25), "家")


@pytest.mark.parametrize(
    ("before", "comparator"),
    [
        ("突破", "at_least"),
        ("跨越", "at_least"),
        ("不低于", "at_least"),
        ("不超过", "at_most"),
        ("控制在", "at_most"),
        ("低于", "at_most"),
        ("约", "about"),
    ],
)
def test_comparator_words_before_the_number(before, comparator):
    hit = next((c for p, c in COMPARATOR_BEFORE if p.search(before)), None)
    assert hit == comparator


# --- Target or Outcome -------------------------------------------------------

REPORT = """一、2022年工作回顾
全年地区生产总值增长4%，新增市场主体2.1万户。
二、2023年工作安排
地区生产总值增长6%左右，新增市场主体2万户。去年完成固定资产投资增长8.5%。
三、全面加强政府自身建设
政务服务事项网上可办率保持在95%以上。
"""


def test_outline_decides_target_or_outcome_and_tense_overrides():
    doc = parse(REPORT)
    kinds = {doc.text[m.start : m.end]: m.type for m in [*targets(doc), *outcomes(doc)]}
    assert kinds == {
        "全年地区生产总值增长4%": "Outcome",
        "新增市场主体2.1万户": "Outcome",
        "地区生产总值增长6%左右": "Target",
        "新增市场主体2万户": "Target",
        "去年完成固定资产投资增长8.5%": "Outcome",  # 去年 in a plan section
        "政务服务事项网上可办率保持在95%以上": "Target",  # the section after the plan continues it
    }


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("累计建成高标准农田500万亩，今年再建设80万亩。", [True, False]),
        ("力争到2025年，全省高新技术企业突破8万家。", [False]),
        ("五年来，全市高新技术企业已达到980家。", [True]),
        ("新增高新技术企业25家。", [False]),  # no marker and no outline: a plan
    ],
)
def test_tense_markers_decide_where_the_outline_is_silent(text, outcome):
    doc, found = read(text)
    assert [is_outcome(doc, q) for q in found] == outcome


def test_an_ellipsis_ends_the_clause_of_the_list_it_cuts_short():
    # under the plan, what follows the ellipsis (资金已…纳入预算) says nothing of the list's tense
    doc = parse("某市2024年政府工作报告\n二、2024年工作安排\n今年办好民生实事:新增城镇就业7万人、建设口袋公园50处"
                "……各项实事资金已全部纳入预算。\n")
    kinds = {doc.text[m.start : m.end]: m.type for m in [*targets(doc), *outcomes(doc)]}
    assert kinds == {"新增城镇就业7万人": "Target", "建设口袋公园50处": "Target"}


def test_review_excerpt_without_headings_is_read_as_review():
    text = "——综合实力大幅跃升。累计实施重点项目1144个，完成投资6099亿元。市场主体达到42万户。先后获评全国文明城市。"
    doc, found = read(text)
    assert [is_outcome(doc, q) for q in found] == [True, True, True]


@pytest.mark.parametrize(
    ("text", "said"),
    [("力争签约项目开工率达到30%", "plan"), ("累计投入奖励资金4亿元", "review"), ("实施老旧小区改造40个", None),
     ("到2025年新增就业5万人", "plan"), ("去年旅客吞吐量恢复到2019年的98%", "review"),  # a past year compared
     # 预计全年 estimates the year just ended, which the outline says; 预计 alone looks ahead
     ("预计全年地区生产总值增长5.5%", None), ("全年预计完成投资120亿元", None), ("项目预计2025年建成投产", "plan"),
     # 将 is the future's, not a word's or a name's it opens
     ("项目将于年底建成投产", "plan"), ("孙河、将台等乡完成征收1900户", None), ("慰问将士500人次", None)],
)
def test_tense(text, said):
    assert tense(text) == said


def test_sample_quantities_are_all_targets(sample_doc):
    assert not list(outcomes(sample_doc))
    assert len(list(targets(sample_doc))) == 21


# --- invariants ----------------------------------------------------------------

PIECES = st.sampled_from(
    ["新增", "企业", "25家", "36.9万亩", "，", "、", "。", "以上", "左右", "下降", "3.9%", "G521", "第六届", "“12315”", "２０", "亿元", "等", "（", "）"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=12))
def test_labels_slice_the_text_and_contain_their_number(pieces):
    text = "".join(pieces)
    doc = parse(text)
    for m in [*targets(doc), *outcomes(doc)]:
        assert doc.text[m.start : m.end] == m.text
        assert QUANTITY.search(doc.norm, m.start, m.end)


def test_a_marker_elsewhere_in_the_sentence_does_not_override_the_outline():
    text = "一、2022年工作回顾\n面对超预期因素冲击，我们力争稳住大局，全市地区生产总值达到20817.5亿元、增长2.8%。"
    doc, found = read(text)
    assert [is_outcome(doc, q) for q in found] == [True, True]


def test_under_a_review_heading_an_estimate_or_funds_won_are_outcomes():
    text = ("一、2022年工作回顾\n预计全市地区生产总值完成834.2亿元。争取中央和省灾后恢复重建资金127亿元。力争明年突破900亿元。\n"
            "二、2023年工作安排\n争取专项债券资金180亿元以上。预计完成投资100亿元。")
    doc, found = read(text)
    # the hedges say nothing of the coming year in a review; 明年 still does, and a plan's hedges look ahead
    assert [is_outcome(doc, q) for q in found] == [True, True, False, False, False]


def test_a_count_opening_a_heading_name_is_found_by_its_opening():
    from kg.extract.quantity import _HeadingNames

    names = ["4件市级实事暖民心", "3个重点工程", "5项"]
    headings = _HeadingNames(names)
    scan = "办好4件市级实事，推进3个重点工作，完成4件民生实事和3个重点工程，新增5项"

    def pairwise(m):  # the rule, name by name
        head = len(m.group(0)) + 2
        return any(len(n) >= head and scan.startswith(n[:head], m.start()) for n in names)

    counts = list(QUANTITY.finditer(scan))
    assert len(counts) >= 4
    assert [headings.opened_at(scan, m) for m in counts] == [pairwise(m) for m in counts]
    assert any(headings.opened_at(scan, m) for m in counts) and not all(headings.opened_at(scan, m) for m in counts)
    assert not any(_HeadingNames([]).opened_at(scan, m) for m in counts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新开工10亿元以上项目5个。", [("新开工10亿元以上项目5个", Decimal(5), "个")]),
        ("营业收入100亿元以上企业达到3家。", [("营业收入100亿元以上企业达到3家", Decimal(3), "家")]),
        ("投资5000万元以上项目开工率达到80%。", [("投资5000万元以上项目开工率达到80%", Decimal(80), "%")]),
        # ... as is one after 过 before that noun
        ("全年新引进过10亿元项目10个。", [("全年新引进过10亿元项目10个", Decimal(10), "个")]),
        ("产值过100亿元的企业达到5家。", [("产值过100亿元的企业达到5家", Decimal(5), "家")]),
        ("新引进超10亿元产业项目8个。", [("新引进超10亿元产业项目8个", Decimal(8), "个")]),
        # ... and a rating of what is counted, before or after the count
        ("新建2个5万吨级泊位,建成10万吨级泊位3个。",
         [("新建2个5万吨级泊位", Decimal(2), "个"), ("建成10万吨级泊位3个", Decimal(3), "个")]),
        ("打造600万吨级的绿色焦化产业园。", [("打造600万吨级的绿色焦化产业园", Decimal(600), "万吨")]),  # no count: the size
        # ... and a count of a whole jurisdiction's things that its clause goes on to measure
        ("全市17个开发区营业收入增长10%。", [("全市17个开发区营业收入增长10%", Decimal(10), "%")]),
        ("全市12个县区全部实现通高速。", [("全市12个县区全部实现通高速", Decimal(12), "个")]),  # nothing else measured
        # ... and a yearly capacity's bound, and a length before what a count of its clause counts
        ("淘汰30万吨/年以下焦炉4座。", [("淘汰30万吨/年以下焦炉4座", Decimal(4), "座")]),
        ("关停退出4.3米焦炉2座,更新12米公交车50辆,新建道路100米。",
         [("关停退出4.3米焦炉2座", Decimal(2), "座"), ("更新12米公交车50辆", Decimal(50), "辆"),
          ("新建道路100米", Decimal(100), "米")]),
        # ... or before a noun of the units a report sorts by size
        ("实现30户以上自然村通硬化路,20户以上自然村通动力电。", []),
        # Chinese numerals count nothing but the practical matters pledged (三大工程, 两个确立: names)
        ("实施三大工程,做到两个确立,办好第十件实事,完成一百二十件实事。", []),
        # 以上 that ends its clause is the comparator of its own amount
        ("粮食产量稳定在120万吨以上,新建高标准农田5万亩。",
         [("粮食产量稳定在120万吨以上", Decimal(120), "万吨"), ("新建高标准农田5万亩", Decimal(5), "万亩")]),
    ],
)
def test_an_amount_bounding_the_class_counted_is_no_quantity(text, expected):
    doc, found = read(text)
    assert [(doc.text[q.start : q.end], q.value, q.unit) for q in found] == expected


def test_a_count_inside_a_heading_before_what_it_counts_is_its_name():
    # 办好|20项民心工程 heads a paragraph: its count names the work, as 4件市级实事暖民心 does
    doc, found = read("二、今年工作安排\n办好20项民心工程。新建社区食堂30个。")
    assert [doc.text[q.start : q.end] for q in found] == ["新建社区食堂30个"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全省地区生产总值由4.68万亿元增加到6.01万亿元。", ("6.01", "万亿元", "全省地区生产总值")),
        ("森林覆盖率从40%提高到42%。", ("42", "%", "森林覆盖率")),
        # both amounts dated
        ("全市地区生产总值由2005年的2371亿元增加到2010年的5551.3亿元。", ("5551.3", "亿元", "全市地区生产总值")),
        # ... or qualified by a period or an event, and cut or trimmed
        ("全市生产总值由“十五”末的573.6亿元增加到“十一五”末的1022.7亿元。", ("1022.7", "亿元", "全市生产总值")),
        ("全市煤矿由整合前的289座压减到130座。", ("130", "座", "全市煤矿")),
        ("行政审批事项由486项精简到213项。", ("213", "项", "行政审批事项")),
        # ... or merged, to 为 after the verb
        ("市属国有企业由48户整合为21户。", ("21", "户", "市属国有企业")),
    ],
)
def test_the_amount_a_change_went_from_is_no_quantity(text, expected):
    doc, found = read(text)
    assert [(str(q.value), q.unit, q.indicator) for q in found] == [expected]
    assert doc.text[found[0].start : found[0].end] == text[:-1]  # the label is the phrase as it stands


def test_a_count_of_things_the_next_quantity_measures_counts_the_things_alone():
    doc, found = read("126个省市重点项目完成投资283亿元,58个国考断面优良水质比例达83.3%。")
    assert [(doc.text[q.start : q.end], q.indicator) for q in found][::2] == [
        ("126个省市重点项目", "省市重点项目"), ("58个国考断面", "国考断面")]
    doc, found = read("新建5G基站3000个,抓好267个、总投资998.1亿元的重点项目建设。")  # a count after its noun stays
    assert [q.indicator for q in found] == ["5G基站", "重点项目", "重点项目总投资"]


def test_a_fall_to_nothing_leaves_no_amount_it_fell_from():
    doc, found = read("贫困发生率由2015年底的25.6%下降到零。")
    assert found == []


@pytest.mark.parametrize(
    ("text", "change"),
    [("金融业增加值达到620亿元。", None), ("规模以上工业增加值增长6%。", "increase"), ("新增就业岗位1万个。", "increase")],
)
def test_value_added_is_a_level_not_an_increase(text, change):
    doc, found = read(text)
    assert [q.change for q in found] == [change]


def test_the_verb_of_adding_that_opens_a_list_adds_every_item():
    doc, found = read("新增高新技术企业50家、科技型中小企业180家,营业收入增长5%、利润总额100亿元,新增上市公司16家、总数达到88家。")
    assert [(q.indicator, q.change) for q in found] == [
        ("高新技术企业", "increase"), ("科技型中小企业", "increase"), ("营业收入", "increase"), ("利润总额", None),
        ("上市公司", "increase"), ("上市公司总数", None),  # the total of what was just counted
    ]
    doc, found = read("新发展农民专业合作社826个、家庭农场50家。")
    assert [(q.indicator, q.change) for q in found] == [("农民专业合作社", "increase"), ("家庭农场", "increase")]


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("新建和改造全民健身场地100处。", "全民健身场地"),
        ("新建改造口袋公园15个。", "口袋公园"),
        ("开工改造老旧小区200个。", "老旧小区"),
        ("新建和改扩建中小学校和幼儿园427所。", "中小学校和幼儿园"),
        ("筹集保障性租赁住房2万套(间)。", "保障性租赁住房"),  # another unit in brackets is no object
    ],
)
def test_verbs_of_building_and_rebuilding_leave_the_indicator(text, indicator):
    doc, found = read(text)
    assert [q.indicator for q in found] == [indicator]


def test_a_level_reached_by_recovering_or_extending_leaves_the_indicator():
    doc, found = read("中欧班列线路拓展到20条,旅客吞吐量恢复到800万人次。")
    assert [q.indicator for q in found] == ["中欧班列线路", "旅客吞吐量"]


def test_completed_after_the_indicator_is_no_part_of_it():
    doc, found = read("一般公共预算收入完成36.8亿元,增长8.4%;问题整改完成29项。")
    assert [q.indicator for q in found] == ["一般公共预算收入", "一般公共预算收入", "问题整改"]


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("在远安、兴山、秭归、长阳、五峰建设宜居宜业和美乡村示范村100个。", "宜居宜业和美乡村示范村"),
        ("与河北省张家口市、承德市签约合作项目18个。", "合作项目"),
        ("在园幼儿占比保持55%以上。", "在园幼儿占比"),  # 在园 (enrolled) is no frame of where
    ],
)
def test_where_or_with_whom_a_thing_counted_is_done_is_no_part_of_it(text, indicator):
    doc, found = read(text)
    assert [q.indicator for q in found] == [indicator]


def test_works_named_by_two_verbs_state_no_rise_and_a_rise_leaves_the_indicator():
    doc, found = read("背街小巷环境精细化整治提升120条,空气质量优良天数比例提升5个百分点,城镇化率上升1.2个百分点。")
    assert [(q.indicator, q.change) for q in found] == [
        ("背街小巷环境精细化整治提升", None), ("空气质量优良天数比例", "increase"), ("城镇化率", "increase")]


def test_the_basis_of_a_change_is_no_indicator():
    doc, found = read("一般公共预算收入162.8亿元,同口径增长3.6%;地区生产总值1830亿元,按可比价格计算增长4%。")
    assert [q.indicator for q in found] == ["一般公共预算收入"] * 2 + ["地区生产总值"] * 2


def test_firms_newly_certified_are_added_and_the_verbs_of_new_things_leave_the_indicator():
    doc, found = read("新认定高新技术企业215家,新引进高层次人才团队42个,新登记经营主体3万户。")
    assert [(q.indicator, q.change) for q in found] == [
        ("高新技术企业", "increase"), ("高层次人才团队", None), ("经营主体", None)]


def test_a_bare_total_is_the_total_of_what_the_quantity_before_counted():
    doc, found = read("新增各类经营主体5.8万户,总数突破48万户;新增绿地面积120公顷,总量达到3500公顷。")
    assert [q.indicator for q in found] == ["各类经营主体", "各类经营主体总数", "绿地面积", "绿地面积总量"]
    # and a share of it (占全市…)
    doc, found = read("引进首店352家,占全市40%以上;一般公共预算收入36.8亿元,其中税收收入31.2亿元,占比84.8%。")
    assert [q.indicator for q in found] == ["首店", "首店占全市", "一般公共预算收入", "税收收入", "税收收入占比"]
    doc, found = read("新增专精特新企业20家、高新技术企业220家,总数分别达到53家、1560家。")
    assert [q.indicator for q in found][2:] == ["专精特新企业总数", "高新技术企业总数"]


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("新建改扩建中小学、幼儿园22所。", "中小学、幼儿园"),  # the names listed before the count are all counted
        ("新建、改扩建中小学和幼儿园15所。", "中小学和幼儿园"),
        ("新纺、磷肥厂等4家企业打包改制。", "企业打包改制"),  # 等 closes instances: the kind is counted
    ],
)
def test_names_listed_before_a_count_are_its_indicator(text, indicator):
    doc, found = read(text)
    assert [q.indicator for q in found] == [indicator]
