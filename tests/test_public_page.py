"""What residents read on the public pages, built from the records; the certificate on the
intranet home."""

import datetime
import os

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from certificates.models import Certificate, CertificateStatus
from tests import factories

D = datetime.date
pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_quality_page_without_records_explains_itself(client):
    page = text(client.get(reverse("public:quality_page")))
    assert "nie ma obecnie ważnego certyfikatu" in page
    assert "Dane demonstracyjne" not in page


def test_archived_external_audit_is_hidden_from_residents(client):
    factories.organisation()
    factories.external_audit(lead_auditor="X", summary="Widoczny audyt.")
    factories.external_audit(
        first_day=D(2025, 9, 1), last_day=D(2025, 9, 2), summary="Błędny wpis.", is_archived=True
    )
    page = text(client.get(reverse("public:quality_page")))
    assert "Widoczny audyt." in page
    assert "Błędny wpis." not in page


def test_withdrawn_certificate_is_shown_as_withdrawn(client):
    certificate = factories.certificate(status="withdrawn", status_changed_on=D(2025, 1, 10))
    page = text(client.get(certificate.get_absolute_url()))
    assert "wycofany" in page
    assert "10 stycznia 2025" in page


def test_coordinator_home_warns_when_no_certificate_is_valid(client_as, coordinator):
    page = text(client_as(coordinator).get(reverse("intranet:home")))
    assert "alert-danger" in page


def test_coordinator_home_counts_the_days_left(client_as, coordinator):
    today = timezone.localdate()
    factories.certificate(
        number="PL-1",
        valid_from=today - datetime.timedelta(days=10),
        valid_until=today + datetime.timedelta(days=100),
    )
    page = text(client_as(coordinator).get(reverse("intranet:home")))
    assert "PL-1" in page
    assert "100 dni" in page
    assert "alert-warning" in page


def current_certificate_card(page):
    """The residents' page's "Current certificate" section."""
    start = page.index('id="current-heading"')
    return page[start : page.index("</section>", start)]


def days_left_phrase():
    """What each form of "N days of validity left" (1, 2, 5 days) starts with, in Polish."""
    forms = [
        ngettext("%(days)s day of validity left.", "%(days)s days of validity left.", n)
        for n in (1, 2, 5)
    ]
    return os.path.commonprefix(forms).split("%(days)s")[0]


def test_of_two_overlapping_certificates_the_one_valid_longer_is_current(client):
    factories.organisation()
    today = timezone.localdate()
    longer = factories.certificate(
        number="PL-DŁUŻSZY",
        valid_from=today - datetime.timedelta(days=400),
        valid_until=today + datetime.timedelta(days=400),
    )
    factories.certificate(
        number="PL-NOWSZY",
        issued_on=today - datetime.timedelta(days=10),
        valid_from=today - datetime.timedelta(days=10),
        valid_until=today + datetime.timedelta(days=200),
    )
    assert Certificate.objects.current() == longer
    card = current_certificate_card(text(client.get(reverse("public:quality_page"))))
    assert "PL-DŁUŻSZY" in card
    assert "PL-NOWSZY" not in card


def test_withdrawn_certificate_is_never_current_and_counts_no_days(client):
    factories.organisation()
    today = timezone.localdate()
    valid = factories.certificate(
        number="PL-WAŻNY",
        valid_from=today - datetime.timedelta(days=400),
        valid_until=today + datetime.timedelta(days=100),
    )
    # Within its dates and valid for longer: only its status keeps it from being current.
    withdrawn = factories.certificate(
        number="PL-WYCOFANY",
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=900),
        status=CertificateStatus.WITHDRAWN,
        status_changed_on=today - datetime.timedelta(days=1),
    )
    card = current_certificate_card(text(client.get(reverse("public:quality_page"))))
    assert "PL-WAŻNY" in card and "PL-WYCOFANY" not in card

    assert days_left_phrase() in text(client.get(valid.get_absolute_url()))
    page = text(client.get(withdrawn.get_absolute_url()))
    assert "wycofany" in page
    assert days_left_phrase() not in page


def test_a_withdrawn_certificate_alone_leaves_the_office_without_a_current_one(client):
    factories.organisation()
    today = timezone.localdate()
    factories.certificate(
        number="PL-WYCOFANY",
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=900),
        status=CertificateStatus.WITHDRAWN,
        status_changed_on=today - datetime.timedelta(days=1),
    )
    card = current_certificate_card(text(client.get(reverse("public:quality_page"))))
    assert "PL-WYCOFANY" not in card
    assert "nie ma obecnie ważnego certyfikatu" in card


def test_employee_home_links_only_to_what_they_may_open(client_as, employee, coordinator):
    certificates = f'href="{reverse("certificates:certificate_list")}"'
    assert certificates not in text(client_as(employee).get(reverse("intranet:home")))
    assert certificates in text(client_as(coordinator).get(reverse("intranet:home")))


# --- The demo data, loaded once for the tests below ---------------------------------------------


def test_quality_page_shows_the_seed_facts(client, shared_demo):
    page = text(client.get(reverse("public:quality_page")))
    assert '<html lang="pl">' in page
    for fact in [
        "Urząd Miejski w Zabrzu",
        "od 2008",
        "8–11 czerwca 2021",
        "audyt ponownej certyfikacji",
        "PN-EN ISO 9001:2015-10",
        "wykonywanie przez Urząd Miejski w Zabrzu zadań z zakresu administracji publicznej",
        "nieustające zaangażowanie Kierownictwa w działania projakościowe oraz proklienckie",
        "kompleksowo zdefiniowany kontekst organizacji oraz zainteresowane strony",
        "Małgorzata Giela",
        "Pełnomocnik Prezydenta Miasta ds. ISO",
        'href="mailto:sekretariat_wru@um.zabrze.pl"',
        'href="tel:+48323733370"',
        "(32) 373 33 70",
        "Dane demonstracyjne",
    ]:
        assert fact in page, fact


def test_quality_page_shows_the_current_certificate_and_policy(client, shared_demo):
    page = text(client.get(reverse("public:quality_page")))
    current = Certificate.objects.current()
    assert current.number in page
    assert "wygasa 13 lipca 2027" in page
    assert "Wersja 2, zatwierdzona 1 marca 2018" in page
    assert "Urząd Miejski w Zabrzu działa dla mieszkańców" in page


def test_quality_page_carries_the_bip_publication_details(client, shared_demo):
    page = text(client.get(reverse("public:quality_page")))
    for label in ["Metryczka", "Wytworzył", "Data publikacji", "21 czerwca 2021"]:
        assert label in page
    assert "Data ostatniej zmiany" in page
    assert f'href="{reverse("public:change_register")}"' in page


def test_quality_page_reads_in_english_under_en(client, shared_demo):
    page = text(client.get("/en/"))
    assert '<html lang="en">' in page
    assert "Quality management" in page
    assert (
        "has held an ISO 9001 quality management system certificate without a break since 2008"
        in page
    )


def test_certificate_page_links_its_pdf_and_audits(client, shared_demo):
    certificate = Certificate.objects.get(number="PL-QMS-0142/2021")
    page = text(client.get(certificate.get_absolute_url()))
    assert reverse("public:certificate_pdf", args=[certificate.pk]) in page
    assert "8–11 czerwca 2021" in page
    assert "Metryczka" in page


def test_accessibility_statement_names_the_contact_and_procedure(client, shared_demo):
    page = text(client.get(reverse("public:accessibility")))
    assert "Deklaracja dostępności" in page
    assert "Rzecznik" in page
    assert 'href="mailto:um@um.zabrze.pl"' in page
