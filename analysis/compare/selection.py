"""Which documents a comparison covers: the chosen years and authority, and source notes.

Every comparison starts here: :func:`select_sources` picks the registered documents,
:func:`restrict` keeps a table's rows from them, :func:`sources_note` names them under a chart.
"""

import pandas as pd

from analysis.sources.documents import selection


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


def sources_note(source_ids) -> str:
    """A chart's source note naming the documents, e.g. ``Source: ofsted-2012-cp; ...``."""
    ids = sorted(set(source_ids))
    return "Source: " + "; ".join(ids) + " (registered in data/raw/sources.csv)."
