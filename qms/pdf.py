"""The one place that turns a template into a PDF: WeasyPrint, tagged PDF/UA-1, fonts embedded."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import get_language

STATIC_PREFIX = "/" + settings.STATIC_URL.lstrip("/")


def _is_static_file(path):
    roots = [Path(d).resolve() for d in settings.STATICFILES_DIRS] + [Path(settings.STATIC_ROOT)]
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(root.resolve()) for root in roots)


def _collected(name):
    """A file `collectstatic` wrote (its hashed name, as templates link it in production)."""
    if not settings.STATIC_ROOT:
        return None
    path = Path(settings.STATIC_ROOT, name)
    return path if path.is_file() and _is_static_file(path) else None


def _fetcher():
    from weasyprint.urls import URLFetcher

    class StaticFilesFetcher(URLFetcher):
        """Serve /static/... from disk (stylesheet, fonts, logo); fetch nothing else."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data" or (parts.scheme == "file" and _is_static_file(parts.path)):
                # data: URIs, and files a static stylesheet refers to (its fonts).
                return super().fetch(url, headers)
            path = parts.path
            if path.startswith(STATIC_PREFIX):
                name = path[len(STATIC_PREFIX) :]
                # The source file, or in production the collected one under its hashed name.
                found = finders.find(name) or _collected(name)
                if found:
                    return super().fetch(Path(found).as_uri(), headers)
            raise ValueError(f"PDFs load only static files, not {url!r}")

    return StaticFilesFetcher()


def html_to_pdf(html, *, base_url):
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url, url_fetcher=_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1",
        pdf_tags=True,
        custom_metadata=True,
    )


def render_pdf(request, template, context, *, filename, title):
    """Render `template` (which extends pdf/base.html) as a PDF download.

    With DEBUG on, `?html=1` shows the same template as HTML, for previewing the layout.
    """
    context = {
        **context,
        "pdf_title": title,
        "generated_at": timezone.localtime(),
        "lang": get_language() or settings.LANGUAGE_CODE,
    }
    html = render_to_string(template, context, request=request)
    if settings.DEBUG and request.GET.get("html"):
        return HttpResponse(html)
    if len(html) > settings.PDF_MAX_HTML:
        # Typesetting grows with the text: past this size a PDF would keep a server worker busy
        # past its timeout. Each record's limits keep its own PDF well within it; a register
        # printed whole can pass it, and is then narrowed with its filters.
        return render(
            request,
            "pdf/too_large.html",
            {"title": title, "back": _same_site(request, request.headers.get("referer", ""))},
            status=422,
        )
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    # A safe ASCII name: "certyfikat-PL-QMS-0142/2021.pdf" -> "certyfikat-pl-qms-01422021.pdf".
    stem = slugify(filename.removesuffix(".pdf")) or "dokument"
    response["Content-Disposition"] = content_disposition_header(False, f"{stem}.pdf")
    return response


def _same_site(request, url):
    """`url` if it leads back into the portal, else nothing."""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else ""
