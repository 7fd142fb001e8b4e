"""The coordinator's conclusions from a campaign's results."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Campaign


class ConclusionsForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["conclusions"]
        widgets = {"conclusions": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "conclusions": _(
                "What the results show and what the office will do about them: the last "
                "section of the report, published with it."
            )
        }
