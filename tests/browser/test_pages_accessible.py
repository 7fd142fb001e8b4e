"""Every page in Chromium: no axe-core violations (WCAG 2.1 A and AA), the right `lang`, and the
keyboard and navigation behaviour a resident or a member of staff relies on."""

import re

import pytest
from django.utils import translation

from certificates.models import Certificate
from qms.management.commands.load_demo import DEMO_PASSWORD
from tests.pages import FORMS_WITH_ERRORS, INVALID_CERTIFICATE, PAGES, page_url, valid_until_error

from .conftest import assert_accessible, axe_violations, login

pytestmark = pytest.mark.browser

# WCAG 1.4.10 (reflow): the page must work at 320 CSS pixels, where the menu collapses and wide
# tables scroll sideways.
NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 720}  # Playwright's default


# One test per account, visiting each of its pages in turn: the demo is loaded once per account
# rather than once per page, and every page's problems are reported together.
ACCOUNTS = list(dict.fromkeys(user for _path, user, _status in PAGES.values()))


@pytest.mark.parametrize("username", ACCOUNTS, ids=[user or "anonymous" for user in ACCOUNTS])
def test_every_page_has_no_axe_violations(page, demo_site, username):
    if username:
        login(page, demo_site, username)
    problems = []
    for name, (path, user, status) in PAGES.items():
        if user != username:
            continue
        path = page_url(path)
        page.set_viewport_size(WIDE)
        response = page.goto(demo_site.url + path)
        if response.status != status:
            problems.append(f"{name}: {path} answered {response.status}, not {status}")
            continue
        lang = page.locator("html").get_attribute("lang")
        if lang != ("en" if path.startswith("/en/") else "pl"):
            problems.append(f"{name}: {path} has lang={lang!r}")
        # What a disclosure hides is checked too: axe leaves out what is not shown.
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        problems += axe_violations(page)
        page.set_viewport_size(NARROW)
        problems += [f"{line} (at 320 px)" for line in axe_violations(page)]
    assert not problems, "\n".join(problems)


def test_form_shown_again_with_errors_has_no_axe_violations(page, demo_site):
    login(page, demo_site, "coordinator")
    page.goto(demo_site.url + "/intranet/certificates/new/")
    form = page.locator("main form")
    for name in ("number", "scope", "issued_on", "valid_from", "valid_until"):
        form.locator(f"[name={name}]").fill(INVALID_CERTIFICATE[name])
    form.locator("[name=body]").select_option(index=1)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()

    with translation.override("pl"):
        message = valid_until_error()
    assert page.get_by_role("alert").filter(has_text=message).is_visible()
    assert not Certificate.objects.filter(number=INVALID_CERTIFICATE["number"]).exists()
    assert_accessible(page)


@pytest.mark.parametrize(
    ("path", "username", "data"), FORMS_WITH_ERRORS.values(), ids=FORMS_WITH_ERRORS.keys()
)
def test_other_forms_shown_again_with_errors_have_no_axe_violations(
    page, demo_site, path, username, data
):
    path = page_url(path)
    login(page, demo_site, username)
    page.goto(demo_site.url + path)
    form = page.locator("main form[method=post]")
    for name, value in data.items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(page_url(value))
        else:
            field.fill(page_url(value))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()

    assert page.url == demo_site.url + path
    assert page.get_by_role("alert").first.is_visible()
    assert_accessible(page)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, demo_site):
    page.goto(demo_site.url + "/")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.get_attribute("href") == "#main"
    box = focused.bounding_box()  # off screen until focused; then on screen
    assert box["y"] >= 0 and box["height"] > 0
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    return {
        element: element.outerHTML.slice(0, 100),
        // False when the focus is on a part the browser draws inside a field (the date picker's
        // button), which the browser marks itself.
        own: element.matches(":focus"),
        outline: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
    };
}"""


@pytest.mark.parametrize(
    ("path", "username"),
    [("/", None), ("/intranet/certificates/new/", "coordinator")],
    ids=["quality-page", "certificate-form"],
)
def test_every_tab_stop_shows_a_focus_outline(page, demo_site, path, username):
    # Bootstrap swaps the outline of menu links, buttons and fields for a faint shadow.
    if username:
        login(page, demo_site, username)
    page.goto(demo_site.url + path)
    stops, unmarked = 0, []
    for _ in range(100):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:  # past the last stop
            break
        stops += 1
        if focused["own"] and (focused["outline"] == "none" or focused["width"] < 2):
            unmarked.append(focused["element"])
    assert stops >= 10
    assert not unmarked, "No visible focus outline on:\n" + "\n".join(unmarked)


def test_language_link_switches_the_page_to_english(page, demo_site):
    page.goto(demo_site.url + "/")
    assert page.locator("html").get_attribute("lang") == "pl"
    page.locator("header a[hreflang=en]").click()
    page.wait_for_url(demo_site.url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Quality management"


def test_sign_out_posts_from_the_header_and_lands_on_the_public_page(page, demo_site):
    login(page, demo_site, "coordinator")
    logout_methods = []
    page.on(
        "request",
        lambda request: "/logout/" in request.url and logout_methods.append(request.method),
    )
    with page.expect_navigation(url=demo_site.url + "/"):
        page.locator("header form[action$='/logout/'] button[type=submit]").click()
    assert logout_methods == ["POST"]
    assert page.locator("header a[href='/accounts/login/']").is_visible()
    assert page.locator("header form[action$='/logout/']").count() == 0


def test_anonymous_visitor_signs_in_and_lands_on_the_page_asked_for(page, demo_site):
    page.goto(demo_site.url + "/intranet/certificates/")
    assert re.fullmatch(
        re.escape(demo_site.url) + r"/accounts/login/\?next=(/|%2F)intranet\1certificates\1",
        page.url,
    )
    page.locator("input[name=username]").fill("coordinator")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url == demo_site.url + "/intranet/certificates/"
    assert page.locator("main table tbody tr").count() == Certificate.objects.count()


def test_representative_contact_links_on_the_public_page(page, demo_site):
    page.goto(demo_site.url + "/")
    contact = page.locator("section[aria-labelledby=representative-heading]")
    assert contact.locator("a[href^='mailto:']").get_attribute("href") == (
        "mailto:sekretariat_wru@um.zabrze.pl"
    )
    assert contact.locator("a[href^='tel:']").get_attribute("href") == "tel:+48323733370"
