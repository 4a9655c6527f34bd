# `make` sets up a virtualenv and builds the bundled sample into output/; `make test` runs the checks.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
SHARED ?= ../shared

.PHONY: all build test lint schemas seeds eval bench clean

all: build

$(BIN)/figures: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

build: $(BIN)/figures
	$(BIN)/figures build

# pytest exits 5 when it collects no test: treat that as a failure, not a pass.
test: $(BIN)/figures lint
	$(BIN)/pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

lint: $(BIN)/figures
	$(BIN)/ruff check figures tests
	$(BIN)/mypy

schemas: $(BIN)/figures
	$(BIN)/python -m figures.schema schemas

# Score the seed articles against the shared gold figures.
seeds: $(BIN)/figures
	$(BIN)/figures build $(SHARED)/seeds/articles --manifest $(SHARED)/seeds/manifest.csv --out seeds-out
	$(PYTHON) $(SHARED)/eval/score.py seeds-out/figures.csv $(SHARED)/seeds/gold.jsonl --articles $(SHARED)/seeds/articles

# The shared ACLED and IDMC checks (evaluation data stays outside the repository, in /tmp).
eval: seeds
	rm -rf /tmp/figures-eval && mkdir -p /tmp/figures-eval
	$(PYTHON) $(SHARED)/eval/acled_check.py corpus $(SHARED)/data/acled_sample.csv /tmp/figures-eval/acled
	$(BIN)/figures build /tmp/figures-eval/acled/articles --manifest /tmp/figures-eval/acled/manifest.csv --out /tmp/figures-eval/acled-out 2>/dev/null
	$(PYTHON) $(SHARED)/eval/acled_check.py score $(SHARED)/data/acled_sample.csv /tmp/figures-eval/acled-out/figures.csv
	$(PYTHON) $(SHARED)/eval/idmc_check.py corpus $(SHARED)/data/idmc_displacement.csv /tmp/figures-eval/idmc
	$(BIN)/figures build /tmp/figures-eval/idmc/articles --manifest /tmp/figures-eval/idmc/manifest.csv --out /tmp/figures-eval/idmc-out 2>/dev/null
	$(PYTHON) $(SHARED)/eval/idmc_check.py score $(SHARED)/data/idmc_displacement.csv /tmp/figures-eval/idmc-out/figures.csv

# Speed and memory against baselines timed in the same run (BENCH_DOCS=20000 by default).
BENCH_DOCS ?= 20000
bench: $(BIN)/figures
	$(BIN)/pip install --quiet quantulum3
	$(BIN)/python tests/benchmark.py --docs $(BENCH_DOCS)

clean:
	rm -rf $(VENV) seeds-out build *.egg-info .pytest_cache .ruff_cache
