"""Small text helpers shared by every parser: a same-length matching view and span fields.

Parsers search a *matching view* of a document in which typographic characters are replaced one
for one by plain ones (no-break space to space, curly quotes to straight, dashes to hyphens). The
view has exactly the length of the raw text, so a match's offsets in the view are offsets in the
raw text, and ``evidence == text[char_start:char_end]`` holds for every row.
"""

import re

_ONE_FOR_ONE = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u2007": " ",  # figure space
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",  # thin space
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\ufeff": " ",  # a byte-order mark left inside the text
        "\f": "\n",  # a PDF's page break: the page's first line starts a line of its own
    }
)

_REPLACEMENTS = [(chr(code), plain) for code, plain in _ONE_FOR_ONE.items()]


def match_view(text: str) -> str:
    """Return ``text`` with typographic characters replaced one for one by plain ones.

    Args:
        text: raw document text.

    Returns:
        A string of the same length whose offsets are the raw text's offsets.
    """
    view = text
    # One str.replace per character present is much faster than str.translate with a
    # dictionary, which looks up every character of the text.
    for typographic, plain in _REPLACEMENTS:
        if typographic in view:
            view = view.replace(typographic, plain)
    assert len(view) == len(text)
    return view


def normalise_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    # str.split() splits on exactly the characters that re's \s matches (str.isspace), and is
    # several times faster than a regular expression on the short texts this is called with.
    return " ".join(text.split())


def span_fields(text: str, start: int, end: int) -> dict:
    """Return the contract's position columns for ``text[start:end]``.

    Args:
        text: the raw document text (as read by :func:`analysis.sources.documents.read_text`).
        start: offset of the first character.
        end: offset just past the last character.

    Returns:
        ``{"char_start": start, "char_end": end, "evidence": text[start:end]}``.
    """
    return {"char_start": start, "char_end": end, "evidence": text[start:end]}


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of ``offset`` in ``text``, for error messages."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[])")
_LETTER = re.compile(r"[^\W\d_]")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of a paragraph, one per sentence, in text order.

    A sentence ends at ``.``, ``!`` or ``?`` followed by space and a capital, digit, bracket or
    quote. A piece without letters (a paragraph number such as "32.") is joined to the sentence
    after it, so that the opening sentence is the first one with words.
    """
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    ends = [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    spans: list[tuple[int, int]] = []
    carried: int | None = None
    for start, end in zip(starts, ends, strict=True):
        start = start if carried is None else carried
        carried = None
        if end < len(text) and not _LETTER.search(text, start, end):
            carried = start
            continue
        spans.append((start, end))
    return spans


def opening_sentence_end(text: str) -> int:
    """Offset where a text's opening sentence ends (its length if it has one sentence).

    See :func:`sentence_spans` for what a sentence is.
    """
    return sentence_spans(text)[0][1]


def headline_sentence(text: str, limit: int = 220) -> str:
    """A paragraph's first sentence (or clause before a semicolon) for a table cell or headline.

    Args:
        text: whitespace-normalised paragraph text.
        limit: longest result; a longer first sentence is cut with an ellipsis.

    Returns:
        The text up to and including the first ``". "`` or ``"; "`` stop within ``limit``.
    """
    for stop in (". ", "; "):
        if stop in text[:limit]:
            return text[: text.index(stop, 0, limit) + 1]
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
