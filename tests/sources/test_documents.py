import csv

import pytest

from analysis.config import RAW_DATA_DIR
from analysis.contract.errors import InputError
from analysis.sources.documents import (
    authority_key,
    load_documents,
    read_registry,
    read_text,
    select_documents,
    sha256_of,
)


def _rewrite_registry(raw, mutate):
    path = raw / "sources.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = list(rows[0])
    rows, columns = mutate(rows, columns)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def test_every_registered_document_loads_with_matching_checksum():
    documents = load_documents(RAW_DATA_DIR)
    assert [d.year for d in documents] == [2012, 2016, 2018, 2019, 2019]
    for doc in documents:
        assert sha256_of(doc.path) == doc.sha256
        with open(doc.path, encoding="utf-8-sig") as handle:
            assert doc.text == handle.read()


def test_registry_has_the_contract_columns_and_one_row_per_raw_text():
    rows = read_registry(RAW_DATA_DIR)
    files = sorted(p.name for p in RAW_DATA_DIR.glob("*.txt"))
    assert sorted(r["file"] for r in rows) == files
    assert len({r["source_id"] for r in rows}) == len(rows)


def test_missing_raw_file_names_the_file(raw_copy):
    (raw_copy / "2018-06_ofsted_monitoring-visit-letter.txt").unlink()
    with pytest.raises(InputError, match="monitoring-visit-letter.txt.*missing"):
        load_documents(raw_copy)


def test_altered_raw_file_is_refused(raw_copy):
    path = raw_copy / "2018-06_ofsted_monitoring-visit-letter.txt"
    path.write_text(path.read_text(encoding="utf-8") + " edited", encoding="utf-8")
    with pytest.raises(InputError, match="checksum differs"):
        load_documents(raw_copy)


def test_empty_and_non_utf8_files_are_refused(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    with pytest.raises(InputError, match="empty.txt: the file is empty"):
        read_text(empty)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 report".encode("latin-1"))
    with pytest.raises(InputError, match="latin.txt: not UTF-8"):
        read_text(latin)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda rows, cols: (rows, [c for c in cols if c != "sha256"]), "missing column.*sha256"),
        (
            lambda rows, cols: (rows + [dict(rows[0])], cols),
            "line 7: duplicate source_id 'ofsted-2012-cp' \\(first on line 2\\)",
        ),
        (
            lambda rows, cols: ([{**rows[0], "document_type": "blog_post"}] + rows[1:], cols),
            "line 2: unknown document_type 'blog_post'",
        ),
        (
            lambda rows, cols: ([{**rows[0], "file": "../secret.txt"}] + rows[1:], cols),
            "line 2: file '../secret.txt' is outside",
        ),
        (
            lambda rows, cols: ([{**rows[0], "year": "twenty"}] + rows[1:], cols),
            "line 2: year 'twenty' is not a whole number",
        ),
        (
            lambda rows, cols: ([{**rows[0], "published": "19/09/2012"}] + rows[1:], cols),
            "line 2: published '19/09/2012' is not an ISO date",
        ),
        (
            lambda rows, cols: ([{**rows[0], "title": ""}] + rows[1:], cols),
            "line 2: empty title",
        ),
    ],
)
def test_malformed_registry_rows_are_named(raw_copy, mutate, message):
    _rewrite_registry(raw_copy, mutate)
    with pytest.raises(InputError, match=message):
        load_documents(raw_copy)


def test_authority_names_match_in_any_printed_form():
    assert authority_key("Birmingham City Council") == authority_key("birmingham")
    assert authority_key("Isle of Wight Council") == "isle-of-wight"


def test_select_documents_by_year_and_authority():
    documents = load_documents(RAW_DATA_DIR)
    assert len(select_documents(documents, [2019], "Birmingham")) == 2
    assert len(select_documents(documents, [], "")) == 5
    with pytest.raises(InputError, match="years: no registered document for 2015"):
        select_documents(documents, [2015], "Birmingham")
    with pytest.raises(InputError, match="local_authority='Leeds' matches no registered"):
        select_documents(documents, [], "Leeds")
