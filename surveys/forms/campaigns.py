"""The coordinator's campaign form: its name, short address, period and questionnaire."""

from django import forms
from django.utils.translation import gettext_lazy as _

from qms.forms.fields import DateInput

from ..models import Campaign, Questionnaire


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "code", "opens_on", "closes_on", "questionnaire"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}
        help_texts = {
            "code": _(
                "The end of the survey's address, e.g. '2026' for /ankieta/2026/: small letters, "
                "digits and hyphens. It is printed on posters and paper forms: once they are out, "
                "keep it."
            ),
            "questionnaire": _(
                "Once the campaign has responses it keeps this version; a new version of the "
                "questionnaire goes into a new campaign."
            ),
        }
        error_messages = {
            "code": {
                "unique": _("Another campaign already has this short address. Choose another."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = Questionnaire.objects.order_by("title", "-version")

    def clean_code(self):
        # Addresses are typed from posters: one spelling of each, in small letters.
        return self.cleaned_data["code"].lower()
