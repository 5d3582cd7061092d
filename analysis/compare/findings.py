"""Question 2 (secondary lens): themes and tone by year; recurring, resolved and new concerns.

Functions take the processed ``findings`` and ``recommendations`` tables, restricted to the chosen
documents, and return tidy or wide frames for a chart or an exported table, each naming its
sources.
"""

import pandas as pd

from analysis.contract.values import RECURRING_MIN_YEARS, TONE_DISPLAY_ORDER
from analysis.sources.text import headline_sentence


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


def concern_years(findings: pd.DataFrame, recommendations: pd.DataFrame) -> pd.DataFrame:
    """Where each theme was raised as a weakness: negative or mixed paragraphs, or recommendations.

    Returns:
        One row per theme and year: ``n_weak_paragraphs``, ``n_recommendations``, ``net_tone``
        of all that year's paragraphs on the theme, and ``wording`` (the year's first
        recommendation on the theme, else its first negative paragraph), ``wording_source``
        (``source_id:char_start`` of that wording) and ``sources``.
    """
    paragraphs = explode_themes(findings)
    recs = explode_themes(recommendations)
    rows = []
    for (theme, year), group in paragraphs.groupby(["theme", "year"]):
        weak = group[group["tone"].isin(["negative", "mixed"])]
        theme_recs = recs[(recs["theme"] == theme) & (recs["year"] == year)]
        net = 100 * ((group["tone"] == "positive").mean() - (group["tone"] == "negative").mean())
        quote = theme_recs.iloc[0] if len(theme_recs) else (weak.iloc[0] if len(weak) else None)
        rows.append(
            {
                "theme": theme,
                "year": year,
                "n_paragraphs": len(group),
                "n_weak_paragraphs": len(weak),
                "n_recommendations": len(theme_recs),
                "net_tone": round(net, 1),
                "wording": "" if quote is None else headline_sentence(quote["text"]),
                "wording_source": ""
                if quote is None
                else f"{quote['source_id']}:{quote['char_start']}",
                "sources": "; ".join(
                    sorted(set(group["source_id"]) | set(theme_recs["source_id"]))
                ),
            }
        )
    return pd.DataFrame(rows)


def mark_raised(concerns: pd.DataFrame, min_paragraphs: int = 1) -> pd.DataFrame:
    """Add ``is_raised``: a recommendation on the theme, or weak paragraphs and net tone below 0.

    Args:
        concerns: :func:`concern_years` output.
        min_paragraphs: fewest paragraphs on the theme that year for its net tone to count (a
            net tone from one or two paragraphs rests on one or two readings of tone); a
            recommendation counts whatever the number.

    Returns:
        A copy with the boolean ``is_raised`` column.
    """
    weak = (
        (concerns["n_weak_paragraphs"] > 0)
        & (concerns["net_tone"] < 0)
        & (concerns["n_paragraphs"] >= min_paragraphs)
    )
    return concerns.assign(is_raised=(concerns["n_recommendations"] > 0) | weak)


def classify_concerns(
    concerns: pd.DataFrame, years: list[int], min_years: int = RECURRING_MIN_YEARS
) -> pd.DataFrame:
    """Classify each theme as a recurring, resolved or new concern across the compared years.

    Rules (documented in ``docs/assumptions_caveats.md``):
    - *raised* in a year: ``is_raised`` (:func:`mark_raised`);
    - *recurring*: raised in ``min_years`` or more of the years;
    - *resolved*: raised in an earlier year, not raised in the latest year, and net tone in the
      latest year above zero;
    - *new*: raised in the latest year only.

    Args:
        concerns: :func:`mark_raised` output.
        years: the compared years; the last is the latest.
        min_years: fewest years raised for a concern to recur.

    Returns:
        One row per classified theme: ``status``, ``years_raised``, then one ``wording_<year>``
        column per year (the wording side by side), and ``sources``.
    """
    data = concerns
    latest = max(years)
    rows = []
    for theme, group in data.groupby("theme"):
        raised = sorted(group.loc[group["is_raised"], "year"].unique())
        latest_row = group[group["year"] == latest]
        latest_net = latest_row["net_tone"].iloc[0] if len(latest_row) else None
        if len(raised) >= min_years:
            status = "recurring"
        elif raised and latest not in raised and latest_net is not None and latest_net > 0:
            status = "resolved"
        elif raised == [latest]:
            status = "new"
        else:
            continue
        row = {"theme": theme, "status": status, "years_raised": ", ".join(map(str, raised))}
        for year in years:
            match = group[group["year"] == year]
            row[f"wording_{year}"] = match["wording"].iloc[0] if len(match) else ""
            row[f"where_{year}"] = match["wording_source"].iloc[0] if len(match) else ""
        row["sources"] = "; ".join(sorted({s for v in group["sources"] for s in v.split("; ")}))
        rows.append(row)
    order = {"recurring": 0, "resolved": 1, "new": 2}
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    return out.sort_values(
        ["status", "theme"], key=lambda col: col.map(order) if col.name == "status" else col
    ).reset_index(drop=True)


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
