"""The demo documents' files: one PDF per edition, shipped in qms/demo/files/.

Each is a one-page, tagged PDF/UA-1 in Polish (the office, the document's code, title, kind and
edition, that edition's summary of changes, a few paragraphs of the document's text from
document_texts.py, and a note that it is a demonstration document), rendered by qms.pdf from
templates/qms/demo_document_pdf.html. A document in document_texts.SCANS is a scan instead: the
same page as a picture, with no text layer, as a scanner saves signed minutes. Rendering them all
takes a while, so the loader reads the shipped files instead; after changing a document card or
its text, render them again:

    DEBUG=1 .venv/bin/python -m qms.demo.document_files
"""

import functools
import io
from pathlib import Path

from django.utils.text import slugify

from .document_texts import TEXTS

FILES = Path(__file__).resolve().parent / "files"
FONTS_DIR = Path(__file__).resolve().parent.parent.parent / "static" / "fonts"


def path(code, edition):
    """Where the file of the document's edition is shipped, e.g. files/pr-01-wydanie-2.pdf."""
    return FILES / f"{slugify(code)}-wydanie-{edition}.pdf"


def read(code, edition):
    return path(code, edition).read_bytes()


@functools.cache
def contents(code, edition):
    """The text the search reads out of the file (qms.contents.read), read once per process: the
    shipped files do not change while it runs, and reading a PDF's text takes far longer than
    storing it (a second demo load, as the test suite does, would spend most of its time here)."""
    from qms.contents import read as read_contents

    return read_contents(io.BytesIO(read(code, edition)), "pdf")


def editions():
    """(document card, edition number, summary of changes) of every file the demo needs."""
    from .catalogue import DOCUMENTS

    return [(card, edition, summary) for card in DOCUMENTS for edition, summary in card.editions()]


def render(card, edition, summary):
    from .document_texts import SCANS

    if card.code in SCANS:
        return render_scan(card, edition, summary)
    return render_pdf(card, edition, summary)


def render_pdf(card, edition, summary):
    from django.template.loader import render_to_string
    from django.utils import timezone, translation

    from qms.models import DocumentKind
    from qms.pdf import html_to_pdf

    from .organisation import ORGANISATION

    title = f"{card.code} {card.title}, wydanie {edition}"
    with translation.override("pl"):
        html = render_to_string(
            "qms/demo_document_pdf.html",
            {
                "lang": "pl",
                "pdf_title": title,
                "generated_at": timezone.localtime(),
                "organisation": {"name": ORGANISATION["name"]},
                "code": card.code,
                "title": card.title,
                "kind": DocumentKind(card.kind).label,
                "edition": edition,
                "summary": summary,
                "paragraphs": TEXTS[card.code],
            },
        )
    return html_to_pdf(html, base_url="http://localhost/")


def render_scan(card, edition, summary):
    """The page as a scanner saves it: a grey picture of the text (A4 at 100 dpi), slightly
    askew, in a PDF with no text layer."""
    import io
    import textwrap

    from PIL import Image, ImageDraw, ImageFont

    from .organisation import ORGANISATION

    paper, ink = 238, 40
    page = Image.new("L", (827, 1169), paper)
    draw = ImageDraw.Draw(page)
    regular = ImageFont.truetype(str(FONTS_DIR / "DejaVuSans.ttf"), 15)
    bold = ImageFont.truetype(str(FONTS_DIR / "DejaVuSans-Bold.ttf"), 22)
    y = 90
    for text, font, gap in [
        (ORGANISATION["name"], regular, 30),
        ("System Zarządzania Jakością", regular, 50),
        (f"{card.code} {card.title}", bold, 40),
        (f"Wydanie {edition}", regular, 40),
        *[(line, regular, 24) for line in textwrap.wrap(summary, 85)],
        ("", regular, 20),
        *[
            (line, regular, 24)
            for paragraph in TEXTS[card.code]
            for line in [*textwrap.wrap(paragraph, 85), ""]
        ],
        ("Podpisy członków kierownictwa:", regular, 60),
    ]:
        draw.text((80, y), text, fill=ink, font=font)
        y += gap
    # Three signatures: a scribble each.
    for x in (100, 350, 600):
        draw.line([(x, y + 10), (x + 40, y - 10), (x + 70, y + 12), (x + 130, y - 8)], ink, 2)
    page = page.rotate(0.6, fillcolor=paper)
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=100, quality=35)
    return buffer.getvalue()


def generate():
    """Render every edition's file again and remove the files no edition needs any more."""
    FILES.mkdir(exist_ok=True)
    wanted = set()
    for card, edition, summary in editions():
        target = path(card.code, edition)
        target.write_bytes(render(card, edition, summary))
        wanted.add(target)
    for stale in set(FILES.glob("*.pdf")) - wanted:
        stale.unlink()
    return len(wanted)


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qms.settings")
    django.setup()
    print(f"{generate()} files written to {FILES}.")
