"""The desk types in paper questionnaires in Chromium with the keyboard alone: the cursor starts in
the first question's box, digits and Tab fill the sheet, Enter saves it and brings back an empty
form for the next one; a mistyped score comes back marked with everything else kept. No axe-core
violations on the way."""

import pytest
from django.contrib.auth.models import User
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from surveys.models import Campaign, Channel, Response, Source

from .conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def polish(text):
    with translation.override("pl"):
        return gettext(text)


def focused(page):
    return page.evaluate(
        "() => [document.activeElement.name || '', document.activeElement.tagName]"
    )


def autofocused(page, name):
    """Where the cursor is once the page has applied its `autofocus`, which the browser does
    at a rendering step after the load event, not at it."""
    expect(page.locator(f"[name={name}]")).to_be_focused()
    return focused(page)


def test_a_clerk_types_in_a_paper_questionnaire_with_the_keyboard_alone(page, demo_site):
    campaign = Campaign.objects.open_on(timezone.localdate()).get()
    questions = [
        question
        for group in campaign.questionnaire.groups.order_by("position")
        for question in group.questions.order_by("position")
    ]
    clerk = User.objects.get(username="clerk")
    before = Response.objects.filter(campaign=campaign).count()
    login(page, demo_site, "clerk")
    entry = f"{demo_site.url}/intranet/surveys/campaigns/{campaign.pk}/paper/new/"
    page.goto(entry)
    assert_accessible(page)

    # The cursor starts in the first box. The sheet: 5, 4, 3 …, the second question "not
    # applicable" (0), the last one left empty.
    assert autofocused(page, f"q{questions[0].pk}") == [f"q{questions[0].pk}", "INPUT"]
    typed = ["5", "0", *(str(n % 5 + 1) for n in range(len(questions) - 4)), "9", ""]
    for key in typed:
        if key:
            page.keyboard.type(key)
        page.keyboard.press("Tab")
    assert focused(page) == ["unit", "SELECT"]
    page.keyboard.press("ArrowDown")  # the first unit of the list
    page.keyboard.press("Tab")
    assert focused(page) == ["channel", "SELECT"]  # "in person" is chosen already
    page.keyboard.press("Tab")
    assert focused(page) == ["comment", "TEXTAREA"]
    page.keyboard.type("Proszę o więcej ławek.")
    page.keyboard.press("Tab")
    assert focused(page)[1] == "BUTTON"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # A 9 is off the scale: the form comes back with the box marked and the cursor in it.
    assert page.get_by_role("alert").first.is_visible()
    last = f"q{questions[-2].pk}"
    assert autofocused(page, last) == [last, "INPUT"]
    assert page.locator(f"[name={last}]").get_attribute("aria-invalid") == "true"
    assert page.locator("[name=comment]").input_value() == "Proszę o więcej ławek."
    assert page.locator(f"[name=q{questions[0].pk}]").input_value() == "5"
    assert_accessible(page)
    assert Response.objects.filter(campaign=campaign).count() == before

    page.keyboard.press("End")
    page.keyboard.press("Backspace")
    page.keyboard.type("2")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter in a box sends the form

    assert page.url == entry
    assert autofocused(page, f"q{questions[0].pk}") == [f"q{questions[0].pk}", "INPUT"]
    assert page.locator(f"[name=q{questions[0].pk}]").input_value() == ""
    assert page.locator(".messages .alert-success").is_visible()
    assert_accessible(page)
    stored = Response.objects.filter(campaign=campaign).order_by("-pk").first()
    assert Response.objects.filter(campaign=campaign).count() == before + 1
    assert (stored.source, stored.entered_by, stored.channel) == (
        Source.PAPER,
        clerk,
        Channel.IN_PERSON,
    )
    assert stored.unit is not None
    assert stored.comment == "Proszę o więcej ławek."
    scores = dict(stored.answers.values_list("question", "score"))
    assert scores[questions[0].pk] == 5 and scores[questions[1].pk] is None
    assert scores[questions[-2].pk] == 2
    assert questions[-1].pk not in scores


def test_the_desks_page_leads_the_clerk_from_the_home_to_the_entry_form(page, demo_site):
    login(page, demo_site, "clerk")
    page.goto(f"{demo_site.url}/intranet/")
    with page.expect_navigation():
        page.get_by_role("link", name=polish("Paper questionnaires")).first.click()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name=polish("Enter paper questionnaires")).first.click()
    assert "/paper/new/" in page.url
