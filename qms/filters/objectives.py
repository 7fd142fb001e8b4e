"""The quality objectives (ISO 9001 6.2): their filter."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import (
    Q,
)
from django.utils.translation import gettext_lazy as _

from ..forms.fields import LongSelect, PersonChoiceField
from ..models import (
    ObjectiveStatus,
    QualityObjective,
    today,
)


class PersonFilter(django_filters.ModelChoiceFilter):
    """A member of staff, listed by full name."""

    field_class = PersonChoiceField


class ObjectiveFilter(django_filters.FilterSet):
    """The filters of a year's objectives, on the objectives the user may read of that year
    (the queryset given): the people offered are those responsible for one of them."""

    q = django_filters.CharFilter(
        label=_("Search"),
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words of the objective or of what will be done."),
        method="filter_search",
    )
    process = django_filters.CharFilter(
        label=_("Process code"),
        max_length=20,
        help_text=_("The process whose measure judges the objective, e.g. 'P-03'."),
        method="filter_process",
    )
    responsible = PersonFilter(
        label=_("Responsible"),
        queryset=get_user_model().objects.none(),  # those of the year's objectives: __init__
        empty_label=_("everyone"),
        widget=LongSelect,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=ObjectiveStatus.choices,
        empty_label=_("all statuses"),
        method="filter_status",
    )

    class Meta:
        model = QualityObjective
        # The status last: it is judged in Python on what the others leave.
        fields = ["q", "process", "responsible", "status"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        self.filters["responsible"].queryset = (
            get_user_model()
            .objects.filter(pk__in=queryset.order_by().values("responsible"))
            .only("username", "first_name", "last_name")
            .order_by("last_name", "first_name", "username")
        )

    def filter_queryset(self, queryset):
        self.errors  # noqa: B018 (validates the form: cleaned_data holds the valid values)
        # A value the form refuses (a hand-typed address) is left out; the others still apply.
        for name, value in getattr(self.form, "cleaned_data", {}).items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_search(self, queryset, name, value):
        """Every word (the first ten) in the title or the plan."""
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(plan__icontains=word))
        return queryset

    def filter_process(self, queryset, name, value):
        return queryset.filter(measure__process__code__iexact=value.strip())

    def filter_status(self, queryset, name, value):
        """The status follows the measure's values (QualityObjective.status) and is not
        stored: the objectives the other filters leave are read with their progress and
        judged one by one (a query, only when this filter is asked for)."""
        on = today()
        judged = queryset.with_progress().only(
            "year", "deadline", "target", "direction", "measure", "baseline"
        )
        return queryset.filter(
            pk__in=[objective.pk for objective in judged if objective.status(on) == value]
        )
