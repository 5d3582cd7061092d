"""The committed executed notebooks: current with their notebooks, rendered to the committed HTML,
free of run records; and the reference copy nbval runs refuses a stale one."""

import json

import nbformat
import pytest

from analysis.config import NOTEBOOKS_DIR, REPORTS_DIR
from analysis.contract.errors import InputError
from analysis.run.deps import code_cells
from analysis.run.notebooks import without_run_record
from analysis.run.pages import render_html
from analysis.run.reference import main, reference_copy

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
RENDERED = REPORTS_DIR / "notebooks"


def _notebook(path, *sources):
    cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_committed_executed_copy_runs_the_notebooks_code(notebook):
    assert code_cells(RENDERED / notebook.name) == code_cells(notebook)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_committed_page_is_its_executed_copy_rendered(notebook, tmp_path):
    page = render_html(RENDERED / notebook.name, tmp_path / f"{notebook.stem}.html")
    assert page.read_bytes() == (RENDERED / page.name).read_bytes()
    for stylesheet in tmp_path.glob("*.css"):
        assert stylesheet.read_bytes() == (RENDERED / stylesheet.name).read_bytes()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_executed_copies_hold_no_times_or_paths(notebook):
    text = (RENDERED / notebook.name).read_text(encoding="utf-8")
    for recorded in ("start_time", "end_time", "duration", "iopub.", "output_path", "/tmp/"):
        assert recorded not in text, f"{notebook.name}: {recorded}"


def test_the_run_record_is_dropped_and_the_parameters_kept():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    nb.cells[0].metadata.update(
        {"tags": ["parameters"], "execution": {"iopub.status.busy": "t"}, "papermill": {"d": 1}}
    )
    nb.metadata["papermill"] = {"parameters": {"x": 2}, "start_time": "t", "output_path": "/tmp/x"}
    without_run_record(nb)
    assert nb.cells[0].metadata == {"tags": ["parameters"]}
    assert nb.metadata["papermill"] == {"parameters": {"x": 2}}


def test_a_current_copy_is_copied_byte_for_byte(tmp_path):
    notebook = _notebook(tmp_path / "nb.ipynb", "x = 1", "print(x)")
    executed = _notebook(tmp_path / "run.ipynb", "x = 1", "print(x)")
    copied = reference_copy(notebook, executed, tmp_path / "nbval" / "nb.ipynb")
    assert copied.read_bytes() == executed.read_bytes()


def test_a_copy_run_from_older_code_is_refused_naming_the_cell(tmp_path):
    notebook = _notebook(tmp_path / "nb.ipynb", "x = 1", "print(x + 1)")
    executed = _notebook(tmp_path / "run.ipynb", "x = 1", "print(x)")
    with pytest.raises(InputError, match=r"run\.ipynb: was run from an older .*code cell 2"):
        reference_copy(notebook, executed, tmp_path / "nbval" / "nb.ipynb")
    assert not (tmp_path / "nbval").exists()


def test_a_missing_copy_is_refused_in_one_line(tmp_path, capsys):
    notebook = _notebook(tmp_path / "nb.ipynb", "x = 1")
    args = [str(notebook), "--executed", str(tmp_path / "none"), "--into", str(tmp_path / "o")]
    assert main(args) == 2
    message = capsys.readouterr().err
    assert message.count("\n") == 1 and "missing; run `make reports`" in message


def test_the_executed_copies_are_notebooks_nbval_can_read():
    for notebook in NOTEBOOKS:
        executed = json.loads((RENDERED / notebook.name).read_text(encoding="utf-8"))
        code = [c for c in executed["cells"] if c["cell_type"] == "code"]
        assert all(c["execution_count"] for c in code), notebook.name
