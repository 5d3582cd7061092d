"""Graded Ofsted judgements from the text of any children's services inspection report.

One row per graded judgement (one per ``area_key``). A judgement is found by its *structure*,
never by its position in a given document:

- a **table row**: an area name opening a line, followed by its grade cell on the same line (after
  a tab, spaces or markup) or on the next non-blank line(s) ("Requires improvement" / "to be good");
- a **column row**: the same, laid out in two columns (``pdftotext -layout``), where the area name
  wraps over several lines with its grade cell beside it (itself possibly wrapped);
- a **verdict line**: a whole-line sentence whose subject is an area or a headline subject and
  whose predicate is a grade ("Children's services in X are inadequate", "The Local Safeguarding
  Children Board requires improvement").

The area names, grade spellings and verdict subjects of each framework (2009-2012 child-protection
inspections, the single inspection framework, ILACS) live in
``analysis/data/judgement_frameworks.yml``. Every framework is tried and the one that yields the
most judgements is kept, so a report needs no registry hint (area names are searched once for
all frameworks, then each framework reads the grades its scale knows). Prose ("was judged to be
inadequate in 2014") matches none of these shapes, so it never becomes a row. When an area appears
several times (summary table, then section heading) the first occurrence is kept.

Caveats: a verdict line's ``area`` is its subject as printed ("Children's services in Norfolk")
and its ``grade`` the predicate as printed ("require improvement to be good", lower case). A
cell shaped like a grade (short, sentence case) that the scale does not know raises; other text
after an area name (page numbers, prose) is simply not a judgement.
"""

import re
from dataclasses import dataclass
from functools import cache

from analysis.config import PACKAGE_DATA_DIR
from analysis.contract.errors import InputError
from analysis.contract.values import AREA_KEYS, OTHER_AREA
from analysis.parse.patterns import longest_first, phrase_pattern
from analysis.sources.package_data import load_yaml
from analysis.sources.structure import split_units
from analysis.sources.text import line_and_column, match_view, normalise_whitespace, span_fields

FRAMEWORKS_FILE = PACKAGE_DATA_DIR / "judgement_frameworks.yml"


_HSPACE = r"[ \t\r\f\v]"
#: Between two words of a name or grade: spaces, or one line break (never a blank line).
_WRAP = rf"(?:{_HSPACE}+|{_HSPACE}*\n{_HSPACE}*)"
#: Between two words of a name in a table laid out in columns: as ``_WRAP``, or the rest of the
#: line after a column gap (the grade cell beside the name) and a line break.
_COLUMN_WRAP = rf"(?:{_HSPACE}+|{_HSPACE}*(?:(?:\t| {{2,}})[^\n]*)?\n{_HSPACE}*)"
_GAP = r"(?:\t| {2,})"
#: The right-hand cell of a line segment: the text after its last column gap.
_LAST_CELL = re.compile(rf".*{_GAP}[ \t]*(\S[^\n]*?)[ \t\r\f]*$")
#: A right-hand cell starting at the current position, after a column gap.
_GAP_CELL = re.compile(rf"{_GAP}[ \t]*(\S[^\n]*?)[ \t\r\f]*(?=\n|\Z)")
#: A line below that carries only a right-hand cell (its left column blank).
_CONTINUED_CELL = re.compile(r"\n(?:\t|[ \t]{2,})[ \t]*(\S[^\n]*?)[ \t\r\f]*(?=\n|\Z)")


@dataclass(frozen=True)
class _Framework:
    """One framework's compiled patterns and lookup tables."""

    name: str
    printed_grades: tuple[str, ...]
    area_keys: dict[str, str]
    grades: dict[str, int]
    verdict_grades: dict[str, int]
    grade_re: re.Pattern
    verdict_re: re.Pattern
    heading_grade_re: re.Pattern | None


@dataclass(frozen=True)
class _Layout:
    """Framework-independent table layout: markup, row prefixes, blank lines, grade shape."""

    skip_re: re.Pattern
    blank_lines_re: re.Pattern
    grade_like_re: re.Pattern
    markup_re: re.Pattern
    not_grades: frozenset[str]


@dataclass
class _Parse:
    """What one framework finds in one text: rows, and cells that look like unknown grades."""

    framework: str
    printed_grades: list[str]
    rows: list[dict]
    unknown: list[tuple[int, str, str]]


@dataclass(frozen=True)
class _Catalogue:
    """Every framework, the shared layout, and one pattern for the area names of them all."""

    frameworks: tuple[_Framework, ...]
    layout: _Layout
    row_re: re.Pattern
    verdict_start_re: re.Pattern
    known_areas: frozenset[str]


def _phrase_pattern(phrase: str, wrap: str = _WRAP) -> str:
    """Return a regex for a printed phrase whose words may be separated by ``wrap``."""
    return phrase_pattern(
        phrase, plural=False, anchored=False, separator=wrap, hyphens_separate=False
    )


def _lookup_key(phrase: str) -> str:
    """Return the key under which a printed phrase is looked up (case and spacing folded)."""
    return normalise_whitespace(phrase).lower()


def _alternation(phrases, wrap: str = _WRAP) -> str:
    """Return an alternation of literal phrases, longest first so no prefix shadows a name."""
    return "|".join(_phrase_pattern(p, wrap) for p in longest_first(phrases))


def _row_start(layout_spec: dict) -> str:
    """Return the regex for what may open a table row or heading before the area name."""
    opener = f"(?:{layout_spec['row_prefix']}|{layout_spec['markup']})"
    return rf"^{_HSPACE}*(?:{opener}{_HSPACE}*)*"


def _compile_layout(spec: dict) -> _Layout:
    """Compile the ``layout`` section of the YAML."""
    markup = spec["markup"]
    blank = int(spec["max_blank_lines"])
    words = int(spec["max_grade_words"])
    return _Layout(
        skip_re=re.compile(rf"(?:{_HSPACE}|{markup})*"),
        blank_lines_re=re.compile(rf"(?:\n{_HSPACE}*){{1,{blank + 1}}}(?:(?:{markup}){_HSPACE}*)*"),
        grade_like_re=re.compile(rf"[A-Z][a-z]+(?: [a-z]+){{0,{words - 1}}}"),
        markup_re=re.compile(markup),
        not_grades=frozenset(_lookup_key(h) for h in spec["not_grades"]),
    )


def _compile_verdict(spec: dict, area_keys: dict[str, list[str]], layout_spec: dict) -> re.Pattern:
    """Compile a framework's whole-line verdict sentence (subject, is/are, grade)."""
    subjects = {key: [_phrase_pattern(name) for name in names] for key, names in area_keys.items()}
    for key, patterns in (spec.get("subjects") or {}).items():
        subjects.setdefault(key, []).extend(p.replace(" ", _WRAP) for p in patterns)
    subject_re = "|".join(f"(?P<s_{key}>{'|'.join(pats)})" for key, pats in subjects.items())
    adjectives = _alternation(spec.get("adjectives") or {}) or "(?!)"
    verbs = _alternation(spec.get("verbs") or {}) or "(?!)"
    markup = layout_spec["markup"]
    return re.compile(
        _row_start(layout_spec)
        + rf"(?P<subject>{subject_re}){_WRAP}"
        # "X is good", "X requires improvement", and the 2014 headline's "X is requires improvement"
        + rf"(?:(?:is|are){_WRAP}(?P<adj>{adjectives})|(?:(?:is|are){_WRAP})?(?P<verb>{verbs}))\b"
        + rf"(?:{_HSPACE}|{markup})*\.?(?:{_HSPACE}|{markup})*"
        # The sentence ends with the line: the next line does not carry on in lower case.
        + r"(?=\n(?![ \t\r\f]*(?-i:[a-z(,;]))|\Z)",
        re.MULTILINE | re.IGNORECASE,
    )


def _compile_framework(name: str, spec: dict, layout_spec: dict) -> _Framework:
    """Compile one framework's YAML entry into patterns.

    Raises:
        InputError: the entry uses an area key the data contract does not know.
    """
    areas = spec["areas"]
    verdict_keys = set(spec["verdicts"].get("subjects") or {})
    unknown = sorted((set(areas) | verdict_keys) - set(AREA_KEYS))
    if unknown:
        raise InputError(f"{FRAMEWORKS_FILE}: framework {name!r} has unknown area key(s) {unknown}")
    markup = layout_spec["markup"]
    verdict = spec["verdicts"]
    return _Framework(
        name=name,
        printed_grades=tuple(spec["grades"]),
        area_keys={_lookup_key(n): key for key, ns in areas.items() for n in ns},
        grades={_lookup_key(g): int(s) for g, s in spec["grades"].items()},
        verdict_grades={
            _lookup_key(g): int(s)
            for g, s in {
                **(verdict.get("adjectives") or {}),
                **(verdict.get("verbs") or {}),
            }.items()
        },
        grade_re=re.compile(
            rf"(?P<grade>{_alternation(spec['grades'])})(?![\w'])"
            rf"(?:{_HSPACE}|{markup})*\.?(?:{_HSPACE}|{markup})*(?=\n|\Z)",
            re.IGNORECASE,
        ),
        verdict_re=_compile_verdict(verdict, areas, layout_spec),
        heading_grade_re=_compile_heading_grade(spec.get("heading_grades") or []),
    )


def _compile_heading_grade(grades: list[str]) -> re.Pattern | None:
    """Compile a line holding only one of a framework's ``heading_grades`` (or ``None``)."""
    if not grades:
        return None
    return re.compile(
        rf"^{_HSPACE}*(?P<grade>{_alternation(grades)}){_HSPACE}*\.?{_HSPACE}*$",
        re.MULTILINE | re.IGNORECASE,
    )


def _compile_row(spec: dict) -> re.Pattern:
    """Compile one pattern for the area names of every framework, each opening a line."""
    names = [
        name
        for fw in spec["frameworks"].values()
        for names in fw["areas"].values()
        for name in names
    ]
    return re.compile(
        _row_start(spec["layout"]) + rf"(?P<label>{_alternation(names, _COLUMN_WRAP)})(?![\w'])",
        re.MULTILINE | re.IGNORECASE,
    )


def _compile_verdict_start(spec: dict) -> re.Pattern:
    """Compile one pattern for the line starts where any framework's verdict subject opens."""
    subjects = []
    for fw in spec["frameworks"].values():
        subjects += [_phrase_pattern(n) for names in fw["areas"].values() for n in names]
        extra = fw["verdicts"].get("subjects") or {}
        subjects += [p.replace(" ", _WRAP) for pats in extra.values() for p in pats]
    return re.compile(
        _row_start(spec["layout"]) + f"(?:{'|'.join(subjects)}){_WRAP}(?:is|are|require)",
        re.MULTILINE | re.IGNORECASE,
    )


@cache
def _catalogue() -> _Catalogue:
    """Load and compile ``judgement_frameworks.yml`` once per process."""
    spec = load_yaml(FRAMEWORKS_FILE, "judgement frameworks", required=("frameworks", "layout"))
    layout_spec = spec["layout"]
    frameworks = tuple(
        _compile_framework(name, fw, layout_spec) for name, fw in spec["frameworks"].items()
    )
    known = frozenset(key for fw in frameworks for key in fw.area_keys)
    return _Catalogue(
        frameworks,
        _compile_layout(layout_spec),
        _compile_row(spec),
        _compile_verdict_start(spec),
        known,
    )


def _row(
    fw: _Framework, text: str, label: tuple[int, int], grade: tuple[int, int], key: str
) -> dict:
    """Build one output row from the spans of an area name and its grade (a table cell)."""
    grade_text = normalise_whitespace(text[grade[0] : grade[1]])
    area = normalise_whitespace(text[label[0] : label[1]])
    return _row_with_grade(fw, text, (area, label[0], grade[1]), key, grade_text)


def _row_with_grade(
    fw: _Framework, text: str, area: tuple[str, int, int], key: str, grade: str
) -> dict:
    """Build one output row from ``(area name, evidence start, evidence end)`` and a grade."""
    lookup = _lookup_key(grade)
    return {
        "framework": fw.name,
        "area": area[0],
        "area_key": key,
        "grade": grade,
        "grade_score": fw.grades[lookup] if lookup in fw.grades else fw.verdict_grades[lookup],
        **span_fields(text, area[1], area[2]),
    }


def _cell_start(view: str, pos: int, layout: _Layout) -> int:
    """Return where the cell after an area name starts: same line, or after blank lines."""
    pos = layout.skip_re.match(view, pos).end()
    if pos < len(view) and view[pos] == "\n":
        blank = layout.blank_lines_re.match(view, pos)
        pos = layout.skip_re.match(view, blank.end()).end()
    return pos


def _grade_like(cell: str, layout: _Layout) -> str | None:
    """Return the cell's first line if it is shaped like a grade (short, sentence case)."""
    first = layout.markup_re.sub(" ", cell.split("\n", 1)[0])
    first = normalise_whitespace(first).rstrip(".")
    if first.lower() in layout.not_grades:
        return None
    return first if layout.grade_like_re.fullmatch(first) else None


@dataclass(frozen=True)
class _Candidate:
    """An area name opening a line, and where its grade cell is (framework-independent).

    ``cells`` holds the right-hand column cells of a table laid out in columns whose area name
    wraps; it is empty for the flow layout, whose cell starts at ``cell_pos``.
    """

    start: int
    end: int
    area: str
    lookup: str
    cells: tuple[tuple[int, int], ...]
    cell_pos: int


def _inside_cells(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the right-hand cells interleaved with a wrapped area name (column layout)."""
    cells = []
    line_start = start
    for newline in [i for i in range(start, end) if view[i] == "\n"]:
        cell = _LAST_CELL.search(view, line_start, newline)
        if cell:
            cells.append(cell.span(1))
        line_start = newline + 1
    return cells


def _following_cells(view: str, end: int) -> list[tuple[int, int]]:
    """Return the cell after an area name's end on its line, and those continuing below it."""
    cells = []
    cell = _GAP_CELL.match(view, end)
    while cell:
        cells.append(cell.span(1))
        line_end = view.find("\n", cell.end(1))
        cell = _CONTINUED_CELL.match(view, line_end) if line_end >= 0 else None
    return cells


def _without(text: str, start: int, end: int, cells) -> str:
    """Return ``text[start:end]`` without the given cells, whitespace-normalised."""
    parts, pos = [], start
    for cell_start, cell_end in cells:
        parts.append(text[pos:cell_start])
        pos = cell_end
    parts.append(text[pos:end])
    return normalise_whitespace(" ".join(parts))


def _candidates(catalogue: _Catalogue, text: str, view: str) -> list[_Candidate]:
    """Find every area name of any framework that opens a line, with where its cell is."""
    found = []
    for match in catalogue.row_re.finditer(view):
        start, end = match.span("label")
        if not view[start].isupper():
            continue
        # A full stop printed after the name in its cell ("... children and families.") is
        # part of neither the name nor the grade.
        after = end + 1 if view[end : end + 1] == "." else end
        inside = _inside_cells(view, start, end)
        cells = tuple(inside + _following_cells(view, after)) if inside else ()
        found.append(
            _Candidate(
                start=start,
                end=end,
                area=_without(text, start, end, inside),
                lookup=_lookup_key(_without(view, start, end, inside)),
                cells=cells,
                cell_pos=_cell_start(view, after, catalogue.layout),
            )
        )
    return found


def _cells_text(text: str, cells, layout: _Layout) -> str:
    """Join column cells into one grade as printed (markup and a final full stop dropped)."""
    joined = layout.markup_re.sub(" ", " ".join(text[a:b] for a, b in cells))
    return normalise_whitespace(joined).rstrip(".")


def _flow_row(
    fw: _Framework, layout: _Layout, text: str, view: str, cand: _Candidate, found: _Parse
) -> None:
    """Add the row (or unknown grade) of an area whose cell follows it in the text flow."""
    key = fw.area_keys[cand.lookup]
    grade = fw.grade_re.match(view, cand.cell_pos)
    if grade:
        found.rows.append(_row(fw, text, (cand.start, cand.end), grade.span("grade"), key))
    elif (shape := _grade_like(view[cand.cell_pos : cand.cell_pos + 200], layout)) is not None:
        found.unknown.append((cand.cell_pos, shape, cand.area))


def _column_row(
    fw: _Framework, layout: _Layout, text: str, view: str, cand: _Candidate, found: _Parse
) -> None:
    """Add the row (or unknown grade) of an area laid out beside its cells in two columns."""
    key = fw.area_keys[cand.lookup]
    shape = _cells_text(view, cand.cells, layout)
    if _lookup_key(shape) in fw.grades:
        grade = _cells_text(text, cand.cells, layout)
        area = (cand.area, cand.start, max(cand.end, cand.cells[-1][1]))
        found.rows.append(_row_with_grade(fw, text, area, key, grade))
    elif _grade_like(shape, layout) is not None:
        found.unknown.append((cand.cells[0][0], shape, cand.area))


def _verdict_rows(
    fw: _Framework, text: str, view: str, line_starts: list[int], found: _Parse
) -> None:
    """Add the whole-line verdict sentences ("Children's services in X are inadequate")."""
    for line_start in line_starts:
        match = fw.verdict_re.match(view, line_start)
        if not match:
            continue
        key = next(k[2:] for k, v in match.groupdict().items() if k.startswith("s_") and v)
        grade = match.span("adj") if match.group("adj") else match.span("verb")
        start, end = match.span("subject")
        if view[start].isupper():
            grade_text = normalise_whitespace(text[grade[0] : grade[1]])
            score = fw.verdict_grades[_lookup_key(grade_text)]
            found.rows.append({**_row(fw, text, (start, end), grade, key), "grade_score": score})


def _heading_above(units: list, grade_start: int) -> tuple[int, int] | None:
    """Return the span of the heading unit printed directly above a grade line, or ``None``.

    ``units`` are the document's units (:func:`analysis.sources.structure.split_units`), which
    read a heading above a 2013 grade line as a unit of its own, however it wraps and whatever
    stands above it.
    """
    for previous, unit in zip(units, units[1:], strict=False):
        if unit.char_start == grade_start:
            return (previous.char_start, previous.char_end) if previous.kind == "heading" else None
    return None


def _heading_rows(
    fw: _Framework, text: str, view: str, known_areas: frozenset[str], found: _Parse
) -> None:
    """Add the judgements graded on the line below a heading the area vocabulary lacks.

    Only for a framework with ``heading_grades``: "Capacity to improve" / "Grade 3 (Adequate)"
    becomes a row with area_key ``other`` and the heading as printed. Headings that name a known
    area are left to the table rows. The document's units are read only when such a grade line
    is there, so other reports parse as fast as before.
    """
    if fw.heading_grade_re is None:
        return
    matches = list(fw.heading_grade_re.finditer(view))
    units = split_units(text) if matches else []
    for match in matches:
        heading = _heading_above(units, match.start("grade"))
        if heading is None or _lookup_key(view[heading[0] : heading[1]]) in known_areas:
            continue
        found.rows.append(_row(fw, text, heading, match.span("grade"), OTHER_AREA))


def judgement_identity(row: dict) -> tuple[str, str]:
    """What makes a judgement one: its area key, and for an ``other`` area its printed name.

    Args:
        row: a row with ``area_key`` and ``area`` (as printed).

    Returns:
        ``(area_key, name)``; ``name`` is the area folded to lower case and single spaces for an
        ``other`` area (so a name wrapped over two lines meets it on one), else "".
    """
    return row["area_key"], _lookup_key(row["area"]) if row["area_key"] == OTHER_AREA else ""


def _parse_framework(
    fw: _Framework, catalogue: _Catalogue, text: str, view: str, candidates: tuple[list, list]
) -> _Parse:
    """Find one framework's judgements in a text: first occurrence per area."""
    layout = catalogue.layout
    found = _Parse(fw.name, list(fw.printed_grades), [], [])
    rows, verdicts = candidates
    for cand in rows:
        if cand.lookup not in fw.area_keys:
            continue
        if cand.cells:
            _column_row(fw, layout, text, view, cand, found)
        else:
            _flow_row(fw, layout, text, view, cand, found)
    _verdict_rows(fw, text, view, verdicts, found)
    _heading_rows(fw, text, view, catalogue.known_areas, found)
    found.unknown = sorted(set(found.unknown))
    first: dict[tuple[str, str], dict] = {}
    for row in sorted(found.rows, key=lambda r: (r["char_start"], -r["char_end"])):
        first.setdefault(judgement_identity(row), row)
    found.rows = sorted(first.values(), key=lambda r: r["char_start"])
    return found


def _best_parse(text: str) -> _Parse:
    """Parse with every framework; keep the one finding most judgements (ties: YAML order)."""
    catalogue = _catalogue()
    view = match_view(text)
    # Candidate positions are found once for all frameworks; each framework then checks them.
    verdicts = [m.start() for m in catalogue.verdict_start_re.finditer(view)]
    candidates = (_candidates(catalogue, text, view), verdicts)
    parses = [
        _parse_framework(fw, catalogue, text, view, candidates) for fw in catalogue.frameworks
    ]
    # Count candidate judgements, known or not, so that a framework whose areas are present
    # but whose grade is misspelt is still chosen (and reported) rather than silently dropped.
    return max(parses, key=lambda p: (len(p.rows) + len(p.unknown), len(p.rows)))


def detect_framework(text: str) -> str | None:
    """Return the framework whose judgements the text carries, or ``None`` if it has none.

    Args:
        text: a document's raw text.

    Returns:
        ``"child_protection_2012"``, ``"sif"`` or ``"ilacs"`` (the YAML's framework names), or
        ``None`` when no framework finds a graded judgement.
    """
    best = _best_parse(text)
    return best.framework if best.rows else None


def parse_judgements(text: str, source: str = "<text>") -> list[dict]:
    """Extract the graded judgements of an inspection report.

    Args:
        text: the document's raw text, as read by :func:`analysis.sources.documents.read_text`.
        source: the document's name, for error messages.

    Returns:
        One row per graded judgement (one per ``area_key``, its first occurrence), in text order,
        with keys ``framework``, ``area``, ``area_key``, ``grade``, ``grade_score``,
        ``char_start``, ``char_end``, ``evidence`` (``text[char_start:char_end]``, the area name
        through the grade). ``[]`` when the text carries no judgement.

    Raises:
        InputError: a judgement's grade cell holds a grade the framework's scale does not know;
            the message names the source, the cell and its line:column.
    """
    best = _best_parse(text)
    if best.unknown:
        offset, cell, area = min(best.unknown)
        line, column = line_and_column(text, offset)
        raise InputError(
            f"{source}:{line}:{column}: unknown grade {cell!r} for {area!r}; the "
            f"{best.framework} scale in {FRAMEWORKS_FILE.name} knows: "
            f"{', '.join(best.printed_grades)}"
        )
    rows = best.rows
    assert len({judgement_identity(r) for r in rows}) == len(rows), "one row per area"
    return rows


def require_judgements(text: str, source: str) -> list[dict]:
    """Like :func:`parse_judgements`, for a document registered as an inspection report.

    Args:
        text: the document's raw text.
        source: the document's name, for error messages.

    Returns:
        The judgement rows (never empty).

    Raises:
        InputError: no graded judgement was found, or a grade is unknown.
    """
    rows = parse_judgements(text, source)
    if not rows:
        frameworks = _catalogue().frameworks
        raise InputError(
            f"{source}: registered as an inspection report but no graded judgements were found "
            f"(no judgement table or headline verdict of the known frameworks: "
            f"{', '.join(f.name for f in frameworks)}); check the text extraction or add the "
            f"framework's wording to {FRAMEWORKS_FILE.name}"
        )
    return rows
