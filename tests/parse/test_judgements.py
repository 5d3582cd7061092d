import csv
import time

import pytest
import yaml

from analysis.config import CORPUS_DIR, RAW_DATA_DIR
from analysis.contract.errors import InputError
from analysis.contract.values import AREA_KEYS, FRAMEWORKS, OTHER_AREA
from analysis.parse.judgements import (
    FRAMEWORKS_FILE,
    detect_framework,
    parse_judgements,
    require_judgements,
)
from analysis.sources.documents import read_text

CP_2012 = "2012-09_ofsted_child-protection-inspection.txt"
SIF_2016 = "2016-11_ofsted_sif-inspection.txt"
SCRUTINY_2019 = "2019-02_bcc_scrutiny-committee-papers.txt"
NO_GRADES = [
    "2018-06_ofsted_monitoring-visit-letter.txt",
    "2019-07_bct_corporate-parenting-annual-report.txt",
]


def scores(rows):
    return {row["area_key"]: row["grade_score"] for row in rows}


def assert_evidence(text, rows):
    for row in rows:
        assert row["evidence"] == text[row["char_start"] : row["char_end"]]
        assert row["evidence"].strip() == row["evidence"]
        assert row["area_key"] in (*AREA_KEYS, OTHER_AREA)
    # One row per area: per area key, and per printed name among the `other` areas.
    assert len({(row["area_key"], row["area"]) for row in rows}) == len(rows)
    assert len({row["area_key"] for row in rows if row["area_key"] != OTHER_AREA}) == len(
        [row for row in rows if row["area_key"] != OTHER_AREA]
    )


def corpus_files():
    if not CORPUS_DIR.is_dir():
        return []
    return sorted(CORPUS_DIR.glob("*.txt"))


def needs_corpus():
    if not (CORPUS_DIR / "EXPECTED.csv").is_file():
        pytest.skip(f"other authorities' reports not found at {CORPUS_DIR} (../shared absent)")


# --- the framework data file itself ------------------------------------------------------


def test_framework_file_is_consistent():
    spec = yaml.safe_load(FRAMEWORKS_FILE.read_text(encoding="utf-8"))
    newest_first = ["ilacs", "sif", "looked_after_children_2013", "child_protection_2012"]
    assert list(spec["frameworks"]) == newest_first
    assert set(newest_first) == set(FRAMEWORKS)
    for name, framework in spec["frameworks"].items():
        assert set(framework["areas"]) <= set(AREA_KEYS), name
        subjects = framework["verdicts"]["subjects"] or {}
        assert set(subjects) <= set(AREA_KEYS), name
        assert "overall" in set(framework["areas"]) | set(subjects), name
        scales = [framework["grades"], framework["verdicts"]["adjectives"]]
        for scale in scales + [framework["verdicts"]["verbs"] or {}]:
            assert set(scale.values()) <= {1, 2, 3, 4}, name
        assert set(framework["grades"].values()) == {1, 2, 3, 4}, name
        names = [n for ns in framework["areas"].values() for n in ns]
        assert len(names) == len({n.lower() for n in names}), f"{name}: an area name twice"


def test_adequate_is_read_on_the_2012_scale():
    rows = parse_judgements("The quality of practice\tAdequate\n")
    assert [(r["framework"], r["grade"], r["grade_score"]) for r in rows] == [
        ("child_protection_2012", "Adequate", 3)
    ]


# --- inline snippets, one per layout -------------------------------------------------------

ILACS_NEXT_LINES = """Judgement

Grade

The impact of leaders on social work practice with children
and families

Good

The experiences and progress of children who need help and
protection

Requires improvement
to be good

The experiences and progress of children in care and care
leavers

Inadequate

Overall effectiveness

Requires improvement
to be good

Since the last inspection in 2014, when services were judged inadequate, progress has been slow.
"""

ILACS_TABS = (
    "<b>Judgement</b>\t<b>Grade</b>\n"
    "The impact of leaders on social work practice with children and families\tGood\n"
    "The experiences and progress of children who need help and protection\t<b>Inadequate</b>\n"
    "Overall effectiveness\tRequires improvement to be good\n"
)

ILACS_COLUMNS = """Judgement                                                      Grade
The impact of leaders on social work practice with children    Requires improvement
and families                                                   to be good
The experiences and progress of children who need help and     Inadequate
protection
Overall effectiveness                                          Good
"""

ILACS_2023 = """Judgement\tGrade
The impact of leaders on social work practice with children and families\tGood
The experiences and progress of children who need help and protection\tGood
The experiences and progress of children in care\tRequires improvement to be good
The experiences and progress of care leavers\tOutstanding
Overall effectiveness\tGood
"""

SIF_TABLE = """Children's services in Exampleshire require improvement to be good.
1. Children who need help and protection Inadequate
2. Children looked after and achieving
permanence

Requires improvement

2.1 Adoption performance Good
2.2 Experiences and progress of care leavers Outstanding
3. Leadership, management and governance Requires improvement

Previous Ofsted inspections
The previous inspection of the local authority's safeguarding arrangements
was in March 2014. The local authority was judged inadequate in 2014.

The Local Safeguarding Children Board (LSCB)
The Local Safeguarding Children Board is good.

Executive summary
"""

CP_2012_SNIPPET = """Overall effectiveness

2. The overall effectiveness of the arrangements to protect children is judged to be inadequate.

The quality of practice

Adequate

24. The quality of practice is adequate.

Record of main findings
Overall effectiveness\tInadequate
The quality of practice\tAdequate
Leadership and governance\tGood
"""


def test_ilacs_grades_on_next_lines():
    rows = parse_judgements(ILACS_NEXT_LINES)
    assert scores(rows) == {
        "leadership": 2,
        "help_and_protection": 3,
        "children_in_care_and_care_leavers": 4,
        "overall": 3,
    }
    assert {row["framework"] for row in rows} == {"ilacs"}
    by_key = {row["area_key"]: row for row in rows}
    assert by_key["overall"]["grade"] == "Requires improvement to be good"
    assert (
        by_key["overall"]["evidence"] == "Overall effectiveness\n\nRequires improvement\nto be good"
    )
    assert by_key["leadership"]["area"] == (
        "The impact of leaders on social work practice with children and families"
    )
    assert_evidence(ILACS_NEXT_LINES, rows)


def test_ilacs_tab_separated_row_with_markup():
    rows = parse_judgements(ILACS_TABS)
    assert scores(rows) == {"leadership": 2, "help_and_protection": 4, "overall": 3}
    assert [row["grade"] for row in rows] == [
        "Good",
        "Inadequate",
        "Requires improvement to be good",
    ]
    assert_evidence(ILACS_TABS, rows)


def test_table_laid_out_in_columns_with_wrapped_cells():
    rows = parse_judgements(ILACS_COLUMNS)
    by_key = {row["area_key"]: row for row in rows}
    assert scores(rows) == {"leadership": 3, "help_and_protection": 4, "overall": 2}
    assert by_key["leadership"]["grade"] == "Requires improvement to be good"
    assert by_key["leadership"]["area"] == (
        "The impact of leaders on social work practice with children and families"
    )
    assert by_key["help_and_protection"]["area"].endswith("need help and protection")
    assert_evidence(ILACS_COLUMNS, rows)


def test_columns_separated_by_spaces_on_one_line():
    text = "Overall effectiveness     Inadequate\nAdoption performance   Good\n"
    rows = parse_judgements(text)
    assert {(row["area_key"], row["grade_score"]) for row in rows} >= {("overall", 4)}
    assert_evidence(text, rows)


SIF_COLUMNS = """Children's services in Xtown require improvement to be good

1. Children who need help and protection          Inadequate
2. Children looked after and achieving            Requires improvement
   permanence
   2.1 Adoption performance                       Good
   2.2 Experiences and progress of care leavers   Requires improvement
3. Leadership, management and governance          Requires improvement
"""


def test_sif_table_in_columns_with_wrapped_area_name():
    rows = parse_judgements(SIF_COLUMNS)
    assert scores(rows) == {
        "overall": 3,
        "help_and_protection": 4,
        "children_in_care": 3,
        "adoption": 2,
        "care_leavers": 3,
        "leadership": 3,
    }
    by_key = {row["area_key"]: row for row in rows}
    assert by_key["children_in_care"]["area"] == "Children looked after and achieving permanence"
    assert_evidence(SIF_COLUMNS, rows)


def test_ilacs_2023_separate_children_in_care_and_care_leavers():
    rows = parse_judgements(ILACS_2023)
    assert scores(rows) == {
        "leadership": 2,
        "help_and_protection": 2,
        "children_in_care": 3,
        "care_leavers": 1,
        "overall": 2,
    }
    assert detect_framework(ILACS_2023) == "ilacs"
    assert_evidence(ILACS_2023, rows)


#: A 2013 looked-after-children report as its PDF text reads: each section's heading with its
#: grade on the line below, a running header with the page number on every page, headings
#: wrapped, full lines of prose between.
_PROSE = "Inspectors found that plans for children in care are reviewed by their managers"
_HEADER = "Council Inspection of looked after children {}"
LAC_2013 = (
    f"{_PROSE}\n{_PROSE} and the advocacy service.\f{_HEADER.format(4)}\n"
    "Overall effectiveness of services for looked \nafter children and young people\n"
    f"Grade 4 (Inadequate)\n8. The overall effectiveness of services is inadequate.\n"
    f"{_PROSE}\nand how to access an advocate.\nCapacity to improve\nGrade 3 (Adequate)\n"
    f"12. The council has the capacity to improve.\n{_PROSE}\n{_PROSE} and their future life"
    f"\f{_HEADER.format(9)}\n"
    "Outcomes for looked after children and young \npeople\nGrade 4 (inadequate)\n"
    f"21. Outcomes for looked after children are inadequate.\n{_PROSE}\nnot aware of this."
    f"\f{_HEADER.format(10)}\nLeadership and management\nGrade 4 (Inadequate)\n"
    f"61. Leaders and managers do not know the service well enough.\n{_PROSE}.\n"
)


def test_a_full_stop_after_an_area_name_in_its_cell_is_neither_name_nor_grade():
    text = (
        "Judgement\tGrade\n"
        "The impact of leaders on social work practice with children and families.\tGood\n"
        "Overall effectiveness\tGood\n"
    )
    rows = parse_judgements(text)
    assert scores(rows) == {"leadership": 2, "overall": 2}
    assert (
        rows[0]["area"]
        == "The impact of leaders on social work practice with children and families"
    )
    assert_evidence(text, rows)


def test_a_graded_heading_outside_the_vocabulary_is_kept_under_its_printed_name():
    rows = parse_judgements(LAC_2013)
    assert [(r["area_key"], r["area"], r["grade_score"]) for r in rows] == [
        (
            "overall",
            "Overall effectiveness of services for looked after children and young people",
            4,
        ),
        ("other", "Capacity to improve", 3),
        ("other", "Outcomes for looked after children and young people", 4),
        ("leadership", "Leadership and management", 4),
    ]
    assert {r["framework"] for r in rows} == {"looked_after_children_2013"}
    assert_evidence(LAC_2013, rows)


def test_sif_table_headline_and_lscb_verdict():
    rows = parse_judgements(SIF_TABLE)
    assert scores(rows) == {
        "overall": 3,
        "help_and_protection": 4,
        "children_in_care": 3,
        "adoption": 2,
        "care_leavers": 1,
        "leadership": 3,
        "lscb": 2,
    }
    by_key = {row["area_key"]: row for row in rows}
    assert by_key["overall"]["evidence"] == (
        "Children's services in Exampleshire require improvement to be good"
    )
    assert by_key["lscb"]["evidence"] == "The Local Safeguarding Children Board is good"
    assert detect_framework(SIF_TABLE) == "sif"
    assert_evidence(SIF_TABLE, rows)


@pytest.mark.parametrize(
    ("sentence", "score"),
    [
        ("Children's services in Sometown are inadequate", 4),
        ("Children's services in Sometown require improvement to be good.", 3),
        ("Children's services in Some Borough Council\nrequire improvement to be good.", 3),
        ("The overall judgement is that children's services require\nimprovement", 3),
        ("Children's services in Sometown are good", 2),
    ],
)
def test_headline_sentence_alone_gives_overall(sentence, score):
    text = f"{sentence}\nThere is more to do.\n"
    rows = parse_judgements(text)
    assert [(row["area_key"], row["grade_score"]) for row in rows] == [("overall", score)]
    assert_evidence(text, rows)


def test_child_protection_2012_adequate_and_first_occurrence():
    rows = parse_judgements(CP_2012_SNIPPET)
    assert scores(rows) == {"quality_of_practice": 3, "overall": 4, "leadership": 2}
    by_key = {row["area_key"]: row for row in rows}
    # The section heading comes first in the text; the summary table repeats it.
    assert by_key["quality_of_practice"]["evidence"] == "The quality of practice\n\nAdequate"
    assert {row["framework"] for row in rows} == {"child_protection_2012"}
    assert_evidence(CP_2012_SNIPPET, rows)


@pytest.mark.parametrize(
    "text",
    [
        "Birmingham's children's services were judged to be inadequate in November 2016.\n",
        "The local authority was judged inadequate in 2014.\n",
        "The previous inspection of the local authority's safeguarding arrangements\n"
        "was in March 2014. The local authority was judged to be inadequate.\n",
        "Leadership and governance arrangements are inadequate. Since 2009 the pace of\n"
        "change has been too slow.\n",
        "Since then children's services in Birmingham are inadequate\nin several respects.\n",
        "Children's services in Bristol require improvement because:\n- reasons\n",
        "Contents\nOverall effectiveness\t5\nLeadership and governance\t11\n",
        "Overall effectiveness\n\n2. The overall effectiveness of the arrangements is judged "
        "to be inadequate.\n",
        "Leadership, management and governance\n\nSummary\n\nLeaders have done a lot.\n",
        "",
    ],
)
def test_prose_gives_no_judgements(text):
    assert parse_judgements(text) == []
    assert detect_framework(text) is None


def test_unknown_grade_raises_with_position():
    text = (
        "Judgement\tGrade\n"
        "The impact of leaders on social work practice with children and families\tGood\n"
        "Overall effectiveness\tSatisfactory\n"
    )
    with pytest.raises(InputError, match=r"report\.txt:3:23: unknown grade 'Satisfactory'"):
        parse_judgements(text, source="report.txt")


def test_unknown_grade_on_next_line_raises():
    text = "Leadership, management and governance\n\nVery weak\n"
    with pytest.raises(InputError, match=r"x\.txt:3:1: .*'Very weak'"):
        parse_judgements(text, source="x.txt")


def test_require_judgements_raises_when_none():
    with pytest.raises(InputError, match="letter.txt: registered as an inspection report"):
        require_judgements("Dear Ms Smith,\nThank you for the visit.\n", "letter.txt")
    assert require_judgements(ILACS_TABS, "r.txt") == parse_judgements(ILACS_TABS)


# --- typographic and line-end variants -----------------------------------------------------


def _typographic(text: str) -> str:
    return (
        text.replace("'", "\u2019")
        .replace(" and ", "\u00a0and\u00a0")
        .replace("Requires improvement", "Requires\u00a0improvement")
    )


@pytest.mark.parametrize("snippet", [ILACS_NEXT_LINES, ILACS_COLUMNS, SIF_TABLE, CP_2012_SNIPPET])
def test_nbsp_and_curly_quotes_parse_the_same(snippet):
    plain = parse_judgements(snippet)
    fancy_text = _typographic(snippet)
    fancy = parse_judgements(fancy_text)
    assert scores(fancy) == scores(plain)
    assert [r["char_start"] for r in fancy] == [r["char_start"] for r in plain]
    assert_evidence(fancy_text, fancy)


@pytest.mark.parametrize("name", [CP_2012, SIF_2016, SCRUTINY_2019])
def test_crlf_bom_nbsp_file_parses_the_same(tmp_path, name):
    text = read_text(RAW_DATA_DIR / name)
    variant = tmp_path / name
    variant.write_bytes(b"\xef\xbb\xbf" + _typographic(text).replace("\n", "\r\n").encode())
    variant_text = read_text(variant)
    rows = parse_judgements(variant_text)
    original = parse_judgements(text)
    assert scores(rows) == scores(original)
    assert [r["grade"].replace("\u00a0", " ") for r in rows] == [r["grade"] for r in original]
    assert_evidence(variant_text, rows)


def test_carriage_returns_left_in_text_are_tolerated():
    rows = parse_judgements(ILACS_NEXT_LINES.replace("\n", "\r\n"))
    assert scores(rows) == scores(parse_judgements(ILACS_NEXT_LINES))


# --- the whole seed documents --------------------------------------------------------------


def test_2012_child_protection_inspection():
    text = read_text(RAW_DATA_DIR / CP_2012)
    rows = parse_judgements(text, CP_2012)
    assert scores(rows) == {
        "overall": 4,
        "help_and_protection": 4,
        "quality_of_practice": 4,
        "leadership": 4,
    }
    assert detect_framework(text) == "child_protection_2012"
    assert_evidence(text, rows)


def test_2016_sif_inspection():
    text = read_text(RAW_DATA_DIR / SIF_2016)
    rows = parse_judgements(text, SIF_2016)
    # This report carries no LSCB review, so there is no lscb row.
    assert scores(rows) == {
        "overall": 4,
        "help_and_protection": 4,
        "children_in_care": 3,
        "adoption": 3,
        "care_leavers": 3,
        "leadership": 4,
    }
    assert detect_framework(text) == "sif"
    assert_evidence(text, rows)


def test_2019_committee_papers_contain_the_ilacs_report():
    text = read_text(RAW_DATA_DIR / SCRUTINY_2019)
    rows = parse_judgements(text, SCRUTINY_2019)
    assert scores(rows) == {
        "overall": 3,
        "help_and_protection": 3,
        "children_in_care_and_care_leavers": 3,
        "leadership": 3,
    }
    assert {row["grade"] for row in rows} == {"Requires improvement to be good"}
    assert detect_framework(text) == "ilacs"
    assert_evidence(text, rows)


@pytest.mark.parametrize("name", NO_GRADES)
def test_documents_without_grades_give_no_rows(name):
    text = read_text(RAW_DATA_DIR / name)
    assert parse_judgements(text, name) == []
    assert detect_framework(text) is None
    with pytest.raises(InputError, match="no graded judgements were found"):
        require_judgements(text, name)


# --- other authorities' reports ------------------------------------------------------------


@pytest.mark.shared
def test_corpus_matches_published_grades():
    needs_corpus()
    expected: dict[str, dict[str, int]] = {}
    with open(CORPUS_DIR / "EXPECTED.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            expected.setdefault(row["file"], {})[row["area_key"]] = int(row["grade_score"])
    for name, grades in expected.items():
        text = read_text(CORPUS_DIR / name)
        rows = parse_judgements(text, name)
        assert scores(rows) == grades, name
        assert_evidence(text, rows)


@pytest.mark.shared
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_framework_is_detected_from_the_text(path):
    expected = "sif" if "-sif" in path.name else "ilacs"
    assert detect_framework(read_text(path)) == expected


@pytest.mark.shared
def test_parses_reports_fast_enough_for_a_national_run():
    """A guard against a pathological slowdown (20 reports a second even on a machine loaded by
    the other checks); the speed itself is measured alone by ``make bench``."""
    needs_corpus()
    texts = [read_text(path) for path in corpus_files()]
    texts = (texts * (100 // len(texts) + 1))[:100]
    parse_judgements(texts[0])  # load the YAML once, outside the timing
    start = time.perf_counter()
    for text in texts:
        parse_judgements(text)
    elapsed = time.perf_counter() - start
    assert len(texts) / elapsed >= 20, f"{len(texts) / elapsed:.0f} reports/s"
