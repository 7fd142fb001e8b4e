"""Forms of the process cards: processes, their risks and opportunities, measures and values."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..models import MeasureValue, OrganisationalUnit, Process, ProcessMeasure, ProcessRisk
from .fields import DateInput, PersonChoiceField, staff

LIKELIHOOD_CHOICES = [
    (1, _("1 – rare")),
    (2, _("2 – unlikely")),
    (3, _("3 – possible")),
    (4, _("4 – likely")),
    (5, _("5 – almost certain")),
]
IMPACT_CHOICES = [
    (1, _("1 – negligible")),
    (2, _("2 – minor")),
    (3, _("3 – moderate")),
    (4, _("4 – major")),
    (5, _("5 – severe")),
]


class ProcessForm(forms.ModelForm):
    class Meta:
        model = Process
        fields = [
            "code",
            "name",
            "kind",
            "owner",
            "units",
            "purpose",
            "scope",
            "inputs",
            "outputs",
            "customers",
            "resources",
            "interacts_with",
            "is_active",
        ]
        field_classes = {"owner": PersonChoiceField}
        widgets = {
            "units": forms.CheckboxSelectMultiple,
            "interacts_with": forms.CheckboxSelectMultiple,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "scope": forms.Textarea(attrs={"rows": 3}),
            "inputs": forms.Textarea(attrs={"rows": 4}),
            "outputs": forms.Textarea(attrs={"rows": 4}),
            "customers": forms.Textarea(attrs={"rows": 4}),
            "resources": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "owner": _(
                "Give this person the process owner role, so that they can keep the risks and "
                "measures of the process."
            ),
            "is_active": _("Untick to archive the process: its card stays, it leaves the map."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff(current=self.instance.owner_id)
        units = Q(is_active=True)
        if self.instance.pk:
            units |= Q(processes=self.instance)
        self.fields["units"].queryset = OrganisationalUnit.objects.filter(units).distinct()
        others = Process.objects.all()
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["interacts_with"].queryset = others


class RiskForm(forms.ModelForm):
    likelihood = forms.TypedChoiceField(
        label=capfirst(ProcessRisk._meta.get_field("likelihood").verbose_name),
        choices=LIKELIHOOD_CHOICES,
        coerce=int,
        initial=3,
        help_text=_("The rating is likelihood × impact."),
    )
    impact = forms.TypedChoiceField(
        label=capfirst(ProcessRisk._meta.get_field("impact").verbose_name),
        choices=IMPACT_CHOICES,
        coerce=int,
        initial=3,
    )

    class Meta:
        model = ProcessRisk
        fields = [
            "kind",
            "description",
            "likelihood",
            "impact",
            "treatment",
            "treatment_owner",
            "treatment_due",
            "review_on",
            "is_active",
        ]
        field_classes = {"treatment_owner": PersonChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "treatment": forms.Textarea(attrs={"rows": 3}),
            "treatment_due": DateInput(),
            "review_on": DateInput(),
        }
        help_texts = {
            "treatment": _(
                "What will be done to lessen the risk, or to take the opportunity; whether it "
                "worked is evaluated once the actions are due."
            ),
            "is_active": _("Untick to archive: the risk stays on the card as history."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["treatment_owner"].queryset = staff(current=self.instance.treatment_owner_id)


class MeasureForm(forms.ModelForm):
    class Meta:
        model = ProcessMeasure
        fields = ["name", "direction", "target", "unit", "frequency", "is_active"]
        labels = {"direction": _("Target direction")}
        help_texts = {
            "direction": _("≥: the value should reach the target; ≤: it should not exceed it."),
            "is_active": _("Untick to archive: the measure and its values stay on the card."),
        }


class MeasureValueForm(forms.ModelForm):
    """The value of a measure for one period; the view sets the measure and who recorded it."""

    class Meta:
        model = MeasureValue
        fields = ["period_end", "value", "note"]
        widgets = {"period_end": DateInput()}

    def validate_unique(self):
        super().validate_unique()
        # The measure comes from the address, not from a field, so Django's model validation
        # leaves out the rule that involves it ("one value per period"): check it here.
        try:
            self.instance.validate_constraints(exclude=set(self.errors))
        except ValidationError as error:
            self.add_error(None, error)
