# Quick start: `make site` builds the sample handbook and documents; `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install site serve test lint bench schemas docs clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

site: install
	$(BIN)/handbook check
	$(BIN)/handbook build --out build/site
	$(BIN)/handbook build --audience restricted --out build/site-restricted
	@echo "手册网站：build/site/index.html（双击即可浏览；检索需要网址访问：make serve 后打开 http://127.0.0.1:8000/）"
	@echo "公文：build/documents/    命令：.venv/bin/handbook（或先 source .venv/bin/activate）"

serve: install
	$(BIN)/handbook serve

test: install
	bash scripts/ensure-system-packages
	$(BIN)/python -m pytest -n 2

lint: install
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy generator

bench: install
	bash scripts/ensure-system-packages
	$(BIN)/python bench/run.py --sizes 2000 5000 20000 --builds-only 20000 --chart docs/benchmark-chart.svg

docs: install
	$(BIN)/python -m generator.model.docs
	$(BIN)/python -m generator.cli_docs
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet
	@echo "使用手册：build/manual/index.html"

schemas: install
	$(BIN)/python -m generator.model.schema

clean:
	rm -rf build
