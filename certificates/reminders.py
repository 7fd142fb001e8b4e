"""The certificate's part of the daily digest (see qms.reminders): notices to the coordinators
when the certificate in force nears its expiry and when the next external audit nears.

These are notices, each sent once: a reminder every day for three months would be read by
nobody. Their keys carry the date they are about, so a certificate extended or an audit moved is
announced again.
"""

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from qms.reminders import Reminder, Section, coordinators, long_date, starts

from .models import Certificate, ExternalAudit

# Days before the certificate expires on which the coordinators are told, and before the next
# external audit: the first notice leaves time to plan, the second is the last call.
EXPIRY_NOTICES = (90, 30)
AUDIT_NOTICES = (30, 7)

CERTIFICATION = Section(gettext_lazy("Certificate and external audits"))


def notice(days, notices):
    """The notice whose window `days` falls in (the nearest threshold not passed), or None."""
    return min((threshold for threshold in notices if 0 <= days <= threshold), default=None)


def due(on):
    recipients = list(coordinators()) or [None]
    yield from _certificate_expiry(on, recipients)
    yield from _next_external_audit(on, recipients)


def _certificate_expiry(on, recipients):
    certificate = Certificate.objects.current(on)
    if certificate is None:
        return
    days = (certificate.valid_until - on).days
    threshold = notice(days, EXPIRY_NOTICES)
    if threshold is None:
        return
    text = ngettext(
        "Certificate %(number)s is valid until %(until)s: %(days)s day left.",
        "Certificate %(number)s is valid until %(until)s: %(days)s days left.",
        days,
    ) % {"number": certificate.number, "until": long_date(certificate.valid_until), "days": days}
    audit = (
        ExternalAudit.objects.published()
        .filter(first_day__gte=on, first_day__lte=certificate.valid_until)
        .order_by("first_day", "pk")
        .first()
    )
    if audit is None:
        text += " " + _("No external audit is recorded before it expires.")
        text += " " + _("Plan the recertification audit with the certification body.")
    else:
        text += " " + _("Next external audit: %(kind)s, %(dates)s.") % {
            "kind": audit.get_kind_display(),
            "dates": _dates(audit),
        }
    for user in recipients:
        yield Reminder(
            user=user,
            key=f"certificate:{certificate.pk}:{certificate.valid_until:%Y-%m-%d}:{threshold}",
            section=CERTIFICATION,
            label=certificate.number,
            text=text,
            url=reverse("certificates:certificate_list"),
            daily=False,
        )


def _next_external_audit(on, recipients):
    audit = (
        ExternalAudit.objects.published()
        .filter(first_day__gte=on)
        .select_related("body")
        .order_by("first_day", "pk")
        .first()
    )
    if audit is None:
        return
    threshold = notice((audit.first_day - on).days, AUDIT_NOTICES)
    if threshold is None:
        return
    text = starts(f"{capfirst(audit.get_kind_display())} ({audit.body.name})", audit.first_day, on)
    for user in recipients:
        yield Reminder(
            user=user,
            key=f"external-audit:{audit.pk}:{audit.first_day:%Y-%m-%d}:{threshold}",
            section=CERTIFICATION,
            label=f"external audit {audit.first_day:%Y-%m-%d}",
            text=text,
            url=audit.get_absolute_url(),
            daily=False,
        )


def _dates(audit):
    if audit.last_day == audit.first_day:
        return long_date(audit.first_day)
    return f"{long_date(audit.first_day)} – {long_date(audit.last_day)}"
