"""Helpers several test files use: URLs of a fixture's records, files in storage, messages,
PDF text, the Nu Html Checker and the production settings."""

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
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


# --- Files of every kind an edition may be, with the text given ---------------------------------


def weasyprint_pdf(pages, *, lang="pl"):
    """A tagged PDF (WeasyPrint, as qms.pdf makes them) with one page for each text in `pages`."""
    from django.utils.html import escape

    from qms.pdf import html_to_pdf

    body = "".join(
        f'<section style="break-after: page"><p>{escape(text)}</p></section>' for text in pages
    )
    html = (
        f'<!DOCTYPE html><html lang="{lang}"><head><title>Test</title></head>'
        f"<body>{body}</body></html>"
    )
    return html_to_pdf(html, base_url="http://localhost/")


def scanned_pdf(pages=1):
    """A PDF whose pages are only a picture, as a scanner saves them: no text layer."""
    from PIL import Image

    images = [Image.new("RGB", (200, 280), "white") for _ in range(pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=72)
    return buffer.getvalue()


def docx_bytes(paragraphs, *, table=None):
    """A DOCX (python-docx) with the paragraphs, then a table of the rows in `table`."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes(paragraphs, *, heading=None):
    """An ODT (odfpy) with a heading and the paragraphs."""
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    if heading:
        document.text.addElement(H(outlinelevel=1, text=heading))
    for text in paragraphs:
        document.text.addElement(P(text=text))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def ods_bytes(rows):
    """An ODS (odfpy): one sheet with the rows of cells."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    sheet = Table(name="Arkusz1")
    for values in rows:
        row = TableRow()
        for value in values:
            cell = TableCell()
            cell.addElement(P(text=value))
            row.addElement(cell)
        sheet.addElement(row)
    document.spreadsheet.addElement(sheet)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows, *, title="Rejestr"):
    """An XLSX (openpyxl): one sheet named `title` with the rows of values."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_drawing(operators):
    """A one-page PDF, written by hand, whose page draws `operators` (a content stream, bytes)
    with Helvetica as /F1: e.g. b"BT /F1 12 Tf 10 100 Td (Tekst) Tj ET"."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(operators), operators),
    ]
    pdf = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


@contextlib.contextmanager
def gunicorn(environment, *, app=None):
    """gunicorn with the repository's settings file (qms/gunicorn_conf.py), one worker, on this
    test's database, `environment` added; `app` replaces the production WSGI application (the
    benchmarks' serves static files without collectstatic). Yields (port, log): the log holds
    what gunicorn printed, its access log included."""
    from qms import benchmarking

    with (
        tempfile.TemporaryFile() as log,
        benchmarking.gunicorn(
            benchmarking.database_url(),
            workers=1,
            environment={"GUNICORN_ACCESS_LOG": "-", **environment},
            app=app or "qms.wsgi:application",
            wait=60,
            log=log,
        ) as port,
    ):
        yield port, log


def read_log(log):
    """All that a `gunicorn` server has printed so far, as text (for a test's failure message)."""
    log.seek(0)
    return log.read().decode(errors="replace")
