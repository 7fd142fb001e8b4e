"""Follow the office's directory: deactivate the accounts whose directory entry is disabled or gone.

    python manage.py sync_directory

Each account that came from the directory (qms.models.DirectoryAccount) and is still active is
looked up with the service account; if its entry is disabled (LDAP_ENABLED_FILTER) or no longer
there, the account is deactivated and its sessions end. Run it every 15 minutes (cron, a systemd
timer): someone who has left is signed out of the portal within that time, without anyone
remembering to. Roles follow the directory's groups at each sign-in (qms.directory). With the
directory off (no LDAP_SERVER_URI) it does nothing; a directory that does not answer changes
nothing and exits with an error.
"""

import ldap
from django.core.management.base import BaseCommand, CommandError

from qms import directory


class Command(BaseCommand):
    help = "Deactivate the accounts whose entry in the office's directory is disabled or gone."

    def handle(self, *args, **options):
        if not directory.enabled():
            self.stdout.write("The office's directory is not configured (LDAP_SERVER_URI).")
            return
        try:
            deactivated = directory.sync()
        except ldap.LDAPError as error:
            raise CommandError(f"The directory did not answer: {error}") from error
        for username in deactivated:
            self.stdout.write(f"{username}: deactivated (disabled or gone in the directory)")
        self.stdout.write(self.style.SUCCESS(f"{len(deactivated)} account(s) deactivated."))
