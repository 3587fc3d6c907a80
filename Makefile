# The two commands a new user needs: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALL_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint cypher-lint typecheck format bench stop clean setup

run: $(INSTALL_STAMP) ## Start the local engine, migrate, load the demo data, serve the API
	$(BIN)/graphstore engine start
	$(BIN)/graphstore migrate
	$(BIN)/graphstore demo
	$(BIN)/graphstore serve --host $(HOST) --port $(PORT)

test: $(INSTALL_STAMP) $(NODE_STAMP) lint typecheck cypher-lint ## The whole suite, from nothing
	$(BIN)/pytest

setup: $(INSTALL_STAMP) $(NODE_STAMP)

$(INSTALL_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

lint: $(INSTALL_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALL_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(INSTALL_STAMP)
	$(BIN)/mypy

cypher-lint: $(INSTALL_STAMP) $(NODE_STAMP)
	$(BIN)/graphstore query lint benchmarks/cypher tests/importer/queries

bench: $(INSTALL_STAMP) ## Benchmarks on the local engine; JSON results in bench-results/
	$(BIN)/python -m benchmarks.rules
	$(BIN)/python -m benchmarks.importer
	$(BIN)/python -m benchmarks.api

stop: $(INSTALL_STAMP) ## Stop the local engine
	$(BIN)/graphstore engine stop

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
