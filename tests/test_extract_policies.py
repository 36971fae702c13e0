"""Policies: headed names, quoted names, umbrella strategies and the objects of 实施."""

from __future__ import annotations

import pytest

from kg.extract.policies import policies
from kg.structure import parse

TOPIC = "做好各项工作。"


def _names(text: str) -> set[str]:
    # an opening topic phrase, so the sentence under test is body text, not a heading
    return {m.name for m in policies(parse(TOPIC + text))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # real sentences of the corpus
        ("强化企业科技创新主体地位,持续实施高新技术企业倍增计划,新增高新技术企业25家。", {"高新技术企业倍增计划"}),
        ("推深做实林长制,实施“绿满运城”行动,完成全年植树造林任务。", {"林长制", "“绿满运城”行动"}),
        ("开展整治违规取水专项行动,切实解决地下水超采问题。", {"整治违规取水专项行动"}),
        # 认真 (earnestly) opens no name, nor does it make a river of 河 (河(湖)长制)
        ("认真落实河(湖)长制、林长制。", {"河(湖)长制", "林长制"}),
        # an offensive, like a battle, is a campaign
        ("深入实施“经略海洋”攻势,加快建设国际海洋名城。", {"“经略海洋”攻势"}),
        # a count of what a scheme reached: the scheme is named all the same
        ("126项高频事项实现“跨省通办”。", {"“跨省通办”"}),
        # a quoted number or code names a scheme where a scheme's head follows within a few words
        ("构建“1+3+4”现代工业产业体系,实施“871”重大生态建设工程,深入实施“VR+”应用示范工程。",
         {"“1+3+4”现代工业产业体系", "“871”重大生态建设工程", "“VR+”应用示范工程"}),
        # reform and its pilots by themselves are every reform's (…等方面的改革试点); one named is kept
        ("金融、土地等方面的改革试点迈出重要步伐,深化国资国企改革。", {"国资国企改革"}),
        # 实行|动态 holds no 行动
        ("实施高校毕业生就业促进计划,对零就业家庭实行动态清零。", {"高校毕业生就业促进计划"}),
        # the works after a project's are construction: no policy (the project extractor reads them)
        ("完成大冲旧村改造后续工程,加快太浦河后续工程建设,深入实施“千村示范、万村整治”工程。",
         {"“千村示范、万村整治”工程"}),
        # power transmission (输电工程) is construction, no policy
        ("推进三门核电二期、白鹤滩—浙江特高压直流输电工程建设。", set()),
        # an event's count is no part of its name, nor is hosting it; a dash joins the partners it is named by
        ("成功承办第七届中国—南亚博览会大理分会场活动。", {"中国—南亚博览会大理分会场活动"}),
        ("成功承办中国—东盟博览会配套活动。", {"中国—东盟博览会配套活动"}),
        # so are repairs (修缮) and a townscape's upgrading (风貌提升); raising people's qualities is a programme
        ("双林寺彩塑保护修缮工程完工,实施大有仓街区风貌提升工程,实施人才素质提升工程。", {"人才素质提升工程"}),
        # a copula before a plan's period ends the words that name it (也是|南山“十四五”规划, 2011年是|“十二五”规划)
        ("2011年是“十二五”规划的开局之年,也是南山“十四五”规划承上启下的关键一年。", {"“十二五”规划", "南山“十四五”规划"}),
        # the national reforms of health care and schooling, cited bare
        ("深化紧密型县域医共体建设,推进紧密型城市医疗集团建设,深化集团化办学。",
         {"紧密型县域医共体", "紧密型城市医疗集团", "集团化办学"}),
        # the national entrepreneurship loan scheme, cited bare with what it lent
        ("发放创业担保贷款10亿元。", {"创业担保贷款"}),
        # 规划 before 建设 or 设计 is the verb of planning what it names, no plan (a plan's name is kept)
        ("启动中新广州知识城规划建设,完成文化中心规划设计,编制国土空间规划。", {"国土空间规划"}),
        # a call made a policy (倡议), and a quoted name ending in a head whatever follows it
        ("落实国家“以竹代塑”倡议,“寿光模式”走出山东,“宁聚计划”累计吸引集聚人才。",
         {"“以竹代塑”倡议", "“寿光模式”", "“宁聚计划”"}),
        # 后 (after) ends a quoted name: no head after it belongs to it
        ("余村入选联合国世界旅游组织“最佳旅游乡村”后持续放大品牌效应,做好“双减”后续工作。", {"双减"}),
        # 创成 (succeeding in becoming) opens no name
        ("全力创成全国市域社会治理现代化试点合格城市。", {"全国市域社会治理现代化试点"}),
        # national campaigns and schemes cited bare, or quoted before a noun of their own
        ("常态化开展扫黑除恶斗争,严格落实中央八项规定及其实施细则精神,做好保交楼工作,深入推进“双减”工作,"
         "“一网通办”事项达到1968项。", {"扫黑除恶", "中央八项规定", "保交楼", "“双减”", "一网通办"}),
        ("完整、准确、全面贯彻新发展理念,以铸牢中华民族共同体意识为主线。", {"新发展理念", "铸牢中华民族共同体意识"}),
        ("12个街道全部完成“大部制”改革,118个社区全面推行“街乡吹哨、部门报到”机制。",
         {"“大部制”改革", "“街乡吹哨、部门报到”机制"}),
        # a quoted list or supervision scheme; a stand taken (定位, 理念) is no part of the name
        ("落实“首违不罚”清单,全面推行“双随机、一公开”监管。", {"“首违不罚”清单", "“双随机、一公开”监管"}),
        ("坚持“房住不炒”定位,牢固树立“绿水青山就是金山银山”理念。", {"“房住不炒”", "“绿水青山就是金山银山”"}),
        # a numbered item's heading is an Initiative, not a policy with its number in it (.深化…改革)
        ("\n2.深化农村产权制度改革。推进农村产权流转交易。", set()),
        ("持续深化安全生产专项整治。", {"安全生产专项整治"}),
        ("全面落实总体国家安全观,统筹推进各领域安全。", {"总体国家安全观"}),
        ("落实全面节约战略,推进资源节约。", {"全面节约战略"}),
        ("继续做好能源互联网试点城市建设。", {"能源互联网试点城市"}),
        ("加快海绵城市建设,开展地下管网攻坚行动。", {"海绵城市", "地下管网攻坚行动"}),
        ("健全灵活就业人员、新就业形态就业人员、生活困难人员等重点群体参加社会保险制度。", {"重点群体参加社会保险制度"}),
        ("完善生育支持政策和配套措施。", {"生育支持政策"}),
        ("推进红十字应急救援培训和无偿献血知识进校园。", {"红十字应急救援培训和无偿献血知识进校园"}),
        ("全面实施职工医保普通门诊统筹。", {"职工医保普通门诊统筹"}),
        ("继续谋划实施好黄河流域生态保护和高质量发展“双十工程”,今年抓好267个重点项目建设。",
         {"黄河流域生态保护和高质量发展", "“双十工程”"}),
        ("不断壮大“河东家嫂”“平陆电建工”“永济面师”等特色劳务品牌的影响力。",
         {"“河东家嫂”", "“平陆电建工”", "“永济面师”"}),
        ("持续推广“运城面粉”“运城苹果”“运城蔬菜”三大品牌。", {"“运城面粉”", "“运城苹果”", "“运城蔬菜”"}),
        ("开展“清理家庭小药箱”过期药品回收活动。", {"“清理家庭小药箱”过期药品回收活动"}),
        ("建立“三稳三建三配套”粮食生产体系。", {"“三稳三建三配套”粮食生产体系"}),
        ("实现“一网通办”“异地可办”。", {"“一网通办”", "“异地可办”"}),
        # phrased as other provinces phrase it
        ("深入实施“百县千镇万村高质量发展工程”,推进县镇村内外贸一体化发展。", {"“百县千镇万村高质量发展工程”"}),
        ("持续深化“放管服”改革,推行“一件事一次办”。", {"“放管服”改革", "“一件事一次办”"}),
        ("全面落实河湖长制,实施城市更新行动。", {"河湖长制", "城市更新行动"}),
        ("深入落实黄河流域生态保护和高质量发展战略,认真落实安全生产责任制。",
         {"黄河流域生态保护和高质量发展战略", "安全生产责任制"}),
        ("深入落实整治违规取水专项行动。", {"整治违规取水专项行动"}),
        ("扎实推进乡村振兴战略,深入开展农村人居环境整治提升五年行动。", {"乡村振兴战略", "农村人居环境整治提升五年行动"}),
        ("推进首都功能核心区控规落地,实施“疏解整治促提升”专项行动。", {"“疏解整治促提升”专项行动"}),
        ("建立健全防止返贫动态监测和帮扶机制。", {"防止返贫动态监测和帮扶机制"}),
        # thoughts other than the leader's are no doctrine
        ("市政府坚持解放思想,树立正确政绩观和创新发展思想,推进贾思勰农学思想研究。", set()),
        # an adverb before the verb: the report's own promise, no measure named (一定|采取|有力措施)
        ("对这些问题,我们一定采取有力措施,切实加以解决。", set()),
        ("必须采取有力措施,坚决遏制重特大事故。", set()),
        # a slogan's short verb-object pairs (促|改革), no reform named
        ("我们全力以赴拼经济、抓项目、促改革、惠民生。", set()),
        # the kind of the quoted names listed before it
        ("开展“春风行动”“才聚暨阳”等招聘活动,新增城镇就业2.5万人。", {"“春风行动”", "“才聚暨阳”"}),
        ("区政府坚持以习近平新时代中国特色社会主义思想为指导。", {"习近平新时代中国特色社会主义思想"}),
        ("坚持用习近平生态文明思想指导实践。", {"习近平生态文明思想"}),
        # a quoted name before a standard, a battle, a scheme or a system; a gloss in brackets after it
        ("坚持“两不愁三保障”标准,推进“六水共治”攻坚战,制定“一老一小”整体解决方案。",
         {"“两不愁三保障”标准", "“六水共治”攻坚战", "“一老一小”整体解决方案"}),
        ("完善“一园三区”管理体制,深化“三交”(交往交流交融)工程。", {"“一园三区”管理体制", "“三交”(交往交流交融)工程"}),
        # a purpose (为…而努力奋斗) and the verb after places a list closes with 等地 open no name
        ("为加快建设生态文明示范区而努力奋斗!", {"生态文明示范区"}),
        ("支持衢州、丽水等地建设山区共同富裕示范区。", {"山区共同富裕示范区"}),
        # studying and carrying out a doctrine are verbs, not its name; nor is 了 after a verb
        ("坚持深入学习贯彻习近平新时代中国特色社会主义思想,全面贯彻新发展理念。",
         {"习近平新时代中国特色社会主义思想", "新发展理念"}),
        ("完成了“十二五”规划确定的主要目标。", {"“十二五”规划"}),
        ("深入实施创新驱动发展战略。", {"创新驱动发展战略"}),
        ("深化“最多跑一次”改革,落实“双减”政策。", {"“最多跑一次”改革", "“双减”政策"}),
        ("深化营商环境5.0版改革。", {"营商环境5.0版改革"}),  # a version number is part of the name
        # a document title that names an instrument, whole: the policies inside it give way
        ("出台《江阴市关于加快推进制造业智能化改造和数字化转型的若干政策措施》。",
         {"《江阴市关于加快推进制造业智能化改造和数字化转型的若干政策措施》"}),
        # a predicate inside the stretch before the head: the name is its object
        ("运城盐湖入选全国生态保护修复工程。", {"全国生态保护修复工程"}),
        ("将灵活就业人员纳入城镇职工基本养老保险制度。", {"城镇职工基本养老保险制度"}),
        ("以“八八战略”为统领,制定碳达峰行动方案。", {"“八八战略”", "碳达峰行动方案"}),
        ("在全市推行林长制,在全省全面推行河长制。", {"林长制", "河长制"}),  # 推行 is the predicate of 全市
        # 制度 of a kind (制度型开放, 制度创新) and the 制 of a word (规制) head no name
        ("推进规则、规制、管理、标准等制度型开放,形成制度创新成果36项。", set()),
        # a plan for a five-year period of what the words before it name
        ("实施洱海流域水环境保护治理“十四五”规划,编制“十五五”规划。", {"洱海流域水环境保护治理“十四五”规划", "“十五五”规划"}),
        ("2024年全市上下实现“十四五”规划目标任务。", {"“十四五”规划"}),  # a clause's verb is no part of it
        # a quoted name before what it yields or asks is the name alone
        ("推广“一网通办”应用,巩固“双减”成果,落实“十五条硬措施”要求。", {"“一网通办”", "“双减”", "“十五条硬措施”"}),
        ("奋力实现“强富美优”城市愿景,树牢“项目为王”鲜明导向。", {"“强富美优”", "“项目为王”"}),
        ("办好“红色故都”旅游文化节,举办“国际葡萄酒”博览会。", {"“红色故都”旅游文化节", "“国际葡萄酒”博览会"}),
        ("办好“三亚国际音乐节”等节庆活动。", {"“三亚国际音乐节”"}),  # 等 closes the list; 节庆活动 is a kind
        ("我们坚持和发展“晋江经验”。", {"“晋江经验”"}),  # the speaker and the verbs name no strategy
        # the copula, 完成 and 争创 end the subject; 纵深推进 governs; 战略性 is no strategy
        ("2024年是实施全面振兴新突破三年行动的攻坚之年。", {"全面振兴新突破三年行动"}),
        ("今年也是实施全面振兴新突破三年行动的关键之年。", {"全面振兴新突破三年行动"}),
        ("2024年是新中国成立75周年,是全面振兴新突破三年行动的攻坚之年。", {"全面振兴新突破三年行动"}),
        ("要在全面振兴新突破三年行动中勇当排头兵。", {"全面振兴新突破三年行动"}),
        # the campaigns one quote lists, counted, are one name with their head
        ("实施“蓝天、碧水、净土”三大保卫战。", {"“蓝天、碧水、净土”三大保卫战"}),
        # 控制 is a word, no system (林长制) a conjunct ends in: one name
        ("深入推进洞庭湖总磷污染控制与削减攻坚行动。", {"洞庭湖总磷污染控制与削减攻坚行动"}),
        ("完成国企改革深化提升行动年度任务,纵深推进国有企业改革深化提升行动。",
         {"国企改革深化提升行动", "国企改革", "国有企业改革深化提升行动", "国有企业改革"}),
        ("全力争创珲春自由贸易试验区。", {"珲春自由贸易试验区"}),
        ("加快中国(辽宁)自由贸易试验区沈阳片区建设。", {"中国(辽宁)自由贸易试验区沈阳片区"}),  # the city's part
        ("沈阳盛京能源、沈阳城投集团等企业完成战略性重组。", set()),
        ("推动企业战略性重组,推进国有经济布局优化和战略性重组。", set()),
        ("“5+2”战略性新兴产业产值增长12.6%,推进“由大到强”战略性转变,建设佛北战略新兴产业基地。", set()),
        ("建设中非经贸深度合作先行区。", {"中非经贸深度合作先行区"}),  # a pilot zone, as 示范区 and 试验区 are
        # a quoted number names a scheme where a scheme's head follows it; alone it is a hotline
        ("实施“135”工程,开通“12345”政务服务热线。", {"“135”工程"}),
        # codes side by side that share a scheme's head, and codes side by side that do not
        ("实施“111”“1331”“136”创新工程,拨打“12345”“12315”热线。", {"“111”", "“1331”", "“136”创新工程"}),
        ("协作考核均获“好”等次。", set()),  # one quoted character is a grade, no name
        # a firm's trade before its legal form, and the works firms contract for, are no policies
        ("林州建总建筑工程有限公司等骨干企业在雄安新区承揽重大工程,中石油大庆钻探工程公司完成进尺。", set()),
        # a zone's name ends a conjunct, as a policy's head does
        ("宝鸡综合保税区和中国(宝鸡)跨境电子商务综合试验区获批设立。", {"中国(宝鸡)跨境电子商务综合试验区"}),
        # the divisions a list counts do what follows: no strategy before the quoted programme
        ("支持岐山、扶风、凤县、太白四县立足资源禀赋发展“一县一业”。", {"“一县一业”"}),
        # a regulation named without its title marks; a kind of regulation is none, nor the verb that revises it
        ("出台民营经济促进条例,修订相关条例,修订完善河道管理条例。", {"民营经济促进条例", "河道管理条例"}),
        # works built in sections are a line, no programme; a programme's stage is no section
        ("推进陕北至安徽特高压直流工程延安段建设,推进农民素质提升工程实施阶段工作。", {"农民素质提升工程"}),
        ("破解“融资难”,化解“两难”问题。", set()),  # harms overcome
        # battles and campaigns named without quotes; the verbs that fight them are no part of the name
        ("深入打好污染防治攻坚战,持续打好蓝天保卫战,深入开展扫黑除恶专项斗争。",
         {"污染防治攻坚战", "蓝天保卫战", "扫黑除恶专项斗争"}),
        # a battle fought on fronts listed before it is one campaign; battles listed whole are each one
        ("深入推进蓝天、碧水、净土保卫战,全面落实河湖长制。", {"蓝天、碧水、净土保卫战", "河湖长制"}),
        ("打好碧水保卫战、净土保卫战。", {"碧水保卫战", "净土保卫战"}),
        ("持续实施蓝天、碧水、净土保卫战。", {"蓝天、碧水、净土保卫战"}),  # whatever verb launches it
        ("安全生产,开展蓝天、碧水保卫战。", {"蓝天、碧水保卫战"}),
        # as is pollution's campaign on the media listed before its last one
        ("深入实施大气、水、土壤污染防治行动,推进工业、交通污染治理行动。",
         {"大气、水、土壤污染防治行动", "工业、交通污染治理行动"}),
        ("落实河长制、水污染防治行动计划。", {"河长制", "水污染防治行动计划"}),
        # nor striving (奋力)
        ("扛起首府担当,奋力建设黄河流域生态保护和高质量发展先行区示范市。", {"黄河流域生态保护和高质量发展先行区"}),
        # a responsibility shared by the Party and the government, of its field
        ("落实粮食安全党政同责,压实安全生产党政同责。", {"粮食安全党政同责", "安全生产党政同责"}),
        # the State Council's regional strategies, named bare
        ("深入推进黄河流域生态保护和高质量发展,深度融入长三角一体化发展。", {"黄河流域生态保护和高质量发展", "长三角一体化发展"}),
        ("持续推进长江大保护,推动长江经济带发展,促进中部地区崛起。", {"长江大保护", "长江经济带发展", "中部地区崛起"}),
        ("抓住西部大开发和三峡工程建设的历史机遇。", {"西部大开发", "三峡工程"}),  # a name of its own before 和
        ("积极稳妥推进碳达峰碳中和。", {"碳达峰碳中和"}),
        # the doctrines of earlier reports' guiding formula
        ("以邓小平理论和“三个代表”重要思想为指导,深入贯彻落实科学发展观。", {"邓小平理论", "“三个代表”重要思想", "科学发展观"}),
        # a quoted brand's head goes on to the plan of building it
        ("实施“江南文化”品牌塑造三年行动计划。", {"“江南文化”品牌塑造三年行动计划"}),
        # a quoted code names a scheme whose head comes ten words on
        ("深入实施“415X”先进制造业集群培育工程。", {"“415X”先进制造业集群培育工程"}),
        # a quoted scheme's head may go on to a fuller one
        ("落实碳达峰碳中和“1+N”政策体系,实施“海河英才”行动计划。", {"碳达峰碳中和", "“1+N”政策体系", "“海河英才”行动计划"}),
        # ... as do its work, its drive and its reach
        ("全力推进“三大主体”工作,实施“平安绵阳”创建,扩大“极简审批”范围。", {"“三大主体”", "“平安绵阳”", "“极简审批”"}),
        # raising a quoted scheme, ending its clause, names it
        ("深化“雪亮工程”提升改造,推进“四好农村路”提质扩面。", {"“雪亮工程”", "“四好农村路”"}),
        # the subject and its resolve are no part of the battle's name
        ("五年来,我们坚决打赢脱贫攻坚战,坚定打赢大上海保卫战。", {"脱贫攻坚战", "大上海保卫战"}),
    ],
)
def test_policies_by_heads_and_quotes(text, expected):
    assert _names(text) == expected


def test_the_members_of_a_list_closed_by_policies_are_policies():
    assert _names("全面落实减税降费、稳岗返还、留工培训补助等政策,落实研发费用加计扣除、首台套重大技术装备保险补偿等政策。") == {
        "减税降费", "稳岗返还", "留工培训补助", "研发费用加计扣除", "首台套重大技术装备保险补偿"}
    assert not _names("发放农户小额信用、商户经营周转等政策性资金。")  # money of a policy


def test_a_quoted_line_of_thought_is_a_policy():
    assert _names("全面落实省委“四为四高两同步”总体思路和要求。") == {"“四为四高两同步”"}
    assert _names("“晋来长治·才聚上党”人才新政吸引高校毕业生留长就业。") == {"“晋来长治·才聚上党”人才新政"}  # a new policy


def test_typhoons_and_the_metaphors_of_serving_and_of_a_stigma_are_no_policies():
    assert not _names("成功应对“梅花”“轩岚诺”等台风,当好服务企业的“店小二”,一举摘掉了全国污染最重城市的“帽子”。")
    assert _names("落实“最多跑一次”“一网通办”改革。") == {"“最多跑一次”", "“一网通办”改革"}


def test_seizing_a_chance_or_as_a_zone_requires_is_no_part_of_its_name():
    names = _names("紧紧抓住国家资源型经济转型综合配套改革试验区建设的历史机遇,按照国家资源型经济转型综合配套改革试验区的要求。")
    assert "国家资源型经济转型综合配套改革试验区" in names and not [n for n in names if n.startswith(("紧紧", "按照"))]
    assert "新发展理念示范区" in _names("全力推进贯彻新发展理念示范区建设。")  # 新发展 governs no name here


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place that builds or wins a designation is the clause's subject; the verbs are no part of the name
        ("支持仁怀市建设世界酱香白酒核心区,赤水市建设国家全域旅游示范区。", {"国家全域旅游示范区"}),
        ("旅顺口区、长海县成功创建国家生态文明建设示范区。", {"国家生态文明建设示范区"}),
        ("落实粮食安全党政同责,严格耕地保护制度。", {"粮食安全党政同责", "耕地保护制度"}),
        ("坚定实施产业强市主导战略,全面实行政府权责清单制度。", {"产业强市主导战略", "政府权责清单制度"}),
        # other words after a place may be words of the designation's own name
        ("推进昆山深化两岸产业合作试验区建设。", {"昆山深化两岸产业合作试验区"}),
        ("百色重点开发开放试验区建设深入推进。", {"百色重点开发开放试验区"}),
    ],
)
def test_a_place_that_builds_a_designation_is_no_part_of_its_name(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "坚决遏制“两高”项目盲目发展。",  # a quote modifying a noun
        "新培育省级“专精特新”企业30家。",
        "继续保持打击“小产权房”高压态势。",  # what is fought
        "驰而不息纠治“四风”。",
        # a meeting, results achieved, and measures of no name
        "深入落实省委“十三届二次全会”部署,粮食生产实现“十九连丰”,事故起数、死亡人数实现“双下降”。",
        "对此,我们将采取有力措施,认真加以解决。",
        # a disaster named by its date
        "吸取木里“3·30”、西昌“3·30”森林火灾教训。",
        # every measure of a kind, and an investment planned
        "全面落实边境管控各项措施,年度计划投资860亿元。",
        # the dividends and fruits of reform are no reform
        "让农民更多分享改革红利,共享改革成果。",
        # a plan's period alone, and an honour received
        "回顾“十三五”,全市地区生产总值年均增长5.8%。",
        "拉萨连续7年获评“中国最具幸福感城市”,荣获“全国文明城市”称号。",
        "打通槐东路、魏风街、周西路等“断头路”。",  # a class closing a list
        "建设200个“12315”消费维权服务站。",  # a number
        "新建15个“河东书房”,培育20个省级“一村一品”示范村。",  # counted things of a kind
        "化学需氧量、氨氮排放实现双减少。",  # not the 双减 of schooling
        "妥善应对台风“杜苏芮”“海葵”影响,牢牢牵住疏解非首都功能“牛鼻子”。",  # storms, and a metaphor
        "开展促消费活动2800余场,小清河复航工程建成运营。",  # a kind of event; works on a river
        # 工程 and 活动 opening other words (engineering, prefabricated housing, an activity centre)
        "湖南省工程机械创新中心投入运营,办好长沙国际工程机械展览会,支持中国工程物理研究院建设。",
        "搭建活动板房2000套,新建老年活动中心12个。",
        "支持哈尔滨工程大学三亚南海创新发展基地建设。",  # a university of engineering
        "紧盯“三农”重点工作。",  # a field of work
        "抓好战略性、牵引性重大改革。",  # generic qualifiers
        "复制推广改革试点经验30项,总结推广典型经验。",  # the experience of reforms, no named one
        "研究出台土地、人才、投资、财税等配套政策。",
        "研究制定奖补政策,加大中水利用力度。",  # a kind, not an instrument
        "今年将在全面落实省政府17项民生政策。",
        "完善应急管理体系建设。",  # a system in the general sense
        "推动房地产业向新发展模式平稳过渡。",
        "有序实施垃圾分类工作。",
        "落实减税降费等配套措施。",
        "组织实施好重点民生工程。",
        "雅砻江盐源段防洪治理工程开工建设。",  # a construction: a project
        "推进引汉济渭二期调水工程建设。",
        "引黄济宁工程开工建设,加快引江济淮工程建设。",  # a water transfer: a project
        "加快京港澳高速新乡至郑州段改扩建工程。",  # works on a road: a project
        "推进市妇幼保健院迁建工程、魁奇路改造工程、盖孜河水系连通工程、三永湖清淤工程。",
        "推进茅台酒“十四五”技改工程。",  # works after a quote: a project
        "建成220千伏瑞金东输变电工程。",
        "实施福厦高铁晋江站站前综合交通枢纽工程建设,确保G98环岛高速三亚段扩容工程开工。",
        "推进渭河城区段综合治理、清水县牛头河防洪治理等水利工程。",  # a kind of works
        "浦东因改革开放而生、因改革开放而兴。",  # 改革开放 is the era, no reform's head
        "全面推行惠企政策。",  # 全面推行 governs; 惠企政策 is a kind
        "认真学习《政府工作报告》。",  # a title that names no instrument
        "垣曲一期抽水蓄能项目列入国家规划。",  # a plan named by its level only
    ],
)
def test_policies_skip_modifiers_harms_classes_and_kinds(text):
    assert _names(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("迭代“浙里办”“浙政钉”应用场景。", {"“浙里办”", "“浙政钉”"}),  # what follows the last is not theirs
        ("推动“一网通办”“一网统管”双网融合。", {"“一网通办”", "“一网统管”"}),
        ("新增“雄鹰”“雏鹰”企业15家。", set()),  # kinds of firm
        ("培育“专精特新”“小巨人”企业。", set()),
    ],
)
def test_quoted_names_side_by_side_are_read_together(text, expected):
    assert _names(text) == expected


def test_policy_in_a_heading_is_left_to_the_outline():
    doc = parse("(一)实施产业大升级行动,加快构建高质量经济体系\n推动农业提质增效。构筑“两特两优”农业产业格局。")
    assert {m.name for m in policies(doc)} == {"“两特两优”农业产业格局"}


def test_a_document_title_in_a_heading_is_still_a_policy():
    # the heading is an initiative; the instrument it carries out is named inside it
    doc = parse("(一)推动高质量发展\n推动园区提质扩能。三是落实《天水市支持工业经济高质量发展若干措施》,全年新增厂房20万平方米。")
    assert "三是" in [s.number for s in doc.sections]
    assert {m.name for m in policies(doc)} == {"《天水市支持工业经济高质量发展若干措施》"}


def test_quoted_core_points_at_the_fuller_name():
    doc = parse(TOPIC + "持续打造“一县一品”劳务品牌,做优“一县一品”。")
    found = {m.name: m.attr("canonical") for m in policies(doc)}
    assert found == {"“一县一品”劳务品牌": None, "“一县一品”": "“一县一品”劳务品牌"}


def test_policy_offsets_slice_the_raw_text(sample_doc):
    for m in policies(sample_doc):
        assert sample_doc.text[m.start : m.end] == m.text


def test_a_quoted_name_before_the_report_s_own_place_or_a_stand_is_named():
    from kg.read import set_jurisdiction

    doc = parse(TOPIC + "推进新时代“枫桥经验”南昌实践,深化“赣服通”南昌分厅,紧扣“两地一中心”目标定位,开辟“一带一路”沿线新航线。")
    set_jurisdiction(doc, "南昌市")
    assert {m.name for m in policies(doc)} == {"“枫桥经验”", "“赣服通”", "“两地一中心”", "“一带一路”"}


def test_a_quoted_policy_named_whole_somewhere_is_mentioned_wherever_the_quote_stands():
    doc = parse(TOPIC + "紧紧围绕“强富美高”新常州建设。全面落实“强富美高”要求,推进“双创”示范。")
    got = [m.name for m in policies(doc)]
    assert got.count("“强富美高”") == 2 and "“双创”" not in got  # a quote never named whole stays unread


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("成功创建全国文明城市,争创全国双拥模范城“十连冠”。", {"全国文明城市", "全国双拥模范城"}),
        ("屏山县成功创建国家生态文明建设示范县,创建省级双拥模范城(区)。", {"国家生态文明建设示范县", "省级双拥模范城(区)"}),
        # a title received is no campaign, nor a kind of zone what the sentence does not campaign for
        ("获评国家森林城市,建设国家级经济技术开发区。", set()),
    ],
)
def test_a_title_a_city_or_county_campaigns_for_is_a_policy(text, expected):
    assert _names(text) == expected


def test_an_older_report_s_enumerator_opens_no_policy():
    found = {m.name for m in policies(parse("做好各项工作。二要办好节会活动。精心办好楚文化节。"))}
    assert not any(name.startswith("二要") for name in found)


def test_completing_a_campaign_is_no_part_of_its_name():
    assert "滇池保护治理三年攻坚行动" in _names("全面完成滇池保护治理三年攻坚行动。")


def _names_in(text: str, jurisdiction: str, code: str) -> set[str]:
    return {m.name for m in policies(parse(TOPIC + text, jurisdiction=jurisdiction, jurisdiction_code=code))}


def test_a_named_firm_s_reform_is_no_policy_but_a_kind_s_is():
    text = "稳妥推进赣州银行、赣州农商银行改革,推进农村中小银行改革化险。"
    assert _names_in(text, "江西省", "360000") == {"农村中小银行改革"}
    assert not _names_in("推动长春农商行、吉林银行深化改革。", "吉林省", "220000")


def test_a_firm_that_carries_out_a_programme_is_no_part_of_its_name():
    assert _names("支持森工集团实施天然林资源保护工程。") == {"天然林资源保护工程"}


def test_the_batch_a_designation_was_given_in_is_no_part_of_its_name():
    assert _names("盘州市入选首批国家全域旅游示范区创建单位。") == {"国家全域旅游示范区"}


def test_every_instrument_of_a_kind_after_a_quoted_name_is_no_part_of_it():
    assert _names("支持中小微企业发展壮大,落实“减税降费”各项政策。") == {"“减税降费”"}


def test_people_quoted_as_a_kind_are_no_policy():
    assert not _names("抓好高校毕业生、农民工、“零就业家庭”等重点群体就业。")
    # ... unless a policy's head follows the quote, or the quote names a model of partners
    assert _names("完善“朝阳群众”志愿服务体系,推广“龙头企业+合作社+农户”模式。") == {
        "“朝阳群众”志愿服务体系", "“龙头企业+合作社+农户”模式"}


def test_a_grade_given_in_quotes_is_no_policy():
    assert "“优秀”" not in _names("重庆临空经济示范区获评国家级临空经济示范区中期评估“优秀”等次。")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("习近平总书记赋予我们建设黄河流域生态保护和高质量发展先行区的重大使命。", {"黄河流域生态保护和高质量发展先行区"}),
        ("银川市西夏区、固原市彭阳县创建为国家生态文明建设示范区。", {"国家生态文明建设示范区"}),
        ("推动宁东能源化工基地、石嘴山市开展减污降碳协同创新试点。", {"减污降碳协同创新试点"}),
        ("支持宁东能源化工基地建设国家现代煤化工产业示范区。", {"国家现代煤化工产业示范区"}),
        # a verb of making inside the designation's own words is part of it
        ("彭阳县获评国家生态文明建设示范区。", {"国家生态文明建设示范区"}),
    ],
)
def test_who_makes_or_runs_a_designation_is_no_part_of_its_name(text, expected):
    assert _names_in(text, "宁夏回族自治区", "640000") == expected


def test_a_heading_s_number_opens_no_policy_and_securities_are_no_voucher():
    doc = parse("宁夏回族自治区2024年政府工作报告\n二、2024年工作安排\n（四）着力建设黄河流域生态保护和高质量发展先行区，筑牢西北生态安全屏障\n"
                "推动国有企业资产证券化率提高到35%。全面推行林长制。")
    assert {m.name for m in policies(doc)} == {"林长制"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count of years is part of the name, a year is none of it
        ("全面落实南疆四地州15年免费教育政策。", {"15年免费教育政策"}),
        ("实施2023年度民生实事计划。", {"民生实事计划"}),
        # 和美 is one word (宜居宜业和美乡村), no conjunction
        ("实施和美乡村建设示范工程。", {"和美乡村建设示范工程"}),
    ],
)
def test_a_number_of_years_and_the_beautiful_countryside_open_names(text, expected):
    assert _names(text) == expected
