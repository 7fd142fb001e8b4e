"""Audits and their checklists: numbered AW/<year>/<nn> by audits.services, answered on site."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qms.models import (
    LINE,
    LONG_PROSE,
    NOTE,
    PROSE,
    ArchiveOnlyQuerySet,
    QualityHistory,
    QualityRecord,
    SearchIndexed,
    refuse_beyond,
)

from .programmes import MAX_QUESTIONS, AuditProgramme, Clause


class AuditStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    REPORTED = "reported", _("reported")
    CLOSED = "closed", _("closed")


class AuditQuerySet(ArchiveOnlyQuerySet):
    def closed(self):
        return self.filter(status=AuditStatus.CLOSED)

    def visible_to(self, user):
        """Auditors, owners and the coordinator see every audit; other staff the closed ones."""
        if user.has_perm("audits.view_audit"):
            return self
        return self.closed()


class Audit(SearchIndexed, QualityRecord):
    programme = models.ForeignKey(
        AuditProgramme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="audits"
    )
    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    sequence = models.PositiveSmallIntegerField(_("sequence in the year"), editable=False)
    title = models.CharField(_("subject"), max_length=200)
    planned_month = models.PositiveSmallIntegerField(
        _("planned month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    objectives = models.TextField(_("objectives"), max_length=PROSE, blank=True)
    scope = models.TextField(_("scope"), max_length=PROSE, blank=True)
    criteria = models.TextField(
        _("criteria"),
        max_length=PROSE,
        blank=True,
        help_text=_("ISO 9001:2015 clauses and internal documents, e.g. '7.5, 8.5.1; PR-03'"),
    )
    processes = models.ManyToManyField(
        "qms.Process", verbose_name=_("audited processes"), blank=True, related_name="audits"
    )
    units = models.ManyToManyField(
        "qms.OrganisationalUnit", verbose_name=_("audited units"), blank=True, related_name="audits"
    )
    lead_auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead auditor"),
        on_delete=models.PROTECT,
        related_name="led_audits",
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("audit team"),
        blank=True,
        related_name="audit_teams",
    )
    auditees = models.TextField(
        _("auditees"), max_length=NOTE, blank=True, help_text=_("Names and positions.")
    )
    first_day = models.DateField(_("first day"), null=True, blank=True)
    last_day = models.DateField(_("last day"), null=True, blank=True)
    places = models.CharField(_("places"), max_length=300, blank=True)
    agenda = models.TextField(_("agenda (audit plan)"), max_length=PROSE, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AuditStatus, default=AuditStatus.PLANNED
    )
    conclusions = models.TextField(
        _("conclusions and degree of conformity"), max_length=LONG_PROSE, blank=True
    )
    diverging_opinions = models.TextField(
        _("unresolved diverging opinions"), max_length=PROSE, blank=True
    )
    distribution = models.TextField(_("distribution of the report"), max_length=NOTE, blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closing_note = models.TextField(
        _("why it closes with open nonconformities"),
        max_length=PROSE,
        blank=True,
    )

    objects = AuditQuerySet.as_manager()

    history = QualityHistory(m2m_fields=["processes", "units", "team"])

    class Meta:
        verbose_name = _("internal audit")
        verbose_name_plural = _("internal audits")
        ordering = ["-programme__year", "-sequence"]
        permissions = [("manage_audits", _("Can edit any audit and the programme"))]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "sequence"], name="audits_audit_unique_sequence"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AuditStatus.values), name="audits_audit_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(planned_month__gte=1, planned_month__lte=12),
                name="audits_audit_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(first_day__isnull=True)
                | Q(last_day__isnull=True)
                | Q(last_day__gte=F("first_day")),
                name="audits_audit_ends_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=~Q(status=AuditStatus.CLOSED) | Q(closed_at__isnull=False),
                name="audits_audit_closure_dated",
            ),
            models.CheckConstraint(
                condition=Q(status=AuditStatus.PLANNED) | Q(first_day__isnull=False),
                name="audits_audit_started_has_dates",
                violation_error_message=_("An audit under way needs its dates."),
            ),
        ]

    def __str__(self):
        return self.number

    def search_parts(self):
        return [self.number, self.title, self.objectives, self.scope, self.criteria, self.auditees,
                self.places, self.conclusions]  # fmt: skip

    def get_absolute_url(self):
        return reverse("audits:audit_detail", args=[self.pk])

    @property
    def is_closed(self):
        return self.status == AuditStatus.CLOSED


class Answer(models.TextChoices):
    NOT_CHECKED = "not_checked", _("not checked")
    CONFORMING = "conforming", _("conforming")
    NONCONFORMITY = "nonconformity", _("nonconformity")
    OBSERVATION = "observation", _("observation")
    NOT_APPLICABLE = "not_applicable", _("not applicable")


class ChecklistItem(QualityRecord):
    audit = models.ForeignKey(
        Audit, verbose_name=_("audit"), on_delete=models.PROTECT, related_name="checklist"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    clause = models.ForeignKey(
        Clause, verbose_name=_("clause"), null=True, blank=True, on_delete=models.PROTECT
    )
    question = models.TextField(_("question"), max_length=LINE)
    answer = models.CharField(
        _("answer"), max_length=20, choices=Answer, default=Answer.NOT_CHECKED
    )
    evidence = models.TextField(_("evidence and notes"), max_length=PROSE, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # Bumped by every saved answer: two auditors editing the same item never overwrite silently.
    revision = models.PositiveIntegerField(default=0, editable=False)

    # The revision only guards against two auditors overwriting each other; not a change itself.
    history = QualityHistory(excluded_fields=["revision"])

    class Meta:
        verbose_name = _("checklist question")
        verbose_name_plural = _("checklist questions")
        ordering = ["audit", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer__in=Answer.values), name="audits_checklistitem_answer_valid"
            ),
        ]

    def __str__(self):
        return self.question[:60]

    def get_absolute_url(self):
        return reverse("audits:checklist_detail", args=[self.audit_id]) + f"#q{self.pk}"

    def clean(self):
        super().clean()
        if self._state.adding and self.audit_id:
            refuse_beyond(
                self.audit.checklist,
                MAX_QUESTIONS,
                _(
                    "A checklist holds at most %(limit)s questions: plan a further audit for the "
                    "rest."
                ),
            )
