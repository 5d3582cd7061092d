"""Values of a performance (KPI) report: KPI blocks, business-plan measures and comparison tables.

One row per value the report states: a measure's value in each period column, its numerator and
denominator, its target and tolerance band, each comparator (national, statistical neighbours,
region, core cities, other), and each cell of the report's comparison tables (headline rates per
10,000, contacts). A value is found by the *structure* of the report, never by its position:

- a **block** opens with a heading line ``<heading> <wording> [Good = ...] Target <period> <value>
  Tolerance <low>-<high>`` (cells split by tabs or by runs of two or more spaces);
- its **table** has period column headings (``Prev. 12 months average``, ``Dec-18``), then one row
  per count or percentage; the last row is the headline value. When the headline is a
  percentage, the count row labelled "Total ..."/"Cohort" (else the one sharing fewest words with
  the measure) is the denominator and the count row sharing most words is the numerator;
- its **comparator lines** (``National average <TAB> 22%``) follow the commentary;
- a **grid table** outside the blocks is known by its first cell (``Rate per 10000``): column
  headings name series (``SN``, ``National``, ``WM``) and periods, rows name measures.

Every wording that varies between reports lives in ``analysis/data/kpi_report.yml``. A value cell
that is not a number (``n/a``, ``TBC``, blank) is returned as an *issue* with its position, never
dropped. A column whose period is not printed takes the report period (the period most blocks
print over their last column), or in a grid table the period of the nearest heading to its left,
and is flagged ``is_period_inferred``.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from analysis.config import PACKAGE_DATA_DIR
from analysis.contract.errors import InputError
from analysis.parse import rows
from analysis.sources.package_data import load_yaml
from analysis.sources.text import match_view, normalise_whitespace, span_fields

CONFIG_FILE = PACKAGE_DATA_DIR / "kpi_report.yml"

#: Keys of every row, in order.
ROW_KEYS = (
    "kpi_no",
    "kpi_key",
    "label",
    "row_label",
    "measure_part",
    "period",
    "is_period_inferred",
    "column_no",
    "series",
    "value",
    "unit",
    "polarity",
    "table",
    "comparator_year",
    "note",
    "char_start",
    "char_end",
    "evidence",
)

#: Keys of every issue, in order: the block's context, then :data:`analysis.parse.rows.ISSUE_KEYS`.
ISSUE_KEYS = ("kpi_no", "label", "row_label", "period", "series", *rows.ISSUE_KEYS)

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MARKUP = re.compile(r"</?[A-Za-z][^<>\n]*>|\*\*|&(?:amp|lt|gt|quot|nbsp|#39);")
_ENTITY_CHAR = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}
_HEADING = re.compile(r"^\s*#+\s*(.*?)\s*#*\s*$")
_SEPARATOR = re.compile(r"^-{2,}$")
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)\s*$")
_WORD = re.compile(r"[a-z0-9]+")


# --------------------------------------------------------------------------------------------
# Configuration


@dataclass(frozen=True)
class _Config:
    """The compiled wordings of ``kpi_report.yml``."""

    block_headings: tuple[tuple[re.Pattern, str], ...]
    index_row: re.Pattern
    target_re: re.Pattern
    tolerance_re: re.Pattern
    target_period_re: re.Pattern
    tolerance_value_re: re.Pattern
    polarity_cue: re.Pattern
    polarities: tuple[tuple[re.Pattern, str], ...]
    subheadings: frozenset[str]
    period_re: re.Pattern
    series: tuple[tuple[re.Pattern, str], ...]
    group_headings: frozenset[str]
    grid_tables: tuple[tuple[re.Pattern, str, str], ...]
    value_re: re.Pattern
    unit_suffixes: dict[str, str]
    unit_labels: tuple[tuple[re.Pattern, str], ...]
    denominator_re: re.Pattern
    stopwords: frozenset[str]
    not_available: frozenset[str]


@cache
def _config() -> _Config:
    """Load and compile ``kpi_report.yml`` once."""
    raw = load_yaml(CONFIG_FILE, "KPI report layout", required=("unit_suffixes", "periods"))
    flags = re.IGNORECASE
    suffixes = {k.lower(): v for k, v in raw["unit_suffixes"].items()}
    suffix_alt = "|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True))
    value = rf"(?P<num>{_NUMBER})\s*(?P<suffix>{suffix_alt})?"
    periods = "|".join(
        "(?:" + p.replace("{month}", raw["month"]).replace("{year}", raw["year"]) + ")"
        for p in raw["periods"]
    )
    series_suffix = raw["series_suffix"]
    number_range = (
        rf"(?P<low>{_NUMBER})\s*(?P<low_suffix>{suffix_alt})?\s*(?:{raw['range_joiner']})\s*"
        rf"(?P<high>{_NUMBER})\s*(?P<high_suffix>{suffix_alt})?"
    )
    return _Config(
        block_headings=tuple(
            (re.compile(rf"\s*(?:{h['pattern']})(?=\s|$)", flags), h["table"])
            for h in raw["block_headings"]
        ),
        index_row=re.compile(rf"(?:{raw['index_row']})", flags),
        target_re=re.compile(rf"\b(?:{raw['target_keyword']})\b", flags),
        tolerance_re=re.compile(rf"\b(?:{raw['tolerance_keyword']})\b", flags),
        target_period_re=re.compile(rf"\s*(?:{raw['target_period']})(?=\s|$)", flags),
        tolerance_value_re=re.compile(rf"\s*{number_range}\s*$", flags),
        polarity_cue=re.compile(raw["polarity_cue"], flags),
        polarities=tuple(
            (re.compile(p["pattern"], flags), p["polarity"]) for p in raw["polarities"]
        ),
        subheadings=frozenset(s.lower() for s in raw["block_subheadings"]),
        period_re=re.compile(rf"(?:{periods})(?:\s*\([^()]*\))?", flags),
        series=tuple(
            (re.compile(rf"(?:{pattern}){series_suffix}", flags), name)
            for name, pattern in raw["series"].items()
        ),
        group_headings=frozenset(g.lower() for g in raw["group_headings"]),
        grid_tables=tuple(
            (re.compile(t["pattern"], flags), t["table"], t["unit"]) for t in raw["grid_tables"]
        ),
        value_re=re.compile(rf"\s*{value}\s*(?:\((?P<note>[^()]*)\))?\s*$", flags),
        unit_suffixes=suffixes,
        unit_labels=tuple((re.compile(u["pattern"], flags), u["unit"]) for u in raw["unit_labels"]),
        denominator_re=re.compile(raw["denominator_labels"], flags),
        stopwords=frozenset(raw["stopwords"]),
        not_available=frozenset(s.lower() for s in raw["not_available"]),
    )


# --------------------------------------------------------------------------------------------
# Lines and cells


@dataclass(frozen=True)
class _Cell:
    """One table cell: its column index, raw offsets (trimmed) and normalised text."""

    index: int
    start: int
    end: int
    text: str
    number: "_Number | None" = None


@dataclass(frozen=True)
class _Line:
    """One line of the clean view: raw offsets, text, and its cells."""

    start: int
    end: int
    text: str
    cells: tuple[_Cell, ...]

    @property
    def is_blank(self) -> bool:
        """Whether the line holds nothing but whitespace."""
        return not self.text.strip()

    @property
    def is_row(self) -> bool:
        """Whether the line is laid out as a table row (two or more cells)."""
        return len(self.cells) > 1

    def cell(self, index: int) -> _Cell | None:
        """Return the cell in column ``index``, or ``None`` past the row's end."""
        return self.cells[index] if index < len(self.cells) else None


def _clean_view(text: str) -> str:
    """Return a same-length view of ``text`` with markup blanked out and characters made plain."""

    def blank(match: re.Match) -> str:
        token = match.group(0)
        keep = _ENTITY_CHAR.get(token, "")
        return keep + " " * (len(token) - len(keep))

    return _MARKUP.sub(blank, match_view(text))


def _split_cells(plain: str, view: str, start: int, end: int) -> tuple[_Cell, ...]:
    """Split the line ``start:end`` into cells at tabs, else at runs of two or more spaces.

    Args:
        plain: the document's matching view, where the separators are looked for (so blanked-out
            markup never splits a cell).
        view: the clean view, where cells are trimmed and read.
        start: raw offset where the line starts.
        end: raw offset where the line ends.

    Returns:
        The cells. A line split at spaces counts as a row only when a later cell holds a number,
        a period or a not-available mark; otherwise (prose with a double space) it is one cell.
    """
    line = plain[start:end]
    tabbed = "\t" in line
    separator = re.compile(r"\t" if tabbed else r" {2,}")
    cells, cell_start = [], start
    bounds = [(m.start() + start, m.end() + start) for m in separator.finditer(line)]
    for sep_start, sep_end in [*bounds, (end, end)]:
        cells.append(_trimmed_cell(view, cell_start, sep_start, len(cells)))
        cell_start = sep_end
    if not tabbed and not any(_looks_tabular(c) for c in cells[1:]):
        return (_trimmed_cell(view, start, end),)
    return tuple(cells)


def _looks_tabular(cell: _Cell) -> bool:
    """Whether a cell reads as a table value or heading (number, period, n/a mark)."""
    return bool(
        cell.number or _is_period(cell.text) or cell.text.lower() in _config().not_available
    )


def _trimmed_cell(view: str, start: int, end: int, index: int = 0) -> _Cell:
    """Return ``view[start:end]`` as one cell, trimmed of whitespace, with its number if any."""
    while start < end and view[start].isspace():
        start += 1
    while end > start and view[end - 1].isspace():
        end -= 1
    text = normalise_whitespace(view[start:end])
    return _Cell(index, start, end, text, _read_number(view, start, end) if text else None)


def _lines(text: str) -> tuple[str, list[_Line]]:
    """Return the clean view of ``text`` and every line of it with its cells."""
    plain = match_view(text)
    view = _clean_view(text)
    lines, start = [], 0
    for raw_line in view.split("\n"):
        end = start + len(raw_line)
        lines.append(_Line(start, end, raw_line, _split_cells(plain, view, start, end)))
        start = end + 1
    return view, lines


# --------------------------------------------------------------------------------------------
# Small readers


@dataclass(frozen=True)
class _Number:
    """A number read from a cell: its value, the raw span of number plus suffix, unit, note."""

    value: float
    start: int
    end: int
    unit: str | None
    note: str


def _read_number(view: str, start: int, end: int) -> _Number | None:
    """Read ``view[start:end]`` as one number (``9,736``, ``85%``, ``240 days``, ``492 (note)``)."""
    cfg = _config()
    match = cfg.value_re.match(view, start, end)
    if not match or match.end() != end:
        return None
    suffix = (match.group("suffix") or "").lower()
    return _Number(
        value=float(match.group("num").replace(",", "")),
        start=match.start("num"),
        end=match.end("suffix") if match.group("suffix") else match.end("num"),
        unit=cfg.unit_suffixes.get(suffix),
        note=normalise_whitespace(match.group("note") or ""),
    )


def _is_period(text: str) -> bool:
    """Whether a cell's text is a period heading."""
    return bool(text) and _config().period_re.fullmatch(text) is not None


def _series_of(text: str) -> tuple[str, str] | None:
    """Return ``(series, comparator_year)`` for a comparator label, or ``None``."""
    label = text.rstrip("*").strip()
    year_match = _PARENTHESIS.search(label)
    year = year_match.group(1).strip() if year_match else ""
    name = label[: year_match.start()] if year_match else label
    for pattern, series in _config().series:
        if pattern.fullmatch(name.rstrip("*").strip()):
            return series, year
    return None


def _polarity_in(text: str) -> tuple[str, re.Match] | None:
    """Return the printed direction of good in ``text`` and its match, or ``None``."""
    for pattern, polarity in _config().polarities:
        match = pattern.search(text)
        if match:
            return polarity, match
    return None


def _unit_from_label(label: str, default: str = "count") -> str:
    """Return the unit a label implies (``per 10,000``, ``days``, ``average``), else ``default``."""
    for pattern, unit in _config().unit_labels:
        if pattern.search(label):
            return unit
    return default


def _words(text: str) -> set[str]:
    """Return the content words of ``text`` (lower case, stopwords dropped)."""
    return set(_WORD.findall(text.lower())) - _config().stopwords


def _slug(text: str, max_words: int = 8) -> str:
    """Return a short lower-case slug of ``text`` (up to its first parenthesis)."""
    words = _WORD.findall(text.split("(")[0].lower())
    return "-".join(words[:max_words])


# --------------------------------------------------------------------------------------------
# Output records


@dataclass
class _Context:
    """What every row of one block or table shares."""

    text: str
    table: str
    kpi_no: str = ""
    kpi_key: str = ""
    label: str = ""
    polarity: str = ""
    last_period: str = ""
    rows: list[dict] = field(default_factory=list)
    issues: list[dict] = field(default_factory=list)

    def add_row(self, number: _Number, **fields) -> dict:
        """Record one value; ``fields`` fill the keys that differ from the block's."""
        row = dict.fromkeys(ROW_KEYS, "")
        row.update(
            kpi_no=self.kpi_no,
            kpi_key=self.kpi_key,
            label=self.label,
            polarity=self.polarity,
            table=self.table,
            is_period_inferred=False,
            column_no=0,
            measure_part="value",
            value=number.value,
            note=number.note,
        )
        row.update(fields)
        row.update(span_fields(self.text, number.start, number.end))
        self.rows.append(row)
        return row

    def add_issue(self, start: int, end: int, reason: str, **fields) -> None:
        """Record a value that could not be read, at raw offsets ``start:end``."""
        context = dict.fromkeys(ISSUE_KEYS[: -len(rows.ISSUE_KEYS)], "")
        context.update(kpi_no=self.kpi_no, label=self.label, **fields)
        self.issues.append(rows.issue(self.text, start, end, reason, **context))

    def read_cell(self, cell: _Cell | None, at: int, **fields) -> dict | None:
        """Read one value cell into a row, or record why it cannot be read.

        Args:
            cell: the cell, or ``None`` when the row ends before the column.
            at: raw offset to report for a missing cell.
            **fields: row keys (``series``, ``period``, ``row_label``, ...).

        Returns:
            The row, or ``None`` when an issue was recorded instead.
        """
        issue_fields = {k: fields[k] for k in ("row_label", "period", "series") if k in fields}
        if cell is None or not cell.text:
            position = cell.start if cell else at
            self.add_issue(position, position, "blank value cell", **issue_fields)
            return None
        number = cell.number
        if number is None:
            known = cell.text.lower() in _config().not_available
            reason = "value marked as not available" if known else "value is not a number"
            self.add_issue(cell.start, cell.end, f"{reason}: {cell.text!r}", **issue_fields)
            return None
        fields["unit"] = number.unit or fields.get("unit")
        return self.add_row(number, **fields)


# --------------------------------------------------------------------------------------------
# Finding the report's parts


def _block_heading(line: _Line) -> tuple[str, str, int] | None:
    """Return ``(table, kpi_no, heading_end)`` when ``line`` opens a KPI block."""
    cfg = _config()
    if not cfg.target_re.search(line.text) and not cfg.tolerance_re.search(line.text):
        return None
    for pattern, table in cfg.block_headings:
        match = pattern.match(line.text)
        if match:
            kpi_no = match.groupdict().get("kpi_no") or ""
            return table, kpi_no, line.start + match.end()
    return None


def _grid_spec(line: _Line) -> tuple[str, str] | None:
    """Return ``(table, unit)`` when ``line`` is the first row of a known grid table."""
    if not line.is_row:
        return None
    for pattern, table, unit in _config().grid_tables:
        if pattern.fullmatch(line.cells[0].text):
            return table, unit
    return None


def _index_kpi_no(line: _Line) -> str | None:
    """Return the KPI number when ``line`` is a row of the report's contents list."""
    if not line.is_row:
        return None
    match = _config().index_row.fullmatch(line.cells[0].text)
    return match.group("kpi_no") if match else None


def _heading_text(line: _Line) -> str | None:
    """Return the text of a markdown heading line, or ``None``."""
    match = _HEADING.match(line.text)
    return normalise_whitespace(match.group(1)) if match and "#" in line.text else None


def _block_end(lines: list[_Line], first: int) -> int:
    """Return the index of the line after the block that opens at ``lines[first]``."""
    subheadings = _config().subheadings
    for i in range(first + 1, len(lines)):
        heading = _heading_text(lines[i])
        if _block_heading(lines[i]) or (heading is not None and heading.lower() not in subheadings):
            return i
    return len(lines)


# --------------------------------------------------------------------------------------------
# A KPI block's heading line


def _read_heading_line(ctx: _Context, view: str, line: _Line, heading_end: int) -> str:
    """Read a block's wording, polarity, target and tolerance from its heading line.

    Args:
        ctx: the block's context; ``label`` and ``polarity`` are set, target and tolerance
            rows (``unit`` ``None`` until the headline's unit is known) or issues are added.
        view: the clean view of the document.
        line: the heading line.
        heading_end: raw offset where the block heading ("Performance Indicator 3") ends.

    Returns:
        The target's period as printed ("18/19"), or "".
    """
    cfg = _config()
    target = cfg.target_re.search(view, heading_end, line.end)
    tolerance = cfg.tolerance_re.search(view, heading_end, line.end)
    wording_end = min(m.start() for m in (target, tolerance) if m)
    wording = view[heading_end:wording_end]
    found = _polarity_in(wording)
    if found:
        ctx.polarity = found[0]
        wording = wording[: found[1].start()] + " " + wording[found[1].end() :]
    elif cfg.polarity_cue.search(wording):
        _raise_unknown_polarity(ctx.text, heading_end, wording)
    ctx.label = normalise_whitespace(wording)
    ctx.kpi_key = f"kpi-{int(ctx.kpi_no):02d}" if ctx.kpi_no else f"bp-{_slug(ctx.label)}"
    period = ""
    if target:
        target_end = (
            tolerance.start() if tolerance and tolerance.start() > target.end() else line.end
        )
        period = _read_target(ctx, view, target.start(), target.end(), target_end)
    if tolerance:
        tolerance_end = target.start() if target and target.start() > tolerance.end() else line.end
        _read_tolerance(ctx, view, tolerance, tolerance_end, period)
    return period


def _raise_unknown_polarity(text: str, start: int, wording: str) -> None:
    """Raise InputError for a direction-of-good wording the configuration does not know."""
    cue = _config().polarity_cue.search(wording)
    offset = start + (cue.start() if cue else 0)
    raise InputError(
        f"line {rows.position(text, offset)}: unknown direction-of-good wording "
        f"{normalise_whitespace(wording[cue.start() if cue else 0 :])!r}; "
        f"add it to {CONFIG_FILE.name} (polarities)"
    )


def _read_target(ctx: _Context, view: str, keyword_start: int, start: int, end: int) -> str:
    """Read ``Target [period] value`` (keyword at ``keyword_start``); return the period."""
    period_match = _config().target_period_re.match(view, start, end)
    period = normalise_whitespace(period_match.group(0)) if period_match else ""
    value_start = period_match.end() if period_match else start
    cell = _trimmed_cell(view, value_start, end)
    row_label = normalise_whitespace(view[keyword_start:value_start])
    ctx.read_cell(cell, value_start, series="target", period=period, unit=None, row_label=row_label)
    return period


def _read_tolerance(ctx: _Context, view: str, keyword: re.Match, end: int, period: str) -> None:
    """Read ``Tolerance low-high`` (after the ``keyword`` match) into two rows (or an issue)."""
    start = keyword.end()
    row_label = normalise_whitespace(keyword.group(0))
    cell = _trimmed_cell(view, start, end)
    if not cell.text:
        ctx.add_issue(start, start, "blank tolerance", series="tolerance_low", period=period)
        return
    match = _config().tolerance_value_re.match(view, cell.start, cell.end)
    if not match:
        ctx.add_issue(
            cell.start, cell.end, f"tolerance is not a range: {cell.text!r}", period=period
        )
        return
    suffixes = _config().unit_suffixes
    unit = suffixes.get((match.group("high_suffix") or match.group("low_suffix") or "").lower())
    for end_name, series in (("low", "tolerance_low"), ("high", "tolerance_high")):
        suffix_group = f"{end_name}_suffix"
        number = _Number(
            value=float(match.group(end_name).replace(",", "")),
            start=match.start(end_name),
            end=match.end(suffix_group) if match.group(suffix_group) else match.end(end_name),
            unit=unit,
            note="",
        )
        ctx.add_row(number, series=series, period=period, unit=unit, row_label=row_label)


# --------------------------------------------------------------------------------------------
# A KPI block's body: period headings, value rows, comparators


@dataclass
class _Body:
    """The lines of a block body, sorted by role."""

    headers: list[_Line] = field(default_factory=list)
    data: list[_Line] = field(default_factory=list)
    comparators: list[tuple[_Line, str, str]] = field(default_factory=list)
    footnotes: list[_Cell] = field(default_factory=list)
    polarity: str = ""


def _classify_body(text: str, lines: list[_Line]) -> _Body:
    """Sort a block body's lines into period headings, data rows, comparators and footnotes.

    Raises:
        InputError: a table row after the block's table has closed that is no known comparator.
    """
    body, closed = _Body(), False
    for line in lines:
        if line.is_blank or all(_SEPARATOR.match(c.text) or not c.text for c in line.cells):
            continue
        if not line.is_row:
            found = _polarity_in(line.text)
            if found and not body.polarity:
                body.polarity = found[0]
            closed = closed or bool(body.data)
            continue
        _classify_row(text, line, body, closed)
    return body


def _classify_row(text: str, line: _Line, body: _Body, closed: bool) -> None:
    """Put one table row of a block body in its place in ``body``."""
    filled = [c for c in line.cells if c.text]
    found = _polarity_in(line.text)
    if found and all(_polarity_in(c.text) for c in filled):
        body.polarity = body.polarity or found[0]
        return
    if len(filled) == 1 and filled[0].text.startswith("*"):
        body.footnotes.append(filled[0])
        return
    comparator = _series_of(line.cells[0].text)
    if comparator and len(filled) <= 2:
        body.comparators.append((line, *comparator))
        return
    if closed:
        cell = line.cells[0]
        raise InputError(
            f"line {rows.position(text, cell.start)}: unknown comparator {cell.text!r} after the "
            f"table; add its wording to {CONFIG_FILE.name} (series)"
        )
    has_number = any(c.number for c in line.cells[1:])
    has_period = any(_is_period(c.text) for c in line.cells)
    if not body.data and not has_number and (has_period or not line.cells[0].text):
        body.headers.append(line)
    else:
        body.data.append(line)


def _period_columns(text: str, headers: list[_Line]) -> dict[int, str]:
    """Return column index -> period heading, stacking headings printed over several lines.

    Raises:
        InputError: a heading cell that is neither a period nor continues one above it.
    """
    columns: dict[int, str] = {}
    for line in headers:
        for cell in line.cells:
            if not cell.text:
                continue
            if _is_period(cell.text) or (cell.index in columns and cell.index > 0):
                columns[cell.index] = normalise_whitespace(
                    f"{columns.get(cell.index, '')} {cell.text}"
                )
            elif cell.index > 0:
                raise InputError(
                    f"line {rows.position(text, cell.start)}: unknown column heading "
                    f"{cell.text!r}; add its period wording to {CONFIG_FILE.name} (periods)"
                )
    return columns


def _map_columns(periods: dict[int, str], value_columns: list[int]) -> dict[int, str | None]:
    """Match period headings to the columns that hold values.

    Headings sit over their values (same column index) in a well-extracted table; when the
    extraction shifted them, they are matched in order. A value column left without a heading
    maps to ``None`` (its period is inferred later).
    """
    heading_columns = sorted(periods)
    if set(heading_columns) <= set(value_columns) or set(value_columns) <= set(heading_columns):
        return {i: periods.get(i) for i in sorted(set(value_columns) | set(heading_columns))}
    in_order = [periods[i] for i in heading_columns]
    return {i: in_order[n] if n < len(in_order) else None for n, i in enumerate(value_columns)}


def _headline_unit(ctx: _Context, headline: _Line) -> str:
    """Return the unit of a block's headline row: a printed suffix, else its wording's."""
    units = _cell_units(headline)
    if units:
        return sorted(units)[0]
    return _unit_from_label(f"{headline.cells[0].text} {ctx.label}", default="number")


def _measure_parts(ctx: _Context, data: list[_Line], headline_unit: str) -> dict[int, str]:
    """Return line start -> ``measure_part`` for a block's rows (headline is the last row)."""
    headline = data[-1]
    parts = {line.start: "component" for line in data}
    parts[headline.start] = "value"
    counts = [ln for ln in data[:-1] if not _cell_units(ln) & {"percent"}]
    if headline_unit != "percent" or len(counts) < 2:
        return parts
    reference = _words(f"{headline.cells[0].text} {ctx.label}")

    def overlap(line: _Line) -> int:
        return len(_words(line.cells[0].text) & reference)

    labelled = [ln for ln in counts if _config().denominator_re.search(ln.cells[0].text)]
    denominator = min(labelled or counts, key=overlap)
    numerator = max((ln for ln in counts if ln is not denominator), key=overlap)
    parts[denominator.start] = "denominator"
    parts[numerator.start] = "numerator"
    return parts


def _cell_units(line: _Line) -> set[str]:
    """Return the printed suffix units of a row's value cells."""
    return {c.number.unit for c in line.cells[1:] if c.number and c.number.unit}


def _read_table(ctx: _Context, body: _Body) -> str:
    """Read a block's table into ``la`` rows, one per value cell; return the headline's unit."""
    periods = _period_columns(ctx.text, body.headers)
    value_columns = sorted({c.index for line in body.data for c in line.cells[1:] if c.text})
    columns = _map_columns(periods, value_columns)
    ctx.last_period = list(columns.values())[-1] or "" if columns else ""
    headline_unit = _headline_unit(ctx, body.data[-1])
    parts = _measure_parts(ctx, body.data, headline_unit)
    for line in body.data:
        part = parts[line.start]
        row_label = line.cells[0].text
        row_unit = headline_unit if part == "value" else _unit_from_label(row_label)
        for column_no, (index, period) in enumerate(columns.items(), start=1):
            ctx.read_cell(
                line.cell(index),
                line.end,
                series="la",
                row_label=row_label,
                measure_part=part,
                period=period,  # None until the report period is known
                is_period_inferred=period is None,
                column_no=column_no,
                unit=row_unit,
            )
    return headline_unit


def _read_comparators(ctx: _Context, body: _Body, unit: str | None) -> None:
    """Read a block's comparator lines (``National average <TAB> 22%``) into rows."""
    footnote = " ".join(c.text.lstrip("*").strip() for c in body.footnotes)
    for line, series, year in body.comparators:
        row_label = line.cells[0].text
        filled = [c for c in line.cells[1:] if c.text]
        row = ctx.read_cell(
            filled[0] if filled else line.cell(1),
            line.end,
            series=series,
            row_label=row_label,
            measure_part="value",
            period=year,
            comparator_year=year,
            unit=unit,
        )
        if row is not None and row_label.endswith("*") and footnote:
            row["note"] = normalise_whitespace(f"{row['note']} {footnote}")


def _parse_block(
    text: str, view: str, lines: list[_Line], heading: tuple[str, str, int]
) -> _Context:
    """Read one KPI block (its heading line first in ``lines``) into rows and issues."""
    table, kpi_no, heading_end = heading
    ctx = _Context(text, table, kpi_no=kpi_no)
    _read_heading_line(ctx, view, lines[0], heading_end)
    body = _classify_body(text, lines[1:])
    ctx.polarity = ctx.polarity or body.polarity
    unit = _read_table(ctx, body) if body.data else None
    _read_comparators(ctx, body, unit)
    for row in ctx.rows:
        row["polarity"] = ctx.polarity
        if row["unit"] is None:
            row["unit"] = unit or "number"
    return ctx


# --------------------------------------------------------------------------------------------
# Grid tables outside the blocks


def _grid_columns(text: str, headers: list[_Line]) -> dict[int, tuple[str, str, bool]]:
    """Return column index -> ``(series, period, is_period_inferred)`` of a grid's headings.

    A heading cell is a period, a known series, a group heading (ignored), the continuation of a
    period above it, or else the authority's own name (series ``la``). A column without a period
    takes the period of the nearest column to its left that has one (a spanning heading).

    Raises:
        InputError: more than one heading is neither of these (so none can be the authority).
    """
    cfg = _config()
    periods: dict[int, str] = {}
    series: dict[int, str] = {}
    unknown: list[_Cell] = []
    for cell in (c for line in headers for c in line.cells[1:] if c.text):
        found = _series_of(cell.text)
        if cell.text.lower() in cfg.group_headings:
            continue
        if _is_period(cell.text) or (cell.index in periods and not found):
            periods[cell.index] = normalise_whitespace(f"{periods.get(cell.index, '')} {cell.text}")
        elif found:
            series[cell.index] = found[0]
        else:
            unknown.append(cell)
            series[cell.index] = "la"
    if len(unknown) > 1:
        names = ", ".join(f"{c.text!r} at {rows.position(text, c.start)}" for c in unknown)
        raise InputError(
            f"unknown column headings {names}; add the series or group heading to "
            f"{CONFIG_FILE.name}"
        )
    columns, left = {}, None
    for index in sorted(set(periods) | set(series)):
        left = periods.get(index, left)
        columns[index] = (series.get(index, "la"), left or "", index not in periods and bool(left))
    return columns


def _parse_grid(text: str, lines: list[_Line], table: str, unit: str) -> _Context:
    """Read a comparison table (first cell names it, headings name series and periods).

    Raises:
        InputError: a value sits in a column that has no heading.
    """
    ctx = _Context(text, table)
    title = lines[0].cells[0].text
    first_data = next(
        (i for i, line in enumerate(lines) if any(c.number for c in line.cells[1:])), len(lines)
    )
    columns = _grid_columns(text, lines[:first_data])
    for line in lines[first_data:]:
        stray = [c for c in line.cells[1:] if c.text and c.index not in columns]
        if stray:
            raise InputError(
                f"line {rows.position(text, stray[0].start)}: value {stray[0].text!r} sits "
                "under no column heading"
            )
        ctx.label = line.cells[0].text or title
        ctx.kpi_key = _slug(f"{table} {ctx.label}")
        for column_no, (index, (series, period, inferred)) in enumerate(columns.items(), 1):
            ctx.read_cell(
                line.cell(index),
                line.end,
                series=series,
                row_label=ctx.label,
                measure_part="value",
                period=period,
                is_period_inferred=inferred,
                column_no=column_no,
                unit=unit,
                comparator_year=period if series != "la" else "",
            )
    return ctx


# --------------------------------------------------------------------------------------------
# The whole report


def _block_spans(lines: list[_Line]) -> list[tuple[int, int, tuple[str, str, int]]]:
    """Return ``(first line, end line, heading)`` of every KPI block.

    Raises:
        InputError: two blocks print the same KPI number.
    """
    spans, seen = [], {}
    for i, line in enumerate(lines):
        heading = _block_heading(line)
        if not heading:
            continue
        kpi_no = heading[1]
        if kpi_no and kpi_no in seen:
            raise InputError(
                f"line {i + 1}: KPI {kpi_no} has a second block (first on line {seen[kpi_no]})"
            )
        seen[kpi_no] = i + 1
        spans.append((i, _block_end(lines, i), heading))
    return spans


def _outside_runs(lines: list[_Line], spans: list[tuple[int, int, tuple]]) -> list[tuple[int, int]]:
    """Return the runs of table rows after the report's first part and outside every block."""
    anchors = [s[0] for s in spans] + [
        i for i, ln in enumerate(lines) if _index_kpi_no(ln) or _grid_spec(ln)
    ]
    inside = {i for first, end, _ in spans for i in range(first, end)}
    runs, start = [], None
    for i in range(min(anchors), len(lines) + 1):
        is_row = i < len(lines) and i not in inside and lines[i].is_row
        if is_row and start is None:
            start = i
        elif not is_row and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _read_other_tables(text: str, lines: list[_Line], spans: list) -> tuple[list[_Context], dict]:
    """Read the grid tables and the contents list around the blocks.

    Returns:
        The grid tables' contexts, and KPI number -> its contents-list line.

    Raises:
        InputError: a table with numbers inside the report that is no known kind of table.
    """
    report_end = spans[-1][1]
    grids, listed = [], {}
    for start, end in _outside_runs(lines, spans):
        run = lines[start:end]
        spec = _grid_spec(run[0])
        numbered = {n: ln for ln in run if (n := _index_kpi_no(ln))}
        if spec:
            grids.append(_parse_grid(text, run, *spec))
        elif numbered:
            listed.update(numbered)
        elif start < report_end and any(c.number for ln in run for c in ln.cells[1:]):
            cell = run[0].cells[0]
            raise InputError(
                f"line {start + 1}: table {cell.text!r} inside the KPI report is no known kind "
                f"of table; add its first cell to {CONFIG_FILE.name} (grid_tables)"
            )
    return grids, listed


def _fill_report_period(contexts: list[_Context]) -> None:
    """Give value columns printed without a period the report period (most blocks' last column)."""
    counts = Counter(ctx.last_period for ctx in contexts if ctx.last_period)
    report_period = counts.most_common(1)[0][0] if counts else ""
    for row in (r for ctx in contexts for r in ctx.rows):
        if row["is_period_inferred"] and not row["period"]:
            row["period"] = report_period
    for issue in (i for ctx in contexts for i in ctx.issues):
        if issue["period"] is None:
            issue["period"] = report_period


def _unlisted_blocks(text: str, listed: dict[str, _Line], contexts: list[_Context]) -> list[dict]:
    """Return an issue for each KPI in the contents list that has no block."""
    found = {ctx.kpi_no for ctx in contexts}
    issues = []
    for kpi_no, line in listed.items():
        if kpi_no not in found:
            ctx = _Context(text, "kpi", kpi_no=kpi_no, label=normalise_whitespace(line.text))
            ctx.add_issue(line.start, line.end, "KPI listed in the contents has no block")
            issues.extend(ctx.issues)
    return issues


def parse_kpi_report_with_issues(text: str) -> tuple[list[dict], list[dict]]:
    """Read every value a KPI report states, and every value cell it could not read.

    Args:
        text: a document's raw text (any document; one without KPI blocks gives nothing).

    Returns:
        ``(rows, issues)``. ``rows``: one dict per value stated, keys :data:`ROW_KEYS`, in
        document order. ``issues``: one dict per value cell that is blank or not a number (and per
        KPI listed in the contents without a block), keys :data:`ISSUE_KEYS`.

    Raises:
        InputError: a wording that should be known is not (direction of good, comparator, column
            heading, table), or a KPI has two blocks; the message gives line:column.
    """
    view, lines = _lines(text)
    spans = _block_spans(lines)
    if not spans:
        return [], []
    contexts = [
        _parse_block(text, view, lines[first:end], heading) for first, end, heading in spans
    ]
    grids, listed = _read_other_tables(text, lines, spans)
    _fill_report_period(contexts)
    contexts += grids
    rows = sorted((r for ctx in contexts for r in ctx.rows), key=lambda r: r["char_start"])
    issues = [i for ctx in contexts for i in ctx.issues] + _unlisted_blocks(text, listed, contexts)
    assert all(r["evidence"] == text[r["char_start"] : r["char_end"]] for r in rows)
    return rows, sorted(issues, key=lambda i: i["char_start"])


def parse_kpi_report(text: str) -> list[dict]:
    """Read every value a KPI report states: one row per value (see :data:`ROW_KEYS`).

    Args:
        text: a document's raw text.

    Returns:
        One dict per value, in document order; ``[]`` for a document without a KPI report.
        Cells that cannot be read are left out here; get them from
        :func:`parse_kpi_report_with_issues`.

    Raises:
        InputError: as :func:`parse_kpi_report_with_issues`.
    """
    return parse_kpi_report_with_issues(text)[0]
