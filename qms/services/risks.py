"""Risks and opportunities (ISO 9001 6.1): whether the actions on a risk worked."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import roles
from ..models import (
    ProcessRisk,
    RiskEffectiveness,
    today,
)


@transaction.atomic
def risk_evaluate(risk, user, effectiveness, note="", *, on=None) -> ProcessRisk:
    """Record whether the actions planned against `risk` worked (ISO 9001 6.1.2 b): effective
    or not effective, with a note, who evaluated and when (`on`, by default today). Only the
    coordinator's office or the owner of the risk's process may, and only on an active risk.
    Actions found not effective need the note saying why."""
    risk = ProcessRisk.objects.select_for_update().select_related("process").get(pk=risk.pk)
    if not roles.can_edit_process(user, risk.process):
        raise PermissionDenied
    if not risk.is_active:
        raise ValidationError(_("An archived risk is not evaluated; bring it back first."))
    if effectiveness not in (RiskEffectiveness.EFFECTIVE, RiskEffectiveness.NOT_EFFECTIVE):
        raise ValidationError(_("Say whether the actions were effective or not."))
    note = note.strip()
    if effectiveness == RiskEffectiveness.NOT_EFFECTIVE and not note:
        raise ValidationError(_("Say why the actions were not effective, and what comes next."))
    risk.effectiveness = effectiveness
    risk.effectiveness_note = note
    risk.evaluated_on = on or today()
    risk.evaluated_by = user
    risk.full_clean(exclude={"process"})
    risk._history_user = user
    risk.save(
        update_fields=[
            "effectiveness",
            "effectiveness_note",
            "evaluated_on",
            "evaluated_by",
            "updated_at",
        ]
    )
    return risk
