"""Tests for analysis.readings.tone: rules on short snippets, robustness, agreement with hand
labels.
"""

import csv
from pathlib import Path

import pytest
import yaml

from analysis.config import CORPUS_DIR, CORPUS_TONE_LABELS_FILE, PARAGRAPH_LABELS_FILE, RAW_DATA_DIR
from analysis.contract.errors import InputError
from analysis.contract.values import TONES
from analysis.evaluation.agreement import labeller_agreement, tone_agreement
from analysis.readings.tone import TONE_PHRASES_FILE, read_lexicon, score_tone
from analysis.sources.text import match_view, normalise_whitespace

LABELS = PARAGRAPH_LABELS_FILE
CORPUS_LABELS = CORPUS_TONE_LABELS_FILE
CORPUS = CORPUS_DIR

# Floors a little under what was measured when they were set (docs/accuracy.md), so that a
# change that makes the scorer worse fails. The requirement is 0.90; it is not met.
#: Birmingham paragraphs the weights were chosen on (0.864 when set).
TUNING_FLOOR = 0.85
#: Birmingham paragraphs drawn at random and used to choose nothing (0.801 of 291 when set).
TEST_FLOOR = 0.78
#: Other authorities' paragraphs: tuning rows 0.784, test rows 0.745 of 200 when set.
CORPUS_TUNING_FLOOR = 0.77
CORPUS_TEST_FLOOR = 0.72
#: Two labellers working alone from docs/tone_codebook.md (0.979 and 0.981 when set).
LABELLER_FLOOR = 0.95


def _lexicon_with(tmp_path: Path, **weights: float):
    """The package lexicon with some weights changed, to test a rule the package sets to 1."""
    data = yaml.safe_load(TONE_PHRASES_FILE.read_text(encoding="utf-8"))
    data["weights"] = {**data["weights"], **weights}
    path = tmp_path / "tone.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return read_lexicon(path)


@pytest.mark.parametrize(
    ("text", "tone"),
    [
        ("Practice in the MASH is weak and too many decisions are poor.", "negative"),
        ("Care leavers receive a strong service and plans are timely.", "positive"),
        ("The inspection took place over two weeks in December.", "neutral"),
    ],
)
def test_plain_polarity(text, tone):
    assert score_tone(text).tone == tone


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Management oversight is not effective.", "not effective"),
        ("Plans are not always good.", "not always good"),
        ("There is no evidence of improvement.", "no evidence of improvement"),
        ("Arrangements are not consistently effective.", "not consistently effective"),
    ],
)
def test_negated_positives_count_as_negative(text, phrase):
    result = score_tone(text)
    assert result.tone == "negative"
    assert any(hit.endswith(phrase) for hit in result.negative), result.explain()
    assert result.positive == []


def test_negation_reaches_across_a_list():
    result = score_tone("The response is not always timely, effective or safe.")
    assert result.tone == "negative"
    assert result.negative == ["is not always timely, effective or safe"]


def test_negated_negative_is_dropped_not_flipped():
    assert score_tone("No delay was found in the matching process.").tone == "neutral"


def test_remedied_negative_is_a_topic_not_a_verdict():
    assert score_tone("Leaders are addressing weaknesses in the service.").negative == []


@pytest.mark.parametrize(
    "text",
    [
        "Services are effective. However, too many children wait too long.",
        "Plans are thorough, although they are not always clear enough.",
        "Despite some improvement in recruitment, caseloads remain too high.",
        "While improvements are evident, practice is inconsistent.",
    ],
)
def test_contrast_turns_make_mixed(text):
    assert score_tone(text).tone == "mixed"


@pytest.mark.parametrize(
    "text",
    [
        "Overall effectiveness: requires improvement to be good.",
        "The local authority was judged to be inadequate in November 2016.",
        "Good\ta service that exceeds minimum requirements",
        "The improvement plan was presented to the board.",
        "Child protection concerns were referred to the police.",
        "The virtual school supports children's well-being as well as their learning.",
    ],
)
def test_grade_names_and_topics_are_not_verdicts(text):
    result = score_tone(text)
    assert result.tone == "neutral", result.explain()


def test_aspirations_are_not_findings():
    assert score_tone("Ensure that all children receive good, timely services.").tone == "neutral"


@pytest.mark.parametrize(
    "text",
    [
        "The trust will improve the quality of plans and make them more effective.",
        "Leaders have a duty to act as effective corporate parents.",
        "Social workers act quickly to secure permanence for children.",
    ],
)
def test_plans_and_duties_are_not_findings(text):
    result = score_tone(text)
    assert "effective" not in result.positive and "secure" not in result.positive
    assert result.tone in {"neutral", "positive"}, result.explain()


@pytest.mark.parametrize(
    "text",
    [
        "3. Ensure that all children receive good and timely services.",
        "- improve the quality of plans so that they are effective",
        "(b) Strengthen management oversight and make it robust and consistent.",
        "Continue to develop effective partnerships.",
    ],
)
def test_recommendations_are_not_findings(text):
    result = score_tone(text)
    assert result.tone == "neutral", result.explain()


@pytest.mark.parametrize(
    ("text", "tone"),
    [
        ("Improved plans are effective and timely.", "positive"),
        ("Monitoring of plans is poor.", "negative"),
        ("32. Development of the service has been slow.", "negative"),
    ],
)
def test_a_directive_word_that_is_not_an_imperative_is_a_finding(text, tone):
    assert score_tone(text).tone == tone


def test_an_aim_does_not_hide_a_later_finding():
    result = score_tone("Practice to secure permanence for children does lack pace.")
    assert result.tone == "negative"
    assert result.negative == ["lack"]


def test_progress_under_way_is_a_finding_not_an_aim():
    result = score_tone("The quality of assessments is beginning to improve.")
    assert result.tone == "positive"
    assert result.positive == ["beginning to improve"]


def test_overlapping_phrases_of_one_side_merge():
    result = score_tone("Plans are not routinely reviewed.")
    assert result.negative == ["are not routinely"]


def test_hedged_caveat_does_not_outweigh_a_positive_paragraph():
    text = (
        "Plans are of good quality and reviews are timely. Managers provide effective oversight. "
        "A small number of plans lack detail."
    )
    result = score_tone(text)
    assert result.tone == "positive", result.explain_weights()
    assert "lack x" in result.explain_weights() and "hedged" in result.explain_weights()


def test_some_is_a_partial_shortfall_not_an_exception():
    hedged = score_tone("Plans are good. A small number of children experience delay.")
    assert hedged.tone == "positive", hedged.explain_weights()
    unhedged = score_tone("Plans are good. Some children experience delay.")
    assert unhedged.tone == "mixed", unhedged.explain_weights()


def test_an_unhedged_caveat_makes_the_paragraph_mixed():
    text = "Plans are of good quality. However, too many reviews are late and oversight is poor."
    assert score_tone(text).tone == "mixed"


def test_intensity_counts():
    plain = score_tone("There are failings in practice.")
    strong = score_tone("There are serious and widespread failings in practice.")
    assert strong.negative_score > plain.negative_score
    assert "intensified" in strong.explain_weights()


def test_conceded_clause_weighs_as_set(tmp_path):
    conceded = score_tone(
        "Although plans are timely, they are poor.", _lexicon_with(tmp_path, conceded=0.5)
    )
    assert conceded.positive_score < conceded.negative_score
    assert "timely x0.5 (conceded)" in conceded.explain_weights()
    # The codebook counts a conceded point as a finding of substance: the package weighs it 1.
    assert score_tone("Although plans are timely, they are poor.").tone == "mixed"


def test_opening_sentence_weighs_more_unless_it_is_a_fragment(tmp_path):
    lexicon = _lexicon_with(tmp_path, opening=1.5)
    opening = score_tone("Practice is good. Plans are poor.", lexicon)
    assert opening.positive_score > opening.negative_score
    fragment = score_tone("practice is good. Plans are poor.", lexicon)
    assert fragment.positive_score == fragment.negative_score


def test_a_paragraph_number_is_not_the_opening_sentence(tmp_path):
    lexicon = _lexicon_with(tmp_path, opening=1.5)
    numbered = score_tone("32. Practice is good. Plans are poor.", lexicon)
    plain = score_tone("Practice is good. Plans are poor.", lexicon)
    assert (numbered.positive_score, numbered.negative_score) == (
        plain.positive_score,
        plain.negative_score,
    )
    assert numbered.positive_score > numbered.negative_score


def test_a_past_weakness_now_put_right_is_not_a_finding():
    text = "Services for disabled children, which were previously a weakness, are now a strength."
    result = score_tone(text)
    assert result.tone == "positive", result.explain_weights()
    assert "weakness x0 (past)" in result.explain_weights()
    assert score_tone("Services for disabled children are a weakness.").tone == "negative"


def test_progress_that_falls_short_is_one_unfavourable_finding():
    short = score_tone("Some improvements have been made, but not quickly enough.")
    assert short.tone == "negative", short.explain_weights()
    assert "improvements x0 (unfinished)" in short.explain_weights()
    yet = score_tone("Improvements to the virtual school are yet to have an impact.")
    assert yet.tone == "negative", yet.explain_weights()


def test_a_question_inspectors_looked_into_is_not_a_finding():
    text = (
        "Inspectors considered whether young people had appropriate access to services and the "
        "extent to which their vulnerabilities are fully recognised."
    )
    assert score_tone(text).tone == "neutral", score_tone(text).explain()


def test_a_courtesy_judges_nothing():
    text = "I would like to thank the staff for their positive engagement with the process."
    assert score_tone(text).tone == "neutral", score_tone(text).explain()


def test_progress_from_a_low_base_is_progress():
    text = "Leaders have made progress from a low base in improving the quality of services."
    assert score_tone(text).tone == "positive", score_tone(text).explain()


@pytest.mark.parametrize("exception", ["a very small number of", "one or two", "very few"])
def test_the_codebook_small_exceptions_weigh_nothing(exception):
    text = f"Plans are of good quality. For {exception} children, plans lack detail."
    assert score_tone(text).tone == "positive", score_tone(text).explain_weights()


def test_a_grade_definition_judges_nothing():
    text = (
        "An LSCB that is inadequate does not demonstrate that it has effective arrangements in "
        "place. An LSCB requires improvement if it does not yet demonstrate the characteristics "
        "of good."
    )
    assert score_tone(text).tone == "neutral", score_tone(text).explain()


@pytest.mark.parametrize(
    "text",
    [
        "It is too early to see the impact of the new model on practice.",
        "They still need to make sure that young people understand their histories.",
        "Outcomes for care leavers are worse than in similar areas.",
    ],
)
def test_shortfalls_in_plain_words_are_unfavourable(text):
    assert score_tone(text).tone == "negative", score_tone(text).explain()


def test_progress_beside_a_different_shortfall_is_mixed():
    result = score_tone("Despite some improvement in recruitment, caseloads remain too high.")
    assert result.tone == "mixed", result.explain_weights()


def test_explain_names_the_deciding_words():
    result = score_tone("Too many plans are poor, although supervision has improved.")
    assert result.tone == "mixed"
    assert result.explain() == "negative: too many, poor | positive: improved"
    assert score_tone("The visit took two days.").explain() == "no evaluative phrases"


def _variants(text: str) -> list[str]:
    crlf = text.replace("\n", "\r\n")
    typographic = text.replace("'", "\u2019").replace(" - ", " \u2013 ").replace(" ", "\u00a0", 3)
    return [crlf.replace("\r\n", "\n"), "\ufeff" + text, typographic]


def test_re_saved_text_scores_the_same(tmp_path):
    paragraph = (
        "The council's MASH is not yet effective - too many referrals\n"
        "are poor. However, early help is improving and plans are timely."
    )
    expected = score_tone(paragraph)
    for variant in _variants(paragraph):
        path = tmp_path / "p.txt"
        path.write_text(variant, encoding="utf-8")
        text = path.read_text(encoding="utf-8-sig")
        result = score_tone(text)
        assert (result.tone, result.positive, result.negative) == (
            expected.tone,
            expected.positive,
            expected.negative,
        )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("positive: [good]\n", "unknown key|non-empty list"),
        ("colour: red\n", "unknown key"),
        (
            "neutral: [a]\nnegators: [b]\nremedies: [c]\naspiration: [d]\ncontrast: [e]\n"
            "positive: [good]\nnegative: [good]\nnegation_window: 4\ndominance_ratio: 3\n",
            "both positive and negative",
        ),
        (
            "neutral: [a]\nnegators: [b]\nremedies: [c]\naspiration: [d]\ncontrast: [e]\n"
            "positive: [good]\nnegative: [bad]\nnegation_window: 0\ndominance_ratio: 3\n",
            "negation_window",
        ),
        (
            "neutral: [a]\nnegators: [b]\nremedies: [c]\naspiration: [d]\ncontrast: [e]\n"
            "positive: [good]\nnegative: [bad]\nnegation_window: 4\ndominance_ratio: 3\n"
            "weights: {loud: 2}\n",
            "unknown weight",
        ),
        (
            "neutral: [a]\nnegators: [b]\nremedies: [c]\naspiration: [d]\ncontrast: [e]\n"
            "positive: [good]\nnegative: [bad]\nnegation_window: 4\ndominance_ratio: 3\n"
            "weights: {hedged: -1}\n",
            "weights.hedged",
        ),
        (
            "neutral: [a]\nnegators: [b]\nremedies: [c]\naspiration: [d]\ncontrast: [e]\n"
            "positive: [good]\nnegative: [bad]\nnegation_window: 4\ndominance_ratio: 3\n"
            "hedges: []\n",
            "hedges must be a non-empty list",
        ),
    ],
)
def test_malformed_lexicons_are_refused(tmp_path, body, message):
    path = tmp_path / "tone.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_lexicon(path)


def _label_rows() -> list[dict]:
    with open(LABELS, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_labelled_set_covers_every_document_and_can_be_found_again():
    rows = _label_rows()
    assert len(rows) >= 100
    files = sorted(p.name for p in RAW_DATA_DIR.glob("*.txt"))
    assert {r["file"] for r in rows} == set(files)
    assert {r["file"] for r in rows if r["split"] == "test"} <= set(files)
    texts = {
        name: match_view((RAW_DATA_DIR / name).read_text(encoding="utf-8-sig")) for name in files
    }
    for row in rows:
        assert row["tone"] in TONES
        assert row["split"] in {"tuning", "test"}
        assert 1 <= len(row["excerpt"]) <= 80
        assert match_view(row["excerpt"]) in texts[row["file"]], row["excerpt"]
        assert normalise_whitespace(match_view(row["excerpt"])) in match_view(row["text"])


@pytest.mark.parametrize("path", [LABELS, CORPUS_LABELS], ids=["birmingham", "corpus"])
def test_each_label_is_the_agreed_or_the_majority_tone(path):
    """Two labellers from the codebook alone; a third settles only where they differ."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        a, b, c = row["labeller_a"], row["labeller_b"], row["labeller_c"]
        if a == b:
            assert (row["tone"], c) == (a, ""), row["excerpt"]
        else:
            assert c in {a, b} and row["tone"] == c, row["excerpt"]
    agreement = labeller_agreement(path)
    print(f"\n{path.name}: two labellers agree on {agreement}")
    assert agreement["agreement"] >= LABELLER_FLOOR


def test_a_lexicon_without_weights_scores_by_plain_counts(tmp_path):
    path = tmp_path / "tone.yml"
    path.write_text(
        "neutral: [a]\nnegators: [not]\nremedies: [c]\naspiration: [d]\ncontrast: [but]\n"
        "positive: [good]\nnegative: [poor]\nnegation_window: 4\ndominance_ratio: 2\n",
        encoding="utf-8",
    )
    result = score_tone("Plans are good. Reviews are good. Visits are poor.", read_lexicon(path))
    assert (result.positive_score, result.negative_score, result.tone) == (2, 1, "positive")


def _print_agreement(name: str, result: dict) -> None:
    print(f"\n{name}: tone agreement {result['accuracy']} over {result['rows']} paragraphs")
    print("confusion (rows = label, columns = scorer):")
    print("  " + " ".join(f"{t:>9}" for t in TONES))
    for label in TONES:
        print(f"  {label:>9} " + " ".join(f"{result['confusion'][label][t]:>9}" for t in TONES))


@pytest.mark.parametrize(("split", "floor"), [("tuning", TUNING_FLOOR), ("test", TEST_FLOOR)])
def test_tone_agreement_with_hand_labels(split, floor):
    result = tone_agreement(LABELS, split=split)
    _print_agreement(f"Birmingham, {split} rows", result)
    assert result["accuracy"] >= floor


@pytest.mark.parametrize(
    ("split", "floor"), [("tuning", CORPUS_TUNING_FLOOR), ("test", CORPUS_TEST_FLOOR)]
)
def test_tone_agreement_on_other_authorities_reports(split, floor):
    """Paragraphs of ../shared/corpus, labelled like the Birmingham ones."""
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent: the labelled paragraphs come from ../shared/corpus")
    with open(CORPUS_LABELS, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    raws = {
        name: normalise_whitespace(match_view((CORPUS / name).read_text(encoding="utf-8-sig")))
        for name in {row["file"] for row in rows}
    }
    for row in rows:
        assert normalise_whitespace(match_view(row["excerpt"])) in raws[row["file"]]
    result = tone_agreement(CORPUS_LABELS, split=split)
    _print_agreement(f"other authorities, {split} rows", result)
    assert result["accuracy"] >= floor


def test_agreement_can_be_read_for_one_split(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text(
        "text,tone,split\nPlans are good.,positive,tuning\nPlans are poor.,positive,test\n",
        encoding="utf-8",
    )
    assert tone_agreement(path, split="tuning")["accuracy"] == 1.0
    assert tone_agreement(path, split="test")["accuracy"] == 0.0
    assert tone_agreement(path)["rows"] == 2


def test_a_label_file_with_an_unknown_tone_is_refused(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text(
        "text,tone,labeller_a,labeller_b,labeller_c\nPlans are good.,positive,upbeat,positive,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"labels.csv, line 2: unknown labeller_a 'upbeat'"):
        labeller_agreement(path)


def test_labeller_agreement_and_kappa(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text(
        "labeller_a,labeller_b,labeller_c\n"
        "positive,positive,\nnegative,negative,\nmixed,negative,mixed\nneutral,neutral,\n",
        encoding="utf-8",
    )
    result = labeller_agreement(path)
    # observed 3/4; by chance (1/4*1/4 + 1/4*2/4 + 1/4*0 + 1/4*1/4) = 0.25 -> kappa 2/3
    assert result == {"rows": 4, "agreement": 0.75, "kappa": 0.667, "settled_by_c": 1}
