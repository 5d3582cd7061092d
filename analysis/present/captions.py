"""Chart titles that state the finding, and alt text that says what a chart shows.

Each function takes the frame a chart draws and returns ``(title, alt_text)``; nothing is typed
in. Alt text follows the Analysis Function's guidance: chart type, what data, the main finding,
in about one sentence. When a frame is empty the caption says so rather than failing.
"""

import pandas as pd

from analysis.present import summary


def _span(years: list[int]) -> str:
    return f"{years[0]}-{years[-1]}" if years else ""


def themes_caption(matrix: pd.DataFrame, years: list[int]) -> tuple[str, str]:
    """Caption the heatmap of theme shares by year (rows: theme labels, columns: years)."""
    if matrix.empty:
        return "No themes found", "Heatmap of theme shares by year: no themes were found."
    top = matrix.mean(axis=1).idxmax()
    title = f"{top} is the most discussed theme across {_span(years)}"
    alt = (
        f"Heatmap of the share of paragraphs raising each of {len(matrix)} themes by year; "
        f"{top} has the highest average share ({matrix.loc[top].mean():.0f}%)."
    )
    return title, alt


def tone_by_year_caption(tone_by_year: pd.DataFrame) -> tuple[str, str]:
    """Caption the stacked bars of tone by year (:func:`analysis.compare.findings.tone_shares`)."""
    first, last = tone_by_year.iloc[0], tone_by_year.iloc[-1]
    title = (
        f"Negative paragraphs: {first['negative_percent']:.0f}% in {first['year']:.0f}, "
        f"{last['negative_percent']:.0f}% in {last['year']:.0f}"
    )
    alt = (
        "Stacked bar chart of paragraph tone by year: the negative share goes from "
        f"{first['negative_percent']:.0f}% in {first['year']:.0f} to "
        f"{last['negative_percent']:.0f}% in {last['year']:.0f}, the positive share from "
        f"{first['positive_percent']:.0f}% to {last['positive_percent']:.0f}%."
    )
    return title, alt


def net_tone_caption(net: pd.DataFrame, years: list[int]) -> tuple[str, str]:
    """Caption the net-tone heatmap: the theme whose net tone moved most, and which way."""
    change = pd.Series(dtype=float)
    if len(years) > 1 and years[0] in net and years[-1] in net:
        change = (net[years[-1]] - net[years[0]]).dropna()
    base = "Heatmap of net tone by theme and year, from -100 (all negative) to +100 (all positive)"
    if change.empty:
        return "Net tone by theme and year", base + "."
    theme = change.abs().idxmax()
    way = "rose" if change[theme] > 0 else "fell"
    title = f"Net tone {way} most for {theme} between {years[0]} and {years[-1]}"
    alt = f"{base}; the largest change from {years[0]} to {years[-1]} is for {theme}."
    return title, alt


def recommendations_caption(matrix: pd.DataFrame) -> tuple[str, str]:
    """Caption the heatmap of recommendations by theme and year."""
    if matrix.empty:
        return "No recommendations found", "Heatmap of recommendations by theme: none were found."
    top = matrix.sum(axis=1).idxmax()
    total = matrix.loc[top].sum()
    title = f"{top} draws the most recommendations ({total:.0f})"
    alt = (
        f"Heatmap of the number of recommendations per theme and year; {top} has the most, "
        f"{total:.0f} in all."
    )
    return title, alt


def titled_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows the asks chart's title speaks of: the latest inspection's, in its latest later year.

    Args:
        frame: rows with ``ask_year`` and ``year``: :func:`~analysis.compare.asks.status_counts`
            (one row) or the statuses themselves (one row per ask).

    Returns:
        Those rows; none for an empty frame.
    """
    if frame.empty:
        return frame
    last = frame[frame["ask_year"] == frame["ask_year"].max()]
    return last[last["year"] == last["year"].max()]


def asks_caption(counts: pd.DataFrame, read_otherwise: int = 0) -> tuple[str, str]:
    """Caption the grid of asks by later year, from :func:`~analysis.compare.asks.status_counts`.

    The title follows the latest inspection that has a later year: how many of its asks were
    asked again and how many reported improved. The alt text also says how many cells are
    marked as read otherwise by the key's readers (``read_otherwise``), when any are.
    """
    if counts.empty:
        return "No inspection has later documents to follow its asks", "Empty grid."
    row = titled_rows(counts).iloc[0]
    title = (
        f"Of the {row['n_asks']} asks of {row['ask_year']}, {row['asked_again']} "
        f"{'was' if row['asked_again'] == 1 else 'were'} asked again "
        f"and {row['reported_improved']} reported improved in {row['year']}"
    )
    first = counts[counts["ask_year"] == counts["ask_year"].min()]
    alt = (
        f"Grid of Ofsted's asks by later year showing each one's status: of "
        f"{first['n_asks'].iloc[0]} asks of {first['ask_year'].iloc[0]}, "
        + ", ".join(f"{r.asked_again} asked again in {r.year}" for r in first.itertuples())
        + f"; of {row['n_asks']} asks of {row['ask_year']}, {row['asked_again']} asked again in "
        f"{row['year']}."
    )
    if read_otherwise:
        cells = "cell is" if read_otherwise == 1 else "cells are"
        alt += f" {read_otherwise} {cells} marked as read otherwise by the key's readers."
    return title, alt


def kpi_caption(scorecard: pd.DataFrame) -> tuple[str, str]:
    """Caption the KPI scorecard chart with the count of measures by status.

    The title counts the measures with a target, as the report's summary sentence does; the alt
    text also names those without one.
    """
    counts = scorecard["status"].value_counts()
    with_target = len(scorecard) - counts.get("no_target", 0)
    title = (
        f"Of {with_target} measures with a target, {counts.get('on_target', 0)} are on target, "
        f"{counts.get('within_tolerance', 0)} within tolerance and "
        f"{counts.get('outside_tolerance', 0)} outside it"
    )
    alt = (
        f"Dot chart of {len(scorecard)} KPIs, each on its own scale, against target and "
        f"tolerance; {counts.get('on_target', 0)} on target, "
        f"{counts.get('within_tolerance', 0)} within tolerance, "
        f"{counts.get('outside_tolerance', 0)} outside tolerance, "
        f"{counts.get('no_target', 0)} without a target."
    )
    return title, alt


def rates_caption(rates: pd.DataFrame, above: list[str]) -> tuple[str, str]:
    """Caption the headline rates chart: how many rates are above the national rate."""
    verb = "is" if len(above) == 1 else "are"
    title = f"{len(above)} of {len(rates)} headline rates {verb} above the national rate"
    alt = (
        f"Grouped bar chart of {len(rates)} headline rates per 10,000 children for the "
        "authority, statistical neighbours, England and the region; above the national rate: "
        f"{', '.join(above) or 'none'}."
    )
    return title, alt


def measures_caption(group: str, figures: pd.DataFrame) -> tuple[str, str]:
    """Caption a group's small multiples: how many measures have figures in several years."""
    years_per_measure = figures.groupby("indicator_id")["year"].nunique()
    followed = int((years_per_measure > 1).sum())
    name = group.replace("_", " ")
    title = (
        f"{name.capitalize()}: {followed} of {len(years_per_measure)} measures "
        "can be followed across years"
    )
    charted = int((figures["indicator_id"].value_counts() > 1).sum())
    single = len(years_per_measure) - charted
    tabled = (
        f" {single} measure{'s' if single > 1 else ''} with a single figure "
        f"{'are' if single > 1 else 'is'} listed in a table under the panels."
        if single
        else ""
    )
    alt = (
        f"Small multiples of {charted} of the {len(years_per_measure)} {name} measures (those "
        "with more than one figure), each figure drawn at the period it states and marked by "
        f"the document that stated it; {followed} have figures in more than one year.{tabled} "
        "Definitions differ: see the caveats."
    )
    return title, alt


def judgements_caption(long: pd.DataFrame, local_authority: str) -> tuple[str, str]:
    """Caption the grid of grades by area and year (``judgements_long``)."""
    title = summary.judgement_title(long, local_authority)
    alt = (
        "Grid chart of Ofsted grades by judgement area (rows) and inspection year (columns): "
        f"{summary.overall_trajectory(long)}. {summary.area_change_sentence(long)}"
    )
    return title, alt


def overall_caption(long: pd.DataFrame) -> tuple[str, str]:
    """Caption the line chart of the overall grade by year."""
    trajectory = summary.overall_trajectory(long)
    title = f"Overall effectiveness: {trajectory}"
    alt = f"Line chart of the overall effectiveness grade by inspection year: {trajectory}."
    return title, alt
