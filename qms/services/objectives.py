"""Quality objectives (ISO 9001 6.2): the year's approval and each objective's evaluation."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    QualityObjective,
)


@transaction.atomic
def objectives_approve(*, year: int, user) -> int:
    """Top management approves the year's objectives: every draft of the year at once, after
    which they are read-only (QualityObjective.save). Returns how many were approved."""
    if not user.has_perm("qms.approve_qualityobjective"):
        raise ValidationError(_("Only top management approves the quality objectives."))
    drafts = list(
        QualityObjective.objects.select_for_update().of_year(year).filter(approved_at__isnull=True)
    )
    if not drafts:
        raise ValidationError(
            _("There is no draft objective for %(year)s to approve.") % {"year": year}
        )
    now = timezone.now()
    # Saved one by one, not update()d: each approval goes into the objective's history.
    for objective in drafts:
        objective.approved_at = now
        objective.approved_by = user
        objective._history_user = user
        objective.save(update_fields=["approved_at", "approved_by", "updated_at"])
    return len(drafts)


def objective_evaluate(*, objective: QualityObjective, user) -> QualityObjective:
    """Record the year-end evaluation (the form has set its fields): only of an approved
    objective, by whom and when."""
    if not objective.is_approved:
        raise ValidationError(_("Only an approved objective is evaluated."))
    objective.evaluated_on = objective.evaluated_on or timezone.localdate()
    objective.evaluated_by = user
    objective._history_user = user
    objective.save(update_fields=[*QualityObjective.EVALUATION_FIELDS, "updated_at"])
    return objective
