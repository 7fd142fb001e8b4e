"""Back up the portal: every record, the change history, the accounts and every stored file.

    python manage.py backup [--output PATH]

Writes one archive, by default var/backups/qms-backup-<date>-<time>.tar.gz (a folder given as
--output gets that name inside it). The archive holds personal data and password hashes: keep it
as safely as the database itself. What is in it and how to restore it: docs/backup.md.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from qms.backup import create_backup, default_archive_path


class Command(BaseCommand):
    help = "Write the database and the stored files into one archive (see docs/backup.md)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="The archive to write, or a folder to write it into "
            "(default: var/backups/qms-backup-<date>-<time>.tar.gz).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output, database, **options):
        path = default_archive_path()
        if output:
            path = Path(output)
            if path.is_dir():
                path = path / default_archive_path().name
        try:
            manifest = create_backup(path, using=database)
        except FileExistsError as exc:
            raise CommandError(f"{exc} Choose another --output.") from exc
        rows = sum(entry["rows"] for entry in manifest["models"])
        size = sum(entry["size"] for entry in manifest["files"])
        self.stdout.write(
            f"Backed up {rows} rows of {len(manifest['models'])} models and "
            f"{len(manifest['files'])} files ({size} bytes) into {path}"
        )
        self.stdout.write(
            "The archive holds personal data and password hashes: store it like the database."
        )
        if settings.S3_BUCKET:
            # The files are in the object store, not under PRIVATE_MEDIA_ROOT (docs/deployment.md).
            self.stderr.write(
                f"The uploaded files are kept in the bucket {settings.S3_BUCKET!r}, not in this "
                "archive: back the bucket up with the store's own versioning or replication."
            )
