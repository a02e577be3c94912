# News NLP pipeline. `make` alone lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= corpus
OUT    ?= outputs
FORMATS ?= csv,parquet,duckdb
ARGS   ?=

.DEFAULT_GOAL := help
.PHONY: help install run test eval bench report lint schema clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): requirements/main.txt requirements/dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/main.txt -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

install: $(STAMP) ## create .venv (if missing) and install the pinned dependencies and the project

run: $(STAMP) ## run the pipeline over CORPUS (default corpus/) into OUT (default outputs/): tables, pipeline.duckdb, report.html
	$(BIN)/python -m pipeline run $(CORPUS) --out $(OUT) --formats $(FORMATS) $(ARGS)

test: $(STAMP) ## run the test suite (skips what needs ../shared when it is absent)
	$(BIN)/python -m pytest -q $(ARGS)

eval: $(STAMP) ## score every dev set in ../shared/data with ../shared/eval; writes outputs/eval.json
	$(BIN)/python -m pipeline.evaluate --out $(OUT) $(ARGS)

report: $(STAMP) ## rebuild OUT/report.html from the tables in OUT, plus a spreadsheet-safe CSV export in OUT/spreadsheet/
	$(BIN)/python -m pipeline report --out $(OUT) --spreadsheet
bench: $(STAMP) ## time bare spaCy vs the pipeline on 1 and 2 workers and Dask, memory, incremental runs; writes outputs/bench.json
	$(BIN)/python -m pipeline.bench --out $(OUT)/bench.json $(ARGS)

lint: $(STAMP) ## ruff and mypy; fail on any finding
	$(BIN)/ruff check pipeline tests
	$(BIN)/mypy pipeline

schema: $(STAMP) ## regenerate docs/tables.md (the data dictionary) from pipeline/tables.py and database.py
	$(BIN)/python -m pipeline schema > docs/tables.md

clean: ## remove generated tables (outputs/ keeps its README) and caches
	find $(OUT) -mindepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf .pytest_cache .mypy_cache .ruff_cache
