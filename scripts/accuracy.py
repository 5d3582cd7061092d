"""Measure the parsers against what we labelled by hand: ``make accuracy`` (docs/accuracy.md).

- judgements: the command line on ../shared/corpus against its published grades (EXPECTED.csv);
- tone: data/labels/paragraph_labels.csv (Birmingham) and tests/data/tone_labels_corpus.csv
  (other authorities),
  paragraphs labelled by two labellers from docs/tone_codebook.md, split into the rows the
  lexicon's weights were chosen on (tuning) and rows drawn at random and used to choose nothing
  (test);
- themes: data/labels/paragraph_labels.csv (column themes), labelled from docs/theme_codebook.md;
- links from "(Recommendation)" paragraphs: tests/data/recommendation_links.csv;
- figures in prose: tests/data/figures_checklist.csv, figures read off the documents by hand;
- KPI report: the per-KPI checklist in tests/parse/test_kpi_report.py.
"""

import csv
import importlib.util
import io
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT.parent / "shared" / "corpus"
LABELS = PROJECT / "data" / "labels" / "paragraph_labels.csv"
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


def links_line() -> str:
    """Marked SIF paragraphs linked to the recommendation a reader chose."""
    from analysis.documents import read_text
    from analysis.parse.recommendations import link_recommendation_paragraphs, parse_recommendations
    from analysis.structure import split_paragraphs

    test = _load(PROJECT / "tests" / "parse" / "test_recommendations.py")
    results = []
    for name, path in (
        ("Birmingham 2016", test.SIF),
        ("Wakefield 2016", CORPUS / "wakefield-2016-sif.txt"),
    ):
        if not path.is_file():
            results.append(f"{name}: {path} absent, not measured")
            continue
        text = read_text(path)
        links = link_recommendation_paragraphs(split_paragraphs(text), parse_recommendations(text))
        linked = {link["para_id"]: link["rec_no"] for link in links}
        checklist = test._links_checklist(path.name)
        right = sum(linked.get(row["para_id"]) in test._acceptable(row) for row in checklist)
        results.append(f"{name} {right}/{len(checklist)}")
    return (
        "| paragraphs marked (Recommendation) linked to the recommendation a reader chose | "
        + "; ".join(results)
        + " |"
    )


def tone_lines(tone: dict, labellers: dict) -> list[str]:
    """The tone section: agreement per document set and split, labellers, test confusion."""
    labels = ["positive", "negative", "mixed", "neutral"]
    names = list(dict.fromkeys(name for name, _ in tone))
    test = {
        label: {c: sum(tone[(n, "test")]["confusion"][label][c] for n in names) for c in labels}
        for label in labels
    }
    test_rows = sum(sum(row.values()) for row in test.values())
    test_right = sum(test[label][label] for label in labels)
    lines = [
        "## Tone",
        "",
        "Paragraphs labelled by two labellers working alone from `docs/tone_codebook.md` (a third "
        "settled the rows where they differed). The lexicon's weights were chosen on the tuning "
        "rows; the test rows were drawn at random from paragraphs not labelled before "
        "(`scripts/sample_paragraphs.py`) and used to choose nothing.",
        "",
        "| paragraphs | tuning rows | test rows | two labellers agree |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name in names:
        tuning, tested, pair = tone[(name, "tuning")], tone[(name, "test")], labellers[name]
        lines.append(
            f"| {name} | {tuning['accuracy']:.1%} of {tuning['rows']} | "
            f"{tested['accuracy']:.1%} of {tested['rows']} | "
            f"{pair['agreement']:.1%} of {pair['rows']} (kappa {pair['kappa']:.2f}) |"
        )
    lines += [
        f"| all test rows | | {test_right / test_rows:.1%} of {test_rows} | |",
        "",
        "Confusion on the test rows (rows: the hand label; columns: the scorer):",
        "",
        "| label \\ scorer | " + " | ".join(labels) + " |",
        "| --- | " + " | ".join("---:" for _ in labels) + " |",
    ]
    lines += [
        f"| {label} | " + " | ".join(str(test[label][c]) for c in labels) + " |" for label in labels
    ]
    return lines


def render() -> str:
    """Compute every measure and return the text of docs/accuracy.md."""
    from analysis.documents import read_text
    from analysis.labels import SPLITS
    from analysis.parse.figures import parse_figures
    from analysis.parse.kpi_report import parse_kpi_report
    from analysis.themes import theme_agreement, theme_labeller_agreement
    from analysis.tone import labeller_agreement, tone_agreement

    tone = {
        (name, split): tone_agreement(path, split=split)
        for name, path in (("Birmingham", LABELS), ("other authorities", CORPUS_LABELS))
        for split in SPLITS
    }
    labellers = {
        name: labeller_agreement(path)
        for name, path in (("Birmingham", LABELS), ("other authorities", CORPUS_LABELS))
    }
    themes = {split: theme_agreement(LABELS, split=split) for split in SPLITS}
    theme_pair = theme_labeller_agreement(LABELS)
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
    lines = [
        "# Accuracy",
        "",
        "Measured by `make accuracy` against what we labelled by hand "
        "(`data/labels/`, `tests/data/`).",
        "",
        "| what | result |",
        "| --- | --- |",
        judgements_line(),
        *(
            f"| themes of Birmingham paragraphs, {split} rows ({t['rows']}) | "
            f"precision {t['precision']:.1%}, recall {t['recall']:.1%}, F1 {t['f1']:.1%} |"
            for split, t in themes.items()
        ),
        f"| themes: two labellers from docs/theme_codebook.md ({theme_pair['rows']} paragraphs) "
        f"| {theme_pair['dice']:.1%} of theme choices shared (Dice); identical sets on "
        f"{theme_pair['same_themes']:.1%} |",
        f"| figures in prose ({len(items)} read off the documents) | "
        f"{found}/{len(items)} found ({found / len(items):.1%} recall) |",
        f"| KPI report values ({len(kpi_items)} read off the 15 KPI blocks) | "
        f"{kpi_right}/{len(kpi_items)} found with the right value |",
        links_line(),
        "",
        *tone_lines(tone, labellers),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Write docs/accuracy.md and print it."""
    text = render()
    (PROJECT / "docs" / "accuracy.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
