"""The demo documents' shipped files: one tagged Polish PDF for every edition the data names."""

import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qms.demo import document_files
from qms.uploads import detect_document_type

EDITIONS = document_files.editions()


def text_of(data):
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    assert len(reader.pages) == 1
    # A line may break after a hyphen ("e-Doręczenia"): the hyphen is part of the word.
    text = reader.pages[0].extract_text().replace("-\n", "-")
    return " ".join(text.split()), reader


def test_every_edition_has_its_file_and_no_file_is_left_over():
    wanted = {document_files.path(card.code, edition) for card, edition, _summary in EDITIONS}
    assert len(wanted) == len(EDITIONS)  # no two codes share a file name
    assert set(document_files.FILES.glob("*.pdf")) == wanted


@pytest.mark.parametrize(
    ("card", "edition", "summary"),
    EDITIONS,
    ids=[f"{card.code}-{edition}" for card, edition, _summary in EDITIONS],
)
def test_file_is_a_tagged_polish_pdf_naming_the_document(card, edition, summary):
    data = document_files.read(card.code, edition)
    assert len(data) < 40_000
    text, reader = text_of(data)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "pl"
    for expected in (
        "Urząd Miejski w Zabrzu",
        "System Zarządzania Jakością",
        card.code,
        " ".join(card.title.split()),
        f"Wydanie {edition}",
        " ".join(summary.split()),
        "Dokument demonstracyjny",
    ):
        assert expected in text
    upload = SimpleUploadedFile(f"{card.code}-wydanie-{edition}.pdf", data, "application/pdf")
    assert detect_document_type(upload) == "pdf"


def test_quality_book_file_reads_with_its_polish_letters():
    text, _reader = text_of(document_files.read("KJ", 1))
    assert "Księga Jakości" in text
    assert "Urząd Miejski w Zabrzu" in text
