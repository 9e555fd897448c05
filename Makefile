# Two commands for a fresh machine (Python >= 3.10 with venv):
#   make serve   install into .venv if needed, build release/, serve the Voila app on :8866
#   make test    install into .venv if needed, run the whole test suite
VENV   ?= .venv
PYTHON ?= python3
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
# The hub's proxy (configurable-http-proxy, npm, pinned in deploy/hub/package.json) on Node
# from Debian; deploy/hub/install-deps (as root) also installs Node and python3-venv if missing.
HUB_STAMP = deploy/hub/node_modules/.installed

.PHONY: install hub-deps build serve test lint bench mutate clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

$(HUB_STAMP): deploy/hub/package.json deploy/hub/package-lock.json
	@deploy/hub/install-deps $(CURDIR)/$(HUB_STAMP)

hub-deps: $(HUB_STAMP) $(STAMP)

build: install
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/mobility-course build

serve: build
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/mobility-course serve

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: install hub-deps
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pytest

bench: install
	$(BIN)/python benchmarks/budget.py
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python benchmarks/grading.py 30

# Mutation testing of the core (slow; outside make test): the score per package.
mutate: install
	rm -rf mutants
	-$(BIN)/mutmut run
	$(BIN)/python benchmarks/mutation_score.py

clean:
	rm -rf site submitted autograded feedback gradebook.db .pytest_cache mutants certificates
