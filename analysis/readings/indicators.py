"""The harmonised indicator catalogue: stable ids for measures followed across documents.

The catalogue lives in ``analysis/data/indicators.yml`` (one entry per measure, documented at the
top of that file). :func:`assign_indicator_id` gives a figure its id from its label, its
sentence and its unit:

1. Only entries of the figure's unit are candidates (when a unit is given).
2. Each entry's ``match`` patterns (case-insensitive regular expressions) are searched in the
   label, then in the context (the sentence), unless the entry says ``label_only: true``.
3. The most specific match wins: a match in the label beats a match in the context only; among
   those, the longest matched text wins ("not in education, employment or training" beats
   "education, employment or training"); a remaining tie goes to the entry listed first.
4. A figure that matches nothing gets the generic id ``other_<unit>`` (``other_percent``,
   ``other_count``, ...), or ``other`` when no unit is given.
"""

import functools
import re
from pathlib import Path

import pandas as pd

from analysis.config import PACKAGE_DATA_DIR
from analysis.contract.errors import InputError
from analysis.contract.values import POLARITIES, UNITS
from analysis.sources.package_data import load_yaml
from analysis.sources.text import normalise_whitespace

CATALOGUE_FILE = PACKAGE_DATA_DIR / "indicators.yml"
FIELDS = ("id", "label", "unit", "polarity", "definition", "match", "caveats")
#: Optional fields: ``label_only: true`` matches the figure's label only, never its sentence, for
#: measures whose words also appear around unrelated numbers ("children in care" near "two
#: nurses").
OPTIONAL_FIELDS = ("label_only",)
GENERIC_PREFIX = "other"
_ID = re.compile(r"[a-z][a-z0-9_]*")


def load_catalogue(path: Path | None = None) -> list[dict]:
    """Read and check the indicator catalogue.

    Args:
        path: a catalogue YAML file; the package's ``indicators.yml`` when ``None``.

    Returns:
        One dict per entry, in file order, with ``match`` compiled to ``patterns``.

    Raises:
        InputError: the file is missing or not a YAML list, or an entry lacks a field, repeats
            an id, has an id that is not snake_case or is generic, an unknown unit or polarity,
            no match pattern, or a pattern that is not a valid regular expression. The message
            names the file and the entry.
    """
    path = Path(path) if path else CATALOGUE_FILE
    if path == CATALOGUE_FILE:
        return [dict(entry) for entry in _cached_catalogue()]
    return _read_catalogue(path)


@functools.cache
def _cached_catalogue() -> tuple[dict, ...]:
    return tuple(_read_catalogue(CATALOGUE_FILE))


def _read_catalogue(path: Path) -> list[dict]:
    entries = load_yaml(path, "indicator catalogue", expect=list)
    if not entries:
        raise InputError(f"{path}: expected a YAML list of indicator entries")
    seen: set[str] = set()
    checked = []
    for number, entry in enumerate(entries, start=1):
        checked.append(_check_entry(path, number, entry, seen))
        seen.add(checked[-1]["id"])
    return checked


def _check_entry(path: Path, number: int, entry: object, seen: set[str]) -> dict:
    where = f"{path}, entry {number}"
    if not isinstance(entry, dict):
        raise InputError(f"{where}: expected a mapping with fields {', '.join(FIELDS)}")
    where = f"{where} ({entry.get('id', '?')})"
    missing = [f for f in FIELDS if f not in entry]
    if missing:
        raise InputError(f"{where}: missing field(s) {', '.join(missing)}")
    unknown = [f for f in entry if f not in FIELDS + OPTIONAL_FIELDS]
    if unknown:
        raise InputError(f"{where}: unknown field(s) {', '.join(map(str, unknown))}")
    entry_id = str(entry["id"])
    if not _ID.fullmatch(entry_id) or entry_id.startswith(GENERIC_PREFIX):
        raise InputError(f"{where}: id {entry_id!r} must be snake_case and not start 'other'")
    if entry_id in seen:
        raise InputError(f"{where}: duplicate id {entry_id!r}")
    if entry["unit"] not in UNITS:
        raise InputError(f"{where}: unit {entry['unit']!r} is not one of {', '.join(UNITS)}")
    if entry["polarity"] not in POLARITIES:
        raise InputError(
            f"{where}: polarity {entry['polarity']!r} is not one of {', '.join(POLARITIES)}"
        )
    return {**entry, "id": entry_id, "patterns": _compile_patterns(where, entry["match"])}


def _compile_patterns(where: str, patterns: object) -> list[re.Pattern]:
    if not isinstance(patterns, list) or not patterns:
        raise InputError(f"{where}: match must be a non-empty list of patterns")
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(str(pattern), re.IGNORECASE))
        except re.error as err:
            raise InputError(f"{where}: match pattern {pattern!r} is invalid: {err}") from None
    return compiled


def generic_id(unit: str) -> str:
    """Return the id given to a figure no entry matches: ``other_<unit>`` or ``other``."""
    return f"{GENERIC_PREFIX}_{unit}" if unit else GENERIC_PREFIX


def assign_indicator_id(label: str, context: str = "", unit: str = "") -> str:
    """Give a figure its catalogue id.

    Args:
        label: the measure's wording read for the figure (e.g. from ``parse_figures``).
        context: the sentence or row the figure came from; searched after the label.
        unit: the figure's unit; when given, only entries of that unit can match.

    Returns:
        The matching entry's id (most specific match, see the module docstring), or
        :func:`generic_id` of the unit when none matches.

    Raises:
        InputError: ``unit`` is not a known unit.
    """
    if unit and unit not in UNITS:
        raise InputError(f"unit {unit!r} is not one of {', '.join(UNITS)}")
    best_id, best_score = generic_id(unit), (0, 0)
    for entry in load_catalogue():
        if unit and entry["unit"] != unit:
            continue
        score = _match_score(entry["patterns"], label, "" if entry.get("label_only") else context)
        if score > best_score:
            best_id, best_score = entry["id"], score
    return best_id


def _match_score(patterns: list[re.Pattern], label: str, context: str) -> tuple[int, int]:
    """Score ``(2, length)`` for the longest match in the label, ``(1, length)`` in context."""
    for weight, text in ((2, label), (1, context)):
        text = normalise_whitespace(text or "")  # wrapped lines must match one-space patterns
        lengths = [len(m.group()) or 1 for p in patterns if (m := p.search(text))]
        if lengths:
            return weight, max(lengths)
    return 0, 0


def assign_indicator_ids(rows: list[dict], text: str = "") -> list[dict]:
    """Give the figures of one document their ``indicator_id``.

    Each figure is matched on its ``label``, then its ``context`` (or ``evidence``), within its
    ``unit`` (:func:`assign_indicator_id`). Given the document's ``text``, two rules about
    sentences follow: a share of a group named earlier ("37%, of this cohort") takes the
    generic id, and a figure opening a "This is a decrease from ..." sentence takes the measure
    of the figure before it. Either rule says so in the row's ``note``.

    Args:
        rows: figures of one document, in text order, with ``label`` and ``unit``.
        text: the document's raw text; without it only the matching is done.

    Returns:
        New dicts, one per row, each with ``indicator_id`` added.
    """
    out = [
        {
            **row,
            "indicator_id": assign_indicator_id(
                row.get("label", ""),
                row.get("context", row.get("evidence", "")),
                row.get("unit", ""),
            ),
        }
        for row in rows
    ]
    if text:
        _generic_for_subgroup_shares(out, text)
        _carry_measure_to_anaphora(out)
    return out


#: A sentence opening like this refers back to the measure of the sentence before it
#: ("At 31 August 2016, 854 children ... This is a decrease from 1,028 at 31 March 2015.").
_ANAPHORA = ("this is ", "this was ", "this represents ", "this compares ", "this has ")
_ANAPHORA_REACH = 400  # characters between the two sentences, at most
_ANAPHORA_OPENING = 60  # the number must sit this close to the sentence's start


def _carry_measure_to_anaphora(rows: list[dict]) -> None:
    """Give a generic-id figure in a "This is ..." sentence the previous sentence's measure.

    Only when the number opens the sentence (within :data:`_ANAPHORA_OPENING` characters) and
    the previous figure has the same unit, a catalogue id, and ends at most
    :data:`_ANAPHORA_REACH` characters before; the row's ``note`` says the measure was carried.
    """
    previous = None
    for row in rows:
        opening = row["evidence"].lstrip().lower()
        if (
            row["indicator_id"].startswith("other")
            and opening.startswith(_ANAPHORA)
            and row["value_char_start"] - row["char_start"] <= _ANAPHORA_OPENING
            and previous is not None
            and previous["unit"] == row["unit"]
            and not previous["indicator_id"].startswith("other")
            and 0 <= row["char_start"] - previous["char_end"] <= _ANAPHORA_REACH
        ):
            row["indicator_id"] = previous["indicator_id"]
            row["note"] = "measure carried from the previous sentence"
        if row["evidence"] != (previous or {}).get("evidence"):
            previous = row


#: "37%, of this cohort ...": a share of a group named in an earlier sentence, not the measure
#: the sentence's other words name.
_SUBGROUP_SHARE = re.compile(r"\W{0,3}of (?:this|these|that|those|the) (?:cohort|group)\b", re.I)


def _generic_for_subgroup_shares(rows: list[dict], text: str) -> None:
    """Give a figure that is a share of a group named earlier the generic id, with a note."""
    for row in rows:
        if _SUBGROUP_SHARE.match(text, row["value_char_end"]):
            row["indicator_id"] = generic_id(row["unit"])
            row["note"] = "share of a group named earlier: no catalogue measure"


def catalogue_table() -> pd.DataFrame:
    """Return the catalogue as a table for the data dictionary and reports.

    Returns:
        One row per indicator with columns ``id``, ``label``, ``unit``, ``polarity``,
        ``definition``, ``match`` (patterns joined by `` | ``) and ``caveats``.
    """
    records = [
        {**{f: entry[f] for f in FIELDS}, "match": " | ".join(map(str, entry["match"]))}
        for entry in load_catalogue()
    ]
    return pd.DataFrame.from_records(records, columns=list(FIELDS))


def check_indicator_ids(ids: list[str], parameter: str = "measure_groups") -> list[str]:
    """Refuse ids the catalogue does not know (a notebook parameter's check).

    Raises:
        InputError: naming the parameter and the unknown ids.
    """
    known = {entry["id"] for entry in load_catalogue()}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise InputError(
            f"parameter {parameter}: unknown indicator id(s) {', '.join(unknown)}; "
            f"see {CATALOGUE_FILE.name}"
        )
    return list(ids)
