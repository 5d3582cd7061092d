# Birmingham children's services 2012-2019: the pipeline.
# `make reports` builds everything; `make test` runs every test. Both build ./.venv when missing.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules --warn-undefined-variables

PYTHON_SYSTEM ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
KERNEL := birmingham-analysis
UV_VERSION := 0.13.9
ENV_STAMP := $(VENV)/.installed

RAW := data/raw
PROCESSED := data/processed
REPORTS := reports
BUILD := build
EXECUTED := $(BUILD)/executed

PACKAGE := $(shell find analysis -type f \( -name '*.py' -o -name '*.yml' -o -name '*.csv' -o -name '*.j2' \) -not -path '*/__pycache__/*' | sort)
RAW_FILES := $(sort $(wildcard $(RAW)/*))

PAPERMILL := $(BIN)/papermill --no-progress-bar -k $(KERNEL) --cwd notebooks
# Run a notebook into a temporary file and move it into place only when it succeeded.
define run_notebook
	@mkdir -p $(EXECUTED)
	$(PAPERMILL) $(1) $(EXECUTED)/$(notdir $(1)).tmp $(2)
	@mv $(EXECUTED)/$(notdir $(1)).tmp $(EXECUTED)/$(notdir $(1))
endef

.PHONY: help
help: ## Show the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# ---------------------------------------------------------------------------------------------
# Environment

.PHONY: env
env: $(ENV_STAMP) ## Build the project environment in ./.venv (idempotent)

$(ENV_STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON_SYSTEM) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(PY) requirements.txt
	$(BIN)/uv pip install --quiet --no-deps --python $(PY) -e .
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (birmingham-analysis)" >/dev/null
	@touch $@

.PHONY: lock
lock: $(ENV_STAMP) ## Re-lock requirements.txt from requirements.in
	$(BIN)/uv pip compile --quiet --universal --python-version 3.11.7 requirements.in -o requirements.txt
