"""The filters of the audits' lists (django-filter): the audits, the corrective-action register.

The register's queryset lives here too: its page and its PDF share it.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from qms.models import Process

from .models import ActionStatus, Audit, AuditProgramme, AuditStatus, CorrectiveAction


def register_queryset():
    """Every corrective action with what a row of the register shows, by audit and finding."""
    return CorrectiveAction.objects.select_related(
        "finding__audit__programme", "finding__process", "responsible"
    ).order_by(
        "-finding__audit__programme__year",
        "-finding__audit__sequence",
        "finding__number",
        "pk",
    )


def programme_years():
    years = AuditProgramme.objects.values_list("year", flat=True)
    return [(str(year), str(year)) for year in years]


class ActionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActionStatus.choices, empty_label=_("all statuses")
    )
    process = django_filters.ModelChoiceFilter(
        label=_("Process"),
        field_name="finding__process",
        queryset=Process.objects.only("code", "name").order_by("code"),
        empty_label=_("all processes"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year of the audit"),
        field_name="finding__audit__programme__year",
        choices=programme_years,
        empty_label=_("all years"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = CorrectiveAction
        fields = ["status", "process", "year", "overdue"]

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def describe(self):
        """The filters in force, as "label: value" strings, for the printed register."""
        if not self.is_bound or not self.form.is_valid():
            return []
        described = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", False):
                continue
            field = self.form.fields[name]
            if name == "overdue":
                described.append(str(field.label))
            elif name == "status":
                described.append(f"{field.label}: {ActionStatus(value).label}")
            elif name == "process":
                described.append(f"{field.label}: {value.code} {value.name}")
            else:
                described.append(f"{field.label}: {value}")
        return described


class AuditFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="programme__year",
        choices=programme_years,
        empty_label=_("all years"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AuditStatus.choices, empty_label=_("all statuses")
    )

    class Meta:
        model = Audit
        fields = ["year", "status"]
