# Two commands matter: `make run` and `make test`.  Both create .venv when
# missing and install the package into it from this checkout.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.govkg-installed

.PHONY: run test install browser servers eval bench bench-push clean

run: install
	$(BIN)/kg build -o output

test: install browser servers
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

# tests/test_push.py pushes to a real Virtuoso started on 127.0.0.1 (the Oxigraph server
# comes with the test extra).  Without root the Virtuoso tests are skipped, not failed.
servers: /usr/bin/virtuoso-t

/usr/bin/virtuoso-t:
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource-7; \
	else \
		echo "note: /usr/bin/virtuoso-t is missing; 'sudo apt-get install virtuoso-opensource-7' enables the Virtuoso push tests"; \
	fi

# Corpus build speed, rebuild, memory and query engines at 1, 10 and 50 MB (several minutes;
# not part of `make test`).  SIZES=1,10 for a shorter run.
SIZES ?= 1,10,50
bench: install
	$(BIN)/python bench/build_speed.py --sizes $(SIZES)

# kg push to fresh local Oxigraph and Virtuoso servers: first push, re-push and push after one
# changed report, each beside a --resend of everything (about 25 minutes at 10 MB).
PUSH_SIZE ?= 10
bench-push: install servers
	$(BIN)/python bench/push_speed.py --size $(PUSH_SIZE)

# F1 on every gold file in ../shared/gold, then on the held-out excerpts in
# tests/data/unseen (see bench/eval_gold.py --help)
eval: install
	$(BIN)/python bench/eval_gold.py
	$(BIN)/python bench/eval_gold.py --gold tests/data/unseen --corpus tests/data/unseen

clean:
	rm -rf $(VENV) output/graph.* build *.egg-info
