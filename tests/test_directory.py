"""Signing in with the office's directory (issue 16), against a real one: Debian's slapd, started
by the suite on 127.0.0.1 with the small tree of tests/ldap/tree.ldif (tests/ldap/server.py).

Right and wrong passwords, groups to roles (and a group left: the role goes at the next sign-in),
the unit from a directory attribute, a disabled entry refused and its account deactivated with its
sessions, a local account never taken over, a directory that does not answer, and django-axes's
lockout. Skipped, with the reason shown, only where slapd cannot start.
"""

import time

import ldap
import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils.timezone import now

from qms import directory as directory_module
from qms import roles
from qms.forms.accounts import SignInForm
from qms.models import DirectoryAccount, StaffProfile
from tests import factories
from tests.conftest import PASSWORD
from tests.ldap import server

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
BASE = server.BASE
GROUPS = f"ou=groups,{BASE}"


def unavailable(response):
    """Whether the sign-in form says the directory did not answer (in the page's language)."""
    form = response.context["form"]
    return any(
        error.code == "directory_unavailable" for error in form.errors.as_data().get("__all__", [])
    )


@pytest.fixture(scope="session")
def slapd():
    try:
        directory = server.start()
    except server.Unavailable as reason:
        pytest.skip(f"No test directory (slapd): {reason}")
    yield directory
    directory.stop()


def directory_settings(uri):
    return {
        "SERVER_URI": uri,
        "START_TLS": False,
        "CA_FILE": "",
        "BIND_DN": f"cn=portal,ou=services,{BASE}",
        "BIND_PASSWORD": "haslo-konta-portalu",
        "USER_SEARCH_BASE": f"ou=people,{BASE}",
        "USER_FILTER": "(uid=%(user)s)",
        "ENABLED_FILTER": "(!(employeeType=disabled))",
        "GROUP_SEARCH_BASE": GROUPS,
        "GROUP_TYPE": "groupOfNames",
        "ROLE_GROUPS": (
            f"coordinator=cn=szj-koordynatorzy,{GROUPS}; auditor=cn=szj-audytorzy,{GROUPS};"
            f"\nemployee=cn=pracownicy,{GROUPS}"
        ),
        "UNIT_ATTRIBUTE": "departmentNumber",
        "TIMEOUT": 3,
    }


@pytest.fixture
def directory(slapd, settings):
    settings.DIRECTORY = directory_settings(slapd.uri)
    return slapd


def sign_in(client, username, password=server.PASSWORD, ip="10.0.0.1"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=ip)


def is_signed_in(client):
    return client.get(reverse("intranet:home")).status_code == 200


def role_names(user):
    return sorted(user.groups.values_list("name", flat=True))


def test_the_right_password_signs_in_and_creates_a_directory_account(client, directory):
    unit = factories.org_unit(code="OR", name="Wydział Organizacyjny")

    response = sign_in(client, "lwojcik")

    assert response.status_code == 302
    assert response["Location"] == reverse("intranet:home")
    assert is_signed_in(client)
    client.logout()
    assert client.get(LOGIN_URL).context["form"].directory_enabled
    user = User.objects.get(username="lwojcik")
    assert (user.first_name, user.last_name, user.email) == (
        "Łucja",
        "Wójcik",
        "lwojcik@urzad.test",
    )
    assert not user.has_usable_password()
    assert DirectoryAccount.objects.get(user=user).dn == f"uid=lwojcik,ou=people,{BASE}"
    assert role_names(user) == [roles.AUDITOR, roles.EMPLOYEE]
    assert StaffProfile.objects.get(user=user).unit == unit
    # The permissions are the role's: an auditor reads the audits.
    assert user.has_perm("audits.view_audit")


def test_a_wrong_password_is_refused(client, directory):
    response = sign_in(client, "lwojcik", "not the password")

    assert response.status_code == 200
    assert "Wprowadź poprawne wartości pól" in response.content.decode()
    assert not unavailable(response)
    assert not is_signed_in(client)
    assert not User.objects.filter(username="lwojcik").exists()


def test_a_unit_code_the_portal_does_not_know_leaves_the_unit_alone(client, directory):
    assert sign_in(client, "jzak").status_code == 302

    user = User.objects.get(username="jzak")
    assert role_names(user) == [roles.COORDINATOR, roles.EMPLOYEE]
    assert not StaffProfile.objects.filter(user=user).exists()


def test_a_group_left_takes_the_role_away_at_the_next_sign_in(client, directory):
    assert sign_in(client, "lwojcik").status_code == 302
    user = User.objects.get(username="lwojcik")
    # A role the mapping does not name is the portal's: the directory leaves it alone.
    user.groups.add(roles_group(roles.SURVEY_CLERK))
    admin = directory.admin()
    auditors = f"cn=szj-audytorzy,{GROUPS}"
    member = f"uid=lwojcik,ou=people,{BASE}"
    coordinators = f"cn=szj-koordynatorzy,{GROUPS}"
    admin.modify_s(auditors, [(ldap.MOD_DELETE, "member", [member.encode()])])
    admin.modify_s(coordinators, [(ldap.MOD_ADD, "member", [member.encode()])])
    try:
        client.logout()
        assert sign_in(client, "lwojcik").status_code == 302
    finally:
        admin.modify_s(auditors, [(ldap.MOD_ADD, "member", [member.encode()])])
        admin.modify_s(coordinators, [(ldap.MOD_DELETE, "member", [member.encode()])])

    assert role_names(user) == [roles.COORDINATOR, roles.EMPLOYEE, roles.SURVEY_CLERK]
    # The change of roles is in the account's change history.
    groups_seen = [
        sorted(g.group.name for g in row.groups.all())
        for row in user.history.order_by("history_id")
    ]
    assert [roles.AUDITOR, roles.EMPLOYEE, roles.SURVEY_CLERK] in groups_seen
    assert groups_seen[-1] == [roles.COORDINATOR, roles.EMPLOYEE, roles.SURVEY_CLERK]


def roles_group(name):
    from django.contrib.auth.models import Group

    return Group.objects.get(name=name)


def test_a_disabled_entry_cannot_sign_in(client, directory):
    response = sign_in(client, "byly")

    assert response.status_code == 200
    assert not is_signed_in(client)
    assert not User.objects.filter(username="byly").exists()


def disable(directory, uid):
    directory.admin().modify_s(
        f"uid={uid},ou=people,{BASE}", [(ldap.MOD_ADD, "employeeType", [b"disabled"])]
    )


def enable(directory, uid):
    directory.admin().modify_s(
        f"uid={uid},ou=people,{BASE}", [(ldap.MOD_DELETE, "employeeType", [b"disabled"])]
    )


def test_an_entry_disabled_later_deactivates_the_account_and_ends_its_sessions(directory):
    desk = Client()
    assert sign_in(desk, "jzak").status_code == 302
    disable(directory, "jzak")
    try:
        response = sign_in(Client(), "jzak")
    finally:
        enable(directory, "jzak")

    assert response.status_code == 200
    user = User.objects.get(username="jzak")
    assert not user.is_active
    assert not is_signed_in(desk)
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(user.pk) for s in Session.objects.all()
    )


def test_sync_directory_deactivates_disabled_entries_without_a_sign_in(directory):
    desk = Client()
    assert sign_in(desk, "jzak").status_code == 302
    assert sign_in(Client(), "lwojcik").status_code == 302
    disable(directory, "jzak")
    try:
        call_command("sync_directory", stdout=(out := _Out()))
    finally:
        enable(directory, "jzak")

    assert "jzak: deactivated" in out.text
    assert not User.objects.get(username="jzak").is_active
    assert User.objects.get(username="lwojcik").is_active
    assert not is_signed_in(desk)


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_a_wrong_password_does_not_deactivate_an_enabled_account(client, directory):
    assert sign_in(client, "jzak").status_code == 302
    assert sign_in(Client(), "jzak", "not the password").status_code == 200

    assert User.objects.get(username="jzak").is_active
    assert is_signed_in(client)


def test_a_local_account_is_never_looked_up_in_the_directory(client, directory, employee):
    # The directory has an entry "employee" with another password: it does not open the local
    # account, and the local password still does.
    assert sign_in(client, "employee").status_code == 200
    assert not is_signed_in(client)
    assert not DirectoryAccount.objects.exists()

    assert sign_in(client, "employee", PASSWORD).status_code == 302


def test_ten_wrong_directory_passwords_lock_the_account(client, directory):
    for attempt in range(1, 11):
        response = sign_in(client, "lwojcik", "not the password")
        assert response.status_code == (429 if attempt == 10 else 200), attempt

    assert sign_in(client, "lwojcik").status_code == 429
    assert not is_signed_in(client)


def test_a_directory_that_does_not_answer_is_said_so_quickly(client, settings, employee):
    settings.DIRECTORY = directory_settings(f"ldap://127.0.0.1:{server.free_port()}")

    started = time.monotonic()
    response = sign_in(client, "lwojcik")

    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert unavailable(response)
    assert str(
        SignInForm.error_messages["directory_unavailable"]
    ) in response.content.decode().replace("&#x27;", "'")
    # Local accounts still sign in.
    assert sign_in(client, "employee", PASSWORD).status_code == 302


def test_a_directory_that_accepts_but_never_answers_times_out(client, settings):
    import socket

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.DIRECTORY = {
            **directory_settings(f"ldap://127.0.0.1:{silent.getsockname()[1]}"),
            "TIMEOUT": 1,
        }
        started = time.monotonic()
        response = sign_in(client, "lwojcik")

    assert time.monotonic() - started < 5
    assert unavailable(response)


def test_the_directory_is_off_without_a_server(client, settings):
    settings.DIRECTORY = {**directory_settings(""), "SERVER_URI": ""}

    response = sign_in(client, "lwojcik")

    assert response.status_code == 200
    assert not unavailable(response)
    assert not response.context["form"].directory_enabled


def test_sync_directory_with_the_directory_down_deactivates_nobody(settings):
    user = factories.staff_user("jzak")
    DirectoryAccount.objects.create(user=user, dn=f"uid=jzak,ou=people,{BASE}", synced_at=now())
    settings.DIRECTORY = directory_settings(f"ldap://127.0.0.1:{server.free_port()}")

    with pytest.raises(CommandError, match="did not answer"):
        call_command("sync_directory", stdout=_Out())

    assert User.objects.get(username="jzak").is_active


def test_sync_directory_does_nothing_with_the_directory_off(settings):
    settings.DIRECTORY = {**directory_settings(""), "SERVER_URI": ""}
    call_command("sync_directory", stdout=(out := _Out()))
    assert "not configured" in out.text


@pytest.mark.parametrize(
    "mapping",
    ["coordinator", "chief=cn=x,dc=test", "auditor=", "auditor cn=x,dc=test"],
)
def test_a_mistyped_role_mapping_is_a_configuration_error(settings, mapping):
    settings.DIRECTORY = {**directory_settings("ldap://127.0.0.1:1"), "ROLE_GROUPS": mapping}
    with pytest.raises(ImproperlyConfigured, match="LDAP_ROLE_GROUPS"):
        directory_module.role_groups()


@pytest.mark.parametrize(
    ("setting", "value", "said"),
    [("ROLE_GROUPS", "chief=cn=x,dc=test", "LDAP_ROLE_GROUPS"), ("GROUP_TYPE", "x", "GROUP_TYPE")],
)
def test_a_mistyped_setting_stops_the_portal_at_its_start_not_at_a_sign_in(
    settings, setting, value, said
):
    from django.core.management.base import SystemCheckError

    settings.DIRECTORY = {**directory_settings("ldap://127.0.0.1:1"), setting: value}
    with pytest.raises(SystemCheckError, match=said):
        call_command("check")
    settings.DIRECTORY = {**directory_settings("ldap://127.0.0.1:1"), "SERVER_URI": ""}
    call_command("check")  # the directory off: nothing to check


def test_role_mapping_takes_several_groups_a_role_and_new_lines(settings):
    settings.DIRECTORY = {
        **directory_settings("ldap://127.0.0.1:1"),
        "ROLE_GROUPS": "auditor=cn=a,dc=test;\nauditor = cn=b,dc=test ;; employee=cn=c,dc=test",
    }
    assert directory_module.role_groups() == {
        "auditor": ["cn=a,dc=test", "cn=b,dc=test"],
        "employee": ["cn=c,dc=test"],
    }


@pytest.mark.parametrize("username", ["*", "lwojcik)(uid=*", "*)(|(uid=*", "jzak\\", "ł" * 150])
def test_filter_characters_in_a_user_name_find_nobody(client, directory, username):
    response = sign_in(client, username)

    assert response.status_code == 200
    assert not is_signed_in(client)
    assert not unavailable(response)
