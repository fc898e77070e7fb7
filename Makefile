# The README's commands. `serve` and `test` set up what they need (scripts/bootstrap.sh).
VENV      := .venv
PY        := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve preview test build bench lint setup setup-browser clean

setup:
	@scripts/bootstrap.sh

setup-browser:
	@scripts/bootstrap.sh --browser

## serve: set everything up, then serve the site at http://127.0.0.1:8000 with live reload
serve: setup
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

## build: write the site to site/ (strict: a broken page fails the build)
build: setup
	$(PY) -m mkdocs build --strict --site-dir site

## preview: build, then serve site/ at http://127.0.0.1:8000 as a static host does (the
## precompressed .br/.gz with Content-Encoding, cache headers; no live reload)
preview: build
	$(PY) -m walkthrough.site_server site --port 8000

## lint: ruff (check, format), mypy --strict, dead code (vulture), code written twice (pylint)
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/vulture
	$(VENV)/bin/pylint --score=n simulator walkthrough

## test: set everything up, lint, build the site, run every test (unit, docs, e2e in Chromium)
## (with the model's full budget of 10,000 random command sequences; plain pytest runs 2,400)
test: setup-browser lint build
	SSP_STATEFUL_SEQUENCES=10000 $(PY) -m pytest -n 2 --dist loadgroup

## bench: print the benchmarks' figures (one run, one machine)
bench: setup-browser build
	$(PY) -m bench --write bench/README.md

clean:
	rm -rf site build .pytest_cache .mypy_cache .ruff_cache simulator/_data walkthrough/_data

## catalogs: extract the simulator's strings and merge them into locales/*/simulator.po
catalogs: setup
	$(PY) -m walkthrough.bundle.catalogs .
