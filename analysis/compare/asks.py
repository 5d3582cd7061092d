"""Question 2: what became of Ofsted's asks, followed from each inspection to the later documents.

An *ask* is an item of an inspection's list of what the authority must do (areas for
improvement, recommendations, "what needs to improve": the ``recommendations`` table). For every
pair of inspections, :func:`link_asks` finds which later ask returns to the matter of an earlier
one; for every ask and every later year, :func:`ask_status` reads that year's documents and says
whether the matter was asked again, reported improved, reported still weak, mixed, or not
mentioned, with the one sentence that decided it.

Both rest on :class:`analysis.readings.retrieval.TermSpace` (TF-IDF, themes as synonyms: fitted
on the asks for links between asks, which must also share a theme, on the documents' own words
for what they say of an ask)
and on the tone of the deciding sentence (:func:`analysis.readings.tone.score_tone`), so every
row shows its score and its deciding words. The two similarity thresholds live in
``analysis/data/concerns.yml``, chosen on the tuning rows of the keys in ``data/labels/``
(``docs/concern_codebook.md``).
"""

import functools
from dataclasses import dataclass, fields
from itertools import combinations

import numpy as np
import pandas as pd

from analysis.config import PACKAGE_DATA_DIR
from analysis.contract.values import ASK_STATUSES
from analysis.readings.retrieval import TermSpace
from analysis.readings.tone import score_tone
from analysis.sources.links import source_url
from analysis.sources.package_data import load_yaml
from analysis.sources.text import normalise_whitespace, sentence_spans

SETTINGS_FILE = PACKAGE_DATA_DIR / "concerns.yml"
#: A sentence shorter than this (in words) is a heading or a fragment, not a finding.
MIN_SENTENCE_WORDS = 5
#: Share of a sentence's own similarity to an ask in its score; the rest is its paragraph's, so
#: "This means that ..." is read with what it refers to. 0.5 weighs the two alike; it is set
#: here, not chosen on the key's tuning rows by `make accuracy` as the thresholds are.
SENTENCE_WEIGHT = 0.5
#: Tone of the deciding sentence to status.
TONE_STATUS = {
    "positive": "reported_improved",
    "negative": "reported_still_weak",
    "mixed": "mixed",
}

#: What a row says when a year's documents say nothing on the ask's matter: no quote.
_NOT_MENTIONED = {
    "status": "not_mentioned",
    "quote": "",
    "quote_source_id": "",
    "char_start": None,
    "char_end": None,
    "source_url": "",
    "score": 0.0,
    "words": "",
    "tone_phrases": "",
}

LINK_COLUMNS = [
    "from_source_id",
    "from_year",
    "from_rec_no",
    "to_source_id",
    "to_year",
    "to_rec_no",
    "score",
    "words",
    "from_text",
    "to_text",
]
STATUS_COLUMNS = [
    "source_id",
    "ask_year",
    "rec_no",
    "ask_text",
    "ask_url",
    "year",
    "status",
    "quote",
    "quote_source_id",
    "char_start",
    "char_end",
    "source_url",
    "score",
    "words",
    "tone_phrases",
]


@dataclass(frozen=True)
class Settings:
    """The thresholds (``analysis/data/concerns.yml``).

    ``status_close_ratio``: sentences whose similarity to an ask is at least this share of the
    best one's are read together with it (1.0: the most similar sentence alone).
    """

    link_min_similarity: float
    status_min_similarity: float
    status_close_ratio: float = 1.0


_SETTING_KEYS = tuple(f.name for f in fields(Settings))


def load_settings() -> Settings:
    """Read the thresholds; an unknown or missing key stops with the file named."""
    data = load_yaml(SETTINGS_FILE, "concern settings", required=_SETTING_KEYS)
    return Settings(*(float(data[key]) for key in _SETTING_KEYS))


def ask_label(year: int, rec_no: int) -> str:
    """How an ask is named wherever it is shown: its inspection's year and number, "2012 #5"."""
    return f"{year} #{rec_no}"


def inspection_asks(recommendations: pd.DataFrame) -> pd.DataFrame:
    """The asks of the compared inspections, one row per ask, in year and document order.

    Returns:
        ``source_id``, ``year``, ``rec_no``, ``text``, ``char_start``, ``char_end``,
        ``evidence`` of every row of ``recommendations``.
    """
    columns = ["source_id", "year", "rec_no", "text", "char_start", "char_end", "evidence"]
    asks = recommendations[columns].sort_values(["year", "source_id", "rec_no"])
    return asks.reset_index(drop=True)


def _after_first_asks(frame: pd.DataFrame, asks: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``frame`` from years after the first year with asks (none without asks)."""
    return frame[frame["year"] > asks["year"].min()] if len(asks) else frame.iloc[0:0]


def term_space(findings: pd.DataFrame, asks: pd.DataFrame) -> TermSpace:
    """Term weights fitted on every compared paragraph and ask: for reading later documents."""
    return TermSpace(findings["text"].tolist() + asks["text"].tolist())


def ask_space(asks: pd.DataFrame) -> TermSpace:
    """Term weights fitted on the asks alone: for linking asks to asks.

    A word every inspection asks about ("assessments", "plans") weighs little here, so two asks
    meet on what sets their matter apart. Chosen over :func:`term_space` by link F1 on the key's
    tuning rows (README, "Measured").
    """
    return TermSpace(asks["text"].tolist())


def link_asks(
    asks: pd.DataFrame, space: TermSpace, min_similarity: float, shared_theme: bool = True
) -> pd.DataFrame:
    """Which later ask returns to the matter of an earlier one, for every pair of inspections.

    Grain: one row per linked pair (earlier ask first); every pair of asks of two different
    inspection years is scored, and a pair links when its similarity reaches ``min_similarity``
    and the two asks share a theme of the taxonomy (``analysis/data/themes.yml``): the same
    practice or service, not only a word such as "quality" or "risk" (docs/concern_codebook.md).
    ``docs/accuracy.md`` shows link F1 on the key's tuning rows with and without the theme rule.

    Args:
        asks: :func:`inspection_asks`.
        space: the term weights the asks are compared with (:func:`ask_space`).
        min_similarity: the link threshold.
        shared_theme: False drops the theme rule (to measure what it does).

    Returns:
        :data:`LINK_COLUMNS`; ``words`` are the shared terms that make up most of the score.
    """
    rows = []
    vectors = space.vectors(asks["text"].tolist())
    years = sorted(asks["year"].unique())
    for early, late in combinations(years, 2):
        left = asks.index[asks["year"] == early]
        right = asks.index[asks["year"] == late]
        # Scores are shown to 3 places; the threshold applies to the score shown.
        scores = np.round(vectors[left] @ vectors[right].T, 3)
        for i, j in zip(*np.nonzero(scores >= min_similarity), strict=True):
            if shared_theme and not space.shared_themes(vectors[left[i]], vectors[right[j]]):
                continue
            a, b = asks.loc[left[i]], asks.loc[right[j]]
            rows.append(
                {
                    "from_source_id": a["source_id"],
                    "from_year": a["year"],
                    "from_rec_no": a["rec_no"],
                    "to_source_id": b["source_id"],
                    "to_year": b["year"],
                    "to_rec_no": b["rec_no"],
                    "score": round(float(scores[i, j]), 3),
                    "words": "; ".join(space.deciding_terms(vectors[left[i]], vectors[right[j]])),
                    "from_text": a["text"],
                    "to_text": b["text"],
                }
            )
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def finding_sentences(findings: pd.DataFrame) -> pd.DataFrame:
    """Every sentence of the compared paragraphs, with its raw span and tone.

    Returns:
        One row per sentence of at least :data:`MIN_SENTENCE_WORDS` words: ``source_id``,
        ``year``, ``char_start``, ``char_end`` (offsets into the raw text), ``evidence`` (the raw
        words), ``text`` (whitespace-normalised), ``tone``, ``tone_phrases``, ``paragraph`` (the
        text of the paragraph it is in).
    """
    rows = []
    for para in findings.itertuples():
        for start, end in sentence_spans(para.evidence):
            text = normalise_whitespace(para.evidence[start:end])
            if len(text.split()) < MIN_SENTENCE_WORDS:
                continue
            tone = score_tone(text)
            rows.append(
                {
                    "source_id": para.source_id,
                    "year": para.year,
                    "char_start": para.char_start + start,
                    "char_end": para.char_start + end,
                    "evidence": para.evidence[start:end],
                    "text": text,
                    "tone": tone.tone,
                    "tone_phrases": tone.explain(),
                    "paragraph": para.text,
                }
            )
    columns = ["source_id", "year", "char_start", "char_end", "evidence", "text", "tone"]
    return pd.DataFrame(rows, columns=[*columns, "tone_phrases", "paragraph"])


def sentence_vectors(sentences: pd.DataFrame, space: TermSpace) -> np.ndarray:
    """Each sentence's weights read in its paragraph.

    :data:`SENTENCE_WEIGHT` times its own weights plus the rest times its paragraph's, so that
    its similarity to an ask is the same mix of the two cosines.

    Args:
        sentences: :func:`finding_sentences`.
        space: the term space of the compared documents.

    Returns:
        One row per sentence (no rows, no columns, when there are no sentences).
    """
    if not len(sentences):
        return np.zeros((0, 0))
    own = space.vectors(sentences["text"].tolist())
    context = space.vectors(sentences["paragraph"].tolist())
    return SENTENCE_WEIGHT * own + (1 - SENTENCE_WEIGHT) * context


def _asked_again(ask: pd.Series, evidence: "_Evidence", year: int):
    """The best-scoring later ask of ``year`` linked to ``ask`` (and that link), or None."""
    return evidence.best_links.get((ask["source_id"], ask["rec_no"], year))


def ask_status(
    asks: pd.DataFrame,
    links: pd.DataFrame,
    sentences: pd.DataFrame,
    space: TermSpace,
    min_similarity: float,
    close_ratio: float = 1.0,
    vectors: np.ndarray | None = None,
) -> pd.DataFrame:
    """What each later year's documents say about each ask.

    Rules (``docs/concern_codebook.md``), in order:
    - ``asked_again``: an ask of an inspection of that year is linked to it (:func:`link_asks`);
      the quote is that later ask;
    - otherwise the year's sentences that share a theme with the ask (all of them when the ask
      has none) are ranked by similarity, each read in its paragraph (:func:`sentence_vectors`);
      if the best reaches ``min_similarity`` and its tone is not neutral, it and the sentences
      within ``close_ratio`` of its similarity are read together (:func:`read_together`):
      favourable and unfavourable findings among them give ``mixed``, quoting a sentence holding
      both sides or else the one holding the weakness; otherwise the best one's tone decides:
      positive gives ``reported_improved``, negative ``reported_still_weak``, mixed ``mixed``,
      quoting it;
    - otherwise ``not_mentioned``, with no quote.
    So a status never contradicts its quote: ``reported_improved`` and ``reported_still_weak``
    are the quote's own tone, and a ``mixed`` quote holds the weakness.

    Grain: one row per ask and later year that has documents; ``score`` is the best sentence's
    similarity (the one the floor applies to), ``words`` the terms the quote shares with the ask.

    ``vectors``: the sentences' :func:`sentence_vectors`, when already worked out (as
    :class:`ComparedTexts` holds them); default worked out here.

    Returns:
        :data:`STATUS_COLUMNS`; ``char_start``/``char_end`` locate the quote in the raw text of
        ``quote_source_id``.
    """
    rows = []
    vectors = sentence_vectors(sentences, space) if vectors is None else vectors
    evidence = _Evidence(asks, links, sentences, vectors, space, close_ratio)
    ask_vectors = space.vectors(asks["text"].tolist())
    years = sorted(set(sentences["year"]) | set(asks["year"]))
    for index, ask in asks.iterrows():
        for year in [y for y in years if y > ask["year"]]:
            row = {"source_id": ask["source_id"], "ask_year": ask["year"], "rec_no": ask["rec_no"]}
            ask_url = source_url(ask["source_id"], ask["char_start"], ask["char_end"])
            row |= {"ask_text": ask["text"], "ask_url": ask_url, "year": year}
            rows.append(row | _decide(ask, ask_vectors[index], year, evidence))
    frame = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    frame = frame.astype({"char_start": "Int64", "char_end": "Int64"})
    return apply_status_floor(frame, min_similarity)


def apply_status_floor(status: pd.DataFrame, min_similarity: float) -> pd.DataFrame:
    """Set ``not_mentioned`` (no quote) where the deciding sentence is too little similar.

    ``asked_again`` rows stand: their links already passed the link threshold.
    """
    weak = (status["status"] != "asked_again") & (status["score"] < min_similarity)
    out = status.copy()
    for column, value in _NOT_MENTIONED.items():
        out.loc[weak, column] = value if value is not None else pd.NA
    assert out["status"].isin(ASK_STATUSES).all(), "a status outside the contract"
    return out


@dataclass(frozen=True, eq=False)
class ComparedTexts:
    """What the comparison reads, whatever its thresholds: built once by :func:`compared_texts`.

    Attributes:
        asks: :func:`inspection_asks`.
        space: :func:`term_space` (for what later documents say of an ask).
        sentences: :func:`finding_sentences` of the years after the first asks' (the only ones a
            status reads).
        vectors: the sentences' :func:`sentence_vectors` in ``space``.
    """

    asks: pd.DataFrame
    space: TermSpace
    sentences: pd.DataFrame
    vectors: np.ndarray


def compared_texts(findings: pd.DataFrame, recommendations: pd.DataFrame) -> ComparedTexts:
    """The asks, term space and sentences of the compared documents (the slow part, once).

    Args:
        findings: the compared paragraphs (``findings`` table, procedural parts left out).
        recommendations: the compared documents' asks (``recommendations`` table).
    """
    asks = inspection_asks(recommendations)
    space = term_space(findings, asks)
    # A status reads the years after an ask's, so no sentence of the first asks' year (or before)
    # is ever read; its paragraphs still weigh the terms.
    sentences = finding_sentences(_after_first_asks(findings, asks))
    return ComparedTexts(asks, space, sentences, sentence_vectors(sentences, space))


def follow_compared(texts: ComparedTexts, settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`follow_asks` on texts already built: links and statuses under ``settings``."""
    links = link_asks(texts.asks, ask_space(texts.asks), settings.link_min_similarity)
    status = ask_status(
        texts.asks,
        links,
        texts.sentences,
        texts.space,
        settings.status_min_similarity,
        settings.status_close_ratio,
        texts.vectors,
    )
    return links, status


def follow_asks(
    findings: pd.DataFrame, recommendations: pd.DataFrame, settings: Settings
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Links between the asks and the status of each ask in each later year, in one call.

    Args:
        findings: the compared paragraphs (``findings`` table, procedural parts left out).
        recommendations: the compared documents' asks (``recommendations`` table).
        settings: the thresholds (:func:`load_settings`).

    Returns:
        ``(links, status)``: :func:`link_asks` and :func:`ask_status` frames.
    """
    return follow_compared(compared_texts(findings, recommendations), settings)


@dataclass(frozen=True)
class _Evidence:
    """What every ask's status is read from: the asks, their links, the sentences and vectors."""

    asks: pd.DataFrame
    links: pd.DataFrame
    sentences: pd.DataFrame
    vectors: np.ndarray
    space: TermSpace
    close_ratio: float = 1.0

    @functools.cached_property
    def best_links(self) -> dict[tuple, tuple[pd.Series, pd.Series]]:
        """``(earlier source_id, rec_no, later year)`` to its best-scoring link and later ask.

        Of equal scores the first link in :attr:`links`' order wins.
        """
        if self.links.empty:
            return {}
        asks: dict[tuple, pd.Series] = {}
        for _, ask in self.asks.iterrows():
            asks.setdefault((ask["source_id"], ask["rec_no"]), ask)
        # Links to asks of other documents (another authority's, in a search over several) are
        # passed over before the best is chosen.
        known = [
            (s, n) in asks
            for s, n in zip(self.links["to_source_id"], self.links["to_rec_no"], strict=True)
        ]
        ranked = self.links[known].sort_values("score", ascending=False, kind="stable")
        best = ranked.drop_duplicates(["from_source_id", "from_rec_no", "to_year"])
        return {
            (link["from_source_id"], link["from_rec_no"], link["to_year"]): (
                link,
                asks[(link["to_source_id"], link["to_rec_no"])],
            )
            for _, link in best.iterrows()
        }


def _decide(ask: pd.Series, ask_vector: np.ndarray, year: int, evidence: _Evidence) -> dict:
    """The status of one ask in one later year, before the similarity floor is applied."""
    sentences, vectors, space = evidence.sentences, evidence.vectors, evidence.space
    again = _asked_again(ask, evidence, year)
    if again is not None:
        link, later = again
        return {
            "status": "asked_again",
            "quote": later["evidence"],
            "quote_source_id": later["source_id"],
            "char_start": later["char_start"],
            "char_end": later["char_end"],
            "source_url": source_url(later["source_id"], later["char_start"], later["char_end"]),
            "score": link["score"],
            "words": link["words"],
            "tone_phrases": "",
        }
    candidates = _candidates(ask_vector, year, evidence)
    if not len(candidates):
        return _NOT_MENTIONED
    scores = vectors[candidates] @ ask_vector
    order = np.argsort(-scores, kind="stable")
    if sentences["tone"].iloc[candidates[order[0]]] not in TONE_STATUS:
        return _NOT_MENTIONED  # a neutral sentence reports nothing either way
    close = order[scores[order] >= evidence.close_ratio * scores[order[0]]]
    status, chosen = read_together(sentences["tone"].iloc[candidates[close]].tolist())
    best = candidates[close[chosen]]
    sentence = sentences.iloc[best]
    return {
        "status": status,
        "quote": sentence["evidence"],
        "quote_source_id": sentence["source_id"],
        "char_start": sentence["char_start"],
        "char_end": sentence["char_end"],
        "source_url": source_url(
            sentence["source_id"], sentence["char_start"], sentence["char_end"]
        ),
        "score": round(float(scores[order[0]]), 3),
        "words": "; ".join(space.deciding_terms(ask_vector, vectors[best])),
        "tone_phrases": sentence["tone_phrases"],
    }


def _candidates(ask_vector: np.ndarray, year: int, evidence: _Evidence) -> np.ndarray:
    """Positions of the year's sentences that may speak to the ask.

    Those sharing a theme with the ask (the same practice or service, as for links); every
    sentence of the year when the ask signals no theme.
    """
    in_year = evidence.sentences["year"].to_numpy() == year
    themes = evidence.space.theme_columns & (ask_vector > 0)
    if themes.any():
        in_year &= (evidence.vectors[:, themes] > 0).any(axis=1)
    return np.flatnonzero(in_year)


def read_together(tones: list[str]) -> tuple[str, int]:
    """The status that sentences read together give, and which of them to quote.

    Args:
        tones: the tones of the sentences, most similar first; the first is not neutral.

    Returns:
        ``(status, position)``: ``mixed`` when the sentences hold both favourable and
        unfavourable findings (one ``mixed`` sentence, or a positive and a negative one),
        quoting the first mixed sentence or else the first negative one (the remaining
        weakness, docs/concern_codebook.md); otherwise the first sentence's status and 0.
    """
    sides = set(tones)
    if "mixed" in sides or {"positive", "negative"} <= sides:
        quoted = "mixed" if "mixed" in sides else "negative"
        return "mixed", tones.index(quoted)
    return TONE_STATUS[tones[0]], 0


def status_by_year(status: pd.DataFrame) -> pd.DataFrame:
    """One row per ask, one pair of columns per later year: the status and the deciding quote.

    Returns:
        ``source_id``, ``ask_year``, ``rec_no``, ``ask`` (its text), then for each later year
        ``<year>`` (the status; empty where the year is not later than the ask) and
        ``<year> quote`` (the deciding words, whitespace-normalised, with their source and
        position, e.g. ``"..." (ofsted-2016-sif 1200-1340)``).
    """
    keys = ["source_id", "ask_year", "rec_no"]
    wide = status[[*keys, "ask_text"]].drop_duplicates(keys).rename(columns={"ask_text": "ask"})
    for year in sorted(status["year"].unique()):
        rows = status[status["year"] == year].set_index(keys)
        cited = rows.apply(_citation, axis=1) if len(rows) else pd.Series(dtype=str)
        wide = wide.join(rows["status"].rename(str(year)), on=keys)
        wide = wide.join(cited.rename(f"{year} quote"), on=keys)
    return wide.fillna("").reset_index(drop=True)


def _citation(row: pd.Series) -> str:
    """A quote with its source and position, or nothing for ``not_mentioned``."""
    if not row["quote"]:
        return ""
    where = f"{row['quote_source_id']} {row['char_start']}-{row['char_end']}"
    return f'"{normalise_whitespace(row["quote"])}" ({where})'


def status_counts(status: pd.DataFrame) -> pd.DataFrame:
    """How many asks of each inspection had each status in each later year.

    Returns:
        One row per inspection (``source_id``, ``ask_year``) and later ``year``: ``n_asks`` and
        a count column per status of :data:`~analysis.contract.values.ASK_STATUSES`.
    """
    keys = ["source_id", "ask_year", "year"]
    counts = status.groupby([*keys, "status"]).size().unstack("status", fill_value=0)
    counts = counts.reindex(columns=list(ASK_STATUSES), fill_value=0)
    counts.insert(0, "n_asks", counts.sum(axis=1))
    return counts.reset_index().sort_values(keys).reset_index(drop=True)


def ask_origins(recommendations: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Each ask of a later inspection: the earlier asks it returns to, or new.

    The other half of following the asks: a later ask linked to no earlier one
    (:func:`link_asks`) is a concern the earlier inspections did not raise.

    Args:
        recommendations: the compared documents' asks (``recommendations`` table).
        links: :func:`link_asks` output for them.

    Returns:
        One row per ask whose year is after the first year with asks: ``source_id``, ``year``,
        ``rec_no``, ``ask`` (its text), ``ask_url`` (its words), ``returns_to`` (the earlier asks
        linked to it, most similar first, e.g. ``2012 #5 (0.42); 2016 #3 (0.21)``; empty when
        none) and ``new`` (True when none is).
    """
    asks = inspection_asks(recommendations)
    later = _after_first_asks(asks, asks)
    ranked = links.sort_values(["score", "from_year", "from_rec_no"], ascending=[False, True, True])
    rows = []
    for ask in later.itertuples():
        mine = ranked[
            (ranked["to_source_id"] == ask.source_id) & (ranked["to_rec_no"] == ask.rec_no)
        ]
        returns_to = "; ".join(
            f"{ask_label(r.from_year, r.from_rec_no)} ({r.score:.2f})" for r in mine.itertuples()
        )
        rows.append(
            {
                "source_id": ask.source_id,
                "year": ask.year,
                "rec_no": ask.rec_no,
                "ask": normalise_whitespace(ask.text),
                "ask_url": source_url(ask.source_id, ask.char_start, ask.char_end),
                "returns_to": returns_to,
                "new": not returns_to,
            }
        )
    columns = ["source_id", "year", "rec_no", "ask", "ask_url", "returns_to", "new"]
    return pd.DataFrame(rows, columns=columns)
