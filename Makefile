# Kopdes — the two commands (make run, make test) and their friends.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench demo-reset install assets messages check-system check-system-tests clean

# Every transitive dependency comes from the hash-locked file (README,
# "Dependencies"); the project itself is then installed without resolving
# anything (no build isolation: setuptools is in the lock too).
$(STAMP): pyproject.toml requirements/dev-lock.txt
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev-lock.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

install: $(STAMP) node_modules/.package-lock.json

assets: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

check-system:
	@$(PY) scripts/check_system.py

# What the tests need too (Debian's chromium, gettext): installed with apt-get
# when running as root, otherwise it stops naming the exact install line.
check-system-tests:
	@$(PY) scripts/check_system.py --tests --install

run: check-system install assets
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo_load
	@$(BIN)/python manage.py demo_logins
	@echo "Kopdes berjalan di http://$(HOST):$(PORT)/  (Ctrl+C untuk berhenti)"
	$(BIN)/gunicorn config.wsgi:application --bind $(HOST):$(PORT) --workers 2 --threads 4 \
		--access-logfile - --error-logfile -

demo-reset: install
	$(BIN)/python manage.py demo_reset --yes
	$(BIN)/python manage.py demo_load

# The whole suite, browser tests included, on PYTEST_WORKERS xdist workers
# (each with its own test database; whole modules per worker, so module-shared
# data and the browser's live server stay together; in collection order, where
# kopdes/testing/reference_pytest.py puts the modules with slow tests first). PYTEST_WORKERS=0 runs it
# in one process; PYTEST_ARGS adds options (--durations=30, -m "not browser").
PYTEST_WORKERS ?= 2
test: check-system-tests install staticfiles/staticfiles.json
	$(BIN)/pytest $(if $(filter-out 0 1,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder) $(PYTEST_ARGS)

# Collected for the tests (hashed names, no compressed copies; see
# config/test_settings.py) only when a static source or an install changed.
STATIC_SOURCES := $(shell find kopdes -path '*/static/*' -type f 2>/dev/null)
staticfiles/staticfiles.json: $(STAMP) node_modules/.package-lock.json $(STATIC_SOURCES)
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0 --settings=config.test_settings
	@touch $@

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy kopdes config
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.production SECRET_KEY=$$(python3 -c 'print("x"*20 + "lint-only-not-a-real-key-0123456789abcdef")') \
		ALLOWED_HOSTS=kopdes.example.id $(BIN)/python manage.py check --deploy --fail-level WARNING

# Every bench script on SQLite, then on PostgreSQL when one answers
# (DATABASE_URL, else the local server). BENCH_ARGS go to each script.
bench: install assets
	$(BIN)/python bench/run_all.py $(if $(BENCH_ARGS),-- $(BENCH_ARGS))

messages: install
	cd kopdes && ../$(BIN)/django-admin makemessages -l en --no-obsolete -i "tests/*" -i "testing/*" \
		&& ../$(BIN)/django-admin compilemessages

clean:
	rm -rf staticfiles .pytest_cache .mypy_cache .ruff_cache
