"""The measured figures in the docs are what the measuring scripts give, and the README quotes
them without typing a number of its own."""

import importlib.util
import re
from pathlib import Path

import pytest

from analysis.config import CORPUS_DIR

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = CORPUS_DIR
_FIGURE = re.compile(r"\d+(?:\.\d+)?%|\d+/\d+|\b\d+\.\d+\b")


def _accuracy_script():
    spec = importlib.util.spec_from_file_location("accuracy", PROJECT / "scripts" / "accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def test_accuracy_page_is_what_make_accuracy_writes():
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent: the page measures the corpus too")
    written = (PROJECT / "docs" / "accuracy.md").read_text(encoding="utf-8")
    assert _accuracy_script().render() == written, "run `make accuracy` and commit docs/accuracy.md"


def test_readme_figures_come_from_the_measured_pages():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    measured = _section(readme, "## Measured", "`make bench` itself took")
    sources = "".join(
        (PROJECT / "docs" / name).read_text(encoding="utf-8")
        for name in ("accuracy.md", "benchmark.md")
    )
    # Tables and bullet lists carry the measurements; the prose around them names targets.
    rows = [line for line in measured.splitlines() if line.startswith(("|", "- "))]
    quoted = set(_FIGURE.findall("\n".join(rows)))
    missing = sorted(f for f in quoted if f not in sources)
    assert quoted and not missing, (
        f"README figures not in docs/accuracy.md or benchmark.md: {missing}"
    )


def test_readme_names_every_parameter_of_every_notebook():
    from analysis.run.notebooks import declared_parameters

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = _section(readme, "## Exploring in JupyterLab", "## Adding a document")
    missing = {
        notebook.stem: sorted(n for n in declared_parameters(notebook) if f"`{n}`" not in section)
        for notebook in sorted((PROJECT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    }
    assert not any(missing.values()), missing
