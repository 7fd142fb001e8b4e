"""Every page in Chromium: no axe-core violations (WCAG 2.1 A and AA), the right `lang`, nothing
wider than the screen on a desktop or a phone, and the keyboard and navigation behaviour a resident
or a member of staff relies on."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from audits.models import Audit
from certificates.models import Certificate
from qms.management.commands.load_demo import DEMO_PASSWORD
from tests.pages import (
    FORMS_WITH_ERRORS,
    INVALID_CERTIFICATE,
    LARGE_OFFICE_PAGES,
    PAGES,
    grow_to_a_large_office,
    page_url,
    valid_until_error,
)

from .conftest import assert_accessible, axe_violations, login, overflow

pytestmark = pytest.mark.browser

# An office desktop and a phone, where the menu folds behind a button and wide tables become
# cards; and WCAG 1.4.10 (reflow): the page must still work at 320 CSS pixels.
WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 640}


# One test per account and batch of its pages, visiting each page in turn: the demo is loaded
# once per batch rather than once per page, and a batch's problems are reported together. The
# coordinator's many pages are cut into batches, so that the two workers of the suite share them.
PAGES_PER_BATCH = 25
BATCHES = []
for _account in dict.fromkeys(user for _path, user, _status in PAGES.values()):
    _names = [name for name, (_path, user, _status) in PAGES.items() if user == _account]
    for _start in range(0, len(_names), PAGES_PER_BATCH):
        _batch = _names[_start : _start + PAGES_PER_BATCH]
        _label = _account or "anonymous"
        if len(_names) > PAGES_PER_BATCH:
            _label += f"-{_start // PAGES_PER_BATCH + 1}"
        BATCHES.append(pytest.param(_account, _batch, id=_label))


@pytest.mark.parametrize(("username", "names"), BATCHES)
def test_every_page_has_no_axe_violations_and_fits_the_screen(page, demo_site, username, names):
    if username:
        login(page, demo_site, username)
    problems = []
    for name in names:
        path, _user, status = PAGES[name]
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
        # The page is loaded once and resized: the layout follows the width alone.
        for size in (WIDE, PHONE, NARROW):
            page.set_viewport_size(size)
            at = f"at {size['width']} px"
            problems += [f"{name}: {path} {at}: {line}" for line in overflow(page)]
            if size is not NARROW:  # the same layout as at 390 px, for axe
                problems += [f"{line} ({at})" for line in axe_violations(page)]
    assert not problems, "\n".join(problems)


def test_the_pages_of_a_large_office_have_no_axe_violations_and_fit_the_screen(page, demo_site):
    grow_to_a_large_office()
    login(page, demo_site, "coordinator")
    problems = []
    for name, (path, _user, status) in LARGE_OFFICE_PAGES.items():
        page.set_viewport_size(WIDE)
        response = page.goto(demo_site.url + path)
        assert response.status == status, f"{name}: {path} answered {response.status}"
        for size in (WIDE, PHONE, NARROW):
            page.set_viewport_size(size)
            at = f"at {size['width']} px"
            problems += [f"{name}: {path} {at}: {line}" for line in overflow(page)]
            if size is not NARROW:
                problems += [f"{line} ({at})" for line in axe_violations(page)]
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
        field = form.locator(f"[name={page_url(name)}]")
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
    page.locator("header .site-nav__user").click()  # the user's own menu
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


# The header's sections, by where they lead, and the roles that see each.
EVERYONE = {"coordinator", "auditor", "owner", "employee"}
SECTIONS = {
    "/intranet/": EVERYONE,
    "/intranet/processes/map/": EVERYONE,
    "/intranet/documents/": EVERYONE,
    "/intranet/audits/": EVERYONE,  # everyone reads closed audits' reports
    "/intranet/certificates/": {"coordinator", "auditor"},
    "/intranet/surveys/campaigns/": {"coordinator", "auditor"},
    "/intranet/accounts/": {"coordinator"},
}
MENU_LINKS = "() => [...document.querySelectorAll('#main-menu a.nav-link')].map(a => a.pathname)"


def test_menu_shows_each_role_its_sections_one_click_away(page, demo_site):
    page.set_viewport_size(WIDE)
    for username in sorted(EVERYONE):
        page.context.clear_cookies()
        login(page, demo_site, username)
        page.goto(demo_site.url + "/intranet/")
        shown = set(page.evaluate(MENU_LINKS)) & SECTIONS.keys()
        assert shown == {href for href, roles in SECTIONS.items() if username in roles}, username
        # Shown in the bar itself, not folded into a menu
        audits = page.locator("#main-menu a.nav-link[href='/intranet/audits/']")
        assert audits.is_visible(), username

    page.context.clear_cookies()
    page.goto(demo_site.url + "/")
    assert not set(page.evaluate(MENU_LINKS)) & SECTIONS.keys()
    assert page.locator("#main-menu a.nav-link[href='/accessibility/']").is_visible()


# Where the coordinator is, the section the menu marks, and how: aria-current="page" on the
# section's own page, "true" on another page of it.
CURRENT_SECTION = [
    ("/intranet/", "/intranet/", "page"),
    ("/intranet/audits/", "/intranet/audits/", "page"),
    ("/intranet/audits/{audit}/", "/intranet/audits/", "true"),
    ("/intranet/audits/actions/", "/intranet/audits/", "true"),
    ("/intranet/processes/map/", "/intranet/processes/map/", "page"),
    ("/intranet/units/", "/intranet/processes/map/", "true"),
    ("/intranet/documents/reviews/", "/intranet/documents/", "true"),
    ("/intranet/external-audits/", "/intranet/certificates/", "true"),
    ("/intranet/policies/", "/intranet/certificates/", "true"),
    ("/intranet/accounts/?status=inactive", "/intranet/accounts/", "page"),
    ("/intranet/surveys/campaigns/", "/intranet/surveys/campaigns/", "page"),
    ("/intranet/surveys/questionnaires/", "/intranet/surveys/campaigns/", "true"),
    ("/en/intranet/audits/", "/en/intranet/audits/", "page"),
]


def test_menu_marks_the_current_section(page, demo_site):
    login(page, demo_site, "coordinator")
    audit = Audit.objects.order_by("pk").first().pk
    for path, section, current in CURRENT_SECTION:
        page.goto(demo_site.url + path.format(audit=audit))
        marked = page.locator("#main-menu a[aria-current]")
        assert marked.count() == 1, path
        assert marked.evaluate("a => a.pathname") == section, path
        assert marked.get_attribute("aria-current") == current, path


# The bar's links, each with the line it sits on.
MENU_LINES = """() => [...document.querySelectorAll('#main-menu .nav-link')]
    .filter(link => link.offsetParent)
    .map(link => [link.textContent.trim(), Math.round(link.getBoundingClientRect().top)])"""


def test_header_is_one_line_at_1280_px(page, demo_site):
    page.set_viewport_size(WIDE)
    paths = ["/", "/en/", "/intranet/", "/en/intranet/", "/intranet/audits/"]
    for username in (None, "coordinator"):  # the coordinator has the longest menu
        if username:
            login(page, demo_site, username)
        for path in paths[:2] if username is None else paths:
            page.goto(demo_site.url + path)
            height = page.locator("header nav").bounding_box()["height"]
            lines = {top for _text, top in page.evaluate(MENU_LINES)}
            assert height < 80 and len(lines) == 1, (
                f"{path} as {username}: the menu is {height} px high, "
                f"its links on {len(lines)} lines: {page.evaluate(MENU_LINES)}"
            )


def test_phone_menu_opens_with_the_keyboard_and_shows_the_sections(page, demo_site):
    page.set_viewport_size(PHONE)
    login(page, demo_site, "auditor")
    page.goto(demo_site.url + "/intranet/")
    toggler = page.locator("header .navbar-toggler")
    menu = page.locator("#main-menu")
    assert toggler.is_visible() and not menu.is_visible()
    assert toggler.get_attribute("aria-expanded") == "false"

    toggler.focus()
    page.keyboard.press("Enter")
    expect(menu).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    for href in SECTIONS:
        link = menu.locator(f"a.nav-link[href='{href}']")
        if "auditor" in SECTIONS[href]:
            expect(link).to_be_visible()
        else:
            expect(link).to_have_count(0)
    # The next tab stop is in the menu just opened
    page.keyboard.press("Tab")
    assert page.locator("#main-menu :focus").count() == 1

    # The user's own menu opens from the keyboard too
    page.locator("header .site-nav__user").focus()
    page.keyboard.press("Enter")
    expect(menu.locator("a[href='/accounts/password/']")).to_be_visible()
    expect(menu.locator("form[action$='/logout/'] button")).to_be_visible()
    assert not overflow(page)
    assert_accessible(page)
