"""Question 1: how the graded judgements moved, area by area, on one harmonised scale.

Functions take the processed ``judgements`` (and ``sources``, ``findings`` for ungraded visits)
tables and return tidy or wide frames for a chart or an exported table, each naming its sources.
"""

import pandas as pd

from analysis.contract.values import AREA_LABELS, AREA_ORDER, GRADE_WORDS, OTHER_AREA
from analysis.sources.text import headline_sentence


def judgements_long(judgements: pd.DataFrame) -> pd.DataFrame:
    """Order graded judgements by area and year with a harmonised grade label.

    Judgements under a heading outside the area vocabulary (area_key ``other``) are left out:
    an area no framework names cannot be followed from one inspection to the next. They stay
    in ``judgements.csv`` under their printed names.

    Returns:
        One row per document and area: ``year``, ``area_key``, ``area_label``, ``grade``,
        ``grade_score``, ``grade_label`` (harmonised word), ``framework``, ``source_id``.
    """
    judgements = judgements[judgements["area_key"] != OTHER_AREA]
    out = judgements.assign(
        area_label=judgements["area_key"].map(AREA_LABELS),
        grade_label=judgements["grade_score"].map(GRADE_WORDS),
        area_rank=judgements["area_key"].map(AREA_ORDER.index),
    )
    out = out.sort_values(["area_rank", "year", "source_id"]).drop(columns="area_rank")
    return out[
        [
            "year",
            "area_key",
            "area_label",
            "grade",
            "grade_score",
            "grade_label",
            "framework",
            "source_id",
            "source_url",
        ]
    ].reset_index(drop=True)


def judgements_wide(judgements: pd.DataFrame) -> pd.DataFrame:
    """Grade by area (rows) and year (columns), in words with the score.

    Returns:
        One row per area; a column per year holding e.g. ``Inadequate (4)``, empty where that
        inspection did not grade the area; ``sources`` lists the documents.
    """
    long = judgements_long(judgements)
    long = long.assign(cell=long["grade"] + " (" + long["grade_score"].astype(str) + ")")
    wide = long.pivot_table(
        index=["area_key", "area_label"], columns="year", values="cell", aggfunc="first"
    )
    wide.columns = [str(c) for c in wide.columns]
    wide = wide.reset_index().fillna("")
    wide["area_rank"] = wide["area_key"].map(AREA_ORDER.index)
    wide = wide.sort_values("area_rank").drop(columns="area_rank")
    wide["sources"] = "; ".join(sorted(long["source_id"].unique()))
    return wide.reset_index(drop=True)


#: Ofsted monitoring letters open with a paragraph that introduces the visit (its dates and
#: inspectors); the paragraph after it states the visit's conclusion.
_VISIT_INTRO = ("monitoring visit", "this letter summarises")


def ungraded_visits(chosen_sources: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """The ungraded monitoring visits among the chosen documents, with their headline conclusion.

    The headline is the first paragraph after the letter's introduction (the paragraph that
    names the monitoring visit), or the letter's first paragraph when no introduction is found.

    Returns:
        One row per monitoring letter: ``year``, ``source_id``, ``label``, ``headline`` (its first
        sentence), ``conclusion`` (the whole paragraph), ``tone``, ``char_start``.
    """
    letters = chosen_sources[chosen_sources["document_type"] == "monitoring_letter"]
    rows = []
    for letter in letters.to_dict("records"):
        paras = findings[findings["source_id"] == letter["source_id"]].sort_values("char_start")
        if paras.empty:
            continue
        texts = paras["text"].str.lower()
        intro = [i for i, t in enumerate(texts) if any(m in t for m in _VISIT_INTRO)]
        pick = paras.iloc[min(intro[0] + 1, len(paras) - 1)] if intro else paras.iloc[0]
        rows.append(
            {
                "year": letter["year"],
                "source_id": letter["source_id"],
                "label": "Monitoring visit",
                "headline": headline_sentence(pick["text"]),
                "conclusion": pick["text"],
                "tone": pick["tone"],
                "char_start": pick["char_start"],
                "source_url": pick["source_url"],
            }
        )
    columns = [
        "year",
        "source_id",
        "label",
        "headline",
        "conclusion",
        "tone",
        "char_start",
        "source_url",
    ]
    return pd.DataFrame(rows, columns=columns)
