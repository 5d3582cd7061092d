"""WCAG contrast between two colours, as the charts and the page checks use it."""

import pytest

from analysis.present.colours import contrast_ratio


def test_black_on_white_is_21_either_way_round_and_a_colour_on_itself_is_1():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)


def test_the_grey_at_wcags_aa_edge_gives_its_published_ratio():
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
