"""Every kind of bad input stops a notebook with one clear message and leaves earlier outputs.

Each case breaks a scratch copy of the raw data (or passes a bad parameter), runs the notebook's
own code in-process (the same cells papermill runs; ``test_pipeline`` covers the papermill path),
and checks the message and that the outputs written before are byte for byte unchanged.
"""

import csv
import hashlib

import pytest

from analysis.config import NOTEBOOKS_DIR
from analysis.contract.errors import InputError
from analysis.run.notebooks import run_in_process

LETTER = "2018-06_ofsted_monitoring-visit-letter.txt"


def _edit_registry(raw, line, column, value):
    path = raw / "sources.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    if column is None:
        rows.append(rows[line - 1])
    elif value is None:
        index = header.index(column)
        rows = [r[:index] + r[index + 1 :] for r in rows]
    else:
        rows[line - 1][header.index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _write(raw, name, data):
    (raw / name).write_bytes(data)


CASES = {
    "raw file missing": (lambda raw: (raw / LETTER).unlink(), {}, f"{LETTER}.*file is missing"),
    "raw file altered": (
        lambda raw: _write(raw, LETTER, (raw / LETTER).read_bytes() + b"x"),
        {},
        f"{LETTER}: checksum differs",
    ),
    "missing column": (
        lambda raw: _edit_registry(raw, 2, "document_type", None),
        {},
        "sources.csv: missing column\\(s\\) document_type",
    ),
    "duplicate id": (
        lambda raw: _edit_registry(raw, 2, None, None),
        {},
        "line 7: duplicate source_id 'ofsted-2012-cp'",
    ),
    "unknown type": (
        lambda raw: _edit_registry(raw, 3, "document_type", "press_release"),
        {},
        "line 3: unknown document_type 'press_release'",
    ),
    "bad date": (
        lambda raw: _edit_registry(raw, 4, "published", "8 June 2018"),
        {},
        "line 4: published '8 June 2018' is not an ISO date",
    ),
    "bad year": (
        lambda raw: _edit_registry(raw, 4, "year", "1899"),
        {},
        "line 4: year 1899 is outside",
    ),
    "file outside data/raw": (
        lambda raw: _edit_registry(raw, 5, "file", "../../etc/passwd"),
        {},
        "line 5: file '../../etc/passwd' is outside",
    ),
    "year with no documents": (
        lambda raw: None,
        {"years": [2015]},
        "no registered document for 2015",
    ),
    "folder that does not exist": (
        lambda raw: None,
        {"raw_dir": "/no/such/raw"},
        "parameter raw_dir='/no/such/raw': folder does not exist",
    ),
    "authority with no documents": (
        lambda raw: None,
        {"local_authority": "Leeds"},
        "local_authority='Leeds' matches no registered document",
    ),
}


def _outputs(tmp_path):
    processed, reports = tmp_path / "processed", tmp_path / "reports"
    (reports / "tables").mkdir(parents=True)
    processed.mkdir()
    earlier = {
        processed / "sources.csv": b"earlier,processed\n",
        reports / "tables" / "sources.csv": b"earlier,table\n",
        reports / "tables" / "tables.csv": b"table_id,notebook\nsources,00_sources\n",
    }
    for path, data in earlier.items():
        path.write_bytes(data)
    return processed, reports, earlier


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_input_stops_with_a_message_and_keeps_outputs(case, raw_copy, tmp_path):
    breaker, parameters, message = CASES[case]
    breaker(raw_copy)
    processed, reports, earlier = _outputs(tmp_path)
    parameters = {
        "raw_dir": str(raw_copy),
        "processed_dir": str(processed),
        "reports_dir": str(reports),
        **parameters,
    }
    with pytest.raises(InputError, match=message):
        run_in_process(NOTEBOOKS_DIR / "00_sources.ipynb", parameters)
    for path, data in earlier.items():
        assert path.read_bytes() == data, path


def test_empty_and_non_utf8_raw_files(raw_copy, tmp_path):
    for data, message in ((b"", "the file is empty"), (b"\xff\xfe caf\xe9", "not UTF-8")):
        _write(raw_copy, LETTER, data)
        _edit_registry(raw_copy, 4, "sha256", hashlib.sha256(data).hexdigest())
        processed, reports, earlier = _outputs(tmp_path / message.replace(" ", "_"))
        with pytest.raises(InputError, match=f"{LETTER}: {message}"):
            run_in_process(
                NOTEBOOKS_DIR / "00_sources.ipynb",
                {
                    "raw_dir": str(raw_copy),
                    "processed_dir": str(processed),
                    "reports_dir": str(reports),
                },
            )
        for path, data_before in earlier.items():
            assert path.read_bytes() == data_before


def test_report_with_no_recognisable_structure(report_without_judgements, tmp_path):
    raw_copy = report_without_judgements
    processed, reports, earlier = _outputs(tmp_path)
    for name in ("judgements", "findings", "recommendations"):
        (processed / f"{name}.csv").write_bytes(b"earlier\n")
        earlier[processed / f"{name}.csv"] = b"earlier\n"
    with pytest.raises(InputError, match=f"{LETTER}: registered as an inspection report but no"):
        run_in_process(
            NOTEBOOKS_DIR / "01_inspection_findings.ipynb",
            {
                "raw_dir": str(raw_copy),
                "processed_dir": str(processed),
                "reports_dir": str(reports),
            },
        )
    for path, data in earlier.items():
        assert path.read_bytes() == data, path
