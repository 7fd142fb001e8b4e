"""Checks for uploaded files: by content and size, never by the name alone."""

import hashlib
import re
import unicodedata
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _


def validate_size(upload):
    if upload.size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.MAX_UPLOAD_SIZE),
            },
            code="too_large",
        )


# An indirect object ("1 0 obj ... endobj") and a trailer or cross-reference: what every PDF has
# and a page with a PDF signature pasted on top lacks.
_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
# Markup a browser would take for a web page if it ever sniffed the file (PDFs start binary).
_WEB_MARKUP = re.compile(rb"<(?:!doctype|html|head|body|script|svg|iframe)\b", re.IGNORECASE)


def validate_pdf(upload):
    """Accept only a real PDF: the PDF signature, objects, a trailer and the end-of-file marker,
    and no web markup at the start."""
    validate_size(upload)
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    tail = content[-1024:]
    if not (
        content.startswith(b"%PDF-")
        and b"%%EOF" in tail
        and _PDF_OBJECT.search(content)
        and b"endobj" in content
        and (b"trailer" in content or b"startxref" in tail)
        and not _WEB_MARKUP.search(content[:1024])
    ):
        raise ValidationError(
            _("The file is not a PDF document. Upload the scan saved as PDF."), code="not_pdf"
        )


# What a controlled document's file may be, recognised by its content.
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
_OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}

# What an office document's archive may hold. Type detection reads no more than MIMETYPE_BYTES of
# any member; an archive with more members, or that would unpack to more than MAX_UNPACKED
# bytes, is refused before anything is decompressed (a "zip bomb" would otherwise take a worker's
# memory: 1 MB of upload can unpack to gigabytes).
MIMETYPE_BYTES = 100
MAX_MEMBERS = 5000
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200


def validate_file_name(name):
    """Refuse names that try to climb folders or hide control characters.

    With no slash allowed, ".." inside a name ("wyd. 2..final.pdf") climbs nowhere; only the
    names "." and ".." themselves are refused.
    """
    if (
        not name
        or name in (".", "..")
        or "/" in name
        or "\\" in name
        or any(unicodedata.category(ch).startswith("C") for ch in name)
        or len(name) > 200
    ):
        raise ValidationError(
            _(
                "The file name is not allowed: it must not contain folders (/ or \\) or "
                "control characters, and must be at most 200 characters long."
            ),
            code="bad_name",
        )


def _refuse_archive():
    return ValidationError(
        _(
            "The file's archive structure is not that of an office document (too many parts, or "
            "parts that would unpack to far more than the file's size). Save it again from the "
            "office program, or as PDF."
        ),
        code="bad_archive",
    )


def _office_kind(archive):
    """odt, ods, docx or xlsx from the archive's table of contents and at most MIMETYPE_BYTES of
    its `mimetype` member; None if it is none of them. Nothing else is decompressed."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _refuse_archive()
    unpacked = 0
    for member in members:
        unpacked += member.file_size
        too_dense = member.file_size > MAX_RATIO * max(member.compress_size, 1024)
        if unpacked > MAX_UNPACKED or too_dense:
            raise _refuse_archive()
    names = {member.filename for member in members}
    if "mimetype" in names:
        with archive.open("mimetype") as stream:
            mimetype = stream.read(MIMETYPE_BYTES).decode("ascii", "replace").strip()
        for kind in ("odt", "ods"):
            if mimetype == DOCUMENT_TYPES[kind]:
                return kind
    if "[Content_Types].xml" in names:
        for kind, part in _OOXML_PARTS.items():
            if part in names:
                return kind
    return None


def detect_document_type(upload):
    """The file's real type (pdf, docx, xlsx, odt, ods) from its content, or a ValidationError."""
    validate_size(upload)
    validate_file_name(upload.name)
    return document_kind(upload)


def document_kind(upload):
    """The type from the content alone (an uploaded file, or one in storage under a generated
    name): a PDF's structure, or an office archive judged by its table of contents."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        validate_pdf(upload)
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                kind = _office_kind(archive)
            if kind:
                return kind
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
            pass  # not a readable archive: refused below as an unknown type
        finally:
            upload.seek(0)
    raise ValidationError(
        _("This kind of file is not accepted. Upload a PDF, DOCX, ODT, XLSX or ODS file."),
        code="bad_type",
    )


def sha256_of(upload):
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def download_name(version):
    """A safe ASCII name to save an edition's file as: 'PR-03_wyd2.pdf'."""
    extensions = {content_type: kind for kind, content_type in DOCUMENT_TYPES.items()}
    stem = slugify(version.document.code).upper() or "DOKUMENT"
    return f"{stem}_wyd{version.revision}.{extensions.get(version.content_type, 'bin')}"
