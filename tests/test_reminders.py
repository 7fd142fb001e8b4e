"""`manage.py send_reminders`: one daily digest a person, of what waits for them in every app."""

import ast
import datetime
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import ngettext

from audits.models import ActionStatus, AuditStatus
from certificates.models import AuditResult
from qms import roles
from qms.models import ReminderSent, today
from qms.models.reminders import KEPT_FOR
from tests import factories

pytestmark = pytest.mark.django_db

BASE = "https://jakosc.example.org"
DAY = datetime.timedelta(days=1)
LINK = re.compile(r"https?://\S+")


@dataclass
class Run:
    mails: dict  # recipient's address -> the message
    out: str
    err: str

    @property
    def to(self):
        return set(self.mails)


@pytest.fixture
def run(monkeypatch, mailoutbox):
    """run(day) -> Run: the command as the cron job runs it on `day`, and what it sent."""

    def send(on, base_url=BASE):
        before = len(mailoutbox)
        out, err = io.StringIO(), io.StringIO()
        noon = timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))
        args = ["--base-url", base_url] if base_url else []
        with monkeypatch.context() as clock:
            clock.setattr(timezone, "now", lambda: noon)
            call_command("send_reminders", *args, stdout=out, stderr=err)
        new = mailoutbox[before:]
        assert all(len(mail.to) == 1 for mail in new)
        mails = {mail.to[0]: mail for mail in new}
        assert len(mails) == len(new), "one e-mail a person"
        return Run(mails, out.getvalue(), err.getvalue())

    return send


@pytest.fixture
def day():
    return today()


@pytest.fixture
def world(day, make_user, coordinator, owner, auditor, employee):
    """One item of each kind, each for someone else, and near misses that are not due."""
    for user in (coordinator, owner, auditor, employee):
        user.email = f"{user.username}@example.org"
        user.save()
    member = make_user("member", roles.AUDITOR, email="member@example.org")
    process = factories.process(owner=owner)
    document = factories.document(code="PR-01", title="Nadzór nad dokumentacją", process=process)
    factories.version_in_force(
        document, author=owner, approver=coordinator, effective_on=day - 400 * DAY
    )
    current = factories.document(code="PR-02", process=process)
    factories.version_in_force(current, author=owner, approver=coordinator)

    finding = factories.finding(process=process)
    action = factories.corrective_action(finding=finding, responsible=owner, due_on=day - DAY)
    factories.corrective_action(
        finding=finding, responsible=owner, due_on=day + 5 * DAY, action="Przeszkolić pracowników."
    )
    factories.corrective_action(
        finding=finding,
        responsible=employee,
        due_on=day - 10 * DAY,
        action="Zaktualizować formularz wniosku.",
        status=ActionStatus.IMPLEMENTED,
        implemented_on=day - 12 * DAY,
    )

    audit = factories.audit(
        lead_auditor=auditor, team=[member], first_day=day + 3 * DAY, last_day=day + 4 * DAY
    )
    factories.audit(lead_auditor=auditor, first_day=day + 20 * DAY, last_day=day + 20 * DAY)
    factories.audit(
        lead_auditor=auditor,
        team=[member],
        status=AuditStatus.IN_PROGRESS,
        first_day=day,
        last_day=day + DAY,
    )

    certificate = factories.certificate(
        issued_on=day - 1000 * DAY, valid_from=day - 1000 * DAY, valid_until=day + 90 * DAY
    )
    external = factories.external_audit(
        first_day=day + 30 * DAY,
        last_day=day + 31 * DAY,
        result=AuditResult.PENDING,
        body=certificate.body,
    )
    return {
        "document": document,
        "action": action,
        "audit": audit,
        "certificate": certificate,
        "external": external,
        "member": member,
    }


def links(mail):
    return LINK.findall(mail.body)


# --- Who gets what ---------------------------------------------------------------------------


def test_each_person_gets_one_digest_of_all_their_items_and_nothing_else(run, day, world):
    sent = run(day)
    assert sent.to == {
        "owner@example.org",
        "auditor@example.org",
        "member@example.org",
        "coordinator@example.org",
    }
    action, audit = world["action"], world["audit"]

    owner = sent.mails["owner@example.org"]
    assert "PR-01 Nadzór nad dokumentacją" in owner.body
    assert action.action in owner.body
    assert audit.number not in owner.body and "PR-02" not in owner.body
    assert world["certificate"].number not in owner.body
    assert owner.subject == subject(2)

    for team in ("auditor@example.org", "member@example.org"):
        assert audit.number in sent.mails[team].body
        assert "PR-01" not in sent.mails[team].body and action.action not in sent.mails[team].body
        assert sent.mails[team].subject == subject(1)

    coordinator = sent.mails["coordinator@example.org"]
    assert world["certificate"].number in coordinator.body
    assert coordinator.body.count(BASE + world["external"].get_absolute_url()) == 1
    assert "PR-01" not in coordinator.body and audit.number not in coordinator.body
    assert coordinator.subject == subject(2)
    assert "6 item(s) due; 4 e-mail(s) sent." in sent.out


def test_only_overdue_unfinished_actions_are_reminded(run, day, world, owner):
    body = run(day).mails["owner@example.org"].body
    assert body.count("- " + _where(world["action"])) == 1


def test_documents_go_to_their_owner_else_to_the_process_owner(
    run, day, world, owner, coordinator, make_user
):
    manager = make_user("kierownik", roles.PROCESS_OWNER, email="kierownik@example.org")
    owned = factories.document(code="PR-05", process=world["document"].process, owner=manager)
    factories.version_in_force(
        owned, author=owner, approver=coordinator, effective_on=day - 400 * DAY
    )
    sent = run(day)
    assert "PR-05" in sent.mails["kierownik@example.org"].body
    assert "PR-01" not in sent.mails["kierownik@example.org"].body
    assert "PR-05" not in sent.mails["owner@example.org"].body
    assert f"{BASE}{owned.get_absolute_url()}" in sent.mails["kierownik@example.org"].body


def test_the_audit_team_hears_of_an_audit_on_each_of_the_seven_days_before_it(run, day, auditor):
    auditor.email = "auditor@example.org"
    auditor.save()
    audit = factories.audit(lead_auditor=auditor, first_day=day + 8 * DAY, last_day=day + 8 * DAY)
    mails = {n: run(day + n * DAY).mails.get(auditor.email) for n in range(10)}
    assert [n for n, mail in mails.items() if mail] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert audit.number in mails[1].body and audit.number in mails[8].body


def test_links_are_absolute_and_open_the_pages_for_the_person_reminded(
    run, day, world, client_as, owner, auditor, coordinator
):
    sent = run(day)
    recipients = {
        "owner@example.org": owner,
        "auditor@example.org": auditor,
        "member@example.org": world["member"],
        "coordinator@example.org": coordinator,
    }
    expected = {
        "owner@example.org": [
            world["document"].get_absolute_url(),
            world["action"].get_absolute_url(),
        ],
        "auditor@example.org": [world["audit"].get_absolute_url()],
        "coordinator@example.org": [
            reverse("certificates:certificate_list"),
            world["external"].get_absolute_url(),
        ],
    }
    for address, mail in sent.mails.items():
        urls = links(mail)
        assert urls and all(url.startswith(BASE + "/") for url in urls)
        assert urls[-1] == BASE + reverse("intranet:home")
        for path in expected.get(address, []):
            assert BASE + path in urls
        client = client_as(recipients[address])
        for url in urls:
            path = urlsplit(url).path
            assert client.get(path).status_code == 200, (address, path)


def test_queries_do_not_grow_with_the_items_a_person_has(run, day, world, owner, coordinator):
    run(day)  # the notices go out, once
    with CaptureQueriesContext(connection) as few:
        run(day + DAY)
    for n in range(15):
        document = factories.document(code=f"PR-{n + 20}", process=world["document"].process)
        factories.version_in_force(
            document, author=owner, approver=coordinator, effective_on=day - 400 * DAY
        )
        factories.corrective_action(
            finding=world["action"].finding, responsible=owner, due_on=day - DAY
        )
    with CaptureQueriesContext(connection) as many:
        sent = run(day + 2 * DAY)
    assert sent.mails["owner@example.org"].subject == subject(32)
    assert len(many) == len(few)


# --- Sent once a day -------------------------------------------------------------------------


def test_a_second_run_on_the_same_day_sends_nothing(run, day, world):
    assert len(run(day).mails) == 4
    again = run(day)
    assert again.mails == {}
    assert "6 item(s) due; 0 e-mail(s) sent. 6 item(s) sent before were left out." in again.out


def test_an_item_new_since_the_first_run_is_sent_alone(run, day, world, owner):
    run(day)
    later = factories.corrective_action(
        finding=world["action"].finding,
        responsible=owner,
        due_on=day - 3 * DAY,
        action="Uzupełnić rejestr szkoleń.",
    )
    again = run(day)
    assert again.to == {"owner@example.org"}
    body = again.mails["owner@example.org"].body
    assert later.action in body and world["action"].action not in body and "PR-01" not in body
    assert again.mails["owner@example.org"].subject == subject(1)


def test_the_next_day_what_is_still_due_is_sent_again_but_notices_are_not(run, day, world):
    run(day)
    next_day = run(day + DAY)
    assert next_day.to == {"owner@example.org", "auditor@example.org", "member@example.org"}
    assert "PR-01" in next_day.mails["owner@example.org"].body
    assert world["action"].action in next_day.mails["owner@example.org"].body
    assert ReminderSent.objects.filter(day=day + DAY).count() == 4


def test_an_item_no_longer_due_is_not_sent(run, day, world, owner):
    run(day)
    action = world["action"]
    action.status = ActionStatus.IMPLEMENTED
    action.implemented_on = day
    action.save()
    body = run(day + DAY).mails["owner@example.org"].body
    assert action.action not in body and "PR-01" in body


# --- The certificate and the external audits: notices, sent once ------------------------------


@pytest.fixture
def coordinators(make_user, coordinator):
    coordinator.email = "coordinator@example.org"
    coordinator.save()
    other = make_user("deputy", roles.COORDINATOR, email="deputy@example.org")
    make_user("former", roles.COORDINATOR, email="former@example.org", is_active=False)
    return {coordinator.email, other.email}


def test_certificate_notices_at_90_and_at_30_days_each_once(run, day, coordinators):
    certificate = factories.certificate(
        issued_on=day - 900 * DAY, valid_from=day - 900 * DAY, valid_until=day + 91 * DAY
    )
    notified = {}
    for n in (0, 1, 2, 3, 30, 60, 61, 62, 70, 91):
        sent = run(day + n * DAY)
        if sent.mails:
            assert sent.to == coordinators
            notified[n] = sent.mails["deputy@example.org"].body
    assert set(notified) == {1, 61}
    assert certificate.number in notified[1] and "90" in notified[1]
    assert "30" in notified[61]


def test_a_certificate_recorded_with_30_days_left_gets_the_30_day_notice_only(
    run, day, coordinators
):
    certificate = factories.certificate(
        issued_on=day - 900 * DAY, valid_from=day - 900 * DAY, valid_until=day + 20 * DAY
    )
    sent = run(day)
    assert sent.to == coordinators
    assert ReminderSent.objects.filter(key__endswith=":30").count() == 2
    assert not run(day + DAY).mails
    # Extended: a new expiry date is a new notice.
    certificate.valid_until = day + 80 * DAY
    certificate.save()
    assert run(day + 2 * DAY).to == coordinators


def test_the_certificate_notice_names_the_next_external_audit_or_its_absence(
    run, day, coordinators
):
    certificate = factories.certificate(
        issued_on=day - 900 * DAY, valid_from=day - 900 * DAY, valid_until=day + 90 * DAY
    )
    body = run(day).mails["coordinator@example.org"].body
    with translation.override("pl"):
        assert translation.gettext("No external audit is recorded before it expires.") in body
    factories.external_audit(
        kind="recertification",
        first_day=day + 60 * DAY,
        last_day=day + 61 * DAY,
        result=AuditResult.PENDING,
        body=certificate.body,
    )
    certificate.valid_until = day + 89 * DAY
    certificate.save()
    body = run(day).mails["coordinator@example.org"].body
    assert polish_date(day + 60 * DAY) in body and polish_date(day + 61 * DAY) in body


def test_external_audit_notices_at_30_and_at_7_days_each_once(run, day, coordinators):
    external = factories.external_audit(
        first_day=day + 35 * DAY, last_day=day + 36 * DAY, result=AuditResult.PENDING
    )
    notified = [n for n in (0, 4, 5, 6, 27, 28, 29, 35) if run(day + n * DAY).mails]
    assert notified == [5, 28]
    factories.external_audit(
        first_day=day + 300 * DAY,
        last_day=day + 300 * DAY,
        result=AuditResult.PENDING,
        is_archived=True,
    )
    external.first_day = external.last_day = day + 50 * DAY
    external.save()
    assert run(day + 36 * DAY).to == coordinators  # moved: announced again


# --- Whom the command cannot reach -----------------------------------------------------------


def test_people_without_an_address_and_deactivated_accounts_are_in_the_summary(
    run, day, world, owner, auditor
):
    owner.email = ""
    owner.save()
    auditor.is_active = False
    auditor.save()
    sent = run(day)
    assert sent.to == {"member@example.org", "coordinator@example.org"}
    assert "No e-mail address for owner: PR-01, " in sent.out
    assert f"{world['action'].finding.audit.number} finding" in sent.out
    assert f"Account deactivated: auditor: {world['audit'].number}" in sent.out
    # Nothing is remembered for them: once they have an address, they get it all that day.
    owner.email = "owner@example.org"
    owner.save()
    assert run(day).to == {"owner@example.org"}


def test_items_nobody_answers_for_are_in_the_summary(run, day, owner, coordinator):
    unowned = factories.document(code="PR-09")
    factories.version_in_force(
        unowned, author=owner, approver=coordinator, effective_on=day - 400 * DAY
    )
    factories.certificate(
        issued_on=day - 900 * DAY, valid_from=day - 900 * DAY, valid_until=day + 10 * DAY
    )
    coordinator.groups.clear()
    sent = run(day)
    assert sent.mails == {}
    assert "No one to remind: PR-09" in sent.out
    assert "No one to remind: CERT-" in sent.out


def test_a_failed_e_mail_is_reported_and_sent_by_the_next_run(run, day, world, monkeypatch):
    send = EmailMessage.send

    def refuse_owner(message, *args, **kwargs):
        if message.to == ["owner@example.org"]:
            raise OSError("connection refused")
        return send(message, *args, **kwargs)

    with monkeypatch.context() as smtp:
        smtp.setattr(EmailMessage, "send", refuse_owner)
        with pytest.raises(CommandError, match="1 e-mail"):
            run(day)
    assert run(day).to == {"owner@example.org"}


# --- Language, links, the record -------------------------------------------------------------


def test_the_digest_is_in_polish_whatever_language_is_active(run, day, world):
    with translation.override("en"):
        mail = run(day).mails["owner@example.org"]
    assert mail.subject == subject(2)
    assert polish_date(day) in mail.body
    assert polish_date(world["action"].due_on) in mail.body


def test_the_portal_address_comes_from_the_setting_when_not_given(run, day, world, settings):
    settings.PORTAL_URL = "https://szj.um.example.pl/"
    mail = run(day, base_url="").mails["owner@example.org"]
    assert links(mail) and all(url.startswith("https://szj.um.example.pl/") for url in links(mail))


def test_without_a_portal_address_the_digest_goes_without_links_and_says_so(run, day, world):
    sent = run(day, base_url="")
    assert len(sent.mails) == 4
    assert not any(links(mail) for mail in sent.mails.values())
    assert "no links" in sent.err


@pytest.mark.parametrize("url", ["jakosc.example.org", "ftp://jakosc.example.org", "https://"])
def test_a_portal_address_that_is_not_one_is_refused(run, day, url):
    with pytest.raises(CommandError, match="portal's address"):
        run(day, base_url=url)


def test_what_was_sent_is_forgotten_after_a_year(run, day, world, owner):
    old = ReminderSent.objects.create(user=owner, day=day - KEPT_FOR - DAY, key="document:1")
    kept = ReminderSent.objects.create(user=owner, day=day - KEPT_FOR, key="document:1")
    run(day)
    assert not ReminderSent.objects.filter(pk=old.pk).exists()
    assert ReminderSent.objects.filter(pk=kept.pk).exists()


def test_qms_finds_the_other_apps_reminders_without_importing_them():
    root = Path(__file__).resolve().parent.parent
    for path in ("qms/reminders.py", "qms/management/commands/send_reminders.py"):
        tree = ast.parse((root / path).read_text(encoding="utf-8"))
        imported = {
            name
            for node in ast.walk(tree)
            for name in (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
        }
        assert not {name for name in imported if name.split(".")[0] in ("audits", "certificates")}


# --- Helpers ---------------------------------------------------------------------------------


def subject(n):
    with translation.override("pl"):
        return ngettext(
            "Quality management: %(n)s item waits for you",
            "Quality management: %(n)s items wait for you",
            n,
        ) % {"n": n}


def polish_date(value):
    with translation.override("pl"):
        return formats.date_format(value, "DATE_FORMAT")


def _where(action):
    with translation.override("pl"):
        return translation.gettext("Audit %(audit)s, finding %(number)s") % {
            "audit": action.finding.audit.number,
            "number": action.finding.number,
        }
