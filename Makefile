# `make demo` and `make test` work on a fresh machine: each installs what it needs first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KOSUM := $(VENV)/bin/kosum

.PHONY: install browser demo test lint bench clean

install: $(VENV)/.installed

# constraints.txt pins torch to the CPU build; an unpinned torch pulls GBs of CUDA wheels.
# The package is installed first as a user installs it (the venv's own pip, no extras) and must
# read an HTML page then; the dev tools come on top afterwards, so that a package only they pull
# in cannot hide a missing dependency. The ray extra is installed so that the tests run
# `kosum corpus --engine ray` against the local engine.
$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -c constraints.txt -e .
	$(KOSUM) inspect --quiet tests/data/articles/mk_chip_page.html >/dev/null
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e ".[dev,train,ray]"
	touch $@

# Debian's Chromium for the browser tests (tools that download their own browser fail here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Summaries and the diff first; `kosum inspect` (how one article was read) is a debugging view.
demo: install
	$(KOSUM) summarize samples/
	$(KOSUM) diff samples/ --show shared
	$(KOSUM) report samples/ -o report.html
	@echo "wrote report.html (open it in a browser)"
	@echo "how one article was read, for debugging: $(KOSUM) inspect samples/003_5e30e14b46b5573f.txt"

test: install browser
	$(VENV)/bin/ruff check summarize tests benchmarks
	$(PY) -m pytest

bench: install
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache report.html
