"""What every parser returns: rows that carry their span, and issues in one shape.

A parser is a pure function from a document's text to rows (dicts whose ``char_start``,
``char_end`` and ``evidence`` come from :func:`analysis.sources.text.span_fields`) and, where it
can meet number-like text it cannot read, issues built by :func:`issue`, so that the pipeline
reports every parser's problems in one table without renaming fields.
"""

from analysis.sources.text import line_and_column

#: Keys every issue ends with, in order; a parser may put context keys before them.
ISSUE_KEYS = ("text", "char_start", "char_end", "line_column", "reason")


def position(text: str, offset: int) -> str:
    """Return ``line:column`` (both 1-based) of ``offset`` in ``text``."""
    line, column = line_and_column(text, offset)
    return f"{line}:{column}"


def issue(text: str, start: int, end: int, reason: str, **context) -> dict:
    """Describe text a parser saw but could not read.

    Args:
        text: the document's text.
        start: offset of the first character of the unreadable text.
        end: offset just past it.
        reason: why it could not be read, for a person.
        **context: the parser's own keys (e.g. the KPI number), placed first.

    Returns:
        ``context`` followed by :data:`ISSUE_KEYS`: the printed text, its span, its
        ``line:column`` and the reason.
    """
    return {
        **context,
        "text": text[start:end],
        "char_start": start,
        "char_end": end,
        "line_column": position(text, start),
        "reason": reason,
    }
