"""Forms of the register of risks and opportunities: the evaluation of a risk's actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import NOTE, ProcessRisk, RiskEffectiveness


class RiskEvaluationForm(forms.Form):
    """Whether the actions planned against a risk worked; qms.services.risk_evaluate records
    it with who and when."""

    effectiveness = forms.ChoiceField(
        label=_("The actions were"),
        choices=[
            (RiskEffectiveness.EFFECTIVE, RiskEffectiveness.EFFECTIVE.label),
            (RiskEffectiveness.NOT_EFFECTIVE, RiskEffectiveness.NOT_EFFECTIVE.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=ProcessRisk._meta.get_field("effectiveness_note").verbose_name,
        max_length=NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What shows it, e.g. no missed deadline since the change; required when the actions "
            "were not effective: why, and what comes next."
        ),
    )

    def __init__(self, *args, risk, **kwargs):
        super().__init__(*args, **kwargs)
        self.risk = risk
        if risk.is_evaluated and not self.is_bound:
            self.initial = {"effectiveness": risk.effectiveness, "note": risk.effectiveness_note}

    def clean(self):
        data = super().clean()
        if (
            data.get("effectiveness") == RiskEffectiveness.NOT_EFFECTIVE
            and not data.get("note", "").strip()
        ):
            self.add_error(
                "note", _("Say why the actions were not effective, and what comes next.")
            )
        return data
