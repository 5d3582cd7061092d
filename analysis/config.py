"""Every folder and fixed setting the project uses, declared once.

Notebooks receive these as papermill parameter defaults; code imports them from here rather than
spelling ``data/...`` paths itself.
"""

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]

DATA_DIR = PROJECT_DIR / "data"
RAW_DATA_DIR = DATA_DIR / "raw"
PROCESSED_DATA_DIR = DATA_DIR / "processed"

REPORTS_DIR = PROJECT_DIR / "reports"
FIGURES_DIR = REPORTS_DIR / "figures"
TABLES_DIR = REPORTS_DIR / "tables"
RENDERED_NOTEBOOKS_DIR = REPORTS_DIR / "notebooks"

NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
PACKAGE_DATA_DIR = Path(__file__).resolve().parent / "data"

REGISTRY_FILE_NAME = "sources.csv"

#: Years the Birmingham comparison places its documents in.
DEFAULT_YEARS = [2012, 2016, 2018, 2019]
DEFAULT_LOCAL_AUTHORITY = "Birmingham"

#: Fixed timestamp (seconds since the epoch) stamped into outputs that insist on one, so that
#: every run writes the same bytes: 2019-07-10, the date of the newest source document.
SOURCE_DATE_EPOCH = 1562716800
