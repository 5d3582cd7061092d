"""Shared fixtures: the project's folders, ../shared when present, and scratch registries."""

import shutil
from pathlib import Path

import pytest

from analysis.config import CORPUS_DIR, RAW_DATA_DIR


@pytest.fixture
def shared_corpus() -> Path:
    """The other authorities' reports in ../shared/corpus; skips when absent."""
    if not (CORPUS_DIR / "EXPECTED.csv").is_file():
        pytest.skip(f"{CORPUS_DIR} is absent: the corpus tests need ../shared beside the project")
    return CORPUS_DIR


@pytest.fixture
def raw_copy(tmp_path) -> Path:
    """A scratch copy of data/raw that a test may break."""
    target = tmp_path / "raw"
    shutil.copytree(RAW_DATA_DIR, target)
    return target
