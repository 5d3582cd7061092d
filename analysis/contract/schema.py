"""Every processed table declared once: columns, types, meanings, units, allowed values, key.

The same declarations
- validate every table before it is written (:func:`validate`, with pandera),
- fix the column order and dtypes on write, and
- render the data dictionary (:func:`data_dictionary_markdown`).

Table and column names are those of ``DATA_CONTRACT.md``; tables may carry more columns than the
contract requires, and every column they carry is declared here.
"""

from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from analysis.contract.errors import InputError
from analysis.contract.values import (
    AREA_KEYS,
    DOCUMENT_TYPES,
    FRAMEWORKS,
    OTHER_AREA,
    REGISTRY_COLUMNS,
    SERIES,
    TONES,
    UNITS,
)


@dataclass(frozen=True)
class Field:
    """One column: its type, meaning, unit, allowed values and whether it may be empty."""

    dtype: str
    description: str
    unit: str = ""
    allowed: tuple = ()
    nullable: bool = False
    minimum: float | None = None


@dataclass(frozen=True)
class Table:
    """One processed table: its grain, its columns in order and its primary key."""

    name: str
    grain: str
    columns: list[str]
    key: list[str]
    description: str = ""


FIELDS: dict[str, Field] = {
    # provenance, on every extracted row
    "source_id": Field("str", "Registry slug of the source document (`sources.csv`)."),
    "year": Field("int64", "Year the comparison places the document in.", minimum=2000),
    "char_start": Field(
        "int64", "Offset of the evidence's first character in the raw text.", minimum=0
    ),
    "char_end": Field("int64", "Offset just past the evidence's last character.", minimum=0),
    "evidence": Field("str", "The raw text at `char_start:char_end`, character for character."),
    "page": Field(
        "Int64",
        "1-based page of the PDF the evidence starts on; empty for a document registered as text.",
        nullable=True,
        minimum=1,
    ),
    "text_path": Field(
        "str",
        "The text every offset counts in, relative to the project root: the raw file for a text "
        "document, the text extracted from a PDF (`data/interim/<source_id>.txt`) for a PDF.",
    ),
    "source_url": Field(
        "str",
        "Link, relative to `reports/`, to the element of the document's source page that holds "
        "exactly the evidence: `sources/<source_id>.html#c<char_start>-<char_end>`.",
    ),
    # registry and document profile
    "file": Field("str", "File name inside `data/raw/`."),
    "published": Field("str", "ISO date the document was published or dated."),
    "document_type": Field("str", "Kind of document.", allowed=DOCUMENT_TYPES),
    "title": Field("str", "Title as printed."),
    "publisher": Field("str", "Publisher as printed."),
    "local_authority": Field("str", "Local authority as printed."),
    "sha256": Field("str", "Hex SHA-256 digest of the raw file."),
    "licence": Field("str", "Licence the document is published under.", nullable=True),
    "is_checksum_ok": Field("bool", "Whether the file's digest matches the registry."),
    "n_characters": Field("int64", "Characters in the text.", unit="characters", minimum=0),
    "n_lines": Field("int64", "Lines in the text.", unit="lines", minimum=0),
    "n_words": Field("int64", "Words in the text.", unit="words", minimum=0),
    "n_parts": Field("int64", "Documents bundled in the file.", unit="parts", minimum=1),
    "n_sections": Field("int64", "Headed sections holding prose.", unit="sections", minimum=0),
    "n_paragraphs": Field("int64", "Prose paragraphs found.", unit="paragraphs", minimum=0),
    "n_numbered_paragraphs": Field(
        "int64", "Prose paragraphs with a printed number.", unit="paragraphs", minimum=0
    ),
    "parts": Field("str", "The bundled documents found, `;`-separated.", nullable=True),
    # judgements
    "framework": Field(
        "str",
        "Ofsted framework of the judgement.",
        allowed=FRAMEWORKS,
    ),
    "area": Field("str", "The judgement's name as printed."),
    "area_key": Field(
        "str",
        "Harmonised judgement area; `other` for a graded heading outside the vocabulary, kept "
        "under its printed `area`.",
        allowed=(*AREA_KEYS, OTHER_AREA),
    ),
    "grade": Field("str", "The grade as printed."),
    "grade_score": Field(
        "int64",
        "1 outstanding, 2 good, 3 requires improvement (or the older adequate), 4 inadequate.",
        unit="score (1 best - 4 worst)",
        allowed=(1, 2, 3, 4),
    ),
    # recommendations and findings
    "rec_no": Field("int64", "Order of the recommendation in the document, from 1.", minimum=1),
    "text": Field("str", "The words, whitespace-normalised and markup removed."),
    "timescale": Field("str", "Timescale as printed, e.g. `within three months`.", nullable=True),
    "themes": Field("str", "`;`-separated theme ids (`analysis/data/themes.yml`).", nullable=True),
    "theme_signals": Field("str", "The signal phrases that matched each theme.", nullable=True),
    "section": Field("str", "The heading the text sits under.", nullable=True),
    "part": Field("str", "The bundled document the text sits in.", nullable=True),
    "part_kind": Field(
        "str",
        "What kind of document that part is (`ofsted_report`, `kpi_report`, `minutes`, ...).",
    ),
    "para_id": Field("str", "The printed paragraph number, where there is one.", nullable=True),
    "linked_para_ids": Field(
        "str",
        "Paragraphs marked `(Recommendation)` that support it, `;`-separated.",
        nullable=True,
    ),
    "tone": Field("str", "Evaluative tone of the paragraph.", allowed=TONES),
    "tone_phrases": Field("str", "The phrases that decided the tone.", nullable=True),
    # indicators
    "indicator_id": Field("str", "Harmonised measure (`analysis/data/indicators.yml`)."),
    "label": Field("str", "The measure's wording in this document."),
    "period": Field("str", "The period the figure describes, as printed.", nullable=True),
    "series": Field("str", "Whose figure it is.", allowed=SERIES),
    "value": Field("float64", "The number; percentages on a 0-100 scale."),
    "value_text": Field("str", "The number exactly as printed.", nullable=True),
    "unit": Field("str", "Unit of `value`.", allowed=UNITS),
    "origin": Field(
        "str",
        "Where in the document the figure sits: a KPI-report table, or prose.",
        allowed=("kpi", "business_plan", "headline_rates", "contacts", "prose"),
    ),
    "kpi_key": Field("str", "Stable key of a KPI-report measure, e.g. `kpi-03`.", nullable=True),
    "row_label": Field("str", "The KPI-report row's own label cell.", nullable=True),
    "column_no": Field("int64", "KPI-report value column, from 1 (0 for prose).", minimum=0),
    "is_period_inferred": Field(
        "bool", "Whether the period was carried from a neighbouring column heading."
    ),
    "note": Field("str", "What the parser noted about the figure.", nullable=True),
    "qualifier": Field(
        "str", "A word qualifying the figure as printed (`over`, `approximately`).", nullable=True
    ),
    "range_bound": Field("str", "`low` or `high` for the ends of a printed range.", nullable=True),
    "value_char_start": Field(
        "int64", "Offset of the number itself in the raw text (inside the evidence).", minimum=0
    ),
    "value_char_end": Field("int64", "Offset just past the number itself.", minimum=0),
    "kpi_no": Field("str", "Printed KPI number, for KPI-report figures.", nullable=True),
    "measure_part": Field(
        "str", "`numerator`, `denominator` or `value`, for KPI-report figures.", nullable=True
    ),
    "polarity": Field(
        "str",
        "Direction of good, as printed.",
        allowed=("higher_is_better", "lower_is_better", ""),
        nullable=True,
    ),
    "comparator_year": Field("str", "Year of a comparator's figure, as printed.", nullable=True),
}

_PROVENANCE = ["source_id", "year", "char_start", "char_end", "evidence", "page", "source_url"]

TABLES: dict[str, Table] = {
    "sources": Table(
        "sources",
        "one row per registered document",
        [
            *REGISTRY_COLUMNS,
            "text_path",
            "licence",
            "is_checksum_ok",
            "n_characters",
            "n_lines",
            "n_words",
            "n_parts",
            "parts",
            "n_sections",
            "n_paragraphs",
            "n_numbered_paragraphs",
        ],
        ["source_id"],
        "The document registry with checksum status and a profile of each document.",
    ),
    "judgements": Table(
        "judgements",
        "one row per graded judgement (document and area_key; document, `other` and area)",
        [
            "source_id",
            "year",
            "framework",
            "area",
            "area_key",
            "grade",
            "grade_score",
            "char_start",
            "char_end",
            "evidence",
            "page",
            "source_url",
        ],
        ["source_id", "area_key", "area"],
        "Ofsted's graded judgements, harmonised to one scale.",
    ),
    "recommendations": Table(
        "recommendations",
        "one row per recommendation or 'what needs to improve' item",
        [
            "source_id",
            "year",
            "rec_no",
            "text",
            "timescale",
            "themes",
            "theme_signals",
            "section",
            "linked_para_ids",
            "char_start",
            "char_end",
            "evidence",
            "page",
            "source_url",
        ],
        ["source_id", "rec_no"],
        "Ofsted's recommendations, areas for improvement and what needs to improve.",
    ),
    "findings": Table(
        "findings",
        "one row per paragraph of prose in every document",
        [
            "source_id",
            "year",
            "part",
            "part_kind",
            "section",
            "para_id",
            "text",
            "themes",
            "theme_signals",
            "tone",
            "tone_phrases",
            "char_start",
            "char_end",
            "evidence",
            "page",
            "source_url",
        ],
        ["source_id", "char_start"],
        "Every prose paragraph with its themes and tone, and the words that decided them.",
    ),
    "indicators": Table(
        "indicators",
        "one row per figure stated in a document",
        [
            "source_id",
            "year",
            "indicator_id",
            "label",
            "period",
            "series",
            "value",
            "unit",
            "value_text",
            "origin",
            "kpi_no",
            "kpi_key",
            "row_label",
            "measure_part",
            "column_no",
            "is_period_inferred",
            "polarity",
            "comparator_year",
            "note",
            "qualifier",
            "range_bound",
            "value_char_start",
            "value_char_end",
            "char_start",
            "char_end",
            "evidence",
            "page",
            "source_url",
        ],
        ["source_id", "value_char_start", "value_char_end", "series"],
        "Every figure the documents state, with the measure it belongs to.",
    ),
}
for _table in TABLES.values():
    if _table.name != "sources":
        assert all(c in _table.columns for c in _PROVENANCE), _table.name


def _check_for(name: str, spec: Field) -> list[pa.Check]:
    checks = []
    if spec.allowed:
        checks.append(pa.Check.isin(list(spec.allowed), name=f"{name} allowed values"))
    if spec.minimum is not None:
        checks.append(pa.Check.ge(spec.minimum))
    return checks


def pandera_schema(table: str) -> pa.DataFrameSchema:
    """Build the pandera schema of a processed table from its declaration.

    Args:
        table: a key of :data:`TABLES`.

    Returns:
        A strict, ordered schema that coerces dtypes and checks allowed values and the key.
    """
    spec = TABLES[table]
    columns = {}
    for name in spec.columns:
        fld = FIELDS[name]
        columns[name] = pa.Column(
            fld.dtype,
            checks=_check_for(name, fld),
            nullable=fld.nullable,
            coerce=True,
            description=fld.description,
            title=name,
        )
    return pa.DataFrameSchema(
        columns,
        strict=True,
        ordered=True,
        unique=spec.key,
        name=table,
        description=spec.description,
    )


def conform(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Put a frame's columns in the declared order and fill empty optional text with ``""``.

    Args:
        table: a key of :data:`TABLES`.
        frame: rows with at least the declared columns (extra columns are an error).

    Returns:
        A new frame with exactly the declared columns, in order.
    """
    spec = TABLES[table]
    extra = [c for c in frame.columns if c not in spec.columns]
    missing = [c for c in spec.columns if c not in frame.columns]
    if extra or missing:
        raise InputError(
            f"table {table}: columns do not match the schema "
            f"(missing {missing or 'none'}, undeclared {extra or 'none'})"
        )
    out = frame.loc[:, spec.columns].reset_index(drop=True)
    for name in spec.columns:
        fld = FIELDS[name]
        if fld.dtype == "str" and fld.nullable:
            out[name] = out[name].astype(object).fillna("").astype(str)
    return out


def validate(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Conform and validate a processed table; raise a readable error when it breaks the schema.

    Args:
        table: a key of :data:`TABLES`.
        frame: the rows to check.

    Returns:
        The validated frame, columns ordered and dtypes coerced.

    Raises:
        InputError: naming the table, the failing check and a few offending values.
    """
    frame = conform(table, frame)
    try:
        return pandera_schema(table).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases.head(5).to_dict("records")
        raise InputError(f"table {table} breaks its schema: {cases}") from None


def data_dictionary_markdown() -> str:
    """Render every table's declaration as a Markdown data dictionary.

    Returns:
        Markdown text: a section per table with its grain, key and a row per column.
    """
    lines = [
        "# Data dictionary",
        "",
        "Generated from `analysis/contract/schema.py` by `make data` (do not edit by hand).",
        "Every extracted row carries `source_id`, `year`, `char_start`, `char_end` and",
        "`evidence`, where `evidence` is the raw text at `char_start:char_end`",
        '(the file read with `encoding="utf-8-sig"`).',
        "",
    ]
    for spec in TABLES.values():
        lines += [
            f"## `{spec.name}.csv`",
            "",
            f"{spec.description} Grain: {spec.grain}. Key: `{', '.join(spec.key)}`.",
            "",
            "| column | type | meaning | unit | allowed values | may be empty |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for name in spec.columns:
            fld = FIELDS[name]
            allowed = ", ".join(f"`{a}`" for a in fld.allowed if a != "")
            empty = "yes" if fld.nullable else "no"
            lines.append(
                f"| `{name}` | {fld.dtype} | {fld.description} | {fld.unit} | {allowed} | {empty} |"
            )
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(data_dictionary_markdown())
