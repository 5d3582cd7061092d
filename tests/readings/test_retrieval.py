"""Tests for analysis.readings.retrieval on small texts: shared themes and deciding terms."""

from analysis.readings.retrieval import TermSpace

CORE = "Improve the quality of core group meetings so that parents are included."
CORE_LATER = "Core group meetings are not timely."
RECORDS = "Improve the quality of records kept of visits."


def test_shared_themes_are_the_theme_terms_both_texts_hold():
    space = TermSpace([CORE, CORE_LATER, RECORDS])
    core, later, records = space.vectors([CORE, CORE_LATER, RECORDS])
    assert space.shared_themes(core, later) == ["theme:child_protection_planning"]
    assert space.shared_themes(core, records) == []
    assert "core" in space.deciding_terms(core, later)
