"""Back up the whole portal into one archive, and restore it into a new, empty database.

The archive (a .tar.gz) holds:

    manifest.json              format, versions, date, rows per model, SHA-256 of every member
    data/<app>.<model>.jsonl   every row of every model that matters, one JSON object a line
    files/<path>               every stored file under PRIVATE_MEDIA_ROOT (document files, scans)

Rows are written with Django's serializers, so an archive made on SQLite restores on PostgreSQL
and back. Primary keys are kept, since records refer to each other (and the change history to its
records) by id; only the rows that every database creates for itself in `migrate` (content types,
permissions, the role groups) are referred to by their natural keys, so they map onto the target's
own rows whatever their ids there. See docs/backup.md for the operator's side.
"""

from .archive import (
    EXCLUDED,
    MIGRATION_DATA,
    ArchiveRefused,
    backed_up_models,
    default_archive_path,
    stored_files,
)
from .create import create_backup
from .restore import restore_backup

__all__ = [
    "EXCLUDED",
    "MIGRATION_DATA",
    "ArchiveRefused",
    "backed_up_models",
    "create_backup",
    "default_archive_path",
    "restore_backup",
    "stored_files",
]
