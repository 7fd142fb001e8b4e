"""What the benchmarks that serve the portal share (`benchmark_serving`, surveys'
`benchmark_survey_load`) and the tests that start a real server: a throwaway database beside the
configured one, gunicorn with the repository's settings file (qms/gunicorn_conf.py) and the
production settings on it, one plain HTTP request, and a percentile.

The server runs the production settings (DEBUG off) with two departures, as the tests do: plain
HTTP on 127.0.0.1 (no HTTPS redirect, cookies not marked secure: the TLS proxy's part) and one
trusted proxy in front (the benchmark itself), and static files' addresses from the finders
rather than a collected manifest (qms.benchmark_wsgi: collectstatic takes half a minute, and no
benchmark asks for a static file).
"""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection

# The application the benchmarks serve (see the module's text).
WSGI_APP = "qms.benchmark_wsgi:application"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database_url):
    """The production settings for gunicorn, on `database_url`, with the two departures above."""
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "TRUSTED_PROXIES": "1",
        "DJANGO_SETTINGS_MODULE": "qms.settings",
    }


def database_url():
    """The URL of the database this process uses, for gunicorn to use too."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{host}{port}/{db['NAME']}"


def cache_environment():
    """The variables that give a server this process's cache (its files or its Redis)."""
    cache = settings.CACHES["default"]
    environment = {"CACHE_KEY_PREFIX": cache.get("KEY_PREFIX", "")}
    if cache["BACKEND"].endswith("RedisCache"):
        environment["REDIS_URL"] = cache["LOCATION"]
    elif cache["BACKEND"].endswith("FileBasedCache"):
        environment["CACHE_DIR"] = cache["LOCATION"]
    return environment


@contextlib.contextmanager
def gunicorn(database, *, workers=2, environment=None, app=WSGI_APP, wait=90, log=None):
    """gunicorn with qms/gunicorn_conf.py serving `app` on a free port of 127.0.0.1, on
    `database` (a URL), `environment` added; yields its port, and stops it afterwards. What it
    prints goes to `log` (a binary file), or is shown if it stops by itself."""
    port = free_port()
    env = {
        **server_environment(database),
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        # The benchmarks count requests, not log lines.
        "GUNICORN_ACCESS_LOG": "",
        **(environment or {}),
    }
    command = [str(Path(sys.executable).with_name("gunicorn")), "-c", "qms/gunicorn_conf.py"]
    with contextlib.ExitStack() as stack:
        output = log if log is not None else stack.enter_context(tempfile.TemporaryFile())
        server = stack.enter_context(
            subprocess.Popen(
                [*command, *([app] if app else [])],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        )
        try:
            _wait_for(server, port, output, wait)
            yield port
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def _wait_for(server, port, log, wait):
    deadline = time.monotonic() + wait
    while True:
        if server.poll() is not None:
            log.seek(0)
            raise CommandError(f"gunicorn stopped:\n{log.read().decode()[-2000:]}")
        try:
            request(port, "GET", "/healthz")
            return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise CommandError("gunicorn did not answer in time")
        time.sleep(0.2)


def request(port, method, path, *, body=None, headers=None):
    """(status, headers, body) of one request, on a connection of its own (gunicorn's sync
    workers close each connection after its answer, as behind the proxy)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        answer = conn.getresponse()
        return answer.status, answer.headers, answer.read()
    finally:
        conn.close()


def milliseconds(values, share):
    """The `share` percentile (0.5, 0.95) of `values` in seconds, in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@contextlib.contextmanager
def throwaway_database(label):
    """A new, empty database beside the configured one; yields its URL and a description of it,
    and removes it after."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        with tempfile.TemporaryDirectory(prefix=f"{label}-") as folder:
            yield f"sqlite:///{Path(folder) / 'bench.sqlite3'}", "SQLite (a throwaway file)"
        return
    name = f"{db['NAME']}_{label.replace('-', '_')}_{os.getpid()}"
    quoted = connection.ops.quote_name(name)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {quoted}")
    url = urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}"))
    try:
        yield url, f"PostgreSQL (a throwaway database, {name})"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


def run_on_throwaway(command, label, marker, arguments):
    """Run `manage.py <command> --here <arguments>` again on a throwaway database (its URL also in
    the environment variable `marker`, which the command checks before writing anything)."""
    with throwaway_database(label) as (url, what):
        finished = subprocess.run(
            [
                sys.executable,
                str(settings.BASE_DIR / "manage.py"),
                command,
                "--here",
                *arguments,
                f"--described={what}",
            ],
            env={**os.environ, "DATABASE_URL": url, marker: url},
            check=False,
        )
    if finished.returncode:
        raise CommandError("The benchmark failed: see above.")


def on_throwaway(marker):
    """Whether this process runs on the throwaway database `run_on_throwaway` made."""
    url = os.environ.get(marker)
    return bool(url) and url == os.environ.get("DATABASE_URL")
