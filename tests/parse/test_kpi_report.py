"""Tests for analysis.parse.kpi_report: the December 2018 KPI report and its edge cases."""

import pytest

from analysis.config import CORPUS_DIR, KPI_CHECKLIST_FILE, RAW_DATA_DIR
from analysis.contract.errors import InputError
from analysis.evaluation.checklists import kpi_value_key, read_kpi_checklist
from analysis.parse.kpi_report import (
    ISSUE_KEYS,
    ROW_KEYS,
    parse_kpi_report,
    parse_kpi_report_with_issues,
)
from analysis.sources.documents import read_text

PAPERS = RAW_DATA_DIR / "2019-02_bcc_scrutiny-committee-papers.txt"
OTHER_RAW = [
    "2012-09_ofsted_child-protection-inspection.txt",
    "2016-11_ofsted_sif-inspection.txt",
    "2018-06_ofsted_monitoring-visit-letter.txt",
    "2019-07_bct_corporate-parenting-annual-report.txt",
]
CORPUS = CORPUS_DIR

CHECKLIST = read_kpi_checklist(KPI_CHECKLIST_FILE)


ONE_BLOCK = (
    "Performance Indicator 1\t% of referrals decided in a day Good = High/Increasing\t"
    "Target 18/19 85%\tTolerance 75 - 95%\n"
    "\t\tPrev. 12 months cumulative\tDec-18\n"
    "Referrals decided in a day\t\t9,736\t423\n"
    "Total Referrals\t\t11,456\t548\n"
    "% decided in a day\t\t85%\t77%\n"
    "\n## Commentary\n\nIt went down.\n\n"
    "National average\t22%\n"
    "Statistical Neighbours average\t23%\n"
)


@pytest.fixture(scope="module")
def papers():
    text = read_text(PAPERS)
    rows, issues = parse_kpi_report_with_issues(text)
    return text, rows, issues


@pytest.mark.parametrize("kpi_no", sorted(CHECKLIST, key=int))
def test_every_value_of_every_kpi(papers, kpi_no):
    _, rows, _ = papers
    found = {
        kpi_value_key(r): r["value"] for r in rows if r["table"] == "kpi" and r["kpi_no"] == kpi_no
    }
    assert len(found) == len([r for r in rows if r["kpi_no"] == kpi_no])
    assert found == pytest.approx(CHECKLIST[kpi_no])


def test_kpi_labels_polarity_and_units(papers):
    _, rows, _ = papers
    kpi = [r for r in rows if r["table"] == "kpi"]
    labels = {r["kpi_no"]: r["label"] for r in kpi}
    assert sorted(labels, key=int) == [str(n) for n in range(1, 16)]
    assert labels["1"] == "% of referrals with a decision within 24 hours"
    assert labels["10"] == (
        "Average time between LA receiving court authority to place a child & deciding on "
        "a match (A2)"
    )
    polarity = {r["kpi_no"]: r["polarity"] for r in kpi}
    assert polarity["7"] == "higher_is_better"  # printed on its own line under the heading
    assert polarity["4"] == "lower_is_better"  # "Good = Low/Stable"
    assert {r["unit"] for r in kpi if r["kpi_no"] == "10"} == {"days"}
    assert {r["unit"] for r in kpi if r["kpi_no"] == "14"} == {"number"}


def test_period_printed_nowhere_is_inferred_and_flagged(papers):
    _, rows, _ = papers
    kpi12 = [r for r in rows if r["kpi_no"] == "12" and r["series"] == "la"]
    assert {r["period"] for r in kpi12 if r["is_period_inferred"]} == {"Dec-18"}
    assert not any(r["is_period_inferred"] for r in rows if r["kpi_no"] == "1")


def test_business_plan_measures(papers):
    _, rows, issues = papers
    plan = [r for r in rows if r["table"] == "business_plan"]
    fte = {(r["series"], r["comparator_year"]): r for r in plan if "entrants" in r["label"]}
    assert fte[("la", "")]["value"] == 416
    assert fte[("la", "")]["unit"] == "rate_per_100k"
    assert fte[("core_cities", "Jul 2017 - Jun 2018")]["value"] == 355
    assert fte[("core_cities", "Apr 2017 - Mar 2018")]["value"] == 384
    adoption = {r["series"]: r["value"] for r in plan if "(A1)" in r["label"]}
    assert adoption == {
        "target": 578,
        "tolerance_low": 550,
        "tolerance_high": 600,
        "la": 574,
        "national": 520,
        "statistical_neighbours": 578,
    }
    # The first-time-entrants block prints "Target 18/19" and "Tolerance" with no value.
    blank = [i for i in issues if "entrants" in i["label"]]
    assert {i["reason"] for i in blank} == {"blank value cell", "blank tolerance"}
    assert all(i["line_column"].startswith("848:") for i in blank)


def test_headline_rates_and_contacts(papers):
    _, rows, _ = papers
    rates = {
        (r["row_label"], r["series"], r["period"]): r["value"]
        for r in rows
        if r["table"] == "headline_rates"
    }
    assert len(rates) == 7 * 5
    assert rates[("Referrals", "la", "Dec-18")] == 492
    assert rates[("Referrals", "la", "Mar-18")] == 605
    assert rates[("Children in Care", "region", "Mar-18")] == 78
    assert rates[("Children subject to S47 enquiries", "statistical_neighbours", "Mar-18")] == 241
    contacts = [(r["period"], r["value"]) for r in rows if r["table"] == "contacts"]
    assert contacts == [("Prev. 12 months average", 2818), ("Dec-18", 2482)]


def test_rows_and_issues_have_contract_keys_and_spans(papers):
    text, rows, issues = papers
    assert len(rows) == sum(len(v) for v in CHECKLIST.values()) + 9 + 35 + 2
    for row in rows:
        assert tuple(row) == ROW_KEYS
        assert row["evidence"] == text[row["char_start"] : row["char_end"]]
        assert row["evidence"].replace(",", "").startswith(f"{row['value']:g}".split(".")[0])
    assert all(tuple(i) == ISSUE_KEYS for i in issues)


def test_non_numeric_value_is_an_issue_with_position():
    text = ONE_BLOCK.replace("\t\t9,736\t423", "\t\tn/a\t423").replace("23%", "TBC")
    rows, issues = parse_kpi_report_with_issues(text)
    assert len(rows) == 9
    by_reason = {i["reason"]: i for i in issues}
    na = by_reason["value marked as not available: 'n/a'"]
    assert (na["row_label"], na["period"], na["line_column"]) == (
        "Referrals decided in a day",
        "Prev. 12 months cumulative",
        "3:29",
    )
    assert text[na["char_start"] :].startswith("n/a")
    tbc = by_reason["value marked as not available: 'TBC'"]
    assert tbc["series"] == "statistical_neighbours"


def test_blank_cell_is_an_issue():
    text = ONE_BLOCK.replace("Total Referrals\t\t11,456\t548", "Total Referrals\t\t\t548")
    _, issues = parse_kpi_report_with_issues(text)
    assert [(i["reason"], i["row_label"], i["line_column"]) for i in issues] == [
        ("blank value cell", "Total Referrals", "4:18")
    ]


def test_spaces_instead_of_tabs_and_other_wordings():
    tabbed = parse_kpi_report(ONE_BLOCK)
    spaced = ONE_BLOCK.replace("\t\t", "    ").replace("\t", "   ")
    spaced = spaced.replace("Good = High/Increasing", "Bigger is better")
    spaced = spaced.replace("Statistical Neighbours average", "Stat Neighbours")
    rows = parse_kpi_report(spaced)
    strip = ("char_start", "char_end", "evidence", "row_label")
    assert [{k: v for k, v in r.items() if k not in strip} for r in rows] == [
        {k: v for k, v in r.items() if k not in strip} for r in tabbed
    ]
    assert all(r["evidence"] == spaced[r["char_start"] : r["char_end"]] for r in rows)


@pytest.mark.parametrize(
    "variant",
    [
        lambda b: b.replace(b"\n", b"\r\n"),
        lambda b: b"\xef\xbb\xbf" + b,
        lambda b: b.replace(b"Tolerance 75 - 95%", "Tolerance 75 \u2013 95%".encode()),
        lambda b: b.replace(b"children's", "children\u2019s".encode()).replace(
            b"Performance Indicator 3", "Performance\u00a0Indicator\u00a03".encode()
        ),
    ],
    ids=["crlf", "bom", "en-dash", "curly-quote-nbsp"],
)
def test_resaved_text_parses_the_same(papers, tmp_path, variant):
    _, rows, issues = papers
    path = tmp_path / "papers.txt"
    path.write_bytes(variant(PAPERS.read_bytes()))
    text = read_text(path)
    other_rows, other_issues = parse_kpi_report_with_issues(text)
    drop = ("char_start", "char_end", "evidence")
    assert [{k: r[k] for k in ROW_KEYS if k not in drop} for r in other_rows] == [
        {k: r[k] for k in ROW_KEYS if k not in drop} for r in rows
    ]
    assert all(r["evidence"] == text[r["char_start"] : r["char_end"]] for r in other_rows)
    assert [i["reason"] for i in other_issues] == [i["reason"] for i in issues]


@pytest.mark.parametrize("name", OTHER_RAW)
def test_documents_without_a_kpi_report_give_nothing(name):
    assert parse_kpi_report_with_issues(read_text(RAW_DATA_DIR / name)) == ([], [])


def test_corpus_reports_give_nothing():
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent: needs ../shared beside the project")
    for path in sorted(CORPUS.glob("*.txt")):
        assert parse_kpi_report(read_text(path)) == [], path.name


def test_unknown_polarity_wording_raises_with_position():
    text = ONE_BLOCK.replace("Good = High/Increasing", "Good = Sideways")
    with pytest.raises(InputError, match=r"line 1:\d+: unknown direction-of-good .*Sideways"):
        parse_kpi_report(text)


def test_unknown_comparator_after_the_table_raises():
    text = ONE_BLOCK.replace("Statistical Neighbours average", "Neighbouring towns")
    with pytest.raises(InputError, match=r"line 12:1: unknown comparator 'Neighbouring towns'"):
        parse_kpi_report(text)


def test_unknown_column_heading_raises():
    text = ONE_BLOCK.replace("Prev. 12 months cumulative", "Last autumn")
    with pytest.raises(InputError, match=r"unknown column heading 'Last autumn'"):
        parse_kpi_report(text)


def test_second_block_for_one_kpi_raises():
    with pytest.raises(InputError, match="KPI 1 has a second block"):
        parse_kpi_report(ONE_BLOCK + "\n" + ONE_BLOCK)


def test_kpi_listed_in_contents_without_block_is_an_issue():
    contents = "No.\tIndicator\nKPI 1\tReferrals decided\nKPI 2\tRe-referrals\n\n"
    _, issues = parse_kpi_report_with_issues(contents + ONE_BLOCK)
    assert [(i["kpi_no"], i["reason"], i["line_column"]) for i in issues] == [
        ("2", "KPI listed in the contents has no block", "3:1")
    ]


def test_grid_table_with_two_unknown_series_raises():
    grid = (
        "Rate per 10000\tLatest published statistics\n\tDec-18\tBirmingham\tElsewhere\n"
        "Referrals\t492\t605\t685\n\n"
    )
    with pytest.raises(InputError, match="unknown column headings 'Birmingham'"):
        parse_kpi_report(grid + ONE_BLOCK)
