"""Signing in and out, the lockout after failed sign-ins, passwords, sessions, and the staff
accounts the ISO representative's office keeps (deactivated, never deleted)."""

import html
import importlib
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.sites import site as admin_site
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group, Permission, User
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.contrib.sessions.models import Session
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from qms import roles
from tests import factories
from tests.conftest import PASSWORD
from tests.helpers import messages_of, run_vnu

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "zielony parasol nad ratuszem"
LOGIN_URL = "/accounts/login/"


def sign_in(client, username, password=PASSWORD, ip="10.0.0.1"):
    """A sign-in through the real form, from the address `ip`, as django-axes sees it."""
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=ip)


def is_signed_in(client):
    return client.get(reverse("intranet:home")).status_code == 200


# Signing in


def test_signing_in_lands_on_the_intranet_home(client, employee):
    response = sign_in(client, "employee")

    assert response.status_code == 302
    assert response["Location"] == reverse("intranet:home")
    assert is_signed_in(client)


def test_a_wrong_password_is_refused_with_a_message_in_polish(client, employee):
    response = sign_in(client, "employee", "wrong password")

    assert response.status_code == 200
    assert "Wprowadź poprawne wartości pól" in response.content.decode()
    assert not is_signed_in(client)


# Sign-in lockout (django-axes)


def test_ten_wrong_passwords_lock_the_account_even_against_the_right_one(client, employee):
    for attempt in range(1, 11):
        response = sign_in(client, "employee", "wrong password")
        assert response.status_code == (429 if attempt == 10 else 200), attempt

    response = sign_in(client, "employee")

    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert not is_signed_in(client)
    # The lock is on the account at that address: the owner of the account at their own desk
    # is not locked out by whoever guessed elsewhere.
    assert sign_in(Client(), "employee", ip="10.0.0.2").status_code == 302


def test_nine_wrong_passwords_do_not_lock_the_account(client, employee):
    for _ in range(9):
        assert sign_in(client, "employee", "wrong password").status_code == 200

    response = sign_in(client, "employee")

    assert response.status_code == 302
    assert response["Location"] == reverse("intranet:home")
    assert is_signed_in(client)


def test_a_successful_sign_in_resets_the_count_of_failures(client, employee):
    for _ in range(9):
        sign_in(client, "employee", "wrong password")
    assert sign_in(client, "employee").status_code == 302
    client.post(reverse("logout"))

    for _ in range(9):
        assert sign_in(client, "employee", "wrong password").status_code == 200
    assert sign_in(client, "employee").status_code == 302


def test_failures_at_one_address_lock_no_other_account_there(client, employee, owner):
    # Behind the office's one public address, a colleague's ten mistakes lock nobody else.
    for _ in range(10):
        sign_in(client, "employee", "wrong password", ip="10.0.0.9")

    assert sign_in(Client(), "employee", ip="10.0.0.9").status_code == 429
    assert sign_in(Client(), "owner", ip="10.0.0.9").status_code == 302


def test_the_lockout_page_says_whom_to_contact_and_nothing_an_attacker_could_use(client, employee):
    for _ in range(10):
        response = sign_in(client, "employee", "wrong password 123")

    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert gettext("Sign-in locked") in page
    assert (
        gettext(
            "Try again later. If you need to sign in sooner, or did not make these attempts "
            "yourself, contact the ISO representative's office or the IT department."
        )
        in page
    )
    # Not the account, the limit, the attempts or the password tried.
    for secret in ('value="employee"', "employee", "10", "wrong password 123"):
        assert secret not in page.split("<main", 1)[1].split("</main>", 1)[0], secret


# Passwords


def test_argon2_hashes_the_passwords_in_production(settings):
    # The suite hashes with MD5 for speed (tests/conftest.py); the settings module says otherwise.
    production = importlib.import_module("qms.settings").PASSWORD_HASHERS
    assert production[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.MD5PasswordHasher" not in production

    settings.PASSWORD_HASHERS = production
    encoded = make_password(NEW_PASSWORD)

    assert encoded.startswith("argon2$argon2id$")
    assert check_password(NEW_PASSWORD, encoded)


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        (
            "Krotkie1!",
            lambda: MinimumLengthValidator(min_length=12).get_error_message(),
        ),
        ("qwerty123456", lambda: gettext("This password is too common.")),
    ],
    ids=["short", "common"],
)
def test_password_change_refuses_a_weak_password_in_polish(
    client_as, employee, new_password, message
):
    client = client_as(employee)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )

    assert response.status_code == 200
    with translation.override("pl"):
        expected = message()
    with translation.override("en"):
        assert message() != expected, "Django's Polish translation is missing"
    assert expected in response.context["form"].errors["new_password2"]
    assert expected in response.content.decode()
    employee.refresh_from_db()
    assert employee.check_password(PASSWORD)


def test_password_change_keeps_the_user_signed_in_and_ends_their_other_sessions(client, employee):
    sign_in(client, "employee")
    elsewhere = Client()
    sign_in(elsewhere, "employee", ip="10.0.0.2")
    assert is_signed_in(elsewhere)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    employee.refresh_from_db()
    assert employee.check_password(NEW_PASSWORD)
    assert is_signed_in(client)
    assert client.get(reverse("password_change_done")).status_code == 200
    assert not is_signed_in(elsewhere)


def test_password_change_needs_the_current_password(client_as, employee):
    response = client_as(employee).post(
        reverse("password_change"),
        {"old_password": "not it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    employee.refresh_from_db()
    assert employee.check_password(PASSWORD)


def test_header_links_to_password_change_for_every_signed_in_user(client_as, employee):
    page = client_as(employee).get(reverse("intranet:home")).content.decode()

    assert f'href="{reverse("password_change")}"' in page


# Signing out and sessions


def test_sign_out_by_get_does_not_sign_out(client_as, employee):
    client = client_as(employee)

    assert client.get(reverse("logout")).status_code == 405
    assert is_signed_in(client)


def test_sign_out_by_post_signs_out(client_as, employee):
    client = client_as(employee)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response["Location"] == reverse("public:quality_page")
    assert not is_signed_in(client)


def test_the_header_signs_out_with_a_post_form(client_as, employee):
    page = client_as(employee).get(reverse("intranet:home")).content.decode()

    assert f'<form method="post" action="{reverse("logout")}"' in page


def test_session_ends_when_the_browser_closes_and_after_eight_hours_at_most(
    client, employee, settings
):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60

    response = sign_in(client, "employee")

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    # A browser-session cookie: no expiry date, no max-age.
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    session = Session.objects.get(session_key=cookie.value)
    assert session.expire_date <= timezone.now() + timedelta(hours=8)


# The staff accounts (coordinator)


@pytest.mark.parametrize("role", ["employee", "owner", "auditor"])
def test_the_menu_offers_no_accounts_link_to_other_roles(request, client_as, role):
    home = client_as(request.getfixturevalue(role)).get(reverse("intranet:home"))

    assert f'href="{reverse("intranet:account_list")}"' not in home.content.decode()


def test_coordinator_sees_every_account_with_roles_unit_and_lockout(client_as, coordinator):
    unit = factories.org_unit(code="BOM", name="Biuro Obsługi Mieszkańców")
    clerk = factories.staff_user(
        "clerk",
        unit=unit,
        role=roles.EMPLOYEE,
        first_name="Anna",
        last_name="Nowak",
        email="anna.nowak@example.org",
    )
    factories.staff_user("retired", is_active=False)
    AccessAttempt.objects.create(
        username="clerk",
        ip_address="10.0.0.1",
        user_agent="",
        failures_since_start=10,
        attempt_time=timezone.now(),
    )
    client = client_as(coordinator)

    response = client.get(reverse("intranet:account_list"))

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        f'href="{reverse("intranet:account_list")}"'
        in client.get(reverse("intranet:home")).content.decode()
    )
    rows = {account.username: account for account in response.context["page_obj"]}
    assert set(rows) == {"coordinator", "clerk", "retired"}
    assert rows["clerk"].is_locked_out
    assert not rows["coordinator"].is_locked_out
    with translation.override("pl"):
        assert str(roles.ROLE_LABELS[roles.EMPLOYEE]) in page
        assert gettext("sign-in locked") in page
    for text in ("Anna Nowak", "anna.nowak@example.org", "BOM"):
        assert text in page
    assert clerk.get_full_name() == "Anna Nowak"
    # The coordinator's own row has no button to deactivate it.
    assert reverse("intranet:account_deactivate", args=[coordinator.pk]) not in page
    assert reverse("intranet:account_deactivate", args=[clerk.pk]) in page
    assert reverse("intranet:account_unlock", args=[clerk.pk]) in page


@pytest.mark.parametrize(("status", "shown"), [("active", {"coordinator"}), ("inactive", {"gone"})])
def test_accounts_filter_by_active_or_deactivated(client_as, coordinator, status, shown):
    factories.staff_user("gone", is_active=False)

    response = client_as(coordinator).get(reverse("intranet:account_list"), {"status": status})

    assert {account.username for account in response.context["page_obj"]} == shown


@pytest.mark.parametrize("rows", [2, 30])
def test_account_list_queries_do_not_grow_with_accounts(
    client_as, coordinator, django_assert_num_queries, rows
):
    unit = factories.org_unit()
    for i in range(rows):
        factories.staff_user(f"user{i:02d}", unit=unit if i % 2 else None, role=roles.EMPLOYEE)
        AccessAttempt.objects.create(
            username=f"user{i:02d}",
            ip_address="10.0.0.1",
            user_agent=str(i),
            failures_since_start=i % 12,
            attempt_time=timezone.now(),
        )
    client = client_as(coordinator)

    # The session, the user, their own and their groups' permissions, the count, the accounts
    # (with units and recent failures), their groups, and the organisation for the header.
    with django_assert_num_queries(8):
        response = client.get(reverse("intranet:account_list"))
    assert response.status_code == 200


def deactivate(client, account):
    return client.post(reverse("intranet:account_deactivate", args=[account.pk]))


def test_coordinator_deactivates_an_account_and_ends_its_sessions(client_as, coordinator, employee):
    their_browser = Client()
    sign_in(their_browser, "employee")
    assert is_signed_in(their_browser)
    client = client_as(coordinator)

    response = deactivate(client, employee)

    assert response.status_code == 302
    assert response["Location"] == reverse("intranet:account_list")
    employee.refresh_from_db()
    assert not employee.is_active
    assert User.objects.filter(pk=employee.pk).exists()  # deactivated, not deleted
    assert not is_signed_in(their_browser)
    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(employee.pk) not in sessions
    assert str(coordinator.pk) in sessions  # the coordinator's own session is untouched
    assert is_signed_in(client)
    # Deactivated: the right password no longer signs in.
    response = sign_in(Client(), "employee")
    assert response.status_code == 200
    assert response.context["form"].errors


def test_coordinator_reactivates_an_account(client_as, coordinator):
    factories.staff_user("returning", password=PASSWORD, is_active=False)
    account = User.objects.get(username="returning")

    response = client_as(coordinator).post(
        reverse("intranet:account_reactivate", args=[account.pk]) + "?status=inactive"
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("intranet:account_list") + "?status=inactive"
    account.refresh_from_db()
    assert account.is_active
    assert sign_in(Client(), "returning").status_code == 302


def test_coordinator_cannot_deactivate_their_own_account(client_as, coordinator):
    client = client_as(coordinator)

    response = deactivate(client, coordinator)

    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.is_active
    assert messages_of(response) == gettext(
        "You cannot deactivate your own account. Ask another coordinator or IT to do it."
    )
    assert is_signed_in(client)


def test_coordinator_cannot_deactivate_an_administrator(client_as, coordinator):
    admin = User.objects.create_superuser("it-admin", password=PASSWORD)

    deactivate(client_as(coordinator), admin)

    admin.refresh_from_db()
    assert admin.is_active


def test_coordinator_lifts_a_sign_in_lockout(client_as, coordinator, employee):
    for _ in range(10):
        sign_in(Client(), "employee", "wrong password", ip="10.0.0.5")
    assert sign_in(Client(), "employee", ip="10.0.0.5").status_code == 429

    response = client_as(coordinator).post(reverse("intranet:account_unlock", args=[employee.pk]))

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="employee").exists()
    assert sign_in(Client(), "employee", ip="10.0.0.5").status_code == 302


def test_nobody_can_delete_an_account(client_as, coordinator, employee):
    # No URL deletes an account ...
    with pytest.raises(NoReverseMatch):
        reverse("intranet:account_delete", args=[employee.pk])
    with pytest.raises(Resolver404):
        resolve(f"/intranet/accounts/{employee.pk}/delete/")
    # ... no role may delete one ...
    delete_user = Permission.objects.get(content_type__app_label="auth", codename="delete_user")
    assert not Group.objects.filter(permissions=delete_user).exists()
    assert all("auth.delete_user" not in perms for perms in roles.ROLE_PERMISSIONS.values())
    # ... and the admin offers no delete to the coordinator either, even if made staff.
    coordinator.is_staff = True
    coordinator.save()
    request = RequestFactory().get("/admin/auth/user/")
    request.user = User.objects.get(pk=coordinator.pk)
    assert not admin_site._registry[User].has_delete_permission(request, employee)
    assert not request.user.has_perm("auth.delete_user")
    assert User.objects.filter(pk=employee.pk).exists()


# The Nu Html Checker runs on Java: not for the quick loop.
@pytest.mark.slow
def test_lockout_page_and_accounts_with_a_locked_account_are_valid_html(
    client, client_as, coordinator, employee, tmp_path
):
    factories.staff_user("gone", is_active=False)
    for _ in range(10):
        locked = sign_in(client, "employee", "wrong password")
    assert locked.status_code == 429
    accounts = client_as(coordinator).get(reverse("intranet:account_list"))
    assert reverse("intranet:account_unlock", args=[employee.pk]) in accounts.content.decode()
    files = []
    for name, response in {"locked-out": locked, "accounts-locked": accounts}.items():
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)

    assert run_vnu(files) == []


# Accounts created and given roles in the portal, and where each comes from (issue 16)

NEW_ACCOUNT = {
    "username": "mnowak",
    "first_name": "Małgorzata",
    "last_name": "Nowak-Żółkiewska",
    "email": "m.nowak@example.org",
    "password1": "zielony parasol nad ratuszem",
    "password2": "zielony parasol nad ratuszem",
}


def role_names(user):
    return sorted(user.groups.values_list("name", flat=True))


def group(name):
    return Group.objects.get(name=name)


@pytest.fixture
def it_admin(make_user):
    return make_user("it", roles.IT_ADMIN)


@pytest.mark.parametrize("manager", ["coordinator", "it_admin"])
def test_a_local_account_is_created_with_its_roles_unit_and_password(request, client_as, manager):
    unit = factories.org_unit(code="BOM", name="Biuro Obsługi Mieszkańców")
    client = client_as(request.getfixturevalue(manager))

    response = client.post(
        reverse("intranet:account_create"),
        {
            **NEW_ACCOUNT,
            "unit": unit.pk,
            "roles": [group(roles.EMPLOYEE).pk, group(roles.PROCESS_OWNER).pk],
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("intranet:account_list")
    account = User.objects.get(username="mnowak")
    assert account.get_full_name() == "Małgorzata Nowak-Żółkiewska"
    assert role_names(account) == [roles.EMPLOYEE, roles.PROCESS_OWNER]
    assert account.staff_profile.unit == unit
    assert not hasattr(account, "directory_account")
    # In the change history: created, then given its roles, by whom.
    rows = list(account.history.order_by("history_id"))
    assert rows[0].history_type == "+"
    assert {row.history_user.username for row in rows} == {
        request.getfixturevalue(manager).username
    }
    assert sorted(g.group.name for g in rows[-1].groups.all()) == [
        roles.EMPLOYEE,
        roles.PROCESS_OWNER,
    ]
    # The person signs in with the first password.
    assert sign_in(Client(), "mnowak", NEW_ACCOUNT["password1"]).status_code == 302


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"password1": "short", "password2": "short"}, "password2"),
        ({"password1": "mnowak-mnowak-1", "password2": "mnowak-mnowak-1"}, "password2"),
        ({"password2": "another password entirely"}, "password2"),
        ({"username": "COORDINATOR"}, "username"),
        ({"username": "x" * 151}, "username"),
        ({"username": "bad name!"}, "username"),
        ({"email": "not an address"}, "email"),
        ({"first_name": "x" * 151}, "first_name"),
        ({"last_name": ""}, "last_name"),
        ({"roles": ["999999"]}, "roles"),
        ({"unit": "abc"}, "unit"),
    ],
)
def test_a_local_account_form_refuses_bad_input_without_an_error_page(
    client_as, coordinator, change, field
):
    response = client_as(coordinator).post(
        reverse("intranet:account_create"), {**NEW_ACCOUNT, **change}
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert (
        not User.objects.filter(username__in=["mnowak", change.get("username", "")])
        .exclude(username="coordinator")
        .exists()
    )


def test_a_local_account_sent_twice_is_created_once(client_as, coordinator):
    client = client_as(coordinator)
    token = client.get(reverse("intranet:account_create")).context["submission"]
    data = {**NEW_ACCOUNT, "submission": token}

    first = client.post(reverse("intranet:account_create"), data)
    second = client.post(reverse("intranet:account_create"), data)

    assert first.status_code == second.status_code == 302
    assert User.objects.filter(username="mnowak").count() == 1


def test_roles_are_given_and_taken_and_recorded(client_as, coordinator, employee):
    response = client_as(coordinator).post(
        reverse("intranet:account_roles", args=[employee.pk]),
        {"roles": [group(roles.AUDITOR).pk]},
    )

    assert response.status_code == 302
    assert role_names(employee) == [roles.AUDITOR]
    last = employee.history.order_by("history_id").last()
    assert last.history_user == coordinator
    assert [g.group.name for g in last.groups.all()] == [roles.AUDITOR]
    # The history page shows the change of roles to the office.
    page = client_as(coordinator).get(
        reverse("intranet:record_history", args=["user", employee.pk])
    )
    assert page.status_code == 200


def test_nobody_changes_their_own_roles_nor_an_administrators(client_as, coordinator, make_user):
    admin = make_user("root", is_superuser=True, is_staff=True)
    client = client_as(coordinator)

    for account in (coordinator, admin):
        url = reverse("intranet:account_roles", args=[account.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"roles": []}).status_code == 403
    assert role_names(coordinator) == [roles.COORDINATOR]


def test_the_directorys_roles_of_a_directory_account_are_changed_there(
    client_as, coordinator, employee, settings
):
    from qms.models import DirectoryAccount

    settings.DIRECTORY = {
        **settings.DIRECTORY,
        "ROLE_GROUPS": "employee=cn=pracownicy,dc=urzad,dc=test",
    }
    DirectoryAccount.objects.create(
        user=employee, dn="uid=employee,dc=urzad,dc=test", synced_at=timezone.now()
    )
    client = client_as(coordinator)
    url = reverse("intranet:account_roles", args=[employee.pk])

    refused = client.post(url, {"roles": []})
    given = client.post(url, {"roles": [group(roles.EMPLOYEE).pk, group(roles.SURVEY_CLERK).pk]})

    assert refused.status_code == 200
    assert "roles" in refused.context["form"].errors
    assert given.status_code == 302
    assert role_names(employee) == [roles.EMPLOYEE, roles.SURVEY_CLERK]


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"source": "directory"}, {"ldapuser"}),
        ({"source": "local"}, {"coordinator", "employee"}),
        ({"role": roles.EMPLOYEE}, {"employee", "ldapuser"}),
        ({"role": roles.EMPLOYEE, "source": "local"}, {"employee"}),
        ({"role": "nonsense", "source": "x" * 5000}, {"coordinator", "employee", "ldapuser"}),
    ],
)
def test_accounts_filter_by_role_and_source(client_as, coordinator, employee, query, shown):
    from qms.models import DirectoryAccount

    ldap_user = factories.staff_user("ldapuser", role=roles.EMPLOYEE)
    DirectoryAccount.objects.create(user=ldap_user, dn="uid=ldapuser", synced_at=timezone.now())

    response = client_as(coordinator).get(reverse("intranet:account_list"), query)

    assert {account.username for account in response.context["page_obj"]} == shown
    page = response.content.decode()
    if "ldapuser" in shown:
        with translation.override("pl"):
            assert gettext("office's directory") in html.unescape(page)


@pytest.mark.parametrize("rows", [2, 30])
def test_filtered_account_list_queries_do_not_grow_with_accounts(
    client_as, coordinator, django_assert_max_num_queries, rows
):
    from qms.models import DirectoryAccount

    for i in range(rows):
        user = factories.staff_user(f"user{i:02d}", role=roles.EMPLOYEE)
        if i % 2:
            DirectoryAccount.objects.create(user=user, dn=f"uid={i}", synced_at=timezone.now())
    client = client_as(coordinator)

    # As the unfiltered list: session, user, permissions (2), count, accounts, groups, header.
    with django_assert_max_num_queries(8):
        response = client.get(
            reverse("intranet:account_list"), {"role": roles.EMPLOYEE, "source": "directory"}
        )
    assert len(response.context["page_obj"]) == min(rows // 2, 25)


def test_it_admin_manages_accounts_and_reads_no_quality_record(client_as, it_admin):
    client = client_as(it_admin)

    assert client.get(reverse("intranet:account_list")).status_code == 200
    assert client.get(reverse("intranet:account_create")).status_code == 200
    for name in ("intranet:process_list", "intranet:document_list", "intranet:objective_list"):
        assert client.get(reverse(name)).status_code == 403
    home = client.get(reverse("intranet:home")).content.decode()
    assert f'href="{reverse("intranet:account_list")}"' in home


# The Nu Html Checker runs on Java: not for the quick loop.
@pytest.mark.slow
def test_new_account_and_roles_forms_with_errors_are_valid_html(
    client_as, coordinator, employee, tmp_path
):
    client = client_as(coordinator)
    pages = {
        "create-errors": client.post(reverse("intranet:account_create"), {"username": "x"}),
        "roles": client.get(reverse("intranet:account_roles", args=[employee.pk])),
    }
    files = []
    for name, response in pages.items():
        assert response.status_code == 200
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)

    assert run_vnu(files) == []
