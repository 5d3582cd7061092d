"""Comparisons across years: judgements, themes and tone, recurring concerns, measures over time.

Every function takes processed tables (as read by :func:`analysis.pipeline.read_table`) and returns
a tidy or wide frame for a chart or an exported table. Each result carries the ``source_id`` of the
documents its numbers come from, so every table can say where it came from.
"""

import pandas as pd

from analysis.documents import selection

#: Order in which judgement areas are shown, broadest first.
AREA_ORDER = [
    "overall",
    "help_and_protection",
    "quality_of_practice",
    "children_in_care_and_care_leavers",
    "children_in_care",
    "adoption",
    "care_leavers",
    "leadership",
    "lscb",
]
AREA_LABELS = {
    "overall": "Overall effectiveness",
    "help_and_protection": "Help and protection",
    "quality_of_practice": "Quality of practice",
    "children_in_care_and_care_leavers": "Children in care and care leavers",
    "children_in_care": "Children in care",
    "adoption": "Adoption",
    "care_leavers": "Care leavers",
    "leadership": "Leadership and management",
    "lscb": "Local safeguarding children board",
}
GRADE_WORDS = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}
#: Tones in the order tables show them, most favourable first.
TONES = ["positive", "mixed", "negative", "neutral"]


def select_sources(sources: pd.DataFrame, years: list[int], local_authority: str) -> pd.DataFrame:
    """Keep the registered documents of the chosen years and authority.

    Args:
        sources: the processed ``sources`` table.
        years: years to keep; empty keeps every year.
        local_authority: authority in any printed form; empty keeps every authority.

    Returns:
        The matching rows of ``sources``.

    Raises:
        InputError: a parameter matches no document.
    """
    keep = selection(
        sources["local_authority"].tolist(),
        sources["year"].tolist(),
        years,
        local_authority,
        noun="processed",
    )
    chosen = sources[keep]
    return chosen.reset_index(drop=True)


def restrict(table: pd.DataFrame, chosen_sources: pd.DataFrame) -> pd.DataFrame:
    """Keep the rows of a processed table that come from the chosen documents."""
    return table[table["source_id"].isin(chosen_sources["source_id"])].reset_index(drop=True)


def restrict_if_any(table: pd.DataFrame, chosen_sources: pd.DataFrame) -> pd.DataFrame:
    """Like :func:`restrict`, for a table that may be empty with no columns at all."""
    return restrict(table, chosen_sources) if "source_id" in table.columns else table


def findings_only(findings: pd.DataFrame, exclude_part_kinds) -> pd.DataFrame:
    """Drop paragraphs from parts of the given kinds (agendas, minutes, work programmes)."""
    return findings[~findings["part_kind"].isin(list(exclude_part_kinds))].reset_index(drop=True)


def sources_note(source_ids) -> str:
    """A chart's source note naming the documents, e.g. ``Source: ofsted-2012-cp; ...``."""
    ids = sorted(set(source_ids))
    return "Source: " + "; ".join(ids) + " (registered in data/raw/sources.csv)."


def judgements_long(judgements: pd.DataFrame) -> pd.DataFrame:
    """Order graded judgements by area and year with a harmonised grade label.

    Returns:
        One row per document and area: ``year``, ``area_key``, ``area_label``, ``grade``,
        ``grade_score``, ``grade_label`` (harmonised word), ``framework``, ``source_id``.
    """
    out = judgements.assign(
        area_label=judgements["area_key"].map(AREA_LABELS),
        grade_label=judgements["grade_score"].map(GRADE_WORDS),
        area_rank=judgements["area_key"].map(AREA_ORDER.index),
    )
    out = out.sort_values(["area_rank", "year", "source_id"]).drop(columns="area_rank")
    return out[
        [
            "year",
            "area_key",
            "area_label",
            "grade",
            "grade_score",
            "grade_label",
            "framework",
            "source_id",
        ]
    ].reset_index(drop=True)


def judgements_wide(judgements: pd.DataFrame) -> pd.DataFrame:
    """Grade by area (rows) and year (columns), in words with the score.

    Returns:
        One row per area; a column per year holding e.g. ``Inadequate (4)``, empty where that
        inspection did not grade the area; ``sources`` lists the documents.
    """
    long = judgements_long(judgements)
    long = long.assign(cell=long["grade"] + " (" + long["grade_score"].astype(str) + ")")
    wide = long.pivot_table(
        index=["area_key", "area_label"], columns="year", values="cell", aggfunc="first"
    )
    wide.columns = [str(c) for c in wide.columns]
    wide = wide.reset_index().fillna("")
    wide["area_rank"] = wide["area_key"].map(AREA_ORDER.index)
    wide = wide.sort_values("area_rank").drop(columns="area_rank")
    wide["sources"] = "; ".join(sorted(long["source_id"].unique()))
    return wide.reset_index(drop=True)


def explode_themes(table: pd.DataFrame) -> pd.DataFrame:
    """One row per (row, theme) from a table whose ``themes`` cell is ``;``-separated."""
    out = table.assign(theme=table["themes"].fillna("").str.split(";")).explode("theme")
    return out[out["theme"] != ""].reset_index(drop=True)


def theme_shares(findings: pd.DataFrame) -> pd.DataFrame:
    """Share of each year's prose paragraphs that raise each theme.

    Returns:
        One row per theme and year: ``n_paragraphs`` with the theme, ``n_year`` paragraphs that
        year, ``share_percent`` (0-100), ``sources``.
    """
    totals = findings.groupby("year").size().rename("n_year")
    themed = explode_themes(findings)
    counts = themed.groupby(["theme", "year"]).size().rename("n_paragraphs").reset_index()
    counts = counts.join(totals, on="year")
    counts["share_percent"] = (100 * counts["n_paragraphs"] / counts["n_year"]).round(1)
    src = themed.groupby("year")["source_id"].agg(lambda s: "; ".join(sorted(set(s))))
    counts["sources"] = counts["year"].map(src)
    return counts.sort_values(["theme", "year"]).reset_index(drop=True)


def tone_shares(findings: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Share of paragraphs of each tone within each group.

    Args:
        findings: the findings table (or its theme-exploded form when grouping by theme).
        by: grouping columns, e.g. ``["year"]`` or ``["theme", "year"]``.

    Returns:
        One row per group: ``n`` paragraphs, a ``<tone>_percent`` column per tone, and
        ``net_tone`` = positive share minus negative share (percentage points).
    """
    counts = findings.groupby(by + ["tone"]).size().unstack("tone", fill_value=0)
    counts = counts.reindex(columns=TONES, fill_value=0)
    n = counts.sum(axis=1)
    shares = (100 * counts.div(n, axis=0)).round(1).add_suffix("_percent")
    out = shares.assign(n=n).reset_index()
    out["net_tone"] = (out["positive_percent"] - out["negative_percent"]).round(1)
    return out


def concern_years(findings: pd.DataFrame, recommendations: pd.DataFrame) -> pd.DataFrame:
    """Where each theme was raised as a weakness: negative or mixed paragraphs, or recommendations.

    Returns:
        One row per theme and year: ``n_weak_paragraphs``, ``n_recommendations``, ``net_tone``
        of all that year's paragraphs on the theme, and ``wording`` (the year's first
        recommendation on the theme, else its first negative paragraph), ``wording_source``
        (``source_id:char_start`` of that wording) and ``sources``.
    """
    paragraphs = explode_themes(findings)
    recs = explode_themes(recommendations)
    rows = []
    for (theme, year), group in paragraphs.groupby(["theme", "year"]):
        weak = group[group["tone"].isin(["negative", "mixed"])]
        theme_recs = recs[(recs["theme"] == theme) & (recs["year"] == year)]
        net = 100 * ((group["tone"] == "positive").mean() - (group["tone"] == "negative").mean())
        quote = theme_recs.iloc[0] if len(theme_recs) else (weak.iloc[0] if len(weak) else None)
        rows.append(
            {
                "theme": theme,
                "year": year,
                "n_paragraphs": len(group),
                "n_weak_paragraphs": len(weak),
                "n_recommendations": len(theme_recs),
                "net_tone": round(net, 1),
                "wording": "" if quote is None else _first_sentence(quote["text"]),
                "wording_source": ""
                if quote is None
                else f"{quote['source_id']}:{quote['char_start']}",
                "sources": "; ".join(
                    sorted(set(group["source_id"]) | set(theme_recs["source_id"]))
                ),
            }
        )
    return pd.DataFrame(rows)


def _first_sentence(text: str, limit: int = 220) -> str:
    for stop in (". ", "; "):
        if stop in text[:limit]:
            return text[: text.index(stop, 0, limit) + 1]
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def mark_raised(concerns: pd.DataFrame, min_paragraphs: int = 1) -> pd.DataFrame:
    """Add ``is_raised``: a recommendation on the theme, or weak paragraphs and net tone below 0.

    Args:
        concerns: :func:`concern_years` output.
        min_paragraphs: fewest paragraphs on the theme that year for its net tone to count (a
            net tone from one or two paragraphs rests on one or two readings of tone); a
            recommendation counts whatever the number.

    Returns:
        A copy with the boolean ``is_raised`` column.
    """
    weak = (
        (concerns["n_weak_paragraphs"] > 0)
        & (concerns["net_tone"] < 0)
        & (concerns["n_paragraphs"] >= min_paragraphs)
    )
    return concerns.assign(is_raised=(concerns["n_recommendations"] > 0) | weak)


def classify_concerns(concerns: pd.DataFrame, years: list[int], min_years: int = 3) -> pd.DataFrame:
    """Classify each theme as a recurring, resolved or new concern across the compared years.

    Rules (documented in ``docs/assumptions_caveats.md``):
    - *raised* in a year: ``is_raised`` (:func:`mark_raised`);
    - *recurring*: raised in ``min_years`` or more of the years;
    - *resolved*: raised in an earlier year, not raised in the latest year, and net tone in the
      latest year above zero;
    - *new*: raised in the latest year only.

    Args:
        concerns: :func:`mark_raised` output.
        years: the compared years; the last is the latest.
        min_years: fewest years raised for a concern to recur.

    Returns:
        One row per classified theme: ``status``, ``years_raised``, then one ``wording_<year>``
        column per year (the wording side by side), and ``sources``.
    """
    data = concerns
    latest = max(years)
    rows = []
    for theme, group in data.groupby("theme"):
        raised = sorted(group.loc[group["is_raised"], "year"].unique())
        latest_row = group[group["year"] == latest]
        latest_net = latest_row["net_tone"].iloc[0] if len(latest_row) else None
        if len(raised) >= min_years:
            status = "recurring"
        elif raised and latest not in raised and latest_net is not None and latest_net > 0:
            status = "resolved"
        elif raised == [latest]:
            status = "new"
        else:
            continue
        row = {"theme": theme, "status": status, "years_raised": ", ".join(map(str, raised))}
        for year in years:
            match = group[group["year"] == year]
            row[f"wording_{year}"] = match["wording"].iloc[0] if len(match) else ""
            row[f"where_{year}"] = match["wording_source"].iloc[0] if len(match) else ""
        row["sources"] = "; ".join(sorted({s for v in group["sources"] for s in v.split("; ")}))
        rows.append(row)
    order = {"recurring": 0, "resolved": 1, "new": 2}
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    return out.sort_values(
        ["status", "theme"], key=lambda col: col.map(order) if col.name == "status" else col
    ).reset_index(drop=True)


#: Ofsted monitoring letters open with a paragraph that introduces the visit (its dates and
#: inspectors); the paragraph after it states the visit's conclusion.
_VISIT_INTRO = ("monitoring visit", "this letter summarises")


def ungraded_visits(chosen_sources: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """The ungraded monitoring visits among the chosen documents, with their headline conclusion.

    The headline is the first paragraph after the letter's introduction (the paragraph that
    names the monitoring visit), or the letter's first paragraph when no introduction is found.

    Returns:
        One row per monitoring letter: ``year``, ``source_id``, ``label``, ``headline`` (its first
        sentence), ``conclusion`` (the whole paragraph), ``tone``, ``char_start``.
    """
    letters = chosen_sources[chosen_sources["document_type"] == "monitoring_letter"]
    rows = []
    for letter in letters.to_dict("records"):
        paras = findings[findings["source_id"] == letter["source_id"]].sort_values("char_start")
        if paras.empty:
            continue
        texts = paras["text"].str.lower()
        intro = [i for i, t in enumerate(texts) if any(m in t for m in _VISIT_INTRO)]
        pick = paras.iloc[min(intro[0] + 1, len(paras) - 1)] if intro else paras.iloc[0]
        rows.append(
            {
                "year": letter["year"],
                "source_id": letter["source_id"],
                "label": "Monitoring visit",
                "headline": _first_sentence(pick["text"]),
                "conclusion": pick["text"],
                "tone": pick["tone"],
                "char_start": pick["char_start"],
            }
        )
    columns = ["year", "source_id", "label", "headline", "conclusion", "tone", "char_start"]
    return pd.DataFrame(rows, columns=columns)


def theme_year_matrix(frame: pd.DataFrame, value: str, labels: dict[str, str]) -> pd.DataFrame:
    """Pivot a theme-by-year frame into a matrix with theme labels as rows, years as columns.

    Args:
        frame: rows with ``theme``, ``year`` and ``value``.
        value: the column to show.
        labels: theme id to label (taxonomy order is kept).

    Returns:
        A frame indexed by theme label, one column per year; NaN where the theme is absent.
    """
    matrix = frame.pivot_table(index="theme", columns="year", values=value, aggfunc="first")
    order = [t for t in labels if t in matrix.index]
    matrix = matrix.reindex(order)
    matrix.index = [labels[t] for t in order]
    return matrix


def recommendation_counts(recommendations: pd.DataFrame) -> pd.DataFrame:
    """Recommendations per theme and year (a recommendation may carry several themes).

    Returns:
        One row per theme and year: ``n_recommendations`` and ``sources``.
    """
    recs = explode_themes(recommendations)
    grouped = recs.groupby(["theme", "year"])
    out = grouped.size().rename("n_recommendations").reset_index()
    out["sources"] = grouped["source_id"].agg(lambda s: "; ".join(sorted(set(s)))).to_numpy()
    return out


def _month_of(period: str) -> pd.Timestamp:
    """The month a period such as ``Dec-18`` names; the earliest date for anything else."""
    when = pd.to_datetime(period, format="%b-%y", errors="coerce")
    return pd.Timestamp.min if pd.isna(when) else when


def _is_earlier_value(row: pd.Series) -> bool:
    """Whether a prose figure is a starting point: "from" stands just before the number."""
    before = row["evidence"][: row["value_char_start"] - row["char_start"]]
    return before.rstrip().lower().endswith(("from", "from an average of", "from a total of"))


def measure_figures(indicators: pd.DataFrame, measure_ids: list[str]) -> pd.DataFrame:
    """The authority's own figures for the followed measures, one headline figure per document.

    Every stated figure of the authority (series ``la``) for the measures is kept; for each
    document and measure one is marked ``is_headline``: from a KPI-report table, the value of
    the latest month printed (``Dec-18`` over ``Mar-18``), else of the rightmost column; from
    prose, the first figure in the text that is not a starting point introduced by "from"
    ("has fallen from 80% in 2017/18", "from 35 in 2014 to 77"), else the first figure.

    Args:
        indicators: the processed ``indicators`` table.
        measure_ids: catalogue ids to follow.

    Returns:
        One row per figure: ``indicator_id``, ``year``, ``source_id``, ``value``, ``unit``,
        ``period``, ``label``, ``origin``, ``is_headline``, ``char_start``, ``evidence``.
    """
    own = indicators[
        indicators["indicator_id"].isin(measure_ids)
        & (indicators["series"] == "la")
        & (indicators["measure_part"].isin(["value", ""]))
    ].copy()
    own["is_headline"] = False
    for _, group in own.groupby(["source_id", "indicator_id"]):
        kpi = group[group["origin"] != "prose"]
        if len(kpi):
            kpi = kpi.assign(_when=kpi["period"].map(_month_of))
            pick = kpi.sort_values(["_when", "column_no", "value_char_start"]).index[-1]
        else:
            ordered = group.sort_values("value_char_start")
            current = ordered[~ordered.apply(_is_earlier_value, axis=1)]
            pick = (current if len(current) else ordered).index[0]
        own.loc[pick, "is_headline"] = True
    columns = [
        "indicator_id",
        "year",
        "source_id",
        "value",
        "unit",
        "period",
        "label",
        "origin",
        "is_headline",
        "char_start",
        "value_char_start",
        "evidence",
    ]
    order = {m: i for i, m in enumerate(measure_ids)}
    own = own.assign(_order=own["indicator_id"].map(order))
    return own.sort_values(["_order", "year", "value_char_start"])[columns].reset_index(drop=True)


_RATE_SERIES = ("la", "statistical_neighbours", "national", "region")


def rate_series(rates: pd.DataFrame, local_authority: str) -> list[tuple[str, str]]:
    """The headline-rates columns to chart, with legend labels, at most one per series.

    Args:
        rates: :func:`analysis.scorecard.headline_rates_table` output (columns such as
            ``la (Dec-18)`` and ``national (Mar-18)``).
        local_authority: the name to show for the ``la`` series.

    Returns:
        ``(column, label)`` pairs in the order authority, statistical neighbours, England, region,
        each series' first column (the authority's latest).
    """
    names = {
        "la": local_authority or "The authority",
        "statistical_neighbours": "Statistical neighbours",
        "national": "England",
        "region": "Region",
    }
    pairs = []
    for series in _RATE_SERIES:
        columns = [c for c in rates.columns if c.startswith(f"{series} (")]
        if columns:
            period = columns[0][len(series) + 2 : -1]
            pairs.append((columns[0], f"{names[series]} ({period})"))
    return pairs


def above_comparator(rates: pd.DataFrame, series: list[tuple[str, str]], comparator: str):
    """Labels of the rates where the authority's latest is above a comparator series' value."""
    own = series[0][0]
    other = next((c for c, _ in series if c.startswith(f"{comparator} (")), None)
    if other is None:
        return []
    return rates.loc[rates[own] > rates[other], "label"].tolist()


def net_tone_matrix(
    tone_by_theme: pd.DataFrame, labels: dict[str, str], min_paragraphs: int = 3
) -> pd.DataFrame:
    """Net tone by theme (rows) and year (columns), blank where too few paragraphs to say.

    Args:
        tone_by_theme: :func:`tone_shares` grouped by ``theme`` and ``year``.
        labels: theme id to label.
        min_paragraphs: fewest paragraphs a cell needs to show a net tone.

    Returns:
        The matrix of :func:`theme_year_matrix`, NaN where a theme has fewer paragraphs.
    """
    enough = tone_by_theme[tone_by_theme["n"] >= min_paragraphs]
    matrix = theme_year_matrix(enough, "net_tone", labels)
    return matrix.reindex(columns=sorted(tone_by_theme["year"].unique()))


def with_caveats(figures: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Add each figure's measure caveat from the catalogue (``caveat`` column)."""
    return figures.assign(caveat=figures["indicator_id"].map(catalogue.set_index("id")["caveats"]))
