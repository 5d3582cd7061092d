r"""Reading a report as Ofsted publishes it: a PDF's text, page by page, deterministically.

The text layer is read with PDFium (pypdfium2; the comparison of libraries is in
``docs/pdf_libraries.md``). Pages are joined by a form feed (``\f``), so the page of any offset
is one plus the form feeds before it (:func:`page_of`); PDFium's ``\r\n`` line ends become
``\n``, as Python's universal newlines would read them. The same file always gives the same
text.

A file that is not a PDF (an HTML error page saved under a ``.pdf`` name, as real downloads
fail), an encrypted or corrupt PDF, or one with no text layer (a scan) stops with one message
naming the file. Reading has limits (bytes, pages, seconds) so that a broken or hostile file
cannot exhaust the build.
"""

import functools
import itertools
import time
from pathlib import Path

from analysis.contract.errors import InputError

#: A page break in a PDF's text.
PAGE_BREAK = "\f"
MAX_BYTES = 100_000_000
MAX_PAGES = 1_000
MAX_SECONDS = 60.0
#: Fewest letters a text layer must hold to count as one (a scan has none, or a stray few).
MIN_LETTERS = 200


def is_pdf(path: Path) -> bool:
    """Whether a file is named as a PDF (the reader then insists that it is one)."""
    return Path(path).suffix.lower() == ".pdf"


def _check_header(path: Path, head: bytes) -> None:
    """Refuse a file that is not a PDF, saying what it looks like instead."""
    if head.startswith(b"%PDF-"):
        return
    sniff = head.lstrip().lower()
    if sniff.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
        kind = "an HTML page (a failed download saved under a .pdf name?)"
    elif not head:
        kind = "empty"
    else:
        kind = "not a PDF (no %PDF- header)"
    raise InputError(f"{path}: named .pdf but {kind}")


def pdf_text(path: Path) -> str:
    r"""The text of a PDF, its pages joined by :data:`PAGE_BREAK`.

    Args:
        path: the PDF file.

    Returns:
        The text; ``\r\n`` and ``\r`` line ends read as ``\n``.

    Raises:
        InputError: the file is missing, too large, not a PDF, encrypted, corrupt, has too many
            pages, takes too long, or has no text layer; the message names the file.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    stat = path.stat()
    size = stat.st_size
    if size > MAX_BYTES:
        raise InputError(f"{path}: {size:,} bytes is over the {MAX_BYTES:,}-byte limit for a PDF")
    with open(path, "rb") as handle:
        _check_header(path, handle.read(1024))
    return _read_pdf_once(path.resolve(), size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=128)
def _read_pdf_once(path: Path, size: int, mtime_ns: int) -> str:
    """:func:`_read_pdf`, once per file as it is (its size and modification time in the key).

    Several steps and tests read the same published reports, and PDFium takes most of a second
    for a long one; a changed file is read again, and a failure is not kept.
    """
    return _read_pdf(path)


def _read_pdf(path: Path) -> str:
    """The text of a PDF whose size and header were checked, or an error naming ``path``."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        reason = "encrypted (password protected)" if "password" in str(err).lower() else "corrupt"
        raise InputError(f"{path}: the PDF cannot be opened: {reason} ({err})") from None
    try:
        return _pages_text(path, document)
    finally:
        document.close()


def _pages_text(path: Path, document) -> str:
    """Every page's text, within the page and time limits, or an error naming the file."""
    if len(document) > MAX_PAGES:
        raise InputError(f"{path}: {len(document)} pages is over the {MAX_PAGES}-page limit")
    deadline = time.monotonic() + MAX_SECONDS
    pages = []
    for index in range(len(document)):
        if time.monotonic() > deadline:
            raise InputError(
                f"{path}: reading took over {MAX_SECONDS:.0f} s; stopped at page {index + 1}"
            )
        page = document[index]
        textpage = page.get_textpage()
        pages.append(_clean(textpage.get_text_range()))
        textpage.close()
        page.close()
    text = PAGE_BREAK.join(pages)
    if len(list(itertools.islice(filter(str.isalpha, text), MIN_LETTERS))) < MIN_LETTERS:
        raise InputError(
            f"{path}: the PDF has no text layer (a scan?); it cannot be read without OCR"
        )
    return text


def _clean(page_text: str) -> str:
    r"""PDFium's page text as the project reads text: ``\n`` line ends, real hyphens.

    PDFium marks a hyphen it found at a line end with U+FFFE and joins the lines; in Ofsted's
    reports these are all real hyphens ("multi-agency"), so the hyphen is put back.
    """
    return page_text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-")


def page_of(text: str, offset: int) -> int:
    """The 1-based page of ``offset`` in a PDF's text (page breaks before it, plus one)."""
    return text.count(PAGE_BREAK, 0, offset) + 1
