"""Checks on the numbered notebooks (stored clean, parameterised, logic in the package) and on
how they are executed."""

import ast
import json
import re
import shutil

import pytest

from analysis.config import NOTEBOOKS_DIR
from analysis.run.notebooks import declared_parameters, main

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
REQUIRED_PARAMETERS = {"raw_dir", "processed_dir", "reports_dir", "years", "local_authority"}


def _cells(path):
    return json.loads(path.read_text())["cells"]


def test_there_are_numbered_notebooks():
    assert NOTEBOOKS
    numbers = [nb.name[:2] for nb in NOTEBOOKS]
    assert numbers == [f"{i:02d}" for i in range(len(NOTEBOOKS))]
    assert all(re.fullmatch(r"\d\d_[a-z_]+\.ipynb", nb.name) for nb in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    for cell in _cells(path):
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"{path.name}: a cell is stored with outputs"
            assert cell.get("execution_count") is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_declares_the_common_parameters_first(path):
    code_cells = [c for c in _cells(path) if c["cell_type"] == "code"]
    assert "parameters" in code_cells[0].get("metadata", {}).get("tags", [])
    assert set(declared_parameters(path)) >= REQUIRED_PARAMETERS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_defines_no_functions_or_classes(path):
    for cell in _cells(path):
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse("".join(cell["source"]))
        defined = [
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Lambda)
        ]
        assert not defined, f"{path.name}: logic belongs in the analysis package"


def test_a_print_sent_in_pieces_is_one_output(tmp_path):
    """The kernel may split one print into several messages; executed output must not vary."""
    import nbformat

    from analysis.run.notebooks import execute

    notebook = tmp_path / "pieces.ipynb"
    parameters = nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]})
    pieces = nbformat.v4.new_code_cell(
        "import sys, time\n"
        "for piece in ('a', 'b', 'c\\n'):\n"
        "    sys.stdout.write(piece)\n"
        "    sys.stdout.flush()\n"
        "    time.sleep(0.05)"
    )
    kernelspec = json.loads(NOTEBOOKS[0].read_text())["metadata"]["kernelspec"]
    nbformat.write(
        nbformat.v4.new_notebook(cells=[parameters, pieces], metadata={"kernelspec": kernelspec}),
        notebook,
    )
    executed = execute(notebook, tmp_path / "out" / "pieces.ipynb", {})
    outputs = nbformat.read(executed, as_version=4).cells[1].outputs
    assert [(o["output_type"], o["text"]) for o in outputs] == [("stream", "abc\n")]


def test_the_runner_shuts_a_kernel_down_without_interrupting_it():
    """No SIGINT at shutdown (ipykernel may log it as an error); any other interrupt goes on."""
    import asyncio

    from analysis.run.notebooks import quiet_shutdown_manager

    manager = quiet_shutdown_manager()(kernel_name="python3")
    signals = []

    async def record(signum):
        signals.append(signum)

    manager._async_signal_kernel = record
    manager.shutting_down = True
    asyncio.run(manager._async_interrupt_kernel())
    assert signals == []
    manager.shutting_down = False
    with pytest.raises(RuntimeError, match="No kernel is running"):
        asyncio.run(manager._async_interrupt_kernel())


def test_bad_registry_stops_a_notebook_and_keeps_earlier_outputs(raw_copy, tmp_path, capsys):
    """Bad input found inside the kernel: one line naming the notebook and the file, no output."""
    processed = tmp_path / "processed"
    processed.mkdir()
    (processed / "sources.csv").write_text("earlier output\n")
    (raw_copy / "2018-06_ofsted_monitoring-visit-letter.txt").write_text("altered\n")
    params = [
        ["raw_dir", str(raw_copy)],
        ["processed_dir", str(processed)],
        ["reports_dir", str(tmp_path / "reports")],
    ]
    argv = [str(NOTEBOOKS_DIR / "00_sources.ipynb"), "--executed", str(tmp_path / "x")]
    argv += ["--html", str(tmp_path / "h")] + [a for p in params for a in ("-p", *p)]
    assert main(argv) == 2
    message = capsys.readouterr().err
    assert message.startswith("error: 00_sources.ipynb: ")
    assert "monitoring-visit-letter.txt: checksum differs" in message
    assert "Traceback" not in message
    assert (processed / "sources.csv").read_text() == "earlier output\n"
    assert not (tmp_path / "h").exists() or not list((tmp_path / "h").iterdir())
    shutil.rmtree(tmp_path / "x", ignore_errors=True)
