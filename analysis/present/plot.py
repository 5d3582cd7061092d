"""One visual language for every chart, and saving charts byte-identically with their alt text.

Colours are the UK Government Analysis Function's accessible categorical palette. Grades keep
the same colour in every chart, and every chart also labels its categories in words, never by
colour alone.
"""

import math
from dataclasses import dataclass
from pathlib import Path
from textwrap import wrap

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.transforms import Bbox

from analysis.files import write_bytes_atomic

#: UK Government Analysis Function categorical palette, in order.
PALETTE = ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"]
#: Grade score to colour: outstanding (1) to inadequate (4).
GRADE_COLOURS = {1: "#12436D", 2: "#28A197", 3: "#F46A25", 4: "#801650"}
TONE_COLOURS = {
    "positive": "#28A197",
    "mixed": "#A285D1",
    "negative": "#801650",
    "neutral": "#BFBFBF",
}
TEXT_COLOUR = "#0B0C0C"
#: Room (inches) that :func:`add_titles` needs above and below the axes.
TOP_MARGIN_IN = 1.0
BOTTOM_MARGIN_IN = 0.35
#: Height (inches) of each further line of a source note, and the characters (8-point DejaVu
#: Sans) that fit in an inch: notes wrap to the figure's width.
NOTE_LINE_IN = 0.17
NOTE_CHARS_PER_IN = 15
MUTED = "#505A5F"

_STYLE = {
    # Charts are laid out in DejaVu Sans (matplotlib's own font, so the same on every machine);
    # the SVGs keep their text as text, naming sans-serif fonts to stand in where it is missing.
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.size": 10,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": TEXT_COLOUR,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "xtick.color": TEXT_COLOUR,
    "ytick.color": TEXT_COLOUR,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "svg.hashsalt": "birmingham-analysis",
    "svg.fonttype": "none",
    "path.simplify": True,
}


def use_style() -> None:
    """Apply the project's chart style to matplotlib's global settings."""
    mpl.rcParams.update(_STYLE)


@dataclass(frozen=True)
class SavedFigure:
    """A chart written to disk, as one row of ``reports/figures/figures.csv``."""

    figure_id: str
    title: str
    alt_text: str
    png: str
    svg: str
    sources: str
    png_bytes: bytes = b""

    def show(self, width: int = 900) -> "SavedFigure":
        """Display the saved PNG in the notebook with its alt text, and return the figure.

        Showing the written bytes (rather than the live figure) draws each chart once, and the
        rendered notebook's image carries the same alt text as the report page.
        """
        from IPython.display import Image, display

        image = Image(data=self.png_bytes, width=width)
        display(image, metadata={"image/png": {"alt": self.alt_text, "width": width}})
        return self

    def record(self) -> dict:
        """Return the registry row (the notebook column is added by the registry)."""
        return {
            "figure_id": self.figure_id,
            "title": self.title,
            "alt_text": self.alt_text,
            "png": self.png,
            "svg": self.svg,
            "sources": self.sources,
        }


def add_titles(fig, title: str, subtitle: str = "", source_note: str = "") -> None:
    """Put a headline title, a statistical subtitle and a source note on a figure.

    Positions are fixed in inches from the figure's edges, so they never collide whatever the
    figure's height; charts leave :data:`TOP_MARGIN_IN` free at the top and
    :data:`BOTTOM_MARGIN_IN` at the bottom.

    Args:
        fig: the matplotlib figure.
        title: the finding, in a sentence.
        subtitle: what is measured, and on what scale.
        source_note: the documents the chart comes from, and any caveat on a further line;
            lines are wrapped to the figure's width and each further line lifts the axes by
            :data:`NOTE_LINE_IN`.
    """
    height = fig.get_figheight()
    fig.text(
        0.01,
        1 - 0.1 / height,
        title,
        ha="left",
        va="top",
        fontsize=13,
        fontweight="bold",
        color=TEXT_COLOUR,
    )
    if subtitle:
        fig.text(0.01, 1 - 0.42 / height, subtitle, ha="left", va="top", fontsize=10, color=MUTED)
    if source_note:
        width = int(fig.get_figwidth() * NOTE_CHARS_PER_IN)
        lines = [wrapped for line in source_note.splitlines() for wrapped in wrap(line, width)]
        fig.text(
            0.01, 0.06 / height, "\n".join(lines), ha="left", va="bottom", fontsize=8, color=MUTED
        )
        # A note of several lines grows upwards: lift the axes (and what hangs below them) by
        # the extra lines so that nothing lands on it.
        if len(lines) > 1:
            fig.subplots_adjust(
                bottom=fig.subplotpars.bottom + (len(lines) - 1) * NOTE_LINE_IN / height
            )


def margins(fig, left: float = 0.25, right: float = 0.97, bottom_in: float = 0.0) -> None:
    """Leave room for :func:`add_titles`: inches at the top and bottom, fractions at the sides.

    Args:
        fig: the figure.
        left: left edge of the axes, as a fraction of the width.
        right: right edge of the axes, as a fraction of the width.
        bottom_in: extra room at the bottom (inches) for axis labels and legends.
    """
    height = fig.get_figheight()
    fig.subplots_adjust(
        left=left,
        right=right,
        top=1 - TOP_MARGIN_IN / height,
        bottom=(BOTTOM_MARGIN_IN + bottom_in) / height,
    )


#: Room (inches) drawn round the figure on every side, so that what a chart draws beyond its
#: figure (long labels, legends below the axes) is drawn, to be kept by the crop.
DRAW_ROOM_IN = 3
#: zlib level of the PNGs: on these charts (flat colours, text) level 3 writes files about 3%
#: larger than Pillow's default 6 in two thirds of the time (``make bench`` measures both).
PNG_COMPRESS_LEVEL = 3
#: The most room a drawing may need: a chart reaching further is refused, not drawn on an
#: ever larger canvas.
MAX_ROOM_IN = 24


def drawn_png(fig, room: float = DRAW_ROOM_IN):
    """Draw ``fig`` once as a PNG cropped as ``savefig(bbox_inches="tight")`` crops it.

    ``savefig(bbox_inches="tight")`` lays the whole figure out once to find the box round
    everything drawn, then again to draw it, and once more for each further format. Here the
    figure is drawn once, at the saving resolution, on a canvas ``room`` inches larger on every
    side; the box is then measured with the same renderer, whose text sizes are already known,
    padded by ``savefig.pad_inches``, and cut from the drawn pixels with ``savefig``'s own
    arithmetic (the same size, to the pixel). The canvas is enlarged with matplotlib's private
    ``_tight_bbox.adjust_bbox``, what ``savefig`` itself uses for a box beyond the figure: one
    reason the environment pins matplotlib. A figure whose box reaches beyond the room is drawn
    again with room enough.

    The charts of this package use no layout engine (it would lay the figure out again for the
    larger canvas) and an opaque background; a figure with a layout engine is refused.

    Returns:
        ``(png, box)``: the PNG's bytes (no software or time stamp), and the box in the figure's
        inches, to save another format (SVG) with the same crop.

    Raises:
        ValueError: the figure has a layout engine, or draws more than :data:`MAX_ROOM_IN`
            inches beyond its edges.
    """
    import io

    import numpy as np
    from matplotlib._tight_bbox import adjust_bbox
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.image import imsave

    if fig.get_layout_engine() is not None:
        raise ValueError("a figure with a layout engine is saved with savefig, not drawn_png")
    dpi = mpl.rcParams["savefig.dpi"]
    width, height = fig.get_size_inches()
    canvas_box = Bbox.from_extents(-room, -room, width + room, height + room)
    original_dpi, original_canvas = fig.dpi, fig.canvas
    try:
        fig.dpi = dpi
        canvas = FigureCanvasAgg(fig)
        restore = adjust_bbox(fig, canvas_box, dpi)
        try:
            canvas.draw()
            renderer = canvas.get_renderer()
            box = fig.get_tightbbox(renderer).padded(mpl.rcParams["savefig.pad_inches"])
            pixels = np.asarray(renderer.buffer_rgba())
        finally:
            restore()
    finally:
        fig.dpi = original_dpi
        fig.set_canvas(original_canvas)
    beyond = max(-box.x0, -box.y0, box.x1 - canvas_box.width, box.y1 - canvas_box.height)
    if beyond > 0:
        wider = room + math.ceil(beyond) + 1
        if wider > MAX_ROOM_IN:
            raise ValueError(f"the figure draws more than {MAX_ROOM_IN} in beyond its edges")
        return drawn_png(fig, wider)
    # savefig(bbox_inches=box) draws on a canvas int(size * dpi) pixels wide and high whose
    # origin is the box's corner; here that corner is rounded to a pixel. The box is in inches
    # from the canvas's lower left corner; pixel rows run from the top.
    left, low = round(box.x0 * dpi), round(box.y0 * dpi)
    bottom = len(pixels) - low
    cropped = pixels[bottom - int(box.height * dpi) : bottom, left : left + int(box.width * dpi)]
    png = io.BytesIO()
    imsave(
        png,
        cropped,
        format="png",
        origin="upper",
        dpi=dpi,
        metadata={"Software": None},
        pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL},
    )
    return png.getvalue(), Bbox(box.get_points() - room)


def save_figure(
    fig, figure_id: str, title: str, alt_text: str, figures_dir: Path, sources: str
) -> SavedFigure:
    """Save a chart as PNG and SVG with fixed metadata, so reruns write the same bytes.

    Args:
        fig: the matplotlib figure (closed after saving).
        figure_id: file stem and registry key, e.g. ``judgements_by_year``.
        title: the chart's headline title.
        alt_text: one sentence: chart type, what data, the main finding.
        figures_dir: where to write.
        sources: the source documents, named for the registry.

    Returns:
        The :class:`SavedFigure` describing what was written.
    """
    import io

    figures_dir = Path(figures_dir)
    png_bytes, bbox = drawn_png(fig)
    svg = io.BytesIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches=bbox)
    plt.close(fig)
    png_path = write_bytes_atomic(png_bytes, figures_dir / f"{figure_id}.png")
    svg_path = write_bytes_atomic(svg.getvalue(), figures_dir / f"{figure_id}.svg")
    return SavedFigure(
        figure_id=figure_id,
        title=title,
        alt_text=alt_text,
        png=png_path.name,
        svg=svg_path.name,
        sources=sources,
        png_bytes=png_bytes,
    )


def diverging_colours():
    """A colour map from negative (the palette's magenta) through white to positive (teal)."""
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list(
        "negative_positive", [TONE_COLOURS["negative"], "#F7F7F7", TONE_COLOURS["positive"]]
    )
