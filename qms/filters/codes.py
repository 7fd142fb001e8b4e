"""Every list's filter by process or by unit: a select while there are few, a code typed in a
large office (SelectOrCode), where a select of 1,600 processes cost more than the page.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from ..forms.fields import CodeOrKeyChoiceField, SelectOrCode
from ..models import (
    OrganisationalUnit,
    Process,
)


class CodeChoiceFilter(django_filters.ModelChoiceFilter):
    """A record with a code, chosen from a select or typed by its code (SelectOrCode)."""

    field_class = CodeOrKeyChoiceField


def process_filter(label=None, **options):
    return CodeChoiceFilter(
        label=label or _("Process"),
        queryset=Process.objects.only("code", "name").order_by("code"),
        empty_label=_("all processes"),
        widget=SelectOrCode(
            hint=_("Type the process's code, e.g. %(example)s: there are too many to list.")
        ),
        error_messages={"invalid_choice": _("No process has the code %(value)s.")},
        **options,
    )


def unit_filter(label=None, **options):
    return CodeChoiceFilter(
        label=label or _("Organisational unit"),
        queryset=OrganisationalUnit.objects.only("code", "name").order_by("code"),
        empty_label=_("all units"),
        widget=SelectOrCode(
            hint=_("Type the unit's code, e.g. %(example)s: there are too many to list.")
        ),
        error_messages={"invalid_choice": _("No unit has the code %(value)s.")},
        **options,
    )
