# Two commands for a newcomer (see README.md):
#   make serve   install what the demo site needs, then serve it at http://127.0.0.1:8000
#   make test    install what the tests need, then run lint, types and the whole suite
# For the edit loop (CONTRIBUTING.md): make test-fast runs lint, types and the quick tests.
# Each installs only what is missing, so all are cheap to re-run.

VENV   := .venv
BIN    := $(VENV)/bin
PYTHON  = $(shell scripts/find-python.sh)
SERVE_ADDR ?= 127.0.0.1:8000
PYTEST_ARGS ?=

# Everything a recipe starts finds the virtualenv's commands first (mkdocs, okrsite, ruff, …),
# never another copy that happens to be on the caller's PATH.
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: serve site test test-fast test-lowest lint schema screenshot system-deps test-system-deps clean

# pytest exits 5 when it collects nothing: that must fail loudly, never pass quietly.
# $(1): pytest's options; $(2): the virtualenv (default $(VENV)).
run_pytest = status=0; $(or $(2),$(VENV))/bin/python -m pytest $(1) $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make: error: pytest collected no tests" >&2; fi; \
	exit $$status

serve: system-deps $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr $(SERVE_ADDR)

site: system-deps $(VENV)/.installed
	$(BIN)/mkdocs build --strict

# One process per core (pytest-xdist), a test module's tests in one of them (its fixtures are
# built once): on 2 cores the suite takes 5-6 minutes instead of 10.
PARALLEL := --numprocesses=auto --dist=loadfile

test: test-system-deps lint
	@$(call run_pytest,$(PARALLEL))

# Lint, types and every test not marked slow: none builds a site or starts a browser.
test-fast: system-deps lint
	@$(call run_pytest,$(PARALLEL) -m "not slow")

# The whole suite with the oldest versions pyproject.toml allows, in a virtualenv of its own.
# Zensical (a test tool only) needs a newer Material, so its test is left out here.
LOWEST := .venv-lowest
test-lowest: test-system-deps
	@test -x $(LOWEST)/bin/python || $(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -c 'import tomllib; extra = tomllib.load(open("pyproject.toml", "rb"))\
	["project"]["optional-dependencies"]["test"]; print("\n".join(r for r in extra if "zensical" not in r))' \
	  > $(LOWEST)/test-tools.txt
	$(LOWEST)/bin/python -m pip install --quiet -c tests/lowest-versions.txt -e . -r $(LOWEST)/test-tools.txt
	@PATH="$(abspath $(LOWEST)/bin):$$PATH"; \
	$(call run_pytest,$(PARALLEL) --deselect tests/test_zensical_build.py,$(LOWEST))

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy okrsite

# The JSON Schema the content files point editors at, and the guide's pages made from okrsite's
# own definitions (the format, the settings); regenerate after changing either (tests fail while
# one is out of date).
schema: $(VENV)/.installed
	$(BIN)/okrsite schema > content/okrsite.schema.json
	$(BIN)/okrsite schema --markdown > docs/guide/reference.md
	$(BIN)/python -m okrsite.settings_reference > docs/guide/settings.md

system-deps:
	scripts/install-system-deps.sh

# The README's picture of the demo portal, taken by the browser test that checks it.
screenshot: test-system-deps $(VENV)/.installed-test
	OKRSITE_UPDATE_SCREENSHOT=1 $(BIN)/python -m pytest tests/e2e/test_readme_screenshot.py -q

test-system-deps:
	scripts/install-system-deps.sh --test

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "make: error: no Python >= 3.11 found; run scripts/install-system-deps.sh" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Re-installed whenever pyproject.toml changes; the stamp is written only after pip succeeds.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) $(LOWEST) site
