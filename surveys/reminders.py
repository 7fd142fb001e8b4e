"""The survey's part of the daily digest (see qms.reminders): actions on residents' comments
past their due date, to the person responsible."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qms.reminders import Reminder, Section, long_date, one_line

from .models import CommentAction

ACTIONS = Section(
    gettext_lazy("Overdue actions on residents' comments"),
    gettext_lazy(
        "Carry out each action and report it done on its page; if the date cannot be kept, "
        "agree a new one with the ISO representative's office."
    ),
)


def due(on):
    actions = (
        CommentAction.objects.overdue(on)
        .select_related("process", "responsible")
        .order_by("due_on", "pk")
    )
    for action in actions:
        deadline = _("due %(date)s") % {"date": long_date(action.due_on)}
        yield Reminder(
            user=action.responsible,
            key=f"survey-comment-action:{action.pk}",
            section=ACTIONS,
            label=f"{action.process.code} {action.get_kind_display()}",
            text=f"{action.process.code}: {one_line(action.action)} ({deadline})",
            url=action.get_absolute_url(),
        )
