"""Forms of corrective actions (clause 10.2): the owner's answer, implementation, verification."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qms.forms.fields import BoundedDateField, DateInput, PersonChoiceField, staff
from qms.models import today

from .. import services
from ..models import CorrectiveAction


class CorrectiveActionForm(forms.ModelForm):
    """The answer to a nonconformity; `instance.finding` is set by the view."""

    class Meta:
        model = CorrectiveAction
        fields = ["correction", "root_cause", "action", "responsible", "due_on"]
        field_classes = {"responsible": PersonChoiceField}
        widgets = {
            "correction": forms.Textarea(attrs={"rows": 3}),
            "root_cause": forms.Textarea(attrs={"rows": 4}),
            "action": forms.Textarea(attrs={"rows": 4}),
            "due_on": DateInput(),
        }
        help_texts = {
            "correction": _("What was done at once to put the nonconformity right, if anything."),
            "root_cause": _("Why the nonconformity happened: the cause the action removes."),
            "action": _("What will be done so that the nonconformity does not happen again."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["root_cause"].required = True
        self.fields["responsible"].queryset = staff(self.instance.responsible_id)

    def clean(self):
        data = super().clean()
        if data.get("due_on"):
            try:
                services.validate_due_date(
                    CorrectiveAction(finding=self.instance.finding, due_on=data["due_on"])
                )
            except ValidationError as error:
                self.add_error(None, error)
        return data


class ImplementedForm(forms.Form):
    implemented_on = BoundedDateField(label=_("Implemented on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["implemented_on"].initial = today()


class VerifyForm(forms.Form):
    verified_on = BoundedDateField(label=_("Verified on"))
    effective = forms.TypedChoiceField(
        label=_("Was the action effective?"),
        choices=[("yes", _("Yes, effective")), ("no", _("No, not effective"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_("An action that was not effective goes back to the process owner."),
    )
    comment = forms.CharField(
        label=_("What the verification found"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verified_on"].initial = today()
