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
from matplotlib.patches import Patch, Rectangle

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


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two ``#RRGGBB`` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


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


def ask_status_grid(wide: pd.DataFrame, years: list[int], title: str, subtitle: str, note: str):
    """Each ask (row) and each later year (column): what that year's documents say about it.

    Args:
        wide: :func:`analysis.compare.asks.status_by_year` output (``source_id``, ``ask_year``,
            ``rec_no``, ``ask`` and a status column per year).
        years: the later years, in order.
        title: the headline finding.
        subtitle: the measure.
        note: the source note.

    Returns:
        The matplotlib figure.
    """
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
    ax.set_xlim(0, len(years))
    ax.set_ylim(max(len(rows), 1), 0)
    ax.set_xticks(np.arange(len(years)) + 0.5, [str(y) for y in years])
    labels = [f"{r['ask_year']} #{r['rec_no']}: {_shorten(r['ask'], 62)}" for r in rows]
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
        if not pd.isna(row["national"]):
            ax.scatter(
                row["national"],
                0,
                marker="D",
                s=36,
                facecolor="white",
                edgecolor=TEXT_COLOUR,
                zorder=2,
            )
        if not pd.isna(row["statistical_neighbours"]):
            ax.scatter(
                row["statistical_neighbours"],
                0,
                marker="^",
                s=44,
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


def _spread(data: pd.DataFrame, step: float = 0.45) -> pd.Series:
    """Offsets that put several documents of one year side by side around the year's tick."""
    rank = data.groupby("year").cumcount()
    size = data.groupby("year")["year"].transform("size")
    return (rank - (size - 1) / 2) * step


def measures_panels(
    figures: pd.DataFrame,
    catalogue: pd.DataFrame,
    years: list[int],
    title: str,
    subtitle: str,
    note: str,
):
    """Small multiples: one panel per measure, its headline figure per year, caveat printed.

    Args:
        figures: :func:`analysis.compare.performance.measure_figures` rows with ``is_headline``
            true.
        catalogue: :func:`analysis.readings.indicators.catalogue_table` (``id``, ``label``,
            ``unit``, ``caveats``).
        years: the compared years (x axis).
        title: the headline finding.
        subtitle: the measure.
        note: the source note.

    Returns:
        The matplotlib figure.
    """
    use_style()
    measures = list(dict.fromkeys(figures["indicator_id"]))
    cols = 2
    rows_n = max(1, int(np.ceil(len(measures) / cols)))
    fig_h = 1.4 + 2.9 * rows_n
    fig, axes = plt.subplots(rows_n, cols, figsize=(12, fig_h), squeeze=False)
    margins(fig, left=0.07, right=0.98, bottom_in=0.75)
    fig.subplots_adjust(hspace=1.15, wspace=0.25)
    info = catalogue.set_index("id")
    for ax, measure in zip(axes.flat, measures, strict=False):
        data = figures[figures["indicator_id"] == measure].sort_values(["year", "source_id"])
        data = data.assign(x=data["year"] + _spread(data))
        unit = data["unit"].iloc[0]
        ax.plot(data["x"], data["value"], color=PALETTE[0], linewidth=1, linestyle=":")
        ax.scatter(data["x"], data["value"], color=PALETTE[0], s=40, zorder=3)
        for _, row in data.iterrows():
            period = f"\n{row['period']}" if row["period"] else ""
            ax.annotate(
                f"{_fmt(row['value'], unit)}{period}",
                (row["x"], row["value"]),
                xytext=(0, 7),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color=TEXT_COLOUR,
            )
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_xlim(min(years) - 0.7, max(years) + 0.7)
        top = data["value"].max()
        ax.set_ylim(0, top * 1.45 if top > 0 else 1)
        ax.set_title(_wrap(info.loc[measure, "label"], 55), fontsize=9.5, loc="left")
        ax.set_ylabel(unit.replace("_", " ").replace("rate per 10k", "per 10,000"), fontsize=8)
        caveat = str(info.loc[measure, "caveats"] or "")
        if caveat:
            ax.text(
                0,
                -0.2,
                _wrap("Caveat: " + caveat, 95),
                transform=ax.transAxes,
                ha="left",
                va="top",
                fontsize=6.5,
                color=MUTED,
            )
    for ax in list(axes.flat)[len(measures) :]:
        ax.set_visible(False)
    add_titles(fig, title, subtitle, note)
    return fig
