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


def _an_ofsted_letter() -> str:
    """The 2018 monitoring letter: a whole Ofsted document, short enough to search plainly."""
    (letter,) = RAW.glob("*ofsted_monitoring*.txt")
    return letter.read_text(encoding="utf-8")


def test_the_tone_lexicon_matches_what_a_plain_alternation_matches(monkeypatch):
    """Every phrase list of the tone lexicon, grouped and plain, over a whole Ofsted letter."""
    from analysis.readings import tone

    grouped = tone.read_lexicon(tone.TONE_PHRASES_FILE)
    monkeypatch.setattr(tone, "alternation", lambda bodies, ignore_case: "|".join(bodies))
    plain = tone.read_lexicon(tone.TONE_PHRASES_FILE)
    text = _an_ofsted_letter()
    compared = hits = 0
    for field in fields(grouped):
        if isinstance(getattr(grouped, field.name), re.Pattern):
            ours, theirs = getattr(grouped, field.name), getattr(plain, field.name)
            assert ours.pattern != theirs.pattern or theirs.pattern == NEVER
            found = tone._all_matches(ours, text)
            assert found == tone._all_matches(theirs, text), field.name
            compared += 1
            hits += len(found)
    assert compared >= 10 and hits >= 50


def test_the_themes_match_what_a_plain_alternation_matches(monkeypatch):
    """Every theme's signals and general words, grouped and plain, over the same letter."""
    from analysis.readings import themes

    grouped = themes.read_themes(themes.THEMES_FILE)
    monkeypatch.setattr(themes, "alternation", lambda bodies, ignore_case: "|".join(bodies))
    plain = themes.read_themes(themes.THEMES_FILE)
    text = _an_ofsted_letter()
    hits = 0
    for ours, theirs in zip(grouped, plain, strict=True):
        for name in ("pattern", "general_pattern"):
            found = [m.span() for m in getattr(ours, name).finditer(text)]
            assert found == [m.span() for m in getattr(theirs, name).finditer(text)], ours.id
            hits += len(found)
    assert hits >= 50
