"""Restore an archive made by `manage.py backup` into a new, empty database.

    DATABASE_URL=... python manage.py migrate
    DATABASE_URL=... python manage.py restore var/backups/qms-backup-20260301-020000.tar.gz

Refuses, changing nothing, unless the database is fully migrated and holds nothing but what
`migrate` creates, and unless every file in the archive matches the SHA-256 in its manifest.
All rows load in one transaction; the stored files go to PRIVATE_MEDIA_ROOT. Never asks a
question, so it runs unattended. See docs/backup.md.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from qms.backup import ArchiveRefused, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into a new, empty, migrated database (see docs/backup.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive written by `manage.py backup`.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, path, database, **options):
        try:
            counts, files = restore_backup(path, using=database)
        except ArchiveRefused as exc:
            raise CommandError(f"Nothing was restored. {exc}") from exc
        for label, rows in counts.items():
            if rows:
                self.stdout.write(f"{label}: {rows}")
        self.stdout.write(
            f"Restored {sum(counts.values())} rows of {len(counts)} models and {files} files "
            "from " + str(path)
        )
