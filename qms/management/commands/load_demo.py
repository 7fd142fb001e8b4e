"""Load the demonstration data: the Zabrze city hall's quality page, four demo accounts, and a
quality system to work with (units, process cards, documents, internal audits).

The records are data in each app's demo package (qms/demo, certificates/demo, audits/demo); only
what is missing is added, and what is there is left as it is (see qms/demo/__init__.py).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from qms import demo, roles
from qms.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD

__all__ = ["DEMO_PASSWORD", "Command"]


class Command(BaseCommand):
    help = (
        "Load the demonstration data and the demo accounts (password 'demo'): adds what is "
        "missing, leaves what is there as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off (creates accounts with a known password).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production, and the demo creates accounts with "
                "the password 'demo'. Pass --force if you really mean it."
            )
        report = demo.load_all()
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded. Demo accounts (password '{DEMO_PASSWORD}' unless changed):"
            )
        )
        for username, role, _first, _last in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<12} {roles.ROLE_LABELS[role]}")
