# Two commands on a fresh clone: `make lab` and `make test`.
# Everything is installed into .venv; nothing is needed but Python >= 3.10 and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888

.PHONY: lab test lint validate clean

# The stamp files record which extras are installed; they are rebuilt when
# pyproject.toml changes, so `make test` after `make lab` reuses the venv.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.lab-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

lab: $(VENV)/.lab-installed
	PORT=$(PORT) $(BIN)/jinzhou-edu lab notebooks

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

validate: $(VENV)/.test-installed
	$(BIN)/jinzhou-edu validate

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache out
