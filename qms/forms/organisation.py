"""Forms of the organisation's records: the office, the ISO representative, the quality policy."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Organisation, QualityPolicy, Representative
from .fields import DateInput, https_by_default


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        formfield_callback = https_by_default
        fields = [
            "name",
            "address",
            "email",
            "phone",
            "website",
            "content_prepared_by",
            "content_published_by",
            "content_published_on",
            "accessibility_contact",
            "accessibility_reviewed_on",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "content_published_on": DateInput(),
            "accessibility_reviewed_on": DateInput(),
        }


class RepresentativeAppointForm(forms.ModelForm):
    """A new appointment: the current representative's term ends the day before."""

    class Meta:
        model = Representative
        fields = ["full_name", "title", "email", "phone", "appointed_on", "appointed_by"]
        widgets = {"appointed_on": DateInput()}


class RepresentativeForm(forms.ModelForm):
    class Meta:
        model = Representative
        fields = [
            "full_name",
            "title",
            "email",
            "phone",
            "appointed_on",
            "appointed_by",
            "is_current",
            "ended_on",
        ]
        widgets = {"appointed_on": DateInput(), "ended_on": DateInput()}
        help_texts = {
            "is_current": _(
                "Only one representative can be current. To hand over, use 'Appoint a new "
                "representative'."
            ),
        }


class QualityPolicyForm(forms.ModelForm):
    class Meta:
        model = QualityPolicy
        fields = ["version", "text", "approved_on", "approved_by"]
        widgets = {"text": forms.Textarea(attrs={"rows": 14}), "approved_on": DateInput()}
