"""Add the demo's certification body, certificates and external audits that are missing."""

from certificates.models import (
    AuditResult,
    Certificate,
    CertificateStatus,
    CertificationBody,
    ExternalAudit,
)

from .records import AUDITS, BODY, CERTIFICATES, SCOPE


def load(report):
    body = CertificationBody.objects.filter(name=BODY["name"]).first()
    if body is None:
        body = CertificationBody.objects.create(**BODY)
        report.add(CertificationBody)
    else:
        report.keep(CertificationBody)
    numbers = [number for number, *_rest in CERTIFICATES]
    certificates = Certificate.objects.in_bulk(numbers, field_name="number")
    for number, standard, issued, valid_from, valid_until in CERTIFICATES:
        if number in certificates:
            report.keep(Certificate)
            continue
        certificates[number] = Certificate.objects.create(
            number=number,
            body=body,
            standard=standard,
            scope=SCOPE,
            issued_on=issued,
            valid_from=valid_from,
            valid_until=valid_until,
            status=CertificateStatus.VALID,
        )
        report.add(Certificate)
    present = set(ExternalAudit.objects.values_list("kind", "first_day"))
    for kind, first, last, lead, number, summary, strengths, improvements in AUDITS:
        if (kind, first) in present:
            report.keep(ExternalAudit)
            continue
        ExternalAudit.objects.create(
            kind=kind,
            first_day=first,
            last_day=last,
            body=body,
            lead_auditor=lead,
            result=AuditResult.POSITIVE,
            summary=summary,
            strengths=strengths,
            improvement_areas=improvements,
            certificate=certificates[number],
        )
        report.add(ExternalAudit)
