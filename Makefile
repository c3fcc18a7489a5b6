# One virtual environment per checkout, created on first use from the project's own pins.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint check eval bench screenshots clean

# setuptools' notice about editable installs is silenced: it is no news that the checkout is the package.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Open diptych on the two seed files, or on your own: make run ARGS="old.txt new.txt".
run: $(STAMP)
	$(BIN)/diptych $(ARGS)

## Run the whole test suite (what CI runs).
test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check tui tests

## Tests and lint together.
check: lint test

## Pictures of the main screens (SVG, and PNG when rsvg-convert is installed) in screenshots/.
screenshots: $(STAMP)
	$(BIN)/python screenshots/make_screenshots.py

## Alignment quality: precision, recall, F1 of paragraph and sentence links per case, for
## diptych and a difflib-based peer (gold: seeds and real revisions by hand, generated perturbations).
eval: $(STAMP)
	$(BIN)/python -m tui.evaluation.evaluate

## Speed: wall time and peak memory of diptych --json and of peers on the corpus pairs and a
## generated 10 MB pair, plus the app's first frame and n key. prosediff, the peer, goes into
## its own .venv-prosediff (never a project dependency); the benchmark runs without it if that fails.
PROSEDIFF_VENV := .venv-prosediff
bench: $(STAMP)
	@test -x $(PROSEDIFF_VENV)/bin/prosediff || \
	  ($(PYTHON) -m venv $(PROSEDIFF_VENV) && $(PROSEDIFF_VENV)/bin/python -m pip install --quiet prosediff==0.7.0) || \
	  echo "prosediff not installed: benchmarking without it"
	$(BIN)/python -m tui.evaluation.bench

clean:
	rm -rf $(VENV) $(PROSEDIFF_VENV) .pytest_cache .ruff_cache
