"""Tests for analysis.compare.performance: measures followed across years."""

import pandas as pd

from analysis.compare.performance import with_caveats


def test_with_caveats_adds_the_catalogue_caveat():
    figures = pd.DataFrame({"indicator_id": ["a", "b"]})
    catalogue = pd.DataFrame({"id": ["a"], "caveats": ["ages differ"]})
    got = with_caveats(figures, catalogue)["caveat"].tolist()
    assert got[0] == "ages differ" and pd.isna(got[1])
