# SCORE Platform. `make demo` and `make test` do all their own set-up: a tools venv with
# uv (.tools/), the project venv from uv.lock (.venv/), and for tests the Debian packages
# the browser tests and PDFs need. Run `make` for the list of targets.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules --no-print-directory

PYTHON ?= python3
VENV := .venv
# Debian packages the test suite needs: Chromium for tests/browser/, Pango for WeasyPrint's
# PDFs, CJK fonts for Chinese PDFs and pages, gettext for translation catalogues.
TEST_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	fonts-noto-cjk gettext poppler-utils
LOCALES := en zh_Hans
PYTEST_ARGS ?=
# Test files are spread over one worker per CPU (pytest-xdist); a file's tests stay
# together, so a module that loads the demo once loads it in one worker only.
# TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= auto
DEMO_ARGS ?=
BENCH_ARGS ?=

.PHONY: help bootstrap catalogues demo test test-postgres bench lint format messages ci clean

help:
	@cat <<'EOF'
	make demo           set up, migrate, load the demo programme, print logins, serve on :8000
	make test           set up (venv, Chromium, Pango, fonts, gettext) and run the test suite
	make test-postgres  the test suite against a throwaway PostgreSQL server
	make bench          pages and reports at 200 and 2,000 synthetic enterprises: queries and time ratios
	make lint           ruff check + ruff format --check
	make format         ruff fixes and formatting, in place
	make messages       update the en and zh_Hans catalogues and compile them
	make ci             what CI runs (.ci/run): lint, tests on SQLite, tests on PostgreSQL
	make clean          remove .venv/, .tools/, caches and collected static files (keeps var/ data)
	Variables: PYTEST_ARGS='-x -k enterprise'  TEST_WORKERS=0 (one process; default: one per CPU)
	           DEMO_ARGS='--no-serve'  PYTHON=python3.12
	EOF

bootstrap:
	@PYTHON='$(PYTHON)' bash scripts/bootstrap.sh

# Compile the translation catalogues whose .po is newer than its .mo (a fresh checkout
# normally has them compiled already; without gettext this only warns).
catalogues: bootstrap
	@stale=""
	while IFS= read -r -d '' po; do
	    [ "$${po%.po}.mo" -nt "$$po" ] || stale="$$stale $$po"
	done < <(find src/score -path '*/LC_MESSAGES/*.po' -print0)
	[ -n "$$stale" ] || exit 0
	if ! command -v msgfmt >/dev/null 2>&1; then
	    echo "warning: not compiling$$stale: msgfmt missing (apt-get install gettext)." >&2
	    exit 0
	fi
	cd src/score
	SCORE_DEBUG=1 SCORE_DATA_DIR='$(CURDIR)/var' '$(CURDIR)/$(VENV)/bin/score' manage \
	    compilemessages --verbosity 0

demo: bootstrap catalogues
	@$(VENV)/bin/score demo $(DEMO_ARGS)

test: bootstrap
	@status=0
	bash scripts/system-packages.sh $(TEST_PACKAGES) || status=$$?
	markers=()
	if [ "$$status" -eq 3 ]; then
	    if [ "$${CI:-}" = true ]; then
	        echo "error: CI must run the browser tests; install the packages above." >&2
	        exit 1
	    fi
	    echo "==> Skipping the browser tests (-m 'not browser') until those packages are installed." >&2
	    markers=(-m "not browser")
	elif [ "$$status" -ne 0 ]; then
	    exit "$$status"
	fi
	$(MAKE) catalogues
	workers=()
	if [ "$(TEST_WORKERS)" != 0 ]; then workers=(-n "$(TEST_WORKERS)" --dist loadfile); fi
	$(VENV)/bin/pytest "$${workers[@]}" "$${markers[@]}" $(PYTEST_ARGS)

bench: bootstrap
	@$(VENV)/bin/python bench/run.py $(BENCH_ARGS)

test-postgres: bootstrap
	@bash scripts/throwaway-postgres.sh $(MAKE) test

lint: bootstrap
	@status=0
	$(VENV)/bin/ruff check . || status=1
	$(VENV)/bin/ruff format --check . || status=1
	exit "$$status"

format: bootstrap
	@$(VENV)/bin/ruff check --fix --exit-zero .
	$(VENV)/bin/ruff format .

messages: bootstrap
	@bash scripts/system-packages.sh gettext
	cd src/score
	export SCORE_DEBUG=1 SCORE_DATA_DIR='$(CURDIR)/var'
	'$(CURDIR)/$(VENV)/bin/score' manage makemessages $(addprefix --locale=,$(LOCALES))
	'$(CURDIR)/$(VENV)/bin/score' manage compilemessages $(addprefix --locale=,$(LOCALES))

ci:
	@bash .ci/run

clean:
	@rm -rf $(VENV) .tools .pytest_cache .ruff_cache .hypothesis test-results var/static
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
