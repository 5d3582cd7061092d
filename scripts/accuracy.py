"""Measure the parsers against what was labelled: ``make accuracy`` (docs/accuracy.md).

- judgements: the command line on ../shared/corpus against its published grades (EXPECTED.csv);
- tone: data/labels/paragraph_labels.csv (Birmingham) and data/labels/tone_labels_corpus.csv
  (other authorities),
  paragraphs labelled by two labellers from docs/tone_codebook.md, split into the rows the
  lexicon's weights were chosen on (tuning) and rows drawn at random and used to choose nothing
  (test);
- themes: data/labels/paragraph_labels.csv (column themes), labelled from docs/theme_codebook.md;
- links from "(Recommendation)" paragraphs: data/labels/recommendation_links.csv;
- figures in prose: data/labels/figures_checklist.csv, figures read off the documents;
- KPI report: data/labels/kpi_checklist.csv, every value of the 15 KPI blocks read off the report.

Every key is read and scored by analysis.evaluation, as the tests do.
"""

import contextlib
import csv
import io
from pathlib import Path

from analysis import cli
from analysis.config import CORPUS_DIR as CORPUS
from analysis.config import (
    CORPUS_PDF_DIR,
    FIGURES_CHECKLIST_FILE,
    KEY_CORPUS_DIRS,
    KPI_CHECKLIST_FILE,
    NOTEBOOKS_DIR,
    PROJECT_DIR,
    RAW_DATA_DIR,
    RECOMMENDATION_LINKS_FILE,
)
from analysis.config import CORPUS_TONE_LABELS_FILE as CORPUS_LABELS
from analysis.config import PARAGRAPH_LABELS_FILE as LABELS
from analysis.config import PROCESSED_DATA_DIR as PROCESSED
from analysis.contract.values import OTHER_AREA
from analysis.evaluation.checklists import (
    acceptable_recommendations,
    figure_found,
    kpi_values_right,
    read_checklist,
    read_kpi_checklist,
    recommendation_link_rows,
)
from analysis.evaluation.grades import judgement_key, read_expected_grades, score_grades
from analysis.run.params import default_of

PROJECT = PROJECT_DIR


def _command_grades(files: list[str], folder: Path) -> dict:
    """Run the judgements command on ``files`` in ``folder``; key -> printed ``grade_score``.

    The command runs in this process (its ``main``), so texts this process has read already,
    such as the published PDFs when the tests run this script, are not read again.

    Raises:
        RuntimeError: the command failed; its messages say why.
    """
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(["judgements", *files])
    if status != 0:
        raise RuntimeError(f"judgements exited {status}: {err.getvalue()}")
    rows = csv.DictReader(io.StringIO(out.getvalue()))
    return {judgement_key(r["file"], r): r["grade_score"] for r in rows}


def judgements_line() -> str:
    """Corpus grades from the command line against EXPECTED.csv."""
    expected_csv = CORPUS / "EXPECTED.csv"
    if not expected_csv.is_file():
        return "| judgements (corpus) | ../shared/corpus absent: not measured |"
    expected = read_expected_grades(expected_csv)
    score = score_grades(expected, _command_grades(sorted({k[0] for k in expected}), CORPUS))
    return (
        f"| judgements, other authorities' reports (command line vs EXPECTED.csv) | "
        f"{score.right}/{score.expected} grades right, {len(score.extra)} extra rows |"
    )


def judgements_pdf_line() -> str:
    """Grades of the published PDFs (../shared/corpus-pdf) against EXPECTED.csv."""
    corpus = CORPUS_PDF_DIR
    expected_csv = corpus / "EXPECTED.csv"
    if not expected_csv.is_file():
        return "| judgements (published PDFs) | ../shared/corpus-pdf absent: not measured |"
    expected = read_expected_grades(expected_csv)
    files = sorted({k[0] for k in expected})
    score = score_grades(expected, _command_grades(files, corpus))
    outside = sum(k[1] == OTHER_AREA for k in expected)
    return (
        f"| judgements, {len(files)} reports as published (PDF, 2013-2023) vs EXPECTED.csv | "
        f"{score.right}/{score.expected} grades right, {len(score.extra)} extra rows (of them "
        f"{outside} graded areas outside the contract's vocabulary, kept under their printed "
        "names) |"
    )


def links_line() -> str:
    """Marked SIF paragraphs linked to the recommendation a reader chose."""
    from analysis.parse.recommendations import link_recommendation_paragraphs, parse_recommendations
    from analysis.sources.documents import read_text
    from analysis.sources.structure import split_paragraphs

    results = []
    for name, path in (
        ("Birmingham 2016", RAW_DATA_DIR / "2016-11_ofsted_sif-inspection.txt"),
        ("Wakefield 2016", CORPUS / "wakefield-2016-sif.txt"),
    ):
        if not path.is_file():
            results.append(f"{name}: {path} absent, not measured")
            continue
        text = read_text(path)
        links = link_recommendation_paragraphs(split_paragraphs(text), parse_recommendations(text))
        linked = {link["para_id"]: link["rec_no"] for link in links}
        checklist = recommendation_link_rows(RECOMMENDATION_LINKS_FILE, path.name)
        right = sum(
            linked.get(row["para_id"]) in acceptable_recommendations(row) for row in checklist
        )
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
        "Confusion on the test rows (rows: the label; columns: the scorer):",
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
    from analysis.contract.values import SPLITS
    from analysis.evaluation.agreement import (
        labeller_agreement,
        theme_agreement,
        theme_labeller_agreement,
        tone_agreement,
    )
    from analysis.parse.figures import parse_figures
    from analysis.parse.kpi_report import parse_kpi_report
    from analysis.sources.documents import read_text

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
    items = read_checklist(FIGURES_CHECKLIST_FILE, ("file", "value", "unit", "series", "anchor"))
    parsed = {
        p.name: (read_text(p), parse_figures(read_text(p))[0])
        for p in sorted(RAW_DATA_DIR.glob("*.txt"))
    }
    found = sum(figure_found(i, *parsed[i["file"]]) for i in items)
    papers = RAW_DATA_DIR / "2019-02_bcc_scrutiny-committee-papers.txt"
    kpi_right, kpi_total = kpi_values_right(
        parse_kpi_report(read_text(papers)), read_kpi_checklist(KPI_CHECKLIST_FILE)
    )
    lines = [
        "# Accuracy",
        "",
        "Measured by `make accuracy` against what was labelled (`data/labels/`).",
        "",
        "| what | result |",
        "| --- | --- |",
        judgements_line(),
        judgements_pdf_line(),
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
        f"| KPI report values ({kpi_total} read off the 15 KPI blocks) | "
        f"{kpi_right}/{kpi_total} found with the right value |",
        links_line(),
        "",
        *asks_lines(),
        "",
        *tone_lines(tone, labellers),
    ]
    return "\n".join(lines) + "\n"


def procedural_parts() -> tuple[str, ...]:
    """The kinds of part notebook 04 leaves out of the asks comparison (its parameter default)."""
    return tuple(default_of(NOTEBOOKS_DIR / "04_compare_findings.ipynb", "exclude_part_kinds"))


def asks_lines() -> list[str]:
    """The asks comparison against its key: thresholds chosen on tuning rows, scores by split."""
    import pandas as pd

    from analysis.compare.asks import follow_compared
    from analysis.evaluation.concerns import (
        compare_link_weights,
        read_link_key,
        read_status_key,
        tuned_on_key,
    )
    from analysis.present.summary import prose_list

    lines = ["## Ofsted's asks followed across inspections", ""]
    absent = [str(folder) for folder in KEY_CORPUS_DIRS if not folder.is_dir()]
    if absent:
        return [
            *lines,
            f"{', '.join(absent)} absent: not measured (the key covers other authorities).",
        ]
    link_file = LABELS.parent / "concern_links_key.csv"
    status_file = LABELS.parent / "concern_status_key.csv"
    link_key, status_key = read_link_key(link_file), read_status_key(status_file)
    texts, search = tuned_on_key(
        PROCESSED, KEY_CORPUS_DIRS, link_file, status_file, procedural_parts()
    )
    chosen = search.settings
    found = [follow_compared(t, chosen) for t in texts]
    links = pd.concat([f[0] for f in found], ignore_index=True)
    status = pd.concat([f[1] for f in found], ignore_index=True)
    lines += [
        "Key: `data/labels/concern_links_key.csv` and `concern_status_key.csv`, the asks of "
        f"{prose_list(_key_inspections(link_key))} read from `docs/concern_codebook.md` (how it "
        "was made: `data/labels/README.md`). Thresholds chosen on the tuning rows: link similarity "
        f"{chosen.link_min_similarity} (with a shared theme), status similarity "
        f"{chosen.status_min_similarity}, sentences read together from {chosen.status_close_ratio} "
        "of the best similarity "
        "(`analysis/data/concerns.yml` holds the same). A quote that contradicts its status counts "
        "as an error.",
        "",
        "Each share is followed by its 95% interval (Wilson's, from the rows it rests on): few "
        "rows were read, so the intervals are wide.",
        "",
        "| rows | link precision | link recall | link F1 | status agreement | contradictions |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]

    weights = compare_link_weights(texts, link_key, search)
    for split in ("tuning", "test"):
        rows, cells, agreed = _asks_cells(links, status, link_key, status_key, split)
        lines.append(
            f"| {split} ({rows}) | {' | '.join(cells)} of {agreed['rows']} | "
            f"{agreed['contradictions']} |"
        )
    lines += [
        "",
        "Test rows by authority:",
        "",
        "| authority | link precision | link recall | link F1 | status agreement |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for authority, pairs in link_key.groupby("local_authority", sort=True):
        asks = status_key[status_key["local_authority"] == authority]
        rows, cells, _ = _asks_cells(links, status, pairs, asks, "test")
        lines.append(f"| {authority} ({rows}) | {' | '.join(cells)} |")
    lines += [
        "",
        "Term weights for links, best link F1 on the tuning rows: fitted on the asks alone "
        f"{weights['asks'][1]:.2f} (from {weights['asks'][0]}), fitted on all the documents' "
        f"words {weights['documents'][1]:.2f} (from {weights['documents'][0]}); the first is used.",
        "",
        f"Links that must share a theme: best link F1 on the tuning rows {search.link_f1:.2f}; "
        f"without that rule {search.without_theme[1]:.2f} (from {search.without_theme[0]}).",
        "",
        f"Sentences read together, by close ratio tried: status agreement on the "
        f"{search.status_rows} tuning rows, each ratio with its best status similarity "
        "(ties go to the larger ratio):",
        "",
        "| close ratio | status similarity | tuning rows agreeing |",
        "| ---: | ---: | ---: |",
        *(
            f"| {ratio} | {threshold} | {agree} of {search.status_rows} |"
            for ratio, (threshold, agree) in search.close_ratios.items()
        ),
        "",
        *_conclusion_lines(texts, found, link_key, status_key),
    ]
    return lines


def _conclusion_lines(texts, found, link_key, status_key) -> list[str]:
    """The conclusions a reviewer reads, built from the comparison and from the key, by authority.

    What notebook 04 shows for the compared documents (``asks_checked.csv``), for every
    authority of the key: the summary's sentences about the asks that read word for word as the
    key's readers' reading would have them; the statuses that are the readers'; the later asks
    the readers also call new or returning, and those whose earlier asks are the readers' too.
    Each counts the rows the key decided; all of them, tuning rows too.
    """
    from analysis.compare.asks import ask_origins
    from analysis.evaluation.asks_key import (
        decided,
        differing,
        same_earlier_asks,
        with_key_origins,
        with_key_status,
    )
    from analysis.evaluation.concerns import contradictions
    from analysis.present.checked import checked_conclusions

    def share(agree, rows) -> str:
        return f"{int(agree[rows].sum())} of {int(rows.sum())}"

    lines = [
        "Conclusions a reviewer reads, built from the comparison and again from the key's readers "
        "(`asks_checked.csv` in the report): the sentences about the asks (the summary's, on what "
        "became of each inspection's asks and how many later asks are new, and the asks chart's "
        "title), and the rows they count. All "
        "the key's rows count here, the tuning rows too.",
        "",
        "| authority | sentences the same | statuses the readers' | later asks new or returning "
        "as the readers' | later asks with the readers' earlier asks |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    authorities = sorted(link_key["local_authority"].unique())
    for authority, text, (links, status) in zip(authorities, texts, found, strict=True):
        status = with_key_status(status, status_key)
        origins = with_key_origins(ask_origins(text.asks, links), link_key, text.asks)
        checked = checked_conclusions(status, origins)
        # A quote that says the opposite of its status never agrees (as status_agreement counts).
        agrees = ~differing(status, "status", "key_status") & ~contradictions(status)
        statuses = share(agrees, decided(status, "key_status"))
        read = decided(origins, "key_new")
        lines.append(
            f"| {authority} | {int(checked['same'].sum())} of {len(checked)} | {statuses} | "
            f"{share(~differing(origins, 'new', 'key_new'), read)} | "
            f"{share(same_earlier_asks(origins), read)} |"
        )
    return lines


def _asks_cells(links, status, link_key, status_key, split: str) -> tuple[str, list[str], dict]:
    """One row of the asks tables: what it rests on, its four measures, the status agreement.

    Returns:
        ``("N pairs, M asks and years", [precision, recall, F1, status agreement], agreed)``,
        each share with its interval ("none found" for the precision of no links found).
    """
    from analysis.evaluation.concerns import (
        score_links,
        share_interval,
        share_text,
        status_agreement,
    )

    def share(value: float, successes: int, n: int, none: str = "no rows") -> str:
        if not n:  # a share of nothing is no share: say so rather than print 0%
            return none
        return share_text(value, *share_interval(successes, n), places=1)

    score = score_links(links, link_key, split)
    agreed = status_agreement(status, status_key, split)
    cells = [
        share(score.precision, score.true_positive, score.found, "none found"),
        share(score.recall, score.true_positive, score.in_key),
        f"{score.f1:.2f}",
        share(agreed["agreement"], agreed["agree"], agreed["rows"]),
    ]
    return f"{score.pairs} pairs, {agreed['rows']} asks and years", cells, agreed


def _key_inspections(link_key) -> list[str]:
    """Each authority of the key with the years of the documents whose asks it holds.

    For example "Bristol (2014, 2018)".
    """
    from analysis.evaluation.concerns import year_in_name

    years = {}
    for authority, rows in link_key.groupby("local_authority", sort=True):
        ids = set(rows["from_source_id"]) | set(rows["to_source_id"])
        years[authority] = ", ".join(map(str, sorted({year_in_name(i) for i in ids})))
    return [f"{authority} ({found})" for authority, found in years.items()]


def main() -> None:
    """Write docs/accuracy.md and print it."""
    text = render()
    (PROJECT / "docs" / "accuracy.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
