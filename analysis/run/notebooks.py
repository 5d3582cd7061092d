"""Run a numbered notebook with papermill (and, when asked, render it to HTML), safely.

``python -m analysis.run.notebooks NOTEBOOK [...] --executed DIR [--html DIR] [-p NAME VALUE]``

- Parameter names are checked against the notebook's ``parameters`` cell first: papermill itself
  only logs a misspelled name and runs on.
- Each notebook is one build step: everything it writes (processed tables, charts, tables,
  pages), its executed copy and, with ``--html``, its page go to a staging folder
  (:func:`analysis.files.staged_writes`) and replace the real outputs only when the whole step
  succeeded; a failure leaves every previous output byte-identical, creates no folder, and says
  so in one line.
- The project's kernel is registered in this environment when missing (a conda environment
  made from ``environment.yml`` then runs the notebooks with no manual step).
- With ``--html`` the page is rendered by :mod:`analysis.run.pages`, its exporter made ready while
  the kernel runs the notebook. Without it no page is rendered: ``make`` renders the pages of
  several notebooks in one call (``python -m analysis.run.pages``), paying nbconvert's set-up
  once for them all.
"""

import argparse
import functools
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from analysis.contract.errors import InputError
from analysis.files import readable_path, staged_writes, write_text_atomic
from analysis.run.kernel import KERNEL_NAME, ensure_installed
from analysis.run.pages import ready_exporter, render_html
from analysis.run.params import declared_parameters


def check_parameter_names(notebook: Path, parameters: dict) -> None:
    """Refuse parameters the notebook does not declare (papermill would only log them).

    Raises:
        InputError: naming the unknown parameter and the declared ones.
    """
    known = declared_parameters(notebook)
    unknown = sorted(set(parameters) - set(known))
    if unknown:
        raise InputError(
            f"{notebook}: unknown parameter(s) {', '.join(unknown)}; "
            f"declared: {', '.join(sorted(known))}"
        )


@functools.cache
def quiet_shutdown_manager() -> type:
    """jupyter_client's kernel manager, shutting a kernel down without interrupting it first.

    jupyter_client sends the kernel SIGINT before every shutdown, in case code is still running.
    After papermill's run nothing is, and when the signal lands while ipykernel handles a message
    it logs "KeyboardInterrupt caught in kernel." as an error: a line some builds printed that no
    user can act on. The kill of :func:`execute`'s immediate shutdown still follows.
    """
    from jupyter_client.manager import AsyncKernelManager

    class QuietShutdownKernelManager(AsyncKernelManager):
        async def _async_interrupt_kernel(self) -> None:
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

    return QuietShutdownKernelManager


def execute(notebook: Path, executed: Path, parameters: dict, kernel: str = KERNEL_NAME) -> Path:
    """Execute ``notebook`` with papermill and write the executed copy without its run record.

    papermill keeps the run in memory (no output path) and raises when a cell fails; the copy is
    written only after every cell succeeded, atomically (inside an open stage, to the stage).

    Args:
        notebook: the source notebook (never written).
        executed: where the executed copy goes.
        parameters: papermill parameters, checked against the notebook's declaration.
        kernel: the Jupyter kernel to run.

    Returns:
        Where the executed copy can be read (its staged place inside a stage).
    """
    import nbformat
    import papermill

    check_parameter_names(notebook, parameters)
    nb = papermill.execute_notebook(
        str(notebook),
        None,
        parameters=parameters,
        kernel_name=kernel,
        cwd=str(notebook.parent),
        progress_bar=False,
        log_output=False,
        # The kernel may send one print in several stream messages, depending on timing;
        # merged, the executed notebook and its HTML are the same bytes on every run.
        coalesce_streams=True,
        kernel_manager_class=quiet_shutdown_manager(),
        # Every cell has finished and every file it wrote is in place (atomic writes), so the
        # kernel is stopped at once: a graceful exit costs about 0.4 s and 0.4 CPU-seconds per
        # notebook (interpreter teardown, jupyter_client's polling) and leaves nothing behind.
        shutdown_kernel="immediate",
    )
    write_text_atomic(nbformat.writes(without_run_record(nb)) + "\n", executed)
    return readable_path(executed)


#: What papermill records of a run that changes from run to run (times, paths, status); the
#: executed copies are committed outputs, so they keep only what the notebook computed.
RUN_RECORD_KEYS = ("execution", "papermill")
KEPT_RUN_RECORD = ("parameters", "default_parameters")


def without_run_record(nb):
    """Drop papermill's timings, paths and statuses from an executed notebook (in place).

    Args:
        nb: the executed notebook (an ``nbformat`` node).

    Returns:
        The same notebook: the cells' metadata without ``execution`` and ``papermill``, the
        notebook's ``papermill`` metadata reduced to the parameters it ran with.
    """
    for cell in nb.cells:
        for key in RUN_RECORD_KEYS:
            cell.metadata.pop(key, None)
    record = nb.metadata.get("papermill")
    if record is not None:
        nb.metadata["papermill"] = {key: record[key] for key in KEPT_RUN_RECORD if key in record}
    return nb


def run_in_process(notebook: Path, parameters: dict, cwd: Path | None = None) -> dict:
    """Run a notebook's code cells in this Python process, without a kernel or outputs.

    The parameters cell runs first with its defaults, then ``parameters`` override them, as
    papermill does. Used for the one-process floor of the benchmark and for tests that run the
    notebooks many times; the pipeline itself always runs them with papermill.

    Args:
        notebook: the notebook.
        parameters: values for declared parameters (checked like :func:`execute`).
        cwd: folder to run in (default: the notebook's), restored afterwards.

    Returns:
        The notebook's final namespace.
    """
    import json
    import os

    import matplotlib

    matplotlib.use("Agg")
    check_parameter_names(notebook, parameters)
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    namespace: dict = {"__name__": "__notebook__"}
    previous = Path.cwd()
    os.chdir(cwd or Path(notebook).parent)
    try:
        for cell in cells:
            if cell["cell_type"] != "code":
                continue
            exec(compile("".join(cell["source"]), str(notebook), "exec"), namespace)
            if "parameters" in cell.get("metadata", {}).get("tags", []):
                namespace.update(parameters)
    finally:
        os.chdir(previous)
    return namespace


#: Ends the one-line message of a failed step.
UNCHANGED = "; no output was changed"


def run_step(
    notebook: Path,
    executed_dir: Path,
    html_dir: Path | None,
    parameters: dict,
    kernel: str = KERNEL_NAME,
) -> Path:
    """Run one notebook as one build step: execute, render, and only then replace the outputs.

    Args:
        notebook: the source notebook.
        executed_dir: folder for the executed copy.
        html_dir: folder for the HTML page; None renders no page.
        parameters: papermill parameters.
        kernel: the Jupyter kernel to run.

    Returns:
        The HTML page's path, or the executed copy's when no page is rendered.

    Raises:
        InputError: a parameter or the input is wrong; nothing was written.
        Exception: a cell failed (papermill's error); nothing was written.
    """
    from analysis.present.export import merge_staged_registry

    def merge(target: Path, staged: Path) -> bool:
        return merge_staged_registry(target, staged, notebook.stem)

    import papermill  # noqa: F401  (imported here, not beside the exporter's imports in a thread)

    with staged_writes(merge), ThreadPoolExecutor(max_workers=1) as pool:
        # The exporter gets ready while the kernel runs the notebook (the runner only waits).
        exporter = pool.submit(ready_exporter) if html_dir is not None else None
        executed = execute(notebook, executed_dir / notebook.name, parameters, kernel)
        if exporter is None:
            return executed_dir / notebook.name
        html = render_html(executed, html_dir / f"{notebook.stem}.html", exporter.result())
    return html_dir / html.name


def _one_line(err: Exception) -> str:
    """A failure in one line: a cell's error by its cell and exception, not its traceback."""
    if hasattr(err, "ename"):
        return f"cell {getattr(err, 'exec_count', '?')} raised {err.ename}: {err.evalue}"
    return (str(err).strip().splitlines() or [type(err).__name__])[0]


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m analysis.run.notebooks", description=__doc__)
    parser.add_argument("notebooks", type=Path, nargs="+", help="run in the order given")
    parser.add_argument("--executed", type=Path, required=True, help="folder for executed copies")
    parser.add_argument(
        "--html", type=Path, help="folder for HTML pages (default: no page; see analysis.run.pages)"
    )
    parser.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="a parameter for every notebook; VALUE is read as YAML (so [2012, 2016] is a list)",
    )
    parser.add_argument("--kernel", default=KERNEL_NAME)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run notebooks in order (and render each, with ``--html``); stop at the first failure.

    Returns:
        0 on success, 2 for bad input (a message names it), 1 when a cell fails.
    """
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    parameters = {name: yaml.safe_load(value) for name, value in args.parameter}
    if args.kernel == KERNEL_NAME:
        ensure_installed()
    for notebook in args.notebooks:
        try:
            run_step(notebook, args.executed, args.html, parameters, args.kernel)
        except InputError as err:
            print(f"error: {err}{UNCHANGED}", file=sys.stderr)
            return 2
        except Exception as err:  # papermill's execution error carries the failing cell
            if getattr(err, "ename", "") == InputError.__name__:
                # Bad input found inside the notebook: its message says it all.
                print(f"error: {notebook.name}: {err.evalue}{UNCHANGED}", file=sys.stderr)
                return 2
            print(f"error: {notebook.name} failed: {_one_line(err)}{UNCHANGED}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
