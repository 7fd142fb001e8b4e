"""The pages residents open, and the PDF they download, name one person: the ISO representative,
whose name, e-mail and phone the office publishes on purpose. Nobody else: no member of staff who
signs in (their names, logins and e-mails), no former representative, no certification body's
auditor, and no e-mail address but the representative's and the office's."""

import html
import re

import pytest
from django.contrib.auth.models import User

from certificates.models import Certificate, ExternalAudit
from qms.models import Organisation, Representative
from tests.helpers import pdf_pages
from tests.pages import PAGES, page_url

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@pytest.fixture
def staff(shared_demo):
    """The demo's accounts, each renamed to marks found nowhere else.

    Some demo accounts are named after an office or a role ('Biuro Pełnomocnika', 'Audytor
    Wewnętrzny'), words a public page may well use; a mark that can only come from the account
    tells a leak from a coincidence. The accounts keep their e-mail addresses.
    """
    accounts = list(User.objects.order_by("pk"))
    for user in accounts:
        user.username = f"konto-{user.pk:03d}-ukryte"
        user.first_name = "Zenobia"
        user.last_name = f"Niejawna{user.pk:03d}"
        user.save(update_fields=["username", "first_name", "last_name"])
    assert len(accounts) >= 6 and all(user.email for user in accounts)
    return accounts


def forbidden_marks(staff):
    """Each string that would show a person other than the current representative."""
    marks = {}
    for user in staff:
        marks[user.username] = f"login of {user.pk}"
        marks[user.last_name] = f"name of {user.pk}"
        marks[user.email] = f"e-mail of {user.pk}"
    for former in Representative.objects.filter(is_current=False):
        marks[former.full_name] = "a former representative"
        marks[former.email] = "a former representative's e-mail"
        if former.phone:
            marks[former.phone] = "a former representative's phone"
    for lead in ExternalAudit.objects.values_list("lead_auditor", flat=True).distinct():
        if lead:
            marks[lead] = "a certification body's lead auditor"
    return marks


def public_texts(client):
    """(where, text) for every public page and certificate PDF, as an anonymous visitor."""
    # The pages a visitor opens (tests/pages.py), and every certificate's in both languages.
    pages = [page_url(path) for path, username, _status in PAGES.values() if username is None]
    for certificate in Certificate.objects.all():
        pages += [certificate.get_absolute_url(), "/en" + certificate.get_absolute_url()]
    for path in pages:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        yield path, html.unescape(response.content.decode())
    for certificate in Certificate.objects.all():
        path = f"{certificate.get_absolute_url()}pdf/"
        response = client.get(path)
        reader, texts = pdf_pages(response)
        metadata = " ".join(str(value) for value in (reader.metadata or {}).values())
        yield path, "\n".join([metadata, *texts])


def test_public_pages_and_pdfs_name_no_one_but_the_representative(client, staff):
    representative = Representative.objects.current()
    organisation = Organisation.load()
    allowed_emails = {representative.email, organisation.email}
    marks = forbidden_marks(staff)

    texts = dict(public_texts(client))
    found = [
        f"{path}: {what} ({mark!r})"
        for path, text in texts.items()
        for mark, what in marks.items()
        if mark in text
    ]
    found += [
        f"{path}: e-mail address {email!r}"
        for path, text in texts.items()
        for email in set(EMAIL.findall(text)) - allowed_emails
    ]
    assert not found, "\n".join(sorted(found))

    # The page does show the representative, as it should: the check reads the real content.
    quality_page = texts["/"]
    for published in (representative.full_name, representative.email, representative.phone):
        assert published in quality_page
    assert Certificate.objects.count() >= 2


def test_check_finds_a_leak_when_a_public_page_shows_staff(client, staff):
    """The same check on text that does carry a member of staff and a stray address."""
    leaked = staff[0]
    marks = forbidden_marks(staff)
    text = f"Ostatnia zmiana: {leaked.get_full_name()} ({leaked.email}), kontakt: jan@example.com"
    assert [what for mark, what in marks.items() if mark in text] == [
        f"name of {leaked.pk}",
        f"e-mail of {leaked.pk}",
    ]
    assert set(EMAIL.findall(text)) == {leaked.email, "jan@example.com"}
