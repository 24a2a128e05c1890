# The two commands of the README: `make run` serves the app with sample data, `make test` runs lint and the
# whole suite. Both set up the virtual environment first, so nothing else has to be typed on a fresh clone.
VENV ?= .venv
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
BIN = $(VENV)/bin

.PHONY: run test install lint bench fuzz

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/flask --app wger db upgrade
	$(BIN)/flask --app wger sample-data
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --limit-request-line 8190 --access-logfile - wsgi:app

lint: install
	$(BIN)/ruff check .

test: lint
	$(BIN)/pytest

fuzz: install
	$(BIN)/python tests/fuzz.py

bench: install
	$(BIN)/python -m bench.run
