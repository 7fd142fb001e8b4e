"""Forms of the quality objectives: an objective (the coordinator's draft) and its evaluation."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import Achievement, ProcessMeasure, QualityObjective
from .fields import DateInput, PersonChoiceField, staff


class MeasureChoiceField(forms.ModelChoiceField):
    """A process measure, listed with its process: "P-04 Satisfaction index (≥ 80 %)"."""

    def label_from_instance(self, obj):
        target = f"{obj.get_direction_display()} {obj.target} {obj.unit}".strip()
        return f"{obj.process.code} {obj.name} ({target})"


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = QualityObjective
        fields = [
            "year",
            "title",
            "plan",
            "measure",
            "direction",
            "target",
            "unit",
            "baseline",
            "responsible",
            "resources",
            "deadline",
            "evaluation_method",
        ]
        field_classes = {"responsible": PersonChoiceField, "measure": MeasureChoiceField}
        labels = {"direction": _("Target direction")}
        help_texts = {
            "direction": _("≥: the value should reach the target; ≤: it should not exceed it."),
            "deadline": _("Within the objective's year, or in the first quarter after it."),
        }
        widgets = {
            "plan": forms.Textarea(attrs={"rows": 4}),
            "resources": forms.Textarea(attrs={"rows": 3}),
            "evaluation_method": forms.Textarea(attrs={"rows": 3}),
            "deadline": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = staff(self.instance.responsible_id)
        # Active measures, and the one the objective names now, so that editing keeps it.
        self.fields["measure"].queryset = (
            ProcessMeasure.objects.filter(
                Q(is_active=True, process__is_active=True) | Q(pk=self.instance.measure_id)
            )
            .select_related("process")
            .order_by("process__code", "name")
        )


class ObjectiveEvaluationForm(forms.ModelForm):
    """The year-end evaluation; the view records who wrote it."""

    class Meta:
        model = QualityObjective
        fields = ["achieved", "evaluation", "evaluated_on"]
        widgets = {"evaluation": forms.Textarea(attrs={"rows": 5}), "evaluated_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].required = True
        self.fields["achieved"].choices = [("", "---------"), *Achievement.choices]
