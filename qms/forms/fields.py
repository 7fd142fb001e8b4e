"""Form fields and widgets that the forms of every app share."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from qms.models import EARLIEST_DATE, LATEST_DATE


class DateInput(forms.DateInput):
    """The browser's native date picker, offering only the dates a record may carry; the value
    travels as ISO 8601."""

    input_type = "date"

    def __init__(self, attrs=None):
        bounds = {"min": EARLIEST_DATE.isoformat(), "max": LATEST_DATE.isoformat()}
        super().__init__(attrs={**bounds, **(attrs or {})}, format="%Y-%m-%d")


class BoundedDateField(forms.DateField):
    """A date in a form that is not a model's: held to the same years as the records' dates."""

    widget = DateInput

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.extend(
            [
                MinValueValidator(
                    EARLIEST_DATE, message=_("Enter a date from %(limit_value)s on.")
                ),
                MaxValueValidator(
                    LATEST_DATE, message=_("Enter a date no later than %(limit_value)s.")
                ),
            ]
        )


def https_by_default(db_field, **kwargs):
    """Form fields for a model, with a web address typed without a scheme taken as https://."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


def person_label(user):
    return user.get_full_name() or user.get_username()


class PersonChoiceField(forms.ModelChoiceField):
    """A member of staff, listed by full name."""

    def label_from_instance(self, obj):
        return person_label(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    """Members of staff, listed by full name."""

    def label_from_instance(self, obj):
        return person_label(obj)


class CodeChoiceField(forms.ModelChoiceField):
    """A record with a code (a process, a unit), listed as "P-04 Name"."""

    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"


class CodesChoiceField(forms.ModelMultipleChoiceField):
    """Records with a code (processes, units), listed as "P-04 Name"."""

    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"


def staff(current=None):
    """Active staff by name, and whoever the record names now, so that editing keeps them."""
    return (
        get_user_model()
        .objects.filter(Q(is_active=True) | Q(pk=current))
        .order_by("last_name", "first_name", "username")
    )


class LongSelect(forms.Select):
    """A select for a long list (a large city's 1,600 process cards or 1,300 units in a filter):
    the same HTML as Django's Select, its options written here instead of through one template
    each, which took 0.1 ms an option (300 ms for the register's filters at 100 times the demo)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [format_html('<select name="{}"{}>', widget["name"], html_attrs(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(format_html('\n  <optgroup label="{}">', group_name))
            html.extend(
                format_html(
                    '\n  <option value="{}"{}>{}</option>',
                    str(option["value"]),
                    html_attrs(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # each part escaped by format_html


def html_attrs(attrs):
    """Attributes as django/forms/widgets/attrs.html writes them: True alone, False left out."""
    return mark_safe(  # each part escaped by format_html
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )
