"""Every list and detail page answers in a fixed number of queries, however many rows there are."""

import datetime

import pytest
from django.urls import reverse

from qms.models import PolicyStatus
from tests import factories

pytestmark = pytest.mark.django_db


def add_rows(n):
    """n certificates (each with a body and an audit), policies and representatives."""
    body = factories.body()
    for i in range(n):
        start = datetime.date(1991 + i, 1, 1)
        certificate = factories.certificate(
            body=body if i % 2 else factories.body(),
            valid_from=start,
            valid_until=start + datetime.timedelta(days=3 * 365),
        )
        factories.external_audit(
            body=certificate.body,
            certificate=certificate,
            first_day=start,
            last_day=start + datetime.timedelta(days=2),
            strengths="zaangażowanie kierownictwa\nkontekst organizacji",
        )
        factories.policy(status=PolicyStatus.SUPERSEDED)
        factories.representative(
            full_name=f"Osoba {i}",
            is_current=False,
            appointed_on=start,
            ended_on=start + datetime.timedelta(days=30),
        )


PAGES = [
    # (url name, who, queries): session, user and permissions count for signed-in pages.
    # The quality page: + 1 for the 'metryczka', read from the records' change history, + 2 for
    # the survey's section (the latest published campaign with its figures, the open one), + 1
    # for the revision of the public records, which names the page in the cache
    # (qms/public_cache.py; rendered once, the page costs that query alone: test_public_cache.py).
    ("public:quality_page", None, 13),
    ("certificates:certificate_list", "coordinator", 7),
    ("certificates:externalaudit_list", "coordinator", 7),
    ("certificates:body_list", "coordinator", 7),
    ("intranet:policy_list", "coordinator", 7),
    ("intranet:representative_list", "coordinator", 7),
    # With the findings of processes without an owner and their actions, which the office answers,
    # and the survey's open campaigns with their figures, and the context's entries due for review.
    ("intranet:home", "coordinator", 17),
]


@pytest.mark.parametrize(("name", "who", "queries"), PAGES)
@pytest.mark.parametrize("rows", [2, 30])
def test_page_queries_do_not_grow_with_rows(
    request, client_as, django_assert_num_queries, name, who, queries, rows
):
    factories.organisation()
    add_rows(rows)
    client = client_as(request.getfixturevalue(who) if who else None)
    with django_assert_num_queries(queries):
        response = client.get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [2, 30])
def test_certificate_detail_queries_do_not_grow_with_audits(
    client, django_assert_num_queries, rows
):
    factories.organisation()
    certificate = factories.certificate()
    for i in range(rows):
        day = datetime.date(2024 + i // 12, i % 12 + 1, 1)
        factories.external_audit(
            body=certificate.body, certificate=certificate, first_day=day, last_day=day
        )
    # The certificate, its audits, the organisation, the change history (its 'metryczka'), and
    # the revision of the public records (the page's key in the cache).
    with django_assert_num_queries(5):
        response = client.get(certificate.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [2, 30])
def test_intranet_home_queries_do_not_grow_with_documents_to_read(
    client_as, make_user, django_assert_num_queries, rows
):
    from qms import roles

    unit = factories.org_unit()
    reader = factories.staff_user("reader", unit=unit, role=roles.EMPLOYEE)
    author, approver = make_user("author"), make_user("approver")
    for _ in range(rows):
        document = factories.document(unit=unit, concerned_units=[unit])
        factories.version_in_force(document, author=author, approver=approver)
    client = client_as(reader)
    with django_assert_num_queries(9):
        response = client.get(reverse("intranet:home"))
    assert response.status_code == 200
    # Each document to read, the list's link to the register, and the card's.
    assert response.content.count(b'<a href="/intranet/documents/') == min(rows, 20) + 2
