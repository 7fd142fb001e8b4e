"""The form of an audit's finding."""

from django import forms
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from qms.forms.fields import CodeChoiceField
from qms.models import Process

from ..models import Finding, FindingKind
from .checklists import ClauseChoiceField


class FindingForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=capfirst(Finding._meta.get_field("kind").verbose_name),
        choices=FindingKind.choices,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Finding
        fields = ["kind", "clause", "process", "requirement", "description", "evidence"]
        field_classes = {"clause": ClauseChoiceField, "process": CodeChoiceField}
        widgets = {
            "requirement": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "requirement": _(
                "The requirement the finding is measured against: the clause, a procedure, a law."
            ),
            "evidence": _("What the auditor saw, read or heard: documents, records, interviews."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Active processes, and whichever the finding names now, so that editing keeps it.
        current = self.instance.process_id
        self.fields["process"].queryset = Process.objects.filter(
            Q(is_active=True) | Q(pk=current)
        ).order_by("code")
