"""Fixtures shared by the test modules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.pipeline import SAMPLE, BuildResult, build
from kg.read import load

DATA = Path(__file__).parent / "data"
SAMPLE_GOLD = DATA / "yuncheng-2023-summary.json"


@pytest.fixture(scope="session")
def sample_doc():
    """The bundled 运城 2023 report, parsed."""
    return load(SAMPLE)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> BuildResult:
    """The bundled sample built once into a temporary output directory."""
    out = tmp_path_factory.mktemp("sample-build")
    return build([SAMPLE], out)


@pytest.fixture(scope="session")
def sample_gold() -> dict:
    return json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
