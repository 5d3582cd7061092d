"""Tests for analysis.tables.scorecard: status, consistency, comparator gaps, headline rates."""

import math

import pandas as pd
import pytest

from analysis.config import RAW_DATA_DIR
from analysis.parse.kpi_report import ROW_KEYS, parse_kpi_report
from analysis.sources.documents import read_text
from analysis.tables.scorecard import (
    METHOD,
    build_kpi_scorecard,
    headline_rates_table,
    kpi_periods,
    kpi_status,
    scorecard_period,
    scorecard_title,
)

PAPERS = RAW_DATA_DIR / "2019-02_bcc_scrutiny-committee-papers.txt"


def _row(series, value, part="value", column_no=0, evidence=None, unit="percent", **extra):
    row = dict.fromkeys(ROW_KEYS, "")
    row.update(
        kpi_no="1",
        kpi_key="kpi-01",
        label="% done on time",
        table="kpi",
        polarity="higher_is_better",
        series=series,
        value=value,
        measure_part=part,
        column_no=column_no,
        unit=unit,
        is_period_inferred=False,
        evidence=evidence or f"{value:g}",
        char_start=len(series) + column_no,
    )
    row.update(extra)
    return row


def _measure(
    value,
    target=85,
    low=75,
    high=95,
    polarity="higher_is_better",
    num=None,
    den=None,
    evidence=None,
    national=None,
):
    rows = [_row("la", value, column_no=2, evidence=evidence, period="Dec-18")]
    if target is not None:
        rows.append(_row("target", target, period="18/19"))
    if low is not None:
        rows += [_row("tolerance_low", low), _row("tolerance_high", high)]
    if num is not None:
        rows += [
            _row("la", num, "numerator", 2, unit="count"),
            _row("la", den, "denominator", 2, unit="count"),
        ]
    if national is not None:
        rows.append(_row("national", national, comparator_year="2017"))
    frame = pd.DataFrame(rows)
    frame["polarity"] = polarity
    return frame


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (90, "on_target"),
        (85, "on_target"),
        (80, "within_tolerance"),
        (75, "within_tolerance"),
        (74.9, "outside_tolerance"),
        (99, "on_target"),
    ],
)
def test_status_when_higher_is_better(value, status):
    assert build_kpi_scorecard(_measure(value)).loc[0, "status"] == status


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (20, "on_target"),
        (21, "on_target"),
        (22, "within_tolerance"),
        (24, "within_tolerance"),
        (24.5, "outside_tolerance"),
        (5, "on_target"),
    ],
)
def test_status_when_lower_is_better(value, status):
    frame = _measure(value, target=21, low=17, high=24, polarity="lower_is_better")
    assert build_kpi_scorecard(frame).loc[0, "status"] == status


def test_status_without_direction_uses_the_band():
    assert kpi_status(85, 85, 75, 95, "") == "on_target"
    assert kpi_status(95, 85, 75, 95, "") == "within_tolerance"
    assert kpi_status(96, 85, 75, 95, "") == "outside_tolerance"


def test_no_target_and_no_band():
    assert build_kpi_scorecard(_measure(50, target=None, low=None)).loc[0, "status"] == "no_target"
    assert kpi_status(80, 85, math.nan, math.nan, "higher_is_better") == "outside_tolerance"


def test_numerator_and_denominator_agreeing_to_printed_precision():
    card = build_kpi_scorecard(_measure(77, num=423, den=548))
    assert card.loc[0, "recomputed_value"] == pytest.approx(77.1898, abs=1e-3)
    assert card.loc[0, "is_consistent"]


def test_contradicting_numerator_and_denominator_are_flagged():
    card = build_kpi_scorecard(_measure(26, num=2210, den=8801))  # 25.1%, printed 26%
    assert not card.loc[0, "is_consistent"]
    card = build_kpi_scorecard(_measure(36.2, num=401, den=1110, evidence="36.2%"))  # 36.13
    assert not card.loc[0, "is_consistent"]
    card = build_kpi_scorecard(_measure(36.1, num=401, den=1110, evidence="36.1%"))
    assert card.loc[0, "is_consistent"]


def test_nothing_to_recompute_is_missing_not_true():
    card = build_kpi_scorecard(_measure(77))
    assert pd.isna(card.loc[0, "is_consistent"]) and math.isnan(card.loc[0, "recomputed_value"])


def test_gaps_to_comparators_respect_polarity():
    card = build_kpi_scorecard(_measure(20, polarity="lower_is_better", national=22))
    assert card.loc[0, "gap_to_national"] == -2
    assert card.loc[0, "vs_national"] == "better"
    assert card.loc[0, "national_year"] == "2017"
    card = build_kpi_scorecard(_measure(20, national=22))
    assert card.loc[0, "vs_national"] == "worse"
    assert card.loc[0, "vs_statistical_neighbours"] == ""


def test_method_covers_the_computed_columns():
    card = build_kpi_scorecard(_measure(77, num=423, den=548))
    computed = [
        "status",
        "recomputed_value",
        "is_consistent",
        "gap_to_national",
        "vs_national",
        "gap_to_statistical_neighbours",
        "vs_statistical_neighbours",
    ]
    assert set(computed) <= set(METHOD) and set(METHOD) <= set(card.columns)


@pytest.fixture(scope="module")
def papers_rows():
    return pd.DataFrame(parse_kpi_report(read_text(PAPERS)))


def test_scorecard_of_the_december_2018_report(papers_rows):
    card = build_kpi_scorecard(papers_rows).set_index("kpi_key")
    assert len(card) == 17 and card.index[:15].tolist() == [f"kpi-{n:02d}" for n in range(1, 16)]
    assert card.loc["kpi-01", ["value", "status"]].tolist() == [77, "within_tolerance"]
    assert card.loc["kpi-05", "status"] == "on_target"  # 90% beats the 80% target
    assert card.loc["kpi-13", "status"] == "on_target"  # 11%, lower is better, target 25%
    assert card.loc["kpi-15", "status"] == "within_tolerance"
    assert card.loc["kpi-11", "period"] == "Jan 2018 - Dec 2018"
    assert card["is_consistent"].dropna().all()
    assert (card["status"] == "no_target").sum() == 1


def test_every_period_is_checked_and_kpi4_average_disagrees(papers_rows):
    periods = kpi_periods(papers_rows)
    flagged = periods[periods["is_consistent"] == False]  # noqa: E712
    assert flagged[["kpi_no", "period", "value"]].values.tolist() == [
        ["4", "Prev. 12 months average", 26.0]
    ]


def test_headline_rates_table(papers_rows):
    table = headline_rates_table(papers_rows).set_index("label")
    assert len(table) == 7
    assert table.loc["Referrals", "la (Dec-18)"] == 492
    assert table.loc["Referrals", "national (Mar-18)"] == 553
    assert table.loc["Referrals", "gap to national (Mar-18)"] == 605 - 553
    assert table.loc["Referrals", "note"] == "Rolling 12M"
    assert headline_rates_table(papers_rows.iloc[:0]).empty


def test_the_scorecard_title_is_dated_by_its_kpis_period():
    scorecard = pd.DataFrame({"period": ["Dec-18", "Dec-18", "Nov-18"]})
    assert scorecard_period(scorecard) == "Dec-18"
    assert scorecard_title(scorecard) == ("KPIs (Dec-18) against target, tolerance and comparators")
    assert scorecard_title(pd.DataFrame()) == "KPIs against target, tolerance and comparators"
