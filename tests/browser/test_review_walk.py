"""The management review in Chromium: the ISO representative's office registers a review, gathers
its inputs from the records, writes a commentary and an action; the chair (the mayor, top
management) signs in and approves the minutes, which are then read-only. No axe-core violations
on the way."""

import datetime

import pytest
from django.utils import translation
from django.utils.translation import pgettext
from playwright.sync_api import expect

from qms.models import ManagementReview, ReviewStatus, today

from .conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def submit(page):
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def test_the_coordinator_prepares_a_review_and_the_chair_approves_it(page, demo_site):
    before = set(ManagementReview.objects.values_list("pk", flat=True))
    login(page, demo_site, "coordinator")
    page.goto(f"{demo_site.url}/intranet/reviews/")
    assert_accessible(page)
    page.locator("a[href$='/intranet/reviews/new/']").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.select_option("select[name=chair]", label="Prezydent Miasta")
    page.locator("textarea[name=participants]").fill(
        "Prezydent Miasta – przewodniczący\nSekretarz Miasta\nPełnomocnik ds. SZJ"
    )
    page.locator("textarea[name=conclusions]").fill(
        "System zarządzania jakością jest przydatny, adekwatny i skuteczny."
    )
    submit(page)
    review = ManagementReview.objects.exclude(pk__in=before).get()
    assert page.url.endswith(review.get_absolute_url())

    # The inputs, gathered from the records.
    with page.expect_navigation():
        page.locator("form[action$='/snapshot/'] button").click()
    expect(page.locator("#previous_actions")).to_be_visible()
    assert_accessible(page)
    review.refresh_from_db()
    assert review.snapshot_taken_at is not None and review.inputs.count() == 12

    # The commentary on the first section, then an action.
    page.locator("#previous_actions a[href*='/reviews/inputs/']").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("textarea[name=commentary]").fill("Dwa działania pozostają otwarte.")
    submit(page)
    expect(page.locator("#previous_actions")).to_contain_text("Dwa działania pozostają otwarte.")
    page.locator(f"a[href$='/reviews/{review.pk}/actions/new/']").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.select_option("select[name=kind]", value="resources")
    page.locator("textarea[name=description]").fill("Zatrudnić informatyka do obsługi EZD.")
    page.select_option("select[name=owner]", label="Właściciel Procesu")
    due = today() + datetime.timedelta(days=90)
    page.locator("input[name=due_on]").fill(due.isoformat())
    submit(page)
    expect(page.locator("#actions-caption")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Zatrudnić informatyka do obsługi EZD.")
    # The coordinator is not offered the approval.
    expect(page.locator("form[action$='/approve/']")).to_have_count(0)

    # The chair signs in and approves.
    page.context.clear_cookies()
    login(page, demo_site, "manager")
    page.goto(f"{demo_site.url}{review.get_absolute_url()}")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("form[action$='/approve/'] button").click()
    review.refresh_from_db()
    assert review.status == ReviewStatus.APPROVED
    with translation.override("pl"):
        approved = pgettext("management review", "approved")
    expect(page.locator("h1 .badge")).to_have_text(approved)
    # Read-only: no form changes it any more, for the chair or the coordinator.
    expect(page.locator("form[action$='/approve/']")).to_have_count(0)
    page.context.clear_cookies()
    login(page, demo_site, "coordinator")
    page.goto(f"{demo_site.url}{review.get_absolute_url()}")
    expect(page.locator("h1 .badge")).to_have_text(approved)
    for changes in ("/edit/", "/snapshot/", "/actions/new/", "/archive/"):
        expect(page.locator(f"main [href$='{changes}'], main [action$='{changes}']")).to_have_count(
            0
        )
    expect(page.locator("main a[href*='/reviews/inputs/']")).to_have_count(0)
    assert_accessible(page)
