"""The public pages and PDFs kept in the cache (qms/public_cache.py): rendered once, then served
for the cost of one query; never stale, whichever record changes; never kept for, nor given to,
a signed-in user. Each test runs on the configured cache (conftest: files, or Redis when
REDIS_URL is set, as `.ci/run` does for the PostgreSQL run)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from qms import benchmarking as bench
from qms import public_cache
from qms.models import Representative
from surveys import services as survey_services
from tests import factories, helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_records():
    factories.organisation(phone="(32) 373 33 00")
    certificate = factories.certificate(
        valid_from=datetime.date(2024, 7, 1), valid_until=datetime.date(2030, 6, 30)
    )
    representative = factories.representative()
    return certificate, representative


def test_a_page_rendered_once_costs_one_query_and_is_the_same(
    client, public_records, django_assert_num_queries
):
    first = client.get("/")
    assert first.status_code == 200
    with django_assert_num_queries(1):
        again = client.get("/")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "public, max-age=60"
    assert "Cookie" in again["Vary"]


def test_the_revision_is_one_query_whatever_the_number_of_records(
    public_records, django_assert_num_queries
):
    public_cache.revision()  # on PostgreSQL, a connection's first also prepares it
    with django_assert_num_queries(1):
        few = public_cache.revision()
    for _ in range(30):
        factories.external_audit()
    with django_assert_num_queries(1):
        many = public_cache.revision()
    assert many != few


def plain_revision():
    with connection.cursor() as cursor:
        cursor.execute(public_cache.revision_sql())
        return tuple(cursor.fetchone())


def prepared_revisions():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'qms_public_revision_%%'"
        )
        return cursor.fetchone()[0]


on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL prepares the revision's query"
)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_revision_is_prepared_once_a_connection_and_reads_the_same(
    public_records, django_assert_num_queries
):
    connection.close()
    # Prepared in a transaction that is rolled back: the statement stays.
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.external_audit()
        assert public_cache.revision() == plain_revision()
        raise RuntimeError("rolled back")
    assert prepared_revisions() == 1
    before = public_cache.revision()
    assert before == plain_revision()
    # A change is read at once, for one query.
    factories.external_audit()
    with django_assert_num_queries(1):
        after = public_cache.revision()
    assert after != before and after == plain_revision()
    # A new connection prepares it again, once.
    connection.close()
    assert public_cache.revision() == plain_revision()
    with django_assert_num_queries(1):
        public_cache.revision()
    assert prepared_revisions() == 1


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_with_connections_for_one_request_the_revision_is_sent_as_it_is(public_records):
    lasting = connection.settings_dict["CONN_MAX_AGE"]
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = 0
    try:
        assert public_cache.revision() == plain_revision()
        assert prepared_revisions() == 0
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = lasting
        connection.close()


def test_the_pdf_rendered_once_is_served_from_the_cache(
    client, public_records, django_assert_num_queries
):
    certificate, _representative = public_records
    url = reverse("public:certificate_pdf", args=[certificate.pk])
    first = client.get(url)
    assert first["Content-Type"] == "application/pdf"
    with django_assert_num_queries(1):
        again = client.get(url)
    assert again.content == first.content
    assert again["Content-Disposition"] == first["Content-Disposition"]


def test_the_shared_cache_holds_the_page_s_parts_and_each_worker_its_own_copy(
    client, public_records, django_assert_num_queries
):
    """What another worker finds in the shared cache is plain parts (no pickled response); a
    worker that served a page answers it again from its own memory, even when the shared cache
    has lost it, because the key names the revision."""
    first = client.get("/")
    (key,) = list(public_cache._recent.pages)
    status, headers, content = cache.get(key)
    assert (status, content) == (200, first.content)
    assert dict(headers)["Content-Type"] == "text/html; charset=utf-8"
    cache.clear()
    with django_assert_num_queries(1):
        again = client.get("/")
    assert again.content == first.content
    public_cache.forget()
    cache.set(key, (200, (("Content-Type", "text/html; charset=utf-8"),), b"from the cache"))
    with django_assert_num_queries(1):
        assert client.get("/").content == b"from the cache"


def test_a_worker_keeps_a_bounded_number_of_pages_and_bytes(monkeypatch):
    recent = public_cache._Recent()
    monkeypatch.setattr(public_cache, "RECENT_PAGES", 3)
    monkeypatch.setattr(public_cache, "RECENT_BYTES", 100)
    for number in range(5):
        recent.put(f"page-{number}", (200, (), b"x" * 10))
    assert list(recent.pages) == ["page-2", "page-3", "page-4"]
    recent.get("page-2")  # used again: the last to go
    recent.put("big", (200, (), b"x" * 85))
    assert list(recent.pages) == ["page-2", "big"]
    assert recent.size == 95
    recent.put("too big", (200, (), b"x" * 101))
    assert "too big" not in recent.pages and recent.size <= 100


CHANGES = {
    "representative": lambda records: _save(records[1], phone="(32) 999 99 99"),
    "organisation": lambda records: factories.organisation(name="Urząd Miasta Próbnego"),
    "certificate": lambda records: _save(records[0], number="CERT-999999"),
    "external audit": lambda records: factories.external_audit(
        certificate=records[0], body=records[0].body, lead_auditor="Ewa Nowa-Audytorka"
    ),
    "policy": lambda records: factories.policy(text="Nowa polityka jakości 999"),
}
SHOWN = {
    "representative": "(32) 999 99 99",
    "organisation": "Urząd Miasta Próbnego",
    "certificate": "CERT-999999",
    "external audit": "2025",
    "policy": "Nowa polityka jakości 999",
}


def _save(record, **fields):
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()


@pytest.mark.parametrize("record", CHANGES)
def test_a_change_to_any_record_shown_is_seen_by_the_next_request(client, public_records, record):
    before = client.get("/")
    CHANGES[record](public_records)
    after = client.get("/")
    assert after["ETag"] != before["ETag"]
    assert after.content != before.content
    if record != "external audit":
        assert SHOWN[record] in after.content.decode()


def test_the_published_survey_results_are_seen_at_once(client, public_records, coordinator):
    campaign = factories.campaign(
        opens_on=timezone.localdate() - datetime.timedelta(days=60),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    factories.survey_response(campaign, scores=(5, 4))
    report = reverse("public:survey_report_pdf", args=[campaign.code])
    assert client.get(report).status_code == 404
    client.get("/")
    survey_services.campaign_publish(campaign=campaign, user=coordinator)
    assert client.get(report).status_code == 200
    assert campaign.name in client.get("/").content.decode()


def test_each_language_has_its_own_copy(client, public_records):
    polish = client.get("/")
    english = client.get("/en/")
    assert b'lang="pl"' in polish.content
    assert b'lang="en"' in english.content
    assert client.get("/").content == polish.content
    assert client.get("/en/").content == english.content


def test_a_conditional_get_is_answered_304_until_something_changes(client, public_records):
    page = client.get("/")
    assert client.get("/", headers={"if-none-match": page["ETag"]}).status_code == 304
    assert client.get("/", headers={"if-modified-since": page["Last-Modified"]}).status_code == 304
    _save(public_records[1], phone="(32) 111 11 11")
    again = client.get("/", headers={"if-none-match": page["ETag"]})
    assert again.status_code == 200
    assert "(32) 111 11 11" in again.content.decode()


def test_the_day_is_part_of_the_key_so_a_certificate_expires_on_the_page(
    client, public_records, travel
):
    certificate, _representative = public_records
    travel(certificate.valid_until)
    valid = client.get("/")
    travel(certificate.valid_until + datetime.timedelta(days=1))
    expired = client.get("/")
    assert valid["ETag"] != expired["ETag"]
    assert "The office holds no valid certificate" in _english(client)
    assert expired.content != valid.content
    # Last-Modified is midnight of the new day at the latest: the page changed then.
    assert expired["Last-Modified"] != valid["Last-Modified"]


def _english(client):
    return client.get("/en/").content.decode()


def test_a_signed_in_user_is_never_given_nor_leaves_a_cached_page(
    client, public_records, coordinator, django_assert_max_num_queries
):
    anonymous = client.get("/")
    client.force_login(coordinator)
    signed_in = client.get("/")
    assert "no-store" in signed_in["Cache-Control"]
    assert "ETag" not in signed_in
    assert coordinator.get_username().encode() in signed_in.content
    assert signed_in.content != anonymous.content
    client.logout()
    client.cookies.clear()
    with django_assert_max_num_queries(1):
        after = client.get("/")
    assert coordinator.get_username().encode() not in after.content


def test_intranet_pages_go_through_no_cache(client, demo, django_user_model):
    coordinator = django_user_model.objects.get(username="coordinator")
    pages = [
        reverse("intranet:home"),
        reverse("intranet:document_list"),
        reverse("certificates:certificate_list"),
        reverse("audits:programme_list"),
    ]
    client.force_login(coordinator)
    for url in pages:
        assert client.get(url).status_code == 200
    client.logout()
    client.cookies.clear()
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_a_visitor_with_a_message_waiting_gets_a_page_of_their_own(client, public_records):
    client.get("/")
    client.cookies["messages"] = "anything"
    response = client.get("/")
    assert response.status_code == 200
    assert "ETag" not in response


def test_a_missing_page_is_not_kept(client, public_records):
    url = reverse("public:certificate_detail", args=[999999])
    assert client.get(url).status_code == 404
    factories.certificate(pk=999999)
    assert client.get(url).status_code == 200


def test_a_page_changed_without_a_new_revision_would_be_served_as_it_was(
    client, public_records, django_assert_num_queries
):
    """What the revision relies on: a change through save() (every form and service) moves
    `updated_at`; a bulk update() bypasses it, and the cache keeps showing the page as it was.
    The portal makes no such update of a public record (grep: `.update(` on them); after one
    made by hand, the cache is cleared and the workers restarted (each keeps pages too)."""
    client.get("/")
    Representative.objects.update(phone="(32) 555 55 55")
    assert "(32) 555 55 55" not in client.get("/").content.decode()
    cache.clear()
    assert "(32) 555 55 55" not in client.get("/").content.decode()
    public_cache.forget()
    assert "(32) 555 55 55" in client.get("/").content.decode()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_servers_on_one_database_and_one_cache_never_serve_a_stale_page():
    """Two gunicorn instances share the database and the cache (the test's own: files or
    Redis). What one renders, the other serves; a change is seen by both at once."""
    factories.organisation()
    representative = factories.representative(phone="(32) 100 00 01")
    environment = bench.cache_environment()
    app = bench.WSGI_APP

    def phone_on(port):
        status, _headers, body = bench.request(port, "GET", "/")
        assert status == 200
        return "(32) 100 00 01" if "(32) 100 00 01" in body.decode() else body.decode()

    with (
        helpers.gunicorn(environment, app=app) as (first, _log),
        helpers.gunicorn(environment, app=app) as (second, _log2),
    ):
        assert phone_on(first) == "(32) 100 00 01"
        # Changed behind the revision's back: the second server serves the first one's copy.
        Representative.objects.update(phone="(32) 100 00 02")
        assert phone_on(second) == "(32) 100 00 01"
        # Changed as the portal changes records: both see it at once.
        representative.refresh_from_db()
        representative.phone = "(32) 100 00 03"
        representative.save()
        for port in (second, first):
            status, _headers, body = bench.request(port, "GET", "/")
            assert "(32) 100 00 03" in body.decode()
