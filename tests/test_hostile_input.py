"""What an attacker or a careless user tries, and what holds: the sign-in lockout behind a proxy,
archives built to exhaust memory, dates at the ends of the calendar, forged paths and names,
easy passwords, cached private pages, refusals in the logs, a withdrawn certificate's scan and
a damaged backup."""

import datetime
import io
import logging
import resource
import zipfile

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate, CertificateStatus
from qms import roles
from qms.security import NotBasedOnUsernameValidator, client_ip
from qms.uploads import detect_document_type, validate_file_name
from tests import factories
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
PROXY = "10.0.0.2"  # the TLS-terminating proxy: every request reaches the portal from it


def sign_in_behind_proxy(client, username, password, *, client_address, forged=""):
    """A sign-in as it reaches the portal through the proxy, which appends the address it saw;
    `forged` is whatever the client itself put in X-Forwarded-For."""
    forwarded = f"{forged}, {client_address}" if forged else client_address
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


# The sign-in lockout behind a proxy


def test_behind_a_proxy_the_address_counted_is_the_one_the_proxy_appended(rf, settings):
    settings.TRUSTED_PROXIES = 1
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_ip(request) == "203.0.113.7"
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(request) == PROXY
    settings.TRUSTED_PROXIES = 0
    request = rf.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_ip(request) == "198.51.100.4"


def test_failures_behind_a_proxy_lock_only_the_attackers_address(settings, make_user):
    settings.TRUSTED_PROXIES = 1
    make_user("employee", roles.EMPLOYEE)
    make_user("owner", roles.PROCESS_OWNER)
    attacker = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in_behind_proxy(
            attacker, "employee", "wrong", client_address="203.0.113.66", forged=f"1.1.1.{n}"
        )
    # The attacker is locked out of that account, whatever they forge ...
    locked = sign_in_behind_proxy(
        attacker, "employee", PASSWORD, client_address="203.0.113.66", forged="9.9.9.9"
    )
    assert locked.status_code == 429
    # ... while the employee at their own desk, and a colleague, sign in.
    for username in ("employee", "owner"):
        desk = Client()
        signed = sign_in_behind_proxy(desk, username, PASSWORD, client_address="192.0.2.10")
        assert signed.status_code == 302, username
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.66"}


def test_without_a_proxy_a_forged_header_changes_nothing(settings, make_user):
    settings.TRUSTED_PROXIES = 0
    make_user("employee", roles.EMPLOYEE)
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN_URL,
            {"username": "employee", "password": "wrong"},
            REMOTE_ADDR="198.51.100.4",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.4"}


# Archives built to exhaust memory


def office_archive(members, *, mimetype=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if mimetype is not None:
            archive.writestr("mimetype", mimetype)
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_disguised_as_an_open_document_is_refused_without_unpacking_it():
    # A `mimetype` member of about 20 MB compressed from a gigabyte of zeros: the old check
    # read it whole into memory.
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("mimetype", "w", force_zip64=True) as member:
            chunk = b"\0" * (16 * 1024 * 1024)
            for _ in range(64):
                member.write(chunk)
        archive.writestr("content.xml", "<xml/>")
    upload = SimpleUploadedFile("wniosek.odt", bomb.getvalue())
    assert upload.size < 20 * 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB, the peak so far
    with pytest.raises(ValidationError) as refused:
        detect_document_type(upload)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert refused.value.code == "bad_archive"
    # The peak resident memory grew by less than 50 MB (the upload itself is about 1 MB).
    assert after - before < 50 * 1024


def test_an_archive_with_too_many_parts_is_refused():
    members = [(f"p{n}.xml", "") for n in range(5001)]
    upload = SimpleUploadedFile("arkusz.xlsx", office_archive(members))
    with pytest.raises(ValidationError) as refused:
        detect_document_type(upload)
    assert refused.value.code == "bad_archive"


def test_a_real_office_document_still_passes():
    odt = office_archive(
        [("content.xml", "<xml>" + "treść " * 2000 + "</xml>")],
        mimetype="application/vnd.oasis.opendocument.text",
    )
    assert detect_document_type(SimpleUploadedFile("instrukcja.odt", odt)) == "odt"


@pytest.mark.parametrize("name", ["wyd. 2..final.pdf", "PR-03 (wyd.3)...pdf"])
def test_dots_inside_a_file_name_are_allowed(name):
    validate_file_name(name)


@pytest.mark.parametrize("name", ["..", ".", "../etc/passwd", "a\\..\\b.pdf", "a\x00.pdf"])
def test_names_that_climb_folders_are_refused(name):
    with pytest.raises(ValidationError):
        validate_file_name(name)


# Dates at the ends of the calendar


def test_the_public_page_stands_a_certificate_valid_far_into_the_future(client):
    body = factories.body()
    factories.certificate(
        body=body, valid_from=datetime.date(2024, 7, 14), valid_until=datetime.date(2027, 7, 13)
    )
    far = factories.certificate(
        body=body, valid_from=datetime.date(2091, 1, 2), valid_until=datetime.date(2100, 12, 31)
    )
    Certificate.objects.filter(pk=far.pk).update(status=CertificateStatus.VALID)
    for url in ("/", "/en/"):
        assert client.get(url).status_code == 200


def test_an_edition_in_force_near_the_last_possible_day_gets_a_review_within_bounds(
    client_as, make_user
):
    author = make_user("author", roles.PROCESS_OWNER)
    approver = make_user("approver", roles.COORDINATOR)
    document = factories.document()
    version = factories.draft_version(document, author=author)
    from qms import services

    services.version_submit(version=version, user=author)
    response = client_as(approver).post(
        reverse("intranet:version_approve", args=[version.pk]), {"effective_on": "2100-06-01"}
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.next_review_on == datetime.date(2100, 12, 31)


@pytest.mark.parametrize("typed", ["9999-12-31", "0001-01-01", "2100-12-31"])
def test_an_edition_cannot_be_approved_for_a_date_out_of_bounds(client_as, make_user, typed):
    author = make_user("author", roles.PROCESS_OWNER)
    approver = make_user("approver", roles.COORDINATOR)
    document = factories.document()
    version = factories.draft_version(document, author=author)
    from qms import services

    services.version_submit(version=version, user=author)
    response = client_as(approver).post(
        reverse("intranet:version_approve", args=[version.pk]), {"effective_on": typed}
    )
    assert response.status_code == 200
    version.refresh_from_db()
    assert version.status == "in_review"


# Forged paths, easy passwords


def test_the_language_switch_of_a_404_never_leads_to_another_site(client):
    # The path as a server hands it over; the test client would read "//evil.example" as a host.
    response = client.get("/", PATH_INFO="//evil.example/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'href="//evil.example' not in page
    assert 'hreflang="en"' in page and 'href="/en/"' in page


@pytest.mark.parametrize("password", ["audytor2audytor2", "Audytor2-2026-ISO", "xxaudytor2xxyyzz"])
def test_a_password_made_of_the_user_name_is_refused(password):
    user = factories.staff_user("audytor2")
    with pytest.raises(ValidationError):
        NotBasedOnUsernameValidator().validate(password, user)


def test_the_password_change_form_refuses_the_user_name_twice(client_as, make_user):
    user = make_user("audytor2", roles.AUDITOR)
    response = client_as(user).post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "audytor2audytor2",
            "new_password2": "audytor2audytor2",
        },
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


# What a shared cache may keep, what the logs say


def test_pages_and_downloads_for_staff_are_private(client_as, coordinator):
    client = client_as(coordinator)
    for url in (reverse("intranet:home"), reverse("intranet:document_register_pdf")):
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, url


def test_the_public_page_for_a_visitor_is_not_marked_private(client):
    assert "private" not in client.get("/").get("Cache-Control", "")


def test_a_refusal_is_logged_in_one_line_without_a_traceback(client_as, employee, caplog):
    handler = logging.getLogger().handlers[0]
    records = []
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client_as(employee).get(reverse("intranet:policy_list"))
    assert response.status_code == 403
    for record in caplog.records:
        if getattr(record, "status_code", None) == 403:
            for flt in handler.filters:
                flt.filter(record)
            records.append(record)
    assert records, "the refusal was not logged"
    assert all(record.exc_info is None for record in records)


# A withdrawn certificate


@pytest.mark.parametrize("status", [CertificateStatus.WITHDRAWN, CertificateStatus.SUSPENDED])
def test_a_withdrawn_certificates_scan_is_for_staff_only(client, client_as, auditor, status):
    certificate = factories.certificate(
        status=status,
        status_changed_on=datetime.date(2025, 1, 10),
        scan=SimpleUploadedFile("skan.pdf", factories.PDF_BYTES),
    )
    url = reverse("public:certificate_scan", args=[certificate.pk])
    page = client.get(certificate.get_absolute_url())
    assert page.status_code == 200
    assert url not in page.content.decode()
    assert client.get(url).status_code == 302  # to the sign-in page
    assert client_as(auditor).get(url).status_code == 200


def test_a_valid_certificates_scan_stays_public(client):
    certificate = factories.certificate(scan=SimpleUploadedFile("skan.pdf", factories.PDF_BYTES))
    url = reverse("public:certificate_scan", args=[certificate.pk])
    assert url in client.get(certificate.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 200


# A damaged backup


def test_restoring_a_damaged_archive_says_what_is_wrong(tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    data = archive.read_bytes()
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(data[:20] + bytes(b ^ 0xFF for b in data[20:400]) + data[400:])
    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(damaged), stdout=io.StringIO())


# An approver without a role


def test_an_approver_without_a_role_reads_what_they_approve(client_as, make_user):
    from django.contrib.auth.models import Permission

    from qms import services

    approver = make_user("sekretarz")
    approver.user_permissions.add(
        Permission.objects.get(content_type__app_label="qms", codename="approve_documentversion")
    )
    author = make_user("author", roles.PROCESS_OWNER)
    waiting = factories.document(title="Procedura w przeglądzie")
    version = factories.draft_version(waiting, author=author)
    services.version_submit(version=version, user=author)
    draft_only = factories.document(title="Tylko projekt")
    draft = factories.draft_version(draft_only, author=author)
    client = client_as(approver)

    assert client.get(reverse("intranet:document_list")).status_code == 200
    assert client.get(reverse("intranet:document_reviews")).status_code == 200
    page = client.get(waiting.get_absolute_url())
    assert page.status_code == 200
    assert reverse("intranet:version_download", args=[version.pk]) in page.content.decode()
    assert client.get(reverse("intranet:version_download", args=[version.pk])).status_code == 200
    assert client.get(reverse("intranet:version_approve", args=[version.pk])).status_code == 200
    # A draft nobody submitted is not theirs to read.
    assert client.get(draft_only.get_absolute_url()).status_code == 403
    assert client.get(reverse("intranet:version_download", args=[draft.pk])).status_code == 403
