# Estado Abierto — every target installs what it needs first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install system-deps run test lint format fixtures bench bench-extract bench-search bench-align clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

## PostgreSQL, a JDK and Maven, from Debian's packages, when missing (the tests start them).
system-deps:
	bash scripts/system-deps.sh

## Serve the bundled sample sites, crawl them, index them and serve the API on :8000.
run: install
	$(BIN)/abierto demo

## The whole test suite (lint included), starting whatever it needs.
test: install system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## After a deliberate change of what the spiders extract: crawl the fixture sites under
## tests/fixtures/ again and rewrite their expected.json (review the diff like code).
fixtures: install
	$(BIN)/python -m tests.shapes.regenerate

## Benchmarks print numbers and write JSON under bench/results/.
bench: bench-extract bench-search bench-align

bench-extract: install
	@command -v pdftotext >/dev/null || echo "pdftotext missing: apt-get install poppler-utils for the comparison column"
	$(BIN)/python bench/extract.py

## Tantivy against a fresh OpenSearch node on the synthetic legal corpus (SIZE documents).
SIZE ?= 10000
bench-search: install system-deps
	$(BIN)/python bench/search.py --size $(SIZE)

## Speeches placed in their session's video: from captions and from audio (espeak-ng, ffmpeg).
bench-align: install system-deps
	$(BIN)/python bench/align.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
