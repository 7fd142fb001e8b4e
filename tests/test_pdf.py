"""The portal's PDFs are real documents: tagged PDF/UA-1, A4, fonts embedded, in the language of
the address they were asked for (Polish at /, English at /en/)."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from certificates.models import Certificate
from tests import factories
from tests.helpers import pdf_pages, pdf_text
from tests.pages import PDF_SOURCES, page_url

pytestmark = pytest.mark.django_db


def test_unknown_certificate_pdf_is_not_found(client, db):
    assert client.get(reverse("public:certificate_pdf", args=[999])).status_code == 404


def fonts_of(reader):
    return {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


@pytest.mark.slow
def test_a_pdf_looks_the_same_with_the_production_static_files(client, settings, tmp_path):
    # Production serves collected files under hashed names (a manifest); the suite, like
    # development, serves them under their own.
    factories.organisation()
    certificate = factories.certificate()
    url = reverse("public:certificate_pdf", args=[certificate.pk])
    development, _pages = pdf_pages(client.get(url))
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    production, _pages = pdf_pages(client.get(url))
    assert fonts_of(production) == fonts_of(development)
    assert len(production.pages) == len(development.pages)


@pytest.mark.slow
def test_benchmark_times_every_pdf_against_its_html_and_keeps_nothing():
    rows_before = (Certificate.objects.count(), User.objects.count())
    out = io.StringIO()
    call_command("benchmark_pdf", runs=1, findings=3, documents=2, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Database: ")
    assert lines[-1] == "Rolled back: the benchmark's records are gone."
    header = next(n for n, line in enumerate(lines) if line.startswith("PDF "))
    table = lines[header + 1 : -1]
    rows = {line[:20].strip(): line[20:].split() for line in table}
    assert set(rows) == {
        "certificate",
        "process card",
        "document register",
        "audit report",
        "checklist",
        "programme",
        "action register",
    }
    for figures in rows.values():
        kilobytes, html_ms, pdf_ms, ratio = map(float, figures)
        assert kilobytes >= 0 and html_ms > 0 and pdf_ms > 0 and ratio > 0
    assert (Certificate.objects.count(), User.objects.count()) == rows_before


# The demo's certificate PDF (the demo is loaded once for the tests below)


@pytest.fixture
def certificate_pdf(client, shared_demo):
    certificate = Certificate.objects.get(number="PL-QMS-0142/2021")
    response = client.get(reverse("public:certificate_pdf", args=[certificate.pk]))
    assert response.status_code == 200
    assert 'filename="certyfikat-pl-qms-01422021.pdf"' in response["Content-Disposition"]
    return response


def test_certificate_pdf_text_reads_in_correct_polish(certificate_pdf):
    text = pdf_text(certificate_pdf)
    for expected in [
        "Urząd Miejski w Zabrzu",
        "PL-QMS-0142/2021",
        "PN-EN ISO 9001:2015-10",
        "wykonywanie przez Urząd Miejski w Zabrzu zadań z zakresu administracji publicznej",
        "Data wydania",
        "5 lipca 2021",
        "14 lipca 2021 – 13 lipca 2024",
        "8–11 czerwca 2021",
        "nieustające zaangażowanie Kierownictwa w działania projakościowe oraz proklienckie",
    ]:
        assert expected in text


def test_certificate_pdf_is_tagged_pdf_ua_in_polish(certificate_pdf):
    reader, _pages = pdf_pages(certificate_pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "pl"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in xmp
    assert b"<pdfuaid:part>1</pdfuaid:part>" in xmp or b'pdfuaid:part="1"' in xmp
    assert reader.metadata.title.startswith("Certyfikat PL-QMS-0142/2021")


def test_certificate_pdf_is_a4_with_embedded_fonts(certificate_pdf):
    reader, _pages = pdf_pages(certificate_pdf)
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (595, 842)
    fonts = page["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.parametrize(
    ("prefix", "language", "title"), [("", "pl", "Certyfikat"), ("/en", "en", "Certificate")]
)
def test_certificate_pdf_declares_the_language_of_its_address(
    client, shared_demo, prefix, language, title
):
    certificate = Certificate.objects.get(number="PL-QMS-0142/2021")
    response = client.get(prefix + reverse("public:certificate_pdf", args=[certificate.pk]))
    reader, _pages = pdf_pages(response)
    assert reader.trailer["/Root"]["/Lang"] == language
    assert reader.metadata.title.startswith(f"{title} PL-QMS-0142/2021")


@pytest.mark.parametrize("name", list(PDF_SOURCES))
def test_every_pdf_is_made_from_html_in_the_language_of_its_address(
    client, settings, shared_demo, name
):
    # The HTML handed to WeasyPrint (DEBUG's ?html=1 preview): its lang becomes the PDF's /Lang.
    path, username = PDF_SOURCES[name]
    if username:
        client.force_login(User.objects.get(username=username))
    settings.DEBUG = True
    for prefix, language in [("", "pl"), ("/en", "en")]:
        response = client.get(prefix + page_url(path))
        assert response.status_code == 200, f"{prefix}{path}"
        assert f'<html lang="{language}">' in response.content.decode(), f"{prefix}{path}"
