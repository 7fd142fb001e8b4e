"""/healthz: whether this server can answer, for a load balancer or a monitoring probe.

It asks the database one trivial question and says only "ok" (200) or "unavailable" (503): no
version, no error text, no setting, nothing a visitor could learn the system from. It needs no
sign-in, sets no cookie, and is never cached, so each probe sees the state of the moment.

A load balancer probes each app server by its own address (http://10.0.0.11:8000/healthz), which
is not among ALLOWED_HOSTS: `answer_probes` answers the probe first in the middleware, before
anything asks for the host, so it gets its answer rather than a 400.
"""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@login_not_required
@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def answer_probes(get_response):
    """Middleware, first in the list: /healthz whatever the Host header (see the module's text)."""

    def middleware(request):
        if request.path_info == "/healthz":
            return healthz(request)
        return get_response(request)

    return middleware
