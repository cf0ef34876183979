# unxref: `make run` sets everything up and extracts the bundled example; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := examples/A_RES_62_176_fr.txt

.PHONY: install run test lint bench docs clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/unxref extract $(EXAMPLE) --symbol A/RES/62/176 --format text

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

test: install lint
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/extract_throughput.py
	$(BIN)/python bench/graph_and_validation.py

docs: install
	mkdir -p docs
	$(BIN)/pylode ontology/unxref.ttl -o docs/ontology.html
	@echo "ontology documentation: docs/ontology.html"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
