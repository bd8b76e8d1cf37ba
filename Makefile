# Two commands on a fresh clone: `make lab` and `make test`.
# Everything is installed into .venv; nothing is needed but Python >= 3.10 and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888

.PHONY: lab test test-oldest lint validate benchmark benchmark-class figures clean hub-proxy

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

# configurable-http-proxy (npm) for the JupyterHub test, in .hub/ (git ignores it); without
# npm the hub test skips, saying why (in CI, where CI=true, it fails instead)
HUB_PROXY := .hub/node_modules/.bin/configurable-http-proxy
$(HUB_PROXY):
	@if command -v npm >/dev/null; then \
		mkdir -p .hub && npm install --prefix .hub --no-audit --no-fund --silent \
			configurable-http-proxy@5; \
	else echo "npm not found: the JupyterHub test will be skipped"; fi
hub-proxy: $(HUB_PROXY)

test: $(VENV)/.test-installed $(HUB_PROXY)
	MPLBACKEND=Agg $(BIN)/python -m pytest

# The tests against the oldest versions pyproject.toml allows (pandas 2.0, matplotlib
# 3.7, ipywidgets 8.0), in a separate venv; CI runs it after `make test`. Image
# comparisons are left out: their baselines belong to one matplotlib version.
OLDEST := .venv-oldest
test-oldest:
	test -x $(OLDEST)/bin/python || $(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet "pandas==2.0.3" "numpy<2" \
		"matplotlib==3.7.5" "ipywidgets==8.0.7" "pytest>=7.4" "frictionless>=5.10" \
		"textstat==0.7.4"
	$(OLDEST)/bin/python -m pip install --quiet --no-deps -e .
	MPLBACKEND=Agg $(OLDEST)/bin/python -m pytest -p no:cacheprovider -o addopts="--doctest-modules" \
		tests/test_datapackage.py tests/test_integrity.py tests/test_loaders.py \
		tests/test_validate.py tests/test_plots.py tests/test_alt_text.py tests/test_widgets.py \
		tests/test_fonts.py jinzhou_edu

# Every performance target against its baseline (about 6 minutes on 2 quiet cores); writes
# docs/performance.md. The slider in a real browser needs Debian's chromium.
$(VENV)/.bench-installed: benchmarks/requirements.txt $(VENV)/.test-installed
	$(BIN)/python -m pip install --quiet -r benchmarks/requirements.txt
	touch $@

benchmark: $(VENV)/.bench-installed
	$(BIN)/python benchmarks/browser_slider.py --output out/browser.json
	$(BIN)/python benchmarks/performance.py --browser out/browser.json

# K = 5, 10, 20, 30 students on a real JupyterHub at once (about 6 minutes); writes the
# capacity section of docs/deploy-hub.md. Needs npm for configurable-http-proxy.
.hub-tools/node_modules/.bin/configurable-http-proxy:
	mkdir -p .hub-tools
	cd .hub-tools && npm install --no-fund --no-audit --silent configurable-http-proxy@5.3.0

benchmark-class: $(VENV)/.bench-installed .hub-tools/node_modules/.bin/configurable-http-proxy
	$(BIN)/python benchmarks/hub_class.py

figures: $(VENV)/.test-installed
	$(BIN)/python tools/render_figures.py

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

validate: $(VENV)/.test-installed
	$(BIN)/jinzhou-edu validate

clean:
	rm -rf $(VENV) $(OLDEST) build dist .pytest_cache .ruff_cache out .hub .hub-tools
