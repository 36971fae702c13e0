import pytest

from kg.document import fold, name_key
from kg.structure import parse


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("汾河流域（运城段）", "汾河流域(运城段)"),
        ("新增高新技术企业２５家，", "新增高新技术企业25家,"),
        ("「一网通办」", "“一网通办”"),
    ],
)
def test_fold_keeps_length_and_maps_full_width(raw, folded):
    assert fold(raw) == folded
    assert len(fold(raw)) == len(raw)


@pytest.mark.parametrize(
    ("a", "b"),
    [("“双十工程”", "双十工程"), ("《中国制造2025》", "中国制造2025"), ("晋潼高速（阳城至永济段）", "晋潼高速(阳城至永济段)")],
)
def test_name_key_ignores_quotes_and_width(a, b):
    assert name_key(a) == name_key(b)


def test_sentences_slice_the_raw_text_even_with_full_width_punctuation():
    text = "（一）推动工业转型升级\n激活创新第一动力。新增企业２５家，新培育企业５０家。"
    doc = parse(text)
    assert [doc.slice(s) for s in doc.sentences] == [
        "（一）推动工业转型升级",
        "激活创新第一动力。",
        "新增企业２５家，新培育企业５０家。",
    ]


def test_section_path_runs_from_outermost_heading(sample_doc):
    sentence = next(s for s in sample_doc.sentences if "垣曲一期抽水蓄能项目" in sample_doc.slice(s))
    path = [sample_doc.title_of(s) for s in sample_doc.section_path(sentence.section)]
    assert path == ["聚力系统集成 促进发展动能充分释放", "用好改革关键一招"]


def test_sample_metadata_is_read_from_the_text(sample_doc):
    assert sample_doc.title == "市五届人大三次会议政府工作报告(摘要)"
    assert sample_doc.jurisdiction == "运城市"
    assert sample_doc.year == 2023  # the summary's text states none: its file name does
    assert len(sample_doc.sha256) == 64


def test_newspaper_artefacts_are_in_no_sentence(sample_doc):
    assert sample_doc.artefacts
    for s in sample_doc.sentences:
        assert "上接" not in sample_doc.slice(s)
    for sec in sample_doc.sections:
        assert "上接" not in sample_doc.title_of(sec)


def test_year_stated_in_the_text_wins_over_the_file_name(tmp_path):
    from kg.read import load

    path = tmp_path / "report-2019.txt"
    path.write_text("2023年政府工作报告\n(一)推动工业转型升级\n激活创新第一动力。新增企业25家。", encoding="utf-8")
    assert load(path).year == 2023
    assert load(path, year=2024).year == 2024
    path.write_text("政府工作报告\n(一)推动工业转型升级\n激活创新第一动力。新增企业25家。", encoding="utf-8")
    assert load(path).year == 2019


def test_a_text_with_nothing_to_fold_is_its_own_norm_and_pickles_once():
    import pickle

    plain = parse("一、推动工业转型升级\n激活创新第一动力。新增企业25家。")
    assert plain.norm is plain.text
    assert pickle.dumps(plain).count("激活创新第一动力".encode()) == 1
    again = pickle.loads(pickle.dumps(plain))
    assert again.norm is again.text
    folded = parse("一、推動工業轉型升級\n新增企業２５家。")
    assert folded.norm != folded.text and len(folded.norm) == len(folded.text)
    assert "推动工业转型升级" in folded.norm and "25" in folded.norm
