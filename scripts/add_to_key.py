"""Add readers' labels of another authority's asks to the asks key, settled and split.

    python scripts/add_to_key.py READER_A READER_B [--settled READER_C]

Each reader's folder holds ``links.csv`` (``local_authority``, ``from_source_id``,
``from_rec_no``, ``to_source_id``, ``to_rec_no``, ``link``, ``reason``) and ``status.csv``
(``local_authority``, ``source_id``, ``rec_no``, ``year``, ``status``, ``quote_file``,
``quote``), filled alone from ``docs/concern_codebook.md``. The settling reader's folder holds
the same files for the rows where the two differ, each value one of the two readers'. The rows
are appended to ``data/labels/concern_links_key.csv`` and ``concern_status_key.csv`` with every
reader's value, the settled value and the split of their earlier ask
(:func:`analysis.evaluation.concerns.key_split`). Nothing is written unless every row is filled,
every difference is settled and no row is in the key already.
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
from analysis.evaluation.concerns import key_split  # noqa: E402
from analysis.files import write_text_atomic  # noqa: E402

LINK_ID = ("from_source_id", "from_rec_no", "to_source_id", "to_rec_no")
STATUS_ID = ("source_id", "rec_no", "year")
LINK_KEY_COLUMNS = (
    "local_authority",
    *LINK_ID,
    "link_a",
    "link_b",
    "link_c",
    "link",
    "split",
    "reason",
)
STATUS_KEY_COLUMNS = (
    "local_authority",
    *STATUS_ID,
    "status_a",
    "status_b",
    "status_c",
    "status",
    "quote_file_a",
    "quote_a",
    "quote_file_b",
    "quote_b",
    "split",
)


def read_rows(path: Path, ids: tuple[str, ...], value: str, allowed) -> dict[tuple, dict]:
    """A reader's rows by their identifying columns, each value checked against ``allowed``.

    Raises:
        InputError: the file is missing, a row repeats or holds a value outside ``allowed``.
    """
    if not path.is_file():
        raise InputError(f"{path}: not found")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found: dict[tuple, dict] = {}
    for line_no, row in enumerate(rows, start=2):
        key = tuple(row[column] for column in ids)
        if key in found:
            raise InputError(f"{path}, line {line_no}: {key} is there twice")
        if row[value] not in allowed:
            raise InputError(
                f"{path}, line {line_no}: {value} {row[value]!r} is not one of {allowed}"
            )
        found[key] = row
    return found


def settle(a: dict, b: dict, c: dict, what: str) -> dict[tuple, str]:
    """The settled value of every row: the readers' shared value, else the settling reader's.

    Raises:
        InputError: the readers labelled different rows, or a difference is unsettled or settled
            with a value neither reader gave.
    """
    if a.keys() != b.keys():
        raise InputError(f"{what}: readers a and b labelled different rows")
    settled = {}
    for key in a:
        first, second = a[key][what], b[key][what]
        if first == second:
            settled[key] = first
            continue
        if key not in c:
            raise InputError(f"{what}: {key} differs ({first} / {second}) and is not settled")
        if c[key][what] not in (first, second):
            raise InputError(f"{what}: {key} is settled as {c[key][what]!r}, neither reader's")
        settled[key] = c[key][what]
    return settled


def link_rows(a: dict, b: dict, c: dict) -> list[dict]:
    """The key's rows for the pairs of asks, in the readers' order."""
    settled = settle(a, b, c, "link")
    rows = []
    for key, row in a.items():
        link = settled[key]
        reason = next(
            (r[key]["reason"] for r in (a, b, c) if key in r and r[key]["link"] == "1"), ""
        )
        rows.append(
            {
                "local_authority": row["local_authority"],
                **dict(zip(LINK_ID, key, strict=True)),
                "link_a": row["link"],
                "link_b": b[key]["link"],
                "link_c": c[key]["link"] if key in c else "",
                "link": link,
                "split": key_split(key[0], int(key[1])),
                "reason": reason if link == "1" else "",
            }
        )
    return rows


def status_rows(a: dict, b: dict, c: dict) -> list[dict]:
    """The key's rows for the asks and later years, each reader's quote kept."""
    settled = settle(a, b, c, "status")
    return [
        {
            "local_authority": row["local_authority"],
            **dict(zip(STATUS_ID, key, strict=True)),
            "status_a": row["status"],
            "status_b": b[key]["status"],
            "status_c": c[key]["status"] if key in c else "",
            "status": settled[key],
            "quote_file_a": row["quote_file"],
            "quote_a": row["quote"],
            "quote_file_b": b[key]["quote_file"],
            "quote_b": b[key]["quote"],
            "split": key_split(key[0], int(key[1])),
        }
        for key, row in a.items()
    ]


def appended(path: Path, columns: tuple[str, ...], ids: tuple[str, ...], rows: list[dict]) -> str:
    """The key file's text with ``rows`` added at its end.

    Raises:
        InputError: the file's columns are not ``columns``, or a row is in it already.
    """
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise InputError(f"{path}: columns are not {', '.join(columns)}")
        present = {tuple(row[column] for column in ids) for row in reader}
    again = [
        tuple(row[column] for column in ids)
        for row in rows
        if tuple(row[c] for c in ids) in present
    ]
    if again:
        raise InputError(f"{path}: {len(again)} row(s) already in the key, e.g. {again[0]}")
    text = path.read_text(encoding="utf-8")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writerows(rows)
    return text + out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Check and settle the readers' files, then append them to both key files."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reader_a", type=Path)
    parser.add_argument("reader_b", type=Path)
    parser.add_argument("--settled", type=Path, help="the settling reader's folder")
    parser.add_argument("--key-dir", type=Path, default=LABELS_DIR, help="the key files' folder")
    args = parser.parse_args(argv)
    links = {"0", "1"}
    try:
        readers = [args.reader_a, args.reader_b]
        a, b = (read_rows(r / "links.csv", LINK_ID, "link", links) for r in readers)
        c = read_rows(args.settled / "links.csv", LINK_ID, "link", links) if args.settled else {}
        sa, sb = (read_rows(r / "status.csv", STATUS_ID, "status", ASK_STATUSES) for r in readers)
        sc = (
            read_rows(args.settled / "status.csv", STATUS_ID, "status", ASK_STATUSES)
            if args.settled
            else {}
        )
        link_file = args.key_dir / "concern_links_key.csv"
        status_file = args.key_dir / "concern_status_key.csv"
        link_text = appended(link_file, LINK_KEY_COLUMNS, LINK_ID, link_rows(a, b, c))
        status_text = appended(status_file, STATUS_KEY_COLUMNS, STATUS_ID, status_rows(sa, sb, sc))
    except InputError as err:
        print(f"error: {err}; the key was not changed", file=sys.stderr)
        return 1
    write_text_atomic(link_text, link_file)
    write_text_atomic(status_text, status_file)
    print(f"{len(a)} pairs and {len(sa)} asks and years added to the key")
    return 0


if __name__ == "__main__":
    sys.exit(main())
