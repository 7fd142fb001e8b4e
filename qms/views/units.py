"""The organisational units: who works where, and which processes each unit takes part in."""

from django.contrib.auth.decorators import permission_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from qms.forms.units import UnitForm
from qms.models import OrganisationalUnit, Process, StaffProfile
from qms.shortcuts import form_page, paginate, submitted


@permission_required("qms.view_process", raise_exception=True)
@require_safe
def unit_list(request):
    units = OrganisationalUnit.objects.select_related("head").prefetch_related(
        Prefetch(
            "staff",
            queryset=StaffProfile.objects.select_related("user").order_by(
                "user__last_name", "user__first_name", "pk"
            ),
        ),
        Prefetch("processes", queryset=Process.objects.active().only("code", "name")),
    )
    return render(request, "qms/unit_list.html", {"page_obj": paginate(request, units)})


@permission_required("qms.add_organisationalunit", raise_exception=True)
def unit_create(request):
    return form_page(
        request,
        UnitForm(*submitted(request)),
        title=_("New organisational unit"),
        cancel="intranet:unit_list",
        success_url="intranet:unit_list",
    )


@permission_required("qms.change_organisationalunit", raise_exception=True)
def unit_update(request, pk):
    return form_page(
        request,
        UnitForm(*submitted(request), instance=get_object_or_404(OrganisationalUnit, pk=pk)),
        title=_("Edit the organisational unit"),
        cancel="intranet:unit_list",
        success_url="intranet:unit_list",
    )
