# Quick start: `make build` then `make test`. Both create .venv and install what they need.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: build test serve browser stores bench lint clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	@# kg's bytecode, which Python does not write itself where PYTHONDONTWRITEBYTECODE is set (as on
	@# this project's machines): else every `kg` command compiles the package from source first
	$(BIN)/python -m compileall -q kg
	$(BIN)/python build_graph.py

test: $(STAMP) browser stores
	$(BIN)/python -m pytest

# Debian's chromium for the browser test (tests/test_browser.py)
browser:
	@bash tools/install-debian.sh chromium chromium "the browser test" KG_CHROMIUM

# Debian's Virtuoso for the Virtuoso store test (tests/test_virtuoso.py)
stores:
	@bash tools/install-debian.sh virtuoso-t virtuoso-opensource-7-bin "the Virtuoso store test"

serve: build
	$(BIN)/kg serve

lint: $(STAMP)
	$(BIN)/ruff check kg tests bench tools build_graph.py

# All benchmarks (about 25 minutes: owlrl alone takes 9 at a million triples); figures in BENCHMARKS.md
bench: $(STAMP) build
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_serve.py
	$(BIN)/python bench/bench_reason.py
	$(BIN)/python bench/bench_build_scale.py
	$(BIN)/python bench/bench_bulk.py

clean:
	rm -rf dist .pytest_cache
