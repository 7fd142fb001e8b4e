"""The audit programme, its coverage of the certification cycle, and audits: what each role is
shown, numbering (also two audits created at once), the workflow and its refusals, bad input, the
audit report PDF, and query counts that do not grow with rows."""

import datetime
import threading

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from audits import services
from audits.models import (
    ActionStatus,
    Answer,
    Audit,
    AuditProgramme,
    AuditStatus,
    ChecklistItem,
    Clause,
    CorrectiveAction,
    Finding,
    FindingKind,
)
from qms import roles
from qms.models import ProcessKind
from tests import factories
from tests.helpers import messages_of, pdf_pages, url_for

pytestmark = pytest.mark.django_db

D = datetime.date
YEAR = 2026


@pytest.fixture
def records(auditor, owner, make_user):
    """The 2026 programme; an audit in progress with `auditor` on the team (led by `lead`), of
    `owner`'s process; a closed audit with the same team; another auditor (`stranger`) on
    neither."""
    factories.organisation()
    lead = make_user("lead", roles.AUDITOR, first_name="Anna", last_name="Wiodąca")
    make_user("stranger", roles.AUDITOR)
    process = factories.process(code="P-04", name="Obsługa mieszkańców", owner=owner)
    unit = factories.org_unit(code="BOM", name="Biuro Obsługi Mieszkańców")
    programme = factories.programme(year=YEAR)
    common = {"programme": programme, "lead_auditor": lead, "team": [auditor]}
    open_audit = factories.audit(
        **common,
        status=AuditStatus.IN_PROGRESS,
        title="Audyt obsługi mieszkańców",
        processes=[process],
        units=[unit],
    )
    closed = factories.audit(**common, status=AuditStatus.CLOSED, title="Audyt zamknięty")
    return {"year": YEAR, "open": open_audit.pk, "closed": closed.pk, "process": process.pk}


# What each role is shown (who may open and post each page: tests/test_permission_matrix.py)


def test_employee_lists_only_closed_audits(client_as, employee, records):
    response = client_as(employee).get(reverse("audits:audit_list"))
    assert [a.pk for a in response.context["page_obj"]] == [records["closed"]]
    html = response.content.decode()
    assert reverse("audits:audit_pdf", args=[records["closed"]]) in html
    assert f'href="{reverse("audits:audit_detail", args=[records["open"]])}"' not in html
    # No link leads an employee to a page that would refuse them.
    assert f'href="{reverse("audits:programme_list")}"' not in html


def test_employee_reads_a_closed_audit_but_gets_no_buttons(client_as, employee, records):
    html = client_as(employee).get(url_for("audits:audit_detail", {"pk": "closed"}, records))
    html = html.content.decode()
    assert "Audyt zamknięty" in html
    for name in ("audit_update", "audit_start", "audit_report", "audit_close"):
        assert reverse(f"audits:{name}", args=[records["closed"]]) not in html


def test_closed_audit_shows_no_edit_buttons_even_to_the_coordinator(
    client_as, coordinator, records
):
    html = client_as(coordinator).get(url_for("audits:audit_detail", {"pk": "closed"}, records))
    assert reverse("audits:audit_update", args=[records["closed"]]) not in html.content.decode()


def test_unknown_audit_and_programme_are_not_found(client_as, coordinator, records):
    client = client_as(coordinator)
    assert client.get(reverse("audits:audit_detail", args=[999])).status_code == 404
    assert client.get(reverse("audits:programme_detail", args=[1999])).status_code == 404


# Numbering


def test_audits_are_numbered_consecutively_within_their_year(auditor):
    p2026, p2025 = factories.programme(year=2026), factories.programme(year=2025)
    numbers = [factories.audit(programme=p2026, lead_auditor=auditor).number for _ in range(3)]
    assert numbers == ["AW/2026/01", "AW/2026/02", "AW/2026/03"]
    assert factories.audit(programme=p2025, lead_auditor=auditor).number == "AW/2025/01"
    assert factories.audit(programme=p2026, lead_auditor=auditor).number == "AW/2026/04"


@pytest.mark.django_db(transaction=True)
def test_two_audits_created_at_once_get_distinct_consecutive_numbers(make_user):
    lead = make_user("lead", roles.AUDITOR)
    programme = factories.programme(year=YEAR)
    barrier = threading.Barrier(2)
    numbers, errors = [], []

    def create(n):
        try:
            barrier.wait(timeout=10)
            audit = Audit(
                programme=programme, lead_auditor=lead, title=f"Audyt {n}", planned_month=3
            )
            numbers.append(services.audit_create(audit=audit).number)
        except Exception as error:  # reported below, with the thread's numbers
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == ["AW/2026/01", "AW/2026/02"]


# Programmes


def test_coordinator_sets_up_a_programme_and_lands_on_it(client_as, coordinator):
    factories.organisation()
    response = client_as(coordinator).post(
        reverse("audits:programme_create"),
        {"year": "2027", "objectives": "Audyt wszystkich procesów podstawowych."},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("audits:programme_detail", args=[2027])
    assert AuditProgramme.objects.get(year=2027).objectives.startswith("Audyt")


def test_second_programme_for_a_year_is_refused(client_as, coordinator, records):
    response = client_as(coordinator).post(reverse("audits:programme_create"), {"year": str(YEAR)})
    assert response.status_code == 200
    assert response.context["form"].errors["year"]
    assert AuditProgramme.objects.count() == 1


def test_programme_year_cannot_change_once_it_has_audits(client_as, coordinator, records):
    response = client_as(coordinator).post(
        url_for("audits:programme_update", {"year": "year"}, records),
        {"year": "2030", "objectives": "Nowe cele.", "approved_by": "Prezydent Miasta"},
    )
    assert response.status_code == 302
    programme = AuditProgramme.objects.get()
    assert (programme.year, programme.approved_by) == (YEAR, "Prezydent Miasta")


def test_programme_lists_years_with_their_audits_by_status(client_as, owner, records):
    factories.programme(year=2025)
    response = client_as(owner).get(reverse("audits:programme_list"))
    rows = {p.year: p for p in response.context["page_obj"]}
    assert list(rows) == [2026, 2025]
    assert (rows[2026].n_audits, rows[2026].n_in_progress, rows[2026].n_closed) == (2, 1, 1)
    assert rows[2025].n_audits == 0
    assert reverse("audits:programme_coverage") in response.content.decode()


def test_programme_shows_each_audit_in_its_month(client_as, owner, records):
    factories.audit(programme=factories.programme(year=YEAR), planned_month=11, title="Listopad")
    response = client_as(owner).get(url_for("audits:programme_detail", {"year": "year"}, records))
    months = response.context["months"]
    assert len(months) == 12
    assert [a.title for a in months[10]["audits"]] == ["Listopad"]
    assert {a.number for a in months[4]["audits"]} == {"AW/2026/01", "AW/2026/02"}
    html = response.content.decode()
    assert "Listopad" in html and "P-04" in html
    assert html.count('class="audit-plan__month') == 12


def test_programme_pdf_lists_the_audits(client_as, owner, records):
    response = client_as(owner).get(url_for("audits:programme_pdf", {"year": "year"}, records))
    reader, pages = pdf_pages(response)
    text = " ".join(pages)
    assert "AW/2026/01" in text and "Audyt obsługi mieszkańców" in text
    assert reader.trailer["/Root"]["/Lang"] == "pl"


# Coverage of the certification cycle


def test_coverage_shows_who_was_audited_when_and_flags_processes_never_audited(
    client_as, owner, records
):
    audited = records["process"]
    forgotten = factories.process(code="P-09", name="Zamówienia publiczne")
    planned = factories.process(code="P-07", name="Gospodarka nieruchomościami")
    factories.audit(programme=factories.programme(year=2025), processes=[planned])
    # Audited before the cycle: does not count.
    factories.audit(
        programme=factories.programme(year=2023),
        processes=[forgotten],
        status=AuditStatus.CLOSED,
    )
    response = client_as(owner).get(reverse("audits:programme_coverage"), {"until": YEAR})
    assert response.context["years"] == [2024, 2025, 2026]
    rows = {row["process"].pk: row for row in response.context["rows"]}
    assert rows[audited]["state"] == "audited"
    assert [c["state"] for c in rows[audited]["cells"]] == ["none", "none", "audited"]
    assert [a["number"] for a in rows[audited]["cells"][2]["audits"]] == ["AW/2026/01"]
    assert rows[planned.pk]["state"] == "planned"
    assert rows[forgotten.pk]["state"] == "missing"
    assert response.context["counts"] == {"audited": 1, "planned": 1, "missing": 1}
    html = response.content.decode()
    # In words and in colour: the summary leads to the processes missing, their rows are marked.
    assert "coverage-row--missing" in html
    assert f'<a href="{forgotten.get_absolute_url()}">P-09</a> Zamówienia publiczne' in html
    assert "?until=2026&amp;state=missing" in html
    assert "?until=2026&amp;state=planned" in html
    assert reverse("audits:audit_detail", args=[records["open"]]) in html


def test_coverage_defaults_to_the_cycle_ending_this_year(client_as, owner, records):
    year = timezone.localdate().year
    response = client_as(owner).get(reverse("audits:programme_coverage"), {"until": "nonsense"})
    assert response.status_code == 200
    assert response.context["years"] == [year - 2, year - 1, year]


@pytest.fixture
def cycle(auditor):
    """Six processes in the cycle 2024–2026: two audited (one of them a support process), two
    only planned, two with no audit in the cycle (one archived, which the grid leaves out)."""
    factories.organisation()
    kinds = {"P-02": ProcessKind.SUPPORT}
    processes = {
        code: factories.process(code=code, name=name, kind=kinds.get(code, ProcessKind.CORE))
        for code, name in [
            ("P-01", "Obsługa mieszkańców"),
            ("P-02", "Zarządzanie kadrami"),
            ("P-03", "Zamówienia publiczne"),
            ("P-04", "Gospodarka odpadami"),
            ("P-05", "Ewidencja ludności"),
        ]
    }
    factories.process(code="P-06", name="Archiwalny", is_active=False)
    bulk_audits(
        1,
        programme=factories.programme(year=2024),
        lead=auditor,
        processes=[processes["P-01"], processes["P-02"]],
    )
    bulk_audits(
        1,
        programme=factories.programme(year=2026),
        lead=auditor,
        processes=[processes["P-02"], processes["P-03"], processes["P-04"]],
        status=AuditStatus.PLANNED,
    )
    return processes


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ({}, ["P-01", "P-02", "P-03", "P-04", "P-05"]),
        ({"state": "audited"}, ["P-01", "P-02"]),
        ({"state": "planned"}, ["P-03", "P-04"]),
        ({"state": "missing"}, ["P-05"]),
        ({"kind": "support"}, ["P-02"]),
        ({"q": "zamówienia"}, ["P-03"]),
        ({"q": "p-0 odpad"}, ["P-04"]),
        ({"state": "planned", "q": "odpad"}, ["P-04"]),
    ],
)
def test_coverage_filters_the_grid_and_counts_every_process(
    client_as, coordinator, cycle, query, codes
):
    response = client_as(coordinator).get(
        reverse("audits:programme_coverage"), {"until": 2026, **query}
    )
    assert [row["process"].code for row in response.context["rows"]] == codes
    # The summary is the cycle's, whatever the grid shows.
    assert response.context["counts"] == {"audited": 2, "planned": 2, "missing": 1}
    assert response.context["total"] == 5


def test_coverage_pages_the_processes(client_as, coordinator, cycle):
    for n in range(60):
        factories.process(code=f"Q-{n:02d}")
    client = client_as(coordinator)
    first = client.get(reverse("audits:programme_coverage"), {"until": 2026})
    assert len(first.context["rows"]) == 50
    assert first.context["counts"]["missing"] == 61
    html = first.content.decode()
    assert gettext("Page %(n)s of %(total)s") % {"n": 1, "total": 2} in html
    assert "?until=2026&amp;page=2" in html
    second = client.get(reverse("audits:programme_coverage"), {"until": 2026, "page": 2})
    assert len(second.context["rows"]) == 15


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"until": "99999"},
        {"until": "1"},
        {"state": "unknown"},
        {"kind": "unknown"},
        {"q": "x" * 5000},
        {"state": ["missing", "audited"]},
    ],
)
def test_coverage_answers_careless_queries_with_a_page(client_as, coordinator, cycle, query):
    response = client_as(coordinator).get(reverse("audits:programme_coverage"), query)
    assert response.status_code == 200
    assert response.context["total"] == 5


# Audits: the plan and its form


def plan(**overrides):
    data = {
        "programme": "",
        "title": "Audyt procesu wydawania zaświadczeń",
        "planned_month": "5",
        "objectives": "Ocena zgodności z wymaganiami ISO 9001.",
        "scope": "Wydział Spraw Obywatelskich",
        "criteria": "7.5, 8.5.1; PR-03",
        "lead_auditor": "",
        "team": [],
        "auditees": "Jan Kowalski, naczelnik",
        "first_day": "",
        "last_day": "",
        "places": "ul. Powstańców Śląskich 5",
        "agenda": "9:00 spotkanie otwierające",
    }
    return {**data, **overrides}


def test_auditor_plans_an_audit_which_gets_the_next_number(client_as, auditor, records):
    programme = AuditProgramme.objects.get(year=YEAR)
    client = client_as(auditor)
    form = client.get(reverse("audits:audit_create"), {"year": YEAR}).context["form"]
    # The auditor planning it leads it unless they choose otherwise.
    assert form.initial["lead_auditor"] == auditor
    response = client.post(
        reverse("audits:audit_create"),
        plan(
            programme=programme.pk,
            lead_auditor=auditor.pk,
            team=[auditor.pk],
            processes=[records["process"]],
        ),
    )
    audit = Audit.objects.get(title="Audyt procesu wydawania zaświadczeń")
    assert response["Location"] == audit.get_absolute_url()
    assert audit.number == "AW/2026/03"
    assert audit.status == AuditStatus.PLANNED
    assert [p.pk for p in audit.processes.all()] == [records["process"]]
    # The lead is not listed again among the team.
    assert list(audit.team.all()) == []


def test_auditor_cannot_plan_an_audit_they_are_not_on(client_as, auditor, records):
    from django.contrib.auth.models import User

    lead = User.objects.get(username="lead")
    response = client_as(auditor).post(
        reverse("audits:audit_create"),
        plan(programme=AuditProgramme.objects.get().pk, lead_auditor=lead.pk),
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        gettext("Lead this audit or be on its team: otherwise you could not edit it later.")
    ]
    assert Audit.objects.count() == 2


def test_only_auditors_lead_or_join_an_audit(client_as, coordinator, owner, records):
    response = client_as(coordinator).get(reverse("audits:audit_create"))
    form = response.context["form"]
    leads = set(form.fields["lead_auditor"].queryset.values_list("username", flat=True))
    assert leads == {"auditor", "lead", "stranger"}
    assert set(form.fields["team"].queryset.values_list("username", flat=True)) == leads
    response = client_as(coordinator).post(
        reverse("audits:audit_create"),
        plan(programme=AuditProgramme.objects.get().pk, lead_auditor=owner.pk),
    )
    assert response.context["form"].errors["lead_auditor"]


def test_planning_needs_a_programme_first(client_as, coordinator):
    response = client_as(coordinator).get(reverse("audits:audit_create"))
    assert response["Location"] == reverse("audits:programme_list")
    assert gettext("Set up the year's audit programme first.") in messages_of(response)


def test_last_day_before_the_first_is_refused_with_the_constraint_message(
    client_as, auditor, records
):
    audit = Audit.objects.get(pk=records["open"])
    response = client_as(auditor).post(
        reverse("audits:audit_update", args=[audit.pk]),
        plan(
            lead_auditor=audit.lead_auditor_id,
            team=[auditor.pk],
            first_day="2026-05-13",
            last_day="2026-05-12",
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        gettext("The last day cannot be before the first day.")
    ]
    assert Audit.objects.get(pk=audit.pk).last_day == D(2026, 5, 13)


def test_audit_under_way_keeps_its_dates(client_as, auditor, records):
    audit = Audit.objects.get(pk=records["open"])
    response = client_as(auditor).post(
        reverse("audits:audit_update", args=[audit.pk]),
        plan(lead_auditor=audit.lead_auditor_id, team=[auditor.pk]),
    )
    assert response.context["form"].errors["first_day"] == [
        gettext("An audit under way needs its dates.")
    ]


def test_team_member_edits_the_plan_and_writes_the_conclusions(client_as, auditor, records):
    audit = Audit.objects.get(pk=records["open"])
    response = client_as(auditor).post(
        reverse("audits:audit_update", args=[audit.pk]),
        plan(
            lead_auditor=audit.lead_auditor_id,
            team=[auditor.pk],
            first_day="2026-05-12",
            last_day="2026-05-13",
            conclusions="System jest skuteczny.",
        ),
    )
    assert response.status_code == 302
    audit.refresh_from_db()
    assert (audit.conclusions, audit.number) == ("System jest skuteczny.", "AW/2026/01")


# The workflow and its refusals


def test_audit_starts_only_with_its_dates(client_as, auditor, records):
    audit = factories.audit(programme=AuditProgramme.objects.get(), lead_auditor=auditor)
    client = client_as(auditor)
    response = client.post(reverse("audits:audit_start", args=[audit.pk]))
    assert response["Location"] == audit.get_absolute_url()
    assert gettext("Enter the audit's dates before starting it.") in messages_of(response)
    assert Audit.objects.get(pk=audit.pk).status == AuditStatus.PLANNED
    Audit.objects.filter(pk=audit.pk).update(first_day=D(2026, 6, 1))
    client.post(reverse("audits:audit_start", args=[audit.pk]))
    assert Audit.objects.get(pk=audit.pk).status == AuditStatus.IN_PROGRESS


def test_report_is_issued_only_with_conclusions(client_as, auditor, records):
    url = url_for("audits:audit_report", {"pk": "open"}, records)
    client = client_as(auditor)
    response = client.post(url)
    assert gettext("Write the conclusions before issuing the report.") in messages_of(response)
    assert Audit.objects.get(pk=records["open"]).status == AuditStatus.IN_PROGRESS
    Audit.objects.filter(pk=records["open"]).update(conclusions="System jest skuteczny.")
    client.post(url)
    audit = Audit.objects.get(pk=records["open"])
    assert audit.status == AuditStatus.REPORTED and audit.reported_at is not None


def test_a_step_out_of_order_is_refused(client_as, auditor, records):
    response = client_as(auditor).post(url_for("audits:audit_start", {"pk": "open"}, records))
    assert gettext("Only a planned audit can be started.") in messages_of(response)
    response = client_as(auditor).post(url_for("audits:audit_close", {"pk": "open"}, records))
    assert gettext("Only a reported audit can be closed.") in messages_of(response)


@pytest.fixture
def reported(records):
    """The open audit reported, with one minor nonconformity whose action is still open."""
    audit = Audit.objects.get(pk=records["open"])
    finding = factories.finding(audit=audit, process_id=records["process"])
    factories.corrective_action(finding=finding)
    Audit.objects.filter(pk=audit.pk).update(
        status=AuditStatus.REPORTED, conclusions="Wnioski.", reported_at=timezone.now()
    )
    return audit.pk


def test_closing_with_open_nonconformities_asks_why(client_as, auditor, reported):
    client = client_as(auditor)
    page = client.get(reverse("audits:audit_detail", args=[reported]))
    assert page.context["open_nonconformities"] == 1
    assert 'name="note"' in page.content.decode()
    url = reverse("audits:audit_close", args=[reported])
    response = client.post(url, {"note": "  "})
    assert gettext(
        "Nonconformities of this audit are still open: say why the audit closes anyway."
    ) in messages_of(response)
    assert Audit.objects.get(pk=reported).status == AuditStatus.REPORTED
    client.post(url, {"note": "Działania są monitorowane w audycie AW/2027/01."})
    audit = Audit.objects.get(pk=reported)
    assert audit.status == AuditStatus.CLOSED
    assert (audit.closed_by, audit.closing_note) == (
        auditor,
        "Działania są monitorowane w audycie AW/2027/01.",
    )


def test_a_nonconformity_with_no_action_at_all_keeps_the_audit_from_closing_without_a_note(
    client_as, auditor, records
):
    audit = Audit.objects.get(pk=records["open"])
    factories.finding(audit=audit, process_id=records["process"])
    # An observation needs no action: it does not count.
    factories.finding(audit=audit, kind=FindingKind.OBSERVATION, description="Dobra praktyka.")
    Audit.objects.filter(pk=audit.pk).update(
        status=AuditStatus.REPORTED, conclusions="Wnioski.", reported_at=timezone.now()
    )
    assert not CorrectiveAction.objects.exists()
    client = client_as(auditor)
    page = client.get(audit.get_absolute_url())
    assert page.context["open_nonconformities"] == 1
    assert 'name="note"' in page.content.decode()
    url = reverse("audits:audit_close", args=[audit.pk])
    response = client.post(url)
    assert gettext(
        "Nonconformities of this audit are still open: say why the audit closes anyway."
    ) in messages_of(response)
    assert Audit.objects.get(pk=audit.pk).status == AuditStatus.REPORTED
    client.post(url, {"note": "Działanie zostanie zaplanowane w przeglądzie zarządzania."})
    audit.refresh_from_db()
    assert audit.status == AuditStatus.CLOSED
    assert audit.closing_note == "Działanie zostanie zaplanowane w przeglądzie zarządzania."


def test_closing_with_every_nonconformity_answered_needs_no_note(client_as, coordinator, reported):
    CorrectiveAction.objects.update(
        status=ActionStatus.EFFECTIVE,
        implemented_on=D(2026, 5, 20),
        verified_on=D(2026, 5, 21),
        verified_by=coordinator,
    )
    client = client_as(coordinator)
    page = client.get(reverse("audits:audit_detail", args=[reported]))
    assert 'name="note"' not in page.content.decode()
    client.post(reverse("audits:audit_close", args=[reported]))
    assert Audit.objects.get(pk=reported).status == AuditStatus.CLOSED


# The audit's page and its list


def test_audit_page_summarises_the_checklist_and_lists_findings_with_their_actions(
    client_as, owner, reported
):
    audit = Audit.objects.get(pk=reported)
    ChecklistItem.objects.bulk_create(
        ChecklistItem(audit=audit, question=f"Pytanie {n}", answer=answer)
        for n, answer in enumerate([Answer.CONFORMING, Answer.CONFORMING, Answer.NONCONFORMITY])
    )
    response = client_as(owner).get(audit.get_absolute_url())
    answers = dict(response.context["answers"])
    assert (answers[Answer.CONFORMING], answers[Answer.NONCONFORMITY]) == (2, 1)
    assert (response.context["questions"], response.context["answered"]) == (3, 3)
    assert dict(response.context["kinds"])[FindingKind.MINOR] == 1
    html = response.content.decode()
    assert reverse("audits:checklist_detail", args=[audit.pk]) in html
    finding = Finding.objects.get(audit=audit)
    assert finding.get_absolute_url() in html
    assert "Anna Wiodąca" in html


def test_audit_list_filters_by_year_and_status_newest_first(client_as, owner, records):
    factories.audit(programme=factories.programme(year=2025), title="Zeszłoroczny")
    client = client_as(owner)
    numbers = [a.number for a in client.get(reverse("audits:audit_list")).context["page_obj"]]
    assert numbers == ["AW/2026/02", "AW/2026/01", "AW/2025/01"]
    response = client.get(reverse("audits:audit_list"), {"year": "2025"})
    assert [a.number for a in response.context["page_obj"]] == ["AW/2025/01"]
    response = client.get(reverse("audits:audit_list"), {"status": "closed"})
    assert [a.pk for a in response.context["page_obj"]] == [records["closed"]]


# Query counts do not grow with rows


def bulk_audits(n, *, programme, lead, processes=(), status=AuditStatus.CLOSED):
    """n audits of `programme` at once (numbered as the service would), each of `processes`."""
    Through = Audit.processes.through
    audits = Audit.objects.bulk_create(
        Audit(
            programme=programme,
            sequence=i,
            number=f"AW/{programme.year}/{i:02d}",
            title=f"Audyt {i}",
            planned_month=i % 12 + 1,
            lead_auditor=lead,
            status=status,
            first_day=D(programme.year, i % 12 + 1, 10),
            closed_at=timezone.now() if status == AuditStatus.CLOSED else None,
        )
        for i in range(1, n + 1)
    )
    Through.objects.bulk_create(
        Through(audit_id=audit.pk, process_id=process.pk)
        for audit in audits
        for process in processes
    )
    return audits


@pytest.mark.parametrize("rows", [10, 200])
def test_audit_list_queries_do_not_grow_with_audits(
    client_as, employee, auditor, django_assert_num_queries, rows
):
    factories.organisation()
    processes = [factories.process(), factories.process()]
    bulk_audits(rows, programme=factories.programme(), lead=auditor, processes=processes)
    client = client_as(employee)
    # session, user, the user's and the groups' permissions, organisation, the years of the
    # filter, count, the page, its processes
    with django_assert_num_queries(9):
        response = client.get(reverse("audits:audit_list"))
    assert len(response.context["page_obj"]) == min(rows, 50)


@pytest.mark.parametrize("rows", [10, 200])
def test_programme_queries_do_not_grow_with_audits(
    client_as, owner, auditor, django_assert_num_queries, rows
):
    factories.organisation()
    processes = [factories.process(), factories.process()]
    bulk_audits(rows, programme=factories.programme(), lead=auditor, processes=processes)
    client = client_as(owner)
    # session, user, permissions (2), organisation, the programme, its audits, their processes
    # and units
    with django_assert_num_queries(9):
        response = client.get(reverse("audits:programme_detail", args=[YEAR]))
    assert len(response.context["audits"]) == rows


@pytest.mark.parametrize("rows", [10, 100])
def test_coverage_queries_do_not_grow_with_processes(
    client_as, owner, auditor, django_assert_num_queries, rows
):
    factories.organisation()
    processes = [factories.process() for _ in range(rows)]
    for year in (2024, 2025, 2026):
        bulk_audits(3, programme=factories.programme(year=year), lead=auditor, processes=processes)
    client = client_as(owner)
    # session, user, permissions (2), organisation, the summary's counts, the processes found
    # and a page of them, the page's audits of the cycle
    with django_assert_num_queries(9):
        response = client.get(reverse("audits:programme_coverage"), {"until": YEAR})
    assert len(response.context["rows"]) == min(rows, 50)
    with django_assert_num_queries(9):
        response = client.get(
            reverse("audits:programme_coverage"), {"until": YEAR, "state": "audited", "page": 2}
        )
    # Page 2 of 100 processes, or the last page (the only one) of 10.
    assert len(response.context["rows"]) == min(rows, 50)


def audit_with(records, *, questions, findings, actions_each=2):
    """The open audit given `questions` checklist answers and `findings` minor
    nonconformities, each with `actions_each` corrective actions."""
    audit = Audit.objects.get(pk=records["open"])
    clause = Clause.objects.get(number="8.5.1")
    answers = list(Answer)
    ChecklistItem.objects.bulk_create(
        ChecklistItem(
            audit=audit,
            order=n,
            clause=clause,
            question=f"Czy wymaganie {n} jest spełnione?",
            answer=answers[n % len(answers)],
        )
        for n in range(questions)
    )
    created = Finding.objects.bulk_create(
        Finding(
            audit=audit,
            number=n,
            kind=FindingKind.MINOR if n % 2 else FindingKind.OBSERVATION,
            clause=clause,
            process_id=records["process"],
            requirement="Pkt 8.5.1 normy ISO 9001: nadzorowanie świadczenia usługi.",
            description=f"Niezgodność {n}: wniosek rozpatrzono po terminie ustawowym.",
            evidence=f"Sprawa nr WSO.{n}.2026, rejestr spraw, rozmowa z inspektorem.",
            raised_by=audit.lead_auditor,
            raised_on=D(2026, 5, 12),
        )
        for n in range(1, findings + 1)
    )
    CorrectiveAction.objects.bulk_create(
        CorrectiveAction(
            finding=finding,
            action=f"Szkolenie pracowników z terminów załatwiania spraw ({k}).",
            responsible=audit.lead_auditor,
            due_on=D(2026, 6, 30),
        )
        for finding in created
        for k in range(actions_each)
    )
    return audit


@pytest.mark.parametrize(("questions", "findings"), [(2, 1), (60, 20)])
def test_audit_page_queries_do_not_grow_with_answers_and_findings(
    client_as, auditor, records, django_assert_num_queries, questions, findings
):
    audit = audit_with(records, questions=questions, findings=findings)
    client = client_as(auditor)
    # session, user, permissions (2), organisation, the audit, its team, processes, units, the
    # answers counted, the findings, their actions
    with django_assert_num_queries(12):
        response = client.get(audit.get_absolute_url())
    assert response.context["questions"] == questions
    assert len(response.context["findings"]) == findings


# The audit report PDF


def test_audit_report_pdf_has_the_number_on_every_page_is_polish_and_tagged(
    client_as, auditor, records
):
    audit = audit_with(records, questions=5, findings=20)
    Audit.objects.filter(pk=audit.pk).update(
        conclusions="System zarządzania jakością jest skuteczny i zgodny z wymaganiami.",
        distribution="Prezydent Miasta, Pełnomocnik ds. SZJ",
    )
    response = client_as(auditor).get(reverse("audits:audit_pdf", args=[audit.pk]))
    assert "raport-z-audytu-aw202601.pdf" in response["Content-Disposition"]
    reader, pages = pdf_pages(response)
    assert len(pages) >= 3
    assert all(audit.number in page for page in pages)
    text = " ".join(pages)
    assert "Audyt obsługi mieszkańców" in text
    assert "Niezgodność 20: wniosek rozpatrzono po terminie ustawowym." in text
    assert "Sprawa nr WSO.20.2026" in text
    assert "Szkolenie pracowników z terminów załatwiania spraw" in text
    assert "System zarządzania jakością jest skuteczny" in text
    assert "Anna Wiodąca" in text
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "pl"
    assert "/StructTreeRoot" in root


def test_employee_downloads_a_closed_audits_report(client_as, employee, records):
    response = client_as(employee).get(url_for("audits:audit_pdf", {"pk": "closed"}, records))
    _reader, pages = pdf_pages(response)
    assert all("AW/2026/02" in page for page in pages)
