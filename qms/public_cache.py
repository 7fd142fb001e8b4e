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
"""

import datetime
import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date

# How long a shared proxy or a browser may keep an anonymous page without asking again.
PROXY_SECONDS = 60
# How long an entry stays in the cache: a new revision or day makes a new key anyway, and the
# old entries expire (or are culled first when the cache is full).
CACHE_SECONDS = 24 * 60 * 60

_registered = []


def register(model, field="updated_at"):
    """Count `model` among the records the public pages show: its latest `field` is part of the
    revision. Once per model (an app's ready() may run more than once in tests)."""
    if (model, field) not in _registered:
        _registered.append((model, field))


def revision():
    """The latest value of each registered field, in one query, as a tuple."""
    if not _registered:
        return ()
    quote = connection.ops.quote_name
    columns = ", ".join(
        f"(SELECT MAX({quote(model._meta.get_field(field).column)}) "
        f"FROM {quote(model._meta.db_table)})"
        for model, field in _registered
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
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
    return f"public-page:{digest}"


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
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if not _storable(response):
                return response
            cache.set(key, response, CACHE_SECONDS)
        return _public_headers(response, etag, modified)

    return cached_view
