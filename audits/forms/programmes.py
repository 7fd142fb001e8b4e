"""Forms of the audit programme: a year's programme, and the cycle its coverage grid shows."""

from django import forms
from django.utils.translation import gettext_lazy as _

from qms.forms.fields import DateInput
from qms.models import today

from ..models import AuditProgramme


class AuditProgrammeForm(forms.ModelForm):
    """A year's programme; the year is fixed once the programme exists (its audits' numbers
    carry it)."""

    class Meta:
        model = AuditProgramme
        fields = ["year", "objectives", "approved_on", "approved_by"]
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 4}),
            "approved_on": DateInput(),
        }
        help_texts = {
            "approved_by": _("e.g. 'Prezydent Miasta'"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["year"]
        else:
            self.fields["year"].initial = today().year


class CoverageForm(forms.Form):
    until = forms.IntegerField(
        label=_("Cycle ending in"), min_value=2002, max_value=2100, required=False
    )
