"""The workbook of every table (``reports/tables/tables.xlsx``), the same bytes on every run.

Kept apart from :mod:`analysis.present.export` so that only the report imports openpyxl: every
notebook and every build step imports the exporter.
"""

import datetime as dt
import io
import re
import zipfile

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from analysis.config import SOURCE_DATE_EPOCH

_FIXED_DATETIME = dt.datetime.fromtimestamp(SOURCE_DATE_EPOCH, tz=dt.UTC).replace(tzinfo=None)
_HEADER_FILL = PatternFill("solid", fgColor="12436D")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_MAX_COLUMN_WIDTH = 60


def _sheet_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base[:28]}_{n}"
    taken.add(candidate)
    return candidate


def _cell_value(value):
    """A value as a worksheet cell takes it.

    Missing becomes empty; a control character XML 1.0 cannot hold (a form feed at a PDF page
    break) becomes a space.
    """
    if isinstance(value, float) and pd.isna(value):
        return None
    return ILLEGAL_CHARACTERS_RE.sub(" ", value) if isinstance(value, str) else value


#: Columns holding a link relative to ``reports/``; in the workbook (in ``reports/tables/``) they
#: become hyperlinks one folder up, so a reviewer opens the words a row came from.
LINK_COLUMNS = ("source_url", "ask_url")


def _write_sheet(sheet, frame: pd.DataFrame) -> None:
    sheet.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([_cell_value(v) for v in row])
    for index, column in enumerate(frame.columns, start=1):
        if column not in LINK_COLUMNS:
            continue
        for cell in sheet[get_column_letter(index)][1:]:
            if isinstance(cell.value, str) and cell.value:
                cell.hyperlink = "../" + cell.value
    for cell in sheet[1]:
        cell.fill = _HEADER_FILL
        cell.font = _HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    # Text longer than a column is wide wraps inside its cell instead of running off one line.
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) > _MAX_COLUMN_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(frame.columns, start=1):
        values = [str(column)] + [str(v) for v in frame[column].head(200)]
        width = min(_MAX_COLUMN_WIDTH, max(len(v) for v in values) + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width


def workbook_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """Build an XLSX workbook, one sheet per frame, with the same bytes on every run.

    Headers are bold on the palette's dark blue, the top row is frozen and columns are sized to
    their contents. openpyxl stamps the save time into ``docProps/core.xml`` and every zip entry;
    both are rewritten with the project's fixed date so the file is byte-identical across runs.

    Args:
        sheets: sheet name to frame, in the order the sheets should appear.

    Returns:
        The workbook's bytes.
    """
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for name, frame in sheets.items():
        _write_sheet(book.create_sheet(_sheet_name(name, taken)), frame)
    book.properties.creator = "analysis"
    book.properties.created = _FIXED_DATETIME
    book.properties.modified = _FIXED_DATETIME
    buffer = io.BytesIO()
    book.save(buffer)
    return _fix_zip_dates(buffer.getvalue())


def _fix_zip_dates(data: bytes) -> bytes:
    stamp = _FIXED_DATETIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                    lambda m: m.group(1) + stamp.encode() + m.group(3),
                    content,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_DATETIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()
