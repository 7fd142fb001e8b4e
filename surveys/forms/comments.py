"""Forms of the actions on residents' comments: the coordinator's action on a comment, and the
report that it was done."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from qms import roles
from qms.forms.fields import BoundedDateField, CodeChoiceField, DateInput, PersonChoiceField
from qms.models import Process, today
from qms.models.base import NOTE

from .. import services
from ..models import ActionKind, CommentAction

# The comment quoted into a new action's text, at most this long: the rest is the action's.
QUOTE_LENGTH = NOTE // 2


def who_can_be_responsible():
    """The active process owners and the coordinator's office: whoever answers for a process.
    (audits.forms.actions.who_can_act is the same rule; the survey does not import audits.)"""
    User = get_user_model()
    answering = User.objects.filter(
        is_active=True, groups__name__in=[roles.PROCESS_OWNER, roles.COORDINATOR]
    )
    return User.objects.filter(pk__in=answering.values("pk")).order_by(
        "last_name", "first_name", "username"
    )


class CommentActionForm(forms.ModelForm):
    """The action a comment leads to; the view gives the instance its response and author, and
    services.comment_action_create saves it. Its text starts as the comment quoted; the person
    responsible, left empty, is the owner of the process."""

    class Meta:
        model = CommentAction
        fields = ["kind", "process", "responsible", "action", "due_on"]
        field_classes = {"process": CodeChoiceField, "responsible": PersonChoiceField}
        widgets = {
            "kind": forms.RadioSelect,
            "action": forms.Textarea(attrs={"rows": 5}),
            "due_on": DateInput(),
        }
        help_texts = {
            "kind": _(
                "An improvement action makes good service better; a corrective action removes "
                "the cause of what went wrong."
            ),
            "process": _("The process whose owner answers for the action."),
            "responsible": _("Left empty: the owner of the process."),
            "action": _("What will be done, by when and how the result will be seen."),
            "due_on": _("From today, at most a year ahead."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        response = self.instance.response
        self.fields["kind"].choices = ActionKind.choices  # no empty choice among radio buttons
        self.fields["process"].queryset = Process.objects.active().order_by("code")
        self.fields["responsible"].queryset = who_can_be_responsible()
        self.fields["responsible"].required = False
        self.fields["responsible"].empty_label = _("the owner of the process")
        if not self.is_bound:
            quote = Truncator(" ".join(response.comment.split())).chars(QUOTE_LENGTH)
            quoted = _("The resident wrote: “%(comment)s”") % {"comment": quote}
            self.initial["action"] = f"{quoted}\n\n"

    def clean(self):
        data = super().clean()
        if data.get("due_on"):
            try:
                services.validate_comment_action_due(data["due_on"])
            except ValidationError as error:
                self.add_error(None, error)
        process = data.get("process")
        no_owner = process is not None and roles.process_owner(process) is None
        if no_owner and not data.get("responsible"):
            self.add_error(
                "responsible", _("This process has no owner: name the person responsible.")
            )
        return data


class CommentActionDoneForm(forms.Form):
    done_on = BoundedDateField(label=_("Done on"))
    outcome = forms.CharField(
        label=_("What was done"),
        max_length=NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What changed, so that the office can close the action."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = today()
