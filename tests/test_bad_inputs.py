"""Bad inputs get one line naming the file and the problem, and a non-zero exit.

Every case runs through the ``kg build`` command, as a user meets it.  With
several inputs the readable ones still build and the failures are listed at
the end; ``--strict`` makes any failure fatal.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import errors
from kg.cli import EXIT_SOME_FAILED, main
from kg.pipeline import SAMPLE, build
from kg.readers import MAX_INPUT_BYTES, read
from tests.make_inputs import truncated, write_docx, write_image_pdf, write_pdf

TEXT = SAMPLE.read_text(encoding="utf-8")
ENGLISH = (
    "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age "
    "of foolishness. Mr. Lorry travelled to Paris in 1775 with twenty pounds in his pocket.\n"
) * 60


def _missing(d: Path) -> Path:
    return d / "no-such-report.txt"


def _directory(d: Path) -> Path:
    (d / "reports").mkdir()
    return d / "reports"


def _empty(d: Path) -> Path:
    (d / "empty.txt").write_bytes(b"")
    return d / "empty.txt"


def _blank(d: Path) -> Path:
    (d / "blank.txt").write_bytes(b" \r\n\n\t ")
    return d / "blank.txt"


def _binary(d: Path) -> Path:
    (d / "report.txt").write_bytes(bytes(range(256)) * 16)
    return d / "report.txt"


def _png(d: Path) -> Path:
    (d / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    return d / "scan.png"


def _image_pdf(d: Path) -> Path:
    return write_image_pdf(d / "scanned.pdf")


def _locked_pdf(d: Path) -> Path:
    return write_pdf(TEXT, d / "locked.pdf", encrypt="secret")


def _truncated_docx(d: Path) -> Path:
    return truncated(write_docx(TEXT, d / "whole.docx"), d / "report.docx")


def _not_a_pdf(d: Path) -> Path:
    (d / "report.pdf").write_text(TEXT, encoding="utf-8")
    return d / "report.pdf"


def _undetectable(d: Path) -> Path:
    # half UTF-8, half GB18030: valid in neither, as happens when files are pasted together
    (d / "mixed.txt").write_bytes(TEXT[:1500].encode("utf-8") + TEXT[1500:3000].encode("gb18030"))
    return d / "mixed.txt"


def _huge(d: Path) -> Path:
    with open(d / "huge.txt", "wb") as fh:  # sparse: 200 MB without using the disk
        fh.truncate(200 * 2**20)
    return d / "huge.txt"


def _broken_link(d: Path) -> Path:
    (d / "report.txt").symlink_to(d / "moved.txt")
    return d / "report.txt"


def _pipe(d: Path) -> Path:
    os.mkfifo(d / "pipe.txt")  # opened for reading, it would wait for a writer for ever
    return d / "pipe.txt"


BAD = [
    (_missing, errors.InputError, "no such file"),
    (_directory, errors.InputError, "is a directory, not a report file"),
    (_empty, errors.InputError, "file is empty"),
    (_blank, errors.InputError, "file is empty"),
    (_binary, errors.UnsupportedFormat, "binary data, not a text file"),
    (_png, errors.UnsupportedFormat, "a PNG image, not a report"),
    (_image_pdf, errors.NoTextLayer, "PDF has no text layer (scanned images?); run OCR on it first"),
    (_locked_pdf, errors.EncryptedInput, "PDF is password-protected; remove the password first"),
    (_truncated_docx, errors.DamagedInput, "damaged .docx (truncated or not a Word document)"),
    (_not_a_pdf, errors.UnsupportedFormat, "named .pdf but is not a PDF file"),
    (
        _undetectable,
        errors.EncodingUndetected,
        "cannot detect the text encoding (not UTF-8, UTF-16, GB18030 or Big5); re-save it as UTF-8",
    ),
    (_huge, errors.InputTooLarge, "file is too large (200 MiB; the limit is 64 MiB)"),
    (_pipe, errors.UnsupportedFormat, "not a regular file"),
    (_broken_link, errors.InputError, "a broken symbolic link (to nothing, or a loop)"),
]
IDS = [make.__name__.strip("_") for make, _, _ in BAD]


@pytest.mark.parametrize(("make", "kind", "problem"), BAD, ids=IDS)
def test_reader_raises_the_named_error(tmp_path, make, kind, problem):
    path = make(tmp_path)
    with pytest.raises(kind) as caught:
        read(path)
    assert str(caught.value) == f"{path}: {problem}"


# what `kg build` says where it differs from the reader: a directory stands for the reports in it
CLI_PROBLEM = {_directory: "no report files in this directory (.txt .html .htm .shtml .xhtml .docx .pdf)"}


@pytest.mark.parametrize(("make", "kind", "problem"), BAD, ids=IDS)
def test_cli_prints_one_line_and_exits_non_zero(tmp_path, make, kind, problem):
    problem = CLI_PROBLEM.get(make, problem)
    path = make(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}: {problem}\n"
    assert result.stdout == ""
    assert not list(out.glob("graph.*"))


def test_a_file_name_with_a_newline_still_gets_a_one_line_error(tmp_path):
    try:
        path = tmp_path / "第一\n第二.txt"
        path.write_bytes(b"\x00\x01binary")
    except OSError:
        pytest.skip("this file system refuses a newline in a name")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path}/第一\\x0a第二.txt: binary data, not a text file\n"


def test_huge_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    path = _huge(tmp_path)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file above the limit"))
    with pytest.raises(errors.InputTooLarge):
        read(path)
    assert path.stat().st_size > MAX_INPUT_BYTES


def test_a_build_neither_hashes_nor_reads_a_file_above_the_limit(tmp_path, monkeypatch):
    path = _huge(tmp_path)
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read") if self == path else real(self))
    result = build([path, SAMPLE], tmp_path / "out", html=False, jobs=1)
    assert [str(f) for f in result.failures] == [f"{path}: file is too large (200 MiB; the limit is 64 MiB)"]
    assert len(result.analyses) == 1


def test_a_docx_that_unpacks_to_too_much_is_refused_before_unpacking(tmp_path, monkeypatch):
    import zipfile

    import docx

    import kg.readers.docx

    path = write_docx(SAMPLE.read_text(encoding="utf-8"), tmp_path / "report.docx")
    assert read(path)[0].text  # within the limit: read
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:  # a part of 3 MiB of zeros: a few KB packed
        z.writestr("word/media/zeros.bin", bytes(3 << 20))
    monkeypatch.setattr(kg.readers.docx, "MAX_UNPACKED_BYTES", 2 << 20)
    monkeypatch.setattr(docx, "Document", lambda *a: pytest.fail("unpacked"))
    with pytest.raises(errors.InputTooLarge) as caught:
        read(path)
    unpacked = sum(info.file_size for info in zipfile.ZipFile(path).infolist())
    assert unpacked > 3 << 20
    assert str(caught.value) == f"{path}: unpacks to {unpacked / 2**20:.0f} MiB (the limit is 2 MiB)"


def test_a_pdf_whose_streams_unpack_to_too_much_is_refused(tmp_path, monkeypatch):
    from pdfminer import lzw, pdftypes

    import kg.readers.pdf

    path = write_pdf(TEXT, tmp_path / "report.pdf")  # reportlab compresses each page's stream
    whole = read(path)[0].text
    monkeypatch.setattr(kg.readers.pdf, "MAX_UNPACKED_BYTES", 2000)  # less than the first page unpacks to
    with pytest.raises(errors.InputTooLarge) as caught:
        read(path)
    assert str(caught.value) == f"{path}: PDF unpacks to more than 0 MiB; refused"
    assert pdftypes.zlib is zlib and pdftypes.lzwdecode is lzw.lzwdecode  # given back
    monkeypatch.setattr(kg.readers.pdf, "MAX_UNPACKED_BYTES", 1 << 20)
    assert read(path)[0].text == whole and pdftypes.zlib is zlib


def test_the_pdf_budget_unpacks_as_zlib_does():
    from kg.readers.pdf import _Budget, _Spent

    packed = zlib.compress("推进垣曲一期抽水蓄能项目建设。".encode() * 100)
    budget = _Budget(1 << 20)
    assert budget.decompress(packed) == zlib.decompress(packed)
    assert budget.decompress(packed + b"junk") == zlib.decompress(packed + b"junk")  # as zlib: ignored
    for broken in (packed[:-3], packed[:40], b"not zlib"):  # truncated or not zlib: zlib.error, as zlib says
        with pytest.raises(zlib.error):
            zlib.decompress(broken)
        with pytest.raises(zlib.error):
            budget.decompress(broken)
    d = budget.decompressobj()  # pdfminer's reading of a damaged stream, byte by byte
    assert b"".join(d.decompress(packed[i : i + 1]) for i in range(len(packed))) == zlib.decompress(packed)
    small = _Budget(100)
    with pytest.raises(_Spent):
        small.decompress(packed)
    assert small.spent


def test_the_pdf_budget_counts_lzw_too():
    from pdfminer.lzw import lzwdecode

    from kg.readers.pdf import _Budget, _Spent

    example = bytes.fromhex("800B6050220C0C8501")  # the PDF reference's LZW example
    assert _Budget(10).lzwdecode(example) == lzwdecode(example) == b"-----A---B"
    small = _Budget(9)
    with pytest.raises(_Spent):
        small.lzwdecode(example)
    assert small.spent


def test_owner_password_only_pdf_is_read(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    # opens without a password, only editing is restricted: readable.  (Latin text:
    # reportlab leaves CID font strings unencrypted in encrypted files, which garbles them.)
    path = tmp_path / "restricted.pdf"
    c = canvas.Canvas(str(path), encrypt=StandardEncryption("", "owner", canModify=0), invariant=1)
    c.drawString(72, 700, "Government Work Report 2023")
    c.save()
    assert read(path)[0].text == "Government Work Report 2023"


def test_pdf_without_unicode_map_is_refused(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    # the reportlab flaw above gives exactly such a file: glyph codes with no Unicode map
    path = write_pdf(TEXT, tmp_path / "cid.pdf", encrypt=StandardEncryption("", "owner"))
    with pytest.raises(errors.NoTextLayer, match=r"cid\.pdf: PDF text cannot be decoded \(its fonts have no Unicode map\)"):
        read(path)


def test_english_novel_builds_with_a_warning(tmp_path):
    novel = tmp_path / "novel.txt"
    novel.write_text(ENGLISH, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(novel), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"warning: {novel}: almost nothing found (0 mentions in ")
    assert warnings[0].endswith("is it a government work report?")


def test_sample_builds_without_warning(sample_build):
    assert sample_build.warnings == []
    assert sample_build.failures == []


@pytest.fixture
def mixed_inputs(tmp_path):
    good = tmp_path / "report.txt"
    good.write_bytes(TEXT.encode("gb18030"))
    return [_missing(tmp_path), good, _locked_pdf(tmp_path), _empty(tmp_path)]


def test_readable_inputs_still_build_and_failures_are_listed_last(tmp_path, mixed_inputs):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", *map(str, mixed_inputs), "-o", str(out)])
    assert result.exit_code == EXIT_SOME_FAILED
    assert result.stdout.splitlines()[0] == str(out / "graph.ttl")
    missing, _, locked, empty = mixed_inputs
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert failed == [
        f"failed: {missing}: no such file",
        f"failed: {locked}: PDF is password-protected; remove the password first",
        f"failed: {empty}: file is empty",
    ]
    assert (out / "graph.ttl").stat().st_size > 0


def test_build_returns_failures_with_the_graph(tmp_path, mixed_inputs):
    result = build(mixed_inputs, tmp_path / "out")
    assert [type(f) for f in result.failures] == [errors.InputError, errors.EncryptedInput, errors.InputError]
    assert len(result.analyses) == 1 and result.graph.entities


def test_strict_makes_any_failure_fatal_and_writes_nothing(tmp_path, mixed_inputs):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", *map(str, mixed_inputs), "-o", str(out), "--strict"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"Error: {mixed_inputs[0]}: no such file"
    assert lines[-1] == "3 of 4 inputs failed (strict); nothing was written"
    assert len(lines) == 4
    assert not list(out.glob("graph.*"))


def test_every_input_failing_is_an_error_listing_each(tmp_path):
    paths = [_missing(tmp_path), _empty(tmp_path)]
    with pytest.raises(errors.BuildError) as caught:
        build(paths, tmp_path / "out")
    assert caught.value.failures[0].path == str(paths[0])
    assert str(caught.value).splitlines() == [
        f"{paths[0]}: no such file",
        f"{paths[1]}: file is empty",
        "none of the 2 inputs could be read; nothing was written",
    ]
    assert not (tmp_path / "out").exists()  # the build made it for its outputs, and took it away again



def test_readme_troubleshooting_lists_every_reader_message():
    import re

    root = Path(__file__).parent.parent
    readme = root / "README.md"
    section = readme.read_text(encoding="utf-8").split("## Troubleshooting", 1)[1].split("\n## ", 1)[0]
    sources = [*sorted((root / "kg" / "readers").glob("*.py")), root / "kg" / "read.py"]
    raised = re.compile(r"(?:Error|Format|Undetected|Input|Layer|Large)\(\s*\w+,\s*f?\"([^\"]+)\"", re.S)
    messages = {m for src in sources for m in raised.findall(src.read_text(encoding="utf-8"))}
    assert len(messages) >= 20
    for message in messages:
        # an f-string hole stands for whatever the README shows there (<error>, a PNG image)
        pattern = ".+?".join(re.escape(part) for part in re.split(r"\{[^}]*\}", message))
        assert re.search(pattern, section), message
