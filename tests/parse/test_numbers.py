import math

import pytest

from analysis.parse.numbers import (
    find_numbers,
    find_ranges,
    fraction_to_number,
    parse_number,
    parse_range,
    words_to_number,
)


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("1,816", 1816),
        ("28.0", 28.0),
        ("0.16%", 0.16),
        ("73%", 73),
        ("73 per cent", 73),
        ("73 percent", 73),
        ("Eighty-eight", 88),
        ("eighty eight", 88),
        ("twenty one", 21),
        ("one hundred and five", 105),
        ("two thousand", 2000),
        ("a third", 1 / 3),
        ("two thirds", 2 / 3),
        ("half", 0.5),
        ("2 1/2", 2.5),
        ("£850,000", 850_000),
        ("£1.2 million", 1_200_000),
        ("£7.9m", 7_900_000),
        ("£1m", 1_000_000),
        ("1.2 million", 1_200_000),
        ("Eighty per cent", 80),
        ("1\u00a0816", None),
    ],
)
def test_parse_number(printed, value):
    if value is None:
        with pytest.raises(ValueError):
            parse_number(printed)
    else:
        assert parse_number(printed) == pytest.approx(value)


@pytest.mark.parametrize(
    ("printed", "reason"),
    [
        ("1,2345", "thousands"),
        ("10:00", "time"),
        ("8th", "ordinal"),
        ("2017/18", "slashed"),
        ("twelve five", "cannot follow"),
        ("", "empty"),
        ("fifth", "not exactly one number"),
    ],
)
def test_parse_number_refuses_with_reason(printed, reason):
    with pytest.raises(ValueError, match=reason):
        parse_number(printed)


def test_words_and_fractions():
    assert words_to_number("Ninety-Nine") == 99
    assert words_to_number("three hundred thousand") == 300_000
    assert fraction_to_number("three quarters") == 0.75
    with pytest.raises(ValueError):
        words_to_number("fifty twelve")


def test_find_numbers_offsets_and_kinds():
    text = "At 31 August 2016, 1,816 children (64 per 10,000); £50\nmillion; s47; 10:00; 8th"
    found = list(find_numbers(text))
    for match in found:
        assert text[match.start : match.end] == match.text
    kinds = {m.text: m.kind for m in found}
    assert kinds["1,816"] == "digits"
    assert kinds["£50\nmillion"] == "money"
    assert kinds["47"] == "code"
    assert kinds["10:00"] == "time"
    assert kinds["8th"] == "ordinal"
    money = next(m for m in found if m.kind == "money")
    assert money.value == 50_000_000


def test_find_numbers_marks_unreadable_token():
    (match,) = [m for m in find_numbers("a total of 12,34 children") if m.problem]
    assert match.text == "12,34"
    assert math.isnan(match.value)


def test_curly_and_nbsp_variants_read_the_same():
    plain = [(m.start, m.value) for m in find_numbers("between 14-17 and 73 per cent")]
    fancy = [(m.start, m.value) for m in find_numbers("between 14\u201317 and 73\u00a0per cent")]
    assert plain == fancy


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("between 14 and 17", (14, 17)),
        ("14-17", (14, 17)),
        ("14 to 17", (14, 17)),
        ("14\u201317", (14, 17)),
        ("75 - 95%", (75, 95)),
    ],
)
def test_parse_range(printed, expected):
    assert parse_range(printed) == expected


def test_find_ranges():
    text = "caseloads of between 14 and 17, from 42.1% to 49.9%, and 5 and 6"
    matches = list(find_numbers(text))
    pairs = [(matches[i].text, matches[j].text) for i, j in find_ranges(text, matches)]
    assert pairs == [("14", "17"), ("42.1%", "49.9%")]
