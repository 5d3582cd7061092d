"""Addresses of a document's words: where a row's evidence is shown on its source page.

Every extracted row's ``source_url`` is ``sources/<source_id>.html#c<start>-<end>`` (relative to
``reports/``); the page (:mod:`analysis.present.source_pages`) gives the element holding
exactly ``text[start:end]`` that id. One function builds both, so they cannot drift apart.
"""

#: Folder of the source pages inside ``reports/``.
SOURCE_PAGES_DIR = "sources"


def span_anchor(start: int, end: int) -> str:
    """The element id of the words at ``start:end`` on a source page, e.g. ``c120-245``."""
    return f"c{int(start)}-{int(end)}"


def source_page(source_id: str) -> str:
    """A document's page, relative to ``reports/``: ``sources/<source_id>.html``."""
    return f"{SOURCE_PAGES_DIR}/{source_id}.html"


def source_url(source_id: str, start: int, end: int) -> str:
    """The link to the words at ``start:end`` of a document, relative to ``reports/``."""
    return f"{source_page(source_id)}#{span_anchor(start, end)}"
