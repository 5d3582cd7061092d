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


def _grey(png: bytes):
    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("L")).astype(float)


def _blocks(grey, n: int = 8):
    """Means of n x n blocks: a drawing's shape, blind to a fraction of a pixel's shift."""
    high, wide = (grey.shape[0] // n) * n, (grey.shape[1] // n) * n
    return grey[:high, :wide].reshape(high // n, n, wide // n, n).mean(axis=(1, 3))


REACHES = {
    "inside": ((4, 3), 0.5, 0.5, "left"),
    "beyond the right": ((4, 3), 1.6, 0.5, "left"),
    "beyond the left, odd size": ((4.13, 3.07), -0.3, 0.5, "right"),
    "below, odd size": ((4.13, 3.07), 0.5, -0.6, "left"),
    "above": ((4, 3), 0.2, 1.5, "left"),
    "beyond the room": ((4, 3), 4.0, 0.5, "left"),
}


@pytest.mark.parametrize("reach", REACHES.values(), ids=REACHES.keys())
def test_the_one_draw_crop_is_matplotlibs_tight_crop(reach):
    """The PNG is savefig(bbox_inches="tight")'s: its size to the pixel, and the same drawing.

    The corner is rounded to a pixel where savefig keeps a fraction, so single pixels differ;
    8-pixel blocks do not (a crop a few pixels off, or upside down, differs by over 60 of 255).
    """
    size, x, y, align = reach
    plot.use_style()
    fig, ax = plt.subplots(figsize=size)
    ax.plot([0, 1], [0, 1])
    ax.set_title("A title")
    ax.text(x, y, "a label reaching out", transform=ax.transAxes, ha=align)
    expected = io.BytesIO()
    fig.savefig(expected, format="png", bbox_inches="tight")
    dpi, canvas = fig.dpi, fig.canvas
    png, box = plot.drawn_png(fig)
    assert (fig.dpi, fig.canvas) == (dpi, canvas)
    plt.close(fig)
    drawn, wanted = _grey(png), _grey(expected.getvalue())
    assert drawn.shape == wanted.shape
    assert abs(_blocks(drawn) - _blocks(wanted)).max() < 50
    if x > 1:
        assert box.x1 > size[0] + 1


def test_a_figure_with_a_layout_engine_or_reaching_too_far_is_refused():
    plot.use_style()
    fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
    with pytest.raises(ValueError, match="layout engine"):
        plot.drawn_png(fig)
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.text(20, 0.5, "far away", transform=ax.transAxes)
    with pytest.raises(ValueError, match="draws more than 24 in beyond its edges"):
        plot.drawn_png(fig)
    plt.close(fig)


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
