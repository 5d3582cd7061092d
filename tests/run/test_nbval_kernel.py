"""Tests for analysis.run.nbval_kernel: notebooks share nbval's kernel but not their names."""

import re
import subprocess
import sys

from analysis.config import PROJECT_DIR
from analysis.run.kernel import KERNEL_NAME


def _notebook(path, *cells):
    """Write a notebook of ``(source, printed)`` code cells, as an executed copy would hold them."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    for count, (source, printed) in enumerate(cells, start=1):
        cell = nbformat.v4.new_code_cell(source, execution_count=count)
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed)]
        notebook.cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


def test_a_name_from_an_earlier_notebook_is_unknown_and_each_runs_in_its_folder(tmp_path):
    _notebook(tmp_path / "a" / "01_defines.ipynb", ("x = 41\nprint(x + 1)", "42\n"))
    _notebook(
        tmp_path / "b" / "02_uses.ipynb",
        ("import os\nprint(os.path.basename(os.getcwd()))", "b\n"),
        ("print(x)", "41\n"),
    )
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        + ["-p", "analysis.run.nbval_kernel", "-p", "nbval", "--nbval"]
        + ["--nbval-kernel-name", KERNEL_NAME, "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "1 failed, 2 passed" in run.stdout, run.stdout[-2000:]
    assert re.search(r"FAILED \S*b/02_uses\.ipynb::Cell 1", run.stdout)
    assert "NameError" in run.stdout
