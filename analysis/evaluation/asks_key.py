"""The readers' key beside each conclusion of the asks comparison: status by status, ask by ask.

:mod:`analysis.evaluation.concerns` measures the comparison on the key's rows that chose nothing.
A reviewer reads conclusions, though: a status in a cell, a count in a sentence, an ask called
new. Where the key covers the compared documents, these functions set the readers' own reading
(``data/labels/concern_*_key.csv``, ``docs/concern_codebook.md``) beside each of them, so the
page can show where the two part and how often a conclusion comes out the same.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.compare.asks import ask_label
from analysis.evaluation.concerns import STATUS_ID, read_link_key, read_status_key
from analysis.parse.patterns import phrase_pattern
from analysis.sources.documents import load_documents
from analysis.sources.links import source_url
from analysis.sources.text import match_view, sentence_spans

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
_ASK_YEAR = list(STATUS_ID)
_UNDECIDED = dict.fromkeys(KEY_STATUS_COLUMNS, "") | {"key_char_start": None, "key_char_end": None}


@dataclass(frozen=True)
class KeyDocument:
    """A compared document, as the key's quotes are located in it.

    Attributes:
        source_id: its id.
        text: its raw text (a PDF's extracted text), the one every position refers to.
        units: ``(start, end)`` of its paragraphs and asks, whose sentences a quote is widened
            to (:func:`whole_sentences`).
    """

    source_id: str
    text: str
    units: list[tuple[int, int]] = field(default_factory=list)


def with_key_status(
    status: pd.DataFrame,
    status_key: pd.DataFrame | None,
    documents: dict[str, KeyDocument] | None = None,
) -> pd.DataFrame:
    """Each ask and later year with the readers' settled status, and their quote, beside it.

    Args:
        status: :func:`~analysis.compare.asks.ask_status` output.
        status_key: :func:`~analysis.evaluation.concerns.read_status_key` (with the readers'
            ``quote_a``/``quote_file_a`` and ``_b`` columns when given), or None (no key).
        documents: raw file name to :class:`KeyDocument` of each compared document
            (:func:`key_documents`), to locate the readers' quotes in; None locates none.

    Returns:
        ``status`` with :data:`KEY_STATUS_COLUMNS`: ``key_status`` (empty where the key has no
        row), ``key_split`` (``tuning`` or ``test``: whether the row helped choose the
        thresholds), ``key_quote`` (the quote of the first reader, A then B, whose status was
        settled on and who gave one; empty when neither did, as for ``not_mentioned``): where
        it is found in a compared document, the whole sentences it stands in, as the raw text
        has them (:func:`locate`, :func:`whole_sentences`), with ``key_quote_source_id``,
        ``key_char_start``, ``key_char_end`` and ``key_source_url``; elsewhere the reader's
        words, with no position.
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


def _key_fields(row: dict, documents: dict[str, KeyDocument]) -> dict:
    """The key columns of one row: its status, split and the settled reader's quote, located."""
    fields = _UNDECIDED | {"key_status": row["status"], "key_split": row["split"]}
    # The quote of the first reader whose status is the settled one and who gave a quote.
    quoted = [
        r
        for r in "ab"
        if row.get(f"status_{r}") == row["status"] and str(row.get(f"quote_{r}") or "").strip()
    ]
    if not quoted:
        return fields
    reader = quoted[0]
    quote = str(row[f"quote_{reader}"]).strip()
    fields["key_quote"] = quote
    document = documents.get(str(row.get(f"quote_file_{reader}", "")))
    found = locate(quote, document.text) if document is not None else None
    if found is not None:
        start, end = whole_sentences(*found, document)
        fields |= {
            "key_quote": document.text[start:end],
            "key_quote_source_id": document.source_id,
            "key_char_start": start,
            "key_char_end": end,
            "key_source_url": source_url(document.source_id, start, end),
        }
    return fields


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """Where ``quote`` first stands in ``text``, whatever the whitespace and typography.

    A reader copies words onto one line with plain quotes and dashes; the raw text may break
    them across lines or pages and print curly ones (compared through
    :func:`~analysis.sources.text.match_view`).

    Returns:
        ``(start, end)`` with ``text[start:end]`` holding the quote's words, or None.
    """
    if not quote.split() or not text:
        return None
    # The quote's words in order, any whitespace between them, nothing added to the last word.
    pattern = phrase_pattern(
        match_view(quote), plural=False, anchored=False, separator=r"\s+", hyphens_separate=False
    )
    found = re.search(pattern, match_view(text))
    return None if found is None else found.span()


def whole_sentences(start: int, end: int, document: KeyDocument) -> tuple[int, int]:
    """``start:end`` widened to the whole sentences it stands in, within one paragraph or ask.

    A reader may quote a line of a sentence ("... early help work is at least adequate, and
    some is good,") whose rest says more ("... the majority of that led by partner agencies is
    very poor."): the page shows the sentence. A quote in no paragraph or ask of the document
    (a table row, a heading) is left as it is.
    """
    units = [(a, b) for a, b in document.units if a <= start and end <= b]
    if not units:
        return start, end
    first, last = min(units, key=lambda unit: unit[1] - unit[0])
    touched = [
        (first + a, first + b)
        for a, b in sentence_spans(document.text[first:last])
        if first + a < end and start < first + b
    ]
    if not touched:
        return start, end
    return min(start, touched[0][0]), max(end, touched[-1][1])


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
        ``key_new`` (``True`` or ``False``); both empty where the key did not pair this ask with
        every compared ask of an earlier year, so the readers did not decide.
    """
    out = origins.copy()
    if link_key is None or link_key.empty or origins.empty:
        return out.assign(**dict.fromkeys(KEY_ORIGIN_COLUMNS, ""))
    year_of = {(s, int(n)): int(y) for s, n, y in asks[["source_id", "rec_no", "year"]].values}
    scored: dict[tuple, dict[tuple, int]] = {}
    for row in link_key.itertuples(index=False):
        earlier = (row.from_source_id, int(row.from_rec_no))
        if earlier in year_of:
            later = (row.to_source_id, int(row.to_rec_no))
            scored.setdefault(later, {})[earlier] = int(row.link)
    returns_to, new = [], []
    for source_id, rec_no, year in origins[["source_id", "rec_no", "year"]].values:
        pairs = scored.get((source_id, int(rec_no)), {})
        before = {ask for ask, ask_year in year_of.items() if ask_year < int(year)}
        if not before or not before <= set(pairs):
            returns_to.append("")
            new.append("")  # the readers did not read it against every earlier ask
            continue
        linked = sorted((year_of[ask], ask[1]) for ask in before if pairs[ask] == 1)
        returns_to.append("; ".join(ask_label(y, n) for y, n in linked))
        new.append(not linked)
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
    """:func:`with_key_origins` output as the readers have it, for the rows they decided.

    Rows the key did not decide are left out; ``new`` is the readers' and ``returns_to`` their
    earlier asks (labels only, no scores: ``2012 #5; 2012 #7``).
    """
    rows = origins[decided(origins, "key_new")]
    new = rows["key_new"].map(lambda value: str(value) == "True")
    returns_to = rows.get("key_returns_to", pd.Series("", index=rows.index)).fillna("")
    return rows.assign(returns_to=returns_to, new=new)


def differing(frame: pd.DataFrame, found: str, key: str) -> pd.Series:
    """Rows the key decided whose ``found`` column is not the key's ``key`` column."""
    return decided(frame, key) & (frame[found].astype(str) != frame[key].astype(str))


def read_otherwise_rows(status: pd.DataFrame) -> pd.DataFrame:
    """The rows of every ask and year whose status the readers read otherwise.

    Args:
        status: :func:`with_key_status` output.
    """
    return status[differing(status, "status", "key_status")]


def read_otherwise(status: pd.DataFrame) -> set[tuple[str, int, int]]:
    """``(source_id, rec_no, year)`` of :func:`read_otherwise_rows`, as the asks chart marks them.

    Args:
        status: :func:`with_key_status` output.
    """
    rows = read_otherwise_rows(status)
    return {(s, int(n), int(y)) for s, n, y in rows[["source_id", "rec_no", "year"]].values}


def same_earlier_asks(origins: pd.DataFrame) -> pd.Series:
    """Rows the key decided whose earlier asks are the readers' (not only new or returning).

    ``returns_to`` carries scores (``2012 #5 (0.25); 2012 #7 (0.17)``), ``key_returns_to``
    labels only: the two are compared as sets of labels.
    """

    def labels(text) -> frozenset[str]:
        items = str(text).split(";") if isinstance(text, str) else []
        return frozenset(item.split("(")[0].strip() for item in items if item.strip())

    same = [
        labels(a) == labels(b)
        for a, b in zip(
            origins["returns_to"],
            origins.get("key_returns_to", pd.Series("", index=origins.index)),
            strict=True,
        )
    ]
    return decided(origins, "key_new") & pd.Series(same, index=origins.index)


def read_keys(
    links_key: Path | None, status_key: Path | None
) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """The key's two files as a notebook names them: ``(link key, status key)``.

    Both or neither: with one file missing no key is read, so the page never sets half a key
    beside its conclusions while :func:`~analysis.evaluation.concerns.asks_accuracy` says there
    is none.
    """
    if links_key is None or status_key is None:
        return None, None
    return read_link_key(links_key), read_status_key(status_key)


def key_documents(
    raw_dir: Path, source_ids, findings: pd.DataFrame, recommendations: pd.DataFrame
) -> dict[str, KeyDocument]:
    """Raw file name to :class:`KeyDocument` of each compared document.

    The key names each reader's quote by the file it was read in (``quote_file_a``).

    Args:
        raw_dir: the raw documents and their registry.
        source_ids: the compared documents.
        findings: their paragraphs (``findings`` rows: ``source_id``, ``char_start``,
            ``char_end``).
        recommendations: their asks (the same columns).
    """
    ids = set(source_ids)
    spans = pd.concat(
        [frame[["source_id", "char_start", "char_end"]] for frame in (findings, recommendations)]
    )
    units: dict[str, list[tuple[int, int]]] = {}
    for source_id, start, end in spans.itertuples(index=False):
        units.setdefault(source_id, []).append((int(start), int(end)))
    return {
        d.file: KeyDocument(d.source_id, d.text, units.get(d.source_id, []))
        for d in load_documents(raw_dir)
        if d.source_id in ids
    }
