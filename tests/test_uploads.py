"""The two places that take a file (a controlled document's edition, a certificate's scan): a file
is judged by its content and its name, whatever it pretends to be; a refused file leaves nothing
behind; stored files sit where no URL reaches them and come back only through a view that checks
who asks, as a download the browser will not sniff or run.

tests/test_documents.py (BAD_UPLOADS and what follows it) and tests/test_forms.py hold the first
cases (text or an executable renamed, a PDF signature without its end, an oversized edition or new
scan); these add web content in disguise, names with folders on both places, and how stored
files are kept and served."""

import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.html import escape

from certificates.forms import CertificateForm
from certificates.models import Certificate, CertificateStatus
from qms.forms.documents import DocumentCreateForm
from qms.forms.versions import VersionForm
from qms.models import DocumentVersion
from tests import factories
from tests.helpers import production_values, stored_files

pytestmark = pytest.mark.django_db

PDF = factories.PDF_BYTES
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Web content a browser would run if it were ever served inline, named as a PDF.
DISGUISED = {
    "html-page-renamed-pdf": (
        b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n"
    ),
    "svg-with-script-renamed-pdf": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>\n'
    ),
    # The PDF signature and end-of-file marker around a page: no object, no trailer.
    "html-behind-a-pdf-header": (
        b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"
    ),
}
# The error each place gives (qms/uploads.py): a controlled document may be of several kinds, so
# content that is no kind at all is "bad_type"; a scan must be a PDF.
DOCUMENT_CODES = {
    "html-page-renamed-pdf": "bad_type",
    "svg-with-script-renamed-pdf": "bad_type",
    "html-behind-a-pdf-header": "not_pdf",
}
# Sent over HTTP: Django's upload parser keeps the last part of the name.
CLIMBING_NAMES = ["../../etc/passwd.pdf", "..\\x.pdf", "/etc/passwd.pdf"]
# Bound to a form in code: an UploadedFile drops what comes before the last '/' itself, so what
# reaches the form is a Windows path.
WINDOWS_NAMES = ["..\\x.pdf", "C:\\Windows\\x.pdf", "\\\\server\\share\\x.pdf"]


def certificate_data(certificate=None, **overrides):
    body = certificate.body if certificate else factories.body()
    data = {
        "number": certificate.number if certificate else "PL-QMS-0001/2030",
        "body": body.pk,
        "standard": "PN-EN ISO 9001:2015-10",
        "scope": "zadania z zakresu administracji publicznej",
        "issued_on": "2030-07-08",
        "valid_from": "2030-07-14",
        "valid_until": "2033-07-13",
        "status": "valid",
        "status_changed_on": "",
    }
    return {**data, **overrides}


@pytest.fixture
def document(owner, coordinator):
    """A document of the owner's process with its first edition in force."""
    document = factories.document(process=factories.process(owner=owner))
    factories.version_in_force(document, author=owner, approver=coordinator)
    return document


@pytest.fixture
def certificate_with_scan():
    certificate = factories.certificate()
    certificate.scan.save("skan.pdf", ContentFile(PDF))
    return certificate


def assert_refused(response, field, code, settings, files_before):
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()[field]
    assert [e.code for e in errors] == [code]
    # The message the person sees says what to do, in the page itself.
    assert escape(errors[0].messages[0]).encode() in response.content
    assert stored_files(settings.MEDIA_ROOT) == files_before


# --- Web content in disguise --------------------------------------------------------------------


@pytest.mark.parametrize("kind", DISGUISED)
def test_web_content_named_pdf_is_refused_as_a_new_edition(
    client_as, owner, document, settings, kind
):
    before = stored_files(settings.MEDIA_ROOT)
    response = client_as(owner).post(
        reverse("intranet:version_create", args=[document.pk]),
        {
            "change_summary": "Podrzucony plik.",
            "file": SimpleUploadedFile("procedura.pdf", DISGUISED[kind], "application/pdf"),
        },
    )
    assert_refused(response, "file", DOCUMENT_CODES[kind], settings, before)
    assert document.versions.count() == 1


@pytest.mark.parametrize("kind", DISGUISED)
def test_web_content_named_pdf_is_refused_as_a_new_certificates_scan(
    client_as, coordinator, settings, kind
):
    before = stored_files(settings.MEDIA_ROOT)
    response = client_as(coordinator).post(
        reverse("certificates:certificate_create"),
        {
            **certificate_data(),
            "scan": SimpleUploadedFile("skan.pdf", DISGUISED[kind], "application/pdf"),
        },
    )
    assert_refused(response, "scan", "not_pdf", settings, before)
    assert not Certificate.objects.exists()


@pytest.mark.parametrize("kind", DISGUISED)
def test_web_content_named_pdf_does_not_replace_a_filed_scan(
    client_as, coordinator, certificate_with_scan, settings, kind
):
    certificate = certificate_with_scan
    filed = certificate.scan.name
    before = stored_files(settings.MEDIA_ROOT)
    response = client_as(coordinator).post(
        reverse("certificates:certificate_update", args=[certificate.pk]),
        {
            **certificate_data(certificate),
            "scan": SimpleUploadedFile("nowy skan.pdf", DISGUISED[kind], "application/pdf"),
        },
    )
    assert_refused(response, "scan", "not_pdf", settings, before)
    certificate.refresh_from_db()
    assert certificate.scan.name == filed
    assert certificate.scan.read() == PDF


def test_oversized_scan_does_not_replace_a_filed_one(
    client_as, coordinator, certificate_with_scan, settings
):
    settings.MAX_UPLOAD_SIZE = 1024
    certificate = certificate_with_scan
    before = stored_files(settings.MEDIA_ROOT)
    response = client_as(coordinator).post(
        reverse("certificates:certificate_update", args=[certificate.pk]),
        {
            **certificate_data(certificate),
            "scan": SimpleUploadedFile("duzy.pdf", PDF + b" " * 2048, "application/pdf"),
        },
    )
    assert_refused(response, "scan", "too_large", settings, before)
    certificate.refresh_from_db()
    assert certificate.scan.read() == PDF


def test_oversized_first_edition_registers_no_document(client_as, coordinator, settings):
    settings.MAX_UPLOAD_SIZE = 1024
    unit = factories.org_unit()
    response = client_as(coordinator).post(
        reverse("intranet:document_create"),
        {
            "code": "F-09",
            "title": "Formularz",
            "kind": "form",
            "unit": unit.pk,
            "change_summary": "Pierwsze wydanie.",
            "file": factories.pdf_upload(content=PDF + b" " * 2048),
        },
    )
    assert_refused(response, "file", "too_large", settings, [])
    assert not DocumentVersion.objects.exists()


# --- Names that climb folders -------------------------------------------------------------------


@pytest.mark.parametrize("name", WINDOWS_NAMES)
def test_scan_named_with_a_folder_is_refused_by_the_form(name, settings):
    """A form bound in code (an import, a script) keeps the name as given: it is refused with a
    message, before anything is written, rather than failing when the file is saved."""
    form = CertificateForm(
        data=certificate_data(), files={"scan": SimpleUploadedFile(name, PDF, "application/pdf")}
    )
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["scan"]] == ["bad_name"]
    assert stored_files(settings.MEDIA_ROOT) == []


@pytest.mark.parametrize("name", WINDOWS_NAMES[1:])
def test_document_file_named_with_a_folder_is_refused_by_both_forms(owner, name, settings):
    upload = factories.pdf_upload(name)
    first_edition = DocumentCreateForm(
        data={"code": "X-1", "title": "X", "kind": "form"}, files={"file": upload}, user=owner
    )
    new_edition = VersionForm(data={"change_summary": "Nazwa."}, files={"file": upload})
    for form in (first_edition, new_edition):
        assert not form.is_valid()
        assert [e.code for e in form.errors.as_data()["file"]] == ["bad_name"]
    assert stored_files(settings.MEDIA_ROOT) == []


def multipart(fields, file_field, file_name, content):
    """A multipart body as a browser (or a hand-made request) sends it, the name untouched (the
    test client itself would strip the folders before sending)."""
    boundary = "BoUnDaRy"
    body = b""
    for name, value in fields.items():
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        ).encode()
    body += (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    body += content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize("name", CLIMBING_NAMES)
def test_scan_sent_with_a_folder_in_its_name_is_stored_inside_the_private_storage(
    client_as, coordinator, name, settings
):
    """Over HTTP Django's upload parser keeps only the name's last part; the scan lands in its
    folder of the private storage, and nowhere else."""
    body, content_type = multipart(certificate_data(), "scan", name, PDF)
    response = client_as(coordinator).generic(
        "POST", reverse("certificates:certificate_create"), body, content_type=content_type
    )
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    assert re.fullmatch(r"certificates/\d{4}/(passwd|x)(_\w+)?\.pdf", certificate.scan.name)
    root = Path(settings.MEDIA_ROOT).resolve()
    stored = (root / certificate.scan.name).resolve()
    assert stored.is_relative_to(root) and stored.read_bytes() == PDF
    assert stored_files(settings.MEDIA_ROOT) == [certificate.scan.name]


@pytest.mark.parametrize("name", CLIMBING_NAMES[1:])
def test_edition_sent_with_a_folder_in_its_name_is_stored_inside_the_private_storage(
    client_as, owner, document, name, settings
):
    body, content_type = multipart({"change_summary": "Nazwa."}, "file", name, PDF)
    response = client_as(owner).generic(
        "POST",
        reverse("intranet:version_create", args=[document.pk]),
        body,
        content_type=content_type,
    )
    assert response.status_code == 302
    version = document.versions.get(revision=2)
    assert version.original_name in ("x.pdf", "passwd.pdf")
    root = Path(settings.MEDIA_ROOT).resolve()
    assert (root / version.file.name).resolve().is_relative_to(root)


# --- Where stored files are kept, and how they come back ----------------------------------------


def test_production_storage_is_private_and_outside_everything_served_as_static():
    found = production_values(
        {
            "media_url": "settings.MEDIA_URL",
            "media_root": "str(settings.MEDIA_ROOT)",
            "private_root": "str(settings.PRIVATE_MEDIA_ROOT)",
            "storage": "str(settings.STORAGES['default']['OPTIONS']['location'])",
            "base_url": "settings.STORAGES['default']['OPTIONS']['base_url']",
            "static_root": "str(settings.STATIC_ROOT)",
            "static_dirs": "[str(d) for d in settings.STATICFILES_DIRS]",
        }
    )
    assert found["media_url"] is None and found["base_url"] is None
    private = Path(found["private_root"]).resolve()
    assert Path(found["media_root"]).resolve() == Path(found["storage"]).resolve() == private
    for served in [found["static_root"], *found["static_dirs"]]:
        served = Path(served).resolve()
        assert not private.is_relative_to(served) and not served.is_relative_to(private)


def views_of(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from views_of(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.callback


def test_no_url_serves_the_storage_directly(client_as, coordinator, certificate_with_scan):
    from django.views import static

    assert static.serve not in set(views_of(get_resolver().url_patterns))
    client = client_as(coordinator)
    name = certificate_with_scan.scan.name
    for prefix in ("/media/", "/static/", "/private/", "/var/private/", "/"):
        assert client.get(prefix + name).status_code == 404, prefix


SAFE_ATTACHMENT = re.compile(r'attachment; filename="[A-Za-z0-9._-]+"')


def test_edition_comes_back_with_the_type_its_content_has_not_the_one_claimed(
    client_as, owner, coordinator, document
):
    """A DOCX sent as 'procedura.pdf' with text/html claimed is stored and served as a DOCX,
    as an attachment with a plain ASCII name; the browser is told not to sniff."""
    docx = factories.office_upload("procedura.pdf")
    docx.content_type = "text/html"
    draft = factories.draft_version(document, author=owner, upload=docx)
    assert draft.content_type == DOCX_TYPE and draft.file.name.endswith(".docx")

    response = client_as(coordinator).get(reverse("intranet:version_download", args=[draft.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["X-Content-Type-Options"] == "nosniff"
    assert SAFE_ATTACHMENT.fullmatch(response["Content-Disposition"])
    assert response["Content-Disposition"].endswith('.docx"')


def test_edition_download_checks_who_asks(client, client_as, owner, employee, document):
    """Anonymous: to the sign-in page; staff see an edition in force, not a draft."""
    draft = factories.draft_version(document, author=owner)
    url = reverse("intranet:version_download", args=[draft.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client_as(employee).get(url).status_code == 403
    assert client_as(owner).get(url).status_code == 200


@pytest.mark.parametrize(
    ("status", "valid_until"),
    [
        (CertificateStatus.VALID, "2027-12-31"),
        (CertificateStatus.VALID, "2020-12-31"),  # expired
    ],
    ids=["valid", "expired"],
)
def test_scan_is_public_wherever_its_certificate_page_is(client, status, valid_until, settings):
    """The rule (certificates/views.py): every certificate the office recorded is shown on the
    public pages, its history included, and the scan of a valid or expired one is a public
    document too (a suspended or withdrawn one's is for staff: tests/test_hostile_input.py); it
    is given as an attachment under a name made of the record's id, never the one uploaded."""
    import datetime

    certificate = factories.certificate(
        valid_from=datetime.date(2018, 1, 1),
        valid_until=datetime.date.fromisoformat(valid_until),
        status=status,
        status_changed_on=None if status == CertificateStatus.VALID else datetime.date(2025, 1, 1),
    )
    certificate.scan.save("Skan <script> Zażółć.pdf", ContentFile(PDF))
    page = client.get(certificate.get_absolute_url())
    assert page.status_code == 200
    scan_url = reverse("public:certificate_scan", args=[certificate.pk])
    assert scan_url.encode() in page.content

    response = client.get(scan_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = f'attachment; filename="certyfikat-{certificate.pk}.pdf"'
    assert response["Content-Disposition"] == disposition
    assert b"".join(response.streaming_content) == PDF


def test_scan_missing_from_the_disk_is_not_found_rather_than_an_error(
    client, certificate_with_scan, settings
):
    (Path(settings.MEDIA_ROOT) / certificate_with_scan.scan.name).unlink()
    client.raise_request_exception = False
    url = reverse("public:certificate_scan", args=[certificate_with_scan.pk])
    assert client.get(url).status_code == 404
