"""Every folder and fixed setting the package and its tests use, declared once.

Code imports them from here rather than spelling ``data/...`` paths itself. Notebooks take their
folders as papermill parameters instead (defaults relative to ``notebooks/``, matching these),
so the same notebook can run on another project's folders.
"""

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]

DATA_DIR = PROJECT_DIR / "data"
RAW_DATA_DIR = DATA_DIR / "raw"
PROCESSED_DATA_DIR = DATA_DIR / "processed"
#: Paragraphs of the documents in data/raw labelled by hand (tone and themes), the truth the
#: phrase readers are measured against.
PARAGRAPH_LABELS_FILE = DATA_DIR / "labels" / "paragraph_labels.csv"

REPORTS_DIR = PROJECT_DIR / "reports"

NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
PACKAGE_DATA_DIR = Path(__file__).resolve().parent / "data"

REGISTRY_FILE_NAME = "sources.csv"


#: Fixed timestamp (seconds since the epoch) stamped into outputs that insist on one, so that
#: every run writes the same bytes: 2019-07-10, the date of the newest source document.
SOURCE_DATE_EPOCH = 1562716800
