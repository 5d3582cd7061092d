"""The reviewer's entry page (``reports/index.html``) and the workbook of every table.

Both are assembled from what the notebooks registered (``reports/figures/figures.csv`` and
``reports/tables/tables.csv``) and from the processed tables, so nothing on them is typed in.
Document text reaches the page only through Jinja2 with autoescaping on, so markup or a
``<script>`` inside a document shows as text.
"""

import json
import os
import struct
from pathlib import Path

import jinja2
import pandas as pd

from analysis.compare.asks import ask_label
from analysis.config import TEMPLATES_DIR
from analysis.files import read_csv, readable_path, write_bytes_atomic, write_text_atomic
from analysis.present.export import FIGURES_REGISTRY, TABLES_REGISTRY
from analysis.present.formatting import ASK_STATUS_WORDS
from analysis.present.workbook import workbook_bytes
from analysis.readings.retrieval import THEME_PREFIX
from analysis.readings.themes import load_themes
from analysis.sources.text import normalise_whitespace

LICENCE = (
    "Contains public sector information licensed under the Open Government Licence v3.0 "
    "(nationalarchives.gov.uk/doc/open-government-licence/version/3). The Ofsted reports and "
    "the council's and the Children's Trust's papers are published under that licence; the "
    "analysis code is MIT-licensed."
)
GRADE_SCALE = (
    "Grades are harmonised to one scale: 1 outstanding, 2 good, 3 requires improvement (to be "
    "good), 4 inadequate. The 2009-2012 child-protection framework's 'adequate' scores 3."
)
TONE_DEFINITION = (
    "Tone of a paragraph from inspectors' evaluative words (analysis/data/tone_phrases.yml): "
    "positive, negative, mixed (weighs both ways) or neutral (no evaluative words)."
)


def png_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels of a PNG file, read from its header."""
    with open(path, "rb") as handle:
        header = handle.read(24)
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def notebook_title(path: Path) -> str:
    """The first Markdown heading of a notebook, without its ``#`` marks."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return Path(path).stem


def figure_entries(figures_dir: Path, display_width: int = 900) -> list[dict]:
    """The registered charts, with their display size, in registry order."""
    figures = read_csv(Path(figures_dir) / FIGURES_REGISTRY)
    entries = []
    for record in figures.to_dict("records"):
        width, height = png_size(Path(figures_dir) / record["png"])
        scale = min(1.0, display_width / width)
        entries.append({**record, "width": round(width * scale), "height": round(height * scale)})
    return entries


def render_index(context: dict) -> str:
    """Render ``index.html`` from a context with autoescaping on.

    Args:
        context: ``title``, ``lede``, ``first_year``, ``last_year``, ``summary`` (sentences),
            ``figures``, ``tables``, ``notebooks``, ``processed``, ``dictionary_href``,
            ``sources`` (rows) and ``licence``.

    Returns:
        The page's HTML.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template("index.html.j2").render(**context)


def about_sheet(sources: pd.DataFrame, tables: pd.DataFrame) -> pd.DataFrame:
    """The workbook's first sheet: the source documents, each table's method, and definitions.

    Returns:
        Two columns, ``item`` and ``description``, one row per source, table and definition.
    """
    rows = [{"item": "Licence", "description": LICENCE}]
    for src in sources.to_dict("records"):
        rows.append(
            {
                "item": f"Source {src['source_id']}",
                "description": f"{src['title']} ({src['publisher']}, {src['published']}; "
                f"{src['document_type']}; file data/raw/{src['file']}; sha256 {src['sha256']})",
            }
        )
    for table in tables.to_dict("records"):
        rows.append(
            {
                "item": f"Sheet {table['table_id']}",
                "description": f"{table['title']}. Method: {table['method']} "
                f"Sources: {table['sources']}.",
            }
        )
    rows.append({"item": "Grade scale", "description": GRADE_SCALE})
    rows.append({"item": "Tone", "description": TONE_DEFINITION})
    return pd.DataFrame(rows)


def write_workbook_of_tables(tables_dir: Path, sources: pd.DataFrame) -> Path:
    """Write ``tables.xlsx``: the About sheet, then one sheet per registered table.

    Args:
        tables_dir: ``reports/tables`` with its ``tables.csv`` registry.
        sources: the processed ``sources`` table.

    Returns:
        The workbook's path.
    """
    tables_dir = Path(tables_dir)
    registry = read_csv(tables_dir / TABLES_REGISTRY)
    sheets = {"About": about_sheet(sources, registry)}
    for record in registry.to_dict("records"):
        sheets[record["table_id"]] = read_csv(tables_dir / record["csv"])
    return write_bytes_atomic(workbook_bytes(sheets), tables_dir / "tables.xlsx")


def write_index(reports_dir: Path, context: dict) -> Path:
    """Render and write ``reports/index.html`` atomically."""
    return write_text_atomic(render_index(context), Path(reports_dir) / "index.html")


PROCESSED_TABLES = ("sources", "judgements", "recommendations", "findings", "indicators")
#: The exported table the page's section on Ofsted's asks is drawn from.
ASK_STATUS_TABLE = "concern_status"
#: The exported table that says which later asks are new.
ASK_ORIGINS_TABLE = "ask_origins"
#: The exported table of the page's sentences about the asks beside the key's readers'.
ASKS_CHECKED_TABLE = "asks_checked"


def ask_rows(tables_dir: Path) -> dict:
    """The page's table of Ofsted's asks: one row per ask, a cell per later year with its quote.

    Args:
        tables_dir: where notebook 04 wrote ``concern_status.csv``.

    Returns:
        ``{"years": [...], "rows": [{"label", "text", "cells": [{"status", "quote", "where",
        "url", "why", "readers"}]}]}`` (``why``: :func:`_why`; ``readers``: :func:`_readers`,
        the key's readers' status and quote where their status differs, else empty);
        empty lists when the table is absent (no inspection has a later year).
    """
    path = Path(tables_dir) / f"{ASK_STATUS_TABLE}.csv"
    if not readable_path(path).is_file():
        return {"years": [], "rows": []}
    status = read_csv(
        path,
        text_columns=[
            "quote",
            "quote_source_id",
            "ask_text",
            "ask_url",
            "source_url",
            "words",
            "tone_phrases",
            "key_status",
            "key_quote",
            "key_quote_source_id",
            "key_source_url",
        ],
    )
    years = sorted(status["year"].unique())
    rows = []
    for (source_id, ask_year, rec_no), ask in status.groupby(
        ["source_id", "ask_year", "rec_no"], sort=True
    ):
        by_year = ask.set_index("year")
        cells = []
        for year in years:
            if year not in by_year.index:
                cells.append(
                    {"status": "", "quote": "", "where": "", "url": "", "why": "", "readers": {}}
                )
                continue
            row = by_year.loc[year]
            start, end = row["char_start"], row["char_end"]
            where = _where(row["quote_source_id"], start, end) if row["quote"] else ""
            cells.append(
                {
                    "status": ASK_STATUS_WORDS[row["status"]].capitalize(),
                    "quote": normalise_whitespace(row["quote"]),
                    "where": where,
                    "url": row["source_url"],
                    "why": _why(row) if row["quote"] else "",
                    "readers": _readers(row),
                }
            )
        label = ask_label(ask_year, rec_no)
        rows.append(
            {
                "label": label,
                "source": source_id,
                "text": ask["ask_text"].iloc[0],
                "url": ask["ask_url"].iloc[0],
                "cells": cells,
            }
        )
    return {"years": [int(y) for y in years], "rows": rows}


def _why(row: pd.Series) -> str:
    """What decided a status, in words: the similarity, the shared terms and the tone phrases.

    E.g. ``similarity 0.32; shared: required, plans, theme assessment quality; tone: negative:
    require improvement`` (a theme shown by its label in ``analysis/data/themes.yml``).
    """
    # A theme by its label, lower-cased to run on in the line ("theme assessment quality").
    labels = {theme.id: theme.label[:1].lower() + theme.label[1:] for theme in load_themes()}
    terms = [t.strip() for t in str(row["words"]).split(";") if t.strip()]
    shown = [
        f"theme {labels.get(t.removeprefix(THEME_PREFIX), t)}" if t.startswith(THEME_PREFIX) else t
        for t in terms
    ]
    parts = [f"similarity {float(row['score']):.2f}"]
    if shown:
        parts.append("shared: " + ", ".join(shown))
    if row["tone_phrases"]:
        parts.append(f"tone: {row['tone_phrases']}")
    return "; ".join(parts)


def _where(source_id: str, start: float, end: float) -> str:
    """Where a quote stands, as the page says it: "ofsted-2016-sif, characters 120-245"."""
    return f"{source_id}, characters {start:.0f}-{end:.0f}"


def _readers(row: pd.Series) -> dict:
    """What the key's readers found, where their status is not the one found; else ``{}``.

    Returns:
        ``{"status", "quote", "where", "url"}``: their status in words, their quote (empty for
        ``not_mentioned``) and, where it was found in a compared document, its place and link.
    """
    key_status = row.get("key_status", "")
    if not key_status or key_status == row["status"]:
        return {}
    start, end = row.get("key_char_start"), row.get("key_char_end")
    located = bool(row.get("key_source_url", "")) and pd.notna(start) and pd.notna(end)
    return {
        "status": ASK_STATUS_WORDS[key_status],
        "quote": normalise_whitespace(str(row.get("key_quote", ""))),
        "where": _where(row["key_quote_source_id"], start, end) if located else "",
        "url": row["key_source_url"] if located else "",
    }


def checked_rows(tables_dir: Path) -> list[dict]:
    """The page's sentences about the asks beside the key's readers' (``asks_checked.csv``).

    Returns:
        One ``{"conclusion", "key_conclusion", "same", "rows", "rows_differing", "rows_are"}`` per
        sentence (:func:`analysis.present.checked.checked_conclusions`); none without the table
        or a key.
    """
    path = Path(tables_dir) / f"{ASKS_CHECKED_TABLE}.csv"
    if not readable_path(path).is_file():
        return []
    return read_csv(path, text_columns=["conclusion", "key_conclusion"]).to_dict("records")


def new_ask_rows(tables_dir: Path) -> list[dict]:
    """The page's list of new asks: each later inspection's asks that return to no earlier one.

    Args:
        tables_dir: where notebook 04 wrote ``ask_origins.csv``.

    Returns:
        One ``{"label", "source", "text", "url", "readers"}`` per new ask, in year and number
        order (``readers``: the earlier asks the key's readers link it to, where they do); none
        when the table is absent.
    """
    path = Path(tables_dir) / f"{ASK_ORIGINS_TABLE}.csv"
    if not readable_path(path).is_file():
        return []
    origins = read_csv(path, text_columns=["ask", "ask_url", "returns_to", "key_returns_to"])
    if origins.empty:
        return []
    new = origins[origins["new"].astype(bool)].sort_values(["year", "rec_no"])
    return [
        {
            "label": ask_label(row["year"], row["rec_no"]),
            "source": row["source_id"],
            "text": row["ask"],
            "url": row["ask_url"],
            "readers": row.get("key_returns_to", ""),
        }
        for row in new.to_dict("records")
    ]


def page_context(
    params, chosen: pd.DataFrame, summary_items: list[dict], notebooks: list[Path], row_counts: dict
) -> dict:
    """Assemble what ``index.html`` shows, from the registries and the chosen documents.

    Args:
        params: the notebook's :class:`analysis.run.params.Parameters`.
        chosen: the compared documents (rows of the ``sources`` table).
        summary_items: the summary, composed from the tables
            (:func:`analysis.present.summary.summary_items`: each sentence and its links).
        notebooks: the numbered notebooks, in order.
        row_counts: processed table name to its number of rows.

    Returns:
        The context :func:`render_index` takes.
    """
    years = sorted(chosen["year"].unique())
    who = params.local_authority or "Local authority"
    processed = os.path.relpath(params.processed_dir, params.reports_dir)
    return {
        "title": f"{who} children's services, {years[0]}-{years[-1]}: "
        "Ofsted judgements, findings and performance",
        "lede": "What Ofsted's judgements, its findings and the performance figures say across "
        f"{len(chosen)} documents from {', '.join(map(str, years))}.",
        "first_year": int(years[0]),
        "last_year": int(years[-1]),
        "summary": summary_items,
        "asks": ask_rows(params.tables_dir),
        "new_asks": new_ask_rows(params.tables_dir),
        "asks_checked": checked_rows(params.tables_dir),
        "figures": figure_entries(params.figures_dir),
        "tables": read_csv(params.tables_dir / TABLES_REGISTRY).to_dict("records"),
        "notebooks": [
            {"name": nb.stem, "html": f"{nb.stem}.html", "description": notebook_title(nb)}
            for nb in notebooks
        ],
        "processed": [
            {"name": f"{name}.csv", "href": f"{processed}/{name}.csv", "n_rows": row_counts[name]}
            for name in PROCESSED_TABLES
        ],
        "dictionary_href": "../docs/data_dictionary.md",
        "sources": chosen.to_dict("records"),
        "licence": LICENCE,
    }
