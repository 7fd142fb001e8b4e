"""The register of risks and opportunities (ISO 9001 6.1): the rating and level computed in the
database agreeing with risk_level() at every boundary, the filters, the heat map's counts, the
evaluation of a risk's actions (who may, an archived risk refused, the database's rules), the
plan on the process card, careless and hostile input, the PDF and the queries."""

import datetime
import itertools
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.urls import reverse
from django.utils.translation import gettext as _

from qms import charts, roles, services
from qms.filters import RiskFilter
from qms.models import ProcessRisk, RiskEffectiveness, RiskKind, RiskLevel, risk_level, today
from qms.models.base import NOTE
from qms.models.processes import level_expression
from tests import factories
from tests.helpers import messages_of, pdf_text

pytestmark = pytest.mark.django_db

LIST = "intranet:risk_list"
DAY = datetime.date(2026, 6, 15)


def risks_url(**params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse(LIST) + (f"?{query}" if query else "")


def listed(response):
    return [risk.pk for risk in response.context["page_obj"]]


@pytest.fixture
def process(owner):
    return factories.process(code="P-04", name="Obsługa mieszkańców", owner=owner)


@pytest.fixture
def other_owner(make_user):
    return make_user("other_owner", roles.PROCESS_OWNER)


@pytest.fixture
def management(make_user):
    return make_user("manager", roles.MANAGEMENT)


# --- Rating and level in the database ----------------------------------------------------------


def test_the_level_computed_in_the_database_agrees_with_risk_level_in_every_cell():
    process = factories.process()
    for likelihood, impact in itertools.product(range(1, 6), repeat=2):
        factories.process_risk(process=process, likelihood=likelihood, impact=impact)
    rows = ProcessRisk.objects.with_rating().values_list("likelihood", "impact", "rating", "level")
    assert len(rows) == 25
    for likelihood, impact, rating, level in rows:
        assert rating == likelihood * impact
        assert level == risk_level(rating) == risk_level(likelihood * impact)


@pytest.mark.parametrize(
    ("likelihood", "impact", "level"),
    [
        (1, 4, RiskLevel.LOW),  # 4
        (1, 5, RiskLevel.LOW),  # 5
        (2, 3, RiskLevel.MEDIUM),  # 6
        (3, 2, RiskLevel.MEDIUM),  # 6
        (2, 5, RiskLevel.MEDIUM),  # 10
        (4, 3, RiskLevel.HIGH),  # 12
        (3, 4, RiskLevel.HIGH),  # 12
        (4, 4, RiskLevel.HIGH),  # 16
        (5, 4, RiskLevel.CRITICAL),  # 20
        (4, 5, RiskLevel.CRITICAL),  # 20
        (5, 5, RiskLevel.CRITICAL),  # 25
    ],
)
def test_the_level_filter_agrees_with_risk_level_at_the_boundaries(likelihood, impact, level):
    risk = factories.process_risk(likelihood=likelihood, impact=impact)
    assert risk.level == level
    for band in RiskLevel:
        found = RiskFilter({"level": band.value}, queryset=ProcessRisk.objects.with_rating()).qs
        assert (risk in found) == (band == level), band


@pytest.mark.parametrize("rating", [5, 6, 11, 12, 19, 20])
def test_the_sql_level_agrees_with_risk_level_either_side_of_each_boundary(rating):
    """11 and 19 are no product of two ratings from 1 to 5, so no risk has them: the SQL the
    register filters with (`level_expression`) is given the number itself."""
    factories.process_risk()
    level = ProcessRisk.objects.annotate(level=level_expression(Value(rating))).values_list(
        "level", flat=True
    )
    assert level.get() == risk_level(rating)


def test_the_register_sorts_by_rating_in_the_database(client_as, employee):
    low = factories.process_risk(likelihood=1, impact=2)
    critical = factories.process_risk(likelihood=5, impact=4)
    high = factories.process_risk(likelihood=3, impact=4)
    response = client_as(employee).get(risks_url())
    assert listed(response) == [critical.pk, high.pk, low.pk]


# --- Filters -----------------------------------------------------------------------------------


def test_every_filter_selects_what_it_says(client_as, employee, process, owner, travel):
    travel(DAY)
    other = factories.process(code="P-11")
    risk = factories.process_risk(process=process, likelihood=4, impact=4, description="Kolejki")
    chance = factories.process_risk(
        process=other, kind=RiskKind.OPPORTUNITY, likelihood=2, impact=2, description="E-wizyty"
    )
    late = factories.process_risk(
        process=other, likelihood=2, impact=4, treatment_due=DAY - datetime.timedelta(days=1)
    )
    due_later = factories.process_risk(process=other, treatment_due=DAY)
    archived = factories.process_risk(process=process, is_active=False)
    services.risk_evaluate(risk, owner, RiskEffectiveness.EFFECTIVE, "Bez kolejek od marca.")
    client = client_as(employee)
    everything = {risk.pk, chance.pk, late.pk, due_later.pk}
    assert set(listed(client.get(risks_url()))) == everything
    assert set(listed(client.get(risks_url(process=process.pk)))) == {risk.pk}
    assert set(listed(client.get(risks_url(kind="opportunity")))) == {chance.pk}
    assert set(listed(client.get(risks_url(level="high")))) == {risk.pk}
    assert set(listed(client.get(risks_url(level="low")))) == {chance.pk}
    assert set(listed(client.get(risks_url(effectiveness="effective")))) == {risk.pk}
    assert set(listed(client.get(risks_url(effectiveness="not_evaluated")))) == everything - {
        risk.pk
    }
    assert set(listed(client.get(risks_url(overdue="on")))) == {late.pk}
    assert set(listed(client.get(risks_url(archived="only")))) == {archived.pk}
    assert set(listed(client.get(risks_url(archived="included")))) == everything | {archived.pk}
    assert set(listed(client.get(risks_url(q="kolejki")))) == {risk.pk}
    assert set(listed(client.get(risks_url(likelihood=4, impact=4)))) == {risk.pk}


def test_an_overdue_risk_evaluated_or_archived_is_no_longer_overdue(owner, process, travel):
    travel(DAY)
    late = factories.process_risk(process=process, treatment_due=DAY - datetime.timedelta(days=1))
    assert list(ProcessRisk.objects.overdue()) == [late]
    assert late.is_overdue()
    services.risk_evaluate(late, owner, RiskEffectiveness.NOT_EFFECTIVE, "Nadal zaległości.")
    late.refresh_from_db()
    assert not ProcessRisk.objects.overdue().exists()
    assert not late.is_overdue()


@pytest.mark.parametrize(
    "params",
    [
        {"level": "extreme"},
        {"kind": "threat"},
        {"effectiveness": "maybe"},
        {"process": "999999"},
        {"process": "'; DROP TABLE qms_processrisk; --"},
        {"likelihood": "6"},
        {"likelihood": "-1"},
        {"impact": "x"},
        {"archived": "all"},
        {"overdue": "perhaps"},
        {"page": "99999"},
        {"page": "-1"},
        {"q": "x" * 5000},
        {"q": "%00%27%22<script>"},
    ],
)
def test_bad_filter_values_do_not_break_the_page_or_the_pdf(client_as, employee, params, settings):
    settings.DEBUG = True  # the PDF's HTML source: the same filters, no typesetting
    factories.process_risk()
    client = client_as(employee)
    assert client.get(risks_url(**params)).status_code == 200
    query = risks_url(**params).split("?")[1]
    assert client.get(f"{reverse('intranet:risk_pdf')}?html=1&{query}").status_code == 200


# --- The heat map ------------------------------------------------------------------------------


def test_the_heat_map_counts_each_cell_in_one_query(django_assert_num_queries):
    process = factories.process()
    for likelihood, impact in [(5, 4), (5, 4), (1, 1), (3, 2)]:
        factories.process_risk(process=process, likelihood=likelihood, impact=impact)
    factories.process_risk(process=process, kind=RiskKind.OPPORTUNITY, likelihood=5, impact=4)
    factories.process_risk(process=process, likelihood=2, impact=2, is_active=False)
    with django_assert_num_queries(1):
        counts = ProcessRisk.objects.active().heat_map()
    assert counts == {
        "risk": {(5, 4): 2, (1, 1): 1, (3, 2): 1},
        "opportunity": {(5, 4): 1},
    }
    grid = charts.heat_map(counts["risk"], chosen=(5, 4))
    assert [row["likelihood"] for row in grid["rows"]] == [5, 4, 3, 2, 1]
    assert grid["impacts"] == [1, 2, 3, 4, 5]
    assert grid["total"] == 4
    cells = {(c["likelihood"], c["impact"]): c for row in grid["rows"] for c in row["cells"]}
    assert len(cells) == 25
    assert cells[5, 4]["count"] == 2 and cells[5, 4]["chosen"]
    assert cells[5, 4]["level"] == RiskLevel.CRITICAL
    assert cells[3, 2]["count"] == 1 and cells[3, 2]["level"] == RiskLevel.MEDIUM
    assert cells[2, 2]["count"] == 0  # archived: not counted
    assert sum(cell["chosen"] for cell in cells.values()) == 1
    for (likelihood, impact), cell in cells.items():
        assert cell["level"] == risk_level(likelihood * impact)


def grids(response):
    """{kind: {(likelihood, impact): count}} of the heat maps a page shows."""
    return {
        heat_map["kind"]: {
            (cell["likelihood"], cell["impact"]): cell["count"]
            for row in heat_map["grid"]["rows"]
            for cell in row["cells"]
            if cell["count"]
        }
        for heat_map in response.context["heat_maps"]
    }


def test_the_heat_map_shows_what_the_filters_select(client_as, employee, process):
    other = factories.process(code="P-11")
    factories.process_risk(process=process, likelihood=4, impact=4)
    factories.process_risk(process=process, likelihood=4, impact=4)
    factories.process_risk(process=other, likelihood=4, impact=4)
    factories.process_risk(process=other, likelihood=1, impact=2)
    factories.process_risk(process=process, kind=RiskKind.OPPORTUNITY, likelihood=3, impact=3)
    client = client_as(employee)
    assert grids(client.get(risks_url())) == {
        "risk": {(4, 4): 3, (1, 2): 1},
        "opportunity": {(3, 3): 1},
    }
    assert grids(client.get(risks_url(process=process.pk))) == {
        "risk": {(4, 4): 2},
        "opportunity": {(3, 3): 1},
    }
    # A kind chosen: only its heat map.
    assert grids(client.get(risks_url(kind="risk"))) == {"risk": {(4, 4): 3, (1, 2): 1}}
    assert grids(client.get(risks_url(level="high"))) == {"risk": {(4, 4): 3}, "opportunity": {}}
    # A cell chosen: the heat map still shows the others, the list only the cell.
    response = client.get(risks_url(likelihood=1, impact=2))
    assert grids(response) == {"risk": {(4, 4): 3, (1, 2): 1}, "opportunity": {(3, 3): 1}}
    assert response.context["page_obj"].paginator.count == 1
    assert response.context["cell"] == (1, 2)


def test_each_count_links_to_the_list_of_its_cell(client_as, employee, process):
    factories.process_risk(process=process, likelihood=4, impact=4)
    response = client_as(employee).get(risks_url(process=process.pk))
    html = response.content.decode()
    link = f"?process={process.pk}&amp;likelihood=4&amp;impact=4&amp;kind=risk"
    assert f'href="{link}"' in html
    assert '<table class="heat-map"' in html
    assert "<caption" in html and 'scope="row"' in html and 'scope="col"' in html
    assert "style=" not in html.split('<table class="heat-map"')[1].split("</table>")[0]


# --- Evaluation --------------------------------------------------------------------------------


def test_the_owner_of_the_process_evaluates_its_risk(owner, process, travel):
    travel(DAY)
    risk = factories.process_risk(process=process)
    services.risk_evaluate(risk, owner, RiskEffectiveness.EFFECTIVE, "Brak kolejek od marca.")
    risk.refresh_from_db()
    assert risk.effectiveness == RiskEffectiveness.EFFECTIVE
    assert risk.evaluated_on == DAY
    assert risk.evaluated_by == owner
    assert risk.effectiveness_note == "Brak kolejek od marca."
    assert risk.history.first().history_user == owner


def test_the_coordinator_evaluates_any_risk(coordinator, process):
    risk = factories.process_risk(process=process)
    services.risk_evaluate(risk, coordinator, RiskEffectiveness.NOT_EFFECTIVE, "Bez zmian.")
    risk.refresh_from_db()
    assert risk.effectiveness == RiskEffectiveness.NOT_EFFECTIVE
    assert risk.evaluated_by == coordinator


@pytest.mark.parametrize("who", ["other_owner", "employee", "auditor", "management"])
def test_others_may_not_evaluate_a_risk(request, who, process):
    from django.core.exceptions import PermissionDenied

    risk = factories.process_risk(process=process)
    with pytest.raises(PermissionDenied):
        services.risk_evaluate(risk, request.getfixturevalue(who), RiskEffectiveness.EFFECTIVE)
    risk.refresh_from_db()
    assert not risk.is_evaluated


def test_an_archived_risk_is_not_evaluated(client_as, owner, process):
    from django.core.exceptions import ValidationError

    risk = factories.process_risk(process=process, is_active=False)
    with pytest.raises(ValidationError):
        services.risk_evaluate(risk, owner, RiskEffectiveness.EFFECTIVE)
    response = client_as(owner).post(
        reverse("intranet:risk_evaluate", args=[risk.pk]), evaluation()
    )
    assert response.status_code == 302
    assert _("An archived risk is not evaluated; bring it back first.") in messages_of(response)
    risk.refresh_from_db()
    assert not risk.is_evaluated


def test_actions_not_effective_need_a_note(owner, process):
    from django.core.exceptions import ValidationError

    risk = factories.process_risk(process=process)
    with pytest.raises(ValidationError):
        services.risk_evaluate(risk, owner, RiskEffectiveness.NOT_EFFECTIVE, "  ")
    with pytest.raises(ValidationError):
        services.risk_evaluate(risk, owner, RiskEffectiveness.NOT_EVALUATED)
    with pytest.raises(ValidationError):
        services.risk_evaluate(risk, owner, "maybe")


def test_the_database_holds_an_evaluation_to_its_date_and_author(owner):
    risk = factories.process_risk()
    rows = ProcessRisk.objects.filter(pk=risk.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(effectiveness=RiskEffectiveness.EFFECTIVE)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(effectiveness=RiskEffectiveness.EFFECTIVE, evaluated_on=DAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(evaluated_on=DAY, evaluated_by=owner)  # a date without a result
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(effectiveness="maybe", evaluated_on=DAY, evaluated_by=owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(treatment_due=datetime.date(1800, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(effectiveness_note="x" * (NOTE + 1))
    rows.update(effectiveness=RiskEffectiveness.EFFECTIVE, evaluated_on=DAY, evaluated_by=owner)


def evaluation(**kw):
    return {
        "effectiveness": "effective",
        "note": "Kolejki skróciły się o połowę.",
        "submission": str(uuid.uuid4()),
        **kw,
    }


def test_the_evaluation_form_records_it_and_leads_back_to_the_card(
    client_as, owner, process, travel
):
    travel(DAY)
    risk = factories.process_risk(process=process)
    client = client_as(owner)
    url = reverse("intranet:risk_evaluate", args=[risk.pk])
    assert client.get(url).status_code == 200
    data = evaluation()
    first = client.post(url, data)
    second = client.post(url, data)  # a double click
    assert first.status_code == second.status_code == 302
    assert first.url == risk.get_absolute_url()
    risk.refresh_from_db()
    assert risk.effectiveness == RiskEffectiveness.EFFECTIVE
    assert risk.evaluated_on == DAY
    assert risk.history.count() == 2  # created, evaluated once


@pytest.mark.parametrize(
    "changes",
    [
        {"effectiveness": ""},
        {"effectiveness": "not_evaluated"},
        {"effectiveness": "maybe"},
        {"effectiveness": "not_effective", "note": ""},
        {"note": "x" * (NOTE + 1)},
    ],
)
def test_a_careless_evaluation_is_refused(client_as, owner, process, changes):
    risk = factories.process_risk(process=process)
    response = client_as(owner).post(
        reverse("intranet:risk_evaluate", args=[risk.pk]), evaluation(**changes)
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    risk.refresh_from_db()
    assert not risk.is_evaluated


def test_a_risk_of_another_process_is_not_the_owners_to_evaluate(client_as, other_owner, process):
    risk = factories.process_risk(process=process)
    url = reverse("intranet:risk_evaluate", args=[risk.pk])
    assert client_as(other_owner).get(url).status_code == 403
    assert client_as(other_owner).post(url, evaluation()).status_code == 403
    risk.refresh_from_db()
    assert not risk.is_evaluated


# --- The plan on the process card --------------------------------------------------------------


def risk_data(**kw):
    return {
        "kind": "risk",
        "description": "Długie kolejki w okresach szczytu",
        "likelihood": "4",
        "impact": "4",
        "treatment": "Dodatkowe stanowiska w styczniu i lutym.",
        "treatment_owner": "",
        "treatment_due": "2026-03-31",
        "review_on": "2026-12-31",
        "is_active": "on",
        "submission": str(uuid.uuid4()),
        **kw,
    }


def test_the_owner_plans_the_actions_on_the_card(client_as, owner, process):
    response = client_as(owner).post(
        reverse("intranet:risk_create", args=[process.pk]),
        risk_data(treatment_owner=str(owner.pk)),
    )
    assert response.status_code == 302
    risk = ProcessRisk.objects.get()
    assert risk.treatment_owner == owner
    assert risk.treatment_due == datetime.date(2026, 3, 31)
    assert risk.effectiveness == RiskEffectiveness.NOT_EVALUATED
    card = client_as(owner).get(process.get_absolute_url()).content.decode()
    assert reverse("intranet:risk_list") in card
    assert reverse("intranet:risk_evaluate", args=[risk.pk]) in card


@pytest.mark.parametrize(
    "changes",
    [
        {"treatment_due": "1800-01-01"},
        {"treatment_due": "9999-12-31"},
        {"treatment_due": "2026-02-30"},
        {"treatment_owner": "999999"},
        {"treatment_owner": "'; DROP TABLE auth_user; --"},
        {"treatment": "x" * (NOTE + 1)},
        {"likelihood": "6"},
    ],
)
def test_careless_and_hostile_plans_are_refused(client_as, owner, process, changes):
    response = client_as(owner).post(
        reverse("intranet:risk_create", args=[process.pk]), risk_data(**changes)
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ProcessRisk.objects.exists()


# --- Who reads the register --------------------------------------------------------------------


def test_a_visitor_is_sent_to_sign_in(client):
    for name in (LIST, "intranet:risk_pdf"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("login") in response.url


def test_every_member_of_staff_reads_the_register_with_archived_risks_flagged(
    client_as, employee, process
):
    factories.process_risk(process=process, is_active=False, description="Stare ryzyko")
    response = client_as(employee).get(risks_url(archived="included"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stare ryzyko" in html
    assert "badge text-bg-secondary" in html  # flagged
    # Staff read; only who may edit the card is offered "Evaluate" (an archived risk: nobody).
    active = factories.process_risk(process=process)
    evaluate = reverse("intranet:risk_evaluate", args=[active.pk])
    assert evaluate not in client_as(employee).get(risks_url()).content.decode()
    assert evaluate in client_as(process.owner).get(risks_url()).content.decode()


def test_an_account_without_a_role_is_refused(client_as, make_user):
    nobody = make_user("nobody")
    assert client_as(nobody).get(reverse(LIST)).status_code == 403
    assert client_as(nobody).get(reverse("intranet:risk_pdf")).status_code == 403


# --- The PDF -----------------------------------------------------------------------------------


def test_the_pdf_has_the_heat_map_and_every_risk_in_polish(client_as, employee, owner, process):
    factories.organisation()
    risk = factories.process_risk(
        process=process,
        description="Długie kolejki w okresach szczytu (składanie deklaracji podatkowych)",
        treatment="Dodatkowe stanowiska; umawianie wizyt przez internet.",
        likelihood=4,
        impact=5,
    )
    services.risk_evaluate(risk, owner, RiskEffectiveness.NOT_EFFECTIVE, "Kolejki nadal długie.")
    factories.process_risk(process=process, kind=RiskKind.OPPORTUNITY, description="E-usługi")
    response = client_as(employee).get(reverse("intranet:risk_pdf") + "?kind=risk")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(
        f'rejestr-ryzyk-i-szans-{today():%Y-%m-%d}.pdf"'
    )
    text = pdf_text(response)
    # "Rejestr ryzyk i szans" once locale/pl has the msgid.
    assert _("Register of risks and opportunities") in text
    assert "Długie kolejki w okresach szczytu" in text
    assert "Kolejki nadal długie." in text
    assert "składanie deklaracji" in text
    assert "E-usługi" not in text  # the kind filter applies
    assert _("Heat map") in text


def test_a_register_too_long_for_one_pdf_is_refused_with_an_explanation(
    client_as, employee, settings
):
    settings.PDF_MAX_HTML = 2000
    factories.process_risk()
    response = client_as(employee).get(reverse("intranet:risk_pdf"))
    assert response.status_code == 422


# --- Queries -----------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [3, 60])
def test_the_register_and_pdf_queries_do_not_grow_with_the_risks(
    client_as, employee, owner, django_assert_max_num_queries, rows, settings
):
    settings.DEBUG = True  # the PDF's HTML preview: the queries, without typesetting
    processes = [factories.process(owner=owner) for _n in range(3)]
    for n in range(rows):
        risk = factories.process_risk(
            process=processes[n % 3],
            likelihood=n % 5 + 1,
            impact=(n // 5) % 5 + 1,
            treatment_owner=owner,
            treatment_due=DAY,
        )
        if n % 2:
            services.risk_evaluate(risk, owner, RiskEffectiveness.EFFECTIVE, "Działa.")
    # The session, the user, their permissions (2), the heat map, the count, the page's rows,
    # the organisation (the footer) and the processes of the filter: the same for 3 or 60.
    client = client_as(employee)
    with django_assert_max_num_queries(9):
        assert client.get(risks_url(archived="included")).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(reverse("intranet:risk_pdf") + "?html=1").status_code == 200
    client = client_as(owner)  # who sees "Evaluate" on every row
    with django_assert_max_num_queries(9):
        assert client.get(risks_url()).status_code == 200
