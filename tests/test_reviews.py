"""The management review (ISO 9001 9.3): the frozen snapshot of its inputs, the commentary and
outputs written while it is a draft, the chair's approval and the read-only minutes after it,
the actions tracked to closure into the next review, who reads and writes what, careless and
hostile input, the minutes PDF, flat query counts, reminders and the home page."""

import datetime
import json
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext

from qms import roles, services
from qms.models import (
    ManagementReview,
    ReviewAction,
    ReviewInput,
    ReviewSection,
    ReviewStatus,
)
from qms.models.base import PROSE, RecordDeletionError
from qms.review_snapshot import gather
from tests import factories
from tests.helpers import messages_of, pdf_text

pytestmark = pytest.mark.django_db

HELD = datetime.date(2026, 12, 15)
SNAPSHOT_DAY = datetime.date(2026, 12, 10)


@pytest.fixture
def management(make_user):
    return make_user("manager", roles.MANAGEMENT)


@pytest.fixture
def review(management):
    return factories.management_review(chair=management)


def records():
    """Something for every app's inputs to count: a finding with its action, an objective with
    its measure, a campaign with a response, a certificate with an external audit."""
    from audits.models import AuditStatus

    org = factories.organisation(climate_change_relevant=True, climate_change_reasoning="Upały.")
    owner = factories.staff_user(role=roles.PROCESS_OWNER, first_name="Łucja", last_name="Żak")
    process = factories.process(owner=owner)
    measure = factories.process_measure(process=process, target=90)
    factories.measure_value(measure=measure, period_end=datetime.date(2026, 6, 30), value=85)
    objective = factories.quality_objective(year=2026, measure=measure, responsible=owner)
    services.objectives_approve(year=2026, user=factories.staff_user(role=roles.MANAGEMENT))
    factories.process_risk(process=process, likelihood=5, impact=4, description="Awaria systemu")
    audit = factories.audit(status=AuditStatus.IN_PROGRESS, processes=[process])
    finding = factories.finding(audit=audit, process=process, raised_on=datetime.date(2026, 5, 5))
    action = factories.corrective_action(
        finding=finding, responsible=owner, due_on=datetime.date(2026, 6, 5)
    )
    campaign = factories.campaign(
        opens_on=datetime.date(2026, 1, 1), closes_on=datetime.date(2026, 12, 31)
    )
    factories.survey_response(campaign, scores=(5, 4), comment="Miła obsługa.")
    cert = factories.certificate()
    external = factories.external_audit(
        certificate=cert,
        body=cert.body,
        first_day=datetime.date(2026, 6, 2),
        last_day=datetime.date(2026, 6, 3),
    )
    return {
        "organisation": org,
        "owner": owner,
        "process": process,
        "measure": measure,
        "objective": objective,
        "finding": finding,
        "action": action,
        "campaign": campaign,
        "certificate": cert,
        "external_audit": external,
    }


def snapshot(review, user, on=SNAPSHOT_DAY):
    services.review_take_snapshot(review=review, user=user, on=on)
    review.refresh_from_db()
    return review


def inputs_shown(response):
    """The page's twelve sections of inputs (without the tokens each page's forms carry)."""
    content = response.content.decode()
    return content[content.index('id="previous_actions"') : content.index('id="outputs"')]


def frozen(review):
    return json.dumps(
        [(i.section, i.data) for i in ReviewInput.objects.filter(review=review)], sort_keys=True
    )


# --- The model -------------------------------------------------------------------------------


def test_a_review_is_numbered_in_the_year_it_is_held(management):
    first = factories.management_review(chair=management)
    second = factories.management_review(chair=management)
    assert (first.number, second.number) == ("PZ/2026/1", "PZ/2026/2")
    assert first.is_draft


def test_the_chair_holds_the_management_role(coordinator):
    with pytest.raises(ValidationError) as error:
        factories.management_review(chair=coordinator)
    assert "chair" in error.value.message_dict


def test_the_database_holds_the_period_before_the_meeting(review):
    with pytest.raises(IntegrityError), transaction.atomic():
        ManagementReview.objects.filter(pk=review.pk).update(period_end=HELD.replace(day=31))
    with pytest.raises(IntegrityError), transaction.atomic():
        ManagementReview.objects.filter(pk=review.pk).update(period_start=HELD.replace(day=16))
    with pytest.raises(IntegrityError), transaction.atomic():
        ManagementReview.objects.filter(pk=review.pk).update(status="approved")
    with pytest.raises(IntegrityError), transaction.atomic():
        ManagementReview.objects.filter(pk=review.pk).update(status="gone")


def test_the_database_holds_an_actions_closure_complete(review):
    action = factories.review_action(review)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewAction.objects.filter(pk=action.pk).update(status="closed")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewAction.objects.filter(pk=action.pk).update(kind="wish")


def test_nothing_of_a_review_is_ever_deleted(review, coordinator):
    snapshot(review, coordinator)
    action = factories.review_action(review)
    for record in (review, review.inputs.first(), action):
        with pytest.raises(RecordDeletionError):
            record.delete()
    with pytest.raises(RecordDeletionError):
        ManagementReview.objects.all().delete()
    with pytest.raises(RecordDeletionError):
        ReviewAction.objects.all().delete()


# --- The snapshot ----------------------------------------------------------------------------


def test_the_snapshot_has_the_twelve_sections_in_the_standards_order(review, coordinator):
    snapshot(review, coordinator)
    sections = list(review.inputs.values_list("section", flat=True))
    assert sections == ReviewSection.values
    assert review.snapshot_taken_at is not None


def test_each_app_gives_its_sections_figures(review, coordinator):
    made = records()
    data = gather(review, SNAPSHOT_DAY)
    audits = data["audits"]["parts"]
    audits = {part["title"]: part for part in audits}
    assert set(audits) == {"internal_audits", "external_audits"}
    figures = dict(audits["internal_audits"]["figures"])
    assert figures["audits_planned"] == 1
    assert figures["findings_minor"] == 1
    nonconformities = dict(data["nonconformities"]["parts"][0]["figures"])
    assert nonconformities["corrective_open"] == 1
    assert nonconformities["corrective_overdue"] == 1
    survey = dict(data["satisfaction"]["parts"][0]["figures"])
    assert survey["survey_responses"] == 1
    assert survey["survey_comments"] == 1
    objectives = dict(data["objectives"]["parts"][0]["figures"])
    assert objectives["objectives_in_all"] == 1
    assert objectives["objective_at_risk"] == 1  # 85 against 90, three weeks left
    risks = dict(data["risks"]["parts"][0]["figures"])
    assert risks["risks_critical"] == 1
    context = dict(data["context"]["parts"][0]["figures"])
    assert context["climate_relevant"] == {"c": "yes_no", "v": "yes"}
    provider = dict(data["providers"]["parts"][0]["figures"])
    assert provider["certificate"] == made["certificate"].number
    assert provider["result_positive"] == 1
    # Plain JSON: it reads back the same.
    assert json.loads(json.dumps(data)) == data


def test_the_snapshot_does_not_change_when_the_records_do(
    review, coordinator, client_as, management, settings
):
    from audits import services as audit_services
    from audits.models import FindingKind

    settings.DEBUG = True
    made = records()
    snapshot(review, coordinator)
    data = frozen(review)
    client = client_as(coordinator)
    page = inputs_shown(client.get(review.get_absolute_url()))
    minutes = client.get(reverse("intranet:review_pdf", args=[review.pk]) + "?html=1").content

    # Everything moves on: findings, actions, objectives, values, responses, certificates.
    factories.finding(
        audit=made["finding"].audit, kind=FindingKind.MAJOR, raised_on=datetime.date(2026, 7, 1)
    )
    audit_services.action_implemented(
        action=made["action"], user=made["owner"], on=datetime.date(2026, 7, 2)
    )
    factories.measure_value(
        measure=made["measure"], period_end=datetime.date(2026, 9, 30), value=99
    )
    factories.survey_response(made["campaign"], scores=(1, 1), comment="Źle.")
    factories.certificate(number="NOWY-1")
    factories.process_risk(process=made["process"], likelihood=5, impact=5)
    made["external_audit"].result = "negative"
    made["external_audit"].save()

    assert frozen(review) == data
    assert inputs_shown(client.get(review.get_absolute_url())) == page
    again = client.get(reverse("intranet:review_pdf", args=[review.pk]) + "?html=1").content
    assert again == minutes


def test_the_minutes_pdf_text_does_not_change_when_the_records_do(
    review, coordinator, client_as, management, monkeypatch
):
    from django.utils import timezone

    # The minutes say when they were printed: the same moment for both printings.
    printed, localtime = timezone.now(), timezone.localtime
    monkeypatch.setattr(
        timezone,
        "localtime",
        lambda value=None, tz=None: localtime(printed if value is None else value, tz),
    )
    made = records()
    snapshot(review, coordinator)
    client = client_as(coordinator)
    url = reverse("intranet:review_pdf", args=[review.pk])
    before = pdf_text(client.get(url))
    factories.survey_response(made["campaign"], scores=(1, 1), comment="Źle.")
    factories.measure_value(
        measure=made["measure"], period_end=datetime.date(2026, 9, 30), value=99
    )
    factories.finding(audit=made["finding"].audit, raised_on=datetime.date(2026, 7, 1))
    assert pdf_text(client.get(url)) == before
    assert "Łucja Żak" in before


def test_retaking_the_snapshot_replaces_the_figures_and_keeps_the_commentary(review, coordinator):
    snapshot(review, coordinator)
    item = review.inputs.get(section=ReviewSection.SATISFACTION)
    item.commentary = "Mieszkańcy chwalą uprzejmość urzędników."
    services.review_comment(item=item, user=coordinator)
    before = dict(item.data["parts"][0]["figures"])["survey_responses"]
    made = records()
    factories.survey_response(made["campaign"], scores=(4, 4))
    snapshot(review, coordinator)
    item.refresh_from_db()
    assert item.commentary == "Mieszkańcy chwalą uprzejmość urzędników."
    assert dict(item.data["parts"][0]["figures"])["survey_responses"] == before + 2
    assert review.inputs.count() == 12


def approve(review, management, conclusions="System jest przydatny, adekwatny i skuteczny."):
    ManagementReview.objects.filter(pk=review.pk).update(conclusions=conclusions)
    review.refresh_from_db()
    return services.review_approve(review=review, user=management)


def test_an_approved_review_refuses_every_change(review, coordinator, management):
    snapshot(review, coordinator)
    action = factories.review_action(review)
    approve(review, management)
    review.refresh_from_db()
    assert review.is_approved and review.approved_by == management
    with pytest.raises(ValidationError):
        services.review_take_snapshot(review=review, user=coordinator)
    item = review.inputs.first()
    item.commentary = "Zmiana po zatwierdzeniu."
    with pytest.raises(ValidationError):
        services.review_comment(item=item, user=coordinator)
    with pytest.raises(ValidationError):
        item.save()
    action.description = "Zmiana po zatwierdzeniu."
    with pytest.raises(ValidationError):
        services.review_action_save(action=action, user=coordinator)
    with pytest.raises(ValidationError):
        action.save()
    with pytest.raises(ValidationError):
        factories.review_action(review)
    review.conclusions = "Inne wnioski."
    with pytest.raises(ValidationError):
        review.save()
    with pytest.raises(ValidationError):
        services.review_archive(review=review, user=coordinator)


def test_only_the_chair_approves(review, coordinator, management, make_user):
    snapshot(review, coordinator)
    ManagementReview.objects.filter(pk=review.pk).update(conclusions="Wnioski.")
    review.refresh_from_db()
    other_manager = make_user("deputy", roles.MANAGEMENT)
    for user in (coordinator, other_manager):
        with pytest.raises(ValidationError):
            services.review_approve(review=review, user=user)
    review.refresh_from_db()
    assert review.is_draft


def test_a_review_without_its_inputs_or_conclusions_is_not_approved(
    review, coordinator, management
):
    from django.utils.translation import gettext as _

    with pytest.raises(ValidationError) as refused:
        approve(review, management)
    assert refused.value.messages == [_("Gather the review's inputs before it is approved.")]
    snapshot(review, coordinator)
    with pytest.raises(ValidationError) as refused:
        approve(review, management, conclusions="  ")
    assert refused.value.messages == [
        _("Write the conclusions on the quality management system before it is approved.")
    ]


def test_a_draft_is_archived_not_deleted(review, coordinator):
    services.review_archive(review=review, user=coordinator)
    review.refresh_from_db()
    assert review.status == ReviewStatus.ARCHIVED
    with pytest.raises(ValidationError):
        services.review_take_snapshot(review=review, user=coordinator)


def test_an_action_is_closed_by_its_owner_after_approval(review, coordinator, management, owner):
    action = factories.review_action(review, owner=owner)
    with pytest.raises(ValidationError):
        services.review_action_close(action=action, user=owner, note="Zrobione.")
    snapshot(review, coordinator)
    approve(review, management)
    employee = factories.staff_user(role=roles.EMPLOYEE)
    with pytest.raises(ValidationError):
        services.review_action_close(action=action, user=employee, note="Zrobione.")
    with pytest.raises(ValidationError):
        services.review_action_close(action=action, user=owner, note="   ")
    services.review_action_close(
        action=action, user=owner, note="Wdrożono.", on=datetime.date(2027, 2, 1)
    )
    action.refresh_from_db()
    assert action.is_closed and action.closed_by == owner
    assert action.history.first().history_user == owner
    with pytest.raises(ValidationError):
        services.review_action_close(action=action, user=coordinator, note="Drugi raz.")


def test_previous_actions_open_the_next_review_with_their_status_at_the_time(
    coordinator, management, owner
):
    last_year = factories.management_review(
        chair=management,
        held_on=datetime.date(2025, 12, 12),
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 12),
    )
    done = factories.review_action(last_year, owner=owner, description="Kiosk informacyjny.")
    still_open = factories.review_action(
        last_year,
        owner=owner,
        description="Szkolenie z języka migowego.",
        due_on=datetime.date(2026, 3, 31),
    )
    snapshot(last_year, coordinator, on=datetime.date(2025, 12, 10))
    approve(last_year, management)
    services.review_action_close(
        action=done, user=owner, note="Kiosk działa.", on=datetime.date(2026, 4, 1)
    )
    review = factories.management_review(chair=management)
    assert review.period_start == datetime.date(2026, 1, 1)
    snapshot(review, coordinator)
    part = review.inputs.get(section=ReviewSection.PREVIOUS_ACTIONS).data["parts"][0]
    assert dict(part["figures"]) == {
        "actions_in_all": 2,
        "actions_closed": 1,
        "actions_open": 1,
        "actions_overdue": 1,
    }
    rows = {row[1]: row for row in part["table"]["rows"]}
    assert rows["Kiosk informacyjny."][5] == {"c": "review_action_status", "v": "closed"}
    assert rows["Szkolenie z języka migowego."][5] == {"c": "review_action_status", "v": "open"}
    # Closed later, the action stays open in the snapshot.
    services.review_action_close(action=still_open, user=owner, note="Przeszkolono.")
    review.refresh_from_db()
    again = review.inputs.get(section=ReviewSection.PREVIOUS_ACTIONS).data["parts"][0]
    assert again == part


def test_the_risks_section_says_whether_the_actions_on_them_worked(review, coordinator):
    """9.3.2 e): the evaluations of the period, the actions not evaluated or overdue, and the
    ones found not effective with the reason; by the register's level rule."""
    owner = factories.staff_user(role=roles.PROCESS_OWNER)
    process = factories.process(owner=owner)
    worked = factories.process_risk(process=process, likelihood=2, impact=3, treatment="Szkolenie")
    failed = factories.process_risk(
        process=process, likelihood=4, impact=5, treatment="Drugi serwer", description="Awaria"
    )
    factories.process_risk(
        process=process, treatment="Kopia", treatment_due=datetime.date(2026, 3, 1)
    )
    services.risk_evaluate(worked, owner, "effective", on=datetime.date(2026, 6, 1))
    services.risk_evaluate(
        failed,
        owner,
        "not_effective",
        "Serwer zapasowy nie przejął ruchu.",
        on=datetime.date(2026, 7, 1),
    )
    snapshot(review, coordinator)
    parts = review.inputs.get(section=ReviewSection.RISKS).data["parts"]
    levels, effectiveness = parts[0], parts[1]
    assert dict(levels["figures"])["risks_critical"] == 1  # 4 × 5 = 20
    assert dict(levels["figures"])["risks_medium"] == 2  # 2 × 3 and 3 × 3 (the default)
    assert dict(effectiveness["figures"]) == {
        "risk_actions_effective": 1,
        "risk_actions_not_effective": 1,
        "risk_actions_not_evaluated": 1,
        "risk_actions_overdue": 1,
    }
    (row,) = effectiveness["table"]["rows"]
    assert row[1:4] == ["Awaria", "Drugi serwer", "Serwer zapasowy nie przejął ruchu."]


def test_the_snapshot_takes_a_bounded_number_of_queries(
    review, coordinator, django_assert_max_num_queries
):
    records()
    services.review_take_snapshot(review=review, user=coordinator, on=SNAPSHOT_DAY)
    with django_assert_max_num_queries(SNAPSHOT_QUERIES):
        services.review_take_snapshot(review=review, user=coordinator, on=SNAPSHOT_DAY)
    for _n in range(10):
        records()
    with django_assert_max_num_queries(SNAPSHOT_QUERIES):
        services.review_take_snapshot(review=review, user=coordinator, on=SNAPSHOT_DAY)


# Gathering (about 30 aggregate and list queries across the four apps, the risks' evaluations
# among them) and writing the twelve sections (each save reads the review's status, compares
# with its history and writes a row).
SNAPSHOT_QUERIES = 89


# --- Pages and forms -------------------------------------------------------------------------


def review_data(person, **kw):
    data = {
        "held_on": "2026-12-15",
        "period_start": "2026-01-01",
        "period_end": "2026-12-15",
        "chair": person.pk,
        "participants": "Burmistrz Miasta\nSekretarz Miasta",
        "conclusions": "",
        "submission": str(uuid.uuid4()),
    }
    data.update(kw)
    return data


def test_the_coordinator_prepares_a_review_the_chair_approves_it(
    client_as, coordinator, management
):
    client = client_as(coordinator)
    response = client.post(reverse("intranet:review_create"), review_data(management))
    review = ManagementReview.objects.get()
    assert response.status_code == 302 and response.url == review.get_absolute_url()
    assert review.history.first().history_user == coordinator
    client.post(reverse("intranet:review_snapshot", args=[review.pk]))
    item = review.inputs.get(section=ReviewSection.RESOURCES)
    response = client.post(
        reverse("intranet:review_input_update", args=[item.pk]),
        {"commentary": "Kadra wystarczająca; brak informatyka.", "submission": str(uuid.uuid4())},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("intranet:review_action_create", args=[review.pk]),
        {
            "kind": "resources",
            "description": "Zatrudnić informatyka.",
            "owner": coordinator.pk,
            "due_on": "2027-03-31",
            "submission": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    client.post(
        reverse("intranet:review_update", args=[review.pk]),
        review_data(management, conclusions="System jest skuteczny."),
    )
    # The coordinator is offered no approval, and is refused it.
    page = client.get(review.get_absolute_url())
    assert not page.context["can_approve"]
    assert client.post(reverse("intranet:review_approve", args=[review.pk])).status_code == 403
    manager = client_as(management)
    page = manager.get(review.get_absolute_url())
    assert page.context["can_approve"] and not page.context["can_edit"]
    response = manager.post(reverse("intranet:review_approve", args=[review.pk]))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.is_approved
    page = client_as(coordinator).get(review.get_absolute_url())
    assert not page.context["can_edit"]
    assert "Kadra wystarczająca; brak informatyka." in page.content.decode()
    assert "Zatrudnić informatyka." in page.content.decode()


def test_the_forms_of_an_approved_review_send_back_with_the_reason(
    client_as, review, coordinator, management
):
    snapshot(review, coordinator)
    action = factories.review_action(review)
    approve(review, management)
    client = client_as(coordinator)
    item = review.inputs.first()
    for url in (
        reverse("intranet:review_update", args=[review.pk]),
        reverse("intranet:review_input_update", args=[item.pk]),
        reverse("intranet:review_action_create", args=[review.pk]),
        reverse("intranet:review_action_update", args=[action.pk]),
    ):
        response = client.post(url, {"commentary": "x", "description": "x"})
        assert response.status_code == 302, url
    client.post(reverse("intranet:review_snapshot", args=[review.pk]))
    assert gettext("The review is no longer a draft: its minutes can't be changed.") in (
        messages_of(client.get(review.get_absolute_url()))
    )
    item.refresh_from_db()
    assert item.commentary == ""


def test_staff_read_approved_minutes_only(client_as, review, coordinator, management, employee):
    client = client_as(employee)
    assert client.get(reverse("intranet:review_list")).status_code == 200
    assert client.get(review.get_absolute_url()).status_code == 403
    snapshot(review, coordinator)
    approve(review, management)
    assert client.get(review.get_absolute_url()).status_code == 200
    assert client.get(reverse("intranet:review_list")).context["page_obj"].paginator.count == 1


def test_auditors_and_management_read_drafts(client_as, review, auditor, management):
    for user in (auditor, management):
        assert client_as(user).get(review.get_absolute_url()).status_code == 200


def test_only_the_coordinator_edits(client_as, review, auditor, management, owner, employee):
    for user in (auditor, management, owner, employee):
        client = client_as(user)
        assert client.get(reverse("intranet:review_create")).status_code == 403
        assert client.get(reverse("intranet:review_update", args=[review.pk])).status_code == 403
        assert client.post(reverse("intranet:review_snapshot", args=[review.pk])).status_code == 403
    assert not ReviewInput.objects.exists()


def test_the_owner_closes_their_action(client_as, review, coordinator, management, owner):
    action = factories.review_action(review, owner=owner)
    snapshot(review, coordinator)
    approve(review, management)
    client = client_as(owner)
    url = reverse("intranet:review_action_close", args=[action.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"closing_note": "Wdrożono.", "submission": str(uuid.uuid4())})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.is_closed and action.closed_by == owner
    # Someone else's action is not theirs to close.
    other = ReviewAction.objects.filter(pk=action.pk)
    other.update(status="open", closed_on=None, closed_by=None, closing_note="", owner=coordinator)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "changes",
    [
        {"participants": "x" * (PROSE + 1)},
        {"conclusions": "x" * (PROSE + 1)},
        {"participants": ""},
        {"held_on": "9999-12-31"},
        {"held_on": "1899-01-01"},
        {"held_on": "2026-02-30"},
        {"period_start": "2027-01-01"},
        {"period_end": "2026-12-31"},
        {"chair": "0"},
        {"chair": "'; DROP TABLE qms_managementreview; --"},
    ],
)
def test_careless_and_hostile_review_input_is_refused(client_as, coordinator, management, changes):
    response = client_as(coordinator).post(
        reverse("intranet:review_create"), review_data(management, **changes)
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ManagementReview.objects.exists()


def test_the_chair_must_be_top_management(client_as, coordinator, owner):
    response = client_as(coordinator).post(reverse("intranet:review_create"), review_data(owner))
    assert response.status_code == 200
    assert "chair" in response.context["form"].errors


def action_data(person, **kw):
    data = {
        "kind": "improvement",
        "description": "Wdrożyć kiosk informacyjny w Biurze Obsługi Mieszkańców.",
        "owner": person.pk,
        "due_on": "2027-03-31",
        "submission": str(uuid.uuid4()),
    }
    data.update(kw)
    return data


@pytest.mark.parametrize(
    "changes",
    [
        {"description": "x" * 1001},
        {"description": ""},
        {"kind": "wish"},
        {"due_on": "2026-12-14"},  # before the review
        {"due_on": "9999-12-31"},
        {"owner": "99999999999999999999"},
    ],
)
def test_careless_and_hostile_actions_are_refused(client_as, review, coordinator, changes):
    response = client_as(coordinator).post(
        reverse("intranet:review_action_create", args=[review.pk]),
        action_data(coordinator, **changes),
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ReviewAction.objects.exists()


def test_over_long_commentary_is_refused(client_as, review, coordinator):
    snapshot(review, coordinator)
    item = review.inputs.first()
    response = client_as(coordinator).post(
        reverse("intranet:review_input_update", args=[item.pk]),
        {"commentary": "x" * (PROSE + 1), "submission": str(uuid.uuid4())},
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.commentary == ""


def test_a_double_submit_makes_one_action(client_as, review, coordinator):
    client = client_as(coordinator)
    data = action_data(coordinator)
    url = reverse("intranet:review_action_create", args=[review.pk])
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert ReviewAction.objects.count() == 1


@pytest.mark.parametrize(
    "name",
    [
        "review_detail",
        "review_update",
        "review_pdf",
        "review_action_create",
        "review_input_update",
        "review_action_update",
        "review_action_close",
    ],
)
def test_a_bad_key_is_not_found(client_as, coordinator, name):
    assert client_as(coordinator).get(reverse(f"intranet:{name}", args=[999999])).status_code == 404


def test_the_action_register_filters(client_as, review, coordinator, management, owner):
    late = factories.review_action(review, owner=owner, due_on=datetime.date(2027, 1, 10))
    factories.review_action(review, owner=coordinator, due_on=datetime.date(2027, 6, 30))
    snapshot(review, coordinator)
    approve(review, management)
    client = client_as(coordinator)
    url = reverse("intranet:review_action_list")
    assert client.get(url).context["page_obj"].paginator.count == 2
    overdue = client.get(url, {"status": "overdue"}).context["page_obj"]
    # Today (in the tests' world) is before 2027: nothing is overdue yet.
    assert [a.pk for a in overdue] == [
        a.pk for a in ReviewAction.objects.overdue() if a.pk == late.pk
    ]
    mine = client_as(owner).get(url, {"owner": "me"}).context["page_obj"]
    assert [a.pk for a in mine] == [late.pk]
    assert client.get(url, {"owner": f"{owner.pk}"}).context["page_obj"].paginator.count == 1
    assert client.get(url, {"owner": "x' OR 1=1"}).status_code == 200
    assert client.get(url, {"status": "nonsense"}).context["page_obj"].paginator.count == 2


# --- The minutes PDF -------------------------------------------------------------------------


def test_the_minutes_have_every_heading_and_the_figures_shown_on_the_page(
    client_as, review, coordinator, management
):
    from django.utils.translation import gettext as _

    records()
    snapshot(review, coordinator)
    item = review.inputs.get(section=ReviewSection.SATISFACTION)
    item.commentary = "Mieszkańcy doceniają uprzejmość; skarżą się na kolejki."
    services.review_comment(item=item, user=coordinator)
    factories.review_action(review, description="Wydłużyć godziny pracy w czwartki.")
    approve(review, management, conclusions="System zarządzania jakością jest skuteczny.")
    client = client_as(coordinator)
    page = client.get(review.get_absolute_url())
    response = client.get(reverse("intranet:review_pdf", args=[review.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('przeglad-zarzadzania-pz-2026-1.pdf"')
    text = " ".join(pdf_text(response).split())
    for _key, title in ReviewSection.choices:
        assert " ".join(str(title).split()) in text, title
    # Every figure the page shows is in the minutes.
    for section in page.context["sections"]:
        for part in section["parts"]:
            for label, value in part["figures"]:
                assert f"{label} {value}" in text, (label, value)
    assert "Mieszkańcy doceniają uprzejmość; skarżą się na kolejki." in text
    assert "Wydłużyć godziny pracy w czwartki." in text
    assert "System zarządzania jakością jest skuteczny." in text
    assert "Łucja Żak" in text
    assert _("Minutes of the management review %(number)s") % {"number": "PZ/2026/1"} in text


# --- Queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [2, 30])
def test_the_pages_queries_do_not_grow_with_the_actions(
    client_as, coordinator, management, django_assert_max_num_queries, rows, settings
):
    settings.DEBUG = True  # the PDF's HTML preview: the queries, without typesetting
    previous = factories.management_review(
        chair=management,
        held_on=datetime.date(2025, 12, 12),
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 12),
    )
    for n in range(rows):
        factories.review_action(previous, description=f"Działanie {n}", owner=coordinator)
    snapshot(previous, coordinator, on=datetime.date(2025, 12, 10))
    approve(previous, management)
    for _n in range(rows // 2):
        records()
    review = factories.management_review(chair=management)
    snapshot(review, coordinator)
    for n in range(rows):
        factories.review_action(review, description=f"Decyzja {n}", owner=coordinator)
    client = client_as(coordinator)
    for url, budget in (
        (review.get_absolute_url(), DETAIL_QUERIES),
        (reverse("intranet:review_pdf", args=[review.pk]) + "?html=1", PDF_QUERIES),
        (reverse("intranet:review_list"), LIST_QUERIES),
        (reverse("intranet:review_action_list"), ACTION_LIST_QUERIES),
        (reverse("intranet:review_action_list") + "?status=open&owner=me", ACTION_LIST_QUERIES),
    ):
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [2, 30])
def test_the_forms_queries_do_not_grow_with_the_actions(
    client_as, review, coordinator, django_assert_max_num_queries, rows
):
    snapshot(review, coordinator)
    for n in range(rows):
        action = factories.review_action(review, description=f"Decyzja {n}")
    item = review.inputs.first()
    client = client_as(coordinator)
    for url in (
        reverse("intranet:review_create"),
        reverse("intranet:review_update", args=[review.pk]),
        reverse("intranet:review_input_update", args=[item.pk]),
        reverse("intranet:review_action_create", args=[review.pk]),
        reverse("intranet:review_action_update", args=[action.pk]),
    ):
        with django_assert_max_num_queries(FORM_QUERIES):
            assert client.get(url).status_code == 200


# A form page: session, user, permissions, the record (and its review), the people to choose,
# the form's single-use token.
FORM_QUERIES = 7


# Session, user, permissions, the review, its inputs, its actions (with their owners); the list
# of reviews annotates each with its actions' counts; the register adds its owners' filter.
DETAIL_QUERIES = 8
PDF_QUERIES = 8
LIST_QUERIES = 7
ACTION_LIST_QUERIES = 8


# --- Reminders and the home ------------------------------------------------------------------


def overdue_action(review, coordinator, management, owner):
    action = factories.review_action(review, owner=owner, due_on=datetime.date(2027, 1, 31))
    factories.review_action(review, owner=owner, due_on=datetime.date(2027, 6, 30))
    snapshot(review, coordinator)
    approve(review, management)
    return action


def test_overdue_review_actions_are_reminded_to_their_owner(review, coordinator, management, owner):
    from qms.reminders import gather as reminders_due

    action = overdue_action(review, coordinator, management, owner)
    items = [
        item
        for item in reminders_due(datetime.date(2027, 2, 1))
        if item.key.startswith("review-action")
    ]
    assert [(item.user, item.key) for item in items] == [
        (owner, f"review-action-overdue:{action.pk}")
    ]
    services.review_action_close(
        action=action, user=owner, note="Zrobione.", on=datetime.date(2027, 2, 2)
    )
    assert not [
        item
        for item in reminders_due(datetime.date(2027, 2, 3))
        if item.key.startswith("review-action")
    ]


def test_the_home_lists_the_owners_overdue_actions_in_one_more_query(
    client_as, review, coordinator, management, owner, travel, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(owner)
    with CaptureQueriesContext(connection) as before:
        assert client.get(reverse("intranet:home")).status_code == 200
    action = overdue_action(review, coordinator, management, owner)
    travel(datetime.date(2027, 2, 1))
    with django_assert_num_queries(len(before) + 1):
        response = client.get(reverse("intranet:home"))
    assert [a.pk for a in response.context["review_actions"]] == [action.pk]
    assert "review_actions" not in client_as(coordinator).get(reverse("intranet:home")).context


# --- The benchmark ---------------------------------------------------------------------------


def test_the_minutes_benchmark_reports_its_timings_and_keeps_nothing():
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("benchmark_review_minutes", runs=1, stdout=out)
    assert "Ratio of the minutes to the baseline" in out.getvalue()
    assert not ManagementReview.objects.exists()


# --- The demo --------------------------------------------------------------------------------


def test_the_demo_has_last_years_review_approved_and_this_years_draft(shared_demo):
    from qms.models import today

    on = today()
    approved = ManagementReview.objects.approved().get(held_on__year=on.year - 1)
    assert approved.chair.username == "manager" and approved.conclusions
    assert approved.inputs.count() == 12
    assert all(item.commentary for item in approved.inputs.all())
    actions = list(approved.actions.all())
    assert 5 <= len(actions) <= 7
    assert any(action.is_closed for action in actions)
    assert any(not action.is_closed and not action.is_overdue(on) for action in actions)
    assert sum(action.is_overdue(on) for action in actions) == 1
    draft = ManagementReview.objects.get(status=ReviewStatus.DRAFT)
    assert draft.snapshot_taken_at is not None
    first = draft.inputs.get(section=ReviewSection.PREVIOUS_ACTIONS).data["parts"][0]
    assert dict(first["figures"])["actions_in_all"] == len(actions)
    assert {row[1] for row in first["table"]["rows"]} == {a.description for a in actions}
