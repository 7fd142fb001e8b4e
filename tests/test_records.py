"""The records' rules, enforced by the database even when the forms are bypassed."""

import datetime

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates.models import Certificate, CertificateStatus
from qms.models import Organisation, PolicyStatus, RecordDeletionError, Representative
from qms.models.base import QualityRecord
from tests import factories

D = datetime.date


def certificates_until_today(body, start):
    """Three-year certificates one after another from `start`, the last one running today
    (a certificate runs at most ten years, so "until 2099" is no longer a date one can type)."""
    today = timezone.localdate()
    while start <= today:
        end = start.replace(year=start.year + 3) - datetime.timedelta(days=1)
        last = factories.certificate(body=body, valid_from=start, valid_until=end)
        start = end + datetime.timedelta(days=1)
    return last


pytestmark = pytest.mark.django_db


def test_database_refuses_certificate_valid_until_before_valid_from():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.certificate(valid_from=D(2024, 7, 1), valid_until=D(2024, 6, 30))


def test_database_refuses_external_audit_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.external_audit(first_day=D(2021, 6, 11), last_day=D(2021, 6, 8))


def test_database_refuses_a_second_current_representative():
    factories.representative()
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.representative(full_name="Druga Osoba")


def test_database_refuses_a_second_policy_in_force():
    factories.policy()
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.policy()


def test_database_refuses_unknown_certificate_status():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.certificate(status="expired")


def test_database_refuses_withdrawal_without_a_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.certificate(status=CertificateStatus.WITHDRAWN)


def test_database_keeps_a_single_organisation():
    factories.organisation()
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(pk=2, name="Druga")


QUALITY_RECORDS = sorted(
    (model for model in apps.get_models() if issubclass(model, QualityRecord)),
    key=lambda model: model._meta.label,
)


@pytest.mark.parametrize("model", QUALITY_RECORDS, ids=lambda model: model._meta.label)
def test_a_quality_record_is_deleted_neither_alone_nor_in_bulk(model):
    with pytest.raises(RecordDeletionError):
        model().delete()
    with pytest.raises(RecordDeletionError):
        model._default_manager.all().delete()


def test_a_refused_deletion_leaves_the_record():
    certificate = factories.certificate()
    with pytest.raises(RecordDeletionError):
        certificate.delete()
    with pytest.raises(RecordDeletionError):
        certificate.body.certificates.all().delete()
    assert Certificate.objects.get() == certificate


def test_expiry_follows_from_the_dates():
    expired = factories.certificate(valid_from=D(2018, 1, 1), valid_until=D(2021, 1, 1))
    assert expired.status == CertificateStatus.VALID
    assert expired.display_status == CertificateStatus.EXPIRED
    assert not expired.is_in_validity
    assert Certificate.objects.current() is None


def test_current_certificate_is_the_one_in_validity_today():
    factories.certificate(valid_from=D(2018, 1, 1), valid_until=D(2021, 1, 1))
    running = certificates_until_today(factories.body(), D(2024, 7, 14))
    assert Certificate.objects.current() == running


def test_held_since_follows_an_unbroken_chain_of_certificates():
    body = factories.body()
    factories.certificate(body=body, valid_from=D(2008, 7, 14), valid_until=D(2011, 7, 13))
    factories.certificate(body=body, valid_from=D(2011, 7, 14), valid_until=D(2014, 7, 13))
    # An overlap of a few days does not break the run either.
    certificates_until_today(body, D(2014, 7, 10))
    assert Certificate.objects.held_since() == D(2008, 7, 14)


def test_a_gap_between_certificates_restarts_the_count():
    body = factories.body()
    factories.certificate(body=body, valid_from=D(2008, 7, 14), valid_until=D(2011, 7, 13))
    certificates_until_today(body, D(2012, 1, 1))
    assert Certificate.objects.held_since() == D(2012, 1, 1)


def test_a_withdrawn_certificate_ends_the_run_on_its_withdrawal_date():
    body = factories.body()
    factories.certificate(
        body=body,
        valid_from=D(2008, 7, 14),
        valid_until=D(2011, 7, 13),
        status=CertificateStatus.WITHDRAWN,
        status_changed_on=D(2010, 1, 1),
    )
    certificates_until_today(body, D(2011, 7, 14))
    assert Certificate.objects.held_since() == D(2011, 7, 14)


def test_no_certificate_in_force_means_no_run():
    factories.certificate(valid_from=D(2008, 7, 14), valid_until=D(2011, 7, 13))
    assert Certificate.objects.held_since() is None


@pytest.mark.parametrize(
    ("phone", "uri"),
    [("(32) 373 33 70", "tel:+48323733370"), ("+48 32 373 33 70", "tel:+48323733370"), ("", "")],
)
def test_representative_phone_becomes_a_tel_uri(phone, uri):
    assert Representative(phone=phone).phone_uri == uri


def test_policy_paragraphs_split_on_blank_lines():
    policy = factories.policy(text="Pierwszy.\r\n\r\nDrugi\nciąg dalszy.\n\n\n")
    assert policy.paragraphs == ["Pierwszy.", "Drugi\nciąg dalszy."]
    assert policy.status == PolicyStatus.IN_FORCE


def test_database_refuses_a_malformed_representative_email():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.representative(email="sekretariat at um.zabrze.pl")
