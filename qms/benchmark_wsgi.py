"""The WSGI application the benchmarks (qms.benchmarking) serve with gunicorn: the
production settings as they are, except that static files' addresses come from the finders
rather than a collected manifest (collectstatic takes half a minute, and the benchmark sends no
request for a static file)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qms.settings")
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
application = get_wsgi_application()
