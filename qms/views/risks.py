"""The register of risks and opportunities of every process (ISO 9001 6.1): the list with its
filters and heat map, the same as a PDF, and the evaluation of whether a risk's actions worked.

The risks themselves are written on their process cards (qms.views.processes), by the
coordinator's office and the process's owner, who also evaluate them here."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from qms import charts, roles, services
from qms.filters import RiskFilter
from qms.forms.risks import RiskEvaluationForm
from qms.models import ProcessRisk, RiskKind, today
from qms.pdf import render_pdf
from qms.shortcuts import crumb, form_page, paginate, submitted

# The highest rating first; then by process, risks before opportunities.
ORDER = ("-rating", "process__code", "kind", "pk")


def trail():
    return [crumb(_("Register of risks and opportunities"), "intranet:risk_list")]


def _register(request):
    """The register's filter on what `request.user` may read, and the heat maps (one a kind,
    or the kind the filters pick) of what the filters select, counted in one query."""
    risks = RiskFilter(
        request.GET, queryset=ProcessRisk.objects.visible_to(request.user).with_rating()
    )
    counts = risks.heat_map_queryset.heat_map()
    chosen_kind = risks.form.cleaned_data.get("kind") if risks.is_valid() else None
    heat_maps = [
        {"kind": kind, "grid": charts.heat_map(counts[kind], chosen=risks.cell)}
        for kind in RiskKind
        if not chosen_kind or kind == chosen_kind
    ]
    return risks, heat_maps


def _rows(risks):
    return risks.qs.select_related("process", "treatment_owner", "evaluated_by").order_by(*ORDER)


@permission_required("qms.view_process", raise_exception=True)
@require_safe
def risk_list(request):
    risks, heat_maps = _register(request)
    page_obj = paginate(request, _rows(risks))
    for risk in page_obj:
        risk.may_evaluate = risk.is_active and roles.can_edit_process(request.user, risk.process)
    return render(
        request,
        "qms/risk_list.html",
        {
            "filter": risks,
            "page_obj": page_obj,
            "heat_maps": heat_maps,
            "cell": risks.cell,
            "today": today(),
        },
    )


@permission_required("qms.view_process", raise_exception=True)
@require_safe
def risk_pdf(request):
    """'Rejestr ryzyk i szans' as filtered on the page: the heat maps and every row."""
    risks, heat_maps = _register(request)
    printed_on = today()
    return render_pdf(
        request,
        "qms/risk_pdf.html",
        {
            "risks": list(_rows(risks)),
            "heat_maps": heat_maps,
            "filters": risks.describe(),
            "printed_on": printed_on,
        },
        filename=f"rejestr-ryzyk-i-szans-{printed_on:%Y-%m-%d}.pdf",
        title=_("Register of risks and opportunities"),
    )


def risk_evaluate(request, pk):
    """Whether the actions planned against the risk worked: the coordinator's office or the
    owner of its process says so, with a note; an archived risk is not evaluated."""
    risk = get_object_or_404(ProcessRisk.objects.select_related("process"), pk=pk)
    roles.require(roles.can_edit_process, request.user, risk.process)
    if not risk.is_active:
        messages.error(request, _("An archived risk is not evaluated; bring it back first."))
        return redirect(risk)
    return form_page(
        request,
        RiskEvaluationForm(*submitted(request), risk=risk),
        title=_("Evaluate the actions: %(risk)s") % {"risk": risk},
        intro=risk.treatment or _("No actions have been written down for this risk."),
        cancel=risk,
        breadcrumbs=[*trail(), crumb(str(risk.process), risk.process)],
        save=lambda form: services.risk_evaluate(
            risk, request.user, form.cleaned_data["effectiveness"], form.cleaned_data["note"]
        ),
        done=_("The evaluation of the actions is recorded."),
    )
