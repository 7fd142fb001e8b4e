"""Processes: the register, the map, the card and its PDF, risks and measures, and the units."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from qms import roles
from qms.models import (
    Direction,
    MeasureValue,
    OrganisationalUnit,
    Process,
    ProcessKind,
    ProcessMeasure,
    ProcessRisk,
    RiskLevel,
    StaffProfile,
    risk_level,
)
from qms.views import processes as processes_views
from tests import factories
from tests.helpers import pdf_pages

D = datetime.date
pytestmark = pytest.mark.django_db


# Unknown records (who may open and post each page: tests/test_permission_matrix.py)


def test_unknown_process_is_not_found(client_as, coordinator, db):
    assert client_as(coordinator).get(reverse("intranet:process_detail", args=[9])).status_code == (
        404
    )


# Processes


def process_data(**overrides):
    data = {
        "code": "P-07",
        "name": "Gospodarka nieruchomościami",
        "kind": ProcessKind.CORE,
        "owner": "",
        "purpose": "Racjonalne gospodarowanie zasobem nieruchomości gminy.",
        "scope": "",
        "inputs": "- wnioski mieszkańców\n- uchwały Rady Miasta",
        "outputs": "umowy\ndecyzje",
        "customers": "mieszkańcy",
        "resources": "",
        "is_active": "on",
    }
    return {**data, **overrides}


def test_coordinator_creates_a_process_with_owner_units_and_interactions(
    client_as, coordinator, owner
):
    unit = factories.org_unit(code="WGN", name="Wydział Gospodarki Nieruchomościami")
    other = factories.process(code="P-01", kind=ProcessKind.MANAGEMENT)
    response = client_as(coordinator).post(
        reverse("intranet:process_create"),
        process_data(owner=owner.pk, units=[unit.pk], interacts_with=[other.pk]),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("intranet:process_list")
    process = Process.objects.get(code="P-07")
    assert process.owner == owner
    assert list(process.units.all()) == [unit]
    # Interaction goes both ways: the other card links back.
    assert list(other.interacts_with.all()) == [process]
    assert process.is_active


def test_duplicate_process_code_is_refused(client_as, coordinator):
    factories.process(code="P-07")
    response = client_as(coordinator).post(reverse("intranet:process_create"), process_data())
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert Process.objects.count() == 1


def test_missing_process_name_is_refused_in_polish(client_as, coordinator):
    response = client_as(coordinator).post(
        reverse("intranet:process_create"), process_data(name="")
    )
    assert response.status_code == 200
    assert b"To pole jest wymagane." in response.content
    assert not Process.objects.exists()


def test_coordinator_edits_and_archives_a_process(client_as, coordinator):
    process = factories.process(code="P-07")
    data = process_data(name="Gospodarka mieniem")
    del data["is_active"]
    response = client_as(coordinator).post(
        reverse("intranet:process_update", args=[process.pk]), data
    )
    assert response.status_code == 302
    assert response["Location"] == process.get_absolute_url()
    process.refresh_from_db()
    assert process.name == "Gospodarka mieniem"
    assert not process.is_active
    assert Process.objects.filter(pk=process.pk).exists()


def test_process_cannot_interact_with_itself(client_as, coordinator):
    process = factories.process(code="P-07")
    response = client_as(coordinator).post(
        reverse("intranet:process_update", args=[process.pk]),
        process_data(interacts_with=[process.pk]),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["interacts_with"]


def test_editing_a_process_keeps_its_archived_unit_and_former_owner(client_as, coordinator, owner):
    archived = factories.org_unit(is_active=False)
    process = factories.process(code="P-07", owner=owner)
    process.units.add(archived)
    owner.is_active = False
    owner.save()
    client = client_as(coordinator)
    form = client.get(reverse("intranet:process_update", args=[process.pk])).context["form"]
    assert archived in form.fields["units"].queryset
    assert owner in form.fields["owner"].queryset
    assert (
        archived
        not in client.get(reverse("intranet:process_create"))
        .context["form"]
        .fields["units"]
        .queryset
    )
    response = client.post(
        reverse("intranet:process_update", args=[process.pk]),
        process_data(owner=owner.pk, units=[archived.pk]),
    )
    assert response.status_code == 302
    assert list(process.units.all()) == [archived]


def test_list_filters_by_kind_and_unit_and_keeps_filters_across_pages(
    client_as, employee, settings
):
    unit = factories.org_unit()
    core = factories.process(code="P-02", kind=ProcessKind.CORE)
    core.units.add(unit)
    factories.process(code="P-01", kind=ProcessKind.MANAGEMENT)
    factories.process(code="P-03", kind=ProcessKind.CORE)
    client = client_as(employee)
    url = reverse("intranet:process_list")

    def codes(response):
        return [p.code for p in response.context["page_obj"]]

    assert codes(client.get(url)) == ["P-01", "P-02", "P-03"]
    assert codes(client.get(url, {"kind": "core"})) == ["P-02", "P-03"]
    assert codes(client.get(url, {"kind": "core", "unit": unit.pk})) == ["P-02"]
    # An unknown kind is reported on the form, not a server error.
    response = client.get(url, {"kind": "nonsense"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["kind"]

    Process.objects.bulk_create(
        Process(code=f"S-{i:03d}", name=f"Proces {i}", kind=ProcessKind.SUPPORT) for i in range(60)
    )
    response = client.get(url, {"kind": "support"})
    assert len(response.context["page_obj"]) == 50
    assert b'href="?kind=support&amp;page=2"' in response.content


def test_process_map_draws_the_three_bands_with_links_to_the_cards(client_as, employee):
    factories.organisation()
    support = factories.process(code="P-09", name="Obsługa prawna", kind=ProcessKind.SUPPORT)
    core = factories.process(code="P-05", name="Wydawanie decyzji", kind=ProcessKind.CORE)
    management = factories.process(code="P-01", name="Zarządzanie urzędem", kind="management")
    archived = factories.process(code="P-99", name="Dawny proces", is_active=False)
    html = client_as(employee).get(reverse("intranet:process_map")).content.decode()

    assert html.count("<h1") == 1
    figure = html[html.index("<figure") : html.index("</figure>")]
    assert '<figcaption id="process-map-caption"' in figure
    # Management on top, core between customer needs and satisfaction, support below.
    order = [
        'id="pm-management-title"',
        management.get_absolute_url(),
        "Potrzeby klientów",
        'id="pm-core-title"',
        core.get_absolute_url(),
        "Zadowolenie klientów",
        'id="pm-support-title"',
        support.get_absolute_url(),
    ]
    positions = [figure.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert 'aria-labelledby="pm-core-title"' in figure
    assert len(re.findall(r'class="pm-arrow" aria-hidden="true"', figure)) == 2
    assert "Zarządzanie urzędem" in figure
    assert archived.get_absolute_url() not in figure


def test_a_long_band_of_the_map_draws_its_first_processes_and_links_to_the_rest(
    client_as, employee
):
    factories.organisation()
    limit = processes_views.MAP_BAND_LIMIT
    Process.objects.bulk_create(
        Process(code=f"C-{i:04d}", name=f"Proces {i}", kind=ProcessKind.CORE)
        for i in range(limit + 7)
    )
    support = factories.process(code="S-01", name="Obsługa prawna", kind=ProcessKind.SUPPORT)
    response = client_as(employee).get(reverse("intranet:process_map"))
    html = response.content.decode()

    core = html[html.index('id="pm-core-title"') : html.index('id="pm-support-title"')]
    assert core.count('class="pm-process"') == limit
    assert f"C-{limit - 1:04d}" in core and f"C-{limit:04d}" not in core
    more = f'<a href="{reverse("intranet:process_list")}?kind=core">'
    assert more in core
    told = ngettext(
        "and %(n)s more process of this kind: see the list",
        "and %(n)s more processes of this kind: see the list",
        7,
    ) % {"n": 7}
    assert core[core.index(more) :].startswith(more + told + "</a>")
    # The short band is whole and says nothing more; the owners are counted over every process.
    assert support.get_absolute_url() in html and html.count("?kind=") == 1
    assert response.context["without_owner"] == limit + 8


def test_processes_without_an_owner_are_flagged_in_words_on_the_map_and_the_list(
    client_as, employee, owner, make_user
):
    factories.organisation()
    owner.first_name, owner.last_name = "Łucja", "Żmuda"
    owner.save()
    owned = factories.process(code="P-01", name="Zarządzanie urzędem", owner=owner)
    ownerless = factories.process(code="P-10", name="Ochrona środowiska")
    gone = make_user("gone", roles.PROCESS_OWNER, first_name="Jan", last_name="Dawny")
    left = factories.process(code="P-12", name="Gospodarka odpadami", owner=gone)
    gone.is_active = False
    gone.save()
    client = client_as(employee)
    flag = f'<span class="badge text-bg-warning">{escape(gettext("no owner"))}</span>'

    html = client.get(reverse("intranet:process_map")).content.decode()

    def link(process):
        start = html.index(f'href="{process.get_absolute_url()}"')
        return html[start : html.index("</a>", start)]

    assert flag not in link(owned)
    # Inside the link: its name says so too ("P-10 Ochrona środowiska bez właściciela").
    assert flag in link(ownerless) and flag in link(left)
    assert html.count(flag) == 2

    html = client.get(reverse("intranet:process_list")).content.decode()

    def row(process):
        start = html.index(f'href="{process.get_absolute_url()}"')
        return html[start : html.index("</tr>", start)]

    assert "Łucja Żmuda" in row(owned) and "badge" not in row(owned)
    assert flag in row(ownerless)
    assert "Jan Dawny" in row(left) and escape(gettext("account deactivated")) in row(left)


# The card


def test_card_shows_every_field_as_text_and_lists(client_as, employee, owner):
    owner.first_name, owner.last_name = "Łucja", "Żółkiewska"
    owner.save()
    unit = factories.org_unit(code="WGN", name="Wydział Gospodarki Nieruchomościami")
    other = factories.process(code="P-01", name="Zarządzanie urzędem")
    process = factories.process(
        owner=owner,
        purpose="Racjonalne gospodarowanie",
        scope="Od wniosku do umowy",
        inputs="- wnioski mieszkańców\n• uchwały",
        outputs="umowy",
        customers="mieszkańcy\nprzedsiębiorcy",
        resources="system EWID",
    )
    process.units.add(unit)
    process.interacts_with.add(other)
    html = client_as(employee).get(process.get_absolute_url()).content.decode()
    for text in [
        "Łucja Żółkiewska",
        "WGN – Wydział Gospodarki Nieruchomościami",
        "Racjonalne gospodarowanie",
        "Od wniosku do umowy",
        "<li>wnioski mieszkańców</li>",
        "<li>uchwały</li>",
        "<li>przedsiębiorcy</li>",
        "<li>system EWID</li>",
        f'<a href="{other.get_absolute_url()}">P-01 Zarządzanie urzędem</a>',
    ]:
        assert text in html


@pytest.mark.parametrize(
    ("likelihood", "impact", "level"),
    [
        (1, 1, RiskLevel.LOW),
        (1, 5, RiskLevel.LOW),
        (2, 3, RiskLevel.MEDIUM),
        (2, 5, RiskLevel.MEDIUM),
        (3, 4, RiskLevel.HIGH),
        (4, 4, RiskLevel.HIGH),
        (4, 5, RiskLevel.CRITICAL),
        (5, 5, RiskLevel.CRITICAL),
    ],
)
def test_risk_rating_is_likelihood_times_impact_with_its_level(likelihood, impact, level):
    risk = ProcessRisk(likelihood=likelihood, impact=impact)
    assert risk.rating == likelihood * impact
    assert risk.level == level


def test_risk_level_boundaries():
    assert [risk_level(r) for r in (5, 6, 11, 12, 19, 20, 25)] == [
        RiskLevel.LOW,
        RiskLevel.MEDIUM,
        RiskLevel.MEDIUM,
        RiskLevel.HIGH,
        RiskLevel.HIGH,
        RiskLevel.CRITICAL,
        RiskLevel.CRITICAL,
    ]


def test_card_shows_risk_rating_and_level_as_text_and_colour(client_as, employee):
    risk = factories.process_risk(likelihood=3, impact=4)
    html = client_as(employee).get(risk.process.get_absolute_url()).content.decode()
    row = html[html.index(f'id="risk-{risk.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "<strong>12</strong>" in row
    assert f'risk-level--high">{escape(RiskLevel.HIGH.label)}</span>' in row


def test_card_lists_risks_before_opportunities_the_highest_rating_first(client_as, employee):
    process = factories.process()
    for description, kind, likelihood, active in [
        ("Szansa", "opportunity", 5, True),
        ("Niskie", "risk", 1, True),
        ("Archiwalne", "risk", 5, False),
        ("Wysokie", "risk", 4, True),
    ]:
        factories.process_risk(
            process=process,
            description=description,
            kind=kind,
            likelihood=likelihood,
            is_active=active,
        )
    response = client_as(employee).get(process.get_absolute_url())
    assert [r.description for r in response.context["risks"]] == [
        "Wysokie",
        "Niskie",
        "Szansa",
        "Archiwalne",
    ]


def test_owner_adds_a_risk_to_own_process(client_as, owner):
    process = factories.process(owner=owner)
    response = client_as(owner).post(
        reverse("intranet:risk_create", args=[process.pk]),
        {
            "kind": "risk",
            "description": "Utrata danych w systemie dziedzinowym",
            "likelihood": "2",
            "impact": "5",
            "treatment": "Kopie zapasowe",
            "review_on": "2026-03-31",
            "is_active": "on",
        },
    )
    risk = ProcessRisk.objects.get()
    assert response.status_code == 302
    assert response["Location"] == process.get_absolute_url() + f"#risk-{risk.pk}"
    assert (risk.process, risk.rating, risk.level) == (process, 10, RiskLevel.MEDIUM)
    assert risk.review_on == D(2026, 3, 31)


def test_owner_archives_a_risk_which_stays_on_the_card(client_as, owner):
    risk = factories.process_risk(process=factories.process(owner=owner))
    client = client_as(owner)
    response = client.post(
        reverse("intranet:risk_update", args=[risk.pk]),
        {"kind": "risk", "description": risk.description, "likelihood": "3", "impact": "3"},
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert not risk.is_active
    assert risk.description.encode() in client.get(risk.process.get_absolute_url()).content


def test_likelihood_of_6_is_refused(client_as, coordinator):
    process = factories.process()
    response = client_as(coordinator).post(
        reverse("intranet:risk_create", args=[process.pk]),
        {"kind": "risk", "description": "Ryzyko", "likelihood": "6", "impact": "3"},
    )
    assert response.status_code == 200
    assert "6 nie jest żadną z dostępnych opcji".encode() in response.content
    assert not ProcessRisk.objects.exists()


def test_risk_without_description_is_refused(client_as, coordinator):
    process = factories.process()
    response = client_as(coordinator).post(
        reverse("intranet:risk_create", args=[process.pk]),
        {"kind": "risk", "description": "", "likelihood": "3", "impact": "3"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["description"]
    assert not ProcessRisk.objects.exists()


def test_likelihood_and_impact_are_chosen_from_1_to_5(client_as, coordinator):
    process = factories.process()
    form = client_as(coordinator).get(reverse("intranet:risk_create", args=[process.pk]))
    html = form.content.decode()
    for field in ("likelihood", "impact"):
        select = html[html.index(f'name="{field}"') :]
        select = select[: select.index("</select>")]
        assert re.findall(r'value="(\d)"', select) == ["1", "2", "3", "4", "5"]


# Measures and their values


def measure_data(**overrides):
    data = {
        "name": "Skargi załatwione w terminie",
        "direction": "gte",
        "target": "95",
        "unit": "%",
        "frequency": "quarterly",
        "is_active": "on",
    }
    return {**data, **overrides}


def test_owner_defines_a_measure_and_edits_it(client_as, owner):
    process = factories.process(owner=owner)
    client = client_as(owner)
    response = client.post(reverse("intranet:measure_create", args=[process.pk]), measure_data())
    measure = ProcessMeasure.objects.get()
    assert response["Location"] == process.get_absolute_url() + f"#measure-{measure.pk}"
    assert (measure.process, measure.target, measure.direction) == (process, 95, Direction.AT_LEAST)

    response = client.post(
        reverse("intranet:measure_update", args=[measure.pk]),
        measure_data(direction="lte", target="14", unit="dni", is_active=""),
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.direction, measure.target, measure.is_active) == ("lte", 14, False)


def test_owner_records_a_value_and_is_named_as_who_recorded_it(client_as, owner):
    measure = factories.process_measure(process=factories.process(owner=owner))
    response = client_as(owner).post(
        reverse("intranet:measurevalue_create", args=[measure.pk]),
        {"period_end": "2025-06-30", "value": "97.5", "note": "II kwartał"},
    )
    assert response.status_code == 302
    assert response["Location"] == measure.get_absolute_url()
    value = MeasureValue.objects.get()
    assert (value.measure, value.value, value.recorded_by) == (measure, Decimal("97.5"), owner)


def test_second_value_for_the_same_period_is_refused_with_the_constraints_message(client_as, owner):
    measure = factories.process_measure(process=factories.process(owner=owner))
    factories.measure_value(measure=measure, period_end=D(2025, 6, 30), value=90)
    response = client_as(owner).post(
        reverse("intranet:measurevalue_create", args=[measure.pk]),
        {"period_end": "2025-06-30", "value": "97"},
    )
    assert response.status_code == 200
    constraint = next(c for c in MeasureValue._meta.constraints if c.name.endswith("per_period"))
    assert escape(constraint.violation_error_message).encode() in response.content
    assert MeasureValue.objects.get().value == 90


def test_the_same_period_of_another_measure_is_accepted(client_as, coordinator):
    measure = factories.process_measure()
    factories.measure_value(period_end=D(2025, 6, 30))
    response = client_as(coordinator).post(
        reverse("intranet:measurevalue_create", args=[measure.pk]),
        {"period_end": "2025-06-30", "value": "97"},
    )
    assert response.status_code == 302
    assert MeasureValue.objects.count() == 2


def test_value_without_a_period_is_refused(client_as, coordinator):
    measure = factories.process_measure()
    response = client_as(coordinator).post(
        reverse("intranet:measurevalue_create", args=[measure.pk]), {"value": "97"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["period_end"]
    assert not MeasureValue.objects.exists()


@pytest.mark.parametrize(
    ("direction", "target", "value", "meets"),
    [("gte", 95, 95, True), ("gte", 95, 94, False), ("lte", 14, 14, True), ("lte", 14, 15, False)],
)
def test_a_value_meets_the_target_in_its_direction(direction, target, value, meets):
    assert ProcessMeasure(direction=direction, target=target).meets(Decimal(value)) is meets


def test_card_shows_latest_value_its_status_and_a_chart_with_a_text_alternative(
    client_as, employee
):
    measure = factories.process_measure(target=95, unit="%")
    for month, value in [(3, 91), (6, 96), (9, 93)]:
        factories.measure_value(measure=measure, period_end=D(2025, month, 30), value=value)
    html = client_as(employee).get(measure.process.get_absolute_url()).content.decode()
    section = html[html.index(f'id="measure-{measure.pk}"') :]
    section = section[: section.index("</section>")]
    assert "≥ 95 %" in section
    assert "93 %" in section
    latest = section[section.index("93 %") : section.index("</dd>", section.index("93 %"))]
    assert "measure-status--behind" in latest
    svg = section[section.index("<svg") : section.index("</svg>")]
    assert 'role="img"' in svg
    assert (
        f'aria-labelledby="measure-{measure.pk}-chart-title measure-{measure.pk}-chart-desc"'
        in (svg)
    )
    assert "<title" in svg
    assert "<desc" in svg
    assert "30 marca 2025" in svg
    assert "30 września 2025" in svg
    assert svg.count("<circle") == 1  # achieved
    assert svg.count("<rect") == 2  # behind
    # The values as a table too.
    assert section.count('<th scope="row" class="fw-normal" data-label="Koniec okresu"><time') == 3


def test_edit_links_are_shown_only_to_who_may_use_them(client_as, employee, owner, coordinator):
    mine = factories.process(owner=owner)
    theirs = factories.process()
    measure = factories.process_measure(process=mine)
    links = [
        reverse("intranet:process_update", args=[mine.pk]),
        reverse("intranet:risk_create", args=[mine.pk]),
        reverse("intranet:measure_create", args=[mine.pk]),
        reverse("intranet:measure_update", args=[measure.pk]),
        reverse("intranet:measurevalue_create", args=[measure.pk]),
    ]

    def shown(user, process):
        html = client_as(user).get(process.get_absolute_url()).content.decode()
        return [link in html for link in links]

    assert shown(employee, mine) == [False] * 5
    assert shown(owner, mine) == [False, True, True, True, True]
    assert shown(coordinator, mine) == [True] * 5
    assert reverse("intranet:risk_create", args=[theirs.pk]).encode() not in (
        client_as(owner).get(theirs.get_absolute_url()).content
    )


def in_force_document(process, code, *, editions=1):
    """A document of the process taken through the workflow, its last edition in force."""
    author = User.objects.get_or_create(username="autor")[0]
    approver = User.objects.get_or_create(username="zatwierdzajacy")[0]
    document = factories.document(code=code, title=f"Procedura {code}", process=process)
    for edition in range(editions):
        factories.version_in_force(
            document, author=author, approver=approver, effective_on=D(2025, 1, 2 + edition)
        )
    return document


def test_card_lists_the_documents_in_force_of_the_process(client_as, employee):
    process = factories.process()
    in_force = in_force_document(process, "PR-07", editions=2)
    draft = factories.document(code="PR-08", process=process)
    factories.draft_version(draft, author=employee)
    elsewhere = in_force_document(factories.process(), "PR-09")
    html = client_as(employee).get(process.get_absolute_url()).content.decode()
    row = html[html.index(f'<a href="{in_force.get_absolute_url()}">PR-07</a>') :]
    row = row[: row.index("</tr>")]
    assert "Procedura PR-07" in row
    assert '<td data-label="Wydanie">2</td>' in row  # the edition in force, not the superseded one
    assert "3 stycznia 2025" in row
    assert draft.code not in html
    assert elsewhere.code not in html


# Organisational units


def test_unit_list_shows_head_staff_with_positions_and_processes(client_as, employee, make_user):
    head = make_user("naczelnik", first_name="Zofia", last_name="Ślązak")
    clerk = make_user("referent", first_name="Jan", last_name="Gęsiarz")
    unit = factories.org_unit(code="WGN", name="Wydział Gospodarki Nieruchomościami", head=head)
    StaffProfile.objects.create(user=head, unit=unit, position="Naczelnik Wydziału")
    StaffProfile.objects.create(user=clerk, unit=unit, position="Inspektor")
    process = factories.process(code="P-07", name="Gospodarka nieruchomościami")
    process.units.add(unit)
    html = client_as(employee).get(reverse("intranet:unit_list")).content.decode()
    for text in [
        "WGN – Wydział Gospodarki Nieruchomościami",
        "Zofia Ślązak",
        "Naczelnik Wydziału",
        "Jan Gęsiarz",
        "Inspektor",
        f'<a href="{process.get_absolute_url()}">P-07 Gospodarka nieruchomościami</a>',
    ]:
        assert text in html
    assert reverse("intranet:unit_update", args=[unit.pk]).encode() not in html.encode()


def test_coordinator_creates_and_edits_a_unit(client_as, coordinator, make_user):
    head = make_user("naczelnik", first_name="Zofia", last_name="Ślązak")
    client = client_as(coordinator)
    data = {"code": "WRU", "name": "Biuro Pełnomocnika", "kind": "office", "head": head.pk}
    response = client.post(reverse("intranet:unit_create"), {**data, "is_active": "on"})
    assert response.status_code == 302
    unit = OrganisationalUnit.objects.get()
    assert (unit.code, unit.head, unit.is_active) == ("WRU", head, True)

    response = client.post(reverse("intranet:unit_update", args=[unit.pk]), data)
    assert response.status_code == 302
    unit.refresh_from_db()
    assert not unit.is_active


def test_unit_form_offers_heads_by_full_name(client_as, coordinator, make_user):
    make_user("naczelnik", first_name="Zofia", last_name="Ślązak")
    html = client_as(coordinator).get(reverse("intranet:unit_create")).content.decode()
    assert ">Zofia Ślązak</option>" in html


# The PDF


def test_process_card_pdf_reads_in_polish_and_is_tagged(client_as, employee, owner):
    factories.organisation()
    owner.first_name, owner.last_name = "Łucja", "Żółkiewska"
    owner.save()
    process = factories.process(
        code="P-07",
        name="Gospodarka nieruchomościami gminy",
        owner=owner,
        inputs="wnioski mieszkańców",
    )
    process.units.add(factories.org_unit(code="WGN", name="Wydział Gospodarki Nieruchomościami"))
    factories.process_risk(process=process, description="Utrata dokumentów źródłowych")
    measure = factories.process_measure(process=process, name="Umowy zawarte w terminie")
    factories.measure_value(measure=measure, period_end=D(2025, 6, 30), value=97)
    in_force_document(process, "PR-07")

    response = client_as(employee).get(reverse("intranet:process_pdf", args=[process.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="karta-procesu-p-07.pdf"' in response["Content-Disposition"]
    reader, pages = pdf_pages(response)
    text = " ".join(pages)
    for expected in [
        "Urząd Miejski w Zabrzu",
        "P-07",
        "Gospodarka nieruchomościami gminy",
        "Łucja Żółkiewska",
        "WGN – Wydział Gospodarki Nieruchomościami",
        "wnioski mieszkańców",
        "Utrata dokumentów źródłowych",
        "Umowy zawarte w terminie",
        "30 czerwca 2025",
        "PR-07",
        "Procedura PR-07",
    ]:
        assert expected in text
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "pl"
    assert "/StructTreeRoot" in root
    assert "P-07" in reader.metadata.title
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)


# Queries do not grow with the rows


def add_processes(n):
    """n processes, each in two units and owned by one of three owners (one of them
    deactivated), every fifth without an owner."""
    units = [factories.org_unit() for _ in range(3)]
    owners = [
        User.objects.create_user(f"w{i}", first_name="Wł", last_name=str(i)) for i in range(3)
    ]
    kinds = list(ProcessKind)
    processes = Process.objects.bulk_create(
        Process(
            code=f"X-{i:04d}",
            name=f"Proces {i}",
            kind=kinds[i % 3],
            owner=owners[i % 3] if i % 5 else None,
        )
        for i in range(n)
    )
    User.objects.filter(pk=owners[2].pk).update(is_active=False)
    Process.units.through.objects.bulk_create(
        Process.units.through(process_id=p.pk, organisationalunit_id=unit.pk)
        for i, p in enumerate(processes)
        for unit in (units[i % 3], units[(i + 1) % 3])
    )
    StaffProfile.objects.bulk_create(
        StaffProfile(user=owner, unit=units[i], position="Inspektor")
        for i, owner in enumerate(owners)
    )
    return processes


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # session, user, organisation, permissions (2), then the page's own
        ("intranet:process_list", 9),
        ("intranet:process_map", 6),
        ("intranet:unit_list", 9),
    ],
)
@pytest.mark.parametrize("rows", [10, 1000])
def test_pages_queries_do_not_grow_with_processes(
    client_as, coordinator, django_assert_num_queries, name, queries, rows
):
    factories.organisation()
    add_processes(rows)
    client = client_as(coordinator)
    with django_assert_num_queries(queries):
        response = client.get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 25])
def test_card_queries_do_not_grow_with_risks_measures_values_and_documents(
    client_as, coordinator, django_assert_num_queries, rows
):
    factories.organisation()
    process = add_processes(3)[0]
    process.interacts_with.add(*Process.objects.exclude(pk=process.pk))
    ProcessRisk.objects.bulk_create(
        ProcessRisk(process=process, description=f"Ryzyko {i}", likelihood=i % 5 + 1, impact=3)
        for i in range(rows)
    )
    measures = ProcessMeasure.objects.bulk_create(
        ProcessMeasure(process=process, name=f"Miernik {i}", target=90) for i in range(rows)
    )
    MeasureValue.objects.bulk_create(
        MeasureValue(measure=m, period_end=D(2000 + i, 12, 31), value=85 + i % 10)
        for m in measures
        for i in range(rows)
    )
    for i in range(rows):
        in_force_document(process, f"PR-{i:02d}")
    # The quality objectives each measure judges: one query for all of them.
    for measure in measures:
        factories.quality_objective(measure=measure, responsible=coordinator)
    client = client_as(coordinator)
    with django_assert_num_queries(14):
        response = client.get(process.get_absolute_url())
    assert response.status_code == 200
