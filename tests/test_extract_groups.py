"""Groups: categories of people and organisations by their heads and qualifiers."""

from __future__ import annotations

import pytest

from kg.extract.groups import groups
from kg.structure import parse

TOPIC = "做好各项工作。"


def _names(text: str) -> set[str]:
    return {m.name for m in groups(parse(TOPIC + text))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # real sentences of the corpus
        ("抓好高校毕业生、退役军人、农民工等重点群体就业,确保零就业家庭动态清零。",
         {"高校毕业生", "退役军人", "农民工", "零就业家庭"}),
        ("支持中小企业向科技小巨人、瞪羚企业和独角兽企业方向发展。", {"中小企业", "科技小巨人", "瞪羚企业", "独角兽企业"}),
        ("全年新增“小升规”企业90户,新培育省级“专精特新”企业30家。", {"“小升规”企业", "省级“专精特新”企业"}),
        ("新培育科技型中小企业和省级民营科技企业50家。", {"科技型中小企业", "省级民营科技企业"}),
        ("新发展农民专业合作社826个、家庭农场50家。", {"农民专业合作社", "家庭农场"}),  # 新发展: more of them
        ("评价入库科技型中小企业1500家,入库科技型中小企业2万家。", {"科技型中小企业"}),  # entered in a register
        # a verb whose object the group is, a part of them, the area's, and a body's possessive 的
        ("“晋来长治·才聚上党”人才新政吸引高校毕业生留长就业2.1万人,面向全球引进顶尖人才团队10个以上。",
         {"高校毕业生", "顶尖人才"}),  # talent's new policy is no talent
        # a talent port, a consortium or flats for talent are no group of it
        ("晋江国际人才港新引进高层次人才3000人,浙大人才创新联合体建成,新建人才公寓500套。", {"高层次人才"}),
        ("加强对辖区地方金融组织、私募基金的穿透式监管,帮助部分中小微企业纾困。", {"地方金融组织", "中小微企业"}),
        ("培育认定一批市级示范企业。", {"市级示范企业"}),
        # a group word before a facility names the facility (an incubator, a service centre); 孤困 qualifies children
        ("新增国家级科技企业孵化器3家,RCEP企业服务中心挂牌运行,关爱孤困儿童。", {"孤困儿童"}),
        ("建设市青少年宫,新增养老机构床位5000张,推进养老家庭照护床位建设,关爱留守儿童。", {"留守儿童"}),
        # a count of the group's members before it; a size before 以上 makes a class
        ("帮助2万名就业困难人员实现就业,为30万户困难家庭发放生活补贴,推动1000户以上实体企业上云,"
         "将8.8万人纳入监测对象。", {"就业困难人员", "困难家庭", "监测对象"}),
        # ... a technical centre, or the countries of an organisation; the verbs before a group are not its name
        ("新增国家级企业技术中心3家,与上合组织国家贸易额增长20%,吸纳贫困劳动力就业3200人,带动低收入农户增收,"
         "清理拖欠中小企业账款8亿元。", {"贫困劳动力", "低收入农户", "中小企业"}),
        # the members of a list closed by 等 and a kind of people are groups, whatever their words
        ("突出抓好长期失业青年、农民工、新泉州人等重点群体就业。", {"长期失业青年", "农民工", "新泉州人"}),
        ("支持快递员、外卖骑手、网约车司机等新就业形态劳动者参加社会保险。",
         {"快递员", "外卖骑手", "网约车司机", "新就业形态劳动者"}),
        # a body of nations is one organisation, no kind of them
        ("余村入选联合国世界旅游组织“最佳旅游乡村”,推进国际组织集聚区规划建设,培育农村集体经济组织。",
         {"农村集体经济组织"}),
        # nor are 入选 and 激发 (企业 alone is every firm)
        ("两面针入选国家级制造业单项冠军企业,激发企业创新活力,派驻技术人员8000余人。",
         {"国家级制造业单项冠军企业", "技术人员"}),
        # the verbs that stress a task, and 个别, are no part of whom it serves
        ("突出做好高校毕业生、退役军人就业,稳妥处置个别房地产企业逾期交付风险。", {"高校毕业生", "退役军人", "房地产企业"}),
        ("严格控制重点行业企业煤炭消费。", {"重点行业企业"}),
        ("重点抓好老人、儿童和患基础性疾病的防护救治。", {"老人", "儿童", "患基础性疾病的"}),
        ("支持有条件的县人民医院达到三级医院的规模和水平。", {"县人民医院"}),
        ("强化融资平台公司综合治理。", {"融资平台公司"}),
        ("引进专业化养老服务运营机构,满足老年人个性化养老需求。", {"专业化养老服务运营机构", "老年人"}),
        ("发展多种形式的婴幼儿照护服务。", {"婴幼儿"}),
        ("支持龙头企业牵头、家庭农场和农民合作社跟进、社会化服务组织参与。",
         {"龙头企业", "家庭农场", "农民合作社", "社会化服务组织"}),
        # phrased as other provinces phrase it
        ("加强留守儿童、困境儿童关爱保护,做好特困人员救助供养。", {"留守儿童", "困境儿童", "特困人员"}),
        ("支持中小微企业和个体工商户发展。", {"中小微企业", "个体工商户"}),
        ("新增专精特新“小巨人”企业20家。", {"专精特新“小巨人”企业"}),
        ("做好优抚对象、残疾人、孤儿等群体的帮扶工作。", {"优抚对象", "残疾人", "孤儿"}),
        ("市场主体达到42万户,民营企业数量突破10万家。", {"民营企业"}),  # a count of the group is about it
        ("加强对独居老人、失能老人的照护,加大对脱贫户、监测户的帮扶力度。", {"独居老人", "失能老人", "脱贫户", "监测户"}),
        ("推动链主企业带动上下游配套企业发展,其中个体工商户86万户。", {"链主企业", "上下游配套企业", "个体工商户"}),
        ("组织富余劳动力参加技能培训。", {"富余劳动力"}),
        # what is done for the group, cultivating or holding a contest for it, is no part of its name
        ("培养数字经济紧缺人才3000名,办好海外高层次人才创新创业大赛。", {"数字经济紧缺人才", "海外高层次人才"}),
        ("关闭退出小散乱企业36家,确保有劳动力的搬迁家庭每户至少1人稳定就业。", {"小散乱企业", "搬迁家庭"}),
        ("依法保护民营企业产权和企业家权益,服务平台累计服务企业超过20万家次。", {"民营企业"}),
        ("吸引台胞来晋创业,对农牧民开展培训,帮助各族群众、蒙古族群众增收。", {"台胞", "农牧民", "各族群众", "蒙古族群众"}),
        ("加大对脱贫户、易地搬迁群众的帮扶力度。", {"脱贫户"}),  # 群众的: a possessive, no nominal member
        ("保障事实无人抚养儿童权益,做好库区移民、水库移民后期扶持。", {"事实无人抚养儿童", "库区移民", "水库移民"}),
        ("重点做好高校毕业生就业,吸引全球资产管理机构落户。", {"高校毕业生", "全球资产管理机构"}),
        ("陆家嘴金融城新增持牌金融机构20家。", {"持牌金融机构"}),  # 新增 is the predicate
        ("做好脱贫人口、新就业形态劳动者、困难群众、农村劳动力就业,防止边缘易致贫户返贫。",
         {"脱贫人口", "新就业形态劳动者", "困难群众", "农村劳动力", "边缘易致贫户"}),
        ("确保脱贫户、监测户不发生规模性返贫。", {"脱贫户", "监测户"}),
        ("为中小微企业减负50亿元。", {"中小微企业"}),  # 为 opens the beneficiary
        ("让老年人、婴幼儿、新市民共享发展成果。", {"老年人", "婴幼儿", "新市民"}),
        ("支持家政服务企业提质扩容。", {"家政服务企业"}),  # 服务 after a noun qualifies the head
        # an adverbial before a governing verb: verb and object, the object is the group
        ("倾心尽力服务中小企业,落实减税降费政策。", {"中小企业"}),
        ("尽力帮扶困难家庭。", {"困难家庭"}),
        ("引育链主企业10家以上。", {"链主企业"}),  # 引育 (引进培育) governs
        ("将灵活就业人员纳入城镇职工基本养老保险制度。", {"灵活就业人员", "城镇职工"}),  # 纳入 is a predicate
        ("新引进海内外高层次人才1200人。", {"海内外高层次人才"}),  # 新引进 governs
        ("新登记科技型中小企业1.2万户,新注册小微企业3000户。", {"科技型中小企业", "小微企业"}),  # so do 新登记, 新注册
        ("3.集聚高层次人才。深入实施人才计划。", {"高层次人才"}),  # an item's number, then 集聚 governs
        # the keepers public jobs employ (生态 qualifies them), and family ranches
        ("选聘生态护林员1.2万名,新增护边员500名,培育家庭牧场200家,配齐网格员。",
         {"生态护林员", "护边员", "家庭牧场", "网格员"}),
        # paying out and finding govern, however timely; 无人员伤亡 names none
        ("按时足额发放低保对象、特困人员救助资金,新发现吸毒人员数量同比下降38%,实现无人员伤亡。",
         {"低保对象", "特困人员", "吸毒人员"}),
        # ... and a toll is no group, however qualified
        ("全年未发生重大人员伤亡。", set()),
        # setting up and closing firms govern too; 转产 alone qualifies fishermen who change trade
        ("全年新设民营企业5000家,关停散乱污企业120家,关闭转产化工企业10家,推动转产渔民就业。",
         {"民营企业", "散乱污企业", "化工企业", "转产渔民"}),
        ("支持台湾青年、港澳青年来厦就业创业。", {"台湾青年", "港澳青年"}),
        ("确保每户搬迁家庭至少1人稳定就业。", {"搬迁家庭"}),  # 每户 counts them, it is no part of the name
        # households registered as poor, and the households monitored against a return to poverty
        ("带动建档立卡贫困户8万户增收,对脱贫不稳定户、边缘易致贫户、突发严重困难户开展监测。",
         {"建档立卡贫困户", "脱贫不稳定户", "边缘易致贫户", "突发严重困难户"}),
        # people by their trade or their place; the verb after 等 is no group's (领办合作社)
        ("做好高校毕业生、退捕渔民、移民群众等重点群体就业。", {"高校毕业生", "退捕渔民", "移民群众"}),
        ("提高边民生产生活补助标准,关心关爱寺庙僧尼。", {"边民", "僧尼"}),
        ("鼓励致富带头人、新型职业农民、返乡创业大学生等领办合作社。", {"致富带头人", "新型职业农民", "返乡创业大学生"}),
        # a place gathers them: the group is the object, not the place with its verb
        ("推动于家堡金融区集聚持牌金融机构。", {"持牌金融机构"}),
        # what a place registers or closes: the group is the object
        ("年内在秦创原新注册科技型企业2000家以上,府谷县关停改造兰炭企业68户。", {"科技型企业", "兰炭企业"}),
    ],
)
def test_groups_by_heads_and_qualifiers(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "切实解决企业用地问题。",  # 企业 alone
        "研究出台土地、人才、投资、财税等配套政策。",  # 人才 alone
        "确保在园幼儿占比保持55%以上。",  # an indicator
        "开展“清理家庭小药箱”过期药品回收活动。",  # inside a quoted name
        "尤其是广大农业企业家委员要增强信心。",  # 企业家 is no 企业
        "实现农业市场主体量质齐升。",
        "创造性开展“万人助企联乡帮村”活动,倾心尽力服务企业,问题办结率超过99%。",  # verb + bare object
        "全心全意服务企业,着力解决融资难题。",
        "请予审议,并请省政协委员和其他列席人员提出意见。",  # the address formula
        "请予审议,并请列席人员提出意见。",  # a town's formula: 请 invites, it is no part of a name
        "法尔胜泓昇集团入选中国企业500强。",  # a league table
        "建设人才公寓,新建儿童医院、老年人大学,深化事业单位机构改革。",  # a group word before what it names
        "推进市妇女儿童医院、青少年活动中心建设。",  # two group words before what they name
        "三峡食品产业园新入驻企业12家,开发区新落户企业20家。",  # firms counted where they settled
        "贯彻《浙江省民营企业发展促进条例》。",  # a document's title
        "洋山特殊综合保税区新增注册企业500家。",  # firms counted by registration
        "引进世界500强企业15家,吸引“三类500强”企业落户。",  # the rest of a rank names nothing
        "支持高校与区内企业共建实训基地,服务辖区企业。",  # the firms of a place, all of them
    ],
)
def test_groups_skip_bare_heads_and_indicators(text):
    assert _names(text) == set()


def test_sector_and_contracted_forms_point_at_the_bare_group():
    doc = parse(TOPIC + "实施农业龙头企业倍增行动,支持龙头企业牵头。关心老人,满足老年人个性化养老需求。")
    found = {m.name: m.attr("canonical") for m in groups(doc)}
    assert found == {"农业龙头企业": "龙头企业", "龙头企业": None, "老人": "老年人", "老年人": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国家科技型中小企业达到980家。", {"国家科技型中小企业": "科技型中小企业"}),  # corpus (许昌)
        ("新培育科技型中小企业和省级民营科技企业50家。",  # corpus (运城)
         {"科技型中小企业": None, "省级民营科技企业": "民营科技企业"}),
        ("新增国家级专精特新“小巨人”企业10家。", {"国家级专精特新“小巨人”企业": "专精特新“小巨人”企业"}),
        ("培育省级制造业单项冠军企业50家。", {"省级制造业单项冠军企业": "制造业单项冠军企业"}),
        ("培育认定一批市级示范企业。", {"市级示范企业": "示范企业"}),
        # town and country are all of a category; the country's alone are a part of it
        ("提高城乡低保对象、农村低保对象保障标准。", {"城乡低保对象": "低保对象", "农村低保对象": None}),
    ],
)
def test_a_level_prefix_points_at_the_bare_category(text, expected):
    assert {m.name: m.attr("canonical") for m in groups(parse(TOPIC + text))} == expected


def test_group_offsets_slice_the_raw_text(sample_doc):
    for m in groups(sample_doc):
        assert sample_doc.text[m.start : m.end] == m.text


def test_to_organise_names_no_organisations_and_stressing_a_group_is_no_part_of_it():
    assert _names("精心组织开展活动,迅速组织救援,每年组织培训,发展基层党组织。") == {"基层党组织"}
    assert _names("突出高校毕业生、退役军人等重点群体就业。") == {"高校毕业生", "退役军人"}


def test_a_leader_talent_is_talent_not_a_soldier():
    assert _names("引进培育顶尖人才、领军人才和青年人才,关爱退役军人。") == {"顶尖人才", "领军人才", "青年人才", "退役军人"}


def test_the_rest_of_a_size_class_names_no_group():
    # (a rank of qualification and above stays the group's name: 一级以上资质建筑企业)
    assert _names("培育年营业收入10亿元以上企业8家,一级以上资质建筑企业达到48家。") == {"一级以上资质建筑企业"}


def test_a_rank_of_qualification_is_part_of_the_group_and_a_grade_of_scale_is_not():
    assert _names("新增特级资质企业1家、一级资质企业5家,扶持千亿级龙头企业。") == {"特级资质企业", "一级资质企业", "龙头企业"}


def test_a_kind_of_firm_inside_a_firm_s_name_is_no_group():
    doc = parse("做好各项工作。推动市城投公司、水城区国投公司等融资平台公司市场化转型。",
                jurisdiction="六盘水市", jurisdiction_code="520200")
    assert {m.name for m in groups(doc)} == {"融资平台公司"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the firm is what becomes such a firm: no group
        ("全力支持鞍钢集团建设世界一流企业。", set()),
        ("全力支持中国一汽建设世界一流汽车企业。", set()),
        # the firms that work for it are one
        ("推动鞍钢集团配套企业发展。", {"鞍钢集团配套企业"}),
    ],
)
def test_a_firm_becoming_a_kind_of_firm_is_no_group(text, expected):
    assert {m.name for m in groups(parse("做好各项工作。" + text))} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a place gathers or brings in and raises is the group, not the place doing it
        ("三亚崖州湾科技城聚集科研人才超过7000人。", {"科研人才"}),
        ("新型研发机构引育高层次人才300名。", {"新型研发机构", "高层次人才"}),
        ("规范校外培训机构。", {"校外培训机构"}),  # 培训 names the kind
    ],
)
def test_a_gathering_verb_inside_a_group_s_words_ends_who_gathers_it(text, expected):
    assert {m.name for m in groups(parse("做好各项工作。" + text))} == expected
