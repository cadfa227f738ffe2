# Media-analysis notebooks. `make` lists the targets; `make report` and `make test` are all a new user needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help venv report test test-fast lab bench lint clean distclean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP) ## create .venv and install requirements.txt (only when it changed)

report: venv ## run every notebook on the bundled corpus: HTML in reports/ (ARGS="--corpus DIR ..." for more)
	$(BIN)/python -m lib.report $(ARGS)

test: venv ## run the whole test suite (what CI runs)
	$(BIN)/python -m pytest $(ARGS)

test-fast: venv ## library tests only, no notebook executed (under a minute)
	$(BIN)/python -m pytest -m "not notebook" $(ARGS)

lab: venv ## open JupyterLab on the notebooks: free local port, URL printed; no news prompt, no update check
	$(BIN)/python -m lib.lab

bench: venv ## measure speed and accuracy (needs ../shared/bench for the accuracy figures)
	$(BIN)/python benchmarks/run_all.py

lint: venv ## ruff on lib/, tests/ and benchmarks/
	$(BIN)/ruff check lib tests benchmarks

clean: ## remove reports and caches (keeps .venv)
	rm -rf reports .cache .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -not -path './.venv/*' -exec rm -rf {} +

distclean: clean ## also remove the virtual environment
	rm -rf $(VENV)
