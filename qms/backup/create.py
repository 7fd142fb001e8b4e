"""Writing an archive of the whole portal."""

import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

import django
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from .archive import (
    EXCLUDED,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    _add,
    _applied_migrations,
    _rows,
    _Serializer,
    backed_up_models,
    stored_files,
)


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
