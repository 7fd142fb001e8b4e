"""Form fields and widgets that the forms of every app share."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
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


# The most records a filter's select lists (SelectOrCode); past that, their code is typed.
LONGEST_SELECT = 100


class SelectOrCode(LongSelect):
    """The choice of a record with a code (a process, a unit) in a filter: a select while there
    are at most `longest` of them, as in the demo's office; past that a text box for the code,
    with `hint` (which may name an `%(example)s` code) under it. A select of a large city's
    1,600 processes helps nobody, and its options grew the register's page by 300 KB.

    Either way the records are read once, at most `longest` + 1 of them. Works with
    CodeOrKeyChoiceField, which takes the record's key (a select's value, a link's ?unit=12) or
    its code as typed, and tells it which record was chosen, to show its code in the box."""

    def __init__(self, attrs=None, *, hint, longest=LONGEST_SELECT):
        super().__init__(attrs)
        self.hint, self.longest, self.chosen = hint, longest, None

    def render(self, name, value, attrs=None, renderer=None):
        field = self.choices.field
        first = list(self.choices.queryset[: self.longest + 1])
        # The record chosen, by its key or its code: the select marks it, the box shows its code.
        chosen, typed = self.chosen, str(value).strip().lower()
        if chosen is None or typed not in (str(chosen.pk), chosen.code.lower()):
            chosen = None
        if len(first) <= self.longest:
            empty = [("", field.empty_label)] if field.empty_label is not None else []
            # The records read above, listed for this rendering only: the widget keeps its
            # iterator, so the same form renders again (a page that shows it twice) as before.
            iterator = self.choices
            self.choices = empty + [iterator.choice(record) for record in first]
            try:
                return super().render(name, chosen.pk if chosen else value, attrs, renderer)
            finally:
                self.choices = iterator
        attrs = self.build_attrs(self.attrs, attrs)
        attrs["class"] = attrs.get("class", "").replace("form-select", "form-control")
        hint_id = f"{attrs.get('id', name)}_code_hint"
        attrs["aria-describedby"] = " ".join(filter(None, [attrs.get("aria-describedby"), hint_id]))
        if chosen is not None:
            value = chosen.code
        return format_html(
            '<input type="text" name="{}" value="{}" spellcheck="false"{}>'
            '<div id="{}" class="form-text">{}</div>',
            name,
            value or "",
            html_attrs(attrs),
            hint_id,
            self.hint % {"example": first[0].code},
        )


class CodeOrKeyChoiceField(django_filters.fields.ModelChoiceField):
    """A record chosen by its key or by its code, typed in any case ('bom', 'P-04'): the field
    of SelectOrCode, which shows the code of the record chosen."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        value = str(value).strip()
        lookup = Q(code__iexact=value)
        if value.isdigit():  # a key (a select's value, a link), or a code of digits alone
            lookup |= Q(pk=value)
        found = list(self.queryset.filter(lookup)[:2])
        record = next((r for r in found if str(r.pk) == value), found[0] if found else None)
        if record is None:
            message = self.error_messages["invalid_choice"]
            raise ValidationError(message, code="invalid_choice", params={"value": value})
        self.widget.chosen = record
        return record


def html_attrs(attrs):
    """Attributes as django/forms/widgets/attrs.html writes them: True alone, False left out."""
    return mark_safe(  # each part escaped by format_html
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )
