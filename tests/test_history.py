"""The change history ("rejestr zmian"): each change of a quality record says who, when, what."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from certificates.models import Certificate, CertificateStatus
from qms import history, roles, services
from qms.models import (
    Document,
    DocumentStatus,
    PolicyStatus,
    QualityRecord,
    RecordDeletionError,
    VersionStatus,
)
from tests import factories
from tests.conftest import load_demo


def history_url(record_type, record):
    return reverse("intranet:record_history", args=[record_type, record.pk])


def certificate_form(certificate, **changes):
    data = {
        "number": certificate.number,
        "body": certificate.body_id,
        "standard": certificate.standard,
        "scope": certificate.scope,
        "issued_on": certificate.issued_on.isoformat(),
        "valid_from": certificate.valid_from.isoformat(),
        "valid_until": certificate.valid_until.isoformat(),
        "status": certificate.status,
        "status_changed_on": "",
    }
    return {**data, **changes}


def concrete_subclasses(cls):
    for sub in cls.__subclasses__():
        if not sub._meta.abstract:
            yield sub
        yield from concrete_subclasses(sub)


def test_every_quality_record_and_account_keeps_a_change_history():
    models = [
        *concrete_subclasses(QualityRecord),
        apps.get_model("qms.ReadConfirmation"),
        apps.get_model("qms.StaffProfile"),
        User,
    ]
    assert len(models) >= 21
    for model in models:
        assert history.history_model(model) is not None, model.__name__
    # Every record with a history can have its page: a slug names each of them.
    named = {history.record_model(slug) for slug in history.RECORD_TYPES}
    assert set(models) <= named


def test_the_history_never_keeps_the_password_hash_nor_the_last_sign_in():
    tracked = {field.name for field in User.history.model.tracked_fields}
    assert "password" not in tracked and "last_login" not in tracked
    fields = {field.name for field in User.history.model._meta.fields}
    assert "password" not in fields and "last_login" not in fields


@pytest.mark.django_db
def test_a_changed_password_or_a_sign_in_leaves_no_trace_in_the_history(client, make_user):
    user = make_user("anna", first_name="Anna")
    rows = user.history.count()
    user.set_password("another long password 123")
    user.save()
    client.force_login(user)  # stamps last_login
    assert user.history.count() == rows
    stored = list(User.history.model.objects.values())
    assert not any(user.password in str(value) for row in stored for value in row.values())


@pytest.mark.django_db
def test_coordinator_edit_of_a_certificate_is_recorded_and_shown_old_to_new(client_as, coordinator):
    certificate = factories.certificate(scope="stary zakres")
    client = client_as(coordinator)
    response = client.post(
        reverse("certificates:certificate_update", args=[certificate.pk]),
        certificate_form(
            certificate,
            scope="nowy zakres",
            status=CertificateStatus.SUSPENDED,
            status_changed_on="2025-01-10",
        ),
    )
    assert response.status_code == 302
    latest = certificate.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == coordinator
    assert latest.scope == "nowy zakres"

    page = client.get(history_url("certificate", certificate))
    assert page.status_code == 200
    entry = page.context["entries"][0]
    assert entry.who == "coordinator"
    changes = {change.label: (change.old, change.new) for change in entry.changes}
    assert changes[_("scope of certification").capitalize()] == ("stary zakres", "nowy zakres")
    # Choice labels, not the stored codes.
    assert changes[_("status").capitalize()] == (_("valid"), _("suspended"))
    html = page.content.decode()
    assert "nowy zakres" in html and "stary zakres" in html
    assert certificate.number in html
    assert f'href="{certificate.get_absolute_url()}"' in html


@pytest.mark.django_db
def test_saving_a_record_unchanged_adds_no_history_row(coordinator):
    certificate = factories.certificate()
    assert certificate.history.count() == 1
    certificate.save()
    assert certificate.history.count() == 1
    certificate.scope = "inny zakres"
    certificate.save()
    assert certificate.history.count() == 2


@pytest.mark.django_db
def test_superseding_a_version_records_both_versions_and_who(make_user):
    author, approver = make_user("author"), make_user("approver")
    document = factories.document()
    first = factories.version_in_force(document, author=author, approver=approver)
    second = factories.version_in_force(document, author=author, approver=approver)
    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED
    superseded = first.history.first()
    assert superseded.status == VersionStatus.SUPERSEDED
    assert superseded.history_user == approver
    assert [row.status for row in second.history.all()] == [
        VersionStatus.IN_FORCE,
        VersionStatus.IN_REVIEW,
        VersionStatus.DRAFT,
    ]
    assert [row.history_user for row in second.history.all()] == [approver, author, author]


@pytest.mark.django_db
def test_a_document_history_includes_its_versions(client_as, coordinator, make_user):
    author, approver = make_user("author"), make_user("approver")
    document = factories.document()
    factories.version_in_force(document, author=author, approver=approver)
    factories.version_in_force(document, author=author, approver=approver)
    response = client_as(coordinator).get(history_url("document", document))
    assert response.status_code == 200
    records = [entry.record for entry in response.context["entries"]]
    assert _("edition %(revision)s") % {"revision": 1} in records
    assert _("edition %(revision)s") % {"revision": 2} in records
    assert _("the document") in records
    superseded = [
        entry
        for entry in response.context["entries"]
        if any(change.new == _("superseded") for change in entry.changes)
    ]
    assert superseded and superseded[0].who == "approver"


@pytest.mark.django_db
def test_withdrawing_a_document_records_who_withdrew_it_and_its_versions(coordinator, make_user):
    author, approver = make_user("author"), make_user("approver")
    document = factories.document()
    version = factories.version_in_force(document, author=author, approver=approver)
    services.document_withdraw(document=document, user=coordinator, reason="Nieaktualny.")
    assert document.history.first().status == DocumentStatus.WITHDRAWN
    assert document.history.first().history_user == coordinator
    assert version.history.first().status == VersionStatus.WITHDRAWN
    assert version.history.first().history_user == coordinator
    sources = history.sources(document)
    keys = list(history.timeline(sources))
    whats = {entry.what for entry in history.entries(sources, keys)}
    assert pgettext("change history", "withdrawn") in whats


@pytest.mark.django_db
def test_putting_a_policy_in_force_records_the_superseded_one(coordinator):
    old = factories.policy(status=PolicyStatus.IN_FORCE)
    new = factories.policy(status=PolicyStatus.DRAFT)
    services.policy_put_in_force(policy=new, user=coordinator)
    assert old.history.first().status == PolicyStatus.SUPERSEDED
    assert old.history.first().history_user == coordinator
    assert new.history.first().history_user == coordinator


@pytest.mark.django_db
def test_many_to_many_changes_show_the_names(client_as, coordinator):
    first, second = factories.org_unit(name="Wydział A"), factories.org_unit(name="Wydział B")
    document = factories.document(concerned_units=[first])
    services.document_update(document=document, concerned_units=[first, second])
    response = client_as(coordinator).get(history_url("document", document))
    changes = [change for entry in response.context["entries"] for change in entry.changes]
    units = [c for c in changes if c.label == _("units it concerns").capitalize()]
    assert units and units[0].old == str(first) and units[0].new == f"{first}; {second}"


@pytest.mark.django_db
def test_history_rows_cannot_be_deleted():
    certificate = factories.certificate()
    with pytest.raises(RecordDeletionError):
        certificate.history.first().delete()


@pytest.mark.django_db
def test_history_rows_cannot_be_deleted_in_bulk_either():
    certificate = factories.certificate()
    with pytest.raises(RecordDeletionError):
        certificate.history.all().delete()
    assert certificate.history.count() == 1


@pytest.mark.django_db
def test_unknown_record_type_or_record_is_not_found(client_as, coordinator):
    client = client_as(coordinator)
    assert client.get("/intranet/history/password/1/").status_code == 404
    assert client.get("/intranet/history/certificate/999/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("changes", [2, 30])
def test_history_page_queries_do_not_grow_with_changes(
    client_as, coordinator, django_assert_num_queries, changes
):
    certificate = factories.certificate()
    bodies = [factories.body(), factories.body()]
    for n in range(changes):
        certificate.scope = f"zakres {n}"
        certificate.body = bodies[n % 2]
        certificate._history_user = coordinator
        certificate.save()
    client = client_as(coordinator)
    # Session, user, 2× permissions, the certificate; count, page; rows, predecessors; bodies
    # named; the organisation (base.html).
    with django_assert_num_queries(11):
        response = client.get(history_url("certificate", certificate))
    assert response.status_code == 200
    assert len(response.context["entries"]) == min(changes + 1, 25)


@pytest.mark.django_db
@pytest.mark.parametrize("changes", [2, 30])
def test_document_history_queries_do_not_grow_with_changes(
    client_as, coordinator, make_user, django_assert_num_queries, changes
):
    author, approver = make_user("author"), make_user("approver")
    document = factories.document(concerned_units=[factories.org_unit()])
    for _n in range(changes // 2):
        factories.version_in_force(document, author=author, approver=approver)
    # The document's own change is the newest: both kinds of rows are on the first page.
    services.document_update(document=document, concerned_units=[factories.org_unit()])
    client = client_as(coordinator)
    with django_assert_num_queries(15):
        response = client.get(history_url("document", document))
    assert response.status_code == 200


@pytest.mark.django_db
def test_public_metryczka_shows_the_last_change_of_a_shown_record(client):
    factories.organisation()
    certificate = factories.certificate()
    first = client.get(reverse("public:quality_page")).context["last_change"]
    assert first == certificate.history.first().history_date
    certificate.scope = "zakres po zmianie"
    certificate.save()
    later = client.get(reverse("public:quality_page")).context["last_change"]
    assert later == certificate.history.first().history_date > first
    # Only the date: nobody's name comes from the history to the public page.
    detail = client.get(certificate.get_absolute_url())
    assert detail.context["last_change"] == later


@pytest.mark.django_db
def test_public_metryczka_names_no_one_who_changed_a_record(client, make_user):
    editor = make_user("edytor", first_name="Zbigniew", last_name="Edytorski")
    factories.organisation()
    certificate = factories.certificate()
    certificate.scope = "zmieniony"
    certificate._history_user = editor
    certificate.save()
    html = client.get(reverse("public:quality_page")).content.decode()
    assert "Edytorski" not in html and "edytor" not in html


@pytest.mark.django_db
def test_links_to_the_change_history_are_shown_to_the_coordinator_only(
    client_as, coordinator, employee, make_user
):
    author, approver = make_user("author"), make_user("approver")
    document = factories.document(process=factories.process())
    factories.version_in_force(document, author=author, approver=approver)
    url = history_url("document", document)
    page = client_as(coordinator).get(document.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page
    page = client_as(employee).get(document.get_absolute_url()).content.decode()
    assert f'href="{url}"' not in page


@pytest.mark.django_db
def test_coordinator_role_may_view_the_change_history(coordinator, employee):
    assert "qms.view_change_history" in roles.ROLE_PERMISSIONS[roles.COORDINATOR]
    assert coordinator.has_perm("qms.view_change_history")
    assert not employee.has_perm("qms.view_change_history")


# --- The demo data, loaded once for the tests below ---------------------------------------------


@pytest.mark.django_db
def test_every_record_type_has_a_page(client, shared_demo):
    """One record of each kind the demo has: each history page opens."""
    client.force_login(User.objects.get(username="coordinator"))
    for slug in history.RECORD_TYPES:
        record = history.record_model(slug)._default_manager.first()
        if record is None:
            continue
        response = client.get(history_url(slug, record))
        assert response.status_code == 200, slug
        assert response.context["entries"], slug


@pytest.mark.django_db
def test_demo_records_have_a_created_row_and_a_second_load_adds_none(shared_demo):
    for model in history.tracked_models():
        manager = history.history_model(model)._default_manager
        missing = model._default_manager.exclude(pk__in=manager.values("id"))
        assert not missing.exists(), model.__name__

    def counts():
        return {model: history.history_model(model).objects.count() for model in models}

    models = history.tracked_models()
    rows = counts()
    load_demo()
    assert counts() == rows


@pytest.mark.django_db
def test_demo_version_history_is_dated_when_it_was_created(shared_demo):
    document = Document.objects.filter(versions__status=VersionStatus.SUPERSEDED).first()
    version = document.versions.get(revision=1)
    created = version.history.last()
    assert created.history_type == "+"
    assert created.history_date == version.created_at
    assert created.history_date < datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(
        days=30
    )
    assert Certificate.history.count() >= 1
