"""Forms of the versions' workflow: a new edition's draft, its approval, its return to the
author."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import default_next_review, today
from .documents import change_summary_field, clean_edition_file, file_field
from .fields import BoundedDateField


class VersionForm(forms.Form):
    """The draft of a new edition."""

    file = file_field()
    change_summary = change_summary_field()

    def clean_file(self):
        return clean_edition_file(self)


class ApproveForm(forms.Form):
    effective_on = BoundedDateField(label=_("In force from"))
    next_review_on = BoundedDateField(
        label=_("Next review due"),
        required=False,
        help_text=_("Leave empty for a year after the date in force."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["effective_on"].initial = today()

    def clean(self):
        data = super().clean()
        effective_on, next_review_on = data.get("effective_on"), data.get("next_review_on")
        if effective_on and next_review_on and next_review_on <= effective_on:
            self.add_error("next_review_on", _("The review date must be after the date in force."))
        elif (
            effective_on
            and not next_review_on
            and default_next_review(effective_on) <= effective_on
        ):
            # At the end of the dates a record may carry, no review date is left after it.
            self.add_error(
                "effective_on", _("Choose an earlier date: no review date would be left after it.")
            )
        return data


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What the author should change"), widget=forms.Textarea(attrs={"rows": 4})
    )
