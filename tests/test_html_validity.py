"""Every page, every form sent back with errors, and the HTML the PDFs are made from, is valid
HTML (Nu Html Checker)."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from certificates.models import CertificationBody
from tests.helpers import run_vnu
from tests.pages import (
    FORMS_WITH_ERRORS,
    INVALID_CERTIFICATE,
    LARGE_OFFICE_PAGES,
    PAGES,
    PDF_SOURCES,
    grow_to_a_large_office,
    page_url,
    valid_until_error,
)

# Java and the checker take a minute over the whole site: not for the quick loop.
pytestmark = pytest.mark.slow


def test_every_page_is_valid_html(shared_demo, client, settings, tmp_path):
    documents = {}

    def fetch(name, path, username=None, status=200, data=None):
        client.logout()
        if username:
            client.force_login(User.objects.get(username=username))
        response = client.post(path, data) if data is not None else client.get(path)
        assert response.status_code == status, f"{name}: {path} answered {response.status_code}"
        assert response["Content-Type"].startswith("text/html"), name
        documents[name] = response.content.decode()

    for name, (path, username, status) in PAGES.items():
        fetch(name, page_url(path), username, status)

    fetch(
        "certificate-form-with-errors",
        "/intranet/certificates/new/",
        "coordinator",
        data={**INVALID_CERTIFICATE, "body": CertificationBody.objects.first().pk},
    )
    with translation.override("pl"):
        assert valid_until_error() in documents["certificate-form-with-errors"]
    for name, (path, username, data) in FORMS_WITH_ERRORS.items():
        data = {page_url(key): page_url(value) for key, value in data.items()}
        fetch(name, page_url(path), username, data=data)
        assert 'role="alert"' in documents[name], f"{name}: no errors shown"

    # The HTML that render_pdf hands to WeasyPrint: with DEBUG on, `?html=1` returns it as is.
    settings.DEBUG = True
    for name, (path, username) in PDF_SOURCES.items():
        fetch(name, page_url(path), username)
    settings.DEBUG = False

    files = []
    for name, html in documents.items():
        file = tmp_path / f"{name}.html"
        file.write_text(html, encoding="utf-8")
        files.append(file)

    errors = run_vnu(files)
    assert not errors, "The Nu Html Checker found errors:\n" + "\n".join(
        f"{Path(m.get('url', '?')).name}:{m.get('lastLine', '?')}: {m['message']}"
        f"\n    {m.get('extract', '').strip()}"
        for m in errors
    )


def test_the_pages_of_a_large_office_are_valid_html(shared_demo, client, tmp_path):
    grow_to_a_large_office()
    files = []
    for name, (path, username, status) in LARGE_OFFICE_PAGES.items():
        client.force_login(User.objects.get(username=username))
        response = client.get(path)
        assert response.status_code == status, f"{name}: {path} answered {response.status_code}"
        files.append(tmp_path / f"{name}.html")
        files[-1].write_text(response.content.decode(), encoding="utf-8")
    errors = run_vnu(files)
    assert not errors, "The Nu Html Checker found errors:\n" + "\n".join(
        f"{Path(m.get('url', '?')).name}:{m.get('lastLine', '?')}: {m['message']}"
        f"\n    {m.get('extract', '').strip()}"
        for m in errors
    )
