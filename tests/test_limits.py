"""Bounds on what may be typed in: text lengths and dates (in forms, models and the database),
how many children a record holds, and PDFs that stay printable with every field at its longest."""

import datetime

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.urls import reverse

from audits.models import MAX_ACTIONS, MAX_FINDINGS, MAX_QUESTIONS, AuditStatus, FindingKind
from qms.models import (
    EARLIEST_DATE,
    LATEST_DATE,
    QualityRecord,
    default_next_review,
)
from qms.models.processes import MAX_MEASURES, MAX_RISKS
from tests import factories

pytestmark = pytest.mark.django_db

APPS = ("qms", "audits", "certificates", "surveys")
# A sentence with Polish letters and a line break, repeated to whatever length is asked for.
SENTENCE = "Zażółć gęślą jaźń w urzędzie miejskim: sprawa załatwiona w terminie.\n"


def text_of(length):
    return (SENTENCE * (length // len(SENTENCE) + 1))[:length]


def quality_records():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in APPS and issubclass(model, QualityRecord)
    ]


def test_every_free_text_field_of_a_quality_record_has_a_limit_kept_by_the_database():
    unbounded, unchecked = [], []
    for model in quality_records():
        names = {constraint.name for constraint in model._meta.constraints}
        for field in model._meta.local_fields:
            if not isinstance(field, models.TextField) or not field.editable:
                continue
            label = f"{model._meta.label}.{field.name}"
            if not field.max_length:
                unbounded.append(label)
            elif f"{model._meta.app_label}_{model._meta.model_name}_{field.name}_length" not in (
                names
            ):
                unchecked.append(label)
    assert not unbounded, f"text fields without max_length: {unbounded}"
    assert not unchecked, f"text fields whose limit the database does not check: {unchecked}"


def test_every_date_of_a_quality_record_is_bounded_in_validation_and_in_the_database():
    for model in quality_records():
        names = {constraint.name for constraint in model._meta.constraints}
        for field in model._meta.local_fields:
            if type(field) is not models.DateField:
                continue
            assert f"{model._meta.app_label}_{model._meta.model_name}_{field.name}_in_bounds" in (
                names
            ), f"{model._meta.label}.{field.name}"
            limits = {getattr(v, "limit_value", None) for v in field.validators}
            assert {EARLIEST_DATE, LATEST_DATE} <= limits, f"{model._meta.label}.{field.name}"


def test_the_database_refuses_text_over_its_limit_even_past_the_forms():
    process = factories.process()
    field = process._meta.get_field("purpose")
    process.purpose = text_of(field.max_length)
    process.save()
    process.purpose = text_of(field.max_length + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        process.save()


@pytest.mark.parametrize("day", [datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])
def test_the_database_refuses_a_date_out_of_bounds(day):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.process_risk(review_on=day)


def test_a_form_says_how_long_a_text_may_be(client_as, coordinator):
    process = factories.process()
    client = client_as(coordinator)
    page = client.get(reverse("intranet:process_update", args=[process.pk])).content.decode()
    assert 'maxlength="2000"' in page
    response = client.post(
        reverse("intranet:process_update", args=[process.pk]),
        {
            "code": process.code,
            "name": process.name,
            "kind": process.kind,
            "purpose": "ż" * 2001,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "co najwyżej 2000 znaków" in response.content.decode()
    process.refresh_from_db()
    assert process.purpose == ""


@pytest.mark.parametrize("typed", ["0001-01-01", "9999-12-31", "1989-12-31", "2101-01-01"])
def test_a_form_refuses_a_date_out_of_bounds_with_a_message(client_as, coordinator, typed):
    process = factories.process()
    response = client_as(coordinator).post(
        reverse("intranet:risk_create", args=[process.pk]),
        {
            "kind": "risk",
            "description": "Awaria systemu",
            "likelihood": 2,
            "impact": 3,
            "review_on": typed,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Podaj datę" in page or "Wpisz" in page or "Enter a date" in page
    assert not process.risks.exists()


def test_date_inputs_offer_only_the_dates_a_record_may_carry(client_as, coordinator):
    page = client_as(coordinator).get(reverse("certificates:certificate_create")).content.decode()
    assert 'min="1990-01-01"' in page and 'max="2100-12-31"' in page


def test_the_review_date_after_the_last_possible_day_stays_within_bounds():
    assert default_next_review(LATEST_DATE) == LATEST_DATE
    assert default_next_review(datetime.date(2100, 6, 1)) == LATEST_DATE
    assert default_next_review(datetime.date(2026, 2, 28)) == datetime.date(2027, 2, 28)


def test_a_certificate_cannot_be_valid_for_more_than_ten_years():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.certificate(
            valid_from=datetime.date(2024, 7, 1), valid_until=datetime.date(2036, 7, 1)
        )


# How many children one record holds


def test_a_process_card_holds_a_limited_number_of_risks(client_as, coordinator):
    process = factories.process()
    for n in range(MAX_RISKS):
        factories.process_risk(process=process, description=f"Ryzyko {n}")
    response = client_as(coordinator).post(
        reverse("intranet:risk_create", args=[process.pk]),
        {"kind": "risk", "description": "Jeszcze jedno", "likelihood": 2, "impact": 2},
    )
    assert response.status_code == 200
    assert f"co najwyżej {MAX_RISKS}" in response.content.decode()
    assert process.risks.count() == MAX_RISKS


def test_a_process_card_holds_a_limited_number_of_measures(client_as, coordinator):
    process = factories.process()
    for n in range(MAX_MEASURES):
        factories.process_measure(process=process, name=f"Miernik {n}")
    response = client_as(coordinator).post(
        reverse("intranet:measure_create", args=[process.pk]),
        {"name": "Jeszcze jeden", "direction": "gte", "target": 90, "unit": "%", "frequency": "Q"},
    )
    assert response.status_code == 200
    assert process.measures.count() == MAX_MEASURES


def test_an_audit_records_a_limited_number_of_findings(client_as, coordinator):
    audit = factories.audit(status=AuditStatus.IN_PROGRESS)
    for _ in range(MAX_FINDINGS):
        factories.finding(audit=audit)
    response = client_as(coordinator).post(
        reverse("audits:finding_create", args=[audit.pk]),
        {"kind": FindingKind.OBSERVATION, "description": "Jeszcze jedno ustalenie"},
    )
    assert response.status_code == 200
    assert f"co najwyżej {MAX_FINDINGS}" in response.content.decode()
    assert audit.findings.count() == MAX_FINDINGS


def test_a_checklist_holds_a_limited_number_of_questions(client_as, coordinator):
    audit = factories.audit(status=AuditStatus.IN_PROGRESS)
    for n in range(MAX_QUESTIONS):
        factories.checklist_item(audit=audit, question=f"Pytanie {n}?", order=n)
    response = client_as(coordinator).post(
        reverse("audits:checklist_question_create", args=[audit.pk]),
        {"question": "Jeszcze jedno pytanie?"},
    )
    assert response.status_code == 200
    assert audit.checklist.count() == MAX_QUESTIONS


# Every PDF, with every field at its longest and every record as full as it may be


def fill(instance, **fixed):
    """Every free-text field of `instance` at its longest; `fixed` values kept."""
    for field in instance._meta.local_fields:
        if field.name in fixed or not field.editable or field.choices:
            continue
        if isinstance(field, models.TextField) and field.max_length:
            setattr(instance, field.name, text_of(field.max_length))
    for name, value in fixed.items():
        setattr(instance, name, value)
    instance.save()
    return instance


@pytest.fixture
def longest_records(coordinator):
    """A process card, an audit with its checklist, findings and actions, a certificate with its
    audits and a register of documents, all at their limits."""
    owner = factories.staff_user(first_name="Właściciel", last_name="Procesu")
    process = fill(factories.process(owner=owner))
    for n in range(MAX_RISKS):
        fill(factories.process_risk(process=process, review_on=datetime.date(2027, 1, 1)))
        assert n < MAX_RISKS
    for n in range(MAX_MEASURES):
        measure = factories.process_measure(process=process, name=f"Miernik {n:02d}")
        for month in range(1, 13):
            day = datetime.date(2025, month, 28)
            fill(factories.measure_value(measure=measure, period_end=day))
    audit = fill(factories.audit(status=AuditStatus.REPORTED, processes=[process]))
    for n in range(MAX_QUESTIONS):
        fill(factories.checklist_item(audit=audit, order=n))
    for _ in range(MAX_FINDINGS):
        finding = fill(
            factories.finding(audit=audit, process=process, kind=FindingKind.MINOR),
            kind=FindingKind.MINOR,
        )
        for _ in range(MAX_ACTIONS):
            fill(factories.corrective_action(finding=finding, responsible=owner))
    certificate = fill(factories.certificate())
    for year in range(2024, 2027):
        fill(
            factories.external_audit(
                certificate=certificate,
                body=certificate.body,
                first_day=datetime.date(year, 6, 2),
                last_day=datetime.date(year, 6, 3),
            )
        )
    author = factories.staff_user()
    for _ in range(60):
        document = factories.document(process=process)
        factories.version_in_force(
            document, author=author, approver=coordinator, change_summary=text_of(2000)
        )
    return {"process": process, "audit": audit, "certificate": certificate}


@pytest.mark.slow
def test_every_pdf_prints_with_every_field_at_its_longest(client_as, coordinator, longest_records):
    audit, process = longest_records["audit"], longest_records["process"]
    urls = [
        reverse("public:certificate_pdf", args=[longest_records["certificate"].pk]),
        reverse("intranet:process_pdf", args=[process.pk]),
        reverse("intranet:document_register_pdf"),
        reverse("audits:audit_pdf", args=[audit.pk]),
        reverse("audits:checklist_pdf", args=[audit.pk]),
        reverse("audits:programme_pdf", args=[audit.programme.year]),
        reverse("audits:action_register_pdf"),
        reverse("intranet:risk_pdf"),
    ]
    client = client_as(coordinator)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/pdf", url
        assert bytes(response.content).startswith(b"%PDF-"), url


def test_a_pdf_too_long_to_print_is_refused_with_an_explanation(client_as, coordinator, settings):
    settings.PDF_MAX_HTML = 500
    process = factories.process()
    response = client_as(coordinator).get(
        reverse("intranet:process_pdf", args=[process.pk]),
        HTTP_REFERER="https://evil.example/",
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Zbyt obszerny na jeden plik PDF" in page
    assert "evil.example" not in page
