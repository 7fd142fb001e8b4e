"""The intranet's one search box in Chromium: typed in the header, from the keyboard, on a desktop
and on a phone; the results grouped by kind, each leading to its page; no axe-core violations."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from audits.models import AuditStatus
from qms.models import Document

from .conftest import assert_accessible, login, overflow

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _polish():
    """The pages are Polish: the expected texts are taken from the Polish catalogue."""
    with translation.override("pl"):
        yield


def search_from_the_header(page, text):
    """Type `text` into the header's search box, reached with the Tab key, and press Enter."""
    box = page.locator("#site-search-q")
    for _ in range(30):
        page.keyboard.press("Tab")
        if box.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("The header's search box is not reached with the Tab key")
    page.keyboard.type(text)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_employee_searches_from_the_header_and_follows_a_result(page, demo_site):
    page.set_viewport_size(WIDE)
    login(page, demo_site, "employee")
    page.goto(demo_site.url + "/intranet/")
    search_from_the_header(page, "audyt")

    assert page.url == demo_site.url + "/intranet/search/?q=audyt"
    assert page.locator("main input[name=q]").input_value() == "audyt"
    groups = page.locator("main section.search-group h2")
    headings = [text.split()[0] for text in groups.all_inner_texts()]
    assert headings[0] == gettext("Documents")
    assert len(headings) >= 3  # documents, process cards, closed audits' reports …
    # Each group says how many it found, and the kinds are a link away.
    for section in page.locator("main section.search-group").all():
        shown = section.locator("li.search-result").count()
        total = int(section.locator("h2 .badge").inner_text())
        assert 0 < shown <= total
    assert not overflow(page)
    assert_accessible(page)

    first = page.locator("#documents li.search-result a").first
    code = first.inner_text().split()[0]
    with page.expect_navigation():
        first.click()
    document = Document.objects.get(code=code)
    assert page.url == demo_site.url + document.get_absolute_url()
    assert code in page.get_by_role("heading", level=1).inner_text()


def test_employee_finds_closed_audits_but_not_those_under_way(page, demo_site):
    from audits.models import Audit

    under_way = Audit.objects.exclude(status=AuditStatus.CLOSED).order_by("pk").first()
    login(page, demo_site, "employee")
    page.goto(demo_site.url + f"/intranet/search/?q={under_way.number}")
    expect(page.locator(f"main a[href='{under_way.get_absolute_url()}']")).to_have_count(0)
    closed = Audit.objects.filter(status=AuditStatus.CLOSED).order_by("pk").first()
    page.goto(demo_site.url + f"/intranet/search/?q={closed.number}")
    expect(page.locator(f"#audits a[href='{closed.get_absolute_url()}']")).to_have_count(1)


def test_the_search_box_folds_into_the_phone_menu(page, demo_site):
    page.set_viewport_size(PHONE)
    login(page, demo_site, "owner")
    page.goto(demo_site.url + "/intranet/")
    box = page.locator("#site-search-q")
    expect(box).to_be_hidden()
    page.locator("header .navbar-toggler").focus()
    page.keyboard.press("Enter")
    expect(box).to_be_visible()
    assert not overflow(page)
    box.fill("karta procesu")
    with page.expect_navigation():
        box.press("Enter")
    assert page.locator("main section.search-group").count() >= 1
    assert not overflow(page)
    assert_accessible(page)
