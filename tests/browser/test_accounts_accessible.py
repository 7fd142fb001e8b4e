"""The sign-in lockout page and the accounts list with a locked account, in Chromium: no axe-core
violations, and the office lifts the lock from the list."""

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from qms.management.commands.load_demo import DEMO_PASSWORD

from .conftest import assert_accessible, login, overflow

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}  # WCAG 1.4.10 reflow, as in test_pages_accessible
WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def lock_out(username):
    """Ten failed sign-ins for `username` from the browser's own address (the live server's
    peer): the lock holds for that account at that address only."""
    AccessAttempt.objects.create(
        username=username,
        ip_address="127.0.0.1",
        user_agent="",
        failures_since_start=10,
        attempt_time=timezone.now(),
    )


def test_locked_out_page_has_no_axe_violations(page, demo_site):
    lock_out("employee")
    page.goto(f"{demo_site.url}/accounts/login/")
    page.locator("input[name=username]").fill("employee")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").click()

    assert navigation.value.status == 429
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == "pl"
    assert page.locator("header form[action$='/logout/']").count() == 0  # not signed in
    assert_accessible(page)
    page.set_viewport_size(NARROW)
    assert_accessible(page)


def test_coordinator_lifts_a_lockout_from_the_accounts_list(page, demo_site):
    lock_out("employee")
    page.set_viewport_size(WIDE)
    login(page, demo_site, "coordinator")
    page.goto(f"{demo_site.url}/intranet/accounts/")
    assert_accessible(page)

    unlock = page.locator("main form[action*='/unlock/'] button[type=submit]")
    assert unlock.count() == 1
    # The widest row (a badge and two buttons more) fits the office's screen and a phone, the
    # button whole in view.
    for size in (WIDE, PHONE):
        page.set_viewport_size(size)
        assert not overflow(page), size
        button, table = unlock.bounding_box(), page.locator("main table").bounding_box()
        assert table["x"] <= button["x"] and button["x"] + button["width"] <= size["width"], size
        assert button["x"] + button["width"] <= table["x"] + table["width"] + 1, size
    page.set_viewport_size(WIDE)
    with page.expect_navigation():
        unlock.click()

    assert page.get_by_role("status").is_visible()
    assert page.locator("main form[action*='/unlock/']").count() == 0
    assert not AccessAttempt.objects.filter(username="employee").exists()
    assert_accessible(page)
