"""Birmingham children's services 2012-2019 as tidy, traceable data.

The package turns registered source documents (``data/raw/`` plus ``sources.csv``) into the
processed tables of ``DATA_CONTRACT.md`` and the charts and tables under ``reports/``.
Notebooks call into it; every function worth testing lives here.
"""

__version__ = "0.1.0"
