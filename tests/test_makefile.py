"""The Makefile rebuilds what a change makes stale, and only that (checked with `make -q`)."""

import os
import shutil
import subprocess
import time

import pytest

from analysis.config import PROJECT_DIR


@pytest.fixture
def scratch(tmp_path):
    """A copy of the project's build inputs and outputs: inputs dated before outputs."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    for name in ("Makefile", "requirements.txt", "pyproject.toml", "package.json"):
        shutil.copy(PROJECT_DIR / name, tmp_path / name)
    for folder in ("data/raw", "data/labels", "notebooks", "data/processed", "reports", "docs"):
        shutil.copytree(PROJECT_DIR / folder, tmp_path / folder)
    (tmp_path / "analysis").symlink_to(PROJECT_DIR / "analysis")
    (tmp_path / ".venv").symlink_to(PROJECT_DIR / ".venv")
    subprocess.run(["make", "-q", "data"], cwd=tmp_path, capture_output=True)  # writes the lists
    # Outputs are dated now: newer than every input, the package (linked, not copied) included.
    inputs, outputs = 1_000_000_000, time.time()  # inputs dated 2001
    for path in tmp_path.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        stamp = outputs if path.parts[len(tmp_path.parts)] in ("reports", "docs") else inputs
        if "processed" in path.parts:
            stamp = outputs
        os.utime(path, (stamp, stamp))
    return tmp_path


def _up_to_date(root) -> bool:
    return subprocess.run(["make", "-q", "data"], cwd=root, capture_output=True).returncode == 0


def test_removing_a_raw_file_makes_the_processed_tables_stale(scratch):
    assert _up_to_date(scratch)
    (scratch / "data" / "raw" / "2018-06_ofsted_monitoring-visit-letter.txt").unlink()
    assert not _up_to_date(scratch)


def test_editing_the_registry_makes_the_processed_tables_stale(scratch):
    assert _up_to_date(scratch)
    registry = scratch / "data" / "raw" / "sources.csv"
    later = time.time() + 5
    os.utime(registry, (later, later))
    assert not _up_to_date(scratch)
