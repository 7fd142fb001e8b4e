"""The demo documents' shipped files: one tagged Polish PDF for every edition the data names, with
the document's text in it; a scan (no text layer) for the documents the demo keeps as scans."""

import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qms import contents
from qms.demo import document_files
from qms.demo.document_texts import SCANS, TEXTS
from qms.models import ContentState
from qms.uploads import detect_document_type

EDITIONS = document_files.editions()
TEXT_EDITIONS = [edition for edition in EDITIONS if edition[0].code not in SCANS]
SCAN_EDITIONS = [edition for edition in EDITIONS if edition[0].code in SCANS]


def ids(editions):
    return [f"{card.code}-{edition}" for card, edition, _summary in editions]


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


def test_every_document_has_its_text():
    assert {card.code for card, _edition, _summary in EDITIONS} == set(TEXTS)


@pytest.mark.parametrize(("card", "edition", "summary"), TEXT_EDITIONS, ids=ids(TEXT_EDITIONS))
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
        *(" ".join(paragraph.split()) for paragraph in TEXTS[card.code]),
        "Dokument demonstracyjny",
    ):
        assert expected in text
    upload = SimpleUploadedFile(f"{card.code}-wydanie-{edition}.pdf", data, "application/pdf")
    assert detect_document_type(upload) == "pdf"
    # What the search reads out of it (qms.contents) is the text of the page.
    assert contents.read(upload, "pdf") == contents.Contents(
        contents.clean(reader.pages[0].extract_text()), ContentState.TEXT
    )


@pytest.mark.parametrize(("card", "edition", "summary"), SCAN_EDITIONS, ids=ids(SCAN_EDITIONS))
def test_a_scan_is_a_pdf_with_no_text_layer(card, edition, summary):
    data = document_files.read(card.code, edition)
    assert len(data) < 40_000
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    assert len(reader.pages) == 1 and len(reader.pages[0].images) == 1
    upload = SimpleUploadedFile(f"{card.code}-wydanie-{edition}.pdf", data, "application/pdf")
    assert detect_document_type(upload) == "pdf"
    assert contents.read(upload, "pdf") == contents.Contents("", ContentState.NO_TEXT)


def test_quality_book_file_reads_with_its_polish_letters():
    text, _reader = text_of(document_files.read("KJ", 1))
    assert "Księga Jakości" in text
    assert "Urząd Miejski w Zabrzu" in text
