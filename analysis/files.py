"""Reading and writing the project's files: atomically (never half-written), CSV in and out.

Every writer puts its bytes into a temporary file beside the target and renames it into place only
when the whole file is written, so a failure leaves the previous output untouched. Every stage may
use this module; it imports nothing else of the package.
"""

import os
import tempfile
from pathlib import Path

import pandas as pd


def write_bytes_atomic(data: bytes, path: Path) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Args:
        data: the complete contents.
        path: the target file; its folder is created when missing.

    Returns:
        The path written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text_atomic(text: str, path: Path) -> Path:
    r"""Write UTF-8 text with ``\\n`` line ends to ``path`` atomically."""
    return write_bytes_atomic(text.encode("utf-8"), path)


def csv_text(frame: pd.DataFrame) -> str:
    r"""Return a frame as the project's CSV: UTF-8, comma-separated, a header, ``\n`` ends."""
    return frame.to_csv(index=False, lineterminator="\n")


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write a frame as CSV atomically (see :func:`csv_text`)."""
    return write_text_atomic(csv_text(frame), path)


def read_csv(path: Path, text_columns: list[str] | None = None) -> pd.DataFrame:
    """Read a CSV written by :func:`write_csv`: empty cells are NaN if numeric, ``""`` if text.

    Only an empty cell counts as missing (text such as ``NA`` stays text). ``text_columns`` are
    read as text whatever they hold, so a paragraph number ``12`` stays ``"12"``.
    """
    dtype = dict.fromkeys(text_columns or [], str)
    try:
        frame = pd.read_csv(path, keep_default_na=False, na_values=[""], dtype=dtype)
    except pd.errors.EmptyDataError:  # a table with no rows and no columns (nothing to report)
        return pd.DataFrame()
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(
            frame[column]
        ):
            frame[column] = frame[column].fillna("")
    return frame
