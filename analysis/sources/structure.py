"""Sections, prose paragraphs and sub-documents of a document's text, with their raw spans.

The documents are text extracted from PDFs and web pages by different tools: hard-wrapped lines
with trailing spaces, paragraphs separated by blank lines or by nothing at all, page numbers and
form feeds inside paragraphs, markdown headings, bold and HTML tags, tab-separated table rows.
This module reads all of them by structure alone:

1. Lines are sorted into text, table rows (a tab or a markdown rule), page furniture (page
   numbers; dropped wherever they fall) and blank lines.
2. Text lines are gathered into *units*: a unit starts at a numbered paragraph ("18. ...", or
   "18." alone on its line), a bullet, a markdown heading, after a table row, and where the
   line wrapping shows a break (the line before ends a sentence, or is a short line, and the
   next word would have fitted on it). A blank line ends a unit unless the unit stops
   mid-sentence and the next block goes on in lower case (a page break inside a paragraph).
3. Each unit is classified as ``paragraph`` (prose: a sentence), ``heading``, ``grade``,
   ``table`` or ``other``, from its shape and the wordings in ``data/document_structure.yml``.

Offsets are those of the raw text; matching is done on :func:`analysis.sources.text.match_view`,
so a text with no-break spaces or curly quotes gives the same units.
"""

import html
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from analysis.config import PACKAGE_DATA_DIR
from analysis.sources.package_data import load_yaml
from analysis.sources.text import match_view, normalise_whitespace

STRUCTURE_FILE = PACKAGE_DATA_DIR / "document_structure.yml"

_NUMBERED = re.compile(r"(\d{1,3})\.(?=\s|$)|(\d{1,2}\.\d{1,2})\s+(?=[A-Z])")
_NUMBER_ALONE = re.compile(r"\d{1,3}\.")
# Bullets as text extraction prints them: ASCII, Unicode squares and dots, the private-use
# glyphs of Wingdings-style fonts, and the box-drawing or combining strokes of sub-bullets.
_BULLET = re.compile(
    r"(?:[-*\u2022\u25aa\u25cf\u25a0\u25fc\u2500\u0336\uf06e\uf02d\uf0b7\uf0a7\uf0be])\s+"
)
_MD_HEADING = re.compile(r"(#{1,6})\s+")
# A sentence ends in a full stop (or ! ? : ;), or in the marker or paragraph reference Ofsted
# prints after one: "(Recommendation)", "(Paragraphs 22, 24)", "(page 10, paragraph 14)".
_NUMBERS = r"[\d ,\-\u2013and]+"
_TERMINAL = re.compile(
    rf"([.!?:;]|\((recommendation|(pages? {_NUMBERS},?\s*)?paragraphs? {_NUMBERS})\))"
    r"[\"')\]*\s]*$",
    re.IGNORECASE,
)
_TAGS = re.compile(r"</?(?:b|p|i|u|em|strong|br|span|div)\b[^>]*>", re.IGNORECASE)
_SUP = re.compile(r"<sup>(.*?)</sup>", re.IGNORECASE)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>]+)>")
#: A page's first or last line repeated on this share of the pages (and at least
#: _RUNNING_MIN_PAGES) is a running header or footer.
_RUNNING_SHARE = 0.3
_RUNNING_MIN_PAGES = 3
#: A line this share of the wrap width or shorter was not filled: a heading or a last line.
_SHORT_LINE = 0.6
_EMPHASIS = re.compile(r"\*{2,3}|(?<!\w)__|__(?!\w)")
#: Every markup :func:`clean_text` removes starts with one of these (tags, links, emphasis,
#: entities): a line with none of them is only normalised.
_MARKUP_SIGNS = ("<", "[", "*", "_", "&")


@dataclass(frozen=True)
class Part:
    """One sub-document of a file: ``text[char_start:char_end]`` is the part."""

    name: str
    char_start: int
    char_end: int
    kind: str


@dataclass(frozen=True)
class Paragraph:
    """One prose paragraph: its text and where it sits.

    ``text`` is whitespace-normalised with markup, page furniture, the printed number and the
    bullet removed; ``char_start:char_end`` spans the raw text from the paragraph's first to its
    last character (page numbers falling inside are inside the span).
    """

    section: str
    para_id: str
    text: str
    char_start: int
    char_end: int
    part: str


@dataclass
class Unit:
    """A run of text lines read as one thing: a paragraph, heading, grade, table row or other.

    ``lines`` holds the ``(start, end)`` raw offsets of each line's content; ``char_start`` and
    ``char_end`` span from the first to the last non-space character.
    """

    lines: list[tuple[int, int]]
    kind: str = "other"
    text: str = ""
    para_id: str = ""
    is_bullet: bool = False
    bullet: str = ""
    is_markdown_heading: bool = False
    section: str = ""
    part: str = ""

    @property
    def char_start(self) -> int:
        """Offset of the unit's first character in the raw text."""
        return self.lines[0][0]

    @property
    def char_end(self) -> int:
        """Offset just past the unit's last character in the raw text."""
        return self.lines[-1][1]


@lru_cache(maxsize=1)
def load_structure_config() -> dict:
    """Return the wordings of ``data/document_structure.yml`` with every pattern compiled.

    Returns:
        The YAML mapping; pattern lists are replaced by lists of compiled regexes.
    """
    config = load_yaml(STRUCTURE_FILE, "document structure", required=("part_kinds",))

    def compiled(patterns):
        return [re.compile(p, re.IGNORECASE) for p in patterns]

    for key in (
        "grade_lines",
        "minor_headings",
        "not_headings",
        "heading_patterns",
        "section_openings",
        "grades_under_headings",
        "furniture",
    ):
        config[key] = compiled(config[key])
    config["dangling_words"] = set(config["dangling_words"])
    for kind in config["part_kinds"]:
        kind["titles"] = compiled(kind["titles"])
        kind["signals"] = compiled(kind["signals"])
    return config


@lru_cache(maxsize=1 << 16)
def clean_text(raw: str) -> str:
    """Return ``raw`` without markdown or HTML markup, entities decoded, whitespace normalised.

    Args:
        raw: a piece of a document's matching view (see :func:`analysis.sources.text.match_view`).

    Returns:
        Plain text: headings' ``#``, ``**`` emphasis, tags, links reduced to their words.
    """
    if not any(mark in raw for mark in _MARKUP_SIGNS):
        return normalise_whitespace(match_view(raw))
    text = _SUP.sub(r"\1", raw)
    text = _TAGS.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = html.unescape(text)
    return normalise_whitespace(match_view(text))


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every line's content, without its newline or edge spaces."""
    spans = []
    position = 0
    for line in text.split("\n"):
        start, end = position, position + len(line)
        while start < end and (line[start - position].isspace()):
            start += 1
        while end > start and line[end - 1 - position].isspace():
            end -= 1
        spans.append((start, end))
        position += len(line) + 1
    return spans


def _line_kind(view: str, start: int, end: int, config: dict) -> str:
    """Classify one line as ``blank``, ``furniture``, ``table`` or ``text``."""
    line = view[start:end]
    if not line.strip():
        return "blank"
    if "\t" in view[start:end] or _is_tab_row(view, start, end):
        return "table"
    plain = clean_text(line)
    if not plain or any(p.search(plain) for p in config["furniture"]):
        return "furniture"
    return "text"


def _is_tab_row(view: str, start: int, end: int) -> bool:
    """Whether the line, including tabs trimmed from its edges, is a tab-separated row."""
    line_start = view.rfind("\n", 0, start) + 1
    line_end = view.find("\n", end)
    line_end = len(view) if line_end < 0 else line_end
    return "\t" in view[line_start:line_end]


@dataclass(frozen=True)
class _Layout:
    """How a document's line breaks are to be read (see ``document_structure.yml``)."""

    width: int
    is_unwrapped: bool
    is_blank_separated: bool


@dataclass(frozen=True)
class _Neighbours:
    """What surrounds a text line: the block it is in, a page number above it, the next line."""

    block_size: int
    after_page_number: bool
    next_line: str


def _layout(view: str, lines: list[tuple[int, int, str]], config: dict) -> _Layout:
    """Measure the wrap width and paragraph separation style of a document."""
    texts = [(start, end) for start, end, kind in lines if kind == "text"]
    lengths = sorted(end - start for start, end in texts)
    width = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    sentence_ends = followed_by_blank = 0
    # The empty "line" after a final newline is not a blank line of the text.
    real = lines[:-1] if view.endswith("\n") else lines
    for (start, end, kind), (_, _, next_kind) in zip(real, real[1:], strict=False):
        if kind == "text" and _TERMINAL.search(view[start:end]):
            sentence_ends += 1
            followed_by_blank += next_kind == "blank"
    share = followed_by_blank / sentence_ends if sentence_ends else 0.0
    return _Layout(
        width=width,
        is_unwrapped=width > config["unwrapped_width"],
        is_blank_separated=share >= config["blank_separated_share"],
    )


def _block_sizes(lines: list[tuple[int, int, str]]) -> list[int]:
    """Return, for every line, how many text lines its block (run between blanks) holds."""
    sizes = [0] * len(lines)
    index = 0
    while index < len(lines):
        if lines[index][2] == "blank":
            index += 1
            continue
        stop = index
        while stop < len(lines) and lines[stop][2] != "blank":
            stop += 1
        count = sum(1 for line in lines[index:stop] if line[2] == "text")
        for position in range(index, stop):
            sizes[position] = count
        index = stop
    return sizes


def _first_word(line: str) -> str:
    words = line.split()
    return words[0] if words else ""


def _starts_unit(line: str) -> bool:
    """Whether a line opens a unit of its own: a numbered paragraph, bullet or heading."""
    return bool(_NUMBERED.match(line) or _BULLET.match(line) or _MD_HEADING.match(line))


def _ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(clean_text(text)))


def _is_marker_only(line: str, config: dict) -> bool:
    marker = config["recommendations"]["paragraph_marker"]
    return bool(re.fullmatch(marker, line.strip(), re.IGNORECASE))


def _continues_after_gap(previous: str, line: str, config: dict) -> bool:
    """Whether ``line``, after blank lines, goes on with the unit ending in ``previous``.

    A paragraph broken by a page break stops mid-sentence and the next block starts in lower
    case (or the paragraph stops on a word that cannot end a sentence).
    """
    if _NUMBER_ALONE.fullmatch(previous.strip()) or _is_marker_only(line, config):
        return True
    if _starts_unit(line) or _MD_HEADING.match(previous) or _ends_sentence(previous):
        return False
    plain = clean_text(line)
    if not plain:
        return False
    words = clean_text(previous).split()
    last_word = words[-1].lower() if words else ""
    return plain[0].islower() or last_word in config["dangling_words"]


def _breaks_within_block(
    previous: str, line: str, layout: _Layout, reads_wrapping: bool, flags: tuple[bool, bool]
) -> bool:
    """Whether a line directly below ``previous`` starts a new unit.

    A numbered paragraph, bullet or heading always does. Where the wrapping can be read, a
    line that ends a sentence, or a short line, with room left for the next line's first word
    was broken on purpose (end of paragraph, heading, address line).
    """
    if _NUMBER_ALONE.fullmatch(previous.strip()):
        return False
    if previous.rstrip().endswith("-") and not previous.rstrip().endswith(" -"):
        return False
    is_indented, is_first_line = flags
    if _starts_unit(line):
        return is_first_line or not _is_cut_number(previous, line, layout)
    if _MD_HEADING.match(previous):
        return True
    plain = clean_text(line)
    if not plain or not (plain[0].isupper() or plain[0].isdigit() or plain[0] in "\"'"):
        return False
    if layout.is_unwrapped:
        return True
    if not reads_wrapping:
        return is_indented and _is_short_title(previous, line, layout)
    if _ends_sentence(previous):
        return len(previous.rstrip()) + 1 + len(_first_word(line)) <= layout.width
    return len(previous.strip()) <= _SHORT_LINE * layout.width


def _numbers_next(first_line: str, line: str) -> bool:
    """Whether ``line`` opens the paragraph numbered after the one ``first_line`` opens.

    "151. ... agencies / 152. Provide ..." is the next item even where item 151 lost its full
    stop, which otherwise reads like a number cut off a wrapped sentence ("Key Stage / 4.").
    """
    this, following = _NUMBERED.match(first_line), _NUMBERED.match(line)
    if not (this and following and this.group(1) and following.group(1)):
        return False
    return int(following.group(1)) == int(this.group(1)) + 1


def _capital_after_sentence(previous: str, line: str) -> str:
    """The line's plain text if it starts with a capital below a finished sentence, else ""."""
    plain = clean_text(line)
    return plain if plain[:1].isupper() and _ends_sentence(previous) else ""


def _opens_section(previous: str, line: str, config: dict) -> bool:
    """Whether a line below a finished sentence opens one of the frameworks' judgement headings."""
    plain = _capital_after_sentence(previous, line)
    return bool(plain) and any(p.search(plain) for p in config["section_openings"])


def _is_title_line(previous: str, line: str, layout: _Layout, around: _Neighbours) -> bool:
    """Whether a line below a finished sentence is a title: it opens a page or a list item.

    Text extracted from a PDF has no blank lines, and the line above a title can be longer
    than the wrap width (a footnote in a smaller font) or nearly full, so the usual "would the
    next word have fitted" test cannot see the title. Its place does: a short line without a
    full stop (a question mark is allowed: "What does the local authority need to improve?")
    that opens a new page, or stands directly above a numbered paragraph or a bullet.
    """
    if not (around.after_page_number or _starts_unit(around.next_line)):
        return False
    plain = _capital_after_sentence(previous, line)
    if not plain or _starts_unit(line):
        return False
    is_question = plain.endswith("?")
    return len(plain) <= _SHORT_LINE * layout.width and (is_question or not _ends_sentence(line))


def _is_cut_number(previous: str, line: str, layout: _Layout) -> bool:
    """Whether a numbered-looking line only carries on a wrapped sentence ("Key Stage / 4.").

    Only asked when ``previous`` is not the first line of its unit (a heading above a numbered
    paragraph is a unit's first line, a full line of a wrapped paragraph is not).
    """
    if layout.is_unwrapped or not _NUMBERED.match(line) or _ends_sentence(previous):
        return False
    return len(previous.strip()) > _SHORT_LINE * layout.width


def _is_short_title(previous: str, line: str, layout: _Layout) -> bool:
    """Whether an indented line (a new page's first line) opens a heading or follows one.

    Mid-paragraph, a page's first line is a full line; a short line without a full stop, or
    a line below one, is a heading.
    """
    short = _SHORT_LINE * layout.width

    def is_title(candidate: str) -> bool:
        return len(candidate.strip()) <= short and not _ends_sentence(candidate)

    return is_title(line) or is_title(previous)


def running_lines(text: str) -> set[int]:
    """Return the start offsets of a paged text's running headers and footers.

    A PDF's text (pages joined by form feeds) may repeat a line at the top or foot of most
    pages ("Medway Council Inspection of safeguarding and looked after children 9"). A first or
    last line of a page whose wording, numbers aside, opens (or closes) at least
    :data:`_RUNNING_SHARE` of the pages, and three at the least, is page furniture. Text
    without page breaks has none.
    """
    pages, position = [], 0
    for page in text.split("\f"):
        spans = [(position + a, position + b) for a, b in _line_spans(page) if b > a]
        pages.append(spans)
        position += len(page) + 1
    if len(pages) < _RUNNING_MIN_PAGES:
        return set()
    found: set[int] = set()
    for pick in (0, -1):
        ends = [page[pick] for page in pages if page]
        keys = [re.sub(r"\d+", "#", text[a:b]).lower() for a, b in ends]
        counts = Counter(keys)
        least = max(_RUNNING_MIN_PAGES, _RUNNING_SHARE * len(pages))
        found |= {a for (a, _), key in zip(ends, keys, strict=True) if counts[key] >= least}
    return found


def _gather_units(view: str, config: dict, running: set[int] = frozenset()) -> list[Unit]:
    """Group the text lines of a document into units (see the module docstring, step 2).

    ``running`` holds the starts of running headers and footers (:func:`running_lines`).
    """
    lines = [
        (start, end, "furniture" if start in running else _line_kind(view, start, end, config))
        for start, end in _line_spans(view)
    ]
    layout = _layout(view, lines, config)
    sizes = _block_sizes(lines)
    following = _next_text_lines(view, lines)
    headings = _graded_heading_starts(view, lines, config)
    units: list[Unit] = []
    current: Unit | None = None
    gap = page_break = False
    for index, ((start, end, kind), size) in enumerate(zip(lines, sizes, strict=True)):
        if kind == "blank":
            gap = True
            continue
        if kind == "furniture":
            page_break = True
            continue
        if kind == "table":
            units.append(Unit(lines=[(start, end)], kind="table"))
            current, gap, page_break = None, False, False
            continue
        context = (layout, config, _Neighbours(size, page_break, following[index]))
        opens = start in headings
        if current is not None and not opens and _joins(view, current, (start, end), gap, context):
            current.lines.append((start, end))
        else:
            current = Unit(lines=[(start, end)])
            units.append(current)
        gap = page_break = False
    return units


def _graded_heading_starts(view: str, lines: list[tuple[int, int, str]], config: dict) -> set[int]:
    """Return where the headings printed above a grade line start.

    In 2013 reports a section opens "Capacity to improve" / "Grade 3 (Adequate)". The heading is
    the up to three text lines directly above the grade line, back to a line that ends a
    sentence or opens an item (a bullet, a number), a blank line or page furniture (a page's
    running header), and starts with a capital letter: it opens a unit even below a line left
    without a full stop.
    """
    starts = set()
    texts = [i for i, line in enumerate(lines) if line[2] == "text"]
    for position, index in enumerate(texts):
        start, end, _ = lines[index]
        if not any(p.search(clean_text(view[start:end])) for p in config["grades_under_headings"]):
            continue
        first = None
        for back in range(position - 1, max(position - 4, -1), -1):
            above = texts[back]
            line = view[slice(*lines[above][:2])]
            if texts[back + 1] - above != 1 or _ends_sentence(line) or _starts_unit(line):
                break  # a blank line or furniture between, a finished sentence, an item
            first = above
        if first is not None and clean_text(view[slice(*lines[first][:2])])[:1].isupper():
            starts.add(lines[first][0])
    return starts


def _next_text_lines(view: str, lines: list[tuple[int, int, str]]) -> list[str]:
    """Return, for every line, the next text line directly below it (page numbers skipped).

    A blank line or a table row below gives "": the line is then the last of its block.
    """
    following = [""] * len(lines)
    below = ""
    for index in range(len(lines) - 1, -1, -1):
        following[index] = below
        start, end, kind = lines[index]
        if kind == "text":
            below = view[start:end]
        elif kind != "furniture":
            below = ""
    return following


def _joins(view: str, current: Unit, span: tuple[int, int], gap: bool, context: tuple) -> bool:
    """Whether the line ``view[start:end]`` belongs to the unit being gathered."""
    layout, config, around = context
    start, end = span
    line = view[start:end]
    is_indented = start > 0 and view[start - 1] != "\n"
    previous = view[current.lines[-1][0] : current.lines[-1][1]]
    if _NUMBER_ALONE.fullmatch(previous.strip()) and _starts_unit(line):
        return False
    if _numbers_next(view[slice(*current.lines[0])], line):
        return False
    if _is_title_line(previous, line, layout, around) or _opens_section(previous, line, config):
        return False
    if gap:
        return _continues_after_gap(previous, line, config)
    long_block = around.block_size >= config["long_block_lines"]
    reads_wrapping = not layout.is_blank_separated or long_block
    flags = (is_indented, len(current.lines) == 1)
    return not _breaks_within_block(previous, line, layout, reads_wrapping, flags)


def _join_lines(view: str, lines: list[tuple[int, int]]) -> str:
    """Join a unit's lines into one string, closing words hyphen-broken at a line end."""
    joined = ""
    for start, end in lines:
        piece = view[start:end].strip()
        if joined and re.search(r"\w-$", joined) and piece[:1].isalnum():
            joined += piece
        elif joined:
            joined += " " + piece
        else:
            joined = piece
    return joined


def _describe(unit: Unit, view: str, config: dict) -> None:
    """Fill a gathered unit's text, number, bullet flag and kind (step 3)."""
    raw = _join_lines(view, unit.lines)
    heading = _MD_HEADING.match(raw)
    unit.is_markdown_heading = bool(heading)
    if heading:
        raw = raw[heading.end() :]
    bullet = _BULLET.match(raw)
    unit.is_bullet = bool(bullet)
    if bullet:
        unit.bullet = raw[0]
        raw = raw[bullet.end() :]
    text = clean_text(raw)
    number = _NUMBERED.match(text)
    if number and not heading:
        unit.para_id = number.group(1) or number.group(2)
        text = text[number.end() :].strip()
    unit.text = text
    if unit.kind != "table":
        unit.kind = _classify(unit, raw, config)
    if unit.kind != "paragraph":
        unit.para_id = ""
        unit.text = clean_text(raw)


def _classify(unit: Unit, raw: str, config: dict) -> str:
    """Return the kind of a non-table unit: paragraph, heading, grade or other."""
    text = unit.text
    words = text.split()
    if not words:
        return "other"
    if unit.is_markdown_heading:
        return "heading"
    if any(p.search(text) for p in config["grade_lines"]):
        return "grade"
    bold = raw.strip().startswith("**") and raw.strip().rstrip(":").endswith("**")
    if bold and len(words) <= config["max_heading_words"]:
        return "heading"
    if not unit.is_bullet and any(p.search(text) for p in config["heading_patterns"]):
        return "heading"
    if _is_prose(unit, words, config):
        return "paragraph"
    if _is_heading(unit, text, words, config):
        return "heading"
    return "other"


def _is_prose(unit: Unit, words: list[str], config: dict) -> bool:
    """Whether a unit reads as a sentence (bullets may lack the full stop)."""
    least = config["numbered_min_words"] if unit.para_id else config["min_words"]
    if len(words) < least:
        return False
    if _TERMINAL.search(unit.text):
        return True
    if unit.para_id:
        return len(words) >= config["numbered_unterminated_min_words"]
    return (
        unit.is_bullet
        and len(words) >= config["bullet_unterminated_min_words"]
        and not unit.text[0].isdigit()
    )


def _is_heading(unit: Unit, text: str, words: list[str], config: dict) -> bool:
    """Whether a unit is a short title line rather than prose or a fragment."""
    if unit.is_bullet or unit.para_id or len(words) > config["max_heading_words"]:
        return False
    if re.search(r"[.!?;,]$", text):
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    return not any(p.search(text) for p in config["not_headings"])


def split_units(text: str) -> list[Unit]:
    """Split a document into units (paragraphs, headings, grades, table rows, others).

    Args:
        text: the raw document text as read by :func:`analysis.sources.documents.read_text`.

    Returns:
        One :class:`Unit` per paragraph, heading, grade line, table row or other fragment, in
        document order, each with its ``section`` (the last heading above it within its part,
        minor headings such as "Summary" aside) and ``part`` (the name of its sub-document).
        The units are the caller's own: changing one changes no later result.
    """
    return [replace(unit, lines=list(unit.lines)) for unit in _units_of(text)]


@lru_cache(maxsize=128)
def _units_of(text: str) -> tuple[Unit, ...]:
    """The units of :func:`split_units`, worked out once per text.

    The judgements, recommendations, paragraphs and source pages of a document all start from
    its units, so one build splits each document several times. The cache holds more documents
    than a build reads: the Python tests read about a hundred, some of them many times.
    """
    config = load_structure_config()
    view = match_view(text)
    units = _gather_units(view, config, running_lines(text))
    for unit in units:
        _describe(unit, view, config)
    _assign_sections(units, split_parts(text), config)
    return tuple(units)


def _assign_sections(units: list[Unit], parts: list[Part], config: dict) -> None:
    """Set each unit's part and section; a section does not run on into the next part."""
    part_index, section = 0, ""
    for unit in units:
        while part_index + 1 < len(parts) and unit.char_start >= parts[part_index + 1].char_start:
            part_index, section = part_index + 1, ""
        unit.part = parts[part_index].name
        if unit.kind == "heading" and not any(
            p.search(unit.text) for p in config["minor_headings"]
        ):
            section = unit.text
        unit.section = section


def split_paragraphs(text: str) -> list[Paragraph]:
    """Return every prose paragraph of a document, in order.

    Prose is a sentence (or a bullet item that reads as one): not a heading, grade line, table
    row, contents line, address line or lone number. Page numbers and line breaks inside a
    paragraph are dropped from its text and hyphen-broken words closed up.

    Args:
        text: the raw document text as read by :func:`analysis.sources.documents.read_text`.

    Returns:
        One :class:`Paragraph` per prose paragraph, in document order, with
        ``text[char_start:char_end]`` the raw span it came from.
    """
    return [
        Paragraph(
            section=unit.section,
            para_id=unit.para_id,
            text=unit.text,
            char_start=unit.char_start,
            char_end=unit.char_end,
            part=unit.part,
        )
        for unit in split_units(text)
        if unit.kind == "paragraph"
    ]


def _title_blocks(view: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, title)`` of every markdown heading or wholly bold block."""
    blocks = []
    for match in re.finditer(r"(?:^|(?<=\n))[^\n]*(?:\n(?!\s*\n)[^\n]*)*", view):
        raw = match.group().strip()
        if not raw:
            continue
        is_heading = bool(_MD_HEADING.match(raw)) and "\n" not in raw
        is_bold = raw.startswith("**") and raw.endswith("**")
        if is_heading or is_bold:
            start = match.start() + (len(match.group()) - len(match.group().lstrip()))
            title = clean_text(_MD_HEADING.sub("", raw, count=1))
            blocks.append((start, start + len(raw), title))
    return blocks


def _title_kind(title: str, config: dict) -> str | None:
    """Return the part kind whose title pattern matches ``title`` (numbered items never do)."""
    if not title or title[0].isdigit():
        return None
    for kind in config["part_kinds"]:
        if any(p.search(title) for p in kind["titles"]):
            return kind["kind"]
    return None


def _block_run_start(view: str, blocks: list[tuple[int, int, str]], index: int) -> int:
    """Return where the run of title blocks holding ``blocks[index]`` starts."""
    start = blocks[index][0]
    while index > 0 and not view[blocks[index - 1][1] : start].strip():
        index -= 1
        start = blocks[index][0]
    return start


def _signal_part(view: str, start: int, end: int, config: dict) -> tuple[str, str]:
    """Classify a part with no title block from the lines near its start."""
    window = view[start : min(end, start + config["signal_window"])]
    for kind in config["part_kinds"]:
        for line in window.split("\n"):
            plain = clean_text(line)
            if plain and any(p.search(plain) for p in kind["signals"]):
                return plain, kind["kind"]
    first = next((clean_text(line) for line in window.split("\n") if line.strip()), "")
    return first, "other"


def split_parts(text: str) -> list[Part]:
    """Split a file into the documents it bundles (agenda, minutes, an Ofsted report, ...).

    A part starts at a run of title blocks (markdown headings or wholly bold blocks) one of
    which matches a part kind's title wording in ``data/document_structure.yml``; the first part
    starts at the top of the file. A part without such a title is classified by the signal
    wordings near its start; a file with no title blocks is one part.

    Args:
        text: the raw document text as read by :func:`analysis.sources.documents.read_text`.

    Returns:
        One :class:`Part` per sub-document, in order, covering the whole text.
    """
    config = load_structure_config()
    view = match_view(text)
    starts: list[tuple[int, str, str]] = []
    blocks = _title_blocks(view)
    for index, (_, _, title) in enumerate(blocks):
        kind = _title_kind(title, config)
        if kind is None:
            continue
        run_start = _block_run_start(view, blocks, index)
        if starts and starts[-1][0] == run_start:
            continue
        starts.append((run_start, title, kind))
    if not starts or view[: starts[0][0]].strip():
        end = starts[0][0] if starts else len(text)
        name, kind = _signal_part(view, 0, end, config)
        starts.insert(0, (0, name, kind))
    else:
        starts[0] = (0, starts[0][1], starts[0][2])
    bounds = [s[0] for s in starts[1:]] + [len(text)]
    return [
        Part(name=name, char_start=start, char_end=end, kind=kind)
        for (start, name, kind), end in zip(starts, bounds, strict=True)
    ]
