# Two commands matter: `make run` and `make test`.  Both create .venv when
# missing and install the package into it from this checkout.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.govkg-installed

.PHONY: run test install eval clean

run: install
	$(BIN)/kg build -o output

test: install
	$(BIN)/python -m pytest

install: $(STAMP)

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "govkg needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# F1 on every gold file in ../shared/gold (see bench/eval_gold.py --help)
eval: install
	$(BIN)/python bench/eval_gold.py

clean:
	rm -rf $(VENV) output/graph.* build *.egg-info
