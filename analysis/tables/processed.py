"""Build the processed tables from the registered documents.

Each ``build_*`` function takes documents (:class:`~analysis.sources.documents.Document`) and
returns one validated processed table; :func:`write_tables` writes a set of tables only after
every one of them has been built and validated, so bad input never leaves a half-updated
``data/processed``.
"""

import os
from pathlib import Path

import pandas as pd

from analysis.contract import schema
from analysis.files import read_csv, readable_path, write_csv, write_text_atomic
from analysis.sources.documents import Document
from analysis.sources.links import source_url
from analysis.sources.pdf import is_pdf, page_of
from analysis.sources.text import span_fields


def _with_provenance(doc: Document, rows: list[dict]) -> list[dict]:
    """Rows with their document's id and year, and for a PDF the page each starts on."""
    pdf = is_pdf(doc.path)
    return [
        {
            "source_id": doc.source_id,
            "year": doc.year,
            **row,
            "page": page_of(doc.text, row["char_start"]) if pdf else None,
        }
        for row in rows
    ]


def _frame(table: str, rows: list[dict]) -> pd.DataFrame:
    columns = schema.TABLES[table].columns
    if "source_url" in columns:
        rows = [
            {**r, "source_url": source_url(r["source_id"], r["char_start"], r["char_end"])}
            for r in rows
        ]
    frame = pd.DataFrame(rows, columns=None if rows else columns)
    frame = frame.reindex(columns=[c for c in columns if c in frame.columns] or columns)
    return schema.validate(table, frame)


def interim_text_path(doc: Document, interim_dir: Path) -> Path:
    """Where a document's text lives: the raw file, or ``<interim_dir>/<source_id>.txt`` (PDF)."""
    return Path(interim_dir) / f"{doc.source_id}.txt" if is_pdf(doc.path) else Path(doc.path)


def write_interim_texts(documents: list[Document], interim_dir: Path) -> list[Path]:
    """Write the text of every PDF document to ``interim_dir``, atomically.

    That text is what the document's offsets count in; a text document needs none.

    Returns:
        The files written.
    """
    return [
        write_text_atomic(doc.text, interim_text_path(doc, interim_dir))
        for doc in documents
        if is_pdf(doc.path)
    ]


def profile_documents(documents: list[Document], interim_dir: Path | None = None) -> pd.DataFrame:
    """Describe each registered document: registry fields, checksum status, size and structure.

    Grain: one row per document. Checksums were verified when the documents were loaded, so
    ``is_checksum_ok`` records that check for the reader.

    Args:
        documents: loaded documents.
        interim_dir: where PDFs' texts are written (:func:`write_interim_texts`); default
            ``data/interim`` beside the raw folder.

    Returns:
        The validated ``sources`` table; ``text_path`` is relative to the project root (the
        folder that holds ``data/``).
    """
    from analysis.sources.structure import split_paragraphs, split_parts

    rows = []
    for doc in documents:
        paragraphs = split_paragraphs(doc.text)
        parts = split_parts(doc.text)
        rows.append(
            {
                "source_id": doc.source_id,
                "file": doc.file,
                "year": doc.year,
                "published": doc.published.isoformat(),
                "document_type": doc.document_type,
                "title": doc.title,
                "publisher": doc.publisher,
                "local_authority": doc.local_authority,
                "sha256": doc.sha256,
                "text_path": _project_relative(doc, interim_dir),
                "licence": doc.licence,
                "is_checksum_ok": True,
                "n_characters": len(doc.text),
                "n_lines": doc.text.count("\n") + 1,
                "n_words": len(doc.text.split()),
                "n_parts": len(parts),
                "parts": ";".join(p.name for p in parts) if len(parts) > 1 else "",
                "n_sections": len({p.section for p in paragraphs}),
                "n_paragraphs": len(paragraphs),
                "n_numbered_paragraphs": sum(1 for p in paragraphs if p.para_id),
            }
        )
    return _frame("sources", rows)


def _project_relative(doc: Document, interim_dir: Path | None) -> str:
    root = Path(doc.path).resolve().parents[2]  # <root>/data/raw/<file>
    folder = interim_dir if interim_dir is not None else root / "data" / "interim"
    return Path(os.path.relpath(interim_text_path(doc, folder).resolve(), root)).as_posix()


def write_tables(tables: dict[str, pd.DataFrame], processed_dir: Path) -> list[Path]:
    """Validate every table, then write them all (each atomically).

    Args:
        tables: table name (a key of :data:`analysis.contract.schema.TABLES`) to frame.
        processed_dir: the processed data folder.

    Returns:
        The paths written.
    """
    checked = {name: schema.validate(name, frame) for name, frame in tables.items()}
    return [
        write_csv(frame, Path(processed_dir) / f"{name}.csv") for name, frame in checked.items()
    ]


def read_table(table: str, processed_dir: Path) -> pd.DataFrame:
    """Read a processed table and check it against its schema.

    Raises:
        InputError: the file is missing (run ``make data``) or breaks the schema.
    """
    from analysis.contract.errors import InputError

    path = Path(processed_dir) / f"{table}.csv"
    if not readable_path(path).is_file():
        raise InputError(f"{path}: processed table not found; run `make data` first")
    text = [c for c in schema.TABLES[table].columns if schema.FIELDS[c].dtype == "str"]
    return schema.validate(table, read_csv(path, text_columns=text))


def check_inspection_reports(documents: list[Document]) -> int:
    """Check that every document registered as an inspection report has readable judgements.

    Notebook 00 runs this, so a report whose judgements cannot be read stops the build in its
    first step, before any table is replaced (notebook 01 reads the judgements themselves).

    Args:
        documents: loaded documents.

    Returns:
        The number of inspection reports checked.

    Raises:
        InputError: naming the first inspection report with no judgements the parser can read.
    """
    from analysis.parse.judgements import require_judgements

    reports = [doc for doc in documents if doc.is_inspection_report]
    for doc in reports:
        require_judgements(doc.text, str(doc.path))
    return len(reports)


def build_judgements(documents: list[Document]) -> pd.DataFrame:
    """Graded judgements of every document.

    Grain: one row per document and ``area_key`` (per document and printed ``area`` among the
    ``other`` areas, graded headings outside the vocabulary). A document registered as an
    inspection report must yield judgements (else :class:`~analysis.contract.errors.InputError`
    names it); other documents may hold an inspection report inside them (the 2019 committee
    papers do) or none.

    Args:
        documents: loaded documents.

    Returns:
        The validated ``judgements`` table.
    """
    from analysis.parse.judgements import parse_judgements, require_judgements

    rows = []
    for doc in documents:
        parse = require_judgements if doc.is_inspection_report else parse_judgements
        rows += _with_provenance(doc, parse(doc.text, str(doc.path)))
    return _frame("judgements", rows)


def _theme_fields(text: str) -> dict:
    from analysis.readings.themes import theme_matches, themes_to_cell

    matches = theme_matches(text)
    return {
        "themes": themes_to_cell(list(matches)),
        "theme_signals": "; ".join(
            f"{theme}: {', '.join(words)}" for theme, words in matches.items()
        ),
    }


def build_findings(documents: list[Document]) -> pd.DataFrame:
    """Every prose paragraph of every document, with its themes and tone.

    Grain: one row per paragraph (key ``source_id``, ``char_start``). ``theme_signals`` and
    ``tone_phrases`` show the words that decided the themes and the tone.

    Args:
        documents: loaded documents.

    Returns:
        The validated ``findings`` table.
    """
    from analysis.readings.tone import score_tone
    from analysis.sources.structure import split_paragraphs, split_parts

    rows = []
    for doc in documents:
        kinds = {part.name: part.kind for part in split_parts(doc.text)}
        doc_rows = []
        for para in split_paragraphs(doc.text):
            tone = score_tone(para.text)
            doc_rows.append(
                {
                    "part": para.part,
                    "part_kind": kinds.get(para.part, "other"),
                    "section": para.section,
                    "para_id": para.para_id,
                    "text": para.text,
                    **_theme_fields(para.text),
                    "tone": tone.tone,
                    "tone_phrases": tone.explain(),
                    **span_fields(doc.text, para.char_start, para.char_end),
                }
            )
        rows += _with_provenance(doc, doc_rows)
    return _frame("findings", rows)


def build_recommendations(documents: list[Document]) -> pd.DataFrame:
    """Every recommendation, area for improvement or "what needs to improve" item.

    Grain: one row per item (key ``source_id``, ``rec_no``), numbered in document order.
    Paragraphs marked "(Recommendation)" are linked to the item they support by word
    similarity (``linked_para_ids``).

    Args:
        documents: loaded documents.

    Returns:
        The validated ``recommendations`` table.
    """
    from analysis.parse.recommendations import (
        link_recommendation_paragraphs,
        parse_recommendations,
    )
    from analysis.sources.structure import split_paragraphs

    rows = []
    for doc in documents:
        recs = parse_recommendations(doc.text)
        if not recs:
            continue
        links = link_recommendation_paragraphs(split_paragraphs(doc.text), recs)
        doc_rows = []
        for rec in recs:
            linked = [link["para_id"] for link in links if link["rec_no"] == rec["rec_no"]]
            doc_rows.append(
                {
                    "rec_no": rec["rec_no"],
                    "text": rec["text"],
                    "timescale": rec["timescale"],
                    **_theme_fields(rec["text"]),
                    "section": rec["section"],
                    "linked_para_ids": ";".join(linked),
                    **span_fields(doc.text, rec["char_start"], rec["char_end"]),
                }
            )
        rows += _with_provenance(doc, doc_rows)
    return _frame("recommendations", rows)


#: What a figure's row holds where its parser has nothing to say.
_FIGURE_DEFAULTS = {
    "kpi_no": "",
    "kpi_key": "",
    "row_label": "",
    "measure_part": "value",
    "column_no": 0,
    "is_period_inferred": False,
    "polarity": "",
    "comparator_year": "",
    "note": "",
    "qualifier": "",
    "range_bound": "",
}
_SPAN = ("char_start", "char_end", "evidence")


def _kpi_indicator_rows(doc: Document) -> tuple[list[dict], list[dict]]:
    """The KPI report's cells as indicator rows (the number itself is the evidence)."""
    from analysis.parse.kpi_report import parse_kpi_report_with_issues

    rows, issues = parse_kpi_report_with_issues(doc.text)
    keep = ("label", "period", "series", "value", "unit", *_FIGURE_DEFAULTS, *_SPAN)
    out = [
        {
            **{k: row[k] for k in keep if k in row},
            "value_text": row["evidence"],
            "origin": row["table"],
            "qualifier": "",
            "range_bound": "",
            "value_char_start": row["char_start"],
            "value_char_end": row["char_end"],
            "context": row["row_label"],
        }
        for row in rows
    ]
    return out, [_problem("kpi_report", issue) for issue in issues]


def _prose_indicator_rows(doc: Document) -> tuple[list[dict], list[dict]]:
    """The figures in prose as indicator rows (the sentence is the evidence)."""
    from analysis.parse.figures import parse_figures

    rows, issues = parse_figures(doc.text)
    out = [
        {**_FIGURE_DEFAULTS, **row, "origin": "prose", "context": row["evidence"]} for row in rows
    ]
    return out, [_problem("prose", issue) for issue in issues]


def _problem(origin: str, issue: dict) -> dict:
    """A parser's issue (:func:`analysis.parse.rows.issue`) as a row of the unreadable table."""
    return {"origin": origin, "label": issue.get("label", ""), **issue}


UNREADABLE_COLUMNS = [
    "source_id",
    "year",
    "origin",
    "label",
    "text",
    "line_column",
    "char_start",
    "reason",
]


def build_indicators(documents: list[Document]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every figure the documents state, with a harmonised ``indicator_id``.

    Grain: one row per stated figure (key ``source_id``, ``value_char_start``,
    ``value_char_end``, ``series``): KPI-report table cells (value, target, tolerance,
    numerator, denominator, comparators) and figures in prose (a range gives two rows, a
    comparison one row per series). ``indicator_id`` comes from the catalogue
    (``analysis/data/indicators.yml``) matched on the figure's label, then its context.

    Args:
        documents: loaded documents.

    Returns:
        The validated ``indicators`` table, and the number-like text that could not be read
        (one row each, with its position and reason), which is reported, never dropped.
    """
    from analysis.readings.indicators import assign_indicator_ids

    rows, problems = [], []
    for doc in documents:
        kpi_rows, kpi_problems = _kpi_indicator_rows(doc)
        prose_rows, prose_problems = _prose_indicator_rows(doc)
        figures = assign_indicator_ids(kpi_rows, doc.text) + assign_indicator_ids(
            prose_rows, doc.text
        )
        rows += _with_provenance(doc, [_without(row, "context") for row in figures])
        problems += _with_provenance(doc, kpi_problems + prose_problems)
    unreadable = pd.DataFrame(problems, columns=UNREADABLE_COLUMNS)
    return _frame("indicators", rows), unreadable


def _without(row: dict, key: str) -> dict:
    return {k: v for k, v in row.items() if k != key}


def kpi_rows(indicators: pd.DataFrame) -> pd.DataFrame:
    """The KPI-report rows of the indicators table, in the shape the scorecard reads."""
    rows = indicators[indicators["origin"] != "prose"]
    return rows.rename(columns={"origin": "table"}).reset_index(drop=True)


def check_evidence(table: pd.DataFrame, documents: list[Document]) -> int:
    """Check that every row's ``evidence`` is its document's text at ``char_start:char_end``.

    Args:
        table: a processed table with the provenance columns.
        documents: the documents its rows came from.

    Returns:
        The number of rows checked.

    Raises:
        InputError: naming the first row whose evidence differs from the raw text.
    """
    from analysis.contract.errors import InputError

    texts = {doc.source_id: doc.text for doc in documents}
    for row in table[["source_id", "char_start", "char_end", "evidence"]].itertuples():
        if texts[row.source_id][row.char_start : row.char_end] != row.evidence:
            raise InputError(
                f"{row.source_id}: evidence at {row.char_start}:{row.char_end} is not the raw text"
            )
    return len(table)
