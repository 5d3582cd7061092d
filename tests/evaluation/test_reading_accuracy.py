"""Tests for analysis.evaluation.reading_accuracy: tone and themes against labels, and the
note.
"""

import pytest

from analysis.config import PARAGRAPH_LABELS_FILE, RAW_DATA_DIR
from analysis.contract.errors import InputError
from analysis.evaluation.agreement import theme_agreement, tone_agreement
from analysis.evaluation.reading_accuracy import COLUMNS, accuracy_note, reading_accuracy
from analysis.sources.documents import read_registry

HEADER = "file,text,tone,themes,split\n"


def _labels(tmp_path, rows: str):
    path = tmp_path / "labels.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_only_test_rows_of_the_compared_documents_count(tmp_path):
    path = _labels(
        tmp_path,
        "a.txt,Caseloads are too high.,negative,workforce,test\n"
        "a.txt,Caseloads are manageable and supervision is good.,positive,workforce,tuning\n"
        "b.txt,Practice is good.,negative,none,test\n",
    )
    table = reading_accuracy(path, ["a.txt"])
    assert list(table.columns) == COLUMNS
    tone = table[table["reader"] == "tone"].iloc[0]
    assert (tone["measure"], tone["percent"], tone["paragraphs"]) == ("agreement", 100.0, 1)
    assert set(table["split"]) == {"test"} and set(table["labels_file"]) == {"labels.csv"}
    assert reading_accuracy(path, ["b.txt"]).query("reader == 'tone'")["percent"].tolist() == [0.0]


def test_no_label_file_or_no_labelled_document_gives_no_rows(tmp_path):
    path = _labels(tmp_path, "a.txt,Practice is good.,positive,,test\n")
    assert reading_accuracy(None, ["a.txt"]).empty
    assert reading_accuracy(path, ["other.txt"]).empty


def test_a_label_file_without_a_file_column_is_named(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("text,tone,themes,split\nPractice is good.,positive,,test\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"labels.csv: missing column\(s\) file"):
        reading_accuracy(path, ["a.txt"])


def test_the_note_quotes_the_measured_figures(tmp_path):
    path = _labels(tmp_path, "a.txt,Caseloads are too high.,negative,workforce,test\n")
    table = reading_accuracy(path, ["a.txt"])
    assert accuracy_note(table, ("tone",)) == (
        "Tone is read from phrases; on labelled paragraphs not used to set the rules, "
        "tone matched the label on 100.0% of 1 paragraph."
    )
    both = accuracy_note(table)
    assert both.startswith("Tone and themes are read from phrases;")
    assert "of the themes found were right" in both
    assert accuracy_note(table.iloc[0:0], ("themes",)) == (
        "Themes are read from phrases, not checked against labels here."
    )


def test_the_birmingham_figures_are_those_of_the_label_file():
    """The report's figures are the package's own measures on the label file's test rows."""
    files = {row["file"] for row in read_registry(RAW_DATA_DIR)}
    table = reading_accuracy(PARAGRAPH_LABELS_FILE, files).set_index(["reader", "measure"])
    tone = tone_agreement(PARAGRAPH_LABELS_FILE, split="test")
    themes = theme_agreement(PARAGRAPH_LABELS_FILE, split="test")
    assert table.loc[("tone", "agreement"), "percent"] == round(100 * tone["accuracy"], 1)
    assert table.loc[("tone", "agreement"), "paragraphs"] == tone["rows"]
    assert table.loc[("themes", "recall"), "percent"] == round(100 * themes["recall"], 1)
