"""The register of risks and opportunities (ISO 9001 6.1): its filter."""

import django_filters
from django import forms
from django.db.models import (
    Q,
)
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..models import (
    ProcessRisk,
    RiskEffectiveness,
    RiskKind,
    RiskLevel,
)
from .codes import process_filter


class RiskArchive:
    INCLUDED = "included"
    ONLY = "only"
    CHOICES = [(INCLUDED, _("active and archived")), (ONLY, _("archived only"))]


SCALE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class RiskFilter(django_filters.FilterSet):
    """The register's filters, on `ProcessRisk.objects.with_rating()` (the level is filtered on
    as the database computes it); the page and its PDF read the same query string. Archived
    risks are left out unless asked for. `likelihood` and `impact` pick one cell of the heat
    map, which itself counts what the other filters select (`heat_map_queryset`)."""

    q = django_filters.CharFilter(
        label=_("Search"),
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words of the description or of the actions."),
        method="filter_search",
    )
    process = process_filter()
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=RiskKind.choices, empty_label=_("risks and opportunities")
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=RiskLevel.choices, empty_label=_("all levels")
    )
    effectiveness = django_filters.ChoiceFilter(
        label=_("Effectiveness of the actions"),
        choices=RiskEffectiveness.choices,
        empty_label=_("evaluated or not"),
    )
    likelihood = django_filters.ChoiceFilter(
        label=_("Likelihood"), choices=SCALE_CHOICES, empty_label=_("any")
    )
    impact = django_filters.ChoiceFilter(
        label=_("Impact"), choices=SCALE_CHOICES, empty_label=_("any")
    )
    archived = django_filters.ChoiceFilter(
        label=_("Archived risks"),
        choices=RiskArchive.CHOICES,
        method="filter_archived",
        empty_label=_("active only"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Actions overdue only"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    # The two filters that pick a cell of the heat map.
    CELL = ("likelihood", "impact")

    class Meta:
        model = ProcessRisk
        fields = [
            "q",
            "process",
            "kind",
            "level",
            "effectiveness",
            "likelihood",
            "impact",
            "archived",
            "overdue",
        ]

    def filter_queryset(self, queryset, *, cell=True):
        data = self._valid()
        # Archived risks are behind a filter: without it, only the active ones.
        if not data.get("archived"):
            queryset = queryset.active()
        for name, value in data.items():
            if name in self.CELL and not cell:
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    @cached_property
    def heat_map_queryset(self):
        """What every filter but the cell's selects: the heat map shows it whole, with the
        cell chosen marked in it."""
        if not self.is_bound:
            return self.queryset.active()
        return self.filter_queryset(self.queryset.all(), cell=False)

    def _valid(self):
        """The filters' valid values: one the form refuses (a hand-typed address) is left out,
        the others still apply."""
        self.errors  # noqa: B018 (validates the form: cleaned_data holds the valid values)
        return getattr(self.form, "cleaned_data", {})

    @property
    def cell(self):
        """The (likelihood, impact) of the cell the filters pick, or None."""
        data = self._valid()
        if data.get("likelihood") and data.get("impact"):
            return int(data["likelihood"]), int(data["impact"])
        return None

    def filter_search(self, queryset, name, value):
        """Every word (the first ten) in the description or the actions."""
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(description__icontains=word) | Q(treatment__icontains=word)
            )
        return queryset

    def filter_archived(self, queryset, name, value):
        if value == RiskArchive.ONLY:
            return queryset.archived()
        return queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def describe(self):
        """The filters in force, as "label: value" strings, for the printed register."""
        if not self.is_bound:
            return []
        described = []
        for name, value in self._valid().items():
            if value in (None, "", False):
                continue
            field = self.form.fields[name]
            if name == "overdue":
                described.append(str(field.label))
            elif name == "process":
                described.append(f"{field.label}: {value.code} {value.name}")
            elif name in ("kind", "level", "effectiveness", "archived"):
                described.append(f"{field.label}: {dict(field.choices)[value]}")
            else:
                described.append(f"{field.label}: {value}")
        return described
