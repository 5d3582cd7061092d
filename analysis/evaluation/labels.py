"""Hand-label files: the CSVs that tone and themes are measured against.

``data/labels/paragraph_labels.csv`` labels paragraphs of the documents in ``data/raw``;
``tests/data/tone_labels_corpus.csv`` labels paragraphs of other authorities' reports. A label
file has one row per labelled text (``file``, the document it comes from; ``text``; the labels;
the labellers' own columns) and, where part of it was used to tune the package's phrase lists,
a ``split`` column saying which rows were (``tuning``) and which were used to choose nothing
(``test``).
"""

import csv
from collections.abc import Collection
from pathlib import Path

from analysis.contract.errors import InputError


def read_label_rows(
    path: Path,
    columns: tuple[str, ...],
    split: str | None = None,
    files: Collection[str] | None = None,
) -> list[tuple[int, dict]]:
    """Read a label file, checking that it has the columns the caller needs.

    Args:
        path: the CSV file (UTF-8, with or without a byte-order mark).
        columns: the columns the caller reads; ``split`` is added when ``split`` is given, and
            ``file`` when ``files`` is.
        split: keep only the rows whose ``split`` is this; default every row.
        files: keep only the rows whose ``file`` (a document's file name) is one of these;
            default every row.

    Returns:
        ``(line number, row)`` pairs, the line numbers counting the header as line 1.

    Raises:
        InputError: a column is missing; the message names the file and the columns.
    """
    needed = (
        *columns,
        *(["split"] if split is not None else []),
        *(["file"] if files is not None else []),
    )
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in needed if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
        rows = list(enumerate(reader, start=2))
    return [
        (n, row)
        for n, row in rows
        if (split is None or row["split"] == split) and (files is None or row["file"] in files)
    ]
