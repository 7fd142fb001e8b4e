"""Who may open what: the permission ladder for every page of this issue."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    ("public:quality_page", {}),
    ("public:accessibility", {}),
    ("public:certificate_detail", {"pk": "cert"}),
    ("public:certificate_pdf", {"pk": "cert"}),
    ("login", {}),
]

# (url name, kwargs, the permission it needs: "view" pages are open to auditors too)
INTRANET_PAGES = [
    ("certificates:certificate_list", {}, "view"),
    ("certificates:certificate_create", {}, "change"),
    ("certificates:certificate_update", {"pk": "cert"}, "change"),
    ("certificates:body_list", {}, "view"),
    ("certificates:body_create", {}, "change"),
    ("certificates:body_update", {"pk": "body"}, "change"),
    ("certificates:externalaudit_list", {}, "view"),
    ("certificates:externalaudit_create", {}, "change"),
    ("certificates:externalaudit_update", {"pk": "audit"}, "change"),
    ("intranet:policy_list", {}, "view"),
    ("intranet:policy_create", {}, "change"),
    ("intranet:policy_update", {"pk": "draft"}, "change"),
    ("intranet:representative_list", {}, "view"),
    ("intranet:representative_create", {}, "change"),
    ("intranet:representative_update", {"pk": "rep"}, "change"),
    ("intranet:organisation_update", {}, "change"),
]


@pytest.fixture
def records():
    certificate = factories.certificate()
    return {
        "cert": certificate.pk,
        "body": certificate.body.pk,
        "audit": factories.external_audit(certificate=certificate).pk,
        "draft": factories.policy(status="draft").pk,
        "rep": factories.representative().pk,
    }


def url_for(name, kwargs, records):
    return reverse(name, kwargs={k: records[v] for k, v in kwargs.items()})


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_PAGES)
def test_anonymous_visitor_opens_public_pages(client, records, name, kwargs):
    assert client.get(url_for(name, kwargs, records)).status_code == 200


@pytest.mark.parametrize(("name", "kwargs", "_need"), [*INTRANET_PAGES, ("intranet:home", {}, "")])
def test_anonymous_visitor_is_sent_to_login(client, records, name, kwargs, _need):
    url = url_for(name, kwargs, records)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize(("name", "kwargs", "_need"), INTRANET_PAGES)
@pytest.mark.parametrize("role", ["employee", "owner"])
def test_staff_without_a_quality_role_are_refused(
    request, client_as, records, role, name, kwargs, _need
):
    client = client_as(request.getfixturevalue(role))
    response = client.get(url_for(name, kwargs, records))
    assert response.status_code == 403
    assert "Brak dostępu".encode() in response.content or b"Access denied" in response.content


@pytest.mark.parametrize(("name", "kwargs", "need"), INTRANET_PAGES)
def test_auditor_reads_but_does_not_edit(client_as, auditor, records, name, kwargs, need):
    response = client_as(auditor).get(url_for(name, kwargs, records))
    assert response.status_code == (200 if need == "view" else 403)


@pytest.mark.parametrize(("name", "kwargs", "_need"), INTRANET_PAGES)
def test_coordinator_opens_every_intranet_page(
    client_as, coordinator, records, name, kwargs, _need
):
    assert client_as(coordinator).get(url_for(name, kwargs, records)).status_code == 200


def test_every_role_opens_the_intranet_home(client_as, employee, owner, auditor, coordinator):
    for user in (employee, owner, auditor, coordinator):
        assert client_as(user).get(reverse("intranet:home")).status_code == 200


def test_employee_home_links_only_to_what_they_may_open(client_as, employee, coordinator):
    assert reverse("certificates:certificate_list").encode() not in (
        client_as(employee).get(reverse("intranet:home")).content
    )
    assert reverse("certificates:certificate_list").encode() in (
        client_as(coordinator).get(reverse("intranet:home")).content
    )


def test_employee_cannot_post_to_a_form(client_as, employee, records):
    response = client_as(employee).post(
        reverse("certificates:certificate_update", args=[records["cert"]]), {"number": "X"}
    )
    assert response.status_code == 403


def test_putting_a_policy_in_force_needs_a_post(client_as, coordinator, records):
    url = reverse("intranet:policy_put_in_force", args=[records["draft"]])
    assert client_as(coordinator).get(url).status_code == 405


def test_auditor_cannot_put_a_policy_in_force(client_as, auditor, records):
    url = reverse("intranet:policy_put_in_force", args=[records["draft"]])
    assert client_as(auditor).post(url).status_code == 403


def test_logout_is_a_post_and_get_is_refused(client_as, employee):
    client = client_as(employee)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("intranet:home")).status_code == 302


def test_login_with_demo_style_credentials(client, employee):
    from tests.conftest import PASSWORD

    response = client.post(reverse("login"), {"username": "employee", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("intranet:home")


def test_wrong_password_is_refused_with_a_message(client, employee):
    response = client.post(reverse("login"), {"username": "employee", "password": "wrong"})
    assert response.status_code == 200
    assert "Wprowadź poprawne wartości pól".encode() in response.content
