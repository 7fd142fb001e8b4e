"""Bring into force the document editions approved for a date that has come.

    python manage.py bring_editions_into_force

An edition approved with a later date in force waits as scheduled, while the edition before it
stays in force; on its day this command supersedes the old edition and brings the new one into
force (qms.services.editions_come_into_force). Run it daily, just after midnight (cron, a systemd
timer); send_reminders runs it too. A second run on the same day finds nothing to do.
"""

from django.core.management.base import BaseCommand

from qms import services


class Command(BaseCommand):
    help = "Bring into force the approved document editions whose date in force has come."

    def handle(self, *args, **options):
        switched = services.editions_come_into_force()
        for version, previous in switched:
            line = (
                f"{version.document.code}: edition {version.revision} in force from "
                f"{version.effective_on.isoformat()}"
            )
            if previous is not None:
                line += f"; edition {previous.revision} superseded"
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"{len(switched)} edition(s) brought into force."))
