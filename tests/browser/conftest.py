"""Playwright against the live server: one Chromium for the session, a fresh context per test."""

import io
import json
import os
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from qms.management.commands.load_demo import DEMO_PASSWORD

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse the
# database calls the fixtures make around it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BROWSER_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    # Every test here needs Chromium: marked `browser` even if its module forgets to say so, so
    # that `-m "not browser"` (make check) never starts one.
    for item in items:
        if BROWSER_TESTS in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


AXE_SOURCE = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")


@pytest.fixture(scope="session")
def live_server(request, tmp_path_factory):
    """pytest-django's live server, started under the test settings its middleware reads once.

    The server's handler is built when the session's first browser test starts, before the
    per-test settings of tests/conftest.py apply, and SecurityMiddleware and WhiteNoise read
    theirs only then: without these, every page would redirect to HTTPS, and WhiteNoise would
    warn about a missing STATIC_ROOT. The settings also say MEDIA_URL = None (no URL serves the
    private uploads), but Django's LiveServerThread wraps the site in a media handler that needs
    a string prefix and fails on every request without one; the prefix given here is never
    linked to.
    """
    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        WHITENOISE_USE_FINDERS=True,
        STATIC_ROOT=tmp_path_factory.mktemp("staticfiles"),
        MEDIA_URL="/live-server-media/",
    ):
        server = LiveServer(addr)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium); "
            "the browser tests never download a browser.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


# Every page reports each Content-Security-Policy violation to the test. The script is added by
# Playwright through the DevTools protocol, which the page's policy does not govern.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.__reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`
        + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
    );
});
"""


def watch(context, origin):
    """Record what a page of `context` must never do: ask another site for anything (a font, a
    script, an image, a form target), or break its own Content-Security-Policy. Returns the list
    the problems are added to."""
    problems = []

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}" != origin:
            problems.append(f"request to another site: {request.method} {request.url}")

    def on_console(message):
        # Chromium logs what the policy blocked as "Refused to load/apply/execute ...".
        if message.text.startswith("Refused to") or "Content Security Policy" in message.text:
            problems.append(f"console: {message.text}")

    context.on("request", on_request)
    context.on("console", on_console)
    context.expose_function("__reportCspViolation", lambda text: problems.append(f"CSP: {text}"))
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    return problems


@pytest.fixture(autouse=True)
def _same_site_and_within_the_policy(request, monkeypatch):
    """Every browser context a test opens (the `page` fixture's, or its own) is watched; the test
    fails if one of its pages asked another site for something or broke the CSP."""
    if "browser" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    origin = request.getfixturevalue("live_server").url.rstrip("/")
    new_context = browser.new_context
    watched = []

    def new_watched_context(*args, **kwargs):
        context = new_context(*args, **kwargs)
        watched.append(watch(context, origin))
        return context

    monkeypatch.setattr(browser, "new_context", new_watched_context)
    yield
    found = [problem for problems in watched for problem in problems]
    if found:
        pytest.fail(
            "The page went beyond its own site or its Content-Security-Policy:\n"
            + "\n".join(dict.fromkeys(found)),
            pytrace=False,
        )


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="pl-PL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_site(live_server):
    """The demo data, committed where the live server's thread sees it; returns the server.

    It brings the demo accounts too: coordinator, auditor, owner and employee, one per role.
    """
    call_command("load_demo", force=True, stdout=io.StringIO())
    return live_server


def login(page, live_server, username, password=DEMO_PASSWORD):
    """Sign in through the real form at /accounts/login/ (by default as a demo account)."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/accounts/login/" not in page.url, f"signing in as {username!r} failed"


# What is wider than its box: the page itself (a sideways scroll bar), and each table or the box
# that scrolls it (a pixel allowed for fractional widths).
OVERFLOW = """() => {
    const problems = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
        problems.push(`the page is ${root.scrollWidth} px wide in ${root.clientWidth} px`);
    }
    for (const table of document.querySelectorAll("table")) {
        const name = table.caption ? `the table "${table.caption.textContent.trim()}"` : "a table";
        const wrapper = table.closest(".table-responsive");
        for (const [box, what] of [[table, name], [wrapper, `the box of ${name}`]]) {
            if (box && box.scrollWidth > box.clientWidth + 1) {
                problems.push(`${what} is ${box.scrollWidth} px wide in ${box.clientWidth} px`);
            }
        }
    }
    return problems;
}"""


def overflow(page):
    """What overflows sideways on the page (see OVERFLOW), as lines to report; [] if nothing."""
    return page.evaluate(OVERFLOW)


def assert_accessible(page):
    """Run axe-core (WCAG 2.1 A and AA) on the page; fail listing every violation."""
    problems = axe_violations(page)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def axe_violations(page):
    """Run axe-core (WCAG 2.1 A and AA) on the page: its violations, as lines to report."""
    # Evaluated through the DevTools protocol: an inline <script> would be refused by the CSP.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = result["violations"]
    if not violations:
        return []
    lines = [f"{len(violations)} axe violation(s) on {page.url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']}")
    return lines
