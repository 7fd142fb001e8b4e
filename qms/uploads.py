"""Checks for uploaded files: by content and size, never by the name alone."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
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


def validate_pdf(upload):
    """Accept only a real PDF: it must start with the PDF signature and end with its trailer."""
    validate_size(upload)
    upload.seek(0)
    head = upload.read(8)
    upload.seek(max(upload.size - 1024, 0))
    tail = upload.read()
    upload.seek(0)
    if not (head.startswith(b"%PDF-") and b"%%EOF" in tail):
        raise ValidationError(
            _("The file is not a PDF document. Upload the scan saved as PDF."), code="not_pdf"
        )
