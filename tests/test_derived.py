"""kg.derived: what is built from installed packages is kept between processes, never stale or fatal."""

from __future__ import annotations

import os
import stat

import pytest

from kg import derived, gazetteer
from kg.cache import code_fingerprint
from kg.extract import grammar, places


@pytest.fixture
def kept_dir(tmp_path, monkeypatch):
    root = tmp_path / "kept"
    monkeypatch.setenv(derived.CACHE_ENV, str(root))
    return root


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_built_once_then_read_back(kept_dir):
    build, calls = _counting({"words": frozenset({"振兴", "合作"})})
    assert derived.kept("probe", build) == {"words": frozenset({"振兴", "合作"})}
    assert derived.kept("probe", build) == {"words": frozenset({"振兴", "合作"})}
    assert len(calls) == 1
    assert (kept_dir / f"probe-{code_fingerprint()[:16]}.pickle").is_file()
    assert stat.S_IMODE(kept_dir.stat().st_mode) == 0o700  # a pickle is code: private to the user


def test_damaged_file_is_built_again_and_replaced(kept_dir):
    build, calls = _counting([1, 2, 3])
    derived.kept("probe", build)
    (path,) = kept_dir.glob("probe-*.pickle")
    path.write_bytes(b"\x80\x05not a pickle")
    assert derived.kept("probe", build) == [1, 2, 3]
    assert derived.kept("probe", build) == [1, 2, 3]
    assert len(calls) == 2


def test_only_the_newest_files_of_a_name_are_kept(kept_dir):
    kept_dir.mkdir()
    olds = [kept_dir / f"probe-{i:016x}.pickle" for i in range(derived.KEEP)]
    for age, old in enumerate(olds):
        old.write_bytes(b"old")
        os.utime(old, (1_000_000 - age, 1_000_000 - age))  # olds[0] the newest of them
    other = kept_dir / "other-0000000000000000.pickle"
    other.write_bytes(b"other")
    derived.kept("probe", lambda: "new")
    assert [old.exists() for old in olds] == [True] * (derived.KEEP - 1) + [False]
    assert other.exists() and len(list(kept_dir.glob("probe-*.pickle"))) == derived.KEEP


def test_unwritable_directory_still_gives_the_value(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(derived.CACHE_ENV, str(blocker / "kept"))
    build, calls = _counting("value")
    assert derived.kept("probe", build) == "value"
    assert derived.kept("probe", build) == "value"
    assert len(calls) == 2


def test_no_home_directory_keeps_nothing(monkeypatch):
    monkeypatch.delenv(derived.CACHE_ENV)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(derived.Path, "home", staticmethod(no_home))
    build, calls = _counting("value")
    assert derived.kept("probe", build) == "value" and derived.kept("probe", build) == "value"
    assert len(calls) == 2


def test_default_directory_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv(derived.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert derived.cache_dir() == tmp_path / "govkg"


def test_kept_lists_equal_what_jieba_and_the_tables_give(kept_dir, monkeypatch):
    for cached in (places._dictionary, grammar.adverbials, gazetteer._load):
        cached.cache_clear()
    fresh = places._read_dictionary(), grammar._read_adverbials(), gazetteer._build()
    places._dictionary(), grammar.adverbials(), gazetteer._load()  # stores them
    for cached in (places._dictionary, grammar.adverbials, gazetteer._load):
        cached.cache_clear()

    # a later process reads them back without touching jieba's dictionary or the tables
    def unread(*_):
        raise AssertionError("read again")

    monkeypatch.setattr(places, "_read_dictionary", unread)
    monkeypatch.setattr(grammar, "_read_adverbials", unread)
    monkeypatch.setattr(gazetteer, "load_divisions", unread)
    try:
        assert places._dictionary() == fresh[0] and fresh[0][0] and fresh[0][1]
        assert grammar.adverbials() == fresh[1] and fresh[1]
        again = gazetteer._load()
        assert list(again) == list(fresh[2]) and again._words == fresh[2]._words and again._words
        assert again.get("140827").name == "垣曲县"
    finally:
        for cached in (places._dictionary, grammar.adverbials, gazetteer._load):
            cached.cache_clear()
