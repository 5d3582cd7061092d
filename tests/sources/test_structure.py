"""Tests for analysis.sources.structure: units, paragraphs, sections and parts."""

from pathlib import Path

import pytest

from analysis.config import CORPUS_DIR, RAW_DATA_DIR
from analysis.sources.documents import read_text
from analysis.sources.structure import split_paragraphs, split_parts, split_units

CORPUS = CORPUS_DIR

SIF = RAW_DATA_DIR / "2016-11_ofsted_sif-inspection.txt"
CP_2012 = RAW_DATA_DIR / "2012-09_ofsted_child-protection-inspection.txt"
LETTER = RAW_DATA_DIR / "2018-06_ofsted_monitoring-visit-letter.txt"
PAPERS = RAW_DATA_DIR / "2019-02_bcc_scrutiny-committee-papers.txt"
ANNUAL = RAW_DATA_DIR / "2019-07_bct_corporate-parenting-annual-report.txt"
ALL_RAW = [CP_2012, SIF, LETTER, PAPERS, ANNUAL]


def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent: the corpus tests need ../shared beside the project")
    return sorted(CORPUS.glob("*.txt"))


def _numbered(paragraphs) -> list[int]:
    return [int(p.para_id) for p in paragraphs if p.para_id.isdigit()]


# --- edge cases, inline -------------------------------------------------------------------


def test_page_number_inside_paragraph_is_in_span_not_in_text():
    text = (
        "Inspection findings\n\n"
        "108. Two well-attended rewards evenings were held. Achievement and participation \n"
        "in training and activities to develop \n\n\n \n\n32 \n\n"
        "their confidence and skills were celebrated. \n"
    )
    (paragraph,) = split_paragraphs(text)
    assert paragraph.para_id == "108"
    assert "32" not in paragraph.text
    assert paragraph.text.endswith("develop their confidence and skills were celebrated.")
    assert "\n32 \n" in text[paragraph.char_start : paragraph.char_end]


def test_hyphenated_line_end_is_closed_up():
    text = (
        "Findings\n\nPractice in the MASH is weak and too many decisions are made by non-\n"
        "qualified staff in the team today.\n"
    )
    (paragraph,) = split_paragraphs(text)
    assert "non-qualified staff" in paragraph.text


def test_page_break_continuation_is_one_paragraph():
    text = (
        "Leadership\n\n"
        "33. Key deficits from previous inspections are now beginning to be\n\n"
        "addressed. In some cases, swift decisions are made.\n\n"
        "34. Governance arrangements are now in place.\n"
    )
    paragraphs = split_paragraphs(text)
    assert [p.para_id for p in paragraphs] == ["33", "34"]
    assert paragraphs[0].text.endswith(
        "beginning to be addressed. In some cases, swift decisions are made."
    )


def test_number_alone_on_its_line_joins_its_paragraph():
    text = "Inspection findings\n14.\n\nA strong and effective basis for early help is provided.\n"
    (paragraph,) = split_paragraphs(text)
    assert (paragraph.para_id, paragraph.text) == (
        "14",
        "A strong and effective basis for early help is provided.",
    )


def test_markdown_headings_bold_and_entities():
    text = (
        "## **The impact of leaders**\n\n"
        "48. BCT &amp; the council know themselves <b>well</b> and are building on progress.\n"
        "49. Staff received training on the 17<sup>th</sup> of [December](http://x.org).\n"
    )
    paragraphs = split_paragraphs(text)
    assert [p.section for p in paragraphs] == ["The impact of leaders"] * 2
    assert (
        paragraphs[0].text == "BCT & the council know themselves well and are building on progress."
    )
    assert paragraphs[1].text == "Staff received training on the 17th of December."


def test_tab_rows_and_grades_are_not_prose():
    text = (
        "Record of main findings\n\n"
        "Overall effectiveness\tInadequate\n"
        "The quality of practice\tInadequate\n\n"
        "Inadequate\n\n"
        "1. The quality of practice is inadequate in most of the cases seen.\n"
    )
    units = split_units(text)
    assert [u.kind for u in units] == ["heading", "table", "table", "grade", "paragraph"]
    assert len(split_paragraphs(text)) == 1


def test_wrapped_text_without_blank_lines_splits_at_short_lines():
    width_line = "Word " * 16
    text = (
        "Executive summary\n"
        f"{width_line}\nend of the first paragraph.\n"
        f"Second paragraph {width_line}\nends here.\n"
    )
    paragraphs = split_paragraphs(text)
    assert len(paragraphs) == 2
    assert paragraphs[1].text.startswith("Second paragraph")


#: A full line of PDF text (82 characters), and a paragraph of them that sets the wrap width of
#: the examples below the way a report's many lines set it.
_FULL = "Inspectors found that plans for children are reviewed regularly by their managers"
_BODY = "\n".join([_FULL] * 12) + " in time.\n"
#: A line ending a sentence with no room left on it for another word.
_FULL_STOP = "touch, and the reasons are fully recorded, collated, analysed and reviewed there."


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(u.kind, u.text[:30]) for u in split_units(text)]


def test_a_title_opening_a_new_page_is_not_joined_to_the_long_line_above():
    """PDF text: no blank lines, a page number, and a footnote line longer than the width."""
    text = (
        f"{_BODY}[1] These are residential special schools that look after children for 295 "
        f"days or less per year.\f8\nRecommendations\n"
        f"\uf06e Strengthen the management oversight of the front door and its decisions.\n"
    )
    kinds = _kinds(text)
    assert ("heading", "Recommendations") in kinds
    assert kinds[-1][0] == "paragraph"


def test_a_short_title_above_a_numbered_item_is_not_joined_to_the_sentence_above():
    text = (
        f"{_BODY}1. {_FULL}\n{_FULL_STOP}\nEducational outcomes for looked after children\n"
        f"2. Ensure that the attainment gap closes at a quicker pace for all the children.\n"
    )
    assert [k for k, _ in _kinds(text)][1:] == ["paragraph", "heading", "paragraph"]


def test_a_question_title_on_a_new_page_is_a_unit_of_its_own():
    text = (
        f"{_BODY}{_FULL_STOP}\f4\nWhat does the local authority need to improve?\n"
        f"1. Ensure that each care leaver has a pathway plan that sets out their next steps.\n"
    )
    texts = [u.text for u in split_units(text)]
    assert "What does the local authority need to improve?" in texts


def test_a_judgement_heading_wrapped_with_its_grade_opens_a_unit():
    text = (
        f"{_BODY}\uf06e {_FULL_STOP}\n"
        "The experiences and progress of children who need help and\n"
        "protection requires improvement to be good\n"
        f"1. {_FULL}.\n"
    )
    kinds = _kinds(text)
    assert kinds[2] == ("heading", "The experiences and progress o")


def test_the_next_number_opens_the_next_item_even_after_a_missing_full_stop():
    text = (
        f"{_BODY}151. Complete work to develop the performance management framework so that\n"
        f"service effectiveness can be evaluated rigorously across all agencies in the area\n"
        f"152. Provide regular scrutiny of services for looked after children.\n"
    )
    assert [u.para_id for u in split_units(text)][1:] == ["151", "152"]


def test_a_paragraph_reference_ends_a_sentence():
    text = (
        f"{_BODY}1. Ensure that care leavers are given information about their health and\n"
        "that resources can be better targeted in the service. (page 10, paragraphs 101 - 3)\n"
        f"3. Ensure that pathway plans are more specific regarding actions and timescales\n"
        "and that the work is followed up. (Paragraph 109)\n"
    )
    assert [u.para_id for u in split_units(text)][1:] == ["1", "3"]


def test_bullet_sentences_count_and_fragments_do_not():
    text = (
        "Key Messages\n\n- We will maintain and deepen engagement with young people\n- 752 (41%)\n"
    )
    (paragraph,) = split_paragraphs(text)
    assert paragraph.text.startswith("We will maintain")


def test_minor_headings_keep_the_section():
    text = (
        "The experiences of children\n\nSummary\n\nChildren are seen regularly by their workers.\n"
    )
    (paragraph,) = split_paragraphs(text)
    assert paragraph.section == "The experiences of children"


def test_single_document_is_one_part():
    text = "Monitoring visit of Anytown children's services\n\nThis letter sets out findings.\n"
    (part,) = split_parts(text)
    assert (part.kind, part.char_start, part.char_end) == ("monitoring_letter", 0, len(text))


def test_bundle_splits_at_title_blocks():
    text = (
        "## **A G E N D A**\n\n### **1 APOLOGIES**\n\nTo receive apologies.\n\n"
        "# Anytown Council\n\n## Inspection of children's social care services\n\n"
        "Children are safe here in most of the cases seen.\n"
    )
    parts = split_parts(text)
    assert [p.kind for p in parts] == ["agenda", "ofsted_report"]
    assert text[parts[1].char_start :].startswith("# Anytown Council")
    assert split_paragraphs(text)[-1].part == "Inspection of children's social care services"


# --- whole documents ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_RAW, ids=lambda p: p.name)
def test_every_paragraph_carries_its_evidence_span(path):
    text = read_text(path)
    paragraphs = split_paragraphs(text)
    assert paragraphs
    for paragraph in paragraphs:
        raw = text[paragraph.char_start : paragraph.char_end]
        assert raw == raw.strip() and raw
        assert paragraph.text and "\n" not in paragraph.text
    starts = [p.char_start for p in paragraphs]
    assert starts == sorted(starts)


def test_sif_2016_numbered_paragraphs_1_to_124_are_all_found():
    paragraphs = split_paragraphs(read_text(SIF))
    assert sorted(_numbered(paragraphs)) == list(range(1, 125))
    by_id = {p.para_id: p for p in paragraphs}
    assert by_id["77"].text.startswith("Steady progress over the last 15 months")
    assert "improved the adoption service" in by_id["77"].text
    assert by_id["18"].section.startswith("The experiences and progress of children who need")


def test_cp_2012_numbered_paragraphs_1_to_37_are_all_found():
    paragraphs = split_paragraphs(read_text(CP_2012))
    assert sorted(_numbered(paragraphs)) == list(range(1, 38))
    para_33 = next(p for p in paragraphs if p.para_id == "33")
    assert "now beginning to be addressed. In some cases" in para_33.text


def test_committee_papers_parts_and_ilacs_paragraphs():
    text = read_text(PAPERS)
    parts = split_parts(text)
    assert [p.kind for p in parts] == [
        "agenda",
        "minutes",
        "minutes",
        "ofsted_report",
        "kpi_report",
        "work_programme",
    ]
    assert parts[0].char_start == 0 and parts[-1].char_end == len(text)
    ofsted = [p for p in split_paragraphs(text) if p.part == parts[3].name and p.para_id]
    assert sorted(_numbered(ofsted)) == list(range(1, 58))


def test_single_documents_are_classified():
    kinds = [split_parts(read_text(path))[0].kind for path in (CP_2012, SIF, LETTER, ANNUAL)]
    assert kinds == ["ofsted_report", "ofsted_report", "monitoring_letter", "annual_report"]


def test_corpus_numbered_paragraphs_have_no_gaps():
    for path in _corpus_files():
        numbers = _numbered(split_paragraphs(read_text(path)))
        assert numbers, path.name
        assert sorted(set(numbers)) == list(range(1, max(numbers) + 1)), path.name
        assert len(numbers) == len(set(numbers)), path.name


# --- invariance -----------------------------------------------------------------------------


def _resave(text: str) -> str:
    """The text as another tool might save it: BOM, CRLF, no-break spaces, curly quotes."""
    changed = text.replace("'", "\u2019").replace(" the ", "\u00a0the ")
    return "\ufeff" + changed.replace("\n", "\r\n")


@pytest.mark.parametrize("path", [SIF, PAPERS, CP_2012], ids=lambda p: p.name)
def test_resaved_text_gives_the_same_paragraphs(path, tmp_path):
    text = read_text(path)
    copy = tmp_path / path.name
    copy.write_bytes(_resave(text).encode("utf-8"))
    resaved = read_text(copy)
    before, after = split_paragraphs(text), split_paragraphs(resaved)
    assert [(p.para_id, p.section, p.text) for p in before] == [
        (p.para_id, p.section, p.text) for p in after
    ]
    assert [(p.char_start, p.char_end) for p in before] == [
        (p.char_start, p.char_end) for p in after
    ]


def test_a_running_header_repeated_on_most_pages_is_page_furniture():
    from analysis.sources.structure import running_lines

    header = "Medway Council Inspection of looked after children {}"
    findings = [
        "Plans are reviewed.",
        "Visits are timely.",
        "Leaders know the service.",
        "Health checks are late.",
        "Care leavers are in touch.",
    ]
    pages = [f"{header.format(n)}\n{finding}\n" for n, finding in enumerate(findings, start=2)]
    text = "Front page\n\f" + "\f".join(pages)
    starts = running_lines(text)
    assert len(starts) == 5
    assert all(text[s:].startswith("Medway Council") for s in starts)
    paragraphs = split_paragraphs(text)
    assert not any("Medway Council" in p.text for p in paragraphs)
    assert running_lines(text.replace("\f", "\n")) == set()


def test_a_heading_above_a_2013_grade_line_is_not_joined_to_the_item_before_it():
    text = (
        f"{_BODY}\u2022 support care leavers in making informed choices about their future life\n"
        "Outcomes for looked after children and young\npeople\nGrade 4 (Inadequate)\n"
        "21. Outcomes for looked after children and young people are inadequate.\n"
    )
    units = [u.text for u in split_units(text)]
    assert units[1].endswith("about their future life")
    assert units[2] == "Outcomes for looked after children and young people"
