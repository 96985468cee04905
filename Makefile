# Peer Leadership Hub: `make run` serves the demo, `make test` runs lint and the whole suite.
# Both set up everything they need themselves (virtual environment, locked dependencies,
# database, demo content; for tests also Debian's chromium).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
LMS_PORT ?= 8001
export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
# The locked dependencies are installed by uv: the same hash checks as pip, in a fraction of the
# time. uv itself is pinned by hash in requirements/installer.lock and installed by the pip
# wheel Python bundles (ensurepip's), run straight from the wheel, so the virtualenv is made
# without pip (installing pip into it took seconds). Without a bundled wheel, ensurepip is used.
BUNDLED_PIP = $(shell $(PY) -c 'import ensurepip, glob, os; \
	print(*sorted(glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), "_bundled", "pip-*.whl")))[-1:])' 2>/dev/null)
PIP_INSTALL = $(if $(BUNDLED_PIP),$(PY) $(BUNDLED_PIP)/pip,$(PY) -m ensurepip >/dev/null && $(PY) -m pip) \
	install --quiet --disable-pip-version-check --require-hashes --no-deps
UV := $(VENV)/bin/uv
# --compile-bytecode: pip compiled every module at install time, uv does not by default; without
# it each process of `make run` compiles Django and Wagtail again (7 s more per process here,
# where PYTHONDONTWRITEBYTECODE keeps Python from caching what it compiled).
UV_INSTALL := $(UV) pip install --quiet --python $(PY) --require-hashes --no-deps --compile-bytecode
STATIC_ROOT ?= var/static
STATIC_MANIFEST := $(STATIC_ROOT)/staticfiles.json
STATIC_SOURCES := $(shell find static hub lti_tool badges operations security demo_lms \
	-path '*/static/*' -type f 2>/dev/null)

# `make run` prepares the database and the static files side by side (they share nothing).
ifneq ($(filter run,$(MAKECMDGOALS)),)
MAKEFLAGS += -j2
endif

.PHONY: run dev test lint suite verifiers serve setup static install install-test chromium lock clean

## make run: install, migrate, load the demo, create the admin, then serve as users get it:
## gunicorn on 127.0.0.1:$(PORT) (DEBUG off, config.settings.local), the task worker, the
## scheduler and the demo LMS (http://localhost:$(LMS_PORT)/), all kept up by supervisord
run: export DJANGO_SETTINGS_MODULE := config.settings.local
run: setup static
	@echo "Peer Leadership Hub: http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/, health: /healthz)"
	@echo "Demo LMS course page: http://localhost:$(LMS_PORT)/  (launch the tool as a learner or an instructor)"
	@echo "Logs: var/web.log, var/worker.log, var/scheduler.log, var/demo-lms.log. Any program that"
	@echo "exits is restarted. Ctrl+C stops them all."
	@PLH_PYTHON=$(abspath $(PY)) PORT=$(PORT) LMS_PORT=$(LMS_PORT) \
		$(VENV)/bin/supervisord -c config/supervisord.conf

## make dev: the same set-up, served by Django's autoreloading development server (DEBUG on)
dev: export DJANGO_SETTINGS_MODULE := config.settings.dev
dev: setup
	@echo "Development server: http://127.0.0.1:$(PORT)/  (reloads on code changes; Ctrl+C stops)"
	@echo "Logs of the task worker, the scheduler and the demo LMS: var/worker.log, var/scheduler.log,"
	@echo "var/demo-lms.log."
	@trap 'kill $$worker $$scheduler $$lms 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py run_worker >var/worker.log 2>&1 & worker=$$!; \
	$(PY) manage.py lti_scheduler >var/scheduler.log 2>&1 & scheduler=$$!; \
	$(PY) -m demo_lms --port $(LMS_PORT) --tool http://127.0.0.1:$(PORT) >var/demo-lms.log 2>&1 & lms=$$!; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## hashed, compressed copies of the static files for WhiteNoise (DEBUG off); collected again
## only when a static file or an installed package changed
static: $(STATIC_MANIFEST)

$(STATIC_MANIFEST): requirements/base.lock $(STATIC_SOURCES) | $(VENV)/.base-installed
	$(PY) manage.py collectstatic --noinput -v0
	@touch $@

## migrate, the cache table, the demo programme, badges, the demo LMS's registration and the
## admin account: one process (each step is idempotent; see operations' setup_site command)
setup: install
	@mkdir -p var
	$(PY) manage.py setup_site --port $(PORT) --lms-port $(LMS_PORT)

## make test: lint, then the whole suite (SQLite unless DATABASE_URL says otherwise)
test: install-test chromium lint suite

lint: install-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m mypy
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

suite: install-test verifiers
	$(PY) -m pytest

## the badge tests' independent verifiers (npm packages, the OB 2.0 validator's own venv)
verifiers: install-test
	@$(PY) -m tests.badges.external

$(VENV)/bin/python:
	$(PYTHON) -m venv --without-pip $(VENV)

$(VENV)/.uv-installed: requirements/installer.lock | $(VENV)/bin/python
	$(PIP_INSTALL) -r requirements/installer.lock
	@touch $@

$(VENV)/.base-installed: requirements/base.lock $(VENV)/.uv-installed
	$(UV_INSTALL) -r requirements/base.lock
	@touch $@

$(VENV)/.test-installed: requirements/test.lock $(VENV)/.uv-installed
	$(UV_INSTALL) -r requirements/test.lock
	@touch $@ $(VENV)/.base-installed

install: $(VENV)/.base-installed
install-test: $(VENV)/.test-installed

## Debian's chromium for the browser tests (Playwright drives it; no browser download)
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

## make lock: re-resolve requirements/*.in into the hashed lock files
lock: $(VENV)/.uv-installed
	$(UV) pip compile requirements/installer.in --python-version 3.11 --generate-hashes -q -o requirements/installer.lock
	$(VENV)/bin/uv pip compile requirements/test.in --python-version 3.11 --generate-hashes -q -o requirements/test.lock
	$(VENV)/bin/uv pip compile requirements/base.in -c requirements/test.lock --python-version 3.11 --generate-hashes -q -o requirements/base.lock

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache
