"""The audit programme: a year's plan by month and its PDF, and the coverage of the
certification cycle (ISO 9001 9.2: every process audited at least once in the cycle).

The programme pages need `audits.view_auditprogramme` (auditors, process owners, the
coordinator); a programme is set up and changed by the coordinator (`audits.manage_audits`).
"""

from collections import Counter, defaultdict

from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils.dates import MONTHS
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from qms.models import OrganisationalUnit, Process, today
from qms.pdf import render_pdf
from qms.shortcuts import crumb, form_page, paginate, submitted

from ..filters import Coverage, CoverageFilter, with_coverage
from ..forms.programmes import AuditProgrammeForm, CoverageForm
from ..models import Audit, AuditProgramme, AuditStatus

# How many years a certification cycle lasts: certification, two surveillance audits.
CYCLE_YEARS = 3

PROCESSES = Prefetch("processes", queryset=Process.objects.only("code", "name"))
UNITS = Prefetch("units", queryset=OrganisationalUnit.objects.only("code", "name"))


def trail(programme=None):
    """Audit programme › 2026: where a page of the programme stands."""
    crumbs = [crumb(_("Audit programme"), "audits:programme_list")]
    if programme is not None:
        crumbs.append(crumb(str(programme.year), programme))
    return crumbs


# The programme


@permission_required("audits.view_auditprogramme", raise_exception=True)
@require_safe
def programme_list(request):
    """The programmes, newest first, with how many audits each plans and how far they got."""
    by_status = {
        f"n_{status}": Count("audits", filter=Q(audits__status=status)) for status in AuditStatus
    }
    programmes = AuditProgramme.objects.annotate(n_audits=Count("audits"), **by_status)
    return render(
        request,
        "audits/programme_list.html",
        {
            "page_obj": paginate(request, programmes.order_by("-year")),
            "statuses": list(AuditStatus),
            "this_year": today().year,
        },
    )


@permission_required("audits.manage_audits", raise_exception=True)
def programme_create(request):
    return form_page(
        request,
        AuditProgrammeForm(*submitted(request)),
        title=_("New audit programme"),
        cancel="audits:programme_list",
        breadcrumbs=trail(),
    )


@permission_required("audits.manage_audits", raise_exception=True)
def programme_update(request, year):
    programme = get_object_or_404(AuditProgramme, year=year)
    return form_page(
        request,
        AuditProgrammeForm(*submitted(request), instance=programme),
        title=_("Edit the audit programme %(year)s") % {"year": programme.year},
        cancel=programme,
        breadcrumbs=trail(programme),
    )


def _plan(year):
    """The programme of `year` and its audits by planned month (1–12), in a fixed number of
    queries."""
    programme = get_object_or_404(AuditProgramme, year=year)
    audits = list(
        programme.audits.select_related("lead_auditor")
        .prefetch_related(PROCESSES, UNITS)
        .order_by("planned_month", "sequence")
    )
    months = [
        {"number": number, "name": capfirst(name), "audits": []} for number, name in MONTHS.items()
    ]
    for audit in audits:
        months[audit.planned_month - 1]["audits"].append(audit)
    counts = Counter(audit.status for audit in audits)
    return {
        "programme": programme,
        "audits": audits,
        "months": months,
        "statuses": list(AuditStatus),
        "status_counts": [(status, counts[status]) for status in AuditStatus if counts[status]],
        "processes_planned": len({p.pk for audit in audits for p in audit.processes.all()}),
    }


@permission_required("audits.view_auditprogramme", raise_exception=True)
@require_safe
def programme_detail(request, year):
    return render(request, "audits/programme_detail.html", {**_plan(year), "breadcrumbs": trail()})


@permission_required("audits.view_auditprogramme", raise_exception=True)
@require_safe
def programme_pdf(request, year):
    context = _plan(year)
    return render_pdf(
        request,
        "audits/programme_pdf.html",
        context,
        filename=f"program-audytow-{year}.pdf",
        title=_("Internal audit programme %(year)s") % {"year": year},
    )


# The coverage of the certification cycle


def coverage_rows(processes, years):
    """A row of the grid for each of `processes` (annotated by `with_coverage`): for every year
    of the cycle, its audits (done: under way or later; or only planned) and that year's state,
    by the rule that gives the process its `coverage` over the cycle."""
    processes = list(processes)
    links = (
        Audit.processes.through.objects.filter(
            process__in=[process.pk for process in processes], audit__programme__year__in=years
        )
        .values_list(
            "process_id", "audit__programme__year", "audit_id", "audit__number", "audit__status"
        )
        .order_by("audit__programme__year", "audit__sequence")
    )
    found = defaultdict(list)
    for process_id, year, audit_id, number, status in links:
        found[process_id, year].append(
            {
                "pk": audit_id,
                "number": number,
                "status_label": AuditStatus(status).label,
                "done": status != AuditStatus.PLANNED,
            }
        )
    rows = []
    for process in processes:
        cells = []
        for year in years:
            audits = found[process.pk, year]
            if any(audit["done"] for audit in audits):
                state = Coverage.AUDITED
            elif audits:
                state = Coverage.PLANNED
            else:
                state = "none"
            cells.append({"year": year, "audits": audits, "state": state})
        rows.append({"process": process, "cells": cells, "state": process.coverage})
    return rows


@permission_required("audits.view_auditprogramme", raise_exception=True)
@require_safe
def programme_coverage(request):
    """Processes × the years of a certification cycle: which process was audited when, and which
    has not been audited in the cycle (ISO 9001 9.2: each one, at least once). The summary counts
    every active process; the grid shows those the filters find, 50 a page (all 1,600 processes
    × 3 years of a large city took 500 ms)."""
    form = CoverageForm(request.GET or None)
    until = today().year
    if form.is_valid() and form.cleaned_data["until"]:
        until = form.cleaned_data["until"]
    years = list(range(until - CYCLE_YEARS + 1, until + 1))
    processes = with_coverage(Process.objects.active().only("code", "name", "kind"), years)
    counts = Counter(dict(processes.order_by().values_list("coverage").annotate(n=Count("pk"))))
    found = CoverageFilter(request.GET, queryset=processes.order_by("code"))
    page_obj = paginate(request, found.qs)
    return render(
        request,
        "audits/programme_coverage.html",
        {
            "form": form,
            "filter": found,
            "until": until,
            "years": years,
            "page_obj": page_obj,
            "rows": coverage_rows(page_obj.object_list, years),
            "counts": counts,
            "total": counts.total(),
            "previous": until - CYCLE_YEARS,
            "next": until + CYCLE_YEARS,
            "breadcrumbs": trail(),
        },
    )
