"""The survey's workflows: a response received (online or entered from paper), counted against
the daily limit per address without keeping the address; a resident's comment turned into an
improvement or corrective action, reported done by the person responsible and closed by the
coordinator's office."""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from qms import roles
from qms.models.base import refuse_beyond

from .models import (
    MAX_ACTIONS_PER_COMMENT,
    MAX_DUE_DAYS,
    Answer,
    CommentAction,
    CommentActionStatus,
    DailyTally,
    Questionnaire,
    Response,
    Source,
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
