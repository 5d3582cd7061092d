"""Reading numbers as printed: digits, decimals, percentages, money, number words and fractions.

Two entry points:

* :func:`parse_number` reads one printed number (``"1,816"``, ``"73 per cent"``,
  ``"Eighty-eight"``, ``"£1.2 million"``, ``"two thirds"``) and returns its value.
* :func:`find_numbers` scans a text and yields one :class:`NumberMatch` per number-like token,
  with its character offsets in the text. Tokens that are numbers but not quantities (times
  ``10:00``, ordinals ``8th``, codes glued to letters ``A2``, slashed tokens ``2017/18``) are
  still yielded, tagged by ``kind``, so that callers decide what to skip and why; a token that
  looks like a number but cannot be read (``1,2345``) is yielded with a ``problem``.

Conventions:

* Percentages are returned on their printed 0-100 scale (``"73%"`` -> 73.0).
* Fractions in words are returned as fractions of one (``"a third"`` -> 0.333...); a mixed number
  ``"2 1/2"`` is 2.5.
* Money is returned in pounds with its multiplier applied (``"£7.9m"`` -> 7,900,000.0).
* Number words: cardinals up to the billions, hyphenated or not, any case, with ``and`` after
  hundreds (``"one hundred and five"``). Ordinals (``"fifth"``) are not numbers here.

Ranges (``"between 14 and 17"``, ``"14-17"``, ``"14 to 17"``) are read by :func:`parse_range`
and found in running text by :func:`find_ranges`.
"""

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from analysis.sources.text import match_view

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_FRACTIONS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
}
_MONEY_MULTIPLIERS = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}

_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_FRACTION_WORD = "|".join(sorted(_FRACTIONS, key=len, reverse=True))
_UNIT_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))

#: Number words: one word, or several joined by spaces, hyphens or "and" (after "hundred").
_WORDS_RE = rf"\b(?:{_WORD})(?:(?:[ \t]*-[ \t]*|[ \t]+(?:and[ \t]+)?)(?:{_WORD}))*\b"
#: Fractions in words: "a third", "two thirds", "half", "three quarters".
_FRACTION_RE = rf"\b(?:(?:a|an|{_UNIT_WORD})[ \t-]+)?(?:{_FRACTION_WORD})\b"
#: A run of digits with internal separators; classified afterwards.
_DIGITS_RE = r"\d+(?:[.,:/]\d+)*"

_TOKEN = re.compile(
    rf"(?P<pound>£[ \t]?)?(?P<digits>{_DIGITS_RE})"
    rf"|(?P<fraction>{_FRACTION_RE})"
    rf"|(?P<words>{_WORDS_RE})",
    re.IGNORECASE,
)
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_SIMPLE_FRACTION = re.compile(r"(\d{1,2})/(\d{1,2})")
_TIME = re.compile(r"\d{1,2}:\d{2}")
_PERCENT_SUFFIX = re.compile(r"[ \t]*(?:%|per[ \t]*cent\b|percent\b)", re.IGNORECASE)
_MONEY_SUFFIX = re.compile(r"[ \t]*(?:\s?(million|billion|thousand)\b|(bn|m|k)\b)", re.IGNORECASE)
_SCALE_SUFFIX = re.compile(r"[ \t]*\s?(million|billion)\b", re.IGNORECASE)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_TIME_SUFFIX = re.compile(r"[ \t]?(?:am|pm)\b", re.IGNORECASE)
_MIXED_FRACTION = re.compile(r"[ \t]+(\d{1,2})/(\d{1,2})\b")


@dataclass(frozen=True)
class NumberMatch:
    """One number-like token found in a text.

    Attributes:
        start: offset of the token's first character (the ``£`` for money).
        end: offset just past the token, including a ``%``/``per cent`` or money suffix.
        value: the value read (see the module conventions); ``nan`` when ``problem`` is set or the
            token is not a quantity (``kind`` time, code, slashed, dotted).
        kind: ``digits``, ``words``, ``fraction``, ``percent``, ``money``, or a non-quantity:
            ``time``, ``ordinal``, ``code`` (glued to letters, e.g. ``A2``), ``slashed``
            (``2017/18``), ``dotted`` (``1.2.3``).
        text: the token exactly as printed.
        problem: why a number-like token could not be read; empty when it was read.
    """

    start: int
    end: int
    value: float
    kind: str
    text: str
    problem: str = ""


def parse_number(printed: str) -> float:
    """Read one printed number.

    Args:
        printed: e.g. ``"1,816"``, ``"28.0%"``, ``"73 per cent"``, ``"Eighty-eight"``,
            ``"twenty one"``, ``"a third"``, ``"2 1/2"``, ``"£850,000"``, ``"£1.2 million"``.

    Returns:
        The value: percentages on the 0-100 scale, money in pounds, fractions of one.

    Raises:
        ValueError: the text is not one readable number; the message says why.
    """
    text = match_view(printed).strip()
    if not text:
        raise ValueError("empty text is not a number")
    found = list(find_numbers(text))
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(text):
        raise ValueError(f"{printed!r} is not exactly one number")
    match = found[0]
    if match.problem:
        raise ValueError(f"{printed!r}: {match.problem}")
    if math.isnan(match.value):
        raise ValueError(f"{printed!r} is a {match.kind} token, not a quantity")
    return match.value


def words_to_number(words: str) -> float:
    """Read cardinal number words (``"one hundred and five"``, ``"Eighty-eight"``).

    Args:
        words: number words separated by spaces, hyphens or ``and``.

    Returns:
        The value.

    Raises:
        ValueError: a word is not a cardinal number word, or the words do not form a number
            (``"thousand five"`` is read, ``"five twelve"`` is not).
    """
    parts = [p for p in re.split(r"[\s-]+", words.lower()) if p and p != "and"]
    if not parts:
        raise ValueError(f"{words!r}: no number words")
    total, current, last = 0, 0, None
    for part in parts:
        if part in _UNITS or part in _TENS:
            value = _UNITS.get(part, _TENS.get(part))
            if last in ("unit", "teen") or (last == "tens" and (part in _TENS or value >= 10)):
                raise ValueError(f"{words!r}: {part!r} cannot follow the word before it")
            current += value
            last = "tens" if part in _TENS else ("teen" if value >= 10 else "unit")
        elif part in _SCALES:
            scale = _SCALES[part]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            last = "scale"
        else:
            raise ValueError(f"{words!r}: {part!r} is not a number word")
    return float(total + current)


def fraction_to_number(words: str) -> float:
    """Read a fraction in words (``"a third"``, ``"two thirds"``, ``"half"``) as a fraction of one.

    Raises:
        ValueError: the words are not a fraction.
    """
    parts = re.split(r"[\s-]+", words.lower().strip())
    denominator = _FRACTIONS.get(parts[-1])
    if denominator is None:
        raise ValueError(f"{words!r}: {parts[-1]!r} is not a fraction word")
    numerator = 1.0
    if len(parts) > 1 and parts[0] not in ("a", "an"):
        numerator = words_to_number(" ".join(parts[:-1]))
    return numerator / denominator


def find_numbers(text: str) -> Iterator[NumberMatch]:
    """Find every number-like token in ``text``, in order.

    Args:
        text: raw text (typographic characters are matched through
            :func:`analysis.sources.text.match_view`, so offsets are offsets in ``text``).

    Yields:
        One :class:`NumberMatch` per token: a number in digits or words, a fraction in words,
        a percentage or money amount (suffix and ``£`` included), or a non-quantity token tagged
        by ``kind``. Unreadable tokens carry a ``problem``.
    """
    view = match_view(text)
    last_end = 0
    for match in _TOKEN.finditer(view):
        if match.start() < last_end:
            continue  # a suffix already read with the token before ("1.2 million", "2 1/2")
        if match.group("digits"):
            found = _digit_match(text, view, match)
        elif match.group("fraction"):
            found = _fraction_match(text, view, match)
        else:
            found = _words_match(text, view, match)
        last_end = found.end
        yield found


def _digit_match(text: str, view: str, match: re.Match) -> NumberMatch:
    start, end = match.start(), match.end()
    token = match.group("digits")
    after = view[end:]
    if match.group("pound"):
        value, problem = _read_digits(token)
        if problem:
            return NumberMatch(start, end, math.nan, "money", text[start:end], problem)
        return _money_match(text, view, start, end, value)
    non_quantity = _non_quantity(text, view, start, end, token)
    if non_quantity:
        return non_quantity
    value, problem = _read_digits(token)
    if problem:
        return NumberMatch(start, end, math.nan, "digits", text[start:end], problem)
    mixed = _MIXED_FRACTION.match(after)
    if mixed and int(mixed.group(1)) < int(mixed.group(2)):
        end += mixed.end()
        value += int(mixed.group(1)) / int(mixed.group(2))
        return NumberMatch(start, end, value, "fraction", text[start:end])
    percent = _PERCENT_SUFFIX.match(view, end)
    if percent:
        return NumberMatch(start, percent.end(), value, "percent", text[start : percent.end()])
    scale = _SCALE_SUFFIX.match(view, end)
    if scale:
        value *= _SCALES[scale.group(1).lower()]
        end = scale.end()
    return NumberMatch(start, end, value, "digits", text[start:end])


def _non_quantity(text: str, view: str, start: int, end: int, token: str) -> NumberMatch | None:
    """Tag a digit token that is not a quantity: code, time, ordinal, slashed or dotted."""
    after = view[end:]
    if start > 0 and view[start - 1].isalpha():
        return NumberMatch(start, end, math.nan, "code", text[start:end])
    suffix = _TIME_SUFFIX.match(after)
    if _TIME.fullmatch(token) or suffix:
        time_end = end + (suffix.end() if suffix else 0)
        return NumberMatch(start, time_end, math.nan, "time", text[start:time_end])
    suffix = _ORDINAL_SUFFIX.match(after)
    if suffix:
        return NumberMatch(
            start, end + suffix.end(), math.nan, "ordinal", text[start : end + suffix.end()]
        )
    if after[:1].isalpha():
        glued = re.match(r"[A-Za-z]+", after).end()
        return NumberMatch(start, end + glued, math.nan, "code", text[start : end + glued])
    if "/" in token:
        return _slashed_match(text, start, end, token)
    if token.count(".") > 1 or ":" in token:
        return NumberMatch(start, end, math.nan, "dotted", text[start:end])
    return None


def _read_digits(token: str) -> tuple[float, str]:
    if _PLAIN.fullmatch(token):
        return float(token), ""
    if _THOUSANDS.fullmatch(token):
        return float(token.replace(",", "")), ""
    return math.nan, f"digits {token!r} do not group in thousands (expected e.g. 1,816 or 1816)"


def _slashed_match(text: str, start: int, end: int, token: str) -> NumberMatch:
    fraction = _SIMPLE_FRACTION.fullmatch(token)
    if fraction and int(fraction.group(1)) < int(fraction.group(2)):
        value = int(fraction.group(1)) / int(fraction.group(2))
        return NumberMatch(start, end, value, "fraction", text[start:end])
    return NumberMatch(start, end, math.nan, "slashed", text[start:end])


def _money_match(text: str, view: str, start: int, end: int, value: float) -> NumberMatch:
    suffix = _MONEY_SUFFIX.match(view, end)
    if suffix:
        word = (suffix.group(1) or suffix.group(2)).lower()
        value *= _MONEY_MULTIPLIERS[word]
        end = suffix.end()
    return NumberMatch(start, end, value, "money", text[start:end])


def _fraction_match(text: str, view: str, match: re.Match) -> NumberMatch:
    start, end = match.start(), match.end()
    try:
        value = fraction_to_number(view[start:end])
    except ValueError as err:
        return NumberMatch(start, end, math.nan, "fraction", text[start:end], str(err))
    return NumberMatch(start, end, value, "fraction", text[start:end])


def _words_match(text: str, view: str, match: re.Match) -> NumberMatch:
    start, end = match.start(), match.end()
    try:
        value = words_to_number(view[start:end])
    except ValueError as err:
        return NumberMatch(start, end, math.nan, "words", text[start:end], str(err))
    percent = _PERCENT_SUFFIX.match(view, end)
    if percent:
        return NumberMatch(start, percent.end(), value, "percent", text[start : percent.end()])
    return NumberMatch(start, end, value, "words", text[start:end])


#: What may stand between the two ends of a range: "14-17", "14 to 17", "14 and 17"
#: (after "between"), "4 -6".
_RANGE_JOIN = re.compile(r"\s*(?:-|to|and)\s*$", re.IGNORECASE)
_RANGE_TEXT = re.compile(
    r"^\s*(?:between\s+|from\s+)?(?P<low>.+?)\s*(?:-|\bto\b|\band\b)\s*(?P<high>.+?)\s*$",
    re.IGNORECASE,
)


def parse_range(printed: str) -> tuple[float, float]:
    """Read a printed range: ``"between 14 and 17"``, ``"14-17"``, ``"14 to 17"``, ``"75 - 95%"``.

    Args:
        printed: the range as printed.

    Returns:
        ``(low, high)``; a percent or money sign on either end applies to both.

    Raises:
        ValueError: the text is not two numbers joined by ``-``, ``to`` or ``and``.
    """
    view = match_view(printed)
    found = [m for m in find_numbers(view) if not m.problem]
    if len(found) != 2 or not _RANGE_JOIN.match(view[found[0].end : found[1].start]):
        parsed = _RANGE_TEXT.match(view)
        if not parsed:
            raise ValueError(f"{printed!r} is not a range of two numbers")
        return parse_number(parsed.group("low")), parse_number(parsed.group("high"))
    return found[0].value, found[1].value


def find_ranges(text: str, matches: list[NumberMatch]) -> list[tuple[int, int]]:
    """Pair up consecutive numbers that print a range.

    Args:
        text: the text the matches came from.
        matches: numbers found in ``text`` by :func:`find_numbers`, in order.

    Returns:
        One ``(i, j)`` pair of indices into ``matches`` per range: numbers joined by a hyphen or
        dash (``14-17``, ``4 -6``), by ``to`` (``14 to 17``, ``from 42.1% to 49.9%``) or by
        ``and`` after ``between`` (``between 14 and 17``).
    """
    view = match_view(text)
    pairs = []
    for i in range(len(matches) - 1):
        first, second = matches[i], matches[i + 1]
        if _joins_range(view, first, second):
            pairs.append((i, i + 1))
    return pairs


def _joins_range(view: str, first: NumberMatch, second: NumberMatch) -> bool:
    gap = view[first.end : second.start]
    if re.fullmatch(r"[ \t]*-[ \t]*|\s+to\s+", gap, re.IGNORECASE):
        return True
    between = re.search(r"\bbetween\s+$", view[max(0, first.start - 12) : first.start], re.I)
    return bool(between and re.fullmatch(r"\s+and\s+", gap, re.IGNORECASE))
