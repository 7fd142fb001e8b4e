"""Form fields and widgets that the forms of every app share."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
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
