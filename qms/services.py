"""Workflows that change several quality records at once, each in one transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PolicyStatus, QualityPolicy, Representative


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
                    % {"date": previous.appointed_on.strftime("%d.%m.%Y")}
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
    QualityPolicy.objects.select_for_update().filter(status=PolicyStatus.IN_FORCE).update(
        status=PolicyStatus.SUPERSEDED, updated_at=timezone.now()
    )
    policy.status = PolicyStatus.IN_FORCE
    policy.put_in_force_at = timezone.now()
    policy.put_in_force_by = user
    policy.save(update_fields=["status", "put_in_force_at", "put_in_force_by", "updated_at"])
    return policy
