"""Internal audits: the list, the plan and its workflow (planned → in progress → reported →
closed), and the audit report PDF (ISO 19011, 6.5).

Audits are read by whoever roles.can_view_audit allows (every audit for auditors, owners and the
coordinator, closed audits' reports for other staff); `audits.add_audit` plans a new one;
roles.can_edit_audit (the audit's team and the coordinator, until it is closed) edits it and
moves it on. What the rules refuse is answered with 403.
"""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from qms import roles
from qms.models import today
from qms.pdf import render_pdf
from qms.shortcuts import crumb, field_labels, form_page, paginate, show_errors, submitted

from .. import services
from ..filters import AuditFilter
from ..forms.audits import AuditForm, CloseForm
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
from .programmes import PROCESSES, UNITS
from .programmes import trail as programme_trail


def trail(audit=None):
    """Internal audits › AW/2026/03: where a page of an audit stands."""
    crumbs = [crumb(_("Internal audits"), "audits:audit_list")]
    if audit is not None:
        crumbs.append(crumb(audit.number, audit))
    return crumbs


@require_safe
def audit_list(request):
    """Every audit the user may read (other staff: the closed ones), newest first."""
    audits = AuditFilter(
        request.GET,
        queryset=Audit.objects.visible_to(request.user)
        .select_related("programme", "lead_auditor")
        .prefetch_related(PROCESSES)
        .order_by("-programme__year", "-sequence"),
        request=request,
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


def get_audit(pk):
    """The audit with what its pages show of its plan, in a fixed number of queries."""
    return get_object_or_404(
        Audit.objects.select_related("programme", "lead_auditor", "closed_by").prefetch_related(
            "team", PROCESSES, UNITS
        ),
        pk=pk,
    )


@permission_required("audits.add_audit", raise_exception=True)
def audit_create(request):
    """A new audit in the programme of ?year= (this year's by default); the auditor planning it
    leads it unless they choose someone else and join the team."""
    if not AuditProgramme.objects.exists():
        messages.error(request, _("Set up the year's audit programme first."))
        return redirect("audits:programme_list")
    year = request.GET.get("year", "")
    programme = AuditProgramme.objects.filter(
        year=int(year) if year.isdigit() else today().year
    ).first()
    initial = {"programme": programme}
    if roles.has_role(request.user, roles.AUDITOR):
        initial["lead_auditor"] = request.user

    def save(form):
        data = form.cleaned_data
        return services.audit_create(
            audit=form.save(commit=False),
            processes=data["processes"],
            units=data["units"],
            team=data["team"],
        )

    return form_page(
        request,
        AuditForm(*submitted(request), user=request.user, initial=initial),
        save=save,
        done=lambda audit: _("Audit %(number)s is planned.") % {"number": audit.number},
        title=_("New internal audit"),
        intro=_("The system gives the audit its number (AW/year/no.) when it is saved."),
        cancel=programme or "audits:audit_list",
        breadcrumbs=programme_trail(programme) if programme else trail(),
    )


def audit_update(request, pk):
    audit = roles.require(roles.can_edit_audit, request.user, get_audit(pk))
    return form_page(
        request,
        AuditForm(*submitted(request), instance=audit, user=request.user),
        done=_("Audit %(number)s is saved.") % {"number": audit.number},
        title=_("Edit audit %(number)s") % {"number": audit.number},
        cancel=audit,
        breadcrumbs=trail(audit),
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
        "labels": field_labels(Audit, AUDIT_LABELS),
        "month": capfirst(MONTHS[audit.planned_month]),
        "findings": findings,
        "kinds": [(kind, by_kind[kind]) for kind in FindingKind],
        "nonconformities": sum(by_kind[kind] for kind in NONCONFORMITIES),
    }


@require_safe
def audit_detail(request, pk):
    """The audit's plan, where it stands, its checklist in numbers and its findings."""
    audit = roles.require(roles.can_view_audit, request.user, get_audit(pk))
    context = _record(audit)
    # The answers counted in the database (order_by() drops the ordering from the GROUP BY).
    answers = dict(
        audit.checklist.order_by()
        .values("answer")
        .annotate(n=Count("pk"))
        .values_list("answer", "n")
    )
    may_edit = roles.can_edit_audit(request.user, audit)
    breadcrumbs = trail()
    if request.user.has_perm("audits.view_auditprogramme"):
        # Staff who may read only closed audits' reports do not see the programme.
        programme = audit.programme
        breadcrumbs.append(crumb(_("Programme %(year)s") % {"year": programme.year}, programme))
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
            "checklist_url": reverse("audits:checklist_detail", args=[audit.pk]),
            "finding_create_url": reverse("audits:finding_create", args=[audit.pk]),
            "finished_actions": [ActionStatus.EFFECTIVE, ActionStatus.CLOSED],
            "breadcrumbs": breadcrumbs,
        }
    )
    return render(request, "audits/audit_detail.html", context)


@require_safe
def audit_pdf(request, pk):
    """The audit report (ISO 19011, 6.5), the audit number on every page."""
    audit = roles.require(roles.can_view_audit, request.user, get_audit(pk))
    return render_pdf(
        request,
        "audits/audit_pdf.html",
        _record(audit),
        filename=f"raport-z-audytu-{audit.number}.pdf",
        title=_("Internal audit report %(number)s") % {"number": audit.number},
    )


# The workflow: planned → in progress → reported → closed


def _move(request, pk, step, done, **kwargs):
    audit = roles.require(roles.can_edit_audit, request.user, get_audit(pk))
    try:
        step(audit=audit, user=request.user, **kwargs)
    except ValidationError as error:
        show_errors(request, error)
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
