"""Phrases from the package's data files turned into regular expressions, in one way.

Themes, tone and the judgement frameworks all list phrases in YAML; each phrase becomes a pattern
here, so they agree on what a phrase matches: its words in order, any run of the separator between
them (whitespace and hyphens for signal phrases; a line wrap inside a judgement table), an optional
plural ending, and a trailing ``*`` for any word ending.
"""

import re
from collections.abc import Iterable

#: What may stand between a phrase's words in running prose: whitespace and hyphens.
PROSE_SEPARATOR = r"[\s\-]+"
#: A match starts a word (a hyphenated word's second half does not count as a start) ...
WORD_START = r"(?<![\w\-])"
#: ... and ends one.
WORD_END = r"(?![\w])"
#: A pattern that matches nothing, for an empty phrase list.
NEVER = r"(?!)"


def phrase_pattern(
    phrase: str,
    plural: bool = True,
    anchored: bool = True,
    separator: str = PROSE_SEPARATOR,
    hyphens_separate: bool = True,
) -> str:
    """Turn a phrase into a regular expression (without flags).

    Args:
        phrase: words separated by spaces (or hyphens); a trailing ``*`` allows any word ending.
        plural: whether the last word may also take a plural ending (``s``/``es``, or ``ies``
            for a final consonant + ``y``).
        anchored: wrap the pattern in :data:`WORD_START` and :data:`WORD_END` (off when the
            caller puts one pair of checks around many phrases, which is much faster to search).
        separator: the pattern that stands for each gap between words.
        hyphens_separate: whether a hyphen in the phrase is a gap between words (prose) or a
            literal character (a printed judgement name such as "Requires improvement to be
            good" keeps its hyphens as printed).

    Returns:
        The pattern's text.

    Raises:
        ValueError: the phrase has no words.
    """
    words = [w for w in re.split(r"[\s\-]+" if hyphens_separate else r"\s+", phrase.strip()) if w]
    if not words:
        raise ValueError("empty phrase")
    *head, last = words
    if last.endswith("*"):
        tail = re.escape(last[:-1]) + r"\w*"
    elif plural and re.search(r"[^aeiou]y$", last, re.IGNORECASE):
        tail = re.escape(last[:-1]) + r"(?:y|ies)"
    elif plural and last[-1:].isalpha():
        tail = re.escape(last) + r"(?:e?s)?"
    else:
        tail = re.escape(last)
    body = separator.join([re.escape(w) for w in head] + [tail])
    return f"{WORD_START}{body}{WORD_END}" if anchored else body


def longest_first(phrases: Iterable[str]) -> list[str]:
    """The distinct phrases, longest first, so that no phrase shadows a longer one it begins."""
    return sorted(set(phrases), key=len, reverse=True)


def alternation(bodies: list[str], ignore_case: bool) -> str:
    """``bodies`` as one alternation, those that start with the same letter grouped under it.

    Python's ``re`` tries the alternatives of ``a|b|c`` one by one at every position; grouped as
    ``w(?:ithin|ell)|p(?:rogress)``, a position is given up after one look at its first letter.
    The matches are those of ``"|".join(bodies)``: two bodies with different first letters never
    match at the same position, and each group keeps its bodies' order. Only a body that opens
    with a plain letter or digit, not repeated (``a?``, ``a*``), and that is one alternative (no
    ``|`` outside brackets) is grouped; any other body stays where it stands, with no body after
    it moved before it.

    Args:
        bodies: regular expressions, in the order they are to be tried.
        ignore_case: whether the pattern will be compiled with ``re.IGNORECASE`` (then "W" and
            "w" open one group).

    Returns:
        The alternation's text, without brackets around it.
    """
    parts: list[tuple[str, list[str]]] = []  # (first letter or "" for a body kept as it is, rests)
    open_groups: dict[str, int] = {}
    for body in bodies:
        if not _groupable(body):
            parts.append(("", [body]))
            open_groups.clear()
            continue
        key = body[0].lower() if ignore_case else body[0]
        if key in open_groups:
            parts[open_groups[key]][1].append(body[1:])
        else:
            open_groups[key] = len(parts)
            parts.append((key, [body[1:]]))
    return "|".join(rests[0] if not key else f"{key}(?:{'|'.join(rests)})" for key, rests in parts)


def _groupable(body: str) -> bool:
    """Whether a body opens with a lone ASCII letter or digit and has no top-level ``|``."""
    if not _PLAIN_OPENING.match(body):
        return False
    depth, position, in_class = 0, 0, False
    while position < len(body):
        char = body[position]
        if char == "\\":
            position += 1  # the escaped character is a literal
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if body[position + 1 : position + 2] == "]":
                position += 1  # "[]...]": a leading "]" is a member
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        position += 1
    return True


#: A first character a group can take out: a letter or digit not followed by a repeat.
_PLAIN_OPENING = re.compile(r"[A-Za-z0-9](?![?*+{])")
