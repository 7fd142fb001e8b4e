"""Corrective actions (10.2): who may answer, implement, verify and close; the whole cycle; bad
input; the register (page and PDF) and the intranet home's lists."""

import datetime
import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext

from audits import services
from audits.models import (
    ActionStatus,
    Audit,
    AuditStatus,
    CorrectiveAction,
    FindingKind,
)
from qms import roles
from qms.models import today
from tests import factories
from tests.helpers import messages_of, pdf_pages, pdf_text, url_for

pytestmark = pytest.mark.django_db

D = datetime.date


def implemented(action, on=None):
    return services.action_implemented(
        action=action, user=action.responsible, on=on or action.finding.raised_on
    )


def verified(action, *, by, effective=True):
    return services.action_verify(
        action=action, user=by, on=today(), effective=effective, comment="Sprawdzono próbkę."
    )


def close_audit(audit):
    Audit.objects.filter(pk=audit.pk).update(
        status=AuditStatus.CLOSED, reported_at=timezone.now(), closed_at=timezone.now()
    )


@pytest.fixture
def records(owner, auditor, make_user):
    """An audit led by `auditor` with a nonconformity of `owner`'s process and one of another
    owner's process; actions of the first one open, implemented and verified effective."""
    factories.organisation()
    mine = factories.process(owner=owner, name="Wydawanie zaświadczeń")
    theirs = factories.process(owner=make_user("other_owner", roles.PROCESS_OWNER))
    audit = factories.audit(status=AuditStatus.IN_PROGRESS, lead_auditor=auditor)
    finding = factories.finding(audit=audit, process=mine, raised_on=today())
    their_finding = factories.finding(audit=audit, process=theirs, raised_on=today())
    done = implemented(factories.corrective_action(finding=finding))
    return {
        "audit": audit.pk,
        "finding": finding.pk,
        "their_finding": their_finding.pk,
        "open": factories.corrective_action(finding=finding).pk,
        "their_open": factories.corrective_action(finding=their_finding).pk,
        "implemented": implemented(factories.corrective_action(finding=finding)).pk,
        "effective": verified(done, by=auditor).pk,
    }


VERIFY = ("audits:action_verify", {"pk": "implemented"})
CLOSE = ("audits:action_close", {"pk": "effective"})


# Who may open and send each page is the permission matrix's (tests/test_permission_matrix.py);
# here, what its answers do not show: the services refuse as the views do, and what an allowed
# request changes.


def test_auditor_not_on_the_audit_cannot_verify_and_the_service_refuses_too(
    client_as, make_user, records
):
    stranger = make_user("stranger", roles.AUDITOR)
    client = client_as(stranger)
    url = url_for(*VERIFY, records)
    assert client.get(url).status_code == 403
    data = {"verified_on": today().isoformat(), "effective": "yes", "comment": "OK"}
    assert client.post(url, data).status_code == 403
    assert client.post(url_for(*CLOSE, records)).status_code == 403
    action = CorrectiveAction.objects.get(pk=records["implemented"])
    with pytest.raises(
        ValidationError, match=gettext("Only an auditor of this audit verifies its actions.")
    ):
        verified(action, by=stranger)
    action.refresh_from_db()
    assert action.status == ActionStatus.IMPLEMENTED


def test_coordinator_not_on_the_audit_cannot_verify_but_closes(client_as, coordinator, records):
    client = client_as(coordinator)
    assert client.get(url_for(*VERIFY, records)).status_code == 403
    response = client.post(url_for(*CLOSE, records))
    assert response.status_code == 302
    assert CorrectiveAction.objects.get(pk=records["effective"]).status == ActionStatus.CLOSED


def test_closed_audit_is_refused_by_the_services_too(auditor, records):
    action = CorrectiveAction.objects.get(pk=records["implemented"])
    close_audit(action.finding.audit)
    with pytest.raises(
        ValidationError,
        match=re.escape(gettext("The audit is closed; its records can no longer change.")),
    ):
        verified(action, by=auditor)
    with pytest.raises(
        ValidationError,
        match=re.escape(gettext("The audit is closed; its records can no longer change.")),
    ):
        implemented(CorrectiveAction.objects.get(pk=records["open"]))


# The whole cycle


def test_cycle_open_implemented_not_effective_again_effective_closed(
    client_as, owner, auditor, make_user
):
    factories.organisation()
    responsible = make_user(
        "referent", roles.PROCESS_OWNER, first_name="Żaneta", last_name="Kowalska"
    )
    process = factories.process(owner=owner)
    audit = factories.audit(status=AuditStatus.IN_PROGRESS, lead_auditor=auditor)
    finding = factories.finding(
        audit=audit, process=process, raised_on=today() - datetime.timedelta(days=20)
    )
    first_implementation = today() - datetime.timedelta(days=10)

    client = client_as(owner)
    response = client.post(
        reverse("audits:action_create", args=[finding.pk]),
        {
            "correction": "Wycofano stary formularz.",
            "root_cause": "Brak przeglądu formularzy.",
            "action": "Przegląd formularzy co kwartał.",
            "responsible": responsible.pk,
            "due_on": today().isoformat(),
        },
    )
    action = CorrectiveAction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == action.get_absolute_url()
    assert (action.status, action.responsible, action.finding) == (
        ActionStatus.OPEN,
        responsible,
        finding,
    )

    response = client.post(
        reverse("audits:action_implemented", args=[action.pk]),
        {"implemented_on": first_implementation.isoformat()},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.implemented_on) == (
        ActionStatus.IMPLEMENTED,
        first_implementation,
    )

    verify_url = reverse("audits:action_verify", args=[action.pk])
    client = client_as(auditor)
    response = client.post(
        verify_url,
        {
            "verified_on": (today() - datetime.timedelta(days=5)).isoformat(),
            "effective": "no",
            "comment": "Formularz nadal w obiegu.",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_EFFECTIVE
    assert (action.verified_by, action.verified_on) == (
        auditor,
        today() - datetime.timedelta(days=5),
    )
    assert action.verification_comment == "Formularz nadal w obiegu."

    # Back with the owner, who sees why, revises the action and implements it again.
    client = client_as(owner)
    update_url = reverse("audits:action_update", args=[action.pk])
    assert "Formularz nadal w obiegu." in client.get(update_url).content.decode()
    response = client.post(
        update_url,
        {
            "correction": "Wycofano stary formularz.",
            "root_cause": "Brak przeglądu formularzy i nadzoru nad wydrukami.",
            "action": "Przegląd formularzy co kwartał i usunięcie wydruków.",
            "responsible": responsible.pk,
            "due_on": today().isoformat(),
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("audits:action_implemented", args=[action.pk]),
        {"implemented_on": today().isoformat()},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.implemented_on) == (ActionStatus.IMPLEMENTED, today())
    assert (action.verified_by, action.verified_on) == (None, None)

    client = client_as(auditor)
    response = client.post(
        verify_url,
        {"verified_on": today().isoformat(), "effective": "yes", "comment": "Skuteczne."},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.verified_by, action.verified_on) == (
        ActionStatus.EFFECTIVE,
        auditor,
        today(),
    )
    assert not services.open_nonconformities(audit).exists()

    before = timezone.now()
    response = client.post(reverse("audits:action_close", args=[action.pk]))
    assert response.status_code == 302
    assert response["Location"] == action.get_absolute_url()
    action.refresh_from_db()
    assert action.status == ActionStatus.CLOSED
    assert action.closed_at >= before
    assert action.action == "Przegląd formularzy co kwartał i usunięcie wydruków."


def test_implemented_form_proposes_today(client_as, owner, records):
    response = client_as(owner).get(url_for("audits:action_implemented", {"pk": "open"}, records))
    assert f'value="{today().isoformat()}"' in response.content.decode()


# Bad input


def test_due_date_before_the_finding_is_refused(client_as, owner, records):
    finding_url = url_for("audits:action_create", {"pk": "finding"}, records)
    response = client_as(owner).post(
        finding_url,
        {
            "root_cause": "Przyczyna.",
            "action": "Działanie.",
            "responsible": owner.pk,
            "due_on": (today() - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert (
        gettext("The due date cannot be before the finding was raised.")
        in response.content.decode()
    )
    assert CorrectiveAction.objects.count() == 4


def test_root_cause_is_required(client_as, owner, records):
    response = client_as(owner).post(
        url_for("audits:action_create", {"pk": "finding"}, records),
        {"action": "Działanie.", "responsible": owner.pk, "due_on": today().isoformat()},
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"root_cause"}


def test_verification_dated_before_the_implementation_is_refused(client_as, auditor, records):
    action = CorrectiveAction.objects.get(pk=records["implemented"])
    response = client_as(auditor).post(
        url_for(*VERIFY, records),
        {
            "verified_on": (action.implemented_on - datetime.timedelta(days=1)).isoformat(),
            "effective": "yes",
            "comment": "Sprawdzono.",
        },
    )
    assert response.status_code == 200
    assert (
        gettext("The verification cannot be dated before the implementation.")
        in response.content.decode()
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.IMPLEMENTED


def test_verifying_an_open_action_is_refused(client_as, auditor, records):
    url = url_for("audits:action_verify", {"pk": "open"}, records)
    data = {"verified_on": today().isoformat(), "effective": "yes", "comment": "Sprawdzono."}
    response = client_as(auditor).post(url, data)
    assert response.status_code == 302
    assert gettext("An action is verified only after it has been implemented.") in messages_of(
        response
    )
    action = CorrectiveAction.objects.get(pk=records["open"])
    assert action.status == ActionStatus.OPEN
    with pytest.raises(
        ValidationError, match=gettext("An action is verified only after it has been implemented.")
    ):
        verified(action, by=auditor)


def test_implementation_in_the_future_or_before_the_finding_is_refused(records):
    action = CorrectiveAction.objects.get(pk=records["open"])
    for day in (today() + datetime.timedelta(days=1), today() - datetime.timedelta(days=1)):
        with pytest.raises(ValidationError):
            implemented(action, on=day)
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_implemented_or_closed_action_is_no_longer_edited(client_as, owner, records):
    client = client_as(owner)
    for name in ("audits:action_update", "audits:action_implemented"):
        response = client.get(url_for(name, {"pk": "implemented"}, records))
        assert response.status_code == 302


def test_closing_an_action_not_verified_effective_is_refused(client_as, auditor, records):
    response = client_as(auditor).post(
        url_for("audits:action_close", {"pk": "implemented"}, records)
    )
    assert response.status_code == 302
    assert gettext("Only an action verified effective can be closed.") in messages_of(response)
    assert CorrectiveAction.objects.get(pk=records["implemented"]).status == "implemented"


def test_observation_gets_no_corrective_action(client_as, owner, records):
    audit = Audit.objects.get(pk=records["audit"])
    observation = factories.finding(
        audit=audit, kind=FindingKind.OBSERVATION, process=factories.process(owner=owner)
    )
    response = client_as(owner).get(reverse("audits:action_create", args=[observation.pk]))
    assert response.status_code == 302
    assert response["Location"] == observation.get_absolute_url()


# The finding page's list of actions, with each role's buttons


def rendered_actions(user, finding_pk):
    from audits.models import Finding

    request = RequestFactory().get("/")
    request.user = user
    finding = Finding.objects.select_related("audit", "process").get(pk=finding_pk)
    return render_to_string(
        "audits/action_list_for_finding.html", {"finding": finding, "user": user}, request
    )


def test_finding_page_shows_each_role_its_buttons(owner, auditor, coordinator, employee, records):
    html = rendered_actions(owner, records["finding"])
    assert reverse("audits:action_create", args=[records["finding"]]) in html
    assert reverse("audits:action_implemented", args=[records["open"]]) in html
    assert "/verify/" not in html and "/close/" not in html

    html = rendered_actions(auditor, records["finding"])
    assert reverse("audits:action_verify", args=[records["implemented"]]) in html
    assert reverse("audits:action_close", args=[records["effective"]]) in html
    assert "/edit/" not in html and "/actions/new/" not in html

    html = rendered_actions(coordinator, records["finding"])
    assert "/verify/" not in html
    assert reverse("audits:action_close", args=[records["effective"]]) in html

    html = rendered_actions(employee, records["finding"])
    assert "btn" not in html
    assert html.count('<article id="action-') == 3


# The register: overdue flag and filters


@pytest.fixture
def overdue(records):
    """An action of the finding due yesterday (the finding raised long ago), still open."""
    finding = factories.finding(
        audit=Audit.objects.get(pk=records["audit"]),
        process=factories.process(name="Obsługa kancelarii"),
        raised_on=today() - datetime.timedelta(days=60),
    )
    return factories.corrective_action(
        finding=finding,
        action="Szkolenie pracowników kancelarii.",
        due_on=today() - datetime.timedelta(days=1),
    )


def test_overdue_action_is_flagged_in_words_and_colour(client_as, coordinator, overdue):
    assert overdue.is_overdue
    response = client_as(coordinator).get(reverse("audits:action_register"))
    html = response.content.decode()
    assert html.count('<span class="badge text-bg-danger">') == 1
    row = html[html.index("Szkolenie pracowników kancelarii") :]
    assert row.index("text-bg-danger") < row.index("</tr>")


def test_implemented_action_past_its_due_date_is_not_overdue(records):
    action = CorrectiveAction.objects.get(pk=records["implemented"])
    action.due_on = today() - datetime.timedelta(days=1)
    assert not action.is_overdue
    assert not CorrectiveAction.objects.overdue().exists()


def test_register_filters_overdue_status_process_and_year(client_as, coordinator, overdue):
    client = client_as(coordinator)
    register = reverse("audits:action_register")

    def listed(**query):
        return [a.pk for a in client.get(register, query).context["page_obj"]]

    assert listed(overdue="on") == [overdue.pk]
    assert len(listed()) == 5
    assert len(listed(status="open")) == 3
    # The process by words of its code or name: a select of 1,600 processes was the page's
    # slowest part at 100 times the demo.
    assert listed(process="kancelarii") == [overdue.pk]
    assert listed(process=f"{overdue.finding.process.code} obsługa") == [overdue.pk]
    assert listed(process="nieznany") == []
    assert len(listed(year=str(overdue.finding.audit.programme.year))) == 5
    assert listed(status="closed") == []


def test_register_lists_audit_finding_process_responsible_and_due_date(
    client_as, coordinator, records
):
    action = CorrectiveAction.objects.select_related("finding__audit", "finding__process").get(
        pk=records["open"]
    )
    html = client_as(coordinator).get(reverse("audits:action_register")).content.decode()
    for text in (
        action.finding.audit.number,
        action.finding.process.code,
        action.finding.get_kind_display(),
        action.due_on.strftime("%d.%m.%Y"),
        action.responsible.get_username(),
        action.get_absolute_url(),
    ):
        assert text in html


def bulk_actions(n, *, finding, responsible):
    CorrectiveAction.objects.bulk_create(
        CorrectiveAction(
            finding=finding,
            action=f"Działanie {i}",
            responsible=responsible,
            due_on=finding.raised_on + datetime.timedelta(days=i % 40),
        )
        for i in range(n)
    )


@pytest.mark.parametrize("rows", [10, 300])
def test_register_queries_do_not_grow_with_actions(
    client_as, coordinator, owner, django_assert_num_queries, rows
):
    factories.organisation()
    for year in (2025, 2026):
        audit = factories.audit(
            status=AuditStatus.IN_PROGRESS, programme=factories.programme(year=year)
        )
        finding = factories.finding(audit=audit, process=factories.process(owner=owner))
        bulk_actions(rows // 2, finding=finding, responsible=owner)
    client = client_as(coordinator)
    # session, user, permissions (2), the count, organisation, the years of the filter, the page
    with django_assert_num_queries(8):
        response = client.get(reverse("audits:action_register"), {"status": "open"})
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == min(rows, 50)
    with django_assert_num_queries(8):
        response = client.get(reverse("audits:action_register"), {"process": "proces", "page": "2"})
    # Page 2 of 300 actions, or the last page (the only one) of 10.
    assert len(response.context["page_obj"]) == min(rows, 50)


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"status": "unknown"},
        {"mine": "unknown"},
        {"year": "99999"},
        {"year": "abc"},
        {"process": "x" * 5000},
        {"overdue": "maybe"},
    ],
)
def test_register_answers_careless_queries_with_a_page(client_as, coordinator, records, query):
    assert client_as(coordinator).get(reverse("audits:action_register"), query).status_code == 200


# The register PDF


def test_register_pdf_is_polish_tagged_and_landscape(client_as, coordinator, overdue):
    overdue.responsible.first_name, overdue.responsible.last_name = "Łucja", "Żmuda"
    overdue.responsible.save()
    response = client_as(coordinator).get(reverse("audits:action_register_pdf"))
    reader, pages = pdf_pages(response)
    text = " ".join(pages)
    for expected in (
        "Urząd Miejski w Zabrzu",
        date_format(today(), "j E Y"),  # the date printed, in Polish
        "Szkolenie pracowników kancelarii.",
        "Łucja Żmuda",
        overdue.finding.audit.number,
        "Wydawanie zaświadczeń",
        "1 / 1",
    ):
        assert expected in text, expected
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "pl"
    assert "/StructTreeRoot" in root
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (842, 595)


def test_register_pdf_prints_the_filtered_register(client_as, coordinator, overdue):
    response = client_as(coordinator).get(reverse("audits:action_register_pdf"), {"overdue": "on"})
    text = pdf_text(response)
    assert "Szkolenie pracowników kancelarii." in text
    assert "Wprowadzić przegląd formularzy" not in text


# The intranet home


def test_owner_home_lists_findings_awaiting_an_answer_and_actions_due(
    client_as, owner, auditor, records
):
    audit = Audit.objects.get(pk=records["audit"])
    process = factories.process(owner=owner, code="P-99")
    unanswered = factories.finding(audit=audit, process=process, description="Brak rejestru.")
    not_effective = factories.finding(audit=audit, process=process, description="Brak szkoleń.")
    verified(
        implemented(factories.corrective_action(finding=not_effective)), by=auditor, effective=False
    )
    factories.finding(audit=audit, process=process, kind=FindingKind.OBSERVATION)
    closed = factories.audit(status=AuditStatus.IN_PROGRESS)
    factories.finding(audit=closed, process=process, description="Z zamkniętego audytu.")
    close_audit(closed)

    response = client_as(owner).get(reverse("intranet:home"))
    listed = [f.pk for f in response.context["findings_to_answer"]]
    assert sorted(listed) == sorted([unanswered.pk, not_effective.pk])
    assert {a.pk for a in response.context["my_actions"]} == {
        records["open"],
        *CorrectiveAction.objects.filter(finding=not_effective).values_list("pk", flat=True),
    }
    html = response.content.decode()
    assert "Brak rejestru." in html and "Z zamkniętego audytu." not in html


def test_auditor_home_lists_actions_waiting_for_verification(
    client_as, auditor, make_user, records
):
    response = client_as(auditor).get(reverse("intranet:home"))
    assert [a.pk for a in response.context["to_verify"]] == [records["implemented"]]
    assert reverse("audits:action_verify", args=[records["implemented"]]) in (
        response.content.decode()
    )
    stranger = make_user("stranger", roles.AUDITOR)
    assert list(client_as(stranger).get(reverse("intranet:home")).context["to_verify"]) == []


def test_home_counts_overdue_actions_and_links_to_the_register(client_as, owner, overdue):
    response = client_as(owner).get(reverse("intranet:home"))
    assert response.context["overdue_actions"] == 1
    html = response.content.decode()
    assert f'href="{reverse("audits:action_register")}?overdue=on"' in html
    assert f'href="{reverse("audits:action_register")}"' in html


def test_home_links_to_the_audit_programme(client_as, owner, records):
    html = client_as(owner).get(reverse("intranet:home")).content.decode()
    assert f'href="{reverse("audits:programme_list")}"' in html


def test_employee_home_has_no_audit_work(client_as, employee, overdue):
    response = client_as(employee).get(reverse("intranet:home"))
    assert "overdue_actions" not in response.context
    assert reverse("audits:action_register") not in response.content.decode()


@pytest.mark.parametrize("rows", [2, 30])
def test_owner_home_queries_do_not_grow_with_findings(
    client_as, owner, django_assert_num_queries, rows
):
    factories.organisation()
    process = factories.process(owner=owner)
    # Across two audits: one audit records at most MAX_FINDINGS.
    audits = [factories.audit(status=AuditStatus.IN_PROGRESS) for _ in range(2)]
    for i in range(rows):
        finding = factories.finding(audit=audits[i % 2], process=process)
        if i % 2:
            factories.corrective_action(finding=finding)
    client = client_as(owner)
    with django_assert_num_queries(13):
        response = client.get(reverse("intranet:home"))
    assert len(response.context["findings_to_answer"]) == min(rows // 2, 20)
    assert len(response.context["my_actions"]) == min(rows // 2, 20)


# Who answers a finding: one rule (roles.finding_answerer), for the pages, the home and the form


@pytest.fixture
def routing(owner, make_user):
    """Nonconformities of an audit under way: on `owner`'s process, on a process without an
    owner, on a process whose owner's account is deactivated, and one naming no process."""
    factories.organisation()
    gone = make_user("gone", roles.PROCESS_OWNER, first_name="Jan", last_name="Dawny")
    gone_process = factories.process(owner=gone)
    gone.is_active = False
    gone.save()
    audit = factories.audit(status=AuditStatus.IN_PROGRESS)

    def raised_on(process):
        return factories.finding(audit=audit, process=process, raised_on=today())

    return {
        "owned": raised_on(factories.process(owner=owner)),
        "ownerless": raised_on(factories.process(name="Ochrona środowiska")),
        "deactivated": raised_on(gone_process),
        "no_process": raised_on(None),
    }


def test_one_rule_routes_findings_without_an_owner_to_the_coordinator(
    owner, coordinator, auditor, routing
):
    from audits.models import Finding

    assert roles.finding_answerer(routing["owned"]) == owner
    for key in ("ownerless", "deactivated", "no_process"):
        assert roles.finding_answerer(routing[key]) is None
    names = {finding.pk: key for key, finding in routing.items()}
    for finding in routing.values():
        factories.corrective_action(finding=finding, responsible=coordinator)
    expected = {
        owner: {"owned"},
        coordinator: {"ownerless", "deactivated", "no_process"},
        auditor: set(),
    }
    for user, keys in expected.items():
        # The filter the home and the register use agrees with the rule the pages use.
        findings = Finding.objects.filter(roles.findings_answered_by(user))
        assert {names[pk] for pk in findings.values_list("pk", flat=True)} == keys
        actions = CorrectiveAction.objects.filter(
            roles.findings_answered_by(user, prefix="finding__")
        )
        assert {names[action.finding_id] for action in actions} == keys


def test_owner_answers_only_their_process_and_the_coordinator_every_finding(
    client_as, owner, coordinator, routing
):
    for key, finding in routing.items():
        assert roles.can_answer_finding(owner, finding) == (key == "owned")
        assert roles.can_answer_finding(coordinator, finding)
    url = reverse("audits:action_create", args=[routing["ownerless"].pk])
    assert client_as(owner).get(url).status_code == 403


@pytest.mark.parametrize(
    ("key", "answerer"),
    [
        ("owned", None),
        ("ownerless", "the ISO representative's office (process without an owner)"),
        (
            "deactivated",
            "the ISO representative's office (the process owner's account is deactivated)",
        ),
        ("no_process", "the ISO representative's office (no process named)"),
    ],
)
def test_finding_page_says_who_is_to_answer(client_as, owner, routing, key, answerer):
    owner.first_name, owner.last_name = "Łucja", "Żmuda"
    owner.save()
    html = unescape(client_as(owner).get(routing[key].get_absolute_url()).content.decode())
    said = html[html.index(gettext("To be answered by")) :]
    said = said[: said.index("</dd>")]
    assert (gettext(answerer) if answerer else "Łucja Żmuda") in said
    assert (gettext("no owner") in html) == (key == "ownerless")


def test_new_action_proposes_the_process_owner_and_offers_only_who_can_act(
    client_as, owner, coordinator, auditor, employee, routing
):
    form = (
        client_as(owner)
        .get(reverse("audits:action_create", args=[routing["owned"].pk]))
        .context["form"]
    )
    assert form["responsible"].value() == owner.pk
    # Not the auditors, the employees or a deactivated owner: only who can act on the action.
    assert set(form.fields["responsible"].queryset) == {owner, coordinator}
    html = str(form["responsible"])
    assert f'<option value="{owner.pk}" selected>' in html


def test_finding_without_an_owner_proposes_the_coordinator_answering_it(
    client_as, coordinator, routing
):
    for key in ("ownerless", "deactivated", "no_process"):
        url = reverse("audits:action_create", args=[routing[key].pk])
        form = client_as(coordinator).get(url).context["form"]
        assert form["responsible"].value() == coordinator.pk


def test_editing_an_action_keeps_whoever_it_names(client_as, coordinator, routing):
    finding = routing["deactivated"]
    action = factories.corrective_action(finding=finding, responsible=finding.process.owner)
    form = (
        client_as(coordinator)
        .get(reverse("audits:action_update", args=[action.pk]))
        .context["form"]
    )
    assert form["responsible"].value() == finding.process.owner_id
    assert finding.process.owner in form.fields["responsible"].queryset


def test_an_auditor_cannot_be_made_responsible(client_as, owner, auditor, routing):
    response = client_as(owner).post(
        reverse("audits:action_create", args=[routing["owned"].pk]),
        {
            "root_cause": "Przyczyna.",
            "action": "Działanie.",
            "responsible": auditor.pk,
            "due_on": today().isoformat(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"responsible"}
    assert not CorrectiveAction.objects.exists()


# The register: the user's own actions, as the home lists them


def test_register_finds_the_actions_i_answer_for_and_those_i_verify(
    client_as, owner, auditor, coordinator, records
):
    register = reverse("audits:action_register")

    def listed(user, **query):
        return {a.pk for a in client_as(user).get(register, query).context["page_obj"]}

    mine = {records["open"], records["implemented"], records["effective"]}
    assert listed(owner, mine="answer") == mine
    assert listed(owner, mine="answer", status="unfinished") == {records["open"]}
    assert listed(auditor, mine="verify") == {records["implemented"]}
    assert listed(coordinator, mine="answer") == set()
    assert listed(coordinator, status="unfinished") == {records["open"], records["their_open"]}


@pytest.mark.parametrize(("who", "lists"), [("owner", ["my_actions"]), ("auditor", ["to_verify"])])
def test_home_lists_lead_to_the_register_listing_the_same_actions(
    request, client_as, records, who, lists
):
    client = client_as(request.getfixturevalue(who))
    home = client.get(reverse("intranet:home"))
    for name in lists:
        shown = home.context[name]
        assert f'href="{escape(shown.url)}"' in home.content.decode()
        full = client.get(shown.url).context["page_obj"]
        assert [a.pk for a in full] and {a.pk for a in full} == {a.pk for a in shown}
        assert shown.total == full.paginator.count


def test_register_pdf_says_it_lists_my_actions(client_as, owner, records):
    response = client_as(owner).get(reverse("audits:action_register_pdf"), {"mine": "answer"})
    text = pdf_text(response)
    assert f"{gettext('Mine')}: {gettext('those I answer for')}" in text
    assert "Wydawanie zaświadczeń" in text


def test_audits_with_findings_awaiting_my_answer_are_found(owner, coordinator, routing):
    from audits.filters import AuditFilter

    factories.audit(status=AuditStatus.IN_PROGRESS)

    def found(user):
        request = RequestFactory().get("/")
        request.user = user
        audits = AuditFilter({"to_answer": "on"}, queryset=Audit.objects.all(), request=request)
        return list(audits.qs)

    assert found(owner) == [routing["owned"].audit]
    assert found(coordinator) == [routing["owned"].audit]
    factories.corrective_action(finding=routing["owned"])
    assert found(owner) == []
    assert "to_answer" not in AuditFilter({}, queryset=Audit.objects.all()).filters
