"""Tests for analysis.run.params: parameters as papermill and users give them."""

import pytest

from analysis.contract.errors import InputError
from analysis.run.params import as_list, check_parameters


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("[2012, 2019]", [2012, 2019]),
        ("2012,2019", ["2012", "2019"]),
        ("2019", ["2019"]),
        (2019, [2019]),
        ([2012], [2012]),
        ("", []),
        (None, []),
        ('["agenda", "minutes"]', ["agenda", "minutes"]),
    ],
)
def test_list_parameters_given_as_strings_are_read_as_lists(given, expected):
    assert as_list("years", given) == expected


def test_a_bad_list_names_the_parameter_in_one_line(tmp_path):
    with pytest.raises(InputError, match=r"^parameter years: '\[2012, ' is not a list$"):
        as_list("years", "[2012, ")
    with pytest.raises(InputError, match=r"^parameter years: 'x' is not a year$"):
        check_parameters(tmp_path, tmp_path / "p", tmp_path / "r", "2012, x")


def test_years_from_a_string_list(tmp_path):
    params = check_parameters(tmp_path, tmp_path / "p", tmp_path / "r", "[2019, 2012]")
    assert params.years == [2012, 2019]


def test_an_unknown_parameter_stops_a_notebook_run_by_plain_papermill(tmp_path, monkeypatch):
    import nbformat

    from analysis.run.params import reject_unknown_parameters

    notebook = nbformat.v4.new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}
        }
    )
    cell = nbformat.v4.new_code_cell("years = []\nlocal_authority = 'Birmingham'")
    cell.metadata["tags"] = ["parameters"]
    notebook.cells.append(cell)
    nbformat.write(notebook, tmp_path / "09_demo.ipynb")
    monkeypatch.chdir(tmp_path)
    namespace = {"years": [], "local_authority": "x", "In": [], "TABLES": "t", "pd": pytest}
    reject_unknown_parameters(namespace, "09_demo")
    with pytest.raises(InputError, match=r"^09_demo: unknown parameter\(s\) min_paragraph; "):
        reject_unknown_parameters({**namespace, "min_paragraph": 1}, "09_demo")
