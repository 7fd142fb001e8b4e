"""Internal audits (clause 9.2, ISO 19011): programme, audits, checklists, findings, actions (10.2).

A programme covers one year; each audit in it gets a gap-free number (AW/2026/03) from
audits.services, which also moves audits and corrective actions through their statuses.
"""

from .actions import ActionStatus, CorrectiveAction, CorrectiveActionQuerySet
from .audits import Answer, Audit, AuditQuerySet, AuditStatus, ChecklistItem
from .findings import NONCONFORMITIES, Finding, FindingKind, FindingQuerySet
from .programmes import (
    MAX_ACTIONS,
    MAX_FINDINGS,
    MAX_QUESTIONS,
    AuditProgramme,
    Clause,
    QuestionTemplate,
)

__all__ = [
    "MAX_ACTIONS",
    "MAX_FINDINGS",
    "MAX_QUESTIONS",
    "NONCONFORMITIES",
    "ActionStatus",
    "Answer",
    "Audit",
    "AuditProgramme",
    "AuditQuerySet",
    "AuditStatus",
    "ChecklistItem",
    "Clause",
    "CorrectiveAction",
    "CorrectiveActionQuerySet",
    "Finding",
    "FindingKind",
    "FindingQuerySet",
    "QuestionTemplate",
]
