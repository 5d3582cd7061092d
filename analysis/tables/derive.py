"""Figures the project computes from stated ones: rates per 10,000 children from counts.

Only ``reports/tables/`` holds computed figures; ``indicators.csv`` holds what the documents
state. Each derived row names the stated figures it used (with their positions in the raw
text) and, where the document also states the rate, compares the two.
"""

import pandas as pd

#: Counts that become rates per 10,000 children, with the stated-rate id to compare against.
RATE_MEASURES = {
    "children_in_need_count": "children_in_need_rate_per_10k",
    "child_protection_plans_count": "child_protection_plans_rate_per_10k",
    "children_looked_after_count": "children_looked_after_rate_per_10k",
}
POPULATION_ID = "child_population_count"

DERIVED_RATES_METHOD = (
    "rate_per_10k = 10,000 x count / child population, both as stated in the same document: "
    "every count of the authority's own that states its period (a snapshot such as 'At 31 "
    "August 2016'), over the document's first stated child population. stated_rate_per_10k is "
    "the document's own rate for the same measure and period where it gives one; difference = "
    "derived - stated. count_at and population_at are the figures' offsets in the raw text."
)
COLUMNS = [
    "source_id",
    "year",
    "measure",
    "period",
    "count",
    "population",
    "rate_per_10k",
    "stated_rate_per_10k",
    "difference",
    "count_at",
    "population_at",
]


def _first(frame: pd.DataFrame):
    return None if frame.empty else frame.sort_values("value_char_start").iloc[0]


def _rate_row(doc: pd.DataFrame, count: pd.Series, population: pd.Series, rate_id: str) -> dict:
    stated = _first(doc[(doc["indicator_id"] == rate_id) & (doc["period"] == count["period"])])
    rate = round(10_000 * count["value"] / population["value"], 1)
    return {
        "source_id": count["source_id"],
        "year": int(count["year"]),
        "measure": count["indicator_id"].removesuffix("_count"),
        "period": count["period"],
        "count": count["value"],
        "population": population["value"],
        "rate_per_10k": rate,
        "stated_rate_per_10k": None if stated is None else stated["value"],
        "difference": None if stated is None else round(rate - stated["value"], 1),
        "count_at": int(count["value_char_start"]),
        "population_at": int(population["value_char_start"]),
    }


def derived_rates_per_10k(indicators: pd.DataFrame) -> pd.DataFrame:
    """Compute rates per 10,000 children from the counts and child population a document states.

    Grain: one row per dated count of a document that also states its child population.

    Args:
        indicators: the processed ``indicators`` table.

    Returns:
        The columns of :data:`COLUMNS`; ``rate_per_10k`` is rounded to one decimal place.
    """
    own = indicators[(indicators["series"] == "la") & (indicators["origin"] == "prose")]
    rows = []
    for _, doc in own.groupby("source_id", sort=True):
        population = _first(doc[doc["indicator_id"] == POPULATION_ID])
        if population is None:
            continue
        for count_id, rate_id in RATE_MEASURES.items():
            counts = doc[(doc["indicator_id"] == count_id) & (doc["period"] != "")]
            for _, count in counts.sort_values("value_char_start").iterrows():
                rows.append(_rate_row(doc, count, population, rate_id))
    return pd.DataFrame(rows, columns=COLUMNS)
