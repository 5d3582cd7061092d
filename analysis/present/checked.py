"""The page's conclusions about the asks, each built again from the key's readers' reading.

A reviewer reads conclusions: the summary's sentences about the asks and the asks chart's title.
Where a key covers the compared documents, :func:`checked_conclusions` builds each of them
twice, from what the comparison found and from the readers' statuses and links
(:mod:`analysis.evaluation.asks_key`), so the page can set them side by side and count how
often they read the same.
"""

import pandas as pd

from analysis.compare.asks import status_counts
from analysis.evaluation.asks_key import (
    as_the_key_reads,
    differing,
    key_covers,
    origins_as_the_key_reads,
)
from analysis.present.captions import asks_caption, titled_rows
from analysis.present.summary import ask_sentences, new_ask_sentences

#: What the rows of a sentence of :func:`ask_sentences` (and of the chart's title) and of
#: :func:`new_ask_sentences` are.
STATUS_ROWS, ORIGIN_ROWS = "asks and later years", "later asks"
CHECKED_COLUMNS = ["conclusion", "key_conclusion", "same", "rows", "rows_differing", "rows_are"]


def checked_conclusions(status: pd.DataFrame, origins: pd.DataFrame) -> pd.DataFrame:
    """Each sentence the page states about the asks, beside the same sentence built from the key.

    The sentences of :func:`~analysis.present.summary.ask_sentences` (one per inspection), the
    asks chart's title (:func:`~analysis.present.captions.asks_caption`) and
    :func:`~analysis.present.summary.new_ask_sentences` (one per later inspection), once from
    what the comparison found and once from the readers' key
    (:func:`~analysis.evaluation.asks_key.as_the_key_reads`). A sentence is checked only when
    the key decided every row it counts.

    Args:
        status: ``concern_status`` with the key's columns
            (:func:`~analysis.evaluation.asks_key.with_key_status`).
        origins: ``ask_origins`` with the key's columns
            (:func:`~analysis.evaluation.asks_key.with_key_origins`).

    Returns:
        :data:`CHECKED_COLUMNS`: ``same`` when the two sentences are word for word the same,
        ``rows`` the rows the sentence counts, ``rows_differing`` how many of them the key reads
        otherwise (another status; new rather than returning, or the reverse), ``rows_are``
        what those rows are ("asks and later years", "later asks"); no rows without a key.
    """
    rows = []
    for _, rows_of in _groups(status, ["source_id", "ask_year"]):
        if key_covers(rows_of, "key_status"):
            found = ask_sentences(status_counts(rows_of))
            key = ask_sentences(status_counts(as_the_key_reads(rows_of)))
            rows.append((found, key, differing(rows_of, "status", "key_status"), STATUS_ROWS))
    titled = titled_rows(status)
    if key_covers(titled, "key_status"):
        found = [asks_caption(status_counts(titled))[0]]
        key = [asks_caption(status_counts(as_the_key_reads(titled)))[0]]
        rows.append((found, key, differing(titled, "status", "key_status"), STATUS_ROWS))
    for _, rows_of in _groups(origins, ["year"]):
        if key_covers(rows_of, "key_new"):
            found = new_ask_sentences(rows_of)
            key = new_ask_sentences(origins_as_the_key_reads(rows_of))
            rows.append((found, key, differing(rows_of, "new", "key_new"), ORIGIN_ROWS))
    return pd.DataFrame(
        [
            (found[0], key[0], found[0] == key[0], len(moved), int(moved.sum()), rows_are)
            for found, key, moved, rows_are in rows
        ],
        columns=CHECKED_COLUMNS,
    )


def _groups(frame: pd.DataFrame, columns: list[str]):
    """``frame``'s rows by ``columns`` (each inspection's), in order; none for an empty frame."""
    return frame.groupby(columns, sort=True) if len(frame) else []
