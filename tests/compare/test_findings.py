"""Tests for analysis.compare.findings: concerns raised, recurring, resolved and new."""

import pandas as pd

from analysis.compare.findings import classify_concerns, mark_raised


def _concerns(rows: list[tuple]) -> pd.DataFrame:
    columns = ["theme", "year", "n_paragraphs", "n_weak_paragraphs", "n_recommendations"]
    frame = pd.DataFrame([row[:5] for row in rows], columns=columns)
    return frame.assign(
        net_tone=[row[5] for row in rows],
        wording="w",
        wording_source="s:0",
        sources="s",
    )


def test_a_net_tone_from_too_few_paragraphs_does_not_raise_a_concern():
    concerns = _concerns(
        [
            ("a", 2012, 1, 1, 0, -100.0),  # one weak paragraph: too thin
            ("a", 2016, 4, 3, 0, -50.0),  # raised by its paragraphs
            ("b", 2012, 1, 1, 1, -100.0),  # a recommendation raises it whatever the paragraphs
            ("c", 2016, 5, 2, 0, 20.0),  # weak paragraphs but net tone above zero
        ]
    )
    raised = mark_raised(concerns, min_paragraphs=3)["is_raised"].tolist()
    assert raised == [False, True, True, False]
    assert mark_raised(concerns)["is_raised"].tolist() == [True, True, True, False]


def test_concerns_are_recurring_resolved_or_new():
    concerns = _concerns(
        [
            *[("recur", y, 3, 3, 0, -60.0) for y in (2012, 2016, 2019)],
            ("gone", 2012, 3, 2, 1, -40.0),
            ("gone", 2019, 4, 0, 0, 50.0),
            ("fresh", 2016, 3, 0, 0, 30.0),
            ("fresh", 2019, 3, 2, 1, -10.0),
            ("quiet", 2019, 3, 0, 0, 10.0),
        ]
    )
    classified = classify_concerns(mark_raised(concerns, 3), [2012, 2016, 2019])
    status = dict(zip(classified["theme"], classified["status"], strict=True))
    assert status == {"recur": "recurring", "gone": "resolved", "fresh": "new"}
    recur = classified.set_index("theme").loc["recur"]
    assert recur["years_raised"] == "2012, 2016, 2019" and recur["where_2016"] == "s:0"
