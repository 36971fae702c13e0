"""The per-document analysis cache: rebuilds re-extract only what changed, and stay byte-identical."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import pytest

import kg.cache
from kg.cache import CACHE_DIRNAME, Cache, code_fingerprint, entry_key
from kg.model import Evidence, Mention, Relation
from kg.pipeline import SAMPLE, build
from kg.rdf import FILES

TEXT = SAMPLE.read_text(encoding="utf-8")
PARAGRAPHS = [p for p in TEXT.split("\n") if p.strip()]


def write_corpus(root: Path, n: int = 3) -> list[Path]:
    """``n`` reports cut from the sample (a few paragraphs each), different from one another."""
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = root / f"r{i}.txt"
        path.write_text("\n".join(PARAGRAPHS[i * 6 : i * 6 + 8]), encoding="utf-8")
        paths.append(path)
    return paths


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in FILES}


def entries(out: Path) -> list[Path]:
    return sorted((out / CACHE_DIRNAME).glob("*/*.pickle"))


def test_second_build_comes_from_the_cache_byte_identical(tmp_path):
    paths = write_corpus(tmp_path / "in")
    first = build(paths, tmp_path / "out", html=False, jobs=1)
    before = outputs(tmp_path / "out")
    second = build(paths, tmp_path / "out", html=False, jobs=1)
    assert (first.cached, second.cached) == (0, 3)
    assert len(entries(tmp_path / "out")) == 3
    assert outputs(tmp_path / "out") == before


@pytest.mark.parametrize("jobs", [1, 2])  # 2: a forked worker analyses the change while the parent loads the rest
def test_changing_one_report_re_extracts_only_it(tmp_path, jobs):
    paths = write_corpus(tmp_path / "in")
    build(paths, tmp_path / "out", html=False, jobs=1)
    paths[1].write_text(paths[1].read_text(encoding="utf-8") + "\n推进临猗黄河大桥及引线建设。", encoding="utf-8")
    seen: list[bool] = []
    rebuilt = build(paths, tmp_path / "out", html=False, jobs=jobs, progress=lambda d, t, cached: seen.append(cached))
    assert rebuilt.cached == 2
    assert seen == [True, True, False]  # hits are reported first, then the one analysed
    # the merged outputs are those of a full build of the changed corpus
    full = build(paths, tmp_path / "full", html=False, jobs=1, cache=False)
    assert full.cached == 0
    assert outputs(tmp_path / "out") == outputs(tmp_path / "full")
    assert "临猗黄河大桥" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    # the stale entry of the old version was pruned
    assert len(entries(tmp_path / "out")) == 3


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_report_rewritten_after_it_was_hashed_is_not_cached_under_its_old_bytes(tmp_path, monkeypatch, jobs):
    """The parent hashes each input for its key and the worker reads it again: a file rewritten in between
    is analysed as it now is, so that analysis must not be stored under the key of the bytes it replaced."""
    import kg.parallel

    paths = write_corpus(tmp_path / "in")
    original = paths[1].read_bytes()
    hashed = kg.parallel._key

    def rewritten_once_hashed(path, *args):
        found = hashed(path, *args)
        if path == paths[1]:
            path.write_text(original.decode("utf-8") + "\n推进临猗黄河大桥及引线建设。", encoding="utf-8")
        return found

    monkeypatch.setattr(kg.parallel, "_key", rewritten_once_hashed)
    build(paths, tmp_path / "out", html=False, jobs=jobs)
    assert "临猗黄河大桥" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")  # read as it now is
    assert len(entries(tmp_path / "out")) == 2  # and not cached: its bytes are not those it was keyed by
    monkeypatch.undo()
    paths[1].write_bytes(original)
    rebuilt = build(paths, tmp_path / "out", html=False, jobs=jobs)
    assert rebuilt.cached == 2
    full = build(paths, tmp_path / "full", html=False, jobs=1, cache=False)
    assert outputs(tmp_path / "out") == outputs(tmp_path / "full")


def test_no_cache_re_extracts_everything_and_refreshes_the_cache(tmp_path):
    paths = write_corpus(tmp_path / "in")
    build(paths, tmp_path / "out", html=False, jobs=1)
    forced = build(paths, tmp_path / "out", html=False, jobs=1, cache=False)
    assert forced.cached == 0
    assert build(paths, tmp_path / "out", html=False, jobs=1).cached == 3


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_damaged_entry_is_a_miss_and_is_replaced(tmp_path, jobs):
    paths = write_corpus(tmp_path / "in", n=2)
    build(paths, tmp_path / "out", html=False, jobs=1)
    before = outputs(tmp_path / "out")
    victim = entries(tmp_path / "out")[0]
    victim.write_bytes(victim.read_bytes()[:50])  # as if cut off (atomic_write prevents this; disks do not)
    again = build(paths, tmp_path / "out", html=False, jobs=jobs)
    assert again.cached == 1
    assert outputs(tmp_path / "out") == before
    pickle.loads(victim.read_bytes())  # rewritten whole


@pytest.mark.parametrize("suffix", [".pickle", kg.cache.PART])
@pytest.mark.parametrize("keep", [0, 20])
def test_an_entry_a_power_cut_left_empty_or_cut_short_is_a_miss(tmp_path, suffix, keep):
    """Entries are not forced to the disk, so a power cut may leave either file of one empty or cut short."""
    paths = write_corpus(tmp_path / "in", n=2)
    build(paths, tmp_path / "out", html=False, jobs=1)
    before = outputs(tmp_path / "out")
    victim = entries(tmp_path / "out")[0].with_suffix(suffix)
    whole = victim.read_bytes()
    victim.write_bytes(whole[:keep])
    again = build(paths, tmp_path / "out", html=False, jobs=1)
    assert again.cached == 1
    assert outputs(tmp_path / "out") == before
    assert victim.read_bytes() == whole  # rewritten


def test_leftover_temporary_files_are_ignored_and_pruned(tmp_path):
    paths = write_corpus(tmp_path / "in", n=1)
    build(paths, tmp_path / "out", html=False, jobs=1)
    entry = entries(tmp_path / "out")[0]
    leftover = entry.with_name(f".{entry.name}.abc123.tmp")  # what an interrupted atomic_write leaves
    leftover.write_bytes(b"half")
    assert build(paths, tmp_path / "out", html=False, jobs=1).cached == 1
    assert not leftover.exists()


def test_a_corpus_moved_elsewhere_keeps_its_entries(tmp_path):
    """Named by absolute paths, a report is recorded by its file name alone: moved, it is still in the cache,
    and what the build says of it names the new path."""
    paths = write_corpus(tmp_path / "in")
    paths[2].write_text("The weather is fine. " * 20, encoding="utf-8")  # nothing found: a warning naming it
    build([p.resolve() for p in paths], tmp_path / "out", html=False, jobs=1)
    (tmp_path / "in").rename(tmp_path / "moved")
    moved = [(tmp_path / "moved" / p.name).resolve() for p in paths]
    again = build(moved, tmp_path / "out", html=False, jobs=2)
    assert again.cached == 3
    build(moved, tmp_path / "full", html=False, cache=False)
    assert outputs(tmp_path / "out") == outputs(tmp_path / "full")
    assert sorted(d.source for d in again.graph.documents.values()) == sorted(map(str, moved))
    assert [w.split(":")[0] for w in again.warnings] == [str(moved[2])]


def test_a_relative_path_is_part_of_the_key_as_the_graph_records_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = [p.relative_to(tmp_path) for p in write_corpus(tmp_path / "in")]
    build(paths, "out", html=False, jobs=1)
    Path("in").rename("moved")
    again = build([Path("moved") / p.name for p in paths], "out", html=False, jobs=1)
    assert again.cached == 0
    assert 'sourcePath "moved/r0.txt"' in Path("out/graph.ttl").read_text(encoding="utf-8")


def test_removed_reports_leave_the_cache(tmp_path):
    paths = write_corpus(tmp_path / "in")
    build(paths, tmp_path / "out", html=False, jobs=1)
    build(paths[:1], tmp_path / "out", html=False, jobs=1)
    assert len(entries(tmp_path / "out")) == 1


def test_overrides_and_code_are_part_of_the_key(tmp_path, monkeypatch):
    raw = SAMPLE.read_bytes()
    base = entry_key(raw, "a.txt")
    assert entry_key(raw, "a.txt") == base
    assert entry_key(raw, "a.txt", digest=hashlib.sha256(raw).digest()) == base  # the content's hash, made once
    assert entry_key(raw + b"\n", "a.txt") != base
    assert entry_key(raw, "b.txt") != base
    assert entry_key(raw, "a.txt", year=2024) != base
    assert entry_key(raw, "a.txt", jurisdiction="运城市") != base
    monkeypatch.setattr(kg.cache, "code_fingerprint", lambda: "another version of the extractors")
    assert entry_key(raw, "a.txt") != base


def test_a_build_with_a_year_override_does_not_reuse_the_plain_entry(tmp_path):
    paths = write_corpus(tmp_path / "in", n=1)
    build(paths, tmp_path / "out", html=False, jobs=1)
    assert build(paths, tmp_path / "out", html=False, jobs=1, year=2030).cached == 0


def test_fingerprint_covers_the_extractor_sources():
    fp = code_fingerprint()
    assert len(fp) == 64
    # the fingerprint hashes files under kg/, among them every extractor module
    sources = {p.relative_to(kg.cache._PACKAGE_ROOT).as_posix() for p in kg.cache._PACKAGE_ROOT.rglob("*.py")}
    assert "extract/places.py" in sources and "pipeline.py" in sources


def test_cache_get_put_round_trip(tmp_path):
    cache = Cache(tmp_path)
    assert cache.get("ab" * 32) is None
    cache.put("ab" * 32, {"mentions": [1, 2, 3]})
    assert Cache(tmp_path).get("ab" * 32) == {"mentions": [1, 2, 3]}
    assert Cache(tmp_path, reuse=False).get("ab" * 32) is None


def test_a_cached_analysis_comes_back_equal_with_its_own_classes():
    # mentions, evidence and relations unpickle through their own __reduce__ (faster than the defaults)
    from kg.pipeline import analyse
    from kg.read import load

    analysis = analyse(load(SAMPLE))
    back = pickle.loads(pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL))
    assert back.mentions == analysis.mentions and back.relations == analysis.relations
    assert {type(m) for m in back.mentions} == {Mention}
    assert {type(r) for r in back.relations} == {Relation}
    evidence = [e for r in back.relations for e in r.evidence]
    assert evidence and {type(e) for e in evidence} == {Evidence}
    assert all(type(r.evidence) is set for r in back.relations)  # merging adds to it
    assert back.mentions[0].attr("adcode", "none") == analysis.mentions[0].attr("adcode", "none")


@pytest.mark.parametrize("n", [2])
def test_cli_rebuild_reports_the_cache_in_its_summary(tmp_path, n):
    from click.testing import CliRunner

    from kg.cli import main

    paths = [str(p) for p in write_corpus(tmp_path / "in", n=n)]
    args = ["build", *paths, "-o", str(tmp_path / "out"), "--jobs", "1"]
    first = CliRunner().invoke(main, args)
    second = CliRunner().invoke(main, args)
    forced = CliRunner().invoke(main, [*args, "--no-cache"])
    assert first.exit_code == second.exit_code == forced.exit_code == 0, first.output
    assert first.stderr.splitlines()[-1].startswith(f"built {n} documents: ")
    assert second.stderr.splitlines()[-1].startswith(f"built {n} documents ({n} from cache): ")
    assert "from cache" not in forced.stderr
