"""Tests for analysis.run.params: parameters as papermill and users give them."""

import pytest

from analysis.config import NOTEBOOKS_DIR
from analysis.contract.errors import InputError
from analysis.run.params import as_list, check_parameters, declared_parameters, default_of


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


@pytest.mark.parametrize(
    "notebook", sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")), ids=lambda p: p.stem
)
def test_declared_parameters_are_the_names_papermill_finds(notebook):
    import papermill

    assert set(declared_parameters(notebook)) == set(papermill.inspect_notebook(str(notebook)))


def test_declared_parameters_read_plain_and_annotated_assignments_only(tmp_path):
    import nbformat

    source = "# a comment\nyears = [2012, 2019]  # which years\nlimit: int = 3\nx.y = 1\nprint(1)"
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["parameters"]})
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), tmp_path / "nb.ipynb")
    assert declared_parameters(tmp_path / "nb.ipynb") == {"years": "[2012, 2019]", "limit": "3"}


def test_a_notebook_without_a_parameters_cell_is_named(tmp_path):
    import nbformat

    nbformat.write(
        nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), tmp_path / "nb.ipynb"
    )
    with pytest.raises(InputError, match=r"nb\.ipynb: no cell tagged 'parameters'"):
        declared_parameters(tmp_path / "nb.ipynb")


def test_a_parameter_default_is_read_as_a_value(tmp_path):
    import nbformat

    cell = nbformat.v4.new_code_cell('kinds = ["agenda"]\nn = 3', metadata={"tags": ["parameters"]})
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), tmp_path / "nb.ipynb")
    assert default_of(tmp_path / "nb.ipynb", "kinds") == ["agenda"]
    with pytest.raises(InputError, match=r"nb\.ipynb: no parameter 'missing'"):
        default_of(tmp_path / "nb.ipynb", "missing")
