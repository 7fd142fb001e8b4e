"""Processes (clause 4.4): their cards, risks and opportunities (6.1) and measures (9.1)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.lookups import GreaterThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import (
    NOTE,
    PROSE,
    ArchiveOnlyQuerySet,
    QualityHistory,
    QualityRecord,
    SearchIndexed,
    refuse_beyond,
    today,
)

# What one process card holds: more than a real process needs, few enough that the card and its
# PDF stay readable (and quick to typeset). Values: twenty years of monthly readings.
MAX_RISKS = 25
MAX_MEASURES = 15
MAX_VALUES = 240


class ProcessKind(models.TextChoices):
    MANAGEMENT = "management", _("management process")
    CORE = "core", _("core process")
    SUPPORT = "support", _("support process")


class ProcessQuerySet(ArchiveOnlyQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def owned_by(self, user):
        return self.filter(owner=user)

    def visible_to(self, user):
        """The process cards `user` may open: every one for staff (qms.view_process), none for
        an account without a role. The process list and the intranet's search show these."""
        return self if user.has_perm("qms.view_process") else self.none()


class Process(SearchIndexed, QualityRecord):
    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("e.g. 'P-03'"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ProcessKind)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("process owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_processes",
    )
    units = models.ManyToManyField(
        "qms.OrganisationalUnit",
        verbose_name=_("organisational units"),
        blank=True,
        related_name="processes",
    )
    purpose = models.TextField(_("purpose"), max_length=PROSE, blank=True)
    scope = models.TextField(_("scope"), max_length=PROSE, blank=True)
    inputs = models.TextField(
        _("inputs"), max_length=PROSE, blank=True, help_text=_("One per line.")
    )
    outputs = models.TextField(
        _("outputs"), max_length=PROSE, blank=True, help_text=_("One per line.")
    )
    customers = models.TextField(
        _("customers and interested parties"),
        max_length=PROSE,
        blank=True,
        help_text=_("One per line."),
    )
    resources = models.TextField(
        _("resources"), max_length=PROSE, blank=True, help_text=_("One per line.")
    )
    interacts_with = models.ManyToManyField(
        "self",
        verbose_name=_("interacts with"),
        blank=True,
        symmetrical=True,
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("An archived process stays in the history.")
    )

    objects = ProcessQuerySet.as_manager()

    # Interactions are left out: the relation is symmetrical, and both cards show it anyway.
    history = QualityHistory(m2m_fields=["units"])

    class Meta:
        verbose_name = _("process")
        verbose_name_plural = _("processes")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ProcessKind.values), name="qms_process_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def search_parts(self):
        return [self.code, self.name, self.purpose, self.scope, self.inputs, self.outputs,
                self.customers, self.resources]  # fmt: skip

    def get_absolute_url(self):
        return reverse("intranet:process_detail", args=[self.pk])


def lines(text):
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


class RiskKind(models.TextChoices):
    RISK = "risk", _("risk")
    OPPORTUNITY = "opportunity", _("opportunity")


class RiskLevel(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")
    CRITICAL = "critical", _("critical")


def risk_level(rating):
    """Likelihood × impact on 1–25: low < 6 ≤ medium < 12 ≤ high < 20 ≤ critical."""
    if rating >= 20:
        return RiskLevel.CRITICAL
    if rating >= 12:
        return RiskLevel.HIGH
    if rating >= 6:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW


# The bands of `risk_level`, from the highest: the lowest rating of each.
LEVEL_FLOORS = [(RiskLevel.CRITICAL, 20), (RiskLevel.HIGH, 12), (RiskLevel.MEDIUM, 6)]


def level_expression(rating):
    """`risk_level` as an SQL expression of `rating` (an expression giving likelihood ×
    impact): the value of the band it falls in."""
    return Case(
        *[
            When(GreaterThanOrEqual(rating, floor), then=Value(band.value))
            for band, floor in LEVEL_FLOORS
        ],
        default=Value(RiskLevel.LOW.value),
        output_field=models.CharField(),
    )


class RiskEffectiveness(models.TextChoices):
    """Whether the actions planned against a risk (or to take an opportunity) worked: ISO 9001
    6.1.2 b) 2) asks how their effectiveness is evaluated, and the management review (9.3.2 e)
    reads the answer."""

    NOT_EVALUATED = "not_evaluated", _("not evaluated yet")
    EFFECTIVE = "effective", _("effective")
    NOT_EFFECTIVE = "not_effective", _("not effective")


SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class ProcessRiskQuerySet(ArchiveOnlyQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def archived(self):
        return self.filter(is_active=False)

    def visible_to(self, user):
        """Every member of staff reads the process cards, so every one reads all their risks
        (archived ones too, flagged); an account without a role reads none."""
        return self if user.has_perm("qms.view_process") else self.none()

    def with_rating(self):
        """Each risk with its `rating` (likelihood × impact) and its `level` band
        (RiskLevel's value, as `risk_level` gives it) computed in the database, so that a list
        filters, sorts and counts by them."""
        return self.annotate(rating=F("likelihood") * F("impact")).annotate(
            level=level_expression(F("rating"))
        )

    def overdue(self, on=None):
        """Active risks whose actions were due before `on` (today) and are not evaluated yet."""
        return self.active().filter(
            treatment_due__lt=on or today(), effectiveness=RiskEffectiveness.NOT_EVALUATED
        )

    def heat_map(self):
        """How many of these risks fall in each cell of the likelihood × impact grid, per kind:
        {kind: {(likelihood, impact): count}}, in one query (charts.heat_map draws it)."""
        counts = {kind: {} for kind in RiskKind.values}
        rows = (
            self.order_by().values_list("kind", "likelihood", "impact").annotate(count=Count("pk"))
        )
        for kind, likelihood, impact, count in rows:
            counts.setdefault(kind, {})[likelihood, impact] = count
        return counts


class ProcessRisk(QualityRecord):
    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.PROTECT, related_name="risks"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RiskKind, default=RiskKind.RISK)
    description = models.TextField(_("description"), max_length=NOTE)
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood (1–5)"), validators=SCALE, default=3
    )
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"), validators=SCALE, default=3)
    treatment = models.TextField(_("actions"), max_length=NOTE, blank=True)
    # The plan for the actions (6.1.2 b): who sees to them, by when.
    treatment_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actions' owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Who sees that the actions are carried out."),
    )
    treatment_due = models.DateField(_("actions due by"), null=True, blank=True)
    review_on = models.DateField(_("review date"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Whether the actions worked: risk_evaluate records it, with who and when.
    effectiveness = models.CharField(
        _("effectiveness of the actions"),
        max_length=20,
        choices=RiskEffectiveness,
        default=RiskEffectiveness.NOT_EVALUATED,
    )
    effectiveness_note = models.TextField(
        _("evaluation of the actions"), max_length=NOTE, blank=True
    )
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ProcessRiskQuerySet.as_manager()

    history = QualityHistory()

    class Meta:
        verbose_name = _("risk or opportunity")
        verbose_name_plural = _("risks and opportunities")
        ordering = ["process", "-is_active", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RiskKind.values), name="qms_processrisk_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="qms_processrisk_scale_1_to_5",
                violation_error_message=_("Likelihood and impact are rated from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(effectiveness__in=RiskEffectiveness.values),
                name="qms_processrisk_effectiveness_valid",
            ),
            # An evaluation has its date and who wrote it; a risk not evaluated has neither.
            models.CheckConstraint(
                condition=Q(
                    effectiveness=RiskEffectiveness.NOT_EVALUATED,
                    evaluated_on__isnull=True,
                    evaluated_by__isnull=True,
                )
                | (
                    ~Q(effectiveness=RiskEffectiveness.NOT_EVALUATED)
                    & Q(evaluated_on__isnull=False, evaluated_by__isnull=False)
                ),
                name="qms_processrisk_evaluation_complete",
                violation_error_message=_(
                    "An evaluation of the actions has its result, its date and who made it."
                ),
            ),
        ]

    def __str__(self):
        return self.description[:60]

    def get_absolute_url(self):
        return reverse("intranet:process_detail", args=[self.process_id]) + f"#risk-{self.pk}"

    def clean(self):
        super().clean()
        if self._state.adding and self.process_id:
            refuse_beyond(
                self.process.risks,
                MAX_RISKS,
                _(
                    "A process card holds at most %(limit)s risks and opportunities: archive one "
                    "that no longer applies, or edit it."
                ),
            )

    # `with_rating` annotates `rating` and `level` as the database computes them; an instance
    # always computes them from its own fields (the same numbers: tests/test_risks.py checks
    # every cell), so the annotation is not kept and edits are never out of step.
    @property
    def rating(self):
        return self.likelihood * self.impact

    @rating.setter
    def rating(self, value):
        pass

    @property
    def level(self):
        return risk_level(self.rating)

    @level.setter
    def level(self, value):
        pass

    @property
    def is_evaluated(self):
        return self.effectiveness != RiskEffectiveness.NOT_EVALUATED

    def is_overdue(self, on=None):
        """Active, its actions due before `on` (today), and not evaluated yet: as `overdue()`."""
        return (
            self.is_active
            and self.treatment_due is not None
            and self.treatment_due < (on or today())
            and not self.is_evaluated
        )


class Direction(models.TextChoices):
    AT_LEAST = "gte", "≥"
    AT_MOST = "lte", "≤"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    HALF_YEARLY = "half_yearly", _("every half-year")
    YEARLY = "yearly", _("yearly")


class ProcessMeasure(QualityRecord):
    """A KPI (miernik) with its target, e.g. '≥ 95 %' of cases settled on time."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.PROTECT, related_name="measures"
    )
    name = models.CharField(_("name"), max_length=200)
    direction = models.CharField(
        _("direction"), max_length=3, choices=Direction, default=Direction.AT_LEAST
    )
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=30, blank=True, help_text=_("e.g. '%', 'days'"))
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=Frequency, default=Frequency.QUARTERLY
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = QualityHistory()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["process", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values),
                name="qms_processmeasure_direction_valid",
            ),
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values),
                name="qms_processmeasure_frequency_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("intranet:process_detail", args=[self.process_id]) + f"#measure-{self.pk}"

    def clean(self):
        super().clean()
        if self._state.adding and self.process_id:
            refuse_beyond(
                self.process.measures,
                MAX_MEASURES,
                _(
                    "A process card holds at most %(limit)s measures: archive one that is no "
                    "longer used, or edit it."
                ),
            )

    def meets(self, value):
        return (
            value >= self.target if self.direction == Direction.AT_LEAST else value <= self.target
        )


class MeasureValue(QualityRecord):
    measure = models.ForeignKey(
        ProcessMeasure, verbose_name=_("measure"), on_delete=models.PROTECT, related_name="values"
    )
    period_end = models.DateField(_("period ending on"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = QualityHistory()

    class Meta:
        verbose_name = _("measured value")
        verbose_name_plural = _("measured values")
        ordering = ["measure", "-period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period_end"],
                name="qms_measurevalue_one_per_period",
                violation_error_message=_("A value for this period has already been recorded."),
            ),
        ]

    def __str__(self):
        return f"{self.period_end}: {self.value}"

    def get_absolute_url(self):
        return self.measure.get_absolute_url()

    def clean(self):
        super().clean()
        if self._state.adding and self.measure_id:
            refuse_beyond(
                self.measure.values,
                MAX_VALUES,
                _(
                    "A measure holds at most %(limit)s values; start a new measure for the next "
                    "years."
                ),
            )

    @property
    def meets_target(self):
        return self.measure.meets(self.value)


__all__ = [
    "Direction",
    "Frequency",
    "MeasureValue",
    "Process",
    "ProcessKind",
    "ProcessMeasure",
    "ProcessRisk",
    "ProcessRiskQuerySet",
    "RiskEffectiveness",
    "RiskKind",
    "RiskLevel",
    "level_expression",
    "lines",
    "risk_level",
]
