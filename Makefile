# Estado Abierto — every target installs what it needs first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install system-deps node-deps run test lint format fixtures bench bench-extract bench-search bench-metadata bench-words bench-reextract bench-reread bench-load bench-shared bench-speeches bench-write bench-crawl bench-http bench-privacy bench-relevance bench-pages bench-align bench-dump clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

## The native one-pass search (native/: Rust, the tantivy crate tantivy-py links, pinned by
## native/Cargo.lock), rebuilt when its sources change; cargo from ~/.cargo/bin if not on PATH.
NATIVE_SRC := native/Cargo.toml native/Cargo.lock native/pyproject.toml $(wildcard native/src/*.rs native/src/*/*.rs)
NATIVE_STAMP := $(VENV)/.native-installed

$(NATIVE_STAMP): $(STAMP) $(NATIVE_SRC)
	PATH="$$PATH:$(HOME)/.cargo/bin" MATURIN_PEP517_ARGS="--locked" \
		$(BIN)/python -m pip install --quiet ./native
	touch $(NATIVE_STAMP)

install: $(STAMP) $(NATIVE_STAMP)

## PostgreSQL, a JDK and Maven, from Debian's packages, when missing (the tests start them).
system-deps:
	bash scripts/system-deps.sh

## axe-core for the browser tests' accessibility checks (npm, pinned in package-lock.json).
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund || npm install --no-audit --no-fund
	touch $@

node-deps: node_modules/axe-core/axe.min.js

## Serve the bundled sample sites, crawl them, index them and serve the API on :8000.
run: install
	$(BIN)/abierto demo

## The whole test suite (lint included), starting whatever it needs. The suite starts
## hundreds of Python processes (crawls, commands, workers): the project's bytecode is kept
## under .cache/pycache, or each would compile it again where PYTHONDONTWRITEBYTECODE is set.
## Most of its time is spent waiting on those processes and servers, so TEST_WORKERS pytest
## processes (pytest-xdist) share the files, a whole file each (module fixtures run once);
## each worker starts its own servers (free ports, its own folders). TEST_WORKERS=0: one.
TEST_WORKERS ?= 2
test: install system-deps node-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX=$(CURDIR)/.cache/pycache $(BIN)/python -m pytest -q \
		-n $(TEST_WORKERS) --dist loadfile

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
bench: bench-extract bench-search bench-metadata bench-words bench-shared bench-speeches bench-privacy bench-relevance bench-pages bench-align

## Weight and server time of every HTML page on the sample corpus (goals: 50 KB, 50 ms).
bench-pages: install
	$(BIN)/python bench/pages.py

## The sentence reader against what each document says (bench/metadata_expected.json).
bench-metadata: install
	$(BIN)/python bench/metadata.py

## Words found intact per page: pdfium, pdfium with split words rejoined, pdfminer.
bench-words: install
	$(BIN)/python bench/words.py

## Documents per second of `abierto reextract` on small PDFs stamped by an older extractor.
bench-reextract: install
	$(BIN)/python bench/reextract.py

## Documents per second of `abierto reextract --releer` on sentences older readers read.
bench-reread: install
	$(BIN)/python bench/reread.py

bench-extract: install system-deps
	@command -v pdftotext >/dev/null || echo "pdftotext missing: apt-get install poppler-utils for the comparison column"
	$(BIN)/python bench/extract.py

## Speakers attributed right on the real SCJN transcript (when ../shared is there) and the samples.
bench-speeches: install
	$(BIN)/python bench/speeches.py

## Tantivy against a fresh OpenSearch node on the synthetic legal corpus (SIZE documents).
SIZE ?= 10000
bench-search: install system-deps
	$(BIN)/python bench/search.py --size $(SIZE)

## The API under 64 concurrent clients for 60 s (wrk on loopback) over SIZE documents.
LOAD_SIZE ?= 20000
bench-load: install
	WITH_BENCH=1 bash scripts/system-deps.sh
	$(BIN)/python bench/load.py --size $(LOAD_SIZE)

## The cost of listing every source of a document when saving (SQLite).
bench-shared: install
	$(BIN)/python bench/shared_save.py

## Documents/s through the crawl path, `abierto index` and `abierto reindex` (MIX: 3k or real);
## the data folders are kept in BENCH_DATA for bench-http.
MIX ?= real
BENCH_DATA ?= /tmp/abierto-bench
STORE ?= embedded
PAGES ?= 3000
bench-write: install
	$(BIN)/python bench/write.py --size $(SIZE) --mix $(MIX) --store $(STORE) --keep $(BENCH_DATA)

## A crawl of a local site on loopback: pages/s, and the library's share of the time.
bench-crawl: install
	$(BIN)/python bench/crawl.py --pages $(PAGES) --profile

## The API over HTTP on the crawl path's library (embedded, and OpenSearch with ENGINE=--engine).
bench-http: install
	$(BIN)/python bench/http_mix.py --data $(BENCH_DATA)/crawl $(ENGINE)

## abierto dump at 100k and 1M documents: long, and its libraries (~6 GB) stay in BENCH_DATA.
bench-dump: install
	$(BIN)/python bench/dump.py --data $(BENCH_DATA)/dump

bench-privacy: install
	$(BIN)/python bench/privacy.py

## nDCG@10 and recall@10 of the judged journalist queries, Tantivy and OpenSearch.
bench-relevance: install system-deps
	$(BIN)/python bench/relevance.py

## Speeches placed in their session's video: from captions and from audio (espeak-ng, ffmpeg).
bench-align: install system-deps
	$(BIN)/python bench/align.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
