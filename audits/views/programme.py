"""The audit programme (a year's plan by month, its PDF, the coverage of the certification
cycle) and the audits themselves: list, plan, workflow and the audit report PDF (ISO 19011, 6.5).

Who may do what (qms.roles): the programme pages need `audits.view_auditprogramme` (auditors,
process owners, the coordinator); a programme is set up and changed by the coordinator
(`audits.manage_audits`). Audits are read by whoever may read them (roles.can_view_audit: every
audit for auditors, owners and the coordinator, closed audits' reports for other staff);
`audits.add_audit` plans a new one; roles.can_edit_audit (the audit's team and the coordinator,
until it is closed) edits it and moves it on. What the rules refuse is answered with 403.
"""

from collections import Counter, defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from qms import roles
from qms.models import OrganisationalUnit, Process, today
from qms.pdf import render_pdf
from qms.views.core import edit_record, paginate

from .. import services
from ..forms import AuditFilter, AuditForm, AuditProgrammeForm, CloseForm, CoverageForm
from ..models import (
    NONCONFORMITIES,
    ActionStatus,
    Answer,
    Audit,
    AuditProgramme,
    AuditStatus,
    CorrectiveAction,
    FindingKind,
)

# How many years a certification cycle lasts: certification, two surveillance audits.
CYCLE_YEARS = 3

_PROCESSES = Prefetch("processes", queryset=Process.objects.only("code", "name"))
_UNITS = Prefetch("units", queryset=OrganisationalUnit.objects.only("code", "name"))


def _programmes_crumb():
    return (_("Audit programme"), reverse("intranet:programme_list"))


def _audits_crumb():
    return (_("Internal audits"), reverse("intranet:audit_list"))


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
    return edit_record(
        request,
        form_class=AuditProgrammeForm,
        title=_("New audit programme"),
        back_url="intranet:programme_list",
        go_to_record=True,
        breadcrumbs=[_programmes_crumb()],
    )


@permission_required("audits.manage_audits", raise_exception=True)
def programme_update(request, year):
    programme = get_object_or_404(AuditProgramme, year=year)
    return edit_record(
        request,
        form_class=AuditProgrammeForm,
        instance=programme,
        title=_("Edit the audit programme %(year)s") % {"year": programme.year},
        back_url=programme,
        go_to_record=True,
        breadcrumbs=[_programmes_crumb(), (str(programme.year), programme.get_absolute_url())],
    )


def _plan(year):
    """The programme of `year` and its audits by planned month (1–12), in a fixed number of
    queries."""
    programme = get_object_or_404(AuditProgramme, year=year)
    audits = list(
        programme.audits.select_related("lead_auditor")
        .prefetch_related(_PROCESSES, _UNITS)
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
    return render(request, "audits/programme_detail.html", _plan(year))


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


def coverage_of(processes, until):
    """Which of `processes` were audited in the cycle of CYCLE_YEARS years ending in `until`.

    Each row holds, for every year, the audits of the process (done: under way or later; or only
    planned) and the process's state over the cycle: "audited" once an audit of it has taken
    place, "planned" when its audits are only planned, "missing" when none is even planned.
    """
    years = list(range(until - CYCLE_YEARS + 1, until + 1))
    links = (
        Audit.processes.through.objects.filter(audit__programme__year__in=years)
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
                "status": status,
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
                state = "audited"
            elif audits:
                state = "planned"
            else:
                state = "none"
            cells.append({"year": year, "audits": audits, "state": state})
        states = {cell["state"] for cell in cells}
        if "audited" in states:
            state = "audited"
        elif "planned" in states:
            state = "planned"
        else:
            state = "missing"
        rows.append({"process": process, "cells": cells, "state": state})
    return years, rows


@permission_required("audits.view_auditprogramme", raise_exception=True)
@require_safe
def coverage(request):
    """Processes × the years of a certification cycle: which process was audited when, and which
    has not been audited in the cycle (ISO 9001 9.2: each one, at least once)."""
    form = CoverageForm(request.GET or None)
    until = today().year
    if form.is_valid() and form.cleaned_data["until"]:
        until = form.cleaned_data["until"]
    processes = Process.objects.active().only("code", "name", "kind").order_by("code")
    years, rows = coverage_of(processes, until)
    counts = Counter(row["state"] for row in rows)
    return render(
        request,
        "audits/programme_coverage.html",
        {
            "form": form,
            "until": until,
            "years": years,
            "rows": rows,
            "counts": counts,
            "missing": [row["process"] for row in rows if row["state"] == "missing"],
            "planned_only": [row["process"] for row in rows if row["state"] == "planned"],
            "previous": until - CYCLE_YEARS,
            "next": until + CYCLE_YEARS,
        },
    )


# Audits


@require_safe
def audit_list(request):
    """Every audit the user may read (other staff: the closed ones), newest first."""
    audits = AuditFilter(
        request.GET,
        queryset=Audit.objects.visible_to(request.user)
        .select_related("programme", "lead_auditor")
        .prefetch_related(_PROCESSES)
        .order_by("-programme__year", "-sequence"),
    )
    page_obj = paginate(request, audits.qs)
    for audit in page_obj:
        audit.month_name = MONTHS[audit.planned_month]
    return render(
        request,
        "audits/audit_list.html",
        {
            "filter": audits,
            "page_obj": page_obj,
            "only_closed": not request.user.has_perm("audits.view_audit"),
        },
    )


def _audit(pk):
    return get_object_or_404(
        Audit.objects.select_related("programme", "lead_auditor", "closed_by").prefetch_related(
            "team", _PROCESSES, _UNITS
        ),
        pk=pk,
    )


def _readable(request, pk):
    audit = _audit(pk)
    if not roles.can_view_audit(request.user, audit):
        raise PermissionDenied
    return audit


def _editable(request, pk):
    audit = _audit(pk)
    if not roles.can_edit_audit(request.user, audit):
        raise PermissionDenied
    return audit


@permission_required("audits.add_audit", raise_exception=True)
def audit_create(request):
    """A new audit in the programme of ?year= (this year's by default); the auditor planning it
    leads it unless they choose someone else and join the team."""
    if not AuditProgramme.objects.exists():
        messages.error(request, _("Set up the year's audit programme first."))
        return redirect("intranet:programme_list")
    year = request.GET.get("year", "")
    programme = AuditProgramme.objects.filter(
        year=int(year) if year.isdigit() else today().year
    ).first()
    initial = {"programme": programme}
    if request.user.groups.filter(name=roles.AUDITOR).exists():
        initial["lead_auditor"] = request.user
    form = AuditForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        audit = services.audit_create(
            audit=form.save(commit=False),
            processes=data["processes"],
            units=data["units"],
            team=data["team"],
        )
        messages.success(request, _("Audit %(number)s is planned.") % {"number": audit.number})
        return redirect(audit)
    crumbs = [_audits_crumb()]
    if programme is not None:
        crumbs.append((str(programme.year), programme.get_absolute_url()))
    return render(
        request,
        "intranet/form.html",
        {
            "form": form,
            "title": _("New internal audit"),
            "intro": _("The system gives the audit its number (AW/year/no.) when it is saved."),
            "back_href": programme.get_absolute_url()
            if programme
            else reverse("intranet:audit_list"),
            "breadcrumbs": crumbs,
        },
    )


def audit_update(request, pk):
    audit = _editable(request, pk)
    form = AuditForm(request.POST or None, instance=audit, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Audit %(number)s is saved.") % {"number": audit.number})
        return redirect(audit)
    return render(
        request,
        "intranet/form.html",
        {
            "form": form,
            "title": _("Edit audit %(number)s") % {"number": audit.number},
            "back_href": audit.get_absolute_url(),
            "breadcrumbs": [_audits_crumb(), (audit.number, audit.get_absolute_url())],
        },
    )


# The labels of an audit's page and report: the model's names for its fields, as on its form.
AUDIT_LABELS = [
    "title",
    "programme",
    "planned_month",
    "objectives",
    "scope",
    "criteria",
    "processes",
    "units",
    "lead_auditor",
    "team",
    "auditees",
    "places",
    "agenda",
    "conclusions",
    "diverging_opinions",
    "distribution",
    "closing_note",
]


def _findings(audit):
    """The audit's findings with their clause, process and corrective actions."""
    return list(
        audit.findings.select_related("clause", "process__owner").prefetch_related(
            Prefetch(
                "actions",
                queryset=CorrectiveAction.objects.select_related("responsible").order_by(
                    "due_on", "pk"
                ),
            )
        )
    )


def _record(audit):
    """What the audit's page and its report show besides the plan."""
    findings = _findings(audit)
    by_kind = Counter(finding.kind for finding in findings)
    return {
        "audit": audit,
        "team": [member for member in audit.team.all() if member.pk != audit.lead_auditor_id],
        "labels": {name: Audit._meta.get_field(name).verbose_name for name in AUDIT_LABELS},
        "month": capfirst(MONTHS[audit.planned_month]),
        "findings": findings,
        "kinds": [(kind, by_kind[kind]) for kind in FindingKind],
        "nonconformities": sum(by_kind[kind] for kind in NONCONFORMITIES),
    }


@require_safe
def audit_detail(request, pk):
    """The audit's plan, where it stands, its checklist in numbers and its findings."""
    audit = _readable(request, pk)
    context = _record(audit)
    # The answers counted in the database (order_by() drops the ordering from the GROUP BY).
    answers = dict(
        audit.checklist.order_by()
        .values("answer")
        .annotate(n=Count("pk"))
        .values_list("answer", "n")
    )
    may_edit = roles.can_edit_audit(request.user, audit)
    open_ncs = 0
    if may_edit and audit.status == AuditStatus.REPORTED:
        # The service that closes the audit decides what is still open.
        open_ncs = services.open_nonconformities(audit).count()
    context.update(
        {
            "answers": [(answer, answers.get(answer, 0)) for answer in Answer],
            "questions": sum(answers.values()),
            "answered": sum(answers.values()) - answers.get(Answer.NOT_CHECKED, 0),
            "may_edit": may_edit,
            "open_nonconformities": open_ncs,
            "close_form": CloseForm(),
            "checklist_url": reverse("intranet:audit_checklist", args=[audit.pk]),
            "finding_create_url": reverse("intranet:finding_create", kwargs={"pk": audit.pk}),
            "finished_actions": [ActionStatus.EFFECTIVE, ActionStatus.CLOSED],
        }
    )
    return render(request, "audits/audit_detail.html", context)


@require_safe
def audit_pdf(request, pk):
    """The audit report (ISO 19011, 6.5), the audit number on every page."""
    audit = _readable(request, pk)
    return render_pdf(
        request,
        "audits/audit_pdf.html",
        _record(audit),
        filename=f"raport-z-audytu-{audit.number}.pdf",
        title=_("Internal audit report %(number)s") % {"number": audit.number},
    )


# The workflow: planned → in progress → reported → closed


def _move(request, pk, step, done, **kwargs):
    audit = _editable(request, pk)
    try:
        step(audit=audit, user=request.user, **kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done % {"number": audit.number})
    return redirect(audit)


@require_POST
def audit_start(request, pk):
    return _move(request, pk, services.audit_start, _("Audit %(number)s has started."))


@require_POST
def audit_report(request, pk):
    return _move(request, pk, services.audit_report, _("The report of audit %(number)s is issued."))


@require_POST
def audit_close(request, pk):
    form = CloseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _move(request, pk, services.audit_close, _("Audit %(number)s is closed."), note=note)
