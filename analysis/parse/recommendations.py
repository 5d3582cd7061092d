"""Recommendations and "what needs to improve" items of Ofsted reports, one row per item.

The lists are found by structure (see :mod:`analysis.sources.structure`): a heading such as
"Recommendations", "Areas for improvement" or "What needs to improve" opens a list; its items
are the numbered paragraphs or bullets below it; timescale labels ("Immediately:", "Within three
months:") give the timescale of the items under them; the next section heading of the report
closes the list. All wordings live in ``data/document_structure.yml`` (``recommendations``).

Only Ofsted's lists are read. A council's own recommendations in committee papers (e.g. a
scrutiny inquiry's "R01 - Councillors to commit ...") are not under such a heading and are
deliberately left out: they are not inspection findings. Monitoring letters and annual reports
have no list and give no rows.
"""

import math
import re

from analysis.contract.errors import InputError
from analysis.sources.structure import Paragraph, Unit, load_structure_config, split_units
from analysis.sources.text import line_and_column, span_fields

_WORD = re.compile(r"[a-z]+")
#: Keys the list reader keeps on its rows while reading, not returned.
_WORKING_KEYS = ("sub_items", "bullet")


def _matches(patterns, text: str) -> bool:
    return any(re.search(p, text, re.IGNORECASE) for p in patterns)


def _timescale(unit: Unit, text: str, config: dict) -> str | None:
    """Return the timescale a group label gives, or ``None`` if the unit is not a label.

    Raises:
        InputError: the unit looks like a timescale label that the YAML does not list.
    """
    for pattern, timescale in config["timescales"].items():
        if re.search(pattern, unit.text, re.IGNORECASE):
            return timescale
    if re.search(config["timescale_like"], unit.text, re.IGNORECASE):
        line, column = line_and_column(text, unit.char_start)
        raise InputError(
            f"line {line}:{column}: unknown timescale label {unit.text!r} in a recommendations "
            "list; add it to document_structure.yml (recommendations: timescales)"
        )
    return None


class _ListReader:
    """Walks the units of a document and collects the items of its recommendation lists."""

    def __init__(self, text: str, config: dict):
        self.text = text
        self.config = config
        self.rows: list[dict] = []
        self.heading: str | None = None
        self.part = ""
        self.timescale = ""
        self.items_in_list = 0

    def read(self, unit: Unit) -> None:
        """Take the next unit of the document."""
        if self.heading is not None and unit.part != self.part:
            self.heading = None
        # A list heading may be printed as a question ("What does the LSCB need to improve?").
        if unit.kind == "heading" or _matches(self.config["headings"], unit.text):
            self._read_heading(unit)
        elif self.heading is not None and unit.kind in ("paragraph", "other"):
            self._read_item(unit)

    def _read_heading(self, unit: Unit) -> None:
        if _matches(self.config["headings"], unit.text):
            self.heading, self.part, self.timescale = unit.text, unit.part, ""
            self.items_in_list = 0
            return
        if self.heading is None:
            return
        if _matches(self.config["end_headings"], unit.text):
            self.heading = None
            return
        timescale = _timescale(unit, self.text, self.config)
        if timescale is not None:
            self.timescale = timescale

    def _read_item(self, unit: Unit) -> None:
        timescale = _timescale(unit, self.text, self.config)
        if timescale is not None:
            self.timescale = timescale
            return
        if _matches(self.config["lead_ins"], unit.text):
            return
        if not (unit.para_id or unit.is_bullet):
            if self.items_in_list:
                self.heading = None
            return
        if unit.is_bullet and self._extends_last_item(unit):
            self._extend_last_item(unit)
            return
        self.items_in_list += 1
        self.rows.append(
            {
                "rec_no": len(self.rows) + 1,
                "para_id": unit.para_id,
                "text": unit.text,
                "timescale": self.timescale,
                "section": self.heading,
                "part": unit.part,
                "bullet": unit.bullet,
                **span_fields(self.text, unit.char_start, unit.char_end),
            }
        )

    def _extends_last_item(self, unit: Unit) -> bool:
        """Whether a bullet belongs to the item above it ("... as follows:", "including:").

        An item ending with a colon opens sub-items; the bullets after it carry on from it
        while they are not the list's own bullets (a numbered item has none; a bulleted item's
        sub-bullets print another glyph).
        """
        if not self.items_in_list:
            return False
        last = self.rows[-1]
        if last["text"].endswith(":"):
            return True
        if "sub_items" not in last:
            return False
        return bool(last["para_id"]) or unit.bullet != last["bullet"]

    def _extend_last_item(self, unit: Unit) -> None:
        last = self.rows[-1]
        last["sub_items"] = True
        last["text"] = f"{last['text']} {unit.text}"
        last.update(span_fields(self.text, last["char_start"], unit.char_end))


def parse_recommendations(text: str) -> list[dict]:
    """Return one row per recommendation or "what needs to improve" item, in document order.

    Args:
        text: the raw document text as read by :func:`analysis.sources.documents.read_text`.

    Returns:
        Rows with ``rec_no`` (order in the document from 1), ``para_id`` (the printed number,
        "" for a bullet), ``text`` (whitespace-normalised, markup, number and bullet removed;
        sub-bullets of an item joined to it), ``timescale`` ("" where none is printed),
        ``section`` (the list's heading), ``part`` (the sub-document), ``char_start``,
        ``char_end`` and ``evidence == text[char_start:char_end]``.

    Raises:
        InputError: a list carries a timescale label the YAML does not know.
    """
    config = load_structure_config()["recommendations"]
    reader = _ListReader(text, config)
    for unit in split_units(text):
        reader.read(unit)
    rows = [{k: v for k, v in row.items() if k not in _WORKING_KEYS} for row in reader.rows]
    assert [row["rec_no"] for row in rows] == list(range(1, len(rows) + 1))
    return rows


def _content_words(text: str, stop_words: set[str]) -> set[str]:
    """Return the content words of ``text``: lower case, stop words out, cut to 6 letters.

    Cutting words to their first six letters is a crude stemmer: "assessments" and "assessed",
    "disabilities" and "disability" meet.
    """
    return {
        word[:6]
        for word in _WORD.findall(text.lower())
        if len(word) >= 3 and word not in stop_words
    }


def _weights(recommendations: list[dict], stop_words: set[str]) -> dict[str, float]:
    """Return each recommendation word's weight: rarer among the recommendations, heavier."""
    counts: dict[str, int] = {}
    for rec in recommendations:
        for word in _content_words(rec["text"], stop_words):
            counts[word] = counts.get(word, 0) + 1
    total = len(recommendations)
    return {word: math.log(1 + total / count) for word, count in counts.items()}


def _similarity(words: set[str], rec_words: set[str], weights: dict[str, float]) -> float:
    """Weighted cosine similarity of two word sets over the recommendations' vocabulary."""
    shared = sum(weights[w] ** 2 for w in words & rec_words)
    norm_a = math.sqrt(sum(weights[w] ** 2 for w in words if w in weights))
    norm_b = math.sqrt(sum(weights[w] ** 2 for w in rec_words))
    return shared / (norm_a * norm_b) if norm_a and norm_b else 0.0


def link_recommendation_paragraphs(
    paragraphs: list[Paragraph], recommendations: list[dict], min_score: float = 0.1
) -> list[dict]:
    """Link each paragraph marked "(Recommendation)" to the recommendation it supports.

    A pair's score is the cosine similarity of their content words (stop words from the YAML
    aside), each word weighted by how rare it is among the recommendations of the part, so
    that "children" counts for little and "fostering" for much. The best-scoring
    recommendation of the same part wins if it reaches ``min_score``.

    Args:
        paragraphs: the document's paragraphs from
            :func:`analysis.sources.structure.split_paragraphs`.
        recommendations: the document's rows from :func:`parse_recommendations`.
        min_score: the least score that makes a link.

    Returns:
        One dict per linked paragraph, in document order: ``para_id``, ``rec_no``, ``score``
        (0-1, rounded to 3 places), and the paragraph's ``char_start`` and ``char_end``.
    """
    config = load_structure_config()["recommendations"]
    stop_words = set(config["stop_words"])
    marker = re.compile(config["paragraph_marker"], re.IGNORECASE)
    links = []
    for paragraph in paragraphs:
        if not marker.search(paragraph.text):
            continue
        candidates = [rec for rec in recommendations if rec["part"] == paragraph.part]
        weights = _weights(candidates, stop_words)
        words = _content_words(marker.sub("", paragraph.text), stop_words)
        scored = [
            (_similarity(words, _content_words(rec["text"], stop_words), weights), rec)
            for rec in candidates
        ]
        if not scored:
            continue
        best_score, best_rec = max(scored, key=lambda pair: (pair[0], -pair[1]["rec_no"]))
        if best_score >= min_score:
            links.append(
                {
                    "para_id": paragraph.para_id,
                    "rec_no": best_rec["rec_no"],
                    "score": round(best_score, 3),
                    "char_start": paragraph.char_start,
                    "char_end": paragraph.char_end,
                }
            )
    return links
