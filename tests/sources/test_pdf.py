"""Tests for analysis.sources.pdf and the judgements command on PDFs: as Ofsted publishes them."""

import csv
import io
import re
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.config import CORPUS_DIR, CORPUS_PDF_DIR, RAW_DATA_DIR
from analysis.contract.errors import InputError
from analysis.evaluation.grades import judgement_key, read_expected_grades, score_grades
from analysis.parse.judgements import parse_judgements
from analysis.parse.recommendations import parse_recommendations
from analysis.sources.documents import read_text
from analysis.sources.pdf import PAGE_BREAK, page_of, pdf_text

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _corpus() -> Path:
    if not (CORPUS_PDF_DIR / "EXPECTED.csv").is_file():
        pytest.skip(f"{CORPUS_PDF_DIR} is absent: the PDF tests need ../shared beside the project")
    return CORPUS_PDF_DIR


@pytest.fixture(scope="module")
def published() -> dict[str, str]:
    """The text of every published report of ../shared/corpus-pdf, by file name, read once.

    :func:`pdf_text` keeps what it read, so the command line's workers, forked from this
    process, start with these texts too.
    """
    return {path.name: pdf_text(path) for path in sorted(_corpus().glob("*.pdf"))}


def _blank_pdf(path: Path) -> Path:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    document.new_page(200, 200)
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"<!DOCTYPE html><html><body>Not found</body></html>", "an HTML page"),
        (b"%PDF-1.7\nthis is not really a pdf", "cannot be opened: corrupt"),
        (b"", "empty"),
        (b"PK\x03\x04 a zip file", "not a PDF"),
    ],
)
def test_a_file_named_pdf_that_cannot_be_read_is_refused_by_name(tmp_path, content, problem):
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError, match=f"^{path}: .*{problem}"):
        pdf_text(path)


def test_an_encrypted_pdf_and_a_scan_are_refused(tmp_path):
    with pytest.raises(InputError, match="encrypted"):
        pdf_text(FIXTURES / "encrypted.pdf")
    with pytest.raises(InputError, match="no text layer"):
        pdf_text(_blank_pdf(tmp_path / "scan.pdf"))


def test_the_command_line_reports_bad_pdfs_and_prints_no_half_written_csv(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(
        "Children's services in Exampleshire are inadequate\n"
        "1. Children who need help and protection Inadequate\n"
    )
    bad = tmp_path / "download.pdf"
    bad.write_bytes(b"<html>error</html>")
    assert main(["judgements", str(good), str(bad)]) == 2
    out = capsys.readouterr()
    assert out.out == "" and f"{bad}: named .pdf but an HTML page" in out.err


def test_pages_are_counted_from_form_feeds():
    text = f"one{PAGE_BREAK}two{PAGE_BREAK}three"
    assert [page_of(text, text.index(w)) for w in ("one", "two", "three")] == [1, 2, 3]


@pytest.mark.shared
@pytest.mark.parametrize(
    ("pdf", "seed"),
    [
        ("birmingham-2016-11-25.pdf", "2016-11_ofsted_sif-inspection.txt"),
        ("birmingham-2019-01-17.pdf", "2019-02_bcc_scrutiny-committee-papers.txt"),
    ],
)
def test_birminghams_published_pdfs_give_the_seed_texts_grades(pdf, seed):
    text = pdf_text(_corpus() / pdf)
    seed_text = read_text(RAW_DATA_DIR / seed)

    def grades(t):
        return {(r["area_key"], r["area"], r["grade_score"]) for r in parse_judgements(t)}

    assert grades(text) == grades(seed_text) and len(grades(text)) >= 4


#: Each published PDF beside a text of the same report: the seed texts, and the corpus texts.
SAME_REPORTS = [
    ("birmingham-2016-11-25.pdf", RAW_DATA_DIR / "2016-11_ofsted_sif-inspection.txt"),
    ("birmingham-2019-01-17.pdf", RAW_DATA_DIR / "2019-02_bcc_scrutiny-committee-papers.txt"),
    ("bristol-2014-12-05.pdf", CORPUS_DIR / "bristol-2014-sif.txt"),
    ("bristol-2018-10-22.pdf", CORPUS_DIR / "bristol-2018-ilacs.txt"),
]


@pytest.mark.shared
@pytest.mark.parametrize(("pdf", "text_file"), SAME_REPORTS, ids=[p for p, _ in SAME_REPORTS])
def test_a_published_pdf_gives_the_recommendations_of_its_text(pdf, text_file):
    """PDF text has no blank lines and page numbers between a list's heading and the text above.

    The same items, word for word, with the same timescales and list headings, as the text
    (letters compared without punctuation or spaces: the corpus texts' converter dropped the
    hyphen of "decision-making" where the PDF keeps it).
    """
    if not text_file.is_file():
        pytest.skip(f"{text_file} is absent")

    def items(text):
        return [
            (re.sub(r"\W+", "", r["text"]).lower(), r["timescale"], r["section"])
            for r in parse_recommendations(text)
        ]

    from_pdf, from_text = items(pdf_text(_corpus() / pdf)), items(read_text(text_file))
    assert from_pdf == from_text and len(from_pdf) >= 6


@pytest.mark.shared
def test_the_published_corpus_grades_from_the_command_line(published, capsys):
    """Every grade read from the 52 reports, those of areas outside the vocabulary included."""
    corpus = _corpus()
    expected = read_expected_grades(corpus / "EXPECTED.csv")
    files = sorted({file for file, *_ in expected})
    assert main(["judgements", *(str(corpus / f) for f in files)]) == 0
    rows = csv.DictReader(io.StringIO(capsys.readouterr().out))
    score = score_grades(
        expected, {judgement_key(Path(r["file"]).name, r): r["grade_score"] for r in rows}
    )
    print(f"\n{score.right}/{score.expected} published grades right")
    assert not score.wrong and not score.extra, (score.wrong, score.extra)
    assert score.right == score.expected, score.missing


@pytest.mark.shared
def test_every_published_report_lists_its_asks_with_no_item_swallowed(published):
    """Every report of the 52 has a list of asks, and no numbered item is joined to another.

    Numbers run on by one within a list; a jump of more than ten starts the LSCB review's list
    (its paragraphs are numbered on from the report's), a small jump is an item swallowed.
    """
    empty, swallowed = [], {}
    for name, text in published.items():
        rows = parse_recommendations(text)
        numbers = [int(r["para_id"]) for r in rows if r["para_id"].isdigit()]
        pairs = zip(numbers, numbers[1:], strict=False)
        gaps = [(a, b) for a, b in pairs if not (b == a + 1 or b > a + 10)]
        if not rows:
            empty.append(name)
        if gaps:
            swallowed[name] = gaps
    assert not empty and not swallowed, (empty, swallowed)
