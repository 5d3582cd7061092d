# Birmingham children's services 2012-2019: the pipeline.
# `make reports` builds everything; `make test` runs every test. Both build ./.venv when missing.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules --warn-undefined-variables --jobs=2 --output-sync=target
# No .DELETE_ON_ERROR: every step writes its outputs atomically (a temporary file renamed into
# place) and only after checking all its input, so a failed step leaves the previous outputs
# exactly as they were; deleting them would lose good outputs for a bad input.

PYTHON_SYSTEM ?= python3
KERNEL := birmingham-analysis
UV_VERSION := 0.13.9
# Which Python environment runs everything: `venv` (./.venv, built by `make env`) or `conda` (the
# active conda environment, made with `conda env create -f environment.yml`). An active conda
# environment other than `base` is used unless the user asks otherwise (`make ENV_KIND=venv ...`).
CONDA_PREFIX ?=
CONDA_DEFAULT_ENV ?=
ENV_KIND ?= $(if $(and $(CONDA_PREFIX),$(filter-out base,$(CONDA_DEFAULT_ENV))),conda,venv)
ifeq ($(ENV_KIND),conda)
ifeq ($(CONDA_PREFIX),)
$(error ENV_KIND=conda needs an active conda environment (CONDA_PREFIX is not set))
endif
VENV := $(CONDA_PREFIX)
ENV_STAMP := build/conda-$(notdir $(CONDA_PREFIX)).checked
else
VENV := .venv
ENV_STAMP := $(VENV)/.installed
endif
BIN := $(VENV)/bin
PY := $(BIN)/python

RAW := data/raw
LABELS := data/labels
PROCESSED := data/processed
REPORTS := reports
BUILD := build

PACKAGE_PY := $(shell find analysis -type f -name '*.py' -not -path '*/__pycache__/*' | sort)
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
RAW_FILES := $(sort $(wildcard $(RAW)/*))
# The list of raw files, rewritten only when a file is added, removed or renamed: a removed
# document then rebuilds every table it was in (its own date cannot say so).
RAW_LIST := $(BUILD)/raw_files.list
$(shell mkdir -p $(BUILD) && { printf '%s\n' $(RAW_FILES) | cmp -s - $(RAW_LIST) || printf '%s\n' $(RAW_FILES) > $(RAW_LIST); })
FINDINGS_KEYS := $(LABELS)/paragraph_labels.csv $(LABELS)/concern_links_key.csv $(LABELS)/concern_status_key.csv


.PHONY: help
help: ## Show the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# ---------------------------------------------------------------------------------------------
# Environment

.PHONY: env
env: $(ENV_STAMP) ## Build the environment in ./.venv, or check the active conda env (idempotent)

ifeq ($(ENV_KIND),conda)
# The conda environment is used as it is: checked for the project, its kernel registered in it.
$(ENV_STAMP): requirements.txt pyproject.toml analysis/run/kernel.py environment.yml
	@mkdir -p $(dir $@)
	@$(PY) -c 'import analysis, papermill, nbval' 2>/dev/null || { echo "error: the conda \
	  environment $(CONDA_PREFIX) lacks the project; run: conda env update -f environment.yml \
	  (or make ENV_KIND=venv ...)" >&2; exit 1; }
	$(PY) -m analysis.run.kernel >/dev/null
	@touch $@
else
$(ENV_STAMP): requirements.txt pyproject.toml analysis/run/kernel.py
	@test -x $(PY) || $(PYTHON_SYSTEM) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(PY) requirements.txt
	$(BIN)/uv pip install --quiet --no-deps --python $(PY) -e .
	$(PY) -m analysis.run.kernel >/dev/null
	@touch $@
endif

.PHONY: lock
lock: $(ENV_STAMP) ## Re-lock requirements.txt from requirements.in
	$(BIN)/uv pip compile --quiet --universal --python-version 3.11.7 requirements.in -o requirements.txt

# ---------------------------------------------------------------------------------------------
# Pipeline: each numbered notebook runs with papermill into reports/notebooks/NN.ipynb (its
# executed copy, nbval's reference in `make test`); the outputs it writes are declared with it
# (grouped targets), so `make` reruns a notebook only when the notebook, the package or its
# inputs changed. The executed copies of 00 to 05 are rendered to reports/notebooks/NN.html
# together, by one process, while the report (06) runs and renders its own page: nbconvert's
# set-up (about a second) is paid twice per build, not seven times.

# Each notebook depends on the package files it runs (its imports, followed through the package),
# the package's data files and the runner: $(NB_DEPS_<notebook>), written by analysis.run.deps,
# with $(PAGE_DEPS), what rendering a page runs (the page renderer and its template).
DEPS_MK := $(BUILD)/notebook_deps.mk
$(DEPS_MK): $(NOTEBOOKS) $(PACKAGE_PY)
	@mkdir -p $(dir $@)
	@$(PYTHON_SYSTEM) -m analysis.run.deps $(NOTEBOOKS) > $@.tmp
	@mv $@.tmp $@
include $(DEPS_MK)

HTML := $(REPORTS)/notebooks
RUN = $(PY) -m analysis.run.notebooks --executed $(HTML)
RENDER = $(PY) -m analysis.run.pages --html $(HTML)
run = $(HTML)/$(1).ipynb

DATA_TABLES := $(PROCESSED)/judgements.csv $(PROCESSED)/recommendations.csv $(PROCESSED)/findings.csv
DICTIONARY := docs/data_dictionary.md

$(call run,00_sources) $(PROCESSED)/sources.csv &: notebooks/00_sources.ipynb $(NB_DEPS_00_sources) $(RAW_FILES) $(RAW_LIST) | $(ENV_STAMP)
	$(RUN) $<

$(call run,01_inspection_findings) $(DATA_TABLES) &: notebooks/01_inspection_findings.ipynb $(NB_DEPS_01_inspection_findings) $(RAW_FILES) $(RAW_LIST) | $(ENV_STAMP)
	$(RUN) $<

$(call run,02_performance_figures) $(PROCESSED)/indicators.csv &: notebooks/02_performance_figures.ipynb $(NB_DEPS_02_performance_figures) $(RAW_FILES) $(RAW_LIST) | $(ENV_STAMP)
	$(RUN) $<

# Each comparison depends on the tables it reads, so it can start as soon as they are built.
$(call run,03_compare_judgements): notebooks/03_compare_judgements.ipynb $(NB_DEPS_03_compare_judgements) $(PROCESSED)/sources.csv $(DATA_TABLES) | $(ENV_STAMP)
	$(RUN) $<

$(call run,04_compare_findings): notebooks/04_compare_findings.ipynb $(NB_DEPS_04_compare_findings) $(PROCESSED)/sources.csv $(DATA_TABLES) $(FINDINGS_KEYS) | $(ENV_STAMP)
	$(RUN) $<

$(call run,05_compare_performance): notebooks/05_compare_performance.ipynb $(NB_DEPS_05_compare_performance) $(PROCESSED)/sources.csv $(PROCESSED)/indicators.csv | $(ENV_STAMP)
	$(RUN) $<

DATA_RUNS := $(call run,00_sources) $(call run,01_inspection_findings) $(call run,02_performance_figures)
COMPARISON_RUNS := $(call run,03_compare_judgements) $(call run,04_compare_findings) $(call run,05_compare_performance)
PAGES := $(patsubst %.ipynb,%.html,$(DATA_RUNS) $(COMPARISON_RUNS))

# The report comes last. Its page is rendered as it runs, and the pages of the other notebooks,
# all by one process, beside it on the other core.
$(HTML)/06_report.html $(call run,06_report) $(REPORTS)/index.html $(REPORTS)/tables/tables.xlsx &: notebooks/06_report.ipynb $(NB_DEPS_06_report) $(PAGE_DEPS) $(DATA_RUNS) $(COMPARISON_RUNS) $(DICTIONARY) $(RAW_FILES) $(RAW_LIST) | $(ENV_STAMP)
	$(RUN) --html $(HTML) $<

$(PAGES) &: $(DATA_RUNS) $(COMPARISON_RUNS) $(PAGE_DEPS) | $(ENV_STAMP)
	$(RENDER) $(DATA_RUNS) $(COMPARISON_RUNS)

$(DICTIONARY): $(wildcard analysis/contract/*.py) | $(ENV_STAMP)
	@mkdir -p $(dir $@)
	$(PY) -m analysis.contract.schema > $@.tmp
	@mv $@.tmp $@

.PHONY: data
data: $(DATA_RUNS) $(DICTIONARY) ## Build data/processed/ (the processed tables) only

.PHONY: reports
reports: data $(PAGES) $(HTML)/06_report.html ## Build everything: processed data, charts, tables, notebooks, index page

# ---------------------------------------------------------------------------------------------
# Checks

NBVAL_DIR := $(BUILD)/nbval

# axe-core (accessibility rules) for the page tests, pinned in package-lock.json.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent && touch $@; \
	  else echo "npm is missing: the accessibility checks will skip."; fi

.PHONY: test
# The checks run as two jobs at a time, one per core, in four pytest processes and lint:
# - python-tests: every test module not named below, unit and slow together in one process, so
#   that their imports and the documents they read and score are paid for once (the longest job,
#   given a core of its own from the start);
# - nbval, then run-tests (the runner: notebooks through papermill and a kernel, staged build
#   steps, HTML rendering), then page-tests (the pages in Chromium), then lint, on the other core.
# The two sides are about equally long; `make bench` measures each part (docs/benchmark.md).
TEST_JOBS := python-tests nbval run-tests page-tests lint
test: $(ENV_STAMP) ## Run every test: lint, unit tests, notebooks under nbval with their outputs
	@MAKEFLAGS= $(MAKE) --no-print-directory --jobs=2 $(TEST_JOBS)
	@echo "All tests passed."

.PHONY: lint
lint: $(ENV_STAMP)
	$(BIN)/ruff check analysis tests notebooks scripts
	$(BIN)/ruff format --check analysis tests notebooks scripts

PAGE_TESTS := tests/test_report_page.py
RUN_TESTS := tests/run tests/test_staged_build.py

.PHONY: python-tests run-tests page-tests unit-tests
python-tests: $(ENV_STAMP)
	$(PY) -m pytest -q -m "not review" tests $(addprefix --ignore=,$(PAGE_TESTS) $(RUN_TESTS))

run-tests: $(ENV_STAMP)
	$(PY) -m pytest -q $(RUN_TESTS)

page-tests: $(ENV_STAMP) browser $(NODE_STAMP)
	$(PY) -m pytest -q -m "not review" $(PAGE_TESTS)

# The quick tests alone, for a short edit-and-test loop: not those marked slow (whole pipeline
# runs, the corpora, the measured figures, the staged build steps, the pages); two notebook runs
# of the runner's tests (a kernel each) stay in.
unit-tests: $(ENV_STAMP) ## Run the quick tests only (not those marked slow), for an edit-and-test loop
	$(PY) -m pytest -q -m "not slow" tests

.PHONY: screenshots
screenshots: $(ENV_STAMP) browser ## Screenshot the index and a source page in Chromium (build/*.png)
	$(PY) -m pytest -q -m review $(PAGE_TESTS)

# One run of every notebook checks three things. nbval runs the committed executed copies
# (reports/notebooks/NN.ipynb, refused when their code is not the notebook's) in strict mode, in a
# scratch copy of the project (the copies, raw data and labels): every cell must run and print
# what the committed copy shows. What the notebooks write there (processed tables, charts,
# tables, pages) must be byte-identical to the committed outputs. A unit test renders each
# committed executed copy again and compares it with its committed HTML. The plugin
# analysis.run.nbval_kernel, loaded before nbval, runs the notebooks in one kernel emptied between
# them, and keeps nbformat's import cheap (analysis.run.skip_iri_grammar). Two small notebooks
# (tests/fixtures/one_kernel) run first in that kernel: a name the first defines must be unknown
# to the second, which must run in its own folder.
ONE_KERNEL_CHECK := tests/fixtures/one_kernel
.PHONY: nbval
nbval: $(ENV_STAMP)
	@rm -rf $(NBVAL_DIR) && mkdir -p $(NBVAL_DIR)/data
	@cp -r $(RAW) $(LABELS) $(NBVAL_DIR)/data/
	@cp -r $(ONE_KERNEL_CHECK) $(NBVAL_DIR)/one_kernel
	@$(PY) -m analysis.run.reference $(NOTEBOOKS) --executed $(HTML) --into $(NBVAL_DIR)/notebooks
	$(PY) -m pytest -q -p no:cacheprovider -p analysis.run.nbval_kernel -p nbval --nbval \
	  --nbval-kernel-name $(KERNEL) $(NBVAL_DIR)/one_kernel $(NBVAL_DIR)/notebooks
	diff -rq $(NBVAL_DIR)/data/processed $(PROCESSED)
	diff -rq --exclude=notebooks $(NBVAL_DIR)/reports $(REPORTS)
	@echo "The notebooks print what their committed copies show, and write the committed outputs."

.PHONY: browser
browser: ## Install Debian's Chromium for the page test when missing (needs root and apt-get)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "Chromium could not be installed: the browser tests will skip."; \
	  else echo "Chromium is missing and cannot be installed here: the browser tests will skip."; fi; }

LAB_ARGS ?=
.PHONY: lab
lab: $(ENV_STAMP) ## Open JupyterLab on the notebooks, with the project kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

.PHONY: clean
clean: ## Remove what the pipeline generated (data/processed, reports, build); keep .venv
	rm -rf $(PROCESSED) data/interim $(REPORTS) $(BUILD) $(DICTIONARY)

.PHONY: bench
bench: $(ENV_STAMP) ## Measure build, test and parser speed in a scratch clone (writes docs/benchmark.md)
	$(PY) scripts/bench.py

.PHONY: accuracy
accuracy: $(ENV_STAMP) ## Measure the parsers and readers against the keys in data/labels/ (writes docs/accuracy.md)
	$(PY) scripts/accuracy.py
