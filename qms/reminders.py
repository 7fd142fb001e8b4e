"""What waits for whom: the items of the daily digest that `manage.py send_reminders` e-mails.

Each app with something to remind of has a `reminders` module whose `due(on)` yields the Reminder
items due on the day `on`. `gather(on)` walks the installed apps, as the demo loader does, so that
qms never imports audits or certificates. This module holds qms's own items (documents past their
review date) and what the other apps' modules share.
"""

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import formats
from django.utils.module_loading import module_has_submodule
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .filters import with_version_in_force
from .models import Document, QualityObjective
from .roles import COORDINATOR


@dataclass(frozen=True)
class Section:
    """A part of the digest: its heading, and what to do about its items."""

    title: str
    hint: str = ""


@dataclass(frozen=True)
class Reminder:
    """One item of one person's digest.

    `user` is the recipient, or None when nobody answers for the item (the summary says so).
    `key` names the item for the record of what was sent (qms.ReminderSent); `label` names it
    briefly in the command's summary; `url` is the page's path, made absolute by the command. A
    `daily` item is sent every day while it is due; otherwise it is a notice, sent once.
    """

    user: object
    key: str
    section: Section
    label: str
    text: str
    url: str
    daily: bool = True


def gather(on):
    """Every installed app's reminders due on `on`, in INSTALLED_APPS order."""
    items = []
    for app in apps.get_app_configs():
        if module_has_submodule(app.module, "reminders"):
            items.extend(import_module(f"{app.name}.reminders").due(on))
    return items


def coordinators():
    """The ISO representative's office: whoever receives the system-wide notices."""
    return (
        get_user_model()
        .objects.filter(groups__name=COORDINATOR, is_active=True)
        .order_by("username")
    )


def long_date(day):
    return formats.date_format(day, "DATE_FORMAT")


def starts(what, first_day, on):
    """'AW/2026/03 Obsługa klienta: starts on 12 March 2026, in 3 days'."""
    days = (first_day - on).days
    if days == 0:
        return _("%(what)s: starts today, %(date)s") % {"what": what, "date": long_date(first_day)}
    return ngettext(
        "%(what)s: starts on %(date)s, in %(days)s day",
        "%(what)s: starts on %(date)s, in %(days)s days",
        days,
    ) % {"what": what, "date": long_date(first_day), "days": days}


def one_line(text, length=160):
    """Free text as one line of an e-mail, cut at a word."""
    return Truncator(" ".join(text.split())).chars(length)


DOCUMENTS = Section(
    gettext_lazy("Documents past their review date"),
    gettext_lazy(
        "Review each document: if it is still right, upload a new edition with a new review "
        "date; if it is no longer needed, ask the ISO representative's office to withdraw it."
    ),
)


OBJECTIVES = Section(
    gettext_lazy("Quality objectives past their deadline and not met"),
    gettext_lazy(
        "Record the latest value of the objective's measure if it is missing; otherwise tell the "
        "ISO representative's office why the target was missed, for the year-end evaluation."
    ),
)


def due(on):
    """qms's items: documents past their review, then objectives past their deadline."""
    yield from documents_due(on)
    yield from objectives_due(on)
    yield from review_actions_due(on)


def objectives_due(on):
    """Approved objectives past their deadline, not evaluated yet and not met, to the person
    responsible (an objective without data is not met either: its value is missing)."""
    for objective in QualityObjective.objects.select_related("responsible").past_deadline_not_met(
        on
    ):
        deadline = _("deadline %(date)s") % {"date": long_date(objective.deadline)}
        yield Reminder(
            user=objective.responsible if objective.responsible.is_active else None,
            key=f"objective-overdue:{objective.pk}",
            section=OBJECTIVES,
            label=one_line(objective.title, 60),
            text=f"{objective.year}: {one_line(objective.title)} ({deadline})",
            url=objective.get_absolute_url(),
        )


def documents_due(on):
    """Documents in force past their review date, to the document's owner, else its process's."""
    documents = (
        with_version_in_force(Document.objects.active())
        .filter(review_on__lt=on)
        .select_related("owner", "process__owner")
        .order_by("code")
    )
    for document in documents:
        review = _("edition %(revision)s, review due by %(date)s") % {
            "revision": document.edition,
            "date": long_date(document.review_on),
        }
        yield Reminder(
            user=document.responsible,
            key=f"document-review:{document.pk}",
            section=DOCUMENTS,
            label=document.code,
            text=f"{document.code} {document.title}: {review}",
            url=document.get_absolute_url(),
        )


# --- The management review (9.3): its actions past their deadline, to their owners.

REVIEW_ACTIONS = Section(
    gettext_lazy("Management review actions past their deadline"),
    gettext_lazy(
        "Carry out the decision and record what was done on the review's page (Close); if the "
        "deadline can't be kept, tell the ISO representative's office why."
    ),
)


def review_actions_due(on):
    """Open actions of approved management reviews past their deadline, to their owners."""
    from .models import ReviewAction

    actions = ReviewAction.objects.overdue(on).select_related("review", "owner")
    for action in actions.order_by("due_on", "pk"):
        deadline = _("deadline %(date)s") % {"date": long_date(action.due_on)}
        yield Reminder(
            user=action.owner if action.owner.is_active else None,
            key=f"review-action-overdue:{action.pk}",
            section=REVIEW_ACTIONS,
            label=one_line(action.description, 60),
            text=f"{action.review.number}: {one_line(action.description)} ({deadline})",
            url=action.get_absolute_url(),
        )
