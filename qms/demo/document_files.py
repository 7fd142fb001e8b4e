"""The demo documents' files: one PDF per edition, shipped in qms/demo/files/.

Each is a one-page, tagged PDF/UA-1 in Polish (the office, the document's code, title, kind and
edition, that edition's summary of changes, and a note that it is a demonstration document),
rendered by qms.pdf from templates/qms/demo_document_pdf.html. Rendering them all takes a while, so
the loader reads the shipped files instead; after changing a document card, render them again:

    DEBUG=1 .venv/bin/python -m qms.demo.document_files
"""

from pathlib import Path

from django.utils.text import slugify

FILES = Path(__file__).resolve().parent / "files"


def path(code, edition):
    """Where the file of the document's edition is shipped, e.g. files/pr-01-wydanie-2.pdf."""
    return FILES / f"{slugify(code)}-wydanie-{edition}.pdf"


def read(code, edition):
    return path(code, edition).read_bytes()


def editions():
    """(document card, edition number, summary of changes) of every file the demo needs."""
    from .catalogue import DOCUMENTS

    return [(card, edition, summary) for card in DOCUMENTS for edition, summary in card.editions()]


def render(card, edition, summary):
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
            },
        )
    return html_to_pdf(html, base_url="http://localhost/")


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
