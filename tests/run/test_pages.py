"""Rendering executed notebooks to pages: several in one call, all of them or none; outputs shown
as text, never as markup; alt text and stylesheets kept."""

import nbformat
import pandas as pd

from analysis.config import NOTEBOOKS_DIR
from analysis.files import write_text_atomic
from analysis.run import notebooks, pages
from analysis.run.deps import main as deps_main
from analysis.run.pages import render_html

HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


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


def test_rendered_notebook_escapes_outputs_and_loads_no_scripts(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    frame_html = pd.DataFrame({"text": [HOSTILE]}).to_html()
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text=HOSTILE),
        nbformat.v4.new_output("execute_result", data={"text/html": frame_html}, execution_count=1),
    ]
    nb.cells = [cell]
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    html = render_html(path, tmp_path / "nb.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "onerror=alert(1)>" not in html
    assert "<script src=" not in html


def test_rendered_notebook_keeps_chart_alt_text(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"image/png": "iVBORw0KGgo="},
            metadata={"image/png": {"alt": "Bar chart of grades by year."}},
        )
    ]
    nb.cells = [cell]
    nbformat.write(nb, tmp_path / "nb.ipynb")
    html = render_html(tmp_path / "nb.ipynb", tmp_path / "nb.html").read_text(encoding="utf-8")
    assert 'alt="Bar chart of grades by year."' in html
    assert "No description has been provided" not in html


def test_rendered_notebooks_share_one_copy_of_the_stylesheets(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Title")]
    nbformat.write(nb, tmp_path / "a.ipynb")
    html = render_html(tmp_path / "a.ipynb", tmp_path / "out" / "a.html").read_text()
    links = [f for f in (tmp_path / "out").iterdir() if f.suffix == ".css"]
    assert links and all(f'href="{f.name}"' in html for f in links)
    assert len(html) < 50_000  # the lab CSS is linked, not inlined
