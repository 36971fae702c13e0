"""The same graph from every format: the sample as .txt, GB18030, UTF-16, .html, .docx and .pdf.

Each copy is generated from the bundled sample in the test setup and built
through the whole pipeline.  Tolerance: none.  Every reader recovers every
paragraph of the sample (tests/test_read.py), so the entity sets (keys and
types), relations and labels must be identical; a format that lost text would
show up here as a missing entity.  The one difference allowed is by design:
document-scoped keys (Target, Outcome) embed the id of the source file, a hash
of its bytes, so that id is replaced by ``<doc>`` before comparing.
"""

from __future__ import annotations

import pytest

from kg.pipeline import SAMPLE, build
from tests.make_inputs import write_docx, write_html, write_pdf

TEXT = SAMPLE.read_text(encoding="utf-8")
FORMATS = ["gb18030.txt", "utf16.txt", "page.html", "page-gbk.html", "report.docx", "report.pdf"]


def _unscoped(result, key: str) -> str:
    for a in result.analyses:
        key = key.replace(a.document.id, "<doc>")
    return key


def _entities(result):
    return {(e.type, _unscoped(result, e.key), e.label) for e in result.graph.entities.values()}


def _relations(result):
    return {(_unscoped(result, s), p, _unscoped(result, o)) for s, p, o in result.graph.relations}


@pytest.fixture(scope="module")
def txt_build(tmp_path_factory):
    return build([SAMPLE], tmp_path_factory.mktemp("txt"), html=False)


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    d = tmp_path_factory.mktemp("copies")
    (d / "gb18030.txt").write_bytes(TEXT.encode("gb18030"))
    (d / "utf16.txt").write_bytes(TEXT.encode("utf-16"))
    write_html(TEXT, d / "page.html")
    write_html(TEXT, d / "page-gbk.html", encoding="gbk")
    write_docx(TEXT, d / "report.docx")
    write_pdf(TEXT, d / "report.pdf")
    return d


@pytest.fixture(scope="module")
def builds(copies, tmp_path_factory):
    return {name: build([copies / name], tmp_path_factory.mktemp("out"), html=False) for name in FORMATS}


@pytest.mark.parametrize("name", FORMATS)
def test_format_builds_the_same_entities_as_the_text(txt_build, builds, name):
    got, want = _entities(builds[name]), _entities(txt_build)
    assert got == want, f"missing: {sorted(want - got)[:10]}; extra: {sorted(got - want)[:10]}"
    assert len(want) > 100  # the sample is not trivially empty


@pytest.mark.parametrize("name", FORMATS)
def test_format_builds_the_same_relations_as_the_text(txt_build, builds, name):
    assert _relations(builds[name]) == _relations(txt_build)
    assert _relations(txt_build)


@pytest.mark.parametrize("name", FORMATS)
def test_mentions_keep_offsets_into_the_reader_text(builds, name):
    (analysis,) = builds[name].analyses
    doc = analysis.document
    assert analysis.mentions
    for m in analysis.mentions:
        assert doc.text[m.start : m.end] == m.text
        assert doc.source_at(m.start) is not None
