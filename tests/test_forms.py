"""Bad input on the intranet forms: refused with a clear message, nothing lost or half-saved."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext

from certificates.models import Certificate, ExternalAudit
from qms.models import PolicyStatus, QualityPolicy, Representative
from tests import factories

D = datetime.date
pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def certificate_data(body, **overrides):
    data = {
        "number": "PL-QMS-0001/2024",
        "body": body.pk,
        "standard": "PN-EN ISO 9001:2015-10",
        "scope": "zadania z zakresu administracji publicznej",
        "issued_on": "2024-07-08",
        "valid_from": "2024-07-14",
        "valid_until": "2027-07-13",
        "status": "valid",
        "status_changed_on": "",
    }
    return {**data, **overrides}


def test_coordinator_records_a_certificate(client_as, coordinator):
    body = factories.body()
    response = client_as(coordinator).post(
        reverse("certificates:certificate_create"), certificate_data(body)
    )
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    assert certificate.number == "PL-QMS-0001/2024"
    assert certificate.valid_until == D(2027, 7, 13)


def test_certificate_valid_until_before_valid_from_is_refused_in_polish(client_as, coordinator):
    body = factories.body()
    response = client_as(coordinator).post(
        reverse("certificates:certificate_create"),
        certificate_data(body, valid_from="2024-07-14", valid_until="2024-07-13"),
    )
    assert response.status_code == 200
    assert "musi być późniejsza".encode() in response.content
    assert not Certificate.objects.exists()


def test_the_same_error_reads_in_english_under_en(client_as, coordinator):
    body = factories.body()
    response = client_as(coordinator).post(
        "/en" + reverse("certificates:certificate_create"),
        certificate_data(body, valid_from="2024-07-14", valid_until="2024-07-13"),
    )
    assert b"&#x27;Valid until&#x27; must be later than &#x27;valid from&#x27;." in response.content


def test_withdrawing_a_certificate_needs_the_date(client_as, coordinator):
    certificate = factories.certificate()
    response = client_as(coordinator).post(
        reverse("certificates:certificate_update", args=[certificate.pk]),
        certificate_data(certificate.body, number=certificate.number, status="withdrawn"),
    )
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.status == "valid"


def test_a_text_file_renamed_to_pdf_is_refused_as_a_scan(client_as, coordinator):
    body = factories.body()
    fake = SimpleUploadedFile(
        "skan.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"
    )
    response = client_as(coordinator).post(
        reverse("certificates:certificate_create"), {**certificate_data(body), "scan": fake}
    )
    assert response.status_code == 200
    assert b"nie jest dokumentem PDF" in response.content
    assert not Certificate.objects.exists()


def test_a_pdf_with_another_extension_is_refused_as_a_scan(client_as, coordinator):
    body = factories.body()
    upload = SimpleUploadedFile("skan.exe", PDF_BYTES, "application/octet-stream")
    response = client_as(coordinator).post(
        reverse("certificates:certificate_create"), {**certificate_data(body), "scan": upload}
    )
    assert response.status_code == 200
    assert not Certificate.objects.exists()


def test_an_oversized_scan_is_refused(client_as, coordinator, settings):
    settings.MAX_UPLOAD_SIZE = 100
    body = factories.body()
    upload = SimpleUploadedFile("skan.pdf", PDF_BYTES + b" " * 200, "application/pdf")
    response = client_as(coordinator).post(
        reverse("certificates:certificate_create"), {**certificate_data(body), "scan": upload}
    )
    assert "za duży".encode() in response.content
    assert not Certificate.objects.exists()


def test_a_real_pdf_scan_is_stored_privately_and_downloaded_as_attachment(
    client_as, coordinator, settings
):
    body = factories.body()
    upload = SimpleUploadedFile("../../etc/skan certyfikatu.pdf", PDF_BYTES, "application/pdf")
    client = client_as(coordinator)
    response = client.post(
        reverse("certificates:certificate_create"), {**certificate_data(body), "scan": upload}
    )
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    stored = settings.PRIVATE_MEDIA_ROOT / certificate.scan.name
    assert stored.read_bytes() == PDF_BYTES
    assert ".." not in certificate.scan.name
    client.logout()
    download = client.get(reverse("public:certificate_scan", args=[certificate.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_scan_of_a_certificate_without_one_is_not_found(client):
    certificate = factories.certificate()
    assert client.get(reverse("public:certificate_scan", args=[certificate.pk])).status_code == 404


def test_external_audit_ending_before_it_starts_is_refused(client_as, coordinator):
    body = factories.body()
    response = client_as(coordinator).post(
        reverse("certificates:externalaudit_create"),
        {
            "kind": "recertification",
            "first_day": "2021-06-11",
            "last_day": "2021-06-08",
            "body": body.pk,
            "lead_auditor": "Ewa",
            "result": "positive",
        },
    )
    assert response.status_code == 200
    assert "Ostatni dzień nie może".encode() in response.content
    assert not ExternalAudit.objects.exists()


def representative_data(**overrides):
    data = {
        "full_name": "Jan Kowalski",
        "title": "Pełnomocnik Prezydenta Miasta ds. ISO",
        "email": "jan.kowalski@example.org",
        "phone": "(32) 373 33 71",
        "appointed_on": "2026-01-05",
        "appointed_by": "Prezydent Miasta Zabrze",
    }
    return {**data, **overrides}


def test_a_second_current_representative_is_refused(client_as, coordinator):
    factories.representative()
    earlier = factories.representative(
        full_name="Anna Wcześniejsza",
        is_current=False,
        ended_on=D(2016, 12, 31),
        appointed_on=D(2008, 1, 2),
    )
    response = client_as(coordinator).post(
        reverse("intranet:representative_update", args=[earlier.pk]),
        representative_data(full_name="Anna Wcześniejsza", is_current="on", ended_on=""),
    )
    assert response.status_code == 200
    assert "Inny pełnomocnik".encode() in response.content
    assert Representative.objects.filter(is_current=True).count() == 1


def test_an_email_that_is_not_one_is_refused(client_as, coordinator):
    response = client_as(coordinator).post(
        reverse("intranet:representative_create"), representative_data(email="sekretariat at um")
    )
    assert response.status_code == 200
    assert "Wprowadź poprawny adres email.".encode() in response.content
    assert not Representative.objects.exists()


def test_appointing_a_representative_ends_the_previous_term(client_as, coordinator):
    previous = factories.representative()
    response = client_as(coordinator).post(
        reverse("intranet:representative_create"), representative_data()
    )
    assert response.status_code == 302
    previous.refresh_from_db()
    assert not previous.is_current
    assert previous.ended_on == D(2026, 1, 4)
    assert Representative.objects.current().full_name == "Jan Kowalski"


def test_an_appointment_earlier_than_the_current_one_is_refused(client_as, coordinator):
    factories.representative(appointed_on=D(2017, 1, 2))
    response = client_as(coordinator).post(
        reverse("intranet:representative_create"), representative_data(appointed_on="2016-05-01")
    )
    assert response.status_code == 200
    assert Representative.objects.count() == 1
    assert Representative.objects.current().full_name == "Małgorzata Giela"


def test_an_appointment_on_the_day_of_the_current_one_is_refused_by_the_form(
    client_as, coordinator
):
    # The previous term would end the day before it began: the form says so, not the database.
    factories.representative(appointed_on=D(2017, 1, 2))
    response = client_as(coordinator).post(
        reverse("intranet:representative_create"), representative_data(appointed_on="2017-01-02")
    )
    assert response.status_code == 200
    message = gettext("The new appointment must be later than the current one (%(date)s).") % {
        "date": date_format(D(2017, 1, 2), "SHORT_DATE_FORMAT")
    }
    assert response.context["form"].errors["appointed_on"] == [message]
    assert escape(message) in response.content.decode()
    assert Representative.objects.count() == 1
    assert Representative.objects.current().ended_on is None


def test_putting_a_policy_in_force_supersedes_the_previous_one(client_as, coordinator):
    old = factories.policy(version=1)
    draft = factories.policy(version=2, status=PolicyStatus.DRAFT, approved_on=D(2026, 3, 1))
    response = client_as(coordinator).post(reverse("intranet:policy_put_in_force", args=[draft.pk]))
    assert response.status_code == 302
    old.refresh_from_db()
    draft.refresh_from_db()
    assert old.status == PolicyStatus.SUPERSEDED
    assert draft.status == PolicyStatus.IN_FORCE
    assert draft.put_in_force_by == coordinator
    assert QualityPolicy.objects.in_force() == draft


def test_a_policy_without_approval_date_stays_a_draft(client_as, coordinator):
    old = factories.policy(version=1)
    draft = factories.policy(version=2, status=PolicyStatus.DRAFT, approved_on=None)
    client = client_as(coordinator)
    response = client.post(reverse("intranet:policy_put_in_force", args=[draft.pk]), follow=True)
    assert "datę zatwierdzenia".encode() in response.content
    draft.refresh_from_db()
    assert draft.status == PolicyStatus.DRAFT
    assert QualityPolicy.objects.in_force() == old


def test_a_policy_in_force_cannot_be_edited(client_as, coordinator):
    policy = factories.policy()
    client = client_as(coordinator)
    response = client.post(
        reverse("intranet:policy_update", args=[policy.pk]),
        {"version": policy.version, "text": "Zmieniony tekst", "approved_on": "2020-01-01"},
    )
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.text != "Zmieniony tekst"


def test_a_new_policy_version_starts_from_the_text_in_force(client_as, coordinator):
    factories.policy(version=4, text="Obowiązujący tekst polityki.")
    response = client_as(coordinator).get(reverse("intranet:policy_create"))
    assert b'value="5"' in response.content
    assert "Obowiązujący tekst polityki.".encode() in response.content


def test_coordinator_edits_the_organisation(client_as, coordinator):
    response = client_as(coordinator).post(
        reverse("intranet:organisation_update"),
        {"name": "Urząd Miejski w Zabrzu", "email": "um@example.org", "website": "um.example.org"},
    )
    assert response.status_code == 302
    organisation = factories.organisation()
    assert organisation.website == "https://um.example.org"
