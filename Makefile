# The two commands a new user needs: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALL_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
EXPLORE_BUNDLE := graphstore/explore/static/explore.js
BROWSER_STAMP := $(VENV)/.browser
HOST ?= 127.0.0.1
PORT ?= 8000

# The whole suite runs on PYTHON; each of OTHER_PYTHONS gets a smoke run of SMOKE_TESTS (the
# test harness, the store, the rules, one API module and the migrations) in its own venv.
OTHER_PYTHONS ?= 3.12 3.13
SMOKE_TESTS := tests/test_public_api.py tests/test_queries.py tests/store/test_round_trips.py \
	tests/store/test_transactions.py tests/rules/test_rule_fixtures.py tests/api/test_health.py \
	tests/migrations/test_migrate.py

.PHONY: run test fuzz lint cypher-lint typecheck format bench bench-scale bench-load bench-bulk bench-history bench-backup bench-read-paths bench-truth bench-tenancy stop clean setup \
	smoke-pythons

run: $(INSTALL_STAMP) $(EXPLORE_BUNDLE) ## Start the local engine, migrate, load the demo data, serve the API
	$(BIN)/graphstore engine start
	$(BIN)/graphstore migrate
	$(BIN)/graphstore demo
	@echo "== the explorer: http://$(HOST):$(PORT)/explore"
	$(BIN)/graphstore serve --host $(HOST) --port $(PORT)

# Cypher is linted inside the suite (tests/test_cypher_lint.py); `make cypher-lint` runs the
# same linter on its own.
test: $(INSTALL_STAMP) $(NODE_STAMP) $(EXPLORE_BUNDLE) $(BROWSER_STAMP) lint typecheck ## The whole suite, from nothing
	@echo "== the whole suite on $$($(BIN)/python --version): on both cores, then the timed tests alone"
	$(BIN)/pytest -n 2 -m "not serial"
	$(BIN)/pytest -m serial
	$(MAKE) --no-print-directory smoke-pythons

# New random cases for the property and fuzz tests, for FUZZ_MINUTES: runs them with a new
# seed each round (and more examples per fuzzed route) until the time is up. A failing example
# is saved in tests/hypothesis-examples, which `make test` replays: commit it.
FUZZ_MINUTES ?= 10
FUZZ_TESTS = $(shell grep -rl --include='test_*.py' '^from hypothesis' tests)

fuzz: $(INSTALL_STAMP) ## Property and fuzz tests with new seeds, for FUZZ_MINUTES
	@deadline=$$(( $$(date +%s) + $(FUZZ_MINUTES) * 60 )); \
	while [ $$(date +%s) -lt $$deadline ]; do \
		seed=$$(od -An -N4 -tu4 /dev/urandom | tr -d ' '); \
		echo "== fuzz round, seed $$seed"; \
		GRAPHSTORE_FUZZ_EXAMPLES=200 GRAPHSTORE_FUZZ_NEGATIVE_EXAMPLES=100 \
			timeout --signal=INT $$(( deadline - $$(date +%s) + 1 )) \
			$(BIN)/pytest -q -x -p no:cacheprovider --hypothesis-profile=fuzz \
			--hypothesis-seed=$$seed $(FUZZ_TESTS); \
		status=$$?; \
		if [ $$status -eq 124 ]; then echo "== time is up"; break; fi; \
		if [ $$status -ne 0 ]; then echo "== seed $$seed failed: see above"; exit $$status; fi; \
	done

smoke-pythons: ## A smoke run on each of OTHER_PYTHONS
	@set -e; for version in $(OTHER_PYTHONS); do \
		python=$$(scripts/find-python $$version); \
		venv=.venv-$$version; \
		if [ ! -f $$venv/.installed ] || [ pyproject.toml -nt $$venv/.installed ]; then \
			$$python -m venv $$venv; \
			$$venv/bin/python -m pip install --quiet --upgrade pip; \
			$$venv/bin/python -m pip install --quiet -e '.[test]'; \
			touch $$venv/.installed; \
		fi; \
		echo "== smoke run on $$($$venv/bin/python --version)"; \
		$$venv/bin/pytest -q -p no:cacheprovider $(SMOKE_TESTS); \
	done

setup: $(INSTALL_STAMP) $(NODE_STAMP) $(EXPLORE_BUNDLE)

$(INSTALL_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The explorer's page script and styles, bundled by esbuild (shipped in the wheel).
$(EXPLORE_BUNDLE): $(NODE_STAMP) $(wildcard graphstore/explore/web/*)
	npm run --silent build:explore
	touch $@

# The explorer's browser test drives Debian's chromium; installed here when it is missing.
$(BROWSER_STAMP): $(INSTALL_STAMP)
	@if ! command -v chromium >/dev/null 2>&1; then \
		echo "== installing Debian's chromium for the explorer's browser test"; \
		if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium >/dev/null; \
	fi
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
	$(BIN)/graphstore query lint benchmarks/cypher tests/importer/queries tests/plans

bench: $(INSTALL_STAMP) ## Benchmarks on the local engine; JSON results in bench-results/
	$(BIN)/python -m benchmarks.rules
	$(BIN)/python -m benchmarks.importer
	$(BIN)/python -m benchmarks.api
	$(BIN)/python -m benchmarks.history

# At 100k units (SCALE_UNITS): import against raw UNWIND, reads against a bare lookup, batch
# validation, then the graph backed up, verified and restored (benchmarks.backup); then 50
# HTTP clients for 60 s on the same graph. bench-results/scale.json and
# load.json. The imported graph is kept in bench-results/scale-home for the next run.
SCALE_UNITS ?= 100000

bench-scale: $(INSTALL_STAMP) ## The seed's performance targets at 100k units
	$(BIN)/python -m benchmarks.scale --units $(SCALE_UNITS) --backup

bench-load: $(INSTALL_STAMP) ## 50 concurrent HTTP clients on the 100k graph for 60 s
	$(BIN)/python -m benchmarks.load --units $(SCALE_UNITS)

# Bulk patches on a copy of the 100k graph (bench-scale first): patch_many and POST /v1/bulk
# of 50,000 units against the bare UNWIND SET, then the batch-record design's engine cost.
# bench-results/bulk.json and bulk_design.json.
bench-bulk: $(INSTALL_STAMP) ## Bulk patches at 100k units: library, HTTP, the bare baseline
	$(BIN)/python -m benchmarks.bulk
	$(BIN)/python -m benchmarks.bulk_design

# Version history on a copy of the 100k graph (bench-scale first): every unit given 10
# versions, then as_of and get(version=N). bench-results/history.json.
bench-history: $(INSTALL_STAMP) ## Version history: storage, write overhead, reads at 100k units
	$(BIN)/python -m benchmarks.history --scale

# Backup and restore: the corpus round trip, then the 100k graph (bench-history's, else
# bench-scale's) backed up, verified and restored into a fresh home. bench-results/backup.json.
bench-backup: $(INSTALL_STAMP) ## Backup and restore of the 100k graph
	$(BIN)/python -m benchmarks.backup

# Where a backup's time goes: the backup's queries through the driver, graphstore's own
# pipeline, and the engine's own JSON endpoint, on the 100k graph. bench-results/read_paths.json.
bench-read-paths: $(INSTALL_STAMP) ## Read rates of the 100k graph: Bolt driver vs the engine's JSON
	$(BIN)/python -m benchmarks.read_paths

bench-truth: $(INSTALL_STAMP) ## How many published designs of the corpus the validator calls illegal
	$(BIN)/python -m benchmarks.truth

bench-tenancy: $(INSTALL_STAMP) ## The tenant scope's cost, and 20,000 isolation steps
	$(BIN)/python -m benchmarks.tenancy

stop: $(INSTALL_STAMP) ## Stop the local engine
	$(BIN)/graphstore engine stop

clean:
	rm -rf $(VENV) .venv-3.* node_modules .pytest_cache .mypy_cache .ruff_cache
