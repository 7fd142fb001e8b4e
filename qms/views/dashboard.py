"""The coordinator's dashboard (/intranet/dashboard/): the quality system at a glance for the ISO
representative's office, the auditors and top management. Each app contributes its tiles
(qms.dashboard_tiles.gather); this view only checks who may read it and lays them out."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from qms import dashboard_tiles, roles
from qms.models import today


@roles.allowed(roles.can_view_dashboard)
@require_safe
def dashboard(request):
    on = today()
    return render(
        request,
        "qms/dashboard.html",
        {"groups": dashboard_tiles.gather(request.user, on), "on": on},
    )
