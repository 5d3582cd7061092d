"""The package files each notebook runs, for the Makefile: ``python -m analysis.run.deps NB ...``.

A notebook's run depends on the modules its code cells import, the modules those import in turn,
the package's data files, its templates and the notebook runner; nothing else. Rendering a page
depends on :mod:`analysis.run.pages` and the notebook template (``templates/report_notebook``),
printed once as ``PAGE_DEPS``: ``make`` renders most pages in a step of their own, so a change to
the page template re-renders the pages without running a notebook again. ``make`` includes the
printed lines (one variable per notebook, then ``PAGE_DEPS``), so changing a chart module reruns
the notebooks that draw charts, not the ones that build the data. Reads source text only
(``ast``), imports nothing, and runs with any Python 3.11 before the environment exists.
"""

import ast
import functools
import json
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: What every notebook run uses whatever its code.
RUNNER = "analysis.run.notebooks"
#: What rendering executed notebooks to pages runs (the runner imports it, to render a page when
#: asked; a run that renders none does not depend on it).
RENDERER = "analysis.run.pages"
PAGE_TEMPLATE_DIR = PACKAGE_DIR / "present" / "templates" / "report_notebook"


def imported_modules(source: str) -> set[str]:
    """Names of the ``analysis`` modules a piece of Python source imports (anywhere in it)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analysis"):
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("analysis"))
    return names


def module_files(name: str) -> list[Path]:
    """The files that importing ``name`` runs: its ``__init__.py`` files and the module itself."""
    parts = name.split(".")[1:]
    files = [PACKAGE_DIR / "__init__.py"]
    for depth in range(1, len(parts) + 1):
        folder = PACKAGE_DIR.joinpath(*parts[:depth])
        if folder.is_dir():
            files.append(folder / "__init__.py")
        elif folder.with_suffix(".py").is_file():
            files.append(folder.with_suffix(".py"))
            break
        else:  # a name imported from a module (a function, a constant), not a module
            break
    return [f for f in files if f.is_file()]


def closure(names: set[str], leave_out: frozenset[Path] = frozenset()) -> set[Path]:
    """Every package file reached from ``names`` through imports, not through ``leave_out``."""
    seen: set[Path] = set()
    todo = [f for name in names for f in module_files(name)]
    while todo:
        path = todo.pop()
        if path in seen or path in leave_out:
            continue
        seen.add(path)
        todo += [f for n in _file_imports(path) for f in module_files(n)]
    return seen


@functools.cache
def _file_imports(path: Path) -> frozenset[str]:
    """:func:`imported_modules` of a package file, parsed once for all the notebooks named."""
    return frozenset(imported_modules(path.read_text(encoding="utf-8")))


def code_cells(path: Path) -> list[str]:
    """The source of every code cell of the notebook at ``path``, in order."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def notebook_source(path: Path) -> str:
    """The code cells of a notebook, joined."""
    return "\n".join(code_cells(path))


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def _relative(files: set[Path]) -> list[str]:
    root = PACKAGE_DIR.parent
    return sorted(str(p.relative_to(root)) for p in files)


def notebook_dependencies(path: Path) -> list[str]:
    """Project-relative paths of every package file a notebook's run depends on, sorted.

    The page renderer and the notebook template are not among them (:func:`page_dependencies`).
    """
    renderer = frozenset(module_files(RENDERER)[-1:])  # the module itself, not its packages
    files = closure(imported_modules(notebook_source(path)) | {RUNNER}, leave_out=renderer)
    files |= _files_under(PACKAGE_DIR / "data")
    files |= _files_under(PACKAGE_DIR / "present" / "templates") - _files_under(PAGE_TEMPLATE_DIR)
    return _relative(files)


def page_dependencies() -> list[str]:
    """Project-relative paths of every package file rendering a page depends on, sorted."""
    return _relative(closure({RENDERER}) | _files_under(PAGE_TEMPLATE_DIR))


def main(argv: list[str] | None = None) -> int:
    """Print ``NB_DEPS_<stem>`` for each notebook named on the command line, then ``PAGE_DEPS``."""
    for name in argv if argv is not None else sys.argv[1:]:
        path = Path(name)
        print(f"NB_DEPS_{path.stem} := {' '.join(notebook_dependencies(path))}")
    print(f"PAGE_DEPS := {' '.join(page_dependencies())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
