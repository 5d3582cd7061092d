"""Each document as a page a reviewer can read, with every extracted span marked and anchored.

``reports/sources/<source_id>.html`` shows the document's text as read (line breaks kept), and
wraps the words of every row extracted from it (a judgement, an ask, a paragraph, a figure, a
quote of the asks comparison) in an element whose id is :func:`analysis.sources.links.span_anchor`
and whose text is exactly the row's evidence, so a row's ``source_url`` lands on its words. Marks
are quiet (a tint or an underline by kind); the linked element is highlighted when opened. The
page has no script, font or style from elsewhere, and escapes the document's text.

Spans nest (a figure's sentence inside its paragraph); a span that crosses another is shown by
an empty anchor at its first word instead, so its link still lands in the right place.
"""

import html
from dataclasses import dataclass, field
from pathlib import Path

from analysis.config import TEMPLATES_DIR
from analysis.files import write_text_atomic
from analysis.sources.links import SOURCE_PAGES_DIR, span_anchor
from analysis.sources.pdf import PAGE_BREAK, page_of

#: The one style sheet every source page links (written beside them).
STYLE_SHEET = "source.css"

#: The kinds of span, as the legend names them, in the order the legend lists them.
KINDS = {
    "heading": "heading",
    "table": "table row",
    "judgement": "graded judgement",
    "ask": "Ofsted's ask (recommendation, area for improvement)",
    "figure": "figure (the KPI value, or the sentence stating it)",
    "quote": "quote deciding an ask's status",
    "paragraph": "paragraph",
}


@dataclass
class Span:
    """One marked stretch of a document: its offsets, kinds and a short description."""

    start: int
    end: int
    kinds: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    children: list["Span"] = field(default_factory=list)


def merge_spans(marks: list[tuple[int, int, str, str]]) -> list[Span]:
    """One :class:`Span` per distinct ``(start, end)``, its kinds and notes gathered.

    Args:
        marks: ``(start, end, kind, note)`` for every row; ``kind`` a key of :data:`KINDS`.

    Returns:
        Spans ordered by start, longest first where two start together.
    """
    spans: dict[tuple[int, int], Span] = {}
    for start, end, kind, note in marks:
        span = spans.setdefault((start, end), Span(start, end))
        span.kinds.add(kind)
        if note and note not in span.notes:
            span.notes.append(note)
    return sorted(spans.values(), key=lambda s: (s.start, -s.end))


def nest(spans: list[Span]) -> tuple[list[Span], list[Span]]:
    """Arrange spans into a tree by containment.

    Returns:
        ``(roots, crossing)``: the top-level spans (each holding its children), and the spans
        that cross one already placed (shown by an empty anchor instead).
    """
    roots: list[Span] = []
    crossing: list[Span] = []
    stack: list[Span] = []
    for span in spans:
        while stack and stack[-1].end <= span.start:
            stack.pop()
        if stack and span.end > stack[-1].end:
            crossing.append(span)
            continue
        (stack[-1].children if stack else roots).append(span)
        stack.append(span)
    return roots, crossing


def _render(text: str, spans: list[Span], start: int, end: int, anchors: dict[int, list]) -> str:
    """The HTML of ``text[start:end]`` with the given (nested) spans as elements.

    A run of table rows becomes an HTML table (see :func:`_table_html`) when every row of it
    splits into cells; otherwise its rows stay lines of text, their cells lined up by tabs.
    """
    out, position, index = [], start, 0
    while index < len(spans):
        rows = _table_run(text, spans, index, anchors) or spans[index : index + 1]
        out.append(_plain(text, position, rows[0].start, anchors))
        cells = [_cells(text, row) for row in rows] if "table" in rows[0].kinds else [None]
        if all(row_cells is not None for row_cells in cells):
            out.append(_table_html(text, rows, cells, anchors))
        else:
            out += [
                _between(text, rows, n, anchors) + _span_html(text, r, anchors)
                for n, r in enumerate(rows)
            ]
        position, index = rows[-1].end, index + len(rows)
    out.append(_plain(text, position, end, anchors))
    return "".join(out)


def _span_html(text: str, span: Span, anchors: dict[int, list]) -> str:
    """One span as an element whose text is exactly ``text[span.start:span.end]``."""
    inner = _render(text, span.children, span.start, span.end, anchors)
    classes, anchor, title = _mark_attributes(span)
    role = ' role="heading" aria-level="2"' if "heading" in span.kinds else ""
    return f'<span class="m {classes}" id="{anchor}"{role} title="{title}">{inner}</span>'


def _mark_attributes(span: Span) -> tuple[str, str, str]:
    """A marked element's classes (one per kind), anchor id and title (its notes), escaped."""
    classes = " ".join(f"m-{kind}" for kind in sorted(span.kinds))
    title = html.escape("; ".join(span.notes), quote=True)
    return classes, span_anchor(span.start, span.end), title


def _cells(text: str, row: Span) -> list[tuple[int, int, list[Span]]] | None:
    """Split a table row at its tabs: ``(start, end, children)`` per cell, or ``None``.

    A cell keeps the tab after it, so the cells' texts join back into the row's text. ``None``
    when a mark inside the row crosses from one cell into the next (the row then stays a line
    of text, its cells lined up by tab stops).
    """
    cells, position = [], row.start
    for piece in text[row.start : row.end].split("\t"):
        end = min(position + len(piece) + 1, row.end)
        cells.append((position, end, []))
        position = end
    for child in row.children:
        cell = next((c for c in cells if c[0] <= child.start and child.end <= c[1]), None)
        if cell is None:
            return None
        cell[2].append(child)
    return cells


def _between(text: str, rows: list[Span], number: int, anchors: dict[int, list]) -> str:
    """The unmarked text between row ``number - 1`` and row ``number`` ("" for the first)."""
    return _plain(text, rows[number - 1].end, rows[number].start, anchors) if number else ""


def _table_run(text: str, spans: list[Span], index: int, anchors: dict[int, list]) -> list[Span]:
    """The table rows from ``spans[index]`` on that make one table (empty if it is no row).

    Rows belong together while only line breaks stand between them (a page break ends the
    table: its label cannot stand inside one, nor can the anchor of a crossing span). The
    caller keeps the whole run as lines of text when one of its rows cannot split into cells.
    """
    rows: list[Span] = []
    for span in spans[index:]:
        if "table" not in span.kinds:
            break
        if rows:
            gap = range(rows[-1].end, span.start)
            if text[gap.start : gap.stop].strip(" \n") or any(o in gap for o in anchors):
                break
        rows.append(span)
    return rows


def _table_html(text: str, rows: list[Span], cells: list, anchors: dict[int, list]) -> str:
    """A run of table rows as an HTML table, the first row its column headings.

    Each row element keeps the row's anchor and exactly its text (cells with their tabs), and
    the line breaks between rows stay as text, so no offset or link changes. Rows shorter than
    the longest are padded with empty cells (no text), so the columns line up.

    Args:
        text: the document's text.
        rows: the run of table rows (:func:`_table_run`).
        cells: each row's cells (:func:`_cells`).
        anchors: the empty anchors of crossing spans, by offset.
    """
    width = max(len(row_cells) for row_cells in cells)
    body = "".join(
        _between(text, rows, number, anchors)
        + _row_html(text, row, cells[number], (number == 0, width), anchors)
        for number, row in enumerate(rows)
    )
    return f'<table class="grid"><tbody>{body}</tbody></table>'


def _row_html(text: str, row: Span, cells: list, shape: tuple[bool, int], anchors: dict) -> str:
    """One table row as a ``tr`` of its cells, padded with empty cells to the table's width.

    ``shape`` is ``(is_header, width)``: the header row's own cells are ``th``.
    """
    is_header, width = shape
    tag = "th" if is_header else "td"
    scope = ' scope="col"' if is_header else ""
    inner = "".join(
        f"<{tag}{scope}>{_render(text, children, start, end, anchors)}</{tag}>"
        for start, end, children in cells
    ) + "<td></td>" * (width - len(cells))
    classes, anchor, title = _mark_attributes(row)
    return f'<tr class="m {classes}" id="{anchor}" title="{title}">{inner}</tr>'


def _plain(text: str, start: int, end: int, anchors: dict[int, list]) -> str:
    """Unmarked text, escaped, with the empty anchors of crossing spans that start inside it."""
    out, position = [], start
    for offset in sorted(o for o in anchors if start <= o < end):
        out.append(_escaped(text, position, offset))
        out += [
            f'<a class="crossing" id="{span_anchor(s.start, s.end)}"></a>' for s in anchors[offset]
        ]
        position = offset
    out.append(_escaped(text, position, end))
    return "".join(out)


def _escaped(text: str, start: int, end: int) -> str:
    """``text[start:end]`` escaped, with a page label after each page break of a PDF's text.

    The break keeps its character and the label's words come from the style sheet, so no
    element's text changes.
    """
    pieces = text[start:end].split(PAGE_BREAK)
    out = [html.escape(pieces[0], quote=False)]
    offset = start + len(pieces[0])
    for piece in pieces[1:]:
        page = page_of(text, offset + 1)
        out.append(f'{PAGE_BREAK}<span class="page" data-page="{page}"></span>')
        out.append(html.escape(piece, quote=False))
        offset += 1 + len(piece)
    return "".join(out)


def document_html(text: str, marks: list[tuple[int, int, str, str]]) -> str:
    """The marked-up text of one document (the inside of its page's document element)."""
    roots, crossing = nest(merge_spans(marks))
    anchors: dict[int, list] = {}
    for span in crossing:
        anchors.setdefault(span.start, []).append(span)
    return _render(text, roots, 0, len(text), anchors)


def render_page(source: dict, text: str, marks: list[tuple[int, int, str, str]]) -> str:
    """A whole source page.

    Args:
        source: the document's row of the ``sources`` table.
        text: the document's text, as every offset counts it.
        marks: ``(start, end, kind, note)`` for every row extracted from it.

    Returns:
        The page's HTML.
    """
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True, keep_trailing_newline=True
    )
    counts = {kind: sum(1 for m in marks if m[2] == kind) for kind in KINDS}
    return environment.get_template("source.html.j2").render(
        source=source,
        legend=[(kind, label, counts[kind]) for kind, label in KINDS.items() if counts[kind]],
        document=document_html(text, marks),
    )


def structure_marks(text: str) -> list[tuple[int, int, str, str]]:
    """The document's headings and table rows, as the structure reader finds them.

    They make the page readable (headings stand out and are headings to a screen reader; a
    table's cells line up) without changing its text.
    """
    from analysis.sources.structure import split_units

    kinds = {"heading": "heading", "table": "table"}
    return [
        (unit.char_start, unit.char_end, kinds[unit.kind], "")
        for unit in split_units(text)
        if unit.kind in kinds and unit.char_end > unit.char_start
    ]


def row_marks(table, kind: str, note) -> dict[str, list[tuple[int, int, str, str]]]:
    """The marks of one table's rows, by document.

    Args:
        table: a frame with ``source_id``, ``char_start``, ``char_end``.
        kind: the kind of span its rows are (a key of :data:`KINDS`).
        note: a function from a row (a dict) to its short description.
    """
    marks: dict[str, list] = {}
    for row in table.to_dict("records"):
        marks.setdefault(row["source_id"], []).append(
            (int(row["char_start"]), int(row["char_end"]), kind, note(row))
        )
    return marks


def _quote_marks(status, prefix: str, note) -> dict[str, list[tuple[int, int, str, str]]]:
    """The marks of ``concern_status``'s located quotes, by document.

    ``prefix`` "" marks the comparison's quotes (``quote_source_id``, ``char_start``...),
    "key_" the key's readers' (``key_quote_source_id``, ``key_char_start``...).
    """
    located = status[status[f"{prefix}quote_source_id"].astype(str) != ""]
    located = located.dropna(subset=[f"{prefix}char_start"])
    located = located.assign(
        source_id=located[f"{prefix}quote_source_id"],
        char_start=located[f"{prefix}char_start"],
        char_end=located[f"{prefix}char_end"],
    )
    return row_marks(located, "quote", note)


def collect_marks(
    judgements, recommendations, findings, indicators, status=None
) -> dict[str, list[tuple[int, int, str, str]]]:
    """Every row's span, by document: the processed tables and the asks comparison's quotes.

    Args:
        judgements: the processed ``judgements`` table.
        recommendations: the processed ``recommendations`` table.
        findings: the processed ``findings`` table.
        indicators: the processed ``indicators`` table.
        status: ``concern_status`` (its quotes, and the key's readers' quotes where located:
            ``key_quote_source_id``, ``key_char_start``, ``key_char_end``); None or empty when
            there is none.

    Returns:
        Source id to its ``(start, end, kind, note)`` marks.
    """
    parts = [
        row_marks(judgements, "judgement", lambda r: f"{r['area']}: {r['grade']}"),
        row_marks(recommendations, "ask", lambda r: f"ask {r['rec_no']} of {r['source_id']}"),
        row_marks(findings, "paragraph", lambda r: f"paragraph, tone {r['tone']}"),
        row_marks(
            indicators,
            "figure",
            lambda r: f"{r['label']}: {r['value_text']} ({r['series']}, {r['period']})",
        ),
    ]
    if status is not None and len(status):
        parts.append(
            _quote_marks(
                status,
                "",
                lambda r: f"{r['status']} for ask {r['rec_no']} of {r['ask_year']} in {r['year']}",
            )
        )
        if "key_char_start" in status.columns:
            parts.append(
                _quote_marks(
                    status,
                    "key_",
                    lambda r: (
                        f"the key's readers: {r['key_status']} for ask {r['rec_no']} of "
                        f"{r['ask_year']} in {r['year']}"
                    ),
                )
            )
    marks: dict[str, list] = {}
    for part in parts:
        for source_id, rows in part.items():
            marks.setdefault(source_id, []).extend(rows)
    return marks


def write_source_pages(
    reports_dir: Path, sources: list[dict], texts: dict[str, str], marks: dict[str, list]
) -> list[Path]:
    """Write ``reports/sources/<source_id>.html`` for every document.

    Args:
        reports_dir: the reports folder.
        sources: rows of the ``sources`` table.
        texts: source id to the document's text.
        marks: source id to its ``(start, end, kind, note)`` marks.

    Returns:
        The style sheet and the pages written.
    """
    folder = Path(reports_dir) / SOURCE_PAGES_DIR
    style = (TEMPLATES_DIR / STYLE_SHEET).read_text(encoding="utf-8")
    return [write_text_atomic(style, folder / STYLE_SHEET)] + [
        write_text_atomic(
            render_page(
                row,
                texts[row["source_id"]],
                structure_marks(texts[row["source_id"]]) + marks.get(row["source_id"], []),
            ),
            folder / f"{row['source_id']}.html",
        )
        for row in sources
    ]
