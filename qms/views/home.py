"""The staff home (/intranet/): what each role can open and what waits for them.

With qms/urls.py, the one place that composes the apps: it reads the certificate and the audits'
work for whoever may see them.
"""

from django.db.models import Q
from django.shortcuts import render
from django.views.decorators.http import require_safe

from qms.models import (
    Document,
    DocumentStatus,
    DocumentVersion,
    Process,
    StaffProfile,
    VersionStatus,
)
from qms.roles import user_roles


@require_safe
def intranet_home(request):
    """The staff home: what each role can open, and the certificate's state for who keeps it."""
    from certificates.models import Certificate  # the home is where the apps meet

    user = request.user
    context = {"roles": user_roles(user)}
    if user.has_perm("certificates.view_certificate"):
        context["current_certificate"] = Certificate.objects.current()
    context["my_processes"] = list(Process.objects.active().owned_by(user))
    if user.has_perm("qms.approve_documentversion"):
        context["waiting_for_me"] = list(
            DocumentVersion.objects.filter(status=VersionStatus.IN_REVIEW)
            .exclude(author=user)
            .select_related("document")
            .order_by("submitted_at")[:20]
        )
    if user.has_perm("qms.view_document_history"):
        context["reviews_due"] = Document.objects.review_due().count()
    unit_id = StaffProfile.objects.filter(user=user).values_list("unit_id", flat=True).first()
    if unit_id:
        context["to_read"] = list(
            DocumentVersion.objects.in_force()
            .filter(document__status=DocumentStatus.ACTIVE, document__concerned_units=unit_id)
            .exclude(read_confirmations__user=user)
            .select_related("document")
            .order_by("document__code")[:20]
        )
    context.update(_audit_work(user, owns_processes=bool(context["my_processes"])))
    return render(request, "intranet/home.html", context)


def _audit_work(user, *, owns_processes):
    """What internal audits ask of `user` now: one query for each list the user's roles show."""
    from audits.models import (
        NONCONFORMITIES,
        ActionStatus,
        Audit,
        AuditStatus,
        CorrectiveAction,
        Finding,
    )

    if not user.has_perm("audits.view_correctiveaction"):
        return {}
    work = {"overdue_actions": CorrectiveAction.objects.overdue().count()}
    if owns_processes and user.has_perm("audits.change_correctiveaction"):
        # Nonconformities with no action yet, or only actions found not effective.
        answered = ActionStatus.values
        answered.remove(ActionStatus.NOT_EFFECTIVE)
        work["findings_to_answer"] = list(
            Finding.objects.filter(kind__in=NONCONFORMITIES, process__owner=user)
            .exclude(audit__status=AuditStatus.CLOSED)
            .exclude(actions__status__in=answered)
            .select_related("audit", "process")
            .order_by("raised_on", "pk")[:20]
        )
        work["my_actions"] = list(
            CorrectiveAction.objects.unfinished()
            .filter(finding__process__owner=user)
            .select_related("finding__audit", "responsible")
            .order_by("due_on", "pk")[:20]
        )
    if user.has_perm("audits.verify_correctiveaction"):
        my_audits = Audit.objects.exclude(status=AuditStatus.CLOSED).filter(
            Q(lead_auditor=user) | Q(team=user)
        )
        work["to_verify"] = list(
            CorrectiveAction.objects.filter(
                status=ActionStatus.IMPLEMENTED, finding__audit__in=my_audits
            )
            .select_related("finding__audit", "finding__process")
            .order_by("implemented_on", "pk")[:20]
        )
    return work
