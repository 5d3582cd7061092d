"""Tests for analysis.readings.retrieval on small texts: shared themes and deciding terms."""

import math

import pytest

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


def test_weights_are_sublinear_tf_idf_scaled_to_length_one():
    # Worked by hand: two texts, no themes. "kitten" is in both (df 2), "hamster" and "puppy"
    # (stem "puppi") in one each (df 1); with n = 2, idf = ln((1 + n) / (1 + df)) + 1 gives 1 for
    # kitten and ln(3/2) + 1 for the others. "hamster" is counted twice: (1 + ln 2) * idf.
    space = TermSpace(["kitten puppy", "kitten hamster hamster"], themes=[])
    (row,) = space.vectors(["kitten hamster hamster"])
    rare = math.log(3 / 2) + 1
    hamster, kitten = (1 + math.log(2)) * rare, 1.0
    length = math.sqrt(hamster**2 + kitten**2)
    # Columns are the terms in sorted order: hamster, kitten, puppi.
    assert row.tolist() == pytest.approx([hamster / length, kitten / length, 0.0], abs=1e-15)


def test_unfitted_terms_are_ignored_and_a_text_without_terms_is_all_zeros():
    space = TermSpace(["kitten puppy", "kitten hamster"], themes=[])
    unseen, empty, only_unseen = space.vectors(["kitten giraffe", "", "giraffe"])
    assert unseen.tolist() == [0.0, 1.0, 0.0]  # kitten alone, scaled to length one
    assert not empty.any() and not only_unseen.any()
    assert space.similarity(["kitten puppy"], ["kitten puppy"])[0, 0] == pytest.approx(1.0)


def test_common_english_and_ask_words_are_not_terms():
    space = TermSpace(["Ensure that the children are safe and well", "kitten"], themes=[])
    assert "safe" in space.deciding_terms(*space.vectors(["children safe", "safe"]))
    assert not space.vectors(["ensure that the and children well"]).any()


def test_a_corpus_without_terms_gives_weightless_vectors():
    space = TermSpace(["", "the and of"], themes=[])
    assert space.vectors(["kitten", ""]).shape == (2, 0)
    assert space.deciding_terms(*space.vectors(["kitten", "kitten"])) == []
