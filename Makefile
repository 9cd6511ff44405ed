# news-digest: `make build` builds the site, `make test` runs the whole suite.
# Both create .venv and install what they need on first run.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DATA   ?= ../shared/data

.PHONY: build test lint eval-clean eval-cluster eval-compare eval bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

build: $(VENV)/.installed
	$(VENV)/bin/digest build

test: $(VENV)/.test-installed
	$(VENV)/bin/ruff check generator tests eval bench
	$(VENV)/bin/mypy
	$(PY) -m pytest -q

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check generator tests eval bench
	$(VENV)/bin/mypy

eval-clean: $(VENV)/.installed
	$(PY) eval/eval_clean.py --data $(DATA)/extraction/dev

eval-cluster: $(VENV)/.installed
	$(PY) eval/eval_cluster.py --data $(DATA)/clustering/allsides.jsonl

eval-compare: $(VENV)/.installed
	$(PY) eval/eval_compare.py

eval: eval-clean eval-cluster eval-compare

bench: $(VENV)/.installed
	$(PY) bench/bench_cluster.py
	$(PY) bench/bench_build.py

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache
