import pandas as pd

from analysis.files import read_csv
from analysis.present import summary
from analysis.present.checked import checked_conclusions
from analysis.present.export import export_tables
from analysis.present.formatting import format_value


def test_format_value_writes_units():
    assert format_value(64, "percent") == "64%"
    assert format_value(1816.0, "count") == "1,816"
    assert format_value(67, "rate_per_10k") == "67 per 10,000"
    assert format_value(67, "rate_per_10k", rate_base=False) == "67"
    assert format_value(float("nan"), "days") == "-"


def _tables(tone_by_year: pd.DataFrame) -> dict:
    """The tables summary_sentences reads: one 2016 grade, the given tone, nothing else."""
    return {
        "judgements_harmonised": pd.DataFrame(
            {"year": [2016], "area_key": ["overall"], "grade": ["Inadequate"], "grade_score": [4]}
        ),
        "monitoring_visits": pd.DataFrame(columns=["year", "headline"]),
        "tone_by_year": tone_by_year,
        "kpi_scorecard": pd.DataFrame(),
        "measures_across_years": pd.DataFrame(),
    }


def test_summary_sentences_skip_what_has_nothing_to_say():
    tables = _tables(pd.DataFrame())
    assert summary.summary_sentences(tables) == ["Overall effectiveness: Inadequate in 2016."]


def test_export_tables_writes_and_registers(tmp_path):
    frame = pd.DataFrame({"x": [1, 2]})
    records = export_tables([(frame, "t1", "Title", "Method", "src")], tmp_path, "09_demo")
    assert records[0]["n_rows"] == 2
    assert read_csv(tmp_path / "t1.csv")["x"].tolist() == [1, 2]
    assert read_csv(tmp_path / "tables.csv")["table_id"].tolist() == ["t1"]


def _tables_with_tone(accuracy: pd.DataFrame | None) -> dict:
    tone = pd.DataFrame(
        {"year": [2012, 2019], "negative_percent": [40.0, 10.0], "positive_percent": [5, 30]}
    )
    tables = _tables(tone)
    if accuracy is not None:
        tables["reading_accuracy"] = accuracy
    return tables


def test_the_tone_sentence_is_followed_by_how_far_to_trust_it():
    accuracy = pd.DataFrame(
        {
            "reader": ["tone", "themes", "themes"],
            "measure": ["agreement", "precision", "recall"],
            "percent": [81.2, 70.0, 65.5],
            "paragraphs": [40, 40, 40],
        }
    )
    sentences = summary.summary_sentences(_tables_with_tone(accuracy))
    tone_at = next(i for i, s in enumerate(sentences) if s.startswith("The share of paragraphs"))
    assert "negative went from 40% in 2012 to 10% in 2019" in sentences[tone_at]
    assert "tone matched the label on 81.2% of 40 paragraphs" in sentences[tone_at + 1]
    assert "70.0% of the themes found were right" in sentences[tone_at + 1]


def test_without_a_measure_of_tone_the_page_says_it_is_unchecked():
    sentences = summary.summary_sentences(_tables_with_tone(None))
    assert any("not checked against labels here" in s for s in sentences)


def test_ask_sentences_say_what_became_of_each_inspections_asks():
    counts = pd.DataFrame(
        {
            "source_id": ["a", "a"],
            "ask_year": [2012, 2012],
            "year": [2016, 2018],
            "n_asks": [14, 14],
            "asked_again": [12, 0],
            "reported_improved": [0, 2],
            "mixed": [0, 0],
            "reported_still_weak": [0, 0],
            "not_mentioned": [2, 12],
        }
    )
    assert summary.ask_sentences(counts) == [
        "Of the 14 asks of the 2012 inspection: in 2016, 12 asked again and 2 not mentioned; "
        "in 2018, 2 reported improved and 12 not mentioned."
    ]


def test_new_ask_sentences_count_the_asks_that_return_and_the_new_ones():
    origins = pd.DataFrame({"year": [2016, 2016, 2016, 2019], "new": [True, False, False, True]})
    assert summary.new_ask_sentences(origins) == [
        "Of the 3 asks of the 2016 inspection, 2 return to an earlier inspection's ask and 1 is "
        "new.",
        "Of the 1 ask of the 2019 inspection, 0 return to an earlier inspection's ask and 1 is "
        "new.",
    ]
    assert summary.new_ask_sentences(pd.DataFrame()) == []


def test_kpi_links_are_named_by_number_or_by_measure():
    assert summary.kpi_link_label({"kpi_no": 7.0, "label": "x"}) == "KPI 7"
    assert summary.kpi_link_label({"kpi_no": "12", "label": "x"}) == "KPI 12"
    assert summary.kpi_link_label({"kpi_no": float("nan"), "label": "First time entrants"}) == (
        "First time entrants"
    )


def _checked_status(key_status: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": ["a"] * 3,
            "ask_year": [2012] * 3,
            "rec_no": [1, 2, 3],
            "year": [2016] * 3,
            "status": ["asked_again", "mixed", "not_mentioned"],
            "key_status": key_status,
        }
    )


def _checked_origins(key_new: list) -> pd.DataFrame:
    return pd.DataFrame(
        {"year": [2016, 2016], "rec_no": [1, 2], "new": [False, True], "key_new": key_new}
    )


def test_each_sentence_about_the_asks_is_set_beside_the_same_sentence_from_the_key():
    status = _checked_status(["asked_again", "reported_improved", "not_mentioned"])
    checked = checked_conclusions(status, _checked_origins([False, True]))
    assert checked.to_dict("records") == [
        {
            "conclusion": "Of the 3 asks of the 2012 inspection: in 2016, 1 asked again, 1 mixed "
            "and 1 not mentioned.",
            "key_conclusion": "Of the 3 asks of the 2012 inspection: in 2016, 1 asked again, 1 "
            "reported improved and 1 not mentioned.",
            "same": False,
            "rows": 3,
            "rows_differing": 1,
            "rows_are": "asks and later years",
        },
        {
            "conclusion": "Of the 3 asks of 2012, 1 was asked again and 0 reported improved in "
            "2016",
            "key_conclusion": "Of the 3 asks of 2012, 1 was asked again and 1 reported improved "
            "in 2016",
            "same": False,
            "rows": 3,
            "rows_differing": 1,
            "rows_are": "asks and later years",
        },
        {
            "conclusion": "Of the 2 asks of the 2016 inspection, 1 returns to an earlier "
            "inspection's ask and 1 is new.",
            "key_conclusion": "Of the 2 asks of the 2016 inspection, 1 returns to an earlier "
            "inspection's ask and 1 is new.",
            "same": True,
            "rows": 2,
            "rows_differing": 0,
            "rows_are": "later asks",
        },
    ]
    sentence = summary.checked_sentence(
        checked, status.assign(key_split=["test", "test", "tuning"])
    )
    assert sentence == (
        "Built again from the key's readers' reading (AI readers: data/labels/README.md), 1 of "
        "the 3 sentences about the asks that the key wholly covers (the summary's and the asks "
        "chart's title) reads word for word the same; the readers give the status found to 1 of "
        "2 asks and years that chose nothing (and 1 of the 1 that chose the thresholds); the "
        "report page sets the two side by side."
    )


def test_a_sentence_the_key_did_not_wholly_decide_is_not_checked():
    status = _checked_status(["asked_again", "", "not_mentioned"])
    checked = checked_conclusions(status, _checked_origins([False, ""]))
    assert checked.empty
    # Without a key the summary says nothing of one.
    no_key = _checked_status(["", "", ""])
    assert summary.checked_sentence(checked_conclusions(no_key, pd.DataFrame()), no_key) == ""


def test_the_summary_checks_its_sentences_from_the_tables_as_written(tmp_path):
    from analysis.files import read_csv, write_csv

    status = _checked_status(["asked_again", "reported_improved", "not_mentioned"])
    status = status.assign(key_split=["test", "test", "tuning"])
    origins = _checked_origins([False, True])
    write_csv(checked_conclusions(status, origins), tmp_path / "asks_checked.csv")
    write_csv(status, tmp_path / "concern_status.csv")
    tables = _tables_with_tone(None) | {
        "asks_checked": read_csv(tmp_path / "asks_checked.csv"),
        "concern_status": read_csv(tmp_path / "concern_status.csv"),
    }
    sentences = summary.summary_sentences(tables)
    assert any(s.startswith("Built again from the key's readers' reading") for s in sentences)
    assert any("status found to 1 of 2 asks and years that chose nothing" in s for s in sentences)


def test_a_key_covering_part_of_the_asks_checks_only_what_it_covers():
    status = _checked_status(["asked_again", "mixed", "not_mentioned"]).assign(
        key_split=["test"] * 3
    )
    two_inspections = pd.concat(
        [status, status.assign(ask_year=2016, source_id="b", key_status="", key_split="")]
    )
    checked = checked_conclusions(two_inspections, pd.DataFrame())
    assert len(checked) == 1 and bool(checked["same"].iloc[0])
    sentence = summary.checked_sentence(checked, two_inspections)
    assert "1 of the 1 sentence about the asks that the key wholly covers" in sentence
    assert "status found to 3 of 3 asks and years, none of which chose anything;" in sentence


def test_a_status_whose_quote_says_the_opposite_does_not_count_as_the_readers():
    """As the accuracy note counts it: the two summary sentences cannot part on the same rows."""
    status = pd.DataFrame(
        {
            "source_id": ["a", "a"],
            "ask_year": [2012, 2012],
            "rec_no": [1, 2],
            "year": [2016, 2016],
            "status": ["reported_improved", "reported_improved"],
            "quote": ["Plans are now good.", "Plans remain poor and are not effective."],
            "key_status": ["reported_improved", "reported_improved"],
            "key_split": ["test", "test"],
        }
    )
    checked = checked_conclusions(status, pd.DataFrame())
    sentence = summary.checked_sentence(checked, status)
    assert "the readers give the status found to 1 of 2 asks and years" in sentence
