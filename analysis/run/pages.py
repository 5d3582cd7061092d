"""Render executed notebooks to HTML pages with the project's template, safely.

``python -m analysis.run.pages EXECUTED [...] --html DIR``

- The pages use the project's template (``analysis/present/templates/report_notebook``): real alt
  text for charts, no scripts fetched from the network, a checkbox that hides the code; text
  outputs are HTML-escaped by nbconvert. The lab stylesheets are linked, written once beside
  the pages.
- One call renders every page named, with one exporter: nbconvert's set-up (imports, template
  compilation) costs about a second, so ``make`` renders the pages of notebooks 00 to 05 in one
  call, beside the report's run, instead of once per notebook.
- The call is one build step: the pages replace the previous ones only when every page was
  rendered (:func:`analysis.files.staged_writes`); a failure changes no page, and a missing or
  unreadable notebook is named in one line.
"""

import argparse
import functools
import sys
from pathlib import Path

from analysis.config import TEMPLATES_DIR
from analysis.contract.errors import InputError
from analysis.files import readable_path, staged_writes, write_text_atomic

TEMPLATE_NAME = "report_notebook"


#: Stylesheets of the rendered notebooks are written once beside them, under this prefix.
STYLESHEET_PREFIX = "nbconvert-"


def _linking_exporter():
    """Make nbconvert's HTML exporter link the lab stylesheets instead of inlining a copy.

    The lab template inlines about 250 KB of the same CSS into every page; linking one copy
    keeps the rendered notebooks small and their differences readable. Returns the exporter
    and the stylesheets (file name to CSS) it asked for.
    """
    import markupsafe
    from nbconvert import HTMLExporter

    stylesheets: dict[str, str] = {}

    class LinkingExporter(HTMLExporter):
        def _init_resources(self, resources):
            resources = super()._init_resources(resources)

            def link_css(name: str):
                file_name = STYLESHEET_PREFIX + Path(name).name
                stylesheets[file_name] = self.environment.loader.get_source(self.environment, name)[
                    0
                ]
                return markupsafe.Markup(f'<link rel="stylesheet" href="{file_name}">')

            resources["include_css"] = link_css
            return resources

    exporter = LinkingExporter(
        template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATES_DIR)]
    )
    return exporter, stylesheets


@functools.cache
def ready_exporter():
    """The process's one :func:`_linking_exporter`, for every page it renders, template compiled.

    The template is compiled by rendering an empty notebook. Building an exporter and compiling
    its template is most of the cost of rendering a page;
    :func:`analysis.run.notebooks.run_step` does it while the kernel runs the notebook.
    """
    import nbformat

    exporter, stylesheets = _linking_exporter()
    exporter.from_notebook_node(nbformat.v4.new_notebook(), resources={"metadata": {"name": ""}})
    return exporter, stylesheets


def render_html(executed: Path, html: Path, exporter=None) -> Path:
    """Render an executed notebook to HTML with the project template, atomically.

    The stylesheets the page links to are written beside it (the same files for every page).

    Args:
        executed: the executed notebook.
        html: the page to write.
        exporter: ``(exporter, stylesheets)``; default :func:`ready_exporter`.
    """
    import nbformat

    exporter, stylesheets = exporter or ready_exporter()
    body, _ = exporter.from_notebook_node(
        nbformat.read(executed, as_version=4), resources={"metadata": {"name": executed.stem}}
    )
    for file_name, css in stylesheets.items():
        write_text_atomic(css, html.parent / file_name)
    return write_text_atomic(body, html)


def render_pages(executed: list[Path], html_dir: Path) -> list[Path]:
    """Render every executed notebook into ``html_dir`` as one step (all pages, or none).

    Args:
        executed: executed notebooks (``reports/notebooks/NN.ipynb``).
        html_dir: folder for the pages, named after the notebooks.

    Returns:
        The pages written.

    Raises:
        InputError: an executed notebook is missing or is not a notebook; no page was changed.
    """
    missing = [path for path in executed if not readable_path(path).is_file()]
    if missing:
        raise InputError(f"{missing[0]}: missing; `make reports` executes its notebook")
    with staged_writes():
        pages = []
        for path in executed:
            try:
                pages.append(render_html(path, html_dir / f"{path.stem}.html"))
            except ValueError as err:  # nbformat's error for a file that is not a notebook
                raise InputError(f"{path}: not a notebook nbconvert can read ({err})") from None
    return [html_dir / page.name for page in pages]


def main(argv: list[str] | None = None) -> int:
    """Render the executed notebooks named on the command line.

    Returns:
        0 on success, 2 when an input is missing or unreadable (one line names it).
    """
    parser = argparse.ArgumentParser(prog="python -m analysis.run.pages", description=__doc__)
    parser.add_argument("executed", type=Path, nargs="+", help="executed notebooks")
    parser.add_argument("--html", type=Path, required=True, help="folder for the pages")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        render_pages(args.executed, args.html)
    except InputError as err:
        print(f"error: {err}; no page was changed", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
