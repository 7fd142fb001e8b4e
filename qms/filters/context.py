"""The context register (ISO 9001 4.1, 4.2): its filter."""

import django_filters
from django import forms
from django.db.models import (
    Q,
)
from django.utils.translation import gettext_lazy as _

from ..models import (
    ContextIssue,
    InterestedParty,
    IssueKind,
)


class TickedOnly(forms.CheckboxInput):
    """A checkbox ticked by the value a ticked box sends ("on") and by nothing else: a stray
    `?review_due=x` in a hand-typed address is no filter."""

    def value_from_datadict(self, data, files, name):
        return data.get(name) == "on"


class ContextSection:
    """The `kind` filter's choices: the register's three tables."""

    PARTIES = "parties"
    CHOICES = [
        (IssueKind.INTERNAL, _("internal issues")),
        (IssueKind.EXTERNAL, _("external issues")),
        (PARTIES, _("interested parties")),
    ]


class ContextArchive:
    INCLUDED = "included"
    ONLY = "only"
    CHOICES = [(INCLUDED, _("in the register and archived")), (ONLY, _("archived only"))]


class ContextFilter(django_filters.FilterSet):
    """The register's filters, for its issues (`qs`) and its interested parties (`parties`):
    each filter means the same for both, and one an interested party can't meet (a process, the
    issues' kinds) leaves out every party. Archived entries are left out unless asked for."""

    q = django_filters.CharFilter(
        label=_("Search"),
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words of an issue, of a party's name or of its requirements."),
        method="filter_search",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Part of the register"),
        choices=ContextSection.CHOICES,
        empty_label=_("the whole register"),
        method="filter_kind",
    )
    # A code typed, not picked: a large city's 1,600 process cards make a select of 135 kB that
    # took 150 ms to write, and no one scrolls through it.
    process = django_filters.CharFilter(
        label=_("Process code"),
        max_length=20,
        help_text=_("e.g. 'P-03'"),
        method="filter_process",
    )
    archived = django_filters.ChoiceFilter(
        label=_("Archived entries"),
        choices=ContextArchive.CHOICES,
        empty_label=_("in the register only"),
        method="filter_archived",
    )
    review_due = django_filters.BooleanFilter(
        label=_("Due for review only"),
        widget=TickedOnly,
        method="filter_review_due",
    )

    # The words searched in each kind of entry.
    SEARCHED = {
        ContextIssue: ("description", "response"),
        InterestedParty: ("name", "requirements", "monitoring"),
    }

    class Meta:
        model = ContextIssue
        fields = ["q", "kind", "process", "archived", "review_due"]

    def filter_queryset(self, queryset):
        data = self._valid()
        if not data.get("archived"):
            queryset = queryset.active()
        for name, value in data.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def parties(self, queryset):
        """The interested parties the filters select, from `queryset`."""
        return self.filter_queryset(queryset)

    @property
    def due_only(self):
        return bool(self._valid().get("review_due"))

    def _valid(self):
        """The filters' valid values: one the form refuses (a hand-typed address) is left out,
        the others still apply."""
        self.errors  # noqa: B018 (validates the form: cleaned_data holds the valid values)
        return getattr(self.form, "cleaned_data", {})

    def filter_search(self, queryset, name, value):
        """Every word (the first ten) in one of the entry's texts."""
        fields = self.SEARCHED[queryset.model]
        for word in value.split()[:10]:
            found = Q()
            for field in fields:
                found |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(found)
        return queryset

    def filter_kind(self, queryset, name, value):
        if queryset.model is InterestedParty:
            return queryset if value == ContextSection.PARTIES else queryset.none()
        return queryset.none() if value == ContextSection.PARTIES else queryset.filter(kind=value)

    def filter_process(self, queryset, name, value):
        if queryset.model is InterestedParty:  # a party concerns the whole office
            return queryset.none()
        return queryset.filter(process__code__iexact=value.strip())

    def filter_archived(self, queryset, name, value):
        if value == ContextArchive.ONLY:
            return queryset.archived()
        return queryset

    def filter_review_due(self, queryset, name, value):
        return queryset.review_due() if value else queryset
