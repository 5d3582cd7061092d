"""The environment files agree: requirements.in is the source, requirements.txt its lock."""

import re

import yaml

from analysis.config import PROJECT_DIR


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


def test_environment_yml_installs_the_lock_on_the_same_python():
    env = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text())
    deps = env["dependencies"]
    assert "python=3.11" in deps
    pip_entries = next(d["pip"] for d in deps if isinstance(d, dict))
    assert pip_entries == ["-r requirements.txt"]
    pyproject = (PROJECT_DIR / "pyproject.toml").read_text()
    assert 'requires-python = ">=3.11"' in pyproject


def test_lock_was_compiled_from_requirements_in():
    header = (PROJECT_DIR / "requirements.txt").read_text()[:400]
    assert "uv pip compile" in header and "requirements.in" in header and "--universal" in header
