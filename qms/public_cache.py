"""The residents' pages and PDFs, rendered once and kept in Django's cache until what they show
changes.

A public page is the same for every anonymous visitor and changes a few times a year, yet it
costs a dozen queries, and a PDF a WeasyPrint run. `@public_cached` keeps a view's answer under a
key made of:

- the revision of the public records: for each model an app registers here (in its AppConfig's
  ready(), so that qms imports no app), the latest value of a field that grows with every change
  (`updated_at`; the key of rows written once and never changed, such as survey responses), all
  read in ONE query. Quality records are never deleted (rule 6), so every change moves one of
  them: a change made through any worker or any server is seen by the next request everywhere,
  and nothing is ever stale;
- today's date (a certificate's validity and an open campaign depend on it);
- the path with its query string, which also names the language (/en/…).

Only anonymous requests that carry no session and no pending message are served from the cache,
and only a 200 that sets no cookie is stored: a signed-in user always gets a page rendered for
them (and `private, no-store`, from PrivateForStaffMiddleware). Every anonymous answer carries an
ETag and Last-Modified, so a browser's or proxy's conditional GET is answered 304 without
rendering, and `Cache-Control: public, max-age=60`: a shared proxy may keep it for a minute.

The shared cache holds a page's parts (status, headers, bytes), not a pickled response, and each
worker also keeps the pages it served last in its own memory (`_recent`). Both are safe for the
same reason: the key names the revision, so an entry can never be stale, only unused. The
revision query is the one cost every cached answer still pays, and it is what makes a change seen
at once on every worker and server.
"""

import datetime
import functools
import hashlib
import weakref
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date

# How long a shared proxy or a browser may keep an anonymous page without asking again.
PROXY_SECONDS = 60
# How long an entry stays in the cache: a new revision or day makes a new key anyway, and the
# old entries expire (or are culled first when the cache is full).
CACHE_SECONDS = 24 * 60 * 60
# What a worker keeps in its own memory: at most this many pages, and this many bytes in all
# (a certificate PDF is about 60 kB, a page about 20 kB).
RECENT_PAGES = 64
RECENT_BYTES = 8 * 1024 * 1024

_registered = []


def register(model, field="updated_at"):
    """Count `model` among the records the public pages show: its latest `field` is part of the
    revision. Once per model (an app's ready() may run more than once in tests)."""
    if (model, field) not in _registered:
        _registered.append((model, field))


def revision_sql():
    """The one query of the revision: the latest value of each registered field."""
    quote = connection.ops.quote_name
    columns = ", ".join(
        f"(SELECT MAX({quote(model._meta.get_field(field).column)}) "
        f"FROM {quote(model._meta.db_table)})"
        for model, field in _registered
    )
    return f"SELECT {columns}"


# The PostgreSQL connections that have the revision query prepared, with the names they hold it
# under (weak keys: a closed connection leaves).
_prepared_on = weakref.WeakKeyDictionary()


def revision():
    """The latest value of each registered field, in one query, as a tuple.

    On PostgreSQL with lasting connections the query is prepared once a connection: planning
    its dozen subqueries took 0.7 ms, three times running them, on every anonymous request. A
    prepared statement outlives transactions (a rolled-back one too), PostgreSQL plans it again
    itself when a table changes, and its name comes from its text, so a different set of
    registered models prepares another. With `CONN_MAX_AGE=0` (a pooler such as PgBouncer in
    transaction mode, docs/deployment.md) a connection serves one request: the query is sent as
    it is."""
    if not _registered:
        return ()
    sql = revision_sql()
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql" or connection.settings_dict["CONN_MAX_AGE"] == 0:
            cursor.execute(sql)
            return tuple(cursor.fetchone())
        name = f"qms_public_revision_{hashlib.sha256(sql.encode()).hexdigest()[:16]}"
        held = _prepared_on.setdefault(connection.connection, set())
        if name not in held:
            # Asked rather than assumed: the connection may hold it already.
            cursor.execute("SELECT 1 FROM pg_prepared_statements WHERE name = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f"PREPARE {name} AS {sql}")
            held.add(name)
        cursor.execute(f"EXECUTE {name}")
        return tuple(cursor.fetchone())


def _as_datetime(value):
    """A value of the revision as an aware datetime, if it is a time (SQLite gives text)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if not isinstance(value, datetime.datetime):
        return None
    return value if timezone.is_aware(value) else value.replace(tzinfo=datetime.UTC)


def last_modified(values, day):
    """When the page last changed: its latest record, or the start of `day` if later (a page
    changes at midnight too, when a certificate expires or a campaign opens)."""
    midnight = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    times = [time for time in map(_as_datetime, values) if time is not None]
    return max([midnight, *times])


def page_key(request, values, day):
    """The cache key of the page `request` asks for, for records at `values` on `day`."""
    digest = hashlib.sha256(
        repr((request.get_full_path(), day.isoformat(), values)).encode()
    ).hexdigest()
    return f"public-page-parts:{digest}"


def _anonymous_and_plain(request):
    """Nothing in the request that could make its page differ from any anonymous visitor's."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _storable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
    )


def _public_headers(response, etag, modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified.timestamp())
    patch_cache_control(response, public=True, max_age=PROXY_SECONDS)
    # A signed-in visitor's page differs: a proxy must not give them this one.
    patch_vary_headers(response, ["Cookie"])
    return response


class _Recent:
    """The pages this worker served last, by key, least recently used first out."""

    def __init__(self):
        self.pages = OrderedDict()
        self.size = 0

    def get(self, key):
        parts = self.pages.get(key)
        if parts is not None:
            self.pages.move_to_end(key)
        return parts

    def put(self, key, parts):
        if key in self.pages:
            return
        self.pages[key] = parts
        self.size += len(parts[2])
        while len(self.pages) > RECENT_PAGES or self.size > RECENT_BYTES:
            _key, (_status, _headers, content) = self.pages.popitem(last=False)
            self.size -= len(content)

    def clear(self):
        self.pages.clear()
        self.size = 0


_recent = _Recent()


def forget():
    """Empty this worker's memory of pages (what restarting the workers does)."""
    _recent.clear()


@receiver(setting_changed)
def _forget_another_cache(setting, **kwargs):
    # Pages kept for one cache must not outlive it (each test has a cache of its own).
    if setting == "CACHES":
        forget()


def _parts(response):
    """What is kept of a response: enough to make it again, and nothing pickled."""
    return (response.status_code, tuple(response.headers.items()), response.content)


def _cached_parts(key):
    parts = _recent.get(key)
    if parts is None:
        parts = cache.get(key)
        if parts is not None:
            _recent.put(key, parts)
    return parts


def public_cached(view):
    """Serve the view's answer from the cache for anonymous visitors (see the module's text)."""

    @functools.wraps(view)
    def cached_view(request, *args, **kwargs):
        if not _anonymous_and_plain(request):
            return view(request, *args, **kwargs)
        day = timezone.localdate()
        values = revision()
        key = page_key(request, values, day)
        etag = f'"{key.rsplit(":", 1)[1][:32]}"'
        modified = last_modified(values, day)
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=int(modified.timestamp())
        )
        if not_modified is not None:
            return _public_headers(not_modified, etag, modified)
        parts = _cached_parts(key)
        if parts is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if not _storable(response):
                return response
            parts = _parts(response)
            cache.set(key, parts, CACHE_SECONDS)
            _recent.put(key, parts)
            return _public_headers(response, etag, modified)
        status, headers, content = parts
        response = HttpResponse(content, status=status, headers=dict(headers))
        return _public_headers(response, etag, modified)

    return cached_view
