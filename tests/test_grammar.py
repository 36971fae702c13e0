"""The shared grammar: left edges, trimming, list splitting, canonical forms, segmentation."""

from __future__ import annotations

import re

import pytest

from kg.extract.grammar import (
    LAUNCHERS_RE,
    after_conjunction,
    after_list_closer,
    canonicalise,
    left_edge,
    trim_left,
    words,
)
from kg.model import Mention


def _edge(text: str, head: str, **kw) -> str:
    h = text.index(head)
    return text[left_edge(text, h, 0, **kw) : h]


@pytest.mark.parametrize(
    ("text", "head", "kw", "expected"),
    [
        ("有序推进垣曲一期抽水蓄能项目建设", "项目", {}, "垣曲一期抽水蓄能"),
        ("全面落实总体国家安全观", "安全观", {}, "总体国家"),
        ("严格控制重点行业企业煤炭消费", "企业", {}, "行业"),  # 重点 governs with the default set
        ("开展整治违规取水专项行动", "专项行动", {"governors": LAUNCHERS_RE}, "整治违规取水"),
        ("打造600万吨级的绿色焦化产业园", "产业园", {"stops": "的"}, "绿色焦化"),
        ("新培育省级“专精特新”企业30家", "企业", {"through_quotes": True}, "省级“专精特新”"),
        ("新培育省级“专精特新”企业30家", "企业", {}, ""),
        ("确保零就业家庭动态清零", "家庭", {}, "零就业"),
        ("①做好高校毕业生就业", "毕业生", {}, "高校"),  # a circled number opens an item
        ("⑵落实援企稳岗政策", "政策", {}, "援企稳岗"),
        # an item's number (1. or 1．) where the clause begins; a decimal is of the name
        ("一、巩固成果\n1.健全防止返贫动态监测和帮扶机制", "机制", {}, "防止返贫动态监测和帮扶"),
        ("3．深化农村产权制度改革", "改革", {}, "农村产权制度"),
        ("京东方4.5代生产线", "生产线", {}, "京东方4.5代"),
        # cooperating with and making use of govern what they act on
        ("全力配合推进沈白高铁建设", "高铁", {}, "沈白"),
        ("发挥抚远口岸作用", "口岸", {}, "抚远"),
        ("共建川渝文旅消费合作区", "合作区", {}, "川渝文旅消费"),
        ("坚决落实黑土地保护利用工程", "工程", {}, "黑土地保护利用"),
        ("新认定高新技术企业73家", "企业", {"segmented": True}, "高新技术"),
        # 以…为 frames the name
        ("以数字化改革为牵引", "改革", {"segmented": True}, "数字化"),
        ("以奖代补政策", "政策", {"segmented": True}, "以奖代补"),  # no 为: 以 is of the name
        # after a verb 于 is no preposition: it opens the name
        ("加快推进于家堡金融区", "金融区", {"segmented": True}, "于家堡"),
        ("紧紧围绕建设世界一流高端能源化工基地", "基地", {"segmented": True}, "世界一流高端能源化工"),
        # a dash alone between two names joins them; two dashes open a topic; it may be asked not to
        ("加快中国—东盟信息港建设", "信息港", {}, "中国—东盟"),
        ("——建设中关村科技园", "科技园", {}, "中关村"),
        ("深化中国—上海合作组织合作", "组织", {"dashes": False}, "上海合作"),
    ],
)
def test_left_edge_stops_at_marks_and_governors(text, head, kw, expected):
    assert _edge(text, head, **kw) == expected


@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("打造10万吨级白酒基地", "基地", "白酒"),  # a capacity qualifies the name
        ("签约总投资80亿元的金风集团", "集团", "金风"),
        ("二是做好龙头企业", "企业", "龙头"),  # an ordinal opens the clause
        ("G521盐湖段改建", "段改建", "G521盐湖"),  # a road code is a name, not a number
        ("实施37个乡镇全民健身中心项目", "项目", None),  # a count makes a class
        ("深化前海、横琴、南沙三大平台建设", "平台", None),
    ],
)
def test_trim_left_cuts_measures_and_rejects_counts(text, head, expected):
    h = text.index(head)
    start = trim_left(text, left_edge(text, h, 0, stops="的"), h)
    assert (None if start is None else text[start:h]) == expected


ENDS_IN_MUSEUM = re.compile(r"博物馆$")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("关公博物馆和山西壁画博物馆", "山西壁画"),  # two full names: split
        ("红十字应急救援培训和无偿献血知识博物馆", "红十字应急救援培训和无偿献血知识"),  # one name: kept
    ],
)
def test_after_conjunction_splits_only_full_names(text, expected):
    h = text.rindex("博物馆")
    assert text[after_conjunction(text, 0, h, ENDS_IN_MUSEUM) : h] == expected


def test_after_list_closer_takes_the_shared_head():
    text = "灵活就业人员、生活困难人员等重点群体参加社会保险制度"
    h = text.index("制度")
    assert text[after_list_closer(text, 0, h) : h] == "重点群体参加社会保险"


def _m(name: str, type_: str = "Project") -> Mention:
    return Mention("d", type_, 0, len(name), name, name)


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("运城国际机场", "运城国际机场改扩建"),
        ("临猗黄河大桥", "临猗黄河大桥及引线"),
        ("晋潼高速", "晋潼高速(阳城至永济段)"),
        ("“清理家庭小药箱”", "“清理家庭小药箱”过期药品回收活动"),
        # a line's section, and the generic word a line's name may end with
        ("长赣高铁", "长赣高铁长沙县段"),
        ("长浏城际", "长浏城际铁路"),
        ("地铁6号线东延", "地铁6号线东延线"),
    ],
)
def test_canonicalise_points_a_variant_at_the_fuller_name(short, full):
    out = {m.name: m.attr("canonical") for m in canonicalise([_m(short), _m(full)])}
    assert out == {short: full, full: None}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("中小企业", "科技型中小企业"),  # a qualifier makes another group
        ("垣曲一期", "垣曲二期"),  # another phase is another project
        ("运城", "运城国际机场"),  # too short and not a variant tail
    ],
)
def test_canonicalise_leaves_distinct_names_apart(a, b):
    assert all(m.attr("canonical") is None for m in canonicalise([_m(a), _m(b)]))


def test_canonicalise_contractions_only_when_asked():
    pair = [_m("老人", "Group"), _m("老年人", "Group")]
    assert [m.attr("canonical") for m in canonicalise(pair)] == [None, None]
    assert [m.attr("canonical") for m in canonicalise(pair, contractions=True)] == ["老年人", None]


def test_words_segments_with_domain_words():
    assert words("积极推进运三客专")[-1] == "客专"
    assert "改扩建" in words("加快运城国际机场改扩建")


@pytest.mark.parametrize(
    ("text", "head", "plain", "segmented"),
    [
        ("推进保障性住房项目", "项目", "性住房", "保障性住房"),  # 保障 is no governor inside 保障性
        ("加快服务业集聚区", "集聚区", "业", "服务业"),
        ("有序推进垣曲一期抽水蓄能项目", "项目", "垣曲一期抽水蓄能", "垣曲一期抽水蓄能"),
    ],
)
def test_segmented_left_edge_strips_only_whole_words(text, head, plain, segmented):
    h = text.index(head)
    assert text[left_edge(text, h, 0) : h] == plain
    assert text[left_edge(text, h, 0, segmented=True) : h] == segmented


@pytest.mark.parametrize("contractions", [False, True])
def test_fullers_agrees_with_the_pairwise_definition(sample_doc, contractions):
    # every name the extractors found in the sample, and variants made to hit each rule
    from kg.document import name_key
    from kg.extract import extract
    from kg.extract.grammar import _fuller, _fullers

    names = {m.name for m in extract(sample_doc) if m.type in ("Project", "Policy", "Group")}
    names |= {n + tail for n in list(names)[:40] for tail in ("建设", "(一期)", "及配套", "工程")}
    names |= {"老人", "老年人", "“双十工程”", "“双十工程”建设", "“ 双十工程”", "双十工程", "人员", "人"}
    names = sorted(names, key=lambda n: (-len(n), n))
    keys = [name_key(n) for n in names]
    fast = _fullers(names, keys, contractions)
    slow = {n: _fuller(n, names, dict(zip(names, keys)).__getitem__, contractions) for n in names}
    assert fast == slow
    assert any(v is not None for v in fast.values())


def test_segmentations_are_kept_for_one_extract_run_only(sample_doc):
    from kg.extract import extract
    from kg.extract.grammar import segmentation_memo

    extract(sample_doc)
    assert segmentation_memo().get() is None
    token = segmentation_memo().set({})
    try:
        first = words("有序推进垣曲一期抽水蓄能项目建设")
        assert words("有序推进垣曲一期抽水蓄能项目建设") is first  # cut once
    finally:
        segmentation_memo().reset(token)
    assert first == words("有序推进垣曲一期抽水蓄能项目建设")


def test_segmenter_cuts_as_jieba_does(sample_doc):
    # every substring of up to 12 characters starting at every 2nd offset of the
    # sample, its paragraphs whole, and mixed scripts, digits and whitespace
    from kg.extract.grammar import _segmenter, _tokenizer

    tok, segment = _tokenizer(), _segmenter()
    norm = sample_doc.norm
    texts = [norm[i : i + n] for i in range(0, len(norm), 2) for n in (1, 2, 3, 5, 8, 12)]
    texts += [norm[p.start : p.end] for p in sample_doc.paragraphs]
    texts += ["", " ", "x\r\ny", "G521国道 5G基站 4A级", "a-b_c.d%e#f&g+h", "2023年GDP增长5.5%", "１２ＡＢ　全角"]
    assert [segment(t) for t in texts] == [tok.lcut(t, HMM=False) for t in texts]
    assert segment("有序推进垣曲一期抽水蓄能项目建设")[-3:] == ["抽水蓄能", "项目", "建设"]


def test_jieba_cache_read_whole_gives_what_jieba_loads():
    import jieba

    from kg.extract.grammar import _read_jieba_cache

    reference = jieba.Tokenizer()
    reference.initialize()  # reads jieba's cache, or builds and writes it
    tok = jieba.Tokenizer()
    assert _read_jieba_cache(tok)
    assert tok.initialized
    assert tok.total == reference.total
    assert tok.FREQ == reference.FREQ


@pytest.mark.parametrize("content", [None, b"", b"not marshal data", b"\xe9\x00\x00"])
def test_jieba_cache_unreadable_is_left_to_jieba(tmp_path, content):
    import marshal

    import jieba

    from kg.extract.grammar import _read_jieba_cache

    if content is not None:
        (tmp_path / "jieba.cache").write_bytes(content)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(tmp_path)
    assert not _read_jieba_cache(tok)
    assert not tok.initialized
    (tmp_path / "jieba.cache").write_bytes(marshal.dumps(([1, 2], 3)))  # valid marshal, wrong shape
    assert not _read_jieba_cache(tok)


def test_jieba_cache_not_read_for_another_dictionary(tmp_path):
    import marshal

    import jieba

    from kg.extract.grammar import _read_jieba_cache

    (tmp_path / "jieba.cache").write_bytes(marshal.dumps(({"词": 1}, 1)))
    (tmp_path / "words.txt").write_text("词 1\n", encoding="utf-8")
    tok = jieba.Tokenizer(str(tmp_path / "words.txt"))
    tok.tmp_dir = str(tmp_path)
    assert not _read_jieba_cache(tok)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(tmp_path)
    assert _read_jieba_cache(tok) and tok.FREQ == {"词": 1}


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?<!中)(?:小学|中学|[东西]延)", "东中小西"),  # a lookbehind does not start the match
        (r"(?:总投资|年产)?\d+万", "\\d年总"),  # an optional prefix: its chars or the next item's
        (r"(?:19|20)\d{2}年|去年", "12去"),
        (r"[^、,]{2,}等", None),  # a negated class: almost any character
        (r"(?:的|工作)*", None),  # may match empty
        (r"项目|", None),  # an empty alternative
        (r"(?i)abc", None),  # case folding: not read
    ],
)
def test_first_chars(pattern, expected):
    from kg.extract.grammar import first_chars

    assert first_chars(re.compile(pattern)) == expected


def _scan_patterns():
    # every pattern constant of the extractors that quick_start led with a lookahead
    import kg.extract as package
    from kg.extract import grammar

    package._load_all()
    modules = [grammar, *(__import__(f"kg.extract.{n}", fromlist=["x"]) for n in ("projects", "policies", "places", "quantity"))]
    return [(f"{m.__name__}.{k}", v) for m in modules for k, v in vars(m).items()
            if k.isupper() and isinstance(v, re.Pattern) and v.pattern.startswith("(?=[")]


@pytest.mark.parametrize(("name", "led"), _scan_patterns())
def test_quick_start_finds_the_same_matches(name, led, sample_doc):
    from pathlib import Path

    first, plain = re.fullmatch(r"\(\?=\[(.+?)\]\)\(\?:(.*)\)", led.pattern, re.S).groups()
    plain = re.compile(plain, led.flags)
    texts = [sample_doc.norm, *(p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "data" / "unseen").glob("*.txt")))]
    texts += [clause for text in texts[:1] for clause in re.split(r"[,。;]", text)]  # $ at every clause end
    for text in texts:
        assert [(m.span(), m.groups()) for m in led.finditer(text)] == [(m.span(), m.groups()) for m in plain.finditer(text)]
    assert any(led.search(text) for text in texts)


@pytest.mark.parametrize(
    ("module", "pattern", "needs"),
    [
        ("projects", "PROJECT_LIST", "PROJECT_LIST_NEEDS"),
        ("projects", "FEATURE_WORKS", "FEATURE_WORKS_NEEDS"),
        ("enterprises", "ENTERPRISE_LIST", "ENTERPRISE_LIST_NEEDS"),
    ],
)
def test_every_match_holds_what_its_pattern_needs(module, pattern, needs):
    # a sentence skipped by holds() never had a match: on every sentence of the
    # sample and the unseen reports, and on every match found anywhere
    from pathlib import Path

    from kg.extract.grammar import holds
    from kg.read import load

    mod = __import__(f"kg.extract.{module}", fromlist=["x"])
    pattern, needs = getattr(mod, pattern), getattr(mod, needs)
    found = 0
    root = Path(__file__).parent.parent
    for path in [root / "kg" / "data" / "yuncheng-2023-summary.txt", *sorted((root / "tests" / "data" / "unseen").glob("*.txt"))]:
        doc = load(path)
        for s in doc.sentences:
            for m in pattern.finditer(doc.norm, s.start, s.end):
                found += 1
                assert holds(doc.norm, m.start(), m.end(), needs)
                assert holds(doc.norm, s.start, s.end, needs)
    assert found
    assert not holds("推进A、B等建设", 0, 8, needs)


def _word_lists():
    from kg.extract.grammar import GOVERNORS, LAUNCHERS
    from kg.extract.places import MACRO_REGIONS, _countries

    return {
        "governors": GOVERNORS,
        "launchers": LAUNCHERS,
        "governors less 重点": [w for w in GOVERNORS if w != "重点"],
        "places abroad": sorted({*_countries(), *MACRO_REGIONS}, key=lambda n: (-len(n), n)),
    }


@pytest.mark.parametrize("name", ["governors", "launchers", "governors less 重点", "places abroad"])
def test_longest_of_matches_as_the_alternation_longest_first(name, sample_doc):
    from pathlib import Path

    from kg.extract.grammar import longest_of

    listed = _word_lists()[name]
    plain = re.compile("|".join(map(re.escape, sorted(listed, key=lambda w: (-len(w), w)))))
    trie = re.compile(longest_of(listed))
    texts = [sample_doc.norm, *(p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "data" / "unseen").glob("*.txt")))]
    for text in texts:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
        ends = [(m.end() if (m := trie.match(text, i, i + 8)) else None) for i in range(len(text))]
        assert ends == [(m.end() if (m := plain.match(text, i, i + 8)) else None) for i in range(len(text))]
    for word in listed:
        assert trie.fullmatch(word) and trie.match(word + "x").group() == plain.match(word + "x").group()
    assert not trie.fullmatch(listed[0] + listed[0][-1])
