# make run   - set everything up and start the web server, a Celery worker and beat
# make test  - set everything up and run every test (Vitest, pytest, schemathesis, Chromium end to end)
# Setup steps are file targets, so they only redo what changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/tsconfig*.json -type f 2>/dev/null)

.PHONY: run test setup setup-test system-deps system-deps-test frontend lint typecheck clean help

help:
	@echo "make run    set up and start the app (http://127.0.0.1:8000/, login demo / demo)"
	@echo "make test   set up and run every test"
	@echo "make lint   ruff; make typecheck: mypy on the engines"

run: setup
	$(BIN)/python scripts/dev.py run

test: setup-test
	$(BIN)/python scripts/dev.py test $(PYTEST_ARGS)

setup: system-deps $(VENV)/.runtime frontend/dist/index.html
setup-test: system-deps-test $(VENV)/.dev frontend/dist/index.html

system-deps:
	@scripts/system-deps.sh

system-deps-test:
	@scripts/system-deps.sh --test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $(VENV)/.runtime $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && npm run build --silent

frontend: frontend/dist/index.html

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev
	$(BIN)/mypy

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist var/static
