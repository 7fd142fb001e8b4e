"""Corrective actions (clause 10.2): open, implemented, verified by an auditor, closed."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qms.models import (
    LINE,
    NOTE,
    PROSE,
    ArchiveOnlyQuerySet,
    QualityHistory,
    QualityRecord,
    SearchIndexed,
    refuse_beyond,
    today,
)

from .findings import Finding
from .programmes import MAX_ACTIONS


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    IMPLEMENTED = "implemented", _("implemented")
    EFFECTIVE = "effective", _("verified effective")
    NOT_EFFECTIVE = "not_effective", _("not effective")
    CLOSED = "closed", pgettext_lazy("corrective action", "closed")


class CorrectiveActionQuerySet(ArchiveOnlyQuerySet):
    def unfinished(self):
        return self.filter(status__in=[ActionStatus.OPEN, ActionStatus.NOT_EFFECTIVE])

    def overdue(self, on=None):
        return self.filter(
            status__in=[ActionStatus.OPEN, ActionStatus.NOT_EFFECTIVE], due_on__lt=on or today()
        )

    def visible_to(self, user):
        """The actions `user` may read: on the page of their finding (get_absolute_url), so those
        of the findings `user` may open (Finding.objects.visible_to)."""
        return self.filter(finding__in=Finding.objects.visible_to(user))


class CorrectiveAction(SearchIndexed, QualityRecord):
    finding = models.ForeignKey(
        Finding, verbose_name=_("finding"), on_delete=models.PROTECT, related_name="actions"
    )
    correction = models.TextField(_("correction"), max_length=NOTE, blank=True)
    root_cause = models.TextField(_("root cause"), max_length=PROSE, blank=True)
    action = models.TextField(_("corrective action"), max_length=LINE)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="corrective_actions",
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus, default=ActionStatus.OPEN
    )
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    implemented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported implemented by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verification_comment = models.TextField(_("verification comment"), max_length=NOTE, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = CorrectiveActionQuerySet.as_manager()

    history = QualityHistory()

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["due_on", "pk"]
        permissions = [("verify_correctiveaction", _("Can verify corrective actions"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values),
                name="audits_correctiveaction_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(verified_on__isnull=True)
                | Q(implemented_on__isnull=False, verified_on__gte=F("implemented_on")),
                name="audits_correctiveaction_verified_after_implemented",
                violation_error_message=_(
                    "An action is verified only after it has been implemented."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status=ActionStatus.OPEN) | Q(implemented_on__isnull=False),
                name="audits_correctiveaction_implementation_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[ActionStatus.EFFECTIVE, ActionStatus.NOT_EFFECTIVE])
                | Q(verified_on__isnull=False, verified_by__isnull=False),
                name="audits_correctiveaction_verdict_recorded",
            ),
        ]

    def __str__(self):
        return self.action[:60]

    def search_parts(self):
        return [self.correction, self.root_cause, self.action, self.verification_comment]

    def get_absolute_url(self):
        return reverse("audits:finding_detail", args=[self.finding_id]) + f"#action-{self.pk}"

    def clean(self):
        super().clean()
        if self._state.adding and self.finding_id:
            refuse_beyond(
                self.finding.actions,
                MAX_ACTIONS,
                _(
                    "A finding is answered by at most %(limit)s corrective actions: edit one of "
                    "them instead."
                ),
            )

    @property
    def is_overdue(self):
        return self.status in (ActionStatus.OPEN, ActionStatus.NOT_EFFECTIVE) and (
            self.due_on < today()
        )
