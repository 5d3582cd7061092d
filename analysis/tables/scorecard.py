"""The KPI scorecard and the headline-rates table, derived from the KPI report's rows.

Input everywhere is the output of :func:`analysis.parse.kpi_report.parse_kpi_report` as a
DataFrame (one row per value stated). Nothing here is read from a document: every column is
computed from those rows, and :data:`METHOD` says how.
"""

import math
import re

import pandas as pd

#: How each computed column of the scorecard is derived.
METHOD = {
    "period": "Period of the measure's latest value column (the rightmost column of its table).",
    "value": "The headline value (last row of the block's table) in that column, as printed.",
    "target": "The value after 'Target <period>' on the block's heading line.",
    "tolerance_low": "The lower end of the printed tolerance band.",
    "tolerance_high": "The upper end of the printed tolerance band.",
    "status": (
        "no_target when no target is printed; on_target when the value meets or beats the "
        "target in the direction of good (>= target when higher is better, <= when lower is "
        "better, == when no direction is printed); within_tolerance when it misses the target "
        "but stays inside the band on the bad side (>= tolerance_low, or <= tolerance_high), "
        "edges included; outside_tolerance otherwise (also when no band is printed)."
    ),
    "numerator": "The count row the parser marked numerator, same column as the value.",
    "denominator": "The count row the parser marked denominator, same column as the value.",
    "recomputed_value": "100 * numerator / denominator, unrounded; empty without both.",
    "is_consistent": (
        "Whether the printed percentage equals recomputed_value rounded to the printed number "
        "of decimals (|printed - recomputed| <= half a unit of the last printed digit); empty "
        "when there is nothing to recompute. False is a finding, never corrected."
    ),
    "gap_to_national": "value - national average (first national comparator printed), same unit.",
    "vs_national": "better/worse/same given the direction of good; empty without a direction.",
    "gap_to_statistical_neighbours": "value - statistical neighbours' average, same unit.",
    "vs_statistical_neighbours": "better/worse/same given the direction of good.",
}

_MEASURE_TABLES = ("kpi", "business_plan")
_DECIMALS = re.compile(r"\d[\d,]*\.(\d+)")


def _decimals(evidence: str) -> int:
    """Return how many decimals a printed number has (``36.1%`` -> 1, ``9,736`` -> 0)."""
    match = _DECIMALS.search(evidence)
    return len(match.group(1)) if match else 0


def is_consistent(printed: float, recomputed: float, decimals: int) -> bool:
    """Whether ``printed`` is ``recomputed`` rounded to ``decimals`` places.

    Args:
        printed: the percentage as printed.
        recomputed: the percentage recomputed from numerator and denominator.
        decimals: the number of decimals printed.

    Returns:
        True when they differ by no more than half a unit of the last printed digit.
    """
    return abs(printed - recomputed) <= 0.5 * 10.0**-decimals + 1e-9


def kpi_status(value: float, target: float, low: float, high: float, polarity: str) -> str:
    """Return a value's status against its target and tolerance band.

    Args:
        value: the measure's value.
        target: its target (NaN when none is printed).
        low: lower end of the tolerance band (NaN when none).
        high: upper end of the tolerance band (NaN when none).
        polarity: ``higher_is_better``, ``lower_is_better`` or "".

    Returns:
        ``on_target``, ``within_tolerance``, ``outside_tolerance`` or ``no_target``
        (see :data:`METHOD`).
    """
    if _missing(target) or _missing(value):
        return "no_target"
    if polarity == "higher_is_better":
        meets, within = value >= target, not _missing(low) and value >= low
    elif polarity == "lower_is_better":
        meets, within = value <= target, not _missing(high) and value <= high
    else:
        meets = value == target
        within = not (_missing(low) or _missing(high)) and low <= value <= high
    if meets:
        return "on_target"
    return "within_tolerance" if within else "outside_tolerance"


def compare(value: float, comparator: float, polarity: str) -> str:
    """Return ``better``, ``worse`` or ``same`` for ``value`` against ``comparator``.

    Args:
        value: the authority's value.
        comparator: the comparator's value.
        polarity: direction of good; "" (or a missing number) gives "".

    Returns:
        The comparison word, or "" when it cannot be judged.
    """
    if _missing(value) or _missing(comparator) or not polarity:
        return ""
    if value == comparator:
        return "same"
    higher = value > comparator
    return "better" if higher == (polarity == "higher_is_better") else "worse"


def _missing(number: float | None) -> bool:
    """Whether a number is absent (None or NaN)."""
    return number is None or (isinstance(number, float) and math.isnan(number))


#: One parsed row as a mapping of its columns (a record of ``DataFrame.to_dict("records")``).
Row = dict


def _first(rows: list[Row], **match) -> Row | None:
    """Return the first of ``rows`` (in document order) whose columns equal ``match``, or ``None``.

    ``rows`` are one measure's rows in document order, a few dozen: a scan of them beats a
    DataFrame filter per question (a measure asks eight).
    """
    return next((row for row in rows if all(_equals(row[k], v) for k, v in match.items())), None)


def _equals(value, wanted) -> bool:
    """Whether a cell equals a wanted value; a missing cell (None, NaN, NA) equals nothing."""
    return not pd.isna(value) and value == wanted


def _value_of(row: Row | None) -> float:
    """Return a row's value, NaN for no row."""
    return math.nan if row is None else float(row["value"])


def _consistency(value_row: Row, numerator: float, denominator: float) -> tuple:
    """Return ``(recomputed_value, is_consistent)`` for a headline value row."""
    if value_row["unit"] != "percent" or _missing(numerator) or _missing(denominator):
        return math.nan, pd.NA
    if denominator == 0:
        return math.nan, False
    recomputed = 100.0 * numerator / denominator
    return recomputed, is_consistent(
        float(value_row["value"]), recomputed, _decimals(value_row["evidence"])
    )


def _comparator_fields(measure: list[Row], value_row: Row, series: str) -> dict:
    """Return a comparator's value, year, gap and better/worse word, as scorecard columns."""
    row = _first(measure, series=series)
    if row is not None and row["unit"] != value_row["unit"]:
        row = None
    comparator = _value_of(row)
    value = float(value_row["value"])
    return {
        series: comparator,
        f"{series}_year": "" if row is None else row["comparator_year"],
        f"gap_to_{series}": value - comparator,
        f"vs_{series}": compare(value, comparator, value_row["polarity"]),
    }


def _period_value(measure: list[Row], part: str, column_no: int) -> float:
    """Return the ``la`` value of ``measure_part`` ``part`` in value column ``column_no``."""
    return _value_of(_first(measure, series="la", measure_part=part, column_no=column_no))


def _scorecard_row(measure: list[Row], column_no: int) -> dict:
    """Return the scorecard fields of one measure's value column, from its rows in order."""
    value_row = _first(measure, series="la", measure_part="value", column_no=column_no)
    target_row = _first(measure, series="target")
    target = _value_of(target_row)
    low = _value_of(_first(measure, series="tolerance_low"))
    high = _value_of(_first(measure, series="tolerance_high"))
    numerator = _period_value(measure, "numerator", column_no)
    denominator = _period_value(measure, "denominator", column_no)
    recomputed, consistent = _consistency(value_row, numerator, denominator)
    value = float(value_row["value"])
    return {
        "kpi_no": value_row["kpi_no"],
        "kpi_key": value_row["kpi_key"],
        "table": value_row["table"],
        "label": value_row["label"],
        "period": value_row["period"],
        "unit": value_row["unit"],
        "polarity": value_row["polarity"],
        "value": value,
        "target": target,
        "target_period": "" if target_row is None else target_row["period"],
        "tolerance_low": low,
        "tolerance_high": high,
        "status": kpi_status(value, target, low, high, value_row["polarity"]),
        "numerator": numerator,
        "denominator": denominator,
        "recomputed_value": recomputed,
        "is_consistent": consistent,
        **_comparator_fields(measure, value_row, "national"),
        **_comparator_fields(measure, value_row, "statistical_neighbours"),
        "evidence": value_row["evidence"],
        "char_start": int(value_row["char_start"]),
        "source_url": value_row.get("source_url", ""),
    }


def _measure_columns(rows: pd.DataFrame) -> list[tuple[str, int]]:
    """Return ``(kpi_key, column_no)`` of every headline value of the KPI and plan measures."""
    values = rows[
        rows["table"].isin(_MEASURE_TABLES)
        & (rows["series"] == "la")
        & (rows["measure_part"] == "value")
    ]
    return list(values.sort_values("char_start")[["kpi_key", "column_no"]].itertuples(index=False))


def kpi_periods(rows: pd.DataFrame) -> pd.DataFrame:
    """Return every headline value of every KPI and plan measure against target and comparators.

    Args:
        rows: the KPI report's rows (columns of ``ROW_KEYS``).

    Returns:
        One row per measure and value column (e.g. "Prev. 12 months average" and "Dec-18"),
        with the columns of :func:`build_kpi_scorecard` plus ``column_no``.
    """
    measures: dict[str, list[Row]] = {}
    for row in rows.sort_values("char_start", kind="stable").to_dict("records"):
        measures.setdefault(row["kpi_key"], []).append(row)
    records = []
    for kpi_key, column_no in _measure_columns(rows):
        records.append({**_scorecard_row(measures[kpi_key], column_no), "column_no": column_no})
    table = pd.DataFrame.from_records(records)
    if not table.empty:
        table["is_consistent"] = table["is_consistent"].astype("boolean")
        assert not table.duplicated(["kpi_key", "column_no"]).any()
    return table


def build_kpi_scorecard(rows: pd.DataFrame) -> pd.DataFrame:
    """Build the KPI scorecard: one row per KPI or business-plan measure, at its latest value.

    Steps: take each measure's headline value in its rightmost value column; set it against
    the printed target and tolerance band in the printed direction of good; recompute a
    percentage from the numerator and denominator of the same column and flag any disagreement
    beyond the printed rounding; take the gap to the national and statistical-neighbour
    averages. :data:`METHOD` explains each column.

    Args:
        rows: the KPI report's rows as a DataFrame (columns of
            :data:`analysis.parse.kpi_report.ROW_KEYS`); other tables' rows are ignored.

    Returns:
        One row per measure (``kpi_key``), in document order. Empty when no measure has a value.
    """
    periods = kpi_periods(rows)
    if periods.empty:
        return periods
    latest = periods.loc[periods.groupby("kpi_key", sort=False)["column_no"].idxmax()]
    scorecard = latest.drop(columns="column_no").sort_values("char_start").reset_index(drop=True)
    assert scorecard["kpi_key"].is_unique
    return scorecard


def headline_rates_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Lay the headline rates out wide: one row per measure, one column per series and period.

    A column is named ``"<series> (<period>)"`` (``"la (Dec-18)"``, ``"national (Mar-18)"``).
    For each comparator whose period matches a column of the authority's own values,
    ``"gap to <series> (<period>)"`` holds the authority's value minus the comparator's.

    Args:
        rows: the KPI report's rows as a DataFrame.

    Returns:
        One row per headline-rate measure, in document order, with ``label``, ``unit``, the
        value columns, the gap columns and ``note`` (notes printed in the cells, "; "-joined).
    """
    rates = rows[rows["table"] == "headline_rates"].sort_values("char_start")
    if rates.empty:
        return pd.DataFrame(columns=["label", "unit", "note"])
    rates = rates.assign(column=rates["series"] + " (" + rates["period"] + ")")
    wide = rates.pivot_table(index="label", columns="column", values="value", sort=False)
    wide = wide[list(dict.fromkeys(rates["column"]))]
    for _, column in rates[rates["series"] != "la"].drop_duplicates("column").iterrows():
        own = f"la ({column['period']})"
        if own in wide:
            wide[f"gap to {column['column']}"] = wide[own] - wide[column["column"]]
    notes = rates.groupby("label", sort=False)["note"].agg(lambda n: "; ".join(x for x in n if x))
    units = rates.groupby("label", sort=False)["unit"].first()
    table = wide.assign(unit=units, note=notes).reset_index()
    table.columns.name = None
    return table[["label", "unit", *wide.columns, "note"]]


#: The scorecard's method in one paragraph, for the table registry and the workbook.
SCORECARD_METHOD = " ".join(f"{column}: {how}" for column, how in METHOD.items())


def scorecard_period(scorecard: pd.DataFrame) -> str:
    """The period most KPIs of a scorecard are reported at (``"Dec-18"``), ``""`` if none."""
    periods = scorecard["period"].dropna() if "period" in scorecard else pd.Series(dtype=str)
    return str(periods.mode().iloc[0]) if len(periods) else ""


def scorecard_title(scorecard: pd.DataFrame) -> str:
    """The scorecard table's title, dated by :func:`scorecard_period`."""
    period = scorecard_period(scorecard)
    dated = f" ({period})" if period else ""
    return f"KPIs{dated} against target, tolerance and comparators"


def per_source(build, rows: pd.DataFrame) -> pd.DataFrame:
    """Apply a table builder to each document's rows and prefix ``source_id`` and ``year``.

    Args:
        build: :func:`build_kpi_scorecard` or :func:`headline_rates_table`.
        rows: KPI-report rows of one or more documents (with ``source_id`` and ``year``).

    Returns:
        The builders' tables stacked, documents in ``source_id`` order.
    """
    tables = []
    for (source_id, year), group in rows.groupby(["source_id", "year"], sort=True):
        table = build(group.reset_index(drop=True))
        table.insert(0, "year", year)
        table.insert(0, "source_id", source_id)
        tables.append(table)
    if not tables:
        return build(rows).assign(source_id="", year=0).iloc[0:0]
    return pd.concat(tables, ignore_index=True)
