"""Restoring an archive into a new, empty database: every check first, then one transaction."""

import hashlib
import json
import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from .archive import (
    CHUNK,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MIGRATION_DATA,
    ArchiveRefused,
    _applied_migrations,
    _excluded,
    backed_up_models,
)


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
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        # A damaged or truncated archive (its gzip stream fails), or one that cannot be read.
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
            if isinstance(exc, OSError):
                # A full disk, or a folder the server may not write to.
                raise ArchiveRefused(
                    f"A stored file could not be written ({exc}); the rows were rolled back and "
                    "the files written so far removed."
                ) from exc
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
