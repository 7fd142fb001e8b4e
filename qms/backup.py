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

import datetime
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.management.color import no_style
from django.core.serializers import jsonl
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.executor import MigrationExecutor
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


def create_backup(path, *, using=DEFAULT_DB_ALIAS):
    """Write the archive to path (refusing to overwrite a file) and return its manifest."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} already exists.")
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "django_version": django.get_version(),
        "database_vendor": connection.vendor,
        "excluded": sorted(EXCLUDED),
        "migrations": [],
        "models": [],
        "files": [],
    }
    # Written under a temporary name and renamed at the end: a file with the final name is a
    # complete archive. Only the owner may read it: it holds password hashes and personal data.
    partial = path.with_name(f".{path.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with (
            os.fdopen(fd, "wb") as out,
            tarfile.open(fileobj=out, mode="w:gz") as tar,
            tempfile.TemporaryDirectory() as scratch,
        ):
            _dump_database(tar, Path(scratch), manifest, connection)
            for relative, absolute in stored_files(settings.PRIVATE_MEDIA_ROOT):
                entry = _add(tar, absolute, f"files/{relative}")
                manifest["files"].append({"path": relative, **entry})
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
            tar.addfile(info, io.BytesIO(data))
        if path.exists():
            raise FileExistsError(f"{path} already exists.")
        os.replace(partial, path)
    finally:
        if partial.exists():
            partial.unlink()
    return manifest


def _dump_database(tar, scratch, manifest, connection):
    # One snapshot of the whole database, so rows written meanwhile cannot leave the archive
    # half-updated: on PostgreSQL a repeatable-read transaction (it must be the transaction's
    # first statement), on SQLite any read transaction.
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic(using=connection.alias):
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        _dump_models(tar, scratch, manifest, connection.alias)
        manifest["migrations"] = _applied_migrations(connection)


def _dump_models(tar, scratch, manifest, using):
    for model in backed_up_models():
        label = model._meta.label_lower
        source = scratch / f"{label}.jsonl"
        counter = _Counter()
        with open(source, "w", encoding="utf-8") as stream:
            _Serializer().serialize(
                counter.count(_rows(model, using)),
                stream=stream,
                use_natural_primary_keys=model is Group,
            )
        entry = _add(tar, source, f"data/{label}.jsonl")
        manifest["models"].append({"model": label, "rows": counter.rows, **entry})
        source.unlink()


class _Counter:
    rows = 0

    def count(self, iterable):
        for item in iterable:
            self.rows += 1
            yield item


# Restore


def _safe_parts(name):
    """The parts of an archive member's name, refusing names that could leave the target folder."""
    parts = name.split("/")
    if (
        not name
        or name.startswith("/")
        or "\\" in name
        or any(ord(ch) < 32 for ch in name)
        or any(part in ("", ".", "..") for part in parts)
    ):
        raise ArchiveRefused(f"Unsafe name in the archive: {name!r}.")
    return parts


def _read_archive(path, scratch):
    """Copy every member into scratch under a name of our own, checking names and types.

    Returns {member name: (copy, sha256)}. Nothing in the archive chooses where a file lands.
    """
    members = {}
    try:
        with tarfile.open(path, mode="r:*") as tar:
            for number, member in enumerate(tar):
                _safe_parts(member.name)
                if member.isdir():
                    continue
                if not member.isfile():
                    raise ArchiveRefused(
                        f"The archive member {member.name!r} is a link or a special file."
                    )
                if member.name in members:
                    raise ArchiveRefused(f"The archive holds {member.name!r} twice.")
                copy = scratch / str(number)
                digest = hashlib.sha256()
                with tar.extractfile(member) as source, open(copy, "wb") as target:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        target.write(chunk)
                members[member.name] = (copy, digest.hexdigest())
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise ArchiveRefused(f"{path} is not a readable backup archive: {exc}") from exc
    return members


def _read_manifest(members):
    if MANIFEST not in members:
        raise ArchiveRefused("The archive has no manifest.json: it is not a portal backup.")
    try:
        manifest = json.loads(members[MANIFEST][0].read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ArchiveRefused(f"The archive's manifest.json is not valid JSON: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveRefused("The archive's manifest is not a portal backup manifest.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ArchiveRefused(
            f"The archive is in backup format version {manifest.get('format_version')!r}; "
            f"this portal reads version {FORMAT_VERSION}."
        )
    return manifest


def _check_members(manifest, members):
    """Every member is listed in the manifest with its SHA-256, and every listed one is there."""
    try:
        listed = [(entry["member"], entry["sha256"]) for entry in manifest["models"]]
        listed += [(entry["member"], entry["sha256"]) for entry in manifest["files"]]
        for entry in manifest["files"]:
            if entry["member"] != f"files/{entry['path']}":
                raise ArchiveRefused(f"The manifest's entry {entry['path']!r} is inconsistent.")
            _safe_parts(entry["path"])
        for entry in manifest["models"]:
            if entry["member"] != f"data/{entry['model']}.jsonl":
                raise ArchiveRefused(f"The manifest's entry {entry['model']!r} is inconsistent.")
    except (KeyError, TypeError) as exc:
        raise ArchiveRefused(f"The archive's manifest is incomplete: {exc!r}.") from exc
    names = {name for name, _digest in listed}
    unlisted = sorted(set(members) - names - {MANIFEST})
    if unlisted:
        raise ArchiveRefused(f"The archive holds files its manifest does not list: {unlisted}.")
    for name, digest in listed:
        if name not in members:
            raise ArchiveRefused(f"The archive lacks {name!r}, which its manifest lists.")
        if members[name][1] != digest:
            raise ArchiveRefused(
                f"{name!r} does not match the SHA-256 in the manifest: the archive was changed "
                "or damaged."
            )


def _models_of(manifest):
    result = []
    for entry in manifest["models"]:
        try:
            model = apps.get_model(entry["model"])
        except (LookupError, ValueError) as exc:
            raise ArchiveRefused(
                f"The archive holds rows of {entry['model']!r}, which this portal does not have."
            ) from exc
        if _excluded(model):
            raise ArchiveRefused(f"The archive holds rows of excluded {entry['model']!r}.")
        result.append((model, entry))
    return result


def _check_database(manifest, connection):
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise ArchiveRefused(
            "The database is not fully migrated: run `manage.py migrate` first, then restore."
        )
    newer = sorted(set(manifest.get("migrations", [])) - set(_applied_migrations(connection)))
    if newer:
        raise ArchiveRefused(
            "The archive comes from a newer version of the portal (migrations not known here: "
            f"{', '.join(newer[:5])}). Install that version first."
        )
    with_rows = [
        model._meta.label
        for model in backed_up_models()
        if model._meta.label_lower not in MIGRATION_DATA
        and model._base_manager.using(connection.alias).exists()
    ]
    if with_rows:
        raise ArchiveRefused(
            "The database already holds records (" + ", ".join(with_rows[:10]) + "). Restore "
            "only into a new database that `manage.py migrate` has just created."
        )


def _target(root, relative):
    target = root.joinpath(*_safe_parts(relative))
    if not target.resolve().is_relative_to(root.resolve()):
        raise ArchiveRefused(f"{relative!r} would be written outside PRIVATE_MEDIA_ROOT.")
    return target


def _file_digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _check_files(manifest, root):
    """Refuse to overwrite a stored file that differs from the archive's (identical ones stay)."""
    to_write = []
    for entry in manifest["files"]:
        target = _target(root, entry["path"])
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise ArchiveRefused(f"{target} exists and is not a regular file.")
        if target.exists():
            if _file_digest(target) != entry["sha256"]:
                raise ArchiveRefused(f"{target} already exists with other content.")
            continue
        to_write.append((entry, target))
    return to_write


def restore_backup(path, *, using=DEFAULT_DB_ALIAS):
    """Load the archive into the empty database and its files into PRIVATE_MEDIA_ROOT.

    Returns (rows per model label, number of files written). Raises ArchiveRefused, with nothing
    changed, if the archive or the database is not fit.
    """
    connection = connections[using]
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        members = _read_archive(path, Path(scratch))
        manifest = _read_manifest(members)
        _check_members(manifest, members)
        models = _models_of(manifest)
        _check_database(manifest, connection)
        to_write = _check_files(manifest, root)
        written = []
        try:
            with transaction.atomic(using=using):
                counts = _load(models, members, connection, using)
                for entry, target in to_write:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(members[entry["member"]][0], target)
                    written.append(target)
        except BaseException as exc:
            # The transaction was rolled back: take the files back too.
            for target in written:
                target.unlink(missing_ok=True)
            if isinstance(exc, DatabaseError | DeserializationError | ObjectDoesNotExist):
                raise ArchiveRefused(f"The rows could not be loaded: {exc}") from exc
            raise
    return counts, len(to_write)


def _load(models, members, connection, using):
    if connection.vendor == "postgresql":
        # Foreign keys are checked at the end, whatever the order rows arrive in.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    counts, deferred = {}, []
    with connection.constraint_checks_disabled():
        for model, entry in models:
            label = model._meta.label_lower
            # Rows that migrate created are updated in place; every other row is new, so an
            # insert that meets an existing row fails instead of overwriting it.
            force_insert = label not in MIGRATION_DATA
            rows = 0
            with open(members[entry["member"]][0], encoding="utf-8") as stream:
                for item in serializers.deserialize(
                    "jsonl", stream, using=using, handle_forward_references=True
                ):
                    if type(item.object) is not model:
                        raise ArchiveRefused(f"{entry['member']} holds rows of another model.")
                    # django-simple-history must not record the restore as a change.
                    item.object.skip_history_when_saving = True
                    item.save(using=using, force_insert=force_insert)
                    if item.deferred_fields:
                        deferred.append(item)
                    rows += 1
            if rows != entry["rows"]:
                raise ArchiveRefused(
                    f"{entry['member']} holds {rows} rows; the manifest says {entry['rows']}."
                )
            counts[model._meta.label] = rows
        for item in deferred:
            item.save_deferred_fields(using=using)
    tables = []
    for model, _entry in models:
        tables.append(model._meta.db_table)
        tables += [
            f.remote_field.through._meta.db_table
            for f in model._meta.many_to_many
            if f.remote_field.through._meta.auto_created
        ]
    connection.check_constraints(table_names=tables)
    # Rows kept their ids: the next new row must be numbered after them (PostgreSQL sequences).
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [m for m, _e in models]):
            cursor.execute(sql)
    return counts
