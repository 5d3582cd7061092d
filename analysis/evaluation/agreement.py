"""Agreement measures: the phrase readers against labels, and labellers against each other.

Tone (:func:`tone_agreement`) and themes (:func:`theme_agreement`) are scored on a label file
(:mod:`analysis.evaluation.labels`); :func:`labeller_agreement` and
:func:`theme_labeller_agreement` say how far two labellers working alone from the codebooks
agreed, the ceiling a reader can be held to. The readers themselves know nothing of labels.
"""

from collections.abc import Collection
from pathlib import Path

from analysis.contract.errors import InputError
from analysis.contract.values import TONES
from analysis.evaluation.labels import read_label_rows
from analysis.readings.themes import NO_THEME, Theme, assign_themes, cell_to_themes, load_themes
from analysis.readings.tone import ToneLexicon, score_tone


def _label_rows(
    labels_csv: Path,
    columns: tuple[str, ...],
    split: str | None = None,
    files: Collection[str] | None = None,
) -> list[tuple[int, dict]]:
    """:func:`analysis.evaluation.labels.read_label_rows`, then a check of every tone in the rows.

    Raises:
        InputError: a column is missing, or a ``tone`` or ``labeller_*`` cell that is filled in
            is not one of :data:`TONES`; the message names the file and the line.
    """
    rows = read_label_rows(labels_csv, columns, split, files)
    for line_no, row in rows:
        for column in [c for c in row if c == "tone" or c.startswith("labeller_")]:
            value = (row[column] or "").strip()
            if (value or column == "tone") and value not in TONES:
                raise InputError(f"{labels_csv}, line {line_no}: unknown {column} {value!r}")
    return rows


def tone_agreement(
    labels_csv: Path,
    lexicon: ToneLexicon | None = None,
    split: str | None = None,
    files: Collection[str] | None = None,
) -> dict:
    """Compare :func:`score_tone` with labelled tones.

    Args:
        labels_csv: CSV with columns ``text`` and ``tone`` (one of :data:`TONES`), and a
            ``split`` column if ``split`` is given.
        lexicon: phrase lists; default :func:`load_lexicon`.
        split: score only the rows whose ``split`` is this (``"tuning"`` or ``"test"``);
            default every row.
        files: score only the rows whose ``file`` is one of these document file names;
            default every row.

    Returns:
        ``{"rows": n, "accuracy": a, "confusion": {label: {predicted: count}},
        "per_class": {tone: {"precision", "recall", "support"}}, "errors": [...]}`` where
        ``errors`` lists ``(line, label, predicted, explanation)`` for each disagreement; ratios
        are rounded to three decimals.

    Raises:
        InputError: the file lacks a column or a label is not a known tone.
    """
    confusion = {label: dict.fromkeys(TONES, 0) for label in TONES}
    errors = []
    for line_no, row in _label_rows(labels_csv, ("text", "tone"), split, files):
        label = row["tone"].strip()
        result = score_tone(row["text"], lexicon)
        confusion[label][result.tone] += 1
        if result.tone != label:
            errors.append((line_no, label, result.tone, result.explain()))
    return _agreement_summary(confusion, errors)


def labeller_agreement(labels_csv: Path) -> dict:
    """How far two labellers working alone from the codebook agreed with each other.

    Args:
        labels_csv: CSV with columns ``labeller_a`` and ``labeller_b`` (their tones) and
            ``labeller_c`` (a third labeller's tone where those two differed, else empty).

    Returns:
        ``{"rows": n, "agreement": share of rows where a and b agree, "kappa": Cohen's kappa
        for a and b, "settled_by_c": rows where c decided}``, ratios rounded to three decimals.

    Raises:
        InputError: a column is missing or a tone is unknown.
    """
    rows = _label_rows(labels_csv, ("labeller_a", "labeller_b", "labeller_c"))
    pairs = [(row["labeller_a"].strip(), row["labeller_b"].strip()) for _, row in rows]
    n = len(pairs)
    if not n:
        return {"rows": 0, "agreement": 0.0, "kappa": 0.0, "settled_by_c": 0}
    observed = sum(a == b for a, b in pairs) / n
    expected = sum(
        (sum(a == tone for a, _ in pairs) / n) * (sum(b == tone for _, b in pairs) / n)
        for tone in TONES
    )
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    return {
        "rows": n,
        "agreement": round(observed, 3),
        "kappa": round(kappa, 3),
        "settled_by_c": sum(bool(row["labeller_c"].strip()) for _, row in rows),
    }


def _agreement_summary(confusion: dict, errors: list) -> dict:
    rows = sum(sum(c.values()) for c in confusion.values())
    correct = sum(confusion[t][t] for t in TONES)
    per_class = {}
    for tone in TONES:
        predicted = sum(confusion[label][tone] for label in TONES)
        support = sum(confusion[tone].values())
        per_class[tone] = {
            "precision": round(confusion[tone][tone] / predicted, 3) if predicted else 0.0,
            "recall": round(confusion[tone][tone] / support, 3) if support else 0.0,
            "support": support,
        }
    accuracy = round(correct / rows, 3) if rows else 0.0
    return {
        "rows": rows,
        "accuracy": accuracy,
        "confusion": confusion,
        "per_class": per_class,
        "errors": errors,
    }


def theme_agreement(
    labels_csv: Path,
    themes: list[Theme] | None = None,
    split: str | None = None,
    files: Collection[str] | None = None,
) -> dict:
    """Compare :func:`assign_themes` with labelled themes.

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
