"""Playwright against the live server: one Chromium for the session, a fresh context per test."""

import io
import json
import os
from importlib import resources
from pathlib import Path

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


def assert_accessible(page):
    """Run axe-core (WCAG 2.1 A and AA) on the page; fail listing every violation."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE_SOURCE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = result["violations"]
    if violations:
        lines = [f"{len(violations)} axe violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']}"
                f" [{violation['helpUrl']}]"
            )
            for node in violation["nodes"]:
                lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']}")
        pytest.fail("\n".join(lines), pytrace=False)
