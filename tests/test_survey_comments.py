"""The residents' comments: read and filtered by the office and the auditors, turned into
improvement or corrective actions for a process's owner, reported done and closed; overdue
actions in the daily digest."""

import datetime
import uuid
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from qms import roles
from qms.models.base import NOTE, RecordDeletionError
from qms.reminders import gather
from surveys import services
from surveys.models import (
    ActionKind,
    Channel,
    CommentAction,
    CommentActionStatus,
    Source,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    factories.organisation()
    return factories.campaign(
        questionnaire=factories.questionnaire(
            groups=[("Obsługa", ["Uprzejmość", "Wiedza", "Czas oczekiwania"])]
        )
    )


@pytest.fixture
def clerk(make_user):
    return make_user("clerk", roles.SURVEY_CLERK)


@pytest.fixture
def other_owner(make_user):
    return make_user("other_owner", roles.PROCESS_OWNER)


@pytest.fixture
def process(owner):
    return factories.process(owner=owner, name="Obsługa mieszkańców")


@pytest.fixture
def comment(campaign):
    return factories.survey_response(
        campaign, scores=(1, 2, None), comment="Za długo czekałem w kolejce do okienka."
    )


def comment_list(campaign, **query):
    url = reverse("surveys:comment_list", args=[campaign.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def shown(response):
    return [row.pk for row in response.context["page_obj"]]


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


# --- The comments' list ----------------------------------------------------------------------


def test_comments_are_listed_newest_first_with_their_unit_channel_and_mean(
    client_as, coordinator, campaign
):
    unit = factories.org_unit(name="Wydział Komunikacji")
    older = factories.survey_response(campaign, scores=(5, 4), comment="Bardzo miła obsługa.")
    newer = factories.survey_response(
        campaign, scores=(1, 2), comment="Telefon ciągle zajęty.", unit=unit, channel=Channel.PHONE
    )
    factories.survey_response(campaign, scores=(3,), comment="")  # no comment: not listed
    factories.survey_response(factories.campaign(), comment="Inna ankieta.")  # another campaign
    response = client_as(coordinator).get(comment_list(campaign))
    assert response.status_code == 200
    assert shown(response) == [newer.pk, older.pk]
    page = response.content.decode()
    assert "Telefon ciągle zajęty." in page and "Wydział Komunikacji" in page
    assert "telefonicznie" in page or "by phone" in page
    # The means, written the Polish way.
    assert "1,5" in page and "4,5" in page
    assert "Inna ankieta." not in page


@pytest.mark.parametrize(
    ("band", "expected"), [("low", ["low"]), ("middling", ["three"]), ("high", ["high"])]
)
def test_comments_filter_by_the_mean_score_band_computed_in_the_database(
    client_as, coordinator, campaign, band, expected
):
    made = {
        "low": factories.survey_response(campaign, scores=(2, 2, 1), comment="Źle."),
        "three": factories.survey_response(campaign, scores=(3, 2, 4), comment="Średnio."),
        "high": factories.survey_response(campaign, scores=(4, 5, None), comment="Dobrze."),
        # Every question "not applicable": in no band.
        "none": factories.survey_response(campaign, scores=(None,), comment="Nie wiem."),
    }
    response = client_as(coordinator).get(comment_list(campaign, band=band))
    assert shown(response) == [made[name].pk for name in expected]


def test_comments_filter_by_unit_channel_source_and_words(client_as, coordinator, campaign):
    unit = factories.org_unit()
    clerk_user = factories.staff_user("desk", role=roles.SURVEY_CLERK)
    in_unit = factories.survey_response(campaign, comment="Winda nieczynna.", unit=unit)
    by_email = factories.survey_response(
        campaign, comment="Szybka odpowiedź na e-mail.", channel=Channel.EMAIL
    )
    on_paper = factories.survey_response(
        campaign, comment="Brakuje ławek w poczekalni.", entered_by=clerk_user
    )
    client = client_as(coordinator)
    assert shown(client.get(comment_list(campaign, unit=unit.pk))) == [in_unit.pk]
    assert shown(client.get(comment_list(campaign, channel=Channel.EMAIL))) == [by_email.pk]
    assert shown(client.get(comment_list(campaign, source=Source.PAPER))) == [on_paper.pk]
    assert shown(client.get(comment_list(campaign, q="ŁAWEK"))) == [on_paper.pk]
    assert shown(client.get(comment_list(campaign, q="WINDA"))) == [in_unit.pk]


def test_comments_without_an_action_can_be_picked_out(client_as, coordinator, campaign, process):
    acted_on = factories.survey_response(campaign, comment="Kolejka.")
    waiting = factories.survey_response(campaign, comment="Parking.")
    action = factories.comment_action(response=acted_on, process=process, user=coordinator)
    client = client_as(coordinator)
    page = client.get(comment_list(campaign)).content.decode()
    assert f'href="{action.get_absolute_url()}"' in page
    assert shown(client.get(comment_list(campaign, without_action="on"))) == [waiting.pk]


@pytest.mark.parametrize(
    "query",
    [
        {"q": "x" * 5000},
        {"unit": "abc"},
        {"unit": "999999"},
        {"channel": "fax"},
        {"band": "<script>"},
        {"source": ""},
        {"page": "-1"},
        {"page": "99999"},
        {"q": "%_\\'\""},
        {"without_action": "maybe"},
    ],
)
def test_careless_or_hostile_filters_answer_a_page_never_an_error(
    client_as, coordinator, campaign, comment, query
):
    url = comment_list(campaign) + "?" + "&".join(f"{k}={v}" for k, v in query.items())
    response = client_as(coordinator).get(url.replace("#", "%23"))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [2, 30])
def test_comment_list_queries_do_not_grow_with_the_comments(
    client_as, coordinator, campaign, process, django_assert_max_num_queries, rows
):
    units = [factories.org_unit(), factories.org_unit()]
    for n in range(rows):
        response = factories.survey_response(
            campaign, scores=(n % 5 + 1, 3), comment=f"Uwaga {n}", unit=units[n % 2]
        )
        if n % 3 == 0:
            factories.comment_action(response=response, process=process, user=coordinator)
    client = client_as(coordinator)
    # Session, user, permissions, the organisation (the footer); the campaign; the units of
    # the filter; the count, the page, its actions.
    with django_assert_max_num_queries(10):
        response = client.get(comment_list(campaign, band="low"))
    assert response.status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(comment_list(campaign)).status_code == 200


def test_comment_list_ladder(client_as, campaign, coordinator, auditor, owner, employee, clerk):
    url = comment_list(campaign)
    anonymous = client_as(None).get(url)
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    for refused in (employee, clerk, owner):
        assert client_as(refused).get(url).status_code == 403
    for reader in (auditor, coordinator):
        assert client_as(reader).get(url).status_code == 200
    missing = reverse("surveys:comment_list", args=[999999])
    assert client_as(coordinator).get(missing).status_code == 404


def test_only_the_office_sees_the_button_to_turn_a_comment_into_an_action(
    client_as, campaign, comment, coordinator, auditor
):
    create = reverse("surveys:comment_action_create", args=[comment.pk])
    assert create in client_as(coordinator).get(comment_list(campaign)).content.decode()
    assert create not in client_as(auditor).get(comment_list(campaign)).content.decode()


# --- Turning a comment into an action ----------------------------------------------------------


def action_data(process, **extra):
    return {
        "kind": ActionKind.CORRECTIVE,
        "process": process.pk,
        "responsible": "",
        "action": "Uruchomić system rezerwacji wizyt.",
        "due_on": in_days(60).isoformat(),
        "submission": str(uuid.uuid4()),
        **extra,
    }


def create_url(response):
    return reverse("surveys:comment_action_create", args=[response.pk])


def test_the_form_quotes_the_comment_and_proposes_the_kinds(client_as, coordinator, comment):
    response = client_as(coordinator).get(create_url(comment))
    assert response.status_code == 200
    form = response.context["form"]
    assert "Za długo czekałem w kolejce do okienka." in form.initial["action"]
    assert [value for value, _label in form.fields["kind"].choices] == ActionKind.values


def test_the_coordinator_turns_a_comment_into_an_action_for_the_process_owner(
    client_as, coordinator, owner, comment, process
):
    response = client_as(coordinator).post(create_url(comment), action_data(process))
    action = CommentAction.objects.get()
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    assert (action.response, action.kind, action.process) == (
        comment,
        ActionKind.CORRECTIVE,
        process,
    )
    assert action.responsible == owner  # the process's owner, the field left empty
    assert action.created_by == coordinator and action.status == CommentActionStatus.OPEN
    created = action.history.get()
    assert created.history_type == "+" and created.history_user == coordinator


def test_another_person_can_be_named_responsible(client_as, coordinator, comment, other_owner):
    process = factories.process(owner=None)
    data = action_data(process, responsible=other_owner.pk)
    client_as(coordinator).post(create_url(comment), data)
    assert CommentAction.objects.get().responsible == other_owner


def test_a_process_without_owner_needs_someone_named(client_as, coordinator, comment):
    process = factories.process(owner=None)
    response = client_as(coordinator).post(create_url(comment), action_data(process))
    assert response.status_code == 200
    assert "responsible" in response.context["form"].errors
    assert not CommentAction.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"action": "x" * (NOTE + 1)}, "action"),
        ({"action": "   "}, "action"),
        ({"due_on": "2024-01-01"}, "due_on"),
        ({"due_on": "9999-12-31"}, "due_on"),
        ({"due_on": "0001-01-01"}, "due_on"),
        ({"due_on": "jutro"}, "due_on"),
        ({"kind": "punishment"}, "kind"),
        ({"process": "999999"}, "process"),
        ({"responsible": "abc"}, "responsible"),
    ],
)
def test_hostile_or_careless_input_shows_the_form_again_and_saves_nothing(
    client_as, coordinator, comment, process, extra, field
):
    response = client_as(coordinator).post(create_url(comment), {**action_data(process), **extra})
    assert response.status_code == 200
    assert field in response.context["form"].errors or response.context["form"].non_field_errors()
    assert not CommentAction.objects.exists()


def test_a_due_date_past_a_year_ahead_is_refused(client_as, coordinator, comment, process):
    data = action_data(process, due_on=in_days(400).isoformat())
    response = client_as(coordinator).post(create_url(comment), data)
    assert "due_on" in response.context["form"].errors
    assert not CommentAction.objects.exists()


def test_an_archived_process_is_not_offered_nor_taken(client_as, coordinator, comment, owner):
    archived = factories.process(owner=owner, is_active=False)
    response = client_as(coordinator).post(create_url(comment), action_data(archived))
    assert "process" in response.context["form"].errors
    with pytest.raises(services.ValidationError):
        services.comment_action_create(
            response=comment,
            kind=ActionKind.IMPROVEMENT,
            process=archived,
            action="Coś zrobić.",
            due_on=in_days(10),
            user=coordinator,
        )
    assert not CommentAction.objects.exists()


def test_a_response_without_a_comment_cannot_be_acted_on(client_as, coordinator, campaign):
    silent = factories.survey_response(campaign, comment="")
    assert client_as(coordinator).get(create_url(silent)).status_code == 404


def test_a_double_submit_makes_one_action(client_as, coordinator, comment, process):
    client = client_as(coordinator)
    data = action_data(process)
    first = client.post(create_url(comment), data)
    second = client.post(create_url(comment), data)
    assert CommentAction.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_a_comment_leads_to_a_few_actions_at_most(coordinator, comment, process):
    for _n in range(5):
        factories.comment_action(response=comment, process=process, user=coordinator)
    with pytest.raises(services.ValidationError):
        factories.comment_action(response=comment, process=process, user=coordinator)


def test_create_ladder(client_as, comment, process, coordinator, auditor, owner, employee, clerk):
    url = create_url(comment)
    anonymous = client_as(None).post(url, action_data(process))
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    for refused in (employee, clerk, owner, auditor):
        assert client_as(refused).get(url).status_code == 403
        assert client_as(refused).post(url, action_data(process)).status_code == 403
    assert not CommentAction.objects.exists()


def test_actions_are_never_deleted(coordinator, comment, process):
    action = factories.comment_action(response=comment, process=process, user=coordinator)
    with pytest.raises(RecordDeletionError):
        action.delete()
    with pytest.raises(RecordDeletionError):
        CommentAction.objects.all().delete()


# --- Done and closed ---------------------------------------------------------------------------


@pytest.fixture
def action(coordinator, comment, process):
    return factories.comment_action(response=comment, process=process, user=coordinator)


def done_url(action):
    return reverse("surveys:comment_action_done", args=[action.pk])


def close_url(action):
    return reverse("surveys:comment_action_close", args=[action.pk])


def done_data(**extra):
    today = timezone.localdate().isoformat()
    return {"done_on": today, "outcome": "Wdrożono rezerwację.", "submission": str(uuid.uuid4())}


def test_the_owner_reports_their_action_done_and_the_office_closes_it(
    client_as, owner, coordinator, action
):
    detail = client_as(owner).get(action.get_absolute_url())
    assert done_url(action) in detail.content.decode()
    response = client_as(owner).post(done_url(action), done_data())
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.done_by, action.outcome) == (
        CommentActionStatus.DONE,
        owner,
        "Wdrożono rezerwację.",
    )
    assert (
        close_url(action) in client_as(coordinator).get(action.get_absolute_url()).content.decode()
    )
    assert client_as(coordinator).post(close_url(action)).status_code == 302
    action.refresh_from_db()
    assert action.status == CommentActionStatus.CLOSED and action.closed_by == coordinator
    assert [row.history_user for row in action.history.order_by("history_date")] == [
        coordinator,
        owner,
        coordinator,
    ]


def test_another_owner_may_neither_see_nor_report_an_action(client_as, other_owner, action):
    client = client_as(other_owner)
    assert client.get(action.get_absolute_url()).status_code == 403
    assert client.get(done_url(action)).status_code == 403
    assert client.post(done_url(action), done_data()).status_code == 403
    assert shown(client.get(reverse("surveys:comment_action_list"))) == []
    action.refresh_from_db()
    assert action.status == CommentActionStatus.OPEN


def test_only_the_office_closes_and_only_what_is_done(
    client_as, owner, auditor, coordinator, action
):
    assert client_as(None).post(close_url(action)).status_code == 302
    for refused in (owner, auditor):
        assert client_as(refused).post(close_url(action)).status_code == 403
    assert client_as(coordinator).get(close_url(action)).status_code == 405
    # Open, not done: the office is told, nothing changes.
    response = client_as(coordinator).post(close_url(action), follow=True)
    with translation.override("pl"):
        told = _("Only an action reported done can be closed.")
    assert told in response.content.decode()
    action.refresh_from_db()
    assert action.status == CommentActionStatus.OPEN


@pytest.mark.parametrize(
    "extra",
    [
        {"outcome": ""},
        {"outcome": "x" * (NOTE + 1)},
        {"done_on": "2999-01-01"},
        {"done_on": "1990-01-01"},
        {"done_on": "nie"},
    ],
)
def test_a_careless_report_is_shown_again(client_as, owner, action, extra):
    response = client_as(owner).post(done_url(action), {**done_data(), **extra})
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.status == CommentActionStatus.OPEN


def test_a_done_action_cannot_be_reported_again(client_as, owner, action):
    client_as(owner).post(done_url(action), done_data())
    response = client_as(owner).get(done_url(action))
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()


def test_the_owner_sees_their_own_actions_the_office_and_auditors_all(
    client_as, owner, other_owner, coordinator, auditor, employee, clerk, comment, process
):
    mine = factories.comment_action(response=comment, process=process, user=coordinator)
    theirs = factories.comment_action(
        response=comment, process=factories.process(owner=other_owner), user=coordinator
    )
    url = reverse("surveys:comment_action_list")
    assert shown(client_as(owner).get(url)) == [mine.pk]
    assert sorted(shown(client_as(coordinator).get(url))) == sorted([mine.pk, theirs.pk])
    assert sorted(shown(client_as(auditor).get(url))) == sorted([mine.pk, theirs.pk])
    for refused in (employee, clerk):
        assert client_as(refused).get(url).status_code == 403
    assert client_as(None).get(url).status_code == 302


@pytest.mark.parametrize("rows", [2, 30])
def test_action_list_queries_do_not_grow_with_the_actions(
    client_as, coordinator, campaign, process, django_assert_max_num_queries, rows
):
    for n in range(rows):
        response = factories.survey_response(campaign, comment=f"Uwaga {n}")
        factories.comment_action(response=response, process=process, user=coordinator)
    client = client_as(coordinator)
    # Session, user, permissions, the organisation; the processes of the filter; the
    # campaigns; the count and the page.
    with django_assert_max_num_queries(9):
        assert client.get(reverse("surveys:comment_action_list")).status_code == 200


def test_action_detail_queries_are_fixed(
    client_as, coordinator, action, django_assert_max_num_queries
):
    client = client_as(coordinator)
    # Session, user, permissions, the organisation; the action with all it shows.
    with django_assert_max_num_queries(6):
        assert client.get(action.get_absolute_url()).status_code == 200


# --- The daily digest --------------------------------------------------------------------------


def test_overdue_open_actions_are_reminded_to_the_person_responsible(
    owner, coordinator, action, travel
):
    done = factories.comment_action(
        response=action.response, process=action.process, user=coordinator
    )
    services.comment_action_done(action=done, user=owner, outcome="Zrobione.")
    later = action.due_on + datetime.timedelta(days=1)
    items = [item for item in gather(later) if item.key.startswith("survey-comment-action:")]
    assert [(item.user, item.key) for item in items] == [
        (owner, f"survey-comment-action:{action.pk}")
    ]
    assert items[0].url == action.get_absolute_url()
    assert not [
        item for item in gather(action.due_on) if item.key.startswith("survey-comment-action:")
    ]


# --- The demo's comments ---------------------------------------------------------------------


def test_the_demo_has_a_few_dozen_varied_comments_about_real_units():
    from qms.demo.units import UNITS
    from surveys.demo.records import COMMENTS

    codes = {code for code, *_rest in UNITS}
    assert len(COMMENTS) >= 40
    assert len({text for _unit, _tone, text in COMMENTS}) == len(COMMENTS)
    assert {unit for unit, _tone, _text in COMMENTS} - {None} <= codes
    assert len({unit for unit, _tone, _text in COMMENTS}) >= 8
    tones = Counter(tone for _unit, tone, _text in COMMENTS)
    assert set(tones) == {"+", "-", "~"} and min(tones.values()) >= 8
    assert all(len(text) <= NOTE for _unit, _tone, text in COMMENTS)


def test_the_demo_responses_carry_their_comments_unit_and_tone(campaign):
    import random

    from surveys.demo import loader
    from surveys.demo.records import COMMENTS
    from surveys.models import Question, Response

    units = [factories.org_unit(code=code) for code in ("BOM", "WK", "USC", "WAB")]
    questions = list(
        Question.objects.filter(group__questionnaire=campaign.questionnaire).values_list(
            "pk", flat=True
        )
    )
    comments = loader._comments_with_units(units)
    last_day = campaign.opens_on + datetime.timedelta(days=20)
    loader._responses(campaign, questions, units, comments, 300, last_day, random.Random(1))
    about = {text: (unit, tone) for unit, tone, text in COMMENTS}
    means = {"+": [], "-": []}
    commented = Response.objects.filter(campaign=campaign).exclude(comment="")
    assert commented.count() >= 20
    for response in commented.prefetch_related("answers"):
        code, tone = about[response.comment]
        if code in {"BOM", "WK", "USC", "WAB"}:
            assert response.unit.code == code
        scores = [a.score for a in response.answers.all() if a.score is not None]
        if tone in means and scores:
            means[tone].append(sum(scores) / len(scores))
    assert sum(means["-"]) / len(means["-"]) < 2.5 < 4 < sum(means["+"]) / len(means["+"])


def test_what_waits_for_an_owner_is_their_open_actions(owner, other_owner, coordinator, action):
    from surveys.filters import comment_actions_to_do

    assert list(comment_actions_to_do(owner)) == [action]
    assert not comment_actions_to_do(other_owner).exists()
    services.comment_action_done(action=action, user=owner, outcome="Zrobione.")
    assert not comment_actions_to_do(owner).exists()


@pytest.mark.parametrize("rows", [2, 30])
def test_owner_home_lists_their_open_actions_on_comments_in_one_query(
    client_as, owner, coordinator, other_owner, process, django_assert_num_queries, rows
):
    factories.organisation()
    campaign = factories.campaign()
    for _number in range(rows):
        comment = factories.survey_response(campaign, comment="Za długo czekałem.")
        factories.comment_action(user=coordinator, response=comment, process=process)
    # Another owner's action is not theirs to do.
    comment = factories.survey_response(campaign, comment="Nieczytelna strona.")
    factories.comment_action(
        user=coordinator, response=comment, process=factories.process(owner=other_owner)
    )
    client = client_as(owner)
    with django_assert_num_queries(13):
        home = client.get(reverse("intranet:home"))
    listed = home.context["comment_actions"]
    assert listed.total == rows
    assert len(listed) == min(rows, 20)
    assert {action.responsible_id for action in listed} == {owner.pk}
    assert reverse("surveys:comment_action_list") + "?status=open" in home.content.decode()


def test_home_of_someone_without_a_process_has_no_list_of_comment_actions(client_as, coordinator):
    home = client_as(coordinator).get(reverse("intranet:home"))
    assert "comment_actions" not in home.context
