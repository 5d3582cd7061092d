"""The pipeline end to end on the real documents: completeness, traceability, bad input."""

import dataclasses

import pandas as pd
import pytest

from analysis.config import NOTEBOOKS_DIR, PARAGRAPH_LABELS_FILE, RAW_DATA_DIR
from analysis.contract.errors import InputError
from analysis.run.notebooks import check_parameter_names
from analysis.run.params import check_parameters, optional_file
from analysis.sources.documents import load_documents
from analysis.tables import processed as pipeline


@pytest.fixture(scope="module")
def documents():
    return load_documents(RAW_DATA_DIR)


@pytest.fixture(scope="module")
def tables(documents):
    indicators, unreadable = pipeline.build_indicators(documents)
    return {
        "judgements": pipeline.build_judgements(documents),
        "recommendations": pipeline.build_recommendations(documents),
        "findings": pipeline.build_findings(documents),
        "indicators": indicators,
        "unreadable": unreadable,
    }


def test_every_row_is_traceable_to_its_words(documents, tables):
    for name in ("judgements", "recommendations", "findings", "indicators"):
        assert pipeline.check_evidence(tables[name], documents) == len(tables[name]) > 0


def test_judgements_of_every_inspection(tables):
    got = tables["judgements"].groupby("source_id")["grade_score"].apply(list).to_dict()
    assert got == {
        "ofsted-2012-cp": [4, 4, 4, 4],
        "ofsted-2016-sif": [4, 4, 3, 3, 3, 4],
        "bcc-2019-scrutiny": [3, 3, 3, 3],
    }


def test_recommendations_of_every_inspection(tables):
    counts = tables["recommendations"].groupby("source_id").size().to_dict()
    assert counts == {"ofsted-2012-cp": 14, "ofsted-2016-sif": 17, "bcc-2019-scrutiny": 6}
    linked = tables["recommendations"]["linked_para_ids"].str.split(";").explode()
    assert (linked != "").sum() == 24  # every "(Recommendation)" paragraph of 2016 is linked


def test_every_numbered_paragraph_is_a_finding(tables):
    findings = tables["findings"]
    numbered = findings[findings["para_id"] != ""].groupby("source_id")["para_id"]
    ids = numbered.apply(lambda s: sorted(int(p) for p in s if p.isdigit())).to_dict()
    assert set(range(1, 125)) <= set(ids["ofsted-2016-sif"])
    assert set(range(1, 38)) <= set(ids["ofsted-2012-cp"])
    assert set(findings["source_id"]) == {d for d in tables["findings"]["source_id"]}
    assert findings.groupby("source_id").size().min() >= 20


def test_kpi_and_prose_figures(tables):
    indicators = tables["indicators"]
    kpi = indicators[indicators["origin"] == "kpi"]
    assert sorted(kpi["kpi_no"].unique(), key=int) == [str(n) for n in range(1, 16)]
    assert set(indicators.loc[indicators["origin"] == "prose", "source_id"]) == {
        "ofsted-2012-cp",
        "ofsted-2016-sif",
        "ofsted-2018-mv",
        "bcc-2019-scrutiny",
        "bct-2019-corporate-parenting",
    }


def test_unreadable_figures_are_reported_with_position(tables):
    unreadable = tables["unreadable"]
    assert len(unreadable) >= 1
    assert unreadable["line_column"].str.fullmatch(r"\d+:\d+").all()


def _resaved(raw, transform):
    for path in raw.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(transform(text))
    registry = pd.read_csv(raw / "sources.csv", dtype=str, keep_default_na=False)
    from analysis.sources.documents import sha256_of

    registry["sha256"] = [sha256_of(raw / f) for f in registry["file"]]
    registry.to_csv(raw / "sources.csv", index=False, lineterminator="\n")
    return load_documents(raw)


def test_crlf_and_byte_order_mark_parse_exactly_as_the_original(raw_copy, tables):
    docs = _resaved(raw_copy, lambda t: ("\ufeff" + t.replace("\n", "\r\n")).encode("utf-8"))
    assert pipeline.build_judgements(docs).equals(tables["judgements"])
    assert pipeline.build_findings(docs).equals(tables["findings"])
    assert pipeline.build_indicators(docs)[0].equals(tables["indicators"])


def test_no_break_spaces_and_curly_quotes_parse_the_same(raw_copy, tables):
    def typographic(text):
        return text.replace(" the ", "\u00a0the ").replace("'", "\u2019").encode("utf-8")

    docs = _resaved(raw_copy, typographic)
    same = ["source_id", "area_key", "grade_score", "char_start", "char_end"]
    assert pipeline.build_judgements(docs)[same].equals(tables["judgements"][same])
    same = ["source_id", "rec_no", "char_start", "char_end", "timescale"]
    assert pipeline.build_recommendations(docs)[same].equals(tables["recommendations"][same])
    same = ["source_id", "indicator_id", "value", "unit", "series", "value_char_start"]
    assert pipeline.build_indicators(docs)[0][same].equals(tables["indicators"][same])


def test_inspection_report_without_judgements_stops_with_its_name(documents):
    letter = next(d for d in documents if d.document_type == "monitoring_letter")
    mislabelled = dataclasses.replace(letter, document_type="inspection_report")
    with pytest.raises(InputError, match="monitoring-visit-letter.txt.*no graded judgements"):
        pipeline.build_judgements([mislabelled])


def test_unknown_grade_names_the_file_text_and_position(documents):
    report = documents[0]
    broken = dataclasses.replace(
        report,
        text=report.text.replace(
            "Overall effectiveness\tInadequate", "Overall effectiveness\tSplendid"
        ),
    )
    with pytest.raises(InputError, match=r"child-protection-inspection.txt:\d+:\d+.*Splendid"):
        pipeline.build_judgements([broken])


def test_tables_are_validated_before_any_is_written(tmp_path, tables):
    good = tables["judgements"]
    (tmp_path / "judgements.csv").write_text("earlier output\n")
    bad = tables["recommendations"].assign(rec_no=0)
    with pytest.raises(InputError, match="recommendations breaks its schema"):
        pipeline.write_tables({"judgements": good, "recommendations": bad}, tmp_path)
    assert (tmp_path / "judgements.csv").read_text() == "earlier output\n"


def test_parameters_are_checked(tmp_path):
    with pytest.raises(InputError, match="parameter raw_dir='/no/such/folder': folder does not"):
        check_parameters("/no/such/folder", tmp_path / "p", tmp_path / "r")
    with pytest.raises(InputError, match="parameter years: 'soon' is not a year"):
        check_parameters(RAW_DATA_DIR, tmp_path / "p", tmp_path / "r", ["soon"])
    with pytest.raises(InputError, match="unknown parameter\\(s\\) year; declared"):
        check_parameter_names(NOTEBOOKS_DIR / "00_sources.ipynb", {"year": 2016})
    with pytest.raises(
        InputError, match="parameter labels_csv='/no/such.csv': file does not exist"
    ):
        optional_file("labels_csv", "/no/such.csv")
    assert optional_file("labels_csv", "") is None
    assert optional_file("labels_csv", PARAGRAPH_LABELS_FILE) == PARAGRAPH_LABELS_FILE
