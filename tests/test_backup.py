"""`manage.py backup` and `manage.py restore`: a round trip keeps every row and every file byte,
and a restore refuses, changing nothing, whatever it cannot trust."""

import hashlib
import io
import json
import re
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse

from qms.backup import (
    EXCLUDED,
    MIGRATION_DATA,
    backed_up_models,
    default_archive_path,
)
from qms.models import Document


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    # Emptying the database recreates the content types; the test's rollback brings back the
    # old rows, so no id cached meanwhile may outlive the test.
    yield
    ContentType.objects.clear_cache()


def rows():
    """Every backed-up model's rows; natural foreign keys, so content-type ids do not matter."""
    result = {}
    for model in backed_up_models():
        queryset = model._base_manager.order_by("name" if model is Group else "pk").select_related(
            *[f.name for f in model._meta.fields if hasattr(f.related_model, "natural_key")]
        )
        data = serializers.serialize(
            "python",
            queryset,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=model is Group,
        )
        for row in data:
            for field in model._meta.many_to_many:
                if field.name in row["fields"]:
                    row["fields"][field.name] = sorted(row["fields"][field.name])
        result[model._meta.label] = data
    return result


def stored_file_digests():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def store(relative, content):
    path = Path(settings.PRIVATE_MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def remove_stored_files():
    for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()


def empty_database():
    """What a new database is after `migrate`: flush, which recreates groups and permissions."""
    if connection.vendor == "postgresql":
        # Inside the test's transaction PostgreSQL refuses to TRUNCATE tables with foreign key
        # checks still pending.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)


def backup(path):
    out = io.StringIO()
    call_command("backup", output=str(path), stdout=out)
    return out.getvalue()


def restore(path):
    out = io.StringIO()
    call_command("restore", str(path), stdout=out)
    return out.getvalue()


def manifest_of(path):
    with tarfile.open(path) as tar:
        return json.load(tar.extractfile("manifest.json"))


def rewrite(source, target, *, replace=None, add=()):
    """Copy an archive, replacing some members' content and adding (TarInfo, bytes) members."""
    replace = replace or {}
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            content = replace.get(member.name, old.extractfile(member).read())
            member.size = len(content)
            new.addfile(member, io.BytesIO(content))
        for info, content in add:
            info.size = len(content)
            new.addfile(info, io.BytesIO(content))


# The demo backed up, wiped and restored: the quick loop has the empty database's round trip.
@pytest.mark.slow
def test_round_trip_keeps_every_row_every_file_and_the_change_history(demo, tmp_path, client):
    # A few changes after the demo, so the history has updates and not only creations.
    document = Document.objects.order_by("pk").first()
    document.title += " (zmieniony)"
    document.save()
    employee = User.objects.get(username="employee")
    employee.first_name = "Zmieniony"
    employee.save()
    employee.groups.add(Group.objects.get(name="auditor"))
    SessionStore().create()  # left out: sign-ins in progress are not kept

    before, files_before = rows(), stored_file_digests()
    assert any(path.endswith(".pdf") for path in files_before)
    changes = [
        row
        for label, data in before.items()
        if ".Historical" in label
        for row in data
        if row["fields"].get("history_type") == "~"
    ]
    assert changes, "the change history records updates"
    archive = tmp_path / "backup.tar.gz"
    assert "store it like the database" in backup(archive)

    manifest = manifest_of(archive)
    assert manifest["format"] == "qms-backup"
    assert manifest["database_vendor"] == connection.vendor
    assert {e["model"]: e["rows"] for e in manifest["models"]} == {
        model._meta.label_lower: len(before[model._meta.label]) for model in backed_up_models()
    }
    assert {e["path"]: e["sha256"] for e in manifest["files"]} == files_before
    labels = {entry["model"] for entry in manifest["models"]}
    assert {"auth.user", "auth.group", "admin.logentry", "audits.clause"} <= labels
    assert not [label for label in labels if label.split(".")[0] in EXCLUDED or label in EXCLUDED]

    empty_database()
    remove_stored_files()
    assert not User.objects.exists() and not stored_file_digests()

    output = restore(archive)

    assert "Restored" in output
    after = rows()
    assert {label: len(r) for label, r in after.items()} == {
        label: len(r) for label, r in before.items()
    }
    for label in before:
        assert after[label] == before[label], label
    assert stored_file_digests() == files_before
    # A restored user signs in with the password they had.
    assert User.objects.get(username="coordinator").check_password("demo")
    response = client.post(reverse("login"), {"username": "coordinator", "password": "demo"})
    assert response.status_code == 302
    # New rows (and their history rows) are numbered after the restored ones.
    newcomer = User.objects.create_user("newcomer", password="a long new password")
    assert newcomer.pk > max(row["pk"] for row in before["auth.User"])
    document.title = "Po odtworzeniu"
    document.save()


def test_backup_of_an_empty_database_restores(db, tmp_path):
    before = rows()
    archive = tmp_path / "empty.tar.gz"
    backup(archive)
    empty_database()

    restore(archive)

    assert rows() == before


def test_a_freshly_migrated_database_has_rows_only_of_migration_data(db):
    # A new data migration that adds rows must name its model in MIGRATION_DATA, or every
    # restore into a new database would be refused.
    assert [
        model._meta.label_lower
        for model in backed_up_models()
        if model._base_manager.exists() and model._meta.label_lower not in MIGRATION_DATA
    ] == []


def test_restore_refuses_a_database_with_records_and_changes_nothing(make_user, tmp_path):
    make_user("alice")
    store("documents/2026/a.pdf", b"%PDF-1.7 a\n%%EOF")
    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    remove_stored_files()
    before = rows()

    with pytest.raises(CommandError, match="already holds records"):
        restore(archive)

    assert rows() == before
    assert stored_file_digests() == {}


def test_restore_refuses_a_file_changed_in_the_archive(db, tmp_path):
    store("documents/2026/a.pdf", b"%PDF-1.7 original\n%%EOF")
    archive, tampered = tmp_path / "backup.tar.gz", tmp_path / "tampered.tar.gz"
    backup(archive)
    remove_stored_files()
    rewrite(archive, tampered, replace={"files/documents/2026/a.pdf": b"%PDF-1.7 forged\n%%EOF"})

    with pytest.raises(CommandError, match="SHA-256"):
        restore(tampered)

    assert stored_file_digests() == {}
    assert not User.objects.exists()


def _archive_with(tmp_path, info, content=b"x"):
    manifest = json.dumps({"format": "qms-backup", "format_version": 1}).encode()
    path = tmp_path / "hostile.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        head = tarfile.TarInfo("manifest.json")
        head.size = len(manifest)
        tar.addfile(head, io.BytesIO(manifest))
        info.size = len(content) if info.isfile() else 0
        tar.addfile(info, io.BytesIO(content) if info.isfile() else None)
    return path


def _symlink(name, target):
    info = tarfile.TarInfo(name)
    info.type, info.linkname = tarfile.SYMTYPE, target
    return info


@pytest.mark.parametrize(
    "member",
    [
        tarfile.TarInfo("../evil"),
        tarfile.TarInfo("files/../../evil"),
        tarfile.TarInfo("/tmp/qms-evil"),
        _symlink("files/evil", "/etc/passwd"),
    ],
    ids=["parent", "nested-parent", "absolute", "symlink"],
)
def test_restore_refuses_a_member_that_could_land_outside(db, tmp_path, member):
    archive = _archive_with(tmp_path, member)

    with pytest.raises(CommandError, match="Unsafe name|link or a special file"):
        restore(archive)

    assert not (tmp_path / "evil").exists() and not Path("/tmp/qms-evil").exists()
    assert stored_file_digests() == {}


def test_restore_refuses_an_archive_without_a_manifest(db, tmp_path):
    path = tmp_path / "other.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("data.json")
        tar.addfile(info, io.BytesIO(b""))

    with pytest.raises(CommandError, match="no manifest"):
        restore(path)


def test_restore_refuses_another_format_version(db, tmp_path):
    archive, other = tmp_path / "backup.tar.gz", tmp_path / "other.tar.gz"
    backup(archive)
    manifest = manifest_of(archive)
    manifest["format_version"] = 99
    rewrite(archive, other, replace={"manifest.json": json.dumps(manifest).encode()})

    with pytest.raises(CommandError, match="format version 99"):
        restore(other)


def test_restore_refuses_a_database_not_fully_migrated(db, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    MigrationRecorder.Migration.objects.filter(app="audits").order_by("-name").first().delete()

    with pytest.raises(CommandError, match="not fully migrated"):
        restore(archive)


def test_restore_refuses_an_archive_of_a_newer_portal(db, tmp_path):
    archive, newer = tmp_path / "backup.tar.gz", tmp_path / "newer.tar.gz"
    backup(archive)
    manifest = manifest_of(archive)
    manifest["migrations"].append("qms.9999_from_the_future")
    rewrite(archive, newer, replace={"manifest.json": json.dumps(manifest).encode()})

    with pytest.raises(CommandError, match="newer version"):
        restore(newer)


def test_restore_refuses_a_file_that_is_not_an_archive(db, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not an archive")

    with pytest.raises(CommandError, match="not a readable backup archive"):
        restore(path)


def test_backup_never_overwrites_an_archive(db, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    archive.write_bytes(b"yesterday's backup")

    with pytest.raises(CommandError, match="already exists"):
        backup(archive)

    assert archive.read_bytes() == b"yesterday's backup"


def test_backup_into_a_folder_gets_a_dated_name_readable_by_its_owner_only(db, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    backup(folder)

    [archive] = folder.iterdir()
    assert re.fullmatch(r"qms-backup-\d{8}-\d{6}\.tar\.gz", archive.name)
    assert archive.stat().st_mode & 0o077 == 0
    assert default_archive_path().parent == settings.BASE_DIR / "var" / "backups"
