# Two commands on a fresh machine with Python 3.11:
#   make site   set everything up and build the site from data/ into site/
#   make test   set everything up and run every test
# Both keep their Python environment in .venv/ and reuse it when it is up to date.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AS_OF ?=
SITE_URL ?=

.PHONY: site test serve validate lint catalogs bench lighthouse clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python -m generator build --strict $(if $(AS_OF),--as-of $(AS_OF)) $(if $(SITE_URL),--site-url $(SITE_URL))

validate: $(STAMP)
	$(BIN)/python -m generator validate --strict

serve: $(STAMP)
	$(BIN)/python -m generator serve

test: $(STAMP)
	$(BIN)/python -m ruff check generator tests bench
	$(BIN)/python -m mypy generator
	$(BIN)/python -m generator schema --check
	bash scripts/ensure-chromium.sh
	$(BIN)/python -m pytest -q -n 2 --dist loadscope

catalogs: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k gettext -k ngettext:1,2 --no-location \
		--sort-output --omit-header -o generator/render/text/locales/messages.pot .
	$(BIN)/pybabel update -i generator/render/text/locales/messages.pot -d generator/render/text/locales -D messages \
		--no-fuzzy-matching --ignore-obsolete

bench: $(STAMP)
	$(BIN)/python bench/bench_validate.py
	$(BIN)/python bench/bench_charts.py --executor all

# Lighthouse (npm, into .cache/lighthouse/) against Debian's Chromium: home, forum and
# cluster pages in both languages; fails below 95 in any category.
lighthouse: $(STAMP)
	bash scripts/ensure-chromium.sh
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf build site .pytest_cache
