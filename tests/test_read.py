"""Readers: encodings, web pages, Word, PDF and traditional characters, each from the sample."""

from __future__ import annotations

import codecs

import pytest
from tests.make_inputs import PAGE_FOOTER, PAGE_NAV, RUNNING_HEAD, paragraphs, write_docx, write_html, write_pdf

from kg.pipeline import SAMPLE
from kg.read import load
from kg.readers import read, source_at
from kg.readers.script import is_traditional, to_simplified

TEXT = SAMPLE.read_text(encoding="utf-8")
PARAS = paragraphs(TEXT)


@pytest.mark.parametrize(
    ("encoding", "prefix", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("gb18030", b"", "gb18030"),
        ("gbk", b"", "gb18030"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-16-le", b"", "utf-16-le"),
        ("utf-16-be", b"", "utf-16-be"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32"),
    ],
)
def test_read_text_detects_encoding_of_the_sample(tmp_path, encoding, prefix, expected):
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(prefix + TEXT.encode(encoding))
    extracted, _ = read(path)
    assert extracted.text == TEXT
    assert extracted.encoding == expected
    assert extracted.format == "text"


def test_read_text_detects_big5_traditional(tmp_path):
    import opencc

    traditional = opencc.OpenCC("s2tw.json").convert(TEXT)
    path = tmp_path / "report-big5.txt"
    path.write_bytes(traditional.encode("big5"))
    extracted, _ = read(path)
    assert extracted.text == traditional


def test_read_text_detects_short_gb18030_text(tmp_path):
    # a single paragraph: less for the detector to go on
    path = tmp_path / "short.txt"
    path.write_bytes(PARAS[3].encode("gb18030"))
    assert read(path)[0].text == PARAS[3]


def test_read_text_origin_numbers_lines(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("第一行\n第二行\n\n第四行", encoding="utf-8")
    extracted, _ = read(path)
    assert extracted.source_at(extracted.text.index("第四行")) == 4
    assert extracted.source_at(0) == 1


def test_source_at_before_first_mark_is_none():
    assert source_at(((5, 1),), 2) is None


@pytest.fixture(scope="module")
def formats(tmp_path_factory):
    d = tmp_path_factory.mktemp("formats")
    return {
        "html": write_html(TEXT, d / "report.html"),
        "html-gb2312": write_html(TEXT, d / "report-gb.htm", encoding="gb18030"),
        "docx": write_docx(TEXT, d / "report.docx"),
        "pdf": write_pdf(TEXT, d / "report.pdf"),
    }


@pytest.mark.parametrize("fmt", ["html", "html-gb2312", "docx", "pdf"])
def test_reader_recovers_every_paragraph_of_the_sample(formats, fmt):
    extracted, _ = read(formats[fmt])
    assert paragraphs(extracted.text) == PARAS


@pytest.mark.parametrize("fmt", ["html", "html-gb2312", "docx", "pdf"])
def test_reader_drops_page_furniture(formats, fmt):
    text = read(formats[fmt])[0].text
    for furniture in [*PAGE_NAV[:2], PAGE_FOOTER, RUNNING_HEAD, "微信", "相关链接", "_hmt", "— 2 —"]:
        assert furniture not in text


def test_html_reader_maps_lines_to_source_lines(formats):
    extracted, raw = read(formats["html"])
    source = raw.decode("utf-8").split("\n")
    # every mapped line of clean text begins on (or after) the source line it names
    for (offset, line), nxt in zip(extracted.origin, [*extracted.origin[1:], (len(extracted.text), 0)]):
        first = extracted.text[offset : nxt[0]].split("\n")[0][:8]
        assert any(first[:4] in s for s in source[line - 1 : line + 1]), (first, line)


def test_pdf_reader_maps_offsets_to_pages(formats):
    extracted, _ = read(formats["pdf"])
    assert extracted.unit == "page"
    pages = [p for _, p in extracted.origin]
    assert pages == sorted(pages) and pages[0] == 1 and len(pages) >= 2
    assert extracted.source_at(0) == 1
    assert extracted.source_at(len(extracted.text) - 1) == pages[-1]


def test_pdf_reader_joins_chinese_lines_without_spaces(formats):
    text = read(formats["pdf"])[0].text
    # this sentence is wrapped across lines in the PDF (it is longer than the measure)
    assert "新增高新技术企业25家,新培育科技型中小企业和省级民营科技企业50家。" in text
    assert " 家" not in text and "-\n" not in text


def test_docx_reader_numbers_paragraphs(formats):
    extracted, _ = read(formats["docx"])
    assert extracted.unit == "paragraph"
    assert [n for _, n in extracted.origin] == list(range(1, len(PARAS) + 1))


def test_load_keeps_reader_text_and_origin(formats):
    doc = load(formats["pdf"])
    extracted, _ = read(formats["pdf"])
    assert doc.text == extracted.text
    assert doc.format == "pdf" and doc.origin_unit == "page"
    assert doc.source_at(len(doc.text) - 1) == extracted.origin[-1][1]


def test_content_wins_over_extension(tmp_path, formats):
    renamed = tmp_path / "report.txt"
    renamed.write_bytes(formats["pdf"].read_bytes())
    assert read(renamed)[0].format == "pdf"


TRADITIONAL = "加快運城國際機場改擴建,做好航空口岸正式開放迎檢工作。"


def test_traditional_is_detected_and_simplified_is_not():
    assert is_traditional(TRADITIONAL)
    assert not is_traditional(TEXT)


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [(0, 200), (2, 0), (3, 0), (3, 146), (3, 147), (3, 148), (6, 300)],
)
def test_traditional_needs_three_such_characters_and_two_percent_of_the_han(traditional, simplified):
    # 運 is traditional-only, 运 is not; 3 of 150 Han characters is exactly 2 %
    text = "運" * traditional + "运" * simplified + "abc,。 12"
    assert is_traditional(text) == (traditional >= 3 and traditional >= 0.02 * (traditional + simplified))


def test_to_simplified_keeps_length():
    simplified = to_simplified(TRADITIONAL)
    assert len(simplified) == len(TRADITIONAL)
    assert simplified == "加快运城国际机场改扩建,做好航空口岸正式开放迎检工作。"


def test_traditional_report_keeps_its_text_and_matches_in_simplified(tmp_path):
    import opencc

    traditional = opencc.OpenCC("s2t.json").convert(TEXT)
    path = tmp_path / "traditional.txt"
    path.write_text(traditional, encoding="utf-8")
    doc = load(path)
    assert doc.text == traditional
    assert len(doc.norm) == len(doc.text)
    assert "运城国际机场" in doc.norm
    start = doc.norm.index("运城国际机场")
    assert doc.text[start : start + 6] == "運城國際機場"


def test_simplified_text_norm_is_unchanged(sample_doc):
    from kg.document import fold

    assert sample_doc.norm == fold(sample_doc.text)
