"""Forms of the context of the organisation: its issues, interested parties, the climate
statement with the scope, and the requirements the scope leaves out."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import ContextIssue, InterestedParty, Organisation, Process, ScopeExclusion
from .fields import CodeChoiceField


class ContextIssueForm(forms.ModelForm):
    class Meta:
        model = ContextIssue
        fields = ["kind", "category", "description", "response", "process", "is_active"]
        field_classes = {"process": CodeChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "response": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An archived process is offered only if the issue names it already.
        processes = Q(is_active=True)
        if self.instance.process_id:
            processes |= Q(pk=self.instance.process_id)
        self.fields["process"].queryset = Process.objects.filter(processes)
        if self.instance._state.adding:
            del self.fields["is_active"]


class InterestedPartyForm(forms.ModelForm):
    class Meta:
        model = InterestedParty
        fields = ["name", "requirements", "monitoring", "is_active"]
        widgets = {
            "requirements": forms.Textarea(attrs={"rows": 4}),
            "monitoring": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            del self.fields["is_active"]


class ScopeForm(forms.ModelForm):
    """The scope statement and the climate statement (the organisation's single row)."""

    climate_change_relevant = forms.TypedChoiceField(
        label=_("Is climate change a relevant issue for the office?"),
        choices=[("", _("not stated yet")), ("yes", _("yes")), ("no", _("no"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Organisation
        fields = ["qms_scope", "climate_change_relevant", "climate_change_reasoning"]
        widgets = {
            "qms_scope": forms.Textarea(attrs={"rows": 6}),
            "climate_change_reasoning": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stated = self.instance.climate_change_relevant
        self.initial["climate_change_relevant"] = {True: "yes", False: "no"}.get(stated, "")
        if stated is not None:
            # Once stated, the statement is changed, not withdrawn.
            field = self.fields["climate_change_relevant"]
            field.required = True
            field.choices = field.choices[1:]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("climate_change_relevant") is not None
            and not cleaned.get("climate_change_reasoning", "").strip()
        ):
            self.add_error(
                "climate_change_reasoning", _("Give the reasoning behind the climate statement.")
            )
        return cleaned


class ScopeExclusionForm(forms.ModelForm):
    class Meta:
        model = ScopeExclusion
        fields = ["clause", "title", "justification", "is_active"]
        widgets = {"justification": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            del self.fields["is_active"]

    def clean_clause(self):
        return self.cleaned_data["clause"].strip()
