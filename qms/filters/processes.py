"""The list of process cards' filter."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ..models import (
    Process,
    ProcessKind,
)
from .codes import unit_filter


class ProcessFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ProcessKind.choices, empty_label=_("all kinds")
    )
    unit = unit_filter(field_name="units")

    class Meta:
        model = Process
        fields = ["kind", "unit"]
