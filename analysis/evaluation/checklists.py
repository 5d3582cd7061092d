"""The hand-made checklists the parsers are measured against, read and scored in one place.

Each checklist lives in ``data/labels/`` (how each was made: ``data/labels/README.md``). Tests
assert on these scores and ``make accuracy`` reports them, so both read the same key the same
way.
"""

import csv
from pathlib import Path

from analysis.contract.errors import InputError

_TOLERANCE_PART = {"target": "target", "tolerance_low": "low", "tolerance_high": "high"}


def read_checklist(path: Path, columns: tuple[str, ...]) -> list[dict]:
    """Read a checklist CSV, checking it has the columns the caller needs.

    Raises:
        InputError: the file is missing or lacks a column; the message names the file.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: checklist not found")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = [c for c in columns if rows and c not in rows[0]]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
    return rows


def read_kpi_checklist(path: Path) -> dict[str, dict[tuple[str, str, str], float]]:
    """Every KPI value read off the report: KPI number to ``{(series, period, part): value}``.

    ``part`` is the authority's row part (``value``, ``numerator``, ``denominator`` or a
    component's row label), or ``target``/``low``/``high`` for the target and tolerance band.
    """
    checklist: dict[str, dict] = {}
    for row in read_checklist(path, ("kpi_no", "series", "period", "part", "value")):
        key = (row["series"], row["period"], row["part"])
        checklist.setdefault(row["kpi_no"], {})[key] = float(row["value"])
    return checklist


def kpi_value_key(row: dict) -> tuple[str, str, str]:
    """The checklist key of a parsed KPI-report row: ``(series, period, part)``."""
    if row["series"] in _TOLERANCE_PART:
        return row["series"], row["period"], _TOLERANCE_PART[row["series"]]
    part = row["row_label"] if row["measure_part"] == "component" else row["measure_part"]
    return row["series"], row["period"], part


def kpi_values_right(rows: list[dict], checklist: dict) -> tuple[int, int]:
    """How many checklist values the parsed KPI blocks hold, with the right value.

    Args:
        rows: :func:`analysis.parse.kpi_report.parse_kpi_report` output.
        checklist: :func:`read_kpi_checklist` output.

    Returns:
        ``(right, total)``.
    """
    found = {(r["kpi_no"], kpi_value_key(r)): r["value"] for r in rows if r["table"] == "kpi"}
    items = [
        (kpi, key, value) for kpi, values in checklist.items() for key, value in values.items()
    ]
    right = sum(
        abs(found.get((kpi, key), float("nan")) - value) < 1e-9 for kpi, key, value in items
    )
    return right, len(items)


def figure_found(item: dict, text: str, rows: list[dict]) -> bool:
    """Whether a figure the checklist names was found in its document.

    Args:
        item: a checklist row (``anchor`` words around the figure, ``value``, ``unit``,
            ``series``).
        text: the document's text.
        rows: :func:`analysis.parse.figures.parse_figures` rows of that text.

    Returns:
        True when a row has the value, unit and series, and its sentence holds the anchor (or
        its number sits within 80 characters of it).

    Raises:
        InputError: the anchor is not in the document (the checklist is stale).
    """
    anchor_start = text.find(item["anchor"])
    if anchor_start < 0:
        raise InputError(f"checklist anchor not in {item['file']}: {item['anchor']!r}")
    anchor_end = anchor_start + len(item["anchor"])
    for row in rows:
        same = (
            abs(row["value"] - float(item["value"])) < 0.01
            and row["unit"] == item["unit"]
            and row["series"] == item["series"]
        )
        inside = row["char_start"] <= anchor_start and anchor_end <= row["char_end"]
        near = abs(row["value_char_start"] - anchor_start) < 80
        if same and (inside or near):
            return True
    return False


def recommendation_link_rows(path: Path, file_name: str) -> list[dict]:
    """The checklist rows of one document: a marked paragraph and the reader's recommendation."""
    rows = read_checklist(path, ("file", "para_id", "rec_no", "also"))
    return [row for row in rows if row["file"] == file_name]


def acceptable_recommendations(row: dict) -> set[int]:
    """The reader's recommendation, and the second one where two fit about equally."""
    return {int(row["rec_no"])} | ({int(row["also"])} if row["also"] else set())
