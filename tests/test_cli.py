import contextlib
import csv
import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import pytest

from analysis.cli import JUDGEMENT_COLUMNS, main
from analysis.config import CORPUS_DIR

PROJECT_DIR = Path(__file__).resolve().parents[1]
HEADER = "file,area_key,area,grade,grade_score"

ILACS_TABLE = (
    "Judgement\tGrade\n"
    "The impact of leaders on social work practice with children and families\tGood\n"
    "Overall effectiveness\tRequires improvement to be good\n"
)


class Result(NamedTuple):
    """What a run of the command line gave: its exit status and what it printed."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args, cwd=PROJECT_DIR) -> Result:
    """``python -m analysis ARGS`` run in this process (``main``, as ``__main__`` calls it), from
    ``cwd``; usage errors exit through argparse as they do from the shell."""
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(map(str, args)))
            except SystemExit as exit_:
                code = exit_.code
    finally:
        os.chdir(previous)
    return Result(code, out.getvalue(), err.getvalue())


def run_command(*args, cwd=PROJECT_DIR):
    """``python -m analysis ARGS`` as a separate process, from ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )


def test_prints_csv_with_header_and_one_row_per_judgement(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(ILACS_TABLE, encoding="utf-8")
    result = run_cli("judgements", report)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == HEADER
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows == [
        {
            "file": str(report),
            "area_key": "leadership",
            "area": "The impact of leaders on social work practice with children and families",
            "grade": "Good",
            "grade_score": "2",
        },
        {
            "file": str(report),
            "area_key": "overall",
            "area": "Overall effectiveness",
            "grade": "Requires improvement to be good",
            "grade_score": "3",
        },
    ]


def test_seed_documents_file_as_given_and_no_rows_for_letters():
    names = [
        "2012-09_ofsted_child-protection-inspection.txt",
        "2018-06_ofsted_monitoring-visit-letter.txt",
        "2016-11_ofsted_sif-inspection.txt",
    ]
    result = run_cli("judgements", *(f"data/raw/{name}" for name in names))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    files = {row["file"] for row in rows}
    assert files == {f"data/raw/{names[0]}", f"data/raw/{names[2]}"}
    assert len(rows) == 4 + 6


def test_missing_file_exits_2_naming_it(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ILACS_TABLE, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = run_cli("judgements", good, missing)
    assert result.returncode == 2
    assert str(missing) in result.stderr
    assert "not found" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"", "empty"), (b"   \n", "empty"), (b"Overall effectiveness\t\xff\xfe\n", "not UTF-8")],
)
def test_unreadable_file_exits_2(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = run_cli("judgements", path)
    assert result.returncode == 2
    assert str(path) in result.stderr and problem in result.stderr


def test_unknown_grade_exits_2_with_position(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_text(
        "The impact of leaders on social work practice with children and families\tGood\n"
        "Overall effectiveness\tSatisfactory\n",
        encoding="utf-8",
    )
    result = run_cli("judgements", path)
    assert result.returncode == 2
    assert f"{path}:2:23: unknown grade 'Satisfactory'" in result.stderr


def test_no_arguments_is_a_usage_error():
    result = run_cli("judgements")
    assert result.returncode == 2
    assert "usage" in result.stderr.lower()


def test_main_in_process(capsys, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(ILACS_TABLE, encoding="utf-8")
    assert main(["judgements", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ",".join(JUDGEMENT_COLUMNS)


def test_cli_does_not_import_pandas():
    code = "import sys, analysis.__main__; print('pandas' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.shared
def test_reads_100_reports_in_a_few_seconds(tmp_path):
    """A guard against a pathological slowdown, run while other checks load the machine; the
    speed itself is measured, alone, by ``make bench`` (docs/benchmark.md)."""
    sources = sorted(CORPUS_DIR.glob("*.txt")) if CORPUS_DIR.is_dir() else []
    if not sources:
        pytest.skip(f"other authorities' reports not found at {CORPUS_DIR} (../shared absent)")
    copies = []
    for i in range(100):
        source = sources[i % len(sources)]
        copy = tmp_path / f"{i:03d}-{source.name}"
        shutil.copyfile(source, copy)
        copies.append(copy)
    start = time.perf_counter()
    result = run_command("judgements", *copies)
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {row["file"] for row in rows} == set(map(str, copies))
    assert elapsed < 5.0, f"100 reports took {elapsed:.2f} s"


@pytest.mark.shared
def test_every_published_grade_of_the_corpus_from_the_command_line():
    expected_csv = CORPUS_DIR / "EXPECTED.csv"
    if not expected_csv.is_file():
        pytest.skip(f"{CORPUS_DIR} is absent: the corpus tests need ../shared")
    with open(expected_csv, encoding="utf-8", newline="") as handle:
        expected = {
            (r["file"], r["area_key"]): int(r["grade_score"]) for r in csv.DictReader(handle)
        }
    files = sorted({name for name, _ in expected})
    result = run_cli("judgements", *files, cwd=CORPUS_DIR)
    assert result.returncode == 0, result.stderr
    got = {
        (r["file"], r["area_key"]): int(r["grade_score"])
        for r in csv.DictReader(io.StringIO(result.stdout))
    }
    assert got == expected
