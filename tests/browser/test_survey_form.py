"""The residents' survey in Chromium: filled on a 390 px phone with the keyboard alone, sent, and
counted; no axe-core violations on the form, on its errors or on the thanks."""

import pytest
from django.utils import timezone

from surveys.models import Campaign, Channel, Response

from .conftest import assert_accessible, overflow

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def focused(page):
    return page.evaluate(
        "() => [document.activeElement.name || '', document.activeElement.tagName]"
    )


def tab_to(page, name, limit=60):
    """Press Tab until the control named `name` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page)[0] == name:
            return
    pytest.fail(f"{name!r} is not reached with the Tab key")


def test_a_resident_fills_the_survey_on_a_phone_with_the_keyboard_and_sends_it(
    page, demo_site, monkeypatch
):
    # The form refuses a sending faster than a person reads; the keyboard here is a script.
    monkeypatch.setattr("surveys.forms.responses.MIN_FILL_SECONDS", 0)
    campaign = Campaign.objects.open_on(timezone.localdate()).get()
    questions = [
        question
        for group in campaign.questionnaire.groups.order_by("position")
        for question in group.questions.order_by("position")
    ]
    before = Response.objects.filter(campaign=campaign).count()
    page.set_viewport_size(PHONE)
    page.goto(f"{demo_site.url}/ankieta/{campaign.code}/")
    assert not overflow(page)
    assert_accessible(page)

    tab_to(page, f"q{questions[0].pk}")
    for number, question in enumerate(questions):
        assert focused(page)[0] == f"q{question.pk}"
        # Into a radio group with nothing chosen, the first answer has the focus: three steps
        # to the right choose "4 – good".
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        if number < len(questions) - 1:
            page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page) == ["unit", "SELECT"]
    page.keyboard.press("ArrowDown")  # the first unit of the list
    page.keyboard.press("Tab")
    assert focused(page)[0] == "channel"
    page.keyboard.press("Space")  # in person
    page.keyboard.press("Tab")
    assert focused(page) == ["comment", "TEXTAREA"]
    page.keyboard.type("Szybko i uprzejmie, dziękuję.")
    page.keyboard.press("Tab")
    assert focused(page)[1] == "BUTTON"  # the field left empty is not a tab stop
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith(f"/ankieta/{campaign.code}/dziekujemy/")
    assert_accessible(page)
    assert Response.objects.filter(campaign=campaign).count() == before + 1
    stored = Response.objects.filter(campaign=campaign).order_by("-pk").first()
    assert stored.channel == Channel.IN_PERSON
    assert stored.comment == "Szybko i uprzejmie, dziękuję."
    assert stored.unit is not None
    assert set(stored.answers.values_list("score", flat=True)) == {4}
    assert stored.answers.count() == len(questions)


def test_the_survey_shown_again_with_its_errors_has_no_axe_violations(page, demo_site):
    campaign = Campaign.objects.open_on(timezone.localdate()).get()
    page.set_viewport_size(PHONE)
    page.goto(f"{demo_site.url}/ankieta/{campaign.code}/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    alert = page.locator("#survey-errors")
    assert alert.is_visible()
    assert "Podaj, jak załatwiali Państwo sprawę w urzędzie." in alert.inner_text()
    assert not overflow(page)
    assert_accessible(page)
