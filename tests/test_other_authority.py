"""An analyst in another authority registers their own reports and gets the same analysis.

A scratch project holds two of Bristol's Ofsted reports from ../shared/corpus (2014 SIF, 2018
ILACS) and nothing else: no monitoring letter, no KPI report. Every notebook runs unchanged, in
one process, with ``local_authority="Bristol"``, and no labels or keys (``labels_csv=""``...).
"""

import csv
import shutil

import pytest

from analysis.config import CORPUS_DIR, NOTEBOOKS_DIR
from analysis.contract.values import REGISTRY_COLUMNS
from analysis.files import read_csv
from analysis.run.notebooks import run_in_process
from analysis.sources.documents import sha256_of

REPORTS = {
    "bristol-2014-sif.txt": (2014, "2014-07-01"),
    "bristol-2018-ilacs.txt": (2018, "2018-06-01"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    corpus = CORPUS_DIR
    if not all((corpus / name).is_file() for name in REPORTS):
        pytest.skip(f"{corpus} is absent: this test uses Bristol's reports from ../shared/corpus")
    root = tmp_path_factory.mktemp("bristol")
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    shutil.copytree(NOTEBOOKS_DIR, root / "notebooks")
    with open(raw / "sources.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(REGISTRY_COLUMNS)
        for name, (year, published) in REPORTS.items():
            shutil.copy(corpus / name, raw / name)
            writer.writerow(
                [
                    f"bristol-{year}",
                    name,
                    year,
                    published,
                    "inspection_report",
                    "Ofsted inspection",
                    "Ofsted",
                    "Bristol City Council",
                    sha256_of(raw / name),
                ]
            )
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
    assert set(tone["year"]) == {2014, 2018}
    index = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Bristol children&#39;s services, 2014-2018" in index
    figures = read_csv(project / "reports" / "figures" / "figures.csv")
    assert {"judgements_by_area", "themes_by_year", "tone_by_year"} <= set(figures["figure_id"])


def test_without_hand_labels_the_page_says_tone_is_unchecked(project):
    accuracy = read_csv(project / "reports" / "tables" / "reading_accuracy.csv")
    assert accuracy.empty
    index = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert "not checked against labels here" in index
