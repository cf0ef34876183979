# unxref: `make run` sets everything up, ingests the bundled example and serves it; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM := $(VENV)/.system
NPM := node_modules/.installed
STORE ?= data/store
PORT ?= 8000
# Debian packages, as COMMAND:PACKAGE: chromium (browser tests), graphviz (SVG chain exports),
# node and npm (front-end libraries), pdftotext (tests of text taken from PDFs by other tools),
# Virtuoso (a remote store in the tests).
DEBIAN_NEEDS := chromium:chromium dot:graphviz node:nodejs npm:npm pdftotext:poppler-utils \
	virtuoso-t:virtuoso-opensource
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install run test lint fuzz loadtest bench bench-http bench-chains docs clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Only what is missing, each package on its own (apt refuses a set that conflicts with what is there).
$(SYSTEM): Makefile
	@mkdir -p $(VENV)
	@missing=$$(scripts/missing-debian-packages $(DEBIAN_NEEDS)); \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq; fi; \
	for package in $$missing; do echo "installing Debian package $$package"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$package || exit 1; done
	touch $(SYSTEM)

$(NPM): package.json package-lock.json $(SYSTEM)
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NPM)

install: $(SYSTEM) $(STAMP) $(NPM)

run: install
	$(BIN)/unxref ingest examples/ --store $(STORE)
	$(BIN)/unxref serve --store $(STORE) --port $(PORT)

lint: install
	$(BIN)/ruff check src tests bench scripts hatch_build.py
	$(BIN)/ruff format --check src tests bench scripts hatch_build.py
	$(BIN)/mypy

test: install lint
	$(BIN)/pytest -q

# 50,000 generated and mutated texts through the extractor, 50,000 strings through the symbol parser,
# and 50,000 texts built of pieces of resolutions, then 20 kill -9 over a 500-document ingest (issue 13);
# about forty-five minutes. `make test` runs 150 of each and 5 kills over 60 documents.
fuzz: install
	UNXREF_FUZZ_EXAMPLES=50000 $(BIN)/pytest -q -p no:cacheprovider tests/fuzz
	UNXREF_KILLS=20 UNXREF_KILLED_DOCUMENTS=500 $(BIN)/pytest -q -p no:cacheprovider tests/test_hostile_inputs.py -k killed

# 50 clients for 60 s on loopback, a runaway query every 10 s (issue 13); docs/RELIABILITY.md has the figures.
loadtest: install
	$(BIN)/python bench/loadtest.py

bench: install
	$(BIN)/python bench/extract_throughput.py
	$(BIN)/python bench/agreement.py
	$(BIN)/python bench/graph_and_validation.py
	$(BIN)/python bench/publishing.py
	$(BIN)/python bench/ingest_bench.py
	$(BIN)/python bench/ingest_ceiling.py
	$(BIN)/python bench/engines_bench.py

# The HTTP benchmark (issue 9): unxref beside Oxigraph's own server at 1M and 5M triples; about 15 minutes (and 10 more to ingest its corpora the first time); needs wrk.
bench-http: install
	command -v wrk >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends wrk)
	$(BIN)/python bench/http_bench.py

# Chain latency on 50,000 synthetic resolutions and the chain page's first render (issue 5).
bench-chains: install
	$(BIN)/python bench/chain_bench.py

docs: install
	$(BIN)/python -m pip install --quiet -e '.[dev,docs]'
	mkdir -p docs
	$(BIN)/pylode ontology/unxref.ttl -o docs/ontology.html
	@echo "ontology documentation: docs/ontology.html"

clean:
	rm -rf $(VENV) node_modules data .pytest_cache .mypy_cache .ruff_cache .hypothesis
