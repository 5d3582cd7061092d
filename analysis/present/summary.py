"""Sentences that state findings, composed from the data for chart titles and the report page.

Nothing here is typed in: each function reads a comparison frame and says what it shows. When a
comparison has nothing to say (one year only, no KPI report) it returns an empty string.
"""

import pandas as pd

from analysis.contract.values import AREA_LABELS
from analysis.evaluation.asks_key import decided, differing
from analysis.evaluation.concerns import asks_accuracy_note, contradictions
from analysis.evaluation.reading_accuracy import COLUMNS as ACCURACY_COLUMNS
from analysis.evaluation.reading_accuracy import accuracy_note
from analysis.present.formatting import ASK_STATUS_WORDS, display_grade, format_value
from analysis.tables.scorecard import scorecard_period


def prose_list(items) -> str:
    """Items joined as prose: "a", "a and b", "a, b and c"."""
    items = [str(item) for item in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def overall_trajectory(long: pd.DataFrame) -> str:
    """Overall effectiveness grade by year, runs of the same grade merged.

    Returns:
        e.g. ``Inadequate in 2012 and 2016, then Requires improvement to be good in 2019``.
    """
    overall = long[long["area_key"] == "overall"].sort_values("year")
    runs: list[tuple[str, list[int]]] = []
    for grade, year in zip(overall["grade"], overall["year"], strict=True):
        label = display_grade(grade)
        if runs and runs[-1][0] == label:
            runs[-1][1].append(year)
        else:
            runs.append((label, [year]))
    return ", then ".join(f"{grade} in {prose_list(years)}" for grade, years in runs)


def area_changes(long: pd.DataFrame) -> dict:
    """Compare each area's grade at its first and last graded inspection.

    Returns:
        ``{"first": year, "last": year, "improved": [labels], "worse": [labels],
        "same": [labels]}`` over areas graded in both the first and last inspection years.
    """
    years = sorted(long["year"].unique())
    if len(years) < 2:
        return {"first": None, "last": None, "improved": [], "worse": [], "same": []}
    first, last = years[0], years[-1]
    a = long[long["year"] == first].set_index("area_key")["grade_score"]
    b = long[long["year"] == last].set_index("area_key")["grade_score"]
    common = [k for k in a.index if k in b.index]
    label = AREA_LABELS.get
    return {
        "first": first,
        "last": last,
        "improved": [label(k) for k in common if b[k] < a[k]],
        "worse": [label(k) for k in common if b[k] > a[k]],
        "same": [label(k) for k in common if b[k] == a[k]],
    }


def judgement_title(long: pd.DataFrame, local_authority: str) -> str:
    """Headline for the judgements chart, e.g. ``Birmingham's overall grade: Inadequate in ...``."""
    who = local_authority or "The authority"
    return f"{who}: overall effectiveness {overall_trajectory(long)}"


def area_change_sentence(long: pd.DataFrame) -> str:
    """Say which areas graded at both the first and last inspections improved or worsened."""
    change = area_changes(long)
    if change["first"] is None:
        return ""
    n = len(change["improved"]) + len(change["worse"]) + len(change["same"])
    parts = [
        f"Of the {n} judgement areas graded in both {change['first']} and {change['last']}, "
        f"{len(change['improved'])} improved"
    ]
    if change["improved"]:
        parts.append(f" ({', '.join(change['improved']).lower()})")
    parts.append(f", {len(change['same'])} stayed the same and {len(change['worse'])} worsened.")
    return "".join(parts)


def visit_sentences(visits: pd.DataFrame) -> list[str]:
    """One sentence per ungraded monitoring visit, quoting its headline conclusion."""
    return [
        f"The {row['year']} monitoring visit (not graded) concluded: \u201c{row['headline']}\u201d"
        for row in visits.to_dict("records")
    ]


def tone_sentence(tone_by_year: pd.DataFrame) -> str:
    """How the negative and positive shares of paragraphs moved from the first to the last year."""
    if len(tone_by_year) < 2:
        return ""
    first, last = tone_by_year.iloc[0], tone_by_year.iloc[-1]
    return (
        f"The share of paragraphs whose tone is negative went from "
        f"{first['negative_percent']:.0f}% in {int(first['year'])} to "
        f"{last['negative_percent']:.0f}% in {int(last['year'])}; the positive share from "
        f"{first['positive_percent']:.0f}% to "
        f"{last['positive_percent']:.0f}%."
    )


def ask_sentences(counts: pd.DataFrame) -> list[str]:
    """One sentence per inspection: what became of its asks in each later year.

    Args:
        counts: :func:`analysis.compare.asks.status_counts` output.

    Returns:
        E.g. ``Of the 14 asks of the 2012 inspection: in 2016, 12 asked again and 2 not
        mentioned; in 2018, ...``; none when no inspection has a later year.
    """
    sentences = []
    if counts.empty:
        return sentences
    for (_, ask_year), group in counts.groupby(["source_id", "ask_year"], sort=True):
        parts = []
        for row in group.sort_values("year").to_dict("records"):
            said = [f"{row[s]} {phrase}" for s, phrase in ASK_STATUS_WORDS.items() if row[s]]
            parts.append(f"in {row['year']}, {prose_list(said)}")
        n = int(group["n_asks"].iloc[0])
        sentences.append(f"Of the {n} asks of the {ask_year} inspection: {'; '.join(parts)}.")
    return sentences


def new_ask_sentences(origins: pd.DataFrame) -> list[str]:
    """One sentence per later inspection: how many of its asks return to earlier ones; how many new.

    Args:
        origins: :func:`analysis.compare.asks.ask_origins` output.

    Returns:
        E.g. ``Of the 17 asks of the 2016 inspection, 12 return to an earlier inspection's ask
        and 5 are new.``; none without later asks.
    """
    sentences = []
    if origins.empty:
        return sentences
    for year, group in origins.groupby("year", sort=True):
        n, new = len(group), int(group["new"].astype(bool).sum())
        asks = f"{n} ask{'' if n == 1 else 's'}"
        returning = f"{n - new} return{'s' if n - new == 1 else ''} to an earlier inspection's ask"
        are_new = f"{new} {'is' if new == 1 else 'are'} new"
        sentences.append(f"Of the {asks} of the {year} inspection, {returning} and {are_new}.")
    return sentences


def checked_sentence(checked: pd.DataFrame, status: pd.DataFrame) -> str:
    """How often the page's conclusions about the asks come out as the key's readers have them.

    Args:
        checked: :func:`analysis.present.checked.checked_conclusions` output.
        status: ``concern_status`` with the key's columns (``key_status``, ``key_split``).

    Returns:
        E.g. "Built again from the key's readers' reading (AI readers: data/labels/README.md),
        0 of the 5 sentences about the asks that the key wholly covers (the summary's and the
        asks chart's title) read word for word the same; the readers give the status found to 29
        of 49 asks and years that chose nothing (and 22 of the 27 that chose the thresholds);
        the report page sets the two side by side."; empty unless the key decided a sentence.
    """
    read = status[decided(status, "key_status")]
    if checked.empty or read.empty:
        return ""
    same, n = int(checked["same"].astype(bool).sum()), len(checked)
    # As the accuracy note counts them (concerns.status_agreement): a quote that says the
    # opposite of its status never agrees, so the two sentences cannot part on the same rows.
    agrees = ~differing(read, "status", "key_status") & ~contradictions(read)
    split = read["key_split"].astype(str)
    test, tuning = agrees[split == "test"], agrees[split == "tuning"]
    if len(test) and len(tuning):
        given = (
            f"{int(test.sum())} of {len(test)} asks and years that chose nothing (and "
            f"{int(tuning.sum())} of the {len(tuning)} that chose the thresholds)"
        )
    elif len(test):
        given = f"{int(test.sum())} of {len(test)} asks and years, none of which chose anything"
    else:
        given = (
            f"{int(tuning.sum())} of {len(tuning)} asks and years, all of which helped choose "
            "the thresholds"
        )
    sentences = "sentence" if n == 1 else "sentences"
    return (
        "Built again from the key's readers' reading (AI readers: data/labels/README.md), "
        f"{same} of the {n} {sentences} about the asks that the key wholly covers (the summary's "
        f"and the asks chart's title) {'reads' if same == 1 else 'read'} word for word the "
        f"same; the readers give the status found to {given}; the report page sets the two side "
        "by side."
    )


def performance_items(scorecard: pd.DataFrame, measures: pd.DataFrame, limit: int = 4) -> list:
    """Sentences on the KPI scorecard and on the measures followed across years, with links.

    Args:
        scorecard: the ``kpi_scorecard`` table.
        measures: the ``measures_across_years`` table (``is_headline`` rows are used).
        limit: how many followed measures to name.

    Returns:
        Items (:func:`item`), possibly none: the scorecard sentence links every KPI value, a
        measure's sentence each year's figure.
    """
    sentences = []
    has_kpis = "status" in scorecard.columns
    with_target = scorecard[scorecard["status"] != "no_target"] if has_kpis else scorecard
    if has_kpis and len(with_target):
        counts = with_target["status"].value_counts()
        period = scorecard_period(with_target)
        sentences.append(
            item(
                f"Of the {len(with_target)} KPI-report measures with a target ({period}), "
                f"{counts.get('on_target', 0)} were on target, "
                f"{counts.get('within_tolerance', 0)} within tolerance and "
                f"{counts.get('outside_tolerance', 0)} outside it.",
                links(with_target, kpi_link_label),
            )
        )
    inconsistent = (
        scorecard[scorecard["is_consistent"].astype(str) == "False"] if has_kpis else scorecard
    )
    if has_kpis and len(inconsistent):
        sentences.append(
            item(
                f"{len(inconsistent)} printed percentage(s) disagree with their own numerator and "
                "denominator (flagged in the scorecard).",
                links(inconsistent, kpi_link_label),
            )
        )
    from analysis.readings.indicators import catalogue_table

    labels = dict(zip(catalogue_table()["id"], catalogue_table()["label"], strict=True))
    if measures.empty:
        return sentences
    headline = measures[measures["is_headline"].astype(str) == "True"]
    for measure, group in list(headline.groupby("indicator_id", sort=False))[: limit * 3]:
        by_year = group.sort_values("value_char_start").drop_duplicates("year").sort_values("year")
        if by_year["year"].nunique() < 2 or len(sentences) >= limit + 2:
            continue
        unit = by_year["unit"].iloc[0]
        path = ", ".join(
            f"{format_value(v, unit)} ({y})"
            for v, y in zip(by_year["value"], by_year["year"], strict=True)
        )
        sentences.append(
            item(
                f"{labels.get(measure, measure)}: {path}, as stated; definitions differ "
                "between documents (see the caveats).",
                links(by_year, lambda r: str(r["year"])),
            )
        )
    return sentences


def kpi_link_label(row: dict) -> str:
    """The name of a link to a KPI-report value: ``KPI 7``, or a business-plan row's measure."""
    number = row.get("kpi_no")
    if number is None or number == "" or pd.isna(number):
        return str(row.get("label", "measure"))
    return f"KPI {int(float(number))}"


def item(text: str, words: list[tuple[str, str]] | None = None) -> dict:
    """One summary sentence and the links to the words it rests on (label, source_url)."""
    return {"text": text, "links": words or []}


def links(rows: pd.DataFrame, label) -> list[tuple[str, str]]:
    """``(label, source_url)`` for each row that has a link, in row order."""
    if "source_url" not in rows.columns:
        return []
    return [(label(r), r["source_url"]) for r in rows.to_dict("records") if r["source_url"]]


def summary_items(tables: dict[str, pd.DataFrame]) -> list[dict]:
    """The report page's summary of what changed, composed from the exported tables.

    Args:
        tables: exported tables by id; uses ``judgements_harmonised``, ``monitoring_visits``,
            ``ask_status_counts``, ``ask_origins``, ``asks_accuracy``, ``asks_checked`` and
            ``concern_status`` (when a key covers the asks), ``tone_by_year``,
            ``reading_accuracy`` (when exported), ``kpi_scorecard`` and
            ``measures_across_years``.

    Returns:
        Items (:func:`item`) in the order judgements, visits, what became of Ofsted's asks and
        how far to trust it, tone and how far to trust it, performance; empty ones left out.
        A sentence resting on rows with a ``source_url`` links to their words.
    """
    long = tables["judgements_harmonised"]
    visits = tables["monitoring_visits"]
    accuracy = tables.get("reading_accuracy", pd.DataFrame(columns=ACCURACY_COLUMNS))
    tone = tone_sentence(tables["tone_by_year"])
    asks = tables.get("ask_status_counts", pd.DataFrame())
    origins = tables.get("ask_origins", pd.DataFrame())
    overall = long[long["area_key"] == "overall"].sort_values("year")
    items = [
        item(
            f"Overall effectiveness: {overall_trajectory(long)}.",
            links(overall, lambda r: f"{r['year']} grade"),
        ),
        item(area_change_sentence(long)),
        *(
            item(sentence, links(visits.iloc[[i]], lambda r: f"{r['year']} letter"))
            for i, sentence in enumerate(visit_sentences(visits))
        ),
        *(item(sentence) for sentence in ask_sentences(asks)),
        *(item(sentence) for sentence in new_ask_sentences(origins)),
        item(asks_accuracy_note(tables.get("asks_accuracy", pd.DataFrame())) if len(asks) else ""),
        item(
            checked_sentence(
                tables.get("asks_checked", pd.DataFrame()),
                tables.get("concern_status", pd.DataFrame(columns=["status"])),
            )
        ),
        item(tone),
        item(accuracy_note(accuracy) if tone else ""),
        *performance_items(tables["kpi_scorecard"], tables["measures_across_years"]),
    ]
    return [entry for entry in items if entry["text"]]


def summary_sentences(tables: dict[str, pd.DataFrame]) -> list[str]:
    """The summary's sentences alone (see :func:`summary_items`)."""
    return [entry["text"] for entry in summary_items(tables)]
