"""How far to trust the phrase readers: tone and themes against paragraphs labelled.

Tone (:mod:`analysis.readings.tone`) and themes (:mod:`analysis.readings.themes`) are read from
phrases, so every chart and table built on them should say how often those readings match a
person's. This module measures that on the documents being compared, from a label file such as
``data/labels/paragraph_labels.csv`` (see :mod:`analysis.evaluation.labels`): only its ``test``
rows count, the paragraphs drawn at random and used to choose nothing in the phrase lists, so the
figures are what a reader can expect on paragraphs the rules have not seen.
"""

from collections.abc import Collection
from pathlib import Path

import pandas as pd

from analysis.contract.values import TEST_SPLIT
from analysis.evaluation.agreement import theme_agreement, tone_agreement

COLUMNS = ["reader", "measure", "percent", "paragraphs", "split", "labels_file"]


def reading_accuracy(
    labels_csv: Path | None, files: Collection[str], split: str = TEST_SPLIT
) -> pd.DataFrame:
    """Measure tone and themes against the labels of the given documents.

    Args:
        labels_csv: a label file with columns ``file``, ``text``, ``tone``, ``themes`` and
            ``split``; ``None`` when the documents have no labels.
        files: file names of the documents compared (the ``file`` column of ``sources``).
        split: which labelled rows to score (default ``test``: those used to choose nothing).

    Returns:
        One row per figure, columns :data:`COLUMNS`: ``reader`` (``tone`` or ``themes``),
        ``measure`` (``agreement`` for tone; ``precision`` and ``recall`` for themes),
        ``percent`` (to one decimal), ``paragraphs`` (labelled rows scored) and the ``split``
        and ``labels_file`` they came from. Empty when there is no label file, and a reader
        has no rows when none of its labelled paragraphs is in ``files``.

    Raises:
        InputError: the label file lacks a column or holds an unknown tone or theme; the
            message names the file (and the line).
    """
    if labels_csv is None:
        return pd.DataFrame(columns=COLUMNS)
    files = set(files)
    tone = tone_agreement(labels_csv, split=split, files=files)
    themes = theme_agreement(labels_csv, split=split, files=files)
    figures = []
    if tone["rows"]:
        figures.append(("tone", "agreement", tone["accuracy"], tone["rows"]))
    if themes["rows"]:
        figures += [
            ("themes", "precision", themes["precision"], themes["rows"]),
            ("themes", "recall", themes["recall"], themes["rows"]),
        ]
    rows = [
        {
            "reader": reader,
            "measure": measure,
            "percent": round(100 * ratio, 1),
            "paragraphs": n,
            "split": split,
            "labels_file": Path(labels_csv).name,
        }
        for reader, measure, ratio, n in figures
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def _paragraphs(n: int) -> str:
    return f"{n} paragraph" if n == 1 else f"{n} paragraphs"


def _figure(accuracy: pd.DataFrame, reader: str, measure: str) -> pd.Series | None:
    match = accuracy[(accuracy["reader"] == reader) & (accuracy["measure"] == measure)]
    return match.iloc[0] if len(match) else None


def accuracy_note(accuracy: pd.DataFrame, readers: tuple[str, ...] = ("tone", "themes")) -> str:
    """A sentence for a chart or the report page saying how far to trust tone and/or themes.

    Args:
        accuracy: a :func:`reading_accuracy` table.
        readers: the readers the chart rests on, ``"tone"`` and/or ``"themes"``.

    Returns:
        For example ``"Tone is read from phrases; on labelled paragraphs not used to set
        the rules, tone matched the label on 82.5% of 120 paragraphs."``, or, without figures,
        a sentence saying that it was not checked.
    """
    clauses = []
    tone = _figure(accuracy, "tone", "agreement") if "tone" in readers else None
    if tone is not None:
        clauses.append(
            f"tone matched the label on {tone['percent']:.1f}% of {_paragraphs(tone['paragraphs'])}"
        )
    precision = _figure(accuracy, "themes", "precision") if "themes" in readers else None
    recall = _figure(accuracy, "themes", "recall") if "themes" in readers else None
    if precision is not None and recall is not None:
        clauses.append(
            f"{precision['percent']:.1f}% of the themes found were right and "
            f"{recall['percent']:.1f}% of the labelled ones were found "
            f"({_paragraphs(precision['paragraphs'])})"
        )
    subject = " and ".join(readers).capitalize()
    verb = "is" if readers == ("tone",) else "are"
    if not clauses:
        return f"{subject} {verb} read from phrases, not checked against labels here."
    return (
        f"{subject} {verb} read from phrases; on labelled paragraphs not used to set the "
        f"rules, {'; '.join(clauses)}."
    )
