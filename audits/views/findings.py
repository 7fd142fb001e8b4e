"""An audit's findings: raised from a checklist question or on their own, read and edited.

Reading follows roles.can_view_audit; raising and editing need roles.can_edit_audit (the audit's
team and the coordinator, until the audit is closed). The corrective actions that answer a
finding are in views/actions.py.
"""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from qms import roles
from qms.shortcuts import crumb, field_labels, form_page, paginate, submitted

from .. import services
from ..filters import FindingFilter
from ..forms.findings import FindingForm
from ..models import Answer, ChecklistItem, Finding, FindingKind
from .audits import trail as audit_trail
from .checklists import checklist_url, get_audit
from .checklists import trail as checklist_trail

# The kind a finding raised from a checklist answer starts with.
KIND_FOR_ANSWER = {
    Answer.NONCONFORMITY: FindingKind.MINOR,
    Answer.OBSERVATION: FindingKind.OBSERVATION,
}

# The finding's fields its page shows, labelled by the model's names for them.
FINDING_LABELS = [
    "clause",
    "process",
    "requirement",
    "description",
    "evidence",
    "checklist_item",
    "raised_on",
]


def clause_reference(clause):
    """How a finding cites its requirement, e.g. "PN-EN ISO 9001:2015, pkt 8.5.1 Sterowanie
    produkcją i dostarczaniem usług": in Polish, as the office's records are written."""
    if clause is None:
        return ""
    return f"PN-EN ISO 9001:2015, pkt {clause.number} {clause.title_pl}"


def trail(finding):
    """Internal audits › AW/2026/03 › Finding 2."""
    return [
        *audit_trail(finding.audit),
        crumb(_("Finding %(number)s") % {"number": finding.number}, finding),
    ]


def _finding_form_page(request, finding, *, title, done, cancel, breadcrumbs, save):
    return form_page(
        request,
        FindingForm(*submitted(request), instance=finding),
        save=save,
        done=lambda saved: done % {"number": saved.number, "audit": finding.audit.number},
        title=title,
        cancel=cancel,
        breadcrumbs=breadcrumbs,
        template="audits/finding_form.html",
        audit=finding.audit,
        item=finding.checklist_item,
    )


def _raise(request, audit, item=None):
    """A new finding of `audit`; raised from the checklist question `item`, it starts with the
    question's clause (cited as the requirement) and the answer's evidence, and a nonconformity
    answer suggests a minor nonconformity, an observation an observation; the form page shows
    the question above. The service numbers it within the audit."""
    finding = Finding(audit=audit, checklist_item=item)
    if item is not None:
        finding.clause = item.clause
        finding.requirement = clause_reference(item.clause)
        finding.evidence = item.evidence
        finding.kind = KIND_FOR_ANSWER.get(item.answer, "")
    processes = list(audit.processes.all())
    if len(processes) == 1:
        finding.process = processes[0]
    return _finding_form_page(
        request,
        finding,
        save=lambda form: services.finding_raise(
            finding=form.save(commit=False), user=request.user
        ),
        done=_("Finding %(number)s of audit %(audit)s recorded."),
        title=_("New finding of audit %(number)s") % {"number": audit.number},
        cancel=checklist_url(audit, item),
        breadcrumbs=checklist_trail(audit),
    )


def finding_create(request, pk):
    """A finding of the audit `pk`, raised on its own."""
    return _raise(request, get_audit(request, pk, write=True))


def finding_create_from_item(request, pk):
    """A finding raised from the checklist question `pk`, prefilled from it."""
    item = get_object_or_404(ChecklistItem.objects.select_related("clause"), pk=pk)
    return _raise(request, get_audit(request, item.audit_id, write=True), item)


def get_finding(request, pk, *, write=False):
    """The finding, if the user may read its audit (or, with `write`, edit it)."""
    finding = get_object_or_404(
        Finding.objects.select_related(
            "audit__programme", "clause", "process__owner", "checklist_item", "raised_by"
        ).prefetch_related("audit__team"),
        pk=pk,
    )
    rule = roles.can_edit_audit if write else roles.can_view_audit
    roles.require(rule, request.user, finding.audit)
    return finding


@require_safe
def finding_detail(request, pk):
    """A finding with where it came from, and the corrective actions that answer it."""
    finding = get_finding(request, pk)
    context = {
        "finding": finding,
        "audit": finding.audit,
        "labels": field_labels(Finding, FINDING_LABELS),
        # Listed by the corrective actions' panel (audits/action_list_for_finding.html).
        "actions": list(finding.actions.select_related("responsible", "verified_by")),
        "may_edit": roles.can_edit_audit(request.user, finding.audit),
        # None: the coordinator's office answers (no process, or a process without an owner).
        "answerer": roles.finding_answerer(finding),
        "breadcrumbs": checklist_trail(finding.audit),
    }
    return render(request, "audits/finding_detail.html", context)


def finding_update(request, pk):
    finding = get_finding(request, pk, write=True)
    return _finding_form_page(
        request,
        finding,
        save=lambda form: form.save(),
        done=_("Finding %(number)s of audit %(audit)s saved."),
        title=_("Edit finding %(number)s of audit %(audit)s")
        % {"number": finding.number, "audit": finding.audit.number},
        cancel=finding,
        breadcrumbs=trail(finding),
    )


@permission_required("audits.view_finding", raise_exception=True)
@require_safe
def finding_list(request):
    """The findings of the audits `user` may read, newest audit first, filtered (the dashboard
    links to the open nonconformities: `?kind=nonconformity&open=on`)."""
    findings = FindingFilter(
        request.GET,
        queryset=Finding.objects.visible_to(request.user)
        .select_related("audit__programme", "process", "clause")
        .order_by("-audit__programme__year", "-audit__sequence", "number", "pk"),
        request=request,
    )
    return render(
        request,
        "audits/finding_list.html",
        {
            "filter": findings,
            "page_obj": paginate(request, findings.qs),
            "breadcrumbs": audit_trail(),
        },
    )
