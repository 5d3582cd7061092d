"""scripts/sample_paragraphs.py: the draw of paragraphs to label."""

import csv
import importlib.util
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
_SPEC = importlib.util.spec_from_file_location(
    "sample_paragraphs", PROJECT / "scripts" / "sample_paragraphs.py"
)
sample_paragraphs = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(sample_paragraphs)

REPORT = (
    "Inspection report\n\n"
    "1. Children are seen promptly and their plans are reviewed on time.\n\n"
    "2. Managers do not always record their decisions, which causes delay.\n\n"
    "3. The service for care leavers is good and young people speak highly of it.\n"
)


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_text_key_ignores_numbers_case_and_punctuation():
    key = sample_paragraphs.text_key
    assert key("32. Plans are GOOD, and timely.") == key("Plans are good and timely")


def test_labelled_paragraphs_are_not_drawn_again(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    labelled = tmp_path / "labels.csv"
    labelled.write_text(
        "file,excerpt,text,tone\nreport.txt,x,"
        '"2. Managers do not always record their decisions, which causes delay.",negative\n',
        encoding="utf-8",
    )
    out = tmp_path / "sample.csv"
    status = sample_paragraphs.main(
        [str(report), "-n", "5", "--seed", "1", "--exclude", str(labelled), "--out", str(out)]
    )
    rows = _read(out)
    assert status == 0
    assert len(rows) == 2
    assert not any("Managers" in row["text"] for row in rows)
    assert all(row["tone"] == "" and row["text"].startswith(row["excerpt"]) for row in rows)


def test_the_same_seed_draws_the_same_sample(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    samples = []
    for name in ("a.csv", "b.csv"):
        sample_paragraphs.main(
            [str(report), "-n", "2", "--seed", "7", "--out", str(tmp_path / name)]
        )
        samples.append(_read(tmp_path / name))
    assert samples[0] == samples[1]


def test_a_missing_file_is_named_and_nothing_is_written(tmp_path, capsys):
    out = tmp_path / "sample.csv"
    missing = tmp_path / "absent.txt"
    status = sample_paragraphs.main([str(missing), "-n", "2", "--seed", "1", "--out", str(out)])
    assert status == 2
    assert "absent.txt" in capsys.readouterr().err
    assert not out.exists()
