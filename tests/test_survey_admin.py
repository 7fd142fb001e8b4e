"""The coordinator's survey pages: questionnaires with their versions, campaigns, who may open
them, what a frozen questionnaire refuses, and the input they hold against."""

import datetime
import uuid

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from qms import roles
from qms.models.base import PROSE
from surveys import services
from surveys.models import (
    FROZEN,
    Campaign,
    Channel,
    Question,
    QuestionGroup,
    Questionnaire,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(make_user):
    return make_user("clerk", roles.SURVEY_CLERK)


def respond(campaign, user):
    """One paper response to the campaign's first question (which freezes its questionnaire)."""
    question = Question.objects.filter(group__questionnaire=campaign.questionnaire_id).first()
    return services.response_submit(
        campaign=campaign, scores={question.pk: 5}, channel=Channel.PHONE, entered_by=user
    )


def post_form(client, url, data):
    """A form sent as the page sends it: with a fresh single-use submission token."""
    return client.post(url, {"submission": str(uuid.uuid4()), **data})


def form_errors(response):
    """{field: [error codes]} of the form a page showed again."""
    return {
        field: [error.code for error in errors]
        for field, errors in response.context["form"].errors.as_data().items()
    }


def shown_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def campaign_data(of, **changes):
    """The campaign form's fields, for a year from today, with questionnaire `of`."""
    today = timezone.localdate()
    return {
        "name": "Badanie satysfakcji 2027",
        "code": "2027",
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=365)).isoformat(),
        "questionnaire": of.pk,
        **changes,
    }


# Who may open what


def _urls(campaign):
    questionnaire = campaign.questionnaire
    group = questionnaire.groups.first()
    question = group.questions.first()
    return {
        "campaign_list": reverse("surveys:campaign_list"),
        "campaign_detail": reverse("surveys:campaign_detail", args=[campaign.pk]),
        "campaign_create": reverse("surveys:campaign_create"),
        "campaign_update": reverse("surveys:campaign_update", args=[campaign.pk]),
        "questionnaire_list": reverse("surveys:questionnaire_list"),
        "questionnaire_detail": questionnaire.get_absolute_url(),
        "questionnaire_create": reverse("surveys:questionnaire_create"),
        "questionnaire_update": reverse("surveys:questionnaire_update", args=[questionnaire.pk]),
        "questiongroup_create": reverse("surveys:questiongroup_create", args=[questionnaire.pk]),
        "questiongroup_update": reverse("surveys:questiongroup_update", args=[group.pk]),
        "question_create": reverse("surveys:question_create", args=[group.pk]),
        "question_update": reverse("surveys:question_update", args=[question.pk]),
    }


READ_CAMPAIGNS = {"campaign_list", "campaign_detail"}
READ_QUESTIONNAIRES = {"questionnaire_list", "questionnaire_detail"}

LADDER = {
    # who: the pages they open (every other one answers 403)
    "employee": set(),
    "clerk": READ_CAMPAIGNS,
    "auditor": READ_CAMPAIGNS | READ_QUESTIONNAIRES,
    "coordinator": None,  # every page
}


@pytest.mark.parametrize("who", LADDER)
def test_the_permission_ladder_of_the_survey_pages(request, client_as, who):
    campaign = factories.campaign()
    urls = _urls(campaign)
    client = client_as(request.getfixturevalue(who))
    allowed = LADDER[who] if LADDER[who] is not None else set(urls)
    answered = {page: client.get(url).status_code for page, url in urls.items()}
    assert answered == {page: 200 if page in allowed else 403 for page in urls}


def test_an_anonymous_visitor_is_sent_to_sign_in_from_every_survey_page(client):
    campaign = factories.campaign()
    for url in _urls(campaign).values():
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("login")), url


def test_under_privileged_users_change_nothing_by_post(client_as, auditor, clerk):
    campaign = factories.campaign()
    questionnaire = campaign.questionnaire
    for user in (auditor, clerk):
        client = client_as(user)
        post_form(client, reverse("surveys:campaign_create"), campaign_data(questionnaire))
        post_form(
            client,
            reverse("surveys:campaign_update", args=[campaign.pk]),
            campaign_data(questionnaire, name="Zmienione"),
        )
        post_form(client, reverse("surveys:questionnaire_create"), {"title": "Inna"})
        response = client.post(
            reverse("surveys:questionnaire_new_version", args=[questionnaire.pk])
        )
        assert response.status_code == 403
    assert Campaign.objects.count() == 1
    assert Campaign.objects.get().name == campaign.name
    assert Questionnaire.objects.count() == 1


def test_new_version_takes_only_a_post(client_as, coordinator):
    questionnaire = factories.questionnaire(frozen_at=timezone.now())
    url = reverse("surveys:questionnaire_new_version", args=[questionnaire.pk])
    assert client_as(coordinator).get(url).status_code == 405
    assert Questionnaire.objects.count() == 1


# Questionnaires


def test_the_coordinator_writes_a_questionnaire_group_by_group_and_is_named_in_its_history(
    client_as, coordinator
):
    client = client_as(coordinator)
    response = post_form(
        client,
        reverse("surveys:questionnaire_create"),
        {"title": "Ankieta 2027", "introduction": "Prosimy o kilka minut."},
    )
    questionnaire = Questionnaire.objects.get(title="Ankieta 2027")
    assert response["Location"] == questionnaire.get_absolute_url()
    assert (questionnaire.version, questionnaire.frozen_at) == (1, None)

    new_group = reverse("surveys:questiongroup_create", args=[questionnaire.pk])
    # A new group comes last unless told.
    assert client.get(new_group).context["form"].initial["position"] == 1
    post_form(client, new_group, {"name": "Kompetencje", "position": 1})
    assert client.get(new_group).context["form"].initial["position"] == 2
    post_form(client, new_group, {"name": "Terminowość", "position": 2})
    group = questionnaire.groups.get(position=1)
    new_question = reverse("surveys:question_create", args=[group.pk])
    post_form(client, new_question, {"text": "Wiedza pracownika", "position": 1})
    post_form(client, new_question, {"text": "Jasność wyjaśnień", "position": 2})
    question = group.questions.get(position=2)
    post_form(
        client,
        reverse("surveys:question_update", args=[question.pk]),
        {"text": "Zrozumiałość wyjaśnień", "position": 2},
    )

    page = client.get(questionnaire.get_absolute_url()).content.decode()
    page = page[page.index('id="questions-heading"') :]
    assert page.index("Kompetencje") < page.index("Terminowość")
    assert page.index("Wiedza pracownika") < page.index("Zrozumiałość wyjaśnień")
    question.refresh_from_db()
    assert question.text == "Zrozumiałość wyjaśnień"
    for record in (questionnaire, group, question):
        assert {row.history_user for row in record.history.all()} == {coordinator}
    assert question.history.count() == 2


def test_the_list_says_which_version_is_frozen_and_how_many_campaigns_use_it(
    client_as, auditor, coordinator
):
    campaign = factories.campaign()
    respond(campaign, coordinator)
    draft = services.questionnaire_new_version(questionnaire=campaign.questionnaire, user=None)
    page = client_as(auditor).get(reverse("surveys:questionnaire_list"))
    rows = {row.pk: row for row in page.context["page_obj"]}
    assert rows[campaign.questionnaire_id].n_campaigns == 1
    assert rows[campaign.questionnaire_id].is_frozen
    assert rows[draft.pk].n_campaigns == 0
    assert not rows[draft.pk].is_frozen
    # The newest version first.
    assert [row.version for row in page.context["page_obj"]] == [2, 1]


def test_a_frozen_questionnaire_refuses_every_edit_and_says_why(client_as, coordinator):
    campaign = factories.campaign()
    respond(campaign, coordinator)
    questionnaire = Questionnaire.objects.get(pk=campaign.questionnaire_id)
    assert questionnaire.is_frozen
    group = questionnaire.groups.first()
    question = group.questions.first()
    client = client_as(coordinator)
    attempts = [
        ("surveys:questionnaire_update", questionnaire.pk, {"title": "Zmieniona"}),
        ("surveys:questiongroup_create", questionnaire.pk, {"name": "Nowa", "position": 9}),
        ("surveys:questiongroup_update", group.pk, {"name": "Zmieniona", "position": 1}),
        ("surveys:question_create", group.pk, {"text": "Nowe", "position": 9}),
        ("surveys:question_update", question.pk, {"text": "Zmienione", "position": 1}),
    ]
    for name, pk, data in attempts:
        url = reverse(name, args=[pk])
        for response in (client.get(url), post_form(client, url, data)):
            assert response.status_code == 302, name
            assert response["Location"] == questionnaire.get_absolute_url()
            assert str(FROZEN) in shown_messages(response)
    assert Questionnaire.objects.get(pk=questionnaire.pk).title == questionnaire.title
    assert list(QuestionGroup.objects.values_list("name", flat=True)) == [group.name]
    assert Question.objects.get(pk=question.pk).text == question.text
    assert Question.objects.count() == 2
    # The page offers a new version instead of the edit links.
    page = client.get(questionnaire.get_absolute_url()).content.decode()
    assert reverse("surveys:questionnaire_new_version", args=[questionnaire.pk]) in page
    assert reverse("surveys:questionnaire_update", args=[questionnaire.pk]) not in page


def test_the_models_refuse_a_frozen_questionnaire_whatever_the_form(coordinator):
    campaign = factories.campaign()
    group = campaign.questionnaire.groups.first()
    question = group.questions.first()
    # Read before the first response came: the check asks the database, not the copy in hand.
    questionnaire = Questionnaire.objects.get(pk=campaign.questionnaire_id)
    respond(campaign, coordinator)
    for record in (
        questionnaire,
        group,
        question,
        QuestionGroup(questionnaire=questionnaire, position=5, name="Nowa"),
        Question(group=group, position=5, text="Nowe"),
    ):
        with pytest.raises(ValidationError) as refused:
            record.full_clean()
        assert refused.value.messages == [str(FROZEN)]


def test_a_new_version_copies_every_group_and_question_and_leaves_the_old_intact(
    client_as, coordinator
):
    questionnaire = factories.questionnaire(
        groups=[
            ("Kompetencje", ["Wiedza pracownika", "Jasność wyjaśnień"]),
            ("Terminowość", ["Czas oczekiwania"]),
        ],
        introduction="Wstęp.",
    )
    campaign = factories.campaign(questionnaire=questionnaire)
    respond(campaign, coordinator)
    questionnaire.refresh_from_db()
    before = list(
        Question.objects.filter(group__questionnaire=questionnaire)
        .order_by("group__position", "position")
        .values_list("pk", "group__name", "group__position", "position", "text")
    )

    response = client_as(coordinator).post(
        reverse("surveys:questionnaire_new_version", args=[questionnaire.pk])
    )

    copy = Questionnaire.objects.get(title=questionnaire.title, version=2)
    assert response["Location"] == copy.get_absolute_url()
    assert copy.frozen_at is None
    assert copy.introduction == "Wstęp."
    copied = list(
        Question.objects.filter(group__questionnaire=copy)
        .order_by("group__position", "position")
        .values_list("group__name", "group__position", "position", "text")
    )
    assert copied == [row[1:] for row in before]
    assert not {pk for pk, *_rest in before} & set(
        Question.objects.filter(group__questionnaire=copy).values_list("pk", flat=True)
    )
    # The old version is as it was, and its campaign still uses it.
    old = Questionnaire.objects.get(pk=questionnaire.pk)
    assert (old.version, old.frozen_at) == (1, questionnaire.frozen_at)
    assert (
        list(
            Question.objects.filter(group__questionnaire=old)
            .order_by("group__position", "position")
            .values_list("pk", "group__name", "group__position", "position", "text")
        )
        == before
    )
    assert Campaign.objects.get(pk=campaign.pk).questionnaire_id == old.pk
    # Who made it is in the history of the copy and its parts.
    for record in (copy, *copy.groups.all(), *Question.objects.filter(group__questionnaire=copy)):
        assert record.history.get().history_user == coordinator


def test_a_new_version_is_made_only_of_the_newest_frozen_version(client_as, coordinator):
    draft = factories.questionnaire()
    client = client_as(coordinator)
    response = client.post(reverse("surveys:questionnaire_new_version", args=[draft.pk]))
    assert response["Location"] == draft.get_absolute_url()
    assert Questionnaire.objects.count() == 1

    campaign = factories.campaign(questionnaire=draft)
    respond(campaign, coordinator)
    client.post(reverse("surveys:questionnaire_new_version", args=[draft.pk]))
    assert Questionnaire.objects.count() == 2
    # Asked again (a second click, an old tab): version 2 exists, no fork.
    response = client.post(reverse("surveys:questionnaire_new_version", args=[draft.pk]))
    assert response.status_code == 302
    assert Questionnaire.objects.count() == 2
    assert shown_messages(response)


def test_a_position_taken_in_the_group_is_refused_by_name(client_as, coordinator):
    questionnaire = factories.questionnaire()
    group = questionnaire.groups.first()
    response = post_form(
        client_as(coordinator),
        reverse("surveys:question_create", args=[group.pk]),
        {"text": "Nowe pytanie", "position": 1},
    )
    assert response.status_code == 200
    assert form_errors(response) == {"position": ["unique"]}
    assert group.questions.count() == 2


def test_a_second_questionnaire_with_the_same_title_is_refused(client_as, coordinator):
    existing = factories.questionnaire()
    response = post_form(
        client_as(coordinator), reverse("surveys:questionnaire_create"), {"title": existing.title}
    )
    assert form_errors(response) == {"title": ["unique"]}
    assert Questionnaire.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "errors"),
    [
        ("questionnaire_create", {"title": "x" * 201}, {"title": ["max_length"]}),
        ("questionnaire_create", {"title": ""}, {"title": ["required"]}),
        (
            "questionnaire_create",
            {"title": "Ankieta", "introduction": "x" * (PROSE + 1)},
            {"introduction": ["max_length"]},
        ),
        ("questiongroup_create", {"name": "x" * 101, "position": 3}, {"name": ["max_length"]}),
        ("questiongroup_create", {"name": "Grupa", "position": 0}, {"position": ["min_value"]}),
        ("questiongroup_create", {"name": "Grupa", "position": 10**9}, {"position": ["max_value"]}),
        ("questiongroup_create", {"name": "Grupa", "position": "1e3"}, {"position": ["invalid"]}),
        ("questiongroup_create", {}, {"name": ["required"], "position": ["required"]}),
        ("question_create", {"text": "x" * 301, "position": 3}, {"text": ["max_length"]}),
        ("question_create", {"text": "Pytanie", "position": -1}, {"position": ["min_value"]}),
    ],
)
def test_careless_and_hostile_input_to_a_questionnaire_is_refused_with_a_message(
    client_as, coordinator, name, data, errors
):
    questionnaire = factories.questionnaire()
    pk = questionnaire.groups.first().pk if name == "question_create" else questionnaire.pk
    url = reverse(f"surveys:{name}", args=[] if name == "questionnaire_create" else [pk])
    counts = (
        Questionnaire.objects.count(),
        QuestionGroup.objects.count(),
        Question.objects.count(),
    )
    response = post_form(client_as(coordinator), url, data)
    assert response.status_code == 200
    assert form_errors(response) == errors
    assert counts == (
        Questionnaire.objects.count(),
        QuestionGroup.objects.count(),
        Question.objects.count(),
    )


def test_records_that_do_not_exist_answer_404(client_as, coordinator):
    client = client_as(coordinator)
    for name in (
        "surveys:questionnaire_detail",
        "surveys:questionnaire_update",
        "surveys:questiongroup_create",
        "surveys:questiongroup_update",
        "surveys:question_create",
        "surveys:question_update",
        "surveys:campaign_detail",
        "surveys:campaign_update",
    ):
        assert client.get(reverse(name, args=[987654])).status_code == 404, name
    url = reverse("surveys:questionnaire_new_version", args=[987654])
    assert client.post(url).status_code == 404
    assert client.get("/intranet/surveys/campaigns/1%27%20OR%201=1/").status_code == 404


# Campaigns


def test_the_coordinator_opens_a_campaign_and_finds_its_public_address(client_as, coordinator):
    questionnaire = factories.questionnaire()
    client = client_as(coordinator)
    response = post_form(
        client, reverse("surveys:campaign_create"), campaign_data(questionnaire, code="Lato-2027")
    )
    campaign = Campaign.objects.get()
    # Typed in capitals, kept in small letters: one spelling of each address.
    assert campaign.code == "lato-2027"
    assert response["Location"] == reverse("surveys:campaign_detail", args=[campaign.pk])
    page = client.get(response["Location"]).content.decode()
    assert "http://testserver/ankieta/lato-2027/" in page
    assert campaign.history.get().history_user == coordinator


def test_the_clerk_reads_a_campaign_without_its_edit_links_or_scores(client_as, clerk, coordinator):
    campaign = factories.campaign()
    respond(campaign, coordinator)
    page = client_as(clerk).get(reverse("surveys:campaign_detail", args=[campaign.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("surveys:campaign_update", args=[campaign.pk]) not in html
    assert campaign.questionnaire.get_absolute_url() not in html
    assert 'id="paper"' in html  # where the paper topic's links go
    assert page.context["campaign"].response_count == 1


def test_a_short_address_already_taken_is_refused_with_a_message(client_as, coordinator):
    existing = factories.campaign(code="2026")
    response = post_form(
        client_as(coordinator),
        reverse("surveys:campaign_create"),
        campaign_data(existing.questionnaire, code="2026"),
    )
    assert response.status_code == 200
    assert form_errors(response) == {"code": ["unique"]}
    assert Campaign.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"closes_on": "9999-12-31"}, {"closes_on": ["max_value"]}),
        ({"opens_on": "0001-01-01"}, {"opens_on": ["min_value"]}),
        ({"opens_on": "99999-01-01"}, {"opens_on": ["invalid"]}),
        # The database constraint's message (it has no code).
        ({"opens_on": "2030-07-14", "closes_on": "2030-07-13"}, {"__all__": [None]}),
        ({"code": "ankieta 2027/.."}, {"code": ["invalid"]}),
        ({"code": "x" * 21}, {"code": ["max_length"]}),
        ({"name": "x" * 201}, {"name": ["max_length"]}),
        ({"questionnaire": "987654"}, {"questionnaire": ["invalid_choice"]}),
        (
            {"name": "", "code": "", "opens_on": "", "closes_on": "", "questionnaire": ""},
            {
                "name": ["required"],
                "code": ["required"],
                "opens_on": ["required"],
                "closes_on": ["required"],
                "questionnaire": ["required"],
            },
        ),
    ],
)
def test_careless_and_hostile_input_to_a_campaign_is_refused_with_a_message(
    client_as, coordinator, changes, errors
):
    questionnaire = factories.questionnaire()
    response = post_form(
        client_as(coordinator),
        reverse("surveys:campaign_create"),
        campaign_data(questionnaire, **changes),
    )
    assert response.status_code == 200
    assert form_errors(response) == errors
    assert not Campaign.objects.exists()


def test_a_campaign_switches_to_a_new_version_only_while_it_has_no_responses(
    client_as, coordinator
):
    answered = factories.campaign()
    respond(answered, coordinator)
    new = services.questionnaire_new_version(questionnaire=answered.questionnaire, user=None)
    waiting = factories.campaign(questionnaire=answered.questionnaire)
    client = client_as(coordinator)

    refused = post_form(
        client,
        reverse("surveys:campaign_update", args=[answered.pk]),
        campaign_data(new, name=answered.name, code=answered.code),
    )
    assert form_errors(refused) == {"questionnaire": ["has_responses"]}
    assert Campaign.objects.get(pk=answered.pk).questionnaire_id == answered.questionnaire_id

    switched = post_form(
        client,
        reverse("surveys:campaign_update", args=[waiting.pk]),
        campaign_data(new, name=waiting.name, code=waiting.code),
    )
    assert switched.status_code == 302
    assert Campaign.objects.get(pk=waiting.pk).questionnaire_id == new.pk


def test_a_campaign_form_sent_twice_makes_one_campaign(client_as, coordinator):
    questionnaire = factories.questionnaire()
    client = client_as(coordinator)
    data = {"submission": str(uuid.uuid4()), **campaign_data(questionnaire)}
    first = client.post(reverse("surveys:campaign_create"), data)
    second = client.post(reverse("surveys:campaign_create"), data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Campaign.objects.count() == 1


def test_a_questionnaire_form_sent_twice_makes_one_questionnaire(client_as, coordinator):
    client = client_as(coordinator)
    data = {"submission": str(uuid.uuid4()), "title": "Ankieta 2027"}
    first = client.post(reverse("surveys:questionnaire_create"), data)
    second = client.post(reverse("surveys:questionnaire_create"), data)
    assert second["Location"] == first["Location"]
    assert Questionnaire.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_saving_the_same_short_address_at_once_get_one_campaign(make_user):
    from tests.test_double_submit import at_once, signed_in

    first = make_user("coordinator", roles.COORDINATOR)
    second = make_user("coordinator2", roles.COORDINATOR)
    data = campaign_data(factories.questionnaire(), code="rownoczesna")
    url = reverse("surveys:campaign_create")
    answers = at_once(
        lambda: post_form(signed_in(first), url, data),
        lambda: post_form(signed_in(second), url, data),
    )
    assert not [a for a in answers if isinstance(a, Exception) or a.status_code >= 500], answers
    assert sorted(a.status_code for a in answers) == [200, 302]
    assert Campaign.objects.filter(code="rownoczesna").count() == 1


# Navigation and the home


def test_the_clerk_lands_on_a_home_with_the_open_campaigns_and_the_survey_menu(
    client_as, clerk, coordinator
):
    today = timezone.localdate()
    open_now = factories.campaign(name="Badanie otwarte")
    respond(open_now, coordinator)
    respond(open_now, coordinator)
    factories.campaign(
        name="Badanie zamknięte",
        opens_on=today - datetime.timedelta(days=400),
        closes_on=today - datetime.timedelta(days=35),
    )
    response = client_as(clerk).get(reverse("intranet:home"))
    assert response.status_code == 200
    assert [(c.name, c.response_count) for c in response.context["open_campaigns"]] == [
        ("Badanie otwarte", 2)
    ]
    html = response.content.decode()
    assert "Badanie zamknięte" not in html
    assert html.count(f'href="{reverse("surveys:campaign_list")}"') == 2  # the menu, the card


def test_staff_without_the_survey_see_neither_its_menu_nor_its_card(client_as, employee):
    factories.campaign()
    response = client_as(employee).get(reverse("intranet:home"))
    assert "open_campaigns" not in response.context
    assert reverse("surveys:campaign_list") not in response.content.decode()


# Queries: the same number for few rows and for many


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def some_campaigns(n, user):
    questionnaire = factories.questionnaire()
    campaigns = [factories.campaign(questionnaire=questionnaire) for _ in range(n)]
    for campaign in campaigns:
        respond(campaign, user)
    return campaigns


def big_questionnaire(n):
    """n groups of two questions, and n questions in the first group."""
    groups = [(f"Grupa {g}", ["Pierwsze", "Drugie"]) for g in range(n)]
    groups[0] = ("Grupa 0", [f"Pytanie {q}" for q in range(n)])
    return factories.questionnaire(groups=groups)


# (what is measured, how the rows are made, the page's URL, at most this many queries)
QUERY_BUDGETS = {
    "campaign list": (
        lambda n, user: some_campaigns(n, user),
        lambda made: reverse("surveys:campaign_list"),
        7,
    ),
    "campaign detail": (
        lambda n, user: [respond(c, user) for c in [factories.campaign()] for _ in range(n)],
        lambda made: reverse("surveys:campaign_detail", args=[made[0].campaign_id]),
        6,
    ),
    "questionnaire list": (
        lambda n, user: [factories.campaign() for _ in range(n)],
        lambda made: reverse("surveys:questionnaire_list"),
        7,
    ),
    "questionnaire detail": (
        lambda n, user: (
            [factories.campaign(questionnaire=big_questionnaire(n))]
            + [factories.campaign(questionnaire=big_questionnaire(1)) for _ in range(n)]
        ),
        lambda made: made[0].questionnaire.get_absolute_url(),
        12,
    ),
    "intranet home": (
        lambda n, user: some_campaigns(n, user),
        lambda made: reverse("intranet:home"),
        17,
    ),
}


@pytest.mark.parametrize("page", QUERY_BUDGETS)
def test_survey_pages_take_as_many_queries_for_2_rows_as_for_30(
    client_as, coordinator, django_assert_max_num_queries, page
):
    make, url_of, budget = QUERY_BUDGETS[page]
    client = client_as(coordinator)
    counts = []
    for n in (2, 30):
        url = url_of(make(n, coordinator))
        counts.append(queries_of(client, url))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(budget):
        client.get(url)


def test_the_coordinator_finds_the_change_history_of_each_part_and_auditors_read_only(
    client_as, coordinator, auditor
):
    campaign = factories.campaign()
    questionnaire = campaign.questionnaire
    group = questionnaire.groups.first()
    question = group.questions.first()
    histories = [
        reverse("intranet:record_history", args=["questionnaire", questionnaire.pk]),
        reverse("intranet:record_history", args=["question-group", group.pk]),
        reverse("intranet:record_history", args=["question", question.pk]),
    ]
    edits = [
        reverse("surveys:questionnaire_update", args=[questionnaire.pk]),
        reverse("surveys:questiongroup_update", args=[group.pk]),
        reverse("surveys:question_update", args=[question.pk]),
    ]
    survey_history = reverse("intranet:record_history", args=["survey", campaign.pk])
    campaign_page = reverse("surveys:campaign_detail", args=[campaign.pk])

    page = client_as(coordinator).get(questionnaire.get_absolute_url()).content.decode()
    assert all(url in page for url in histories + edits)
    assert survey_history in client_as(coordinator).get(campaign_page).content.decode()
    assert client_as(coordinator).get(histories[2]).status_code == 200

    page = client_as(auditor).get(questionnaire.get_absolute_url()).content.decode()
    assert not any(url in page for url in histories + edits)
    assert survey_history not in client_as(auditor).get(campaign_page).content.decode()
