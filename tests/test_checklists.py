"""Audit checklists and findings: the starter questions, answering on a tablet (double submits,
two auditors at once), copying starter questions, the blank checklist PDF, findings numbered
within their audit, and what each role is shown."""

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from audits.models import (
    Answer,
    Audit,
    AuditStatus,
    ChecklistItem,
    Clause,
    CorrectiveAction,
    Finding,
    FindingKind,
    QuestionTemplate,
)
from qms import roles
from tests import factories
from tests.helpers import pdf_pages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def starter_checklist(db):
    """The clauses and starter questions of migration 0002, as migrating left them.

    A test run in a transaction (the browser tests) ends by flushing every table, these rows
    too; the migration's own function, which changes nothing when run again, puts them back.
    """
    if not Clause.objects.exists():
        migration = importlib.import_module("audits.migrations.0002_starter_checklist")
        migration.add_clauses_and_questions(django_apps, None)


@pytest.fixture
def records(auditor, make_user):
    """An audit under way with `auditor` on its team, and a closed audit with the same team;
    each with a checklist question and a finding."""
    factories.organisation()
    lead = make_user("lead", roles.AUDITOR, first_name="Anna", last_name="Wiodąca")
    result = {}
    for key in ("open", "closed"):
        audit = factories.audit(lead_auditor=lead, team=[auditor], status=AuditStatus.IN_PROGRESS)
        item = factories.checklist_item(audit=audit, clause=Clause.objects.get(number="7.5.3"))
        finding = factories.finding(audit=audit, checklist_item=item)
        result.update({key: audit.pk, f"{key}_item": item.pk, f"{key}_finding": finding.pk})
    # Closed the short way: the reporting and closing workflow is tested with the audits.
    Audit.objects.filter(pk=result["closed"]).update(
        status=AuditStatus.CLOSED, closed_at=timezone.now()
    )
    return result


def answer(records, key, **values):
    """The POST of one question's form (prefixed q<pk>-), as the checklist page sends it."""
    pk = records[f"{key}_item"]
    fields = {"answer": Answer.CONFORMING, "evidence": "", "revision": 0, **values}
    return {"item": pk, **{f"q{pk}-{name}": value for name, value in fields.items()}}


# What each role is shown (who may open and post each page: tests/test_permission_matrix.py)


def test_readers_see_answers_without_forms_and_the_team_sees_forms(
    client_as, owner, auditor, records
):
    url = reverse("audits:checklist_detail", args=[records["open"]])
    assert 'type="radio"' not in client_as(owner).get(url).content.decode()
    assert 'type="radio"' in client_as(auditor).get(url).content.decode()


def test_unknown_records_are_not_found(client_as, coordinator, records):
    client = client_as(coordinator)
    assert client.get(reverse("audits:checklist_detail", args=[999])).status_code == 404
    assert client.get(reverse("audits:finding_detail", args=[999])).status_code == 404
    assert client.get(reverse("audits:finding_create_from_item", args=[999])).status_code == (404)


def test_a_question_of_another_audit_cannot_be_answered_through_this_one(
    client_as, auditor, records
):
    other = factories.checklist_item(audit=factories.audit(team=[auditor]))
    data = {"item": other.pk, f"q{other.pk}-answer": "conforming", f"q{other.pk}-revision": 0}
    url = reverse("audits:checklist_detail", args=[records["open"]])
    assert client_as(auditor).post(url, data).status_code == 404
    other.refresh_from_db()
    assert other.answer == Answer.NOT_CHECKED


# Answering


def test_auditor_answers_a_question_and_comes_back_to_it(client_as, auditor, records):
    client = client_as(auditor)
    url = reverse("audits:checklist_detail", args=[records["open"]])
    data = answer(records, "open", answer="nonconformity", evidence="Formularz F-03 z 2019 r.")
    response = client.post(url, data)
    item = ChecklistItem.objects.get(pk=records["open_item"])
    assert response.status_code == 302
    assert response["Location"] == f"{url}?saved={item.pk}#q{item.pk}"
    assert (item.answer, item.evidence, item.revision) == (
        Answer.NONCONFORMITY,
        "Formularz F-03 z 2019 r.",
        1,
    )
    assert item.answered_by == auditor
    assert item.answered_at is not None
    page = client.get(response["Location"]).content.decode()
    assert f'id="q{item.pk}"' in page
    assert escape(gettext("Answer saved.")) in page
    assert f'name="q{item.pk}-revision" value="1"' in page


def test_the_coordinator_answers_a_question_too(client_as, coordinator, records):
    url = reverse("audits:checklist_detail", args=[records["open"]])
    response = client_as(coordinator).post(url, answer(records, "open", evidence="Sprawdzono."))
    assert response.status_code == 302
    item = ChecklistItem.objects.get(pk=records["open_item"])
    assert (item.answer, item.answered_by, item.revision) == (Answer.CONFORMING, coordinator, 1)


def test_the_checklist_shows_progress_and_groups_questions_by_clause(client_as, auditor, records):
    audit_pk = records["open"]
    factories.checklist_item(
        audit_id=audit_pk, clause=Clause.objects.get(number="4.3"), answer=Answer.CONFORMING
    )
    factories.checklist_item(audit_id=audit_pk, question="Pytanie własne audytora")
    page = client_as(auditor).get(reverse("audits:checklist_detail", args=[audit_pk]))
    text = page.content.decode()
    assert "1 z 3" in text or "1 of 3" in text
    # 4.3 comes before 7.5.3; the audit's own question without a clause comes last.
    assert text.index("Określanie zakresu") < text.index("Nadzór nad udokumentowanymi")
    assert text.index("Nadzór nad udokumentowanymi") < text.index("Pytanie własne audytora")


def test_double_submit_saves_once_and_answers_both(client_as, auditor, records):
    client = client_as(auditor)
    url = reverse("audits:checklist_detail", args=[records["open"]])
    data = answer(records, "open", answer="conforming", evidence="Rejestr RP-1 prowadzony.")
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert ChecklistItem.objects.get(pk=records["open_item"]).revision == 1


def test_second_auditor_is_told_of_the_conflict_and_sees_both_versions(auditor, records):
    a, b = Client(), Client()
    a.force_login(auditor)
    b.force_login(ChecklistItem.objects.get(pk=records["open_item"]).audit.lead_auditor)
    url = reverse("audits:checklist_detail", args=[records["open"]])
    # Both open the checklist at revision 0.
    for client in (a, b):
        assert 'value="0"' in client.get(url).content.decode()
    saved = a.post(url, answer(records, "open", answer="conforming", evidence="Wersja A"))
    assert saved.status_code == 302

    response = b.post(url, answer(records, "open", answer="nonconformity", evidence="Wersja B"))

    assert response.status_code == 409
    page = response.content.decode()
    assert escape(gettext("Someone else changed this answer")) in page
    assert "Wersja A" in page and "Wersja B" in page
    assert ">auditor</td>" in page  # who saved theirs
    item = ChecklistItem.objects.get(pk=records["open_item"])
    assert (item.answer, item.evidence, item.revision, item.answered_by) == (
        Answer.CONFORMING,
        "Wersja A",
        1,
        auditor,
    )
    # B saves B's version over A's knowingly: the conflict page's form carries the current revision.
    revision = re.search(rf'name="q{item.pk}-revision" value="(\d+)"', page).group(1)
    assert revision == "1"
    over = b.post(
        url,
        answer(records, "open", answer="nonconformity", evidence="Wersja A + B", revision=1),
    )
    assert over.status_code == 302
    item.refresh_from_db()
    assert (item.answer, item.evidence, item.revision) == (Answer.NONCONFORMITY, "Wersja A + B", 2)


def test_a_form_without_a_question_is_a_bad_request(client_as, auditor, records):
    url = reverse("audits:checklist_detail", args=[records["open"]])
    assert client_as(auditor).post(url, {"item": "x"}).status_code == 400


# Starter questions and the audit's own questions


def test_starter_questions_of_chosen_clauses_are_copied_once(client_as, auditor, records):
    client = client_as(auditor)
    audit_pk = records["open"]
    chosen = list(Clause.objects.filter(number__in=["7.5.3", "8.5.1"]))
    expected = QuestionTemplate.objects.filter(clause__in=chosen, is_active=True).count()
    assert expected >= 3
    url = reverse("audits:checklist_add_templates", args=[audit_pk])
    data = {"clauses": [c.pk for c in chosen]}

    first = client.post(url, data)
    assert first.status_code == 302
    assert ChecklistItem.objects.filter(audit_id=audit_pk).count() == 1 + expected
    # Sent again (a double submit, or the same clauses later): nothing is copied twice.
    assert client.post(url, data).status_code == 302
    assert ChecklistItem.objects.filter(audit_id=audit_pk).count() == 1 + expected
    copied = ChecklistItem.objects.filter(audit_id=audit_pk, clause__number="7.5.3")
    assert copied.values("question").distinct().count() == copied.count()


def test_copying_needs_a_clause_and_the_audit_criteria_come_ticked(client_as, auditor, records):
    client = client_as(auditor)
    url = reverse("audits:checklist_add_templates", args=[records["open"]])
    response = client.post(url, {})
    assert response.status_code == 200
    assert escape(gettext("Choose at least one clause.")) in response.content.decode()
    # The factory's audit names "7.5, 8.5.1" in its criteria: 7.5.3 and 8.5.1 come ticked.
    form = client.get(url).context["form"]
    ticked = set(
        Clause.objects.filter(pk__in=form["clauses"].initial).values_list("number", flat=True)
    )
    assert {"7.5.3", "8.5.1"} <= ticked
    assert not any(number.startswith("4") for number in ticked)


def test_auditor_adds_an_own_question_with_a_clause(client_as, auditor, records):
    clause = Clause.objects.get(number="9.1.2")
    url = reverse("audits:checklist_question_create", args=[records["open"]])
    response = client_as(auditor).post(
        url, {"clause": clause.pk, "question": "Czy ankieta 2025 została przeanalizowana?"}
    )
    item = ChecklistItem.objects.get(question="Czy ankieta 2025 została przeanalizowana?")
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    assert (item.audit_id, item.clause, item.answer) == (
        records["open"],
        clause,
        Answer.NOT_CHECKED,
    )


# Findings


def finding_post(**extra):
    return {"kind": FindingKind.MINOR, "description": "Brak potwierdzeń zapoznania.", **extra}


def test_findings_are_numbered_within_their_audit(client_as, coordinator, records):
    client = client_as(coordinator)
    other = factories.audit(status=AuditStatus.IN_PROGRESS)
    for audit_pk in (records["open"], records["open"], other.pk, records["open"]):
        response = client.post(reverse("audits:finding_create", args=[audit_pk]), finding_post())
        assert response.status_code == 302
    numbers = list(
        Finding.objects.filter(audit_id=records["open"]).values_list("number", flat=True)
    )
    # The fixture raised finding 1 already.
    assert numbers == [1, 2, 3, 4]
    assert list(other.findings.values_list("number", flat=True)) == [1]
    last = Finding.objects.get(audit_id=records["open"], number=4)
    assert response["Location"] == last.get_absolute_url()
    assert last.raised_by == coordinator


def test_finding_from_a_checklist_question_starts_from_it(client_as, auditor, records):
    item = ChecklistItem.objects.get(pk=records["open_item"])
    item.answer, item.evidence = Answer.NONCONFORMITY, "Na stanowisku formularz z 2019 r."
    item.save()
    client = client_as(auditor)
    url = reverse("audits:finding_create_from_item", args=[item.pk])

    page = client.get(url)
    form = page.context["form"]
    assert form["kind"].value() == FindingKind.MINOR
    assert form["clause"].value() == item.clause_id
    # The requirement cites the clause; the question stays on the page, above the form.
    requirement = "PN-EN ISO 9001:2015, pkt 7.5.3 Nadzór nad udokumentowanymi informacjami"
    assert form["requirement"].value() == requirement
    assert form["evidence"].value() == "Na stanowisku formularz z 2019 r."
    html = page.content.decode()
    assert html.index(escape(item.question)) < html.index('name="requirement"')

    response = client.post(
        url,
        finding_post(clause=item.clause_id, requirement=requirement, evidence=item.evidence),
    )
    finding = Finding.objects.get(checklist_item=item, number=2)
    assert response["Location"] == finding.get_absolute_url()
    detail = client.get(finding.get_absolute_url()).content.decode()
    assert escape(item.question) in detail
    assert escape(requirement) in detail


def test_finding_from_a_question_without_a_clause_leaves_the_requirement_to_the_auditor(
    client_as, auditor, records
):
    item = factories.checklist_item(audit_id=records["open"], answer=Answer.NONCONFORMITY)
    page = client_as(auditor).get(reverse("audits:finding_create_from_item", args=[item.pk]))
    assert page.context["form"]["requirement"].value() == ""
    assert escape(item.question) in page.content.decode()


def test_observation_answer_suggests_an_observation(client_as, auditor, records):
    item = factories.checklist_item(audit_id=records["open"], answer=Answer.OBSERVATION)
    url = reverse("audits:finding_create_from_item", args=[item.pk])
    assert client_as(auditor).get(url).context["form"]["kind"].value() == FindingKind.OBSERVATION


def test_findings_wait_until_the_audit_is_started(client_as, coordinator, records):
    planned = factories.audit()
    url = reverse("audits:finding_create", args=[planned.pk])
    client = client_as(coordinator)
    message = escape(gettext("Start the audit before recording findings."))
    assert message in client.get(url).content.decode()
    response = client.post(url, finding_post())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not planned.findings.exists()


def test_team_auditor_edits_a_finding(client_as, auditor, records):
    finding = Finding.objects.get(pk=records["open_finding"])
    response = client_as(auditor).post(
        reverse("audits:finding_update", args=[finding.pk]),
        finding_post(kind=FindingKind.MAJOR, description="Poprawiony opis."),
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.kind, finding.description, finding.number) == (
        FindingKind.MAJOR,
        "Poprawiony opis.",
        1,
    )


def test_finding_page_lists_its_corrective_actions(client_as, owner, records):
    finding = Finding.objects.get(pk=records["open_finding"])
    action = CorrectiveAction.objects.create(
        finding=finding,
        action="Wycofać stare formularze.",
        responsible=owner,
        due_on=finding.raised_on,
    )
    page = client_as(owner).get(finding.get_absolute_url()).content.decode()
    assert f'id="action-{action.pk}"' in page
    assert "Wycofać stare formularze." in page


# Speed: a fixed number of queries however many rows

# The session, the user, the audit, its team, the user's and the groups' permissions, the
# questions (with clause and who answered), the findings raised from them, the organisation.
CHECKLIST_QUERIES = 9
# The same, with the finding (its audit, clause, process, question) and its actions instead.
FINDING_QUERIES = 8


@pytest.mark.parametrize("role", ["auditor", "owner"])
def test_checklist_page_queries_do_not_grow_with_questions(
    request, client_as, django_assert_num_queries, records, role
):
    client = client_as(request.getfixturevalue(role))
    audit_pk = records["open"]
    url = reverse("audits:checklist_detail", args=[audit_pk])
    factories.checklist_item(audit_id=audit_pk, answer=Answer.OBSERVATION)
    with django_assert_num_queries(CHECKLIST_QUERIES):
        assert client.get(url).status_code == 200
    clauses = list(Clause.objects.all()[:10])
    for n in range(58):
        factories.checklist_item(
            audit_id=audit_pk, clause=clauses[n % 10], answer=Answer.CONFORMING
        )
    factories.finding(audit_id=audit_pk, checklist_item_id=records["open_item"])
    assert ChecklistItem.objects.filter(audit_id=audit_pk).count() == 60
    with django_assert_num_queries(CHECKLIST_QUERIES):
        assert client.get(url).status_code == 200


def test_finding_page_queries_do_not_grow_with_actions(
    client_as, django_assert_num_queries, owner, records
):
    client = client_as(owner)
    finding = Finding.objects.get(pk=records["open_finding"])

    def add_actions(n):
        for i in range(n):
            CorrectiveAction.objects.create(
                finding=finding,
                action=f"Działanie {i}",
                responsible=owner,
                due_on=finding.raised_on,
            )

    add_actions(2)
    with django_assert_num_queries(FINDING_QUERIES):
        assert client.get(finding.get_absolute_url()).status_code == 200
    add_actions(18)
    with django_assert_num_queries(FINDING_QUERIES):
        assert client.get(finding.get_absolute_url()).status_code == 200


# The starter questions shipped with the system


def test_migration_ships_clauses_4_to_10_with_polish_titles():
    assert ("audits", "0002_starter_checklist") in MigrationRecorder(
        connection
    ).applied_migrations()
    top = {c.number: c for c in Clause.objects.exclude(number__contains=".")}
    assert set(top) >= {"4", "5", "6", "7", "8", "9", "10"}
    assert top["4"].title_pl == "Kontekst organizacji"
    assert top["10"].title_pl == "Doskonalenie"
    titles = dict(Clause.objects.values_list("number", "title_pl"))
    assert titles["4.1"] == "Zrozumienie organizacji i jej kontekstu"
    assert titles["7.5"] == "Udokumentowane informacje"
    assert titles["8.5.1"] == "Nadzorowanie produkcji i dostarczania usługi"
    assert titles["9.2"] == "Audyt wewnętrzny"
    assert titles["10.2"] == "Niezgodność i działania korygujące"
    assert all(Clause.objects.values_list("title_en", flat=True))


def test_clauses_sort_as_the_standard_numbers_them():
    numbers = list(Clause.objects.values_list("number", flat=True))
    assert numbers.index("4.4") < numbers.index("9.3") < numbers.index("10") < numbers.index("10.2")
    assert numbers.index("7.5") < numbers.index("7.5.3") < numbers.index("8")


def test_migration_ships_starter_questions_for_every_clause_in_both_languages():
    questions = QuestionTemplate.objects.filter(is_active=True).select_related("clause")
    assert questions.count() >= 35
    assert {q.clause.number.split(".")[0] for q in questions} == {str(n) for n in range(4, 11)}
    assert all(q.text_pl and q.text_en for q in questions)
    assert questions.filter(
        text_pl="Czy zakres SZJ i jego wyłączenia są udokumentowane i uzasadnione?"
    ).exists()


# The blank checklist PDF


def test_blank_checklist_pdf_is_polish_tagged_with_the_audit_number_on_every_page(
    client_as, auditor, records
):
    from audits import services

    audit = ChecklistItem.objects.get(pk=records["open_item"]).audit
    services.checklist_copy_templates(audit=audit)
    response = client_as(auditor).get(reverse("audits:checklist_pdf", args=[audit.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "lista-kontrolna-aw202601.pdf" in response["Content-Disposition"]
    reader, pages = pdf_pages(response)
    assert len(pages) >= 2
    assert all(audit.number in page for page in pages)
    text = " ".join(pages)
    assert "Czy pracownicy korzystają z obowiązujących wersji procedur i formularzy?" in text
    assert "8.5.1 Nadzorowanie produkcji i dostarczania usługi" in text
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "pl"
    assert "/StructTreeRoot" in root
