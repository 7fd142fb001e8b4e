"""The demo's internal audits: three programmes with audits in every state, answered checklists,
findings of every kind and corrective actions on time, overdue, verified and not effective."""

import datetime
import re
from collections import defaultdict

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from audits.demo.programmes import SECOND_AUDITOR
from audits.models import (
    ActionStatus,
    Answer,
    Audit,
    AuditProgramme,
    AuditStatus,
    ChecklistItem,
    Clause,
    CorrectiveAction,
    Finding,
    FindingKind,
    QuestionTemplate,
)
from audits.services import open_nonconformities
from qms import roles
from qms.models import Process, today
from tests.conftest import load_demo

MODELS = (AuditProgramme, Audit, ChecklistItem, Finding, CorrectiveAction, User)


def counts():
    counted = {model.__name__: model.objects.count() for model in MODELS}
    counted["Audit.team"] = Audit.team.through.objects.count()
    counted["Audit.processes"] = Audit.processes.through.objects.count()
    return counted


def ensure_starter_questions():
    """Two starter questions, whether or not migration audits/0002 has put its set there."""
    for number, text in [
        ("7.5.3", "Czy pracownicy korzystają z obowiązujących wersji procedur i formularzy?"),
        ("8.5.1", "Czy sprawy są załatwiane w terminach wynikających z KPA?"),
    ]:
        sort_key = ".".join(f"{int(part):02d}" for part in number.split("."))
        clause, _created = Clause.objects.get_or_create(
            number=number, defaults={"title_pl": number, "title_en": number, "sort_key": sort_key}
        )
        if not QuestionTemplate.objects.filter(clause=clause, is_active=True).exists():
            QuestionTemplate.objects.create(clause=clause, text_pl=text, text_en=text)


@pytest.mark.django_db
def test_demo_audits_run_twice_without_new_rows():
    ensure_starter_questions()
    load_demo()
    first = counts()
    stamps = list(Audit.objects.order_by("pk").values_list("number", "updated_at", "status"))
    load_demo()
    assert counts() == first
    assert list(Audit.objects.order_by("pk").values_list("number", "updated_at", "status")) == (
        stamps
    )


@pytest.mark.django_db
def test_demo_puts_back_the_starter_questions_a_flush_removed():
    # Transactional tests (the browser's) empty every table, migration data included.
    QuestionTemplate.objects.all().delete()
    Clause.objects.all().delete()
    load_demo()
    assert Clause.objects.filter(number="9.2").exists()
    assert QuestionTemplate.objects.count() >= 35
    assert ChecklistItem.objects.filter(clause__isnull=False).exists()


# --- The demo, loaded once for the tests below, which only read it (`shared_demo`) -------------


def test_demo_loads_internal_audits(shared_demo):
    assert Audit.objects.exists()


def test_demo_programmes_cover_this_year_and_the_two_before(shared_demo):
    year = today().year
    programmes = AuditProgramme.objects.order_by("year")
    assert [p.year for p in programmes] == [year - 2, year - 1, year]
    for programme in programmes:
        assert programme.objectives
        assert programme.approved_by
        assert programme.approved_on < datetime.date(programme.year, 1, 1)
        assert 4 <= programme.audits.count() <= 6


def test_demo_has_audits_in_every_status(shared_demo):
    year = today().year
    statuses = defaultdict(set)
    for audit in Audit.objects.select_related("programme"):
        statuses[audit.programme.year].add(audit.status)
    assert statuses[year - 2] == statuses[year - 1] == {AuditStatus.CLOSED}
    assert statuses[year] == {AuditStatus.REPORTED, AuditStatus.IN_PROGRESS, AuditStatus.PLANNED}
    planned = Audit.objects.filter(status=AuditStatus.PLANNED)
    assert planned.filter(first_day__isnull=True).exists()
    assert all(a.first_day >= today() for a in planned.filter(first_day__isnull=False))
    in_progress = Audit.objects.get(status=AuditStatus.IN_PROGRESS)
    assert in_progress.first_day <= today() <= in_progress.last_day


def test_demo_audit_numbers_are_consecutive_within_each_year(shared_demo):
    for programme in AuditProgramme.objects.prefetch_related("audits"):
        audits = sorted(programme.audits.all(), key=lambda a: a.sequence)
        assert [a.sequence for a in audits] == list(range(1, len(audits) + 1))
        for audit in audits:
            assert re.fullmatch(rf"AW/{programme.year}/\d{{2}}", audit.number)
            assert audit.number == f"AW/{programme.year}/{audit.sequence:02d}"
        # Numbered in the order of the plan.
        months = [a.planned_month for a in audits]
        assert months == sorted(months)


def test_demo_audits_have_a_full_plan(shared_demo):
    auditors = set(User.objects.filter(groups__name=roles.AUDITOR))
    for audit in Audit.objects.prefetch_related("team", "processes", "units"):
        assert audit.objectives and audit.scope and audit.criteria, audit.number
        assert audit.auditees and audit.places and audit.distribution, audit.number
        assert audit.processes.all() and audit.units.all(), audit.number
        assert audit.lead_auditor in auditors, audit.number
        assert audit.team.all(), audit.number
        assert audit.lead_auditor not in audit.team.all(), audit.number
        assert bool(audit.agenda) == (audit.first_day is not None), audit.number
        if audit.status in (AuditStatus.REPORTED, AuditStatus.CLOSED):
            assert audit.conclusions, audit.number


def test_demo_second_auditor_is_an_auditor_who_cannot_sign_in(shared_demo):
    second = User.objects.get(username=SECOND_AUDITOR[0])
    assert not second.has_usable_password()
    assert second.groups.filter(name=roles.AUDITOR).exists()
    assert second.staff_profile.position
    assert Audit.objects.filter(lead_auditor=second).exists()


def test_demo_auditor_is_on_several_audits_including_the_one_in_progress(shared_demo):
    auditor = User.objects.get(username="auditor")
    audits = [a for a in Audit.objects.prefetch_related("team") if roles.is_on_audit(auditor, a)]
    assert len(audits) >= 5
    assert AuditStatus.IN_PROGRESS in {a.status for a in audits}
    in_progress = Audit.objects.get(status=AuditStatus.IN_PROGRESS)
    assert roles.can_edit_audit(auditor, in_progress)


def test_demo_coverage_leaves_a_process_not_audited_in_the_cycle(shared_demo):
    never = Process.objects.exclude(audits__isnull=False)
    assert 1 <= never.count() <= 2
    not_yet = Process.objects.exclude(audits__status__in=AuditStatus.values[1:])
    assert 1 <= not_yet.count() <= 3
    assert set(never) <= set(not_yet)


def test_demo_checklists_are_answered_with_evidence(shared_demo):
    # With the starter set of migration audits/0002 (not just the two questions made here).
    starter_set = QuestionTemplate.objects.count() >= 30
    for audit in Audit.objects.prefetch_related("checklist"):
        items = list(audit.checklist.all())
        answered = [i for i in items if i.answer != Answer.NOT_CHECKED]
        if audit.status in (AuditStatus.REPORTED, AuditStatus.CLOSED):
            assert 8 <= len(items) <= 20 or not starter_set, audit.number
            assert len(answered) == len(items), audit.number
        elif audit.status == AuditStatus.IN_PROGRESS:
            assert 0 < len(answered) < len(items), audit.number
        else:
            assert not answered, audit.number
        for item in answered:
            assert item.evidence and item.answered_by_id and item.answered_at, audit.number
        for item in items:
            if item.answer == Answer.NOT_CHECKED:
                assert not item.evidence and item.answered_at is None
    answers = set(ChecklistItem.objects.values_list("answer", flat=True))
    assert answers == set(Answer.values) or not starter_set


def test_demo_checklists_use_the_starter_questions(shared_demo):
    starters = set(QuestionTemplate.objects.values_list("text_pl", flat=True))
    copied = ChecklistItem.objects.filter(question__in=starters)
    assert copied.values("audit").distinct().count() >= 5
    # The audit's own questions too.
    assert ChecklistItem.objects.exclude(question__in=starters).exists()


def test_demo_has_findings_of_every_kind_with_their_details(shared_demo):
    findings = Finding.objects.select_related("audit", "process", "clause", "checklist_item")
    assert {f.kind for f in findings} == set(FindingKind.values)
    for finding in findings:
        assert finding.description and finding.evidence and finding.requirement
        assert finding.process in finding.audit.processes.all()
        assert finding.clause is not None
        if finding.checklist_item_id:
            assert finding.checklist_item.audit_id == finding.audit_id
            expected = {
                FindingKind.MAJOR: Answer.NONCONFORMITY,
                FindingKind.MINOR: Answer.NONCONFORMITY,
                FindingKind.OBSERVATION: Answer.OBSERVATION,
            }.get(finding.kind, Answer.CONFORMING)
            assert finding.checklist_item.answer == expected
    assert findings.filter(checklist_item__isnull=False).exists()
    assert findings.filter(checklist_item__isnull=True).exists()
    for audit in Audit.objects.all():
        numbers = sorted(audit.findings.values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))


def test_demo_owner_owns_processes_with_findings_and_answers_for_them(shared_demo):
    owner = User.objects.get(username="owner")
    assert Finding.objects.filter(process__owner=owner).count() >= 5
    actions = CorrectiveAction.objects.all()
    assert actions.filter(responsible=owner).count() > actions.count() / 2
    for action in actions.select_related("finding__process"):
        assert action.responsible_id == (action.finding.process.owner_id or action.responsible_id)


def test_demo_corrective_actions_in_every_state(shared_demo):
    on = today()
    actions = CorrectiveAction.objects.select_related("finding__audit")
    assert {a.status for a in actions} == set(ActionStatus.values)
    assert actions.filter(status=ActionStatus.OPEN, due_on__gte=on).exists()  # on time
    assert actions.filter(status=ActionStatus.OPEN, due_on__lt=on).exists()  # overdue
    assert CorrectiveAction.objects.overdue().count() >= 2
    # The demo auditor has an action waiting for their verification.
    auditor = User.objects.get(username="auditor")
    waiting = [
        a
        for a in actions.filter(status=ActionStatus.IMPLEMENTED)
        if roles.can_verify_action(auditor, a)
    ]
    assert waiting
    not_effective = actions.get(status=ActionStatus.NOT_EFFECTIVE)
    assert not_effective.verification_comment and not_effective.verified_by_id
    # Every nonconformity of a finished audit has an action; observations and opportunities none.
    for finding in Finding.objects.exclude(audit__status=AuditStatus.IN_PROGRESS):
        assert finding.actions.exists() == finding.is_nonconformity, finding


def test_demo_closed_audit_with_open_nonconformities_says_why(shared_demo):
    closed = Audit.objects.filter(status=AuditStatus.CLOSED)
    with_open = [a for a in closed if open_nonconformities(a).exists()]
    assert len(with_open) == 1
    assert with_open[0].closing_note
    for audit in closed:
        if audit not in with_open:
            assert not audit.closing_note
        assert audit.closed_by.username == "coordinator"


def test_demo_verifications_by_an_auditor_of_the_audit_not_the_one_responsible(shared_demo):
    for action in CorrectiveAction.objects.filter(verified_by__isnull=False).select_related(
        "finding__audit", "verified_by"
    ):
        assert roles.is_on_audit(action.verified_by, action.finding.audit)
        assert action.verified_by_id != action.responsible_id


def test_demo_audit_dates_are_consistent(shared_demo):
    on, now = today(), timezone.now()
    for audit in Audit.objects.select_related("programme"):
        assert audit.created_at <= audit.updated_at <= now, audit.number
        assert audit.created_at.date() > audit.programme.approved_on, audit.number
        if audit.first_day:
            assert audit.first_day.year == audit.programme.year, audit.number
            assert audit.planned_month == audit.first_day.month, audit.number
            assert audit.first_day <= audit.last_day, audit.number
        if audit.status != AuditStatus.PLANNED:
            assert audit.first_day <= on, audit.number
        else:
            assert audit.first_day is None or audit.first_day >= on, audit.number
        if audit.reported_at:
            assert audit.last_day <= timezone.localdate(audit.reported_at) <= on, audit.number
        if audit.closed_at:
            assert audit.reported_at < audit.closed_at <= now, audit.number
    for item in ChecklistItem.objects.select_related("audit"):
        assert item.created_at <= item.updated_at <= now
        assert item.created_at.date() <= (item.audit.first_day or on)
        if item.answered_at:
            day = timezone.localdate(item.answered_at)
            assert item.audit.first_day <= day <= min(item.audit.last_day, on)
    for finding in Finding.objects.select_related("audit"):
        assert finding.audit.first_day <= finding.raised_on <= finding.audit.last_day
        assert finding.raised_on <= on
        assert timezone.localdate(finding.created_at) == finding.raised_on
    for action in CorrectiveAction.objects.select_related("finding__audit"):
        raised = action.finding.raised_on
        assert action.due_on >= raised
        assert raised <= timezone.localdate(action.created_at) <= on
        assert action.created_at <= action.updated_at <= now
        if action.implemented_on:
            assert raised <= action.implemented_on <= on
        if action.verified_on:
            assert action.implemented_on <= action.verified_on <= on
        if action.closed_at:
            assert action.verified_on <= timezone.localdate(action.closed_at) <= on
        audit = action.finding.audit
        if audit.closed_at:
            for day in (action.implemented_on, action.verified_on):
                assert day is None or day <= timezone.localdate(audit.closed_at)
            if action.closed_at:
                assert action.closed_at <= audit.closed_at
