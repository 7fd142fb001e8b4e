"""Workflows of internal audits, each in one transaction; who did it and when is recorded."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from qms.models import bulk_create_with_history

from .models import (
    MAX_QUESTIONS,
    ActionStatus,
    Answer,
    Audit,
    AuditProgramme,
    AuditStatus,
    ChecklistItem,
    CorrectiveAction,
    Finding,
    QuestionTemplate,
)


@transaction.atomic
def audit_create(*, audit: Audit, processes=(), units=(), team=()) -> Audit:
    """Number the audit AW/<year>/<nn>, the next in its year, and save it.

    The programme's row is locked first, so two audits created at once get consecutive numbers;
    audits are never deleted, so the numbers stay gap-free.
    """
    programme = AuditProgramme.objects.select_for_update().get(pk=audit.programme_id)
    last = programme.audits.aggregate(n=Max("sequence"))["n"] or 0
    audit.sequence = last + 1
    audit.number = f"AW/{programme.year}/{audit.sequence:02d}"
    audit.save()
    audit.processes.set(processes)
    audit.units.set(units)
    audit.team.set(team)
    return audit


def _locked(model, pk):
    return model.objects.select_for_update().get(pk=pk)


def _ensure_open(audit):
    if audit.is_closed:
        raise ValidationError(_("The audit is closed; its records can no longer change."))


@transaction.atomic
def checklist_copy_templates(*, audit: Audit, clauses=None) -> int:
    """Copy the starter questions (all, or those of the given clauses) into the audit's list.

    A starter question the list already has (same clause, same text) is not copied again, so
    the form sent twice, or a clause chosen again later, adds nothing twice. Returns how many
    questions were added.
    """
    audit = _locked(Audit, audit.pk)
    _ensure_open(audit)
    questions = QuestionTemplate.objects.filter(is_active=True).select_related("clause")
    if clauses:
        questions = questions.filter(clause__in=clauses)
    present = set(audit.checklist.values_list("clause_id", "question"))
    start = audit.checklist.aggregate(n=Max("order"))["n"] or 0
    # Copied in Polish, the language the office audits in; the copy is then the audit's own.
    new = [q for q in questions if (q.clause_id, q.text_pl) not in present]
    room = MAX_QUESTIONS - len(present)
    if len(new) > room:
        raise ValidationError(
            _(
                "These clauses would add %(new)s questions, but the checklist has room for "
                "%(room)s more (at most %(limit)s). Choose fewer clauses."
            )
            % {"new": len(new), "room": max(room, 0), "limit": MAX_QUESTIONS}
        )
    items = [
        ChecklistItem(audit=audit, order=start + i, clause=q.clause, question=q.text_pl)
        for i, q in enumerate(new, start=1)
    ]
    # With a "created" row each in the history (the signed-in user made them; see the middleware).
    bulk_create_with_history(items, ChecklistItem)
    return len(items)


class AnswerConflict(Exception):
    """Someone else saved this question since the form was opened."""

    def __init__(self, current: ChecklistItem):
        super().__init__("checklist answer changed meanwhile")
        self.current = current


@transaction.atomic
def checklist_answer(
    *, item: ChecklistItem, answer: str, evidence: str, seen_revision: int, user
) -> ChecklistItem:
    """Save an answer unless someone else changed it since `seen_revision`.

    Sending the same answer twice (a double submit) is harmless: identical values are accepted
    whatever the revision.
    """
    current = ChecklistItem.objects.select_for_update().select_related("audit").get(pk=item.pk)
    _ensure_open(current.audit)
    if (current.answer, current.evidence) == (answer, evidence):
        return current
    if current.revision != seen_revision:
        raise AnswerConflict(current)
    current.answer = answer
    current.evidence = evidence
    current.answered_by = user if answer != Answer.NOT_CHECKED else None
    current.answered_at = timezone.now() if answer != Answer.NOT_CHECKED else None
    current.revision += 1
    current._history_user = user
    current.save()
    return current


@transaction.atomic
def finding_raise(*, finding: Finding, user) -> Finding:
    """Number the finding within its audit (1, 2, …) and save it."""
    audit = _locked(Audit, finding.audit_id)
    _ensure_open(audit)
    if audit.status == AuditStatus.PLANNED:
        raise ValidationError(_("Start the audit before recording findings."))
    finding.clean()  # the limit on findings, checked again under the audit's lock
    finding.number = (audit.findings.aggregate(n=Max("number"))["n"] or 0) + 1
    finding.raised_by = user
    finding._history_user = user
    finding.save()
    return finding


def open_nonconformities(audit: Audit):
    """Nonconformities of the audit with no action yet, or with an action not yet effective."""
    return audit.findings.open_nonconformities()


@transaction.atomic
def audit_start(*, audit: Audit, user) -> Audit:
    audit = _locked(Audit, audit.pk)
    if audit.status != AuditStatus.PLANNED:
        raise ValidationError(_("Only a planned audit can be started."))
    if audit.first_day is None:
        raise ValidationError(_("Enter the audit's dates before starting it."))
    audit.status = AuditStatus.IN_PROGRESS
    audit._history_user = user
    audit.save(update_fields=["status", "updated_at"])
    return audit


@transaction.atomic
def audit_report(*, audit: Audit, user) -> Audit:
    audit = _locked(Audit, audit.pk)
    if audit.status != AuditStatus.IN_PROGRESS:
        raise ValidationError(_("Only an audit in progress can be reported."))
    if not audit.conclusions.strip():
        raise ValidationError(_("Write the conclusions before issuing the report."))
    audit.status = AuditStatus.REPORTED
    audit._history_user = user
    audit.reported_at = timezone.now()
    audit.save(update_fields=["status", "reported_at", "updated_at"])
    return audit


@transaction.atomic
def audit_close(*, audit: Audit, user, note: str = "") -> Audit:
    """Close a reported audit. With nonconformities still open, only when saying why."""
    audit = _locked(Audit, audit.pk)
    if audit.status != AuditStatus.REPORTED:
        raise ValidationError(_("Only a reported audit can be closed."))
    if open_nonconformities(audit).exists() and not note.strip():
        raise ValidationError(
            _("Nonconformities of this audit are still open: say why the audit closes anyway.")
        )
    audit.status = AuditStatus.CLOSED
    audit._history_user = user
    audit.closed_at = timezone.now()
    audit.closed_by = user
    audit.closing_note = note
    audit.save(update_fields=["status", "closed_at", "closed_by", "closing_note", "updated_at"])
    return audit


def _locked_action(pk):
    """The action, locked with its finding and audit (so it cannot change while the audit
    closes); refused once the audit is closed."""
    action = (
        CorrectiveAction.objects.select_for_update().select_related("finding__audit").get(pk=pk)
    )
    _ensure_open(action.finding.audit)
    return action


def validate_due_date(action: CorrectiveAction):
    if action.due_on and action.due_on < action.finding.raised_on:
        raise ValidationError(
            {"due_on": _("The due date cannot be before the finding was raised.")}
        )


@transaction.atomic
def action_implemented(*, action: CorrectiveAction, user, on) -> CorrectiveAction:
    action = _locked_action(action.pk)
    if action.status not in (ActionStatus.OPEN, ActionStatus.NOT_EFFECTIVE):
        raise ValidationError(_("Only an open action can be marked as implemented."))
    if on > timezone.localdate():
        raise ValidationError(_("The implementation date cannot be in the future."))
    if on < action.finding.raised_on:
        raise ValidationError(_("The implementation date cannot be before the finding was raised."))
    action.status = ActionStatus.IMPLEMENTED
    action._history_user = user
    action.implemented_on = on
    action.implemented_by = user
    action.verified_on = None
    action.verified_by = None
    action.save()
    return action


@transaction.atomic
def action_verify(*, action: CorrectiveAction, user, on, effective: bool, comment: str):
    """The auditor's verdict on an implemented action: effective, or not (it reopens)."""
    action = _locked_action(action.pk)
    audit = action.finding.audit
    if action.status != ActionStatus.IMPLEMENTED:
        raise ValidationError(_("An action is verified only after it has been implemented."))
    if not (audit.lead_auditor_id == user.pk or audit.team.filter(pk=user.pk).exists()):
        raise ValidationError(_("Only an auditor of this audit verifies its actions."))
    if on < action.implemented_on:
        raise ValidationError(_("The verification cannot be dated before the implementation."))
    if on > timezone.localdate():
        raise ValidationError(_("The verification date cannot be in the future."))
    if not comment.strip():
        raise ValidationError(_("Describe what the verification found."))
    action.status = ActionStatus.EFFECTIVE if effective else ActionStatus.NOT_EFFECTIVE
    action._history_user = user
    action.verified_on = on
    action.verified_by = user
    action.verification_comment = comment
    action.save()
    return action


@transaction.atomic
def action_close(*, action: CorrectiveAction, user) -> CorrectiveAction:
    action = _locked_action(action.pk)
    if action.status != ActionStatus.EFFECTIVE:
        raise ValidationError(_("Only an action verified effective can be closed."))
    action.status = ActionStatus.CLOSED
    action._history_user = user
    action.closed_at = timezone.now()
    action.closed_by = user
    action.save()
    return action
