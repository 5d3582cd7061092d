"""Shared fixtures: the project's folders, ../shared when present, scratch registries, and
snapshots of folders."""

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from analysis.config import CORPUS_DIR, RAW_DATA_DIR
from analysis.run import skip_iri_grammar

# Before any test module imports nbformat (conftest is read first).
skip_iri_grammar()


@pytest.fixture
def shared_corpus() -> Path:
    """The other authorities' reports in ../shared/corpus; skips when absent."""
    if not (CORPUS_DIR / "EXPECTED.csv").is_file():
        pytest.skip(f"{CORPUS_DIR} is absent: the corpus tests need ../shared beside the project")
    return CORPUS_DIR


def _tree(*folders) -> dict:
    """Every file and folder under ``folders``: path to its SHA-256 (folders to None)."""
    return {
        path: hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
        for folder in folders
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture
def snapshot():
    """A function of folders, for "nothing was written" checks: every file and folder under
    them, path to its SHA-256 (folders to None)."""
    return _tree


@pytest.fixture
def raw_copy(tmp_path) -> Path:
    """A scratch copy of data/raw that a test may break."""
    target = tmp_path / "raw"
    shutil.copytree(RAW_DATA_DIR, target)
    return target


#: The registered document the scratch-registry tests break.
LETTER = "2018-06_ofsted_monitoring-visit-letter.txt"


@pytest.fixture
def report_without_judgements(raw_copy) -> Path:
    """A scratch data/raw where the letter is registered as an inspection report with no grades.

    Its text has no structure at all, and its checksum is registered, so reading it succeeds
    and parsing its judgements fails.
    """
    data = b"Minutes of a meeting about parking.\n\nNothing else.\n"
    (raw_copy / LETTER).write_bytes(data)
    path = raw_copy / "sources.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["file"] == LETTER:
            row.update(document_type="inspection_report", sha256=hashlib.sha256(data).hexdigest())
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return raw_copy
