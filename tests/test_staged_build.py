"""A build step replaces its outputs only when it all succeeded (analysis.files.staged_writes).

A failing document, a failing cell or an exception part-way through a step must leave every
previous output byte for byte as it was and create no folder; a step that succeeds moves all its
outputs into place, and steps running side by side keep each other's registry rows.
"""

import json
import os
import shutil

import pytest

from analysis.config import NOTEBOOKS_DIR, PROCESSED_DATA_DIR, REPORTS_DIR
from analysis.contract.errors import InputError
from analysis.files import STAGING_ENV, read_csv, staged_writes, write_csv, write_text_atomic
from analysis.present.export import merge_staged_registry, update_registry
from analysis.run.notebooks import UNCHANGED, main, run_in_process

#: Notebook runs through papermill and a kernel (seconds each).
pytestmark = pytest.mark.slow


def test_a_block_that_fails_writes_nothing_and_creates_no_folder(tmp_path):
    old = write_text_atomic("before\n", tmp_path / "old.txt")
    with pytest.raises(RuntimeError), staged_writes():
        write_text_atomic("after\n", old)
        write_text_atomic("new\n", tmp_path / "new" / "file.txt")
        assert old.read_text() == "before\n"  # nothing reaches the target inside the block
        raise RuntimeError("a later write fails")
    assert old.read_text() == "before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.txt"]


def test_a_block_that_succeeds_moves_every_write_into_place_and_reads_its_own(tmp_path):
    table = tmp_path / "tables" / "t.csv"
    with staged_writes() as stage:
        frame = read_csv(write_csv(read_csv(_csv(tmp_path)), table))  # read back while staged
        assert not table.parent.exists()
        with staged_writes() as inner:  # a nested block joins the open stage
            write_text_atomic("x\n", tmp_path / "x.txt")
        assert inner == stage
        assert not (tmp_path / "x.txt").exists()
    assert list(frame["a"]) == [1, 2]
    assert table.read_text() == "a\n1\n2\n" and (tmp_path / "x.txt").read_text() == "x\n"
    assert not stage.exists()


def _csv(folder):
    path = folder / "in.csv"
    path.write_text("a\n1\n2\n")
    return path


def test_a_failing_document_leaves_every_output_byte_identical(
    report_without_judgements, tmp_path, snapshot
):
    """A report registered as an inspection report whose judgements cannot be read."""
    raw_copy = report_without_judgements
    processed, reports = tmp_path / "processed", tmp_path / "reports"
    shutil.copytree(PROCESSED_DATA_DIR, processed)
    shutil.copytree(REPORTS_DIR / "tables", reports / "tables")
    before = snapshot(tmp_path)
    parameters = {
        "raw_dir": str(raw_copy),
        "processed_dir": str(processed),
        "reports_dir": str(reports),
    }
    for notebook in ("00_sources", "01_inspection_findings"):  # make runs both side by side
        extra = {"interim_dir": str(tmp_path / "interim")} if notebook == "00_sources" else {}
        message = "registered as an inspection report but no"
        with pytest.raises(InputError, match=message), staged_writes():
            run_in_process(NOTEBOOKS_DIR / f"{notebook}.ipynb", {**parameters, **extra})
    assert snapshot(tmp_path) == before


def test_steps_side_by_side_keep_each_others_registry_rows(tmp_path):
    registry = tmp_path / "tables.csv"
    update_registry(registry, [{"table_id": "a"}], "00_a", "table_id")

    def merge(target, staged):
        return merge_staged_registry(target, staged, "03_c")

    with staged_writes(merge) as stage:
        update_registry(registry, [{"table_id": "c"}], "03_c", "table_id")
        del os.environ[STAGING_ENV]  # another notebook commits its rows meanwhile
        update_registry(registry, [{"table_id": "b"}], "02_b", "table_id")
        os.environ[STAGING_ENV] = str(stage)
    assert list(read_csv(registry)["table_id"]) == ["a", "b", "c"]
    assert not merge_staged_registry(tmp_path / "other.csv", registry, "03_c")


def test_a_failed_notebook_run_changes_nothing_and_says_so_in_one_line(tmp_path, capsys, snapshot):
    """Through papermill: the kernel's writes are staged too; the run that succeeds commits."""
    import nbformat

    notebook = tmp_path / "step.ipynb"
    cells = [
        nbformat.v4.new_code_cell('out = ""\nfail = True', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(
            "from pathlib import Path\n"
            "from analysis.files import write_text_atomic\n"
            'write_text_atomic("new\\n", Path(out) / "new" / "file.txt")\n'
            'write_text_atomic("after\\n", Path(out) / "old.txt")'
        ),
        nbformat.v4.new_code_cell('if fail:\n    raise RuntimeError("a later cell fails")'),
    ]
    kernelspec = json.loads((NOTEBOOKS_DIR / "00_sources.ipynb").read_text())["metadata"]
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=kernelspec), notebook)
    out = tmp_path / "out"
    write_text_atomic("before\n", out / "old.txt")
    folders = ["--executed", str(tmp_path / "executed"), "--html", str(tmp_path / "html")]
    argv = [str(notebook), *folders, "-p", "out", str(out)]
    before = snapshot(tmp_path)

    assert main(argv) == 1
    message = capsys.readouterr().err.strip()
    assert "\n" not in message and "a later cell fails" in message
    assert message.endswith(UNCHANGED)
    assert snapshot(tmp_path) == before

    assert main([*argv, "-p", "fail", "false"]) == 0
    assert (out / "old.txt").read_text() == "after\n"
    assert (out / "new" / "file.txt").read_text() == "new\n"
    assert (tmp_path / "executed" / "step.ipynb").is_file()
    assert (tmp_path / "html" / "step.html").is_file()
