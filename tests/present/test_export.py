import io
import zipfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.files import read_csv, write_bytes_atomic, write_csv  # noqa: E402
from analysis.present import plot  # noqa: E402
from analysis.present.export import update_registry  # noqa: E402
from analysis.present.workbook import workbook_bytes  # noqa: E402


def _chart(tmp_path, name):
    plot.use_style()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.bar(["a", "b"], [1, 2])
    plot.add_titles(fig, "Title", "Subtitle", "Source: test")
    return plot.save_figure(fig, name, "Title", "Bar chart of a and b.", tmp_path, "test")


def test_charts_are_byte_identical_across_runs(tmp_path):
    first = _chart(tmp_path / "one", "chart")
    second = _chart(tmp_path / "two", "chart")
    for fmt in ("png", "svg"):
        a = (tmp_path / "one" / getattr(first, fmt)).read_bytes()
        b = (tmp_path / "two" / getattr(second, fmt)).read_bytes()
        assert a == b, fmt
    svg = (tmp_path / "one" / "chart.svg").read_text()
    assert "<dc:date>" not in svg


def _png_size(png: bytes) -> tuple[int, int]:
    from PIL import Image

    return Image.open(io.BytesIO(png)).size


def _reaching_chart(x: float):
    """A chart with a label at ``x`` (axes fraction): past the figure's right edge when > 1."""
    plot.use_style()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1])
    ax.text(x, 0.5, "a label past the edge", transform=ax.transAxes)
    return fig


def _tight_png_size(fig) -> tuple[int, int]:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return _png_size(buffer.getvalue())


@pytest.mark.parametrize("x", [0.5, 1.6, 4.0], ids=["inside", "an inch beyond", "far beyond"])
def test_the_one_draw_crop_is_matplotlibs_tight_crop(x):
    """Same box as ``savefig(bbox_inches="tight")`` (to the pixel), however far a label reaches."""
    fig = _reaching_chart(x)
    expected = _tight_png_size(fig)
    png, box = plot.drawn_png(fig)
    plt.close(fig)
    width, height = _png_size(png)
    assert abs(width - expected[0]) <= 1 and abs(height - expected[1]) <= 1
    assert box.x1 > 4 + 1 if x > 1 else box.x1 < 4


def test_workbook_is_byte_identical_and_formatted():
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", None]})
    first = workbook_bytes({"About": frame, "data": frame})
    second = workbook_bytes({"About": frame, "data": frame})
    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {i.date_time for i in archive.infolist()} == {(2019, 7, 10, 0, 0, 0)}
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(first))
    assert book.sheetnames == ["About", "data"]
    assert book["data"].freeze_panes == "A2"
    assert book["data"]["A1"].font.bold


def test_failed_write_leaves_the_previous_file(tmp_path):
    target = tmp_path / "table.csv"
    write_csv(pd.DataFrame({"a": [1]}), target)

    with pytest.raises(TypeError):
        write_bytes_atomic(object(), target)  # not bytes: fails while writing
    assert read_csv(target).to_dict("records") == [{"a": 1}]
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_csv_has_unix_line_ends_and_keeps_empty_text(tmp_path):
    path = write_csv(pd.DataFrame({"a": ["x", ""], "b": [1, 2]}), tmp_path / "t.csv")
    assert path.read_bytes() == b"a,b\nx,1\n,2\n"
    assert read_csv(path)["a"].tolist() == ["x", ""]


def test_registry_replaces_only_the_notebooks_own_rows(tmp_path):
    path = tmp_path / "figures.csv"
    update_registry(path, [{"figure_id": "a"}, {"figure_id": "b"}], "03_x", "figure_id")
    update_registry(path, [{"figure_id": "c"}], "04_y", "figure_id")
    update_registry(path, [{"figure_id": "a2"}], "03_x", "figure_id")
    assert read_csv(path)["figure_id"].tolist() == ["a2", "c"]
    with pytest.raises(ValueError, match="figure_id used by more than one output"):
        update_registry(path, [{"figure_id": "c"}], "05_z", "figure_id")


def test_workbook_cells_drop_characters_xml_cannot_hold():
    from openpyxl import load_workbook

    frame = pd.DataFrame({"quote": ["page one\x0cpage two"], "n": [1.0]})
    sheet = load_workbook(io.BytesIO(workbook_bytes({"t": frame})))["t"]
    assert sheet["A2"].value == "page one page two"


def test_long_text_wraps_in_its_cell():
    from openpyxl import load_workbook

    frame = pd.DataFrame({"description": ["word " * 60, "short"]})
    sheet = load_workbook(io.BytesIO(workbook_bytes({"About": frame})))["About"]
    assert sheet["A2"].alignment.wrap_text and not sheet["A3"].alignment.wrap_text
    assert sheet.column_dimensions["A"].width <= 60
