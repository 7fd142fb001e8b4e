"""The management review (clause 9.3): a meeting of top management, its inputs and its outputs.

The portal assembles the inputs of 9.3.2 as a frozen snapshot (ReviewInput.data: plain JSON
figures and tables, gathered by qms.review_inputs from every app), the coordinator's office adds
its commentary to each section and writes the outputs of 9.3.3 (ReviewAction: improvement,
changes to the system, resources, each with an owner and a deadline). The chair, who holds the
management role, approves the minutes; from then on the review, its inputs and its outputs are
read-only, except that each action is closed when it is done. Nothing is deleted: a review
abandoned as a draft is archived.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .base import NOTE, PROSE, ArchiveOnlyQuerySet, QualityHistory, QualityRecord, today

# A review holds a bounded number of outputs, so that its minutes stay readable.
MAX_REVIEW_ACTIONS = 40


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("management review", "draft")
    APPROVED = "approved", pgettext_lazy("management review", "approved")
    ARCHIVED = "archived", _("archived (abandoned draft)")


class ReviewSection(models.TextChoices):
    """The inputs of clause 9.3.2, in the standard's order (the minutes follow it)."""

    PREVIOUS_ACTIONS = "previous_actions", _("Status of actions from previous management reviews")
    CONTEXT = "context", _("Changes in external and internal issues relevant to the QMS")
    SATISFACTION = "satisfaction", _("Residents' satisfaction and feedback from interested parties")
    OBJECTIVES = "objectives", _("Extent to which quality objectives have been met")
    PROCESSES = "processes", _("Process performance and conformity of services")
    NONCONFORMITIES = "nonconformities", _("Nonconformities and corrective actions")
    MONITORING = "monitoring", _("Monitoring and measurement results")
    AUDITS = "audits", _("Audit results")
    PROVIDERS = "providers", _("Performance of external providers")
    RESOURCES = "resources", _("Adequacy of resources")
    RISKS = "risks", _("Effectiveness of actions taken to address risks and opportunities")
    IMPROVEMENT = "improvement", _("Opportunities for improvement")


SECTION_ORDER = {key: position for position, key in enumerate(ReviewSection.values, start=1)}


class ReviewOutput(models.TextChoices):
    """The outputs of clause 9.3.3."""

    IMPROVEMENT = "improvement", _("opportunity for improvement")
    QMS_CHANGE = "qms_change", _("change to the quality management system")
    RESOURCES = "resources", _("resource need")


class ReviewActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("review action", "open")
    CLOSED = "closed", pgettext_lazy("review action", "closed")


class ManagementReviewQuerySet(ArchiveOnlyQuerySet):
    def approved(self):
        return self.filter(status=ReviewStatus.APPROVED)

    def visible_to(self, user):
        """Drafts are for the coordinator's office, top management and the auditors; every
        other member of staff reads the approved minutes only."""
        if user.has_perm("qms.view_draft_managementreview"):
            return self
        if user.has_perm("qms.view_managementreview"):
            return self.approved()
        return self.none()


class ManagementReview(QualityRecord):
    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    held_on = models.DateField(_("held on"))
    period_start = models.DateField(_("period reviewed from"))
    period_end = models.DateField(_("period reviewed until"))
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chair"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("A member of top management: they approve the minutes."),
    )
    participants = models.TextField(
        _("participants"), max_length=PROSE, help_text=_("Names and functions, one per line.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus, default=ReviewStatus.DRAFT
    )
    snapshot_taken_at = models.DateTimeField(_("inputs gathered at"), null=True, blank=True)
    conclusions = models.TextField(
        _("conclusions"),
        max_length=PROSE,
        blank=True,
        help_text=_(
            "The conclusion on the suitability, adequacy and effectiveness of the quality "
            "management system."
        ),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ManagementReviewQuerySet.as_manager()

    history = QualityHistory()

    class Meta:
        verbose_name = _("management review")
        verbose_name_plural = _("management reviews")
        ordering = ["-held_on", "-pk"]
        permissions = [
            ("approve_managementreview", "Can approve the management review they chair"),
            ("view_draft_managementreview", "Can read management reviews in draft"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values),
                name="qms_managementreview_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")),
                name="qms_managementreview_period_in_order",
                violation_error_message=_("The period reviewed starts before it ends."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__lte=F("held_on")),
                name="qms_managementreview_period_before_meeting",
                violation_error_message=_(
                    "The period reviewed ends on the day of the meeting at the latest."
                ),
            ),
            # Approved: by whom and when; otherwise neither.
            models.CheckConstraint(
                condition=Q(status=ReviewStatus.APPROVED, approved_at__isnull=False)
                & Q(approved_by__isnull=False, snapshot_taken_at__isnull=False)
                | ~Q(status=ReviewStatus.APPROVED)
                & Q(approved_at__isnull=True, approved_by__isnull=True),
                name="qms_managementreview_approval_complete",
            ),
        ]

    def __str__(self):
        return self.number or _("management review")

    def get_absolute_url(self):
        return reverse("intranet:review_detail", args=[self.pk])

    @property
    def is_draft(self):
        return self.status == ReviewStatus.DRAFT

    @property
    def is_approved(self):
        return self.status == ReviewStatus.APPROVED

    def clean(self):
        super().clean()
        errors = {}
        if self.period_start and self.period_end and self.period_start > self.period_end:
            errors["period_start"] = _("The period reviewed starts before it ends.")
        if self.period_end and self.held_on and self.period_end > self.held_on:
            errors["period_end"] = _(
                "The period reviewed ends on the day of the meeting at the latest."
            )
        if self.chair_id and not self.chair.has_perm("qms.approve_managementreview"):
            errors["chair"] = _("The chair is a member of top management (the management role).")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        """Refuses to change a review that is no longer a draft: the approved minutes stay as
        the chair approved them."""
        if not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).values("status").first()
            if stored and stored["status"] != ReviewStatus.DRAFT:
                raise ValidationError(
                    _("The review is no longer a draft: its minutes can't be changed.")
                )
        super().save(*args, **kwargs)


def default_period_start(held_on, before=None):
    """Where the period reviewed starts: the day after the previous review was held, or
    1 January of the meeting's year without one."""
    previous = (
        ManagementReview.objects.exclude(status=ReviewStatus.ARCHIVED)
        .filter(held_on__lt=held_on)
        .exclude(pk=getattr(before, "pk", None))
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    if previous is not None:
        return previous + datetime.timedelta(days=1)
    return datetime.date(held_on.year, 1, 1)


def _refuse_unless_draft(review_id):
    status = ManagementReview.objects.filter(pk=review_id).values_list("status", flat=True).first()
    if status is not None and status != ReviewStatus.DRAFT:
        raise ValidationError(_("The review is no longer a draft: its minutes can't be changed."))


class ReviewInput(QualityRecord):
    """One section of the review's inputs: the figures frozen when the snapshot was taken, and
    the coordinator's commentary on them."""

    review = models.ForeignKey(
        ManagementReview,
        verbose_name=_("management review"),
        on_delete=models.PROTECT,
        related_name="inputs",
    )
    section = models.CharField(_("section"), max_length=20, choices=ReviewSection)
    position = models.PositiveSmallIntegerField(_("position"), editable=False)
    data = models.JSONField(_("figures"), default=dict, blank=True, editable=False)
    commentary = models.TextField(_("commentary"), max_length=PROSE, blank=True)

    history = QualityHistory()

    class Meta:
        verbose_name = _("input of the management review")
        verbose_name_plural = _("inputs of the management review")
        ordering = ["review", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "section"], name="qms_reviewinput_one_per_section"
            ),
            models.CheckConstraint(
                condition=Q(section__in=ReviewSection.values),
                name="qms_reviewinput_section_valid",
            ),
        ]

    def __str__(self):
        return self.get_section_display()

    def get_absolute_url(self):
        return reverse("intranet:review_detail", args=[self.review_id]) + f"#{self.section}"

    @property
    def number(self):
        return SECTION_ORDER[self.section]

    def save(self, *args, **kwargs):
        _refuse_unless_draft(self.review_id)
        self.position = SECTION_ORDER[self.section]
        super().save(*args, **kwargs)


class ReviewActionQuerySet(ArchiveOnlyQuerySet):
    def open(self):
        return self.filter(status=ReviewActionStatus.OPEN)

    def overdue(self, on=None):
        """Open actions of approved reviews past their deadline."""
        return self.open().filter(review__status=ReviewStatus.APPROVED, due_on__lt=on or today())

    def visible_to(self, user):
        """The actions of the reviews `user` may read, and those `user` answers for."""
        return self.filter(
            Q(review__in=ManagementReview.objects.visible_to(user).values("pk"))
            | Q(owner=user, review__status=ReviewStatus.APPROVED)
        )

    def in_register(self, user):
        """The register of review actions as `user` reads it (/intranet/reviews/actions/): the
        actions of drafts and approved reviews (not archived ones) `user` may see."""
        return self.visible_to(user).filter(
            review__status__in=[ReviewStatus.APPROVED, ReviewStatus.DRAFT]
        )


class ReviewAction(QualityRecord):
    """An output of the review (9.3.3): a decision with its owner and deadline, tracked until
    it is closed, and shown in the next review's first section."""

    review = models.ForeignKey(
        ManagementReview,
        verbose_name=_("management review"),
        on_delete=models.PROTECT,
        related_name="actions",
    )
    kind = models.CharField(_("kind of output"), max_length=20, choices=ReviewOutput)
    description = models.TextField(_("decision"), max_length=NOTE)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewActionStatus, default=ReviewActionStatus.OPEN
    )
    closing_note = models.TextField(_("what was done"), max_length=NOTE, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ReviewActionQuerySet.as_manager()

    history = QualityHistory()

    # What may still change once the review is approved: the action's closure.
    CLOSURE_FIELDS = frozenset({"status", "closing_note", "closed_on", "closed_by"})

    class Meta:
        verbose_name = _("action of the management review")
        verbose_name_plural = _("actions of the management review")
        ordering = ["review", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ReviewOutput.values), name="qms_reviewaction_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReviewActionStatus.values),
                name="qms_reviewaction_status_valid",
            ),
            # Closed: what was done, when and by whom; open: none of these.
            models.CheckConstraint(
                condition=Q(status=ReviewActionStatus.OPEN, closed_on__isnull=True)
                & Q(closed_by__isnull=True, closing_note="")
                | Q(status=ReviewActionStatus.CLOSED, closed_on__isnull=False)
                & Q(closed_by__isnull=False)
                & ~Q(closing_note=""),
                name="qms_reviewaction_closure_complete",
            ),
        ]

    def __str__(self):
        return self.description[:60]

    def get_absolute_url(self):
        return reverse("intranet:review_detail", args=[self.review_id]) + f"#action-{self.pk}"

    @property
    def is_closed(self):
        return self.status == ReviewActionStatus.CLOSED

    def is_overdue(self, on=None):
        return not self.is_closed and self.due_on < (on or today())

    def clean(self):
        super().clean()
        if self.review_id and self.due_on and self.due_on < self.review.held_on:
            raise ValidationError(
                {"due_on": _("The deadline falls on or after the day of the review.")}
            )

    def save(self, *args, **kwargs):
        """Refuses a new action, or a change other than its closure, once the review is no
        longer a draft."""
        update_fields = kwargs.get("update_fields")
        closing = update_fields is not None and self.CLOSURE_FIELDS | {"updated_at"} >= {
            *update_fields
        }
        if not closing:
            _refuse_unless_draft(self.review_id)
        super().save(*args, **kwargs)


__all__ = [
    "MAX_REVIEW_ACTIONS",
    "SECTION_ORDER",
    "ManagementReview",
    "ReviewAction",
    "ReviewActionStatus",
    "ReviewInput",
    "ReviewOutput",
    "ReviewSection",
    "ReviewStatus",
    "default_period_start",
]
