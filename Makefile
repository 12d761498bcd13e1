# Two entry points for a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup site test lint golden

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

site: setup
	$(PY) -m generator build --sources seeds --docs docs
	$(VENV)/bin/mkdocs build --strict --site-dir site

lint: setup
	$(VENV)/bin/ruff check generator tests
	$(VENV)/bin/mypy --strict generator

test: lint
	$(PY) -m pytest

golden: setup
	$(PY) -m pytest tests/test_golden.py --update-golden
