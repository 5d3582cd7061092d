"""Add readers' labels of another authority's asks to the asks key, settled and split.

    python scripts/add_to_key.py READER_A READER_B [--settled READER_C]

Each reader's folder holds ``links.csv`` (``local_authority``, ``from_source_id``,
``from_rec_no``, ``to_source_id``, ``to_rec_no``, ``link``, ``reason``) and ``status.csv``
(``local_authority``, ``source_id``, ``rec_no``, ``year``, ``status``, ``quote_file``,
``quote``), filled alone from ``docs/concern_codebook.md`` (``scripts/key_packet.py`` writes
both files with every row to fill). The settling reader's folder holds the same files with the
rows where the two differ only, each value one of the two readers' (a file with nothing to
settle may be left out). The rows are appended to ``data/labels/concern_links_key.csv`` and
``concern_status_key.csv`` with every reader's value, the settled value and the split of their
earlier ask (:func:`analysis.evaluation.concerns.key_split`).

Nothing is written unless both readers labelled the same rows, every row is filled (a reason for
each link a reader makes, a quote and its file for each status other than ``not_mentioned``),
every difference and nothing else is settled, and no row is in the key already.
"""

import argparse
import csv
import io
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from analysis.config import LABELS_DIR  # noqa: E402
from analysis.contract.errors import InputError  # noqa: E402
from analysis.contract.values import ASK_STATUSES  # noqa: E402
from analysis.evaluation.concerns import (  # noqa: E402
    LINK_ID,
    LINK_KEY_FILE_COLUMNS,
    STATUS_ID,
    STATUS_KEY_FILE_COLUMNS,
    key_split,
)
from analysis.files import write_text_atomic  # noqa: E402

#: Identifying columns that hold whole numbers ("01" and "1" are the same ask).
_NUMBERS = {"from_rec_no", "to_rec_no", "rec_no", "year"}


class Labels:
    """One reader's file: rows by their identifying columns, and where each was read."""

    def __init__(self, path: Path, rows: dict[tuple, dict], lines: dict[tuple, int]) -> None:
        self.path, self.rows, self.lines = path, rows, lines

    def where(self, key: tuple) -> str:
        """``path, line N`` of a row."""
        return f"{self.path}, line {self.lines[key]}"


def read_labels(path: Path, ids: tuple[str, ...], value: str, allowed, fill) -> Labels:
    """A reader's rows, each checked: known columns, whole-number ids, an allowed value, filled.

    Args:
        path: the reader's CSV.
        ids: the columns that identify a row.
        value: the labelled column.
        allowed: the values it may hold.
        fill: ``fill(row)`` names what a row lacks (empty when it is filled).

    Raises:
        InputError: the file is missing or lacks a column; a row repeats, has an id that is not
            a whole number, a value outside ``allowed`` or is not filled. The message names the
            file and line.
    """
    if not path.is_file():
        raise InputError(f"{path}: not found")
    rows: dict[tuple, dict] = {}
    lines: dict[tuple, int] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in (*ids, value) if c not in (reader.fieldnames or ())]
        if missing:
            raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
        start = reader.line_num + 1
        for row in reader:
            where = f"{path}, line {start}"
            key = tuple(_id(row, column, where) for column in ids)
            if key in rows:
                raise InputError(f"{where}: {key} is there twice")
            if row[value] not in allowed:
                raise InputError(f"{where}: {value} {row[value]!r} is not one of {allowed}")
            lacking = fill(row)
            if lacking:
                raise InputError(f"{where}: {value} {row[value]!r} without {lacking}")
            rows[key], lines[key] = row, start
            start = reader.line_num + 1
    return Labels(path, rows, lines)


def _id(row: dict, column: str, where: str) -> str:
    """An identifying cell, stripped; a number column written as its whole number."""
    cell = (row.get(column) or "").strip()
    if column not in _NUMBERS:
        return cell
    try:
        return str(int(cell))
    except ValueError:
        raise InputError(f"{where}: {column} {cell!r} is not a whole number") from None


def link_filled(row: dict) -> str:
    """What a reader's link row lacks: a reason for a link."""
    return "a reason" if row["link"] == "1" and not row.get("reason", "").strip() else ""


def status_filled(row: dict) -> str:
    """What a reader's status row lacks: a quote and its file for a status read from them."""
    if row["status"] == "not_mentioned":
        return ""
    lacking = [c for c in ("quote", "quote_file") if not row.get(c, "").strip()]
    return " and ".join(lacking)


def _settling(row: dict) -> str:
    """What a settling reader's row lacks: nothing (its reason and quote are the readers')."""
    return ""


def settle(a: Labels, b: Labels, c: Labels, what: str) -> dict[tuple, str]:
    """The settled value of every row: the readers' shared value, else the settling reader's.

    Raises:
        InputError: the readers labelled different rows; a difference is unsettled or settled
            with a value neither reader gave; the settling reader labelled a row that is not a
            difference. The message names the files.
    """
    odd = sorted(a.rows.keys() ^ b.rows.keys())
    if odd:
        raise InputError(f"{a.path} and {b.path} label different rows, e.g. {odd[0]}")
    settled = {}
    for key in a.rows:
        first, second = a.rows[key][what], b.rows[key][what]
        if first == second:
            if key in c.rows:
                raise InputError(f"{c.where(key)}: {key} needs no settling (both say {first})")
            settled[key] = first
            continue
        if key not in c.rows:
            raise InputError(
                f"{a.where(key)} and {b.where(key)}: {key} differs ({first} / {second}) and "
                f"{c.path} does not settle it"
            )
        if c.rows[key][what] not in (first, second):
            raise InputError(
                f"{c.where(key)}: {key} is settled as {c.rows[key][what]!r}, neither reader's"
            )
        settled[key] = c.rows[key][what]
    stray = sorted(c.rows.keys() - a.rows.keys())
    if stray:
        raise InputError(f"{c.where(stray[0])}: {stray[0]} is not a row the readers labelled")
    return settled


def _reason(key: tuple, settled: str, readers: list[Labels]) -> str:
    """The reason for a settled link: the first given by a reader who made it (settler first)."""
    if settled != "1":
        return ""
    return next(
        (
            r.rows[key]["reason"].strip()
            for r in readers
            if key in r.rows
            and r.rows[key]["link"] == "1"
            and r.rows[key].get("reason", "").strip()
        ),
        "",
    )


def _settled_rows(a: Labels, b: Labels, c: Labels, ids: tuple[str, ...], what: str) -> list[dict]:
    """Each row's identifying columns, every reader's value, the settled value and the split."""
    settled = settle(a, b, c, what)
    return [
        {
            "local_authority": row["local_authority"],
            **dict(zip(ids, key, strict=True)),
            f"{what}_a": row[what],
            f"{what}_b": b.rows[key][what],
            f"{what}_c": c.rows[key][what] if key in c.rows else "",
            what: settled[key],
            "split": key_split(key[0], int(key[1])),
        }
        for key, row in a.rows.items()
    ]


def link_rows(a: Labels, b: Labels, c: Labels) -> list[dict]:
    """The key's rows for the pairs of asks, in reader a's order."""
    rows = _settled_rows(a, b, c, LINK_ID, "link")
    for key, row in zip(a.rows, rows, strict=True):
        row["reason"] = _reason(key, row["link"], [c, a, b])
    return rows


def status_rows(a: Labels, b: Labels, c: Labels) -> list[dict]:
    """The key's rows for the asks and later years, each reader's quote kept."""
    rows = _settled_rows(a, b, c, STATUS_ID, "status")
    for key, row in zip(a.rows, rows, strict=True):
        for reader, labels in (("a", a), ("b", b)):
            row[f"quote_file_{reader}"] = labels.rows[key]["quote_file"]
            row[f"quote_{reader}"] = labels.rows[key]["quote"]
    return rows


def appended(path: Path, columns: tuple[str, ...], ids: tuple[str, ...], rows: list[dict]) -> str:
    """The key file's text with ``rows`` added at its end.

    Raises:
        InputError: the file is missing, its columns are not ``columns``, or a row is in it
            already.
    """
    if not path.is_file():
        raise InputError(f"{path}: the key file is not there")
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise InputError(f"{path}: columns are not {', '.join(columns)}")
        present = {tuple(_id(row, c, str(path)) for c in ids) for row in reader}
    again = [key for row in rows if (key := tuple(row[c] for c in ids)) in present]
    if again:
        raise InputError(f"{path}: {len(again)} row(s) already in the key, e.g. {again[0]}")
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=columns, lineterminator="\n").writerows(rows)
    return path.read_text(encoding="utf-8") + out.getvalue()


def _reader(folder: Path | None, optional: bool = False) -> tuple[Labels, Labels]:
    """A reader's ``(links, status)``; a settling reader's missing file holds no rows."""

    def read(name: str, ids, value, allowed, fill) -> Labels:
        path = folder / name if folder else Path(name)
        if optional and (folder is None or not path.is_file()):
            return Labels(path, {}, {})
        return read_labels(path, ids, value, allowed, fill)

    return (
        read("links.csv", LINK_ID, "link", {"0", "1"}, _settling if optional else link_filled),
        read(
            "status.csv",
            STATUS_ID,
            "status",
            ASK_STATUSES,
            _settling if optional else status_filled,
        ),
    )


def main(argv: list[str] | None = None) -> int:
    """Check and settle the readers' files, then append them to both key files."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reader_a", type=Path)
    parser.add_argument("reader_b", type=Path)
    parser.add_argument("--settled", type=Path, help="the settling reader's folder")
    parser.add_argument("--key-dir", type=Path, default=LABELS_DIR, help="the key files' folder")
    args = parser.parse_args(argv)
    link_file = args.key_dir / "concern_links_key.csv"
    status_file = args.key_dir / "concern_status_key.csv"
    try:
        (la, sa), (lb, sb) = _reader(args.reader_a), _reader(args.reader_b)
        lc, sc = _reader(args.settled, optional=True)
        link_text = appended(link_file, LINK_KEY_FILE_COLUMNS, LINK_ID, link_rows(la, lb, lc))
        status_text = appended(
            status_file, STATUS_KEY_FILE_COLUMNS, STATUS_ID, status_rows(sa, sb, sc)
        )
    except InputError as err:
        print(f"error: {err}; the key was not changed", file=sys.stderr)
        return 1
    write_text_atomic(link_text, link_file)
    write_text_atomic(status_text, status_file)
    print(f"{len(la.rows)} pairs and {len(sa.rows)} asks and years added to the key")
    return 0


if __name__ == "__main__":
    sys.exit(main())
