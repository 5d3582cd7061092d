"""The committed executed notebooks as nbval's reference: one run checks them all.

``python -m analysis.run.reference NOTEBOOK [...] --executed DIR --into DIR``

``make reports`` keeps each notebook's executed copy beside its HTML (``reports/notebooks/``).
``make test`` runs those copies under nbval in strict mode, in a scratch copy of the project: nbval
executes every cell again and compares its outputs with the committed ones, while the notebooks
write their tables and charts into the scratch copy, where they are compared byte for byte with
the committed outputs. One run of every notebook thus shows that the notebooks run, that their
printed results are current and that their files are reproducible.

An executed copy is only a fair reference when it was run from the notebook as it is now: this
module refuses a copy whose code differs from its notebook's, naming both.
"""

import argparse
import sys
from pathlib import Path

from analysis.contract.errors import InputError
from analysis.files import write_bytes_atomic
from analysis.run.deps import code_cells


def reference_copy(notebook: Path, executed: Path, target: Path) -> Path:
    """Copy ``executed`` to ``target`` after checking it was run from ``notebook`` as it is.

    Args:
        notebook: the source notebook.
        executed: its committed executed copy.
        target: where nbval will run it.

    Returns:
        ``target``.

    Raises:
        InputError: the executed copy is missing, or its code differs from the notebook's.
    """
    if not executed.is_file():
        raise InputError(f"{executed}: missing; run `make reports` to execute {notebook}")
    source, run = code_cells(notebook), code_cells(executed)
    if source != run:
        changed = next(
            (i for i, (a, b) in enumerate(zip(source, run, strict=False)) if a != b),
            min(len(source), len(run)),
        )
        raise InputError(
            f"{executed}: was run from an older {notebook} (code cell {changed + 1} differs); "
            "run `make reports`"
        )
    return write_bytes_atomic(executed.read_bytes(), target)


def main(argv: list[str] | None = None) -> int:
    """Copy every notebook's executed copy into a folder for nbval.

    Returns:
        0 when every copy is current, 2 otherwise (one line names the file).
    """
    parser = argparse.ArgumentParser(prog="python -m analysis.run.reference", description=__doc__)
    parser.add_argument("notebooks", type=Path, nargs="+")
    parser.add_argument("--executed", type=Path, required=True, help="folder of executed copies")
    parser.add_argument("--into", type=Path, required=True, help="folder nbval runs them in")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        for notebook in args.notebooks:
            reference_copy(notebook, args.executed / notebook.name, args.into / notebook.name)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
