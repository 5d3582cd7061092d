"""Tests for analysis.parse.patterns: one alternation for many phrases, grouped by first letter."""

import re
from dataclasses import fields

import pytest

from analysis.config import RAW_DATA_DIR as RAW
from analysis.parse.patterns import NEVER, WORD_END, WORD_START, alternation, phrase_pattern
from analysis.readings.themes import load_themes


def test_bodies_with_one_first_letter_are_grouped_in_their_order():
    assert alternation(["within", "well", "progress"], False) == "w(?:ithin|ell)|p(?:rogress)"
    assert alternation(["Well", "within"], True) == "w(?:ell|ithin)"
    assert alternation(["Well", "within"], False) == "W(?:ell)|w(?:ithin)"


def test_a_body_not_starting_with_a_letter_keeps_later_bodies_after_it():
    # r"\w+" matches "adcx" where "adc" matches "adc": tried first, it must win.
    assert alternation(["ab", r"\w+", "adc"], False) == r"a(?:b)|\w+|a(?:dc)"
    assert re.match(alternation(["ab", r"\w+", "adc"], False), "adcx").group() == "adcx"


@pytest.mark.parametrize(
    "bodies",
    [
        ["a?b", "ac"],
        ["a*b", "ac"],
        ["a{2}", "ab"],
        ["ab|cd", "ae"],
        ["a[|]b", "ac"],
        [r"a\|b", "ac"],
    ],
)
def test_repeats_second_alternatives_and_bracketed_bars_keep_their_matches(bodies):
    grouped, plain = alternation(bodies, False), "|".join(bodies)
    for text in ["ab", "aab", "b", "ac", "cd", "acd", "a|b", "ae"]:
        ours, theirs = re.match(grouped, text), re.match(plain, text)
        assert (ours and ours.group()) == (theirs and theirs.group()), (bodies, text)


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


def _one_by_one(phrases: tuple[str, ...], acronyms: tuple[str, ...] = ()) -> re.Pattern:
    """A theme's phrases as they were matched before grouping: each its own case-insensitive
    alternative, the acronyms case-sensitive, longest first."""
    alternatives = [f"(?i:{phrase_pattern(p, anchored=False)})" for p in phrases]
    alternatives += [phrase_pattern(a, anchored=False) for a in acronyms]
    order = sorted(range(len(alternatives)), key=lambda i: -len((phrases + acronyms)[i]))
    body = "|".join(f"{alternatives[i]}{WORD_END}" for i in order)
    return re.compile(f"{WORD_START}(?:{body})" if alternatives else NEVER)


def test_the_themes_match_what_their_phrases_one_by_one_match():
    """Every theme's signals and general words, grouped and one by one, over the same letter."""
    text = _an_ofsted_letter()
    hits = 0
    for theme in load_themes():
        for name, before in (
            ("pattern", _one_by_one(theme.signals, theme.acronyms)),
            ("general_pattern", _one_by_one(theme.general)),
        ):
            ours = getattr(theme, name)
            assert ours.pattern != before.pattern or before.pattern == NEVER
            found = [(m.span(), m.group()) for m in ours.finditer(text)]
            assert found == [(m.span(), m.group()) for m in before.finditer(text)], theme.id
            hits += len(found)
    assert hits >= 50
