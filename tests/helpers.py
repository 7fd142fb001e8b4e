"""Helpers several test files use: URLs of a fixture's records, files in storage, messages,
PDF text, the Nu Html Checker and the production settings."""

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from pypdf import PdfReader

BASE_DIR = Path(__file__).resolve().parent.parent
# The environment of a production server, as far as the settings read it.
PRODUCTION_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "DEBUG": "0",
    "SECRET_KEY": "k8Jq2vP7zR4mN9xT1wL6yB3cF5hG0dS8aE2uI7oQ4pZ1nM6vX9rT3bW5yK0jH8gD",
    "ALLOWED_HOSTS": "jakosc.um.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def url_for(name, kwargs, records):
    """reverse(name) with each kwarg taken from `records` by key: {"pk": "open"} ->
    {"pk": records["open"]}."""
    return reverse(name, kwargs={key: records[record] for key, record in kwargs.items()})


def stored_files(root):
    """The files under `root`, as sorted POSIX paths relative to it ([] if it does not exist)."""
    root = Path(root)
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def messages_of(response):
    """The messages the request left for the next page, as one string."""
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def pdf_pages(pdf):
    """(reader, the text of each page with its whitespace collapsed) of a PDF: a response of the
    test client (which must say it is a PDF), or the bytes."""
    if not isinstance(pdf, bytes):
        assert pdf["Content-Type"] == "application/pdf", pdf["Content-Type"]
        pdf = pdf.content
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_text(pdf):
    """The text of every page of a PDF (see pdf_pages), whitespace collapsed, in one string."""
    _reader, pages = pdf_pages(pdf)
    return " ".join(pages)


VNU_JAR = BASE_DIR / "node_modules/vnu-jar/build/dist/vnu.jar"


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


def production_values(expressions, env=None):
    """{name: the value of a Python expression over `settings`} under the production settings,
    with the environment variables `env` set too.

    Read in a fresh interpreter, since the suite's conftest relaxes the HTTPS-only settings.
    """
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{name: eval(expr) for name, expr in {expressions!r}.items()}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**PRODUCTION_ENV, **(env or {}), "DJANGO_SETTINGS_MODULE": "qms.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
