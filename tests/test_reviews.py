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
from django.utils import timezone

from qms import roles, services
from qms.models import (
    ManagementReview,
    ReviewAction,
    ReviewInput,
    ReviewSection,
    ReviewStatus,
)
from qms.models.base import PROSE, RecordDeletionError
from qms.review_inputs import gather
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
    page = client.get(review.get_absolute_url()).content
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
    assert client.get(review.get_absolute_url()).content == page
    again = client.get(reverse("intranet:review_pdf", args=[review.pk]) + "?html=1").content
    assert again == minutes


def test_the_minutes_pdf_text_does_not_change_when_the_records_do(
    review, coordinator, client_as, management
):
    made = records()
    snapshot(review, coordinator)
    client = client_as(coordinator)
    url = reverse("intranet:review_pdf", args=[review.pk])
    before = pdf_text(client.get(url))
    factories.survey_response(made["campaign"], scores=(1, 1), comment="Źle.")
    factories.measure_value(
        measure=made["measure"], period_end=datetime.date(2026, 9, 30), value=99
    )
    after = pdf_text(client.get(url))
    # The PDF says when it was printed: that line aside, the text is the same.
    assert [line for line in before.splitlines() if "2026" not in line or "PZ" in line] == [
        line for line in after.splitlines() if "2026" not in line or "PZ" in line
    ]


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
    with pytest.raises(ValidationError, match="inputs"):
        approve(review, management)
    snapshot(review, coordinator)
    with pytest.raises(ValidationError, match="conclusions"):
        approve(review, management, conclusions="  ")


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


def test_the_snapshot_takes_a_bounded_number_of_queries(
    review, coordinator, django_assert_max_num_queries
):
    records()
    with django_assert_max_num_queries(SNAPSHOT_QUERIES):
        services.review_take_snapshot(review=review, user=coordinator, on=SNAPSHOT_DAY)
    for _n in range(10):
        records()
    with django_assert_max_num_queries(SNAPSHOT_QUERIES):
        services.review_take_snapshot(review=review, user=coordinator, on=SNAPSHOT_DAY)


# Gathering (about 30 aggregate and list queries across the four apps) and writing the twelve
# sections (each save reads the review's status and writes its history row).
SNAPSHOT_QUERIES = 110
