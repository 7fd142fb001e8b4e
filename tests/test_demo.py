"""The demo data set: a quality system to work with; a second load adds only what is missing
and never changes what is there."""

import datetime
import hashlib
import io
from collections import Counter

import pypdf
import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audits.demo.loader import AUDITS
from audits.models import Audit
from certificates.models import Certificate, ExternalAudit
from qms import history
from qms.contents import clean
from qms.demo.catalogue import DOCUMENTS, PROCESSES
from qms.demo.dates import months_before, period_ends
from qms.demo.document_texts import SCANS
from qms.demo.units import UNITS
from qms.models import (
    ContentState,
    Document,
    DocumentKind,
    DocumentStatus,
    DocumentVersion,
    Frequency,
    MeasureValue,
    Organisation,
    OrganisationalUnit,
    Process,
    ProcessKind,
    ProcessMeasure,
    ProcessRisk,
    QualityPolicy,
    ReadConfirmation,
    Representative,
    RiskLevel,
    StaffProfile,
    VersionStatus,
    today,
)
from qms.search import search
from tests.helpers import stored_files

MODELS = (
    User,
    OrganisationalUnit,
    StaffProfile,
    Process,
    ProcessRisk,
    ProcessMeasure,
    MeasureValue,
    Document,
    DocumentVersion,
    ReadConfirmation,
)


def load_demo():
    """Run the command; return what it printed."""
    output = io.StringIO()
    call_command("load_demo", force=True, stdout=output)
    return output.getvalue()


def counts():
    counted = {model.__name__: model.objects.count() for model in MODELS}
    counted["Process.interacts_with"] = Process.interacts_with.through.objects.count()
    counted["Process.units"] = Process.units.through.objects.count()
    counted["Document.concerned_units"] = Document.concerned_units.through.objects.count()
    return counted


@pytest.mark.django_db
def test_demo_runs_twice_without_new_rows_or_files(settings):
    load_demo()
    first, files = counts(), stored_files(settings.MEDIA_ROOT)
    assert len(files) == DocumentVersion.objects.count()
    load_demo()
    assert counts() == first
    assert stored_files(settings.MEDIA_ROOT) == files


def test_demo_period_ends_are_the_last_finished_periods():
    day = today().replace(year=2026, month=11, day=24)
    assert [str(d) for d in period_ends(Frequency.QUARTERLY, 2, day)] == [
        "2026-06-30",
        "2026-09-30",
    ]
    assert [str(d) for d in period_ends(Frequency.MONTHLY, 2, day)] == [
        "2026-09-30",
        "2026-10-31",
    ]
    assert [str(d) for d in period_ends(Frequency.HALF_YEARLY, 2, day)] == [
        "2025-12-31",
        "2026-06-30",
    ]
    assert [str(d) for d in period_ends(Frequency.YEARLY, 1, day)] == ["2025-12-31"]
    assert str(months_before(day.replace(month=1, day=31), 2)) == "2025-11-28"


# --- A second load adds what is missing and changes nothing ------------------------------------


def all_rows():
    """How many rows each model of the project, the accounts and the change history have."""
    return {
        model._meta.label: model._default_manager.count()
        for app in ("auth", "qms", "certificates", "audits", "surveys")
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    }


@pytest.mark.django_db
def test_demo_second_load_adds_no_rows_nor_history_and_names_what_it_left():
    assert "Already there" not in load_demo()
    rows = all_rows()
    output = load_demo()
    assert all_rows() == rows
    assert "Added: nothing." in output
    kept = output.split("Already there and left as they are: ")[1]
    for described in (
        "8 users",
        "1 organisation,",
        "2 ISO representatives",
        "2 quality policies",
        f"{len(UNITS)} organisational units",
        f"{len(PROCESSES)} processes",
        f"{len(DOCUMENTS)} documents",
        "6 certificates",
        f"{len(AUDITS)} internal audits",
    ):
        assert described in kept


@pytest.mark.django_db
def test_demo_second_load_keeps_an_edit_made_on_the_intranet_with_its_history(client):
    load_demo()
    representative = Representative.objects.get(full_name="Małgorzata Giela")
    client.force_login(User.objects.get(username="coordinator"))
    response = client.post(
        reverse("intranet:representative_update", args=[representative.pk]),
        {
            "full_name": representative.full_name,
            "title": representative.title,
            "email": representative.email,
            "phone": "(32) 373 44 01",
            "appointed_on": representative.appointed_on.isoformat(),
            "appointed_by": representative.appointed_by,
            "is_current": "on",
            "ended_on": "",
        },
    )
    assert response.status_code == 302
    edit = representative.history.first()
    assert (edit.history_type, edit.history_user.username) == ("~", "coordinator")
    rows = representative.history.count()

    output = load_demo()

    representative.refresh_from_db()
    assert representative.phone == "(32) 373 44 01"
    assert representative.is_current
    assert representative.history.count() == rows
    assert representative.history.first().phone == "(32) 373 44 01"
    assert "2 ISO representatives" in output.split("left as they are")[1]


@pytest.mark.django_db
def test_demo_over_an_edited_organisation_leaves_it_and_adds_everything_else():
    organisation = Organisation.objects.create(
        pk=1, name="Urząd Miasta Przykładowo", email="urzad@example.org"
    )
    output = load_demo()
    organisation.refresh_from_db()
    assert (organisation.name, organisation.email, organisation.is_demo) == (
        "Urząd Miasta Przykładowo",
        "urzad@example.org",
        False,
    )
    assert [row.history_type for row in organisation.history.all()] == ["+"]
    assert output.split("left as they are: ")[1].startswith("1 organisation.")
    assert OrganisationalUnit.objects.count() == len(UNITS)
    assert Process.objects.count() == len(PROCESSES)
    assert Document.objects.count() == len(DOCUMENTS)
    editions = sum(len(card.editions()) for card in DOCUMENTS)
    assert DocumentVersion.objects.count() == editions
    assert Representative.objects.count() == QualityPolicy.objects.count() == 2
    assert Representative.objects.current().full_name == "Małgorzata Giela"
    assert QualityPolicy.objects.in_force().version == 2
    assert (Certificate.objects.count(), ExternalAudit.objects.count()) == (6, 8)
    assert Audit.objects.count() == len(AUDITS)
    for model in history.tracked_models():
        rows = history.history_model(model)._default_manager
        assert not model._default_manager.exclude(pk__in=rows.values("id")).exists()


@pytest.mark.django_db
def test_demo_leaves_a_process_already_there_with_everything_under_it():
    process = Process.objects.create(
        code="P-05", name="Decyzje: nasza karta", kind=ProcessKind.CORE
    )
    output = load_demo()
    process.refresh_from_db()
    assert process.name == "Decyzje: nasza karta" and process.owner is None
    assert not process.risks.exists() and not process.measures.exists()
    assert not process.units.exists() and not process.interacts_with.exists()
    assert Process.objects.count() == len(PROCESSES)
    assert ProcessRisk.objects.exclude(process=process).exists()
    assert output.split("left as they are: ")[1].startswith("1 process.")


@pytest.mark.django_db
def test_demo_leaves_an_account_already_there_with_its_password_names_and_groups():
    user = User.objects.create_user(
        "owner", password="hasło właściciela", first_name="Ewa", last_name="Nowak"
    )
    load_demo()
    user.refresh_from_db()
    assert user.check_password("hasło właściciela")
    assert (user.first_name, user.last_name) == ("Ewa", "Nowak")
    assert not user.groups.exists()
    assert User.objects.get(username="employee").check_password("demo")


@pytest.mark.django_db
def test_benchmark_demo_times_two_loads_and_keeps_nothing(settings):
    output = io.StringIO()
    call_command("benchmark_demo", stdout=output)
    text = output.getvalue()
    assert "First load:" in text and "Second load:" in text and "Second / first:" in text
    assert "Added: nothing." in text.split("Second load:")[1]
    assert not Process.objects.exists() and not Audit.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


# --- The demo, loaded once for the tests below, which only read it (`shared_demo`) -------------


@pytest.mark.django_db
def test_demo_has_units_and_staff_profiles_for_the_demo_accounts(shared_demo):
    assert OrganisationalUnit.objects.count() >= 10
    assert OrganisationalUnit.objects.get(code="BOM").name == "Biuro Obsługi Mieszkańców"
    profiles = {p.user.username: p for p in StaffProfile.objects.select_related("user", "unit")}
    assert {"coordinator", "auditor", "owner", "employee"} <= profiles.keys()
    assert profiles["employee"].unit.code == "BOM"
    assert profiles["coordinator"].unit.name == "Biuro Pełnomocnika ds. ISO"
    assert OrganisationalUnit.objects.filter(head__username="owner").exists()
    assert all(profile.position for profile in profiles.values())


@pytest.mark.django_db
def test_demo_has_processes_of_every_kind_with_full_cards(shared_demo):
    processes = Process.objects.prefetch_related("units", "interacts_with", "risks", "measures")
    assert len(processes) >= 15
    assert set(processes.values_list("kind", flat=True)) == set(ProcessKind.values)
    assert Process.objects.owned_by(User.objects.get(username="owner")).count() >= 2
    for process in processes:
        for text in (process.inputs, process.outputs, process.customers, process.resources):
            assert len(text.splitlines()) >= 2, process.code
        assert process.purpose and process.scope, process.code
        assert process.units.all() and process.interacts_with.all(), process.code
        assert 1 <= len(process.risks.all()) <= 3, process.code
        assert 1 <= len(process.measures.all()) <= 2, process.code


@pytest.mark.django_db
def test_demo_interactions_between_processes_go_both_ways(shared_demo):
    for process in Process.objects.prefetch_related("interacts_with"):
        for other in process.interacts_with.all():
            assert process in other.interacts_with.all()


@pytest.mark.django_db
def test_demo_risks_cover_every_level_and_measures_both_meet_and_miss(shared_demo):
    assert {risk.level for risk in ProcessRisk.objects.all()} == set(RiskLevel)
    for measure in ProcessMeasure.objects.prefetch_related("values"):
        values = measure.values.all()
        assert 4 <= len(values) <= 8, measure.name
        assert all(value.period_end < today() for value in values)
    values = MeasureValue.objects.select_related("measure")
    verdicts = Counter(value.meets_target for value in values)
    assert verdicts[True] and verdicts[False]


@pytest.mark.django_db
def test_demo_has_documents_in_every_state(shared_demo):
    documents = Document.objects.all()
    assert documents.count() >= 40
    assert set(documents.values_list("kind", flat=True)) == set(DocumentKind.values)
    assert documents.filter(status=DocumentStatus.WITHDRAWN).count() >= 1
    withdrawn = documents.get(status=DocumentStatus.WITHDRAWN)
    assert withdrawn.withdrawal_reason and withdrawn.withdrawn_by
    assert not withdrawn.versions.filter(status=VersionStatus.IN_FORCE).exists()
    statuses = Counter(DocumentVersion.objects.values_list("status", flat=True))
    assert statuses[VersionStatus.DRAFT] + statuses[VersionStatus.IN_REVIEW] >= 1
    # Something for the coordinator to approve: a version in review they did not write.
    waiting = DocumentVersion.objects.filter(status=VersionStatus.IN_REVIEW)
    assert waiting.exclude(author__username="coordinator").exists()
    assert statuses[VersionStatus.SUPERSEDED] >= 40
    assert Document.objects.review_due().count() >= 3
    assert Document.objects.in_force().count() > Document.objects.review_due().count()
    assert documents.filter(owner__username="owner").exists()
    assert all(document.process_id for document in documents)


@pytest.mark.django_db
def test_demo_documents_have_at_most_one_version_in_force_and_a_consistent_history(shared_demo):
    for document in Document.objects.prefetch_related("versions"):
        versions = sorted(document.versions.all(), key=lambda v: v.revision)
        assert [v.revision for v in versions] == list(range(1, len(versions) + 1))
        in_force = [v for v in versions if v.status == VersionStatus.IN_FORCE]
        assert len(in_force) <= 1, document.code
        for version in versions:
            if version.approver_id:
                assert version.approver_id != version.author_id
                assert version.approved_at.date() <= version.effective_on
                # Only an edition still waiting for its day has a date in force after today.
                assert (version.effective_on >= today()) == (
                    version.status == VersionStatus.SCHEDULED
                ), document.code
            if version.status == VersionStatus.SUPERSEDED:
                # Superseded as the next approved edition's first day began: no day between.
                following = next(
                    v for v in versions if v.revision > version.revision and v.approver_id
                )
                assert timezone.localtime(version.superseded_at) == datetime.datetime.combine(
                    following.effective_on,
                    datetime.time.min,
                    tzinfo=timezone.get_current_timezone(),
                ), document.code


@pytest.mark.django_db
def test_demo_files_are_valid_pdfs_matching_their_checksums(shared_demo):
    versions = DocumentVersion.objects.select_related("document")
    assert versions
    for version in versions:
        with version.file.open("rb") as stored:
            data = stored.read()
        assert hashlib.sha256(data).hexdigest() == version.sha256
        assert len(data) == version.file_size
        assert data.startswith(b"%PDF-")
        assert version.content_type == "application/pdf"
        reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
        assert len(reader.pages) == 1
        text = reader.pages[0].extract_text()
        if version.document.code in SCANS:  # a picture of the page, found by its title only
            assert (text, version.content, version.content_state) == ("", "", ContentState.NO_TEXT)
            continue
        assert version.document.code in text
        assert f"Wydanie {version.revision}" in text
        # The search has the page's text, read when the demo uploaded the file.
        assert (version.content, version.content_state) == (clean(text), ContentState.TEXT)


@pytest.mark.django_db
def test_demo_search_text_finds_quality_documents_without_diacritics(shared_demo):
    found = set(search(Document.objects.all(), "jakosci").values_list("code", flat=True))
    assert {"KJ", "PJ"} <= found
    assert search(Document.objects.all(), "PR-01").filter(code="PR-01").exists()
    # A document still only in draft is found by its code and title too.
    for draft_only in Document.objects.exclude(versions__status__in=["in_force", "superseded"]):
        assert search(Document.objects.all(), draft_only.code).filter(pk=draft_only.pk).exists()
        assert search(Document.objects.all(), draft_only.title).filter(pk=draft_only.pk).exists()


@pytest.mark.django_db
def test_demo_employee_confirmed_reading_some_versions(shared_demo):
    confirmations = ReadConfirmation.objects.filter(user__username="employee").select_related(
        "version"
    )
    assert confirmations.filter(version__status=VersionStatus.IN_FORCE).count() >= 2
    # An older edition read before the new one came into force: the new one is still to read.
    assert confirmations.filter(version__status=VersionStatus.SUPERSEDED).exists()


@pytest.mark.django_db
def test_demo_policy_in_force_and_representative_are_the_demo_s_own_on_an_empty_database(
    shared_demo,
):
    policies = QualityPolicy.objects.order_by("version")
    assert [p.status for p in policies] == ["superseded", "in_force"]
    in_force = policies.get(version=2)
    assert in_force.put_in_force_at.date() == in_force.approved_on
    earlier = Representative.objects.get(full_name="Anna Przykładowa")
    assert (earlier.is_current, earlier.ended_on) == (False, datetime.date(2016, 12, 31))


@pytest.mark.django_db
def test_demo_has_an_edition_approved_to_come_into_force_in_a_few_days(shared_demo):
    (scheduled,) = DocumentVersion.objects.filter(status=VersionStatus.SCHEDULED)
    assert 0 < (scheduled.effective_on - today()).days <= 7
    in_force = scheduled.document.versions.get(status=VersionStatus.IN_FORCE)
    assert in_force.revision == scheduled.revision - 1
    # The employee has read the edition in force; the scheduled one is theirs to read next.
    assert in_force.read_confirmations.filter(user__username="employee").exists()
