"""Transparent tone scoring of a paragraph from the evaluative phrases it uses.

The phrase lists and weights live in ``analysis/data/tone_phrases.yml``. The rule, step by step:

1. The paragraph is split into sentences (at ``.``, ``!`` or ``?`` followed by a space and a
   capital, digit, bracket or quote); a paragraph number ("32.") belongs to the sentence after it.
2. In each sentence, ``neutral`` phrases are masked: grade names ("requires improvement to be
   good"), references to earlier grades ("was judged to be inadequate"), scale definitions and
   evaluative words used as names or topics ("improvement plan", "as well as", "well-being").
3. ``positive`` and ``negative`` phrases are found; where two of one side overlap they merge
   ("is not" and "not always" give "is not always"), where two of opposite sides overlap the
   longer wins ("not good enough" beats "good", "requires improvement" beats "improvement").
4. Negation: a positive phrase with a ``negators`` word ("not", "no", "lack of", "yet to", ...)
   among the ``negation_window`` words before it in its clause becomes one negative hit, shown
   from its negator, or from a negated verb phrase such as "is not" that it absorbs ("is not
   effective", "are not always good", "no evidence of improvement"). Positive
   phrases joined to it by only a comma, "and", "or" or "nor" are negated with it ("not always
   timely, effective or safe"). A negative phrase that is itself negated ("no delay") or
   remedied ("reducing delay", ``remedies``) is dropped, not counted as positive: inspectors
   rarely praise by double negation.
5. Aspirations: a positive phrase in a clause opened by an ``aspiration`` marker ("to ensure
   that services are good", "so that ...", "to secure", "will", or a question inspectors looked
   into: "whether", "the extent to which") states an aim or a scope, not a finding, and is
   ignored; so is a negative phrase within ``negation_window`` words of such a marker.
   A sentence that opens with a ``directives`` verb, after any list number or bullet ("Ensure
   that ...", "- improve the quality of ...", "2. Strengthen ..."), is a recommendation, and
   one that opens with a courtesy or a grade definition listed there ("I would like to thank",
   "An LSCB that is inadequate ...") judges nothing: none of their phrases count.
6. Each remaining hit weighs 1, multiplied by the ``weights`` of what surrounds it:
   ``past`` for an unfavourable hit in a clause opened by a ``past`` marker ("Services, which
   were previously a weakness, are now a strength": a starting point, not a finding about now);
   ``unfinished`` for a ``progress`` phrase ("improvements", "worked hard") in a sentence whose
   unfavourable phrase says the progress falls short, with a ``shortfall`` word ("have not
   improved quickly enough", "are yet to have an impact"): one unfavourable finding;
   ``strong`` phrases (optional; the package file lists none) and ``weak`` ones (a bare "is not",
   "clear", "stable"); a ``hedges`` word before it in its clause ("a small number"); an
   ``intensifiers`` word among the ``negation_window`` words before it ("significant",
   "widespread", "most"); and ``conceded`` when it stands in a conceded clause: a
   sentence-opening ``concessive`` clause up to its first comma ("Although plans are timely,
   ...", "Despite ...") or the clause before a mid-sentence ``contrast`` turn ("Plans are
   timely, but ..."). A weight of 0 drops the hit from the scores (it is still listed).
7. A sentence scores, per side, its heaviest hit plus ``further_hit`` times the others. The
   opening sentence of a paragraph of several sentences, and a sentence with a ``summary``
   marker ("overall"), count ``opening`` times.
8. The paragraph adds its sentences into a positive score ``P`` and a negative score ``N``:
   both zero -> ``neutral``; ``positive`` if ``P >= dominance_ratio * N``, ``negative`` if
   ``N >= dominance_ratio * P``, else ``mixed`` (the paragraph weighs both ways).

The package lexicon follows the written definition of the four tones that the labels
follow, ``docs/tone_codebook.md``: there a paragraph with favourable and unfavourable findings
"of substance" is mixed whatever their balance, a small exception is not of substance and a
conceded point is. So its weights drop hedged, past and unfinished hits (0), count conceded
and opening clauses like any other (1), and its dominance ratio is high (6): one side must be
nearly alone for the paragraph to be one-sided, which absorbs a stray misread phrase.

Every weight that is not 1 is listed by :meth:`ToneResult.explain_weights`.

What the scorer cannot see: irony, comparisons whose direction depends on the measure ("below
target" is good for re-referrals), figures that speak for themselves without evaluative words,
and whose view a sentence reports (an inspector's verdict and a council's self-assessment score
alike). Its agreement with labels is measured in
:mod:`analysis.evaluation.agreement`.
"""

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from analysis.config import PACKAGE_DATA_DIR
from analysis.contract.errors import InputError
from analysis.parse.patterns import (
    NEVER,
    WORD_END,
    WORD_START,
    alternation,
    longest_first,
    phrase_pattern,
)
from analysis.sources.package_data import load_yaml
from analysis.sources.text import match_view, sentence_spans

TONE_PHRASES_FILE = PACKAGE_DATA_DIR / "tone_phrases.yml"

_LIST_KEYS = (
    "neutral",
    "negators",
    "remedies",
    "aspiration",
    "contrast",
    "positive",
    "negative",
)
_OPTIONAL_LIST_KEYS = (
    "concessive",
    "hedges",
    "intensifiers",
    "strong",
    "weak",
    "summary",
    "directives",
    "past",
    "progress",
    "shortfall",
)
_NUMBER_KEYS = ("negation_window", "dominance_ratio")
_WEIGHT_KEYS = (
    "strong",
    "weak",
    "hedged",
    "intensified",
    "conceded",
    "further_hit",
    "opening",
    "past",
    "unfinished",
)
_WORD = re.compile(r"[\w'\-]+")
_CLAUSE_BREAK = re.compile(r"[;:]")
_COORDINATION = re.compile(r"[\s,]*(?:(?:and|or|nor)\s+)?", re.IGNORECASE)
_LEAD_IN = re.compile(r"[\s\-*\u2022\"'(,]*")
_LIST_MARKER = re.compile(r"[\s\-*\u2022\"'(,]*(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s+)?")
_NEVER = re.compile(NEVER)


@dataclass(frozen=True)
class ToneLexicon:
    """Compiled phrase lists and settings from ``tone_phrases.yml`` (see the module docstring).

    ``weights`` maps each of ``strong``, ``weak``, ``hedged``, ``intensified``, ``conceded``,
    ``further_hit`` and ``opening`` to its multiplier (1 where the file gives none).
    """

    neutral: re.Pattern
    negators: re.Pattern
    remedies: re.Pattern
    aspiration: re.Pattern
    contrast: re.Pattern
    positive: re.Pattern
    negative: re.Pattern
    negation_window: int
    dominance_ratio: float
    concessive: re.Pattern = _NEVER
    hedges: re.Pattern = _NEVER
    intensifiers: re.Pattern = _NEVER
    strong: re.Pattern = _NEVER
    weak: re.Pattern = _NEVER
    summary: re.Pattern = _NEVER
    directives: re.Pattern = _NEVER
    past: re.Pattern = _NEVER
    progress: re.Pattern = _NEVER
    shortfall: re.Pattern = _NEVER
    weights: dict = field(default_factory=lambda: dict.fromkeys(_WEIGHT_KEYS, 1.0))


@dataclass(frozen=True)
class ToneResult:
    """The tone of one text and the phrases that decided it.

    ``positive`` and ``negative`` list the matched phrases in text order, whitespace-normalised
    and lower-cased; negated positives appear under ``negative`` with their negator.
    ``positive_score`` and ``negative_score`` are the weighed totals ``P`` and ``N`` (module
    docstring, step 8); ``weighed`` lists each phrase whose weight is not 1, with the reasons.
    """

    tone: str
    positive: list[str] = field(default_factory=list)
    negative: list[str] = field(default_factory=list)
    positive_score: float = 0.0
    negative_score: float = 0.0
    weighed: list[str] = field(default_factory=list)

    def explain(self) -> str:
        """Say which phrases decided the tone.

        Returns:
            For example ``"negative: too many, poor | positive: improved"``, or
            ``"no evaluative phrases"``.
        """
        parts = [
            f"{side}: {', '.join(phrases)}"
            for side, phrases in (("negative", self.negative), ("positive", self.positive))
            if phrases
        ]
        return " | ".join(parts) if parts else "no evaluative phrases"

    def explain_weights(self) -> str:
        """Say how the phrases were weighed: the two scores and every weight that is not 1.

        Returns:
            For example ``"N 1.5, P 0.5; improved x0.5 (conceded)"``.
        """
        scores = f"N {self.negative_score:g}, P {self.positive_score:g}"
        return "; ".join([scores, *self.weighed])


@dataclass
class _Hit:
    start: int
    end: int
    kind: str  # "positive", "negative" or "negated" (a negated positive, counted negative)
    weight: float = 1.0
    reasons: list[str] = field(default_factory=list)


def _alternation(phrases: list[str], plural: bool = True) -> re.Pattern:
    if not phrases:
        return _NEVER
    # One word-start check for the whole alternation instead of one per phrase, and the phrases
    # grouped by first letter: same matches, many times faster on long lists.
    bodies = [phrase_pattern(p, plural, anchored=False) + WORD_END for p in longest_first(phrases)]
    return re.compile(f"{WORD_START}(?:{alternation(bodies, True)})", re.IGNORECASE)


def _check_phrase_list(path: Path, key: str, values: object) -> None:
    if not isinstance(values, list) or not values:
        raise InputError(f"{path}: {key} must be a non-empty list of phrases")
    bad = [v for v in values if not isinstance(v, str) or not v.strip(" *-")]
    if bad:
        raise InputError(f"{path}: {key} has empty or non-text phrase(s) {bad!r}")


def _check_weights(path: Path, weights: object) -> None:
    if not isinstance(weights, dict):
        raise InputError(f"{path}: weights must be a mapping of {', '.join(_WEIGHT_KEYS)}")
    unknown = set(weights) - set(_WEIGHT_KEYS)
    if unknown:
        raise InputError(f"{path}: unknown weight(s) {', '.join(sorted(map(str, unknown)))}")
    for key, value in weights.items():
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise InputError(f"{path}: weights.{key} must be a number >= 0")


def _check_lexicon(path: Path, data: dict) -> dict:
    known = (*_LIST_KEYS, *_OPTIONAL_LIST_KEYS, *_NUMBER_KEYS, "weights")
    unknown = set(data) - set(known)
    if unknown:
        raise InputError(f"{path}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    for key in _LIST_KEYS:
        _check_phrase_list(path, key, data.get(key))
    for key in _OPTIONAL_LIST_KEYS:
        if key in data:
            _check_phrase_list(path, key, data[key])
    for key in _NUMBER_KEYS:
        if not isinstance(data.get(key), int | float) or data[key] <= 0:
            raise InputError(f"{path}: {key} must be a positive number")
    _check_weights(path, data.get("weights", {}))
    overlap = {p.lower() for p in data["positive"]} & {p.lower() for p in data["negative"]}
    if overlap:
        raise InputError(f"{path}: phrase(s) both positive and negative: {sorted(overlap)}")
    return data


def read_lexicon(path: Path = TONE_PHRASES_FILE) -> ToneLexicon:
    """Read and check a tone lexicon file.

    Args:
        path: the YAML file (default: the package's ``tone_phrases.yml``).

    Returns:
        The compiled :class:`ToneLexicon`. Optional lists that are absent match nothing and
        absent weights are 1, so a file with only the required keys scores by plain counts.

    Raises:
        InputError: the file is missing or not YAML, has an unknown or missing key, an empty
            phrase list or phrase, a non-positive setting, a negative or unknown weight, or a
            phrase listed as both positive and negative. The message names the file and the key.
    """
    path = Path(path)
    data = _check_lexicon(path, load_yaml(path, "tone lexicon"))
    lists = {key: data.get(key, []) for key in (*_LIST_KEYS, *_OPTIONAL_LIST_KEYS)}
    singular = (
        "negators",
        "remedies",
        "aspiration",
        "contrast",
        "concessive",
        "hedges",
        "directives",
        "past",
        "shortfall",
    )
    return ToneLexicon(
        **{key: _alternation(phrases, key not in singular) for key, phrases in lists.items()},
        negation_window=int(data["negation_window"]),
        dominance_ratio=float(data["dominance_ratio"]),
        weights={key: float(data.get("weights", {}).get(key, 1.0)) for key in _WEIGHT_KEYS},
    )


@functools.cache
def load_lexicon() -> ToneLexicon:
    """Return the package's tone lexicon (read once, then cached)."""
    return read_lexicon(TONE_PHRASES_FILE)


def _mask(view: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), view)


def _all_matches(pattern: re.Pattern, sentence: str) -> list[tuple[int, int]]:
    """Every match of ``pattern`` at every start, overlapping ones included.

    A plain ``finditer`` would let "are not" hide the longer "not routinely" that starts inside
    it; the caller keeps the longest of overlapping hits.
    """
    spans = []
    position = 0
    while (match := pattern.search(sentence, position)) is not None:
        spans.append(match.span())
        position = match.start() + 1
    return spans


def _raw_hits(sentence: str, lexicon: ToneLexicon) -> list[_Hit]:
    """Positive and negative phrase hits, overlaps resolved.

    Overlapping hits of one side merge ("is not" and "not always" give "is not always"); of
    opposite sides the longer wins ("not good enough" beats "good").
    """
    found = [_Hit(s, e, "positive") for s, e in _all_matches(lexicon.positive, sentence)]
    found += [_Hit(s, e, "negative") for s, e in _all_matches(lexicon.negative, sentence)]
    kept: list[_Hit] = []
    for hit in sorted(found, key=lambda h: (h.start - h.end, h.start)):
        overlaps = [k for k in kept if hit.start < k.end and k.start < hit.end]
        if not overlaps:
            kept.append(hit)
        elif all(k.kind == hit.kind for k in overlaps):
            merged = _Hit(
                min(k.start for k in [hit, *overlaps]),
                max(k.end for k in [hit, *overlaps]),
                hit.kind,
            )
            kept = [k for k in kept if k not in overlaps] + [merged]
    return sorted(kept, key=lambda h: h.start)


def _clause_start(sentence: str, position: int, lexicon: ToneLexicon, comma: bool) -> int:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, position)]
    breaks += [m.end() for m in lexicon.contrast.finditer(sentence, 0, position)]
    if comma:
        breaks += [i + 1 for i in range(position) if sentence[i] == ","]
    return max(breaks, default=0)


def _window_start(sentence: str, position: int, lexicon: ToneLexicon) -> int:
    """Start of the ``negation_window`` words before ``position`` within its clause."""
    clause = _clause_start(sentence, position, lexicon, comma=False)
    words = list(_WORD.finditer(sentence, clause, position))[-lexicon.negation_window :]
    return words[0].start() if words else position


def _negator_before(
    sentence: str, hit: _Hit, lexicon: ToneLexicon, pattern: re.Pattern, wide: bool
) -> int | None:
    """Offset of the last match of ``pattern`` in scope before ``hit``, else ``None``.

    The narrow scope is the ``negation_window`` words before the hit within its clause; the
    wide scope adds the whole comma-bounded clause before it ("is not identifying children
    ... effectively").
    """
    start = _window_start(sentence, hit.start, lexicon)
    if wide:
        start = min(start, _clause_start(sentence, hit.start, lexicon, comma=True))
    matches = list(pattern.finditer(sentence, start, hit.start))
    return matches[-1].start() if matches else None


def _is_aspiration(sentence: str, hit: _Hit, lexicon: ToneLexicon) -> bool:
    """Whether an aspiration marker opens before the hit ("to secure" itself included).

    A positive hit is an aim anywhere in the marker's clause ("to ensure that all children
    receive good services"); a negative one only within the ``negation_window`` words after
    the marker, because aims are rarely worded negatively: in "practice to secure permanence
    ... does lack pace" the "lack" is a finding.
    """
    if hit.kind == "positive":
        start = _clause_start(sentence, hit.start, lexicon, comma=False)
    else:
        start = _window_start(sentence, hit.start, lexicon)
    markers = lexicon.aspiration.finditer(sentence, start, hit.end)
    return any(m.start() < hit.start for m in markers)


def _apply_negation(sentence: str, hits: list[_Hit], lexicon: ToneLexicon) -> list[_Hit]:
    """Flip negated positives (merging their negator), drop negated negatives and aspirations."""
    out: list[_Hit] = []
    for hit in hits:
        previous = out[-1] if out else None
        if (
            hit.kind == "positive"
            and previous is not None
            and previous.kind == "negated"
            and _COORDINATION.fullmatch(sentence, previous.end, hit.start)
        ):
            previous.end = hit.end
            continue
        if _is_aspiration(sentence, hit, lexicon):
            continue
        if hit.kind == "negative":
            if not _is_negated_negative(sentence, hit, out, lexicon):
                out.append(hit)
            continue
        negator = _negator_before(sentence, hit, lexicon, lexicon.negators, wide=True)
        if negator is None:
            out.append(hit)
            continue
        consumed = [k for k in out if k.end > negator and k.kind != "positive"]
        start = min([negator] + [k.start for k in consumed])
        out = [k for k in out if k not in consumed]
        out.append(_Hit(start, hit.end, "negated"))
    return out


def _is_negated_negative(sentence: str, hit: _Hit, kept: list[_Hit], lexicon: ToneLexicon) -> bool:
    """Whether a negative phrase is negated ("no delay") or remedied ("reduce delay")."""
    if _negator_before(sentence, hit, lexicon, lexicon.remedies, wide=False) is not None:
        return True
    negator = _negator_before(sentence, hit, lexicon, lexicon.negators, wide=False)
    return negator is not None and not any(k.start <= negator < k.end for k in kept)


def _conceded_spans(sentence: str, lexicon: ToneLexicon) -> list[tuple[int, int]]:
    """Spans of the sentence that concede a point before the verdict (module docstring, step 6).

    A ``concessive`` marker opening the sentence concedes up to the first comma after it; any
    other ``contrast`` marker inside the sentence concedes its clause before the turn.
    """
    spans = []
    for turn in lexicon.contrast.finditer(sentence):
        opens = _LEAD_IN.fullmatch(sentence, 0, turn.start()) is not None
        is_concessive = lexicon.concessive.fullmatch(turn.group()) is not None
        if opens and is_concessive:
            comma = sentence.find(",", turn.end())
            spans.append((turn.end(), comma if comma >= 0 else len(sentence)))
        elif not opens and not is_concessive:
            spans.append((_clause_start(sentence, turn.start(), lexicon, False), turn.start()))
    return spans


def _found(pattern: re.Pattern, sentence: str, start: int, end: int) -> bool:
    return pattern.search(sentence, start, end) is not None


def _weigh(
    sentence: str, hit: _Hit, lexicon: ToneLexicon, conceded: list, unfinished: bool
) -> None:
    """Set ``hit.weight`` from its phrase and surroundings and say why in ``hit.reasons``."""
    phrase = sentence[hit.start : hit.end]
    clause = _clause_start(sentence, hit.start, lexicon, comma=False)
    window = _window_start(sentence, hit.start, lexicon)
    checks = (
        ("past", hit.kind != "positive" and _found(lexicon.past, sentence, clause, hit.start)),
        ("unfinished", hit.kind == "positive" and unfinished),
        ("strong", lexicon.strong.fullmatch(phrase) is not None),
        ("weak", lexicon.weak.fullmatch(phrase) is not None),
        ("hedged", lexicon.hedges.search(sentence, clause, hit.start) is not None),
        ("intensified", lexicon.intensifiers.search(sentence, window, hit.start) is not None),
        ("conceded", any(start <= hit.start < end for start, end in conceded)),
    )
    for reason, applies in checks:
        if applies and lexicon.weights[reason] != 1:
            hit.weight *= lexicon.weights[reason]
            hit.reasons.append(reason)


def _side_score(weights: list[float], further_hit: float) -> float:
    ordered = sorted(weights, reverse=True)
    return ordered[0] + further_hit * sum(ordered[1:]) if ordered else 0.0


def _is_directive(sentence: str, lexicon: ToneLexicon) -> bool:
    """Whether the sentence judges nothing: it opens with a ``directives`` entry.

    An entry is an imperative verb ("Ensure"), a courtesy ("I would like to thank") or the
    opening of a grade definition ("An LSCB that").
    List numbers, letters and bullets before the verb are skipped ("3. Ensure", "- improve").
    """
    opening = _LIST_MARKER.match(sentence)
    return lexicon.directives.match(sentence, opening.end()) is not None


def _sentence_hits(sentence: str, lexicon: ToneLexicon) -> list[_Hit]:
    """The weighed hits of one sentence, in text order (module docstring, steps 3 to 6).

    A recommendation (:func:`_is_directive`) has none.
    """
    if _is_directive(sentence, lexicon):
        return []
    hits = _apply_negation(sentence, _raw_hits(sentence, lexicon), lexicon)
    conceded = _conceded_spans(sentence, lexicon)
    shortfall = any(
        h.kind != "positive" and _found(lexicon.shortfall, sentence, h.start, h.end) for h in hits
    )
    for hit in hits:
        progress = lexicon.progress.fullmatch(sentence, hit.start, hit.end) is not None
        _weigh(sentence, hit, lexicon, conceded, unfinished=progress and shortfall)
    return hits


def _paragraph_tone(positive: float, negative: float, ratio: float) -> str:
    if not positive and not negative:
        return "neutral"
    if positive >= ratio * negative:
        return "positive"
    if negative >= ratio * positive:
        return "negative"
    return "mixed"


def score_tone(text: str, lexicon: ToneLexicon | None = None) -> ToneResult:
    """Score the evaluative tone of one paragraph (the rule is in the module docstring).

    Args:
        text: a paragraph, raw or normalised (typographic quotes and dashes are handled).
        lexicon: phrase lists and weights; default :func:`load_lexicon`.

    Returns:
        A :class:`ToneResult`: ``tone`` is one of ``positive``, ``negative``, ``mixed``,
        ``neutral``; ``positive`` and ``negative`` list the phrases that decided it, and the
        scores and weights say how much each counted.
    """
    if lexicon is None or lexicon is load_lexicon():
        found = _default_tone(text)
        return replace(
            found,
            positive=list(found.positive),
            negative=list(found.negative),
            weighed=list(found.weighed),
        )
    return _score_tone(text, lexicon)


@functools.lru_cache(maxsize=16384)
def _default_tone(text: str) -> ToneResult:
    """:func:`score_tone` with the package's lexicon, worked out once per text.

    The build, the asks comparison and the agreement measures score the same paragraphs
    several times over.
    """
    return _score_tone(text, load_lexicon())


@functools.lru_cache(maxsize=16384)
def _default_sentence_hits(sentence: str) -> tuple[_Hit, ...]:
    """:func:`_sentence_hits` with the package's lexicon, worked out once per sentence.

    A sentence scored within its paragraph (the findings table) is scored again alone (the asks
    comparison reads sentences). The hits are shared: read them, do not change them.
    """
    return tuple(_sentence_hits(sentence, load_lexicon()))


def _score_tone(text: str, lexicon: ToneLexicon) -> ToneResult:
    """:func:`score_tone` with a given lexicon, every time."""
    view = _mask(match_view(text), lexicon.neutral)
    spans = sentence_spans(view)
    phrases: dict[str, list[str]] = {"positive": [], "negative": []}
    scores = {"positive": 0.0, "negative": 0.0}
    weighed: list[str] = []
    for index, (start, end) in enumerate(spans):
        sentence = view[start:end]
        if lexicon is load_lexicon():
            hits = _default_sentence_hits(sentence)
        else:
            hits = _sentence_hits(sentence, lexicon)
        emphasis = _emphasis(sentence, index, len(spans), lexicon)
        for side in scores:
            side_hits = [h for h in hits if (h.kind == "positive") == (side == "positive")]
            weights = [h.weight for h in side_hits]
            scores[side] += emphasis * _side_score(weights, lexicon.weights["further_hit"])
            phrases[side] += [_phrase(sentence, h) for h in side_hits]
        weighed += _weight_notes(sentence, hits, emphasis)
    return ToneResult(
        tone=_paragraph_tone(scores["positive"], scores["negative"], lexicon.dominance_ratio),
        positive=phrases["positive"],
        negative=phrases["negative"],
        positive_score=round(scores["positive"], 3),
        negative_score=round(scores["negative"], 3),
        weighed=weighed,
    )


def _emphasis(sentence: str, index: int, count: int, lexicon: ToneLexicon) -> float:
    """The ``opening`` weight for a paragraph's first sentence or a summing-up one, else 1.

    A first sentence in lower case is the tail of a sentence cut by a page break, not an opening.
    """
    is_opening = index == 0 and count > 1 and not sentence.lstrip()[:1].islower()
    if is_opening or lexicon.summary.search(sentence):
        return lexicon.weights["opening"]
    return 1.0


def _weight_notes(sentence: str, hits: Sequence[_Hit], emphasis: float) -> list[str]:
    notes = []
    for hit in hits:
        reasons = hit.reasons + (["opening/summary sentence"] if emphasis != 1 else [])
        if reasons:
            weight = round(hit.weight * emphasis, 3)
            notes.append(f"{_phrase(sentence, hit)} x{weight:g} ({', '.join(reasons)})")
    return notes


def _phrase(sentence: str, hit: _Hit) -> str:
    return " ".join(sentence[hit.start : hit.end].lower().split())
