"""Question 3: the measures that can be followed across years, and headline rates.

Functions take the processed ``indicators`` table (or computed tables built on it) and return the
figures to chart, each with its document and the words it came from.
"""

import re

import pandas as pd

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_WORD = r"\b(" + "|".join(_MONTHS) + r")[a-z]*\.?"


def _month_of(period: str) -> pd.Timestamp:
    """The month a period such as ``Dec-18`` names; the earliest date for anything else."""
    when = pd.to_datetime(period, format="%b-%y", errors="coerce")
    return pd.Timestamp.min if pd.isna(when) else when


def period_when(period: str, year: int) -> float:
    """Where a figure's own period falls on a time axis, in decimal years.

    Args:
        period: the period stated with the figure (``Dec-18``, ``at 31 March 2015``,
            ``in 2015–16``, ``in 2014``, ``Last year``) or empty.
        year: the year of the document that stated it.

    Returns:
        The middle of the last month named with a year (``Dec-18``, ``30 June 2016``); the middle
        of a financial year (``2015–16``: 1 October 2015); the middle of a bare year (``in 2014``)
        or of the year before the document's (``last year``); otherwise (no period, or one such as
        ``Prev. YTD``) the middle of the document's year.
    """
    text = str(period or "").lower()
    short = re.search(_MONTH_WORD + r"-(\d{2})\b", text)
    if short:
        return 2000 + int(short.group(2)) + (_MONTHS.index(short.group(1)) + 0.5) / 12
    split_year = re.search(r"\b((?:19|20)\d{2})\s*[–/-]\s*\d{2,4}\b", text)
    if split_year:
        return int(split_year.group(1)) + 0.75
    full_year = re.findall(r"\b(?:19|20)\d{2}\b", text)
    months = re.findall(_MONTH_WORD, text)
    if full_year and months:
        return int(full_year[-1]) + (_MONTHS.index(months[-1]) + 0.5) / 12
    if full_year:
        return int(full_year[-1]) + 0.5
    if "last year" in text:
        return year - 0.5
    return year + 0.5


def _is_earlier_value(row: pd.Series) -> bool:
    """Whether a prose figure is a starting point: "from" stands just before the number."""
    before = row["evidence"][: row["value_char_start"] - row["char_start"]]
    return before.rstrip().lower().endswith(("from", "from an average of", "from a total of"))


def measure_figures(indicators: pd.DataFrame, measure_ids: list[str]) -> pd.DataFrame:
    """The authority's own figures for the followed measures, one headline figure per document.

    Every stated figure of the authority (series ``la``) for the measures is kept; for each
    document and measure one is marked ``is_headline``: from a KPI-report table, the value of
    the latest month printed (``Dec-18`` over ``Mar-18``), else of the rightmost column; from
    prose, the first figure in the text that is not a starting point introduced by "from"
    ("has fallen from 80% in 2017/18", "from 35 in 2014 to 77"), else the first figure.

    Args:
        indicators: the processed ``indicators`` table.
        measure_ids: catalogue ids to follow.

    Returns:
        One row per figure: ``indicator_id``, ``year``, ``source_id``, ``value``, ``unit``,
        ``period``, ``label``, ``origin``, ``is_headline``, ``char_start``, ``evidence``.
    """
    own = indicators[
        indicators["indicator_id"].isin(measure_ids)
        & (indicators["series"] == "la")
        & (indicators["measure_part"].isin(["value", ""]))
    ].copy()
    own["is_headline"] = False
    for _, group in own.groupby(["source_id", "indicator_id"]):
        kpi = group[group["origin"] != "prose"]
        if len(kpi):
            kpi = kpi.assign(_when=kpi["period"].map(_month_of))
            pick = kpi.sort_values(["_when", "column_no", "value_char_start"]).index[-1]
        else:
            ordered = group.sort_values("value_char_start")
            current = ordered[~ordered.apply(_is_earlier_value, axis=1)]
            pick = (current if len(current) else ordered).index[0]
        own.loc[pick, "is_headline"] = True
    columns = [
        "indicator_id",
        "year",
        "source_id",
        "value",
        "unit",
        "period",
        "label",
        "origin",
        "is_headline",
        "char_start",
        "value_char_start",
        "evidence",
        "source_url",
    ]
    order = {m: i for i, m in enumerate(measure_ids)}
    own = own.assign(_order=own["indicator_id"].map(order))
    return own.sort_values(["_order", "year", "value_char_start"])[columns].reset_index(drop=True)


_RATE_SERIES = ("la", "statistical_neighbours", "national", "region")


def rate_series(rates: pd.DataFrame, local_authority: str) -> list[tuple[str, str]]:
    """The headline-rates columns to chart, with legend labels, at most one per series.

    Args:
        rates: :func:`analysis.tables.scorecard.headline_rates_table` output (columns such as
            ``la (Dec-18)`` and ``national (Mar-18)``).
        local_authority: the name to show for the ``la`` series.

    Returns:
        ``(column, label)`` pairs in the order authority, statistical neighbours, England, region,
        each series' first column (the authority's latest).
    """
    names = {
        "la": local_authority or "The authority",
        "statistical_neighbours": "Statistical neighbours",
        "national": "England",
        "region": "Region",
    }
    pairs = []
    for series in _RATE_SERIES:
        columns = [c for c in rates.columns if c.startswith(f"{series} (")]
        if columns:
            period = columns[0][len(series) + 2 : -1]
            pairs.append((columns[0], f"{names[series]} ({period})"))
    return pairs


def above_comparator(rates: pd.DataFrame, series: list[tuple[str, str]], comparator: str):
    """Labels of the rates where the authority's latest is above a comparator series' value."""
    own = series[0][0]
    other = next((c for c, _ in series if c.startswith(f"{comparator} (")), None)
    if other is None:
        return []
    return rates.loc[rates[own] > rates[other], "label"].tolist()


def with_caveats(figures: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Add each figure's measure caveat from the catalogue (``caveat`` column)."""
    return figures.assign(caveat=figures["indicator_id"].map(catalogue.set_index("id")["caveats"]))
