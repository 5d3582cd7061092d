"""Checking a notebook's papermill parameters before it reads or writes anything."""

from dataclasses import dataclass
from pathlib import Path

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
    path.mkdir(exist_ok=True)
    return path


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


def _years(value) -> list[int]:
    if value in (None, "", []):
        return []
    items = value if isinstance(value, list | tuple) else [value]
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

    Input folders must exist; output folders are created when their parent exists. Whether a
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
