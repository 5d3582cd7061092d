"""Tests for analysis.evaluation.grades."""

from analysis.evaluation.grades import judgement_key, read_expected_grades, score_grades


def test_an_other_area_is_known_by_its_printed_name_however_it_wraps():
    wrapped = {"area_key": "other", "area": "Outcomes for looked after children and young \npeople"}
    one_line = {"area_key": "other", "area": "Outcomes for looked after children and young people"}
    assert judgement_key("a.pdf", wrapped) == judgement_key("a.pdf", one_line)
    named = {"area_key": "overall", "area": "Overall effectiveness"}
    assert judgement_key("a.pdf", named) == ("a.pdf", "overall", "")


def test_grades_are_scored_right_wrong_missing_and_extra(tmp_path):
    expected_csv = tmp_path / "EXPECTED.csv"
    expected_csv.write_text(
        "file,area_key,area,grade_score\n"
        "a.pdf,overall,Overall effectiveness,4\n"
        "a.pdf,adoption,Adoption performance,\n"  # not judged: no score, not expected
        "a.pdf,other,Capacity to improve,3\n"
        "b.pdf,overall,Overall effectiveness,2\n",
        encoding="utf-8",
    )
    expected = read_expected_grades(expected_csv)
    assert len(expected) == 3
    found = {
        ("a.pdf", "overall", ""): "4",
        ("a.pdf", "other", "capacity to improve"): "4",
        ("a.pdf", "lscb", ""): "3",
    }
    score = score_grades(expected, found)
    assert score.right == 1 and score.expected == 3
    assert score.wrong == {("a.pdf", "other", "capacity to improve"): ("3", "4")}
    assert score.missing == [("b.pdf", "overall", "")]
    assert score.extra == [("a.pdf", "lscb", "")]
