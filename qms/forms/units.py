"""The form of an organisational unit."""

from django import forms

from ..models import OrganisationalUnit
from .fields import PersonChoiceField, staff


class UnitForm(forms.ModelForm):
    class Meta:
        model = OrganisationalUnit
        fields = ["code", "name", "kind", "head", "is_active"]
        field_classes = {"head": PersonChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = staff(current=self.instance.head_id)
