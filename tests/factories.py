"""Small factories for the records; each returns a saved object with sensible defaults."""

import contextlib
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


def context_issue(**kw):
    from qms.models import ContextIssue, today

    defaults = {
        "kind": "external",
        "category": "political_legal",
        "description": f"Zmiany przepisów {next(_seq)}",
        "response": "Śledzimy Dziennik Ustaw.",
        "reviewed_on": today(),
    }
    return ContextIssue.objects.create(**{**defaults, **kw})


def interested_party(**kw):
    from qms.models import InterestedParty, today

    defaults = {
        "name": f"Mieszkańcy {next(_seq)}",
        "requirements": "Sprawy załatwione szybko i życzliwie.",
        "reviewed_on": today(),
    }
    return InterestedParty.objects.create(**{**defaults, **kw})


def scope_exclusion(**kw):
    from qms.models import ScopeExclusion

    defaults = {
        "clause": f"8.{next(_seq)}",
        "title": "Projektowanie i rozwój",
        "justification": "Urząd nie projektuje usług: wyznaczają je przepisy.",
    }
    return ScopeExclusion.objects.create(**{**defaults, **kw})


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


def quality_objective(**kw):
    """A draft quality objective of this year (tests/test_objectives.py)."""
    from qms.models import QualityObjective, today

    year = kw.pop("year", today().year)
    defaults = {
        "year": year,
        "title": "Skrócenie czasu załatwiania spraw",
        "plan": "Elektroniczny obieg dokumentów w wydziale.",
        "target": 95,
        "unit": "%",
        "deadline": datetime.date(year, 12, 31),
        "evaluation_method": "Odczyt miernika na koniec roku.",
    }
    if "responsible" not in kw:
        defaults["responsible"] = staff_user()
    return QualityObjective.objects.create(**{**defaults, **kw})


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


def version_in_force(
    document, *, author, approver, change_summary="Nowe wydanie.", upload=None, **approve
):
    """A version taken through the whole workflow: draft, review, approval."""
    from qms import services

    version = draft_version(document, author=author, change_summary=change_summary, upload=upload)
    services.version_submit(version=version, user=author)
    return services.version_approve(version=version, user=approver, **approve)


# The residents' survey (tests/test_surveys.py)


def questionnaire(groups=(("Kompetencje", ("Wiedza pracownika", "Jasność wyjaśnień")),), **kw):
    """A questionnaire with `groups`: (name, (question texts))."""
    from surveys.models import Question, QuestionGroup, Questionnaire

    n = next(_seq)
    made = Questionnaire.objects.create(**{"title": f"Ankieta {n}", **kw})
    for position, (name, texts) in enumerate(groups, start=1):
        group = QuestionGroup.objects.create(questionnaire=made, position=position, name=name)
        for number, text in enumerate(texts, start=1):
            Question.objects.create(group=group, position=number, text=text)
    return made


def campaign(**kw):
    """A campaign open from a month ago to a month ahead (a new questionnaire unless given)."""
    from django.utils import timezone

    from surveys.models import Campaign

    n = next(_seq)
    today = timezone.localdate()
    defaults = {
        "name": f"Badanie satysfakcji {n}",
        "code": f"badanie-{n}",
        "opens_on": today - datetime.timedelta(days=30),
        "closes_on": today + datetime.timedelta(days=30),
    }
    if "questionnaire" not in kw:
        defaults["questionnaire"] = questionnaire()
    return Campaign.objects.create(**{**defaults, **kw})


def survey_response(campaign, *, scores=(4,), comment="", **kw):
    """A response to `campaign` scoring its first questions with `scores` (None: not
    applicable), sent online (`entered_by` makes it a paper one)."""
    from surveys.models import Answer, Channel, Question, Response, Source

    questions = Question.objects.filter(group__questionnaire=campaign.questionnaire_id).order_by(
        "group__position", "position"
    )
    defaults = {"channel": Channel.IN_PERSON, "comment": comment}
    if kw.get("entered_by") is not None:
        defaults["source"] = Source.PAPER
    response = Response.objects.create(campaign=campaign, **{**defaults, **kw})
    Answer.objects.bulk_create(
        Answer(response=response, question=question, score=score)
        for question, score in zip(questions, scores, strict=False)
    )
    return response


def comment_action(*, user, response=None, **kw):
    """An open action on a comment (a new one on a new campaign unless given), made by `user`
    through the service, on a new process owned by `user` unless `process` is given, due in a
    month."""
    from django.utils import timezone

    from surveys import services
    from surveys.models import ActionKind

    if response is None:
        response = survey_response(campaign(), comment="Za długo czekałem w kolejce.")
    if "process" not in kw:
        kw["process"] = process(owner=user)
    defaults = {
        "kind": ActionKind.IMPROVEMENT,
        "action": "Wprowadzić rezerwację wizyt przez internet.",
        "due_on": timezone.localdate() + datetime.timedelta(days=30),
    }
    return services.comment_action_create(response=response, user=user, **{**defaults, **kw})


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


# The management review (tests/test_reviews.py)


def management_review(**kw):
    """A draft management review held on 15 December 2026, chaired by a member of top
    management, numbered by the service."""
    from qms import roles, services
    from qms.models import ManagementReview

    defaults = {
        "held_on": datetime.date(2026, 12, 15),
        "period_start": datetime.date(2026, 1, 1),
        "period_end": datetime.date(2026, 12, 15),
        "participants": "Burmistrz Miasta – przewodniczący\nSekretarz Miasta\nPełnomocnik ds. SZJ",
    }
    if "chair" not in kw:
        defaults["chair"] = staff_user(role=roles.MANAGEMENT)
    user = kw.pop("user", None) or defaults.get("chair") or kw["chair"]
    return services.review_create(review=ManagementReview(**{**defaults, **kw}), user=user)


def review_action(review, **kw):
    """An open output of `review`, written while it is a draft."""
    from qms.models import ReviewAction

    defaults = {
        "kind": "improvement",
        "description": "Wdrożyć elektroniczne umawianie wizyt w Wydziale Komunikacji.",
        "due_on": review.held_on + datetime.timedelta(days=90),
    }
    if "owner" not in kw:
        defaults["owner"] = staff_user()
    action = ReviewAction(review=review, **{**defaults, **kw})
    action.save()
    return action


# One world of records for the permission matrix (tests/test_permission_matrix.py)


def world(users):
    """Records that put each identity of the permission matrix where the object rules of
    qms.roles look for it. `users` maps identity -> user (tests/test_permission_matrix.py).

    `owner` owns the process (and so its risks, measures, documents and findings), and
    `other_owner` another process with a document of its own; `auditor` leads every audit, with
    `team_auditor` on its team and `outside_auditor` on none; `employee` works in the unit the
    documents concern, `employee_elsewhere` in a unit they do not; `no_role` has an account and
    no role; the coordinator is on no audit. Each record is in the state in which the action
    under test is possible: a planned audit with its dates (to start), one in progress
    (checklist, findings, actions), one reported (to close), one closed with its question,
    finding and action (read-only); a draft, a version in review, a version in force and the one
    it superseded; an open, an implemented and an effective corrective action. Returns the
    records by name.
    """
    from django.utils import timezone

    from audits import services as audit_services
    from audits.models import Audit, AuditStatus
    from qms import roles
    from qms import services as qms_services
    from qms.models import StaffProfile, today
    from surveys import services as survey_services

    owner, auditor, coordinator = users["owner"], users["auditor"], users["coordinator"]
    org = organisation()
    unit = org_unit()
    elsewhere = org_unit()
    profile = StaffProfile.objects.create(user=users["employee"], unit=unit, position="referent")
    StaffProfile.objects.create(user=users["employee_elsewhere"], unit=elsewhere, position="")
    cert = certificate(scan=pdf_upload("skan.pdf"))
    proc = process(owner=owner)
    proc.units.set([unit])
    other_process = process(owner=users["other_owner"])
    measure = process_measure(process=proc)
    in_force = document(process=proc, unit=unit, owner=owner, concerned_units=[unit])
    drafting = document(process=proc, unit=unit, owner=owner, concerned_units=[unit])
    reviewing = document(process=proc, unit=unit, owner=owner, concerned_units=[unit])
    other_document = document(process=other_process, unit=elsewhere, owner=users["other_owner"])
    version_in_force(other_document, author=users["other_owner"], approver=coordinator)
    in_review = draft_version(reviewing, author=owner)
    qms_services.version_submit(version=in_review, user=owner)
    audit_kw = {
        "lead_auditor": auditor,
        "team": [users["team_auditor"]],
        "processes": [proc],
        "units": [unit],
    }
    under_way = audit(status=AuditStatus.IN_PROGRESS, **audit_kw)
    finding_ = finding(audit=under_way, process=proc, raised_on=today())
    implemented = corrective_action(finding=finding_, responsible=owner)
    audit_services.action_implemented(action=implemented, user=owner, on=today())
    effective = corrective_action(finding=finding_, responsible=owner)
    audit_services.action_implemented(action=effective, user=owner, on=today())
    audit_services.action_verify(
        action=effective, user=auditor, on=today(), effective=True, comment="Sprawdzono."
    )
    superseded = version_in_force(in_force, author=owner, approver=coordinator)
    in_force_version = version_in_force(in_force, author=owner, approver=coordinator)
    colleague = staff_user("colleague", unit=unit, role=roles.EMPLOYEE)
    read = qms_services.read_confirm(version=in_force_version, user=colleague)
    reported = audit(status=AuditStatus.IN_PROGRESS, conclusions="System działa.", **audit_kw)
    audit_services.audit_report(audit=reported, user=auditor)
    # Closed the short way, once it has a question, a finding and an open action: the closing
    # workflow is tested with the audits.
    closed = audit(status=AuditStatus.IN_PROGRESS, **audit_kw)
    closed_item = checklist_item(audit=closed)
    closed_finding = finding(audit=closed, process=proc, raised_on=today())
    closed_actions = [corrective_action(finding=closed_finding, responsible=owner) for _ in "123"]
    for action in closed_actions[1:]:
        audit_services.action_implemented(action=action, user=owner, on=today())
    audit_services.action_verify(
        action=closed_actions[2], user=auditor, on=today(), effective=True, comment="Sprawdzono."
    )
    Audit.objects.filter(pk=closed.pk).update(
        status=AuditStatus.CLOSED, reported_at=timezone.now(), closed_at=timezone.now()
    )
    survey = campaign()
    # Frozen as its first response freezes it: its edit pages refuse.
    frozen = questionnaire(frozen_at=timezone.now())
    # Its results published: the report is public.
    published_survey = campaign(results_published_at=timezone.now())
    # A resident's comment, an open action on it for the owner, and one reported done.
    survey_comment = survey_response(survey, scores=(2, 1), comment="Długo czekałem w kolejce.")
    survey_action = comment_action(response=survey_comment, process=proc, user=coordinator)
    survey_done_action = comment_action(response=survey_comment, process=proc, user=coordinator)
    survey_services.comment_action_done(action=survey_done_action, user=owner, outcome="Zrobione.")
    # This year's objectives are a draft; last year's approved by top management.
    draft_objective = quality_objective(measure=measure, responsible=owner)
    approved_objective = quality_objective(year=today().year - 1, responsible=owner)
    qms_services.objectives_approve(year=approved_objective.year, user=users["management"])
    approved_objective.refresh_from_db()
    # The management review: a draft with its inputs gathered and an action for the owner, and
    # last year's, approved by its chair (top management), with an open action of the owner's.
    review = management_review(chair=users["management"], user=coordinator)
    qms_services.review_take_snapshot(review=review, user=coordinator)
    review_output = review_action(review, owner=owner)
    approved_review = management_review(
        chair=users["management"],
        user=coordinator,
        held_on=datetime.date(2025, 12, 12),
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 12),
        conclusions="System jest skuteczny.",
    )
    approved_output = review_action(approved_review, owner=owner)
    qms_services.review_take_snapshot(review=approved_review, user=coordinator)
    qms_services.review_approve(review=approved_review, user=users["management"])
    approved_review.refresh_from_db()
    review_records = {
        "review": review,
        "review_input": review.inputs.first(),
        "review_action": review_output,
        "approved_review": approved_review,
        "approved_review_input": approved_review.inputs.first(),
        "approved_review_action": approved_output,
    }
    return {
        **review_records,
        "organisation": org,
        "certificate": cert,
        "body": cert.body,
        "external_audit": external_audit(certificate=cert, body=cert.body),
        "representative": representative(),
        "draft_policy": policy(status="draft"),
        "context_issue": context_issue(process=proc),
        "interested_party": interested_party(),
        "scope_exclusion": scope_exclusion(),
        "unit": unit,
        "staff_profile": profile,
        "process": proc,
        "risk": process_risk(process=proc),
        "measure": measure,
        "measure_value": measure_value(measure=measure),
        "document": in_force,
        "version_in_force": in_force_version,
        "superseded_version": superseded,
        "read_confirmation": read,
        "drafting_document": drafting,
        "draft": draft_version(drafting, author=owner),
        "in_review": in_review,
        "other_document": other_document,
        "programme": under_way.programme,
        "planned_audit": audit(
            first_day=datetime.date(2026, 9, 14), last_day=datetime.date(2026, 9, 15), **audit_kw
        ),
        "audit": under_way,
        "closed_audit": Audit.objects.get(pk=closed.pk),
        "closed_item": closed_item,
        "closed_finding": closed_finding,
        "closed_open_action": closed_actions[0],
        "closed_implemented_action": closed_actions[1],
        "closed_effective_action": closed_actions[2],
        "reported_audit": reported,
        "checklist_item": checklist_item(audit=under_way),
        "finding": finding_,
        "open_action": corrective_action(finding=finding_, responsible=owner),
        "implemented_action": implemented,
        "effective_action": effective,
        # An account the coordinator deactivates, reactivates and unlocks.
        "account": colleague,
        "survey": survey,
        "published_survey": published_survey,
        "survey_questionnaire": survey.questionnaire,
        "survey_group": survey.questionnaire.groups.first(),
        "survey_question": survey.questionnaire.groups.first().questions.first(),
        "survey_frozen_questionnaire": frozen,
        "survey_frozen_group": frozen.groups.first(),
        "survey_frozen_question": frozen.groups.first().questions.first(),
        "survey_comment": survey_comment,
        "survey_comment_action": survey_action,
        "survey_done_action": survey_done_action,
        "objective": draft_objective,
        "approved_objective": approved_objective,
    }


@contextlib.contextmanager
def records_kept_for_a_module(django_db_blocker, media_dir):
    """Make records once for a whole test module (inside the block) and roll them back after.

    For tests that only read the records, or change them inside a transaction they roll back
    (the permission matrix's world, the demo of `shared_demo`): rebuilding the records for each
    test would cost most of their time. Files go to `media_dir`; the module's
    tests point the storage there again with `use_media_dir` (conftest gives each test its own).
    """
    from django.db import transaction
    from django.test import override_settings

    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(
            STORAGES=_storages(media_dir),
            MEDIA_ROOT=media_dir,
            PRIVATE_MEDIA_ROOT=media_dir,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
    ):
        yield
        transaction.set_rollback(True)


def _storages(media_dir):
    from django.conf import settings

    return {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media_dir, "base_url": None},
        },
    }


def use_media_dir(settings, media_dir):
    settings.STORAGES = _storages(media_dir)
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT = media_dir
