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

from .models import SATISFIED, Answer, Campaign, Channel, Question, Response, Source


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


def _scores(answers="answers__"):
    """Aggregates of the scores of the answers reached through `answers` (a relation path)."""
    return {
        "given": Count(f"{answers}pk", filter=Q(**{f"{answers}score__isnull": False})),
        "satisfied": Count(f"{answers}pk", filter=Q(**{f"{answers}score__gte": SATISFIED})),
        "score_sum": Sum(f"{answers}score"),
    }


NO_ANSWER = {"given": 0, "satisfied": 0, "score_sum": 0}


def _groups(campaign):
    """The campaign's groups with their questions' figures, in two queries: the questions, and
    the scores of the campaign's answers per question (read through the answers' response, so
    that other campaigns' answers to the same questionnaire are never scanned)."""
    questions = (
        Question.objects.filter(group__questionnaire_id=campaign.questionnaire_id)
        .select_related("group")
        .order_by("group__position", "position")
    )
    scores = {
        row["question"]: row
        for row in Answer.objects.filter(response__campaign=campaign)
        .order_by()
        .values("question")
        .annotate(**_scores(answers=""))
    }
    groups = {}
    for question in questions:
        figures = _figures(scores.get(question.pk, NO_ANSWER))
        group = groups.get(question.group_id)
        if group is None:
            group = groups[question.group_id] = GroupResult(question.group.name, Figures())
        group.questions.append(QuestionResult(question.text, figures))
        group.figures += figures
    return list(groups.values())


def _cells(campaign):
    """The campaign's responses and scores per unit, channel and source together, in one
    query: a few hundred rows at most (units × channels × sources), whatever the number of
    responses, which the breakdowns below add up."""
    return list(
        Response.objects.filter(campaign=campaign)
        .order_by()
        .values("unit", "unit__code", "unit__name", "channel", "source")
        .annotate(responses=Count("pk", distinct=True), **_scores())
    )


def _add_up(cells, by):
    """{value of `by`: (responses, Figures)} from the cells."""
    totals = {}
    for cell in cells:
        responses, figures = totals.get(cell[by], (0, Figures()))
        totals[cell[by]] = (responses + cell["responses"], figures + _figures(cell))
    return totals


def _choices(cells, by, choices):
    """A breakdown over every choice, those with no response too, in the choices' order."""
    totals = _add_up(cells, by)
    return [Row(str(label), *totals.get(value, (0, Figures()))) for value, label in choices]


def _units(cells):
    """Units that residents named, by name; responses without a unit last."""
    names = {cell["unit"]: (cell["unit__name"], cell["unit__code"]) for cell in cells}
    totals = _add_up(cells, "unit")
    named = sorted((unit for unit in totals if unit), key=names.get)
    rows = [Row(f"{names[unit][1]} {names[unit][0]}", *totals[unit]) for unit in named]
    if None in totals:
        rows.append(Row(gettext("unit not named"), *totals[None]))
    return rows


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
    cells = _cells(campaign)
    results = Results(
        campaign=campaign,
        responses=campaign.response_count,
        overall=_overall(campaign),
        groups=groups,
        by_unit=_units(cells),
        by_channel=_choices(cells, "channel", Channel.choices),
        by_source=_choices(cells, "source", Source.choices),
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
