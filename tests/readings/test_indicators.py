import re

import pandas as pd
import pytest

from analysis.contract.errors import InputError
from analysis.readings.indicators import (
    UNITS,
    assign_indicator_id,
    assign_indicator_ids,
    catalogue_table,
    generic_id,
    load_catalogue,
)

REQUIRED_IDS = {
    "care_leavers_eet",
    "care_leavers_staying_put",
    "care_leavers_suitable_accommodation",
    "care_leavers_in_touch",
    "social_worker_caseload",
    "agency_social_workers",
    "supervision_in_timescale",
    "children_looked_after_count",
    "children_looked_after_rate_per_10k",
    "child_protection_plans_count",
    "child_protection_plans_rate_per_10k",
    "children_in_need_count",
    "children_in_need_rate_per_10k",
    "adoption_timeliness_a1",
    "adoption_timeliness_a2",
    "placement_stability_long_term",
    "placement_stability_short_term",
    "referrals_rate_per_10k",
    "re_referrals",
    "assessments_in_timescale",
    "child_protection_visits",
    "contacts_count",
    "children_missing_from_care",
    "child_population_count",
    "free_school_meals",
}


def test_catalogue_is_valid_and_complete():
    catalogue = load_catalogue()
    ids = [e["id"] for e in catalogue]
    assert len(ids) == len(set(ids))
    assert set(ids) >= REQUIRED_IDS
    for entry in catalogue:
        assert entry["unit"] in UNITS
        assert entry["definition"] and entry["label"]


#: A measure's value written into prose: a percentage, a fraction in words, a bound or a range.
_VALUE = re.compile(
    r"\d\s*%|\bper ?cent\b|\b(?:a|one|two) (?:third|quarter|half)\b"
    r"|\b(?:less|more|fewer) than \d|\(\d+ to \d+\)",
    re.IGNORECASE,
)


def test_caveats_say_how_definitions_differ_and_state_no_values():
    """Figures belong to the tables, each with its words: a caveat typing one in would go stale."""
    for entry in load_catalogue():
        assert not _VALUE.search(entry["caveats"]), (entry["id"], entry["caveats"])


def test_catalogue_table():
    table = catalogue_table()
    assert isinstance(table, pd.DataFrame)
    assert list(table.columns) == [
        "id", "label", "unit", "polarity", "definition", "match", "caveats",
    ]  # fmt: skip
    assert len(table) == len(load_catalogue())


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("- {id: a_b, label: x, unit: percent, polarity: neutral, definition: d, "
         "match: [x], caveats: ''}\n"
         "- {id: a_b, label: y, unit: percent, polarity: neutral, definition: d, "
         "match: [y], caveats: ''}", "duplicate id 'a_b'"),
        ("- {id: a_b, label: x, unit: furlongs, polarity: neutral, definition: d, "
         "match: [x], caveats: ''}", "unit 'furlongs'"),
        ("- {id: a_b, label: x, unit: count, polarity: good, definition: d, "
         "match: [x], caveats: ''}", "polarity 'good'"),
        ("- {id: a_b, label: x, unit: count, polarity: neutral, definition: d, "
         "match: ['(x'], caveats: ''}", "invalid"),
        ("- {id: a_b, label: x, unit: count}", "missing field"),
        ("just text", "YAML list"),
    ],
)  # fmt: skip
def test_catalogue_validation_names_entry(tmp_path, yaml_text, message):
    path = tmp_path / "catalogue.yml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        load_catalogue(path)
    assert str(path) in str(err.value)


@pytest.mark.parametrize(
    ("label", "context", "unit", "expected"),
    [
        # 2012 child protection inspection
        ("the percentage of children living in poverty", "", "percent", "child_poverty"),
        # 2016 SIF
        ("children were being looked after by the local authority", "", "count",
         "children_looked_after_count"),
        ("per 10,000 children", "1,816 children were being looked after", "rate_per_10k",
         "children_looked_after_rate_per_10k"),
        ("children and young people were the subject of a child protection plan", "", "count",
         "child_protection_plans_count"),
        ("reduction in the not in education, employment or training (NEET) cohort", "",
         "percent", "care_leavers_neet"),
        ("care leavers known to the 18+ service are in education",
         "are in education,\nemployment or training", "percent", "care_leavers_eet"),
        ("social workers received supervision at least monthly", "", "percent",
         "supervision_in_timescale"),
        # 2018 monitoring letter
        ("young people are currently benefiting from staying put arrangements", "", "count",
         "care_leavers_staying_put"),
        ("young people are living in appropriate accommodation", "", "percent",
         "care_leavers_suitable_accommodation"),
        # 2019 committee papers: KPI report labels
        ("% of all referrals with a decision within 24 hours", "", "percent",
         "referrals_decision_in_24_hours"),
        ("% of re-referrals to children's social care within 12 months", "", "percent",
         "re_referrals"),
        ("% assessments completed within 45 working days", "", "percent",
         "assessments_in_timescale"),
        ("Child in Need cases open for more than 2 years", "", "percent",
         "children_in_need_open_over_2_years"),
        ("% Initial CP Conferences (ICPCs) held within 15 working days", "", "percent",
         "icpc_in_timescale"),
        ("% of children who become the subject of a CP plan for a second or subsequent time "
         "within the last 2 years", "", "percent", "child_protection_plans_repeat"),
        ("% of children (under 16 years) who have been looked after for 2.5 years or more, and "
         "in the same placement (or placed for adoption) continuously for 2 years or more", "",
         "percent", "placement_stability_long_term"),
        ("% of looked after reviews held on time", "", "percent",
         "looked_after_reviews_on_time"),
        ("% of care leavers who are in Education, Employment, and Training (EET)", "",
         "percent", "care_leavers_eet"),
        ("Average time between the LA receiving court authority to place a child and deciding "
         "on a match (A2)", "", "days", "adoption_timeliness_a2"),
        ("% of young offenders that re-offend", "", "percent", "youth_reoffending"),
        ("% of agency social workers (including team managers)", "", "percent",
         "agency_social_workers"),
        ("% child protection plans ending within 3 months or less", "", "percent",
         "child_protection_plans_ending_within_3_months"),
        ("Average caseload of qualified social workers", "", "number",
         "social_worker_caseload"),
        ("% of social workers who have had supervision (in month)", "", "percent",
         "supervision_in_timescale"),
        ("Referrals", "", "rate_per_10k", "referrals_rate_per_10k"),
        ("Assessments completed", "", "rate_per_10k", "assessments_rate_per_10k"),
        ("Children subject to S47 enquiries", "", "rate_per_10k",
         "section_47_enquiries_rate_per_10k"),
        ("Children subject of an ICPC", "", "rate_per_10k", "icpc_rate_per_10k"),
        ("Children in Need", "", "rate_per_10k", "children_in_need_rate_per_10k"),
        ("Children with a CP Plan", "", "rate_per_10k", "child_protection_plans_rate_per_10k"),
        ("Children in Care", "", "rate_per_10k", "children_looked_after_rate_per_10k"),
        ("No of contacts", "", "count", "contacts_count"),
        ("First time entrants into the youth justice system (per 100,000 population aged 10 "
         "to 17)", "", "rate_per_100k", "first_time_entrants_rate_per_100k"),
        ("Average time between a child coming into care and being placed with an adoptive "
         "family (A1)", "", "days", "adoption_timeliness_a1"),
        # 2019 corporate parenting annual report
        ("children went missing from their placement", "", "percent",
         "children_missing_from_care"),
        ("young people over the last 12 months have experienced 3 or more placements", "",
         "percent", "placement_stability_short_term"),
        ("19-21 year olds remain in contact with the Trust", "", "percent",
         "care_leavers_in_touch"),
    ],
)  # fmt: skip
def test_assign_examples_from_each_document(label, context, unit, expected):
    assert assign_indicator_id(label, context, unit) == expected


def test_unknown_gets_generic_id():
    assert assign_indicator_id("sporting experiences", "", "count") == "other_count"
    assert assign_indicator_id("sporting experiences", "", "percent") == "other_percent"
    assert assign_indicator_id("sporting experiences") == "other"
    assert generic_id("gbp") == "other_gbp"


def test_unit_filters_and_label_beats_context():
    # The same words name a count and a rate; the unit decides.
    assert assign_indicator_id("Children in Care", "", "count") == "children_looked_after_count"
    # A match in the label beats a longer one found only in the sentence.
    context = "of this group 15% are in education, employment or training"
    assert assign_indicator_id("are in higher education", context, "percent") == (
        "care_leavers_higher_education"
    )


def test_unknown_unit_raises():
    with pytest.raises(InputError, match="furlongs"):
        assign_indicator_id("x", unit="furlongs")


def test_assign_indicator_ids_adds_column():
    rows = assign_indicator_ids([{"label": "Children in Need", "unit": "rate_per_10k"}])
    assert rows[0]["indicator_id"] == "children_in_need_rate_per_10k"


def _figure(text, number, label, unit="count"):
    start = text.index(number)
    sentence_start = text.rfind(". ", 0, start) + 2 if ". " in text[:start] else 0
    sentence_end = text.find(".", start) + 1
    return {
        "label": label,
        "unit": unit,
        "note": "",
        "value_char_start": start,
        "value_char_end": start + len(number),
        "char_start": sentence_start,
        "char_end": sentence_end,
        "evidence": text[sentence_start:sentence_end],
    }


def test_a_this_is_sentence_takes_the_measure_before_it():
    text = (
        "At 31 August 2016, 854 children were the subject of a child protection plan. "
        "This is a decrease from 1,028 at 31 March 2015."
    )
    rows = [
        _figure(text, "854", "children were the subject of a child protection plan"),
        _figure(text, "1,028", "This is a decrease from"),
    ]
    first, second = assign_indicator_ids(rows, text)
    assert first["indicator_id"] == second["indicator_id"] == "child_protection_plans_count"
    assert second["note"] == "measure carried from the previous sentence"
    assert assign_indicator_ids(rows)[1]["indicator_id"] == "other_count"


def test_a_share_of_a_group_named_earlier_is_generic():
    text = (
        "A significant percentage, 37%, of this cohort have a barrier to education, "
        "employment or training (EET)."
    )
    row = _figure(text, "37%", "A significant percentage", unit="percent")
    (got,) = assign_indicator_ids([row], text)
    assert got["indicator_id"] == "other_percent"
    assert got["note"].startswith("share of a group named earlier")
