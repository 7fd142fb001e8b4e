"""Fixtures shared by the suite: one user per role, and the production settings made testable."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import translation

from qms import roles


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # The suite runs with DEBUG off (production settings); only the HTTPS-only parts are relaxed,
    # since the test client and the live server speak plain HTTP.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.PRIVATE_MEDIA_ROOT = settings.MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STATIC_ROOT.mkdir()
    # Fast hashing: the suite creates many users; production keeps the default hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test starts in Polish: a request under /en/ leaves English active in the thread.
    with translation.override(settings.LANGUAGE_CODE):
        yield


PASSWORD = "correct horse battery staple"


@pytest.fixture
def make_user(db):
    def make(username, role=None, **extra):
        user = User.objects.create_user(username=username, password=PASSWORD, **extra)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def coordinator(make_user):
    return make_user("coordinator", roles.COORDINATOR)


@pytest.fixture
def auditor(make_user):
    return make_user("auditor", roles.AUDITOR)


@pytest.fixture
def owner(make_user):
    return make_user("owner", roles.PROCESS_OWNER)


@pytest.fixture
def employee(make_user):
    return make_user("employee", roles.EMPLOYEE)


@pytest.fixture
def client_as(client):
    """client_as(user) -> the test client signed in as that user; client_as(None) -> anonymous."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def demo(db):
    """The demo data set, as `make run` loads it."""
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
