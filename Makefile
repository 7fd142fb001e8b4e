# Two commands: `make run` (set up and serve with demo data) and `make test` (the whole suite).
# Both work on a fresh machine: the only system packages assumed are listed in README.md.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The test suite runs with the production settings (DEBUG off), so it needs a key of its own.
TEST_ENV := SECRET_KEY=test-only-secret-key-not-for-production DEBUG=0
# The suite runs on both cores (pytest-xdist; each worker has its own test database).
TEST_WORKERS ?= 2

.PHONY: run test setup lint format messages check-deploy clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check -o $@ $<

messages: locale/pl/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.mo

setup: $(VENV)/.installed messages
	mkdir -p var/private
	@# Local development settings for manage.py typed by hand; never used where DEBUG is set.
	test -f .env || printf '# Local development only (git-ignored).\nDEBUG=1\n' > .env
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo

run: setup
	@echo "Serving the portal at http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-dev node_modules/.installed messages
	@test -x /usr/bin/chromium || { echo "Browser tests need Debian's chromium: apt-get install chromium"; exit 1; }
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(TEST_ENV) $(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the .po files after changing strings in code or templates (then translate them).
makemessages: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py makemessages -l pl -l en --no-obsolete --add-location file \
		--ignore=.venv --ignore=node_modules --ignore=staticfiles

clean:
	rm -rf $(VENV) node_modules staticfiles var/db.sqlite3
