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
            # The public pages' 'metryczka'
            "content_prepared_by",
            "content_responsible",
            "content_published_by",
            "content_produced_on",
            "content_published_on",
            # The accessibility statement
            "accessibility_status",
            "accessibility_site_published_on",
            "accessibility_site_updated_on",
            "accessibility_prepared_on",
            "accessibility_reviewed_on",
            "accessibility_nonconformities",
            "accessibility_exclusions",
            "accessibility_burden_analysis_url",
            "accessibility_auditor",
            "accessibility_contact",
            "accessibility_email",
            "accessibility_phone",
            "accessibility_procedure",
            "accessibility_architecture",
            "accessibility_communication",
            "accessibility_apps",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "content_produced_on": DateInput(),
            "content_published_on": DateInput(),
            "accessibility_site_published_on": DateInput(),
            "accessibility_site_updated_on": DateInput(),
            "accessibility_prepared_on": DateInput(),
            "accessibility_reviewed_on": DateInput(),
            "accessibility_nonconformities": forms.Textarea(attrs={"rows": 4}),
            "accessibility_exclusions": forms.Textarea(attrs={"rows": 3}),
            "accessibility_procedure": forms.Textarea(attrs={"rows": 3}),
            "accessibility_architecture": forms.Textarea(attrs={"rows": 6}),
            "accessibility_communication": forms.Textarea(attrs={"rows": 4}),
            "accessibility_apps": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The select always sends a value; a form sent without one keeps the declared status.
        self.fields["accessibility_status"].required = False

    def clean_accessibility_status(self):
        return self.cleaned_data["accessibility_status"] or self.instance.accessibility_status


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
