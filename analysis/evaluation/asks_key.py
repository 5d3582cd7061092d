"""The readers' key beside each conclusion of the asks comparison: status by status, ask by ask.

:mod:`analysis.evaluation.concerns` measures the comparison on the key's rows that chose nothing.
A reviewer reads conclusions, though: a status in a cell, a count in a sentence, an ask called
new. Where the key covers the compared documents, these functions set the readers' own reading
(``data/labels/concern_*_key.csv``, ``docs/concern_codebook.md``) beside each of them, so the
page can show where the two part and how often a conclusion comes out the same.
"""

import re
from pathlib import Path

import pandas as pd

from analysis.compare.asks import ask_label
from analysis.evaluation.concerns import read_link_key, read_status_key
from analysis.sources.documents import load_documents
from analysis.sources.links import source_url

#: The columns :func:`with_key_status` adds to ``concern_status``: the readers' status, the
#: row's split, and the quote the readers gave for it, located in the raw text where the quote's
#: document is among those compared (as ``quote``, ``quote_source_id``... locate the comparison's).
KEY_STATUS_COLUMNS = [
    "key_status",
    "key_split",
    "key_quote",
    "key_quote_source_id",
    "key_char_start",
    "key_char_end",
    "key_source_url",
]
#: The columns :func:`with_key_origins` adds to ``ask_origins``.
KEY_ORIGIN_COLUMNS = ["key_returns_to", "key_new"]
_ASK_YEAR = ["source_id", "rec_no", "year"]
_UNDECIDED = dict.fromkeys(KEY_STATUS_COLUMNS, "") | {"key_char_start": None, "key_char_end": None}


def with_key_status(
    status: pd.DataFrame,
    status_key: pd.DataFrame | None,
    documents: dict[str, tuple[str, str]] | None = None,
) -> pd.DataFrame:
    """Each ask and later year with the readers' settled status, and their quote, beside it.

    Args:
        status: :func:`~analysis.compare.asks.ask_status` output.
        status_key: :func:`~analysis.evaluation.concerns.read_status_key` (with the readers'
            ``quote_a``/``quote_file_a`` and ``_b`` columns when given), or None (no key).
        documents: raw file name to ``(source_id, text)`` of the compared documents, to locate
            the readers' quotes in; None locates none.

    Returns:
        ``status`` with :data:`KEY_STATUS_COLUMNS`: ``key_status`` (empty where the key has no
        row), ``key_split`` (``tuning`` or ``test``: whether the row helped choose the
        thresholds), ``key_quote`` (the words of the reader whose status was settled on, as the
        raw text has them where found; empty for ``not_mentioned``), and where it was found
        ``key_quote_source_id``, ``key_char_start``, ``key_char_end`` and ``key_source_url``.
    """
    rows = []
    keyed = _key_rows(status_key)
    for source_id, rec_no, year in status[_ASK_YEAR].itertuples(index=False):
        row = keyed.get((source_id, int(rec_no), int(year)))
        rows.append(_UNDECIDED if row is None else _key_fields(row, documents or {}))
    added = pd.DataFrame(rows, index=status.index, columns=KEY_STATUS_COLUMNS)
    added = added.astype({"key_char_start": "Int64", "key_char_end": "Int64"})
    return pd.concat([status.drop(columns=KEY_STATUS_COLUMNS, errors="ignore"), added], axis=1)


def _key_rows(status_key: pd.DataFrame | None) -> dict[tuple, dict]:
    """The key's rows by ``(source_id, rec_no, year)``; none without a key."""
    if status_key is None or status_key.empty:
        return {}
    return {
        (row["source_id"], int(row["rec_no"]), int(row["year"])): row
        for row in status_key.to_dict("records")
    }


def _key_fields(row: dict, documents: dict[str, tuple[str, str]]) -> dict:
    """The key columns of one row: its status, split and the settled reader's quote, located."""
    fields = _UNDECIDED | {"key_status": row["status"], "key_split": row["split"]}
    # The quote of the first reader whose status is the settled one.
    reader = next((r for r in "ab" if row.get(f"status_{r}") == row["status"]), None)
    quote = str(row.get(f"quote_{reader}") or "").strip() if reader else ""
    if not quote:
        return fields
    fields["key_quote"] = quote
    source_id, text = documents.get(str(row.get(f"quote_file_{reader}", "")), ("", ""))
    found = locate(quote, text)
    if found is not None:
        start, end = found
        fields |= {
            "key_quote": text[start:end],
            "key_quote_source_id": source_id,
            "key_char_start": start,
            "key_char_end": end,
            "key_source_url": source_url(source_id, start, end),
        }
    return fields


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """Where ``quote`` first stands in ``text``, whatever the whitespace between its words.

    A reader copies a sentence onto one line; the raw text may break it across lines or pages.

    Returns:
        ``(start, end)`` with ``text[start:end]`` holding the quote's words, or None.
    """
    words = quote.split()
    if not words or not text:
        return None
    found = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return None if found is None else found.span()


def with_key_origins(
    origins: pd.DataFrame, link_key: pd.DataFrame | None, asks: pd.DataFrame
) -> pd.DataFrame:
    """Each later ask with the earlier asks the readers linked to it, or new by their reading.

    Args:
        origins: :func:`~analysis.compare.asks.ask_origins` output.
        link_key: :func:`~analysis.evaluation.concerns.read_link_key`, or None (no key).
        asks: the compared asks (``recommendations`` rows: ``source_id``, ``year``, ``rec_no``),
            for the earlier asks' years.

    Returns:
        ``origins`` with ``key_returns_to`` (``2012 #5; 2012 #7``, in year and number order) and
        ``key_new`` (``True`` or ``False``; empty where the key scored no pair of the compared
        earlier asks with this one, so the readers did not decide).
    """
    out = origins.copy()
    if link_key is None or link_key.empty or origins.empty:
        return out.assign(key_returns_to="", key_new="")
    year_of = {(s, int(n)): int(y) for s, n, y in asks[["source_id", "rec_no", "year"]].values}
    pairs = link_key[
        link_key["from_source_id"].isin({s for s, _ in year_of})
        & link_key["to_source_id"].isin(set(origins["source_id"]))
    ]
    returns_to, new = [], []
    for source_id, rec_no in origins[["source_id", "rec_no"]].values:
        mine = pairs[(pairs["to_source_id"] == source_id) & (pairs["to_rec_no"] == int(rec_no))]
        linked = sorted(
            (year_of[(s, int(n))], int(n))
            for s, n, link in mine[["from_source_id", "from_rec_no", "link"]].values
            if int(link) == 1 and (s, int(n)) in year_of
        )
        returns_to.append("; ".join(ask_label(y, n) for y, n in linked))
        # Undecided (no pair scored) stays empty, not new.
        new.append("" if mine.empty else not linked)
    out["key_returns_to"] = returns_to
    out["key_new"] = pd.Series(new, index=out.index, dtype=object)
    return out


def decided(frame: pd.DataFrame, column: str) -> pd.Series:
    """Which rows the key decided: ``column`` (``key_status``, ``key_new``) holds a value.

    Read back from a CSV, an undecided cell is empty or missing; a frame without the column
    (no key) has no row decided.
    """
    if column not in frame.columns:
        return pd.Series(False, index=frame.index)
    values = frame[column]
    return values.notna() & (values.astype(str) != "")


def key_covers(frame: pd.DataFrame, column: str) -> bool:
    """Whether the key decided every row of ``frame`` (``column``: ``key_status``, ``key_new``)."""
    return len(frame) > 0 and bool(decided(frame, column).all())


def as_the_key_reads(status: pd.DataFrame) -> pd.DataFrame:
    """:func:`with_key_status` output with each row's status replaced by the readers' status.

    What the comparison would conclude if it read every ask as the key does: its counts and
    sentences are built exactly as the comparison's own are (only rows the key decided).
    """
    rows = status[decided(status, "key_status")]
    return rows.assign(status=rows["key_status"])


def origins_as_the_key_reads(origins: pd.DataFrame) -> pd.DataFrame:
    """:func:`with_key_origins` output with ``returns_to`` and ``new`` as the readers have them."""
    rows = origins[decided(origins, "key_new")]
    new = rows["key_new"].map(lambda value: str(value) == "True")
    returns_to = rows.get("key_returns_to", pd.Series("", index=rows.index)).fillna("")
    return rows.assign(returns_to=returns_to, new=new)


def differing(frame: pd.DataFrame, found: str, key: str) -> pd.Series:
    """Rows the key decided whose ``found`` column is not the key's ``key`` column."""
    return decided(frame, key) & (frame[found].astype(str) != frame[key].astype(str))


def read_keys(
    links_key: Path | None, status_key: Path | None
) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """The key's two files as a notebook names them: ``(link key, status key)``; None for none."""
    return (
        read_link_key(links_key) if links_key is not None else None,
        read_status_key(status_key) if status_key is not None else None,
    )


def document_texts(raw_dir: Path, source_ids) -> dict[str, tuple[str, str]]:
    """Raw file name to ``(source_id, text)`` of the compared documents.

    The key names each reader's quote by the file it was read in (``quote_file_a``); a PDF's
    text is its extracted text, the one every position refers to.
    """
    ids = set(source_ids)
    return {d.file: (d.source_id, d.text) for d in load_documents(raw_dir) if d.source_id in ids}
