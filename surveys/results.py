"""The figures of a campaign: how satisfied residents are, overall, per group and question, by
unit, channel and source, and against the previous campaign.

Every figure comes from an aggregate query, never from a loop over responses, so the results
page and the report cost the same few queries for ten responses or ten thousand. A satisfaction
index is the share of scores of SATISFIED (4) or more among the scores given ("not applicable"
left out); the mean is the mean of those scores.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext

from .models import SATISFIED, Campaign, Channel, Question, Response, Source


@dataclass(frozen=True)
class Figures:
    """Scores given (`answers`), of them satisfied ones (`satisfied`), and their sum."""

    answers: int = 0
    satisfied: int = 0
    score_sum: float = 0

    @property
    def index(self):
        """The share of satisfied answers, 0 to 1; None without any answer."""
        return self.satisfied / self.answers if self.answers else None

    @property
    def mean(self):
        return self.score_sum / self.answers if self.answers else None

    def __add__(self, other):
        return Figures(
            self.answers + other.answers,
            self.satisfied + other.satisfied,
            self.score_sum + other.score_sum,
        )


def _figures(row):
    """Figures from a row of _scores' aggregates."""
    return Figures(
        answers=row["given"] or 0,
        satisfied=row["satisfied"] or 0,
        score_sum=float(row["score_sum"] or 0),
    )


@dataclass
class QuestionResult:
    text: str
    figures: Figures


@dataclass
class GroupResult:
    name: str
    figures: Figures
    questions: list = field(default_factory=list)
    # The same group's figures in the previous campaign (matched by name), None if it had none.
    previous: Figures | None = None

    @property
    def change(self):
        return _change(self.figures, self.previous)


@dataclass
class Row:
    """One line of a breakdown: a unit, a channel or a source, and its responses and scores."""

    label: str
    responses: int
    figures: Figures


@dataclass
class Results:
    campaign: Campaign
    responses: int
    overall: Figures
    groups: list
    by_unit: list
    by_channel: list
    by_source: list
    previous: Campaign | None = None
    previous_overall: Figures | None = None
    # Group names of one campaign the other's questionnaire does not have.
    new_groups: list = field(default_factory=list)
    dropped_groups: list = field(default_factory=list)

    @property
    def comparison(self):
        """(campaign, overall figures, responses) of this campaign and the previous one."""
        if self.previous is None:
            return []
        return [
            (self.campaign, self.overall, self.responses),
            (self.previous, self.previous_overall, self.previous.response_count),
        ]

    @property
    def change(self):
        """The overall index's change since the previous campaign (-1 to 1), or None."""
        return _change(self.overall, self.previous_overall)


def _change(figures, before):
    if before is None or figures.index is None or before.index is None:
        return None
    return figures.index - before.index


def _scores(within=None):
    """Aggregates of the answers' scores (the answers `within` only)."""
    within = within or Q()
    return {
        "given": Count("answers", filter=within & Q(answers__score__isnull=False)),
        "satisfied": Count("answers", filter=within & Q(answers__score__gte=SATISFIED)),
        "score_sum": Sum("answers__score", filter=within),
    }


def _groups(campaign):
    """The campaign's groups with their questions' figures (one query: questions without an
    answer count zero)."""
    questions = (
        Question.objects.filter(group__questionnaire_id=campaign.questionnaire_id)
        .select_related("group")
        .annotate(**_scores(Q(answers__response__campaign=campaign)))
        .order_by("group__position", "position")
    )
    groups = {}
    for question in questions:
        figures = _figures(question.__dict__)
        group = groups.get(question.group_id)
        if group is None:
            group = groups[question.group_id] = GroupResult(question.group.name, Figures())
        group.questions.append(QuestionResult(question.text, figures))
        group.figures += figures
    return list(groups.values())


def _breakdown(campaign, by):
    """Responses and scores of `campaign` grouped by the response's field `by`: {value: Row
    data} (one query)."""
    rows = (
        Response.objects.filter(campaign=campaign)
        .order_by()
        .values(by)
        .annotate(responses=Count("pk", distinct=True), **_scores())
    )
    return {row[by]: row for row in rows}


def _choices(campaign, by, choices):
    """A breakdown over every choice, those with no response too, in the choices' order."""
    found = _breakdown(campaign, by)
    empty = {"responses": 0, "given": 0, "satisfied": 0, "score_sum": 0}
    return [
        Row(str(label), found.get(value, empty)["responses"], _figures(found.get(value, empty)))
        for value, label in choices
    ]


def _units(campaign):
    """Units that residents named, by name; responses without a unit last."""
    rows = (
        Response.objects.filter(campaign=campaign)
        .order_by()
        .values("unit", "unit__code", "unit__name")
        .annotate(responses=Count("pk", distinct=True), **_scores())
    )
    named = sorted((r for r in rows if r["unit"]), key=lambda r: r["unit__name"])
    unnamed = [r for r in rows if not r["unit"]]
    return [
        Row(f"{r['unit__code']} {r['unit__name']}", r["responses"], _figures(r)) for r in named
    ] + [Row(gettext("unit not named"), r["responses"], _figures(r)) for r in unnamed]


def previous_campaign(campaign):
    """The latest campaign that opened before this one, with its headline figures, or None."""
    return (
        Campaign.objects.filter(opens_on__lt=campaign.opens_on)
        .exclude(pk=campaign.pk)
        .order_by("-opens_on", "-pk")
        .with_figures()
        .first()
    )


def _overall(campaign):
    return Figures(
        answers=campaign.answer_count,
        satisfied=campaign.satisfied_count,
        score_sum=float(campaign.score_mean or 0) * campaign.answer_count,
    )


def campaign_results(campaign):
    """Every figure of `campaign` (a Campaign from `Campaign.objects.with_figures()`), and the
    previous campaign's for comparison, in a fixed number of queries."""
    groups = _groups(campaign)
    results = Results(
        campaign=campaign,
        responses=campaign.response_count,
        overall=_overall(campaign),
        groups=groups,
        by_unit=_units(campaign),
        by_channel=_choices(campaign, "channel", Channel.choices),
        by_source=_choices(campaign, "source", Source.choices),
    )
    previous = previous_campaign(campaign)
    if previous is not None:
        results.previous = previous
        results.previous_overall = _overall(previous)
        # The questionnaires may differ between versions: groups are matched by name.
        before = {group.name: group.figures for group in _groups(previous)}
        for group in groups:
            group.previous = before.get(group.name)
        names = {group.name for group in groups}
        results.new_groups = [group.name for group in groups if group.name not in before]
        results.dropped_groups = [name for name in before if name not in names]
    return results


def campaign_with_figures(pk):
    """The campaign `pk` with its headline figures and questionnaire (one query), or
    Campaign.DoesNotExist."""
    return Campaign.objects.with_figures().select_related("questionnaire").get(pk=pk)
