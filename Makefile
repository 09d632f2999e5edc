# dtikit — set-up and everyday tasks. Needs only Python >= 3.11 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Python may cache compiled modules, as it does for an installed package: a machine that sets
# PYTHONDONTWRITEBYTECODE would otherwise compile dtikit's sources in every process a test or a
# benchmark starts (0.3-0.5 s a command, measured), which no user of a pip-installed dtikit pays.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test test-all docs test-windows test-lowest data lint bench bench-ingest bench-store bench-updates bench-order bench-small bench-small-phases bench-split bench-scale bench-instructions fuzz pictures clean

# Install dtikit into .venv and show the 2022 ranking from the bundled published figures.
run: $(VENV)/.installed
	$(BIN)/dtikit rank --year 2022

# Install the dev dependencies too and run the fast tier of the suite: at least one test of every
# behaviour, under 3 minutes on a 2-core machine, spread over its cores (pytest-xdist; the marks are
# declared in pyproject.toml). test-all runs in one process: its kill and load tests time processes.
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n auto -m "not slow and not kill and not load and not bench"

# Every test, the slow ones included: what CI runs.
test-all: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

# Regenerate the command reference from the commands' help, then build the site into site/.
docs: $(VENV)/.installed-dev
	$(BIN)/python -m tests.cli_reference
	$(BIN)/mkdocs build --strict

# A Windows user's session under a real Windows CPython 3.12 (Wine, a Vietnamese code page), compared
# with Linux byte for byte (tests/windows/smoke.py). Needs root and the Debian and PyPI registries; the
# first run installs Wine and Python into WIN (about 4 minutes, 1.3 GB), later runs only reinstall dtikit.
WIN ?= $(HOME)/.cache/dtikit-windows
# The venv's pip builds and downloads the Windows wheels (a bare Debian has no pip of its own).
test-windows: $(VENV)/.installed-dev
	PATH="$(CURDIR)/$(BIN):$$PATH" bash tests/windows/setup.sh $(WIN) .
	$(BIN)/python tests/windows/smoke.py $(WIN)

# The oldest polars, typer and rich pyproject.toml allows (docs/install.md), in a venv of their own,
# with the rest as constraints.txt pins it: the tests of tables, commands, ingest and the library.
LOWEST := polars==2.0.0 typer==0.29.0 rich==13.8.0
test-lowest: | $(VENV)/bin/python
	rm -rf .venv-lowest && $(PYTHON) -m venv .venv-lowest
	grep -v -E '^([#]|polars|typer|rich)' constraints.txt > .venv-lowest/constraints.txt
	.venv-lowest/bin/pip install --quiet -c .venv-lowest/constraints.txt $(LOWEST) -e '.[dev]'
	.venv-lowest/bin/python -m pytest -q tests/test_cli_contract.py tests/test_languages.py tests/test_desk.py \
	    tests/test_output_encoding.py tests/test_readme.py tests/test_library.py tests/test_ranking.py tests/test_gap.py \
	    tests/test_ingest.py tests/test_store.py tests/test_published_tables.py tests/test_xlsx.py

# Rebuild data/processed from data/raw.
data: $(VENV)/.installed
	$(BIN)/python -m dtikit.build data/raw data/processed

# Redraw the chart and the map shown in the README (committed in docs/).
pictures: $(VENV)/.installed
	mkdir -p docs
	$(BIN)/dtikit rank --year 2022 --region "Tây Nguyên" --highlight "Kon Tum" --chart docs/rank-2022.svg --format csv > /dev/null
	$(BIN)/dtikit map --year 2022 --highlight "Kon Tum" -o docs/map-2022.svg

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/cold_start.py

bench-ingest: $(VENV)/.installed-dev
	$(BIN)/python bench/ingest_throughput.py

# rank on a 10-million-row store against DuckDB and hand-written Polars over a Parquet copy (minutes)
bench-store: $(VENV)/.installed-dev
	$(BIN)/python bench/store_queries.py

# one value added and one replaced in a store holding a 10-million-row part, against a store without it;
# then a 1M-row file whose every value is held ingested again, against its first ingest
bench-updates: $(VENV)/.installed-dev
	$(BIN)/python bench/store_updates.py

# where the time of rank --indicator on a 10-million-row store goes: interpreter, imports, parsing,
# catalog, scan, table (minutes: the store is built first)
bench-split: $(VENV)/.installed-dev
	$(BIN)/python bench/where_time_goes.py

# what a part in order of indicator would save rank --indicator on the 10M store, and what writing it
# costs beside the ingest (minutes: the store of bench-store is built first, in BENCH_KEEP)
BENCH_KEEP ?= /tmp/dtikit-bench-10m
bench-order: $(VENV)/.installed-dev
	$(BIN)/python bench/store_queries.py --keep $(BENCH_KEEP) --runs 1
	$(BIN)/python bench/part_order.py --keep $(BENCH_KEEP)

# rank, gap and trend on a 30-million-row store (about 30,000 indicators) against the 10-million-row
# one, interleaved (goal: within 1.3x in time and memory). Both stores are built first and kept, in
# BENCH_KEEP_30M and BENCH_KEEP (the 30M store took 30 s to build here; a later run reuses them)
BENCH_KEEP_30M ?= /tmp/dtikit-bench-30m
bench-scale: $(VENV)/.installed-dev
	$(BIN)/python bench/store_queries.py --rows 30000000 --keep $(BENCH_KEEP_30M) --runs 1
	$(BIN)/python bench/store_queries.py --keep $(BENCH_KEEP) --beside $(BENCH_KEEP_30M)

# a 3,000-row CSV into the default store against the cold-start floor
bench-small: $(VENV)/.installed-dev
	$(BIN)/python bench/small_ingest.py

# where that ingest's time goes, phase by phase (imports, options, store, checks, compare, commit), against
# the floor; INSTRUCTIONS=1 counts instructions under callgrind instead (needs valgrind and gcc)
bench-small-phases: $(VENV)/.installed-dev
	$(BIN)/python bench/ingest_phases.py $(if $(INSTRUCTIONS),--instructions)

# the query commands' instructions against the floor's, phase by phase, under callgrind: the same on a
# busy machine as on a quiet one (needs valgrind and gcc; about 4 minutes)
bench-instructions: $(VENV)/.installed-dev
	$(BIN)/python bench/instructions.py

# generated corruptions of valid files through every reader and both ingest routes, and long tables
# with bad cells and late names through both routes (FUZZ_EXAMPLES=N)
FUZZ_EXAMPLES ?= 10000
fuzz: $(VENV)/.installed-dev
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dtikit needs Python >= 3.11; run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)

# constraints.txt pins every package to the versions the suite passed with: reproducible CI.
$(VENV)/.installed: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) .venv-lowest .pytest_cache .ruff_cache build dist site
