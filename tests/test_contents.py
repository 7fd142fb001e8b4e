"""What the search reads in an edition's file (qms.contents): the text of a PDF, DOCX, ODT, ODS
or XLSX, read when it is uploaded and found by the register's search once the edition is one
staff may read; a scan or a file no reader can open is kept and marked, never an error; the text
stays within its bounds and holds nothing a database refuses; `manage.py reindex_search` reads
what was never read and brings every search text up to date without touching the history."""

import io
import logging
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from qms import contents, services
from qms.models import (
    ContentState,
    Document,
    DocumentVersion,
    Process,
    SearchWord,
)
from qms.models.base import EDITION_TEXT
from tests import factories
from tests.helpers import (
    docx_bytes,
    ods_bytes,
    odt_bytes,
    pdf_drawing,
    scanned_pdf,
    weasyprint_pdf,
    xlsx_bytes,
)

POLISH = "Zażółć gęślą jaźń"


def upload(name, data):
    return SimpleUploadedFile(name, data)


def read(name, data):
    return contents.read(upload(name, data))


# --- Each kind of file ---------------------------------------------------------------------------


def test_pdf_pages_are_read_with_their_polish_letters():
    found = read("procedura.pdf", weasyprint_pdf([f"{POLISH}.", "Druga strona.", "Trzecia."]))
    assert found == contents.Contents(f"{POLISH}.\nDruga strona.\nTrzecia.", ContentState.TEXT)


def test_docx_paragraphs_and_tables_are_read_in_order():
    data = docx_bytes(
        [POLISH, "Tabela    odpowiedzialności:"],
        table=[["Krok", "Kto"], ["Zatwierdzenie", "Prezydent Miasta"]],
    )
    found = read("instrukcja.docx", data)
    assert found.state == ContentState.TEXT
    assert found.text == (
        f"{POLISH}\nTabela odpowiedzialności:\nKrok Kto\nZatwierdzenie Prezydent Miasta"
    )


def test_a_merged_table_cell_is_read_once():
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Połączona"
    table.cell(0, 2).text = "Osobna"
    buffer = io.BytesIO()
    document.save(buffer)
    assert read("a.docx", buffer.getvalue()).text == "Połączona Osobna"


def test_odt_heading_and_paragraphs_are_read():
    found = read("procedura.odt", odt_bytes([POLISH, "Drugi akapit."], heading="Cel procedury"))
    assert found == contents.Contents(f"Cel procedury\n{POLISH}\nDrugi akapit.", ContentState.TEXT)


def test_ods_rows_are_read_a_line_each():
    found = read("rejestr.ods", ods_bytes([["Kod", "Ryzyko"], ["R-1", POLISH]]))
    assert found == contents.Contents(f"Kod Ryzyko\nR-1 {POLISH}", ContentState.TEXT)


def test_xlsx_sheet_name_and_cell_values_are_read():
    found = read("rejestr.xlsx", xlsx_bytes([["Kod", "Opis", None, 12], ["R-1", POLISH]]))
    assert found == contents.Contents(f"Rejestr\nKod Opis 12\nR-1 {POLISH}", ContentState.TEXT)


# --- Files with no text, and files no reader opens -------------------------------------------


def test_a_scan_has_no_text_layer():
    assert read("skan.pdf", scanned_pdf(pages=2)) == contents.Contents("", ContentState.NO_TEXT)


def test_a_document_without_words_has_no_text():
    assert read("pusty.docx", docx_bytes(["", "   "])).state == ContentState.NO_TEXT


@pytest.mark.parametrize(
    ("name", "data"),
    [
        # Accepted as a PDF (signature, objects, trailer), but its page cannot be drawn.
        ("zepsuty.pdf", pdf_drawing(b"BT /F1 12 Tf ((( [[[ Tj")),
        # No page tree at all.
        ("bez-stron.pdf", factories.PDF_BYTES),
        # Laid out as a DOCX, with no Word document inside.
        ("pusty.docx", factories.office_upload().read()),
    ],
    ids=["pdf-cut-short", "pdf-without-pages", "docx-without-document"],
)
def test_a_file_no_reader_opens_is_unreadable_and_logged_in_one_line(name, data, caplog):
    with caplog.at_level(logging.WARNING, logger="qms.contents"):
        found = read(name, data)
    assert found == contents.Contents("", ContentState.UNREADABLE)
    [record] = [r for r in caplog.records if r.name == "qms.contents"]
    assert record.exc_info is None and "\n" not in record.getMessage()


def test_an_unreadable_upload_is_stored_with_a_notice_not_an_error(client_as, owner, caplog):
    document = factories.document(process=factories.process(owner=owner))
    factories.version_in_force(document, author=owner, approver=factories.staff_user())
    response = client_as(owner).post(
        reverse("intranet:version_create", args=[document.pk]),
        {
            "change_summary": "Nowe wydanie.",
            "file": upload("zepsuty.pdf", pdf_drawing(b"BT /F1 12 Tf ((( [[[ Tj")),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    version = document.versions.get(revision=2)
    assert version.content_state == ContentState.UNREADABLE
    page = client_as(owner).get("/en" + document.get_absolute_url())
    assert b"The file could not be read: the search finds it by its title only." in page.content


def test_a_scan_in_force_is_shown_with_its_notice(client_as, owner, employee):
    document = factories.document(process=factories.process(owner=owner))
    factories.version_in_force(
        document,
        author=owner,
        approver=factories.staff_user(),
        upload=upload("skan.pdf", scanned_pdf()),
    )
    page = client_as(employee).get("/en" + document.get_absolute_url())
    assert b"Scan without a text layer: the search finds it by its title only." in page.content


# --- Bounds and characters -------------------------------------------------------------------


def test_text_stops_at_the_limit_without_cutting_a_word_and_the_database_takes_it(owner):
    # Words that differ, so that the file is not refused as a "zip bomb".
    words = [f"w{n:06d}" for n in range(EDITION_TEXT // 8 + 2000)]
    paragraphs = [" ".join(words[start : start + 1000]) for start in range(0, len(words), 1000)]
    version = factories.draft_version(
        factories.document(), author=owner, upload=upload("dluga.docx", docx_bytes(paragraphs))
    )
    version.refresh_from_db()
    assert version.content_state == ContentState.TRUNCATED
    assert EDITION_TEXT - 8 < len(version.content) <= EDITION_TEXT
    assert re.fullmatch(r"(w\d{6}[ \n])+w\d{6}", version.content)


def test_the_limit_never_cuts_a_word_even_at_a_line_break():
    found = contents._collect(["Pierwsza linia\nDruga"], limit=17)
    assert found == contents.Contents("Pierwsza linia", ContentState.TRUNCATED)


def test_a_pdf_is_read_up_to_the_page_limit(monkeypatch):
    monkeypatch.setattr(contents, "MAX_PDF_PAGES", 2)
    found = read("a.pdf", weasyprint_pdf(["Pierwsza.", "Druga.", "Trzecia."]))
    assert found == contents.Contents("Pierwsza.\nDruga.", ContentState.TRUNCATED)


def test_a_spreadsheet_is_read_up_to_the_cell_limit(monkeypatch):
    monkeypatch.setattr(contents, "MAX_CELLS", 4)
    found = read("a.xlsx", xlsx_bytes([["a", "b"], ["c", "d"], ["e", "f"]]))
    assert found == contents.Contents("Rejestr\na b\nc d", ContentState.TRUNCATED)


def test_an_office_file_whose_text_part_is_too_large_to_parse_is_unreadable(monkeypatch):
    monkeypatch.setattr(contents, "MAX_PART", 100)
    assert read("a.docx", docx_bytes([POLISH * 20])).state == ContentState.UNREADABLE
    assert read("a.odt", odt_bytes([POLISH * 20])).state == ContentState.UNREADABLE


def test_nul_and_control_characters_never_reach_the_database(owner):
    data = pdf_drawing(b"BT /F1 12 Tf 10 100 Td (Za\\000wiadczenie\\001o\\037audycie) Tj ET")
    version = factories.draft_version(
        factories.document(), author=owner, upload=upload("z-nul.pdf", data)
    )
    version.refresh_from_db()
    assert version.content == "Zawiadczenie o audycie"


def test_clean_keeps_one_line_per_line_and_drops_what_no_database_or_page_takes():
    assert contents.clean("  a\u00a0\tb \n\n\x0cc\x00d\ud800e\r\n") == "a b\ncd e"


# --- Upload, approval and the register's search -----------------------------------------------


def post_edition(client, document, data, name="wydanie.docx"):
    return client.post(
        reverse("intranet:version_create", args=[document.pk]),
        {"change_summary": "Nowe wydanie.", "file": upload(name, data)},
    )


def register(client, query):
    response = client.get(reverse("intranet:document_list"), {"q": query})
    assert response.status_code == 200
    return [document.code for document in response.context["page_obj"]]


def test_the_upload_form_stores_the_files_text(client_as, owner):
    document = factories.document(process=factories.process(owner=owner))
    response = post_edition(client_as(owner), document, odt_bytes([POLISH]), "wydanie.odt")
    assert response.status_code == 302
    version = document.versions.get()
    assert (version.content, version.content_state) == (POLISH, ContentState.TEXT)


def test_a_phrase_only_in_the_file_is_found_once_the_edition_is_in_force(
    client_as, owner, coordinator, employee
):
    document = factories.document(
        code="PR-77", title="Procedura obsługi", process=factories.process(owner=owner)
    )
    factories.version_in_force(document, author=owner, approver=coordinator)
    phrase = "Pełnomocnictwo składa się w oryginale."
    assert post_edition(client_as(owner), document, docx_bytes([phrase])).status_code == 302
    draft = document.versions.get(revision=2)

    # A draft's text is found by nobody: not by staff, who do not see drafts, nor by the
    # coordinator, who does.
    assert register(client_as(employee), "pełnomocnictwo") == []
    assert register(client_as(coordinator), "pelnomocnictwo") == []

    services.version_submit(version=draft, user=owner)
    services.version_approve(version=draft, user=coordinator)
    assert register(client_as(employee), "pełnomocnictwo") == ["PR-77"]
    assert register(client_as(employee), "pelnomocnictwo oryginale") == ["PR-77"]

    # Superseded by an edition without it, the phrase finds the document no more.
    factories.version_in_force(
        document,
        author=owner,
        approver=coordinator,
        upload=upload("w3.docx", docx_bytes(["Inna treść."])),
    )
    assert register(client_as(employee), "pełnomocnictwo") == []


# --- manage.py reindex_search ----------------------------------------------------------------


def reindex(*args):
    out = io.StringIO()
    call_command("reindex_search", *args, stdout=out)
    return out.getvalue()


def history_rows():
    models = [Document, DocumentVersion, Process]
    return {model.__name__: model.history.count() for model in models}


def test_reindex_reads_pending_editions_and_a_second_run_changes_nothing(owner, coordinator):
    process = factories.process(owner=owner, name="Obsługa mieszkańców")
    document = factories.document(process=process)
    version = factories.version_in_force(
        document,
        author=owner,
        approver=coordinator,
        upload=upload("w.xlsx", xlsx_bytes([["Biletomat", "parter"]])),
    )
    missing = factories.draft_version(
        factories.document(), author=owner, upload=upload("w.odt", odt_bytes([POLISH]))
    )
    missing.file.storage.delete(missing.file.name)
    # As before the search read files: nothing read, no search text, no vocabulary.
    DocumentVersion.objects.update(content="", content_state=ContentState.PENDING)
    Document.objects.update(search_title="", search_text="")
    Process.objects.update(search_text="")
    SearchWord.objects.all().delete()
    SearchWord.objects.create(form="stare", lemma="słowo")
    before = history_rows()

    first = reindex()

    assert "Editions' files read: 2 (text: 1, unreadable: 1)" in first
    version.refresh_from_db()
    assert (version.content, version.content_state) == (
        "Rejestr\nBiletomat parter",
        ContentState.TEXT,
    )
    assert DocumentVersion.objects.get(pk=missing.pk).content_state == ContentState.UNREADABLE
    assert Document.objects.filter(search_text__contains="biletomat").get() == document
    assert "obsluga" in Process.objects.get(pk=process.pk).search_text
    # The vocabulary is rebuilt from what is indexed: the old pair is gone, the new ones there.
    assert not SearchWord.objects.filter(form="stare").exists()
    assert SearchWord.objects.filter(form="obsluga", lemma="obsługa").exists()
    assert history_rows() == before

    second = reindex()
    assert "Editions' files read: 0\n" in second
    assert "Documents: 2, search text changed: 0" in second
    assert "Processes: 1, changed: 0" in second
    assert history_rows() == before


def test_reindex_reread_reads_every_file_again(owner):
    version = factories.draft_version(
        factories.document(), author=owner, upload=upload("w.docx", docx_bytes([POLISH]))
    )
    DocumentVersion.objects.update(content="stary tekst")
    assert "Editions' files read: 0" in reindex()
    assert "Editions' files read: 1 (text: 1)" in reindex("--reread")
    version.refresh_from_db()
    assert version.content == POLISH
