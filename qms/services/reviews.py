"""The management review (ISO 9001 9.3): its draft, the inputs' snapshot, commentary, actions,
approval, archive.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    today,
)

# The models come from qms.models.reviews and the inputs from qms.review_inputs (imported here
# where used, so this block stays self-contained).


def _review_models():
    from ..models import reviews

    return reviews


@transaction.atomic
def review_create(*, review, user):
    """Register a review as a draft, numbered PZ/<year>/<n> in the year it is held."""
    reviews = _review_models()
    review.full_clean(exclude=["number"])
    prefix = f"PZ/{review.held_on.year}/"
    taken = set(
        reviews.ManagementReview.objects.select_for_update()
        .filter(number__startswith=prefix)
        .values_list("number", flat=True)
    )
    n = len(taken) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    review.number = f"{prefix}{n}"
    review.status = reviews.ReviewStatus.DRAFT
    review._history_user = user
    review.save()
    return review


def _refuse_unless_draft(review):
    if not review.is_draft:
        raise ValidationError(_("The review is no longer a draft: its minutes can't be changed."))


@transaction.atomic
def review_take_snapshot(*, review, user, on=None):
    """Gather the inputs of 9.3.2 from the records as they stand now, into the review's twelve
    sections. Retaken while the review is a draft, it replaces the figures and keeps the
    commentary; an approved review's inputs are frozen for good."""
    from ..review_snapshot import gather

    reviews = _review_models()
    review = reviews.ManagementReview.objects.select_for_update().get(pk=review.pk)
    _refuse_unless_draft(review)
    if not user.has_perm("qms.change_managementreview"):
        raise ValidationError(_("Only the ISO representative's office gathers the inputs."))
    on = on or today()
    data = gather(review, on)
    existing = {item.section: item for item in review.inputs.all()}
    for section, section_data in data.items():
        item = existing.get(section) or reviews.ReviewInput(review=review, section=section)
        item.data = section_data
        item._history_user = user
        item.save()
    review.snapshot_taken_at = timezone.now()
    review._history_user = user
    review.save(update_fields=["snapshot_taken_at", "updated_at"])
    return review


def review_comment(*, item, user):
    """Save the coordinator's commentary on one section (the form has set it)."""
    _refuse_unless_draft(item.review)
    item._history_user = user
    item.save(update_fields=["commentary", "updated_at"])
    return item


def review_action_save(*, action, user):
    """Add or change an output of a draft review (the form has set its fields)."""
    reviews = _review_models()
    _refuse_unless_draft(action.review)
    if action._state.adding and action.review.actions.count() >= reviews.MAX_REVIEW_ACTIONS:
        raise ValidationError(
            _("A review has at most %(limit)s actions.") % {"limit": reviews.MAX_REVIEW_ACTIONS}
        )
    action.full_clean()
    action._history_user = user
    action.save()
    return action


@transaction.atomic
def review_approve(*, review, user):
    """The chair approves the minutes: only a draft whose inputs have been gathered and whose
    conclusions are written. From then on the review is read-only."""
    from .. import roles

    reviews = _review_models()
    review = reviews.ManagementReview.objects.select_for_update().get(pk=review.pk)
    _refuse_unless_draft(review)
    if not roles.can_approve_review(user, review):
        raise ValidationError(_("Only the review's chair, of top management, approves it."))
    if review.snapshot_taken_at is None:
        raise ValidationError(_("Gather the review's inputs before it is approved."))
    if not review.conclusions.strip():
        raise ValidationError(
            _("Write the conclusions on the quality management system before it is approved.")
        )
    review.status = reviews.ReviewStatus.APPROVED
    review.approved_at = timezone.now()
    review.approved_by = user
    review._history_user = user
    # The row is still a draft until this save, so the model's draft-only rule lets it pass.
    review.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    return review


@transaction.atomic
def review_archive(*, review, user):
    """Abandon a draft review: it is archived, never deleted."""
    reviews = _review_models()
    review = reviews.ManagementReview.objects.select_for_update().get(pk=review.pk)
    _refuse_unless_draft(review)
    review.status = reviews.ReviewStatus.ARCHIVED
    review._history_user = user
    # The model refuses a change to a review that is no longer a draft: the row is a draft
    # until this save, so save() lets it pass.
    review.save(update_fields=["status", "updated_at"])
    return review


@transaction.atomic
def review_action_close(*, action, user, note, on=None):
    """Record that an action of an approved review is done: what was done, when, by whom."""
    from .. import roles

    reviews = _review_models()
    action = (
        reviews.ReviewAction.objects.select_for_update().select_related("review").get(pk=action.pk)
    )
    if not action.review.is_approved:
        raise ValidationError(_("An action is closed once its review has been approved."))
    if not roles.can_close_review_action(user, action):
        raise ValidationError(
            _("Only the action's owner or the ISO representative's office closes it.")
        )
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Say what was done."))
    if len(note) > reviews.NOTE:
        raise ValidationError(
            _("Say what was done in at most %(limit)s characters.") % {"limit": reviews.NOTE}
        )
    action.status = reviews.ReviewActionStatus.CLOSED
    action.closing_note = note
    action.closed_on = on or today()
    action.closed_by = user
    action._history_user = user
    action.save(update_fields=[*reviews.ReviewAction.CLOSURE_FIELDS, "updated_at"])
    return action
