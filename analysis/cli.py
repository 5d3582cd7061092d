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
        help="print the graded Ofsted judgements of inspection reports (PDF or text) as CSV",
        description=(
            "Print one CSV row per graded judgement found in each FILE (columns: "
            f"{', '.join(JUDGEMENT_COLUMNS)}). A file without judgements adds no rows."
        ),
    )
    judgements.add_argument(
        "files", nargs="+", metavar="FILE", help="a report as published (PDF) or as text"
    )
    judgements.set_defaults(run=_run_judgements)
    return parser


#: From this many files on, files are read and parsed in a process per core.
PARALLEL_FROM = 8


def _file_lines(path: str) -> tuple[list[list], str]:
    """One file's CSV rows, or the message saying why it cannot be read: ``(rows, error)``."""
    try:
        text = read_text(path)
        rows = [
            [path, *(row[column] for column in JUDGEMENT_COLUMNS[1:])]
            for row in parse_judgements(text, source=path)
        ]
    except InputError as err:
        return [], str(err)
    return rows, ""


def _judgement_lines(paths: list[str]) -> tuple[list[list], list[str]]:
    """Every file's rows in the order given, and one message per file that cannot be read.

    Many files are read and parsed on every core (a process each); nothing is printed until
    every file is done, so a bad file leaves no half-written CSV.
    """
    workers = min(len(paths), os.cpu_count() or 1)
    if len(paths) < PARALLEL_FROM or workers < 2:
        results = list(map(_file_lines, paths))
    else:
        chunk = max(1, len(paths) // (4 * workers))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_file_lines, paths, chunksize=chunk))
    lines = [line for rows, _ in results for line in rows]
    return lines, [error for _, error in results if error]


def _run_judgements(args: argparse.Namespace) -> int:
    """Print the judgements of ``args.files`` as CSV on stdout; report bad files on stderr."""
    lines, errors = _judgement_lines(args.files)
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
