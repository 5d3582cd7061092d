"""Tests for analysis.sources.text: sentences."""

from analysis.sources.text import opening_sentence_end, sentence_spans


def test_sentence_spans_join_a_paragraph_number_to_its_sentence():
    text = "32. Plans are good. Reviews are late."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "32. Plans are good.",
        "Reviews are late.",
    ]
    assert opening_sentence_end(text) == len("32. Plans are good.")
    assert opening_sentence_end("One sentence only") == len("One sentence only")
