"""The internal audits' inputs of the management review (qms.review_inputs): audits done against
the programme, findings by kind, nonconformities and their corrective actions, and the auditors'
opportunities for improvement."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from qms.models import ReviewSection, today
from qms.review_snapshot import choice, day, first_rows, table

from .models import (
    NONCONFORMITIES,
    ActionStatus,
    Audit,
    AuditStatus,
    CorrectiveAction,
    Finding,
    FindingKind,
)

DONE = [AuditStatus.REPORTED, AuditStatus.CLOSED]


def _findings_in(review):
    return Finding.objects.filter(
        raised_on__gte=review.period_start, raised_on__lte=review.period_end
    )


def internal_audits(review, on):
    """The programme's audits of the period's years: planned and done, and their findings."""
    years = range(review.period_start.year, review.period_end.year + 1)
    audits = first_rows(
        Audit.objects.filter(programme__year__in=years)
        .select_related("programme")
        .annotate(findings_count=Count("findings"))
        .order_by("programme__year", "planned_month", "number")
    )
    counts = Audit.objects.filter(programme__year__in=years).aggregate(
        planned=Count("pk"), done=Count("pk", filter=Q(status__in=DONE))
    )
    kinds = _findings_in(review).aggregate(
        **{kind: Count("pk", filter=Q(kind=kind)) for kind in FindingKind.values}
    )
    return {
        "title": "internal_audits",
        "figures": [
            ["audits_planned", counts["planned"]],
            ["audits_done", counts["done"]],
            *[[f"findings_{kind}", kinds[kind]] for kind in FindingKind.values],
        ],
        "table": table(
            ["audit", "subject", "audit_status", "last_day", "findings"],
            [
                [
                    audit.number,
                    audit.title,
                    choice("audit_status", audit.status),
                    day(audit.last_day),
                    audit.findings_count,
                ]
                for audit in audits
            ],
            counts["planned"],
        ),
        "chart": {
            "kind": "count",
            "rows": [[str(label), kinds[kind]] for kind, label in FindingKind.choices],
        },
    }


def nonconformities(review, on):
    """The corrective actions of nonconformities raised in the period, or still unfinished."""
    actions = CorrectiveAction.objects.filter(finding__kind__in=NONCONFORMITIES).filter(
        Q(finding__raised_on__gte=review.period_start, finding__raised_on__lte=review.period_end)
        | Q(status__in=[ActionStatus.OPEN, ActionStatus.NOT_EFFECTIVE])
    )
    counts = actions.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in ActionStatus.values},
        overdue=Count(
            "pk",
            filter=Q(
                status__in=[ActionStatus.OPEN, ActionStatus.NOT_EFFECTIVE], due_on__lt=on or today()
            ),
        ),
    )
    raised = _findings_in(review).filter(kind__in=NONCONFORMITIES).count()
    late = first_rows(
        actions.filter(status__in=[ActionStatus.OPEN, ActionStatus.NOT_EFFECTIVE], due_on__lt=on)
        .select_related("finding__audit", "responsible")
        .order_by("due_on", "pk")
    )
    return {
        "title": "nonconformities",
        "figures": [
            ["nonconformities_raised", raised],
            *[[f"corrective_{status}", counts[status]] for status in ActionStatus.values],
            ["corrective_overdue", counts["overdue"]],
        ],
        "table": table(
            ["audit", "corrective_action", "responsible", "deadline", "status"],
            [
                [
                    action.finding.audit.number,
                    action.action,
                    action.responsible.get_full_name() or action.responsible.get_username(),
                    day(action.due_on),
                    choice("corrective_status", action.status),
                ]
                for action in late
            ],
            counts["overdue"],
        ),
        "chart": {
            "kind": "count",
            "rows": [[str(label), counts[status]] for status, label in ActionStatus.choices],
        },
    }


def improvement_findings(review, on):
    """The auditors' opportunities for improvement raised in the period."""
    found = _findings_in(review).filter(kind=FindingKind.IMPROVEMENT)
    total = found.count()
    rows = first_rows(found.select_related("audit").order_by("raised_on", "pk"))
    return {
        "title": "improvement_findings",
        "figures": [["improvement_findings_raised", total]],
        "table": table(
            ["audit", "finding", "raised_on"],
            [[f.audit.number, f.description, day(f.raised_on)] for f in rows],
            total,
        ),
    }


INPUTS = [
    (ReviewSection.NONCONFORMITIES, nonconformities),
    (ReviewSection.AUDITS, internal_audits),
    (ReviewSection.IMPROVEMENT, improvement_findings),
]

CHOICES = {"audit_status": AuditStatus, "corrective_status": ActionStatus}

LABELS = {
    "internal_audits": _("Internal audits"),
    "audits_planned": _("Audits in the programme"),
    "audits_done": _("Audits done (reported or closed)"),
    "findings_major": _("Major nonconformities found in the period"),
    "findings_minor": _("Minor nonconformities found in the period"),
    "findings_observation": _("Observations made in the period"),
    "findings_improvement": _("Opportunities for improvement found in the period"),
    "audit": _("Audit"),
    "subject": _("Subject"),
    "audit_status": _("Status"),
    "last_day": _("Last day"),
    "findings": _("Findings"),
    "nonconformities": _("Nonconformities and their corrective actions"),
    "nonconformities_raised": _("Nonconformities raised in the period"),
    "corrective_open": _("Corrective actions open"),
    "corrective_implemented": _("Corrective actions implemented, awaiting verification"),
    "corrective_effective": _("Corrective actions verified effective"),
    "corrective_not_effective": _("Corrective actions not effective"),
    "corrective_closed": _("Corrective actions closed"),
    "corrective_overdue": _("Corrective actions past their deadline"),
    "corrective_action": _("Corrective action"),
    "improvement_findings": _("Opportunities for improvement from internal audits"),
    "improvement_findings_raised": _("Raised in the period"),
    "finding": _("Finding"),
    "raised_on": _("Raised on"),
}
