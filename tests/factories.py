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


# Processes, their risks and measures, and the organisational units (tests/test_processes.py)


def org_unit(**kw):
    from qms.models import OrganisationalUnit

    n = next(_seq)
    return OrganisationalUnit.objects.create(**{"code": f"W{n}", "name": f"Wydział {n}", **kw})


def process(**kw):
    from qms.models import Process, ProcessKind

    n = next(_seq)
    defaults = {"code": f"P-{n:02d}", "name": f"Proces {n}", "kind": ProcessKind.CORE}
    return Process.objects.create(**{**defaults, **kw})


def process_risk(**kw):
    from qms.models import ProcessRisk

    defaults = {
        "description": "Przekroczenie terminu załatwienia sprawy",
        "likelihood": 3,
        "impact": 3,
    }
    if "process" not in kw:
        defaults["process"] = process()
    return ProcessRisk.objects.create(**{**defaults, **kw})


def process_measure(**kw):
    from qms.models import ProcessMeasure

    defaults = {"name": "Sprawy załatwione w terminie", "target": 95, "unit": "%"}
    if "process" not in kw:
        defaults["process"] = process()
    return ProcessMeasure.objects.create(**{**defaults, **kw})


def measure_value(**kw):
    from qms.models import MeasureValue

    defaults = {"period_end": datetime.date(2025, 3, 31), "value": 96}
    if "measure" not in kw:
        defaults["measure"] = process_measure()
    return MeasureValue.objects.create(**{**defaults, **kw})


# Controlled documents (tests/test_documents.py, tests/test_search.py)

PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name="procedura.pdf", content=PDF_BYTES):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def office_upload(name="formularz.docx", parts=None, mimetype=None):
    """A zip laid out like an OOXML (default: DOCX) or, with `mimetype`, an ODF file."""
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:
            archive.writestr("mimetype", mimetype)
        for part in parts if parts is not None else ["[Content_Types].xml", "word/document.xml"]:
            archive.writestr(part, "<xml/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def staff_user(username=None, *, unit=None, role=None, position="", **kw):
    """A user (in `role`, a roles.* group name), working in `unit` when given."""
    from django.contrib.auth.models import Group, User

    from qms.models import StaffProfile

    user = User.objects.create_user(username=username or f"user{next(_seq)}", **kw)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if unit is not None:
        StaffProfile.objects.create(user=user, unit=unit, position=position)
    return user


def document(**kw):
    from qms import services
    from qms.models import Document, DocumentKind

    n = next(_seq)
    concerned_units = kw.pop("concerned_units", [])
    defaults = {"code": f"PR-{n:02d}", "title": f"Procedura {n}", "kind": DocumentKind.PROCEDURE}
    if "unit" not in kw:
        defaults["unit"] = org_unit()
    obj = Document.objects.create(**{**defaults, **kw})
    obj.concerned_units.set(concerned_units)
    services.document_refresh_search_text(obj)
    return obj


def draft_version(document, *, author, change_summary="Nowe wydanie.", upload=None):
    from qms import services

    return services.version_create_draft(
        document=document,
        upload=upload or pdf_upload(),
        change_summary=change_summary,
        author=author,
    )


def version_in_force(document, *, author, approver, change_summary="Nowe wydanie.", **approve):
    """A version taken through the whole workflow: draft, review, approval."""
    from qms import services

    version = draft_version(document, author=author, change_summary=change_summary)
    services.version_submit(version=version, user=author)
    return services.version_approve(version=version, user=approver, **approve)


# Internal audits: programmes, audits, checklist questions, findings (tests/test_checklists.py)


def programme(**kw):
    """The programme of a year (2026 unless told), created once."""
    from audits.models import AuditProgramme

    year = kw.pop("year", 2026)
    obj, _created = AuditProgramme.objects.get_or_create(year=year, defaults=kw)
    return obj


def audit(*, team=(), processes=(), units=(), **kw):
    """An audit numbered by services.audit_create; one under way or closed has its dates."""
    from django.utils import timezone

    from audits import services
    from audits.models import Audit, AuditStatus
    from qms import roles

    n = next(_seq)
    status = kw.get("status", AuditStatus.PLANNED)
    defaults = {"title": f"Audyt procesu {n}", "planned_month": 5, "criteria": "7.5, 8.5.1"}
    if status != AuditStatus.PLANNED:
        defaults.update(first_day=datetime.date(2026, 5, 12), last_day=datetime.date(2026, 5, 13))
    if status == AuditStatus.CLOSED:
        defaults["closed_at"] = timezone.now()
    if "programme" not in kw:
        defaults["programme"] = programme()
    if "lead_auditor" not in kw:
        defaults["lead_auditor"] = staff_user(role=roles.AUDITOR)
    return services.audit_create(
        audit=Audit(**{**defaults, **kw}), processes=processes, units=units, team=team
    )


def checklist_item(**kw):
    from audits.models import ChecklistItem

    n = next(_seq)
    defaults = {"question": f"Czy pytanie {n} zostało sprawdzone?", "order": n}
    if "audit" not in kw:
        defaults["audit"] = audit()
    return ChecklistItem.objects.create(**{**defaults, **kw})


def finding(*, raised_by=None, **kw):
    """A finding numbered by services.finding_raise (so its audit is under way by default)."""
    from audits import services
    from audits.models import AuditStatus, Finding, FindingKind

    defaults = {"kind": FindingKind.MINOR, "description": "Formularz w nieaktualnej wersji."}
    if "audit" not in kw:
        defaults["audit"] = audit(status=AuditStatus.IN_PROGRESS)
    obj = Finding(**{**defaults, **kw})
    return services.finding_raise(finding=obj, user=raised_by or obj.audit.lead_auditor)


# Corrective actions (tests/test_actions.py)


def corrective_action(**kw):
    """An open corrective action of a nonconformity, due a month after it was raised."""
    from audits.models import CorrectiveAction

    if "finding" not in kw:
        kw["finding"] = finding()
    defaults = {
        "correction": "Wycofano nieaktualny formularz z obiegu.",
        "root_cause": "Brak przeglądu formularzy po zmianie procedury.",
        "action": "Wprowadzić przegląd formularzy przy każdej zmianie procedury.",
        "due_on": kw["finding"].raised_on + datetime.timedelta(days=30),
    }
    if "responsible" not in kw:
        process = kw["finding"].process
        defaults["responsible"] = (process and process.owner) or staff_user()
    return CorrectiveAction.objects.create(**{**defaults, **kw})
