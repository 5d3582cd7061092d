"""Reading and writing the project's files: atomically (never half-written), CSV in and out.

Every writer puts its bytes into a temporary file beside the target and renames it into place only
when the whole file is written, so a failure leaves the previous output untouched. Inside
:func:`staged_writes` (a build step: one notebook run) every write goes to a staging folder
instead, and the real outputs are replaced only when the whole step succeeded. Every stage may
use this module; it imports nothing else of the package.
"""

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

#: The environment variable naming the open staging folder; processes started inside
#: :func:`staged_writes` (a notebook's kernel) inherit it, so their writes are staged too.
STAGING_ENV = "ANALYSIS_STAGING_DIR"


def staged_path(path: Path) -> Path:
    """Where a write to ``path`` goes: ``path`` itself, or its place in the open staging folder.

    A staged file mirrors the target's absolute path under the staging folder
    (``<stage>/abs/path/to/file``), so the stage needs no separate list of targets.
    """
    stage = os.environ.get(STAGING_ENV)
    if not stage:
        return Path(path)
    return Path(stage) / Path(path).resolve().relative_to("/")


def readable_path(path: Path) -> Path:
    """Where to read ``path`` from: its staged copy when this step already wrote it, else itself."""
    staged = staged_path(path)
    return staged if staged.is_file() else Path(path)


def write_bytes_atomic(data: bytes, path: Path) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Inside :func:`staged_writes` the bytes go to the staging folder and reach ``path`` only when
    the step commits.

    Args:
        data: the complete contents.
        path: the target file; its folder is created when missing (when the step commits).

    Returns:
        The path written (the real target, also when staged).
    """
    _write_now(data, staged_path(path))
    return Path(path)


def _write_now(data: bytes, path: Path) -> None:
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


#: Decides how a staged file reaches its target; returns False to have it simply replaced.
Merger = Callable[[Path, Path], bool]


@contextlib.contextmanager
def staged_writes(merge: Merger | None = None) -> Iterator[Path]:
    """Collect every write of a build step and replace the real outputs only if it all succeeds.

    Inside the block, :func:`write_bytes_atomic` (and so every writer of the package), in this
    process and in the processes it starts, writes into a fresh staging folder; no output and no
    output folder is touched. When the block ends without an exception each staged file is moved
    into place (atomically, file by file); when it raises, the staging folder is deleted and every
    previous output stays byte-identical. A block inside an open stage joins it.

    Args:
        merge: called as ``merge(target, staged_file)`` before a staged file is moved; when it
            returns True it has written the target itself (a registry shared by several steps
            merges its rows into the current file instead of replacing it).

    Yields:
        The staging folder.
    """
    outer = os.environ.get(STAGING_ENV)
    if outer:
        yield Path(outer)
        return
    stage = Path(tempfile.mkdtemp(prefix="analysis-stage-"))
    os.environ[STAGING_ENV] = str(stage)
    try:
        try:
            yield stage
        finally:
            del os.environ[STAGING_ENV]
        _commit(stage, merge)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _commit(stage: Path, merge: Merger | None) -> None:
    staged_files = [p for p in stage.rglob("*") if p.is_file() and not p.name.endswith(".tmp")]
    for staged in sorted(staged_files):
        target = Path("/") / staged.relative_to(stage)
        if merge is None or not merge(target, staged):
            _write_now(staged.read_bytes(), target)


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
    path = readable_path(path)
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
