"""An analyst in another authority registers their own reports, as they have them, and gets the
same analysis; a document added to the registry then flows into every comparison.

A scratch project holds two of Bristol's Ofsted reports as text from ../shared/corpus (2014 SIF,
2018 ILACS), one report as Ofsted published it (a PDF from ../shared/corpus-pdf, registered for
Bristol under a year of its own) and nothing else: no monitoring letter, no KPI report, no labels
or keys. Every notebook runs unchanged, in one process, with ``local_authority="Bristol"`` and
``labels_csv=""`` (...): the PDF's text is extracted to data/interim/, its rows cite their pages,
and its year is in every comparison.
"""

import csv
import shutil

import pytest

from analysis.config import CORPUS_DIR, CORPUS_PDF_DIR, NOTEBOOKS_DIR
from analysis.contract.values import REGISTRY_COLUMNS
from analysis.files import read_csv
from analysis.run.notebooks import run_in_process
from analysis.sources.documents import sha256_of

pytestmark = pytest.mark.slow

REPORTS = {
    "bristol-2014-sif.txt": (2014, "2014-07-01"),
    "bristol-2018-ilacs.txt": (2018, "2018-06-01"),
}
#: Another authority's published report, registered as a document of its own year.
PDF = "hartlepool-2018-08-28.pdf"
PDF_ID = "extra-2016-ilacs"
PDF_YEAR = 2016


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    corpus = CORPUS_DIR
    if not all((corpus / name).is_file() for name in REPORTS):
        pytest.skip(f"{corpus} is absent: this test uses Bristol's reports from ../shared/corpus")
    if not (CORPUS_PDF_DIR / PDF).is_file():
        pytest.skip(f"{CORPUS_PDF_DIR} is absent: this test borrows a published PDF from it")
    root = tmp_path_factory.mktemp("bristol")
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    shutil.copytree(NOTEBOOKS_DIR, root / "notebooks")
    documents = [
        (f"bristol-{year}", corpus / name, year, published, "Ofsted inspection")
        for name, (year, published) in REPORTS.items()
    ]
    documents.append(
        (
            PDF_ID,
            CORPUS_PDF_DIR / PDF,
            PDF_YEAR,
            f"{PDF_YEAR}-06-30",
            "Inspection of children's social care services (test document)",
        )
    )
    with open(raw / "sources.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(REGISTRY_COLUMNS)
        for source_id, path, year, published, title in documents:
            shutil.copy(path, raw / path.name)
            row = {
                "source_id": source_id,
                "file": path.name,
                "year": year,
                "published": published,
                "document_type": "inspection_report",
                "title": title,
                "publisher": "Ofsted",
                "local_authority": "Bristol City Council",
                "sha256": sha256_of(raw / path.name),
            }
            writer.writerow([row.get(column, "") for column in REGISTRY_COLUMNS])
    for notebook in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        parameters = {"local_authority": "Bristol"}
        if notebook.name.startswith("04_"):
            parameters |= {"labels_csv": "", "links_key_csv": "", "status_key_csv": ""}
        run_in_process(notebook, parameters)
    return root


def test_judgements_of_both_inspections(project):
    wide = read_csv(project / "reports" / "tables" / "judgements_by_area_and_year.csv")
    assert {"2014", "2018"} <= set(wide.columns)
    overall = wide.set_index("area_key").loc["overall"]
    assert overall["2014"].endswith("(3)")
    assert overall["2018"].endswith("(3)")


def test_findings_and_page_are_built(project):
    tone = read_csv(project / "reports" / "tables" / "tone_by_year.csv")
    assert set(tone["year"]) == {2014, PDF_YEAR, 2018}
    index = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Bristol children&#39;s services, 2014-2018" in index
    figures = read_csv(project / "reports" / "figures" / "figures.csv")
    assert {"judgements_by_area", "themes_by_year", "tone_by_year"} <= set(figures["figure_id"])


def test_without_hand_labels_the_page_says_tone_is_unchecked(project):
    accuracy = read_csv(project / "reports" / "tables" / "reading_accuracy.csv")
    assert accuracy.empty
    index = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert "not checked against labels here" in index


def test_the_new_year_is_in_every_comparison_table(project):
    tables = project / "reports" / "tables"
    assert str(PDF_YEAR) in read_csv(tables / "judgements_by_area_and_year.csv").columns
    for name in ("themes_by_year", "tone_by_year", "tone_by_theme_and_year"):
        assert PDF_YEAR in set(read_csv(tables / f"{name}.csv")["year"]), name
    assert PDF_YEAR in set(read_csv(tables / "judgements_harmonised.csv")["year"])
    assert PDF_YEAR in set(read_csv(tables / "recommendations_by_theme.csv")["year"])


def test_the_new_document_is_named_as_a_source(project):
    figures = read_csv(project / "reports" / "figures" / "figures.csv")
    judged = figures[figures["figure_id"] == "judgements_by_area"]
    assert PDF_ID in judged["sources"].iloc[0]
    index = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert PDF_ID in index and str(PDF_YEAR) in index


def test_every_chart_and_table_is_still_written(project):
    figures = read_csv(project / "reports" / "figures" / "figures.csv")
    tables = read_csv(project / "reports" / "tables" / "tables.csv")
    assert len(figures) >= 7 and len(tables) >= 6
    for name in figures["png"].tolist() + figures["svg"].tolist():
        assert (project / "reports" / "figures" / name).stat().st_size > 1000
    assert (project / "reports" / "tables" / "tables.xlsx").is_file()


def test_the_pdfs_text_is_extracted_and_every_row_cites_its_page(project):
    sources = read_csv(project / "data" / "processed" / "sources.csv")
    row = sources.set_index("source_id").loc[PDF_ID]
    assert row["text_path"] == f"data/interim/{PDF_ID}.txt"
    with open(project / row["text_path"], encoding="utf-8-sig") as handle:
        text = handle.read()
    assert "\f" in text
    for table in ("judgements", "recommendations", "findings"):
        rows = read_csv(project / "data" / "processed" / f"{table}.csv", ["evidence"])
        mine = rows[rows["source_id"] == PDF_ID]
        assert len(mine), table
        assert (mine["page"] >= 1).all(), table
        assert all(text[r.char_start : r.char_end] == r.evidence for r in mine.itertuples())
        others = rows[rows["source_id"] != PDF_ID]
        assert others["page"].isna().all(), table


def test_the_pdfs_asks_are_followed_and_its_page_shows_page_numbers(project):
    status = read_csv(project / "reports" / "tables" / "concern_status.csv")
    assert PDF_YEAR in set(status["ask_year"]) and PDF_YEAR in set(status["year"])
    page = (project / "reports" / "sources" / f"{PDF_ID}.html").read_text(encoding="utf-8")
    assert 'data-page="2"' in page
