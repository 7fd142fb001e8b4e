"""Fixtures shared by the suite: one user per role, the demo data (per test or once per module),
and the production settings made testable."""

import io
import uuid

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone, translation

from qms import roles
from tests import factories


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
    # Each test has a cache of its own, of the configured kind: files in its own directory, or
    # (REDIS_URL) the shared Redis under a key prefix no other test, worker or run shares.
    # (Run by hand with the development .env, the settings keep nothing: the suite still does.)
    cache = {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    if cache["BACKEND"].endswith("RedisCache"):
        cache["TIMEOUT"] = 600
    else:
        cache.update(
            BACKEND="django.core.cache.backends.filebased.FileBasedCache",
            LOCATION=str(tmp_path / "cache"),
        )
    settings.CACHES = {"default": cache}
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


def load_demo():
    call_command("load_demo", force=True, stdout=io.StringIO())


@pytest.fixture
def demo(db):
    """The demo data set, as `make run` loads it, for a test of its own (one that changes it
    in ways a transaction does not undo, or that must start from a fresh load)."""
    load_demo()


@pytest.fixture(scope="module")
def demo_once(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data set, loaded once for the module and rolled back after it (see
    `shared_demo`). Returns the folder its files are stored in."""
    media_dir = tmp_path_factory.mktemp("demo-media")
    with factories.records_kept_for_a_module(django_db_blocker, media_dir):
        load_demo()
        request.module._shares_the_demo = True
        try:
            yield media_dir
        finally:
            request.module._shares_the_demo = False


@pytest.fixture
def shared_demo(demo_once, db, settings):
    """The demo data set, for tests that only read it: loaded once per module (`demo_once`),
    each test in its own transaction on top of it, rolled back after the test."""
    factories.use_media_dir(settings, demo_once)  # where the demo's files are


@pytest.fixture(autouse=True)
def _no_test_on_another_tests_demo(request):
    # While a module shares the demo, every row of it is in the database: a test of that module
    # that makes its own records (a user named "coordinator", an empty quality page) would meet
    # them. Such tests go before the module's first `shared_demo` test.
    uses_the_database = request.node.get_closest_marker("django_db") or "db" in (
        request.fixturenames
    )
    if (
        getattr(request.module, "_shares_the_demo", False)
        and "shared_demo" not in request.fixturenames
        and uses_the_database
    ):
        pytest.fail(
            f"{request.node.name} runs on the demo another test of this module shares: "
            "use `shared_demo`, or put the test before the module's first `shared_demo` test",
            pytrace=False,
        )


@pytest.fixture
def travel(monkeypatch):
    """travel(day): from now on the office's calendar says `day` (timezone.localdate, which
    qms.models.today, the services and the forms read); the clock's hour is left alone."""
    real = timezone.localdate

    def to(day):
        def localdate(value=None, timezone=None):
            return day if value is None else real(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)

    return to


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL, the test databases' sessions do not wait for the disk at each commit
    (`synchronous_commit=off`): creating a test database commits every migration, and the
    browser tests commit every request. Nothing else changes: a crash would only lose the test
    database, which is thrown away anyway."""
    from django.db import connections

    for connection in connections.all():
        if connection.vendor == "postgresql":
            options = connection.settings_dict.setdefault("OPTIONS", {})
            options["options"] = " ".join(
                filter(None, [options.get("options"), "-c synchronous_commit=off"])
            )
