"""Tests for analysis.present.source_pages: marks nest, text is escaped, links land on words."""

from html.parser import HTMLParser

import pytest

from analysis.config import PROCESSED_DATA_DIR, REPORTS_DIR
from analysis.files import read_csv
from analysis.present.source_pages import document_html, merge_spans, nest


class _Ids(HTMLParser):
    """The text inside every element that has an id, as a browser's textContent gives it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []
        self.text: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        element_id = dict(attrs).get("id")
        self.open.append(element_id)
        if element_id:
            self.text[element_id] = []

    def handle_endtag(self, tag):
        self.open.pop()

    def handle_data(self, data):
        for element_id in self.open:
            if element_id:
                self.text[element_id].append(data)

    def texts(self) -> dict[str, str]:
        return {k: "".join(v) for k, v in self.text.items()}


def _ids(markup: str) -> dict[str, str]:
    parser = _Ids()
    parser.feed(f"<div>{markup}</div>")
    return parser.texts()


def test_nested_spans_hold_exactly_their_words_and_text_is_escaped():
    text = "Intro. <b>64%</b> of care leavers & more.\nNext line."
    start = text.index("<b>")
    marks = [
        (0, len(text), "paragraph", "p"),
        (start, start + 10, "figure", "f"),
        (start, start + 10, "quote", "q"),
    ]
    markup = document_html(text, marks)
    assert "<b>" not in markup and "&lt;b&gt;" in markup
    ids = _ids(markup)
    assert ids[f"c0-{len(text)}"] == text
    assert ids[f"c{start}-{start + 10}"] == text[start : start + 10]
    assert 'class="m m-figure m-quote"' in markup


def test_a_crossing_span_gets_an_empty_anchor_at_its_first_word():
    text = "one two three four"
    roots, crossing = nest(merge_spans([(0, 7, "figure", ""), (4, 13, "quote", "")]))
    assert [(s.start, s.end) for s in roots] == [(0, 7)]
    assert [(s.start, s.end) for s in crossing] == [(4, 13)]
    markup = document_html(text, [(0, 7, "figure", ""), (4, 13, "quote", "")])
    assert '<a class="crossing" id="c4-13"></a>' in markup
    assert _ids(markup)["c0-7"] == "one two"


def _pages() -> dict[str, dict[str, str]]:
    folder = REPORTS_DIR / "sources"
    if not folder.is_dir():
        pytest.skip("reports/sources is built by `make reports`")
    return {
        f"sources/{page.name}": _ids(page.read_text(encoding="utf-8"))
        for page in sorted(folder.glob("*.html"))
    }


def _lands_on(pages, url: str) -> str | None:
    page, _, anchor = url.partition("#")
    return pages.get(page, {}).get(anchor)


def test_every_processed_row_links_to_an_element_holding_exactly_its_evidence():
    pages = _pages()
    for table in ("judgements", "recommendations", "findings", "indicators"):
        rows = read_csv(
            PROCESSED_DATA_DIR / f"{table}.csv", text_columns=["evidence", "source_url"]
        )
        wrong = [r for r in rows.itertuples() if _lands_on(pages, r.source_url) != r.evidence]
        assert len(rows) and not wrong, f"{table}: {len(wrong)} rows, e.g. {wrong[:1]}"


def test_every_quote_and_ask_of_the_asks_comparison_links_to_its_words():
    pages = _pages()
    status = read_csv(
        REPORTS_DIR / "tables" / "concern_status.csv",
        text_columns=["quote", "source_url", "ask_url"],
    )
    quoted = status[status["quote"] != ""]
    assert len(quoted)
    assert all(_lands_on(pages, r.source_url) == r.quote for r in quoted.itertuples())
    # The key's readers' quotes, where located, land on their words too.
    keyed = read_csv(
        REPORTS_DIR / "tables" / "concern_status.csv",
        text_columns=["key_quote", "key_source_url"],
    )
    keyed = keyed[keyed["key_source_url"] != ""]
    assert len(keyed)
    assert all(_lands_on(pages, r.key_source_url) == r.key_quote for r in keyed.itertuples())
    asks = read_csv(PROCESSED_DATA_DIR / "recommendations.csv", text_columns=["evidence"])
    evidence = dict(zip(asks["source_url"], asks["evidence"], strict=True))
    assert all(_lands_on(pages, url) == evidence[url] for url in status["ask_url"].unique())


def test_exported_tables_that_rest_on_one_row_carry_its_link():
    pages = _pages()
    for table in ("kpi_scorecard", "judgements_harmonised", "measures_across_years"):
        frame = read_csv(REPORTS_DIR / "tables" / f"{table}.csv", text_columns=["source_url"])
        assert all(_lands_on(pages, url) is not None for url in frame["source_url"]), table


def test_pages_are_light_and_load_nothing_from_elsewhere():
    folder = REPORTS_DIR / "sources"
    if not folder.is_dir():
        pytest.skip("reports/sources is built by `make reports`")
    for page in folder.glob("*.html"):
        markup = page.read_text(encoding="utf-8")
        assert page.stat().st_size < 400_000, page.name
        assert "<script" not in markup and "@import" not in markup
        assert 'src="http' not in markup and 'href="http' not in markup
        assert '<link rel="stylesheet" href="source.css">' in markup
    assert (folder / "source.css").is_file()


def test_the_page_of_an_empty_marks_list_is_the_plain_escaped_text():
    assert document_html("a < b", []) == "a &lt; b"
    assert _ids(document_html("x", [(0, 1, "figure", "")]))["c0-1"] == "x"


def test_chart_marks_that_stand_for_one_row_link_to_its_words():
    import re

    pages = _pages()
    for chart in ("judgements_by_area", "kpi_scorecard"):
        svg = (REPORTS_DIR / "figures" / f"{chart}.svg").read_text(encoding="utf-8")
        hrefs = re.findall(r'xlink:href="\.\./(sources/[^"]+)"', svg)
        assert hrefs, chart
        assert all(_lands_on(pages, href) is not None for href in hrefs), chart


def test_a_pdfs_page_breaks_get_labels_without_changing_any_text():
    text = "first page words\fsecond page words"
    markup = document_html(text, [(0, len(text), "paragraph", "")])
    assert 'data-page="2"' in markup
    assert _ids(markup)[f"c0-{len(text)}"] == text


def test_headings_are_headings_and_table_rows_line_up_without_changing_text():
    from analysis.present.source_pages import structure_marks

    text = "Executive summary\n\nChildren are safe in most cases, and leaders know it well.\n"
    marks = structure_marks(text)
    assert "heading" in {kind for _, _, kind, _ in marks}
    markup = document_html(text, marks)
    assert 'role="heading" aria-level="2"' in markup
    assert _ids(markup)["c0-17"] == "Executive summary"


def test_table_rows_become_an_html_table_whose_rows_and_cells_keep_their_words():
    from analysis.present.source_pages import structure_marks

    text = (
        "Rates per 10,000 children, December 2018, against the comparators.\n\n"
        "Rate per 10000\tDec-18\tNational\n"
        "Referrals\t492\t553\n"
        "Children in Need\t295\t341\n\n"
        "The rates are rolling twelve-month figures for the year to December 2018.\n"
    )
    value = text.index("492")
    marks = structure_marks(text) + [(value, value + 3, "figure", "Referrals: 492")]
    markup = document_html(text, marks)
    assert markup.count("<table") == 1 and markup.count("<tr") == 3
    assert markup.count('<th scope="col">') == 3 and markup.count("<td>") == 6
    ids = _ids(markup)
    row_text = "Referrals\t492\t553"
    row = text.index(row_text)
    assert ids[f"c{row}-{row + len(row_text)}"] == row_text
    assert ids[f"c{value}-{value + 3}"] == "492"


def test_a_mark_across_cells_keeps_its_table_lines_of_text():
    from analysis.present.source_pages import structure_marks

    text = "Intro sentence of the table below here.\n\nReferrals\t492\t553\nAssessments\t503\t532\n"
    start = text.index("492")
    marks = structure_marks(text) + [(start, start + len("492\t553"), "figure", "")]
    markup = document_html(text, marks)
    assert "<table" not in markup
    assert _ids(markup)[f"c{start}-{start + 7}"] == "492\t553"
