# Наставничество — the two commands a person needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/nastavnichestvo
CHROMIUM ?= /usr/bin/chromium
PYTEST_ARGS ?=

.PHONY: install run migrate seed worker test test-postgres browser lint format bench backup restore clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# Starts the task worker in the background and the web server in the foreground;
# Ctrl+C stops both.
run: seed
	@$(PY) manage.py run_worker > .worker.log 2>&1 & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	echo ""; \
	echo "Портал: http://$(HOST):$(PORT)/  (фоновые задачи: .worker.log)"; \
	echo ""; \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	$(PY) manage.py run_worker

# Debian's Chromium when we are root; else Playwright's own download; else say what to do.
browser:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian chromium..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	elif $(PY) -m playwright install chromium; then \
		echo "Using Playwright's Chromium."; \
	else \
		echo "Chromium is missing: install Debian's 'chromium' package (or run 'playwright install chromium')."; \
		exit 1; \
	fi

# pytest exits 5 when it collects no test (e.g. a PYTEST_ARGS filter that matches nothing).
define run_pytest
	$(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest: no tests were collected"; rc=0; fi; exit $$rc
endef

test: install browser
	$(run_pytest)

test-postgres: install browser
	DATABASE_URL=$(PG_URL) $(run_pytest)

lint: install
	$(VENV)/bin/pre-commit run --all-files

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# PostgreSQL backups: `make backup` writes backups/<timestamp>.dump (pg_dump, custom format);
# `make restore FILE=backups/<...>.dump` restores it into DATABASE_URL, replacing what is there.
DATABASE_URL ?= $(PG_URL)
BACKUP_DIR ?= backups

backup:
	@mkdir -p $(BACKUP_DIR); \
	file=$(BACKUP_DIR)/nastavnichestvo-$$(date +%Y%m%d-%H%M%S).dump; \
	pg_dump --format=custom --no-owner --no-privileges --file="$$file" "$(DATABASE_URL)" && echo "$$file"

restore:
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/<name>.dump"; exit 1; }
	pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
		--dbname="$(DATABASE_URL)" "$(FILE)"

# Every benchmark with its target, one table (bench/RESULTS.md records the numbers).
bench: install
	cd bench && ../$(PY) run_all.py

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media .worker.log
