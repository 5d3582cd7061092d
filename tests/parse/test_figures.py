import csv

import pytest

from analysis.config import FIGURES_CHECKLIST_FILE, RAW_DATA_DIR
from analysis.evaluation.checklists import figure_found
from analysis.parse.figures import parse_figures
from analysis.sources.documents import read_text

CHECKLIST = FIGURES_CHECKLIST_FILE
RAW_FILES = sorted(RAW_DATA_DIR.glob("*.txt"))


def _figures(text):
    rows, issues = parse_figures(text)
    return rows, issues


def _one(text, value_text):
    rows, _ = parse_figures(text)
    found = [r for r in rows if r["value_text"] == value_text]
    assert len(found) == 1, rows
    return found[0]


@pytest.fixture(scope="module")
def parsed():
    return {path.name: (read_text(path), *parse_figures(read_text(path))) for path in RAW_FILES}


def test_checklist_recall(parsed):
    with open(CHECKLIST, encoding="utf-8") as handle:
        items = list(csv.DictReader(handle))
    assert len(items) >= 170
    assert {i["file"] for i in items} == set(parsed)
    missed = [i for i in items if not figure_found(i, parsed[i["file"]][0], parsed[i["file"]][1])]
    recall = 1 - len(missed) / len(items)
    print(f"figures recall {recall:.3f} ({len(items) - len(missed)}/{len(items)})")
    assert recall >= 0.95, missed


def test_every_row_is_traceable(parsed):
    for name, (text, rows, issues) in parsed.items():
        assert rows, name
        assert not issues, (name, issues)
        for row in rows:
            assert row["evidence"] == text[row["char_start"] : row["char_end"]]
            assert row["char_start"] <= row["value_char_start"] < row["char_end"]
            assert row["value_text"] == text[row["value_char_start"] : row["value_char_end"]]
            assert row["unit"] in {
                "percent", "count", "number", "days", "rate_per_10k", "rate_per_100k", "gbp",
            }  # fmt: skip


def test_no_years_dates_or_paragraph_numbers(parsed):
    for text, rows, _ in parsed.values():
        for row in rows:
            printed = row["value_text"]
            assert not (printed.isdigit() and 1990 <= int(printed) <= 2030), row
            line_start = text.rfind("\n", 0, row["value_char_start"]) + 1
            at_line_start = not text[line_start : row["value_char_start"]].strip(" #*-")
            after = text[row["value_char_end"] : row["value_char_end"] + 2]
            assert not (printed.isdigit() and at_line_start and after.startswith(". ")), row


@pytest.mark.parametrize(
    "snippet",
    [
        "Inspection dates: 10 – 19 September 2012",
        "12. Contacts and referrals are managed well.",
        "This was carried out under section 136 of the Act.",
        "The meeting ended at 14.15 hours.",
        "The next meeting is at 1000 hours in Committee Rooms 3 & 4.",
        "Please telephone 0300 123 1231 or write to Manchester M1 2WD.",
        "Care leavers aged 19 to 21 and young people who are 16 and 17 years old.",
        "In 2015–16 and 2017/18 the action notes of the 8<sup>th</sup> January 2019.",
        "Over the last 12 months and for two or more years.",
        "One family said so. In the first half the work began.",
        "Promise 1: we will listen. At key stage 2 in 2018.",
        "(See documents 1, 2 and 3).",
        "Referrals\t492\t605",
        "  31  ",
    ],
)
def test_not_figures(snippet):
    rows, issues = parse_figures(snippet)
    assert rows == [] and issues == []


def test_range_gives_two_rows():
    text = "Social workers have reasonable caseloads of between 14 and 17."
    rows, _ = parse_figures(text)
    assert [(r["value"], r["unit"], r["range_bound"]) for r in rows] == [
        (14, "number", "low"),
        (17, "number", "high"),
    ]
    rows, _ = parse_figures("Workers evaluate it between five and 30 days after training.")
    assert [(r["value"], r["unit"]) for r in rows] == [(5, "days"), (30, "days")]


def test_comparison_gives_one_row_per_series():
    text = "More stay in care until their 18th birthday, at 73% against 68% nationally."
    rows, _ = parse_figures(text)
    assert [(r["value"], r["series"]) for r in rows] == [(73, "la"), (68, "national")]
    row = _one("in primary schools is 28.0% (the national average (2016) is 15.2%)", "15.2%")
    assert row["series"] == "national"
    row = _one("better than statistical neighbours (86%) and the DfE target of 426 days", "86%")
    assert row["series"] == "statistical_neighbours"
    row = _one("still not meeting the DfE target of 426 days.", "426")
    assert (row["series"], row["unit"]) == ("target", "days")


def test_number_words_fractions_money_and_rates():
    assert _one("Eighty-eight young people are staying put.", "Eighty-eight")["value"] == 88
    row = _one("Only a third of referrals are responded to in a timely way.", "a third")
    assert row["unit"] == "percent" and row["value"] == pytest.approx(100 / 3)
    row = _one("joint funding of £50\nmillion for a youth initiative.", "£50\nmillion")
    assert (row["value"], row["unit"]) == (50_000_000, "gbp")
    row = _one("1,816 children (a rate of 64 per 10,000 children).", "64")
    assert row["unit"] == "rate_per_10k"
    row = _one("the average was 37 weeks for care applications", "37 weeks")
    assert (row["value"], row["unit"]) == (259, "days")


def test_period_label_and_qualifier():
    row = _one("At 31 August 2016, 7,155 children had been identified as in need.", "7,155")
    assert row["period"] == "At 31 August 2016"
    assert row["label"].startswith("children had been identified")
    row = _one("Of over 4,500 children receiving early help services.", "4,500")
    assert row["qualifier"] == "over"
    row = _one("a decrease of 14.9% from 2016/17.", "14.9%")
    assert row["period"] == "from 2016/17"


@pytest.mark.parametrize(
    ("sentence", "value", "period"),
    [
        ("Take-up has doubled, from 35 in 2014, with currently 77 care leavers staying.", "77", ""),
        (
            "Take-up has doubled, from 35 in 2014, with currently 77 care leavers staying.",
            "35",
            "in 2014",
        ),
        ("Placements rose from 120 in 2014-15 to 140 children in 2015-16.", "140", "in 2015-16"),
        (
            "At 31 August 2016, 1,816 children were looked after (a rate of 64 per 10,000).",
            "64",
            "At 31 August 2016",
        ),
        (
            "Over the last 12 months, 7% went missing, below the averages of 11%.",
            "11%",
            "Over the last 12 months",
        ),
        ("It is to rise to 314,000 by 2020, a 9% increase.", "9%", "by 2020"),
    ],
)
def test_a_period_printed_right_after_a_figure_is_not_carried_on_to_the_next(
    sentence, value, period
):
    assert _one(sentence, value)["period"] == period


def test_evidence_is_the_sentence():
    text = "First sentence 5%. The second has 7% in it. Third."
    row = _one(text, "7%")
    assert row["evidence"] == "The second has 7% in it."


def test_unreadable_number_is_reported_with_position():
    text = "Line one.\nThere were 12,34 referrals."
    rows, issues = parse_figures(text)
    assert rows == []
    (issue,) = issues
    assert (issue["text"], issue["line_column"]) == ("12,34", "2:12")
    assert text[issue["char_start"] : issue["char_end"]] == "12,34"
    assert "thousands" in issue["reason"]


def _values(text):
    rows, issues = parse_figures(text)
    keys = ("label", "period", "series", "value", "unit", "qualifier", "range_bound")
    return [tuple(r[k] for k in keys) for r in rows], len(issues)


@pytest.mark.parametrize("name", [p.name for p in RAW_FILES])
def test_crlf_bom_nbsp_curly_invariance(tmp_path, name):
    original = read_text(RAW_DATA_DIR / name)
    fancy = original.replace("'", "\u2019").replace(" per cent", "\u00a0per cent")
    fancy = fancy.replace("% ", "%\u00a0")
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + fancy.replace("\n", "\r\n").encode("utf-8"))
    resaved = read_text(path)
    assert len(resaved) == len(original)
    base, variant = _values(original), _values(resaved)
    assert [v[1:] for v in variant[0]] == [b[1:] for b in base[0]]
    assert variant[1] == base[1]
