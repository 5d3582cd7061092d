"""Tests for analysis.present.charts: what a chart prints."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from analysis.present.charts import overall_timeline  # noqa: E402
from analysis.present.formatting import display_grade  # noqa: E402


def test_display_grade_is_sentence_case():
    assert display_grade("inadequate") == "Inadequate"
    assert display_grade("Requires improvement to be good") == "Requires improvement to be good"
    assert display_grade("") == ""


def test_timeline_prints_a_grade_found_in_a_sentence_like_one_from_a_table():
    long = pd.DataFrame(
        {
            "year": [2012, 2016],
            "area_key": ["overall", "overall"],
            "grade": ["Inadequate", "inadequate"],
            "grade_score": [4, 4],
        }
    )
    ungraded = pd.DataFrame({"year": pd.Series(dtype=int), "label": pd.Series(dtype=str)})
    fig = overall_timeline(long, ungraded, "title", "subtitle", "note")
    printed = [text.get_text() for text in fig.axes[0].texts]
    plt.close(fig)
    assert printed.count("Inadequate") == 2
