"""Internal audits (clause 9.2, ISO 19011): programme, audits, checklists, findings, actions (10.2).

A programme covers one year; each audit in it gets a gap-free number (AW/2026/03) from
audits.services, which also moves audits and corrective actions through their statuses.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qms.models import (
    LINE,
    LONG_PROSE,
    NOTE,
    PROSE,
    ArchiveOnlyQuerySet,
    QualityHistory,
    QualityRecord,
    refuse_beyond,
    today,
)

# How many questions, findings and actions one audit holds: more than any real audit needs, few
# enough that its report stays a document a person reads (and quick to typeset).
MAX_QUESTIONS = 120
MAX_FINDINGS = 20
MAX_ACTIONS = 5


class Clause(models.Model):
    """A clause of ISO 9001:2015 (4–10), with its title in both languages."""

    number = models.CharField(_("clause"), max_length=10, unique=True)
    title_pl = models.CharField(_("title (Polish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    sort_key = models.CharField(max_length=40, editable=False)

    class Meta:
        verbose_name = _("ISO 9001 clause")
        verbose_name_plural = _("ISO 9001 clauses")
        ordering = ["sort_key"]

    def __str__(self):
        return self.number

    @property
    def title(self):
        from django.utils.translation import get_language

        return self.title_en if (get_language() or "pl").startswith("en") else self.title_pl


class QuestionTemplate(models.Model):
    """A starter checklist question, copied into an audit's checklist and extended there."""

    clause = models.ForeignKey(
        Clause, verbose_name=_("clause"), on_delete=models.PROTECT, related_name="questions"
    )
    text_pl = models.TextField(_("question (Polish)"), max_length=LINE)
    text_en = models.TextField(_("question (English)"), max_length=LINE)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("checklist question template")
        verbose_name_plural = _("checklist question templates")
        ordering = ["clause__sort_key", "order", "pk"]

    def __str__(self):
        return self.text_pl[:60]


class AuditProgramme(QualityRecord):
    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    objectives = models.TextField(_("objectives of the programme"), max_length=PROSE, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.CharField(_("approved by"), max_length=200, blank=True)

    history = QualityHistory()

    class Meta:
        verbose_name = _("audit programme")
        verbose_name_plural = _("audit programmes")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)

    def get_absolute_url(self):
        return reverse("audits:programme_detail", args=[self.year])


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


class Audit(QualityRecord):
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


class FindingKind(models.TextChoices):
    MAJOR = "major", _("major nonconformity")
    MINOR = "minor", _("minor nonconformity")
    OBSERVATION = "observation", _("observation")
    IMPROVEMENT = "improvement", _("opportunity for improvement")


NONCONFORMITIES = [FindingKind.MAJOR, FindingKind.MINOR]


class Finding(QualityRecord):
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


class CorrectiveAction(QualityRecord):
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
