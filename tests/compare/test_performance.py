"""Tests for analysis.compare.performance: measures followed across years."""

import pandas as pd

from analysis.compare.performance import period_when, with_caveats


def test_with_caveats_adds_the_catalogue_caveat():
    figures = pd.DataFrame({"indicator_id": ["a", "b"]})
    catalogue = pd.DataFrame({"id": ["a"], "caveats": ["ages differ"]})
    got = with_caveats(figures, catalogue)["caveat"].tolist()
    assert got[0] == "ages differ" and pd.isna(got[1])


def test_period_when_places_a_figure_at_the_period_it_states():
    assert period_when("in 2014", 2016) == 2014.5
    assert 2018.9 < period_when("Dec-18", 2019) < 2019
    assert 2016.6 < period_when("At 31 August 2016", 2016) < 2016.7
    assert 2016.4 < period_when("Between 1 April and 30 June 2016", 2016) < 2016.5
    assert period_when("in 2015–16", 2016) == period_when("in 2015/16", 2016) == 2015.75
    assert period_when("Last year", 2019) == 2018.5
    assert period_when("", 2018) == period_when("Prev. YTD", 2018) == 2018.5
