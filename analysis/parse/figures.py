"""Every figure stated in the prose of a document: one row per number a reader would cite.

Grain: one row per figure (a range gives two rows, a comparison such as "73% against 68%
nationally" one row per series). Works on any document's text: the rules below are about how
English prose prints numbers, not about one authority or one framework.

Steps:

1. Find every number-like token (:func:`analysis.parse.numbers.find_numbers`), in digits or words.
2. Drop what is not a figure, each for a stated reason (see :data:`NOT_FIGURES`): tokens on
   tab-separated table rows (the KPI tables have their own parser), times, ordinals, codes glued
   to letters (``A2``, ``s47``, postcodes), slashed tokens (``2017/18``), years and year ranges,
   dates, paragraph/list/section/footnote numbers and page numbers, numbers that name something
   (``section 136``, ``Promise 1``, ``key stage 2``, ``Committee Rooms 3 & 4``), telephone
   numbers, ages used as labels (``aged 19 to 21``, ``16 and 17 years old``, ``18+``, ``care
   leavers age 18 - 25``), durations in months or years (mostly the period a figure covers:
   ``in the last 12 months``), the word ``one`` (nearly always an article-like use: ``one
   family``), and ``half``/``a third`` not followed by ``of``.
3. Read the unit from the words around the number: ``%``/``per cent`` -> percent, ``£`` ->
   gbp, ``per 10,000`` -> rate_per_10k, ``per 100,000`` -> rate_per_100k, ``days`` -> days,
   ``weeks`` -> days (value times 7; ``value_text`` keeps "37 weeks"), ``hours``/``times``/
   ``miles``/``percentage points`` -> number, a count after ``average``/``caseload`` -> number,
   fractions in words -> percent (``a third`` -> 33.33), otherwise count. The first end of a
   range takes the unit of the second ("between five and 30 days").
4. Read the series from a cue next to the number ("national average of 14%", "68% nationally",
   "statistical neighbours (86%)", "target of 121 days"), the period from the nearest period
   expression in the sentence, and a short label from the words after (or before) the number.

Caveats: the label is a heuristic phrase, not a curated name (the indicator catalogue assigns
the stable id); a range of ages printed without an age word ("the 16 to 18 social work teams")
is read as two counts.
"""

import re

from analysis.parse.numbers import NumberMatch, find_numbers, find_ranges
from analysis.parse.rows import issue
from analysis.sources.text import match_view, normalise_whitespace, span_fields

#: Why a number-like token is not a figure, by the reason code rows are dropped for.
NOT_FIGURES = {
    "table_row": "on a tab-separated table row (tables are parsed separately)",
    "kind": "a time, ordinal, code, slashed or dotted token, not a quantity",
    "year": "a year or part of a year range",
    "date": "part of a date",
    "list_number": "a paragraph, list, section, footnote, page or address number",
    "label_number": "a number that names something (section 136, Promise 1, stage 2)",
    "phone": "part of a telephone number",
    "age": "an age used as a label",
    "duration": "a duration in months or years (the period, not a figure)",
    "article": "the word 'one' or a bare fraction word",
}

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_ORDINAL = r"(?:<sup>)?(?:st|nd|rd|th)?(?:</sup>)?"
_LABEL_WORDS = (
    r"section|sections|paragraph|paragraphs|para|paras|promise|kpi|indicator|stage|level|room"
    r"|rooms|document|documents|page|pages|no|criteria|item|items|chapter|step|tier"
    r"|phase|band|article|regulation|ward|box|table|figure|appendix|annex|standard|version"
    r"|recommendation|priority|question|option|part|schedule|r"
)
_PERSON = r"children|child|people|leavers|adults|those|pupils"
_PATTERNS = {
    "label_before": re.compile(rf"\b(?:{_LABEL_WORDS})\.?[ \t]*$", re.IGNORECASE),
    "list_chain": re.compile(r"^[ \t]*(?:,|&|and|or)[ \t]*$", re.IGNORECASE),
    "list_chain_end": re.compile(r"^[ \t]*(?:[-,)&;.]|and\b|or\b|$)", re.IGNORECASE),
    "line_prefix": re.compile(r"^[\s#*>\-(\[]*$"),
    "list_after": re.compile(r"^(?:[.)\]]\s|[.)\]]?$|\.?[ \t]+[A-Z*])"),
    "page_line": re.compile(r"^[\s*#]*\d+(?:\s*-\s*\d+)?[\s*]*$"),
    "footnote": re.compile(r"(?:^|\s)\(\d\)(?=[\s.,;]|$)|\[\d{1,2}\]"),
    "date_after": re.compile(
        rf"^{_ORDINAL}(?:\s*(?:-|to|and)\s*\d{{1,2}}{_ORDINAL})?\s*(?:of\s+)?{_MONTH}\b",
        re.IGNORECASE,
    ),
    "date_before": re.compile(rf"\b{_MONTH}\.?[ \t-]*$", re.IGNORECASE),
    "rate_base": re.compile(r"\bper\s+$", re.IGNORECASE),
    "clock": re.compile(r"^\s*(?:hours|hrs)\b", re.IGNORECASE),
    "year_range_before": re.compile(r"\b(?:19|20)\d\d\s*-\s*$"),
    "age_before": re.compile(
        rf"(?:\b(?:aged?|aged under|ages|age of|ages of|as young as|post|reach|reaches|reached)"
        rf"|\b(?:{_PERSON})[ \t]+(?:between|aged|age))[\s-]*(?:between\s+)?$",
        re.IGNORECASE,
    ),
    "age_after": re.compile(
        r"^(?:\s*(?:and|to|or|-)\s*\d{1,2}\s*-?\s*years?\b|\s*-?\s*years?[\s-]*olds?\b"
        r"|\s*\+|-plus\b|\s+cohort\b)",
        re.IGNORECASE,
    ),
    "bare_end": re.compile(r"^(?:\s*(?:and|or)\b|\s*[,.;)]|-plus\b|\s*$)", re.IGNORECASE),
    "under_or_at": re.compile(r"\b(?:under|at)[ \t]+$", re.IGNORECASE),
    "duration": re.compile(
        r"^\s*(?:or\s+(?:more|over)\s+)?-?\s*(?:months?|years?|yrs?)\b", re.IGNORECASE
    ),
    "hours_time": re.compile(r"^\s*hours?\b", re.IGNORECASE),
    "of_after": re.compile(r"^\s+of\b", re.IGNORECASE),
}
_PHONE = re.compile(r"\(?\b0\d{2,4}\)?[ \t]?\d{3,4}[ \t]?\d{3,4}\b|\(\d{3}[ \t]\d{4}\)")

_UNIT_AFTER = [
    (re.compile(r"^\s*per\s+10,?000\b", re.I), "rate_per_10k", 1),
    (re.compile(r"^\s*per\s+100,?000\b", re.I), "rate_per_100k", 1),
    (re.compile(r"^\s*(?:[a-z]+\s*/\s*)?(?:[a-z]{5,}\s+)?days?\b", re.I), "days", 1),
    (re.compile(r"^(?:\s*-?\s*weeks?\b|[ -]weekly\b)", re.I), "days", 7),
    (re.compile(r"^\s*(?:percentage\s+)?points?\b", re.I), "number", 1),
    (re.compile(r"^\s*(?:plus\s+)?(?:hours?|times|miles?)\b", re.I), "number", 1),
]  # fmt: skip
_AVERAGE_BEFORE = re.compile(r"\b(?:average|averages|caseloads?)\b[^.;]{0,25}$", re.IGNORECASE)
_QUALIFIER = re.compile(
    r"\b(over|more than|less than|fewer than|under|approximately|around|about|almost|nearly"
    r"|up to|at least|just under|just over|below|above)[ \t]+$",
    re.IGNORECASE,
)

_SERIES_CUES = [
    (r"statistical\s+neighbou?rs?(?:'|\s+averages?)?|\bSNs?\b", "statistical_neighbours"),
    (r"core\s+cities", "core_cities"),
    (r"\b(?:WM|West\s+Midlands|regional|region)(?:\s+averages?)?", "region"),
    (r"\b(?:national(?:ly)?|England|English)(?:\s+(?:averages?|rates?|figures?))?", "national"),
    (r"\bin\s+the\s+country(?:\s+as\s+a\s+whole)?", "national"),
    (r"\btargets?", "target"),
    (r"\bcomparators?|\bYOT\s+family", "other"),
]
_CUE_BEFORE = re.compile(
    r"(?P<cue>"
    + "|".join(f"(?:{c})" for c, _ in _SERIES_CUES)
    + r")\s*(?:\(\d{4}(?:-\d{2})?\)\s*)?(?:of|is|was|at|:|=|\(|was\s+at)?\s*$",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(
    r"^\s*\)?\s*(?P<cue>nationally|national\s+average|in\s+England|in\s+the\s+country"
    r"(?:\s+as\s+a\s+whole)?|(?:for|in)\s+statistical\s+neighbou?rs|(?:for|in)\s+core\s+cities)",
    re.IGNORECASE,
)

_PERIODS = re.compile(
    rf"\bbetween\s+\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?\s+and\s+\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"
    rf"|\bfrom\s+{_MONTH}\s+to\s+{_MONTH}\s+\d{{4}}"
    rf"|\b(?:as\s+)?(?:at|on|by)\s+\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}}"
    rf"|\b(?:at|in|since|by|from|during)\s+{_MONTH}\s+\d{{4}}"
    r"|\b(?:(?:in|since|for|during|from)\s+)?(?:19|20)\d\d\s*[-/]\s*(?:19|20)?\d\d\b"
    r"|\b(?:in|since|by|during)\s+(?:19|20)\d\d\b"
    r"|\b(?:in|over|during)\s+the\s+(?:last|past|previous)\s+(?:\d+|twelve)\s+months\b"
    r"|\b(?:last|this)\s+(?:academic\s+)?year\b"
    rf"|\b{_MONTH}-\d\d\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n[ \t]*\n|\n(?=[ \t]*(?:[-*]\s|\d+\.\s|#))")
_LABEL_STOP = re.compile(
    r"^\s*(?:against|which|compared|than|is|was|were|in|at|and|but|while|with|as|for|to|from"
    r"|[,;:.()\[\]/]|$)",
    re.IGNORECASE,
)
_LABEL_CUT = re.compile(r"[,;:.()\[\]]|\b(?:which|while|but|compared|against|whereas)\b")
_LABEL_WORDS_MAX = 12


def parse_figures(text: str) -> tuple[list[dict], list[dict]]:
    """Read every figure stated in the prose of a document.

    Args:
        text: the document's raw text (as read by :func:`analysis.sources.documents.read_text`).

    Returns:
        ``(rows, issues)``. ``rows``: one dict per figure with ``label``, ``period``,
        ``series``, ``value``, ``unit``, ``value_text``, ``qualifier`` ("over", "approximately",
        ...), ``range_bound`` ("low"/"high"/""), ``value_char_start``/``value_char_end`` (the
        number itself) and ``char_start``, ``char_end``, ``evidence`` (the sentence holding the
        number, ``evidence == text[char_start:char_end]``). ``issues``: one dict per number-like
        token that could not be read, with ``char_start``, ``char_end``, ``text``, ``line``,
        ``column`` and ``problem``.
    """
    view = match_view(text)
    matches = [m for m in find_numbers(text) if not _on_table_row(view, m.start)]
    issues = [issue(text, m.start, m.end, m.problem) for m in matches if m.problem]
    matches = [m for m in matches if not m.problem]
    figures = [_classify(view, m) for m in matches]
    _carry_list_labels(view, matches, figures)
    _apply_ranges(text, matches, figures)
    kept = [(m, f) for m, f in zip(matches, figures, strict=True) if f["skip"] is None]
    spans = [(m.start, f["end"]) for m, f in kept]
    rows = [_row(text, view, m, f, spans) for m, f in kept]
    _label_comparators(rows)
    assert all(r["evidence"] == text[r["char_start"] : r["char_end"]] for r in rows)
    return rows, issues


def _label_comparators(rows: list[dict]) -> None:
    """Give a comparator ("the national average is 15.2%") the label of the figure it compares.

    In "in primary schools is 28.0% (the national average is 15.2%)" the words around 15.2% do
    not name the measure; the authority's figure in the same sentence does.
    """
    own = {}
    for row in rows:
        if row["series"] == "la":
            own.setdefault(row["char_start"], row["label"])
    for row in rows:
        if row["series"] != "la" and row["char_start"] in own:
            row["label"] = own[row["char_start"]]


def _on_table_row(view: str, pos: int) -> bool:
    start = view.rfind("\n", 0, pos) + 1
    end = view.find("\n", pos)
    return "\t" in view[start : end if end >= 0 else len(view)]


def _classify(view: str, match: NumberMatch) -> dict:
    """Decide whether a token is a figure; if so read its unit and value.

    Returns:
        ``{"skip": reason or None, "unit", "value", "end", "unit_read"}`` where ``end`` is the
        offset past the printed number and any unit word read with it.
    """
    skip = _skip_reason(view, match)
    figure = {"skip": skip, "unit": "count", "value": match.value, "end": match.end}
    figure["unit_read"] = False
    if skip is None:
        _read_unit(view, match, figure)
    return figure


def _skip_reason(view: str, match: NumberMatch) -> str | None:
    """Return the :data:`NOT_FIGURES` code a token is dropped for, or ``None`` for a figure."""
    if match.kind in ("time", "ordinal", "code", "slashed", "dotted"):
        return "kind"
    before = view[max(0, match.start - 40) : match.start]
    after = view[match.end : match.end + 40]
    checks = (
        ("kind", _is_clock_time),
        ("label_number", lambda v, m: bool(_PATTERNS["rate_base"].search(before))),
        ("phone", _in_phone_number),
        ("list_number", _is_list_number),
        ("year", _is_year),
        ("date", _is_date),
        ("label_number", _is_label_number),
        ("age", _is_age),
        ("duration", lambda v, m: bool(_PATTERNS["duration"].match(after))),
        ("article", _is_article),
    )
    for reason, check in checks:
        if check(view, match):
            return reason
    return None


def _in_phone_number(view: str, match: NumberMatch) -> bool:
    line_start = view.rfind("\n", 0, match.start) + 1
    line_end = view.find("\n", match.end)
    line = view[line_start : line_end if line_end >= 0 else len(view)]
    return any(p.start() <= match.start - line_start < p.end() for p in _PHONE.finditer(line))


def _is_list_number(view: str, match: NumberMatch) -> bool:
    line_start = view.rfind("\n", 0, match.start) + 1
    line_end = view.find("\n", match.end)
    line = view[line_start : line_end if line_end >= 0 else len(view)]
    if match.kind == "digits" and _PATTERNS["page_line"].match(line):
        return True
    prefix = view[line_start : match.start]
    after = view[match.end : match.end + 3]
    starts_line = _PATTERNS["line_prefix"].match(prefix)
    if match.kind == "digits" and starts_line and _PATTERNS["list_after"].match(after):
        return True
    footnote_span = view[max(0, match.start - 2) : match.end + 2]
    return match.kind == "digits" and bool(_PATTERNS["footnote"].search(footnote_span))


def _is_clock_time(view: str, match: NumberMatch) -> bool:
    clock_like = re.fullmatch(r"\d{1,2}\.\d\d|[0-2]\d[0-5]\d", match.text)
    return bool(clock_like and _PATTERNS["clock"].match(view[match.end : match.end + 8]))


def _is_label_number(view: str, match: NumberMatch) -> bool:
    if match.kind not in ("digits", "words"):
        return False
    return bool(_PATTERNS["label_before"].search(view[max(0, match.start - 40) : match.start]))


def _is_year(view: str, match: NumberMatch) -> bool:
    if match.kind != "digits" or "," in match.text or "." in match.text:
        return False
    if _PATTERNS["year_range_before"].search(view[max(0, match.start - 8) : match.start]):
        return True
    if not 1900 <= match.value <= 2099:
        return False
    return _unit_after(view[match.end : match.end + 40]) is None


def _is_date(view: str, match: NumberMatch) -> bool:
    if match.kind != "digits" or match.value > 31 or "." in match.text:
        return False
    after = view[match.end : match.end + 40]
    before = view[max(0, match.start - 12) : match.start]
    return bool(_PATTERNS["date_after"].match(after) or _PATTERNS["date_before"].search(before))


def _is_age(view: str, match: NumberMatch) -> bool:
    if match.kind not in ("digits", "words"):
        return False
    before = view[max(0, match.start - 40) : match.start]
    after = view[match.end : match.end + 20]
    if _PATTERNS["age_before"].search(before) or _PATTERNS["age_after"].match(after):
        return True
    bare = _unit_after(after) is None and _PATTERNS["bare_end"].match(after)
    return bool(bare) and match.value <= 25 and bool(_PATTERNS["under_or_at"].search(before))


def _is_article(view: str, match: NumberMatch) -> bool:
    if match.kind == "words":
        return match.value == 1
    if match.kind == "fraction" and not match.text[:1].isdigit():
        plural = re.search(r"(?:halves|thirds|quarters)$", match.text, re.IGNORECASE)
        return not plural and not _PATTERNS["of_after"].match(view[match.end : match.end + 5])
    return False


def _unit_after(after: str) -> tuple[str, int, int] | None:
    """Return ``(unit, multiplier, length read)`` for a unit word opening ``after``."""
    for pattern, unit, multiplier in _UNIT_AFTER:
        found = pattern.match(after)
        if found:
            return unit, multiplier, found.end()
    return None


def _read_unit(view: str, match: NumberMatch, figure: dict) -> None:
    if match.kind == "percent":
        figure.update(unit="percent", unit_read=True)
        return
    if match.kind == "money":
        figure.update(unit="gbp", unit_read=True)
        return
    if match.kind == "fraction" and not match.text[:1].isdigit():
        figure.update(unit="percent", value=match.value * 100, unit_read=True)
        return
    unit = _unit_after(view[match.end : match.end + 40])
    if unit:
        name, multiplier, length = unit
        figure.update(unit=name, value=match.value * multiplier, unit_read=True)
        if multiplier != 1:
            figure["end"] = match.end + length
    elif _AVERAGE_BEFORE.search(view[max(0, match.start - 60) : match.start]):
        figure["unit"] = "number"


def _carry_list_labels(view: str, matches: list[NumberMatch], figures: list[dict]) -> None:
    """Extend a naming number to the list it heads: 'documents 1, 2 and 3', 'Rooms 3 & 4'."""
    for i in range(1, len(matches)):
        gap = view[matches[i - 1].end : matches[i].start]
        chained = _PATTERNS["list_chain"].match(gap) and _PATTERNS["list_chain_end"].match(
            view[matches[i].end : matches[i].end + 5]
        )
        if figures[i - 1]["skip"] == "label_number" and chained:
            figures[i]["skip"] = "label_number"


def _apply_ranges(text: str, matches: list[NumberMatch], figures: list[dict]) -> None:
    """Let the two ends of a printed range share unit, skip reason and bounds."""
    for i, j in find_ranges(text, matches):
        low, high = figures[i], figures[j]
        if high["skip"] in ("age", "duration", "date") and low["skip"] is None:
            low["skip"] = high["skip"]
        if low["skip"] == "age" and high["skip"] is None:
            high["skip"] = "age"
        if low["skip"] or high["skip"]:
            continue
        if not low["unit_read"] and high["unit_read"] and high["unit"] != "gbp":
            multiplier = high["value"] / matches[j].value if matches[j].value else 1
            low.update(unit=high["unit"], value=matches[i].value * multiplier)
        low["range_bound"], high["range_bound"] = "low", "high"


def _row(text: str, view: str, match: NumberMatch, figure: dict, figures: list) -> dict:
    start, end = _sentence_span(view, match.start, figure["end"])
    sentence = view[start:end]
    offset = match.start - start
    return {
        "label": _label(sentence, offset, figure["end"] - start),
        "period": _period(text, view, (start, end), match, figures),
        "series": _series(sentence, offset, figure["end"] - start),
        "value": float(figure["value"]),
        "unit": figure["unit"],
        "value_text": text[match.start : figure["end"]],
        "qualifier": _qualifier(view, match.start),
        "range_bound": figure.get("range_bound", ""),
        "value_char_start": match.start,
        "value_char_end": figure["end"],
        **span_fields(text, start, end),
    }


def _sentence_span(view: str, start: int, end: int) -> tuple[int, int]:
    """Return the span of the sentence (or list item) holding ``view[start:end]``."""
    window_start = max(0, start - 800)
    begin = window_start
    for boundary in _SENTENCE_END.finditer(view, window_start, start):
        if _is_boundary(view, boundary):
            begin = boundary.end()
    after = next((b for b in _SENTENCE_END.finditer(view, end) if _is_boundary(view, b)), None)
    finish = after.start() + (1 if view[after.start()] in ".!?" else 0) if after else len(view)
    while begin < start and view[begin].isspace():
        begin += 1
    while finish > end and view[finish - 1].isspace():
        finish -= 1
    return begin, finish


def _is_boundary(view: str, boundary: re.Match) -> bool:
    """Tell a sentence end from a blank line that a page break left inside a sentence."""
    if not boundary.group().startswith("\n") or boundary.group().count("\n") < 2:
        return True
    previous = view[: boundary.start()].rstrip()[-1:]
    following = view[boundary.end() :].lstrip()[:1]
    mid_sentence = previous.islower() or previous in ",(" or previous.isdigit()
    return not (mid_sentence and (following.islower() or following.isdigit()))


def _series(sentence: str, offset: int, end: int) -> str:
    before = re.sub(r"\(\d{4}(?:-\d{2})?\)", lambda m: " " * len(m.group()), sentence[:offset])
    previous_number = max((m.end() for m in re.finditer(r"\d", before)), default=0)
    cue = _CUE_BEFORE.search(before[previous_number:])
    if not cue:
        cue = _CUE_AFTER.match(sentence[end:])
    if not cue:
        return "la"
    for pattern, series in _SERIES_CUES:
        if re.search(pattern, cue.group("cue"), re.IGNORECASE):
            return series
    return "la"


def _period(
    text: str, view: str, sentence: tuple[int, int], match: NumberMatch, figures: list
) -> str:
    """Return the period the sentence gives a figure: the nearest one not taken by another.

    A period printed right after a figure ("from 35 in 2014", "120 in 2014-15 to 140
    children in 2015-16") is that figure's, and is not carried on to a later figure the
    sentence moves on to ("to", "currently", "but"): in "from 35 in 2014, with currently 77
    care leavers" 77 has no period of its own (the document's present), while in "314,000 by
    2020, a 9% increase" the 9% keeps "by 2020". A period opening or closing a sentence stays
    every figure's.

    Args:
        text: the raw text.
        view: its matching view (:func:`analysis.sources.text.match_view`).
        sentence: the span of the sentence holding the figure.
        match: the figure's number.
        figures: ``(start, end)`` of every figure of the document.
    """
    others = [f for f in figures if sentence[0] <= f[0] < sentence[1] and f[0] != match.start]
    best, best_distance = "", None
    for found in _PERIODS.finditer(view, *sentence):
        if found.start() <= match.start < found.end():
            continue
        taken = any(_follows(view, other, found.start()) for other in others)
        moves_on = _MOVES_ON.search(view[found.end() : match.start])
        if taken and match.start >= found.end() and moves_on:
            continue
        distance = _gap(found.span(), (match.start, match.end))
        if best_distance is None or distance < best_distance:
            best, best_distance = text[found.start() : found.end()], distance
    return normalise_whitespace(best)


def _follows(view: str, figure: tuple[int, int], start: int) -> bool:
    """Whether a period starting at ``start`` is printed right after the figure (one word at most).

    "35 in 2014", "140 children in 2015-16": the period is the figure's own.
    """
    return figure[1] <= start and bool(_RIGHT_AFTER.fullmatch(view[figure[1] : start]))


#: Words by which a sentence moves on from a figure and its period to another time or contrast.
_MOVES_ON = re.compile(
    r"\b(to|currently|now|but|while|whereas|compared|against|than|since|recently)\b", re.IGNORECASE
)
#: What may stand between a figure and the period printed right after it: one word at most.
_RIGHT_AFTER = re.compile(r"[ \t\n]*(?:[A-Za-z]+[ \t\n]+)?")


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(a[0] - b[1], b[0] - a[1], 0)


def _label(sentence: str, offset: int, end: int) -> str:
    after = sentence[end:]
    after = re.sub(r"^\s*(?:\)\s*)?(?:of\s+)?", "", after, flags=re.IGNORECASE)
    phrase = "" if _LABEL_STOP.match(after) else _LABEL_CUT.split(after, maxsplit=1)[0]
    words = phrase.split()
    if len(words) < 2:
        before = re.split(r"\d[\d,.%]*\)?|[;:]", sentence[:offset])[-1]
        words = before.split()[-_LABEL_WORDS_MAX:]
    return normalise_whitespace(" ".join(words[:_LABEL_WORDS_MAX])).strip(" ,(-")


def _qualifier(view: str, start: int) -> str:
    found = _QUALIFIER.search(view[max(0, start - 20) : start])
    return found.group(1).lower() if found else ""
