"""The document registry: read ``sources.csv``, check every row and file, hand out documents.

``data/raw/sources.csv`` is the only hand-written data in the project: one row per source
document. Adding a document is a text file in the raw folder plus a row here; nothing else.
Every problem found stops the build with an :class:`~analysis.contract.errors.InputError` whose
message names the registry line or the file and what is wrong, before any output is written.
"""

import csv
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from analysis.config import REGISTRY_FILE_NAME
from analysis.contract.errors import InputError
from analysis.contract.values import DOCUMENT_TYPES, REGISTRY_COLUMNS
from analysis.sources.pdf import is_pdf, pdf_text

_EARLIEST_YEAR, _LATEST_YEAR = 2000, 2100


@dataclass(frozen=True)
class Document:
    """One registered source document: its registry row and its text.

    ``text`` is the file read as ``open(path, encoding="utf-8-sig").read()``; every character
    offset the project records is an offset into this string.
    """

    source_id: str
    file: str
    year: int
    published: dt.date
    document_type: str
    title: str
    publisher: str
    local_authority: str
    sha256: str
    path: Path
    text: str
    licence: str = ""

    @property
    def is_inspection_report(self) -> bool:
        """Whether the document is an Ofsted inspection report (and so must carry judgements)."""
        return self.document_type == "inspection_report"


def read_text(path: Path) -> str:
    r"""Read a document's text the way the data contract fixes it.

    A PDF (a ``.pdf`` name) is read by :func:`analysis.sources.pdf.pdf_text`: its text layer,
    pages joined by a form feed.

    Args:
        path: the text file or PDF.

    Returns:
        The text, decoded as UTF-8 with any byte-order mark dropped and newlines made ``\\n``.

    Raises:
        InputError: the file is missing, empty or not UTF-8, or a PDF that cannot be read.
    """
    path = Path(path)
    if is_pdf(path):
        return pdf_text(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except UnicodeDecodeError as err:
        raise InputError(
            f"{path}: not UTF-8 text (byte {err.start} is {err.object[err.start]:#04x}); "
            "save it as UTF-8"
        ) from None
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    return text


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 digest of the file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_registry(raw_dir: Path) -> list[dict]:
    """Read and check ``sources.csv`` in ``raw_dir``, without opening the documents.

    Args:
        raw_dir: the raw data folder holding ``sources.csv`` and the documents.

    Returns:
        One dict per row, with ``year`` as int and ``published`` as a date.

    Raises:
        InputError: the registry is missing, lacks a column, or a row is malformed (empty field,
            duplicate ``source_id``, unknown ``document_type``, bad year or date, or a ``file``
            outside ``raw_dir``). The message names the line.
    """
    raw_dir = Path(raw_dir)
    registry = raw_dir / REGISTRY_FILE_NAME
    if not raw_dir.is_dir():
        raise InputError(f"{raw_dir}: raw data folder not found")
    if not registry.is_file():
        raise InputError(f"{registry}: document registry not found")
    with open(registry, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        missing = [c for c in REGISTRY_COLUMNS if c not in columns]
        if missing:
            raise InputError(f"{registry}: missing column(s) {', '.join(missing)}")
        rows = []
        seen: dict[str, int] = {}
        for line_no, raw_row in enumerate(reader, start=2):
            row = _check_row(registry, raw_dir, line_no, raw_row, seen)
            seen[row["source_id"]] = line_no
            rows.append(row)
    if not rows:
        raise InputError(f"{registry}: no documents registered")
    return rows


def _check_row(registry: Path, raw_dir: Path, line_no: int, row: dict, seen: dict) -> dict:
    where = f"{registry}, line {line_no}"
    if None in row or any(row.get(c) is None for c in REGISTRY_COLUMNS):
        raise InputError(f"{where}: wrong number of fields")
    row = {k: (v or "").strip() for k, v in row.items()}
    for column in REGISTRY_COLUMNS:
        if not row[column]:
            raise InputError(f"{where}: empty {column}")
    source_id = row["source_id"]
    if source_id in seen:
        raise InputError(
            f"{where}: duplicate source_id {source_id!r} (first on line {seen[source_id]})"
        )
    if row["document_type"] not in DOCUMENT_TYPES:
        raise InputError(
            f"{where}: unknown document_type {row['document_type']!r}; "
            f"expected one of {', '.join(DOCUMENT_TYPES)}"
        )
    try:
        year = int(row["year"])
    except ValueError:
        raise InputError(f"{where}: year {row['year']!r} is not a whole number") from None
    if not _EARLIEST_YEAR <= year <= _LATEST_YEAR:
        raise InputError(f"{where}: year {year} is outside {_EARLIEST_YEAR}-{_LATEST_YEAR}")
    try:
        published = dt.date.fromisoformat(row["published"])
    except ValueError:
        raise InputError(
            f"{where}: published {row['published']!r} is not an ISO date (YYYY-MM-DD)"
        ) from None
    file_name = row["file"]
    if Path(file_name).name != file_name or file_name in (".", ".."):
        raise InputError(
            f"{where}: file {file_name!r} is outside {raw_dir}; give a file name inside it"
        )
    digest = row["sha256"].lower()
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise InputError(f"{where}: sha256 {row['sha256']!r} is not a 64-digit hex digest")
    return {**row, "year": year, "published": published, "sha256": digest}


def load_document(raw_dir: Path, row: dict) -> Document:
    """Open one registered document and check its checksum.

    Args:
        raw_dir: the raw data folder.
        row: a checked registry row from :func:`read_registry`.

    Returns:
        The :class:`Document` with its text.

    Raises:
        InputError: the file is missing, altered (checksum differs), empty or not UTF-8.
    """
    path = Path(raw_dir) / row["file"]
    if not path.is_file():
        raise InputError(f"{path}: registered as {row['source_id']!r} but the file is missing")
    digest = sha256_of(path)
    if digest != row["sha256"]:
        raise InputError(
            f"{path}: checksum differs from {REGISTRY_FILE_NAME} "
            f"(expected {row['sha256'][:12]}..., found {digest[:12]}...); "
            "raw files are never edited: restore it, or register the new version with its own row"
        )
    return Document(
        source_id=row["source_id"],
        file=row["file"],
        year=row["year"],
        published=row["published"],
        document_type=row["document_type"],
        title=row["title"],
        publisher=row["publisher"],
        local_authority=row["local_authority"],
        sha256=digest,
        path=path,
        text=read_text(path),
        licence=row.get("licence", ""),
    )


def load_documents(raw_dir: Path) -> list[Document]:
    """Read the registry and every document it lists, checking all of them first.

    Args:
        raw_dir: the raw data folder holding ``sources.csv``.

    Returns:
        The documents in registry order.

    Raises:
        InputError: for the first problem found in the registry or a file.
    """
    return [load_document(raw_dir, row) for row in read_registry(raw_dir)]


def authority_key(name: str) -> str:
    """Key an authority's printed name: ``Birmingham City Council`` -> ``birmingham``."""
    key = name.lower().replace("&", "and")
    for suffix in (
        " metropolitan borough council",
        " city council",
        " county council",
        " borough council",
        " council",
        " city",
    ):
        if key.endswith(suffix):
            key = key[: -len(suffix)]
            break
    return "-".join(key.replace("'", "").split())


def selection(
    authorities: list[str],
    years_of: list[int],
    years: list[int] | None,
    local_authority: str | None,
    noun: str = "registered",
) -> list[bool]:
    """Which documents a choice of years and authority keeps, checking the choice is possible.

    Args:
        authorities: each document's authority as printed.
        years_of: each document's year.
        years: years to keep; empty or ``None`` keeps all.
        local_authority: authority name (any printed form); empty or ``None`` keeps all.
        noun: how the messages describe the documents (``registered``, ``processed``).

    Returns:
        One flag per document: whether it is kept.

    Raises:
        InputError: the authority matches no document, or a requested year has none.
    """
    keep = [True] * len(authorities)
    if local_authority:
        key = authority_key(local_authority)
        keep = [authority_key(a) == key for a in authorities]
        if not any(keep):
            known = sorted(set(authorities))
            raise InputError(
                f"parameter local_authority={local_authority!r} matches no {noun} document; "
                f"{noun}: {', '.join(known)}"
            )
    if years:
        present = {y for y, k in zip(years_of, keep, strict=True) if k}
        missing = sorted(set(years) - present)
        if missing:
            raise InputError(
                f"parameter years: no {noun} document for {', '.join(map(str, missing))}"
                + (f" in {local_authority}" if local_authority else "")
            )
        keep = [k and y in set(years) for y, k in zip(years_of, keep, strict=True)]
    return keep


def select_documents(
    documents: list[Document], years: list[int] | None = None, local_authority: str | None = None
) -> list[Document]:
    """Keep the documents of the given years and authority (see :func:`selection`).

    Returns:
        The matching documents, in registry order.
    """
    keep = selection(
        [d.local_authority for d in documents], [d.year for d in documents], years, local_authority
    )
    return [d for d, k in zip(documents, keep, strict=True) if k]
