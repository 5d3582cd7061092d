"""scripts/add_to_key.py: readers' labels settled, split and appended to the asks key."""

import csv
import importlib.util
from pathlib import Path

import pytest

from analysis.evaluation.concerns import LINK_KEY_FILE_COLUMNS, STATUS_KEY_FILE_COLUMNS, key_split

PROJECT = Path(__file__).resolve().parents[1]
_SPEC = importlib.util.spec_from_file_location("add_to_key", PROJECT / "scripts" / "add_to_key.py")
add_to_key = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(add_to_key)

LINK_HEAD = "local_authority,from_source_id,from_rec_no,to_source_id,to_rec_no,link,reason"
STATUS_HEAD = "local_authority,source_id,rec_no,year,status,quote_file,quote"


def _write(folder: Path, links: list[str], status: list[str]) -> Path:
    folder.mkdir()
    (folder / "links.csv").write_text("\n".join([LINK_HEAD, *links]) + "\n", encoding="utf-8")
    (folder / "status.csv").write_text("\n".join([STATUS_HEAD, *status]) + "\n", encoding="utf-8")
    return folder


def _key_dir(tmp_path: Path) -> Path:
    key = tmp_path / "key"
    key.mkdir()
    (key / "concern_links_key.csv").write_text(
        ",".join(LINK_KEY_FILE_COLUMNS) + "\n", encoding="utf-8"
    )
    (key / "concern_status_key.csv").write_text(
        ",".join(STATUS_KEY_FILE_COLUMNS) + "\n", encoding="utf-8"
    )
    return key


def _readers(tmp_path: Path, b_link: str = "0", b_status: str = "not_mentioned", b_reason=""):
    a = _write(
        tmp_path / "a",
        ["X,x-2015,1,x-2019,1,1,plans", "X,x-2015,2,x-2019,1,0,"],
        ["X,x-2015,1,2019,asked_again,x-2019.pdf,Plans.", "X,x-2015,2,2019,not_mentioned,,"],
    )
    quote = ",x-2019.pdf,Plans." if b_status != "not_mentioned" else ",,"
    b = _write(
        tmp_path / "b",
        [f"X,x-2015,1,x-2019,1,{b_link},{b_reason}", "X,x-2015,2,x-2019,1,0,"],
        [f"X,x-2015,1,2019,{b_status}{quote}", "X,x-2015,2,2019,not_mentioned,,"],
    )
    return a, b


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_agreeing_readers_rows_are_added_with_their_split(tmp_path):
    key = _key_dir(tmp_path)
    a, b = _readers(tmp_path, b_link="1", b_status="asked_again", b_reason="core groups")
    assert add_to_key.main([str(a), str(b), "--key-dir", str(key)]) == 0
    links = _rows(key / "concern_links_key.csv")
    assert [(r["link"], r["link_c"], r["reason"]) for r in links] == [
        ("1", "", "plans"),
        ("0", "", ""),
    ]
    assert [r["split"] for r in links] == [key_split("x-2015", 1), key_split("x-2015", 2)]
    status = _rows(key / "concern_status_key.csv")
    assert status[0]["status"] == "asked_again" and status[0]["quote_a"] == "Plans."


def test_a_difference_is_settled_by_the_third_reader(tmp_path):
    key = _key_dir(tmp_path)
    a, b = _readers(tmp_path)
    c = _write(
        tmp_path / "c",
        ["X,x-2015,1,x-2019,1,1,"],
        ["X,x-2015,1,2019,asked_again,x-2019.pdf,Plans."],
    )
    assert add_to_key.main([str(a), str(b), "--settled", str(c), "--key-dir", str(key)]) == 0
    first = _rows(key / "concern_links_key.csv")[0]
    assert (first["link_a"], first["link_b"], first["link_c"], first["link"]) == (
        "1",
        "0",
        "1",
        "1",
    )
    assert first["reason"] == "plans"
    assert _rows(key / "concern_status_key.csv")[0]["status_c"] == "asked_again"


@pytest.mark.parametrize(
    "settled, message",
    [
        (None, "does not settle it"),
        (["X,x-2015,1,x-2019,1,1,"], "does not settle it"),  # links settled, the status not
        (["X,x-2015,1,x-2019,1,1,", "X,x-2015,2,x-2019,1,1,"], "needs no settling"),
        (["X,x-2015,1,x-2019,1,1,", "X,x-2015,9,x-2019,1,1,"], "not a row the readers labelled"),
    ],
)
def test_an_unsettled_difference_leaves_the_key_unchanged(tmp_path, capsys, settled, message):
    key = _key_dir(tmp_path)
    before = {p.name: p.read_bytes() for p in key.iterdir()}
    a, b = _readers(tmp_path)
    args = [str(a), str(b), "--key-dir", str(key)]
    if settled is not None:
        args += ["--settled", str(_write(tmp_path / "c", settled, []))]
    assert add_to_key.main(args) == 1
    assert message in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in key.iterdir()} == before


def test_rows_already_in_the_key_are_refused(tmp_path, capsys):
    key = _key_dir(tmp_path)
    a, b = _readers(tmp_path, b_link="1", b_status="asked_again", b_reason="core groups")
    assert add_to_key.main([str(a), str(b), "--key-dir", str(key)]) == 0
    assert add_to_key.main([str(a), str(b), "--key-dir", str(key)]) == 1
    assert "already in the key" in capsys.readouterr().err


def test_a_value_outside_the_codebook_is_refused_by_file_and_line(tmp_path, capsys):
    key = _key_dir(tmp_path)
    a, b = _readers(tmp_path, b_status="better")
    assert add_to_key.main([str(a), str(b), "--key-dir", str(key)]) == 1
    err = capsys.readouterr().err
    assert "status.csv, line 2" in err and "'better'" in err


def test_a_difference_settled_with_neither_readers_value_is_refused(tmp_path, capsys):
    key = _key_dir(tmp_path)
    a, b = _readers(tmp_path, b_link="1", b_status="reported_improved", b_reason="plans")
    c = _write(tmp_path / "c", [], ["X,x-2015,1,2019,mixed,x-2019.pdf,Plans."])
    assert add_to_key.main([str(a), str(b), "--settled", str(c), "--key-dir", str(key)]) == 1
    assert "neither reader's" in capsys.readouterr().err


@pytest.mark.parametrize(
    "links, status, message",
    [
        (
            ["X,x-2015,1,x-2019,1,1,", "X,x-2015,2,x-2019,1,0,"],
            None,
            "line 2: link '1' without a reason",
        ),
        (
            None,
            ["X,x-2015,1,2019,asked_again,,", "X,x-2015,2,2019,not_mentioned,,"],
            "without quote and quote_file",
        ),
        (["X,x-2015,1,x-2019,1,1,plans"], None, "label different rows"),
        (["X,x-2015,one,x-2019,1,1,plans"], None, "from_rec_no 'one' is not a whole number"),
    ],
)
def test_an_unfilled_or_odd_reader_file_is_refused_by_file_and_line(
    tmp_path, capsys, links, status, message
):
    key = _key_dir(tmp_path)
    a, b = _readers(tmp_path, b_link="1", b_status="asked_again", b_reason="plans")
    if links is not None:
        (b / "links.csv").write_text("\n".join([LINK_HEAD, *links]) + "\n", encoding="utf-8")
    if status is not None:
        (b / "status.csv").write_text("\n".join([STATUS_HEAD, *status]) + "\n", encoding="utf-8")
    assert add_to_key.main([str(a), str(b), "--key-dir", str(key)]) == 1
    err = capsys.readouterr().err
    assert message in err and str(b) in err


def test_a_reader_file_without_a_column_is_refused_by_name(tmp_path, capsys):
    key = _key_dir(tmp_path)
    a, b = _readers(tmp_path, b_link="1", b_status="asked_again", b_reason="plans")
    (b / "links.csv").write_text("from_source_id,link\nx-2015,1\n", encoding="utf-8")
    assert add_to_key.main([str(a), str(b), "--key-dir", str(key)]) == 1
    assert f"{b / 'links.csv'}: missing column(s) from_rec_no" in capsys.readouterr().err


def test_a_number_written_differently_is_the_same_row(tmp_path, capsys):
    key = _key_dir(tmp_path)
    a, b = _readers(tmp_path, b_link="1", b_status="asked_again", b_reason="plans")
    assert add_to_key.main([str(a), str(b), "--key-dir", str(key)]) == 0
    for name in ("links.csv", "status.csv"):
        for reader in (a, b):
            path = reader / name
            path.write_text(path.read_text().replace("x-2015,1,", "x-2015,01,"))
    assert add_to_key.main([str(a), str(b), "--key-dir", str(key)]) == 1
    assert "already in the key" in capsys.readouterr().err


def test_the_reason_is_one_a_reader_who_made_the_link_gave(tmp_path):
    key = _key_dir(tmp_path)
    a, b = _readers(tmp_path, b_link="1", b_status="asked_again", b_reason="core groups")
    c = _write(tmp_path / "c", [], [])
    assert add_to_key.main([str(a), str(b), "--settled", str(c), "--key-dir", str(key)]) == 0
    assert _rows(key / "concern_links_key.csv")[0]["reason"] == "plans"
