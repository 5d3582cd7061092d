"""The environment files agree: requirements.in is the source, requirements.txt its lock."""

import importlib.metadata
import re
import subprocess
import sys
import tomllib

import pytest
import yaml

from analysis.config import PROJECT_DIR

#: pip runs as a subprocess (seconds).
pytestmark = pytest.mark.slow


def _names(lines):
    return {
        re.split(r"[=<>~!; \[]", line.strip(), maxsplit=1)[0].lower().replace("_", "-")
        for line in lines
        if line.strip() and not line.lstrip().startswith(("#", "-"))
    }


def test_every_top_level_package_is_pinned_in_the_lock():
    wanted = _names((PROJECT_DIR / "requirements.in").read_text().splitlines())
    lock = (PROJECT_DIR / "requirements.txt").read_text().splitlines()
    pinned = {
        line.split("==")[0].strip().lower().replace("_", "-")
        for line in lock
        if "==" in line and not line.startswith("#")
    }
    assert wanted, "requirements.in lists no packages"
    assert wanted <= pinned, f"not in the lock: {sorted(wanted - pinned)}"
    unpinned = [line for line in lock if line and line[0].isalpha() and "==" not in line]
    assert not unpinned


def _pip_entries(env: dict) -> list[str]:
    return next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))


def test_environment_yml_installs_the_lock_and_the_package_on_the_same_python():
    env = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"] and "pip" in env["dependencies"]
    assert _pip_entries(env) == ["-r requirements.txt", "-e ."]
    pyproject = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())
    assert pyproject["project"]["requires-python"] == ">=3.11"
    # `-e .` from the yml's folder is the project that provides the package.
    assert pyproject["project"]["name"] == importlib.metadata.distribution("analysis").name
    assert pyproject["tool"]["setuptools"]["packages"]["find"]["include"] == ["analysis*"]


def test_pip_accepts_the_yml_pip_entries_as_conda_hands_them_over(tmp_path):
    """Conda writes the pip entries to a requirements file in the yml's folder and runs pip there.

    The same file, run by pip from the same folder (offline: every pin must already be satisfied
    by this environment, which was synced from the lock): the nested ``-r`` resolves, every line
    parses, and the lock's pins install nothing new. The editable entry is checked above (pip
    would build it, which needs the build backend from the network).
    """
    env = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text())
    entries = [e for e in _pip_entries(env) if not e.startswith("-e ")]
    requirements = PROJECT_DIR / f"condaenv.{tmp_path.name}.requirements.txt"
    requirements.write_text("\n".join(entries) + "\n")
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--dry-run",
                "--no-deps",
                "--no-index",
                "--disable-pip-version-check",
                "-r",
                requirements.name,
            ],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        requirements.unlink()
    assert result.returncode == 0, result.stderr
    assert "Would install" not in result.stdout, result.stdout
    assert "Requirement already satisfied: pandas==" in result.stdout


def test_lock_was_compiled_from_requirements_in():
    header = (PROJECT_DIR / "requirements.txt").read_text()[:400]
    assert "uv pip compile" in header and "requirements.in" in header and "--universal" in header
