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
#: Every hand-made key the project is measured against (see ``data/labels/README.md``).
LABELS_DIR = DATA_DIR / "labels"
#: Paragraphs of the documents in data/raw labelled (tone and themes), the truth the
#: phrase readers are measured against.
PARAGRAPH_LABELS_FILE = LABELS_DIR / "paragraph_labels.csv"
#: Paragraphs of other authorities' reports (``../shared/corpus``) labelled for tone.
CORPUS_TONE_LABELS_FILE = LABELS_DIR / "tone_labels_corpus.csv"
#: Figures in prose read off the documents in data/raw, by document and anchor words.
FIGURES_CHECKLIST_FILE = LABELS_DIR / "figures_checklist.csv"
#: Every value of the December 2018 KPI report's 15 blocks, read off the document.
KPI_CHECKLIST_FILE = LABELS_DIR / "kpi_checklist.csv"
#: Paragraphs marked "(Recommendation)" and the recommendation a reader linked each to.
RECOMMENDATION_LINKS_FILE = LABELS_DIR / "recommendation_links.csv"

#: Material beside the project that tests use when present (``../shared``), never the build.
SHARED_DIR = PROJECT_DIR.parent / "shared"
#: Other authorities' Ofsted reports as text, with their published grades (``EXPECTED.csv``).
CORPUS_DIR = SHARED_DIR / "corpus"
#: Other authorities' Ofsted reports as published (PDF), with every grade read from them.
CORPUS_PDF_DIR = SHARED_DIR / "corpus-pdf"
#: Where the asks key's other authorities' reports are looked up, text before PDF.
KEY_CORPUS_DIRS = (CORPUS_DIR, CORPUS_PDF_DIR)

REPORTS_DIR = PROJECT_DIR / "reports"

NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
PACKAGE_DATA_DIR = Path(__file__).resolve().parent / "data"
#: Jinja templates of the report page and of the rendered notebooks.
TEMPLATES_DIR = Path(__file__).resolve().parent / "present" / "templates"

REGISTRY_FILE_NAME = "sources.csv"


#: Fixed timestamp (seconds since the epoch) stamped into outputs that insist on one, so that
#: every run writes the same bytes: 2019-07-10, the date of the newest source document.
SOURCE_DATE_EPOCH = 1562716800
