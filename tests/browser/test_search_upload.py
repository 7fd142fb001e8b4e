"""The search reads what is in the files, in Chromium: the coordinator registers two documents
with their files (a 20-page PDF, a DOCX) and submits them, another person approves them, and an
employee finds each in the register by a sentence that is only inside its file (the PDF's on
its last page). An edition whose file is a scan says so on its page (axe-core checked)."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from qms.demo.accounts import APPROVER
from qms.models import Document, VersionStatus
from tests.conftest import PASSWORD
from tests.helpers import docx_bytes, weasyprint_pdf

from .conftest import assert_accessible, login

pytestmark = pytest.mark.browser

LAST_PAGE = "Duplikat karty parkingowej wydaje wyłącznie stanowisko numer siedem."
IN_THE_DOCX = "Klucze do archiwum zakładowego wydaje portiernia za podpisem w książce kluczy."
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def long_pdf():
    pages = [f"Strona {n}: zasady obsługi interesantów w Wydziale Komunikacji." for n in range(19)]
    return weasyprint_pdf([*pages, LAST_PAGE])


def register_document(page, site, *, code, title, file):
    """Fill in the new document's form as the coordinator does, then submit the draft."""
    page.goto(site.url + reverse("intranet:document_create"))
    form = page.locator("main form")
    form.locator("[name=code]").fill(code)
    form.locator("[name=title]").fill(title)
    form.locator("[name=kind]").select_option("procedure")
    form.locator("[name=unit]").select_option(index=1)
    form.locator("[name=file]").set_input_files(file)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    document = Document.objects.get(code=code)
    assert page.url.endswith(document.get_absolute_url())
    with page.expect_navigation():
        page.locator("main form[action$='/submit/'] button[type=submit]").click()
    return document.versions.get()


def approve(page, site, version):
    page.goto(site.url + reverse("intranet:version_approve", args=[version.pk]))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()  # in force from today
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_FORCE


def found(page, site, query):
    """The codes the register lists for `query`, typed into its search box."""
    page.goto(site.url + reverse("intranet:document_list"))
    page.locator("main form [name=q]").fill(query)
    with page.expect_navigation():
        page.locator("main form [name=q]").press("Enter")
    assert "q=" in page.url
    return page.locator("main table tbody th[scope=row]").all_inner_texts()


def test_a_sentence_inside_an_uploaded_file_finds_its_document(browser, page, demo_site):
    login(page, demo_site, "coordinator")
    files = {
        "PR-90": {"name": "karty-parkingowe.pdf", "mimeType": PDF_TYPE, "buffer": long_pdf()},
        "PR-91": {
            "name": "klucze.docx",
            "mimeType": DOCX_TYPE,
            "buffer": docx_bytes(["Instrukcja wydawania kluczy.", IN_THE_DOCX]),
        },
    }
    versions = [
        register_document(page, demo_site, code=code, title=f"Instrukcja {code}", file=file)
        for code, file in files.items()
    ]

    # Approved by someone else: the secretary of the city, who approves the office's documents
    # (the demo gives them no password; this test does).
    secretary = User.objects.get(username=APPROVER[0])
    secretary.set_password(PASSWORD)
    secretary.save()
    context = browser.new_context(locale="pl-PL")
    approver = context.new_page()
    login(approver, demo_site, APPROVER[0], PASSWORD)
    for version in versions:
        approve(approver, demo_site, version)
    context.close()

    employee_context = browser.new_context(locale="pl-PL")
    employee = employee_context.new_page()
    login(employee, demo_site, "employee")
    assert found(employee, demo_site, LAST_PAGE) == ["PR-90"]
    assert found(employee, demo_site, "ksiazce kluczy archiwum zakladowego") == ["PR-91"]
    employee_context.close()


def test_a_scans_page_says_the_search_finds_it_by_title_only(page, demo_site):
    """The demo's signed minutes of the management review (Z-01) are a scan."""
    login(page, demo_site, "employee")
    document = Document.objects.get(code="Z-01")
    page.goto(demo_site.url + "/en" + document.get_absolute_url())
    notice = page.get_by_text("Scan without a text layer: the search finds it by its title only.")
    assert notice.is_visible()
    assert_accessible(page)
    page.goto(demo_site.url + document.get_absolute_url())
    assert_accessible(page)
