"""The outline: numbered sections, topic phrases, enumerations, boxes, artefacts, periods."""

from __future__ import annotations

import pytest

from kg.structure import ARTEFACT, HEADINGS, NARRATIVE, TOPIC, parse, period_at


def titles(doc):
    return [(s.kind, doc.title_of(s)) for s in doc.sections]


def parent_title(doc, title):
    sec = next(s for s in doc.sections if doc.title_of(s) == title)
    return None if sec.parent is None else doc.title_of(doc.sections[sec.parent])


# A province's report: 一、 review / 二、 plan / 三、 government's own work, (一) inside.
PROVINCE = """2023年广东省政府工作报告
——2023年1月12日在广东省第十四届人民代表大会第一次会议上
省长 王伟中
各位代表：
现在，我代表省人民政府，向大会报告工作，请予审议。
一、过去五年工作回顾
过去五年，我们坚决贯彻党中央决策部署，全省地区生产总值从9.7万亿元增加到12.9万亿元，年均增长4.9%。
（一）经济实力迈上新台阶。地方一般公共预算收入达到1.33万亿元。
（二）科技创新能力显著增强。研发经费支出超过4200亿元，高新技术企业达到6.9万家。
二、2023年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%以上。
（一）着力扩大内需。全年完成固定资产投资增长8%左右。
（二）着力推动产业升级。新培育专精特新中小企业2000家。
三、全面加强政府自身建设
坚持依法行政，政务服务事项网上可办率保持在95%以上。
"""

# A district report: (一) sections with 1. subsections, full-width numbers.
DISTRICT = """２０２２年朝阳区政府工作报告
（一）聚焦高质量发展，推动经济提质增效
１．壮大现代服务业。推动金融业增加值增长6%。
２．做强数字经济。建设５Ｇ基站1000个。
（二）聚焦民生福祉，提升城市品质
１．办好教育。新建中小学5所。
（１）扩大学前教育资源。新增学位3000个。
"""


def test_province_report_nests_parenthesised_sections_under_chinese_numbered_ones():
    doc = parse(PROVINCE)
    assert doc.title == "2023年广东省政府工作报告"
    assert doc.year == 2023
    assert titles(doc) == [
        ("numbered", "过去五年工作回顾"),
        ("numbered", "经济实力迈上新台阶"),
        ("numbered", "科技创新能力显著增强"),
        ("numbered", "2023年工作安排"),
        ("numbered", "着力扩大内需"),
        ("numbered", "着力推动产业升级"),
        ("numbered", "全面加强政府自身建设"),
    ]
    assert parent_title(doc, "科技创新能力显著增强") == "过去五年工作回顾"
    assert parent_title(doc, "着力扩大内需") == "2023年工作安排"
    assert parent_title(doc, "全面加强政府自身建设") is None


# A city's report whose plan numbers its tasks 一、 to 四、 again, and then goes on with its own 三、.
RESTARTED = """2024年邯郸市政府工作报告
一、2023年工作回顾
全市地区生产总值增长6%。
二、2024年工作安排
今年主要预期目标是：地区生产总值增长6%左右。
一、推进钢铁产业高端化
（一）推动钢铁产业强链延链。精品钢材占比达到60%以上。
二、高水平建设冀南新区
（一）做强冀南新区。中欧班列开行200列以上。
三、擦亮成语典故之都品牌
四、加强政府自身建设
三、2025年展望
第一部分 工作回顾
一、经济发展
二、社会事业
第二部分 工作安排
一、产业升级
"""


def test_a_sequence_of_headings_that_starts_again_is_the_tasks_of_the_heading_before_it():
    doc = parse(RESTARTED)
    for task in ("推进钢铁产业高端化", "高水平建设冀南新区", "擦亮成语典故之都品牌", "加强政府自身建设"):
        assert parent_title(doc, task) == "2024年工作安排"
    assert parent_title(doc, "推动钢铁产业强链延链") == "推进钢铁产业高端化"
    assert parent_title(doc, "做强冀南新区") == "高水平建设冀南新区"
    # the outer numbers go on (三、 after the tasks' 四、), and a part (第二部分) starts its own sequence
    assert parent_title(doc, "2025年展望") is None
    assert parent_title(doc, "产业升级") == "工作安排"


def test_the_difficulties_closing_a_review_are_of_the_whole_review_not_its_last_item():
    doc = parse(
        "某市2024年政府工作报告\n一、2023年工作回顾\n（一）经济运行稳中向好。全市地区生产总值增长6%。\n"
        "（二）改革开放持续深化。深化“放管服”改革。\n"
        "各位代表，在肯定成绩的同时，我们也清醒地看到，经济恢复基础仍不稳固。\n"
        "二、2024年工作安排\n（一）推动产业升级。新增高新技术企业25家。\n"
    )
    at = doc.text.index("各位代表")
    assert [doc.title_of(s) for s in doc.section_path(doc.section_at(at))] == ["2023年工作回顾"]
    assert doc.section_at(doc.text.index("深化")) is not None  # the item before still holds its own text
    assert doc.title_of(doc.section(doc.section_at(doc.text.index("深化")))) == "改革开放持续深化"


@pytest.mark.parametrize(
    ("closing", "part"),
    [
        ("一年来，我们坚持稳中求进，经济社会发展取得新成效。", "2023年工作回顾"),
        ("过去一年，全市上下团结奋斗，圆满完成目标任务。", "2023年工作回顾"),
        # ... or the period the report reviews
        ("回顾“十一五”以来的四年，全市生产总值年均增长12.5%。", "2023年工作回顾"),
        ("刚刚过去的2023年，面对疫情冲击，全市经济回升向好。", "2023年工作回顾"),
        ("五年来，全市地区生产总值年均增长5.8%。", "2023年工作回顾"),
        # ... or that turns to the delegates
        ("各位代表！这些成绩的取得，根本在于习近平新时代中国特色社会主义思想的科学指引。", "2023年工作回顾"),
        ("同时，国防动员、民族宗教、外事侨务、妇女儿童等工作取得新进步。", "2023年工作回顾"),
        ("今年，市政府将集中力量办好10件民生实事：新增城镇就业7万人、建设口袋公园50处。", "2024年工作安排"),
    ],
)
def test_a_paragraph_summing_up_after_the_last_item_is_of_the_whole_part(closing, part):
    review, plan = part.endswith("回顾"), part.endswith("安排")
    doc = parse(
        "某市2024年政府工作报告\n一、2023年工作回顾\n（一）经济运行稳中向好。全市地区生产总值增长6%。\n"
        "（二）改革开放持续深化。深化“放管服”改革。\n" + (closing + "\n" if review else "")
        + "二、2024年工作安排\n（一）推动产业升级。新增高新技术企业25家。\n（二）增进民生福祉。推进健康城市建设。\n"
        + (closing + "\n" if plan else "")
    )
    at = doc.text.index(closing[:6])
    assert [doc.title_of(s) for s in doc.section_path(doc.section_at(at))] == [part]


def test_a_summing_up_paragraph_before_another_item_is_its_item_s():
    doc = parse(
        "某市2009年政府工作报告\n二、2009年工作安排\n（六）着力保障和改善民生\n千方百计扩大就业，新增城镇就业3万人，转移农村劳动力105万人。\n"
        "继续办好十件民生实事：1.新增城镇就业3万人；2.建设农家书屋1000个。\n（七）加强社会管理\n全面落实安全生产责任制。\n"
    )
    at = doc.text.index("继续办好")
    assert doc.title_of(doc.section(doc.section_at(at))) == "着力保障和改善民生"


def test_front_matter_lines_are_not_box_titles():
    doc = parse(PROVINCE)
    assert not [s for s in doc.sections if s.kind == "box"]


def test_province_report_review_and_plan_parts():
    doc = parse(PROVINCE)
    assert period_at(doc, doc.text.index("4200亿元")) == "review"
    assert period_at(doc, doc.text.index("2000家")) == "plan"
    # a section after the plan heading with no word of its own continues the plan
    assert period_at(doc, doc.text.index("95%")) == "plan"
    assert doc.in_review(doc.text.index("12.9万亿元"))
    assert not doc.in_review(doc.text.index("5%以上"))


def test_district_report_with_full_width_numbers_nests_three_levels():
    doc = parse(DISTRICT)
    assert doc.year == 2022
    assert titles(doc) == [
        ("numbered", "聚焦高质量发展，推动经济提质增效"),
        ("numbered", "壮大现代服务业"),
        ("numbered", "做强数字经济"),
        ("numbered", "聚焦民生福祉，提升城市品质"),
        ("numbered", "办好教育"),
        ("numbered", "扩大学前教育资源"),
    ]
    assert parent_title(doc, "办好教育") == "聚焦民生福祉，提升城市品质"
    assert parent_title(doc, "扩大学前教育资源") == "办好教育"
    sentence = doc.sentence_at(doc.text.index("新增学位"))
    assert doc.title_of(doc.sections[sentence.section]) == "扩大学前教育资源"


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("一、2022年工作回顾", 1),
        ("十二、加强政府自身建设", 1),
        ("（三）持续改善民生", 2),
        ("(三) 持续改善民生", 2),
        ("3.推进乡村振兴", 3),
        ("３．推进乡村振兴", 3),
        ("12、优化营商环境", 3),
        ("（２）完善社会保障", 4),
        ("第二部分 今后五年的奋斗目标", 0),
    ],
)
def test_headings_at_every_level(line, level):
    from kg.document import fold

    matched = [lv for lv, pattern in HEADINGS if pattern.match(fold(line))]
    assert matched[:1] == [level]


@pytest.mark.parametrize("line", ["1.2万户困难群众纳入低保", "2022年全市生产总值", "一是加强统筹"])
def test_body_lines_are_not_headings(line):
    assert not any(pattern.match(line) for _, pattern in HEADINGS)


def test_number_alone_on_its_line_takes_the_next_line_as_title(sample_doc):
    first = sample_doc.sections[0]
    assert (first.number, sample_doc.title_of(first)) == ("(六)", "聚力系统集成 促进发展动能充分释放")


def test_sample_outline_has_the_topic_phrases_and_box(sample_doc):
    got = titles(sample_doc)
    assert ("topic", "激活创新第一动力") in got
    assert ("topic", "推进“盐临夏”一体化发展") in got
    assert ("box", "4件市级实事暖民心") in got
    # the list items under the box are not headings of their own
    assert not any(t.startswith("实施37个") for _, t in got)
    assert parent_title(sample_doc, "4件市级实事暖民心") == "聚力民生改善 促进幸福指数持续攀升"


def test_enumerations_after_a_continuation_artefact_start_a_new_outline(sample_doc):
    enum = [s for s in sample_doc.sections if s.kind == "enumeration"]
    assert [(s.number, sample_doc.title_of(s)) for s in enum] == [
        ("二是", "做好龙头企业培育文章"),
        ("三是", "做好扩大一产投资文章"),
    ]
    assert all(s.parent is None for s in enum)


@pytest.mark.parametrize(
    ("paragraph", "topic"),
    [
        ("——综合实力大幅跃升。国内生产总值跨越3500亿元台阶。", "综合实力大幅跃升"),
        ("激活创新第一动力。强化企业科技创新主体地位。", "激活创新第一动力"),
        ("推进“盐临夏”一体化发展。研究出台配套政策。", "推进“盐临夏”一体化发展"),
        ("— 持续推进减排降碳。强化能耗强度管控。", "持续推进减排降碳"),
        # paragraphs numbered by ordinal words
        ("第一,加快构建现代产业体系。推进园区循环化改造。", "加快构建现代产业体系"),
        ("第十二、持续增进民生福祉。新增城镇就业1万人。", "持续增进民生福祉"),
        ("首先,全力稳住经济大盘。落实稳经济政策。", "全力稳住经济大盘"),
    ],
)
def test_topic_phrase_opens_a_paragraph(paragraph, topic):
    m = TOPIC.match(paragraph)
    assert m and m.group(1) == topic and not NARRATIVE.search(topic)


def test_a_dash_marks_a_topic_phrase_that_holds_a_comma():
    doc = parse(
        "一、2022年工作回顾\n"
        "——坚持制造业当家,产业发展韧性更强。美的集团营业收入超过3400亿元。\n"
        "——坚持村改攻坚,发展空间加快拓展。新供应工业用地5800亩。\n"
        "坚持民生为本,群众幸福感不断增强。新增养老床位1100张。\n"  # no dash: a sentence, no heading
    )
    topics = [doc.title_of(s) for s in doc.sections if s.kind == "topic"]
    assert topics == ["坚持制造业当家,产业发展韧性更强", "坚持村改攻坚,发展空间加快拓展"]
    land = doc.text.index("新供应")
    assert doc.title_of(doc.sections[doc.sentence_at(land).section]) == "坚持村改攻坚,发展空间加快拓展"
    # a dash marks an item of a list: the paragraph after the list is the part's, not the last item's
    beds = doc.text.index("新增养老床位")
    assert doc.title_of(doc.sections[doc.sentence_at(beds).section]) == "2022年工作回顾"


def test_paragraphs_numbered_by_ordinal_words_are_topics_under_their_part():
    doc = parse(
        "二、2024年重点工作\n"
        "第一，加快构建现代产业体系。力争新增规上工业企业15家。\n"
        "第二，全力打造生态文明高地。完成营造林30万亩。\n"
    )
    titles = [(doc.title_of(s), s.kind, doc.title_of(doc.sections[s.parent]) if s.parent is not None else None)
              for s in doc.sections]
    assert titles[1:] == [
        ("加快构建现代产业体系", "topic", "2024年重点工作"),
        ("全力打造生态文明高地", "topic", "2024年重点工作"),
    ]
    goal = doc.text.index("完成营造林")
    assert doc.title_of(doc.sections[doc.sentence_at(goal).section]) == "全力打造生态文明高地"


@pytest.mark.parametrize(
    "paragraph",
    [
        "2023年是全面贯彻党的二十大精神的开局之年。做好今年工作意义重大。",
        "我们主要做了以下工作。",
        "过去一年极不平凡。",
        "增长5%。",
    ],
)
def test_narrative_opening_sentences_are_not_topics(paragraph):
    doc = parse("二、今年工作安排\n" + paragraph + "全年新增就业1万人。")
    assert [s.kind for s in doc.sections] == ["numbered"]


def test_a_count_before_what_it_counts_may_head_a_paragraph_but_one_at_its_end_narrates():
    doc = parse("二、今年工作安排\n办好20项民心工程。新建社区食堂30个。\n新增企业10家。完成投资5亿元。")
    assert [(s.kind, doc.title_of(s)) for s in doc.sections][1:] == [("topic", "办好20项民心工程")]


def test_a_topic_may_name_the_year_it_fights_in():
    # 之年 narrates only with 是 (2023年是…开局之年); a line of work may name its year (攻坚之年)
    doc = parse("二、今年工作安排\n打好打赢攻坚之年攻坚战。全年新增规上工业企业600家。")
    assert [(s.kind, doc.title_of(s)) for s in doc.sections][1:] == [("topic", "打好打赢攻坚之年攻坚战")]


def test_a_short_sentence_heads_the_paragraphs_after_it_but_not_the_end_of_the_text():
    heading = parse("二、今年工作安排\n坚持创新驱动。\n全年新增高新技术企业25家。")
    assert [(s.kind, heading.title_of(s)) for s in heading.sections] == [
        ("numbered", "今年工作安排"),
        ("topic", "坚持创新驱动"),
    ]
    # the last line heads nothing: not a note of one sentence, not a closing line
    assert parse("天气晴。").sections == []
    closing = parse("二、今年工作安排\n全年新增高新技术企业25家。\n谢谢大家。")
    assert [s.kind for s in closing.sections] == ["numbered"]
    # unless a dash makes it an item of a list of headings
    listed = parse("一、过去五年工作回顾\n——经济实力跃上新台阶。\n——改革开放取得新突破。")
    assert [listed.title_of(s) for s in listed.sections if s.kind == "topic"] == ["经济实力跃上新台阶", "改革开放取得新突破"]


def test_enumerations_split_a_paragraph():
    doc = parse("（三）推动乡村振兴\n重点做好三方面工作：一是稳定粮食生产，全年粮食产量稳定在100万吨；"
                "二是发展特色产业，培育龙头企业5家；三是建设和美乡村。创建示范村10个。")
    enum = [(s.number, doc.title_of(s)) for s in doc.sections if s.kind == "enumeration"]
    assert enum == [("一是", "稳定粮食生产"), ("二是", "发展特色产业"), ("三是", "建设和美乡村")]
    assert all(doc.title_of(doc.sections[s.parent]) == "推动乡村振兴" for s in doc.sections if s.kind == "enumeration")


def test_older_reports_enumerate_with_yao():
    doc = parse("（七）坚持文化兴市\n大力实施“文化旅游兴市”战略。一要加快重点景区建设。推进古城旅游区建设。"
                "二要办好节会活动。精心办好第四届楚文化节。")
    enum = [(s.number, doc.title_of(s)) for s in doc.sections if s.kind == "enumeration"]
    assert enum == [("一要", "加快重点景区建设"), ("二要", "办好节会活动")]


@pytest.mark.parametrize(
    "text",
    [
        "全力支持雄安新区建设。一是抓好周边管控，二是推进京雄高速保定段建设，三是加快机场快线前期工作。",
        "壮大海洋经济。一是建设水产品加工园区；二是落实若干政策措施；三是培育水产品加工企业。",
        # the words after the last item close the sentence of them all
        "筑牢边境安全屏障。一是推进强边固防，二是落实“双联户”制度，三是完善合力强边固防机制，实现警务室全覆盖。",
    ],
)
def test_an_item_that_is_one_clause_and_nothing_more_heads_nothing(text):
    # each item is a line of a sentence: what it names stays under the paragraph's topic
    doc = parse("（一）推动高质量发展\n" + text)
    assert [s.kind for s in doc.sections] == ["numbered", "topic"]


def test_items_after_a_comma_go_on_with_the_series():
    # 二是 after a comma is the next item of the series 一是 began, not words of its item
    doc = parse("（一）推动高质量发展\n抓好园区建设。一是扩区调区，新增面积2平方公里，二是推进改革，完成50宗出让。")
    enum = [(s.number, doc.title_of(s)) for s in doc.sections if s.kind == "enumeration"]
    assert enum == [("一是", "扩区调区"), ("二是", "推进改革")]
    second = doc.sections[-1]
    assert doc.text.index("完成50宗") in range(second.start, second.end)
    assert doc.text.index("新增面积") not in range(second.start, second.end)


def test_item_numbers_inside_a_paragraph_enumerate_as_yishi_does():
    doc = parse("（三）增进民生福祉。（1）抓好就业增收。新增就业3万人。（2）办好教育卫生。新建学校3所。\n"
                "（四）稳就业。①做好高校毕业生就业,新增就业6.5万人;②实施“技能贵州”行动,培训1万人次。")
    enum = [(s.number, doc.title_of(s)) for s in doc.sections if s.kind == "enumeration"]
    assert enum == [("(1)", "抓好就业增收"), ("(2)", "办好教育卫生"), ("①", "做好高校毕业生就业"),
                    ("②", "实施“技能贵州”行动")]


def test_an_item_number_before_an_amount_numbers_a_commitment_not_a_line_of_work():
    doc = parse("（三）兜牢民生底线。（1）落实救助政策;（2）为8000名农村妇女提供免费筛查;（3）新建养老服务中心6个。")
    enum = [(s.number, doc.title_of(s)) for s in doc.sections if s.kind == "enumeration"]
    assert enum == [("(1)", "落实救助政策")]


def test_an_item_number_opening_a_line_numbers_a_heading_not_an_enumeration():
    doc = parse("二、主要任务\n(1)抓好就业增收。新增就业3万人。")
    assert [(s.kind, s.number) for s in doc.sections if doc.title_of(s) == "抓好就业增收"] == [("numbered", "(1)")]


@pytest.mark.parametrize(
    "item",
    [
        "5.落实粮食安全党政同责,严格耕地保护制度,新建高标准农田30万亩。",  # clauses
        "6.完成营造林20万亩、石漠化综合治理120平方公里,持续开展长江十年禁渔。",  # an amount
        "7.坚持依法行政,自觉接受市人大及其常委会的法律监督和工作监督、市政协的民主监督和社会舆论监督。",  # long
    ],
)
def test_an_item_that_opens_with_its_work_heads_nothing(item):
    doc = parse(f"二、2023年工作安排\n(一)稳住农业基本盘\n1.稳产保供。抓好春耕。\n{item}\n8.建设和美乡村。实施农村改厕。")
    assert titles(doc) == [
        ("numbered", "2023年工作安排"), ("numbered", "稳住农业基本盘"), ("numbered", "稳产保供"),
        ("numbered", "建设和美乡村"),
    ]
    inside = next(s for s in doc.sentences if doc.norm[s.start : s.end].startswith(item[:2]))
    assert doc.title_of(doc.sections[inside.section]) == "稳住农业基本盘"


@pytest.mark.parametrize("title", ["坚持产业强市,加快构建“965”现代化产业体系", "办好10件惠民实事"])
def test_an_item_title_may_hold_a_comma_or_a_count(title):
    doc = parse(f"二、2023年工作安排\n1.{title}。实施农村改厕。")
    assert titles(doc)[-1] == ("numbered", title)


def test_the_closing_address_is_under_no_heading():
    doc = parse(
        "一、2022年工作回顾\n各位代表,过去一年极不平凡。我们推进林长制。\n二、2023年工作安排\n"
        "(一)加强政府自身建设。推进依法行政。\n各位代表!让我们团结奋斗,推进“十四五”规划落地见效。\n"
    )
    section = {doc.norm[s.start : s.end]: s.section for s in doc.sentences}
    assert doc.title_of(doc.sections[section["各位代表,过去一年极不平凡。"]]) == "2022年工作回顾"  # inside a part
    assert doc.title_of(doc.sections[section["推进依法行政。"]]) == "加强政府自身建设"
    assert section["各位代表!"] is None
    assert section["让我们团结奋斗,推进“十四五”规划落地见效。"] is None


@pytest.mark.parametrize("artefact", ["(上接05版)", "（下转第3版）", "（转A2版）", "(上接第一版)", "【紧接02版】"])
def test_newspaper_artefacts(artefact):
    from kg.document import fold

    assert ARTEFACT.fullmatch(fold(artefact))


def test_artefacts_stay_out_of_titles_and_sentences():
    text = "(上接01版)\n（七）\n聚力区域协调 促进城市能级加速跃升(下转02版)\n提升中心城区首位度。加快市会展中心建设，实施老旧小区\n(下转03版)\n改造40个。\n"
    doc = parse(text)
    assert [doc.title_of(s) for s in doc.sections] == ["聚力区域协调 促进城市能级加速跃升", "提升中心城区首位度"]
    for sentence in doc.sentences:
        assert "版)" not in doc.slice(sentence)
    assert any(doc.slice(s) == "改造40个。" for s in doc.sentences)


def test_lines_broken_mid_sentence_are_joined():
    doc = parse("（一）推动工业转型升级\n支持各县（市）充分发挥区位优势，\n\n统筹本地产业培育和外部产业承接。")
    assert len(doc.paragraphs) == 2
    assert doc.slice(doc.paragraphs[1]).endswith("外部产业承接。")


def test_hard_wrapped_lines_are_joined_into_paragraphs():
    body = "加快建设现代化产业体系推动制造业高端化智能化绿色化发展全年新增规上工业企业一百家培育专精特新企业五十家建设省级以上创新平台二十个提升产业链供应链韧性和安全水平"
    wrapped = "\n".join(body[i : i + 16] for i in range(0, len(body), 16))
    doc = parse("一、2023年工作安排\n" + wrapped + "。\n")
    assert len(doc.paragraphs) == 2
    assert [s.kind for s in doc.sections] == ["numbered"]  # no wrapped line taken for a box title


def test_year_is_read_from_a_review_heading_and_overridden_by_argument():
    text = "一、2022年工作回顾\n全年地区生产总值增长4%。\n二、2023年工作安排\n地区生产总值增长5%左右。"
    assert parse(text).year == 2023
    assert parse(text, year=2024).year == 2024
    doc = parse("一、2022年工作回顾\n全年地区生产总值增长4%。")
    assert doc.year == 2023


def test_year_from_the_date_line():
    doc = parse("政府工作报告\n——2021年1月8日在交城县第十六届人民代表大会第五次会议上\n各位代表：\n")
    assert doc.year == 2021


def test_review_heading_with_an_earlier_year_reviews():
    text = "一、2022年主要工作\n完成投资100亿元。\n二、2023年主要工作\n完成投资120亿元。"
    doc = parse(text, year=2023)
    assert period_at(doc, text.index("100亿元")) == "review"
    assert period_at(doc, text.index("120亿元")) == "plan"


def test_sample_outline_says_nothing_about_the_period(sample_doc):
    assert sample_doc.review_spans == []
    assert period_at(sample_doc, sample_doc.text.index("25家")) is None


def test_title_on_the_line_after_its_number_stops_at_the_first_full_stop():
    doc = parse("（二）\n推动产业升级。一是壮大制造业，新增企业10家；二是发展服务业，新增企业5家。\n三、\n2023年工作安排：\n"
                "地区生产总值增长5%。")
    assert [(s.kind, doc.title_of(s)) for s in doc.sections] == [
        ("numbered", "推动产业升级"),
        ("enumeration", "壮大制造业"),
        ("enumeration", "发展服务业"),
        ("numbered", "2023年工作安排"),
    ]
    assert doc.sections[1].parent == 0
