"""The project's charts: each function draws one chart from a comparison frame and returns it.

Every chart states its finding in the title, names its units on the axes, labels categories in
words (never colour alone) and carries a source note; :func:`analysis.present.plot.save_figure`
writes it.
Titles that state a finding are composed from the data by the caller.
"""

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch, Polygon, Rectangle
from matplotlib.transforms import Bbox

from analysis.compare.asks import ask_label
from analysis.compare.performance import period_when
from analysis.present.colours import contrast_ratio
from analysis.present.formatting import ASK_STATUS_WORDS, display_grade, format_value
from analysis.present.plot import (
    GRADE_COLOURS,
    MUTED,
    PALETTE,
    TEXT_COLOUR,
    TONE_COLOURS,
    TOP_MARGIN_IN,
    add_titles,
    margins,
    use_style,
)

_BLACK, _WHITE = "#0B0C0C", "#FFFFFF"


def readable_text_colour(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill``."""
    return _BLACK if contrast_ratio(fill, _BLACK) >= contrast_ratio(fill, _WHITE) else _WHITE


def figure_link(row) -> str | None:
    """The link of a chart mark that stands for one row: its words, from ``reports/figures/``.

    Returns:
        ``../sources/<source_id>.html#c<start>-<end>`` (SVG output only), or None for a row
        without a ``source_url``.
    """
    url = row.get("source_url", "") if hasattr(row, "get") else ""
    return f"../{url}" if isinstance(url, str) and url else None


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) if text else ""


def judgement_grid(
    long: pd.DataFrame, ungraded: pd.DataFrame, title: str, subtitle: str, note: str
):
    """Grade by area and inspection as a grid of labelled, coloured cells.

    Args:
        long: :func:`analysis.compare.judgements.judgements_long` output.
        ungraded: one row per ungraded visit: ``year``, ``label`` (e.g. "Monitoring visit"),
            ``headline`` (its conclusion, in words).
        title: the headline finding.
        subtitle: the measure and scale.
        note: the source note.

    Returns:
        The matplotlib figure.
    """
    use_style()
    columns = sorted(set(long["year"]) | set(ungraded["year"]))
    areas = list(dict.fromkeys(long["area_label"]))
    fig_w = 2.2 + 2.0 * len(columns)
    fig_h = 1.6 + 0.62 * len(areas)
    fig, ax = plt.subplots(figsize=(fig_w, fig_h))
    margins(fig, left=0.26, right=0.99, bottom_in=0.45)
    for x, year in enumerate(columns):
        visit = ungraded[ungraded["year"] == year]
        if len(visit) and not (long["year"] == year).any():
            ax.add_patch(
                Rectangle(
                    (x + 0.04, 0.04),
                    0.92,
                    len(areas) - 0.08,
                    facecolor="#F3F2F1",
                    edgecolor=MUTED,
                    hatch="//",
                    linewidth=0.8,
                )
            )
            text = f"{visit['label'].iloc[0]}: not graded\n\n" + _wrap(
                visit["headline"].iloc[0], 24
            )
            ax.text(
                x + 0.5,
                len(areas) / 2,
                text,
                ha="center",
                va="center",
                fontsize=7.5,
                color=TEXT_COLOUR,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 2},
            )
            continue
        for y, area in enumerate(areas):
            cell = long[(long["year"] == year) & (long["area_label"] == area)]
            if cell.empty:
                ax.text(
                    x + 0.5,
                    y + 0.5,
                    "not judged",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color=MUTED,
                )
                continue
            score = int(cell["grade_score"].iloc[0])
            fill = GRADE_COLOURS[score]
            patch = ax.add_patch(Rectangle((x + 0.04, y + 0.06), 0.92, 0.88, facecolor=fill))
            patch.set_url(figure_link(cell.iloc[0]))
            ax.text(
                x + 0.5,
                y + 0.5,
                _wrap(display_grade(cell["grade"].iloc[0]), 18),
                ha="center",
                va="center",
                fontsize=8.5,
                color=readable_text_colour(fill),
                fontweight="bold",
            )
    ax.set_xlim(0, len(columns))
    ax.set_ylim(len(areas), 0)
    ax.set_xticks(np.arange(len(columns)) + 0.5, [str(c) for c in columns])
    ax.set_yticks(np.arange(len(areas)) + 0.5, areas)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel("Year of inspection or visit")
    add_titles(fig, title, subtitle, note)
    return fig


def overall_timeline(
    long: pd.DataFrame, ungraded: pd.DataFrame, title: str, subtitle: str, note: str
):
    """The overall-effectiveness grade by year on the harmonised 1-4 scale, best at the top.

    Args:
        long: :func:`~analysis.compare.judgements.judgements_long` output (``overall`` rows used).
        ungraded: ungraded visits (``year``, ``label``) drawn as markers on the time axis.
        title: the headline finding.
        subtitle: the measure and scale.
        note: the source note.

    Returns:
        The matplotlib figure.
    """
    use_style()
    overall = long[long["area_key"] == "overall"].sort_values("year")
    fig, ax = plt.subplots(figsize=(8, 4.2))
    margins(fig, left=0.28, bottom_in=0.55)
    # Above the gridlines (zorder 1.5), which would otherwise show through the line.
    ax.plot(overall["year"], overall["grade_score"], color=PALETTE[0], linewidth=2, zorder=3)
    for _, row in overall.iterrows():
        score = int(row["grade_score"])
        ax.scatter(
            row["year"],
            score,
            s=140,
            color=GRADE_COLOURS[score],
            zorder=4,
            edgecolor=TEXT_COLOUR,
            linewidth=0.8,
        )
        ax.annotate(
            display_grade(row["grade"]),
            (row["year"], score),
            xytext=(0, 12),
            textcoords="offset points",
            ha="center",
            fontsize=9,
            color=TEXT_COLOUR,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            zorder=5,
        )
    for _, row in ungraded.iterrows():
        ax.axvline(row["year"], color=MUTED, linestyle=":", linewidth=1)
        ax.text(
            row["year"],
            0.6,
            f"{row['label']}\n(not graded)",
            ha="center",
            va="top",
            fontsize=8,
            color=MUTED,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            zorder=5,
        )
    ax.set_ylim(4.5, 0.5)
    ax.set_yticks(
        [1, 2, 3, 4],
        ["1 Outstanding", "2 Good", "3 Requires improvement\n/ adequate", "4 Inadequate"],
    )
    years = sorted(set(overall["year"]) | set(ungraded["year"]))
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(min(years) - 0.8, max(years) + 0.8)
    ax.set_xlabel("Year of inspection")
    ax.set_ylabel("Overall grade (harmonised scale)")
    ax.grid(axis="y", color="#E0E0E0", linewidth=0.6)
    add_titles(fig, title, subtitle, note)
    return fig


def annotated_heatmap(
    wide: pd.DataFrame,
    title: str,
    subtitle: str,
    note: str,
    value_label: str,
    fmt: str = "{:.0f}",
    cmap: str = "Blues",
    centre: float | None = None,
):
    """A heatmap with every cell's value written in it (rows: categories, columns: years).

    Args:
        wide: values with row labels as index and years as columns (NaN shows as "-").
        title: the headline finding.
        subtitle: the measure.
        note: the source note.
        value_label: the colour bar's label, with its unit.
        fmt: format of the cell labels.
        cmap: matplotlib colour map; a diverging one when ``centre`` is given.
        centre: the value at the colour map's middle (e.g. 0 for net tone).

    Returns:
        The matplotlib figure.
    """
    use_style()
    values = wide.to_numpy(dtype=float)
    fig_h = 1.8 + 0.34 * len(wide)
    fig, ax = plt.subplots(figsize=(3.8 + 1.3 * wide.shape[1], fig_h))
    margins(fig, left=0.36, right=0.95, bottom_in=0.1)
    finite = values[np.isfinite(values)]
    if centre is None:
        vmin, vmax = 0.0, (finite.max() if finite.size else 1.0)
    else:
        span = max(abs(finite - centre).max() if finite.size else 1.0, 1.0)
        vmin, vmax = centre - span, centre + span
    image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    cmap_obj = image.get_cmap()
    for (i, j), value in np.ndenumerate(values):
        if np.isfinite(value):
            rgba = cmap_obj(image.norm(value))
            fill = "#{:02X}{:02X}{:02X}".format(*(int(255 * c) for c in rgba[:3]))
            ax.text(
                j,
                i,
                fmt.format(value),
                ha="center",
                va="center",
                fontsize=8,
                color=readable_text_colour(fill),
            )
        else:
            ax.text(j, i, "-", ha="center", va="center", fontsize=8, color=MUTED)
    ax.set_xticks(range(wide.shape[1]), [str(c) for c in wide.columns])
    ax.set_yticks(range(len(wide)), list(wide.index))
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label(value_label)
    add_titles(fig, title, subtitle, note)
    return fig


def tone_stacked_bars(shares: pd.DataFrame, group: str, title: str, subtitle: str, note: str):
    """Horizontal 100% stacked bars of paragraph tone per group, each segment labelled.

    A segment of 7% or more shows its tone and share, one of 2.5% to 7% its share only, a
    narrower one nothing (its share is in the table the chart is drawn from).

    Args:
        shares: :func:`analysis.compare.findings.tone_shares` output grouped by ``group``.
        group: the grouping column (e.g. ``year``).
        title: the headline finding.
        subtitle: the measure.
        note: the source note.

    Returns:
        The matplotlib figure.
    """
    use_style()
    data = shares.sort_values(group, ascending=False)
    fig, ax = plt.subplots(figsize=(9, 1.6 + 0.55 * len(data)))
    margins(fig, left=0.12, bottom_in=0.75)
    labels = [f"{g}\n(n={n})" for g, n in zip(data[group], data["n"], strict=True)]
    left = np.zeros(len(data))
    for tone in ["negative", "mixed", "positive", "neutral"]:
        widths = data[f"{tone}_percent"].to_numpy()
        fill = TONE_COLOURS[tone]
        ax.barh(labels, widths, left=left, color=fill, edgecolor="white", label=tone)
        for k, (x0, w) in enumerate(zip(left, widths, strict=True)):
            # A narrow segment gets its share only; the tone order and the legend name it.
            label = f"{tone}\n{w:.0f}%" if w >= 7 else f"{w:.0f}%" if w >= 2.5 else ""
            ax.text(
                x0 + w / 2,
                k,
                label,
                ha="center",
                va="center",
                fontsize=7.5,
                color=readable_text_colour(fill),
            )
        left += widths
    ax.set_xlim(0, 100)
    ax.set_xlabel("Share of paragraphs (%)")
    ax.legend(
        handles=[
            Patch(color=TONE_COLOURS[t], label=t)
            for t in ["negative", "mixed", "positive", "neutral"]
        ],
        ncol=4,
        loc="upper left",
        bbox_to_anchor=(0, -0.32),
        frameon=False,
        fontsize=8,
    )
    add_titles(fig, title, subtitle, note)
    return fig


#: Fill of each status of an ask in the grid; every cell also says its status in words.
ASK_STATUS_COLOURS = {
    "asked_again": PALETTE[2],
    "reported_still_weak": PALETTE[3],
    "mixed": PALETTE[5],
    "reported_improved": PALETTE[1],
    "not_mentioned": "#FFFFFF",
}


#: Under the asks grid when some of its cells are marked.
READ_OTHERWISE_NOTE = (
    "A corner mark: the key's readers read that cell otherwise (the report page gives their "
    "status and quote)."
)


def ask_status_grid(
    wide: pd.DataFrame,
    years: list[int],
    title: str,
    subtitle: str,
    note: str,
    read_otherwise: set[tuple] | None = None,
):
    """Each ask (row) and each later year (column): what that year's documents say about it.

    Args:
        wide: :func:`analysis.compare.asks.status_by_year` output (``source_id``, ``ask_year``,
            ``rec_no``, ``ask`` and a status column per year).
        years: the later years, in order.
        title: the headline finding.
        subtitle: the measure.
        note: the source note.
        read_otherwise: ``(source_id, rec_no, year)`` of the cells the key's readers read
            otherwise (:func:`analysis.evaluation.asks_key.read_otherwise`): each gets a mark in
            its corner, and the note says what the mark means.

    Returns:
        The matplotlib figure.
    """
    read_otherwise = read_otherwise or set()
    use_style()
    rows = wide.to_dict("records")
    fig, ax = plt.subplots(figsize=(5.8 + 1.25 * len(years), 1.9 + 0.3 * max(len(rows), 1)))
    margins(fig, left=0.55, right=0.98, bottom_in=0.1)
    for y, row in enumerate(rows):
        for x, year in enumerate(years):
            status = row.get(str(year), "")
            if not status:
                continue
            fill = ASK_STATUS_COLOURS[status]
            ax.add_patch(
                Rectangle(
                    (x + 0.04, y + 0.1),
                    0.92,
                    0.8,
                    facecolor=fill,
                    edgecolor=MUTED if status == "not_mentioned" else fill,
                    linewidth=0.6,
                )
            )
            colour = TEXT_COLOUR if status == "not_mentioned" else readable_text_colour(fill)
            ax.text(
                x + 0.5,
                y + 0.5,
                ASK_STATUS_WORDS[status],
                ha="center",
                va="center",
                fontsize=7,
                color=colour,
            )
            if (row["source_id"], int(row["rec_no"]), int(year)) in read_otherwise:
                # A triangle in the top right corner, in the colour the cell's text has.
                corner = [(x + 0.84, y + 0.1), (x + 0.96, y + 0.1), (x + 0.96, y + 0.38)]
                ax.add_patch(Polygon(corner, closed=True, facecolor=colour, linewidth=0))
    if read_otherwise:
        note = f"{note}\n{READ_OTHERWISE_NOTE}"
    ax.set_xlim(0, len(years))
    ax.set_ylim(max(len(rows), 1), 0)
    ax.set_xticks(np.arange(len(years)) + 0.5, [str(y) for y in years])
    labels = [f"{ask_label(r['ask_year'], r['rec_no'])}: {_shorten(r['ask'], 62)}" for r in rows]
    ax.set_yticks(np.arange(len(rows)) + 0.5, labels, fontsize=7)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    add_titles(fig, title, subtitle, note)
    return fig


def _shorten(text: str, width: int) -> str:
    """The text cut at a word to at most ``width`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else textwrap.shorten(text, width, placeholder="\u2026")


STATUS_COLOURS = {
    "on_target": PALETTE[1],
    "within_tolerance": PALETTE[3],
    "outside_tolerance": PALETTE[2],
    "no_target": PALETTE[4],
}


def _fmt(value: float, unit: str) -> str:
    return format_value(value, unit, rate_base=False)  # the axis or legend names the base


def _kpi_prefix(kpi_no) -> str:
    """``KPI 3: `` for a numbered KPI (read back from CSV as 3.0), ``Other measure: `` otherwise."""
    if kpi_no is None or kpi_no == "" or (isinstance(kpi_no, float) and pd.isna(kpi_no)):
        return "Other measure: "
    number = int(kpi_no) if float(kpi_no).is_integer() else kpi_no
    return f"KPI {number}: "


def kpi_scorecard_chart(scorecard: pd.DataFrame, title: str, subtitle: str, note: str):
    """One row per KPI: its value against the target, tolerance band and comparators.

    Each row has its own scale (KPIs differ in unit). The tolerance band is shaded, the target
    is a vertical line, national and statistical-neighbour averages are marked with a diamond
    and a triangle, and the value's status and direction of good are written at the right.

    Args:
        scorecard: :func:`analysis.tables.scorecard.build_kpi_scorecard` output.
        title: the headline finding.
        subtitle: the measure.
        note: the source note.

    Returns:
        The matplotlib figure.
    """
    use_style()
    rows = scorecard.to_dict("records")
    fig_h = 1.6 + 0.62 * len(rows)
    fig, axes = plt.subplots(len(rows), 1, figsize=(12, fig_h), squeeze=False)
    margins(fig, left=0.36, right=0.78, bottom_in=0.95)
    fig.subplots_adjust(hspace=0.9)
    for ax, row in zip(axes[:, 0], rows, strict=True):
        points = [
            row[k]
            for k in (
                "value",
                "target",
                "tolerance_low",
                "tolerance_high",
                "national",
                "statistical_neighbours",
            )
        ]
        points = [p for p in points if p is not None and not pd.isna(p)]
        low, high = min(points), max(points)
        pad = max((high - low) * 0.15, abs(high) * 0.05, 1.0)
        ax.set_xlim(low - pad, high + pad)
        ax.set_ylim(-1, 1)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="x", labelsize=7.5)
        if not pd.isna(row["tolerance_low"]) and not pd.isna(row["tolerance_high"]):
            ax.axvspan(row["tolerance_low"], row["tolerance_high"], color="#DDE7F0", zorder=0)
        if not pd.isna(row["target"]):
            ax.axvline(row["target"], color=PALETTE[0], linewidth=1.5, zorder=1)
        for column, symbol, size in (("national", "D", 36), ("statistical_neighbours", "^", 44)):
            if not pd.isna(row[column]):
                ax.scatter(
                    row[column],
                    0,
                    marker=symbol,
                    s=size,
                    facecolor="white",
                    edgecolor=TEXT_COLOUR,
                    zorder=2,
                )
        colour = STATUS_COLOURS.get(row["status"], PALETTE[4])
        marker = ax.scatter(row["value"], 0, s=90, color=colour, edgecolor=TEXT_COLOUR, zorder=3)
        marker.set_urls([figure_link(row)])
        label = _kpi_prefix(row["kpi_no"])
        ax.text(
            -0.02,
            0.5,
            _wrap(label + row["label"], 62),
            transform=ax.transAxes,
            ha="right",
            va="center",
            fontsize=7.5,
            color=TEXT_COLOUR,
        )
        direction = {
            "higher_is_better": "higher is better",
            "lower_is_better": "lower is better",
        }.get(row["polarity"], "no direction printed")
        status = row["status"].replace("_", " ")
        ax.text(
            1.02,
            0.5,
            f"{_fmt(row['value'], row['unit'])} ({row['period']}): {status}\n"
            f"target {_fmt(row['target'], row['unit'])}; {direction}",
            transform=ax.transAxes,
            ha="left",
            va="center",
            fontsize=7.5,
            color=TEXT_COLOUR,
        )
    legend = [
        Patch(facecolor="#DDE7F0", label="tolerance band"),
        plt.Line2D([], [], color=PALETTE[0], label="target"),
        plt.Line2D(
            [],
            [],
            marker="D",
            linestyle="",
            markerfacecolor="white",
            markeredgecolor=TEXT_COLOUR,
            label="national average",
        ),
        plt.Line2D(
            [],
            [],
            marker="^",
            linestyle="",
            markerfacecolor="white",
            markeredgecolor=TEXT_COLOUR,
            label="statistical neighbours",
        ),
        *[
            plt.Line2D([], [], marker="o", linestyle="", color=c, label=s.replace("_", " "))
            for s, c in STATUS_COLOURS.items()
        ],
    ]
    fig.legend(
        handles=legend,
        loc="lower left",
        bbox_to_anchor=(0.01, 0.3 / fig_h),
        ncol=8,
        frameon=False,
        fontsize=8,
    )
    add_titles(fig, title, subtitle, note)
    return fig


def grouped_bars(
    wide: pd.DataFrame,
    series: list[tuple[str, str]],
    title: str,
    subtitle: str,
    note: str,
    value_label: str,
):
    """Horizontal grouped bars: one group per measure, one bar per series, values written on.

    Args:
        wide: one row per measure with a ``label`` column and one column per series.
        series: ``(column, legend label)`` pairs, at most four (palette order).
        title: the headline finding.
        subtitle: the measure.
        note: the source note.
        value_label: the x axis label, with its unit.

    Returns:
        The matplotlib figure.
    """
    use_style()
    n, k = len(wide), len(series)
    fig_h = 1.8 + n * (0.26 * k + 0.35)
    fig, ax = plt.subplots(figsize=(10, fig_h))
    margins(fig, left=0.26, right=0.95, bottom_in=0.45)
    fig.subplots_adjust(top=1 - (TOP_MARGIN_IN + 0.3) / fig_h)
    height = 0.8 / k
    for j, (column, legend) in enumerate(series):
        ys = np.arange(n) + j * height
        values = wide[column].to_numpy(dtype=float)
        ax.barh(ys, values, height=height * 0.92, color=PALETTE[j], label=legend)
        for y, v in zip(ys, values, strict=True):
            if np.isfinite(v):
                ax.text(v, y, f" {v:,.0f}", va="center", ha="left", fontsize=7.5, color=TEXT_COLOUR)
    ax.set_yticks(np.arange(n) + height * (k - 1) / 2, [_wrap(v, 30) for v in wide["label"]])
    ax.invert_yaxis()
    ax.set_xlabel(value_label)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=k, frameon=False, fontsize=8)
    ax.margins(x=0.12)
    add_titles(fig, title, subtitle, note)
    return fig


#: Marker and colour of each source document in the measures charts, in order of first use.
DOCUMENT_MARKERS = ["o", "s", "^", "D", "v", "P"]
_PANEL_IN, _PANEL_GAP_IN = 1.9, 1.3  # a panel's height; room between rows (caveat, next title)
_BELOW_PANELS_IN = 1.0  # the last row's tick labels and caveat
_LINE_IN, _ROW_PAD_IN, _TABLE_HEAD_IN = 0.15, 0.08, 0.5  # the single-figure table
_LEGEND_IN = 0.45
_TABLE_COLUMNS = [  # (heading, left edge as a fraction of the table's width)
    ("Measure", 0.0),
    ("Figure", 0.29),
    ("Period as stated", 0.35),
    ("Stated in", 0.49),
    ("Caveat", 0.63),
]
#: Where a value label may go, tried in order: (dx, dy) in points from its point, alignment.
_LABEL_SPOTS = [
    (0, 6, "center", "bottom"),
    (0, -7, "center", "top"),
    (7, 0, "left", "center"),
    (-7, 0, "right", "center"),
    *[(0, 6 + 10 * k, "center", "bottom") for k in range(1, 6)],
    *[(0, -7 - 10 * k, "center", "top") for k in range(1, 6)],
]


def _text_of(value) -> str:
    return value if isinstance(value, str) else ""


def split_single_figures(figures: pd.DataFrame) -> tuple[list[str], pd.DataFrame]:
    """Measures with several figures (charted) and the rows of those with one (tabled).

    Args:
        figures: one row per figure with ``indicator_id``.

    Returns:
        The ids of measures with more than one figure, in order of first appearance, and the
        rows of the measures with a single figure.
    """
    counts = figures["indicator_id"].value_counts()
    measures = list(dict.fromkeys(figures["indicator_id"]))
    charted = [m for m in measures if counts[m] > 1]
    return charted, figures[~figures["indicator_id"].isin(charted)]


def _document_styles(source_ids) -> dict[str, tuple[str, str]]:
    """Each source document's ``(marker, colour)``, in sorted order of the ids."""
    ids = sorted(set(source_ids))
    return {
        s: (DOCUMENT_MARKERS[i % len(DOCUMENT_MARKERS)], PALETTE[i % len(PALETTE)])
        for i, s in enumerate(ids)
    }


def _year_bands(ax, first: int, last: int) -> None:
    """An x axis of calendar years, each a band from 1 January, labelled in its middle."""
    ax.set_xlim(first, last + 1)
    ax.set_xticks(range(first, last + 2), [""] * (last - first + 2))
    ax.set_xticks([y + 0.5 for y in range(first, last + 1)], minor=True)
    ax.set_xticklabels([str(y) for y in range(first, last + 1)], minor=True)
    ax.tick_params(axis="x", which="minor", length=0)
    ax.grid(axis="x", which="major", color="#E0E0E0", linewidth=0.6)


def value_limits(values: pd.Series, unit: str) -> tuple[float, float]:
    """The y range of a measure's panel: from 0, room above for labels, at most 100 for percent."""
    top = float(values.max())
    top = top * 1.45 if top > 0 else 1.0
    return 0.0, min(top, 100.0) if unit == "percent" else top


def _measure_panel(ax, data: pd.DataFrame, styles: dict, info: pd.Series) -> list:
    """Draw one measure's figures at their own periods (``when``); return the value labels.

    Each point has its document's marker and colour and links to its words (SVG); the caveat
    is printed under the panel.
    """
    data = data.sort_values(["when", "source_id"])
    unit = data["unit"].iloc[0]
    ax.plot(data["when"], data["value"], color=MUTED, linewidth=1, linestyle=":")
    labels = []
    for _, row in data.iterrows():
        marker, colour = styles[row["source_id"]]
        point = ax.scatter([row["when"]], [row["value"]], marker=marker, color=colour, s=40)
        point.set_zorder(3)
        point.set_urls([figure_link(row)])
        period = _text_of(row["period"])
        text = _fmt(row["value"], unit) + (f"\n{period}" if period else "")
        labels.append(
            ax.annotate(
                text,
                (row["when"], row["value"]),
                xytext=(0, 6),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=7,
                color=TEXT_COLOUR,
            )
        )
    ax.set_ylim(*value_limits(data["value"], unit))
    ax.set_title(_wrap(info["label"], 55), fontsize=9.5, loc="left")
    ax.set_ylabel(unit.replace("_", " ").replace("rate per 10k", "per 10,000"), fontsize=8)
    caveat = _text_of(info["caveats"])
    if caveat:
        ax.annotate(
            _wrap("Caveat: " + caveat, 95),
            (0, 0),
            xycoords="axes fraction",
            xytext=(0, -20),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=6.5,
            color=MUTED,
        )
    return labels


def drawn_texts(ax) -> list:
    """Every visible, non-empty text of an axes: titles, tick and axis labels, annotations."""
    from matplotlib.text import Text

    return [t for t in ax.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _inside(box, frame) -> bool:
    return box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1


def _first_free_spot(label, taken: list, frame, renderer, lines: list = ()):
    """Put a label at the first spot clear of ``taken`` and inside ``frame``; return its box.

    A spot is clear when the label's box meets no box of ``taken`` and crosses none of
    ``lines`` (paths in display units). A label that fits nowhere inside the frame takes the
    first clear spot.
    """
    clear = None
    for spot in _LABEL_SPOTS:
        box = _put(label, spot, renderer)
        if any(_overlap(box, other) for other in taken):
            continue
        if any(line.intersects_bbox(box, filled=False) for line in lines):
            continue
        if _inside(box, frame):
            return box
        clear = clear or spot
    return _put(label, clear or _LABEL_SPOTS[0], renderer)


def _put(label, spot: tuple, renderer):
    """Move a label to a spot of :data:`_LABEL_SPOTS`; return its box there, padded."""
    dx, dy, ha, va = spot
    label.xyann = (dx, dy)
    label.set_horizontalalignment(ha)
    label.set_verticalalignment(va)
    return label.get_window_extent(renderer).padded(1)


def drawn_lines(ax) -> list:
    """The visible lines of an axes as paths in display units (the figures' connecting lines)."""
    return [
        line.get_path().transformed(line.get_transform())
        for line in ax.get_lines()
        if line.get_visible()
    ]


def place_labels(ax, labels: list) -> None:
    """Move each value label where it meets no other text of the axes, no marker and no line.

    Args:
        ax: an axes whose layout is final (labels are measured in display units).
        labels: annotations placed with ``textcoords="offset points"`` at their points.

    Returns:
        None; the labels are moved in place, left to right, each to the first of
        :data:`_LABEL_SPOTS` that is clear and inside the axes.
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    radius = 4.5 * fig.dpi / 72
    taken = [t.get_window_extent(renderer) for t in drawn_texts(ax) if t not in labels]
    for label in labels:
        x, y = ax.transData.transform(label.xy)
        taken.append(Bbox.from_extents(x - radius, y - radius, x + radius, y + radius))
    frame, lines = ax.get_window_extent(renderer), drawn_lines(ax)
    for label in sorted(labels, key=lambda t: t.xy[0]):
        taken.append(_first_free_spot(label, taken, frame, renderer, lines))


def _table_rows(single: pd.DataFrame, info: pd.DataFrame) -> list[tuple[list[str], dict]]:
    """The single-figure table's cells per row (wrapped to their columns) and the row."""
    rows = []
    for _, row in single.iterrows():
        measure = info.loc[row["indicator_id"]]
        cells = [
            _wrap(measure["label"], 44),
            _fmt(row["value"], row["unit"]),
            _wrap(_text_of(row["period"]) or "not stated", 24),
            row["source_id"],
            _wrap(_text_of(measure["caveats"]), 70),
        ]
        rows.append((cells, row))
    return rows


def _row_height(cells: list[str]) -> float:
    return max(c.count("\n") + 1 for c in cells) * _LINE_IN + _ROW_PAD_IN


def _single_figures_table(ax, rows: list[tuple[list[str], dict]]) -> None:
    """Draw the measures with one figure as a table; each figure links to its words (SVG).

    Args:
        ax: an axes whose y axis is in inches from the top (0 at the top).
        rows: :func:`_table_rows` output.
    """
    ax.set_axis_off()
    ax.text(
        0,
        0,
        "Measures with a single figure (not charted)",
        fontsize=9.5,
        fontweight="bold",
        va="top",
        color=TEXT_COLOUR,
    )
    for heading, x in _TABLE_COLUMNS:
        ax.text(x, 0.28, heading, fontsize=7.5, fontweight="bold", va="top", color=MUTED)
    ax.plot([0, 1], [_TABLE_HEAD_IN - 0.04] * 2, color=MUTED, linewidth=0.6)
    y = _TABLE_HEAD_IN
    for cells, row in rows:
        for (_, x), cell in zip(_TABLE_COLUMNS, cells, strict=True):
            text = ax.text(x, y, cell, fontsize=7, va="top", color=TEXT_COLOUR)
            text.set_url(figure_link(row))
        y += _row_height(cells)


def _measures_figure(n_panels: int, table_in: float):
    """A figure with a two-column grid of panels and room under it for a table and a legend.

    Returns:
        The figure and its panel axes (row by row).
    """
    rows_n = max(1, int(np.ceil(n_panels / 2)))
    bottom_in = _BELOW_PANELS_IN + table_in + _LEGEND_IN
    fig_h = TOP_MARGIN_IN + 0.2 + rows_n * _PANEL_IN + (rows_n - 1) * _PANEL_GAP_IN
    fig_h += bottom_in + 0.35
    fig, axes = plt.subplots(rows_n, 2, figsize=(12, fig_h), squeeze=False)
    margins(fig, left=0.07, right=0.98, bottom_in=bottom_in)
    fig.subplots_adjust(
        top=1 - (TOP_MARGIN_IN + 0.2) / fig_h, hspace=_PANEL_GAP_IN / _PANEL_IN, wspace=0.25
    )
    for ax in list(axes.flat)[n_panels:]:
        ax.set_visible(False)
    return fig, list(axes.flat)[:n_panels]


def _document_legend(fig, styles: dict, top_in: float) -> None:
    """The documents' markers, under the panels, from ``top_in`` inches above the bottom."""
    handles = [
        plt.Line2D([], [], marker=m, color=c, linestyle="", label=s) for s, (m, c) in styles.items()
    ]
    fig.legend(
        handles=handles,
        title="Stated in:",
        loc="upper left",
        ncol=len(handles),
        bbox_to_anchor=(0.01, top_in / fig.get_figheight()),
        frameon=False,
        fontsize=8,
        title_fontsize=8,
        alignment="left",
    )


def measures_panels(
    figures: pd.DataFrame,
    catalogue: pd.DataFrame,
    years: list[int],
    title: str,
    subtitle: str,
    note: str,
):
    """Small multiples of the measures with several figures, each drawn at its own period.

    Each figure stands at the period it states (:func:`analysis.compare.performance.period_when`:
    "77 in 2014" in a 2016 document at 2014), with its document's marker (legend "Stated in")
    and a label that never overlaps another text; percent axes stop at 100. Measures with a
    single figure are listed in a table under the panels.

    Args:
        figures: :func:`analysis.compare.performance.measure_figures` rows with ``is_headline``
            true.
        catalogue: :func:`analysis.readings.indicators.catalogue_table` (``id``, ``label``,
            ``unit``, ``caveats``).
        years: the compared years (at least these are on the x axis).
        title: the headline finding.
        subtitle: the measure.
        note: the source note.

    Returns:
        The matplotlib figure.
    """
    use_style()
    info = catalogue.set_index("id")
    figures = figures.assign(
        when=[period_when(p, y) for p, y in zip(figures["period"], figures["year"], strict=True)]
    )
    charted, single = split_single_figures(figures)
    rows = _table_rows(single, info)
    table_in = _TABLE_HEAD_IN + sum(_row_height(c) for c, _ in rows) if rows else 0.0
    fig, axes = _measures_figure(len(charted), table_in)
    drawn = figures[figures["indicator_id"].isin(charted)]
    styles = _document_styles(drawn["source_id"])
    first = int(min(min(years, default=9999), np.floor(figures["when"].min())))
    last = int(max(max(years, default=0), np.floor(figures["when"].max())))
    labels = {}
    for ax, measure in zip(axes, charted, strict=True):
        labels[ax] = _measure_panel(
            ax, drawn[drawn["indicator_id"] == measure], styles, info.loc[measure]
        )
        _year_bands(ax, first, last)
    add_titles(fig, title, subtitle, note)
    below_in = fig.subplotpars.bottom * fig.get_figheight() - _BELOW_PANELS_IN
    if rows:
        table = fig.add_axes(
            (
                0.07,
                (below_in - table_in) / fig.get_figheight(),
                0.91,
                table_in / fig.get_figheight(),
            )
        )
        table.set_xlim(0, 1)
        table.set_ylim(table_in, 0)
        _single_figures_table(table, rows)
    if styles:
        _document_legend(fig, styles, below_in - table_in)
    for ax, texts in labels.items():
        place_labels(ax, texts)
    return fig
