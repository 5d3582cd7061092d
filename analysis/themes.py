"""Theme taxonomy: which themes a paragraph or recommendation is about, and why.

The taxonomy lives in ``analysis/data/themes.yml`` (ids, labels, descriptions, signal phrases);
this module loads and checks it, compiles each theme's signals into one regular expression and
matches texts against them. Matching rules (whole words, plurals on the last word, ``*`` for any
ending, spaces and hyphens interchangeable, acronyms case-sensitive) are described in the YAML
header and implemented by :func:`phrase_pattern`.

A theme's ``signals`` name its subject ("core group", "private fostering"): one is enough. Its
``general`` words ("leaders", "placement", "assessment") also occur in passing, so they count
only when the text dwells on them: twice or more, or once in its opening sentence. A signal is
still evidence that a text *mentions* a subject, not proof that it is *about* it; the agreement
with hand labels that follow ``docs/theme_codebook.md`` (:func:`theme_agreement`) measures how
often the two differ.
"""

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis.config import PACKAGE_DATA_DIR
from analysis.errors import InputError
from analysis.labels import read_label_rows
from analysis.text import match_view, opening_sentence_end

THEMES_FILE = PACKAGE_DATA_DIR / "themes.yml"
#: A hand label meaning "this paragraph has no theme" (an empty cell means "not labelled").
NO_THEME = "none"

_REQUIRED_KEYS = {"id", "label", "description", "signals"}
_OPTIONAL_KEYS = {"acronyms", "general"}
_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_SEPARATOR = r"[\s\-]+"


@dataclass(frozen=True)
class Theme:
    """One theme of the taxonomy.

    ``pattern`` matches any of the theme's signals; its ``lastgroup`` is unused, the matched
    text itself is reported by :func:`theme_matches`.
    """

    id: str
    label: str
    description: str
    signals: tuple[str, ...]
    acronyms: tuple[str, ...]
    pattern: re.Pattern
    general: tuple[str, ...] = ()
    general_pattern: re.Pattern = re.compile(r"(?!)")


def phrase_pattern(phrase: str, plural: bool = True, anchored: bool = True) -> str:
    """Turn a signal phrase into a regular expression (without flags).

    Args:
        phrase: words separated by spaces or hyphens; a trailing ``*`` allows any word ending.
        plural: whether the last word may also take a plural ending (``s``/``es``, or ``ies``
            for a final consonant + ``y``).
        anchored: wrap the pattern in the word-boundary checks (off when the caller puts one
            pair of checks around many phrases, which is much faster to search).

    Returns:
        A pattern anchored on word boundaries in which every space or hyphen of the phrase
        matches any run of whitespace and hyphens.
    """
    words = [w for w in re.split(r"[\s\-]+", phrase.strip()) if w]
    if not words:
        raise ValueError("empty phrase")
    *head, last = words
    if last.endswith("*"):
        tail = re.escape(last[:-1]) + r"\w*"
    elif plural and re.search(r"[^aeiou]y$", last, re.IGNORECASE):
        tail = re.escape(last[:-1]) + r"(?:y|ies)"
    elif plural and last[-1:].isalpha():
        tail = re.escape(last) + r"(?:e?s)?"
    else:
        tail = re.escape(last)
    body = _SEPARATOR.join([re.escape(w) for w in head] + [tail])
    return rf"(?<![\w\-]){body}(?![\w])" if anchored else body


def _alternation(phrases: tuple[str, ...], acronyms: tuple[str, ...] = ()) -> re.Pattern:
    """One pattern for many phrases (case-insensitive) and acronyms (case-sensitive)."""
    if not phrases and not acronyms:
        return re.compile(r"(?!)")
    alternatives = [f"(?i:{phrase_pattern(s, anchored=False)})" for s in phrases]
    alternatives += [phrase_pattern(a, anchored=False) for a in acronyms]
    # Longest first, so that "child protection plan" is reported rather than "protection plan".
    # Each alternative must end a word; the boundary checks stand once around the alternation.
    order = sorted(range(len(alternatives)), key=lambda i: -len((phrases + acronyms)[i]))
    body = "|".join(f"{alternatives[i]}(?![\\w])" for i in order)
    return re.compile(rf"(?<![\w\-])(?:{body})")


def _compile_theme(path: Path, entry: dict) -> Theme:
    signals = tuple(entry["signals"])
    acronyms = tuple(entry.get("acronyms") or ())
    general = tuple(entry.get("general") or ())
    return Theme(
        id=entry["id"],
        label=entry["label"],
        description=entry["description"],
        signals=signals,
        acronyms=acronyms,
        pattern=_alternation(signals, acronyms),
        general=general,
        general_pattern=_alternation(general),
    )


def _check_entry(path: Path, position: int, entry: object, seen: dict) -> None:
    where = f"{path}: theme {position}"
    if not isinstance(entry, dict):
        raise InputError(f"{where}: expected a mapping with keys {sorted(_REQUIRED_KEYS)}")
    where = f"{path}: theme {position} ({entry.get('id', 'no id')!r})"
    unknown = set(entry) - _REQUIRED_KEYS - _OPTIONAL_KEYS
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    missing = _REQUIRED_KEYS - set(entry)
    if missing:
        raise InputError(f"{where}: missing key(s) {', '.join(sorted(missing))}")
    theme_id = entry["id"]
    if not isinstance(theme_id, str) or not _ID.match(theme_id):
        raise InputError(f"{where}: id must be snake_case")
    if theme_id in seen:
        raise InputError(f"{where}: duplicate id {theme_id!r} (first is theme {seen[theme_id]})")
    for key in ("label", "description"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise InputError(f"{where}: {key} must be a non-empty string")
    _check_phrases(where, entry)


def _check_phrases(where: str, entry: dict) -> None:
    """Signals must be a non-empty list; acronyms and general words lists; every one text."""
    signals = entry["signals"]
    if not isinstance(signals, list) or not signals:
        raise InputError(f"{where}: signals must be a non-empty list")
    for key in ("acronyms", "general"):
        if not isinstance(entry.get(key) or [], list):
            raise InputError(f"{where}: {key} must be a list")
    for phrase in [*signals, *(entry.get("acronyms") or []), *(entry.get("general") or [])]:
        if not isinstance(phrase, str) or not phrase.strip(" *-"):
            raise InputError(f"{where}: empty or non-text signal {phrase!r}")


def read_themes(path: Path = THEMES_FILE) -> list[Theme]:
    """Read and check a theme taxonomy file.

    Args:
        path: the YAML file (default: the package's ``themes.yml``).

    Returns:
        One :class:`Theme` per entry, in file order.

    Raises:
        InputError: the file is missing or not YAML, lacks the ``themes`` list, or an entry has an
            unknown or missing key, a duplicate or malformed id, or empty signals. The message
            names the file and the entry.
    """
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except FileNotFoundError:
        raise InputError(f"{path}: theme taxonomy not found") from None
    except yaml.YAMLError as err:
        raise InputError(f"{path}: not valid YAML ({err})") from None
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        raise InputError(f"{path}: expected a top-level 'themes' list")
    seen: dict[str, int] = {}
    for position, entry in enumerate(data["themes"], start=1):
        _check_entry(path, position, entry, seen)
        seen[entry["id"]] = position
    return [_compile_theme(path, entry) for entry in data["themes"]]


@functools.cache
def load_themes() -> list[Theme]:
    """Return the package's theme taxonomy (read once, then cached).

    Returns:
        The themes of ``analysis/data/themes.yml`` in taxonomy order.
    """
    return read_themes(THEMES_FILE)


def _matched_words(matches: list[re.Match]) -> list[str]:
    """Matched texts, whitespace-normalised, lower-cased unless acronyms, once each in order."""
    words: list[str] = []
    for match in matches:
        word = " ".join(match.group().split())
        word = word if re.search(r"[A-Z]{2}", word) else word.lower()
        if word not in words:
            words.append(word)
    return words


def theme_matches(text: str, themes: list[Theme] | None = None) -> dict[str, list[str]]:
    """Say which signals of which themes occur in a text.

    A theme's ``general`` words count only when the text dwells on them (twice or more, or
    once in its opening sentence, :func:`analysis.text.opening_sentence_end`); its signals
    count at once.

    Args:
        text: any text (raw or normalised; typographic quotes and dashes are handled).
        themes: a taxonomy; default :func:`load_themes`.

    Returns:
        ``{theme_id: [matched text, ...]}`` for every theme that applies, in taxonomy order; the
        matched texts are whitespace-normalised, lower-cased except for acronyms, and listed
        once each in order of first occurrence.
    """
    view = match_view(text)
    opening_end = opening_sentence_end(view)
    found: dict[str, list[str]] = {}
    for theme in themes if themes is not None else load_themes():
        signals = list(theme.pattern.finditer(view))
        general = list(theme.general_pattern.finditer(view))
        dwells = len(general) >= 2 or any(m.start() < opening_end for m in general)
        matches = sorted(signals + (general if dwells else []), key=lambda m: m.start())
        if matches:
            found[theme.id] = _matched_words(matches)
    return found


def assign_themes(text: str, themes: list[Theme] | None = None) -> list[str]:
    """Return the ids of the themes a text mentions.

    Args:
        text: a paragraph or recommendation.
        themes: a taxonomy; default :func:`load_themes`.

    Returns:
        Theme ids in taxonomy order (possibly empty).
    """
    return list(theme_matches(text, themes))


def themes_to_cell(ids: list[str]) -> str:
    """Join theme ids for a table cell: ``["a", "b"]`` -> ``"a;b"``; ``[]`` -> ``""``."""
    return ";".join(ids)


def cell_to_themes(cell: str | None) -> list[str]:
    """Split a ``;``-joined cell back into theme ids (empty or missing -> ``[]``)."""
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def theme_agreement(
    labels_csv: Path,
    themes: list[Theme] | None = None,
    split: str | None = None,
    files: Collection[str] | None = None,
) -> dict:
    """Compare :func:`assign_themes` with hand-labelled themes.

    Only rows whose ``themes`` cell is filled in are scored: an empty cell means "not
    labelled", ``none`` means "labelled: no theme".

    Args:
        labels_csv: CSV with columns ``text`` and ``themes`` (``;``-separated ids), and
            ``split`` if ``split`` is given.
        themes: a taxonomy; default :func:`load_themes`.
        split: score only the rows whose ``split`` is this (``"tuning"`` or ``"test"``).
        files: score only the rows whose ``file`` is one of these document file names.

    Returns:
        ``{"rows": n, "precision": p, "recall": r, "f1": f, "per_theme": {id: {"tp", "fp",
        "fn", "precision", "recall"}}}``, micro-averaged over (row, theme) pairs; ratios are
        rounded to three decimals.

    Raises:
        InputError: the file lacks a column or a label names an unknown theme.
    """
    taxonomy = themes if themes is not None else load_themes()
    known = [t.id for t in taxonomy]
    counts = {theme_id: {"tp": 0, "fp": 0, "fn": 0} for theme_id in known}
    rows = 0
    for line_no, row in read_label_rows(labels_csv, ("text", "themes"), split, files):
        cell = (row["themes"] or "").strip()
        if not cell:
            continue
        expected = set() if cell == NO_THEME else set(cell_to_themes(cell))
        unknown = expected - set(known)
        if unknown:
            raise InputError(f"{labels_csv}, line {line_no}: unknown theme(s) {sorted(unknown)}")
        rows += 1
        got = set(assign_themes(row["text"], taxonomy))
        for theme_id in known:
            key = _outcome(theme_id in expected, theme_id in got)
            if key:
                counts[theme_id][key] += 1
    return {"rows": rows, **_ratios(counts), "per_theme": _per_theme(counts)}


def theme_labeller_agreement(labels_csv: Path) -> dict:
    """How far two labellers, working alone from ``docs/theme_codebook.md``, agreed.

    Args:
        labels_csv: CSV with columns ``themes_a`` and ``themes_b`` (each labeller's themes,
            ``;``-separated, or ``none``); rows with either empty are skipped.

    Returns:
        ``{"rows": n, "same_themes": share of rows with identical sets, "dice": 2|A&B| /
        (|A| + |B|) over all (row, theme) pairs}``, rounded to three decimals.

    Raises:
        InputError: a column is missing.
    """
    rows = same = shared = total = 0
    for _, row in read_label_rows(labels_csv, ("themes_a", "themes_b")):
        cells = [(row[c] or "").strip() for c in ("themes_a", "themes_b")]
        if not all(cells):
            continue
        a, b = ({t for t in cell_to_themes(c) if t != NO_THEME} for c in cells)
        rows += 1
        same += a == b
        shared += 2 * len(a & b)
        total += len(a) + len(b)
    return {
        "rows": rows,
        "same_themes": _ratio(same, rows),
        "dice": _ratio(shared, total),
    }


def _outcome(expected: bool, got: bool) -> str | None:
    if expected and got:
        return "tp"
    if got:
        return "fp"
    return "fn" if expected else None


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 3) if denominator else 0.0


def _ratios(counts: dict) -> dict:
    tp = sum(c["tp"] for c in counts.values())
    fp = sum(c["fp"] for c in counts.values())
    fn = sum(c["fn"] for c in counts.values())
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = _ratio(2 * tp, 2 * tp + fp + fn)
    return {"precision": precision, "recall": recall, "f1": f1}


def _per_theme(counts: dict) -> dict:
    return {
        theme_id: {
            **c,
            "precision": _ratio(c["tp"], c["tp"] + c["fp"]),
            "recall": _ratio(c["tp"], c["tp"] + c["fn"]),
        }
        for theme_id, c in counts.items()
    }
