"""Forms of the management review: the meeting, the commentary on one input, an output and
the closure of an output."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import NOTE, ManagementReview, ReviewAction, ReviewInput
from ..roles import MANAGEMENT
from .fields import DateInput, PersonChoiceField, staff


def top_management(current=None):
    """Active members of top management, and the chair the review names now."""
    return (
        get_user_model()
        .objects.filter(Q(is_active=True, groups__name=MANAGEMENT) | Q(pk=current))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class ReviewForm(forms.ModelForm):
    class Meta:
        model = ManagementReview
        fields = ["held_on", "period_start", "period_end", "chair", "participants", "conclusions"]
        field_classes = {"chair": PersonChoiceField}
        widgets = {
            "held_on": DateInput(),
            "period_start": DateInput(),
            "period_end": DateInput(),
            "participants": forms.Textarea(attrs={"rows": 5}),
            "conclusions": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "period_start": _("By default, the day after the previous review, or 1 January."),
            "conclusions": _(
                "The conclusion on the suitability, adequacy and effectiveness of the quality "
                "management system; required before the chair approves the minutes."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = top_management(self.instance.chair_id)


class ReviewInputForm(forms.ModelForm):
    class Meta:
        model = ReviewInput
        fields = ["commentary"]
        widgets = {"commentary": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "commentary": _(
                "What the figures mean, what they leave out (complaints, resources kept outside "
                "the portal), and the conclusions drawn at the meeting."
            )
        }


class ReviewActionForm(forms.ModelForm):
    class Meta:
        model = ReviewAction
        fields = ["kind", "description", "owner", "due_on"]
        field_classes = {"owner": PersonChoiceField}
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "due_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff(self.instance.owner_id)


class ReviewActionCloseForm(forms.Form):
    closing_note = forms.CharField(
        label=_("What was done"),
        max_length=NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How the decision was carried out, and where the evidence is."),
    )
