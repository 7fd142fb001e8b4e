"""Add the demo's questionnaire, campaigns and their responses that are missing."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from qms import roles
from qms.models import OrganisationalUnit, Process
from surveys import services
from surveys.models import (
    ActionKind,
    Answer,
    Campaign,
    Channel,
    CommentAction,
    Question,
    QuestionGroup,
    Questionnaire,
    Response,
)

from .records import (
    CAMPAIGN_NAME,
    CAMPAIGNS,
    COMMENTS,
    CONCLUSIONS,
    GROUPS,
    PUBLISHED_OFFSET,
    QUESTIONNAIRE,
)

# How residents answer, more often well than badly: weights of 1..5, and of "not applicable".
SCORE_WEIGHTS = [3, 5, 14, 38, 40]
# How those who leave a comment answer, by the comment's tone (records.COMMENTS).
TONE_WEIGHTS = {"+": [0, 1, 4, 30, 65], "~": [4, 14, 44, 28, 10], "-": [38, 36, 18, 6, 2]}
NOT_APPLICABLE_SHARE = 0.08
CHANNEL_WEIGHTS = {Channel.IN_PERSON: 60, Channel.PHONE: 18, Channel.EMAIL: 14, Channel.EPUAP: 8}
COMMENT_SHARE = 0.1


def load(report):
    questionnaire = _questionnaire(report)
    questions = list(
        Question.objects.filter(group__questionnaire=questionnaire).values_list("pk", flat=True)
    )
    today = timezone.localdate()
    units = list(OrganisationalUnit.objects.filter(is_active=True).order_by("code"))
    comments = _comments_with_units(units)
    for offset, count in CAMPAIGNS:
        year = today.year + offset
        code = str(year)
        campaign = Campaign.objects.filter(code=code).first()
        if campaign is None:
            campaign = Campaign.objects.create(
                questionnaire=questionnaire,
                code=code,
                name=CAMPAIGN_NAME.format(year=year),
                opens_on=datetime.date(year, 1, 1),
                closes_on=datetime.date(year, 12, 31),
            )
            report.add(Campaign)
        else:
            report.keep(Campaign)
        if campaign.responses.exists():
            report.keep(Response, campaign.responses.count())
            continue
        last_day = min(campaign.closes_on, today)
        _responses(
            campaign, questions, units, comments, count, last_day, random.Random(f"demo-{code}")
        )
        report.add(Response, count)
        if offset == PUBLISHED_OFFSET:
            _publish(campaign)
    _actions(report, today)


def _publish(campaign):
    """The coordinator's conclusions and the published results, as the coordinator would make
    them (only with the campaign's first responses: a later load keeps what was changed)."""
    coordinator = get_user_model().objects.filter(username="coordinator").first()
    services.campaign_conclude(campaign=campaign, conclusions=CONCLUSIONS, user=coordinator)
    services.campaign_publish(campaign=campaign, user=coordinator)


def _questionnaire(report):
    questionnaire = Questionnaire.objects.filter(title=QUESTIONNAIRE["title"], version=1).first()
    if questionnaire is not None:
        report.keep(Questionnaire)
        return questionnaire
    questionnaire = Questionnaire.objects.create(**QUESTIONNAIRE)
    for position, (name, texts) in enumerate(GROUPS, start=1):
        group = QuestionGroup.objects.create(
            questionnaire=questionnaire, position=position, name=name
        )
        Question.objects.bulk_create(
            Question(group=group, position=number, text=text)
            for number, text in enumerate(texts, start=1)
        )
    report.add(Questionnaire)
    return questionnaire


def _comments_with_units(units):
    """COMMENTS as (unit or None, tone, text), each unit looked up among `units` by its code."""
    by_code = {unit.code: unit for unit in units}
    return [(by_code.get(code), tone, text) for code, tone, text in COMMENTS]


def _responses(campaign, questions, units, comments, count, last_day, rng):
    """`count` responses to `campaign`, sent between its first day and `last_day`: made in bulk,
    as residents send them one by one over the year. A response with a comment is about the
    comment's unit, and scored the comment's way."""
    days = (last_day - campaign.opens_on).days + 1
    channels, weights = zip(*CHANNEL_WEIGHTS.items(), strict=True)
    comments = iter(rng.sample(comments, len(comments)) * 3)
    responses, tones = [], []
    for _number in range(count):
        sent = campaign.opens_on + datetime.timedelta(days=rng.randrange(days))
        unit = rng.choice(units) if units and rng.random() < 0.85 else None
        tone, comment = None, ""
        if rng.random() < COMMENT_SHARE:
            about, tone, comment = next(comments)
            unit = about or unit
        responses.append(
            Response(
                campaign=campaign,
                created_at=datetime.datetime.combine(
                    sent,
                    datetime.time(9 + rng.randrange(8), rng.randrange(60)),
                    tzinfo=timezone.get_current_timezone(),
                ),
                channel=rng.choices(channels, weights)[0],
                unit=unit,
                comment=comment,
            )
        )
        tones.append(tone)
    created = Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(
        (
            Answer(
                response=response,
                question_id=question,
                score=None
                if rng.random() < NOT_APPLICABLE_SHARE
                else rng.choices(range(1, 6), TONE_WEIGHTS.get(tone, SCORE_WEIGHTS))[0],
            )
            for response, tone in zip(created, tones, strict=True)
            for question in questions
        ),
        batch_size=2000,
    )
    Questionnaire.objects.filter(pk=campaign.questionnaire_id, frozen_at__isnull=True).update(
        frozen_at=timezone.now()
    )


# The actions the office took on this year's comments: (words of the comment, kind, the
# process, what will be done, due in days from today (negative: overdue), what was done or
# None while it is open).
ACTIONS = [
    (
        "kolejce do Wydziału Komunikacji",
        ActionKind.IMPROVEMENT,
        "P-04",
        "Uruchomić rezerwację wizyt przez internet dla Wydziału Komunikacji i informować o niej "
        "na stronie oraz w poczekalni.",
        45,
        None,
    ),
    (
        "biletami kolejkowymi",
        ActionKind.CORRECTIVE,
        "P-04",
        "Zgłosić awarię automatu serwisowi, uzgodnić czas naprawy i do tego czasu wydawać "
        "numerki ręcznie w punkcie informacyjnym.",
        -5,
        None,
    ),
    (
        "Oznakowanie pokoi",
        ActionKind.CORRECTIVE,
        "P-04",
        "Wymienić tablice kierunkowe na drugim piętrze i dodać plan piętra przy windzie.",
        20,
        "Tablice wymienione, plan piętra powieszony przy windzie.",
    ),
]


def _actions(report, today):
    """The demo's actions on residents' comments, when there are none yet."""
    coordinator = get_user_model().objects.filter(username="coordinator").first()
    if coordinator is None:
        return
    kept = CommentAction.objects.count()
    if kept:
        report.keep(CommentAction, kept)
        return
    for words, kind, code, action, due_in, outcome in ACTIONS:
        # This year's comment, else last year's: which comments a year's sample holds varies.
        response = (
            Response.objects.filter(comment__contains=words, campaign__opens_on__lte=today)
            .order_by("-campaign__opens_on", "created_at", "pk")
            .first()
        )
        process = Process.objects.filter(code=code, is_active=True).first()
        if response is None or process is None or roles.process_owner(process) is None:
            continue
        made = services.comment_action_create(
            response=response,
            kind=kind,
            process=process,
            action=action,
            due_on=today + datetime.timedelta(days=max(due_in, 0)),
            user=coordinator,
        )
        if due_in < 0:  # overdue: as if set when the comment came
            CommentAction.objects.filter(pk=made.pk).update(
                due_on=today + datetime.timedelta(days=due_in)
            )
        if outcome:
            services.comment_action_done(action=made, user=made.responsible, outcome=outcome)
        report.add(CommentAction)
