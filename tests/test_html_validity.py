"""Every page, every form sent back with errors, and the HTML the PDFs are made from, is valid
HTML (Nu Html Checker)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from certificates.models import CertificationBody
from tests.pages import (
    FORMS_WITH_ERRORS,
    INVALID_CERTIFICATE,
    PAGES,
    PDF_SOURCES,
    page_url,
    valid_until_error,
)

VNU_JAR = Path(__file__).resolve().parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"


def run_vnu(files):
    """Check the files in one run of the checker; return its error messages."""
    if not VNU_JAR.exists():
        pytest.fail(f"The Nu Html Checker is missing ({VNU_JAR}): run `npm ci`.", pytrace=False)
    java = shutil.which("java")
    if java is None:
        pytest.fail("The Nu Html Checker needs Java: install a JRE (17 or later).", pytrace=False)
    completed = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # The checker writes its JSON report on stderr, and exits with 1 when it found errors.
    try:
        report = json.loads(completed.stderr)
    except json.JSONDecodeError:
        pytest.fail(
            f"The Nu Html Checker did not report (exit {completed.returncode}):\n"
            f"{completed.stdout}\n{completed.stderr}",
            pytrace=False,
        )
    return [m for m in report["messages"] if m["type"] != "info"]


def test_every_page_is_valid_html(demo, client, settings, tmp_path):
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
        fetch(name, page_url(path), username, data={k: page_url(v) for k, v in data.items()})
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
