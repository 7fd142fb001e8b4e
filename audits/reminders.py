"""The internal audits' part of the daily digest (see qms.reminders): overdue corrective actions
to the person responsible, and audits about to start to the audit's team."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qms.reminders import Reminder, Section, long_date, one_line, starts

from .models import Audit, AuditStatus, CorrectiveAction

# An audit's team hears of it on each of the seven days before it starts, and on the day.
AUDIT_NOTICE_DAYS = 7

ACTIONS = Section(
    gettext_lazy("Overdue corrective actions"),
    gettext_lazy(
        "Implement each action and have it recorded as implemented on its page; if the date "
        "cannot be kept, agree a new one with the owner of the process."
    ),
)
AUDITS = Section(
    gettext_lazy("Internal audits about to start"),
    gettext_lazy("Prepare the checklist and agree the audit plan with the auditees."),
)


def due(on):
    yield from overdue_actions(on)
    yield from audits_starting(on)


def overdue_actions(on):
    actions = (
        CorrectiveAction.objects.overdue(on)
        .select_related("finding__audit", "responsible")
        .order_by("due_on", "pk")
    )
    for action in actions:
        finding = action.finding
        where = _("Audit %(audit)s, finding %(number)s") % {
            "audit": finding.audit.number,
            "number": finding.number,
        }
        deadline = _("due %(date)s") % {"date": long_date(action.due_on)}
        yield Reminder(
            user=action.responsible,
            key=f"corrective-action:{action.pk}",
            section=ACTIONS,
            label=f"{finding.audit.number} finding {finding.number}",
            text=f"{where}: {one_line(action.action)} ({deadline})",
            url=action.get_absolute_url(),
        )


def audits_starting(on):
    """Planned audits whose first day is within AUDIT_NOTICE_DAYS, to the lead and the team."""
    audits = (
        Audit.objects.filter(
            status=AuditStatus.PLANNED,
            first_day__range=(on, on + datetime.timedelta(days=AUDIT_NOTICE_DAYS)),
        )
        .select_related("lead_auditor")
        .prefetch_related("team")
        .order_by("first_day", "pk")
    )
    for audit in audits:
        team = {audit.lead_auditor, *audit.team.all()}
        text = starts(f"{audit.number} {audit.title}", audit.first_day, on)
        for user in sorted(team, key=lambda member: member.get_username()):
            yield Reminder(
                user=user,
                key=f"audit:{audit.pk}:{audit.first_day:%Y-%m-%d}",
                section=AUDITS,
                label=audit.number,
                text=text,
                url=audit.get_absolute_url(),
            )
