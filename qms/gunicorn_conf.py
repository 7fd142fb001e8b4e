"""gunicorn's settings for the portal in production (`make serve`, or by hand:
`gunicorn -c qms/gunicorn_conf.py`). Each can be changed by an environment variable.

- BIND: the address and port, 127.0.0.1:8000 by default: the portal sits behind a TLS proxy on
  the same machine (README, "Production").
- WEB_CONCURRENCY: the number of worker processes, by default two per core plus one: the
  workers are synchronous and spend much of a request waiting for the database.
- GUNICORN_TIMEOUT: seconds a request may take before its worker is replaced, 60 by default.
  The longest PDF the limits allow prints in under 10 s on a busy two-core machine
  (tests/test_limits.py), so 60 s leaves room and still frees a stuck worker.
"""

import multiprocessing
import os

wsgi_app = "qms.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# The proxy keeps connections to the app server open between requests.
keepalive = 5
# WeasyPrint's caches grow with each document a worker prints: a worker is replaced after about
# a thousand requests (at different times, so that they are not all replaced at once).
max_requests = 1000
max_requests_jitter = 100
# The application is loaded once, in the master, and each worker is a fork of it: a replaced
# worker starts in milliseconds instead of loading Django again (a third of a second, during
# which its share of the requests waits: under load that was the slowest 5% of every page).
preload_app = True

# Access and error logs to the standard streams, for systemd's journal or the container's log
# (GUNICORN_ACCESS_LOG= empty: no access log, as in the benchmarks).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def pre_fork(server, worker):
    """A connection the master opened while loading (none is expected) must not be shared by
    the workers it forks: it is closed in the master before each fork."""
    from django.db import connections

    connections.close_all()
