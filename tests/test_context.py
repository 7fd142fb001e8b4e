"""The context of the organisation (ISO 9001 4.1–4.3): the register of issues and interested
parties, their yearly review, the climate statement, the scope and its exclusions."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from qms import roles, services
from qms.models import (
    NOTE,
    ContextIssue,
    InterestedParty,
    Organisation,
    RecordDeletionError,
    ScopeExclusion,
    today,
)
from qms.models.context import REVIEW_INTERVAL
from tests import factories
from tests.helpers import messages_of, pdf_text

pytestmark = pytest.mark.django_db

REGISTER = reverse("intranet:context_register")


@pytest.fixture
def management(make_user):
    return make_user("manager", roles.MANAGEMENT)


def issue_data(**kw):
    return {
        "kind": "internal",
        "category": "organisational",
        "description": "Odejścia pracowników na emeryturę.",
        "response": "Planujemy następstwo stanowisk.",
        "submission": uuid.uuid4(),
        **kw,
    }


# The permission ladder


@pytest.mark.parametrize("name", ["intranet:context_register", "intranet:context_pdf"])
def test_anonymous_visitor_is_sent_to_login(client_as, name):
    response = client_as(None).get(reverse(name))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["employee", "owner"])
def test_employee_and_owner_cannot_read_or_edit_the_context(client_as, request, who):
    client = client_as(request.getfixturevalue(who))
    issue = factories.context_issue()
    assert client.get(REGISTER).status_code == 403
    assert client.get(reverse("intranet:contextissue_create")).status_code == 403
    response = client.post(reverse("intranet:contextissue_update", args=[issue.pk]), issue_data())
    assert response.status_code == 403
    response = client.post(reverse("intranet:contextissue_review", args=[issue.pk]))
    assert response.status_code == 403
    issue.refresh_from_db()
    assert issue.description.startswith("Zmiany przepisów")


@pytest.mark.parametrize("who", ["auditor", "management"])
def test_auditor_and_management_read_but_do_not_edit(client_as, request, who):
    factories.organisation()
    party = factories.interested_party(reviewed_on=datetime.date(2020, 1, 1))
    client = client_as(request.getfixturevalue(who))
    response = client.get(REGISTER)
    assert response.status_code == 200
    assert party.name in response.text
    assert reverse("intranet:interestedparty_review", args=[party.pk]) not in response.text
    response = client.post(reverse("intranet:interestedparty_review", args=[party.pk]))
    assert response.status_code == 403
    party.refresh_from_db()
    assert party.reviewed_on == datetime.date(2020, 1, 1)
    assert client.get(reverse("intranet:context_scope_update")).status_code == 403


def test_coordinator_adds_an_issue_reviewed_on_the_day(client_as, coordinator):
    factories.organisation()
    process = factories.process()
    response = client_as(coordinator).post(
        reverse("intranet:contextissue_create"), issue_data(process=process.pk)
    )
    assert response.status_code == 302
    issue = ContextIssue.objects.get()
    assert (issue.kind, issue.process, issue.reviewed_on, issue.reviewed_by) == (
        "internal",
        process,
        today(),
        coordinator,
    )
    assert issue.history.get().history_user == coordinator


def test_coordinator_archives_a_party_and_it_leaves_the_register(client_as, coordinator):
    factories.organisation()
    party = factories.interested_party(name="Najwyższa Izba Kontroli")
    client = client_as(coordinator)
    response = client.post(
        reverse("intranet:interestedparty_update", args=[party.pk]),
        {"name": party.name, "requirements": party.requirements, "submission": uuid.uuid4()},
    )
    assert response.status_code == 302
    party.refresh_from_db()
    assert not party.is_active
    page = client.get(REGISTER).text
    # Listed among the archived, with no review to record.
    assert party.name in page
    assert reverse("intranet:interestedparty_review", args=[party.pk]) not in page
    assert InterestedParty.objects.review_due().count() == 0


def test_quality_records_of_the_context_are_not_deleted():
    issue = factories.context_issue()
    with pytest.raises(RecordDeletionError):
        issue.delete()
    with pytest.raises(RecordDeletionError):
        InterestedParty.objects.all().delete()


# The yearly review


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("intranet:contextissue_review", factories.context_issue),
        ("intranet:interestedparty_review", factories.interested_party),
    ],
)
def test_review_records_the_day_the_user_and_a_history_row(client_as, coordinator, name, make):
    record = make(reviewed_on=datetime.date(2024, 3, 1))
    response = client_as(coordinator).post(reverse(name, args=[record.pk]))
    assert response.status_code == 302
    assert response["Location"] == REGISTER
    record.refresh_from_db()
    assert (record.reviewed_on, record.reviewed_by) == (today(), coordinator)
    latest = record.history.first()
    assert latest.history_user == coordinator
    assert latest.reviewed_on == today()


def test_review_is_post_only(client_as, coordinator):
    issue = factories.context_issue()
    response = client_as(coordinator).get(reverse("intranet:contextissue_review", args=[issue.pk]))
    assert response.status_code == 405


def test_an_archived_entry_is_not_reviewed(client_as, coordinator):
    issue = factories.context_issue(is_active=False, reviewed_on=datetime.date(2024, 3, 1))
    response = client_as(coordinator).post(reverse("intranet:contextissue_review", args=[issue.pk]))
    assert response.status_code == 302
    assert messages_of(response)
    issue.refresh_from_db()
    assert issue.reviewed_on == datetime.date(2024, 3, 1)


def test_review_of_a_missing_entry_is_404(client_as, coordinator):
    response = client_as(coordinator).post(reverse("intranet:contextissue_review", args=[999]))
    assert response.status_code == 404


def test_review_falls_due_a_year_after_the_last_one():
    on = today()
    fresh = factories.context_issue(reviewed_on=on - REVIEW_INTERVAL)
    stale = factories.context_issue(reviewed_on=on - REVIEW_INTERVAL - datetime.timedelta(days=1))
    never = factories.context_issue(reviewed_on=None)
    factories.context_issue(reviewed_on=None, is_active=False)
    party = factories.interested_party(reviewed_on=datetime.date(2020, 1, 1))
    assert set(ContextIssue.objects.review_due()) == {stale, never}
    assert list(InterestedParty.objects.review_due()) == [party]
    assert not fresh.is_review_due and stale.is_review_due and never.is_review_due


def test_register_flags_entries_due_for_review(client_as, coordinator):
    factories.organisation()
    factories.context_issue(description="Stara sprawa", reviewed_on=datetime.date(2020, 1, 1))
    factories.context_issue(description="Świeża sprawa")
    page = client_as(coordinator).get(REGISTER).text
    assert page.count('class="badge text-bg-warning"') == 1


def test_home_counts_the_entries_due_for_review_for_their_readers(
    client_as, coordinator, management, employee
):
    factories.organisation()
    factories.context_issue(reviewed_on=datetime.date(2020, 1, 1))
    factories.interested_party(reviewed_on=None)
    factories.interested_party()
    for user in (coordinator, management):
        assert client_as(user).get(reverse("intranet:home")).context["context_reviews_due"] == 2
    assert "context_reviews_due" not in client_as(employee).get(reverse("intranet:home")).context


def test_service_reviews_an_entry_never_reviewed(coordinator):
    party = factories.interested_party(reviewed_on=None)
    services.context_review(record=party, user=coordinator)
    party.refresh_from_db()
    assert party.reviewed_by == coordinator


# The climate statement and the scope


def test_coordinator_states_climate_change_with_its_reasoning(client_as, coordinator):
    factories.organisation()
    url = reverse("intranet:context_scope_update")
    client = client_as(coordinator)
    response = client.post(
        url,
        {
            "qms_scope": "Zadania gminy i powiatu.",
            "climate_change_relevant": "yes",
            "climate_change_reasoning": "Fale upałów i podtopienia.",
            "submission": uuid.uuid4(),
        },
    )
    assert response.status_code == 302
    organisation = Organisation.load()
    assert organisation.climate_change_relevant is True
    assert organisation.qms_scope == "Zadania gminy i powiatu."
    # Once stated, "not stated yet" is no longer offered, nor taken.
    response = client.post(
        url,
        {"qms_scope": "x", "climate_change_relevant": "", "submission": uuid.uuid4()},
    )
    assert response.status_code == 200
    assert Organisation.load().climate_change_relevant is True


def test_a_climate_statement_needs_its_reasoning(client_as, coordinator):
    factories.organisation()
    response = client_as(coordinator).post(
        reverse("intranet:context_scope_update"),
        {
            "climate_change_relevant": "no",
            "climate_change_reasoning": " ",
            "submission": uuid.uuid4(),
        },
    )
    assert response.status_code == 200
    assert Organisation.load().climate_change_relevant is None


def test_database_refuses_a_climate_statement_without_reasoning():
    factories.organisation()
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=1).update(climate_change_relevant=True)


def test_scope_page_without_an_organisation_leads_to_its_form(client_as, coordinator):
    response = client_as(coordinator).get(reverse("intranet:context_scope_update"))
    assert response.status_code == 302
    assert response["Location"] == reverse("intranet:organisation_update")


def test_an_excluded_clause_is_unique(client_as, coordinator):
    factories.scope_exclusion(clause="8.3")
    response = client_as(coordinator).post(
        reverse("intranet:scopeexclusion_create"),
        {"clause": " 8.3 ", "justification": "Znowu.", "submission": uuid.uuid4()},
    )
    assert response.status_code == 200
    assert ScopeExclusion.objects.count() == 1


# Hostile and careless input


def test_overlong_and_missing_text_is_refused_with_the_form(client_as, coordinator):
    client = client_as(coordinator)
    url = reverse("intranet:contextissue_create")
    for data in [
        issue_data(description="x" * (NOTE + 1)),
        issue_data(description=""),
        issue_data(kind="sideways"),
        issue_data(category="<script>"),
        issue_data(process="not-a-number"),
        {"submission": "garbage"},
    ]:
        response = client.post(url, data)
        assert response.status_code == 200
    response = client.post(
        reverse("intranet:interestedparty_create"),
        {"name": "x" * 201, "requirements": "", "submission": uuid.uuid4()},
    )
    assert response.status_code == 200
    assert not ContextIssue.objects.exists()
    assert not InterestedParty.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"qms_scope": "x" * 2001},
        {"climate_change_relevant": "maybe", "climate_change_reasoning": "Bo tak."},
        {"climate_change_relevant": "yes", "climate_change_reasoning": "x" * 2001},
    ],
)
def test_careless_scope_and_climate_input_is_refused_with_the_form(client_as, coordinator, data):
    factories.organisation()
    response = client_as(coordinator).post(
        reverse("intranet:context_scope_update"), {**data, "submission": uuid.uuid4()}
    )
    assert response.status_code == 200
    organisation = Organisation.load()
    assert (organisation.qms_scope, organisation.climate_change_relevant) == ("", None)


def test_database_refuses_an_unknown_kind_and_an_overlong_text():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContextIssue.objects.create(kind="sideways", category="social", description="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        ContextIssue.objects.create(kind="internal", category="social", description="x" * 1001)


def test_the_same_form_sent_twice_saves_one_issue(client_as, coordinator):
    client = client_as(coordinator)
    data = issue_data()
    first = client.post(reverse("intranet:contextissue_create"), data)
    second = client.post(reverse("intranet:contextissue_create"), data)
    assert first.status_code == second.status_code == 302
    assert ContextIssue.objects.count() == 1


# The PDF


def test_context_pdf_has_its_headings_and_polish_text(client_as, management):
    factories.organisation(
        climate_change_relevant=True,
        climate_change_reasoning="Fale upałów, ryzyko powodzi i koszty energii.",
        qms_scope="Zadania własne gminy i zlecone.",
    )
    factories.context_issue(kind="internal", description="Odejścia pracowników na emeryturę")
    factories.context_issue(kind="external", description="Zmiany ustawy o opłatach lokalnych")
    factories.interested_party(name="Regionalna Izba Obrachunkowa")
    factories.scope_exclusion(clause="8.3", title="Projektowanie i rozwój")
    response = client_as(management).get(reverse("intranet:context_pdf"))
    assert 'filename="kontekst-organizacji.pdf"' in response["Content-Disposition"]
    text = pdf_text(response)
    # The headings in the site's language, Polish ("Kontekst organizacji") once translated.
    with translation.override("pl"):
        headings = [
            gettext(heading)
            for heading in [
                "Context of the organisation",
                "Internal issues",
                "External issues",
                "Interested parties",
                "Climate change",
                "Scope of the quality management system",
                "Requirements not applicable",
            ]
        ]
    for expected in [
        *headings,
        "Odejścia pracowników na emeryturę",
        "Zmiany ustawy o opłatach lokalnych",
        "Regionalna Izba Obrachunkowa",
        "Fale upałów, ryzyko powodzi i koszty energii.",
        "Zadania własne gminy i zlecone.",
        "8.3 Projektowanie i rozwój",
    ]:
        assert expected in text


# Query counts


# A page of the register: its count and keys, its issues (and their processes) and parties, the
# counts of each part, the two tallies of the whole register, the exclusions, the organisation.
# The PDF reads each table whole.
QUERY_BUDGET = {"intranet:context_register": 15, "intranet:context_pdf": 12}


@pytest.mark.parametrize("rows", [3, 60])
@pytest.mark.parametrize("name", ["intranet:context_register", "intranet:context_pdf"])
def test_register_queries_do_not_grow_with_entries(
    client_as, coordinator, django_assert_max_num_queries, monkeypatch, name, rows
):
    from qms import pdf

    monkeypatch.setattr(pdf, "html_to_pdf", lambda html, base_url: b"%PDF-1.7 (not rendered)")
    factories.organisation()
    process = factories.process()
    for i in range(rows):
        factories.context_issue(
            kind="internal" if i % 2 else "external",
            process=process,
            reviewed_by=coordinator,
            is_active=bool(i % 5),
        )
        factories.interested_party(reviewed_by=coordinator, is_active=bool(i % 5))
        factories.scope_exclusion(is_active=bool(i % 3))
    client = client_as(coordinator)
    with django_assert_max_num_queries(QUERY_BUDGET[name]):
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_a_filtered_second_page_keeps_the_budget(
    client_as, coordinator, django_assert_max_num_queries
):
    many_issues(55, kind="internal", reviewed_on=None)
    factories.interested_party()
    client = client_as(coordinator)
    with django_assert_max_num_queries(QUERY_BUDGET["intranet:context_register"]):
        response = client.get(REGISTER + "?q=sprawa&review_due=on&page=2")
    assert len(response.context["internal_issues"]) == 5


# Filters and pages


def many_issues(n, **kw):
    """`n` issues at once (no history rows: enough for a list)."""
    return ContextIssue.objects.bulk_create(
        ContextIssue(
            **{
                "kind": "external",
                "category": "social",
                "description": f"Sprawa {i:03}",
                "reviewed_on": today(),
                **kw,
            }
        )
        for i in range(n)
    )


def shown(response):
    """The descriptions and names in the register's three tables, as the page shows them."""
    context = response.context
    return {
        *(str(entry) for entry in context["internal_issues"]),
        *(str(entry) for entry in context["external_issues"]),
        *(str(entry) for entry in context["parties"]),
    }


def test_the_register_pages_fifty_entries_in_its_order(client_as, coordinator):
    many_issues(55, kind="internal")
    many_issues(3, kind="external")
    party = factories.interested_party()
    client = client_as(coordinator)
    first = client.get(REGISTER)
    assert len(first.context["internal_issues"]) == 50
    assert first.context["external_issues"] == first.context["parties"] == []
    # The parts not on the page say where they are.
    assert first.context["sections"]["external"] == {"count": 3, "pages": (2, 2)}
    assert first.context["sections"]["internal"] == {"count": 55, "pages": (1, 2)}
    assert 'href="?page=2"' in first.text
    second = client.get(REGISTER + "?page=2")
    assert [issue.description for issue in second.context["internal_issues"]] == [
        f"Sprawa {i:03}" for i in range(50, 55)
    ]
    assert len(second.context["external_issues"]) == 3
    assert second.context["parties"] == [party]


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=99999",
        "?page=-1",
        "?kind=nonsense",
        "?process=" + "P" * 50,
        "?process=%00",
        "?archived=all",
        "?review_due=yes",
        "?q=" + "x" * 5000,
        "?q=%00",
    ],
)
def test_careless_addresses_give_the_register(client_as, coordinator, query):
    many_issues(3)
    factories.interested_party()
    response = client_as(coordinator).get(REGISTER + query)
    assert response.status_code == 200
    assert shown(response)  # a refused value filters nothing


def test_the_filters_select_issues_and_parties_alike(client_as, coordinator):
    process = factories.process()
    factories.context_issue(kind="internal", description="Braki kadrowe", process=process)
    factories.context_issue(kind="external", description="Nowe przepisy o kadrach")
    factories.interested_party(name="Związki zawodowe", requirements="Kadry i płace.")
    factories.interested_party(name="Mieszkańcy", requirements="Szybka obsługa.")
    client = client_as(coordinator)

    def find(query):
        return shown(client.get(REGISTER + query))

    assert find("?q=kadr") == {"Braki kadrowe", "Nowe przepisy o kadrach", "Związki zawodowe"}
    assert find("?q=kadr+przepisy") == {"Nowe przepisy o kadrach"}
    assert find("?kind=internal") == {"Braki kadrowe"}
    assert find("?kind=parties") == {"Związki zawodowe", "Mieszkańcy"}
    # A party concerns the whole office, not one process.
    assert find(f"?process={process.code.lower()}") == {"Braki kadrowe"}
    assert find("?process=X-99") == set()


def test_archived_entries_are_counted_and_listed_when_asked(client_as, coordinator):
    factories.context_issue(description="W rejestrze")
    old = factories.context_issue(description="Dawna sprawa", is_active=False, reviewed_on=None)
    factories.interested_party(name="Dawna strona", is_active=False)
    client = client_as(coordinator)
    register = client.get(REGISTER)
    assert shown(register) == {"W rejestrze"}
    assert register.context["archived"] == 2
    assert "?archived=only" in register.text
    archive = client.get(REGISTER + "?archived=only")
    assert shown(archive) == {"Dawna sprawa", "Dawna strona"}
    assert archive.context["review_due"] == 0  # an archived entry is never due
    # The service refuses to review an archived entry: no button offers it.
    assert reverse("intranet:contextissue_review", args=[old.pk]) not in archive.text
    assert len(shown(client.get(REGISTER + "?archived=included"))) == 3


def test_the_alert_counts_every_entry_due_whatever_the_page_shows(client_as, coordinator):
    many_issues(55, kind="internal", reviewed_on=None)
    factories.interested_party(reviewed_on=None)
    factories.context_issue(reviewed_on=None, is_active=False)
    client = client_as(coordinator)
    for query in ("", "?kind=parties", "?review_due=on&page=2"):
        response = client.get(REGISTER + query)
        assert response.context["review_due"] == 56
        with translation.override("pl"):
            alert = ngettext(
                "%(count)s entry has not been reviewed for more than a year.",
                "%(count)s entries have not been reviewed for more than a year.",
                56,
            )
        assert alert % {"count": 56} in response.text


def test_the_due_rule_is_the_same_in_python_and_in_sql_on_the_boundary_day():
    year_ago = today() - REVIEW_INTERVAL
    on_the_day = factories.context_issue(reviewed_on=year_ago)
    day_after = factories.context_issue(reviewed_on=year_ago - datetime.timedelta(days=1))
    party_on_the_day = factories.interested_party(reviewed_on=year_ago)
    party_day_after = factories.interested_party(reviewed_on=year_ago - datetime.timedelta(days=1))
    for model in (ContextIssue, InterestedParty):
        due = set(model.objects.review_due())
        assert due == {entry for entry in model.objects.all() if entry.is_review_due}
        assert model.objects.tally()["review_due"] == len(due) == 1
    assert not on_the_day.is_review_due and day_after.is_review_due
    assert not party_on_the_day.is_review_due and party_day_after.is_review_due


# The demo (shares the demo's records: these tests go last in the module)


def test_demo_writes_the_context_of_a_city_hall(shared_demo):
    issues = ContextIssue.objects.active()
    assert issues.filter(kind="internal").count() == 8
    assert issues.filter(kind="external").count() == 8
    assert InterestedParty.objects.active().count() == 10
    # Some entries were reviewed more than a year ago, most within it.
    due = ContextIssue.objects.review_due().count() + InterestedParty.objects.review_due().count()
    assert 0 < due < 18
    organisation = Organisation.load()
    assert organisation.climate_change_relevant is True
    assert "upał" in organisation.climate_change_reasoning
    assert organisation.qms_scope
    assert "projektuje" in ScopeExclusion.objects.get(clause="8.3").justification
