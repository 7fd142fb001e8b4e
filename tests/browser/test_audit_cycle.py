"""The whole internal-audit cycle in a real browser, each step by the role that takes it.

auditor: answers the checklist, raises a nonconformity, exports the report; owner: answers it
with a corrective action and reports it implemented; auditor: verifies it; employee: reads the
closed audit's report and can change nothing.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audits import services
from audits.models import ActionStatus, Answer, Audit, AuditStatus, Finding
from qms.models import Process
from tests.browser.conftest import login
from tests.helpers import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in(browser, live_server):
    """signed_in(username) -> a page of its own browser context, signed in; closed afterwards."""
    contexts = []

    def open_as(username):
        context = browser.new_context(locale="pl-PL")
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        login(page, live_server, username)
        return page

    yield open_as
    for context in contexts:
        context.close()


def submit(page, form="main form"):
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").last.click()


def test_the_audit_cycle_from_checklist_to_closed_report(signed_in, demo_site):
    live = demo_site
    audit = Audit.objects.filter(
        status=AuditStatus.IN_PROGRESS, lead_auditor__username="auditor"
    ).first() or Audit.objects.get(status=AuditStatus.IN_PROGRESS, team__username="auditor")
    item = audit.checklist.order_by("order").first()
    today = timezone.localdate()

    # The auditor answers a question in the corridor and raises a nonconformity from it.
    auditor = signed_in("auditor")
    auditor.goto(live.url + reverse("audits:checklist_detail", args=[audit.pk]))
    answer = auditor.locator(f"#q{item.pk} form")
    answer.locator("input[value=nonconformity]").check()
    answer.locator(f"textarea[name=q{item.pk}-evidence]").fill(
        "Karta zmian PR-03 bez podpisu zatwierdzającego."
    )
    with auditor.expect_navigation():
        answer.locator("button[type=submit]").click()
    item.refresh_from_db()
    assert (item.answer, item.answered_by.username) == (Answer.NONCONFORMITY, "auditor")

    auditor.goto(live.url + reverse("audits:finding_create_from_item", args=[item.pk]))
    owned = {
        str(pk)
        for pk in Process.objects.filter(owner__username="owner").values_list("pk", flat=True)
    }
    offered = auditor.locator("select[name=process] option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    process = next(value for value in offered if value in owned)
    auditor.locator("input[name=kind][value=minor]").check()
    auditor.locator("select[name=process]").select_option(process)
    auditor.locator("textarea[name=description]").fill("Zmiana procedury nie została zatwierdzona.")
    submit(auditor)
    finding = Finding.objects.get(audit=audit, checklist_item=item)
    assert finding.kind == "minor" and finding.raised_by.username == "auditor"

    report = auditor.request.get(live.url + reverse("audits:audit_pdf", args=[audit.pk]))
    assert report.status == 200 and report.headers["content-type"] == "application/pdf"
    text = pdf_text(report.body())
    assert audit.number in text and "Zmiana procedury nie została zatwierdzona." in text

    # The process owner answers it with a corrective action and reports it done.
    owner = signed_in("owner")
    owner.goto(live.url + finding.get_absolute_url())
    with owner.expect_navigation():
        owner.locator(f"a[href='{reverse('audits:action_create', args=[finding.pk])}']").click()
    owner.locator("textarea[name=correction]").fill("Podpisano kartę zmian.")
    owner.locator("textarea[name=root_cause]").fill("Brak kroku zatwierdzenia w obiegu.")
    owner.locator("textarea[name=action]").fill("Dodanie zatwierdzenia do obiegu dokumentów.")
    responsible = owner.locator("select[name=responsible] option").evaluate_all(
        "options => options.filter(o => o.textContent.includes('Właściciel')).map(o => o.value)"
    )
    owner.locator("select[name=responsible]").select_option(responsible[0])
    owner.locator("input[name=due_on]").fill((today + datetime.timedelta(days=30)).isoformat())
    submit(owner)
    action = finding.actions.get()
    assert action.status == ActionStatus.OPEN

    owner.goto(live.url + reverse("audits:action_implemented", args=[action.pk]))
    owner.locator("input[name=implemented_on]").fill(today.isoformat())
    submit(owner)
    action.refresh_from_db()
    assert action.status == ActionStatus.IMPLEMENTED

    # The auditor verifies that it worked.
    auditor.goto(live.url + reverse("audits:action_verify", args=[action.pk]))
    auditor.locator("input[name=effective][value=yes]").check()
    auditor.locator("textarea[name=comment]").fill("Nowe wydania mają podpis zatwierdzającego.")
    submit(auditor)
    action.refresh_from_db()
    assert (action.status, action.verified_by.username) == (ActionStatus.EFFECTIVE, "auditor")

    # The audit is reported and closed (its other nonconformities, if any, with a note).
    audit.conclusions = "System działa skutecznie; jedna niezgodność usunięta."
    audit.save(update_fields=["conclusions"])
    services.audit_report(audit=audit, user=audit.lead_auditor)
    services.audit_close(audit=audit, user=audit.lead_auditor, note="Pozostałe w toku.")

    # Any employee reads the closed report, and can change nothing.
    employee = signed_in("employee")
    detail = employee.goto(live.url + audit.get_absolute_url())
    assert detail.status == 200
    assert employee.locator("main form").count() == 0
    pdf = employee.request.get(live.url + reverse("audits:audit_pdf", args=[audit.pk]))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    for name in ("audit_update", "checklist_detail"):
        response = employee.goto(live.url + reverse(f"audits:{name}", args=[audit.pk]))
        assert response.status == (403 if name == "audit_update" else 200)
    assert employee.locator("main form").count() == 0
    edit = employee.goto(live.url + reverse("audits:finding_update", args=[finding.pk]))
    assert edit.status == 403
