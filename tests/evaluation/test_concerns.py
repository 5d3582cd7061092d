"""Tests for analysis.evaluation.concerns: scoring links and statuses against the key."""

import pandas as pd
import pytest

from analysis.compare.asks import apply_status_floor, load_settings
from analysis.config import KEY_CORPUS_DIRS, LABELS_DIR, NOTEBOOKS_DIR, PROCESSED_DATA_DIR
from analysis.evaluation.concerns import (
    LINK_KEY_FILE_COLUMNS,
    STATUS_KEY_FILE_COLUMNS,
    _best_link_threshold,
    _best_status_threshold,
    asks_accuracy,
    asks_accuracy_note,
    contradictions,
    key_split,
    read_link_key,
    read_status_key,
    score_links,
    share_interval,
    share_text,
    status_agreement,
    tuned_on_key,
)
from analysis.run.params import default_of

pytestmark = pytest.mark.slow

_LINK_COLUMNS = ["from_source_id", "from_rec_no", "to_source_id", "to_rec_no"]
LINK_KEY = LABELS_DIR / "concern_links_key.csv"
STATUS_KEY = LABELS_DIR / "concern_status_key.csv"


def _link_key():
    return pd.DataFrame(
        {
            "from_source_id": ["a"] * 4,
            "from_rec_no": [1, 1, 2, 2],
            "to_source_id": ["b"] * 4,
            "to_rec_no": [1, 2, 1, 2],
            "link": [1, 0, 0, 1],
            "split": ["test", "test", "test", "tuning"],
        }
    )


def test_links_are_scored_on_the_keys_pairs_of_one_split():
    found = pd.DataFrame(
        {
            "from_source_id": ["a", "a"],
            "from_rec_no": [1, 2],
            "to_source_id": ["b", "b"],
            "to_rec_no": [2, 2],
        }
    )
    score = score_links(found, _link_key(), "test")
    assert (score.true_positive, score.false_positive, score.false_negative) == (0, 1, 1)
    everything = score_links(found, _link_key())
    assert (everything.precision, everything.recall) == (0.5, 0.5)


def test_a_status_whose_quote_says_the_opposite_is_an_error():
    rows = pd.DataFrame(
        {
            "source_id": ["a", "a", "a"],
            "rec_no": [1, 2, 3],
            "year": [2019] * 3,
            "status": ["reported_improved", "reported_improved", "not_mentioned"],
            "quote": ["Practice is now good and effective.", "Practice remains poor and weak.", ""],
        }
    )
    assert contradictions(rows).tolist() == [False, True, False]
    key = rows[["source_id", "rec_no", "year"]].assign(
        status=["reported_improved", "reported_improved", "not_mentioned"], split="test"
    )
    agreed = status_agreement(rows, key)
    assert (agreed["agree"], agreed["contradictions"], agreed["rows"]) == (2, 1, 3)


def test_the_status_floor_is_chosen_by_the_agreement_it_gives_on_tuning_rows():
    raw = pd.DataFrame(
        {
            "source_id": ["a"] * 4,
            "rec_no": [1, 2, 3, 4],
            "year": [2019] * 4,
            "status": ["reported_improved", "reported_still_weak", "asked_again", "mixed"],
            "quote": ["Practice is now good.", "Practice remains poor.", "Improve plans.", "x y"],
            "score": [0.5, 0.2, 0.1, 0.3],
        }
    )
    key = raw[["source_id", "rec_no", "year"]].assign(
        status=["reported_improved", "not_mentioned", "asked_again", "not_mentioned"]
    )
    threshold, agree = _best_status_threshold(raw, key)
    assert (threshold, agree) == (0.5, 4)
    assert status_agreement(apply_status_floor(raw, threshold), key)["agree"] == agree


def test_the_link_threshold_is_the_one_score_links_scores_best_on_tuning_pairs():
    pairs = pd.DataFrame(
        {
            "from_source_id": ["a"] * 5,
            "from_rec_no": [1, 1, 2, 3, 4],
            "to_source_id": ["b"] * 5,
            "to_rec_no": [1, 2, 2, 3, 4],
            "score": [0.40, 0.25, 0.30, 0.20, 0.10],
        }
    )
    key = pairs[_LINK_COLUMNS].assign(
        link=[1, 0, 1, 1, 0], split=["tuning"] * 4 + ["test"]
    )  # the test pair is neither found nor missed: 0.10 ties with 0.20, and the lowest is kept
    threshold, f1 = _best_link_threshold(pairs, key)
    brute = {t: score_links(pairs[pairs["score"] >= t], key, "tuning").f1 for t in pairs["score"]}
    assert (threshold, f1) == (0.1, max(brute.values()))
    assert brute[threshold] == f1


def test_a_share_of_few_rows_gets_wilsons_interval():
    # Wilson's closed formula, (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n) with
    # z = 1.96: 5 of 10 gives 0.237 to 0.763; 0 of 10 gives 0 to 0.278 (never below 0).
    assert share_interval(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    assert share_interval(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    low, high = share_interval(0, 0)
    assert low != low and high != high  # NaN: no rows, no interval
    with pytest.raises(ValueError, match="5 successes in 3 rows"):
        share_interval(5, 3)


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilsons_interval_gives_newcombes_published_examples(successes, n, low, high):
    # Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in
    # Medicine 17:857-872, Table II, method 3 (score interval without continuity correction).
    assert share_interval(successes, n) == pytest.approx((low, high), abs=5e-5)


def test_a_share_without_rows_is_printed_without_an_interval():
    assert share_text(0.533, 0.301, 0.752) == "53% (30-75%)"
    assert share_text(0.533, 0.301, 0.752, places=1) == "53.3% (30-75%)"
    assert share_text(0.0, *share_interval(0, 0)) == "0%"


def test_the_note_gives_each_share_with_its_interval():
    rows = [
        ("link_precision", 0.533, 0.301, 0.752, 15),
        ("link_recall", 0.533, 0.301, 0.752, 15),
        ("link_f1", 0.533, None, None, 373),
        ("status_agreement", 0.541, 0.417, 0.66, 61),
        ("quotes_contradicting_status", 0.0, None, None, 61),
    ]
    accuracy = pd.DataFrame(
        [(*row, "test", "key") for row in rows],
        columns=["measure", "value", "low", "high", "rows", "split", "key"],
    )
    note = asks_accuracy_note(accuracy)
    assert "precision 53% (30-75%) and recall 53% (30-75%) (373 pairs)" in note
    assert "statuses agree on 54% (42-66%) of 61 asks and years" in note
    assert "95% intervals" in note


def test_without_a_key_the_note_says_the_comparison_is_unchecked():
    empty = asks_accuracy(
        pd.DataFrame(columns=["from_source_id", "from_rec_no", "to_source_id", "to_rec_no"]),
        pd.DataFrame(columns=["source_id", "rec_no", "year", "status", "quote"]),
        read_link_key(LINK_KEY),
        read_status_key(STATUS_KEY),
        ["some-other-document"],
    )
    assert empty.empty and "not measured" in asks_accuracy_note(empty)


def test_the_key_is_complete_and_settled():
    links, status = read_link_key(LINK_KEY), read_status_key(STATUS_KEY)
    assert tuple(links.columns) == LINK_KEY_FILE_COLUMNS
    assert tuple(status.columns) == STATUS_KEY_FILE_COLUMNS
    asked = status[status["status"] != "not_mentioned"]
    for reader in ("a", "b"):  # a reader who chose the settled status gave its quote
        chose = asked[asked[f"status_{reader}"] == asked["status"]]
        assert (chose[f"quote_{reader}"] != "").all() and (
            chose[f"quote_file_{reader}"] != ""
        ).all()
    assert (links.loc[links["link"] == 1, "reason"] != "").all()
    assert set(links["link"]) == {0, 1} and set(links["split"]) == {"tuning", "test"}
    differ = links[links["link_a"] != links["link_b"]]
    assert (differ["link_c"] != "").all(), "every difference between readers a and b is settled"
    assert (status["status"] != "").all()


def test_each_key_row_is_on_the_side_its_earlier_ask_draws():
    links, status = read_link_key(LINK_KEY), read_status_key(STATUS_KEY)
    for frame, source, rec_no in (
        (links, "from_source_id", "from_rec_no"),
        (status, "source_id", "rec_no"),
    ):
        drawn = [key_split(s, int(n)) for s, n in zip(frame[source], frame[rec_no], strict=True)]
        assert frame["split"].tolist() == drawn


def test_key_split_is_fixed_by_the_ask_and_gives_both_sides():
    assert key_split("x-2014", 3) == key_split("x-2014", 3)
    assert {key_split("x-2014", n) for n in range(1, 20)} == {"test", "tuning"}


@pytest.fixture(scope="module")
def tuned():
    absent = [str(folder) for folder in KEY_CORPUS_DIRS if not folder.is_dir()]
    if absent:
        pytest.skip(f"{', '.join(absent)} absent: the key covers other authorities' reports")
    notebook = NOTEBOOKS_DIR / "04_compare_findings.ipynb"
    procedural = tuple(default_of(notebook, "exclude_part_kinds"))
    return tuned_on_key(PROCESSED_DATA_DIR, KEY_CORPUS_DIRS, LINK_KEY, STATUS_KEY, procedural)


@pytest.mark.shared
def test_the_thresholds_in_use_are_the_ones_the_tuning_rows_choose(tuned):
    _, search = tuned
    assert search.settings == load_settings(), "run `make accuracy`; copy the thresholds it reports"


def test_links_use_the_term_weights_that_do_best_on_the_tuning_rows(tuned):
    texts, _ = tuned
    from analysis.evaluation.concerns import compare_link_weights

    weights = compare_link_weights(texts, read_link_key(LINK_KEY))
    assert weights["asks"][1] >= weights["documents"][1]
    assert weights["asks"][0] == load_settings().link_min_similarity
    assert weights["asks"][1] == tuned[1].link_f1
