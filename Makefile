# The two commands of the README: `make run` serves the app with sample data, `make test` runs lint and the
# whole suite. Both set up the virtual environment first, so nothing else has to be typed on a fresh clone.
# `run` installs only what the server needs; `test` adds the test tools (pytest, ruff, playwright...).
VENV ?= .venv
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
BIN = $(VENV)/bin
# setuptools announces every editable install with an informational warning; nothing in it needs acting on.
PIP_INSTALL = PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet

.PHONY: run test install install-test lint bench fuzz

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: $(BIN)/activate setup.cfg pyproject.toml
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/activate setup.cfg pyproject.toml
	$(PIP_INSTALL) -e '.[test]'
	touch $@

install: $(VENV)/.installed-run

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/flask --app wger db upgrade
	$(BIN)/flask --app wger sample-data
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --limit-request-line 8190 --access-logfile - wsgi:app

lint: install-test
	$(BIN)/ruff check .

test: lint
	$(BIN)/pytest

fuzz: install-test
	$(BIN)/python tests/fuzz.py

bench: install
	$(BIN)/python -m bench.run
