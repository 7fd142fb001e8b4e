"""What an archive holds and how rows and files are written into it: shared by backup and
restore."""

import datetime
import hashlib
import os
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Prefetch
from django.utils import timezone

FORMAT = "qms-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"

# Models left out of the archive (an app label leaves out the whole app). Everything else that
# is installed goes in, so the change history (django-simple-history's Historical* models) and
# any model added later are backed up without touching this file.
EXCLUDED = {
    # `migrate` creates these on every database; the archive refers to them by natural key.
    "contenttypes",
    "auth.permission",
    # Sign-ins in progress: short-lived and signed with this server's SECRET_KEY. After a
    # restore everyone signs in again.
    "sessions",
    # django-axes: failed sign-ins, lockouts and the sign-in log with IP addresses. Security
    # state kept briefly, not quality records; a restored office starts with no lockouts.
    "axes",
    # Tokens of forms already sent (a guard against double submission), forgotten in two days.
    "qms.formsubmission",
}
# The admin's log (admin.LogEntry) stays in: it records who changed what through /admin/.

# The only models a freshly migrated database already has rows of: the role groups (created
# after `migrate`, see qms.roles.sync_roles) and the starter checklist (audits/migrations/0002).
# A restore updates these rows and refuses a database with rows of any other model.
MIGRATION_DATA = {"auth.group", "audits.clause", "audits.questiontemplate"}

# Rows referred to by natural key rather than id: the target creates its own in `migrate`.
NATURAL_KEY_MODELS = {ContentType, Permission, Group}

CHUNK = 1024 * 1024


class ArchiveRefused(Exception):
    """The archive or the target database is not fit for a restore; nothing was changed."""


def _excluded(model):
    return model._meta.app_label in EXCLUDED or model._meta.label_lower in EXCLUDED


def backed_up_models():
    """The models whose rows the archive holds, in an order that loads: groups before users."""
    app_list = [
        (config, [m for m in config.get_models() if not _excluded(m)])
        for config in apps.get_app_configs()
    ]
    return serializers.sort_dependencies([item for item in app_list if item[1]])


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (Django's rounds to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class _Serializer(jsonl.Serializer):
    """JSON Lines, with natural keys only for content types, permissions and groups.

    Users and records keep their ids: the change history refers to them by id, and a history
    row may outlive the record it describes (its references are not database constraints).
    """

    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = _Encoder

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = field.related_model in NATURAL_KEY_MODELS
        try:
            super().handle_fk_field(obj, field)
        except ObjectDoesNotExist:
            # A history row may name a group deleted since: keep its id rather than fail.
            self._current[field.name] = self._value_from_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = field.related_model in NATURAL_KEY_MODELS
        super().handle_m2m_field(obj, field)


def _rows(model, using):
    """The model's rows, fetched in chunks with what their natural keys need."""
    queryset = (
        model._base_manager.using(using)
        .order_by("pk")
        .select_related(
            *[
                f.name
                for f in model._meta.fields
                if f.is_relation and f.related_model in NATURAL_KEY_MODELS
            ]
        )
    )
    m2m = [f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]
    queryset = queryset.prefetch_related(
        *[Prefetch(f.name, queryset=f.related_model._base_manager.select_related()) for f in m2m]
    )
    return queryset.iterator(chunk_size=2000)


class _HashingReader:
    """Reads a file for tarfile while computing its SHA-256, so each file is read only once."""

    def __init__(self, stream):
        self.stream, self.digest = stream, hashlib.sha256()

    def read(self, size=-1):
        data = self.stream.read(size)
        self.digest.update(data)
        return data


def _add(tar, source, arcname):
    with open(source, "rb") as stream:
        info = tar.gettarinfo(fileobj=stream, arcname=arcname)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _HashingReader(stream)
        tar.addfile(info, reader)
    return {"member": arcname, "size": info.size, "sha256": reader.digest.hexdigest()}


def stored_files(root):
    """Every regular file under root as (relative POSIX path, absolute path), in a stable order.

    Symbolic links are not followed: what they point to is not the portal's to back up.
    """
    root = Path(root)
    if not root.is_dir():
        return []
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append((path.relative_to(root).as_posix(), path))
    return found


def default_archive_path(now=None):
    now = timezone.localtime(now)
    return settings.BASE_DIR / "var" / "backups" / f"qms-backup-{now:%Y%m%d-%H%M%S}.tar.gz"


def _applied_migrations(connection):
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied)
