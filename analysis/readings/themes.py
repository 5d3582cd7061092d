"""Theme taxonomy: which themes a paragraph or recommendation is about, and why.

The taxonomy lives in ``analysis/data/themes.yml`` (ids, labels, descriptions, signal phrases);
this module loads and checks it, compiles each theme's signals into one regular expression and
matches texts against them. Matching rules (whole words, plurals on the last word, ``*`` for any
ending, spaces and hyphens interchangeable, acronyms case-sensitive) are described in the YAML
header and implemented by :func:`analysis.parse.patterns.phrase_pattern`.

A theme's ``signals`` name its subject ("core group", "private fostering"): one is enough. Its
``general`` words ("leaders", "placement", "assessment") also occur in passing, so they count
only when the text dwells on them: twice or more, or once in its opening sentence. A signal is
still evidence that a text *mentions* a subject, not proof that it is *about* it; the agreement
with labels that follow ``docs/theme_codebook.md``
(:func:`analysis.evaluation.agreement.theme_agreement`) measures how often the two differ.
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.config import PACKAGE_DATA_DIR
from analysis.contract.errors import InputError
from analysis.parse.patterns import NEVER, WORD_END, WORD_START, alternation, phrase_pattern
from analysis.sources.package_data import load_yaml
from analysis.sources.text import match_view, opening_sentence_end

THEMES_FILE = PACKAGE_DATA_DIR / "themes.yml"
#: A label meaning "this paragraph has no theme" (an empty cell means "not labelled").
NO_THEME = "none"

_REQUIRED_KEYS = {"id", "label", "description", "signals"}
_OPTIONAL_KEYS = {"acronyms", "general"}
_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")


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
    #: Lower-case texts one of which a text in ASCII must hold for ``pattern`` to match in it
    #: (:func:`_needles`); ``None`` when that cannot be said.
    needles: tuple[str, ...] | None = None
    general_needles: tuple[str, ...] | None = None


def _alternation(phrases: tuple[str, ...], acronyms: tuple[str, ...] = ()) -> re.Pattern:
    """One pattern for many phrases (case-insensitive) and acronyms (case-sensitive)."""
    if not phrases and not acronyms:
        return re.compile(NEVER)
    alternatives = [phrase_pattern(s, anchored=False) for s in phrases]
    alternatives += [f"(?-i:{phrase_pattern(a, anchored=False)})" for a in acronyms]
    # Longest first, so that "child protection plan" is reported rather than "protection plan".
    # Each alternative must end a word; the boundary checks stand once around the alternation,
    # and the phrases are grouped by first letter (analysis.parse.patterns.alternation).
    order = sorted(range(len(alternatives)), key=lambda i: -len((phrases + acronyms)[i]))
    body = alternation([f"{alternatives[i]}{WORD_END}" for i in order], ignore_case=True)
    return re.compile(f"{WORD_START}(?:{body})", re.IGNORECASE)


def _needles(phrases: tuple[str, ...]) -> tuple[str, ...] | None:
    """Texts that a match of any of ``phrases`` starts with, lower-cased, as a cheap pre-check.

    A phrase's pattern (:func:`analysis.parse.patterns.phrase_pattern`) starts with its first
    word as written; only a one-word phrase's ending may vary (``*``, a plural ``y``/``ies``),
    so the word's last letter is left out. In a text of ASCII characters a phrase in ASCII
    matches, case aside, only where this text stands. ``None`` (always search) when a phrase is
    not ASCII, where case-insensitive matching has exceptions (``K`` is the Kelvin sign too).
    """
    needles = []
    for phrase in phrases:
        words = [w for w in re.split(r"[\s\-]+", phrase.strip()) if w]
        first = words[0].rstrip("*")
        needle = first[:-1] if len(words) == 1 else first
        if not needle.isascii():
            return None
        needles.append(needle.lower())
    return tuple(needles)


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
        needles=_needles(signals + acronyms),
        general_needles=_needles(general),
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
    data = load_yaml(path, "theme taxonomy")
    if not isinstance(data.get("themes"), list):
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
    once in its opening sentence, :func:`analysis.sources.text.opening_sentence_end`); its signals
    count at once.

    Args:
        text: any text (raw or normalised; typographic quotes and dashes are handled).
        themes: a taxonomy; default :func:`load_themes`.

    Returns:
        ``{theme_id: [matched text, ...]}`` for every theme that applies, in taxonomy order; the
        matched texts are whitespace-normalised, lower-cased except for acronyms, and listed
        once each in order of first occurrence.
    """
    if themes is None or themes is load_themes():
        return {theme_id: list(words) for theme_id, words in _default_matches(text)}
    return _matches(text, themes)


@functools.lru_cache(maxsize=16384)
def _default_matches(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """:func:`theme_matches` with the package's taxonomy, worked out once per text.

    The build, the asks comparison and the agreement measures match the same paragraphs
    several times over.
    """
    return tuple((key, tuple(words)) for key, words in _matches(text, load_themes()).items())


def _matches(text: str, themes: list[Theme]) -> dict[str, list[str]]:
    """:func:`theme_matches` with a given taxonomy, every time."""
    view = match_view(text)
    opening_end = opening_sentence_end(view)
    present = _present_needles(view, themes)
    found: dict[str, list[str]] = {}
    for theme in themes:
        signals = _finditer(theme.pattern, theme.needles, view, present)
        general = _finditer(theme.general_pattern, theme.general_needles, view, present)
        dwells = len(general) >= 2 or any(m.start() < opening_end for m in general)
        matches = sorted(signals + (general if dwells else []), key=lambda m: m.start())
        if matches:
            found[theme.id] = _matched_words(matches)
    return found


def _present_needles(view: str, themes: list[Theme]) -> frozenset[str] | None:
    """Which of the taxonomy's needles (:func:`_needles`) the view holds, case aside.

    Each distinct needle is looked for once, however many themes share it. ``None`` (search
    every pattern) when the view is not ASCII.
    """
    if not view.isascii():
        return None
    lowered = view.lower()
    return frozenset(needle for needle in _all_needles(themes) if needle in lowered)


def _all_needles(themes: list[Theme]) -> frozenset[str]:
    """Every needle of a taxonomy, once (kept for the last taxonomy asked about)."""
    global _LAST_NEEDLES
    if _LAST_NEEDLES[0] is not themes:
        found = frozenset(n for t in themes for n in (t.needles or ()) + (t.general_needles or ()))
        _LAST_NEEDLES = (themes, found)
    return _LAST_NEEDLES[1]


#: The taxonomy :func:`_all_needles` last read (a taxonomy is read, never changed) and its needles.
_LAST_NEEDLES: tuple[list[Theme] | None, frozenset[str]] = (None, frozenset())


def _finditer(
    pattern: re.Pattern, needles: tuple[str, ...] | None, view: str, present: frozenset | None
) -> list[re.Match]:
    """Every match of ``pattern`` in ``view``, searched only where one of its needles is there.

    ``present``: :func:`_present_needles` (``None``: always search).
    """
    if present is not None and needles is not None and present.isdisjoint(needles):
        return []
    return list(pattern.finditer(view))


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
