"""The certification body's inputs of the management review (qms.review_inputs): the external
audits of the period and their results, and the body's performance as an external provider."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from qms.models import ReviewSection
from qms.review_snapshot import choice, day, first_rows, table

from .models import AuditKind, AuditResult, Certificate, ExternalAudit


def _audits_in(review):
    return ExternalAudit.objects.filter(
        first_day__lte=review.period_end, last_day__gte=review.period_start
    )


def external_audits(review, on):
    audits = first_rows(_audits_in(review).select_related("body").order_by("first_day", "pk"))
    held = _audits_in(review).count()
    return {
        "title": "external_audits",
        "figures": [["external_audits_held", held]],
        "table": table(
            ["external_audit_kind", "first_day", "last_day", "body", "audit_result"],
            [
                [
                    choice("external_audit_kind", audit.kind),
                    day(audit.first_day),
                    day(audit.last_day),
                    audit.body.name,
                    choice("external_audit_result", audit.result),
                ]
                for audit in audits
            ],
            held,
        ),
        "quotes": [
            ["areas_for_improvement", "\n".join(audit.improvement_areas for audit in audits)]
        ],
    }


def certification_body(review, on):
    """The certificate in force on the snapshot's day and its body; how the body's audits went
    in the period (the office's one external provider the portal keeps)."""
    current = Certificate.objects.current(on)
    results = _audits_in(review).aggregate(
        held=Count("pk"),
        **{result: Count("pk", filter=Q(result=result)) for result in AuditResult.values},
    )
    return {
        "title": "certification_body",
        "figures": [
            ["certificate", current.number if current else None],
            ["body", current.body.name if current else None],
            ["accreditation", current.body.accreditation if current else None],
            ["valid_until", day(current.valid_until) if current else None],
            ["external_audits_held", results["held"]],
            *[[f"result_{result}", results[result]] for result in AuditResult.values],
        ],
        "hint": "providers_commentary",
    }


INPUTS = [
    (ReviewSection.AUDITS, external_audits),
    (ReviewSection.PROVIDERS, certification_body),
]

CHOICES = {"external_audit_kind": AuditKind, "external_audit_result": AuditResult}

LABELS = {
    "external_audits": _("External audits by the certification body"),
    "external_audits_held": _("External audits in the period"),
    "external_audit_kind": _("Kind of audit"),
    "first_day": _("First day"),
    "body": _("Certification body"),
    "audit_result": _("Result"),
    "areas_for_improvement": _("Areas for improvement named by the auditors"),
    "certification_body": _("The certification body"),
    "certificate": _("Certificate in force"),
    "accreditation": _("Accreditation"),
    "valid_until": _("Valid until"),
    "result_positive": _("Audits with a positive result"),
    "result_conditional": _("Audits positive after nonconformities are closed"),
    "result_negative": _("Audits with a negative result"),
    "result_pending": _("Audits awaiting the body's decision"),
    "providers_commentary": _(
        "The portal keeps the certification body only: the performance of other external "
        "providers (IT services, printing, cleaning) is assessed in the commentary."
    ),
}
