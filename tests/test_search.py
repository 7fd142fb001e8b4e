"""The register's search and filters: case, Polish diacritics and inflection ignored, the same on
both databases (PostgreSQL full-text search with unaccent; whole-word matching on SQLite)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from qms import services
from qms.filters import register_queryset
from qms.models import Document, DocumentKind
from qms.search import Query, fold, index, search, snippet, words
from tests import factories

pytestmark = pytest.mark.django_db


def test_fold_lowers_case_and_removes_polish_diacritics():
    assert fold("ZAŻÓŁĆ GĘŚLĄ JAŹŃ") == "zazolc gesla jazn"
    assert words("Księga  JAKOŚCI, PR-03!") == ["księga", "jakości", "pr", "03"]
    assert words("a_b") == ["a", "b"]


def test_index_holds_each_folded_word_once_then_its_lemmas():
    stored = index("PR-03", "Księga Jakości", "ISO 9001:2015-10; um.zabrze.pl", "jakości")
    # "jakości" once, followed by its lemma; the dictionary reads "pl" as the abbreviation.
    assert stored == "pr03 pr 03 ksiega jakosci jakosc iso 9001 2015 10 um zabrze pl polska"


def test_a_query_word_matches_its_forms_and_a_code_its_prefix(db):
    index("Działania korygujące w urzędzie")  # teaches the vocabulary the words without ł, ą, ę
    query = Query("DZIALANIA korygujacych PR-0")
    assert query.words == ["pr0", "dzialania", "korygujacych"]
    assert "dzialanie" in query.alternatives[1]
    assert query.prefixes == [True, False, False]
    assert query.tsquery().startswith("pr0:* & (")
    assert query.tsquery(exact=True) == "pr0:* & (dzialania) & (korygujacych)"
    assert not Query("  ,;  ")


def test_snippet_marks_the_forms_and_escapes_the_text(db):
    text = "Wstęp. " * 40 + "Skargę <script>alert(1)</script> rozpatruje się w terminie 14 dni."
    shown = snippet(text, Query("skarga termin"))
    assert "<mark>Skargę</mark>" in shown and "<mark>terminie</mark>" in shown
    assert "&lt;script&gt;" in shown and "<script>" not in shown
    assert shown.startswith("… ")
    assert snippet(text, Query("audyt")) is None


def test_a_snippet_of_a_texts_beginning_is_given_only_when_its_words_end_inside_it(db):
    query = Query("skarga")
    beginning = "Skargę rozpatruje się w terminie czternastu dni od dnia jej wpływu."
    assert "<mark>Skargę</mark>" in snippet(beginning, query, words_around=5, whole=False)
    # The words after the match would run to the end of what was read: the caller reads more.
    assert snippet(beginning, query, whole=False) is None
    assert snippet(beginning, query) is not None


@pytest.fixture
def register(owner, coordinator):
    """Four documents in force (one with a second edition), one draft only, one withdrawn."""
    process = factories.process(code="P-01", owner=owner)
    other_process = factories.process(code="P-02")
    unit, other_unit = factories.org_unit(code="WRU"), factories.org_unit(code="WA")
    made = {}
    for code, title, kind, proc, u in [
        ("KJ-01", "Księga Jakości", DocumentKind.QUALITY_BOOK, process, unit),
        ("PR-03", "Nadzór nad udokumentowaną informacją", DocumentKind.PROCEDURE, process, unit),
        ("PR-30", "Obsługa skarg i wniosków", DocumentKind.PROCEDURE, other_process, other_unit),
        ("F-07", "Formularz ankiety satysfakcji klienta", DocumentKind.FORM, None, other_unit),
    ]:
        document = factories.document(code=code, title=title, kind=kind, process=proc, unit=u)
        factories.version_in_force(
            document, author=owner, approver=coordinator, change_summary="Pierwsze wydanie."
        )
        made[code] = document
    factories.version_in_force(
        made["PR-30"],
        author=owner,
        approver=coordinator,
        change_summary="Skrócono termin rozpatrzenia do 14 dni; dodano e-Doręczenia.",
    )
    draft = factories.document(code="PR-40", title="Zarządzanie ryzykiem w urzędzie")
    factories.draft_version(draft, author=owner, change_summary="Tajny projekt zmian.")
    withdrawn = factories.document(code="IN-01", title="Instrukcja kancelaryjna jakości")
    factories.version_in_force(withdrawn, author=owner, approver=coordinator)
    services.document_withdraw(document=withdrawn, user=coordinator, reason="Nieaktualna.")
    return made


def codes(client, **params):
    response = client.get(reverse("intranet:document_list"), params)
    assert response.status_code == 200
    return [document.code for document in response.context["page_obj"]]


@pytest.mark.parametrize(
    "query", ["jakosci", "jakości", "JAKOŚCI", "Jakosci", "jakość", "jakością", "jakosc"]
)
def test_search_ignores_case_and_diacritics(client_as, employee, register, query):
    assert codes(client_as(employee), q=query) == ["KJ-01"]


def test_search_finds_a_summary_of_changes(client_as, employee, register):
    client = client_as(employee)
    assert codes(client, q="skrocono termin") == ["PR-30"]
    assert codes(client, q="e-doręczenia") == ["PR-30"]
    assert codes(client, q="14 dni") == ["PR-30"]


def test_search_finds_codes_by_prefix(client_as, employee, register):
    client = client_as(employee)
    assert codes(client, q="PR-03") == ["PR-03"]
    assert codes(client, q="pr-3") == ["PR-30"]
    assert codes(client, q="pr") == ["PR-03", "PR-30"]
    assert codes(client, q="f-07") == ["F-07"]


def test_every_word_must_match(client_as, employee, register):
    client = client_as(employee)
    assert codes(client, q="obsługa wniosków") == ["PR-30"]
    assert codes(client, q="obsługa jakości") == []


def test_search_does_not_reveal_drafts_or_withdrawn_documents_to_staff(
    client_as, employee, coordinator, register
):
    assert codes(client_as(employee), q="ryzykiem") == []
    assert codes(client_as(employee), q="tajny") == []
    assert codes(client_as(employee), q="kancelaryjna") == []
    # The coordinator finds the draft's document by its title, never by the draft's summary.
    assert codes(client_as(coordinator), q="ryzykiem") == ["PR-40"]
    assert codes(client_as(coordinator), q="tajny") == []
    assert codes(client_as(coordinator), q="kancelaryjna", status="withdrawn") == ["IN-01"]


def test_filters_by_kind_process_unit_and_status(client_as, coordinator, register):
    client = client_as(coordinator)
    assert codes(client, kind="procedure") == ["PR-03", "PR-30", "PR-40"]
    assert codes(client, process=register["KJ-01"].process_id) == ["KJ-01", "PR-03"]
    assert codes(client, unit=register["F-07"].unit_id) == ["F-07", "PR-30"]
    assert codes(client, status="draft") == ["PR-40"]
    assert codes(client, status="in_force") == ["F-07", "KJ-01", "PR-03", "PR-30"]
    assert codes(client, status="withdrawn") == ["IN-01"]
    assert codes(client) == ["F-07", "KJ-01", "PR-03", "PR-30", "PR-40"]
    assert codes(client, kind="procedure", q="skarg") == ["PR-30"]


def test_employee_has_no_status_filter(client_as, employee, register):
    response = client_as(employee).get(reverse("intranet:document_list"), {"status": "draft"})
    assert "status" not in response.context["filter"].form.fields
    assert [d.code for d in response.context["page_obj"]] == ["F-07", "KJ-01", "PR-03", "PR-30"]


def test_unknown_filter_values_are_ignored_not_an_error(client_as, coordinator, register):
    client = client_as(coordinator)
    assert len(codes(client, process="999999", kind="nonsense")) == 5


def test_pagination_keeps_the_filters(client_as, employee, owner, coordinator, settings):
    for i in range(55):
        document = factories.document(code=f"PR-{i:03d}", title=f"Procedura jakości {i}")
        factories.version_in_force(document, author=owner, approver=coordinator)
    response = client_as(employee).get(reverse("intranet:document_list"), {"q": "jakości"})
    assert response.context["page_obj"].paginator.count == 55
    assert b"?q=jako%C5%9Bci&amp;page=2" in response.content


def test_search_helper_matches_the_view(register, employee):
    assert [d.code for d in search(register_queryset(employee), "jakosci")] == ["KJ-01"]
    assert list(search(Document.objects.all(), "  ,;  ")) == list(Document.objects.all())


def test_benchmark_command_reports_the_timings_and_leaves_nothing(db):
    out = io.StringIO()
    call_command("benchmark_search", documents=300, queries=3, stdout=out)
    report = out.getvalue()
    assert connection.vendor in report
    for query in ["jakosci", "jakości", "procedura", "skarg"]:
        assert f"'{query}'" in report
    assert "median" in report and "p95" in report
    assert not Document.objects.exists()
