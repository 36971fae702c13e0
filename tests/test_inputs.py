"""Naming a corpus: directories of reports and lists of paths (``kg build DIR``, ``--files-from``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import SAMPLE, build
from kg.read import expand_inputs

UNSEEN = sorted((Path(__file__).parent / "data" / "unseen").glob("*.txt"))


@pytest.fixture
def tree(tmp_path):
    """reports/{2023/a.txt, 2023/B.TXT, 2024/sub/c.html, notes.md, docs/notes.md, .hidden.txt, .git/x.txt, out/}."""
    root = tmp_path / "reports"
    names = ("2023/a.txt", "2023/B.TXT", "2024/sub/c.html", "notes.md", "docs/notes.md", ".hidden.txt", ".git/x.txt")
    for rel in names:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("text", encoding="utf-8")
    (root / "out").mkdir()
    (root / "out" / "graph.html").write_text("<html></html>", encoding="utf-8")
    return root


def _rel(paths, root):
    return [p.relative_to(root).as_posix() for p in paths]


def test_a_directory_stands_for_its_report_files_in_path_order(tree):
    files, errors = expand_inputs([tree], exclude=tree / "out")
    assert _rel(files, tree) == ["2023/B.TXT", "2023/a.txt", "2024/sub/c.html"]
    assert errors == []


def test_without_exclude_the_output_directory_would_be_read(tree):
    files, _ = expand_inputs([tree])
    assert "out/graph.html" in _rel(files, tree)


def test_an_earlier_builds_output_directory_below_is_skipped(tree):
    build([SAMPLE], tree / "2024" / "old-build", jobs=1)
    files, errors = expand_inputs([tree], exclude=tree / "out")
    assert _rel(files, tree) == ["2023/B.TXT", "2023/a.txt", "2024/sub/c.html"] and errors == []
    named = expand_inputs([tree / "2024" / "old-build"])[0]  # named outright: walked
    assert _rel(named, tree) == ["2024/old-build/graph.html"]


def test_a_hidden_directory_named_outright_is_walked(tree):
    assert _rel(expand_inputs([tree / ".git"])[0], tree) == [".git/x.txt"]


def test_files_are_kept_as_named_and_once(tree):
    named = tree / "notes.md"  # named outright: the reader, not the walk, judges it
    files, errors = expand_inputs([named, tree / "2023", tree / "2023" / "a.txt", tree / "missing.txt"])
    assert _rel(files, tree) == ["notes.md", "2023/B.TXT", "2023/a.txt", "missing.txt"]
    assert errors == []


def test_a_directory_without_reports_is_an_error_naming_it(tree):
    files, errors = expand_inputs([tree / "docs", tree / "out"], exclude=tree / "out")
    assert files == []
    assert [str(e) for e in errors] == [
        f"{tree / 'docs'}: no report files in this directory (.txt .html .htm .shtml .xhtml .docx .pdf)",
        f"{tree / 'out'}: is the output directory, not a directory of reports",
    ]


def test_an_unreadable_subdirectory_is_an_error(tree, monkeypatch):
    locked = tree / "2024"
    scandir = os.scandir

    def refusing(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)  # chmod 0 would not stop the root user the tests may run as
    files, errors = expand_inputs([tree], exclude=tree / "out")
    assert _rel(files, tree) == ["2023/B.TXT", "2023/a.txt"]
    assert [str(e) for e in errors] == [f"{locked}: cannot be read (Permission denied)"]


def test_a_build_of_a_directory_equals_the_build_of_its_files(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "unseen").mkdir(parents=True)
    shutil.copy(SAMPLE, corpus / SAMPLE.name)
    for path in UNSEEN:
        shutil.copy(path, corpus / "unseen" / path.name)
    whole = build([corpus], corpus / "out", html=False, jobs=1)  # output inside the corpus: skipped
    again = build([corpus], corpus / "out", html=False, jobs=1)
    files = build([SAMPLE, *UNSEEN], tmp_path / "files", html=False, jobs=1)
    assert len(whole.analyses) == len(again.analyses) == 1 + len(UNSEEN)
    assert again.cached == len(again.analyses) and not again.failures
    for name in ("graph.nt", "graph.trig"):
        assert (corpus / "out" / name).read_bytes() == (tmp_path / "files" / name).read_bytes()


def test_cli_builds_the_paths_listed_on_stdin_and_reports_an_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    listing = f"{SAMPLE}\n\n{tmp_path / 'empty'}\n"
    result = CliRunner().invoke(main, ["build", "--files-from", "-", "-o", str(tmp_path / "out")], input=listing)
    assert result.exit_code == 3, result.output
    assert (tmp_path / "out" / "graph.ttl").exists()
    assert f"failed: {tmp_path / 'empty'}: no report files in this directory" in result.stderr
    assert "built 1 document" in result.stderr


def test_cli_refuses_an_empty_list_rather_than_building_the_sample(tmp_path):
    listing = tmp_path / "list.txt"
    listing.write_text("\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--files-from", str(listing), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{listing}: names no inputs" in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_takes_a_listed_name_as_the_bytes_of_a_file_name(tmp_path):
    """``find`` prints names as the bytes they are: a GBK name listed in GBK names its file."""
    name = "报告.txt".encode("gb18030")
    try:
        (tmp_path / os.fsdecode(name)).write_bytes(SAMPLE.read_bytes())
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    listing = tmp_path / "list.txt"
    listing.write_bytes(bytes(tmp_path) + b"/" + name + b"\r\n" + bytes(tmp_path) + b"/missing.txt\n")
    result = CliRunner().invoke(main, ["build", "--files-from", str(listing), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3, result.output
    assert "built 1 document" in result.stderr
    assert f"failed: {tmp_path}/missing.txt: " in result.stderr
