"""The quality objectives (ISO 9001 6.2): the status computed from the measure's values, top
management's approval and the read-only objectives after it, the year-end evaluation, who reads
what, careless and hostile input, the yearly PDF, the list's queries and the reminders."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from qms import roles, services
from qms.models import Direction, ObjectiveStatus, QualityObjective
from qms.models.base import PROSE, RecordDeletionError
from qms.reminders import gather
from tests import factories
from tests.helpers import messages_of, pdf_text

pytestmark = pytest.mark.django_db

YEAR = 2026
SPRING = datetime.date(YEAR, 4, 30)  # two thirds of the year left
LATE = datetime.date(YEAR, 11, 30)  # less than a quarter left


@pytest.fixture
def management(make_user):
    return make_user("manager", roles.MANAGEMENT)


@pytest.fixture
def measure():
    return factories.process_measure(target=95, unit="%")


def objective_with(measure, values, **kw):
    """An objective of YEAR judged by `measure`, which gets `values` (oldest first), one a
    month from January."""
    for month, value in enumerate(values, start=1):
        factories.measure_value(
            measure=measure, period_end=datetime.date(YEAR, month, 28), value=value
        )
    return factories.quality_objective(year=YEAR, measure=measure, **kw)


def status_on(objective, on):
    """The status as the list computes it (annotated), checked against the one-off query."""
    annotated = QualityObjective.objects.with_progress().get(pk=objective.pk)
    plain = QualityObjective.objects.get(pk=objective.pk)
    assert annotated.status(on) == plain.status(on)
    return annotated.status(on)


# --- Status ------------------------------------------------------------------------------------


def test_an_objective_without_a_measure_has_no_data():
    objective = factories.quality_objective(year=YEAR)
    assert status_on(objective, SPRING) == ObjectiveStatus.NO_DATA


def test_last_years_values_do_not_count(measure):
    factories.measure_value(measure=measure, period_end=datetime.date(YEAR - 1, 12, 31), value=99)
    objective = factories.quality_objective(year=YEAR, measure=measure)
    assert status_on(objective, SPRING) == ObjectiveStatus.NO_DATA


def test_an_objective_is_met_once_its_latest_value_reaches_the_target(measure):
    objective = objective_with(measure, [90, 96], target=95)
    assert status_on(objective, SPRING) == ObjectiveStatus.MET


def test_an_objective_not_reached_by_its_deadline_is_missed(measure):
    objective = objective_with(measure, [90, 93], deadline=datetime.date(YEAR, 6, 30))
    assert status_on(objective, datetime.date(YEAR, 7, 1)) == ObjectiveStatus.MISSED


def test_an_objective_rising_towards_its_target_with_time_left_is_on_track(measure):
    objective = objective_with(measure, [90, 93])
    assert status_on(objective, SPRING) == ObjectiveStatus.ON_TRACK


def test_an_objective_is_at_risk_when_little_time_is_left(measure):
    objective = objective_with(measure, [90, 93])
    assert status_on(objective, LATE) == ObjectiveStatus.AT_RISK


def test_an_objective_is_at_risk_when_its_value_moves_away_from_the_target(measure):
    objective = objective_with(measure, [93, 90])
    assert status_on(objective, SPRING) == ObjectiveStatus.AT_RISK


@pytest.mark.parametrize(
    ("values", "on", "expected"),
    [
        ([20, 14], SPRING, ObjectiveStatus.MET),  # at most 14 days: 14 is met
        ([20, 17], SPRING, ObjectiveStatus.ON_TRACK),  # falling towards it
        ([17, 20], SPRING, ObjectiveStatus.AT_RISK),  # rising: away from it
        ([20, 17], LATE, ObjectiveStatus.AT_RISK),
        ([20, 17], datetime.date(YEAR + 1, 1, 1), ObjectiveStatus.MISSED),
    ],
)
def test_a_lower_is_better_objective(values, on, expected):
    days = factories.process_measure(target=14, unit="dni", direction=Direction.AT_MOST)
    objective = objective_with(days, values, target=14, unit="dni", direction=Direction.AT_MOST)
    assert status_on(objective, on) == expected


def test_values_after_the_deadline_do_not_count(measure):
    objective = objective_with(measure, [90], deadline=datetime.date(YEAR, 3, 31))
    factories.measure_value(measure=measure, period_end=datetime.date(YEAR, 5, 31), value=99)
    assert status_on(objective, SPRING) == ObjectiveStatus.MISSED


# --- Approval and evaluation -------------------------------------------------------------------


def approve_url(year=YEAR):
    return reverse("intranet:objectives_approve", args=[year])


def test_management_approves_every_draft_of_the_year(client_as, management):
    first = factories.quality_objective(year=YEAR)
    second = factories.quality_objective(year=YEAR)
    other_year = factories.quality_objective(year=YEAR + 1)
    response = client_as(management).post(approve_url())
    assert response.status_code == 302
    for objective in (first, second):
        objective.refresh_from_db()
        assert objective.is_approved
        assert objective.approved_by == management
        assert objective.history.first().history_user == management
    other_year.refresh_from_db()
    assert not other_year.is_approved


def test_approving_twice_is_refused(client_as, management):
    objective = factories.quality_objective(year=YEAR)
    client_as(management).post(approve_url())
    approved_at = QualityObjective.objects.get(pk=objective.pk).approved_at
    response = client_as(management).post(approve_url())
    assert response.status_code == 302
    assert _("There is no draft objective for %(year)s to approve.") % {"year": YEAR} in (
        messages_of(response)
    )
    assert QualityObjective.objects.get(pk=objective.pk).approved_at == approved_at


def test_only_management_approves(client_as, coordinator, auditor, owner, employee):
    objective = factories.quality_objective(year=YEAR)
    anonymous = client_as(None).post(approve_url())
    assert anonymous.status_code == 302
    assert reverse("login") in anonymous["Location"]
    for user in (coordinator, auditor, owner, employee):
        assert client_as(user).post(approve_url()).status_code == 403
    with pytest.raises(ValidationError):
        services.objectives_approve(year=YEAR, user=coordinator)
    objective.refresh_from_db()
    assert not objective.is_approved


def test_approval_is_a_post(client_as, management):
    factories.quality_objective(year=YEAR)
    assert client_as(management).get(approve_url()).status_code == 405


def approved(objective, by):
    services.objectives_approve(year=objective.year, user=by)
    objective.refresh_from_db()
    return objective


def test_an_approved_objective_is_read_only(client_as, coordinator, management):
    objective = approved(factories.quality_objective(year=YEAR), management)
    objective.title = "Inny cel"
    with pytest.raises(ValidationError):
        objective.save()
    url = reverse("intranet:objective_update", args=[objective.pk])
    client = client_as(coordinator)
    assert client.get(url).status_code == 302
    response = client.post(url, {"title": "Inny cel"})
    assert response.status_code == 302
    assert (
        QualityObjective.objects.get(pk=objective.pk).title == "Skrócenie czasu załatwiania spraw"
    )


def test_objectives_are_never_deleted():
    objective = factories.quality_objective(year=YEAR)
    with pytest.raises(RecordDeletionError):
        objective.delete()
    with pytest.raises(RecordDeletionError):
        QualityObjective.objects.all().delete()


def evaluation(**kw):
    return {
        "achieved": "partly",
        "evaluation": "Cel osiągnięty w 90 %; zabrakło szkoleń w IV kwartale.",
        "evaluated_on": f"{YEAR}-12-31",
        "submission": str(uuid.uuid4()),
        **kw,
    }


def test_the_coordinator_evaluates_an_approved_objective(client_as, coordinator, management):
    objective = approved(factories.quality_objective(year=YEAR), management)
    url = reverse("intranet:objective_evaluate", args=[objective.pk])
    response = client_as(coordinator).post(url, evaluation())
    assert response.status_code == 302
    objective.refresh_from_db()
    assert objective.achieved == "partly"
    assert objective.evaluated_by == coordinator
    assert objective.evaluated_on == datetime.date(YEAR, 12, 31)
    assert objective.history.first().history_user == coordinator


def test_a_draft_is_not_evaluated(client_as, coordinator):
    objective = factories.quality_objective(year=YEAR)
    url = reverse("intranet:objective_evaluate", args=[objective.pk])
    assert client_as(coordinator).post(url, evaluation()).status_code == 302
    objective.refresh_from_db()
    assert not objective.is_evaluated
    with pytest.raises(ValidationError):
        services.objective_evaluate(objective=objective, user=coordinator)


@pytest.mark.parametrize(
    "changes",
    [
        {"achieved": ""},
        {"achieved": "maybe"},
        {"evaluation": ""},
        {"evaluation": "x" * (PROSE + 1)},
        {"evaluated_on": "0001-01-01"},
        {"evaluated_on": "not a date"},
    ],
)
def test_a_careless_evaluation_is_refused(client_as, coordinator, management, changes):
    objective = approved(factories.quality_objective(year=YEAR), management)
    url = reverse("intranet:objective_evaluate", args=[objective.pk])
    response = client_as(coordinator).post(url, evaluation(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors
    objective.refresh_from_db()
    assert not objective.is_evaluated


def test_the_management_and_staff_do_not_evaluate(client_as, management, owner, employee):
    objective = approved(factories.quality_objective(year=YEAR), management)
    url = reverse("intranet:objective_evaluate", args=[objective.pk])
    for user in (management, owner, employee):
        assert client_as(user).post(url, evaluation()).status_code == 403
    objective.refresh_from_db()
    assert not objective.is_evaluated


# --- Who reads what ----------------------------------------------------------------------------


def list_url(year=YEAR):
    return reverse("intranet:objective_year", args=[year])


def test_the_objective_list_ladder(
    client_as, make_user, coordinator, auditor, owner, employee, management
):
    approved_one = approved(
        factories.quality_objective(year=YEAR, title="Cel zatwierdzony"), management
    )
    factories.quality_objective(year=YEAR, title="Cel w projekcie")
    anonymous = client_as(None).get(list_url())
    assert anonymous.status_code == 302
    assert reverse("login") in anonymous["Location"]
    assert client_as(make_user("nobody")).get(list_url()).status_code == 403
    assert client_as(make_user("desk", roles.SURVEY_CLERK)).get(list_url()).status_code == 403
    for user in (employee, owner, auditor):
        page = client_as(user).get(list_url()).content.decode()
        assert approved_one.title in page
        assert "Cel w projekcie" not in page, user
    for user in (coordinator, management):
        page = client_as(user).get(list_url()).content.decode()
        assert approved_one.title in page
        assert "Cel w projekcie" in page, user


def test_only_management_is_offered_the_approval(client_as, coordinator, management):
    factories.quality_objective(year=YEAR)
    assert approve_url() in client_as(management).get(list_url()).content.decode()
    assert approve_url() not in client_as(coordinator).get(list_url()).content.decode()


def test_the_current_year_is_the_default(client_as, coordinator, travel):
    travel(datetime.date(YEAR, 5, 5))
    response = client_as(coordinator).get(reverse("intranet:objective_list"))
    assert response.context["year"] == YEAR


@pytest.mark.parametrize("year", [0, 1999, 2101, 99999999999])
def test_a_year_out_of_bounds_is_not_a_page(client_as, coordinator, year):
    assert client_as(coordinator).get(f"/intranet/objectives/{year}/").status_code == 404
    assert client_as(coordinator).get(f"/intranet/objectives/{year}/pdf/").status_code == 404


def test_only_the_coordinator_writes_objectives(client_as, management, auditor, owner, employee):
    url = reverse("intranet:objective_create")
    for user in (management, auditor, owner, employee):
        assert client_as(user).get(url).status_code == 403
        assert client_as(user).post(url, {}).status_code == 403
    assert not QualityObjective.objects.exists()


# --- The form: careless and hostile input ------------------------------------------------------


def objective_data(**kw):
    return {
        "year": str(YEAR),
        "title": "Wzrost udziału e-usług",
        "plan": "Nowe formularze na ePUAP; szkolenia dla mieszkańców.",
        "direction": "gte",
        "target": "40",
        "unit": "%",
        "baseline": "31.5",
        "responsible": str(kw.pop("responsible").pk),
        "resources": "Budżet informatyczny.",
        "deadline": f"{YEAR}-12-31",
        "evaluation_method": "Udział spraw wszczętych elektronicznie w IV kwartale.",
        "submission": str(uuid.uuid4()),
        **kw,
    }


def test_the_coordinator_drafts_an_objective_with_its_measure(client_as, coordinator, measure):
    response = client_as(coordinator).post(
        reverse("intranet:objective_create"),
        objective_data(responsible=coordinator, measure=str(measure.pk)),
    )
    assert response.status_code == 302
    objective = QualityObjective.objects.get()
    assert objective.measure == measure
    assert not objective.is_approved
    assert objective.history.first().history_user == coordinator


def test_a_double_submit_makes_one_objective(client_as, coordinator):
    client = client_as(coordinator)
    data = objective_data(responsible=coordinator)
    first = client.post(reverse("intranet:objective_create"), data)
    second = client.post(reverse("intranet:objective_create"), data)
    assert first.status_code == second.status_code == 302
    assert QualityObjective.objects.count() == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "x" * 201},
        {"plan": "x" * (PROSE + 1)},
        {"resources": "x" * 1001},
        {"evaluation_method": ""},
        {"year": "1999"},
        {"year": "2101"},
        {"year": "-5"},
        {"year": "99999999999999999999"},
        {"deadline": f"{YEAR - 1}-12-31"},
        {"deadline": f"{YEAR + 1}-04-01"},
        {"deadline": "9999-12-31"},
        {"deadline": "2026-02-30"},
        {"target": "NaN"},
        {"target": "1e400"},
        {"target": "12345678901234"},
        {"direction": "≥"},
        {"measure": "999999"},
        {"measure": "'; DROP TABLE qms_processmeasure; --"},
        {"responsible": "0"},
    ],
)
def test_careless_and_hostile_input_is_refused(client_as, coordinator, changes):
    data = objective_data(responsible=coordinator)
    data.update(changes)
    response = client_as(coordinator).post(reverse("intranet:objective_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not QualityObjective.objects.exists()


def test_a_deadline_in_the_first_quarter_after_the_year_is_taken(client_as, coordinator):
    data = objective_data(responsible=coordinator, deadline=f"{YEAR + 1}-03-31")
    assert (
        client_as(coordinator).post(reverse("intranet:objective_create"), data).status_code == 302
    )


def test_the_database_holds_the_deadline_to_the_year():
    from django.db import IntegrityError, transaction

    objective = factories.quality_objective(year=YEAR)
    with pytest.raises(IntegrityError), transaction.atomic():
        QualityObjective.objects.filter(pk=objective.pk).update(deadline=datetime.date(2030, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        QualityObjective.objects.filter(pk=objective.pk).update(year=3000)


# --- The PDF -----------------------------------------------------------------------------------


def test_the_yearly_pdf_has_every_objective_in_polish(client_as, coordinator, management, measure):
    factories.organisation()
    objective_with(measure, [90, 93], title="Skrócenie czasu załatwiania spraw")
    factories.quality_objective(year=YEAR, title="Wskaźnik zadowolenia mieszkańców ≥ 80 %")
    services.objectives_approve(year=YEAR, user=management)
    response = client_as(coordinator).get(reverse("intranet:objective_pdf", args=[YEAR]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'cele-jakosciowe-{YEAR}.pdf"')
    text = pdf_text(response)
    assert _("Quality objectives %(year)s") % {"year": YEAR} in text
    assert _("Progress towards the targets") in text
    assert "Skrócenie czasu załatwiania spraw" in text
    assert "Wskaźnik zadowolenia mieszkańców" in text
    assert _("How the results are evaluated") in text


# --- Queries -----------------------------------------------------------------------------------


# The list: the page and its count, the measures' processes, the year's counts, the people of the
# responsible filter. The PDF reads every objective in one query.
QUERY_BUDGET = {"list": 10, "pdf": 8}


@pytest.mark.parametrize("rows", [3, 60])
def test_the_list_and_pdf_queries_do_not_grow_with_the_objectives(
    client_as, coordinator, django_assert_max_num_queries, rows, settings
):
    settings.DEBUG = True  # the PDF's HTML preview: the queries, without typesetting
    for n in range(rows):
        measure = factories.process_measure(target=90)
        factories.measure_value(measure=measure, period_end=datetime.date(YEAR, 3, 31), value=80)
        factories.measure_value(measure=measure, period_end=datetime.date(YEAR, 6, 30), value=85)
        factories.quality_objective(year=YEAR, title=f"Cel {n}", measure=measure)
    client = client_as(coordinator)
    with django_assert_max_num_queries(QUERY_BUDGET["list"]):
        assert client.get(list_url()).status_code == 200
    with django_assert_max_num_queries(QUERY_BUDGET["list"]):
        assert client.get(list_url() + "?page=2&q=cel").status_code == 200
    with django_assert_max_num_queries(QUERY_BUDGET["pdf"]):
        url = reverse("intranet:objective_pdf", args=[YEAR]) + "?html=1"
        assert client.get(url).status_code == 200


def many_objectives(n, **kw):
    """`n` draft objectives of YEAR at once (no history rows: enough for a list)."""
    responsible = kw.pop("responsible", None) or factories.staff_user()
    return QualityObjective.objects.bulk_create(
        QualityObjective(
            **{
                "year": YEAR,
                "title": f"Cel {i:03}",
                "plan": "Plan.",
                "target": 95,
                "deadline": datetime.date(YEAR, 12, 31),
                "evaluation_method": "Odczyt miernika.",
                "responsible": responsible,
                **kw,
            }
        )
        for i in range(n)
    )


def test_the_list_pages_fifty_and_counts_the_drafts_of_the_whole_year(
    client_as, management, measure
):
    factories.measure_value(measure=measure, period_end=datetime.date(YEAR, 3, 31), value=80)
    many_objectives(55, measure=measure)
    client = client_as(management)
    first = client.get(list_url())
    assert len(first.context["page_obj"]) == 50
    assert first.context["drafts"] == 55
    assert len(first.context["chart"]["rows"]) == 50  # the chart shows the page's objectives
    second = client.get(list_url() + "?page=2")
    assert [o.title for o in second.context["page_obj"]] == [f"Cel {i:03}" for i in range(50, 55)]
    assert second.context["drafts"] == 55
    assert len(second.context["chart"]["rows"]) == 5
    assert approve_url() in second.text
    # A filter narrows the list, not the drafts waiting for approval.
    assert client.get(list_url() + "?q=cel+054").context["drafts"] == 55


def test_the_list_filters_by_words_process_responsible_and_status(client_as, coordinator):
    met_measure = factories.process_measure(target=90)
    factories.measure_value(measure=met_measure, period_end=datetime.date(YEAR, 3, 31), value=95)
    owner = factories.staff_user(first_name="Anna", last_name="Nowak")
    met = factories.quality_objective(
        year=YEAR, title="Krótsza kolejka", measure=met_measure, target=90, responsible=owner
    )
    no_data = factories.quality_objective(year=YEAR, title="Nowy portal")
    client = client_as(coordinator)

    def titles(query):
        return {o.title for o in client.get(list_url() + query).context["page_obj"]}

    assert titles("?q=kolejka") == {met.title}
    assert titles(f"?process={met_measure.process.code.lower()}") == {met.title}
    assert titles(f"?responsible={owner.pk}") == {met.title}
    assert "Anna Nowak" in client.get(list_url()).text  # the person offered by name
    assert titles("?status=met") == {met.title}
    assert titles("?status=no_data") == {no_data.title}
    assert titles("?status=missed") == set()


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=99999",
        "?page=-1",
        "?status=nonsense",
        "?responsible=abc",
        "?responsible=999999",
        "?process=%00",
        "?process=" + "P" * 50,
        "?q=" + "x" * 5000,
    ],
)
def test_careless_addresses_give_the_list(client_as, coordinator, query):
    factories.quality_objective(year=YEAR, title="Cel jedyny")
    response = client_as(coordinator).get(list_url() + query)
    assert response.status_code == 200
    assert [o.title for o in response.context["page_obj"]] == ["Cel jedyny"]


# --- Reminders ---------------------------------------------------------------------------------


def test_overdue_objectives_not_met_are_reminded_to_the_responsible(owner, management, measure):
    missed = objective_with(measure, [80], responsible=owner, deadline=datetime.date(YEAR, 6, 30))
    met_measure = factories.process_measure(target=10)
    met = objective_with(met_measure, [12], target=10, deadline=datetime.date(YEAR, 6, 30))
    no_data = factories.quality_objective(year=YEAR, deadline=datetime.date(YEAR, 6, 30))
    evaluated = factories.quality_objective(year=YEAR, deadline=datetime.date(YEAR, 6, 30))
    later = factories.quality_objective(year=YEAR, deadline=datetime.date(YEAR, 12, 31))
    services.objectives_approve(year=YEAR, user=management)
    evaluated.refresh_from_db()
    evaluated.achieved, evaluated.evaluation = "no", "Nie osiągnięto."
    services.objective_evaluate(objective=evaluated, user=management)
    draft = factories.quality_objective(year=YEAR, deadline=datetime.date(YEAR, 6, 30))

    items = {
        item.key: item
        for item in gather(datetime.date(YEAR, 7, 1))
        if item.key.startswith("objective-")
    }
    assert set(items) == {f"objective-overdue:{missed.pk}", f"objective-overdue:{no_data.pk}"}
    assert items[f"objective-overdue:{missed.pk}"].user == owner
    assert not {met.pk, evaluated.pk, later.pk, draft.pk} & {
        int(key.split(":")[1]) for key in items
    }


def test_the_responsibles_home_lists_their_objectives_past_deadline_and_not_met(
    client_as, owner, management, measure, travel, django_assert_max_num_queries
):
    missed = objective_with(measure, [80], responsible=owner, deadline=datetime.date(YEAR, 6, 30))
    met_measure = factories.process_measure(target=10)
    met = objective_with(
        met_measure, [12], target=10, responsible=owner, deadline=datetime.date(YEAR, 6, 30)
    )
    services.objectives_approve(year=YEAR, user=management)
    travel(datetime.date(YEAR, 7, 1))
    client = client_as(owner)
    page = client.get(reverse("intranet:home")).content.decode()
    assert 'id="objectives-overdue-heading"' in page
    assert missed.get_absolute_url() in page
    assert met.get_absolute_url() not in page
    # Nobody else's home shows them, and it costs them no query.
    other = client_as(management).get(reverse("intranet:home")).content.decode()
    assert 'id="objectives-overdue-heading"' not in other


# --- The demo ----------------------------------------------------------------------------------


def test_the_demo_has_this_years_objectives_approved_in_every_status_and_last_years_evaluated(
    travel,
):
    from tests.conftest import load_demo

    day = datetime.date(YEAR, 11, 27)
    travel(day)
    load_demo()
    this_year = list(QualityObjective.objects.of_year(YEAR).with_progress())
    assert len(this_year) == 6
    assert all(o.is_approved and o.approved_by.username == "manager" for o in this_year)
    assert {o.status(day) for o in this_year} == set(ObjectiveStatus)
    last_year = QualityObjective.objects.of_year(YEAR - 1)
    assert last_year.count() == 3
    assert all(o.is_approved and o.is_evaluated for o in last_year)
    load_demo()  # again: nothing added, nothing approved twice
    assert QualityObjective.objects.count() == 9


def test_the_process_card_links_the_objectives_its_measures_judge(
    client_as, employee, coordinator, management, measure
):
    approved_one = approved(
        factories.quality_objective(year=YEAR - 1, measure=measure, title="Cel zeszłoroczny"),
        management,
    )
    factories.quality_objective(year=YEAR, measure=measure, title="Cel w projekcie")
    url = measure.process.get_absolute_url()
    page = client_as(employee).get(url).content.decode()
    assert approved_one.get_absolute_url() in page
    assert "Cel w projekcie" not in page
    assert "Cel w projekcie" in client_as(coordinator).get(url).content.decode()
