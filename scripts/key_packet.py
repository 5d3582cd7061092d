"""Write a reader's packet for adding an authority's asks to the asks key.

    python scripts/key_packet.py --out PACKET \
        --pair "Bromley" ../shared/corpus-pdf/bromley-2016-06-27.pdf \
                         ../shared/corpus-pdf/bromley-2019-01-07.pdf [--pair ...]

Each ``--pair`` names an authority and two of its inspection reports (text or published PDF),
earlier first. The packet holds what a reader following ``docs/concern_codebook.md`` needs:

- ``concern_codebook.md``: the codebook;
- ``<source_id>.txt``: each report's text as the pipeline reads it (a PDF's pages separated by a
  form feed); the source id is the file's stem, as the key names it;
- ``asks.csv``: every ask of both reports numbered as the pipeline numbers them
  (:func:`analysis.tables.processed.build_recommendations`), with its page;
- ``links.csv``: every pair (earlier ask, later ask) with ``link`` and ``reason`` to fill;
- ``status.csv``: every earlier ask in the later report's year with ``status``, ``quote_file``
  and ``quote`` to fill.

A reader copies ``links.csv`` and ``status.csv`` into a folder of their own and fills them;
``scripts/add_to_key.py`` then settles and appends the readers' files.
"""

import argparse
import csv
import shutil
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from analysis.contract.errors import InputError  # noqa: E402
from analysis.evaluation.concerns import LINK_ID, STATUS_ID, corpus_document  # noqa: E402
from analysis.sources.text import normalise_whitespace  # noqa: E402
from analysis.tables.processed import build_recommendations  # noqa: E402

CODEBOOK = PROJECT / "docs" / "concern_codebook.md"
ASK_COLUMNS = ["local_authority", "source_id", "year", "rec_no", "page", "text"]
LINK_COLUMNS = ["local_authority", *LINK_ID]
STATUS_COLUMNS = ["local_authority", *STATUS_ID]


def pair_rows(authority: str, early: Path, late: Path, out: Path) -> tuple[list, list, list]:
    """The asks, the pairs to link and the ask-years to read of one authority's two reports.

    Writes each report's text into ``out`` as ``<source_id>.txt``.

    Raises:
        InputError: a report cannot be read, has no asks, or the later is not later.
    """
    asks, numbered = [], {}
    for path in (early, late):
        document = corpus_document(path, authority)
        recommendations = build_recommendations([document])
        if recommendations.empty:
            raise InputError(f"{path}: no asks found (recommendations or what needs to improve)")
        (out / f"{document.source_id}.txt").write_text(document.text, encoding="utf-8")
        numbered[path] = (document, list(recommendations["rec_no"]))
        for row in recommendations.itertuples():
            text = normalise_whitespace(row.text)
            asks.append([authority, document.source_id, document.year, row.rec_no, row.page, text])
    (first, first_asks), (second, second_asks) = numbered[early], numbered[late]
    if second.year <= first.year:
        raise InputError(f"{late}: not later than {early} ({second.year}, {first.year})")
    links = [
        [authority, first.source_id, a, second.source_id, b, "", ""]
        for a in first_asks
        for b in second_asks
    ]
    status = [[authority, first.source_id, a, second.year, "", "", ""] for a in first_asks]
    return asks, links, status


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    """Write the packet for every pair given."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="the packet's folder (new)")
    parser.add_argument(
        "--pair",
        nargs=3,
        action="append",
        required=True,
        metavar=("AUTHORITY", "EARLIER", "LATER"),
        help="an authority and two of its inspection reports, earlier first",
    )
    args = parser.parse_args(argv)
    if args.out.exists():
        print(f"error: {args.out} exists; name a new folder", file=sys.stderr)
        return 1
    scratch = args.out.with_name(args.out.name + ".partial")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    asks, links, status = [], [], []
    try:
        for authority, early, late in args.pair:
            found = pair_rows(authority, Path(early), Path(late), scratch)
            asks, links, status = asks + found[0], links + found[1], status + found[2]
    except InputError as err:
        shutil.rmtree(scratch)
        print(f"error: {err}; no packet was written", file=sys.stderr)
        return 1
    _write(scratch / "asks.csv", ASK_COLUMNS, asks)
    _write(scratch / "links.csv", [*LINK_COLUMNS, "link", "reason"], links)
    _write(scratch / "status.csv", [*STATUS_COLUMNS, "status", "quote_file", "quote"], status)
    shutil.copy(CODEBOOK, scratch / CODEBOOK.name)
    scratch.rename(args.out)
    print(f"{args.out}: {len(asks)} asks, {len(links)} pairs, {len(status)} asks and years")
    return 0


if __name__ == "__main__":
    sys.exit(main())
