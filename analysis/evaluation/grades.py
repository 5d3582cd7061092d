"""Grades the judgements command prints, scored against a list of published grades.

The lists are ``EXPECTED.csv`` files beside a corpus (``../shared/corpus``,
``../shared/corpus-pdf``): one row per graded judgement with ``file``, ``area_key`` and
``grade_score``, and, in the PDF corpus, the area as printed (``area``).
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from analysis.parse.judgements import judgement_identity

Key = tuple[str, str, str]


def judgement_key(file: str, row: dict) -> Key:
    """Return what makes a judgement one: its file, and the parser's identity of it.

    The identity is :func:`~analysis.parse.judgements.judgement_identity`: the area key, and an
    ``other`` area's printed name folded.
    """
    return (file, *judgement_identity(row))


def read_expected_grades(path: Path) -> dict[Key, str]:
    """Return the graded judgements of an ``EXPECTED.csv``: key -> ``grade_score`` as printed.

    Rows with no score (an area the report marks "not judged") are left out.
    """
    with open(path, encoding="utf-8", newline="") as handle:
        return {
            judgement_key(row["file"], row): row["grade_score"]
            for row in csv.DictReader(handle)
            if row["grade_score"]
        }


@dataclass(frozen=True)
class GradeScore:
    """How the grades found compare with the published ones."""

    right: int
    wrong: dict[Key, tuple[str, str]]
    missing: list[Key]
    extra: list[Key]
    expected: int


def score_grades(expected: dict[Key, str], found: dict[Key, str]) -> GradeScore:
    """Compare grades found with the published ones.

    Args:
        expected: key -> published ``grade_score`` (from :func:`read_expected_grades`).
        found: key -> ``grade_score`` as the judgements command printed it.

    Returns:
        Right, wrong (key -> (published, found)), missing and extra judgements.
    """
    wrong = {k: (v, found[k]) for k, v in expected.items() if k in found and found[k] != v}
    return GradeScore(
        right=sum(found.get(k) == v for k, v in expected.items()),
        wrong=wrong,
        missing=sorted(set(expected) - set(found)),
        extra=sorted(set(found) - set(expected)),
        expected=len(expected),
    )
