"""The survey's workflows: a response received (online or entered from paper), counted against
the daily limit per address without keeping the address."""

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Answer, Campaign, DailyTally, Questionnaire, Response, Source

# Responses one address may send in a day: a family or an office sharing one connection sends
# several; a script sending hundreds is stopped.
DAILY_LIMIT = 10


class DailyLimitReached(Exception):
    """The address has sent DAILY_LIMIT responses today."""


def address_digest(address, day):
    """The address as the daily tally keeps it: an HMAC keyed by the site's secret and the day,
    so that it cannot be turned back into the address, nor matched with another day's."""
    key = hmac.new(
        settings.SECRET_KEY.encode(), f"surveys-daily-{day:%Y-%m-%d}".encode(), hashlib.sha256
    ).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


def _count_against_the_limit(address, day):
    digest = address_digest(address, day)
    DailyTally.forget_before(day)
    # Made if missing, then locked: two responses from one address at once count one by one.
    DailyTally.objects.bulk_create([DailyTally(day=day, digest=digest)], ignore_conflicts=True)
    tally = DailyTally.objects.select_for_update().get(day=day, digest=digest)
    if tally.count >= DAILY_LIMIT:
        raise DailyLimitReached
    DailyTally.objects.filter(pk=tally.pk).update(count=F("count") + 1)


@transaction.atomic
def response_submit(
    *, campaign, scores, channel, unit=None, comment="", address=None, entered_by=None
):
    """Store one response to `campaign`: `scores` maps each question answered to 1-5, or to None
    for "not applicable". Online (`address` given, counted against DAILY_LIMIT) or entered from a
    paper form by `entered_by`. The questionnaire is frozen by its first response."""
    today = timezone.localdate()
    source = Source.PAPER if entered_by is not None else Source.ONLINE
    if source == Source.ONLINE and not campaign.is_open(today):
        raise ValidationError(_("This survey is not open to answers now."))
    questions = set(
        campaign.questionnaire.groups.values_list("questions", flat=True).exclude(questions=None)
    )
    if not scores or not set(scores) <= questions:
        raise ValidationError(_("Answer at least one question of this survey."))
    if address is not None:
        _count_against_the_limit(address, today)
    Questionnaire.objects.filter(pk=campaign.questionnaire_id, frozen_at__isnull=True).update(
        frozen_at=timezone.now()
    )
    response = Response.objects.create(
        campaign=campaign,
        source=source,
        channel=channel,
        unit=unit,
        comment=comment.strip(),
        entered_by=entered_by,
    )
    Answer.objects.bulk_create(
        Answer(response=response, question_id=question, score=score)
        for question, score in sorted(scores.items())
    )
    return response


# Results: the coordinator's conclusions, and the publishing of a campaign's results on the
# public quality page (surveys.public_sections).


@transaction.atomic
def campaign_conclude(*, campaign, conclusions, user):
    """Write the coordinator's conclusions from the results (the report's last section)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    campaign.conclusions = conclusions.strip()
    campaign._history_user = user
    campaign.save(update_fields=["conclusions", "updated_at"])
    return campaign


@transaction.atomic
def campaign_publish(*, campaign, user):
    """Publish the campaign's results: from now on the public quality page shows its index,
    number of responses and period, with the report. Only results there are: a campaign
    without any response is refused."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.results_published_at is not None:
        raise ValidationError(_("The results of this campaign are already published."))
    if not campaign.responses.exists():
        raise ValidationError(_("This campaign has no responses yet: there is nothing to publish."))
    campaign.results_published_at = timezone.now()
    campaign._history_user = user
    campaign.save(update_fields=["results_published_at", "updated_at"])
    return campaign


@transaction.atomic
def campaign_unpublish(*, campaign, user):
    """Take the campaign's results off the public site (the change history keeps when they
    were published and by whom)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.results_published_at is None:
        raise ValidationError(_("The results of this campaign are not published."))
    campaign.results_published_at = None
    campaign._history_user = user
    campaign.save(update_fields=["results_published_at", "updated_at"])
    return campaign
