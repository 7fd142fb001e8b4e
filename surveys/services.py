"""The survey's workflows: a response received (online or entered from paper), counted against
the daily limit per address without keeping the address; a frozen questionnaire's new version;
a resident's comment turned into an improvement or corrective action, reported done by the
person responsible and closed by the coordinator's office."""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qms import roles
from qms.models.base import refuse_beyond

from .models import (
    MAX_ACTIONS_PER_COMMENT,
    MAX_DUE_DAYS,
    Answer,
    Campaign,
    CommentAction,
    CommentActionStatus,
    DailyTally,
    Question,
    QuestionGroup,
    Questionnaire,
    Response,
    Source,
    refuse_if_frozen,
)

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
    if source == Source.PAPER and today < campaign.opens_on:
        # A closed campaign still takes the sheets left in its box; one not open yet has none.
        raise ValidationError(
            _("This survey opens on %(day)s: its paper questionnaires can be entered from then.")
            % {"day": date_format(campaign.opens_on, "DATE_FORMAT")}
        )
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


def questionnaire_lock_for_edit(questionnaire_id):
    """Lock the questionnaire's row for the transaction under way and refuse if it is frozen:
    a response that would freeze it meanwhile waits until the edit is saved, so no edit lands
    on a questionnaire that already has answers."""
    locked = Questionnaire.objects.select_for_update().filter(pk=questionnaire_id)
    list(locked.values_list("pk", flat=True))
    refuse_if_frozen(locked)


@transaction.atomic
def questionnaire_new_version(*, questionnaire, user):
    """A copy of the frozen `questionnaire`, with its groups and questions, as version+1: not
    frozen, ready to be changed. The old version stays as it is, and so do the campaigns that
    use it. Only the newest version is copied: an older one would fork the versions."""
    source = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if not source.is_frozen:
        raise ValidationError(
            _("This version has no responses yet: change it instead of making a new one."),
            code="not_frozen",
        )
    newest = Questionnaire.objects.filter(title=source.title).order_by("-version").first()
    if newest.version != source.version:
        raise ValidationError(
            _("Version %(version)s of this questionnaire already exists: change that one.")
            % {"version": newest.version},
            code="newer_version",
        )
    copy = Questionnaire(
        title=source.title, version=source.version + 1, introduction=source.introduction
    )
    copy._history_user = user
    copy.save()
    for group in source.groups.prefetch_related("questions").order_by("position"):
        new_group = QuestionGroup(questionnaire=copy, position=group.position, name=group.name)
        new_group._history_user = user
        new_group.save()
        for question in group.questions.all():
            new_question = Question(group=new_group, position=question.position, text=question.text)
            new_question._history_user = user
            new_question.save()
    return copy


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


# Actions on residents' comments


def validate_comment_action_due(due_on, today=None):
    """An action is due from today on, and at most MAX_DUE_DAYS ahead."""
    today = today or timezone.localdate()
    if due_on < today:
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})
    latest = today + datetime.timedelta(days=MAX_DUE_DAYS)
    if due_on > latest:
        raise ValidationError(
            {
                "due_on": _("The due date can be at most a year ahead, until %(date)s.")
                % {"date": f"{latest:%Y-%m-%d}"}
            }
        )


@transaction.atomic
def comment_action_create(
    *, response, kind, process, action, due_on, user, responsible=None
) -> CommentAction:
    """An action that the comment of `response` leads to, on `process`: its owner is responsible
    unless `responsible` is named. Refused for a response without a comment, an archived
    process, a process with no owner when nobody is named, a due date out of bounds, and past
    MAX_ACTIONS_PER_COMMENT actions on one comment."""
    response = Response.objects.select_for_update().get(pk=response.pk)
    if not response.comment:
        raise ValidationError(_("Only a response with a comment can lead to an action."))
    if not process.is_active:
        raise ValidationError({"process": _("This process is archived: choose an active one.")})
    responsible = responsible or roles.process_owner(process)
    if responsible is None:
        raise ValidationError(
            {"responsible": _("This process has no owner: name the person responsible.")}
        )
    if not responsible.is_active:
        raise ValidationError({"responsible": _("This account is deactivated.")})
    validate_comment_action_due(due_on)
    refuse_beyond(
        response.actions.all(),
        MAX_ACTIONS_PER_COMMENT,
        _("A comment leads to at most %(limit)s actions: edit one of them instead."),
    )
    record = CommentAction(
        response=response,
        kind=kind,
        process=process,
        responsible=responsible,
        action=action.strip(),
        due_on=due_on,
        created_by=user,
    )
    record.full_clean()
    record._history_user = user
    record.save()
    return record


def _locked_comment_action(pk):
    return CommentAction.objects.select_for_update().get(pk=pk)


@transaction.atomic
def comment_action_done(*, action, user, outcome, on=None) -> CommentAction:
    """The person responsible (or the office for them) reports an open action done, and how."""
    action = _locked_comment_action(action.pk)
    on = on or timezone.localdate()
    if action.status != CommentActionStatus.OPEN:
        raise ValidationError(_("Only an open action can be reported done."))
    if on > timezone.localdate():
        raise ValidationError({"done_on": _("The date it was done cannot be in the future.")})
    if on < timezone.localdate(action.created_at):
        raise ValidationError(
            {"done_on": _("The date it was done cannot be before the action was created.")}
        )
    if not outcome.strip():
        raise ValidationError({"outcome": _("Say what was done.")})
    action.status = CommentActionStatus.DONE
    action.outcome = outcome.strip()
    action.done_on = on
    action.done_by = user
    action.full_clean()
    action._history_user = user
    action.save()
    return action


@transaction.atomic
def comment_action_close(*, action, user) -> CommentAction:
    """The coordinator's office closes an action reported done."""
    action = _locked_comment_action(action.pk)
    if action.status != CommentActionStatus.DONE:
        raise ValidationError(_("Only an action reported done can be closed."))
    action.status = CommentActionStatus.CLOSED
    action.closed_at = timezone.now()
    action.closed_by = user
    action._history_user = user
    action.save()
    return action
