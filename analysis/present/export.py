"""Exporting tables and charts for readers: CSVs and the registries that list them.

Files are written with :mod:`analysis.files` (atomically, never half-written) and byte-identically
from run to run. The workbook of every table is :mod:`analysis.present.workbook`.
"""

import contextlib
import fcntl
import hashlib
import tempfile
from pathlib import Path

import pandas as pd

from analysis.files import read_csv, readable_path, write_csv

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
