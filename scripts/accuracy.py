"""Measure the parsers against what we labelled by hand: ``make accuracy`` (docs/accuracy.md).

- judgements: the command line on ../shared/corpus against its published grades (EXPECTED.csv);
- tone and themes: tests/data/tone_labels.csv, paragraphs labelled by hand;
- figures in prose: tests/data/figures_checklist.csv, figures read off the documents by hand;
- KPI report: the per-KPI checklist in tests/parse/test_kpi_report.py.
"""

import csv
import importlib.util
import io
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT.parent / "shared" / "corpus"
LABELS = PROJECT / "tests" / "data" / "tone_labels.csv"
SECOND_LABELS = PROJECT / "tests" / "data" / "tone_labels_second.csv"
CORPUS_LABELS = PROJECT / "tests" / "data" / "tone_labels_corpus.csv"


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judgements_line() -> str:
    """Corpus grades from the command line against EXPECTED.csv."""
    expected_csv = CORPUS / "EXPECTED.csv"
    if not expected_csv.is_file():
        return "| judgements (corpus) | ../shared/corpus absent: not measured |"
    with open(expected_csv, encoding="utf-8", newline="") as handle:
        expected = {(r["file"], r["area_key"]): r["grade_score"] for r in csv.DictReader(handle)}
    files = sorted({f for f, _ in expected})
    out = subprocess.run(
        [sys.executable, "-m", "analysis", "judgements", *files],
        cwd=CORPUS,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    got = {(r["file"], r["area_key"]): r["grade_score"] for r in csv.DictReader(io.StringIO(out))}
    right = sum(got.get(k) == v for k, v in expected.items())
    extra = len(set(got) - set(expected))
    return (
        f"| judgements, other authorities' reports (command line vs EXPECTED.csv) | "
        f"{right}/{len(expected)} grades right, {extra} extra rows |"
    )


def main() -> None:
    """Compute every measure and write docs/accuracy.md."""
    from analysis.documents import read_text
    from analysis.parse.figures import parse_figures
    from analysis.parse.kpi_report import parse_kpi_report
    from analysis.themes import theme_agreement
    from analysis.tone import tone_agreement

    tone = tone_agreement(LABELS)
    tone_test = _load(PROJECT / "tests" / "test_tone.py")
    with open(LABELS, encoding="utf-8", newline="") as handle:
        label_rows = list(csv.DictReader(handle))
    scratch = Path(tempfile.mkdtemp())
    dev = tone_agreement(tone_test._write_rows(scratch / "dev.csv", label_rows[0::2]))
    hold = tone_agreement(tone_test._write_rows(scratch / "hold.csv", label_rows[1::2]))
    with open(SECOND_LABELS, encoding="utf-8", newline="") as handle:
        second = [row["tone"] for row in csv.DictReader(handle)]
    corpus_tone = tone_agreement(CORPUS_LABELS)
    labellers = sum(a["tone"] == b for a, b in zip(label_rows, second, strict=True)) / len(second)
    themes = theme_agreement(LABELS)
    figures_test = _load(PROJECT / "tests" / "parse" / "test_figures.py")
    with open(figures_test.CHECKLIST, encoding="utf-8") as handle:
        items = list(csv.DictReader(handle))
    parsed = {
        p.name: (read_text(p), parse_figures(read_text(p))[0]) for p in figures_test.RAW_FILES
    }
    found = sum(figures_test._found(i, *parsed[i["file"]]) for i in items)
    kpi_test = _load(PROJECT / "tests" / "parse" / "test_kpi_report.py")
    rows = parse_kpi_report(read_text(kpi_test.PAPERS))
    kpi_found = {(r["kpi_no"], kpi_test._key(r)): r["value"] for r in rows if r["table"] == "kpi"}
    checklist = kpi_test.CHECKLIST
    kpi_items = [(k, key, v) for k, values in checklist.items() for key, v in values.items()]
    kpi_right = sum(
        abs(kpi_found.get((str(k), key), float("nan")) - v) < 1e-9 for k, key, v in kpi_items
    )
    confusion = tone["confusion"]
    labels = ["positive", "negative", "mixed", "neutral"]
    lines = [
        "# Accuracy",
        "",
        "Measured by `make accuracy` against what we labelled by hand (see `tests/data/`).",
        "",
        "| what | result |",
        "| --- | --- |",
        judgements_line(),
        f"| tone of paragraphs ({tone['rows']} labelled across the five documents) | "
        f"{tone['accuracy']:.1%} agreement overall; {hold['accuracy']:.1%} on the "
        f"{hold['rows']} hold-out rows whose texts were never read while tuning "
        f"({dev['accuracy']:.1%} on the {dev['rows']} tuning rows) |",
        f"| tone: a second, independent labelling of those 267 paragraphs | agrees with the first "
        f"on {labellers:.1%} (about the most a scorer can be expected to match) |",
        f"| tone of paragraphs of other authorities' reports ({corpus_tone['rows']} from "
        f"../shared/corpus, labelled blind) | {corpus_tone['accuracy']:.1%} agreement |",
        f"| themes of paragraphs ({themes['rows']} labelled) | "
        f"precision {themes['precision']:.1%}, recall {themes['recall']:.1%}, "
        f"F1 {themes['f1']:.1%} |",
        f"| figures in prose ({len(items)} read off the documents) | "
        f"{found}/{len(items)} found ({found / len(items):.1%} recall) |",
        f"| KPI report values ({len(kpi_items)} read off the 15 KPI blocks) | "
        f"{kpi_right}/{len(kpi_items)} found with the right value |",
        "",
        "Tone confusion (rows: our label; columns: the scorer):",
        "",
        "| label \\ scorer | " + " | ".join(labels) + " |",
        "| --- | " + " | ".join("---:" for _ in labels) + " |",
    ]
    for label in labels:
        lines.append(
            f"| {label} | " + " | ".join(str(confusion[label].get(c, 0)) for c in labels) + " |"
        )
    text = "\n".join(lines) + "\n"
    (PROJECT / "docs" / "accuracy.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
