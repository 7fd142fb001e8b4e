"""The organisation's own records: the ISO representative, the quality policy, a context entry's
review.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import (
    PolicyStatus,
    QualityPolicy,
    Representative,
    today,
)


@transaction.atomic
def representative_appoint(*, new: Representative) -> Representative:
    """Make `new` the current representative and close the term of the one before."""
    previous = Representative.objects.select_for_update().filter(is_current=True).first()
    if previous is not None:
        if new.appointed_on <= previous.appointed_on:
            raise ValidationError(
                {
                    "appointed_on": _(
                        "The new appointment must be later than the current one (%(date)s)."
                    )
                    % {"date": date_format(previous.appointed_on, "SHORT_DATE_FORMAT")}
                }
            )
        previous.is_current = False
        previous.ended_on = new.appointed_on - datetime.timedelta(days=1)
        previous.save(update_fields=["is_current", "ended_on", "updated_at"])
    new.is_current = True
    new.ended_on = None
    new.save()
    return new


@transaction.atomic
def policy_put_in_force(*, policy: QualityPolicy, user) -> QualityPolicy:
    """Bring a draft policy into force; the version in force until now is superseded."""
    policy = QualityPolicy.objects.select_for_update().get(pk=policy.pk)
    if policy.status != PolicyStatus.DRAFT:
        raise ValidationError(_("Only a draft can be put in force."))
    if policy.approved_on is None:
        raise ValidationError(_("Enter the approval date before putting the policy in force."))
    # Saved one by one (there is one), not update()d: each change goes into the history.
    for previous in QualityPolicy.objects.select_for_update().filter(status=PolicyStatus.IN_FORCE):
        previous.status = PolicyStatus.SUPERSEDED
        previous._history_user = user
        previous.save(update_fields=["status", "updated_at"])
    policy.status = PolicyStatus.IN_FORCE
    policy._history_user = user
    policy.put_in_force_at = timezone.now()
    policy.put_in_force_by = user
    policy.save(update_fields=["status", "put_in_force_at", "put_in_force_by", "updated_at"])
    return policy


@transaction.atomic
def context_review(*, record, user):
    """Record that `record` (an issue or an interested party of the context register) was
    reviewed today by `user`; the yearly review ISO 9001 4.1 and 4.2 ask for."""
    record = type(record).objects.select_for_update().get(pk=record.pk)
    if not record.is_active:
        raise ValidationError(_("An archived entry is not reviewed; bring it back first."))
    record.reviewed_on = today()
    record.reviewed_by = user
    record._history_user = user
    record.save(update_fields=["reviewed_on", "reviewed_by", "updated_at"])
    return record
