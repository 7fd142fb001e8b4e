"""The residents' survey: the public form of an open campaign, what it stores and what it never
stores, and what keeps scripts out (a field people leave empty, a minimum time to fill the form,
a daily limit per address counted under a hash no answer points to)."""

import datetime
import time

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from qms.models import OrganisationalUnit
from qms.models.submissions import FormSubmission
from surveys import services
from surveys.forms.responses import MIN_FILL_SECONDS, NOT_APPLICABLE, new_form_token
from surveys.models import (
    Answer,
    Campaign,
    Channel,
    DailyTally,
    Questionnaire,
    Response,
    Source,
)
from tests import factories

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
BROWSER = "Mozilla/5.0 (Ankieta; test) Gecko/20100101"


@pytest.fixture
def campaign():
    factories.organisation()
    return factories.campaign(
        questionnaire=factories.questionnaire(
            groups=[
                ("Kompetencje", ["Wiedza pracownika", "Jasność wyjaśnień"]),
                ("Terminowość", ["Czas oczekiwania"]),
            ]
        )
    )


def questions(campaign):
    return [
        question
        for group in campaign.questionnaire.groups.all()
        for question in group.questions.all()
    ]


def answers(campaign, **extra):
    """A filled form: the first question rated 5, the second "not applicable", shown a minute
    ago (longer than anyone needs to be believed a person)."""
    first, second, *_rest = questions(campaign)
    return {
        "token": new_form_token(shown_at=time.time() - 60),
        f"q{first.pk}": "5",
        f"q{second.pk}": NOT_APPLICABLE,
        "channel": Channel.IN_PERSON,
        "comment": "Miła obsługa w Biurze Obsługi Mieszkańców.",
        **extra,
    }


def send(client, campaign, data, address=ADDRESS):
    return client.post(
        reverse("public:survey_form", args=[campaign.code]),
        data,
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=BROWSER,
    )


def errors_of(response):
    form = response.context["form"]
    return [str(error) for error in form.non_field_errors()], {
        name: [str(e) for e in errs] for name, errs in form.errors.items() if name != "__all__"
    }


# --- A resident answers ----------------------------------------------------------------------


def test_a_resident_answers_and_the_response_is_stored_with_its_scores(client, campaign):
    first, second, third = questions(campaign)
    unit = factories.org_unit(code="BOM")
    response = send(client, campaign, answers(campaign, unit=unit.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("public:survey_thanks", args=[campaign.code])
    stored = Response.objects.get()
    assert (stored.campaign, stored.source, stored.channel, stored.unit) == (
        campaign,
        Source.ONLINE,
        Channel.IN_PERSON,
        unit,
    )
    assert stored.comment == "Miła obsługa w Biurze Obsługi Mieszkańców."
    scores = dict(stored.answers.values_list("question", "score"))
    assert scores == {first.pk: 5, second.pk: None}  # the third was skipped
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "zapisane" in thanks.content.decode()


def test_the_form_shows_every_question_in_its_group_with_the_scale(client, campaign):
    response = client.get(campaign.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('<fieldset class="survey-question">') == 4  # 3 questions, the channel
    assert '<legend class="h4">Kompetencje</legend>' in page
    assert page.count('type="radio"') == 3 * 6 + len(Channel.values)
    assert "nie dotyczy" in page
    # What is stored and who the controller is, in plain words.
    assert "adresu IP" in page and campaign.questionnaire.title not in page
    assert factories.organisation().name in page


def test_the_page_sets_no_cookie_but_csrf_and_keeps_no_session(client, campaign):
    shown = client.get(campaign.get_absolute_url())
    sent = send(client, campaign, answers(campaign))
    assert set(shown.cookies) <= {"csrftoken"}
    assert set(sent.cookies) <= {"csrftoken"}
    assert "sessionid" not in client.cookies


def test_a_second_sending_of_the_same_form_stores_one_response(client, campaign):
    data = answers(campaign)
    first = send(client, campaign, data)
    again = send(client, campaign, data)
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert Response.objects.count() == 1


def test_the_first_response_freezes_the_questionnaire(client, campaign):
    assert not campaign.questionnaire.is_frozen
    send(client, campaign, answers(campaign))
    assert Questionnaire.objects.get(pk=campaign.questionnaire_id).is_frozen


def test_the_english_form_names_the_scale_in_english(client, campaign):
    page = client.get(f"/en/ankieta/{campaign.code}/").content.decode()
    assert "not applicable" in page and "very good" in page


# --- What is never stored ----------------------------------------------------------------------


def test_no_address_browser_or_address_hash_is_stored_with_a_response(client, campaign):
    send(client, campaign, answers(campaign))
    digest = services.address_digest(ADDRESS, timezone.localdate())
    forbidden = [ADDRESS, BROWSER, digest]
    for model in apps.get_app_config("surveys").get_models():
        if model is DailyTally:
            continue  # the hash lives here alone, checked below
        for row in model.objects.values():
            for value in row.values():
                assert not any(text in str(value) for text in forbidden), (model, row)
    # The tally holds the hash, never the address; and no response points to it.
    tally = DailyTally.objects.get()
    assert tally.digest == digest and ADDRESS not in tally.digest
    assert not any(
        field.related_model is DailyTally
        for model in apps.get_app_config("surveys").get_models()
        for field in model._meta.get_fields()
    )


def test_the_address_hash_changes_every_day_and_keys_on_the_secret(settings):
    today = datetime.date(2026, 11, 27)
    digest = services.address_digest(ADDRESS, today)
    assert digest != services.address_digest(ADDRESS, today + datetime.timedelta(days=1))
    assert digest != services.address_digest("203.0.113.78", today)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert digest != services.address_digest(ADDRESS, today)


def test_tallies_of_days_gone_are_removed(client, campaign):
    DailyTally.objects.create(day=timezone.localdate() - datetime.timedelta(days=1), digest="x")
    send(client, campaign, answers(campaign))
    assert list(DailyTally.objects.values_list("day", flat=True)) == [timezone.localdate()]


# --- What keeps scripts out, and each refusal's message ----------------------------------------


def test_a_filled_honeypot_is_refused_with_its_message(client, campaign):
    response = send(client, campaign, answers(campaign, website="http://spam.example"))
    assert response.status_code == 200
    general, _fields = errors_of(response)
    assert general == [
        "Nie można przyjąć formularza: wypełniono pole, które należy zostawić puste."
    ]
    assert not Response.objects.exists()


def test_a_form_sent_too_soon_after_it_was_shown_is_refused_and_keeps_the_answers(
    client, campaign, monkeypatch
):
    data = answers(campaign, token=new_form_token(shown_at=time.time() - 1))
    response = send(client, campaign, data)
    _general, fields = errors_of(response)
    assert fields["token"] == [
        "Formularz wysłano chwilę po jego otwarciu. Sprawdź odpowiedzi i wyślij go ponownie."
    ]
    assert not Response.objects.exists()
    page = response.content.decode()
    assert 'value="5" checked' in page and "Miła obsługa" in page
    # Shown again with a new token: sent once the minimum time has passed, it is stored.
    token = response.context["form"].data["token"]
    assert token != data["token"]
    later = time.time() + MIN_FILL_SECONDS + 1
    monkeypatch.setattr("surveys.forms.responses.time.time", lambda: later)
    assert send(client, campaign, {**data, "token": token}).status_code == 302
    assert Response.objects.count() == 1


def test_an_expired_or_forged_token_is_refused_with_its_message(client, campaign):
    expired = send(
        client, campaign, answers(campaign, token=new_form_token(shown_at=time.time() - 2 * 86400))
    )
    assert errors_of(expired)[1]["token"] == [
        "Formularz był otwarty zbyt długo. Sprawdź odpowiedzi i wyślij go ponownie."
    ]
    forged = send(client, campaign, answers(campaign, token="abc:def"))
    assert errors_of(forged)[1]["token"] == [
        "Nie udało się sprawdzić formularza. Wyślij go ponownie."
    ]
    assert not Response.objects.exists()


def test_the_daily_limit_per_address_is_kept_and_explained(client, campaign, monkeypatch):
    monkeypatch.setattr(services, "DAILY_LIMIT", 2)
    for _ in range(2):
        assert send(client, campaign, answers(campaign)).status_code == 302
    over = send(client, campaign, answers(campaign))
    assert over.status_code == 200
    general, _fields = errors_of(over)
    assert general == [
        "Z tego połączenia wysłano dziś już 2 ankiety – tyle przyjmujemy z jednego adresu w "
        "ciągu dnia. Dziękujemy: tę ankietę można wysłać jutro."
    ]
    assert "Miła obsługa" in over.content.decode()  # nothing typed is lost
    assert Response.objects.count() == 2
    # Another address is counted on its own.
    assert send(client, campaign, answers(campaign), address="198.51.100.4").status_code == 302
    assert Response.objects.count() == 3


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"channel": ""}, "channel", "Podaj, jak załatwiali Państwo sprawę w urzędzie."),
        ({"channel": "fax"}, "channel", None),
        ({"comment": "x" * 1001}, "comment", None),
        ({"unit": "999999"}, "unit", None),
    ],
)
def test_invalid_answers_are_refused_field_by_field(client, campaign, change, field, message):
    response = send(client, campaign, answers(campaign, **change))
    assert response.status_code == 200
    _general, fields = errors_of(response)
    assert field in fields
    if message:
        assert fields[field] == [message]
    assert not Response.objects.exists()


def test_a_score_off_the_scale_is_refused(client, campaign):
    first = questions(campaign)[0]
    response = send(client, campaign, answers(campaign, **{f"q{first.pk}": "7"}))
    assert f"q{first.pk}" in errors_of(response)[1]
    assert not Response.objects.exists()


def test_a_form_with_no_question_answered_is_refused(client, campaign):
    data = {key: value for key, value in answers(campaign).items() if not key.startswith("q")}
    response = send(client, campaign, data)
    assert errors_of(response)[0] == [
        "Odpowiedz na co najmniej jedno pytanie (albo zaznacz, że nie dotyczy)."
    ]
    assert not Response.objects.exists()


def test_an_empty_post_shows_the_errors_and_stores_nothing(client, campaign):
    response = client.post(campaign.get_absolute_url(), {})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Response.objects.exists()


# --- Campaigns that are not open --------------------------------------------------------------


def test_a_closed_campaign_says_when_it_was_open_and_takes_no_answers(client):
    factories.organisation()
    today = timezone.localdate()
    closed = factories.campaign(
        opens_on=today - datetime.timedelta(days=60), closes_on=today - datetime.timedelta(days=1)
    )
    page = client.get(closed.get_absolute_url())
    assert page.status_code == 200
    assert "nie przyjmuje teraz odpowiedzi" in page.content.decode()
    response = send(client, closed, answers(closed))
    assert response.status_code == 200
    assert not Response.objects.exists()


def test_an_unknown_campaign_is_not_found(client):
    factories.organisation()
    assert client.get(reverse("public:survey_form", args=["nie-ma"])).status_code == 404
    assert client.get(reverse("public:survey_thanks", args=["nie-ma"])).status_code == 404


# --- The database keeps the rules too ---------------------------------------------------------


def test_the_database_refuses_a_score_off_the_scale_and_a_second_answer(campaign):
    response = services.response_submit(
        campaign=campaign, scores={questions(campaign)[0].pk: 4}, channel=Channel.PHONE
    )
    answer = response.answers.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(pk=answer.pk).update(score=6)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(response=response, question=answer.question, score=3)


def test_the_database_refuses_a_paper_response_without_its_clerk_and_a_campaign_backwards(
    campaign,
):
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(campaign=campaign, source=Source.PAPER, channel=Channel.PHONE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk).update(
            closes_on=campaign.opens_on - datetime.timedelta(days=1)
        )


def test_a_response_is_never_deleted(campaign):
    response = services.response_submit(
        campaign=campaign, scores={questions(campaign)[0].pk: 4}, channel=Channel.PHONE
    )
    with pytest.raises(Exception, match="quality record"):
        response.delete()


def test_scores_for_another_questionnaires_questions_are_refused(campaign):
    other = factories.questionnaire()
    stranger = other.groups.get().questions.first()
    with pytest.raises(Exception, match="co najmniej jedno pytanie"):
        services.response_submit(campaign=campaign, scores={stranger.pk: 4}, channel=Channel.PHONE)


# --- Speed -------------------------------------------------------------------------------------


@pytest.mark.parametrize("responses", [10, 1000])
def test_the_form_page_queries_do_not_grow_with_responses(
    client, campaign, django_assert_num_queries, responses
):
    unit = OrganisationalUnit.objects.create(code="BOM", name="Biuro Obsługi Mieszkańców")
    made = Response.objects.bulk_create(
        Response(campaign=campaign, channel=Channel.PHONE, unit=unit) for _ in range(responses)
    )
    question = questions(campaign)[0]
    Answer.objects.bulk_create(Answer(response=r, question=question, score=4) for r in made)
    # The organisation (base.html), the campaign, its groups and their questions, the units.
    with django_assert_num_queries(5):
        response = client.get(campaign.get_absolute_url())
    assert response.status_code == 200


def test_form_submissions_of_residents_name_no_user(client, campaign):
    send(client, campaign, answers(campaign))
    assert FormSubmission.objects.get().user is None


def test_campaign_figures_count_responses_and_share_of_satisfied_answers(
    django_assert_num_queries,
):
    campaign = factories.campaign()
    first, second = campaign.questionnaire.groups.get().questions.all()
    clerk = factories.staff_user()
    for scores in ({first.pk: 5, second.pk: None}, {first.pk: 4, second.pk: 2}, {first.pk: 1}):
        services.response_submit(
            campaign=campaign, scores=scores, channel=Channel.PHONE, entered_by=clerk
        )
    factories.campaign()  # another campaign without responses
    with django_assert_num_queries(1):
        figures = {c.pk: c for c in Campaign.objects.with_figures()}
    mine = figures[campaign.pk]
    assert (mine.response_count, mine.answer_count, mine.satisfied_count) == (3, 4, 2)
    assert mine.satisfaction_index == 0.5
    assert mine.score_mean == pytest.approx(3.0)
    empty = next(c for pk, c in figures.items() if pk != campaign.pk)
    assert (empty.response_count, empty.answer_count, empty.satisfaction_index) == (0, 0, None)
    assert empty.score_mean is None
