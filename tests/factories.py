"""Small factories for the records; each returns a saved object with sensible defaults."""

import datetime
import itertools

from certificates.models import (
    AuditKind,
    AuditResult,
    Certificate,
    CertificationBody,
    ExternalAudit,
)
from qms.models import Organisation, PolicyStatus, QualityPolicy, Representative

_seq = itertools.count(1)


def organisation(**kw):
    defaults = {"name": "Urząd Miejski w Zabrzu", "email": "um@example.org"}
    obj, _created = Organisation.objects.update_or_create(pk=1, defaults={**defaults, **kw})
    return obj


def body(**kw):
    n = next(_seq)
    return CertificationBody.objects.create(**{"name": f"Jednostka {n}", **kw})


def certificate(**kw):
    n = next(_seq)
    defaults = {
        "number": f"CERT-{n:04d}",
        "scope": "zadania z zakresu administracji publicznej",
        "issued_on": datetime.date(2024, 7, 1),
        "valid_from": datetime.date(2024, 7, 1),
        "valid_until": datetime.date(2027, 6, 30),
    }
    defaults.update(kw)
    if "body" not in defaults:
        defaults["body"] = body()
    return Certificate.objects.create(**defaults)


def external_audit(**kw):
    defaults = {
        "kind": AuditKind.SURVEILLANCE,
        "first_day": datetime.date(2025, 6, 2),
        "last_day": datetime.date(2025, 6, 3),
        "lead_auditor": "Ewa Audytorka",
        "result": AuditResult.POSITIVE,
    }
    defaults.update(kw)
    if "body" not in defaults:
        defaults["body"] = body()
    return ExternalAudit.objects.create(**defaults)


def representative(**kw):
    defaults = {
        "full_name": "Małgorzata Giela",
        "title": "Pełnomocnik Prezydenta Miasta ds. ISO",
        "email": "sekretariat_wru@um.zabrze.pl",
        "phone": "(32) 373 33 70",
        "appointed_on": datetime.date(2017, 1, 2),
        "appointed_by": "Prezydent Miasta Zabrze",
        "is_current": True,
    }
    return Representative.objects.create(**{**defaults, **kw})


def policy(**kw):
    n = next(_seq)
    defaults = {
        "version": n,
        "text": "Służymy mieszkańcom.\n\nDoskonalimy się.",
        "approved_on": datetime.date(2020, 1, 1),
        "status": PolicyStatus.IN_FORCE,
    }
    return QualityPolicy.objects.create(**{**defaults, **kw})
