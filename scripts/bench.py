"""Measure the pipeline's speed on this machine: ``make bench`` (writes docs/benchmark.md).

Runs in a scratch clone of the committed project so the working tree is left alone:

1. fresh ``make env``; 2. cold ``make reports``; 3. no-op ``make reports``; 4. ``make reports``
after one notebook changed; 5. ``make test``, three times (the first on the fresh clone), then
its parts one at a time for their CPU time; 6. kernel start-up against work, from papermill runs
of an empty notebook; 7. the one-process floor: every notebook's code run in one Python process,
no kernels; 8. the judgements command on 10, 100 and 1,000 reports; 9. writing the charts' PNGs
at two zlib levels. A fixed Python loop, timed at the start and at the end, says how fast the
machine was meanwhile.
"""

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.config import CORPUS_DIR as CORPUS
from analysis.present.plot import PNG_COMPRESS_LEVEL

PROJECT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> float:
    """Run a command, fail loudly on error, return wall seconds."""
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(
            f"{' '.join(cmd)} failed in {cwd}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return elapsed


KERNEL_SCRIPT = r"""
import sys, time
from pathlib import Path
import nbformat
from analysis.config import CORPUS_DIR
from analysis.run.notebooks import execute
nb = nbformat.v4.new_notebook()
nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]})]
nb.metadata["kernelspec"] = {"name": "birmingham-analysis", "display_name": "p",
                             "language": "python"}
path = Path(sys.argv[1])
nbformat.write(nb, path)
times = []
for _ in range(3):
    start = time.perf_counter()
    execute(path, path.with_name("out.ipynb"), {})
    times.append(time.perf_counter() - start)
print(sorted(times)[1])
"""


def kernel_start_seconds(clone: Path) -> tuple[float, float]:
    """Seconds to run an empty notebook: kernel only (in one process), and a whole runner call.

    The runner call renders no page, as ``make`` runs every notebook but the report (their pages
    are rendered together by one more call).
    """
    work = clone / "build" / "kernel"
    work.mkdir(parents=True, exist_ok=True)
    python = str(clone / ".venv" / "bin" / "python")
    out = subprocess.run(
        [python, "-c", KERNEL_SCRIPT, str(work / "empty.ipynb")],
        cwd=clone,
        capture_output=True,
        text=True,
        check=True,
    )
    kernel = float(out.stdout.strip().splitlines()[-1])
    runner = timed(
        [
            python,
            "-m",
            "analysis.run.notebooks",
            str(work / "empty.ipynb"),
            "--executed",
            str(work / "x"),
        ],
        clone,
    )
    return kernel, runner


#: Every notebook's code in this one process, as the tests run them (no kernels, no HTML).
FLOOR_SCRIPT = r"""
import sys
from pathlib import Path
from analysis.run.notebooks import run_in_process
for notebook in sorted(Path(sys.argv[1], "notebooks").glob("[0-9][0-9]_*.ipynb")):
    run_in_process(notebook, {})
"""


def one_process_floor(clone: Path) -> float:
    """Seconds to run every notebook's code in one Python process (no kernels, no HTML)."""
    python = str(clone / ".venv" / "bin" / "python")
    start = time.perf_counter()
    out = subprocess.run([python, "-c", FLOOR_SCRIPT, str(clone)], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"one-process run failed:\n{out.stderr[-3000:]}")
    return time.perf_counter() - start


def png_levels(clone: Path, levels: tuple[int, ...]) -> dict[int, tuple[float, int]]:
    """Seconds and bytes to write the built charts' PNGs at each zlib level (best of three).

    The charts are read back from ``reports/figures`` and written with matplotlib's ``imsave``
    as ``drawn_png`` writes them, without its resolution and metadata (a few bytes).
    """
    import io

    import numpy as np
    from matplotlib.image import imread, imsave

    pixels = [
        (imread(path) * 255).round().astype(np.uint8)
        for path in sorted((clone / "reports" / "figures").glob("*.png"))
    ]
    found = {}
    for level in levels:
        best, size = float("inf"), 0
        for _ in range(3):
            start = time.perf_counter()
            size = 0
            for image in pixels:
                out = io.BytesIO()
                imsave(out, image, format="png", pil_kwargs={"compress_level": level})
                size += len(out.getvalue())
            best = min(best, time.perf_counter() - start)
        found[level] = (best, size)
    return found


def judgements_rate(clone: Path, n: int, folder: Path) -> float:
    """Seconds for ``python -m analysis judgements`` over ``n`` report files (corpus replicated)."""
    reports = sorted(CORPUS.glob("*.txt")) or sorted((clone / "data" / "raw").glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        target = folder / f"{i:04d}_{reports[i % len(reports)].name}"
        if not target.exists():
            shutil.copyfile(reports[i % len(reports)], target)
        files.append(str(target))
    python = str(clone / ".venv" / "bin" / "python")
    return timed([python, "-m", "analysis", "judgements", *files], clone)


def judgements_pdf_seconds(clone: Path) -> tuple[float, int]:
    """Seconds for the judgements command over every published PDF of ../shared/corpus-pdf."""
    pdfs = sorted(CORPUS.parent.joinpath("corpus-pdf").glob("*.pdf"))
    if not pdfs:
        return float("nan"), 0
    python = str(clone / ".venv" / "bin" / "python")
    return timed([python, "-m", "analysis", "judgements", *map(str, pdfs)], clone), len(pdfs)


def machine_speed() -> float:
    """Seconds for a fixed pure-Python loop: how fast this machine ran during the benchmark.

    The machine's speed varies from run to run; timed at the start and the end, this says how
    fast it was while the figures were measured.
    """
    start = time.perf_counter()
    total = 0
    for i in range(20_000_000):
        total += i * i
    return time.perf_counter() - start


def machine_cpu_seconds() -> float:
    """CPU seconds (user and system) the whole machine has spent since boot, from /proc/stat.

    Counted for the machine rather than for a process's children, so that the work of Chromium's
    renderers and of Jupyter kernels is counted whoever their parent is (the machine is otherwise
    idle while the benchmark runs). Where there is no /proc/stat (macOS), the CPU time of this
    process's finished children stands in: it misses work whose parent is not waited for.
    """
    stat = Path("/proc/stat")
    if not stat.is_file():
        import resource

        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return children.ru_utime + children.ru_stime
    fields = stat.read_text().splitlines()[0].split()[1:]
    user, nice, system = (int(value) for value in fields[:3])
    return (user + nice + system) / os.sysconf("SC_CLK_TCK")


#: ``make test``'s parts, run one at a time for their CPU time (``make test`` runs the first on
#: one core and the others, then lint, one after another on the other).
TEST_PARTS = ("python-tests", "nbval", "run-tests", "page-tests")


#: The three ``make test`` runs measured, the first on the fresh clone.
TEST_RUNS = ("make test (fresh clone)", "make test, second run", "make test, third run")


def main() -> None:
    """Run every measurement and write the Markdown table to docs/benchmark.md and stdout."""
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    clone = work / "project"
    subprocess.run(["git", "clone", "-q", str(PROJECT), str(clone)], check=True)
    if (PROJECT.parent / "shared").is_dir():  # so make test runs the corpus tests, as CI does
        (work / "shared").symlink_to(PROJECT.parent / "shared")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV",)}
    results = {}
    results["machine speed: a fixed Python loop, at the start"] = machine_speed()
    results["fresh make env"] = timed(["make", "env"], clone, env)
    timed(["make", "clean"], clone, env)
    results["cold make reports"] = timed(["make", "reports"], clone, env)
    results["no-op make reports"] = timed(["make", "reports"], clone, env)
    (clone / "notebooks" / "04_compare_findings.ipynb").touch()
    results["make reports, one notebook changed (04)"] = timed(["make", "reports"], clone, env)
    # This machine's speed varies from run to run: the fresh clone's run (what CI meets) and two
    # more, to show the spread.
    for run in TEST_RUNS:
        results[run] = timed(["make", "test"], clone, env)
    part_cpu = {}
    for part in TEST_PARTS:
        before = machine_cpu_seconds()
        results[f"make {part} alone (wall)"] = timed(["make", part], clone, env)
        part_cpu[part] = machine_cpu_seconds() - before
    kernel, runner = kernel_start_seconds(clone)
    n_notebooks = len(list((clone / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    results["kernel start-up, per notebook (empty notebook, runner already loaded)"] = kernel
    results["one runner call on an empty notebook (process, imports, kernel; no page)"] = runner
    floor = one_process_floor(clone)
    results["one-process floor (all notebooks' code in one process)"] = floor
    for n in (10, 100, 1000):
        results[f"judgements command, {n} reports"] = judgements_rate(clone, n, work / "reports")
    pdf_seconds, n_pdfs = judgements_pdf_seconds(clone)
    results[f"judgements command, {n_pdfs} published PDFs (extraction included)"] = pdf_seconds
    levels = png_levels(clone, (6, PNG_COMPRESS_LEVEL))
    n_charts = len(list((clone / "reports" / "figures").glob("*.png")))
    for level, (seconds, _) in levels.items():
        results[f"writing the {n_charts} charts' PNGs, zlib level {level}"] = seconds
    results["machine speed: the same loop, at the end"] = machine_speed()
    cold = results["cold make reports"]
    tests = [results[run] for run in TEST_RUNS]
    lines = [
        "# Benchmark",
        "",
        "Measured by `make bench`: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}, "
        f"{time.strftime('%Y-%m-%d')}.",
        "",
        "| what | seconds |",
        "| --- | ---: |",
    ]
    lines += [f"| {name} | {sec:.2f} |" for name, sec in results.items()]
    lines += [
        "",
        f"- Overhead of running notebooks separately: {n_notebooks} runner calls x "
        f"{runner:.2f} s = {runner * n_notebooks:.1f} s of process time ({kernel:.2f} s of each "
        "is the kernel), spread over make's two jobs where the notebooks' inputs allow, and "
        f"one call rendering {n_notebooks - 1} notebooks' pages beside the report's run, which "
        "renders its own; "
        f"the floor pays its imports once and renders nothing.",
        f"- Cold build against the one-process floor: {cold / floor:.2f}x.",
        f"- make test: {tests[0]:.2f} s on the fresh clone, then {tests[1]:.2f} s and "
        f"{tests[2]:.2f} s (median {sorted(tests)[1]:.2f} s).",
        "- CPU seconds of make test's parts, each run alone (the machine's user and system time): "
        + ", ".join(f"{part} {cpu:.1f}" for part, cpu in part_cpu.items())
        + f"; {sum(part_cpu.values()):.1f} in all, "
        f"{sum(part_cpu.values()) / os.cpu_count():.1f} s of wall time on {os.cpu_count()} cores "
        "if perfectly shared.",
    ]
    lines.append(
        "- Charts' PNGs: "
        + "; ".join(
            f"zlib level {level}, {size / 1e6:.2f} MB" for level, (_, size) in levels.items()
        )
        + f" (level {PNG_COMPRESS_LEVEL} is the one in use)."
    )
    for n in (10, 100, 1000):
        sec = results[f"judgements command, {n} reports"]
        lines.append(f"- Judgements command: {n} reports in {sec:.2f} s = {n / sec:.0f} reports/s.")
    text = "\n".join(lines) + "\n"
    (PROJECT / "docs").mkdir(exist_ok=True)
    (PROJECT / "docs" / "benchmark.md").write_text(text)
    print(text)
    print(json.dumps(results, indent=1))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
