"""``targets`` as the spec reads it: quantities, groups, enterprises and places of policies,
projects and initiatives."""

from __future__ import annotations

import pytest

from kg.pipeline import analyse, build_graph
from kg.read import set_jurisdiction
from kg.structure import parse


def _targets(text: str, jurisdiction: str = "运城市") -> set[tuple[str, str]]:
    doc = parse(text)
    set_jurisdiction(doc, jurisdiction)
    graph = build_graph([analyse(doc)])
    label = {k: e.label for k, e in graph.entities.items()}
    return {(label[s], label[o]) for (s, p, o) in graph.relations if p == "targets"}


@pytest.fixture(scope="module")
def sample_targets(sample_doc):
    graph = build_graph([analyse(sample_doc)])
    label = {k: e.label for k, e in graph.entities.items()}
    return {(label[s], label[o]) for (s, p, o) in graph.relations if p == "targets"}


@pytest.mark.parametrize(
    "pair",
    [
        ("高新技术企业倍增计划", "新增高新技术企业25家"),  # the quantity after the policy
        ("高新技术企业倍增计划", "高新技术企业"),  # the group its name carries
        ("国资国企改革", "新纺"),  # the enterprises after it
        ("国资国企改革", "磷肥厂"),
        ("“双十工程”", "抓好267个、总投资998.1亿元的重点项目建设"),
        ("“绿满运城”行动", "运城市"),  # an action on the place it names
        ("“构建优质高效医疗卫生服务体系”试点", "盐湖区"),  # places listed before it
        ("“构建优质高效医疗卫生服务体系”试点", "万荣县"),
        ("重点群体参加社会保险制度", "灵活就业人员"),  # the shared-head list
        ("垣曲二期", "垣曲二期、绛县2个项目年内开工"),  # a project its quantity names
        ("“河东书房”", "新建15个标志性特色“河东书房”"),
        ("促进“一收一保”", "高校毕业生"),  # a group no policy claims: the initiative
        ("激活创新第一动力", "中小企业"),
        ("推进“盐临夏”一体化发展", "盐临夏"),  # a place in the initiative's own title
    ],
)
def test_sample_targets_read_as_annotated(sample_targets, pair):
    assert pair in sample_targets


@pytest.mark.parametrize(
    "pair",
    [
        ("激活创新第一动力", "“小升规”企业"),  # the indicator of a quantity
        ("激活创新第一动力", "科技小巨人"),  # where 中小企业 are led, not who is served
        ("能源革命综合改革", "垣曲二期、绛县2个项目年内开工"),  # a project owns it
        ("“运城苹果”", "运城市"),  # a brand only comes from its place
        ("“中国(运城)跨境电子商务综合试验区”", "中国"),  # only the most specific place of the name
        ("生育支持政策", "婴幼儿"),  # same sentence, not the policy's own group
        ("促进“一收一保”", "灵活就业人员"),  # claimed by its policy
        ("高新技术企业倍增计划", "新培育科技型中小企业和省级民营科技企业50家"),  # counts what the name does not
        ("保障“一老一小”", "青少年"),  # the sentence's policy names the group; repeated, it stays the policy's
    ],
)
def test_sample_targets_avoid_readings_the_annotators_reject(sample_targets, pair):
    assert pair not in sample_targets


def test_listed_projects_do_not_target_the_count_of_their_class():
    found = _targets("推动工业转型升级。积极谋划总投资100亿元的焦化苯、水溶肥、永磁材料等16个重点项目。", "交城县")
    assert not {p for p, _ in found} & {"焦化苯", "水溶肥", "永磁材料"}


def test_a_project_targets_the_capacity_its_phrase_names():
    found = _targets("推动工业转型升级。白酒行业,打造10万吨级白酒基地。", "交城县")
    assert ("白酒基地", "打造10万吨级白酒基地") in found


def test_a_policy_targets_groups_of_its_own_name_elsewhere():
    text = "稳就业。落实稳岗返还政策,实施高校毕业生就业促进计划,帮扶困难家庭高校毕业生就业。"
    found = _targets(text, "成都市")
    assert ("高校毕业生就业促进计划", "高校毕业生") in found


@pytest.mark.parametrize(
    ("jurisdiction", "text", "expected", "absent"),
    [
        # phrased as other provinces phrase it: the name carries what one quantity counts
        ("广州市", "推动创新驱动。实施高新技术企业树标提质行动,新增高新技术企业1000家,研发经费投入增长10%。",
         {("高新技术企业树标提质行动", "新增高新技术企业1000家")},
         {("高新技术企业树标提质行动", "研发经费投入增长10%")}),
        # no quantity counts what the name carries: all of them measure it
        ("成都市", "深化农村改革。实施农村人居环境整治提升五年行动,新改建农村户厕2万户,建成污水处理设施300座。",
         {("农村人居环境整治提升五年行动", "新改建农村户厕2万户"),
          ("农村人居环境整治提升五年行动", "建成污水处理设施300座")},
         set()),
    ],
)
def test_a_policy_is_measured_by_the_quantities_counting_what_it_names(jurisdiction, text, expected, absent):
    found = _targets(text, jurisdiction)
    assert expected <= found and not absent & found


def test_a_group_named_by_the_sentence_policy_stays_the_policy_s_when_repeated():
    text = "关心下一代。深入贯彻全市中长期青少年发展规划,完善青少年心理健康服务体系。"
    found = _targets(text, "北京市")
    assert ("全市中长期青少年发展规划", "青少年") in found
    assert ("关心下一代", "青少年") not in found
    # without the policy, the initiative aims at the group
    assert ("关心下一代", "青少年") in _targets("关心下一代。完善青少年心理健康服务体系。", "北京市")


def test_a_group_a_quantity_serves_is_the_initiative_s_aim_but_one_it_counts_is_not():
    found = _targets("优化营商环境。为中小微企业、个体工商户减税降费30亿元左右,新增“小升规”企业90户。")
    assert {("优化营商环境", "中小微企业"), ("优化营商环境", "个体工商户")} <= found
    assert ("优化营商环境", "“小升规”企业") not in found
    found = _targets("兜牢民生底线。为60岁以上老年人、残疾人、低保对象提供上门服务5万人次。")
    assert {("兜牢民生底线", g) for g in ("老年人", "残疾人", "低保对象")} <= found
    # ... as is one whose members' jobs it counts, not the members themselves (a list of groups, their number)
    found = _targets("稳定和扩大就业。帮扶高校毕业生、退役军人和就业困难人员就业5000人,"
                     "新培育科技型中小企业和省级民营科技企业50家,民营企业数量突破10万家。")
    assert {("稳定和扩大就业", g) for g in ("高校毕业生", "退役军人", "就业困难人员")} <= found
    assert not {("稳定和扩大就业", g) for g in ("科技型中小企业", "民营企业")} & found


def test_an_outcome_is_no_aim_of_a_policy():
    from kg.model import KnowledgeGraph, Mention, attrs
    from kg.relations import DocContext
    from kg.relations import targets as rule

    text = "做好各项工作。开展“万人助企联乡帮村”活动,问题办结率超过99%。"
    doc = parse(text)
    policy_at = text.index("“万")
    policy_end = text.index("活动") + 2
    q_at = text.index("问题")
    q_end = text.index("%") + 1

    def make(type_: str, start: int, end: int) -> Mention:
        return Mention(doc.id, type_, start, end, text[start:end], text[start:end], attrs(value=99, unit="%"))

    for kind, expected in (("Outcome", set()), ("Target", {"Policy"})):
        graph = KnowledgeGraph()
        mentions = [make("Policy", policy_at, policy_end), make(kind, q_at, q_end)]
        rule.relate(graph, DocContext(doc, mentions))
        assert {s.split("/")[0] for (s, p, o) in graph.relations if p == "targets"} == expected


@pytest.mark.parametrize(
    ("text", "jurisdiction", "expected"),
    [
        # places listed before a policy share it; a verb between them and it makes it theirs
        ("推进天元区、石峰区海绵城市试点。", "株洲市", {("海绵城市试点", "天元区"), ("海绵城市试点", "石峰区")}),
        ("宾川县、弥渡县建设高原特色农业示范区。", "大理白族自治州",
         {("高原特色农业示范区", "宾川县"), ("高原特色农业示范区", "弥渡县")}),
        # ... or what they are made (创建为)
        ("西夏区、彭阳县创建为国家生态文明建设示范区。", "宁夏回族自治区",
         {("国家生态文明建设示范区", "西夏区"), ("国家生态文明建设示范区", "彭阳县")}),
        ("对脱贫户、监测户实行“一户一策”。", "喀什地区", {("“一户一策”", "脱贫户"), ("“一户一策”", "监测户")}),
    ],
)
def test_members_listed_before_a_policy_or_its_verb_are_its_aims(text, jurisdiction, expected):
    found = _targets("二、2024年重点工作\n（一）推动高质量发展。\n" + text, jurisdiction)
    assert expected <= found
    assert not any(s.endswith("试点") and s != "海绵城市试点" for s, _ in found)


def test_a_policy_does_not_target_the_quantities_of_the_next_items_of_an_enumeration():
    text = ("繁荣文化事业。一是实施“新时代文明实践中心”全覆盖工程,二是建设3个县级融媒体中心,"
            "三是开展文艺演出1200场次。实施“文化润疆”工程,新建农家书屋20个。")
    found = _targets(text, "和田地区")
    assert not {o for s, o in found if s == "“新时代文明实践中心”全覆盖工程"}
    assert ("“文化润疆”工程", "新建农家书屋20个") in found  # no item mark between: the policy's


def test_a_policy_targets_the_places_a_list_closed_by_deng_di_names_before_its_verb():
    found = _targets("推动共同富裕。支持衢州、丽水等地建设生态产品价值实现机制示范区。", "浙江省")
    assert {("生态产品价值实现机制示范区", "衢州市"), ("生态产品价值实现机制示范区", "丽水市")} <= found


def test_a_policy_whose_name_carries_the_count_owns_it_past_another_policy():
    found = _targets(
        "壮大创新主体。实施高新技术企业倍增计划和科技型中小企业“登高、升规、晋位”工程,"
        "全年新增高新技术企业60家、科技型中小企业300家。"
    )
    assert ("高新技术企业倍增计划", "全年新增高新技术企业60家") in found
    assert ("“登高、升规、晋位”工程", "全年新增高新技术企业60家") not in found
    assert ("“登高、升规、晋位”工程", "科技型中小企业300家") in found


def test_a_pilot_zone_s_part_in_a_city_targets_the_city():
    found = _targets("推动开放发展。加快中国(辽宁)自由贸易试验区沈阳片区建设。", "沈阳市")
    assert ("中国(辽宁)自由贸易试验区沈阳片区", "沈阳市") in found
    assert ("中国(辽宁)自由贸易试验区沈阳片区", "辽宁省") not in found
