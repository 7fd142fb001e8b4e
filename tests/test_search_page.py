"""The intranet's one search box (/intranet/search/) and the register's snippets: each role finds
exactly what the pages the results link to let it open, kinds with their own pages, snippets
escaped and marked, hostile input answered with a page, and a fixed number of queries however
many records there are."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audits.models import (
    Audit,
    AuditStatus,
    CorrectiveAction,
    Finding,
    FindingKind,
)
from qms import services
from qms.filters import SNIPPET_LOOKAHEAD
from qms.forms.search import MAX_QUERY_LENGTH
from qms.models import (
    Document,
    DocumentKind,
    DocumentVersion,
    Process,
    VersionStatus,
    default_next_review,
)
from qms.search import index, search
from qms.search_groups import gather
from qms.views.search import PER_PAGE
from tests import factories

pytestmark = pytest.mark.django_db

SEARCH = reverse("intranet:search")
REGISTER = reverse("intranet:document_list")


def with_text(version, text):
    """Give an edition the text read from its file (qms.contents does it for real uploads)."""
    DocumentVersion.objects.filter(pk=version.pk).update(content=text)
    services.document_refresh_search_text(version.document)
    return version


def found(response):
    """{group key: [rows of the page]} for a search page's response."""
    return {result.group.key: list(result.page) for result in response.context["results"]}


def found_pks(response):
    return {key: {row.pk for row in rows} for key, rows in found(response).items()}


@pytest.fixture
def no_role(make_user):
    return make_user("no_role")


@pytest.fixture
def office(owner, auditor, coordinator):
    """Records of every kind, each holding the word "zebra", in every state that matters to who
    may open it."""
    process = factories.process(code="P-71", name="Obsługa zebr", owner=owner, purpose="Zebra.")
    archived = factories.process(code="P-72", purpose="Dawna zebra.", is_active=False)
    made = {"process": process, "archived_process": archived}

    def document(code, title, **kw):
        return factories.document(code=code, title=title, process=process, **kw)

    def in_force(doc, text, **approve):
        version = factories.version_in_force(doc, author=owner, approver=coordinator, **approve)
        return with_text(version, text)

    made["in_force"] = document("PR-71", "Procedura przyjmowania zebr")
    in_force(made["in_force"], "Wstęp. Zebra w ogrodzie zoologicznym jest pod opieką wydziału.")
    # In force, with a draft whose text staff may not read.
    made["with_draft"] = document("PR-73", "Instrukcja karmienia")
    in_force(made["with_draft"], "Karmienie zwierząt dwa razy dziennie; zebra dostaje siano.")
    draft = factories.draft_version(made["with_draft"], author=owner)
    with_text(draft, "Sekretny projekt: zebra dostanie owies.")
    # A draft only: for those who read the documents' history.
    made["draft_only"] = document("PR-72", "Projekt regulaminu zebr")
    with_text(factories.draft_version(made["draft_only"], author=owner), "Tajemnica zebra.")
    # Withdrawn: its editions' text leaves the search; its page is for history readers.
    made["withdrawn"] = document("PR-74", "Dawna instrukcja zebr")
    in_force(made["withdrawn"], "Stara zebra.")
    services.document_withdraw(document=made["withdrawn"], user=coordinator, reason="Stara.")
    # A first edition approved for a later day: staff read it beforehand.
    made["scheduled"] = document("PR-75", "Karta nowego wybiegu")
    later = timezone.localdate() + datetime.timedelta(days=10)
    in_force(
        made["scheduled"], "Od przyszłego miesiąca zebra zamieszka na wybiegu.", effective_on=later
    )

    under_way = factories.audit(status=AuditStatus.IN_PROGRESS, scope="Opieka nad zebrą.")
    made["open_audit"] = under_way
    made["open_finding"] = factories.finding(
        audit=under_way, process=process, description="Zebra bez opieki weterynarza; pingwin."
    )
    made["open_action"] = factories.corrective_action(
        finding=made["open_finding"], action="Zatrudnić weterynarza dla zebry; pelikan."
    )
    closed = factories.audit(status=AuditStatus.IN_PROGRESS, scope="Wybieg zebry.")
    made["closed_finding"] = factories.finding(
        audit=closed, process=process, description="Zebra bez cienia; foka."
    )
    made["closed_action"] = factories.corrective_action(
        finding=made["closed_finding"], action="Posadzić drzewa przy wybiegu zebry; mors."
    )
    Audit.objects.filter(pk=closed.pk).update(
        status=AuditStatus.CLOSED, reported_at=timezone.now(), closed_at=timezone.now()
    )
    made["closed_audit"] = closed
    return made


# Who may open what: the pages say it, the search follows them


ROLES = ["employee", "owner", "auditor", "coordinator", "no_role"]
MODELS = {
    "documents": Document,
    "processes": Process,
    "audits": Audit,
    "findings": Finding,
    "actions": CorrectiveAction,
}


def test_the_search_has_a_group_for_each_kind_of_record():
    assert [group.key for group in gather()] == list(MODELS)


def test_a_visitor_is_sent_to_sign_in(client, office):
    response = client.get(SEARCH, {"q": "zebra"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
def test_each_role_finds_exactly_what_the_linked_pages_let_it_open(
    request, client_as, office, role
):
    client = client_as(request.getfixturevalue(role))
    response = client.get(SEARCH, {"q": "zebra"})
    assert response.status_code == 200
    results = found_pks(response)
    for key, model in MODELS.items():
        matching = search(model.objects.all(), "zebra")
        assert matching.count() >= 2, key  # the office's records of this kind
        openable = {
            record.pk
            for record in matching
            if client.get(record.get_absolute_url()).status_code == 200
        }
        assert results[key] == openable, key
        count = next(r.count for r in response.context["results"] if r.group.key == key)
        assert count == len(openable), key


def test_what_each_role_finds_differs_as_its_pages_do(
    client_as, office, employee, coordinator, no_role
):
    employee_found = found_pks(client_as(employee).get(SEARCH, {"q": "zebra"}))
    assert employee_found["documents"] == {
        office[name].pk for name in ("in_force", "with_draft", "scheduled")
    }
    assert employee_found["processes"] == {office["process"].pk, office["archived_process"].pk}
    assert employee_found["audits"] == {office["closed_audit"].pk}
    assert employee_found["findings"] == {office["closed_finding"].pk}
    assert employee_found["actions"] == {office["closed_action"].pk}

    coordinator_found = found_pks(client_as(coordinator).get(SEARCH, {"q": "zebra"}))
    assert coordinator_found["documents"] == {
        office[name].pk
        for name in ("in_force", "with_draft", "scheduled", "draft_only", "withdrawn")
    }
    assert coordinator_found["audits"] == {office["open_audit"].pk, office["closed_audit"].pk}

    nothing_of_the_core = found_pks(client_as(no_role).get(SEARCH, {"q": "zebra"}))
    assert nothing_of_the_core["documents"] == nothing_of_the_core["processes"] == set()
    assert nothing_of_the_core["findings"] == {office["closed_finding"].pk}


@pytest.mark.parametrize("role", ["employee", "coordinator"])
def test_nobody_finds_a_drafts_text(request, client_as, office, role):
    """A draft's text is never searched, not even for those who may read the draft."""
    client = client_as(request.getfixturevalue(role))
    for word in ("sekretny", "tajemnica", "owies", "zebra"):
        response = client.get(SEARCH, {"q": word})
        page = response.content.decode()
        assert "Sekretny projekt" not in page and "dostanie owies" not in page, word
        assert "Tajemnica zebra" not in page, word
        if word != "zebra":
            assert response.context["found"] == 0, word


def test_employee_finds_neither_a_draft_nor_a_withdrawn_document_by_its_title(
    client_as, office, employee
):
    client = client_as(employee)
    assert found_pks(client.get(SEARCH, {"q": "regulaminu"}))["documents"] == set()
    assert found_pks(client.get(SEARCH, {"q": "dawna instrukcja"}))["documents"] == set()
    assert codes(client, q="regulaminu") == codes(client, q="dawna instrukcja") == []


def test_employee_finds_nothing_of_an_audit_under_way(client_as, office, employee, auditor):
    for word in ("pingwin", "pelikan", "zebra"):
        response = client_as(employee).get(SEARCH, {"q": word})
        page = response.content.decode()
        assert "weterynarza" not in page and "Opieka nad" not in page, word
        if word != "zebra":
            assert response.context["found"] == 0, word
    # The auditor reads every audit.
    assert found_pks(client_as(auditor).get(SEARCH, {"q": "pingwin"}))["findings"] == {
        office["open_finding"].pk
    }
    assert found_pks(client_as(auditor).get(SEARCH, {"q": "pelikan"}))["actions"] == {
        office["open_action"].pk
    }


def test_the_querysets_follow_the_object_rules(office, employee, owner, auditor, no_role):
    """Finding and CorrectiveAction .visible_to are the finding page's rule (roles.can_view_audit)
    as a filter; Process.objects.visible_to the process pages' permission."""
    from qms import roles

    for user in (employee, owner, auditor, no_role):
        for finding in Finding.objects.select_related("audit"):
            visible = Finding.objects.visible_to(user).filter(pk=finding.pk).exists()
            assert visible == roles.can_view_audit(user, finding.audit)
        for action in CorrectiveAction.objects.select_related("finding__audit"):
            visible = CorrectiveAction.objects.visible_to(user).filter(pk=action.pk).exists()
            assert visible == roles.can_view_audit(user, action.finding.audit)
        assert Process.objects.visible_to(user).count() == (
            Process.objects.count() if user.has_perm("qms.view_process") else 0
        )


# The page


def test_documents_matching_by_code_or_title_come_first(client_as, office, employee):
    rows = found(client_as(employee).get(SEARCH, {"q": "zebra"}))["documents"]
    # PR-71 by its title; PR-73 and PR-75 by their text only.
    assert [row.code for row in rows] == ["PR-71", "PR-73", "PR-75"]
    assert rows[0].search_rank > rows[1].search_rank == rows[2].search_rank == 0


def test_a_document_found_by_its_text_shows_a_snippet(client_as, office, employee):
    response = client_as(employee).get(SEARCH, {"q": "ogród"})
    (document,) = found(response)["documents"]
    assert document == office["in_force"]
    assert "<mark>ogrodzie</mark> zoologicznym" in document.snippet
    assert "<mark>ogrodzie</mark>" in response.content.decode()


def test_the_snippet_of_an_edition_to_come_says_so(client_as, office, employee):
    response = client_as(employee).get(SEARCH, {"q": "wybiegu zamieszka"})
    (document,) = found(response)["documents"]
    assert document.snippet_of_next_edition
    assert "<mark>zamieszka</mark> na <mark>wybiegu</mark>" in document.snippet
    assert "zatwierdzonym do wejścia w życie" in response.content.decode()


def test_the_other_kinds_show_a_snippet_of_their_own_text(client_as, office, auditor):
    response = client_as(auditor).get(SEARCH, {"q": "weterynarza"})
    rows = found(response)
    assert "<mark>weterynarza</mark>" in rows["findings"][0].snippet
    assert "<mark>weterynarza</mark>" in rows["actions"][0].snippet


def test_each_result_links_to_its_page(client_as, office, coordinator):
    page = client_as(coordinator).get(SEARCH, {"q": "zebra"}).content.decode()
    for name in ("in_force", "process", "open_audit", "open_finding", "closed_finding"):
        assert f'href="{office[name].get_absolute_url()}"' in page, name
    assert f'href="{office["open_action"].get_absolute_url()}"' in page


def test_each_kind_has_its_own_pages_and_the_links_keep_the_others(
    client_as, office, owner, coordinator
):
    for n in range(PER_PAGE + 2):
        factories.document(code=f"Z-{n:02d}", title=f"Zapis zebry {n}")
    client = client_as(coordinator)
    first = client.get(SEARCH, {"q": "zebra", "audits_page": "1"})
    documents = next(r for r in first.context["results"] if r.group.key == "documents")
    assert len(documents.page) == PER_PAGE and documents.count == PER_PAGE + 2 + 5
    assert documents.next_url.startswith("?")
    assert "q=zebra" in documents.next_url and "audits_page=1" in documents.next_url
    assert "documents_page=2" in documents.next_url
    second = client.get(SEARCH + documents.next_url)
    assert len(found(second)["documents"]) == 7
    assert found_pks(second)["audits"] == found_pks(first)["audits"]  # still on its first page
    assert not set(found_pks(second)["documents"]) & set(found_pks(first)["documents"])


@pytest.mark.parametrize("page", ["0", "-1", "999", "x", "1.5", ""])
def test_a_page_out_of_range_shows_a_page_not_an_error(client_as, office, coordinator, page):
    response = client_as(coordinator).get(SEARCH, {"q": "zebra", "documents_page": page})
    assert response.status_code == 200
    assert found(response)["documents"]


def test_without_a_query_the_page_says_what_can_be_searched(client_as, employee):
    response = client_as(employee).get(SEARCH)
    assert response.status_code == 200
    assert response.context["results"] == []
    page = response.content.decode()
    assert "Co znajduje wyszukiwarka" in page
    assert "Działania korygujące: korekcja" in page


def test_no_results_says_what_to_try(client_as, office, employee):
    response = client_as(employee).get(SEARCH, {"q": "hipopotam"})
    assert response.status_code == 200
    assert response.context["found"] == 0
    assert "Nic nie znaleziono" in response.content.decode()


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "%",
        "_",
        "%_%",
        "'\"",
        "zebra' OR '1'='1",
        'zebra"; DROP TABLE qms_document; --',
        "!!! ??? ...",
        "a" * MAX_QUERY_LENGTH,
        "zebra " * 33,
        "ząb\u200bżółw",
        "\U0001f993 zebra",
    ],
)
def test_hostile_input_is_answered_with_a_page(client_as, office, coordinator, text):
    response = client_as(coordinator).get(SEARCH, {"q": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert Document.objects.filter(code="PR-71").exists()


def test_only_punctuation_says_there_is_no_word(client_as, employee):
    response = client_as(employee).get(SEARCH, {"q": "%%% ___ ''"})
    assert response.status_code == 200
    assert "nie zawiera słowa ani liczby do wyszukania" in response.content.decode()


@pytest.mark.parametrize("length", [MAX_QUERY_LENGTH + 1, 10_000])
def test_a_query_too_long_is_refused_with_the_forms_message(client_as, office, employee, length):
    response = client_as(employee).get(SEARCH, {"q": "zebra " * (length // 6) + "z" * (length % 6)})
    assert response.status_code == 200
    assert response.context["results"] == []
    assert response.context["form"].errors["q"]
    assert f"najwyżej {MAX_QUERY_LENGTH} znaków" in response.content.decode()


def test_a_null_character_is_refused_with_the_forms_message(client_as, employee):
    response = client_as(employee).get(SEARCH, {"q": "zebra\x00"})
    assert response.status_code == 200
    assert response.context["form"].errors["q"]


def test_a_script_typed_into_a_record_comes_out_as_text(client_as, office, employee, coordinator):
    version = office["in_force"].versions.get(status=VersionStatus.IN_FORCE)
    with_text(version, "Uwaga <script>alert('zebra')</script> & <b>koniec</b>.")
    office["closed_finding"].description = "<img src=x onerror=alert(1)> zebra"
    office["closed_finding"].save()
    for url in (SEARCH, REGISTER):
        page = client_as(employee).get(url, {"q": "zebra"}).content.decode()
        assert "<script>alert(" not in page, url
        assert "&lt;script&gt;alert(&#x27;<mark>zebra</mark>&#x27;)&lt;/script&gt;" in page, url
    page = client_as(employee).get(SEARCH, {"q": "zebra"}).content.decode()
    assert "<img src=x" not in page
    assert "img src=x onerror=alert(1)&gt; <mark>zebra</mark>" in page


# The header's box


def test_every_intranet_page_has_the_search_box_for_signed_in_users(client_as, employee):
    for url in (reverse("intranet:home"), reverse("audits:audit_list"), "/"):
        page = client_as(employee).get(url).content.decode()
        assert f'<form class="site-search" method="get" action="{SEARCH}" role="search"' in page
        assert f'maxlength="{MAX_QUERY_LENGTH}"' in page
        assert '<label class="visually-hidden" for="site-search-q">' in page
    assert "site-search" not in client_as(None).get("/").content.decode()


# The register's snippets


def codes(client, **params):
    response = client.get(REGISTER, params)
    assert response.status_code == 200
    return [document.code for document in response.context["page_obj"]]


def test_the_register_shows_a_snippet_for_rows_whose_text_matches(client_as, office, employee):
    response = client_as(employee).get(REGISTER, {"q": "zebra"})
    rows = {document.code: document for document in response.context["page_obj"]}
    assert set(rows) == {"PR-71", "PR-73", "PR-75"}
    assert "<mark>Zebra</mark> w ogrodzie" in rows["PR-71"].snippet
    assert "<mark>zebra</mark> dostaje siano" in rows["PR-73"].snippet  # never the draft's text
    assert rows["PR-75"].snippet_of_next_edition
    page = response.content.decode()
    assert "<mark>Zebra</mark> w ogrodzie" in page
    assert "owies" not in page


def test_the_register_shows_no_snippet_when_only_the_title_matches(client_as, office, employee):
    response = client_as(employee).get(REGISTER, {"q": "instrukcja"})
    (document,) = response.context["page_obj"]
    assert document.snippet is None
    assert 'class="search-snippet' not in response.content.decode()


def test_the_register_without_a_query_shows_no_snippets(client_as, office, employee):
    response = client_as(employee).get(REGISTER)
    assert all(document.snippet is None for document in response.context["page_obj"])


def test_a_match_deep_in_a_long_text_still_gives_its_snippet(client_as, office, employee):
    """The snippets are looked for in the texts' beginnings first (SNIPPET_LOOKAHEAD); a text
    whose first match lies further on is read whole."""
    filler = "Procedura opisuje przyjmowanie korespondencji w kancelarii urzędu. " * 200
    assert len(filler) > 2 * SNIPPET_LOOKAHEAD
    with_text(office["in_force"].versions.get(), filler + "Tu pelikan czeka na rejs.")
    response = client_as(employee).get(REGISTER, {"q": "pelikan"})
    (document,) = response.context["page_obj"]
    assert document.code == "PR-71"
    assert "<mark>pelikan</mark> czeka na rejs" in document.snippet
    assert document.snippet.startswith("… ")


def test_a_match_at_the_end_of_a_texts_beginning_shows_the_words_after_it(
    client_as, office, employee
):
    # The match falls just before the beginning read first ends: its words run on past it.
    words = "kancelaria " * ((SNIPPET_LOOKAHEAD - 20) // len("kancelaria "))
    with_text(office["in_force"].versions.get(), words + "pelikan czeka na rejs do Gdyni.")
    response = client_as(employee).get(REGISTER, {"q": "pelikan"})
    (document,) = response.context["page_obj"]
    assert "<mark>pelikan</mark> czeka na rejs do Gdyni" in document.snippet


# Query counts: the same for 10 records of each kind as for 1,000


def add_records(n, user):
    """n documents in force (their text holding "zebra"), processes, findings and actions, made
    in bulk with their search text."""
    unit = factories.org_unit()
    documents = Document.objects.bulk_create(
        Document(
            code=f"BULK-{i:04d}",
            title=f"Instrukcja {i}",
            kind=DocumentKind.INSTRUCTION,
            unit=unit,
            search_title=index(f"BULK-{i:04d}", f"Instrukcja {i}"),
            search_text=index(f"BULK-{i:04d}", f"Instrukcja {i}", "Opieka nad zebrą."),
            is_published=True,  # its edition in force is created below
        )
        for i in range(n)
    )
    today = timezone.localdate()
    DocumentVersion.objects.bulk_create(
        DocumentVersion(
            document=document,
            revision=1,
            change_summary="",
            file="documents/bulk.pdf",
            sha256="0" * 64,
            content_type="application/pdf",
            status=VersionStatus.IN_FORCE,
            author=user,
            approver=user,
            approved_at=timezone.now(),
            effective_on=today,
            next_review_on=default_next_review(today),
            content="Opieka nad zebrą.",
        )
        for document in documents
    )
    Process.objects.bulk_create(
        Process(code=f"PB-{i:04d}", name=f"Proces {i}", kind="core", search_text=index("Zebra."))
        for i in range(n)
    )
    audit = factories.audit(status=AuditStatus.IN_PROGRESS, scope="Zebra.")
    findings = Finding.objects.bulk_create(
        Finding(
            audit=audit,
            number=i + 1,
            kind=FindingKind.MINOR,
            description=f"Zebra {i}.",
            raised_by=user,
            search_text=index(audit.number, f"Zebra {i}."),
        )
        for i in range(n)
    )
    CorrectiveAction.objects.bulk_create(
        CorrectiveAction(
            finding=finding,
            action="Zebra.",
            responsible=user,
            due_on=today,
            search_text=index("Zebra."),
        )
        for finding in findings
    )


# (who, queries): the session, the user, their permissions (2), the organisation (the header);
# then each kind's count and, when it found something, its page: for documents also the texts of
# the page's editions (1). The employee finds no findings or actions here (the audit is under
# way); an account without a role finds no documents or processes either, without a query.
SEARCH_QUERIES = {
    # 4 + 1; the documents' page and count, its rows, their snippets; one query (the page and
    # the count) for each other kind (qms.shortcuts.CountingPaginator)
    "coordinator": 12,
    "employee": 12,
    "no_role": 8,  # 4 + 1, audits, findings and actions
}


@pytest.mark.parametrize("who", SEARCH_QUERIES)
@pytest.mark.parametrize("rows", [10, 1000])
def test_search_page_queries_do_not_grow_with_records(
    request, client_as, django_assert_num_queries, coordinator, who, rows
):
    factories.organisation()
    add_records(rows, coordinator)
    client = client_as(request.getfixturevalue(who))
    with django_assert_num_queries(SEARCH_QUERIES[who]):
        response = client.get(SEARCH, {"q": "zebra"})
    assert response.status_code == 200
    counts = {result.group.key: result.count for result in response.context["results"]}
    if who != "no_role":
        assert counts["documents"] == counts["processes"] == rows
        assert counts["findings"] == counts["actions"] == (rows if who == "coordinator" else 0)


@pytest.mark.parametrize("rows", [10, 1000])
def test_register_queries_with_snippets_do_not_grow_with_documents(
    client_as, django_assert_num_queries, coordinator, employee, rows
):
    factories.organisation()
    add_records(rows, coordinator)
    client = client_as(employee)
    # Session, user, permissions (2), the organisation; the filter's processes and units; the
    # page's keys with the count; the page's rows; the beginnings of their editions' texts.
    with django_assert_num_queries(10):
        response = client.get(REGISTER, {"q": "zebrą"})
    assert response.context["page_obj"].paginator.count == rows
    assert all(document.snippet for document in response.context["page_obj"])
