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
# pytest-xdist: one test process per core (`TEST_WORKERS=0` runs them in this process); a
# worker whose tests are done takes the last ones queued for the other (`worksteal`): the
# browser tests, last in pytest-django's order, ran on one worker for the suite's last 90 s.
TEST_WORKERS ?= auto
TEST_DIST ?= worksteal
# Python keeps its compiled modules (and pytest its rewritten test modules) in __pycache__:
# an environment that says not to (PYTHONDONTWRITEBYTECODE) made every process of a run —
# each test worker, each `manage.py` a test starts, the PostgreSQL suite after the SQLite
# one — compile the project and the suite again (a test worker's collection: 11 s against 5 s).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install lock run migrate seed worker test test-postgres test-deploy browser webserver lint format bench bench-ci backup restore upgrade clean

install: $(STAMP)

# Exactly the versions in requirements.lock (with their hashes), then the project itself.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Updating the dependencies is done on purpose: new versions within pyproject.toml's bounds,
# written to requirements.lock with their hashes (commit it after the suite passes).
lock: $(STAMP)
	$(VENV)/bin/pip-compile --quiet --upgrade --extra dev --generate-hashes --strip-extras \
		--allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

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
	$(PY) -m pytest -n $(TEST_WORKERS) --dist $(TEST_DIST) $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest: no tests were collected"; rc=0; fi; exit $$rc
endef

test: install browser
	$(run_pytest)

test-postgres: install browser
	DATABASE_URL=$(PG_URL) $(run_pytest)

# deploy/ walked for real (tests/deploy): nginx with TLS in front of gunicorn and the worker as
# their units run them; about a minute, so CI runs it once rather than in every `make test`.
test-deploy: install webserver
	$(PY) -m pytest -m deploy tests/deploy

# Debian's nginx for the deployment walk when we are root; else say what to do.
webserver:
	@if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian nginx-light..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; \
	else \
		echo "nginx is missing: install Debian's 'nginx-light' package."; \
		exit 1; \
	fi

lint: install
	$(VENV)/bin/pre-commit run --all-files

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Backups hold everything the school owns: `make backup` writes backups/<timestamp>.tar with
# the PostgreSQL database (database.dump: pg_dump, custom format; signed documents and
# finalised reports live in it) and the uploaded files (media.tar: consent scans, documents'
# paper scans, job results; unconfirmed import previews are left out). `make restore
# FILE=backups/<...>.tar` brings both back: the database into DATABASE_URL, replacing what is
# there, the files into MEDIA_ROOT, whose former contents are moved aside, not deleted. A
# backup of a release before 2026-12 is a bare pg_dump (.dump: their backups held the database
# only); `make restore FILE=<...>.dump` takes it as it is and leaves MEDIA_ROOT alone.
DATABASE_URL ?= $(PG_URL)
BACKUP_DIR ?= backups
MEDIA_ROOT ?= $(or $(DJANGO_MEDIA_ROOT),var/media)

backup:
	@set -e; mkdir -p $(BACKUP_DIR) "$(MEDIA_ROOT)"; \
	file=$(BACKUP_DIR)/nastavnichestvo-$$(date +%Y%m%d-%H%M%S).tar; \
	work=$$(mktemp -d); trap 'rm -rf "$$work"' EXIT; \
	pg_dump --format=custom --no-owner --no-privileges --file="$$work/database.dump" "$(DATABASE_URL)"; \
	tar -C "$(MEDIA_ROOT)" --exclude=./imports -cf "$$work/media.tar" .; \
	tar -C "$$work" -cf "$$file" database.dump media.tar; \
	echo "$$file"

restore:
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/<name>.tar"; exit 1; }
	@set -e; work=$$(mktemp -d); trap 'rm -rf "$$work"' EXIT; \
	case "$(FILE)" in \
	*.dump) dump="$(FILE)";; \
	*) tar -C "$$work" -xf "$(FILE)"; dump="$$work/database.dump";; \
	esac; \
	pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
		--dbname="$(DATABASE_URL)" "$$dump"; \
	if [ "$$dump" = "$(FILE)" ]; then \
		echo "Восстановлено: база данных. В копии прежнего выпуска нет файлов: $(MEDIA_ROOT) не тронут."; \
		exit 0; \
	fi; \
	if [ -d "$(MEDIA_ROOT)" ] && [ -n "$$(ls -A "$(MEDIA_ROOT)")" ]; then \
		aside="$(MEDIA_ROOT).before-restore-$$(date +%Y%m%d-%H%M%S)"; \
		mv "$(MEDIA_ROOT)" "$$aside"; echo "Прежние файлы: $$aside"; \
	fi; \
	mkdir -p "$(MEDIA_ROOT)"; tar -C "$(MEDIA_ROOT)" -xf "$$work/media.tar"; \
	echo "Восстановлено: база данных и файлы ($(MEDIA_ROOT))"

# A new release on a server installed as docs/operations.md says (run by root in the
# checkout): backup, dependencies, migrations, static files, check, services restarted.
upgrade:
	sh deploy/upgrade.sh

# Every benchmark with its target, one table (bench/RESULTS.md records the numbers).
# `make bench BENCH="region load"` runs those scripts only, `BENCH="--without load"` all others
BENCH ?=
bench: install
	cd bench && ../$(PY) run_all.py $(BENCH)

# The benchmarks CI gates: every one but those below — the quick ones that hold the heavy
# operations to a bound or to a baseline of the same run (our PDFs and reports against a bare
# WeasyPrint render, the matching, the import, two nodes; a new script is gated too): about
# 1.5 min. Left to `make bench`, run before a change to the pages or the data layer lands
# (bench/RESULTS.md records each run): page_cost and load measure the pages against the login
# page, a ratio that moves with the machine, not only with the code (the same commit read 4.2×
# on one machine and 5.0–5.5× on another, session 17); region, five_years and rollup hold a
# page's time to a school alone, to one year, the rollup to a second — 5.5 of CI's 24 minutes
# (session 19), which #28 wants at 15; in every run of the suite, the list pages' query counts
# with few and with many rows (tests/test_list_pages.py) hold what they hold in queries.
CI_BENCH_WITHOUT := page_cost load region five_years rollup
bench-ci: install
	cd bench && ../$(PY) run_all.py --without $(CI_BENCH_WITHOUT)

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media .worker.log
