"""The filters of the survey's intranet lists (django-filter): the residents' comments of a
campaign, and the actions they led to.

The comments' queryset lives here too: each response with a comment, its mean score computed
in the database (so that the score bands filter there, whatever the number of responses), and
its actions.
"""

import django_filters
from django import forms
from django.db.models import Avg, OuterRef, Prefetch, Q, Subquery
from django.utils.translation import gettext_lazy as _

from qms.filters import process_filter, unit_filter

from .models import (
    ActionKind,
    Answer,
    Channel,
    CommentAction,
    CommentActionStatus,
    Response,
    Source,
)

# The mean score's bands: low (at most 2), middling (above 2, under 4), high (4 and above).
LOW, MIDDLING, HIGH = "low", "middling", "high"
BANDS = {
    LOW: {"score_mean__lte": 2},
    MIDDLING: {"score_mean__gt": 2, "score_mean__lt": 4},
    HIGH: {"score_mean__gte": 4},
}
# What the search box takes: a few words, not a page.
QUERY_LENGTH = 200


def comment_queryset(campaign):
    """The responses of `campaign` with a comment, newest first, each with its unit, its mean
    score (`score_mean`, None when every question was "not applicable") and its actions."""
    mean = (
        Answer.objects.filter(response=OuterRef("pk"), score__isnull=False)
        .order_by()
        .values("response")
        .annotate(mean=Avg("score"))
        .values("mean")
    )
    return (
        Response.objects.filter(campaign=campaign)
        .exclude(comment="")
        .select_related("unit")
        .annotate(score_mean=Subquery(mean))
        .prefetch_related(
            Prefetch("actions", queryset=CommentAction.objects.only("pk", "response", "kind"))
        )
        .order_by("-created_at", "-pk")
    )


def comment_actions_to_do(user):
    """The open actions on comments `user` is responsible for: what the intranet home may list,
    linking to the actions' list filtered by `?status=open` (which, for a process owner, holds
    their own actions only)."""
    return CommentAction.objects.filter(responsible=user, status=CommentActionStatus.OPEN)


class CommentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Words in the comment"),
        method="filter_words",
        max_length=QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    unit = unit_filter(_("Unit"))
    channel = django_filters.ChoiceFilter(
        label=_("How the matter was dealt with"),
        choices=Channel.choices,
        empty_label=_("all ways"),
    )
    source = django_filters.ChoiceFilter(
        label=_("Source"), choices=Source.choices, empty_label=_("online and paper")
    )
    band = django_filters.ChoiceFilter(
        label=_("Mean score"),
        choices=[
            (LOW, _("low (2 or less)")),
            (MIDDLING, _("middling (above 2, under 4)")),
            (HIGH, _("high (4 or more)")),
        ],
        method="filter_band",
        empty_label=_("any score"),
    )
    without_action = django_filters.BooleanFilter(
        label=_("Only comments without an action"),
        method="filter_without_action",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Response
        fields = ["q", "unit", "channel", "source", "band", "without_action"]

    def filter_words(self, queryset, name, value):
        """The comments holding `value`, whatever its case: SQLite folds only ASCII letters,
        so its lower-case and capitalised forms are looked for too ("ŁAWKI" finds "ławki")."""
        value = value.strip()
        if not value:
            return queryset
        variants = {value, value.lower(), value.capitalize()}
        found = Q()
        for variant in variants:
            found |= Q(comment__icontains=variant)
        return queryset.filter(found)

    def filter_band(self, queryset, name, value):
        return queryset.filter(**BANDS[value]) if value in BANDS else queryset

    def filter_without_action(self, queryset, name, value):
        return queryset.filter(actions=None) if value else queryset


class CommentActionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CommentActionStatus.choices, empty_label=_("all statuses")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ActionKind.choices, empty_label=_("both kinds")
    )
    process = process_filter()

    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = CommentAction
        fields = ["status", "kind", "process", "overdue"]

    def filter_overdue(self, queryset, name, value):
        """Open actions past their due date (CommentAction.objects.overdue: the dashboard's
        count)."""
        return queryset.overdue() if value else queryset
