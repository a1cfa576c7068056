# AI+ Hub: one set of commands for developers and CI. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ENV := DJANGO_SETTINGS_MODULE=config.settings.local DJANGO_DEBUG=false AIPLUS_DEMO=true PYTHONUNBUFFERED=1
TEST_ENV := DJANGO_SETTINGS_MODULE=config.settings.test
# llama-cpp-python builds from source: a portable AVX2 build (see docs/decisions/0005).
export CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF

.DEFAULT_GOAL := help
.PHONY: help demo test test-sqlite test-postgres lint format messages setup setup-dev bench \
	assets browser clean
.PHONY: models models-test bench-ai bench-search bench-encoders bench-vectors bench-diarization \
	bench-minutes bench-minutes-e2e bench-assistant bench-assistant-load

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

# --- Set-up (each step runs only when its inputs changed) ------------------------------------

$(VENV)/.base: requirements/base.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		(echo "Python 3.11 or newer is needed"; exit 1)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.dev: $(VENV)/.base requirements/dev.txt
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

aiplus/core/static/vendor/htmx.min.js: node_modules/.installed
	mkdir -p $(@D)
	cp node_modules/htmx.org/dist/htmx.min.js $@

assets: aiplus/core/static/vendor/htmx.min.js ## Copy front-end libraries into static/ (never a CDN)

setup: $(VENV)/.base assets ## Install what the hub needs to run
	@bash scripts/ensure_fonts.sh
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

setup-dev: $(VENV)/.dev setup models-test ## Install what the tests and linters need too

browser: ## Install Debian's Chromium for the browser tests (if missing)
	@bash scripts/ensure_chromium.sh

# --- AI models (weights go to AIPLUS_MODELS_DIR, default var/models; never into the repo) ---

models-test: $(VENV)/.base ## Install the small AI models the tests use (and espeak-ng)
	@bash scripts/ensure_espeak.sh
	$(TEST_ENV) $(MANAGE) install_models --set test

models: $(VENV)/.base ## Install the default AI models (about 1.5 GB: Whisper base, Qwen2.5-Coder-1.5B, ...)
	@bash scripts/ensure_espeak.sh
	$(TEST_ENV) $(MANAGE) install_models --set default

# --- The two commands of the quick start ------------------------------------------------------

demo: setup ## Set up, load demo content, and run the hub on http://127.0.0.1:8000
	$(DEMO_ENV) $(MANAGE) migrate --noinput -v 0
	$(DEMO_ENV) $(MANAGE) load_demo
	$(DEMO_ENV) $(MANAGE) collectstatic --noinput -v 0
	$(DEMO_ENV) $(MANAGE) run_hub --host $(HOST) --port $(PORT) --install-models default

test: setup-dev browser lint test-sqlite test-postgres ## Set up and run every check and test, on SQLite and PostgreSQL

test-sqlite: setup-dev ## Run the test suite on SQLite
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: setup-dev ## Run the test suite on PostgreSQL 18 with pgvector (AI-model tests run in the SQLite pass)
	$(TEST_ENV) $(PY) scripts/with_postgres.py -- $(PY) -m pytest -m "not ai" $(PYTEST_ARGS)

# --- Benchmarks (kept out of `make test`; results go to docs/benchmarks.md) -------------------

bench: setup-dev ## Run the hub's benchmarks (SQLite, then PostgreSQL) into docs/benchmarks.md
	$(TEST_ENV) $(PY) -m aiplus.benchmarks
	$(TEST_ENV) $(PY) scripts/with_postgres.py -- $(PY) -m aiplus.benchmarks --postgres

bench-search: setup-dev ## Benchmark search quality and speed (SQLite, then PostgreSQL) into docs/benchmarks.md
	$(VENV)/bin/pip install --quiet -r requirements/bench.txt
	$(TEST_ENV) $(PY) -m aiplus.benchmarks.search
	$(TEST_ENV) $(PY) scripts/with_postgres.py -- $(PY) -m aiplus.benchmarks.search --postgres

bench-encoders: setup-dev ## Compare the two multilingual sentence encoders for search into docs/benchmarks.md
	$(VENV)/bin/pip install --quiet -r requirements/bench.txt
	$(TEST_ENV) $(PY) -m aiplus.benchmarks.encoders

bench-vectors: setup-dev ## Semantic search at 100,000 passages: pgvector HNSW against the in-memory matrix
	$(TEST_ENV) $(PY) scripts/with_postgres.py -- $(PY) -m aiplus.benchmarks.vectors

bench-diarization: setup-dev ## Speaker turns on a synthetic multi-voice meeting (DER of two methods)
	$(VENV)/bin/pip install --quiet -r requirements/bench.txt
	$(TEST_ENV) $(PY) -m aiplus.benchmarks.diarization

bench-minutes: DATA ?= ../shared/data/qmsum-committee
bench-minutes: setup-dev models ## Meeting summary quality (ROUGE, against LEAD and TextRank) on the QMSum meetings in DATA into docs/benchmarks.md
	$(VENV)/bin/pip install --quiet -r requirements/bench.txt
	$(TEST_ENV) $(PY) -m aiplus.benchmarks.minutes --data $(DATA) $(if $(CACHE),--cache $(CACHE))

bench-minutes-e2e: setup-dev models ## Smart Minutes end to end: a synthetic 30-minute meeting to formal minutes
	$(TEST_ENV) $(PY) -m aiplus.benchmarks.meeting_e2e

bench-assistant: setup-dev models ## The Digital Assistant on its 177 questions (correctness, abstention, refusals, actions, latency) into docs/benchmarks.md
	$(TEST_ENV) $(PY) -m aiplus.benchmarks.assistant

bench-assistant-load: setup-dev ## 50 visitors on the assistant's widget for 2 minutes, against a hub started with AIPLUS_TRUSTED_PROXY_COUNT=1 make demo
	$(TEST_ENV) $(PY) -m aiplus.benchmarks.assistant_load --url http://$(HOST):$(PORT) --users 50 --seconds 120

bench-ai: setup-dev ## Benchmark the AI models (run `make models` first) into docs/benchmarks.md
	$(TEST_ENV) $(PY) -m aiplus.benchmarks.ai_models

# --- Quality ------------------------------------------------------------------------------

lint: setup-dev ## ruff, formatting, mypy, import layers, template lint, migrations and translations checks
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint aiplus --lint --quiet
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run
	$(TEST_ENV) $(PY) scripts/check_translations.py
	$(VENV)/bin/mypy aiplus config scripts
	$(VENV)/bin/lint-imports --no-cache

format: setup-dev ## Reformat Python code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: setup-dev ## Extract translatable strings; derive Simplified Chinese from Traditional
	$(TEST_ENV) $(PY) scripts/check_translations.py --update

clean: ## Remove the virtual environment, installed assets and caches (keeps var/ data)
	rm -rf $(VENV) node_modules aiplus/core/static/vendor staticfiles .mypy_cache .ruff_cache
