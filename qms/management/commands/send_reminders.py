"""E-mail each person one digest of what waits for them in the quality system. Run it daily.

    python manage.py send_reminders [--base-url https://jakosc.um.example.pl]

The items come from each app's `reminders` module (qms.reminders.gather):

- corrective actions past their due date, to the person responsible (audits);
- internal audits starting within 7 days, to the lead auditor and the team (audits);
- documents past their review date, to the document's owner, else its process's owner (qms);
- actions on residents' survey comments past their due date, to the person responsible
  (surveys);
- to the coordinators, a notice when the certificate in force has 90 and then 30 days left, and
  when the next external audit is 30 and then 7 days away (certificates).

Each person gets one plain-text e-mail in Polish, the office's language, with links made absolute
by --base-url or the PORTAL_URL setting. What was sent is remembered (qms.ReminderSent): a second
run on the same day sends only what the first did not; the next day an item still due is sent
again, while a notice is sent once. People without an e-mail address, deactivated accounts and
items nobody answers for are listed in the summary, for the coordinator to act on.
"""

import smtplib
from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from qms import reminders
from qms.models import ReminderSent, today


class Command(BaseCommand):
    help = "E-mail each person one digest of what waits for them: run it once a day."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="",
            help="The portal's address, for the links in the e-mails (e.g. https://jakosc.um.pl); "
            "the PORTAL_URL setting when not given.",
        )

    def handle(self, *args, base_url, **options):
        base_url = self.portal_url(base_url)

        # First step: bring the register up to date for today, before the reminders read it.
        from django.core.management import call_command

        call_command("bring_editions_into_force", stdout=self.stdout)

        # Then the digests, of what is due on the day as it stands after the first step.
        self.send_digests(today(), base_url)

    def portal_url(self, given):
        url = (given or getattr(settings, "PORTAL_URL", "")).strip().rstrip("/")
        if not url:
            self.stderr.write(
                "No --base-url and no PORTAL_URL setting: the e-mails carry no links."
            )
            return ""
        parts = urlsplit(url)
        if (
            parts.scheme not in ("http", "https")
            or not parts.netloc
            or parts.query
            or parts.fragment
        ):
            raise CommandError(
                f"Not the portal's address: {url!r}. Give it as https://jakosc.um.example.pl."
            )
        return url

    def send_digests(self, on, base_url):
        with translation.override(settings.LANGUAGE_CODE):
            items = reminders.gather(on)
            by_user, nobody = defaultdict(dict), []
            for item in items:
                if item.user is None:
                    nobody.append(item)
                else:
                    by_user[item.user].setdefault(item.key, item)
            sent_before = self.sent_before(on, items)
            home_url = base_url + reverse("intranet:home") if base_url else ""
            emails = left_out = failed = 0
            for user in sorted(by_user, key=lambda user: user.get_username()):
                due = list(by_user[user].values())
                new = [item for item in due if (user.pk, item.key, item.daily) not in sent_before]
                left_out += len(due) - len(new)
                if not new:
                    continue
                labels = ", ".join(item.label for item in new)
                if not user.is_active:
                    self.stdout.write(f"Account deactivated: {user.get_username()}: {labels}")
                    continue
                if not user.email:
                    self.stdout.write(f"No e-mail address for {user.get_username()}: {labels}")
                    continue
                try:
                    self.digest(user, new, on, base_url, home_url).send()
                except (smtplib.SMTPException, OSError) as error:
                    failed += 1
                    self.stderr.write(f"Not sent to {user.email}: {error}")
                    continue
                # Remembered once sent: a failed e-mail is tried again by the next run.
                ReminderSent.objects.bulk_create(
                    [ReminderSent(user=user, day=on, key=item.key) for item in new],
                    ignore_conflicts=True,
                )
                emails += 1
                self.stdout.write(f"{user.email}: {labels}")
        for item in nobody:
            self.stdout.write(f"No one to remind: {item.label}")
        ReminderSent.forget_old(on)
        summary = f"{len(items)} item(s) due; {emails} e-mail(s) sent."
        if left_out:
            summary += f" {left_out} item(s) sent before were left out."
        self.stdout.write(self.style.SUCCESS(summary))
        if failed:
            raise CommandError(f"{failed} e-mail(s) could not be sent: run the command again.")

    @staticmethod
    def sent_before(on, items):
        """(user id, key, daily) of the items already sent: daily ones today, notices ever."""
        users = {item.user.pk for item in items if item.user is not None}
        today_sent = ReminderSent.objects.filter(day=on, user__in=users)
        sent = {(user_id, key, True) for user_id, key in today_sent.values_list("user_id", "key")}
        notices = {item.key for item in items if not item.daily}
        if notices:
            ever = ReminderSent.objects.filter(key__in=notices, user__in=users)
            sent |= {(user_id, key, False) for user_id, key in ever.values_list("user_id", "key")}
        return sent

    @staticmethod
    def digest(user, items, on, base_url, home_url):
        """One person's e-mail: their items under their sections, in the order gathered."""
        sections = defaultdict(list)
        for item in items:
            sections[item.section].append((item, base_url + item.url if base_url else ""))
        context = {
            "user": user,
            "today": on,
            "count": len(items),
            "sections": list(sections.items()),
            "home_url": home_url,
        }
        subject = render_to_string("emails/reminders_subject.txt", context)
        body = render_to_string("emails/reminders.txt", context)
        return EmailMessage(" ".join(subject.split()), body, None, [user.email])
