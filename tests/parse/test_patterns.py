"""Tests for analysis.parse.patterns: one alternation for many phrases, grouped by first letter."""

import re
from dataclasses import fields

from analysis.config import RAW_DATA_DIR as RAW
from analysis.parse.patterns import NEVER, alternation


def test_bodies_with_one_first_letter_are_grouped_in_their_order():
    assert alternation(["within", "well", "progress"], False) == "w(?:ithin|ell)|p(?:rogress)"
    assert alternation(["Well", "within"], True) == "w(?:ell|ithin)"
    assert alternation(["Well", "within"], False) == "W(?:ell)|w(?:ithin)"


def test_a_body_not_starting_with_a_letter_keeps_later_bodies_after_it():
    # r"\w+c" can match where "ad" does; "ad" must still be tried after it.
    assert alternation(["ab", r"\w+c", "ad"], False) == r"a(?:b)|\w+c|a(?:d)"
    assert re.match(alternation(["ab", r"\w+c", "adc"], False), "adc").group() == "adc"


def test_the_tone_lexicon_matches_what_a_plain_alternation_matches(monkeypatch):
    """Every phrase list of the tone lexicon, grouped and plain, over two whole Ofsted documents."""
    from analysis.readings import tone

    grouped = tone.read_lexicon(tone.TONE_PHRASES_FILE)
    monkeypatch.setattr(tone, "alternation", lambda bodies, ignore_case: "|".join(bodies))
    plain = tone.read_lexicon(tone.TONE_PHRASES_FILE)
    documents = [*RAW.glob("*ofsted_child-protection*.txt"), *RAW.glob("*ofsted_monitoring*.txt")]
    text = "\n".join(path.read_text(encoding="utf-8") for path in documents)
    assert len(documents) == 2 and len(text) > 40_000
    compared = 0
    for field in fields(grouped):
        if isinstance(getattr(grouped, field.name), re.Pattern):
            ours, theirs = getattr(grouped, field.name), getattr(plain, field.name)
            assert ours.pattern != theirs.pattern or theirs.pattern == NEVER
            assert tone._all_matches(ours, text) == tone._all_matches(theirs, text), field.name
            compared += 1
    assert compared >= 10
