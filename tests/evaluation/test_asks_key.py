"""The key's readers beside each status and each later ask (analysis.evaluation.asks_key)."""

import pandas as pd

from analysis.evaluation.asks_key import (
    KeyDocument,
    as_the_key_reads,
    decided,
    differing,
    key_covers,
    locate,
    origins_as_the_key_reads,
    read_otherwise,
    read_otherwise_rows,
    same_earlier_asks,
    whole_sentences,
    with_key_origins,
    with_key_status,
)
from analysis.files import read_csv, write_csv


def _status() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": ["a-2012", "a-2012", "a-2016"],
            "ask_year": [2012, 2012, 2016],
            "rec_no": [1, 2, 1],
            "year": [2016, 2016, 2019],
            "status": ["asked_again", "mixed", "not_mentioned"],
        }
    )


def _status_key() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": ["a-2012", "a-2012", "b-2014"],
            "rec_no": [1, 2, 1],
            "year": [2016, 2016, 2018],
            "status": ["asked_again", "reported_improved", "mixed"],
            "split": ["test", "tuning", "test"],
        }
    )


def test_each_status_gets_the_readers_status_and_split_where_the_key_has_its_row():
    checked = with_key_status(_status(), _status_key())
    assert checked["key_status"].tolist() == ["asked_again", "reported_improved", ""]
    assert checked["key_split"].tolist() == ["test", "tuning", ""]
    assert checked["status"].tolist() == _status()["status"].tolist()  # the finding is kept
    assert differing(checked, "status", "key_status").tolist() == [False, True, False]
    assert read_otherwise(checked) == {("a-2012", 2, 2016)}
    assert read_otherwise_rows(checked)["key_status"].tolist() == ["reported_improved"]


def test_without_a_key_no_status_is_decided():
    checked = with_key_status(_status(), None)
    assert checked["key_status"].eq("").all() and not decided(checked, "key_status").any()
    assert not key_covers(checked, "key_status")
    assert as_the_key_reads(checked).empty


def test_the_key_columns_read_back_from_csv_mean_what_they_said(tmp_path):
    checked = with_key_status(_status(), _status_key())
    write_csv(checked, tmp_path / "status.csv")
    back = read_csv(tmp_path / "status.csv")
    assert decided(back, "key_status").tolist() == [True, True, False]
    assert differing(back, "status", "key_status").tolist() == [False, True, False]
    assert as_the_key_reads(back)["status"].tolist() == ["asked_again", "reported_improved"]


def _origins() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": ["a-2016", "a-2016", "a-2016"],
            "year": [2016, 2016, 2016],
            "rec_no": [1, 2, 3],
            "returns_to": ["2012 #2 (0.30)", "", ""],
            "new": [False, True, True],
        }
    )


def _asks() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": ["a-2012", "a-2012", "a-2016", "a-2016", "a-2016"],
            "year": [2012, 2012, 2016, 2016, 2016],
            "rec_no": [1, 2, 1, 2, 3],
        }
    )


def _link_key() -> pd.DataFrame:
    # Ask 3 of 2016 was never paired with an earlier ask: the readers did not decide it.
    return pd.DataFrame(
        {
            "from_source_id": ["a-2012"] * 4,
            "from_rec_no": [1, 2, 1, 2],
            "to_source_id": ["a-2016"] * 4,
            "to_rec_no": [1, 1, 2, 2],
            "link": [1, 1, 0, 0],
            "split": ["test"] * 4,
        }
    )


def test_each_later_ask_gets_the_earlier_asks_the_readers_linked_or_new():
    checked = with_key_origins(_origins(), _link_key(), _asks())
    assert checked["key_returns_to"].tolist() == ["2012 #1; 2012 #2", "", ""]
    assert checked["key_new"].tolist() == [False, True, ""]
    assert not key_covers(checked, "key_new")
    read = origins_as_the_key_reads(checked)
    assert read["new"].tolist() == [False, True] and read["returns_to"].iloc[0] == (
        "2012 #1; 2012 #2"
    )
    assert differing(checked, "new", "key_new").tolist() == [False, False, False]


def test_the_later_asks_read_back_from_csv_keep_new_and_undecided_apart(tmp_path):
    write_csv(with_key_origins(_origins(), _link_key(), _asks()), tmp_path / "origins.csv")
    back = read_csv(tmp_path / "origins.csv")
    assert decided(back, "key_new").tolist() == [True, True, False]
    assert origins_as_the_key_reads(back)["new"].tolist() == [False, True]


def test_without_a_link_key_no_later_ask_is_decided():
    checked = with_key_origins(_origins(), None, _asks())
    assert checked["key_returns_to"].eq("").all() and not decided(checked, "key_new").any()


def test_a_key_column_read_back_all_empty_decides_nothing():
    # A CSV column with only empty cells reads back as missing numbers.
    frame = pd.DataFrame({"key_status": [float("nan")] * 2, "status": ["mixed", "mixed"]})
    assert not decided(frame, "key_status").any()
    assert not differing(frame, "status", "key_status").any()


def _readers_key(status_a, status_b, quote_a, quote_b) -> pd.DataFrame:
    """:func:`_status_key` with each reader's status and quote, read in ``b.txt``."""
    files = ["b.txt" if quote else "" for quote in quote_a], ["b.txt" if q else "" for q in quote_b]
    return _status_key().assign(
        status_a=status_a,
        status_b=status_b,
        quote_file_a=files[0],
        quote_a=quote_a,
        quote_file_b=files[1],
        quote_b=quote_b,
    )


def test_the_settled_readers_quote_is_found_in_its_document_whatever_the_line_breaks():
    key = _readers_key(
        ["asked_again", "mixed", "mixed"],
        ["asked_again", "reported_improved", "mixed"],
        ["Plans are reviewed.", "Plans are better but late.", ""],
        ["Plans are reviewed.", "Plans are now reviewed on time.", ""],
    )
    text = "Intro.\nPlans are now reviewed\non time. Plans are reviewed."
    checked = with_key_status(_status(), key, {"b.txt": KeyDocument("b-2016", text)})
    # Row 2 was settled on reader B's status, so B's quote stands, as the raw text has it.
    words = "Plans are now reviewed\non time."
    start, end = text.index(words), text.index(words) + len(words)
    assert checked.loc[1, "key_quote"] == words
    assert (checked.loc[1, "key_char_start"], checked.loc[1, "key_char_end"]) == (start, end)
    assert checked.loc[1, "key_source_url"] == f"sources/b-2016.html#c{start}-{end}"
    assert checked.loc[0, "key_quote_source_id"] == "b-2016"
    # No key row: nothing; a quote in no compared document: its words, no place.
    assert checked.loc[2, "key_quote"] == "" and pd.isna(checked.loc[2, "key_char_start"])
    elsewhere = with_key_status(_status(), key, {})
    assert elsewhere.loc[1, "key_quote"] == "Plans are now reviewed on time."
    assert elsewhere.loc[1, "key_source_url"] == ""


def test_a_quote_is_located_across_line_breaks_or_not_at_all():
    assert locate("a  b", "x a\nb y") == (2, 5)
    assert locate("a c", "x a\nb y") is None
    assert locate("", "x") is None


def test_a_quote_of_part_of_a_sentence_is_widened_to_the_whole_sentence():
    text = "12. Most early help is adequate,\nand some is good, but partners' is very poor. Next."
    document = KeyDocument("b", text, units=[(0, len(text))])
    start, end = locate("Most early help is adequate,", text)
    assert text[slice(*whole_sentences(start, end, document))] == (
        "12. Most early help is adequate,\nand some is good, but partners' is very poor."
    )
    # Outside every paragraph and ask (a table row, a heading) the quote stays as it is.
    assert whole_sentences(start, end, KeyDocument("b", text)) == (start, end)
    assert locate("partners’ is", text) is not None  # typography does not matter


def test_the_status_settled_on_the_reader_without_a_quote_shows_none():
    key = _readers_key(
        ["asked_again", "not_mentioned", "mixed"],
        ["asked_again", "mixed", "mixed"],
        ["", "", ""],
        ["Plans are reviewed.", "Plans are reviewed.", ""],
    ).assign(status_c=["", "not_mentioned", ""], status=["asked_again", "not_mentioned", "mixed"])
    checked = with_key_status(
        _status(), key, {"b.txt": KeyDocument("b-2016", "Plans are reviewed.")}
    )
    # Row 1: A's status was settled on and A gave no quote; B's quote must not stand for it.
    assert checked.loc[1, "key_status"] == "not_mentioned" and checked.loc[1, "key_quote"] == ""
    assert checked.loc[0, "key_quote"] == "Plans are reviewed."  # B agreed, and quoted


def test_a_later_ask_the_key_did_not_pair_with_every_earlier_ask_is_undecided():
    partial = _link_key().iloc[[0, 2]]  # ask 1 of 2016 paired with 2012 #1 only
    checked = with_key_origins(_origins(), partial, _asks())
    assert checked["key_new"].tolist() == ["", "", ""]
    # Pairs with asks outside the compared documents do not count.
    other = _link_key().assign(from_source_id="z-2012")
    assert with_key_origins(_origins(), other, _asks())["key_new"].tolist() == ["", "", ""]


def test_the_earlier_asks_are_compared_as_labels_without_scores():
    checked = with_key_origins(_origins(), _link_key(), _asks())
    # Found "2012 #2 (0.30)", readers "2012 #1; 2012 #2": both returning, not the same asks.
    assert same_earlier_asks(checked).tolist() == [False, True, False]
    assert differing(checked, "new", "key_new").tolist() == [False, False, False]
