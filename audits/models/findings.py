"""What an audit found: nonconformities, observations and opportunities for improvement."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qms.models import (
    LINE,
    NOTE,
    ArchiveOnlyQuerySet,
    QualityHistory,
    QualityRecord,
    SearchIndexed,
    refuse_beyond,
    today,
)

from .audits import Audit, ChecklistItem
from .programmes import MAX_FINDINGS, Clause


class FindingKind(models.TextChoices):
    MAJOR = "major", _("major nonconformity")
    MINOR = "minor", _("minor nonconformity")
    OBSERVATION = "observation", _("observation")
    IMPROVEMENT = "improvement", _("opportunity for improvement")


NONCONFORMITIES = [FindingKind.MAJOR, FindingKind.MINOR]


class FindingQuerySet(ArchiveOnlyQuerySet):
    def open_nonconformities(self):
        """Nonconformities with no corrective action yet, or with an action not yet verified
        effective (nor closed): what an audit closes over only with a note, and what the
        dashboard counts as open."""
        from .actions import ActionStatus, CorrectiveAction

        actions = CorrectiveAction.objects.filter(finding=OuterRef("pk"))
        unfinished = actions.exclude(status__in=[ActionStatus.EFFECTIVE, ActionStatus.CLOSED])
        return self.filter(kind__in=NONCONFORMITIES).filter(~Exists(actions) | Exists(unfinished))

    def visible_to(self, user):
        """The findings whose page `user` may open: those of the audits they may read
        (Audit.objects.visible_to; one by one, roles.can_view_audit)."""
        return self.filter(audit__in=Audit.objects.visible_to(user))


class Finding(SearchIndexed, QualityRecord):
    audit = models.ForeignKey(
        Audit, verbose_name=_("audit"), on_delete=models.PROTECT, related_name="findings"
    )
    number = models.PositiveSmallIntegerField(_("number"), editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=FindingKind)
    clause = models.ForeignKey(
        Clause, verbose_name=_("clause"), null=True, blank=True, on_delete=models.PROTECT
    )
    process = models.ForeignKey(
        "qms.Process",
        verbose_name=_("process"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
    )
    requirement = models.TextField(_("requirement"), max_length=LINE, blank=True)
    description = models.TextField(_("what was found"), max_length=NOTE)
    evidence = models.TextField(_("evidence"), max_length=NOTE, blank=True)
    checklist_item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("checklist question"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
    )
    raised_on = models.DateField(_("raised on"), default=today)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = FindingQuerySet.as_manager()

    history = QualityHistory()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["audit", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "number"], name="audits_finding_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=FindingKind.values), name="audits_finding_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.number}"

    def search_parts(self):
        return [self.audit.number, self.requirement, self.description, self.evidence]

    def get_absolute_url(self):
        return reverse("audits:finding_detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self._state.adding and self.audit_id:
            refuse_beyond(
                self.audit.findings,
                MAX_FINDINGS,
                _("An audit records at most %(limit)s findings: group related ones into one."),
            )

    @property
    def is_nonconformity(self):
        return self.kind in NONCONFORMITIES
