"""Rendering executed notebooks to pages: several in one call, all of them or none."""

import nbformat

from analysis.config import NOTEBOOKS_DIR
from analysis.files import write_text_atomic
from analysis.run import notebooks, pages
from analysis.run.deps import main as deps_main


def _executed(path, text):
    cell = nbformat.v4.new_code_cell("print(text)", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text + "\n")]
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
    return path


def test_one_call_renders_every_page_named_with_its_stylesheets(tmp_path):
    first, second = _executed(tmp_path / "a.ipynb", "first"), _executed(tmp_path / "b.ipynb", "2nd")
    assert pages.main([str(first), str(second), "--html", str(tmp_path / "html")]) == 0
    written = sorted(p.name for p in (tmp_path / "html").iterdir())
    assert "a.html" in written and "b.html" in written
    assert any(name.startswith(pages.STYLESHEET_PREFIX) for name in written)
    assert "first" in (tmp_path / "html" / "a.html").read_text(encoding="utf-8")


def test_a_missing_or_unreadable_notebook_changes_no_page_and_is_named(tmp_path, capsys, snapshot):
    good = _executed(tmp_path / "a.ipynb", "first")
    html = tmp_path / "html"
    assert pages.main([str(good), "--html", str(html)]) == 0
    before = snapshot(html)
    _executed(tmp_path / "a.ipynb", "changed")
    broken = tmp_path / "b.ipynb"
    broken.write_text("not a notebook", encoding="utf-8")

    for bad in (broken, tmp_path / "missing.ipynb"):
        assert pages.main([str(good), str(bad), "--html", str(html)]) == 2
        message = capsys.readouterr().err.strip()
        assert "\n" not in message and str(bad) in message
        assert message.endswith("no page was changed")
        assert snapshot(html) == before


def test_a_run_without_a_page_folder_renders_nothing(tmp_path, monkeypatch):
    """``make`` runs the notebooks without ``--html`` and renders their pages in one call."""
    notebook = _executed(tmp_path / "nb.ipynb", "out")

    def execute(notebook, executed, parameters, kernel):  # papermill's run, without a kernel
        return write_text_atomic(nbformat.writes(nbformat.read(notebook, 4)), executed)

    exporters = []
    monkeypatch.setattr(notebooks, "execute", execute)
    monkeypatch.setattr(notebooks, "ready_exporter", lambda: exporters.append("made"))
    result = notebooks.run_step(notebook, tmp_path / "executed", None, {})
    assert result == tmp_path / "executed" / "nb.ipynb" and result.is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["executed", "nb.ipynb"]
    assert [p.name for p in (tmp_path / "executed").iterdir()] == ["nb.ipynb"]
    assert not exporters, "the exporter was made for no page"


def test_pages_depend_on_the_renderer_and_notebooks_do_not(capsys):
    """A change to the page template re-renders the pages and runs no notebook again."""
    assert deps_main([str(NOTEBOOKS_DIR / "00_sources.ipynb")]) == 0
    lines = dict(line.split(" := ") for line in capsys.readouterr().out.strip().splitlines())
    pages_deps, run_deps = lines["PAGE_DEPS"].split(), lines["NB_DEPS_00_sources"].split()
    template = "analysis/present/templates/report_notebook/index.html.j2"
    assert {"analysis/run/pages.py", template} <= set(pages_deps)
    assert "analysis/present/charts.py" not in pages_deps
    assert "analysis/present/templates/index.html.j2" not in pages_deps
    assert "analysis/run/notebooks.py" in run_deps
    assert not {"analysis/run/pages.py", template} & set(run_deps)
