"""Actions on residents' comments: an improvement or corrective action on a process, reported
done by the person responsible and closed by the coordinator's office."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qms.models.base import (
    NOTE,
    ArchiveOnlyQuerySet,
    QualityHistory,
    QualityRecord,
)

from .campaigns import Response

# Actions taken on residents' comments (issue 13, item 4)


class ActionKind(models.TextChoices):
    """What a comment leads to: an improvement of what works (ISO 9001 clause 10.3), or the
    correction of what went wrong (clause 10.2)."""

    IMPROVEMENT = "improvement", _("improvement action")
    CORRECTIVE = "corrective", _("corrective action")


class CommentActionStatus(models.TextChoices):
    """Open until the person responsible reports it done; closed by the coordinator's office."""

    OPEN = "open", pgettext_lazy("comment action", "open")
    DONE = "done", pgettext_lazy("comment action", "done")
    CLOSED = "closed", pgettext_lazy("comment action", "closed")


# A comment leads to a few actions at most (an improvement and a correction, say): more are
# one action written several times.
MAX_ACTIONS_PER_COMMENT = 5
# How far ahead an action may be due: the survey runs for a year, and so does its follow-up.
MAX_DUE_DAYS = 366


class CommentActionQuerySet(ArchiveOnlyQuerySet):
    def overdue(self, on=None):
        return self.filter(status=CommentActionStatus.OPEN, due_on__lt=on or timezone.localdate())

    def visible_to(self, user):
        """Who reads the responses (the coordinator, auditors) reads every action; anyone
        else (a process owner) the actions they are responsible for."""
        if user.has_perm("surveys.view_response"):
            return self
        if user.has_perm("surveys.view_commentaction"):
            return self.filter(responsible=user)
        return self.none()


class CommentAction(QualityRecord):
    """An improvement or corrective action that a resident's comment led to, assigned to a
    process and the person responsible for it (its owner, unless the office names another).
    The person responsible reports it done; the coordinator's office closes it. Never deleted."""

    response = models.ForeignKey(
        Response,
        verbose_name=_("comment"),
        on_delete=models.PROTECT,
        related_name="actions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActionKind)
    process = models.ForeignKey(
        "qms.Process",
        verbose_name=_("process"),
        on_delete=models.PROTECT,
        related_name="survey_actions",
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="survey_actions",
    )
    action = models.TextField(_("what will be done"), max_length=NOTE)
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=CommentActionStatus, default=CommentActionStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.TextField(_("what was done"), max_length=NOTE, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported done by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = CommentActionQuerySet.as_manager()
    history = QualityHistory()

    class Meta:
        verbose_name = _("action on a survey comment")
        verbose_name_plural = _("actions on survey comments")
        ordering = ["due_on", "pk"]
        permissions = [("close_commentaction", _("Can close actions on survey comments"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ActionKind.values), name="surveys_commentaction_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CommentActionStatus.values),
                name="surveys_commentaction_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=CommentActionStatus.OPEN)
                | Q(done_on__isnull=False, done_by__isnull=False),
                name="surveys_commentaction_done_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status=CommentActionStatus.CLOSED)
                | Q(closed_at__isnull=False, closed_by__isnull=False),
                name="surveys_commentaction_closing_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(action=""), name="surveys_commentaction_action_given"
            ),
        ]

    def __str__(self):
        return self.action[:60]

    def get_absolute_url(self):
        return reverse("surveys:comment_action_detail", args=[self.pk])

    @property
    def is_overdue(self):
        return self.status == CommentActionStatus.OPEN and self.due_on < timezone.localdate()
