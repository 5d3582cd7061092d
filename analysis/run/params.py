"""Checking a notebook's papermill parameters before it reads or writes anything."""

import ast
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis.contract.errors import InputError


@dataclass(frozen=True)
class Parameters:
    """A notebook's checked parameters: folders as paths, years as ints (empty means all)."""

    raw_dir: Path
    processed_dir: Path
    reports_dir: Path
    years: list[int]
    local_authority: str

    @property
    def figures_dir(self) -> Path:
        """Where charts go."""
        return self.reports_dir / "figures"

    @property
    def tables_dir(self) -> Path:
        """Where exported tables go."""
        return self.reports_dir / "tables"


def _existing_folder(name: str, value) -> Path:
    path = Path(str(value))
    if not path.is_dir():
        raise InputError(f"parameter {name}={str(value)!r}: folder does not exist")
    return path.resolve()  # messages then name files wherever the notebook runs


def _output_folder(name: str, value) -> Path:
    path = Path(str(value))
    if path.exists() and not path.is_dir():
        raise InputError(f"parameter {name}={str(value)!r}: exists and is not a folder")
    if not path.parent.is_dir():
        raise InputError(f"parameter {name}={str(value)!r}: its parent folder does not exist")
    return path  # created by the first write, so a failed run leaves no empty folder


def optional_file(name: str, value) -> Path | None:
    """Check a parameter naming an input file that may be left out.

    Args:
        name: the parameter's name, for the message.
        value: a path, or ``""``/``None`` for none.

    Returns:
        The resolved path, or ``None`` when the parameter is empty.

    Raises:
        InputError: the parameter names a file that does not exist.
    """
    if value in (None, ""):
        return None
    path = Path(str(value))
    if not path.is_file():
        raise InputError(f"parameter {name}={str(value)!r}: file does not exist")
    return path.resolve()


def as_list(name: str, value) -> list:
    """A list parameter as papermill or a user may give it, as a list.

    ``-p years '[2012, 2019]'`` arrives as the string ``"[2012, 2019]"``, ``-p years 2012,2019``
    as ``"2012,2019"``, and ``-p years 2019`` as a number; all are read as lists.

    Raises:
        InputError: the value is a mapping or text that is not a list.
    """
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return list(value)
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                parsed = yaml.safe_load(text)
            except yaml.YAMLError:
                parsed = None
            if not isinstance(parsed, list):
                raise InputError(f"parameter {name}: {value!r} is not a list")
            return parsed
        return [item.strip() for item in text.split(",") if item.strip()]
    if isinstance(value, dict):
        raise InputError(f"parameter {name}: expected a list, got a mapping")
    return [value]


def _years(value) -> list[int]:
    items = as_list("years", value)
    years = []
    for item in items:
        try:
            years.append(int(item))
        except (TypeError, ValueError):
            raise InputError(f"parameter years: {item!r} is not a year") from None
    return sorted(set(years))


def check_parameters(
    raw_dir, processed_dir, reports_dir, years=None, local_authority: str = ""
) -> Parameters:
    """Check a notebook's parameters and return them typed.

    Input folders must exist; an output folder needs an existing parent and is created by the
    first write into it (so a failed run leaves no empty folder). Whether a
    year or authority has documents is checked by
    :func:`analysis.sources.documents.select_documents`.

    Args:
        raw_dir: folder with ``sources.csv`` and the documents.
        processed_dir: folder for the processed tables.
        reports_dir: folder for charts, tables and pages.
        years: a year or list of years; empty means every registered year.
        local_authority: authority name; empty means every registered authority.

    Returns:
        The :class:`Parameters`.

    Raises:
        InputError: naming the parameter and what is wrong with it.
    """
    return Parameters(
        raw_dir=_existing_folder("raw_dir", raw_dir),
        processed_dir=_output_folder("processed_dir", processed_dir),
        reports_dir=_output_folder("reports_dir", reports_dir),
        years=_years(years),
        local_authority=str(local_authority or "").strip(),
    )


#: Names every IPython kernel defines that are not parameters.
_KERNEL_NAMES = {"In", "Out", "exit", "quit", "get_ipython"}
_VALUE_TYPES = (str, int, float, bool, list, dict, tuple, type(None))


def declared_parameters(notebook: Path) -> dict[str, str]:
    """Return the names and default values (as written) of a notebook's ``parameters`` cell.

    The names papermill would inject: every plain name assigned at the top level of the cell
    tagged ``parameters``. Read with ``json`` and ``ast``, because every notebook calls this
    (through :func:`reject_unknown_parameters`) and importing papermill in a kernel costs about
    two seconds.

    Raises:
        InputError: the notebook has no cell tagged ``parameters``, or it does not parse.
    """
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not tagged:
        raise InputError(f"{notebook}: no cell tagged 'parameters'")
    source = "".join(tagged[0]["source"])
    try:
        tree = ast.parse(source)
    except SyntaxError as err:
        raise InputError(f"{notebook}: parameters cell line {err.lineno}: {err.msg}") from None
    declared = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        for target in targets:
            if isinstance(target, ast.Name) and node.value is not None:
                declared[target.id] = ast.get_source_segment(source, node.value)
    return declared


def default_of(notebook: Path, name: str):
    """The default value of one of a notebook's parameters, as a Python value.

    For measurements that must use what the pipeline uses (the parts notebook 04 leaves out).

    Raises:
        InputError: the notebook declares no such parameter, or its default is not a literal.
    """
    declared = declared_parameters(notebook)
    if name not in declared:
        raise InputError(f"{notebook}: no parameter {name!r}")
    try:
        return ast.literal_eval(declared[name])
    except ValueError:
        raise InputError(f"{notebook}: parameter {name!r} has no literal default") from None


def reject_unknown_parameters(namespace: dict, notebook: str) -> None:
    """Stop a run given a parameter its notebook does not declare, under plain papermill too.

    papermill only logs an unknown name and injects it anyway; this check, called at the top of
    a notebook, compares the plain values in the notebook's namespace with the names its
    ``parameters`` cell declares.

    Args:
        namespace: the notebook's ``globals()``.
        notebook: the notebook's file name without ``.ipynb`` (it runs in ``notebooks/``).

    Raises:
        InputError: one line naming the unknown parameter(s) and the declared ones.
    """
    path = Path(f"{notebook}.ipynb")
    if not path.is_file():  # run from elsewhere (a test's scratch copy names it)
        return
    declared = set(declared_parameters(path))
    unknown = sorted(
        name
        for name, value in namespace.items()
        if not name.startswith("_")
        and not name.isupper()  # a constant the notebook imports, never a parameter
        and name not in _KERNEL_NAMES
        and name not in declared
        and isinstance(value, _VALUE_TYPES)
    )
    if unknown:
        raise InputError(
            f"{notebook}: unknown parameter(s) {', '.join(unknown)}; "
            f"declared: {', '.join(sorted(declared))}"
        )
