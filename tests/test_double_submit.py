"""A form sent twice at once (a double click, two tabs, a resent POST) makes one record and never
an error page, on SQLite and on PostgreSQL; two people saving the same unique code at once get
the form back with the uniqueness message."""

import datetime
import threading
import uuid

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audits.models import Audit, AuditStatus, ChecklistItem, CorrectiveAction, Finding, FindingKind
from certificates.models import Certificate, CertificationBody, ExternalAudit
from qms import roles
from qms.models import (
    Document,
    DocumentVersion,
    MeasureValue,
    OrganisationalUnit,
    Process,
    ProcessMeasure,
    ProcessRisk,
    QualityPolicy,
    Representative,
)
from surveys.models import ActionKind, CommentAction, Response
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*requests):
    """Send the requests from threads released at the same moment; return their responses."""
    barrier = threading.Barrier(len(requests))
    answers = [None] * len(requests)

    def send(i, request):
        try:
            barrier.wait()
            answers[i] = request()
        except Exception as error:  # reported by the assertion, not swallowed
            answers[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def office(make_user):
    """The coordinator (who may create every record), an owner and the records forms refer to."""
    coordinator = make_user("coordinator", roles.COORDINATOR, first_name="Anna", last_name="Nowak")
    owner = make_user("owner", roles.PROCESS_OWNER)
    process = factories.process(owner=owner)
    measure = factories.process_measure(process=process)
    certificate = factories.certificate()
    audit = factories.audit(status=AuditStatus.IN_PROGRESS, processes=[process])
    item = factories.checklist_item(audit=audit)
    finding = factories.finding(audit=audit, process=process, kind=FindingKind.MINOR)
    document = factories.document(process=process)
    factories.version_in_force(document, author=owner, approver=coordinator)
    campaign = factories.campaign()
    return {
        "campaign": campaign,
        "question": campaign.questionnaire.groups.get().questions.first(),
        "coordinator": coordinator,
        "owner": owner,
        "process": process,
        "measure": measure,
        "certificate": certificate,
        "audit": audit,
        "item": item,
        "finding": finding,
        "document": document,
        "comment": factories.survey_response(factories.campaign(), comment="Kolejka za długa."),
    }


def pdf_file(name="procedura.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, factories.PDF_BYTES, content_type="application/pdf")


def due_in_a_month():
    return (timezone.localdate() + datetime.timedelta(days=30)).isoformat()


# name: (URL name, the record the URL names, the POST data, the model whose rows are counted)
FORMS = {
    "unit": (
        "intranet:unit_create",
        None,
        lambda o: {"code": "WZ", "name": "Wydział Z", "kind": "department", "is_active": "on"},
        OrganisationalUnit,
    ),
    "process": (
        "intranet:process_create",
        None,
        lambda o: {"code": "P-90", "name": "Nowy proces", "kind": "core", "is_active": "on"},
        Process,
    ),
    "risk": (
        "intranet:risk_create",
        "process",
        lambda o: {"kind": "risk", "description": "Awaria", "likelihood": 2, "impact": 3},
        ProcessRisk,
    ),
    "measure": (
        "intranet:measure_create",
        "process",
        lambda o: {
            "name": "Nowy miernik",
            "direction": "gte",
            "target": 90,
            "unit": "%",
            "frequency": "quarterly",
            "is_active": "on",
        },
        ProcessMeasure,
    ),
    "measure value": (
        "intranet:measurevalue_create",
        "measure",
        lambda o: {"period_end": "2026-09-30", "value": 97},
        MeasureValue,
    ),
    "document": (
        "intranet:document_create",
        None,
        lambda o: {
            "code": "IN-90",
            "title": "Instrukcja",
            "kind": "instruction",
            "process": o["process"].pk,
            "unit": o["document"].unit_id,
            "owner": o["coordinator"].pk,
            "change_summary": "Pierwsze wydanie.",
            "file": pdf_file(),
        },
        Document,
    ),
    "edition": (
        "intranet:version_create",
        "document",
        lambda o: {"change_summary": "Drugie wydanie.", "file": pdf_file()},
        DocumentVersion,
    ),
    "representative": (
        "intranet:representative_create",
        None,
        lambda o: {
            "full_name": "Jan Kowalski",
            "title": "Pełnomocnik Prezydenta Miasta ds. ISO",
            "email": "jan.kowalski@example.org",
            "phone": "32 000 00 00",
            "appointed_on": "2026-01-02",
            "appointed_by": "Prezydent Miasta",
        },
        Representative,
    ),
    "policy": (
        "intranet:policy_create",
        None,
        lambda o: {"version": 1, "text": "Polityka jakości.", "approved_by": "Prezydent Miasta"},
        QualityPolicy,
    ),
    "body": (
        "certificates:body_create",
        None,
        lambda o: {"name": "Nowa jednostka", "is_active": "on"},
        CertificationBody,
    ),
    "certificate": (
        "certificates:certificate_create",
        None,
        lambda o: {
            "number": "PL-NEW/2026",
            "body": o["certificate"].body_id,
            "standard": "PN-EN ISO 9001:2015-10",
            "scope": "Zakres",
            "issued_on": "2026-07-01",
            "valid_from": "2026-07-14",
            "valid_until": "2029-07-13",
            "status": "valid",
        },
        Certificate,
    ),
    "external audit": (
        "certificates:externalaudit_create",
        None,
        lambda o: {
            "kind": "surveillance",
            "first_day": "2026-06-15",
            "last_day": "2026-06-16",
            "body": o["certificate"].body_id,
            "lead_auditor": "Ewa Audytorka",
            "result": "positive",
            "certificate": o["certificate"].pk,
        },
        ExternalAudit,
    ),
    "audit": (
        "audits:audit_create",
        None,
        lambda o: {
            "programme": o["audit"].programme_id,
            "title": "Audyt dodatkowy",
            "planned_month": 10,
            "lead_auditor": o["audit"].lead_auditor_id,
        },
        Audit,
    ),
    "checklist question": (
        "audits:checklist_question_create",
        "audit",
        lambda o: {"question": "Czy formularze są aktualne?"},
        ChecklistItem,
    ),
    "finding": (
        "audits:finding_create",
        "audit",
        lambda o: {"kind": FindingKind.OBSERVATION, "description": "Spostrzeżenie"},
        Finding,
    ),
    "finding from a question": (
        "audits:finding_create_from_item",
        "item",
        lambda o: {"kind": FindingKind.OBSERVATION, "description": "Spostrzeżenie z pytania"},
        Finding,
    ),
    "corrective action": (
        "audits:action_create",
        "finding",
        lambda o: {
            "root_cause": "Brak przeglądu formularzy",
            "action": "Przegląd formularzy przy każdej zmianie procedury",
            "responsible": o["owner"].pk,
            "due_on": due_in_a_month(),
        },
        CorrectiveAction,
    ),
    # A paper questionnaire typed in at the desk (not a ModelForm: its boxes are the questions).
    "paper questionnaire": (
        "surveys:campaign_paper_entry",
        "campaign",
        lambda o: {f"q{o['question'].pk}": "4", "channel": "in_person"},
        Response,
    ),
    "action on a survey comment": (
        "surveys:comment_action_create",
        "comment",
        lambda o: {
            "kind": ActionKind.IMPROVEMENT,
            "process": o["process"].pk,
            "action": "Rezerwacja wizyt przez internet",
            "due_on": due_in_a_month(),
        },
        CommentAction,
    ),
    # A local account made on the accounts page (issue 16).
    "local account": (
        "intranet:account_create",
        None,
        lambda o: {
            "username": "mnowak",
            "first_name": "Maria",
            "last_name": "Nowak",
            "password1": "zielony parasol nad ratuszem",
            "password2": "zielony parasol nad ratuszem",
        },
        User,
    ),
}


@pytest.mark.parametrize("name", FORMS)
def test_a_form_sent_twice_at_once_makes_one_record(office, name):
    url_name, on, data, model = FORMS[name]
    url = reverse(url_name, args=[office[on].pk] if on else [])
    before = model.objects.count()
    token = str(uuid.uuid4())
    clients = [signed_in(office["coordinator"]), signed_in(office["coordinator"])]
    answers = at_once(
        *[lambda c=c: c.post(url, {**data(office), "submission": token}) for c in clients]
    )
    problems = [a for a in answers if isinstance(a, Exception) or a.status_code >= 500]
    assert not problems, problems
    assert [a.status_code for a in answers] == [302, 302], [
        a.content.decode()[:2000] for a in answers if a.status_code != 302
    ]
    assert model.objects.count() == before + 1
    # The second sending is led where the first one went.
    assert answers[0]["Location"] == answers[1]["Location"]


def test_the_same_form_sent_again_later_is_not_saved_again(office):
    client = signed_in(office["coordinator"])
    url = reverse("intranet:unit_create")
    data = {"code": "WZ", "name": "Wydział Z", "kind": "department", "submission": uuid.uuid4()}
    first = client.post(url, data)
    again = client.post(url, data, follow=True)
    assert first.status_code == 302
    assert again.status_code == 200
    assert OrganisationalUnit.objects.filter(code="WZ").count() == 1
    assert "już wysłany" in again.content.decode()


@pytest.mark.parametrize(
    ("url_name", "data", "model", "field", "value"),
    [
        (
            "intranet:unit_create",
            {"code": "WZ", "name": "Wydział Z", "kind": "department"},
            OrganisationalUnit,
            "code",
            "WZ",
        ),
        (
            "intranet:process_create",
            {"code": "P-91", "name": "Proces", "kind": "core"},
            Process,
            "code",
            "P-91",
        ),
    ],
)
def test_two_people_saving_the_same_code_at_once_get_one_record_and_a_message(
    office, make_user, url_name, data, model, field, value
):
    other = make_user("coordinator2", roles.COORDINATOR)
    url = reverse(url_name)
    answers = at_once(
        lambda: signed_in(office["coordinator"]).post(url, {**data, "submission": uuid.uuid4()}),
        lambda: signed_in(other).post(url, {**data, "submission": uuid.uuid4()}),
    )
    assert not [a for a in answers if isinstance(a, Exception) or a.status_code >= 500], answers
    assert sorted(a.status_code for a in answers) == [200, 302]
    assert model.objects.filter(**{field: value}).count() == 1
    refused = next(a for a in answers if a.status_code == 200).content.decode()
    assert "Istnieje już" in refused


def test_two_values_for_the_same_period_at_once_make_one(office, make_user):
    measure = office["measure"]
    url = reverse("intranet:measurevalue_create", args=[measure.pk])
    data = {"period_end": "2026-06-30", "value": 95}
    answers = at_once(
        lambda: signed_in(office["coordinator"]).post(url, {**data, "submission": uuid.uuid4()}),
        lambda: signed_in(office["coordinator"]).post(url, {**data, "submission": uuid.uuid4()}),
    )
    assert not [a for a in answers if isinstance(a, Exception) or a.status_code >= 500], answers
    assert measure.values.filter(period_end="2026-06-30").count() == 1


def test_two_new_audits_at_once_get_consecutive_numbers(office):
    url = reverse("audits:audit_create")
    data = FORMS["audit"][2](office)
    answers = at_once(
        *[
            lambda: signed_in(office["coordinator"]).post(url, {**data, "submission": uuid.uuid4()})
            for _ in range(2)
        ]
    )
    assert [a.status_code for a in answers] == [302, 302]
    numbers = sorted(Audit.objects.values_list("sequence", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))


def test_two_auditors_answering_one_question_at_once_are_both_answered_without_an_error(office):
    """One answer is saved; the other is saved too if it is the same, or its auditor is shown
    both versions (409): never "database is locked" or an error page."""
    audit, item = office["audit"], office["item"]
    url = reverse("audits:checklist_detail", args=[audit.pk])
    team = [office["coordinator"], audit.lead_auditor]

    def answer(user, value):
        data = {"item": item.pk, f"q{item.pk}-answer": value, f"q{item.pk}-revision": 0}
        return lambda: signed_in(user).post(url, {**data, f"q{item.pk}-evidence": value})

    answers = at_once(answer(team[0], "conforming"), answer(team[1], "nonconformity"))
    assert not [a for a in answers if isinstance(a, Exception) or a.status_code >= 500], answers
    assert sorted(a.status_code for a in answers) == [302, 409]
    item.refresh_from_db()
    assert item.revision == 1
