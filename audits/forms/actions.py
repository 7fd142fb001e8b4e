"""Forms of corrective actions (clause 10.2): the owner's answer, implementation, verification."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qms import roles
from qms.forms.fields import BoundedDateField, DateInput, PersonChoiceField
from qms.models import today

from .. import services
from ..models import CorrectiveAction


def who_can_act(current=None):
    """Who may be responsible for an action: the active process owners and the coordinator's
    office, who answer corrective actions, and whoever the action names now."""
    User = get_user_model()
    answering = User.objects.filter(
        is_active=True, groups__name__in=[roles.PROCESS_OWNER, roles.COORDINATOR]
    )
    return User.objects.filter(Q(pk__in=answering.values("pk")) | Q(pk=current)).order_by(
        "last_name", "first_name", "username"
    )


class CorrectiveActionForm(forms.ModelForm):
    """The answer to a nonconformity; `instance.finding` is set by the view. A new action
    proposes as responsible whoever is to answer the finding (roles.finding_answerer), or the
    `user` writing it when that is the coordinator's office."""

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
            "responsible": _(
                "A process owner or a member of the ISO representative's office; the owner of "
                "the finding's process is proposed."
            ),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["root_cause"].required = True
        self.fields["responsible"].queryset = who_can_act(self.instance.responsible_id)
        if not self.instance.responsible_id:
            proposed = roles.finding_answerer(self.instance.finding) or user
            if proposed is not None:
                self.initial["responsible"] = proposed.pk

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
