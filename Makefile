# `make run` sets up and serves the portal with demo data; `make test` runs the whole suite;
# `make check` is the quick loop while editing; `make bench` prints the benchmarks' reports.
# Each works on a fresh Debian machine: it first checks the system packages it needs (listed in
# README.md) and installs the missing ones when run as root, or says how to install them.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The test suite runs with the production settings (DEBUG off), so it needs a key of its own.
TEST_ENV := SECRET_KEY=test-only-secret-key-not-for-production DEBUG=0
# The suite runs on both cores (pytest-xdist; each worker has its own test database).
TEST_WORKERS ?= 2

.PHONY: run serve test check bench setup lint format messages makemessages \
	system-packages runtime-packages bench-packages local-env clean

# Debian packages: what `make run` needs, and what `make test` needs on top of it. Each has a
# shell test that passes when the package is there (`make system-packages has_chromium=false`,
# run by a user other than root, shows what a machine without chromium is told).
# pip compiles python-ldap (signing in with the office's directory) against these (defined before
# RUNTIME_PACKAGES: `:=` expands what is already defined).
LDAP_BUILD_PACKAGES := gcc python3-dev libldap2-dev libsasl2-dev
RUNTIME_PACKAGES := python3-venv gettext libpango-1.0-0 libpangoft2-1.0-0 $(LDAP_BUILD_PACKAGES)
# The directory tests start Debian's slapd themselves (tests/ldap/server.py).
# tests/test_nginx.py runs deploy/nginx.conf (with a self-signed certificate) in front of gunicorn.
TEST_PACKAGES := $(RUNTIME_PACKAGES) chromium default-jre-headless npm wrk slapd ldap-utils \
	nginx-light openssl
# `make bench` serves the portal and loads it with wrk.
BENCH_PACKAGES := $(RUNTIME_PACKAGES) wrk

dpkg_installed = dpkg-query -W -f='$${db:Status-Abbrev}' $(1) 2>/dev/null | grep -q '^ii'
has_python3-venv = test -x $(PY) || $(PYTHON) -c 'import ensurepip, venv' 2>/dev/null
has_gettext = command -v msgfmt >/dev/null
has_libpango-1.0-0 = $(call dpkg_installed,libpango-1.0-0)
has_libpangoft2-1.0-0 = $(call dpkg_installed,libpangoft2-1.0-0)
has_chromium = test -x /usr/bin/chromium
has_default-jre-headless = command -v java >/dev/null
has_npm = command -v npm >/dev/null
has_wrk = command -v wrk >/dev/null
has_gcc = command -v gcc >/dev/null
has_python3-dev = $(call dpkg_installed,python3-dev)
has_libldap2-dev = $(call dpkg_installed,libldap2-dev)
has_libsasl2-dev = $(call dpkg_installed,libsasl2-dev)
has_slapd = test -x /usr/sbin/slapd
has_ldap-utils = command -v ldapsearch >/dev/null
has_nginx-light = command -v nginx >/dev/null || test -x /usr/sbin/nginx
has_openssl = command -v openssl >/dev/null

# $(call require,packages): nothing when all are there; otherwise root installs the missing ones
# (nothing prompts) and anyone else is stopped with the command that installs them.
define require
@missing=""; \
$(foreach p,$(1),{ $(has_$(p)); } || missing="$$missing $(p)";) \
if [ -z "$$missing" ]; then exit 0; fi; \
if [ "$$(id -u)" -ne 0 ]; then \
	echo "Missing Debian packages:$$missing. Install them, then run make again:" >&2; \
	echo "    sudo apt-get install --no-install-recommends$$missing" >&2; \
	exit 1; \
fi; \
echo "Installing the missing Debian packages:$$missing"; \
export DEBIAN_FRONTEND=noninteractive; \
apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null
endef

system-packages:
	$(call require,$(TEST_PACKAGES))

runtime-packages:
	$(call require,$(RUNTIME_PACKAGES))

bench-packages:
	$(call require,$(BENCH_PACKAGES))

# The venv is made once; its packages are installed again only when a requirements file changes.
$(PY): | runtime-packages
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | runtime-packages
	msgfmt --check -o $@ $<

messages: locale/pl/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.mo

# Local development settings for manage.py typed by hand (`manage.py check`, `makemigrations`):
# a git-ignored .env with DEBUG=1. Real environment variables always win over it (the suite and
# production set theirs), so it changes nothing where DEBUG is set.
local-env:
	@test -f .env || printf '# Local development only (git-ignored).\nDEBUG=1\n' > .env

setup: runtime-packages $(VENV)/.installed messages local-env
	mkdir -p var/private
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo
	@# What the daily timer does in production: editions whose day has come come into force.
	DEBUG=1 $(PY) manage.py bring_editions_into_force
	@# The search's text of every record and of the editions' files (a second run changes nothing).
	DEBUG=1 $(PY) manage.py reindex_search

run: setup
	@echo "Serving the portal at http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production serving in one command: the production settings (DEBUG off), migrate, the
# collected static files and compiled translations, then gunicorn with qms/gunicorn_conf.py on
# SQLite or DATABASE_URL. Without SECRET_KEY in the environment, a random one is made once in
# var/secret_key (git-ignored). Without BEHIND_TLS_PROXY, nothing tells the portal a request came
# over HTTPS, so it serves plain HTTP (for a trial on this machine); behind the TLS proxy set
# BEHIND_TLS_PROXY=1 and every HTTPS safeguard is on.
ifeq ($(BEHIND_TLS_PROXY),)
SERVE_HTTP = SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
endif
SERVE_ENV = DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" $(SERVE_HTTP)

serve: runtime-packages $(VENV)/.installed messages
	mkdir -p var/private
	@test -n "$$SECRET_KEY" || test -s var/secret_key || \
		(umask 077 && $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key)
	$(SERVE_ENV) $(PY) manage.py migrate --no-input
	$(SERVE_ENV) $(PY) manage.py collectstatic --no-input --verbosity 0
	$(SERVE_ENV) $(PY) manage.py check --deploy --fail-level ERROR
	@echo "Serving the portal with production settings on $${BIND:-127.0.0.1:8000} (Ctrl+C stops it)"
	$(SERVE_ENV) $(VENV)/bin/gunicorn -c qms/gunicorn_conf.py

# The whole suite: ruff, then every test (browser, HTML validity and slow ones included); the
# slowest 15 are named at the end.
test: system-packages lint $(VENV)/.installed-dev node_modules/.installed messages local-env
	mkdir -p var
	$(TEST_ENV) $(PY) -m pytest -n $(TEST_WORKERS) --durations=15 $(PYTEST_ARGS)

# The quick loop while editing: ruff, missing migrations, and the tests that need neither a
# browser nor much time (no chromium, Java or npm needed).
check: runtime-packages lint $(VENV)/.installed-dev messages local-env
	mkdir -p var
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) -m pytest -n $(TEST_WORKERS) -m "not browser and not slow" $(PYTEST_ARGS)

# Timings with the production settings (DEBUG off) on the configured database (DATABASE_URL,
# else the SQLite file; benchmark_survey_load makes a throwaway database beside it): each
# benchmark command prints its report.
bench: bench-packages $(VENV)/.installed messages
	mkdir -p var
	$(TEST_ENV) $(PY) manage.py migrate --no-input --verbosity 0
	$(TEST_ENV) $(PY) manage.py benchmark_search
	$(TEST_ENV) $(PY) manage.py benchmark_demo
	$(TEST_ENV) $(PY) manage.py benchmark_pdf
	$(TEST_ENV) $(PY) manage.py benchmark_survey_report
	$(TEST_ENV) $(PY) manage.py benchmark_survey_load
	$(TEST_ENV) $(PY) manage.py benchmark_serving
	$(TEST_ENV) $(PY) manage.py benchmark_review_minutes
	$(TEST_ENV) $(PY) manage.py benchmark_scale

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the .po files after changing strings in code or templates (then translate them).
makemessages: runtime-packages $(VENV)/.installed
	DEBUG=1 $(PY) manage.py makemessages -l pl -l en --no-obsolete --add-location file \
		--ignore=.venv --ignore=node_modules --ignore=staticfiles

clean:
	rm -rf $(VENV) node_modules staticfiles var/db.sqlite3
