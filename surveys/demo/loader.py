"""Add the demo's questionnaire, campaigns and their responses that are missing."""

import datetime
import random

from django.contrib.auth.models import User
from django.utils import timezone

from qms.models import OrganisationalUnit
from surveys.models import (
    Answer,
    Campaign,
    Channel,
    Question,
    QuestionGroup,
    Questionnaire,
    Response,
)

from .. import services
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
        _responses(campaign, questions, units, count, last_day, random.Random(f"demo-{code}"))
        report.add(Response, count)
        if offset == PUBLISHED_OFFSET:
            _publish(campaign)


def _publish(campaign):
    """The coordinator's conclusions and the published results, as the coordinator would make
    them (only with the campaign's first responses: a later load keeps what was changed)."""
    coordinator = User.objects.filter(username="coordinator").first()
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


def _responses(campaign, questions, units, count, last_day, rng):
    """`count` responses to `campaign`, sent between its first day and `last_day`: made in bulk,
    as residents send them one by one over the year."""
    days = (last_day - campaign.opens_on).days + 1
    channels, weights = zip(*CHANNEL_WEIGHTS.items(), strict=True)
    comments = iter(rng.sample(COMMENTS, len(COMMENTS)) * 3)
    responses = []
    for _number in range(count):
        sent = campaign.opens_on + datetime.timedelta(days=rng.randrange(days))
        responses.append(
            Response(
                campaign=campaign,
                created_at=datetime.datetime.combine(
                    sent,
                    datetime.time(9 + rng.randrange(8), rng.randrange(60)),
                    tzinfo=timezone.get_current_timezone(),
                ),
                channel=rng.choices(channels, weights)[0],
                unit=rng.choice(units) if units and rng.random() < 0.85 else None,
                comment=next(comments) if rng.random() < COMMENT_SHARE else "",
            )
        )
    created = Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(
        (
            Answer(
                response=response,
                question_id=question,
                score=None
                if rng.random() < NOT_APPLICABLE_SHARE
                else rng.choices(range(1, 6), SCORE_WEIGHTS)[0],
            )
            for response in created
            for question in questions
        ),
        batch_size=2000,
    )
    Questionnaire.objects.filter(pk=campaign.questionnaire_id, frozen_at__isnull=True).update(
        frozen_at=timezone.now()
    )
