"""Command line: ``python -m analysis <command> ...``.

Commands are argparse subparsers, each a ``_run_<command>(args) -> int`` function, so more can be
added beside ``judgements``. Exit status: 0 on success, 2 for bad input (a file that cannot be
read, a grade the framework does not know); the message names the file and goes to stderr.
Imports stay light (no pandas): the CLI must start fast.
"""

import argparse
import csv
import os
import sys
from concurrent.futures import ProcessPoolExecutor

from analysis.contract.errors import InputError
from analysis.parse.judgements import parse_judgements
from analysis.sources.documents import read_text

#: Columns of ``judgements`` output, in order (the data contract's command line section).
JUDGEMENT_COLUMNS = ["file", "area_key", "area", "grade", "grade_score"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with one subparser per command."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Birmingham children's services analysis: command line tools.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    judgements = commands.add_parser(
        "judgements",
        help="print the graded Ofsted judgements of inspection report texts as CSV",
        description=(
            "Print one CSV row per graded judgement found in each FILE (columns: "
            f"{', '.join(JUDGEMENT_COLUMNS)}). A file without judgements adds no rows."
        ),
    )
    judgements.add_argument("files", nargs="+", metavar="FILE", help="a report's text file")
    judgements.set_defaults(run=_run_judgements)
    return parser


def _read_all(paths: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """Read every file before any output, so a bad file leaves no half-written CSV.

    Args:
        paths: file paths as given on the command line.

    Returns:
        ``(path, text)`` pairs for the readable files, and one error message per unreadable one.
    """
    texts, errors = [], []
    for path in paths:
        try:
            texts.append((path, read_text(path)))
        except InputError as err:
            errors.append(str(err))
    return texts, errors


#: From this many files on, reports are parsed in a process per core.
PARALLEL_FROM = 8


def _file_lines(item: tuple[str, str]) -> list[list]:
    """The CSV rows of one file's judgements."""
    path, text = item
    return [
        [path, *(row[column] for column in JUDGEMENT_COLUMNS[1:])]
        for row in parse_judgements(text, source=path)
    ]


def _judgement_lines(texts: list[tuple[str, str]]) -> list[list]:
    """Return the CSV rows (without header) for every judgement in the texts, in file order.

    Many files are parsed on every core (one process each); the rows keep the files' order.

    Raises:
        InputError: a text holds a grade its framework does not know.
    """
    workers = min(len(texts), os.cpu_count() or 1)
    if len(texts) < PARALLEL_FROM or workers < 2:
        per_file = map(_file_lines, texts)
        return [line for lines in per_file for line in lines]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        per_file = list(pool.map(_file_lines, texts, chunksize=max(1, len(texts) // (4 * workers))))
    return [line for lines in per_file for line in lines]


def _run_judgements(args: argparse.Namespace) -> int:
    """Print the judgements of ``args.files`` as CSV on stdout; report bad files on stderr."""
    texts, errors = _read_all(args.files)
    if not errors:
        try:
            lines = _judgement_lines(texts)
        except InputError as err:
            errors.append(str(err))
    if errors:
        for message in errors:
            print(f"error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(JUDGEMENT_COLUMNS)
    writer.writerows(lines)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: arguments after the program name; ``None`` reads ``sys.argv``.

    Returns:
        The exit status (0 success, 2 bad input; argparse exits with 2 on bad usage).
    """
    args = build_parser().parse_args(argv)
    return args.run(args)
