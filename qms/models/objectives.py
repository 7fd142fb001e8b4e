"""Quality objectives (clause 6.2): each year's objectives, their progress and their evaluation.

An objective is judged by a process measure where one exists: its status is computed from that
measure's values (never stored), so it follows the values as the process owners record them.
Top management approves the year's objectives; from then on they are read-only, except for the
evaluation the coordinator's office writes at the year's end.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import NOTE, PROSE, ArchiveOnlyQuerySet, QualityHistory, QualityRecord, today
from .processes import Direction, MeasureValue

# A year's objectives: the office has been certified since 2008; anything outside is a typo.
FIRST_YEAR = 2000
LAST_YEAR = 2100
# A deadline falls within the objective's year, or in the first quarter after it (a yearly
# figure is known only once the year is closed).
GRACE_MONTHS = 3
# Less than this share of the time from 1 January to the deadline left, and not met: at risk.
AT_RISK_SHARE = Decimal("0.25")


class Achievement(models.TextChoices):
    YES = "yes", _("achieved")
    PARTLY = "partly", _("partly achieved")
    NO = "no", _("not achieved")


class ObjectiveStatus(models.TextChoices):
    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    MET = "met", _("met")
    MISSED = "missed", _("missed")
    NO_DATA = "no_data", _("no data")


def latest_deadline(year):
    return datetime.date(year + 1, GRACE_MONTHS, 31)


class QualityObjectiveQuerySet(ArchiveOnlyQuerySet):
    def of_year(self, year):
        return self.filter(year=year)

    def approved(self):
        return self.filter(approved_at__isnull=False)

    def visible_to(self, user):
        """Drafts are for the office that writes them and for top management, who approves
        them; every other member of staff reads the approved objectives only."""
        if user.has_perm("qms.change_qualityobjective") or user.has_perm(
            "qms.approve_qualityobjective"
        ):
            return self
        if user.has_perm("qms.view_qualityobjective"):
            return self.approved()
        return self.none()

    def with_progress(self):
        """Each objective with its measure's latest value and the one before it (`latest_value`,
        `latest_period`, `previous_value`), counted from 1 January of its year to its deadline:
        the status of a whole list in the list's one query."""
        values = MeasureValue.objects.filter(
            measure=OuterRef("measure"),
            period_end__year__gte=OuterRef("year"),
            period_end__lte=OuterRef("deadline"),
        ).order_by("-period_end")
        return self.annotate(
            latest_value=Subquery(values.values("value")[:1]),
            latest_period=Subquery(values.values("period_end")[:1]),
            previous_value=Subquery(values.values("value")[1:2]),
        )

    def overdue(self, on):
        """Approved objectives past their deadline and not yet evaluated (their status, which
        needs the values, tells which of them were not met)."""
        return self.approved().filter(deadline__lt=on, evaluated_on__isnull=True).with_progress()

    def past_deadline_not_met(self, on):
        """Of these, the approved objectives past their deadline, not evaluated yet and not met
        (one without data is not met either: its value is missing), as a list: the status
        needs the values. The daily reminders and the home of the person responsible."""
        return [
            objective
            for objective in self.overdue(on).order_by("deadline", "pk")
            if objective.status(on) != ObjectiveStatus.MET
        ]


class QualityObjective(QualityRecord):
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    title = models.CharField(_("objective"), max_length=200)
    plan = models.TextField(_("what will be done"), max_length=PROSE)
    direction = models.CharField(
        _("target direction"), max_length=3, choices=Direction, default=Direction.AT_LEAST
    )
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=30, blank=True, help_text=_("e.g. '%', 'days'"))
    baseline = models.DecimalField(
        _("baseline"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Where the year starts from, e.g. last year's value."),
    )
    measure = models.ForeignKey(
        "qms.ProcessMeasure",
        verbose_name=_("measure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="objectives",
        help_text=_("The process measure whose values show the progress, where there is one."),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    resources = models.TextField(_("resources"), max_length=NOTE, blank=True)
    deadline = models.DateField(_("deadline"))
    evaluation_method = models.TextField(_("how the results are evaluated"), max_length=NOTE)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The evaluation at the year's end.
    achieved = models.CharField(_("result"), max_length=10, choices=Achievement, blank=True)
    evaluation = models.TextField(_("evaluation"), max_length=PROSE, blank=True)
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = QualityObjectiveQuerySet.as_manager()

    history = QualityHistory()

    # What may still change once the objective is approved.
    EVALUATION_FIELDS = frozenset({"achieved", "evaluation", "evaluated_on", "evaluated_by"})

    class Meta:
        verbose_name = _("quality objective")
        verbose_name_plural = _("quality objectives")
        ordering = ["year", "deadline", "pk"]
        permissions = [("approve_qualityobjective", "Can approve the year's quality objectives")]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="qms_qualityobjective_year_in_bounds",
                violation_error_message=_("Enter a year from 2000 to 2100."),
            ),
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values),
                name="qms_qualityobjective_direction_valid",
            ),
            models.CheckConstraint(
                condition=Q(achieved__in=["", *Achievement.values]),
                name="qms_qualityobjective_achieved_valid",
            ),
            # The year's or the next one's (the model's clean() holds it to the first quarter).
            models.CheckConstraint(
                condition=Q(deadline__year__gte=F("year"), deadline__year__lte=F("year") + 1),
                name="qms_qualityobjective_deadline_in_its_year",
                violation_error_message=_("The deadline falls within the objective's year."),
            ),
            models.CheckConstraint(
                condition=Q(approved_at__isnull=True, approved_by__isnull=True)
                | Q(approved_at__isnull=False, approved_by__isnull=False),
                name="qms_qualityobjective_approval_complete",
            ),
            # An evaluation has its result and its date, or neither.
            models.CheckConstraint(
                condition=Q(achieved="", evaluated_on__isnull=True)
                | (~Q(achieved="") & Q(evaluated_on__isnull=False)),
                name="qms_qualityobjective_evaluation_complete",
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.title}"

    def get_absolute_url(self):
        return reverse("intranet:objective_year", args=[self.year]) + f"#objective-{self.pk}"

    @property
    def is_approved(self):
        return self.approved_at is not None

    @property
    def is_evaluated(self):
        return self.evaluated_on is not None

    def clean(self):
        super().clean()
        if self.year and self.deadline and FIRST_YEAR <= self.year <= LAST_YEAR:
            first, last = datetime.date(self.year, 1, 1), latest_deadline(self.year)
            if not first <= self.deadline <= last:
                raise ValidationError(
                    {
                        "deadline": _(
                            "The deadline falls between %(first)s and %(last)s: within the "
                            "objective's year, or in the first quarter after it."
                        )
                        % {"first": first.isoformat(), "last": last.isoformat()}
                    }
                )

    def save(self, *args, **kwargs):
        """Refuses to change an approved objective, except its evaluation: what top management
        approved stays as they approved it (the history keeps any evaluation written later)."""
        update_fields = kwargs.get("update_fields")
        if not self._state.adding and (
            update_fields is None or not self.EVALUATION_FIELDS | {"updated_at"} >= {*update_fields}
        ):
            stored = type(self).objects.filter(pk=self.pk).values("approved_at").first()
            if stored and stored["approved_at"] is not None:
                raise ValidationError(
                    _("The objective has been approved by top management and can't be changed.")
                )
        super().save(*args, **kwargs)

    # --- Progress --------------------------------------------------------------------------

    def _progress(self):
        """(latest value, the one before), from the annotations of `with_progress` when the
        objective was read with them, else from the database."""
        if hasattr(self, "latest_value"):
            return self.latest_value, self.previous_value
        if self.measure_id is None:
            return None, None
        values = list(
            MeasureValue.objects.filter(
                measure_id=self.measure_id,
                period_end__year__gte=self.year,
                period_end__lte=self.deadline,
            )
            .order_by("-period_end")
            .values_list("value", flat=True)[:2]
        )
        return (values + [None, None])[0], (values + [None, None])[1]

    def reaches(self, value):
        if self.direction == Direction.AT_MOST:
            return value <= self.target
        return value >= self.target

    def status(self, on=None):
        """Where the objective stands on `on` (today by default), by its measure's latest value:

        - no_data: no measure, or no value since 1 January of its year;
        - met: the latest value reaches the target (in the target's direction);
        - missed: not reached, and the deadline has passed;
        - at_risk: not reached, and less than a quarter of the time from 1 January to the
          deadline is left, or the latest value moved away from the target since the one before;
        - on_track: otherwise.
        """
        on = on or today()
        value, previous = self._progress()
        if self.measure_id is None or value is None:
            return ObjectiveStatus.NO_DATA
        if self.reaches(value):
            return ObjectiveStatus.MET
        if on > self.deadline:
            return ObjectiveStatus.MISSED
        start = datetime.date(self.year, 1, 1)
        whole = max((self.deadline - start).days, 1)
        left = (self.deadline - on).days
        worse = previous is not None and (
            value > previous if self.direction == Direction.AT_MOST else value < previous
        )
        if Decimal(left) < AT_RISK_SHARE * whole or worse:
            return ObjectiveStatus.AT_RISK
        return ObjectiveStatus.ON_TRACK

    def progress_share(self):
        """How far the latest value has come towards the target, 0 to 1 (for the chart), or
        None without a value. Against the baseline where there is one."""
        value, _previous = self._progress()
        if value is None:
            return None
        if self.reaches(value):
            return 1.0
        if self.baseline is not None and self.baseline != self.target:
            share = (value - self.baseline) / (self.target - self.baseline)
        elif self.direction == Direction.AT_MOST:
            share = self.target / value if value else Decimal(1)
        else:
            share = value / self.target if self.target else Decimal(0)
        return float(min(max(share, Decimal(0)), Decimal(1)))


__all__ = ["Achievement", "ObjectiveStatus", "QualityObjective", "latest_deadline"]
