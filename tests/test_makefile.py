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


def _make_environment(extra: dict) -> tuple[str, str]:
    """The Python and environment stamp the Makefile chose, and what `make -n env` would run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONDA")} | extra
    show = "show-env: ; @echo $(PY) $(ENV_STAMP)"
    chosen = subprocess.run(
        ["make", "-s", "--no-print-directory", "--eval", show, "show-env"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    dry_run = subprocess.run(
        ["make", "-n", "--no-print-directory", "env"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return chosen, dry_run


def test_an_active_conda_environment_is_used_instead_of_building_a_venv(tmp_path):
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    prefix = tmp_path / "envs" / "birmingham-childrens-services"
    conda = {"CONDA_PREFIX": str(prefix), "CONDA_DEFAULT_ENV": prefix.name}
    chosen, dry_run = _make_environment(conda)
    assert chosen.split()[0] == f"{prefix}/bin/python"
    assert f"{prefix}/bin/python -m analysis.run.kernel" in dry_run  # registers its kernel
    assert ".venv" not in chosen + dry_run and "-m venv" not in dry_run
    # Asked otherwise, or only conda's base environment active: .venv as before.
    for extra in ({**conda, "ENV_KIND": "venv"}, {**conda, "CONDA_DEFAULT_ENV": "base"}, {}):
        assert _make_environment(extra)[0].split() == [".venv/bin/python", ".venv/.installed"]


def test_editing_the_page_template_re_renders_the_pages_and_runs_no_notebook(scratch):
    template = scratch / "analysis" / "present" / "templates" / "report_notebook" / "index.html.j2"
    dry_run = subprocess.run(
        ["make", "-n", "reports", "-W", str(template.relative_to(scratch))],
        cwd=scratch,
        capture_output=True,
        text=True,
    ).stdout
    assert "analysis.run.pages" in dry_run
    assert "analysis.run.notebooks" in dry_run  # the report, which renders its own page
    assert dry_run.count("analysis.run.notebooks") == 1 and "06_report" in dry_run
    assert _up_to_date(scratch)
