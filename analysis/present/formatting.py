"""How the report writes grades and figures for a reader: one formatter for charts and sentences.

Imports nothing above the contract, so a chart can format a grade without loading any reader.
"""

import pandas as pd

#: How a reader sees each status of an ask (``docs/concern_codebook.md``), in charts, sentences
#: and the page.
ASK_STATUS_WORDS = {
    "asked_again": "asked again",
    "reported_improved": "reported improved",
    "mixed": "mixed",
    "reported_still_weak": "reported still weak",
    "not_mentioned": "not mentioned",
}


def display_grade(grade: str) -> str:
    """A grade as the report shows it, in sentence case.

    Reports print a grade in a table ("Inadequate"), inside a sentence ("... are inadequate")
    or in capitals; the tables keep the printed form, sentences and charts show this one.
    """
    return grade[:1].upper() + grade[1:].lower()


_SUFFIX = {
    "percent": "%",
    "days": " days",
    "rate_per_10k": " per 10,000",
    "rate_per_100k": " per 100,000",
}


def format_value(value: float, unit: str, rate_base: bool = True) -> str:
    """Write a figure for a reader: ``64%``, ``1,816``, ``156 days``, ``67 per 10,000``.

    Args:
        value: the number; missing gives ``-``.
        unit: its unit (see :data:`analysis.contract.values.UNITS`).
        rate_base: whether to write "per 10,000" after a rate (off where an axis says it).

    Returns:
        The number to at most one decimal place, with its unit.
    """
    if value is None or pd.isna(value):
        return "-"
    text = f"{value:,.1f}".rstrip("0").rstrip(".")
    if unit.startswith("rate_per_") and not rate_base:
        return text
    return text + _SUFFIX.get(unit, "")
