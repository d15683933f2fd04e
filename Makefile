# consult: `make run` serves the demo commune, `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app consult
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test test-pg audit bench bench-export translations extract-messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Runtime dependencies, reinstalled when pyproject.toml changes.
$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

# Test dependencies on top.
$(VENV)/.dev: $(VENV)/.runtime
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Compiled catalogues, rebuilt only when their source changed (two suites may run side by side).
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))

translations: $(CATALOGUES)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | $(VENV)/.runtime
	$(BIN)/pybabel -q compile -d translations -l $*

run: $(VENV)/.runtime translations
	$(FLASK) init
	$(FLASK) seed-demo --if-empty
	$(FLASK) run --host $(HOST) --port $(PORT)

# axe-core for the accessibility tests: a test asset from the npm registry, never shipped.
tests/assets/node_modules/.package-lock.json: tests/assets/package.json tests/assets/package-lock.json
	npm ci --prefix tests/assets --no-audit --no-fund --loglevel=error

test: $(VENV)/.dev translations tests/assets/node_modules/.package-lock.json
	$(BIN)/python -m pytest -q

# The same suite against the local PostgreSQL server.
test-pg: $(VENV)/.dev translations tests/assets/node_modules/.package-lock.json
	CONSULT_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test $(BIN)/python -m pytest -q

# Static analysis (bandit: fails on any high-severity finding) and known vulnerabilities in
# the installed dependencies (pip-audit, PyPI's advisory data). Dependencies pip-audit cannot
# look up are listed, never silently counted as safe.
audit: $(VENV)/.dev
	$(BIN)/bandit -q -r consult -c pyproject.toml --severity-level high
	$(BIN)/pip-audit --progress-spinner off --skip-editable > .pip-audit.log 2>&1; status=$$?; \
	  cat .pip-audit.log; \
	  unaudited=$$(grep -c "could not be audited" .pip-audit.log); \
	  if [ "$$unaudited" -gt 0 ]; then echo "pip-audit: $$unaudited dependencies could not be audited (advisory service unreachable from here)"; fi; \
	  rm -f .pip-audit.log; exit $$status

# Throughput, latency, bursts and a crash, then the exports at 100,000 comments, on SQLite and
# PostgreSQL (figures, not pass/fail).
bench: $(VENV)/.dev
	$(BIN)/python bench/run.py --db both
	$(BIN)/python bench/export_bench.py --db both

# The data exports of a consultation with 100,000 comments: time and peak memory per file.
bench-export: $(VENV)/.dev
	$(BIN)/python bench/export_bench.py --db both

extract-messages: $(VENV)/.runtime
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot .
	$(BIN)/pybabel -q update -i translations/messages.pot -d translations

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
