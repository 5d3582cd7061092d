"""Tests for analysis.compare.judgements and analysis.compare.selection on small tables."""

import pandas as pd
import pytest

from analysis.compare.judgements import judgements_long, judgements_wide, ungraded_visits
from analysis.compare.selection import restrict, select_sources, sources_note
from analysis.contract.errors import InputError


def _judgements():
    return pd.DataFrame(
        {
            "source_id": ["a-2012", "a-2012", "a-2019"],
            "year": [2012, 2012, 2019],
            "framework": ["child_protection_2012", "child_protection_2012", "ilacs"],
            "area_key": ["leadership", "overall", "overall"],
            "area": ["Leadership", "Overall effectiveness", "Overall effectiveness"],
            "grade": ["Adequate", "Inadequate", "Requires improvement to be good"],
            "grade_score": [3, 4, 3],
            "source_url": ["sources/a-2012.html#c1-9", "sources/a-2012.html#c20-40", ""],
        }
    )


def test_long_orders_areas_broadest_first_and_harmonises_grade_words():
    long = judgements_long(_judgements())
    assert long["area_key"].tolist() == ["overall", "overall", "leadership"]
    assert long["grade_label"].tolist() == [
        "Inadequate",
        "Requires improvement",
        "Requires improvement",
    ]


def test_wide_has_a_column_per_year_and_blanks_where_not_graded():
    wide = judgements_wide(_judgements()).set_index("area_key")
    assert wide.loc["overall", "2012"] == "Inadequate (4)"
    assert wide.loc["leadership", "2019"] == ""
    assert wide.loc["overall", "sources"] == "a-2012; a-2019"


def test_areas_outside_the_vocabulary_are_not_compared_across_inspections():
    other = pd.DataFrame(
        {
            "source_id": ["a-2012"],
            "year": [2012],
            "framework": ["looked_after_children_2013"],
            "area_key": ["other"],
            "area": ["Capacity to improve"],
            "grade": ["Grade 3 (Adequate)"],
            "grade_score": [3],
            "source_url": ["sources/a-2012.html#c50-90"],
        }
    )
    judgements = pd.concat([_judgements(), other], ignore_index=True)
    assert "other" not in set(judgements_long(judgements)["area_key"])
    assert "other" not in set(judgements_wide(judgements)["area_key"])


def test_an_ungraded_visit_is_headlined_by_the_paragraph_after_its_introduction():
    sources = pd.DataFrame(
        {"source_id": ["mv"], "year": [2018], "document_type": ["monitoring_letter"]}
    )
    findings = pd.DataFrame(
        {
            "source_id": ["mv", "mv"],
            "char_start": [0, 100],
            "text": ["This letter summarises the monitoring visit.", "Progress is slow. More."],
            "tone": ["neutral", "negative"],
            "source_url": ["", "sources/mv.html#c100-120"],
        }
    )
    visit = ungraded_visits(sources, findings).iloc[0]
    assert (visit["headline"], visit["tone"], visit["char_start"]) == (
        "Progress is slow.",
        "negative",
        100,
    )


def test_selection_keeps_the_chosen_years_and_names_the_sources():
    sources = pd.DataFrame(
        {
            "source_id": ["a", "b"],
            "year": [2012, 2019],
            "local_authority": ["Birmingham", "Birmingham"],
        }
    )
    chosen = select_sources(sources, [2019], "Birmingham")
    assert chosen["source_id"].tolist() == ["b"]
    table = pd.DataFrame({"source_id": ["a", "b", "b"]})
    assert len(restrict(table, chosen)) == 2
    assert sources_note(["b", "a", "b"]).startswith("Source: a; b ")
    with pytest.raises(InputError, match="2030"):
        select_sources(sources, [2030], "Birmingham")
