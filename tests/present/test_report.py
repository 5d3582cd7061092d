"""The report page shows document text as text, never as markup (rendered notebooks:
tests/run/test_pages.py)."""

import pandas as pd

from analysis.present import report

HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def _context(**change):
    context = {
        "title": "T",
        "lede": "L",
        "first_year": 2012,
        "last_year": 2019,
        "summary": [{"text": HOSTILE, "links": [(HOSTILE, "sources/x.html#c1-2")]}],
        "asks": {
            "years": [2016],
            "rows": [
                {
                    "label": "2012 #1",
                    "source": "x",
                    "text": HOSTILE,
                    "url": "sources/x.html#c0-9",
                    "cells": [
                        {
                            "status": "Mixed",
                            "quote": HOSTILE,
                            "where": "x, characters 1-2",
                            "url": "sources/x.html#c1-2",
                            "why": HOSTILE,
                            "readers": {
                                "status": HOSTILE,
                                "quote": HOSTILE,
                                "where": HOSTILE,
                                "url": "sources/x.html#c5-6",
                            },
                        }
                    ],
                }
            ],
        },
        "new_asks": [
            {
                "label": "2016 #2",
                "source": "x",
                "text": HOSTILE,
                "url": "sources/x.html#c3-4",
                "readers": HOSTILE,
            }
        ],
        "asks_checked": [
            {
                "conclusion": HOSTILE,
                "key_conclusion": HOSTILE,
                "same": False,
                "rows": 1,
                "rows_differing": 1,
                "rows_are": HOSTILE,
            }
        ],
        "figures": [],
        "tables": [
            {
                "csv": "t.csv",
                "title": HOSTILE,
                "method": "m",
                "n_rows": 1,
                "sources": "s",
            }
        ],
        "notebooks": [],
        "processed": [],
        "dictionary_href": "d.md",
        "sources": [
            {
                "source_id": "x",
                "year": 2019,
                "title": HOSTILE,
                "publisher": "p",
                "published": "2019-01-01",
                "document_type": "annual_report",
            }
        ],
        "licence": "OGL",
    }
    return {**context, **change}


def test_index_escapes_document_text():
    page = report.render_index(_context())
    assert "<script>" not in page and "onerror=alert(1)>" not in page
    assert "&lt;script&gt;" in page


def test_index_fetches_nothing_from_the_network():
    page = report.render_index(_context())
    assert 'src="http' not in page and 'href="http' not in page
    assert "<link" not in page


def test_the_page_lists_the_later_asks_that_return_to_no_earlier_one(tmp_path):
    from analysis.files import write_csv
    from analysis.present.report import new_ask_rows

    assert new_ask_rows(tmp_path) == []  # no comparison of asks, no list
    origins = pd.DataFrame(
        {
            "source_id": ["b-2019", "b-2016", "b-2016"],
            "year": [2019, 2016, 2016],
            "rec_no": [1, 2, 1],
            "ask": ["Fostering.", "Private fostering.", "Core groups."],
            "ask_url": ["sources/b-2019.html#c1-2", "sources/b-2016.html#c3-4", "x"],
            "returns_to": ["", "", "2012 #1 (0.40)"],
            "new": [True, True, False],
            "key_returns_to": ["2016 #12", "", "2012 #1"],
        }
    )
    write_csv(origins, tmp_path / "ask_origins.csv")
    rows = new_ask_rows(tmp_path)
    assert [(r["label"], r["text"], r["url"]) for r in rows] == [
        ("2016 #2", "Private fostering.", "sources/b-2016.html#c3-4"),
        ("2019 #1", "Fostering.", "sources/b-2019.html#c1-2"),
    ]
    # A new ask the key's readers link to an earlier one says so.
    assert [r["readers"] for r in rows] == ["", "2016 #12"]


def test_a_status_cell_says_what_decided_it():
    from analysis.present.report import _why

    row = pd.Series(
        {
            "score": 0.3204,
            "words": "required; theme:assessment_quality; plans",
            "tone_phrases": "negative: require improvement",
        }
    )
    assert _why(row) == (
        "similarity 0.32; shared: required, theme assessment quality, plans; "
        "tone: negative: require improvement"
    )
    asked = pd.Series({"score": 0.17, "words": "", "tone_phrases": ""})
    assert _why(asked) == "similarity 0.17"


def test_a_cell_the_key_reads_otherwise_says_what_the_readers_found(tmp_path):
    from analysis.files import write_csv

    status = pd.DataFrame(
        {
            "source_id": ["a-2012", "a-2012"],
            "ask_year": [2012, 2012],
            "rec_no": [1, 2],
            "ask_text": ["Plans.", "Visits."],
            "ask_url": ["sources/a.html#c1-2", "sources/a.html#c3-4"],
            "year": [2016, 2016],
            "status": ["mixed", "not_mentioned"],
            "quote": ["Plans are better but late.", ""],
            "quote_source_id": ["b", ""],
            "char_start": [10, None],
            "char_end": [36, None],
            "source_url": ["sources/b.html#c10-36", ""],
            "score": [0.3, 0.0],
            "words": ["plans", ""],
            "tone_phrases": ["mixed: better, late", ""],
            "key_status": ["reported_improved", "not_mentioned"],
            "key_split": ["test", "tuning"],
            "key_quote": ["Plans are now good.", ""],
            "key_quote_source_id": ["b", ""],
            "key_char_start": [50, None],
            "key_char_end": [69, None],
            "key_source_url": ["sources/b.html#c50-69", ""],
        }
    )
    write_csv(status, tmp_path / "concern_status.csv")
    cells = [row["cells"][0] for row in report.ask_rows(tmp_path)["rows"]]
    assert cells[0]["readers"] == {
        "status": "reported improved",
        "quote": "Plans are now good.",
        "where": "b, characters 50-69",
        "url": "sources/b.html#c50-69",
    }
    assert cells[1]["readers"] == {}  # only where they differ
    html = report.render_index(_context(asks=report.ask_rows(tmp_path)))
    assert "The key's readers: reported improved</em><br><q>Plans are now good.</q>" in html
    assert 'href="sources/b.html#c50-69"' in html
    # A readers' quote found in no compared document is shown with no place and no link.
    unplaced = status.assign(key_quote_source_id="", key_char_start=None, key_char_end=None)
    write_csv(unplaced.assign(key_source_url=""), tmp_path / "concern_status.csv")
    readers = report.ask_rows(tmp_path)["rows"][0]["cells"][0]["readers"]
    assert readers == {
        "status": "reported improved",
        "quote": "Plans are now good.",
        "where": "",
        "url": "",
    }


def test_the_page_sets_each_sentence_about_the_asks_beside_the_keys(tmp_path):
    from analysis.files import write_csv

    assert report.checked_rows(tmp_path) == []  # no key, no section
    assert 'id="asks-checked"' not in report.render_index(_context(asks_checked=[]))
    checked = pd.DataFrame(
        {
            "conclusion": ["Of the 3 asks: 1 mixed.", "Of the 2 asks, 1 is new."],
            "key_conclusion": ["Of the 3 asks: 1 reported improved.", "Of the 2 asks, 1 is new."],
            "same": [False, True],
            "rows": [3, 2],
            "rows_differing": [1, 0],
            "rows_are": ["asks and later years", "later asks"],
        }
    )
    write_csv(checked, tmp_path / "asks_checked.csv")
    html = report.render_index(_context(asks_checked=report.checked_rows(tmp_path)))
    assert 'href="#asks-checked"' in html and 'id="asks-checked"' in html
    assert (
        "<td>Of the 3 asks: 1 reported improved.</td><td>1 of 3 asks and later years</td>" in html
    )
    assert "<td>The same.</td><td>0 of 2 later asks</td>" in html
    assert "AI agents" in html  # who the readers were
