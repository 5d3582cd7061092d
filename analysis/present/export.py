"""Exporting tables and charts for readers: CSVs, the workbook, and the registries that list them.

Files are written with :mod:`analysis.files` (atomically, never half-written) and byte-identically
from run to run (fixed dates in the workbook).
"""

import contextlib
import datetime as dt
import fcntl
import hashlib
import io
import re
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from analysis.config import SOURCE_DATE_EPOCH
from analysis.files import read_csv, readable_path, write_csv

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


#: The registries notebooks write beside their outputs, and the key of each.
TABLES_REGISTRY = "tables.csv"
FIGURES_REGISTRY = "figures.csv"


def register_tables(records: list[dict], tables_dir: Path, notebook: str) -> pd.DataFrame:
    """Record a notebook's exported tables (rows from :func:`export_table`) in ``tables.csv``."""
    return update_registry(Path(tables_dir) / TABLES_REGISTRY, records, notebook, "table_id")


def export_tables(exports: list[tuple], tables_dir: Path, notebook: str) -> list[dict]:
    """Write a notebook's tables and record them in ``tables.csv``.

    Args:
        exports: ``(frame, table_id, title, method, sources)`` for each table (see
            :func:`export_table`).
        tables_dir: the tables folder.
        notebook: the notebook's name.

    Returns:
        The registry rows written.
    """
    records = [
        export_table(frame, table_id, title, method, sources, tables_dir)
        for frame, table_id, title, method, sources in exports
    ]
    register_tables(records, tables_dir, notebook)
    return records


def register_figures(saved: list, figures_dir: Path, notebook: str) -> pd.DataFrame:
    """Record a notebook's charts (:class:`~analysis.present.plot.SavedFigure`) in figures.csv."""
    records = [figure.record() for figure in saved]
    return update_registry(Path(figures_dir) / FIGURES_REGISTRY, records, notebook, "figure_id")


def update_registry(path: Path, records: list[dict], notebook: str, key: str) -> pd.DataFrame:
    """Replace one notebook's rows in an output registry (``figures.csv``, ``tables.csv``).

    Several notebooks write into the same folder; each owns its rows, so re-running one notebook
    replaces exactly what it wrote before and leaves the others' rows alone.

    Args:
        path: the registry CSV.
        records: this notebook's rows, each with ``key`` and ``notebook`` among its fields.
        notebook: the notebook's name (without folder).
        key: the column that identifies an output, e.g. ``figure_id``.

    Returns:
        The whole registry as written, sorted by notebook then key.
    """
    with _registry_lock(path):
        return _update_registry(Path(path), records, notebook, key)


#: The registries notebooks share, by file name, with the column that identifies an output.
REGISTRY_KEYS = {TABLES_REGISTRY: "table_id", FIGURES_REGISTRY: "figure_id"}


def merge_staged_registry(target: Path, staged: Path, notebook: str) -> bool:
    """Move one notebook's staged registry rows into the current registry (a step's commit).

    Notebooks run side by side, each in its own stage (:func:`analysis.files.staged_writes`); a
    staged registry holds the rows of the others as they were when the notebook read it, so
    replacing the file would lose rows another notebook committed meanwhile. Only this notebook's
    rows are taken, and merged into the registry as it is now.

    Args:
        target: the real file a staged file is committed to.
        staged: the staged file.
        notebook: the notebook whose step commits.

    Returns:
        True when ``target`` is a registry and was updated; False for any other file.
    """
    key = REGISTRY_KEYS.get(Path(target).name)
    if key is None:
        return False
    rows = read_csv(staged)
    own = rows[rows["notebook"] == notebook].drop(columns="notebook")
    update_registry(target, own.to_dict("records"), notebook, key)
    return True


@contextlib.contextmanager
def _registry_lock(path: Path):
    """Hold an exclusive lock while a notebook rewrites a shared registry.

    ``make -j`` runs notebooks side by side, and several write ``figures.csv`` and
    ``tables.csv``; the lock file sits in the temporary folder so no output folder gains one.
    """
    digest = hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()[:16]
    lock_path = Path(tempfile.gettempdir()) / f"analysis-registry-{digest}.lock"
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _update_registry(path: Path, records: list[dict], notebook: str, key: str) -> pd.DataFrame:
    new = pd.DataFrame(records)
    if new.empty:
        new = pd.DataFrame(columns=[key, "notebook"])
    new["notebook"] = notebook
    if readable_path(path).is_file():
        old = read_csv(path)
        old = old[old["notebook"] != notebook]
        new = pd.concat([old, new], ignore_index=True)
    duplicated = new[key][new[key].duplicated()].tolist()
    if duplicated:
        raise ValueError(f"{path}: {key} used by more than one output: {duplicated}")
    new = new.sort_values(["notebook", key], kind="stable").reset_index(drop=True)
    write_csv(new, path)
    return new


def export_table(
    frame: pd.DataFrame, table_id: str, title: str, method: str, sources: str, tables_dir: Path
) -> dict:
    """Write a report table as ``reports/tables/<table_id>.csv`` and describe it.

    Args:
        frame: the table.
        table_id: file stem and registry key.
        title: what the table shows, in a sentence.
        method: how it was computed from the processed data (shown in the workbook).
        sources: the documents it comes from.
        tables_dir: the tables folder.

    Returns:
        The row for ``reports/tables/tables.csv``.
    """
    path = write_csv(frame, Path(tables_dir) / f"{table_id}.csv")
    return {
        "table_id": table_id,
        "title": title,
        "method": method,
        "sources": sources,
        "csv": path.name,
        "n_rows": len(frame),
    }
