"""Tests for analysis.evaluation.labels: reading label files."""

import pytest

from analysis.contract.errors import InputError
from analysis.evaluation.labels import read_label_rows


def test_rows_of_one_split_keep_their_line_numbers(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("text,split\na,tuning\nb,test\nc,tuning\n", encoding="utf-8-sig")
    rows = read_label_rows(path, ("text",), split="tuning")
    assert [(n, row["text"]) for n, row in rows] == [(2, "a"), (4, "c")]
    assert len(read_label_rows(path, ("text",))) == 3


def test_a_missing_column_is_named(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("text\na\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"labels.csv: missing column\(s\) split"):
        read_label_rows(path, ("text",), split="test")


def test_rows_can_be_kept_to_some_documents(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("file,text\na.txt,x\nb.txt,y\n", encoding="utf-8")
    assert [r["text"] for _, r in read_label_rows(path, ("text",), files={"b.txt"})] == ["y"]
    assert read_label_rows(path, ("text",), files=set()) == []
