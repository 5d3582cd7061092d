"""The asks comparison against its key: link precision and recall, status agreement, thresholds.

The key (``data/labels/concern_links_key.csv``, ``concern_status_key.csv``; how it was made:
``data/labels/README.md``) was read from ``docs/concern_codebook.md`` by two readers alone and a
third where they differed. Each row carries a ``split``: the thresholds in
``analysis/data/concerns.yml`` are chosen on ``tuning`` rows only (:func:`search_thresholds`),
and ``test`` rows are the honest measure. A status whose quote says the opposite counts as an
error too (:func:`contradictions`).
"""

import datetime as dt
import functools
import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd

from analysis.compare.asks import (
    ComparedTexts,
    Settings,
    ask_space,
    ask_status,
    compared_texts,
    link_asks,
)
from analysis.compare.findings import findings_only
from analysis.contract.errors import InputError
from analysis.evaluation.checklists import read_checklist
from analysis.readings.tone import score_tone
from analysis.sources.documents import Document, authority_key, read_text, sha256_of
from analysis.tables.processed import build_findings, build_recommendations, read_table

#: What identifies a row of the link key (a pair of asks) and of the status key (an ask and a
#: later year); the readers' files (``scripts/key_packet.py``, ``scripts/add_to_key.py``) start
#: with ``local_authority`` and these.
LINK_ID = ("from_source_id", "from_rec_no", "to_source_id", "to_rec_no")
STATUS_ID = ("source_id", "rec_no", "year")
LINK_KEY_COLUMNS = (*LINK_ID, "link", "split")
STATUS_KEY_COLUMNS = (*STATUS_ID, "status", "split")
#: Every column of the two key files, as ``scripts/add_to_key.py`` writes them: each reader's
#: value (``_a``, ``_b``; ``_c`` where they differed), the settled one and the split.
LINK_KEY_FILE_COLUMNS = (
    "local_authority",
    *LINK_ID,
    "link_a",
    "link_b",
    "link_c",
    "link",
    "split",
    "reason",
)
STATUS_KEY_FILE_COLUMNS = (
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
_LINK = list(LINK_ID)
_ASK_YEAR = list(STATUS_ID)
#: Close ratios :func:`search_thresholds` tries, largest first (1.0: the most similar sentence
#: alone decides a status).
CLOSE_RATIOS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
#: The statuses a quote's own tone must allow: a quote that reads positive never decides
#: "still weak", one that reads negative never decides "improved".
_FORBIDDEN_TONE = {"reported_improved": "negative", "reported_still_weak": "positive"}


@dataclass(frozen=True)
class LinkScore:
    """Links found against the key: counts and ratios."""

    pairs: int
    true_positive: int
    false_positive: int
    false_negative: int

    @property
    def found(self) -> int:
        """Links found among the key's pairs (what precision rests on)."""
        return self.true_positive + self.false_positive

    @property
    def in_key(self) -> int:
        """Links the key has (what recall rests on)."""
        return self.true_positive + self.false_negative

    @property
    def precision(self) -> float:
        """Share of links found that the key has."""
        return self.true_positive / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        """Share of the key's links that were found."""
        return self.true_positive / self.in_key if self.in_key else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        denominator = 2 * self.true_positive + self.false_positive + self.false_negative
        return 2 * self.true_positive / denominator if denominator else 0.0


def key_split(source_id: str, rec_no: int) -> str:
    """The split of every key row about an earlier ask: ``test`` or ``tuning``.

    Fixed by the ask alone, before any score is seen: the parity of the SHA-256 of
    ``"<source_id>:<rec_no>"`` (odd: ``test``). All pairs and years of one ask fall on the same
    side, so no ask is both tuned on and tested.
    """
    digest = hashlib.sha256(f"{source_id}:{rec_no}".encode()).hexdigest()
    return "test" if int(digest, 16) % 2 else "tuning"


def read_link_key(path: Path) -> pd.DataFrame:
    """Every scored pair of asks of the key, with ``link`` (1 or 0) and ``split``."""
    frame = pd.DataFrame(read_checklist(path, LINK_KEY_COLUMNS))
    return frame.astype({"from_rec_no": int, "to_rec_no": int, "link": int})


def read_status_key(path: Path) -> pd.DataFrame:
    """Every ask and later year of the key, with its settled ``status`` and ``split``."""
    frame = pd.DataFrame(read_checklist(path, STATUS_KEY_COLUMNS))
    return frame.astype({"rec_no": int, "year": int})


def score_links(links: pd.DataFrame, key: pd.DataFrame, split: str | None = None) -> LinkScore:
    """Compare found links with the key's pairs (optionally one split's rows only).

    Only pairs the key scored count, so the key decides which inspections are compared.
    """
    rows = key if split is None else key[key["split"] == split]
    found = set(map(tuple, links[_LINK].astype({"from_rec_no": int, "to_rec_no": int}).values))
    said = [tuple(r) in found for r in rows[_LINK].values]
    truth = rows["link"].astype(bool).tolist()
    return LinkScore(
        pairs=len(rows),
        true_positive=sum(s and t for s, t in zip(said, truth, strict=True)),
        false_positive=sum(s and not t for s, t in zip(said, truth, strict=True)),
        false_negative=sum(t and not s for s, t in zip(said, truth, strict=True)),
    )


def status_agreement(status: pd.DataFrame, key: pd.DataFrame, split: str | None = None) -> dict:
    """How often the status found is the key's, counting a contradicted quote as an error.

    Returns:
        ``{"rows": n, "agree": k, "contradictions": c, "agreement": k / n, "confusion":
        {key status: {found status: count}}}``; a row whose quote contradicts its status
        (:func:`contradictions`) never agrees.
    """
    rows = key if split is None else key[key["split"] == split]
    merged = _with_key(status, rows)
    bad = contradictions(merged)
    agree = (merged["status"] == merged["status_key"]) & ~bad
    confusion = pd.crosstab(merged["status_key"], merged["status"]).to_dict("index")
    n = len(merged)
    return {
        "rows": n,
        "agree": int(agree.sum()),
        "contradictions": int(bad.sum()),
        "agreement": float(agree.sum() / n) if n else 0.0,
        "confusion": confusion,
    }


def _with_key(status: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The key's rows with the status found for each.

    Returns:
        ``rows`` with ``status_key`` (the key's status) and the found row's columns; ``status``
        is ``not_mentioned`` where none was found.
    """
    merged = rows.merge(status, on=_ASK_YEAR, how="left", suffixes=("_key", ""))
    merged["status"] = merged["status"].fillna("not_mentioned")
    return merged


@functools.lru_cache(maxsize=4096)
def _tone(quote: str) -> str:
    return score_tone(quote).tone if quote else ""


def contradictions(status: pd.DataFrame) -> pd.Series:
    """Whether each row's quote, read by the tone scorer, says the opposite of its status."""
    quotes = status.get("quote", pd.Series("", index=status.index)).fillna("")
    tones = [_tone(q) for q in quotes]
    forbidden = status["status"].map(_FORBIDDEN_TONE).fillna("-")
    return pd.Series([t == f for t, f in zip(tones, forbidden, strict=True)], index=status.index)


@dataclass(frozen=True)
class ThresholdSearch:
    """What :func:`search_thresholds` tried on the key's tuning rows, and what it chose.

    Attributes:
        settings: the chosen thresholds.
        link_f1: link F1 on the tuning pairs at the chosen link threshold.
        without_theme: ``(threshold, F1)``, the best link F1 if links did not need a shared theme.
        close_ratios: for each ratio of :data:`CLOSE_RATIOS`, ``(status threshold, agreeing
            tuning rows)`` with its best status threshold.
        status_rows: how many tuning rows the status agreement counts.
    """

    settings: Settings
    link_f1: float
    without_theme: tuple[float, float]
    close_ratios: dict[float, tuple[float, int]]
    status_rows: int


def search_thresholds(
    texts: list[ComparedTexts],
    link_key: pd.DataFrame,
    status_key: pd.DataFrame,
) -> ThresholdSearch:
    """The thresholds that do best on the key's tuning rows, over every authority given.

    The link threshold maximises link F1 on tuning pairs (ties: the lowest); given it, the status
    close ratio (of :data:`CLOSE_RATIOS`; ties: the largest) and status threshold maximise status
    agreement on tuning rows. Threshold candidates are the similarities the data holds.

    Args:
        texts: each authority's compared texts (:func:`~analysis.compare.asks.compared_texts`).
        link_key: :func:`read_link_key`.
        status_key: :func:`read_status_key`.

    Returns:
        The :class:`ThresholdSearch`: the chosen settings and what each choice was weighed on.
    """
    asked = [(t.asks, ask_space(t.asks)) for t in texts]
    pairs = pd.concat([link_asks(asks, space, 0.0) for asks, space in asked])
    link_threshold, link_f1 = _best_link_threshold(pairs, link_key)
    any_theme = pd.concat([link_asks(asks, space, 0.0, False) for asks, space in asked])
    links = pairs[pairs["score"] >= link_threshold]
    status_tuning = status_key[status_key["split"] == "tuning"]
    close_ratios = {}
    for ratio in CLOSE_RATIOS:
        raw = pd.concat(
            [ask_status(t.asks, links, t.sentences, t.space, 0.0, ratio, t.vectors) for t in texts],
            ignore_index=True,
        )
        close_ratios[ratio] = _best_status_threshold(raw, status_tuning)
    # The most agreeing rows; ties go to the larger ratio, tried first.
    ratio = max(close_ratios, key=lambda r: (close_ratios[r][1], r))
    return ThresholdSearch(
        settings=Settings(link_threshold, close_ratios[ratio][0], ratio),
        link_f1=link_f1,
        without_theme=_best_link_threshold(any_theme, link_key),
        close_ratios=close_ratios,
        status_rows=len(status_tuning),
    )


def _best_status_threshold(raw: pd.DataFrame, tuning: pd.DataFrame) -> tuple[float, int]:
    """The status floor with the most agreeing tuning rows (ties: the lowest), and that count.

    Args:
        raw: :func:`~analysis.compare.asks.ask_status` output with no floor (0.0).
        tuning: the key's tuning rows.
    """
    candidates = np.unique(np.round(raw.loc[raw["status"] != "asked_again", "score"], 3))
    # What status_agreement(apply_status_floor(raw, t), tuning) counts, for every t at once: a
    # floored row agrees when the key says not_mentioned; another as it agrees unfloored.
    merged = _with_key(raw, tuning)
    agrees = ((merged["status"] == merged["status_key"]) & ~contradictions(merged)).to_numpy()
    absent = (merged["status_key"] == "not_mentioned").to_numpy()
    floorable = (merged["status"] != "asked_again").to_numpy()
    scores = merged["score"].fillna(0.0).to_numpy()

    def agree(threshold: float) -> int:
        return int(np.where(floorable & (scores < threshold), absent, agrees).sum())

    best = float(max(candidates, key=lambda t: (agree(t), -t)))
    return best, agree(best)


def _best_link_threshold(pairs: pd.DataFrame, link_key: pd.DataFrame) -> tuple[float, float]:
    """The link threshold with the best F1 on the key's tuning pairs (ties: the lowest), and F1.

    What :func:`score_links` gives for ``pairs[pairs["score"] >= t]``, for every candidate ``t``
    (the scores the data holds) at once.
    """
    tuning = link_key[link_key["split"] == "tuning"]
    candidates = np.unique(np.round(pairs["score"], 3))
    scored = pairs.astype({"from_rec_no": int, "to_rec_no": int}).groupby(_LINK)["score"].max()
    rows = pd.MultiIndex.from_frame(tuning[_LINK].astype({"from_rec_no": int, "to_rec_no": int}))
    scores = scored.reindex(rows).to_numpy(dtype=float, na_value=-np.inf)
    truth = tuning["link"].astype(bool).to_numpy()
    said = scores[None, :] >= candidates[:, None]
    true_positive = (said & truth).sum(axis=1)
    false_positive = (said & ~truth).sum(axis=1)
    false_negative = truth.sum() - true_positive
    denominator = 2 * true_positive + false_positive + false_negative
    f1 = np.divide(
        2 * true_positive, denominator, out=np.zeros(len(candidates)), where=denominator > 0
    )
    best = int(np.argmax(f1))  # the first of equal F1s: candidates ascend
    return float(candidates[best]), float(f1[best])


def compare_link_weights(
    texts: list[ComparedTexts], link_key: pd.DataFrame, search: "ThresholdSearch | None" = None
) -> dict[str, tuple[float, float]]:
    """Best link F1 on the tuning pairs for term weights fitted on the asks or on every text.

    The asks comparison links asks with weights fitted on the asks alone
    (:func:`~analysis.compare.asks.ask_space`) because that does better here than weights fitted
    on the documents' paragraphs and asks (:func:`~analysis.compare.asks.term_space`).

    Args:
        texts: each authority's compared texts (:func:`~analysis.compare.asks.compared_texts`).
        link_key: :func:`read_link_key`.
        search: :func:`search_thresholds` on the same texts and key, when already run: its link
            threshold and F1 are those of the asks' weights, so they are not searched again.

    Returns:
        ``{"asks": (threshold, f1), "documents": (threshold, f1)}``.
    """

    def best(make) -> tuple[float, float]:
        pairs = pd.concat([link_asks(t.asks, make(t), 0.0) for t in texts])
        return _best_link_threshold(pairs, link_key)

    asks = (
        (search.settings.link_min_similarity, search.link_f1)
        if search is not None
        else best(lambda t: ask_space(t.asks))
    )
    return {"asks": asks, "documents": best(lambda t: t.space)}


ACCURACY_COLUMNS = ["measure", "value", "low", "high", "rows", "split", "key"]
#: The confidence of the interval given with each share measured on the key's rows.
CONFIDENCE = 0.95


def share_interval(successes: int, n: int) -> tuple[float, float]:
    """Wilson's score interval (:data:`CONFIDENCE`) of a share measured on ``n`` rows.

    A share of a few key rows is imprecise; the interval says how much, and stays within 0-1
    at 0 or ``n`` successes. The formula is Newcombe's (1998, method 3, no continuity
    correction), as scipy's ``binomtest(...).proportion_ci(method="wilson")`` computes it: 0 and
    1 exactly at the ends. The normal quantile comes from :class:`statistics.NormalDist`, which
    can differ from scipy's in the last bit (3e-16 at most on the bounds, far below the shares'
    rounding).

    Returns:
        ``(low, high)``; both NaN when ``n`` is 0.

    Raises:
        ValueError: ``successes`` is negative or more than ``n``.
    """
    if not 0 <= successes <= n:
        raise ValueError(f"a share of {successes} successes in {n} rows")
    if not n:
        return float("nan"), float("nan")
    z = NormalDist().inv_cdf(0.5 + 0.5 * CONFIDENCE)
    p = successes / n
    denominator = 2 * (n + z**2)
    centre = (2 * n * p + z**2) / denominator
    half_width = z / denominator * math.sqrt(4 * n * p * (1 - p) + z**2)
    low = 0.0 if successes == 0 else centre - half_width
    high = 1.0 if successes == n else centre + half_width
    return low, high


def asks_accuracy(
    links: pd.DataFrame,
    status: pd.DataFrame,
    link_key: pd.DataFrame | None,
    status_key: pd.DataFrame | None,
    source_ids,
    split: str = "test",
) -> pd.DataFrame:
    """How far to trust the asks comparison of these documents, on the key's rows of one split.

    Args:
        links: :func:`analysis.compare.asks.link_asks` output for the compared documents.
        status: :func:`analysis.compare.asks.ask_status` output.
        link_key: :func:`read_link_key`; only pairs whose asks are both among ``source_ids``
            count. None: no key (no rows returned).
        status_key: :func:`read_status_key`; only asks of ``source_ids`` count. None: no key.
        source_ids: the compared documents.
        split: the key rows that count (``test``: used to choose nothing).

    Returns:
        One row per measure (``link_precision``, ``link_recall``, ``link_f1``,
        ``status_agreement``, ``quotes_contradicting_status``) with ``value``, for the three
        shares its ``low`` and ``high`` bounds (:func:`share_interval`; empty for F1 and the
        count of contradictions), the key ``rows`` it rests on, ``split`` and ``key``; no rows
        when the key has none for these documents.
    """
    if link_key is None or status_key is None:
        return pd.DataFrame(columns=ACCURACY_COLUMNS)
    ids = set(source_ids)
    pairs = link_key[link_key["from_source_id"].isin(ids) & link_key["to_source_id"].isin(ids)]
    pairs = pairs[pairs["split"] == split]
    asks = status_key[status_key["source_id"].isin(ids) & (status_key["split"] == split)]
    asks = asks[asks["year"].isin(status["year"].unique())]
    if pairs.empty and asks.empty:
        return pd.DataFrame(columns=ACCURACY_COLUMNS)
    found = score_links(links, pairs)
    agreed = status_agreement(status, asks)
    tp = found.true_positive
    rows = [
        ("link_precision", found.precision, share_interval(tp, found.found), found.found),
        ("link_recall", found.recall, share_interval(tp, found.in_key), found.in_key),
        ("link_f1", found.f1, (None, None), found.pairs),
        (
            "status_agreement",
            agreed["agreement"],
            share_interval(agreed["agree"], agreed["rows"]),
            agreed["rows"],
        ),
        ("quotes_contradicting_status", agreed["contradictions"], (None, None), agreed["rows"]),
    ]
    return pd.DataFrame(
        [
            (
                m,
                _rounded(v),
                _rounded(low),
                _rounded(high),
                n,
                split,
                "data/labels/concern_*_key.csv",
            )
            for m, v, (low, high), n in rows
        ],
        columns=ACCURACY_COLUMNS,
    )


def share_text(value: float, low: float | None, high: float | None, places: int = 0) -> str:
    """A share with its interval, as the page and ``docs/accuracy.md`` print it: "53% (30-75%)".

    Without an interval (no rows: ``low`` missing or NaN) the share stands alone.
    """
    if low is None or high is None or pd.isna(low) or pd.isna(high):
        return f"{value:.{places}%}"
    return f"{value:.{places}%} ({low * 100:.0f}-{high:.0%})"


def _rounded(value: float | None) -> float | None:
    """A measure as the table keeps it: three decimals (None stays None)."""
    return None if value is None else round(float(value), 3)


def asks_accuracy_note(accuracy: pd.DataFrame) -> str:
    """One sentence saying how far the asks comparison matched its key, or that it is unchecked."""
    if accuracy.empty:
        return (
            "No key covers these documents, so how often the links and statuses match a "
            "reader's is not measured (docs/concern_codebook.md says how to make one)."
        )
    value = accuracy.set_index("measure")

    def share(measure: str) -> str:
        row = value.loc[measure]
        return share_text(row["value"], row["low"], row["high"])

    return (
        "Against a key read from docs/concern_codebook.md, on its rows for the documents compared "
        "here that were used to choose nothing (95% intervals in brackets): "
        f"links between asks have precision {share('link_precision')} and recall "
        f"{share('link_recall')} ({value.loc['link_f1', 'rows']} pairs); "
        f"statuses agree on {share('status_agreement')} of "
        f"{value.loc['status_agreement', 'rows']} asks and years, and "
        f"{value.loc['quotes_contradicting_status', 'value']:.0f} quotes contradict their status. "
        "Few rows were read, so the intervals are wide: read the statuses as leads to check "
        "against their quotes."
    )


def year_in_name(name: str) -> int:
    """The first year (19xx or 20xx) written in a file name or source id.

    Raises:
        InputError: the name holds no year.
    """
    found = re.search(r"(?:19|20)\d\d", name)
    if found is None:
        raise InputError(f"{name}: no year in the name")
    return int(found.group(0))


def corpus_document(path: Path, local_authority: str) -> Document:
    """An Ofsted report of ``../shared/corpus`` or ``corpus-pdf`` as a document, id the file's stem.

    The corpora have no registry: the year is the first four digits in the file name
    (``bristol-2014-sif.txt``, ``walsall-2017-09-04.pdf``), the type ``inspection_report``; a PDF
    is read as the pipeline reads one (:func:`~analysis.sources.documents.read_text`).
    """
    year = year_in_name(path.stem)
    return Document(
        source_id=path.stem,
        file=path.name,
        year=year,
        published=dt.date(year, 1, 1),
        document_type="inspection_report",
        title=path.stem,
        publisher="Ofsted",
        local_authority=local_authority,
        sha256=sha256_of(path),
        path=path,
        text=read_text(path),
    )


def corpus_file(source_id: str, corpus_dirs) -> Path | None:
    """The report ``<source_id>.txt`` or ``<source_id>.pdf`` in the first folder holding one."""
    for folder in corpus_dirs:
        for suffix in (".txt", ".pdf"):
            path = Path(folder) / f"{source_id}{suffix}"
            if path.is_file():
                return path
    return None


def key_tables(
    processed_dir: Path, corpus_dirs, link_key: pd.DataFrame, exclude_part_kinds
) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    """``(findings, recommendations)`` of every authority the key covers.

    Documents already processed (``processed_dir``) are read from their tables; the others are
    found in ``corpus_dirs`` (:func:`corpus_file`: text or published PDF) and built as the
    pipeline builds them. Paragraphs of procedural parts (``exclude_part_kinds``) are left out,
    as notebook 04 leaves them out.

    Raises:
        InputError: a document of the key is in none of these places.
    """
    processed = read_table("sources", processed_dir)
    findings = read_table("findings", processed_dir)
    recommendations = read_table("recommendations", processed_dir)
    tables = []
    for authority, rows in link_key.groupby("local_authority", sort=True):
        own = processed[processed["local_authority"].map(authority_key) == authority_key(authority)]
        ids = set(own["source_id"])
        documents = []
        for source_id in sorted((set(rows["from_source_id"]) | set(rows["to_source_id"])) - ids):
            path = corpus_file(source_id, corpus_dirs)
            if path is None:
                folders = ", ".join(str(folder) for folder in corpus_dirs)
                raise InputError(
                    f"the concern key names {source_id!r}: no {source_id}.txt or .pdf in {folders}"
                )
            documents.append(corpus_document(path, authority))
        built = build_findings(documents) if documents else findings.iloc[0:0]
        found = pd.concat([findings[findings["source_id"].isin(ids)], built], ignore_index=True)
        asks = recommendations[recommendations["source_id"].isin(ids)]
        if documents:
            asks = pd.concat([asks, build_recommendations(documents)], ignore_index=True)
        tables.append((findings_only(found, exclude_part_kinds), asks.reset_index(drop=True)))
    return tables


@functools.cache
def tuned_on_key(
    processed_dir: Path,
    corpus_dirs: tuple[Path, ...],
    link_key_file: Path,
    status_key_file: Path,
    exclude_part_kinds: tuple[str, ...],
) -> tuple[list[ComparedTexts], ThresholdSearch]:
    """The compared texts of every authority of the key, and the thresholds its tuning rows choose.

    Worked out once per process for the same files (``make accuracy`` and the tests that check
    the thresholds in use both need them; building the texts and the grid search take seconds).
    What is returned is shared: read it, do not change it.

    Returns:
        ``(texts, search)``: :func:`~analysis.compare.asks.compared_texts` of each authority's
        tables (:func:`key_tables`), and :func:`search_thresholds` on them.
    """
    link_key = read_link_key(link_key_file)
    tables = key_tables(processed_dir, corpus_dirs, link_key, list(exclude_part_kinds))
    texts = [compared_texts(findings, recommendations) for findings, recommendations in tables]
    return texts, search_thresholds(texts, link_key, read_status_key(status_key_file))
