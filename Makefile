# Two commands matter: `make run` and `make test`.  Both create .venv when
# missing and install the package into it from this checkout.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.govkg-installed

.PHONY: run test install browser eval clean

run: install
	$(BIN)/kg build -o output

test: install browser
	$(BIN)/python -m pytest

install: $(STAMP)

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "govkg needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# tests/test_browser.py drives Debian's chromium (Playwright never downloads a browser);
# the CJK font makes its screenshot readable.  CI runs as root on a fresh Debian machine.
browser: /usr/bin/chromium

/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; \
	else \
		echo "note: /usr/bin/chromium is missing; 'sudo apt-get install chromium fonts-noto-cjk' enables the browser test"; \
	fi

# F1 on every gold file in ../shared/gold (see bench/eval_gold.py --help)
eval: install
	$(BIN)/python bench/eval_gold.py

clean:
	rm -rf $(VENV) output/graph.* build *.egg-info
