"""What a new user of each role meets on the demo data, in Chromium: an edition approved for a
later day, the home page's lists of work, a finding nobody owns, the forms that propose their
answers, and the public pages' legal details. tests/browser/test_pages_accessible.py covers the
header and the widths of every page."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from audits.models import NONCONFORMITIES, Audit, AuditStatus, ChecklistItem, Finding
from qms.filters import editions_to_read
from qms.models import Document, Process, VersionStatus
from tests import factories
from tests.test_public_information import DATE_IDS, ISO_DATE, PRESCRIBED_IDS

from .conftest import assert_accessible, login

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _polish():
    """The pages are Polish: the expected texts are taken from the Polish catalogue."""
    with translation.override("pl"):
        yield


def test_an_edition_approved_for_a_later_day_comes_into_force_on_that_day(page, demo_site, travel):
    """The demo's F-11: edition 2 is approved to come into force a few days after the demo is
    loaded. Until then edition 1 is in force everywhere; on the day the daily command switches
    them, and the employee, who read edition 1, is asked to read edition 2."""
    document = Document.objects.get(code="F-11")
    coming = document.versions.get(status=VersionStatus.SCHEDULED)
    current = document.versions.get(status=VersionStatus.IN_FORCE)
    on = coming.effective_on
    login(page, demo_site, "employee")

    travel(on - datetime.timedelta(days=1))
    call_command("bring_editions_into_force", stdout=io.StringIO())  # nothing to do yet
    page.goto(demo_site.url + document.get_absolute_url())
    notice = page.locator("#scheduled")
    date = date_format(on, "DATE_FORMAT")
    assert (
        gettext("Edition %(revision)s comes into force on %(date)s.")
        % {
            "revision": coming.revision,
            "date": date,
        }
        in notice.inner_text()
    )
    download = page.locator(
        f"main a[href='{reverse('intranet:version_download', args=[current.pk])}']"
    ).first
    assert download.is_visible()
    assert_accessible(page)
    page.goto(demo_site.url + "/intranet/")
    assert (
        page.locator(f"#to-read-heading ~ ul a[href='{document.get_absolute_url()}']").count() == 0
    )
    page.goto(demo_site.url + "/intranet/documents/?q=F-11")
    row = page.locator("main table tbody tr", has_text="F-11")
    assert re.search(rf"\b{current.revision}\b", row.inner_text())

    travel(on)
    call_command("bring_editions_into_force", stdout=io.StringIO())
    page.goto(demo_site.url + document.get_absolute_url())
    assert page.locator("#scheduled").count() == 0
    assert page.locator(
        f"main a[href='{reverse('intranet:version_download', args=[coming.pk])}']"
    ).first.is_visible()
    page.goto(demo_site.url + "/intranet/")
    assert (
        page.locator(f"#to-read-heading ~ ul a[href='{document.get_absolute_url()}']").count() == 1
    )


def test_the_home_page_says_how_many_documents_wait_and_leads_to_them_all(page, demo_site):
    employee = User.objects.get(username="employee")
    waiting = editions_to_read(employee).count()
    assert waiting
    login(page, demo_site, "employee")
    page.goto(demo_site.url + "/intranet/")
    total = page.locator("#to-read-heading ~ .home-list-total")
    assert (
        ngettext("%(n)s edition to read in all.", "%(n)s editions to read in all.", waiting)
        % {"n": waiting}
        in total.inner_text()
    )
    with page.expect_navigation():
        total.locator("a").click()
    assert page.locator("main input[name=to_read]").is_checked()
    found = page.locator("main [role=status]").inner_text()
    assert found == ngettext("%(n)s document found.", "%(n)s documents found.", waiting) % {
        "n": waiting
    }
    assert_accessible(page)


def test_a_finding_on_a_process_without_an_owner_names_the_office_that_answers(page, demo_site):
    finding = Finding.objects.get(
        process__code="P-10",
        kind__in=NONCONFORMITIES,
        audit__status=AuditStatus.IN_PROGRESS,
    )
    login(page, demo_site, "coordinator")
    page.goto(demo_site.url + "/intranet/")
    listed = page.locator(f"#to-answer-heading ~ ul li:has(a[href='{finding.get_absolute_url()}'])")
    assert gettext("no owner") in listed.inner_text()
    with page.expect_navigation():
        listed.locator("a").click()
    answerer = page.locator("main dt", has_text=gettext("To be answered by")).locator("+ dd")
    assert answerer.inner_text() == gettext(
        "the ISO representative's office (process without an owner)"
    )
    assert_accessible(page)
    page.goto(demo_site.url + "/intranet/processes/map/")
    p10 = page.locator(f"a.pm-process[href='{finding.process.get_absolute_url()}']")
    assert gettext("no owner") in p10.inner_text()


def test_a_corrective_action_proposes_the_process_owner_and_only_who_can_act(page, demo_site):
    """A new nonconformity of a demo audit under way, on a process with an owner."""
    audit = Audit.objects.filter(status=AuditStatus.IN_PROGRESS).first()
    process = Process.objects.filter(owner__isnull=False).first()
    finding = factories.finding(audit=audit, process=process)
    owner = finding.process.owner
    login(page, demo_site, "coordinator")
    page.goto(demo_site.url + reverse("audits:action_create", args=[finding.pk]))
    responsible = page.locator("select[name=responsible]")
    assert responsible.input_value() == str(owner.pk)
    offered = set(responsible.locator("option").evaluate_all("os => os.map(o => o.value)"))
    auditor = User.objects.get(username="auditor")
    employee = User.objects.get(username="employee")
    assert str(owner.pk) in offered
    assert not {str(auditor.pk), str(employee.pk)} & offered
    assert_accessible(page)


def test_a_finding_from_a_checklist_question_cites_its_clause(page, demo_site):
    item = (
        ChecklistItem.objects.filter(clause__isnull=False, audit__status=AuditStatus.IN_PROGRESS)
        .select_related("audit", "clause")
        .order_by("audit", "order")
        .first()
    )
    login(page, demo_site, "coordinator")
    page.goto(demo_site.url + reverse("audits:checklist_detail", args=[item.audit_id]))
    with page.expect_navigation():
        page.locator(
            f"a[href='{reverse('audits:finding_create_from_item', args=[item.pk])}']"
        ).first.click()
    requirement = page.locator("textarea[name=requirement]").input_value()
    assert requirement == f"PN-EN ISO 9001:2015, pkt {item.clause.number} {item.clause.title_pl}"
    assert item.question not in requirement
    assert_accessible(page)


@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["1280", "390"])
def test_the_public_pages_carry_the_statement_ids_the_metryczka_and_an_icon(page, demo_site, size):
    page.set_viewport_size(size)
    page.goto(demo_site.url + "/accessibility/")
    for name in PRESCRIBED_IDS:
        element = page.locator(f"#{name}")
        assert element.count() == 1, name
        assert element.inner_text().strip(), name
    for name in DATE_IDS:
        assert ISO_DATE.match(page.locator(f"#{name}").inner_text()), name
    assert page.locator("meta[name=description]").get_attribute("content").strip()
    icon = page.request.get(demo_site.url + "/favicon.ico")
    assert icon.status == 200 and icon.headers["content-type"].startswith("image/")

    page.goto(demo_site.url + "/")
    metryczka = page.locator("section.metryczka")
    for label in ("Responsible for the content", "Entered by", "Produced on"):
        assert metryczka.locator("dt", has_text=gettext(label)).count() == 1, label
    with page.expect_navigation():
        metryczka.locator("a[href='/changes/']").click()
    assert page.locator("h1").inner_text() == gettext("Register of changes")
    assert_accessible(page)
