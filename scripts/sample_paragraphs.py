"""Draw paragraphs to label: a fixed-seed random sample not labelled before.

    python scripts/sample_paragraphs.py FILE... -n 60 --seed 2026 \
        --exclude data/labels/paragraph_labels.csv --out new_labels.csv

Paragraphs are found with :func:`analysis.sources.structure.split_paragraphs`, exactly as the
pipeline finds them, so a sample is a fair draw from what the tone scorer is run on. A paragraph
whose letters (case, digits, spacing and punctuation aside) are already in one of the ``--exclude``
files is skipped. The output has the label files' first columns (``file``, ``excerpt``,
``text``, ``tone``) with ``tone`` left empty for a labeller following ``docs/tone_codebook.md``.
"""

import argparse
import csv
import random
import re
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from analysis.contract.errors import InputError  # noqa: E402
from analysis.sources.documents import read_text  # noqa: E402
from analysis.sources.structure import Paragraph, split_paragraphs  # noqa: E402
from analysis.sources.text import match_view  # noqa: E402

_NOT_LETTER = re.compile(r"[\W\d_]+")


def text_key(text: str) -> str:
    """A paragraph's letters only, lower-cased, to spot one seen before.

    Digits go too, so that a paragraph labelled with its printed number ("32. ...") is found.
    """
    return _NOT_LETTER.sub("", text.lower())


def labelled_keys(paths: list[Path]) -> set[str]:
    """The :func:`text_key` of every ``text`` in the given label files."""
    keys = set()
    for path in paths:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            keys |= {text_key(row["text"]) for row in csv.DictReader(handle)}
    return keys


def raw_excerpt(raw: str, paragraph: Paragraph, width: int = 70) -> str:
    """The longest opening of the paragraph's text, up to ``width`` characters, found in its raw
    span (typographic quotes and dashes read as plain ones), so that a search of the source file
    finds the paragraph again.

    Falls back to the first ``width`` characters of the text when no opening of at least one
    word is verbatim (a paragraph whose first line is hyphen-broken).
    """
    span = match_view(raw[paragraph.char_start : paragraph.char_end])
    text = paragraph.text[:width]
    for end in range(len(text), 0, -1):
        if (end == len(text) or text[end] == " ") and text[:end] in span:
            return text[:end].rstrip()
    return text


def candidates(files: list[Path], exclude: set[str]) -> list[dict]:
    """Every paragraph of ``files`` not in ``exclude``, as label rows with an empty tone."""
    rows, seen = [], set(exclude)
    for path in files:
        raw = read_text(path)
        for paragraph in split_paragraphs(raw):
            key = text_key(paragraph.text)
            if key and key not in seen:
                seen.add(key)
                rows.append(
                    {
                        "file": path.name,
                        "excerpt": raw_excerpt(raw, paragraph),
                        "text": paragraph.text,
                        "tone": "",
                    }
                )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Write the sample; return the exit status (2 with a one-line message on bad input)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("-n", type=int, required=True, help="paragraphs to draw")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--exclude", type=Path, nargs="*", default=[])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        pool = candidates(args.files, labelled_keys(args.exclude))
    except (InputError, OSError, KeyError) as err:
        print(f"sample_paragraphs: {err}", file=sys.stderr)
        return 2
    sample = random.Random(args.seed).sample(pool, min(args.n, len(pool)))
    order = {path.name: i for i, path in enumerate(args.files)}
    sample.sort(key=lambda row: order[row["file"]])
    with open(args.out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["file", "excerpt", "text", "tone"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(sample)
    print(f"{len(sample)} of {len(pool)} unlabelled paragraphs -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
