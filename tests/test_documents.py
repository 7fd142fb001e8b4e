"""The register of controlled documents: what each role is shown, the workflow, uploads, PDFs,
reminders."""

import datetime
import importlib
import io
import threading
import time

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext

from qms import roles, services
from qms.forms.documents import DocumentCreateForm
from qms.forms.fields import LONGEST_SELECT
from qms.forms.versions import VersionForm
from qms.models import (
    Document,
    DocumentKind,
    DocumentStatus,
    DocumentVersion,
    OrganisationalUnit,
    Process,
    ProcessKind,
    ReadConfirmation,
    StaffProfile,
    VersionStatus,
    default_next_review,
    today,
)
from qms.search import index, search
from qms.uploads import download_name
from tests import factories
from tests.helpers import messages_of, pdf_pages, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    return factories.org_unit(code="WRU", name="Wydział Rozwoju"), factories.org_unit(code="WA")


@pytest.fixture
def records(owner, coordinator, employee, units, make_user):
    """A document of the owner's process with editions 1 (superseded), 2 (in force) and 3 (in
    review); a second one of that process with only an edition in force; a third of another
    process. The employee works in the unit the first document concerns."""
    unit, other_unit = units
    approver = make_user("approver", roles.COORDINATOR)
    own_process = factories.process(owner=owner)
    other_process = factories.process(owner=make_user("other_owner", roles.PROCESS_OWNER))
    StaffProfile.objects.create(user=employee, unit=unit, position="inspektor")

    main = factories.document(
        code="PR-03",
        title="Nadzór nad udokumentowaną informacją",
        process=own_process,
        unit=unit,
        concerned_units=[unit],
    )
    superseded = factories.version_in_force(main, author=owner, approver=coordinator)
    in_force = factories.version_in_force(main, author=owner, approver=coordinator)
    in_review = factories.draft_version(main, author=owner)
    services.version_submit(version=in_review, user=owner)

    second = factories.document(code="PR-04", process=own_process, unit=unit)
    factories.version_in_force(second, author=owner, approver=coordinator)
    foreign = factories.document(code="IN-01", process=other_process, unit=other_unit)
    factories.version_in_force(foreign, author=coordinator, approver=approver)
    return {
        "doc": main.pk,
        "second": second.pk,
        "foreign": foreign.pk,
        "superseded": superseded.pk,
        "in_force": in_force.pk,
        "in_review": in_review.pk,
    }


# What each role is shown (who may open and post each page: tests/test_permission_matrix.py)


def test_employee_sees_only_documents_in_force(client_as, employee, owner, records):
    draft_only = factories.document(code="KJ-01", title="Księga jakości (projekt)")
    factories.draft_version(draft_only, author=owner)
    client = client_as(employee)
    response = client.get(reverse("intranet:document_list"))
    assert [d.code for d in response.context["page_obj"]] == ["IN-01", "PR-03", "PR-04"]
    assert client.get(draft_only.get_absolute_url()).status_code == 403
    detail = client.get(reverse("intranet:document_detail", args=[records["doc"]]))
    assert detail.context["versions"] == [] and detail.context["work"] is None
    assert reverse("intranet:version_download", args=[records["in_review"]]).encode() not in (
        detail.content
    )


def test_coordinator_sees_drafts_and_the_history(client_as, coordinator, records):
    response = client_as(coordinator).get(
        reverse("intranet:document_detail", args=[records["doc"]])
    )
    assert [v.revision for v in response.context["versions"]] == [3, 2, 1]
    assert response.context["work"].pk == records["in_review"]
    assert response.context["can_approve"]
    assert reverse("intranet:version_approve", args=[records["in_review"]]).encode() in (
        response.content
    )


def test_download_is_an_attachment_with_a_safe_name(client_as, employee, records):
    response = client_as(employee).get(
        reverse("intranet:version_download", args=[records["in_force"]])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="PR-03_wyd2.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == factories.PDF_BYTES


def test_download_name_is_ascii_whatever_the_code(owner, coordinator):
    document = factories.document(code="KJ/Ł 01")
    odt = factories.office_upload("księga.odt", [], "application/vnd.oasis.opendocument.text")
    version = factories.draft_version(document, author=owner, upload=odt)
    assert download_name(version) == "KJ-01_wyd1.odt"


# --- The workflow ---------------------------------------------------------------------------


def test_owner_creates_submits_and_the_coordinator_approves(
    client_as, owner, coordinator, units, settings
):
    process = factories.process(owner=owner)
    client = client_as(owner)
    response = client.post(
        reverse("intranet:document_create"),
        {
            "code": "PR-07",
            "title": "Obsługa skarg i wniosków",
            "kind": DocumentKind.PROCEDURE,
            "process": process.pk,
            "unit": units[0].pk,
            "owner": owner.pk,
            "concerned_units": [units[0].pk, units[1].pk],
            "change_summary": "Pierwsze wydanie.",
            "file": factories.pdf_upload("Procedura skarg.pdf"),
        },
    )
    document = Document.objects.get(code="PR-07")
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    first = document.versions.get()
    assert (first.revision, first.status, first.author) == (1, VersionStatus.DRAFT, owner)
    assert first.original_name == "Procedura_skarg.pdf"
    assert first.sha256 == __import__("hashlib").sha256(factories.PDF_BYTES).hexdigest()
    assert first.file.name.startswith("documents/") and "skarg" not in first.file.name
    assert set(document.concerned_units.all()) == set(units)

    # Saving a draft does not send it for approval: the author releases it.
    assert client.post(reverse("intranet:version_submit", args=[first.pk])).status_code == 302
    first.refresh_from_db()
    assert first.status == VersionStatus.IN_REVIEW and first.submitted_at is not None

    # The author cannot approve their own version.
    assert client.get(reverse("intranet:version_approve", args=[first.pk])).status_code == 403

    client = client_as(coordinator)
    response = client.post(
        reverse("intranet:version_approve", args=[first.pk]),
        {"effective_on": "2026-02-01", "next_review_on": ""},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == VersionStatus.IN_FORCE
    assert (first.approver, first.reviewer) == (coordinator, coordinator)
    assert first.approved_at is not None
    assert (first.effective_on, first.next_review_on) == (
        datetime.date(2026, 2, 1),
        datetime.date(2027, 2, 1),
    )

    # The second edition supersedes the first, in one step.
    client = client_as(owner)
    client.post(
        reverse("intranet:version_create", args=[document.pk]),
        {"change_summary": "Skrócono termin odpowiedzi.", "file": factories.pdf_upload()},
    )
    second = document.versions.get(revision=2)
    client.post(reverse("intranet:version_submit", args=[second.pk]))
    client_as(coordinator).post(
        reverse("intranet:version_approve", args=[second.pk]),
        {"effective_on": "2026-06-01", "next_review_on": "2026-12-31"},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (VersionStatus.SUPERSEDED, VersionStatus.IN_FORCE)
    assert first.superseded_at is not None
    assert second.next_review_on == datetime.date(2026, 12, 31)
    # The summary of changes is searchable, in any form of its words.
    assert search(Document.objects.all(), "skrócony termin").get() == document

    # Superseded versions stay, read-only: nothing but their history is shown.
    detail = client_as(coordinator).get(document.get_absolute_url())
    assert [v.revision for v in detail.context["changes"]] == [1, 2]
    assert b"Karta zmian" in detail.content or b"Change sheet" in detail.content


def test_owner_cannot_create_a_document_for_another_process(client_as, owner, units):
    factories.process(owner=owner)
    foreign = factories.process()
    response = client_as(owner).post(
        reverse("intranet:document_create"),
        {
            "code": "PR-08",
            "title": "Cudzy proces",
            "kind": DocumentKind.PROCEDURE,
            "process": foreign.pk,
            "unit": units[0].pk,
            "change_summary": "Pierwsze wydanie.",
            "file": factories.pdf_upload(),
        },
    )
    assert response.status_code == 200
    assert "process" in response.context["form"].errors
    assert not Document.objects.filter(code="PR-08").exists()


def test_owner_without_a_process_cannot_open_the_new_document_form(client_as, owner):
    assert client_as(owner).get(reverse("intranet:document_create")).status_code == 403


def test_approval_with_a_review_date_before_the_date_in_force_is_refused(
    client_as, coordinator, records
):
    response = client_as(coordinator).post(
        reverse("intranet:version_approve", args=[records["in_review"]]),
        {"effective_on": "2026-02-01", "next_review_on": "2026-01-01"},
    )
    assert response.status_code == 200
    assert "next_review_on" in response.context["form"].errors
    assert DocumentVersion.objects.get(pk=records["in_review"]).status == VersionStatus.IN_REVIEW


def test_service_refuses_a_review_date_not_after_the_date_in_force(records, make_user):
    version = DocumentVersion.objects.get(pk=records["in_review"])
    approver = make_user("second_coordinator", roles.COORDINATOR)
    with pytest.raises(ValidationError) as error:
        services.version_approve(
            version=version,
            user=approver,
            effective_on=datetime.date(2026, 3, 1),
            next_review_on=datetime.date(2026, 3, 1),
        )
    assert "next_review_on" in error.value.message_dict


def test_author_cannot_approve_even_as_coordinator(client_as, coordinator, make_user):
    document = factories.document()
    version = factories.draft_version(document, author=coordinator)
    services.version_submit(version=version, user=coordinator)
    client = client_as(coordinator)
    assert client.get(reverse("intranet:version_approve", args=[version.pk])).status_code == 403
    with pytest.raises(ValidationError):
        services.version_approve(version=version, user=coordinator)


def test_returned_version_goes_back_to_its_author_as_a_draft(client_as, coordinator, records):
    client = client_as(coordinator)
    response = client.post(
        reverse("intranet:version_return", args=[records["in_review"]]), {"comment": ""}
    )
    assert response.status_code == 200 and "comment" in response.context["form"].errors
    client.post(
        reverse("intranet:version_return", args=[records["in_review"]]),
        {"comment": "Uzupełnij podstawę prawną."},
    )
    version = DocumentVersion.objects.get(pk=records["in_review"])
    assert version.status == VersionStatus.DRAFT
    assert (version.reviewer, version.review_comment) == (coordinator, "Uzupełnij podstawę prawną.")


def test_one_draft_at_a_time(client_as, owner, records):
    client = client_as(owner)
    response = client.get(reverse("intranet:version_create", args=[records["doc"]]))
    assert response.status_code == 302
    response = client.post(
        reverse("intranet:version_create", args=[records["doc"]]),
        {"change_summary": "Jeszcze jedno.", "file": factories.pdf_upload()},
        follow=True,
    )
    assert DocumentVersion.objects.filter(document_id=records["doc"]).count() == 3
    assert "draft" in str(list(response.context["messages"])[0]) or "projekt" in str(
        list(response.context["messages"])[0]
    )
    document = Document.objects.get(pk=records["doc"])
    with pytest.raises(ValidationError):
        factories.draft_version(document, author=owner)


def test_withdrawn_draft_stays_in_the_history_and_frees_the_place(client_as, owner, records):
    client = client_as(owner)
    client.post(reverse("intranet:version_withdraw", args=[records["in_review"]]))
    assert DocumentVersion.objects.get(pk=records["in_review"]).status == VersionStatus.WITHDRAWN
    response = client.get(reverse("intranet:version_create", args=[records["doc"]]))
    assert response.status_code == 200


def test_withdrawing_a_document_keeps_it_and_its_history(client_as, coordinator, employee, records):
    client = client_as(coordinator)
    url = reverse("intranet:document_withdraw", args=[records["doc"]])
    assert "reason" in client.post(url, {"reason": " "}).context["form"].errors
    assert client.post(url, {"reason": "Zastąpiony przez PR-09."}).status_code == 302
    document = Document.objects.get(pk=records["doc"])
    assert document.status == DocumentStatus.WITHDRAWN
    assert (document.withdrawn_by, document.withdrawal_reason) == (
        coordinator,
        "Zastąpiony przez PR-09.",
    )
    assert document.withdrawn_at is not None
    statuses = dict(document.versions.values_list("revision", "status"))
    assert statuses == {1: "superseded", 2: "withdrawn", 3: "withdrawn"}
    # Nothing is deleted, and nobody can change it any more.
    assert not roles.can_author_document(coordinator, document)
    assert client.get(reverse("intranet:document_update", args=[document.pk])).status_code == 302
    # Staff no longer see it, nor download its last edition.
    client = client_as(employee)
    assert client.get(document.get_absolute_url()).status_code == 403
    download = reverse("intranet:version_download", args=[records["in_force"]])
    assert client.get(download).status_code == 403


def test_editing_a_document_refreshes_its_search_text(client_as, coordinator, records, units):
    document = Document.objects.get(pk=records["doc"])
    response = client_as(coordinator).post(
        reverse("intranet:document_update", args=[document.pk]),
        {
            "code": "PR-03",
            "title": "Nadzór nad dokumentacją SZJ",
            "kind": DocumentKind.PROCEDURE,
            "process": document.process_id,
            "unit": units[0].pk,
            "concerned_units": [units[1].pk],
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert "dokumentacja szj" in document.search_text
    assert list(document.concerned_units.all()) == [units[1]]


# --- Read confirmations ---------------------------------------------------------------------


def test_staff_of_a_concerned_unit_confirm_reading_and_the_coordinator_sees_who(
    client_as, employee, coordinator, records, units
):
    colleague = factories.staff_user("kolega", unit=units[0], role=roles.EMPLOYEE)
    factories.staff_user("obcy", unit=units[1], role=roles.EMPLOYEE)
    client = client_as(employee)
    detail = client.get(reverse("intranet:document_detail", args=[records["doc"]]))
    assert detail.context["may_confirm"]
    confirm = reverse("intranet:version_confirm_read", args=[records["in_force"]])
    assert client.post(confirm).status_code == 302
    assert client.post(confirm).status_code == 302  # twice is harmless
    confirmation = ReadConfirmation.objects.get()
    assert (confirmation.user, confirmation.version_id) == (employee, records["in_force"])
    detail = client.get(reverse("intranet:document_detail", args=[records["doc"]]))
    assert detail.context["read_confirmation"] == confirmation
    assert not detail.context["may_confirm"]

    response = client_as(coordinator).get(
        reverse("intranet:version_readers", args=[records["in_force"]])
    )
    rows = {p.user.username: p.confirmed_at for p in response.context["staff"]}
    assert set(rows) == {"employee", "kolega"}
    assert rows["employee"] == confirmation.confirmed_at and rows["kolega"] is None
    assert (response.context["confirmed"], response.context["not_confirmed"]) == (1, 1)
    assert colleague.username.encode() in response.content


def test_a_new_edition_in_force_is_to_be_read_again_by_who_read_the_previous_one(
    client_as, employee, owner, coordinator, records, units
):
    document = factories.document(code="IN-07", process=None, unit=units[0])
    document.concerned_units.set([units[0]])
    first = factories.version_in_force(document, author=owner, approver=coordinator)
    client = client_as(employee)

    def to_read():
        return to_read_on_home(client, document.pk)

    def asked_to_confirm(version):
        page = client.get(document.get_absolute_url()).content.decode()
        return f'action="{reverse("intranet:version_confirm_read", args=[version.pk])}"' in page

    assert to_read() == [first.pk] and asked_to_confirm(first)
    client.post(reverse("intranet:version_confirm_read", args=[first.pk]))
    assert to_read() == [] and not asked_to_confirm(first)

    second = factories.version_in_force(document, author=owner, approver=coordinator)
    assert to_read() == [second.pk]
    assert asked_to_confirm(second)
    assert ReadConfirmation.objects.filter(user=employee, version=first).exists()


def test_only_a_version_in_force_can_be_confirmed(client_as, employee, records):
    confirm = reverse("intranet:version_confirm_read", args=[records["superseded"]])
    assert client_as(employee).post(confirm).status_code == 302
    assert not ReadConfirmation.objects.exists()


# --- Editions approved for a later date: scheduled, switched on the day by the daily command ---

DAY = datetime.timedelta(days=1)


@pytest.fixture
def scheduled(records, coordinator, employee):
    """PR-03's edition 3 approved today to come into force in five days; edition 2 is in force,
    and the employee (of the unit it concerns) has confirmed reading it."""
    services.read_confirm(
        version=DocumentVersion.objects.get(pk=records["in_force"]), user=employee
    )
    services.version_approve(
        version=DocumentVersion.objects.get(pk=records["in_review"]),
        user=coordinator,
        effective_on=today() + 5 * DAY,
    )
    return {**records, "scheduled": records["in_review"], "on": today() + 5 * DAY}


def statuses(records):
    return dict(
        DocumentVersion.objects.filter(document_id=records["doc"]).values_list("revision", "status")
    )


def to_read_on_home(client, document_id):
    rows = client.get(reverse("intranet:home")).context["to_read"]
    return [v.pk for v in getattr(rows, "rows", rows) if v.document_id == document_id]


def shown(message, **values):
    """A message as the page shows it (escaped), in the active language."""
    return escape(gettext(message) % values).encode()


def bring_into_force():
    out = io.StringIO()
    call_command("bring_editions_into_force", stdout=out)
    return out.getvalue()


def test_an_edition_approved_for_a_later_date_waits_while_the_one_in_force_stays(
    client_as, employee, scheduled
):
    on = scheduled["on"]
    assert statuses(scheduled) == {1: "superseded", 2: "in_force", 3: "scheduled"}
    edition_3 = DocumentVersion.objects.get(pk=scheduled["scheduled"])
    edition_2 = DocumentVersion.objects.get(pk=scheduled["in_force"])
    assert (edition_3.effective_on, edition_3.approver.username) == (on, "coordinator")
    assert edition_3.next_review_on == default_next_review(on)
    assert edition_2.superseded_at is None
    client = client_as(employee)

    register = client.get(reverse("intranet:document_list"))
    row = next(d for d in register.context["page_obj"] if d.code == "PR-03")
    assert (row.edition, row.version_in_force_id, row.review_on) == (
        2,
        edition_2.pk,
        edition_2.next_review_on,
    )
    assert (row.next_edition, row.next_in_force_from) == (3, on)

    page = client.get(reverse("intranet:document_detail", args=[scheduled["doc"]]))
    assert (page.context["in_force"].pk, page.context["scheduled"].pk) == (
        edition_2.pk,
        edition_3.pk,
    )
    date = date_format(on, "DATE_FORMAT")
    assert shown("Edition %(revision)s comes into force on %(date)s.", revision=3, date=date) in (
        page.content
    )
    # The confirmation asked for is still of edition 2, which the employee has read.
    assert page.context["read_confirmation"].version_id == edition_2.pk
    assert not page.context["may_confirm"]
    assert to_read_on_home(client, scheduled["doc"]) == []

    # Edition 2 is the one to work to; edition 3 may be read beforehand, to prepare.
    download = reverse("intranet:version_download", args=[edition_2.pk])
    assert client.get(download).status_code == 200
    download = reverse("intranet:version_download", args=[edition_3.pk])
    assert download.encode() in page.content
    assert client.get(download).status_code == 200
    # Edition 3 cannot be confirmed as read before it is in force.
    client.post(reverse("intranet:version_confirm_read", args=[edition_3.pk]))
    assert not ReadConfirmation.objects.filter(version=edition_3).exists()

    _reader, pages = pdf_pages(client.get(reverse("intranet:document_register_pdf")))
    short_date = date_format(on, "SHORT_DATE_FORMAT")
    notice = gettext("Edition %(revision)s comes into force on %(date)s.")
    assert notice % {"revision": 3, "date": short_date} in " ".join(pages)


def test_the_day_before_nothing_switches_and_no_page_switches_anything(
    client_as, employee, coordinator, scheduled, travel
):
    travel(scheduled["on"] - DAY)
    assert "0 edition(s) brought into force." in bring_into_force()
    travel(scheduled["on"])
    # On the day, before the daily command runs, pages only read.
    for client in (client_as(employee), client_as(coordinator)):
        client.get(reverse("intranet:document_list"))
        client.get(reverse("intranet:document_detail", args=[scheduled["doc"]]))
        client.get(reverse("intranet:home"))
    assert statuses(scheduled) == {1: "superseded", 2: "in_force", 3: "scheduled"}


def test_on_its_day_the_command_brings_the_edition_into_force_once(
    client_as, employee, scheduled, travel
):
    on = scheduled["on"]
    edition_2 = DocumentVersion.objects.get(pk=scheduled["in_force"])
    edition_3 = DocumentVersion.objects.get(pk=scheduled["scheduled"])
    history_rows = edition_2.history.count(), edition_3.history.count()
    travel(on)

    out = bring_into_force()
    assert f"PR-03: edition 3 in force from {on.isoformat()}; edition 2 superseded" in out
    assert "1 edition(s) brought into force." in out
    assert statuses(scheduled) == {1: "superseded", 2: "superseded", 3: "in_force"}
    edition_2.refresh_from_db()
    # Superseded as edition 3's first day began, in the office's time zone.
    assert timezone.localtime(edition_2.superseded_at) == timezone.make_aware(
        datetime.datetime.combine(on, datetime.time.min)
    )
    # The change history tells both steps; nobody acted, the approval took effect.
    assert (edition_2.history.count(), edition_3.history.count()) == tuple(
        n + 1 for n in history_rows
    )
    for version, status in ((edition_2, "superseded"), (edition_3, "in_force")):
        row = version.history.first()
        assert (row.status, row.history_type, row.history_user) == (status, "~", None)

    # Everywhere edition 3 is now the one in force, and the employee is asked to read it.
    client = client_as(employee)
    register = client.get(reverse("intranet:document_list"))
    row = next(d for d in register.context["page_obj"] if d.code == "PR-03")
    assert (row.edition, row.next_edition, row.review_on) == (3, None, edition_3.next_review_on)
    page = client.get(reverse("intranet:document_detail", args=[scheduled["doc"]]))
    assert page.context["in_force"].pk == edition_3.pk and page.context["scheduled"] is None
    assert page.context["may_confirm"]
    assert to_read_on_home(client, scheduled["doc"]) == [edition_3.pk]

    # Run again (a second timer, send_reminders after it): nothing more happens.
    assert "0 edition(s) brought into force." in bring_into_force()
    assert services.editions_come_into_force() == []
    assert (edition_2.history.count(), edition_3.history.count()) == tuple(
        n + 1 for n in history_rows
    )


def test_a_late_run_switches_an_edition_whose_day_has_passed(scheduled, travel):
    travel(scheduled["on"] + 3 * DAY)
    (switched, previous), *others = services.editions_come_into_force()
    assert others == [] and (switched.pk, previous.pk) == (
        scheduled["scheduled"],
        scheduled["in_force"],
    )
    previous.refresh_from_db()
    assert timezone.localdate(previous.superseded_at) == scheduled["on"]


def test_send_reminders_brings_the_editions_due_into_force_first(scheduled, travel):
    travel(scheduled["on"])
    call_command("send_reminders", stdout=io.StringIO())
    assert statuses(scheduled)[3] == "in_force"


def test_approving_with_today_s_date_brings_the_edition_into_force_at_once(coordinator, records):
    version = services.version_approve(
        version=DocumentVersion.objects.get(pk=records["in_review"]),
        user=coordinator,
        effective_on=today(),
    )
    assert version.status == VersionStatus.IN_FORCE
    assert statuses(records) == {1: "superseded", 2: "superseded", 3: "in_force"}
    assert "0 edition(s) brought into force." in bring_into_force()


def test_approving_another_edition_while_one_is_scheduled_is_refused(
    client_as, owner, coordinator, scheduled
):
    document = Document.objects.get(pk=scheduled["doc"])
    # A fourth edition may be drafted and reviewed meanwhile, but not approved.
    fourth = factories.draft_version(document, author=owner)
    services.version_submit(version=fourth, user=owner)
    client = client_as(coordinator)
    url = reverse("intranet:version_approve", args=[fourth.pk])
    date = date_format(scheduled["on"], "DATE_FORMAT")
    refusal = shown(
        "Edition %(revision)s is already approved to come into force on %(date)s. "
        "Approve this one once that date has come.",
        revision=3,
        date=date,
    )
    assert refusal in client.get(url).content
    for effective_on in (today(), scheduled["on"] + 30 * DAY):
        response = client.post(url, {"effective_on": effective_on.isoformat()})
        assert response.status_code == 200 and refusal in response.content
    assert statuses(scheduled) == {
        1: "superseded",
        2: "in_force",
        3: "scheduled",
        4: "in_review",
    }


def test_approving_once_the_scheduled_edition_s_day_has_come_switches_it_first(
    owner, coordinator, scheduled, travel
):
    document = Document.objects.get(pk=scheduled["doc"])
    fourth = factories.draft_version(document, author=owner)
    services.version_submit(version=fourth, user=owner)
    travel(scheduled["on"])  # and the daily command has not run yet
    services.version_approve(version=fourth, user=coordinator)
    assert statuses(scheduled) == {1: "superseded", 2: "superseded", 3: "superseded", 4: "in_force"}


def test_the_approver_is_told_when_the_edition_comes_into_force(client_as, coordinator, records):
    on = today() + 5 * DAY
    response = client_as(coordinator).post(
        reverse("intranet:version_approve", args=[records["in_review"]]),
        {"effective_on": on.isoformat()},
        follow=True,
    )
    expected = gettext(
        "Edition %(revision)s of %(code)s is approved and comes into force on %(date)s; "
        "until then the edition in force stays in force."
    ) % {"revision": 3, "code": "PR-03", "date": date_format(on, "DATE_FORMAT")}
    assert expected in messages_of(response)


def test_the_database_refuses_a_second_scheduled_edition(owner, coordinator, scheduled):
    document = Document.objects.get(pk=scheduled["doc"])
    fourth = factories.draft_version(document, author=owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentVersion.objects.filter(pk=fourth.pk).update(
            status=VersionStatus.SCHEDULED,
            approver=coordinator,
            approved_at=timezone.now(),
            effective_on=scheduled["on"] + DAY,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentVersion.objects.filter(pk=fourth.pk).update(status="postponed")


def test_staff_see_a_document_whose_first_edition_comes_into_force_later(
    client_as, employee, owner, coordinator, units
):
    document = factories.document(code="IN-09", unit=units[0], concerned_units=[units[0]])
    StaffProfile.objects.create(user=employee, unit=units[0])
    first = factories.version_in_force(
        document, author=owner, approver=coordinator, effective_on=today() + 2 * DAY
    )
    assert first.status == VersionStatus.SCHEDULED
    client = client_as(employee)
    row = client.get(reverse("intranet:document_list")).context["page_obj"][0]
    assert (row.code, row.edition, row.next_edition) == ("IN-09", None, 1)
    page = client.get(document.get_absolute_url())
    assert page.status_code == 200 and page.context["scheduled"] == first
    assert "may_confirm" not in page.context
    assert to_read_on_home(client, document.pk) == []
    _reader, pages = pdf_pages(client.get(reverse("intranet:document_register_pdf")))
    assert "IN-09" not in " ".join(pages)
    registry = client_as(coordinator).get(
        reverse("intranet:document_list"), {"status": "scheduled"}
    )
    assert [d.code for d in registry.context["page_obj"]] == ["IN-09"]


def test_a_withdrawn_document_s_scheduled_edition_never_comes_into_force(
    client_as, employee, coordinator, scheduled, travel
):
    services.document_withdraw(
        document=Document.objects.get(pk=scheduled["doc"]), user=coordinator, reason="Zbędny."
    )
    download = reverse("intranet:version_download", args=[scheduled["scheduled"]])
    assert client_as(employee).get(download).status_code == 403
    travel(scheduled["on"])
    assert "0 edition(s) brought into force." in bring_into_force()
    assert not DocumentVersion.objects.filter(
        document_id=scheduled["doc"], status=VersionStatus.IN_FORCE
    ).exists()


def test_migration_puts_editions_brought_into_force_too_early_back_on_schedule(
    coordinator, records
):
    """Before scheduling, an edition approved for a later date came into force at once."""
    migration = importlib.import_module("qms.migrations.0010_scheduled_editions")
    edition_3 = DocumentVersion.objects.get(pk=records["in_review"])
    services.version_approve(version=edition_3, user=coordinator, effective_on=today() + 7 * DAY)
    DocumentVersion.objects.filter(pk=records["in_force"]).update(
        status=VersionStatus.SUPERSEDED, superseded_at=timezone.now()
    )
    DocumentVersion.objects.filter(pk=records["in_review"]).update(status=VersionStatus.IN_FORCE)
    rows = DocumentVersion.history.count()

    migration.schedule_future_editions(django_apps, None)

    assert statuses(records) == {1: "superseded", 2: "in_force", 3: "scheduled"}
    assert DocumentVersion.objects.get(pk=records["in_force"]).superseded_at is None
    assert DocumentVersion.history.count() == rows + 2
    assert DocumentVersion.history.filter(id=records["in_force"]).first().status == "in_force"
    assert DocumentVersion.history.filter(id=records["in_review"]).first().status == "scheduled"


def published(document):
    return Document.objects.values_list("is_published", flat=True).get(pk=document.pk)


def test_a_document_is_published_to_staff_while_an_edition_is_in_force_or_scheduled(
    client_as, employee, owner, coordinator
):
    """Document.is_published, which the register counts staff's documents by, follows every
    change of its editions' status."""
    document = factories.document(code="IN-10")
    draft = factories.draft_version(document, author=owner)
    assert not published(document)
    services.version_submit(version=draft, user=owner)
    services.version_approve(version=draft, user=coordinator, effective_on=today() + 3 * DAY)
    assert published(document)  # scheduled: staff read it beforehand
    services.editions_come_into_force(on=today() + 3 * DAY)
    assert published(document)
    factories.draft_version(document, author=owner)
    assert published(document)  # a draft beside the edition in force changes nothing
    services.document_withdraw(document=document, user=coordinator, reason="Zbędny.")
    assert not published(document)
    assert (
        client_as(employee)
        .get(reverse("intranet:document_list"))
        .context["page_obj"]
        .paginator.count
        == 0
    )


def test_migration_marks_the_documents_staff_see(owner, coordinator):
    migration = importlib.import_module("qms.migrations.0015_document_is_published")
    in_force = factories.document(code="IN-11")
    factories.version_in_force(in_force, author=owner, approver=coordinator)
    scheduled = factories.document(code="IN-12")
    factories.version_in_force(
        scheduled, author=owner, approver=coordinator, effective_on=today() + DAY
    )
    draft = factories.document(code="IN-13")
    factories.draft_version(draft, author=owner)
    Document.objects.update(is_published=False)  # as the new column starts

    migration.mark_published(django_apps, None)

    assert [published(d) for d in (in_force, scheduled, draft)] == [True, True, False]


def test_register_pages_count_once_and_a_page_past_the_end_shows_the_last(
    client_as, employee, owner, coordinator
):
    bulk_documents(120, author=owner, approver=coordinator)
    client = client_as(employee)
    register = reverse("intranet:document_list")
    second = client.get(register, {"page": 2}).context["page_obj"]
    assert (second.number, second.paginator.count, second.paginator.num_pages) == (2, 120, 3)
    assert [d.code for d in second][:2] == ["D-00050", "D-00051"]
    for stale in ("9", "-1", "abc"):
        page = client.get(register, {"page": stale}).context["page_obj"]
        assert page.paginator.count == 120
        assert page.number == (3 if stale == "9" else 1)
    empty = client.get(register, {"q": "nic takiego"}).context["page_obj"]
    assert (empty.paginator.count, list(empty)) == (0, [])


# --- Bad uploads: refused with a clear message, nothing stored ------------------------------

BAD_UPLOADS = [
    (
        "text renamed to .pdf",
        lambda: SimpleUploadedFile("x.pdf", b"just text, not a PDF"),
        "bad_type",
    ),
    (
        "PDF signature without its end",
        lambda: SimpleUploadedFile("x.pdf", b"%PDF-1.4 cut"),
        "not_pdf",
    ),
    (
        "executable named .docx",
        lambda: SimpleUploadedFile("x.docx", b"MZ\x90\x00" + b"\0" * 64),
        "bad_type",
    ),
    (
        "zip that is not OOXML",
        lambda: factories.office_upload("x.docx", ["readme.txt"]),
        "bad_type",
    ),
    (
        "not a zip at all after PK",
        lambda: SimpleUploadedFile("x.xlsx", b"PK\x03\x04garbage"),
        "bad_type",
    ),
]


@pytest.mark.parametrize(("_label", "make_upload", "code"), BAD_UPLOADS)
def test_bad_upload_is_refused_and_nothing_is_stored(
    client_as, owner, records, settings, _label, make_upload, code
):
    client = client_as(owner)
    before = stored_files(settings.MEDIA_ROOT)
    response = client.post(
        reverse("intranet:version_create", args=[records["second"]]),
        {"change_summary": "Zła próba.", "file": make_upload()},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["file"]
    assert [e.code for e in errors] == [code]
    assert escape(errors[0].messages[0]).encode() in response.content
    assert stored_files(settings.MEDIA_ROOT) == before
    assert DocumentVersion.objects.filter(document_id=records["second"]).count() == 1


def test_oversized_file_is_refused(client_as, owner, records, settings):
    settings.MAX_UPLOAD_SIZE = 1024
    before = stored_files(settings.MEDIA_ROOT)
    response = client_as(owner).post(
        reverse("intranet:version_create", args=[records["second"]]),
        {
            "change_summary": "Za duży.",
            "file": factories.pdf_upload(content=factories.PDF_BYTES + b"x" * 2048),
        },
    )
    errors = response.context["form"].errors.as_data()["file"]
    assert [e.code for e in errors] == ["too_large"]
    assert escape(errors[0].messages[0]).encode() in response.content
    assert stored_files(settings.MEDIA_ROOT) == before


@pytest.mark.parametrize("name", ["..\\x.pdf", "x\x07.pdf", "x\n.pdf", "pro\u202ecod.pdf"])
def test_file_name_with_a_folder_or_control_characters_is_refused_by_the_form(
    owner, records, settings, name
):
    before = stored_files(settings.MEDIA_ROOT)
    form = VersionForm(
        data={"change_summary": "Zła nazwa."}, files={"file": factories.pdf_upload(name)}
    )
    assert not form.is_valid()
    errors = form.errors.as_data()["file"]
    assert [e.code for e in errors] == ["bad_name"]
    assert "control characters" in errors[0].messages[0] or "sterujących" in errors[0].messages[0]
    assert stored_files(settings.MEDIA_ROOT) == before


@pytest.mark.parametrize("name", ["../x.pdf", "../../etc/passwd.pdf", "a/b.pdf", "x\x00.pdf"])
def test_service_refuses_a_file_name_that_climbs_folders(owner, records, settings, name):
    """Files that do not come through an upload (an import from disk, a script) keep their
    name as given: the service refuses it before anything is written."""
    document = Document.objects.get(pk=records["second"])
    before = stored_files(settings.MEDIA_ROOT)
    with pytest.raises(ValidationError) as error:
        services.version_create_draft(
            document=document,
            upload=File(io.BytesIO(factories.PDF_BYTES), name=name),
            change_summary="Zła nazwa.",
            author=owner,
        )
    assert error.value.code == "bad_name"
    assert stored_files(settings.MEDIA_ROOT) == before
    assert document.versions.count() == 1


def test_a_name_with_a_path_sent_over_http_never_leaves_the_storage(
    client, owner, records, settings
):
    """Django's upload parser keeps only the last part of the name the browser sends; the file
    is then stored under a generated name, inside the private storage."""
    client.force_login(owner)
    boundary = "BoUnDaRy"
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="change_summary"\r\n\r\nNazwa.\r\n'
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="file"; filename="../../etc/x.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + factories.PDF_BYTES
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = client.generic(
        "POST",
        reverse("intranet:version_create", args=[records["second"]]),
        body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 302
    version = DocumentVersion.objects.get(document_id=records["second"], revision=2)
    assert version.original_name == "x.pdf"
    path = (settings.MEDIA_ROOT / version.file.name).resolve()
    assert path.is_relative_to(settings.MEDIA_ROOT.resolve()) and path.exists()


def test_new_document_with_a_bad_file_is_not_registered(client_as, coordinator, units, settings):
    response = client_as(coordinator).post(
        reverse("intranet:document_create"),
        {
            "code": "F-01",
            "title": "Formularz",
            "kind": DocumentKind.FORM,
            "unit": units[0].pk,
            "change_summary": "Pierwsze wydanie.",
            "file": SimpleUploadedFile("f.pdf", b"not a pdf"),
        },
    )
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert not Document.objects.exists() and stored_files(settings.MEDIA_ROOT) == []


def test_office_formats_are_recognised_by_content(owner, coordinator, settings):
    document = factories.document()
    upload = factories.office_upload("arkusz.bin", ["[Content_Types].xml", "xl/workbook.xml"], None)
    version = factories.draft_version(document, author=owner, upload=upload)
    assert version.content_type.endswith("spreadsheetml.sheet")
    assert version.file.name.endswith(".xlsx")


def test_document_create_form_checks_the_file(owner):
    form = DocumentCreateForm(
        data={"code": "X-1", "title": "X", "kind": "form"},
        files={"file": SimpleUploadedFile("x.pdf", b"no")},
        user=owner,
    )
    assert not form.is_valid() and "file" in form.errors


# --- Two approvals at once: PostgreSQL's row locks and partial unique index; on SQLite, writing
# transactions that take the database's write lock when they begin (IMMEDIATE) ------------------


def run_together(*actions):
    """Run the actions in threads released at the same moment; return what each returned."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(i, action):
        try:
            barrier.wait()
            results[i] = action()
        except Exception as error:  # the outcome to compare
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_approvers_at_once_bring_exactly_one_version_into_force(make_user):
    author = make_user("author", roles.PROCESS_OWNER)
    first, second = make_user("c1", roles.COORDINATOR), make_user("c2", roles.COORDINATOR)
    document = factories.document()
    factories.version_in_force(document, author=author, approver=first)
    version = factories.draft_version(document, author=author)
    services.version_submit(version=version, user=author)

    results = run_together(
        lambda: services.version_approve(version=version, user=first),
        lambda: services.version_approve(version=version, user=second),
    )
    assert sorted(type(r).__name__ for r in results) == ["DocumentVersion", "ValidationError"]
    assert document.versions.filter(status=VersionStatus.IN_FORCE).get().revision == 2
    assert document.versions.get(revision=1).status == VersionStatus.SUPERSEDED


@pytest.mark.django_db(transaction=True)
def test_two_versions_brought_into_force_at_once_leave_exactly_one(make_user):
    """Even bypassing the services' lock, the database keeps one version in force."""
    author = make_user("author", roles.PROCESS_OWNER)
    document = factories.document()
    now = timezone.now()
    versions = [
        factories.version_in_force(document, author=author, approver=make_user(f"c{i}"))
        for i in range(2)
    ]
    DocumentVersion.objects.filter(pk__in=[v.pk for v in versions]).update(
        status=VersionStatus.SUPERSEDED, superseded_at=now
    )

    def bring_into_force(version):
        def action():
            with transaction.atomic():
                DocumentVersion.objects.filter(pk=version.pk).update(status=VersionStatus.IN_FORCE)
                time.sleep(0.2)  # the other one now waits on this row's index entry
            return version.revision

        return action

    results = run_together(*(bring_into_force(v) for v in versions))
    assert sorted(type(r).__name__ for r in results) == ["IntegrityError", "int"]
    assert any(isinstance(r, IntegrityError) for r in results)
    assert document.versions.filter(status=VersionStatus.IN_FORCE).count() == 1


# --- Reviews due and reminders --------------------------------------------------------------


@pytest.fixture
def overdue(owner, coordinator, make_user):
    """Two documents of the owner's process past review, one owned by 'kierownik', one current."""
    process = factories.process(owner=owner)
    manager = make_user("kierownik", roles.PROCESS_OWNER, email="kierownik@example.org")
    owner.email = "owner@example.org"
    owner.save()
    past = today() - datetime.timedelta(days=400)
    documents = {}
    for code, doc_owner in [("PR-01", None), ("PR-02", None), ("PR-05", manager)]:
        document = factories.document(code=code, process=process, owner=doc_owner)
        factories.version_in_force(document, author=owner, approver=coordinator, effective_on=past)
        documents[code] = document
    current = factories.document(code="PR-06", process=process)
    factories.version_in_force(current, author=owner, approver=coordinator)
    return documents


def test_reviews_page_lists_documents_past_review_and_my_approvals(
    client_as, coordinator, owner, overdue, records
):
    response = client_as(coordinator).get(reverse("intranet:document_reviews"))
    assert [d.code for d in response.context["page_obj"]] == ["PR-01", "PR-02", "PR-05"]
    assert all(d.review_due for d in response.context["page_obj"])
    assert [v.pk for v in response.context["waiting"]] == [records["in_review"]]
    # The author has nothing waiting for their approval.
    response = client_as(owner).get(reverse("intranet:document_reviews"))
    assert list(response.context["waiting"]) == [] and not response.context["may_approve"]


def test_register_flags_documents_past_review(client_as, employee, overdue):
    response = client_as(employee).get(reverse("intranet:document_list"))
    flags = {d.code: d.review_due for d in response.context["page_obj"]}
    assert flags == {"PR-01": True, "PR-02": True, "PR-05": True, "PR-06": False}
    assert response.content.count(b"badge text-bg-warning") == 3


def test_send_reminders_emails_each_owner_their_documents(overdue, mailoutbox):
    out = io.StringIO()
    call_command("send_reminders", "--base-url", "https://jakosc.example.org/", stdout=out)
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert set(by_recipient) == {"owner@example.org", "kierownik@example.org"}
    owner_mail = by_recipient["owner@example.org"]
    assert "PR-01" in owner_mail.body and "PR-02" in owner_mail.body
    assert "PR-05" not in owner_mail.body and "PR-06" not in owner_mail.body
    assert f"https://jakosc.example.org{overdue['PR-01'].get_absolute_url()}" in owner_mail.body
    assert "\n" not in owner_mail.subject and "2" in owner_mail.subject
    assert "PR-05" in by_recipient["kierownik@example.org"].body
    assert "3 item(s) due; 2 e-mail(s) sent." in out.getvalue()


def test_send_reminders_reports_owners_it_cannot_reach(overdue, mailoutbox, owner):
    owner.email = ""
    owner.save()
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert [m.to for m in mailoutbox] == [["kierownik@example.org"]]
    assert "No e-mail address for owner: PR-01, PR-02" in out.getvalue()


# --- The register of documents in force as a PDF --------------------------------------------


def test_register_pdf_lists_documents_in_force_in_polish_and_is_tagged(
    client_as, employee, owner, coordinator
):
    factories.organisation()
    book = factories.document(code="KJ-01", title="Księga Jakości", kind=DocumentKind.QUALITY_BOOK)
    factories.version_in_force(
        book, author=owner, approver=coordinator, effective_on=datetime.date(2025, 7, 14)
    )
    procedure = factories.document(code="PR-11", title="Obsługa skarg i wniosków mieszkańców")
    factories.version_in_force(procedure, author=owner, approver=coordinator)
    draft_only = factories.document(code="PR-12", title="Projekt procedury")
    factories.draft_version(draft_only, author=owner)

    response = client_as(employee).get(reverse("intranet:document_register_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "wykaz-dokumentow-obowiazujacych-" in response["Content-Disposition"]
    reader, pages = pdf_pages(response)
    text = " ".join(pages)
    title = gettext("Register of documents in force")  # 'Wykaz dokumentów obowiązujących'
    assert reader.metadata.title.startswith(title)
    for expected in [
        title,
        "Urząd Miejski w Zabrzu",
        "KJ-01",
        "Księga Jakości",
        "14.07.2025",
        "14.07.2026",
        "Obsługa skarg i wniosków mieszkańców",
    ]:
        assert expected in text
    assert "PR-12" not in text
    assert text.index("KJ-01") < text.index("PR-11")  # grouped by kind, the quality book first
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "pl"
    assert "/StructTreeRoot" in root


# --- Speed: the same number of queries however many rows ------------------------------------


def bulk_documents(n, *, author, approver, versions=1, **document_fields):
    """n documents (bulk-created), each with `versions` editions, the last one in force."""
    process = factories.process(owner=author)
    unit = factories.org_unit()
    documents = Document.objects.bulk_create(
        [
            Document(
                code=f"D-{i:05d}",
                title=f"Dokument {i}",
                search_text=index(f"D-{i:05d}", f"Dokument {i}"),
                is_published=True,  # its last edition is in force, as the services would record
                kind=DocumentKind.PROCEDURE,
                process=process,
                unit=unit,
                **document_fields,
            )
            for i in range(n)
        ]
    )
    now, day = timezone.now(), datetime.date(2020, 1, 1)
    DocumentVersion.objects.bulk_create(
        [
            DocumentVersion(
                document=document,
                revision=revision,
                change_summary=f"Zmiana {revision}",
                file="documents/x.pdf",
                sha256="0" * 64,
                content_type="application/pdf",
                status=VersionStatus.IN_FORCE if revision == versions else VersionStatus.SUPERSEDED,
                author=author,
                approver=approver,
                reviewer=approver,
                approved_at=now,
                effective_on=day,
                next_review_on=day + datetime.timedelta(days=365),
            )
            for document in documents
            for revision in range(1, versions + 1)
        ]
    )
    return documents


# The page's keys with the count, the page's rows, and with a query the beginnings of the texts
# of the page's editions, cut into snippets (qms.filters.register_page).
@pytest.mark.parametrize(("role", "queries"), [("coordinator", 10), ("employee", 10)])
@pytest.mark.parametrize("rows", [10, 1000])
def test_register_queries_do_not_grow_with_rows(
    request, client_as, django_assert_num_queries, owner, coordinator, role, queries, rows
):
    bulk_documents(rows, author=owner, approver=coordinator)
    client = client_as(request.getfixturevalue(role))
    with django_assert_num_queries(queries):
        response = client.get(reverse("intranet:document_list"), {"q": "dokument"})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == rows


@pytest.mark.parametrize(("role", "queries"), [("coordinator", 10), ("employee", 10)])
@pytest.mark.parametrize("versions", [2, 30])
def test_document_detail_queries_do_not_grow_with_versions(
    request, client_as, django_assert_num_queries, owner, coordinator, role, queries, versions
):
    (document,) = bulk_documents(1, author=owner, approver=coordinator, versions=versions)
    unit = factories.org_unit()
    document.concerned_units.set([unit])
    user = request.getfixturevalue(role)
    StaffProfile.objects.create(user=user, unit=unit)
    client = client_as(user)
    with django_assert_num_queries(queries):
        response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["changes"]) == versions


def submit_next_editions(documents, *, author):
    """A second edition of each of `documents`, submitted for review (bulk-created)."""
    DocumentVersion.objects.bulk_create(
        DocumentVersion(
            document=document,
            revision=2,
            change_summary="Zmiana 2",
            file="documents/x.pdf",
            sha256="0" * 64,
            content_type="application/pdf",
            status=VersionStatus.IN_REVIEW,
            author=author,
            submitted_by=author,
            submitted_at=timezone.now(),
        )
        for document in documents
    )


# Each list: its count and its page.
@pytest.mark.parametrize("rows", [10, 1000])
def test_reviews_page_queries_do_not_grow_with_rows(
    client_as, django_assert_num_queries, owner, coordinator, rows
):
    documents = bulk_documents(rows, author=owner, approver=coordinator)
    submit_next_editions(documents, author=owner)
    client = client_as(coordinator)
    with django_assert_num_queries(9):
        response = client.get(reverse("intranet:document_reviews"))
    assert response.context["page_obj"].paginator.count == rows
    assert response.context["waiting"].paginator.count == rows
    assert len(response.context["waiting"]) == min(rows, 50)


def test_reviews_page_pages_each_list_on_its_own(client_as, owner, coordinator):
    documents = bulk_documents(60, author=owner, approver=coordinator)
    submit_next_editions(documents[:55], author=owner)
    client = client_as(coordinator)
    reviews = reverse("intranet:document_reviews")

    response = client.get(reviews, {"waiting_page": 2, "page": 2})
    assert [v.document.code for v in response.context["waiting"]] == [
        f"D-{i:05d}" for i in range(50, 55)
    ]
    assert [d.code for d in response.context["page_obj"]][0] == "D-00050"
    html = response.content.decode()
    # Each list's links keep the other's page; each navigation is named for its list.
    assert 'href="?waiting_page=1&amp;page=2"' in html
    assert 'href="?waiting_page=2&amp;page=1"' in html
    assert html.count("<nav aria-label=") == 3  # the breadcrumbs and the two lists
    for careless in ({"waiting_page": "abc"}, {"waiting_page": "99999", "page": "-1"}):
        response = client.get(reviews, careless)
        assert response.status_code == 200
        assert len(response.context["waiting"]) in (50, 5)


# --- The register's filters in a large office ---------------------------------------------------


def add_processes_and_units(n):
    Process.objects.bulk_create(
        Process(code=f"X-{i:04d}", name=f"Proces {i}", kind=ProcessKind.CORE) for i in range(n)
    )
    OrganisationalUnit.objects.bulk_create(
        OrganisationalUnit(code=f"K{i:04d}", name=f"Komórka {i}") for i in range(n)
    )


# The page's keys with the count, the page's rows, the processes and the units (at most 101
# each), and the unit chosen.
@pytest.mark.parametrize("records", [3, 150])
def test_register_filters_cost_the_same_queries_with_few_or_many_processes_and_units(
    client_as, coordinator, owner, django_assert_num_queries, records
):
    (document,) = bulk_documents(1, author=owner, approver=coordinator)
    add_processes_and_units(records)
    client = client_as(coordinator)
    with django_assert_num_queries(10):
        response = client.get(reverse("intranet:document_list"), {"unit": document.unit_id})
    assert [d.code for d in response.context["page_obj"]] == [document.code]
    html = response.content.decode()
    # A few are listed, as in the demo's office; more are typed by their code.
    listed = records < LONGEST_SELECT
    assert ('<select name="process"' in html) is listed
    assert ('<input type="text" name="process"' in html) is not listed
    # The same form renders the same again (the widget lists its records for one rendering).
    form = response.context["filter"].form
    assert str(form["process"]) == str(form["process"])


def test_a_large_office_types_the_code_of_a_process_or_unit_in_the_register(
    client_as, coordinator, owner
):
    documents = bulk_documents(2, author=owner, approver=coordinator)
    process = documents[0].process
    other_unit = factories.org_unit(code="ZZZ", name="Inna komórka")
    other = factories.document(code="IN-01", process=factories.process(), unit=other_unit)
    add_processes_and_units(LONGEST_SELECT)
    client = client_as(coordinator)
    register = reverse("intranet:document_list")

    html = client.get(register).content.decode()
    assert '<input type="text" name="process"' in html
    assert 'aria-describedby="id_process_code_hint"' in html
    assert 'id="id_process_code_hint"' in html

    # Typed in any case, shown as the register writes it.
    response = client.get(register, {"process": f" {process.code.lower()} "})
    assert [d.code for d in response.context["page_obj"]] == ["D-00000", "D-00001"]
    assert f'name="process" value="{process.code}"' in response.content.decode()
    # A link names the unit by its key (OrganisationalUnit.get_documents_url): shown by code.
    response = client.get(register, {"unit": other_unit.pk})
    assert [d.code for d in response.context["page_obj"]] == [other.code]
    assert 'name="unit" value="ZZZ"' in response.content.decode()

    # An unknown code is said so; the other filters still apply.
    response = client.get(register, {"process": "NIE-MA", "unit": "zzz"})
    assert response.status_code == 200
    assert [d.code for d in response.context["page_obj"]] == [other.code]
    said = gettext("No process has the code %(value)s.") % {"value": "NIE-MA"}
    assert escape(said) in response.content.decode()
    for careless in ("99999999999999999999", "0", "-1", "'; --", "x" * 300):
        response = client.get(register, {"process": careless, "unit": careless})
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == 3


def test_a_code_in_the_address_is_chosen_in_a_short_select(client_as, coordinator, owner):
    (document,) = bulk_documents(1, author=owner, approver=coordinator)
    response = client_as(coordinator).get(
        reverse("intranet:document_list"), {"process": document.process.code.lower()}
    )
    assert [d.code for d in response.context["page_obj"]] == [document.code]
    assert f'<option value="{document.process_id}" selected>' in response.content.decode()


def test_a_search_still_applies_when_a_filter_is_refused(client_as, coordinator, owner):
    bulk_documents(3, author=owner, approver=coordinator)
    response = client_as(coordinator).get(
        reverse("intranet:document_list"), {"q": "D-00001", "process": "NIE-MA"}
    )
    assert [d.code for d in response.context["page_obj"]] == ["D-00001"]


@pytest.mark.parametrize("rows", [2, 30])
def test_readers_page_queries_do_not_grow_with_staff(
    client_as, django_assert_num_queries, owner, coordinator, rows
):
    (document,) = bulk_documents(1, author=owner, approver=coordinator)
    unit = factories.org_unit()
    document.concerned_units.set([unit])
    for i in range(rows):
        factories.staff_user(f"pracownik{i}", unit=unit)
    version = document.versions.get()
    client = client_as(coordinator)
    with django_assert_num_queries(7):
        response = client.get(reverse("intranet:version_readers", args=[version.pk]))
    assert response.context["not_confirmed"] == rows


def test_every_workflow_step_records_who_and_when(coordinator, owner, make_user):
    document = factories.document()
    draft = factories.draft_version(document, author=owner)
    services.version_submit(version=draft, user=owner)
    returned = services.version_return(version=draft, user=coordinator, comment="Popraw zakres.")
    assert (returned.submitted_by, returned.reviewer) == (owner, coordinator)
    assert returned.submitted_at and returned.reviewed_at
    services.version_submit(version=returned, user=owner)
    approved = services.version_approve(version=returned, user=coordinator)
    assert (approved.approver, approved.reviewer) == (coordinator, coordinator)
    assert approved.approved_at == approved.reviewed_at
    abandoned = factories.draft_version(document, author=owner)
    abandoned = services.version_withdraw_draft(version=abandoned, user=owner)
    assert (abandoned.withdrawn_by, abandoned.status) == (owner, VersionStatus.WITHDRAWN)
    assert abandoned.withdrawn_at is not None
    services.document_withdraw(document=document, user=coordinator, reason="Zastąpiona.")
    approved.refresh_from_db()
    assert (approved.status, approved.withdrawn_by) == (VersionStatus.WITHDRAWN, coordinator)


def test_document_with_neither_owner_nor_process_shows_a_dash(client_as, coordinator):
    document = factories.document()
    assert document.owner_id is None and document.process_id is None
    response = client_as(coordinator).get(document.get_absolute_url())
    assert response.status_code == 200
    assert document.responsible is None
