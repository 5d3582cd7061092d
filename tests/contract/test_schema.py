import pandas as pd
import pytest

from analysis.config import PROJECT_DIR
from analysis.contract import schema
from analysis.contract.errors import InputError

#: Columns ../shared/DATA_CONTRACT.md requires, table by table.
CONTRACT = {
    "judgements": ["framework", "area", "area_key", "grade", "grade_score"],
    "recommendations": ["rec_no", "text", "timescale", "themes"],
    "findings": ["section", "para_id", "text", "themes", "tone"],
    "indicators": ["indicator_id", "label", "period", "series", "value", "unit"],
}
PROVENANCE = ["source_id", "year", "char_start", "char_end", "evidence", "page", "source_url"]


def test_every_declared_field_is_used_by_a_table():
    used = {c for t in schema.TABLES.values() for c in t.columns}
    assert set(schema.FIELDS) == used


def test_tables_carry_the_contract_columns():
    for table, columns in CONTRACT.items():
        declared = schema.TABLES[table].columns
        assert set(columns + PROVENANCE) <= set(declared), table
        assert all(k in declared for k in schema.TABLES[table].key)


def test_contract_allowed_values():
    assert schema.FIELDS["grade_score"].allowed == (1, 2, 3, 4)
    assert set(schema.FIELDS["tone"].allowed) == {"positive", "negative", "mixed", "neutral"}
    assert "children_in_care_and_care_leavers" in schema.FIELDS["area_key"].allowed


def _judgement(**change):
    row = {
        "source_id": "x",
        "year": 2016,
        "framework": "sif",
        "area": "Overall",
        "area_key": "overall",
        "grade": "Inadequate",
        "grade_score": 4,
        "char_start": 0,
        "char_end": 10,
        "evidence": "Inadequate",
        "page": None,
        "source_url": "sources/x.html#c0-10",
    }
    return pd.DataFrame([{**row, **change}])


def test_validate_accepts_a_good_row_and_names_a_bad_value():
    assert len(schema.validate("judgements", _judgement())) == 1
    with pytest.raises(InputError, match="judgements breaks its schema.*grade_score"):
        schema.validate("judgements", _judgement(grade_score=7))
    with pytest.raises(InputError, match="undeclared \\['surprise'\\]"):
        schema.validate("judgements", _judgement().assign(surprise=1))


def test_duplicate_keys_are_refused():
    twice = pd.concat([_judgement(), _judgement()])
    with pytest.raises(InputError, match="breaks its schema"):
        schema.validate("judgements", twice)


def test_committed_data_dictionary_is_generated_from_the_schema():
    path = PROJECT_DIR / "docs" / "data_dictionary.md"
    if not path.is_file():
        pytest.skip("docs/data_dictionary.md is built by `make data`")
    assert path.read_text() == schema.data_dictionary_markdown() + "\n"
