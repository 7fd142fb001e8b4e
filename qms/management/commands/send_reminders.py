"""E-mail each document owner the list of their documents past the review date.

    python manage.py send_reminders [--base-url https://jakosc.um.example.org]

The owner is the document's owner, or else its process's owner. Documents with neither, and
owners without an e-mail address, are listed in the summary so the coordinator can act. Sending
twice on one day sends twice: run it once a day (cron, a systemd timer).
"""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from qms.filters import RegisterStatus, with_version_in_force
from qms.models import Document, today


class Command(BaseCommand):
    help = "E-mail the owners of documents past their review date."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="",
            help="The portal's address, to put links in the e-mails (e.g. https://jakosc.um.pl).",
        )

    def handle(self, *args, base_url, **options):
        on = today()
        documents = list(
            with_version_in_force(Document.objects.active())
            .filter(review_on__lt=on)
            .select_related("owner", "process__owner")
            .order_by("code")
        )
        by_owner, unowned = defaultdict(list), []
        for document in documents:
            owner = document.owner or (document.process.owner if document.process else None)
            if owner is None:
                unowned.append(document)
            else:
                by_owner[owner].append(document)

        base_url = base_url.rstrip("/")
        sent = 0
        with translation.override(settings.LANGUAGE_CODE):
            register_url = base_url + reverse("intranet:document_list")
            for owner, owned in sorted(by_owner.items(), key=lambda item: item[0].username):
                if not owner.email:
                    self.stdout.write(
                        f"No e-mail address for {owner.get_username()}: "
                        + ", ".join(d.code for d in owned)
                    )
                    continue
                context = {
                    "owner": owner,
                    "documents": [(d, base_url + d.get_absolute_url()) for d in owned],
                    "register_url": f"{register_url}?status={RegisterStatus.REVIEW_DUE}",
                    "today": on,
                }
                subject = render_to_string("emails/document_review_due_subject.txt", context)
                body = render_to_string("emails/document_review_due.txt", context)
                send_mail(" ".join(subject.split()), body, None, [owner.email])
                sent += 1
                self.stdout.write(f"{owner.email}: " + ", ".join(d.code for d in owned))
        for document in unowned:
            self.stdout.write(f"No owner to remind: {document.code}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(documents)} document(s) past their review date; {sent} e-mail(s) sent."
            )
        )
