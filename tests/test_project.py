"""The project as a whole: migrations, settings, roles, demo data, translations, error pages."""

import os
import shutil
import subprocess
import sys
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import path

from certificates.models import Certificate, ExternalAudit
from qms import roles
from qms.models import Organisation, QualityPolicy, Representative
from tests.helpers import BASE_DIR, PRODUCTION_ENV, production_values


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_no_model_changes_lack_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_deploy_check_is_clean_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_sends_email_over_smtp_to_the_host_the_environment_names():
    values = production_values(
        {
            "backend": "settings.EMAIL_BACKEND",
            "connection": "type(__import__('django.core.mail').core.mail.get_connection())"
            ".__module__",
            "host": "settings.EMAIL_HOST",
            "port": "settings.EMAIL_PORT",
            "tls": "settings.EMAIL_USE_TLS",
        },
        env={"EMAIL_HOST": "poczta.um.example.org", "EMAIL_PORT": "587", "EMAIL_USE_TLS": "1"},
    )
    assert values == {
        "backend": "django.core.mail.backends.smtp.EmailBackend",
        "connection": "django.core.mail.backends.smtp",
        "host": "poczta.um.example.org",
        "port": 587,
        "tls": True,
    }


@pytest.mark.django_db
def test_roles_exist_after_migrate_and_none_may_delete():
    for role, perms in roles.ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        assert group.permissions.count() == len(perms)
    assert not Permission.objects.filter(
        group__name__in=roles.ROLE_PERMISSIONS, codename__startswith="delete_"
    ).exists()


@pytest.mark.django_db
def test_the_roles_migration_creates_the_groups_on_its_own():
    # Not only the post_migrate hook: the migration itself makes the roles, permissions included.
    from django.apps import apps
    from django.db import connection

    migration = import_module("qms.migrations.0008_roles")
    Group.objects.filter(name__in=roles.ROLE_PERMISSIONS).delete()
    Permission.objects.filter(codename="view_change_history").delete()

    # The function only reads the schema editor's connection; a real one cannot open inside the
    # test's transaction on SQLite.
    migration.create_roles(apps, SimpleNamespace(connection=connection))

    coordinator = Group.objects.get(name=roles.COORDINATOR)
    assert coordinator.permissions.filter(codename="view_change_history").exists()
    for role, perms in roles.ROLE_PERMISSIONS.items():
        assert Group.objects.get(name=role).permissions.count() == len(perms)


@pytest.mark.django_db
def test_demo_data_loads_idempotently_with_the_seed_facts():
    def counts():
        return [
            m.objects.count()
            for m in (Organisation, Representative, QualityPolicy, Certificate, ExternalAudit, User)
        ]

    call_command("load_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    first = counts()
    call_command("load_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert counts() == first
    assert Certificate.objects.held_since().year == 2008
    audit = ExternalAudit.objects.get(first_day="2021-06-08")
    assert (audit.kind, str(audit.last_day), audit.result) == (
        "recertification",
        "2021-06-11",
        "positive",
    )
    assert Representative.objects.current().email == "sekretariat_wru@um.zabrze.pl"
    for username in ("coordinator", "auditor", "owner", "employee"):
        assert User.objects.get(username=username).check_password("demo")


@pytest.mark.django_db
def test_demo_refuses_to_load_in_production_without_force():
    with pytest.raises(CommandError, match="password 'demo'"):
        call_command("load_demo")
    assert not User.objects.exists()


def test_every_ui_string_has_a_polish_and_an_english_translation(tmp_path):
    """Extract the messages afresh into a copy of the tree: nothing may be new or untranslated."""
    for name in ("manage.py", "qms", "certificates", "audits", "surveys", "templates", "locale"):
        source = BASE_DIR / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("*.pyc"))
        else:
            shutil.copy(source, tmp_path / name)
    env = {**PRODUCTION_ENV, "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "pl", "-l", "en", "--no-obsolete"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for language in ("pl", "en"):
        po = tmp_path / "locale" / language / "LC_MESSAGES" / "django.po"
        untranslated = subprocess.run(
            ["msgattrib", "--untranslated", "--no-obsolete", str(po)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        fuzzy = subprocess.run(
            ["msgattrib", "--only-fuzzy", "--no-obsolete", str(po)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert untranslated == "", f"untranslated in {language}:\n{untranslated}"
        assert fuzzy == "", f"fuzzy in {language}:\n{fuzzy}"


def broken_view(request):
    raise RuntimeError("database exploded: secret detail")


urlpatterns = [path("broken/", broken_view)]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_server_error_page_shows_no_stack_trace(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    assert b"secret detail" not in response.content
    assert b"Traceback" not in response.content
    assert b'<html lang="pl">' in response.content


@pytest.mark.django_db
def test_not_found_page_is_in_the_site_look(client):
    response = client.get("/nie-ma-takiej-strony/")
    assert response.status_code == 404
    assert b'class="site-header"' in response.content
