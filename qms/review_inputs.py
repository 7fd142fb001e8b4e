"""qms's inputs of the management review (clause 9.3.2): the parts of the snapshot drawn from
qms's own records (earlier reviews' actions, the context, the objectives, the process measures,
the monitoring, the risks and opportunities, the resources), with their labels and choices.
What a part is, and how the parts of every app are gathered and shown: qms/review_snapshot.py.
"""

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Q, Subquery
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import (
    ContextIssue,
    Document,
    InterestedParty,
    IssueCategory,
    IssueKind,
    MeasureValue,
    ObjectiveStatus,
    Organisation,
    OrganisationalUnit,
    Process,
    ProcessMeasure,
    ProcessRisk,
    QualityObjective,
    ReadConfirmation,
    ReviewAction,
    ReviewActionStatus,
    ReviewOutput,
    ReviewSection,
    ReviewStatus,
    RiskEffectiveness,
    RiskKind,
    RiskLevel,
)
from .review_snapshot import TABLE_ROWS, choice, day, first_rows, person, table

# --- qms's inputs ----------------------------------------------------------------------------


def _in_period(field, review):
    return Q(**{f"{field}__gte": review.period_start, f"{field}__lte": review.period_end})


def previous_actions(review, on):
    """The actions of earlier approved reviews: those of the last one, and any still open or
    closed within the period from older ones; each with its status on the snapshot's day."""
    earlier = ReviewAction.objects.filter(
        review__status=ReviewStatus.APPROVED, review__held_on__lt=review.held_on
    ).exclude(review=review)
    last = earlier.order_by("-review__held_on").values_list("review__held_on", flat=True).first()
    if last is None:
        return {
            "title": "previous_actions",
            "figures": [["actions_in_all", 0]],
            "hint": "no_previous_review",
        }
    actions = list(
        earlier.filter(
            Q(review__held_on=last)
            | Q(status=ReviewActionStatus.OPEN)
            | Q(closed_on__gte=review.period_start)
        )
        .select_related("review", "owner")
        .order_by("review__held_on", "due_on", "pk")
    )
    closed = sum(action.is_closed for action in actions)
    overdue = sum(action.is_overdue(on) for action in actions)
    return {
        "title": "previous_actions",
        "figures": [
            ["actions_in_all", len(actions)],
            ["actions_closed", closed],
            ["actions_open", len(actions) - closed],
            ["actions_overdue", overdue],
        ],
        "table": table(
            ["review", "decision", "kind", "responsible", "deadline", "status", "closed_on"],
            [
                [
                    action.review.number,
                    action.description,
                    choice("review_output", action.kind),
                    person(action.owner),
                    day(action.due_on),
                    choice("review_action_status", action.status),
                    day(action.closed_on),
                ]
                for action in actions
            ],
        ),
        "chart": {
            "kind": "count",
            "rows": [
                [str(_("closed")), closed],
                [str(_("open, on time")), len(actions) - closed - overdue],
                [str(_("open, overdue")), overdue],
            ],
        },
    }


def context_changes(review, on):
    """The context register: issues and interested parties added or changed in the period, and
    the climate statement (ISO 9001:2015/Amd 1:2024)."""
    added = _in_period("created_at__date", review)
    changed = _in_period("updated_at__date", review) & ~added
    issues = ContextIssue.objects.aggregate(
        active=Count("pk", filter=Q(is_active=True)),
        added=Count("pk", filter=added),
        changed=Count("pk", filter=changed),
    )
    parties = InterestedParty.objects.aggregate(
        active=Count("pk", filter=Q(is_active=True)),
        added=Count("pk", filter=added),
        changed=Count("pk", filter=changed),
    )
    rows = (
        ContextIssue.objects.filter(added | changed)
        .select_related("process")
        .order_by("kind", "category", "pk")
    )
    organisation = Organisation.load()
    relevant = organisation.climate_change_relevant
    return {
        "title": "context",
        "figures": [
            ["issues_active", issues["active"]],
            ["issues_added", issues["added"]],
            ["issues_changed", issues["changed"]],
            ["parties_active", parties["active"]],
            ["parties_added", parties["added"]],
            ["parties_changed", parties["changed"]],
            [
                "climate_relevant",
                None if relevant is None else choice("yes_no", "yes" if relevant else "no"),
            ],
        ],
        "table": table(
            ["issue_kind", "issue_category", "issue", "active"],
            [
                [
                    choice("issue_kind", issue.kind),
                    choice("issue_category", issue.category),
                    issue.description,
                    choice("yes_no", "yes" if issue.is_active else "no"),
                ]
                for issue in first_rows(rows)
            ],
            issues["added"] + issues["changed"],
        ),
        "quotes": [["climate_reasoning", organisation.climate_change_reasoning]],
    }


def objectives_met(review, on):
    """The approved quality objectives of the period's years, each with its status on the day
    the snapshot is taken."""
    years = range(review.period_start.year, review.period_end.year + 1)
    objectives = list(
        QualityObjective.objects.approved()
        .filter(year__in=years)
        .with_progress()
        .select_related("responsible")
        .order_by("year", "deadline", "pk")
    )
    statuses = {objective.pk: objective.status(on) for objective in objectives}
    counts = dict.fromkeys(ObjectiveStatus.values, 0)
    for status in statuses.values():
        counts[status] += 1
    return {
        "title": "objectives",
        "figures": [["objectives_in_all", len(objectives)]]
        + [[f"objective_{status}", counts[status]] for status in ObjectiveStatus.values],
        "table": table(
            ["year", "objective", "target", "latest_value", "status", "responsible"],
            [
                [
                    objective.year,
                    objective.title,
                    f"{objective.get_direction_display()} {floatformat(objective.target, -2)} "
                    f"{objective.unit}".strip(),
                    None
                    if objective.latest_value is None
                    else f"{floatformat(objective.latest_value, -2)} {objective.unit}".strip(),
                    choice("objective_status", statuses[objective.pk]),
                    person(objective.responsible),
                ]
                for objective in objectives
            ],
        ),
        "chart": {
            "kind": "share",
            "rows": [
                [objective.title, objective.progress_share()]
                for objective in objectives[:TABLE_ROWS]
                if objective.progress_share() is not None
            ],
        },
    }


def process_performance(review, on):
    """Each active measure's latest value within the period, against its target."""
    values = MeasureValue.objects.filter(
        measure=OuterRef("pk"),
        period_end__gte=review.period_start,
        period_end__lte=review.period_end,
    ).order_by("-period_end", "-pk")
    measures = list(
        ProcessMeasure.objects.filter(is_active=True, process__is_active=True)
        .annotate(
            latest_value=Subquery(values.values("value")[:1]),
            latest_period=Subquery(values.values("period_end")[:1]),
        )
        .select_related("process")
        .order_by("process__code", "name", "pk")
    )
    on_target = sum(m.latest_value is not None and m.meets(m.latest_value) for m in measures)
    no_value = sum(m.latest_value is None for m in measures)
    return {
        "title": "processes",
        "figures": [
            ["processes_active", len({m.process_id for m in measures})],
            ["measures_active", len(measures)],
            ["measures_on_target", on_target],
            ["measures_off_target", len(measures) - on_target - no_value],
            ["measures_without_value", no_value],
        ],
        "table": table(
            ["process", "measure", "target", "latest_value", "period_end", "on_target"],
            [
                [
                    measure.process.code,
                    measure.name,
                    f"{measure.get_direction_display()} {floatformat(measure.target, -2)} "
                    f"{measure.unit}".strip(),
                    None
                    if measure.latest_value is None
                    else f"{floatformat(measure.latest_value, -2)} {measure.unit}".strip(),
                    day(measure.latest_period),
                    None
                    if measure.latest_value is None
                    else choice("yes_no", "yes" if measure.meets(measure.latest_value) else "no"),
                ]
                for measure in measures
            ],
        ),
        "chart": {
            "kind": "count",
            "rows": [
                [str(_("on target")), on_target],
                [str(_("off target")), len(measures) - on_target - no_value],
                [str(_("no value in the period")), no_value],
            ],
        },
    }


def monitoring_results(review, on):
    """What the system's own monitoring shows: values recorded, documents read and reviewed."""
    return {
        "title": "monitoring",
        "figures": [
            [
                "measure_values_recorded",
                MeasureValue.objects.filter(_in_period("period_end", review)).count(),
            ],
            [
                "read_confirmations",
                ReadConfirmation.objects.filter(_in_period("confirmed_at__date", review)).count(),
            ],
            ["documents_in_force", Document.objects.in_force().count()],
            ["documents_review_due", Document.objects.review_due(on).count()],
        ],
    }


def _active_risks():
    return ProcessRisk.objects.active().filter(kind=RiskKind.RISK, process__is_active=True)


def _risk_levels():
    """Active risks by level, counted in the database by the register's own rule
    (ProcessRisk.objects.with_rating)."""
    return (
        _active_risks()
        .with_rating()
        .aggregate(**{level: Count("pk", filter=Q(level=level)) for level in RiskLevel.values})
    )


def risks(review, on):
    """The risk register: risks by level, and the high and critical ones with their actions."""
    levels = _risk_levels()
    high = first_rows(
        _active_risks()
        .with_rating()
        .filter(level__in=[RiskLevel.HIGH, RiskLevel.CRITICAL])
        .select_related("process")
        .order_by("-rating", "process__code", "pk")
    )
    return {
        "title": "risks",
        "figures": [[f"risks_{level}", levels[level]] for level in RiskLevel.values],
        "table": table(
            ["process", "risk", "rating", "level", "risk_actions", "review_on"],
            [
                [
                    risk.process.code,
                    risk.description,
                    risk.rating,
                    choice("risk_level", risk.level),
                    risk.treatment,
                    day(risk.review_on),
                ]
                for risk in high
            ],
            levels["high"] + levels["critical"],
        ),
        "chart": {
            "kind": "count",
            "rows": [[str(RiskLevel(level).label), levels[level]] for level in RiskLevel.values],
        },
    }


def risk_effectiveness(review, on):
    """Whether the actions planned against risks and opportunities worked (6.1, 9.3.2 e): the
    evaluations recorded in the period, the actions overdue and not evaluated on `on`, and the
    actions found not effective with the reason given."""
    evaluated_in_period = _in_period("evaluated_on", review)
    active = ProcessRisk.objects.active().filter(process__is_active=True)
    counts = active.aggregate(
        effective=Count(
            "pk", filter=evaluated_in_period & Q(effectiveness=RiskEffectiveness.EFFECTIVE)
        ),
        not_effective=Count(
            "pk", filter=evaluated_in_period & Q(effectiveness=RiskEffectiveness.NOT_EFFECTIVE)
        ),
        not_evaluated=Count(
            "pk",
            filter=Q(effectiveness=RiskEffectiveness.NOT_EVALUATED) & ~Q(treatment=""),
        ),
        overdue=Count(
            "pk",
            filter=Q(treatment_due__lt=on, effectiveness=RiskEffectiveness.NOT_EVALUATED),
        ),
    )
    failed = first_rows(
        active.filter(evaluated_in_period, effectiveness=RiskEffectiveness.NOT_EFFECTIVE)
        .select_related("process")
        .order_by("process__code", "pk")
    )
    return {
        "title": "risk_effectiveness",
        "figures": [
            ["risk_actions_effective", counts["effective"]],
            ["risk_actions_not_effective", counts["not_effective"]],
            ["risk_actions_not_evaluated", counts["not_evaluated"]],
            ["risk_actions_overdue", counts["overdue"]],
        ],
        "table": table(
            ["process", "risk", "risk_actions", "effectiveness_note", "evaluated_on"],
            [
                [
                    risk.process.code,
                    risk.description,
                    risk.treatment,
                    risk.effectiveness_note,
                    day(risk.evaluated_on),
                ]
                for risk in failed
            ],
            counts["not_effective"],
        ),
    }


def resources(review, on):
    """What the portal can count of the resources; the rest is the commentary's."""
    people = get_user_model().objects.filter(is_active=True)
    return {
        "title": "resources",
        "figures": [
            ["staff_accounts", people.count()],
            ["units_active", OrganisationalUnit.objects.filter(is_active=True).count()],
            [
                "processes_without_owner",
                Process.objects.active()
                .filter(Q(owner__isnull=True) | Q(owner__is_active=False))
                .count(),
            ],
        ],
        "hint": "resources_commentary",
    }


def opportunities(review, on):
    """The opportunities in the risk register."""
    found = ProcessRisk.objects.filter(
        is_active=True, kind=RiskKind.OPPORTUNITY, process__is_active=True
    )
    total = found.count()
    rows = first_rows(found.select_related("process").order_by("process__code", "pk"))
    return {
        "title": "opportunities",
        "figures": [["opportunities_in_register", total]],
        "table": table(
            ["process", "opportunity", "risk_actions"],
            [[risk.process.code, risk.description, risk.treatment] for risk in rows],
            total,
        ),
    }


INPUTS = [
    (ReviewSection.PREVIOUS_ACTIONS, previous_actions),
    (ReviewSection.CONTEXT, context_changes),
    (ReviewSection.OBJECTIVES, objectives_met),
    (ReviewSection.PROCESSES, process_performance),
    (ReviewSection.MONITORING, monitoring_results),
    (ReviewSection.RESOURCES, resources),
    (ReviewSection.RISKS, risks),
    (ReviewSection.RISKS, risk_effectiveness),
    (ReviewSection.IMPROVEMENT, opportunities),
]


class YesNo:
    """Yes or no, as a choice (a cell {"c": "yes_no", "v": "yes"})."""

    choices = [("yes", _("yes")), ("no", _("no"))]


CHOICES = {
    "review_output": ReviewOutput,
    "review_action_status": ReviewActionStatus,
    "issue_kind": IssueKind,
    "issue_category": IssueCategory,
    "objective_status": ObjectiveStatus,
    "risk_level": RiskLevel,
    "yes_no": YesNo,
}

LABELS = {
    "previous_actions": _("Actions decided at earlier reviews"),
    "actions_in_all": _("Actions in all"),
    "actions_closed": _("Closed"),
    "actions_open": _("Still open"),
    "actions_overdue": _("Open past their deadline"),
    "no_previous_review": _("No earlier review has been approved in the portal."),
    "review": _("Review"),
    "decision": _("Decision"),
    "kind": _("Kind"),
    "responsible": _("Responsible"),
    "deadline": _("Deadline"),
    "status": _("Status"),
    "closed_on": _("Closed on"),
    "context": _("The context register"),
    "issues_active": _("Issues in the register"),
    "issues_added": _("Issues added in the period"),
    "issues_changed": _("Issues changed in the period"),
    "parties_active": _("Interested parties in the register"),
    "parties_added": _("Interested parties added in the period"),
    "parties_changed": _("Interested parties changed in the period"),
    "climate_relevant": _("Climate change is a relevant issue"),
    "climate_reasoning": _("Reasoning on climate change"),
    "issue_kind": _("Kind"),
    "issue_category": _("Category"),
    "issue": _("Issue"),
    "active": _("Active"),
    "objectives": _("Quality objectives of the period's years"),
    "objectives_in_all": _("Approved objectives"),
    "objective_on_track": _("Objectives on track"),
    "objective_at_risk": _("Objectives at risk"),
    "objective_met": _("Objectives met"),
    "objective_missed": _("Objectives missed"),
    "objective_no_data": _("Objectives without data"),
    "year": _("Year"),
    "objective": _("Objective"),
    "target": _("Target"),
    "latest_value": _("Latest value"),
    "processes": _("Process measures"),
    "processes_active": _("Processes with measures"),
    "measures_active": _("Active measures"),
    "measures_on_target": _("Measures on target"),
    "measures_off_target": _("Measures off target"),
    "measures_without_value": _("Measures without a value in the period"),
    "process": _("Process"),
    "measure": _("Measure"),
    "period_end": _("Period ending on"),
    "on_target": _("On target"),
    "monitoring": _("The system's monitoring"),
    "measure_values_recorded": _("Measured values recorded for the period"),
    "read_confirmations": _("Documents confirmed read in the period"),
    "documents_in_force": _("Documents in force"),
    "documents_review_due": _("Documents past their review date"),
    "risks": _("The risk register"),
    "risks_low": _("Low risks"),
    "risks_medium": _("Medium risks"),
    "risks_high": _("High risks"),
    "risks_critical": _("Critical risks"),
    "risk": _("Risk"),
    "rating": _("Rating"),
    "level": _("Level"),
    "risk_actions": pgettext_lazy("risk", "Actions"),
    "review_on": _("Review date"),
    "resources": _("What the portal counts"),
    "staff_accounts": _("Active staff accounts"),
    "units_active": _("Organisational units"),
    "processes_without_owner": _("Processes without an active owner"),
    "resources_commentary": _(
        "The portal keeps no record of budgets, staffing or equipment: the adequacy of resources "
        "is assessed in the commentary."
    ),
    "risk_effectiveness": _("Effectiveness of the actions on risks and opportunities"),
    "risk_actions_effective": _("Actions found effective in the period"),
    "risk_actions_not_effective": _("Actions found not effective in the period"),
    "risk_actions_not_evaluated": _("Actions planned, not evaluated yet"),
    "risk_actions_overdue": _("Actions past their due date, not evaluated"),
    "effectiveness_note": _("Why not effective"),
    "evaluated_on": _("Evaluated on"),
    "opportunities": _("Opportunities in the risk register"),
    "opportunities_in_register": _("Opportunities in the register"),
    "opportunity": _("Opportunity"),
}
