"""Tests for analysis.compare.asks on small texts: links between asks and their statuses."""

import pandas as pd

from analysis.compare.asks import (
    Settings,
    apply_status_floor,
    ask_origins,
    finding_sentences,
    follow_asks,
    load_settings,
    read_together,
    sentence_vectors,
    status_by_year,
    status_counts,
    term_space,
)

EARLY = "Improve the quality of core group meetings so that parents are included in planning."
LATE = "Improve the timeliness and quality of core group meetings for families."
OTHER = "Increase the sufficiency of foster carers for teenagers."


def _recommendations(rows):
    frame = pd.DataFrame(rows, columns=["source_id", "year", "rec_no", "text"])
    frame["char_start"] = 0
    frame["char_end"] = frame["text"].str.len()
    frame["evidence"] = frame["text"]
    return frame


def _findings(rows):
    frame = pd.DataFrame(rows, columns=["source_id", "year", "text"])
    frame["char_start"] = range(0, 1000 * len(frame), 1000)
    frame["evidence"] = frame["text"]
    return frame


ASKS = _recommendations(
    [
        ("insp-2014", 2014, 1, EARLY),
        ("insp-2014", 2014, 2, OTHER),
        ("insp-2018", 2018, 1, LATE),
        ("insp-2018", 2018, 2, "Make sure that return home interviews are offered to every child."),
    ]
)
FINDINGS = _findings(
    [
        ("insp-2014", 2014, "Core groups are poorly attended. Parents are not included."),
        ("letter-2016", 2016, "Core group meetings now include parents and are well attended."),
        ("letter-2016", 2016, "The council has recruited a new finance officer this year."),
        ("insp-2018", 2018, "There are still too few foster carers for teenagers in the city."),
        ("insp-2018", 2018, "Return home interviews are not offered consistently to children."),
    ]
)
SETTINGS = Settings(link_min_similarity=0.2, status_min_similarity=0.2)


def test_a_later_ask_on_the_same_matter_is_linked_with_its_deciding_words():
    links, _ = follow_asks(FINDINGS, ASKS, SETTINGS)
    pairs = set(zip(links["from_rec_no"], links["to_rec_no"], strict=True))
    assert (1, 1) in pairs
    assert (2, 1) not in pairs and (1, 2) not in pairs
    words = links.set_index(["from_rec_no", "to_rec_no"]).loc[(1, 1), "words"]
    assert "core" in words and "group" in words


def test_asks_that_share_words_but_no_theme_are_not_linked():
    asks = _recommendations(
        [
            ("insp-2014", 2014, 1, "Improve the quality and timeliness of records of visits."),
            ("insp-2018", 2018, 1, "Improve the quality of records kept of visits."),
        ]
    )
    links, _ = follow_asks(FINDINGS, asks, Settings(0.0, 0.2))
    assert links.empty


def test_status_asked_again_quotes_the_later_ask():
    _, status = follow_asks(FINDINGS, ASKS, SETTINGS)
    row = status.set_index(["source_id", "rec_no", "year"]).loc[("insp-2014", 1, 2018)]
    assert row["status"] == "asked_again"
    assert row["quote"] == LATE and row["quote_source_id"] == "insp-2018"


def test_status_follows_the_tone_of_the_most_similar_sentence_and_never_contradicts_it():
    _, status = follow_asks(FINDINGS, ASKS, SETTINGS)
    by_key = status.set_index(["source_id", "rec_no", "year"])
    improved = by_key.loc[("insp-2014", 1, 2016)]
    assert improved["status"] == "reported_improved"
    assert improved["quote"].startswith("Core group meetings now include parents")
    assert FINDINGS["evidence"].iloc[1][: improved["char_end"] - 1000] == improved["quote"]
    weak = by_key.loc[("insp-2014", 2, 2018)]
    assert weak["status"] == "reported_still_weak" and "too few foster carers" in weak["quote"]


def test_sentences_read_together_give_mixed_and_quote_the_weakness():
    assert read_together(["positive", "neutral"]) == ("reported_improved", 0)
    assert read_together(["negative"]) == ("reported_still_weak", 0)
    assert read_together(["positive", "neutral", "negative"]) == ("mixed", 2)
    assert read_together(["positive", "negative", "mixed"]) == ("mixed", 2)


def test_a_close_sentence_of_the_other_side_makes_the_status_mixed():
    findings = _findings(
        [
            ("letter-2016", 2016, "Core group meetings now include parents and are good."),
            ("letter-2016", 2016, "Core group meetings are still not timely for families."),
        ]
    )
    alone = follow_asks(findings, ASKS, Settings(0.2, 0.1, 1.0))[1]
    together = follow_asks(findings, ASKS, Settings(0.2, 0.1, 0.5))[1]
    key = ("insp-2014", 1, 2016)
    assert alone.set_index(["source_id", "rec_no", "year"]).loc[key, "status"] != "mixed"
    row = together.set_index(["source_id", "rec_no", "year"]).loc[key]
    assert row["status"] == "mixed" and "still not timely" in row["quote"]


def test_a_sentence_on_another_theme_does_not_speak_to_an_ask_that_has_one():
    findings = _findings(
        [("letter-2016", 2016, "Meetings for foster carers are now good and well attended.")]
    )
    _, status = follow_asks(findings, ASKS, Settings(0.2, 0.0))
    row = status.set_index(["source_id", "rec_no", "year"]).loc[("insp-2014", 1, 2016)]
    assert row["status"] == "not_mentioned"


def test_a_sentence_is_read_in_its_paragraph():
    findings = _findings(
        [
            (
                "letter-2016",
                2016,
                "Core group meetings are held late for many families. "
                "This means that progress for them is too slow.",
            )
        ]
    )
    sentences = finding_sentences(findings)
    space = term_space(findings, ASKS)
    ask = space.vectors([EARLY])[0]
    alone = space.vectors(sentences["text"].tolist()) @ ask
    read = sentence_vectors(sentences, space) @ ask
    assert sentences["paragraph"].nunique() == 1 and len(sentences) == 2
    assert alone[1] == 0 and read[1] > 0


def test_a_year_that_says_nothing_similar_leaves_the_ask_not_mentioned_without_a_quote():
    _, status = follow_asks(FINDINGS, ASKS, SETTINGS)
    row = status.set_index(["source_id", "rec_no", "year"]).loc[("insp-2014", 2, 2016)]
    assert row["status"] == "not_mentioned" and row["quote"] == "" and pd.isna(row["char_start"])


def test_the_floor_turns_weak_evidence_into_not_mentioned_but_keeps_asked_again():
    _, status = follow_asks(FINDINGS, ASKS, SETTINGS)
    floored = apply_status_floor(status, 1.01)
    assert set(floored["status"]) <= {"asked_again", "not_mentioned"}
    assert (floored["status"] == "asked_again").sum() == (status["status"] == "asked_again").sum()


def test_wide_table_and_counts_have_one_row_per_ask_and_per_inspection_year():
    _, status = follow_asks(FINDINGS, ASKS, SETTINGS)
    wide = status_by_year(status)
    assert len(wide) == 2 and {"2016", "2016 quote", "2018", "2018 quote"} <= set(wide.columns)
    assert wide.loc[0, "2018 quote"].startswith(f'"{LATE}" (insp-2018 0-')
    counts = status_counts(status)
    assert counts["n_asks"].tolist() == [2, 2]


def test_settings_come_from_the_package_data():
    settings = load_settings()
    assert 0 < settings.link_min_similarity < 1 and 0 < settings.status_min_similarity < 1
    assert 0 < settings.status_close_ratio <= 1


def test_a_later_ask_returns_to_the_earlier_asks_linked_to_it_or_is_new():
    links, _ = follow_asks(FINDINGS, ASKS, SETTINGS)
    origins = ask_origins(ASKS, links).set_index("rec_no")
    assert list(origins["year"]) == [2018, 2018]  # the first inspection's asks have no origin
    assert origins.loc[1, "returns_to"].startswith("2014 #1 (") and not origins.loc[1, "new"]
    assert origins.loc[2, "returns_to"] == "" and origins.loc[2, "new"]
    assert origins.loc[2, "ask_url"].startswith("sources/insp-2018.html#")


def test_without_links_every_later_ask_is_new():
    links, _ = follow_asks(
        FINDINGS, ASKS, Settings(link_min_similarity=1.01, status_min_similarity=0.2)
    )
    assert ask_origins(ASKS, links)["new"].all()
