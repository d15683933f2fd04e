# consult: `make run` serves the demo commune, `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app consult
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test test-pg audit bench translations extract-messages clean

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

translations: $(VENV)/.runtime
	$(BIN)/pybabel -q compile -d translations

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

extract-messages: $(VENV)/.runtime
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot .
	$(BIN)/pybabel -q update -i translations/messages.pot -d translations

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
