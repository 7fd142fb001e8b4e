"""What every answer tells the browser: a Content-Security-Policy that allows this site only, the
other security headers, cookies a script cannot read and that travel only over HTTPS; and pages
with no inline script or style and nothing loaded from another site, so the policy stays strict."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.urls import reverse

from certificates.models import Certificate, CertificationBody
from qms.management.commands.load_demo import DEMO_PASSWORD
from tests import factories
from tests.helpers import production_values
from tests.pages import (
    FORMS_WITH_ERRORS,
    INVALID_CERTIFICATE,
    PAGES,
    PDF_SOURCES,
    page_url,
)

pytestmark = pytest.mark.django_db

# The only sources the policy may name: this site, nothing, and data: images (Bootstrap's icons).
ALLOWED_SOURCES = {"'self'", "'none'"}
REQUIRED_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def csp_directives(header):
    """'default-src 'self'; img-src 'self' data:' -> {'default-src': ["'self'"], ...}."""
    directives = {}
    for part in header.split(";"):
        if part.strip():
            name, *sources = part.split()
            directives[name.lower()] = sources
    return directives


def csp_problems(response):
    """What is wrong with the response's Content-Security-Policy, as a list of sentences."""
    header = response.get("Content-Security-Policy")
    if not header:
        return ["no Content-Security-Policy header"]
    directives = csp_directives(header)
    problems = [
        f"{name} is {directives.get(name)}, not {sources}"
        for name, sources in REQUIRED_DIRECTIVES.items()
        if directives.get(name) != sources
    ]
    for name, sources in directives.items():
        for source in sources:
            if source in ALLOWED_SOURCES or (name == "img-src" and source == "data:"):
                continue
            problems.append(f"{name} allows {source}")
    return problems


def header_problems(response):
    problems = csp_problems(response)
    expected = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }
    for name, value in expected.items():
        if response.get(name) != value:
            problems.append(f"{name} is {response.get(name)!r}, not {value!r}")
    return problems


def fetch(client, path, username=None, data=None, **extra):
    client.logout()
    if username:
        client.force_login(User.objects.get(username=username))
    if data is not None:
        return client.post(path, data, **extra)
    return client.get(path, **extra)


def html_pages(client, settings):
    """Every HTML page of tests/pages.py as (name, response): the pages, the forms sent back with
    errors, and the HTML the PDFs are made from (which needs DEBUG for its `?html=1` preview)."""
    for name, (path, username, status) in PAGES.items():
        response = fetch(client, page_url(path), username)
        assert response.status_code == status, f"{name}: {path} answered {response.status_code}"
        yield name, response
    body = CertificationBody.objects.first().pk
    yield (
        "certificate-form-with-errors",
        fetch(
            client,
            "/intranet/certificates/new/",
            "coordinator",
            data={**INVALID_CERTIFICATE, "body": body},
        ),
    )
    for name, (path, username, data) in FORMS_WITH_ERRORS.items():
        data = {page_url(key): page_url(value) for key, value in data.items()}
        response = fetch(client, page_url(path), username, data=data)
        assert response.status_code == 200, name
        yield name, response
    settings.DEBUG = True
    try:
        for name, (path, username) in PDF_SOURCES.items():
            response = fetch(client, page_url(path), username)
            assert response["Content-Type"].startswith("text/html"), name
            yield name, response
    finally:
        settings.DEBUG = False


def file_responses(client):
    """The PDFs (as WeasyPrint makes them) and the two kinds of stored file."""
    for name, (path, username) in PDF_SOURCES.items():
        path = page_url(path).replace("?html=1", "")
        response = fetch(client, path, username)
        assert response["Content-Type"] == "application/pdf", name
        yield name.removesuffix("-source"), response
    version = page_url("{in_force[KJ]}")
    response = fetch(client, reverse("intranet:version_download", args=[version]), "employee")
    assert response.status_code == 200
    yield "document-download", response
    certificate = Certificate.objects.current()
    certificate.scan.save("skan.pdf", ContentFile(factories.PDF_BYTES))
    response = fetch(client, reverse("public:certificate_scan", args=[certificate.pk]))
    assert response.status_code == 200
    yield "certificate-scan", response


def test_policy_check_catches_what_would_weaken_it():
    class Answer(dict):
        pass

    weak = Answer(
        {
            "Content-Security-Policy": (
                "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
                "style-src 'self' https://cdn.example.com; img-src 'self' data:; "
                "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
            )
        }
    )
    assert csp_problems(weak) == [
        "script-src is [\"'self'\", \"'unsafe-inline'\", \"'unsafe-eval'\"], not [\"'self'\"]",
        "style-src is [\"'self'\", 'https://cdn.example.com'], not [\"'self'\"]",
        "script-src allows 'unsafe-inline'",
        "script-src allows 'unsafe-eval'",
        "style-src allows https://cdn.example.com",
    ]
    assert csp_problems(Answer()) == ["no Content-Security-Policy header"]


# --- No inline script or style, nothing from another site ------------------------------------

# Elements whose attributes make the browser fetch something as the page loads (or on submit).
FETCHING_ATTRIBUTES = {
    "link": ["href"],
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "input": ["src", "formaction"],
    "button": ["formaction"],
    "form": ["action"],
}


class PageAudit(HTMLParser):
    """Collects what a strict CSP would block, and every address the page would fetch."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        where = f"<{tag}> at line {self.getpos()[0]}"
        if tag == "script" and not attributes.get("src"):
            self.problems.append(f"inline script: {where}")
        if tag == "style":
            self.problems.append(f"<style> element: {where}")
        for name, value in attrs:
            if name == "style":
                self.problems.append(f"style attribute {value!r}: {where}")
            elif name.startswith("on"):
                self.problems.append(f"{name} handler: {where}")
            elif (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL in {name}: {where}")
        for name in FETCHING_ATTRIBUTES.get(tag, []):
            value = attributes.get(name)
            if value:
                candidates = value.split(",") if name == "srcset" else [value]
                self.urls.extend((where, c.strip().split(" ")[0]) for c in candidates)

    handle_startendtag = handle_starttag


def is_same_site(url, host="testserver"):
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme in ("", "http", "https") and not parts.netloc:
        return True
    return parts.scheme in ("http", "https") and parts.hostname == host


def audit_page(html):
    audit = PageAudit()
    audit.feed(html)
    audit.close()
    foreign = [f"request to {url}: {where}" for where, url in audit.urls if not is_same_site(url)]
    return audit.problems + foreign


def test_page_audit_catches_inline_code_and_foreign_addresses():
    html = """<!DOCTYPE html><html><head>
    <link rel="stylesheet" href="https://cdn.example.com/bootstrap.css">
    <link rel="stylesheet" href="/static/css/site.css">
    <style>p { color: red }</style>
    <script>alert(1)</script><script src="/static/js/checklist.js"></script>
    </head><body>
    <p style="color: red" onclick="go()">x</p>
    <a href="https://miastozabrze.pl/">a link is not a request</a>
    <a href="javascript:go()">y</a>
    <img src="data:image/png;base64,AA==" alt=""><img src="//evil.example/pixel.gif" alt="">
    <img srcset="/a.png 1x, https://cdn.example.com/b.png 2x" alt="">
    <form action="http://testserver/intranet/"></form><form action="https://forms.example.org/">
    </form></body></html>"""
    assert audit_page(html) == [
        "<style> element: <style> at line 4",
        "inline script: <script> at line 5",
        "style attribute 'color: red': <p> at line 7",
        "onclick handler: <p> at line 7",
        "javascript: URL in href: <a> at line 9",
        "request to https://cdn.example.com/bootstrap.css: <link> at line 2",
        "request to //evil.example/pixel.gif: <img> at line 10",
        "request to https://cdn.example.com/b.png: <img> at line 11",
        "request to https://forms.example.org/: <form> at line 12",
    ]


# --- Cookies and HSTS under the production settings -------------------------------------------

SETTINGS_TO_READ = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
]


@pytest.fixture(scope="module")
def production_settings():
    return production_values({name: f"settings.{name}" for name in SETTINGS_TO_READ})


def test_production_settings_send_cookies_over_https_only_and_keep_the_session_from_scripts(
    production_settings,
):
    assert production_settings["DEBUG"] is False
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["SESSION_COOKIE_HTTPONLY"] is True
    assert production_settings["CSRF_COOKIE_SECURE"] is True
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["SECURE_HSTS_SECONDS"] >= 31536000


def test_sign_in_over_https_sets_secure_http_only_cookies_and_hsts(
    client, settings, production_settings, employee
):
    """The production values, applied to the test client speaking HTTPS: the cookies a real
    sign-in sets are Secure, the session's is HttpOnly, and each answer asks for HTTPS next time."""
    for name in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT"):
        setattr(settings, name, production_settings[name])
    for name in ("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD"):
        setattr(settings, name, production_settings[name])
    employee.set_password(DEMO_PASSWORD * 4)
    employee.save()

    form = client.get("/accounts/login/", secure=True)
    assert form.status_code == 200
    assert form["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csrf = form.cookies["csrftoken"]
    assert csrf["secure"] is True

    signed_in = client.post(
        "/accounts/login/",
        {"username": "employee", "password": DEMO_PASSWORD * 4},
        secure=True,
    )
    assert signed_in.status_code == 302
    session = signed_in.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    assert "Strict-Transport-Security" in signed_in

    # Plain HTTP is sent to HTTPS, and gets no HSTS header (browsers ignore it there anyway).
    plain = client.get("/", secure=False)
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    assert "Strict-Transport-Security" not in plain


# --- Every page of the demo (tests/pages.py), loaded once for these two ------------------------
# They walk every page and render every PDF: not for the quick loop.


@pytest.mark.slow
def test_every_page_pdf_and_download_sends_the_strict_policy_and_security_headers(
    shared_demo, client, settings
):
    answers = [*html_pages(client, settings), *file_responses(client)]
    problems = [f"{name}: {problem}" for name, r in answers for problem in header_problems(r)]
    assert not problems, "\n".join(problems)
    assert len(answers) > len(PAGES)


@pytest.mark.slow
def test_no_page_has_inline_script_or_style_or_loads_from_another_site(
    shared_demo, client, settings
):
    problems = []
    for name, response in html_pages(client, settings):
        problems += [f"{name}: {problem}" for problem in audit_page(response.content.decode())]
    assert not problems, "\n".join(problems)
