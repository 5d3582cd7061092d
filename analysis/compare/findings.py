"""Question 2, the secondary lens: themes and tone by year, and by theme and year.

Functions take the processed ``findings`` and ``recommendations`` tables, restricted to the chosen
documents, and return tidy or wide frames for a chart or an exported table, each naming its
sources.
"""

import pandas as pd

from analysis.contract.values import TONE_DISPLAY_ORDER


def findings_only(findings: pd.DataFrame, exclude_part_kinds) -> pd.DataFrame:
    """Drop paragraphs from parts of the given kinds (agendas, minutes, work programmes)."""
    return findings[~findings["part_kind"].isin(list(exclude_part_kinds))].reset_index(drop=True)


def explode_themes(table: pd.DataFrame) -> pd.DataFrame:
    """One row per (row, theme) from a table whose ``themes`` cell is ``;``-separated."""
    out = table.assign(theme=table["themes"].fillna("").str.split(";")).explode("theme")
    return out[out["theme"] != ""].reset_index(drop=True)


def theme_shares(findings: pd.DataFrame) -> pd.DataFrame:
    """Share of each year's prose paragraphs that raise each theme.

    Returns:
        One row per theme and year: ``n_paragraphs`` with the theme, ``n_year`` paragraphs that
        year, ``share_percent`` (0-100), ``sources``.
    """
    totals = findings.groupby("year").size().rename("n_year")
    themed = explode_themes(findings)
    counts = themed.groupby(["theme", "year"]).size().rename("n_paragraphs").reset_index()
    counts = counts.join(totals, on="year")
    counts["share_percent"] = (100 * counts["n_paragraphs"] / counts["n_year"]).round(1)
    src = themed.groupby("year")["source_id"].agg(lambda s: "; ".join(sorted(set(s))))
    counts["sources"] = counts["year"].map(src)
    return counts.sort_values(["theme", "year"]).reset_index(drop=True)


def tone_shares(findings: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Share of paragraphs of each tone within each group.

    Args:
        findings: the findings table (or its theme-exploded form when grouping by theme).
        by: grouping columns, e.g. ``["year"]`` or ``["theme", "year"]``.

    Returns:
        One row per group: ``n`` paragraphs, a ``<tone>_percent`` column per tone, and
        ``net_tone`` = positive share minus negative share (percentage points).
    """
    counts = findings.groupby(by + ["tone"]).size().unstack("tone", fill_value=0)
    counts = counts.reindex(columns=list(TONE_DISPLAY_ORDER), fill_value=0)
    n = counts.sum(axis=1)
    shares = (100 * counts.div(n, axis=0)).round(1).add_suffix("_percent")
    out = shares.assign(n=n).reset_index()
    out["net_tone"] = (out["positive_percent"] - out["negative_percent"]).round(1)
    return out


def theme_year_matrix(frame: pd.DataFrame, value: str, labels: dict[str, str]) -> pd.DataFrame:
    """Pivot a theme-by-year frame into a matrix with theme labels as rows, years as columns.

    Args:
        frame: rows with ``theme``, ``year`` and ``value``.
        value: the column to show.
        labels: theme id to label (taxonomy order is kept).

    Returns:
        A frame indexed by theme label, one column per year; NaN where the theme is absent.
    """
    matrix = frame.pivot_table(index="theme", columns="year", values=value, aggfunc="first")
    order = [t for t in labels if t in matrix.index]
    matrix = matrix.reindex(order)
    matrix.index = [labels[t] for t in order]
    return matrix


def recommendation_counts(recommendations: pd.DataFrame) -> pd.DataFrame:
    """Recommendations per theme and year (a recommendation may carry several themes).

    Returns:
        One row per theme and year: ``n_recommendations`` and ``sources``.
    """
    recs = explode_themes(recommendations)
    grouped = recs.groupby(["theme", "year"])
    out = grouped.size().rename("n_recommendations").reset_index()
    out["sources"] = grouped["source_id"].agg(lambda s: "; ".join(sorted(set(s)))).to_numpy()
    return out


def net_tone_matrix(
    tone_by_theme: pd.DataFrame, labels: dict[str, str], min_paragraphs: int = 3
) -> pd.DataFrame:
    """Net tone by theme (rows) and year (columns), blank where too few paragraphs to say.

    Args:
        tone_by_theme: :func:`tone_shares` grouped by ``theme`` and ``year``.
        labels: theme id to label.
        min_paragraphs: fewest paragraphs a cell needs to show a net tone.

    Returns:
        The matrix of :func:`theme_year_matrix`, NaN where a theme has fewer paragraphs.
    """
    enough = tone_by_theme[tone_by_theme["n"] >= min_paragraphs]
    matrix = theme_year_matrix(enough, "net_tone", labels)
    return matrix.reindex(columns=sorted(tone_by_theme["year"].unique()))
