# Set-up and checks. `make demo` and `make test` each build .venv first if needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint schemas browser

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[local,dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/extractor run seeds --out runs/demo --local

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# The report's browser test needs Debian's chromium; installed here when we can (root + apt).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "note: chromium is not installed; the browser test will be skipped (apt-get install chromium)"; \
	  fi; }

test: lint browser
	$(BIN)/python -m pytest

schemas: install
	$(BIN)/extractor schema --export schemas
