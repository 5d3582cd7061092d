"""Tests for analysis.present.charts: what a chart prints, and where."""

import json
from itertools import combinations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from analysis.compare.performance import measure_figures, rate_series  # noqa: E402
from analysis.config import PROJECT_DIR  # noqa: E402
from analysis.files import read_csv  # noqa: E402
from analysis.present.charts import (  # noqa: E402
    READ_OTHERWISE_NOTE,
    ask_status_grid,
    drawn_lines,
    grouped_bars,
    measures_panels,
    overall_timeline,
)
from analysis.present.formatting import display_grade  # noqa: E402
from analysis.readings.indicators import catalogue_table  # noqa: E402
from analysis.tables.processed import read_table  # noqa: E402

YEARS = [2012, 2016, 2018, 2019]


def test_display_grade_is_sentence_case():
    assert display_grade("inadequate") == "Inadequate"
    assert display_grade("Requires improvement to be good") == "Requires improvement to be good"
    assert display_grade("") == ""


def test_timeline_prints_a_grade_found_in_a_sentence_like_one_from_a_table():
    long = pd.DataFrame(
        {
            "year": [2012, 2016],
            "area_key": ["overall", "overall"],
            "grade": ["Inadequate", "inadequate"],
            "grade_score": [4, 4],
        }
    )
    ungraded = pd.DataFrame({"year": pd.Series(dtype=int), "label": pd.Series(dtype=str)})
    fig = overall_timeline(long, ungraded, "title", "subtitle", "note")
    printed = [text.get_text() for text in fig.axes[0].texts]
    plt.close(fig)
    assert printed.count("Inadequate") == 2


def _layout_faults(fig) -> tuple[list[tuple[str, str]], list[str]]:
    """What a reader would trip on in a figure, laid out as for drawing (the figure is closed).

    Returns:
        Pairs of drawn texts of one axes whose bounding boxes overlap, and the value labels
        (texts pointing at data) that a line of their axes crosses.
    """
    from matplotlib.text import Annotation

    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    pairs, crossed = [], []
    for ax in fig.axes:
        texts = [t for t in ax.findobj(Text) if t.get_visible() and t.get_text().strip()]
        boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
        for (text_a, a), (text_b, b) in combinations(boxes, 2):
            if a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1:
                pairs.append((text_a, text_b))
        lines = drawn_lines(ax)
        for label in [t for t in ax.texts if isinstance(t, Annotation) and t.xycoords == "data"]:
            box = label.get_window_extent(renderer)
            if any(line.intersects_bbox(box, filled=False) for line in lines):
                crossed.append(label.get_text())
    plt.close(fig)
    return pairs, crossed


def _overlapping_texts(fig) -> list[tuple[str, str]]:
    """Pairs of drawn texts of one axes whose bounding boxes overlap (the figure is closed)."""
    return _layout_faults(fig)[0]


def _labels_on_lines(fig) -> list[str]:
    """Value labels that a line of their axes crosses (the figure is closed)."""
    return _layout_faults(fig)[1]


def _figures(rows: list[tuple]) -> pd.DataFrame:
    columns = ["indicator_id", "year", "source_id", "value", "unit", "period"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.assign(source_url=[f"sources/{s}.html#c1-2" for s in frame["source_id"]])


def _catalogue(ids: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"id": ids, "label": ids, "caveats": ["Ages differ."] * len(ids)})


def _panels(figures: pd.DataFrame):
    catalogue = _catalogue(list(dict.fromkeys(figures["indicator_id"])))
    return measures_panels(figures, catalogue, YEARS, "title", "subtitle", "note")


def _measure_groups() -> dict[str, list[str]]:
    """The measure groups notebook 05 charts, read from its parameters cell."""
    notebook = json.loads((PROJECT_DIR / "notebooks/05_compare_performance.ipynb").read_text())
    cell = next(c for c in notebook["cells"] if "parameters" in c["metadata"].get("tags", []))
    names = {}
    exec("".join(cell["source"]), names)
    return names["measure_groups"]


@pytest.mark.parametrize("group", sorted(_measure_groups()))
def test_measures_chart_of_the_processed_data_has_no_overlapping_texts(group):
    indicators = read_table("indicators", PROJECT_DIR / "data/processed")
    figures = measure_figures(indicators, _measure_groups()[group])
    fig = measures_panels(
        figures[figures["is_headline"]], catalogue_table(), YEARS, "title", "subtitle", "note"
    )
    overlapping, on_lines = _layout_faults(fig)
    assert overlapping == []
    assert on_lines == []


def test_a_value_label_moves_off_the_line_through_its_point():
    """A point between a lower and a higher one: the label above it would sit on the line."""
    figures = _figures(
        [
            ("caseload", 2018, "doc-2018", 14.0, "count", ""),
            ("caseload", 2018, "doc-2019-a", 16.0, "count", "Dec-18"),
            ("caseload", 2019, "doc-2019-b", 20.0, "count", ""),
        ]
    )
    assert _labels_on_lines(_panels(figures)) == []


def test_headline_rates_chart_has_no_overlapping_texts():
    rates = read_csv(PROJECT_DIR / "reports/tables/headline_rates.csv")
    fig = grouped_bars(rates, rate_series(rates, "Birmingham")[:4], "t", "s", "n", "rate")
    assert _overlapping_texts(fig) == []


def test_crowded_labels_are_moved_apart():
    # Four documents of 2019 state figures at nearly one spot (three without a period).
    figures = _figures(
        [
            ("eet", 2016, "doc-2016", 54.0, "percent", ""),
            ("eet", 2019, "doc-2019-a", 64.0, "percent", "Dec-18"),
            ("eet", 2019, "doc-2019-b", 62.0, "percent", ""),
            ("eet", 2019, "doc-2019-c", 63.0, "percent", ""),
            ("eet", 2019, "doc-2019-d", 63.5, "percent", ""),
        ]
    )
    fig = _panels(figures)
    assert _overlapping_texts(fig) == []


def test_a_figure_is_drawn_at_its_own_period_with_its_document_marker():
    figures = _figures(
        [
            ("staying_put", 2016, "ofsted-2016", 35.0, "count", "in 2014"),
            ("staying_put", 2018, "ofsted-2018", 88.0, "count", ""),
        ]
    )
    fig = _panels(figures)
    ax = fig.axes[0]
    points = [c for c in ax.collections if len(c.get_offsets())]
    xs = sorted(float(c.get_offsets()[0][0]) for c in points)
    paths = {c.get_paths()[0].vertices.tobytes() for c in points}
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    plt.close(fig)
    assert 2014 <= xs[0] < 2015 and 2018 <= xs[1] < 2019
    assert len(paths) == 2  # one marker shape per document
    assert legend == ["ofsted-2016", "ofsted-2018"]


def test_percent_axis_stops_at_100():
    figures = _figures(
        [
            ("in_touch", 2016, "doc-2016", 97.0, "percent", "in 2015–16"),
            ("in_touch", 2019, "doc-2019", 97.0, "percent", "Last year"),
        ]
    )
    fig = _panels(figures)
    top = fig.axes[0].get_ylim()[1]
    plt.close(fig)
    assert top <= 100


def test_a_measure_with_one_figure_goes_in_a_table_with_its_link():
    figures = _figures(
        [
            ("rate", 2016, "doc-2016", 64.0, "rate_per_10k", "At 31 August 2016"),
            ("rate", 2019, "doc-2019", 67.0, "rate_per_10k", "Dec-18"),
            ("count", 2016, "doc-2016", 1816.0, "count", "At 31 August 2016"),
        ]
    )
    fig = _panels(figures)
    panels = [ax for ax in fig.axes if ax.get_visible() and ax.axison]
    table = [ax for ax in fig.axes if ax.get_visible() and not ax.axison]
    cells = {t.get_text(): t.get_url() for t in table[0].texts}
    plt.close(fig)
    assert [ax.get_title(loc="left") for ax in panels] == ["rate"]
    assert cells["1,816"] == "../sources/doc-2016.html#c1-2"
    assert cells["count"] == "../sources/doc-2016.html#c1-2"


def test_a_cell_the_key_reads_otherwise_gets_a_corner_mark_and_the_note_says_so():
    from matplotlib.patches import Polygon

    wide = pd.DataFrame(
        {
            "source_id": ["a", "a"],
            "ask_year": [2012, 2012],
            "rec_no": [1, 2],
            "ask": ["Plans.", "Visits."],
            "2016": ["mixed", "not_mentioned"],
        }
    )

    def drawn(read_otherwise):
        fig = ask_status_grid(wide, [2016], "T", "S", "N", read_otherwise)
        marks = [p for p in fig.axes[0].patches if isinstance(p, Polygon)]
        texts = [t.get_text() for t in fig.texts]
        plt.close(fig)
        return marks, texts

    marks, texts = drawn({("a", 2, 2016)})
    assert len(marks) == 1 and marks[0].get_xy()[:, 1].min() >= 1  # in the second row
    assert any(READ_OTHERWISE_NOTE in t for t in texts)
    marks, texts = drawn(None)
    assert not marks and not any(READ_OTHERWISE_NOTE in t for t in texts)
