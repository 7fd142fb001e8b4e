"""The certificate PDF is a real document: tagged PDF/UA-1, A4, Polish, fonts embedded."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from certificates.models import Certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate_pdf(client, demo):
    certificate = Certificate.objects.get(number="PL-QMS-0142/2021")
    response = client.get(reverse("public:certificate_pdf", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="certyfikat-pl-qms-01422021.pdf"' in response["Content-Disposition"]
    return PdfReader(io.BytesIO(response.content))


def text_of(reader):
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_certificate_pdf_text_reads_in_correct_polish(certificate_pdf):
    text = text_of(certificate_pdf)
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
    root = certificate_pdf.trailer["/Root"]
    assert root["/Lang"] == "pl"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in xmp
    assert b"<pdfuaid:part>1</pdfuaid:part>" in xmp or b'pdfuaid:part="1"' in xmp
    assert certificate_pdf.metadata.title.startswith("Certyfikat PL-QMS-0142/2021")


def test_certificate_pdf_is_a4_with_embedded_fonts(certificate_pdf):
    page = certificate_pdf.pages[0]
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


def test_unknown_certificate_pdf_is_not_found(client, db):
    assert client.get(reverse("public:certificate_pdf", args=[999])).status_code == 404
