"""Adding a document is a file plus a registry row: every comparison then includes it.

A scratch copy of the project's raw data gets one more report as Ofsted published it (another
authority's PDF from ../shared/corpus-pdf, registered for Birmingham under a year of its own),
and every numbered notebook runs on it, unchanged, in one process: its text is extracted to
data/interim/, and its rows cite their pages.
"""

import csv
import shutil

import pytest

from analysis.config import CORPUS_PDF_DIR, NOTEBOOKS_DIR, PARAGRAPH_LABELS_FILE, RAW_DATA_DIR
from analysis.files import read_csv
from analysis.run.notebooks import run_in_process
from analysis.sources.documents import sha256_of

NEW_YEAR = 2017


@pytest.fixture(scope="module")
def project(tmp_path_factory, request):
    report = CORPUS_PDF_DIR / "hartlepool-2018-08-28.pdf"
    if not report.is_file():
        pytest.skip(f"{CORPUS_PDF_DIR} is absent: this test borrows a published PDF from it")
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(RAW_DATA_DIR, root / "data" / "raw")
    shutil.copytree(PARAGRAPH_LABELS_FILE.parent, root / "data" / "labels")
    shutil.copytree(NOTEBOOKS_DIR, root / "notebooks")
    shutil.copy(report, root / "data" / "raw" / report.name)
    with open(root / "data" / "raw" / "sources.csv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(
            [
                "extra-2017-ilacs",
                report.name,
                NEW_YEAR,
                f"{NEW_YEAR}-06-30",
                "inspection_report",
                "Inspection of children's social care services",
                "Ofsted",
                "Birmingham",
                sha256_of(report),
                "OGL-3.0",
                "test document",
            ]
        )
    for notebook in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        run_in_process(notebook, {})
    return root


def test_the_new_year_is_in_every_comparison_table(project):
    tables = project / "reports" / "tables"
    assert str(NEW_YEAR) in read_csv(tables / "judgements_by_area_and_year.csv").columns
    for name in ("themes_by_year", "tone_by_year", "tone_by_theme_and_year"):
        assert NEW_YEAR in set(read_csv(tables / f"{name}.csv")["year"]), name
    assert NEW_YEAR in set(read_csv(tables / "judgements_harmonised.csv")["year"])
    assert NEW_YEAR in set(read_csv(tables / "recommendations_by_theme.csv")["year"])


def test_the_new_document_is_named_as_a_source(project):
    figures = read_csv(project / "reports" / "figures" / "figures.csv")
    judged = figures[figures["figure_id"] == "judgements_by_area"]
    assert "extra-2017-ilacs" in judged["sources"].iloc[0]
    index = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert "extra-2017-ilacs" in index and str(NEW_YEAR) in index


def test_every_chart_and_table_is_still_written(project):
    figures = read_csv(project / "reports" / "figures" / "figures.csv")
    tables = read_csv(project / "reports" / "tables" / "tables.csv")
    assert len(figures) >= 7 and len(tables) >= 6
    for name in figures["png"].tolist() + figures["svg"].tolist():
        assert (project / "reports" / "figures" / name).stat().st_size > 1000
    assert (project / "reports" / "tables" / "tables.xlsx").is_file()


def test_the_pdfs_text_is_extracted_and_every_row_cites_its_page(project):
    sources = read_csv(project / "data" / "processed" / "sources.csv")
    row = sources.set_index("source_id").loc["extra-2017-ilacs"]
    assert row["text_path"] == "data/interim/extra-2017-ilacs.txt"
    with open(project / row["text_path"], encoding="utf-8-sig") as handle:
        text = handle.read()
    assert "\f" in text
    for table in ("judgements", "recommendations", "findings"):
        rows = read_csv(project / "data" / "processed" / f"{table}.csv", ["evidence"])
        mine = rows[rows["source_id"] == "extra-2017-ilacs"]
        assert len(mine), table
        assert (mine["page"] >= 1).all(), table
        assert all(text[r.char_start : r.char_end] == r.evidence for r in mine.itertuples())
        others = rows[rows["source_id"] != "extra-2017-ilacs"]
        assert others["page"].isna().all(), table


def test_the_pdfs_asks_are_followed_and_its_page_shows_page_numbers(project):
    status = read_csv(project / "reports" / "tables" / "concern_status.csv")
    assert NEW_YEAR in set(status["ask_year"]) and NEW_YEAR in set(status["year"])
    page = (project / "reports" / "sources" / "extra-2017-ilacs.html").read_text(encoding="utf-8")
    assert 'data-page="2"' in page
