"""A paper questionnaire typed in at the desk: one short box per question, so that a clerk enters
a sheet with the digits and Tab alone."""

from django import forms
from django.utils.translation import gettext_lazy as _

from qms.models import OrganisationalUnit
from qms.models.base import NOTE

from ..models import SCORES, Channel
from .responses import NOT_APPLICABLE, QuestionFields

# What a clerk types for a box ticked "nie dotyczy": 0 keeps the hand on the digits; the letters
# are what people type without thinking. An empty box is a question left unanswered.
NOT_APPLICABLE_KEYS = {"0", "n", "x", "-"}
_SCORE_KEYS = {str(score) for score in SCORES}


class PaperScoreField(forms.CharField):
    """1-5 as an int, "not applicable" as NOT_APPLICABLE, an empty box as None."""

    default_error_messages = {
        "invalid": _("Type a score from 1 to 5, 0 for “not applicable”, or leave it empty."),
    }

    def __init__(self, **kwargs):
        super().__init__(max_length=None, required=False, strip=True, **kwargs)

    def widget_attrs(self, widget):
        return {
            **super().widget_attrs(widget),
            "size": "2",
            "maxlength": "2",
            "inputmode": "numeric",
            "autocomplete": "off",
            "class": "form-control paper-score",
        }

    def to_python(self, value):
        value = super().to_python(value).lower()
        if not value:
            return None
        if value in NOT_APPLICABLE_KEYS:
            return NOT_APPLICABLE
        if value in _SCORE_KEYS:  # ASCII digits only: int() would take "٣" too
            return int(value)
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        # The name first, as the sheet lists it: a select's type-ahead then finds it by name.
        return f"{unit.name} ({unit.code})"


class PaperResponseForm(QuestionFields, forms.Form):
    unit = UnitChoiceField(
        label=_("Unit"),
        queryset=OrganisationalUnit.objects.none(),
        required=False,
        empty_label=_("not ticked, or another one"),
    )
    channel = forms.ChoiceField(
        label=_("How the matter was dealt with"),
        choices=Channel.choices,
        initial=Channel.IN_PERSON,
        help_text=_("In person unless the sheet says otherwise: the box stands at the desk."),
    )
    comment = forms.CharField(
        label=_("Comment"),
        help_text=_("As written on the sheet, up to %(limit)s characters.") % {"limit": NOTE},
        max_length=NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, questionnaire, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrganisationalUnit.objects.filter(is_active=True).order_by(
            "name"
        )
        # The questions' boxes come first, in the order of the sheet.
        scores = {}
        self.groups = []  # (group, [names of its questions' fields]), for the template
        number = 0
        for group in questionnaire.groups.all():
            names = []
            for question in group.questions.all():
                number += 1
                name = f"q{question.pk}"
                scores[name] = PaperScoreField(label=question.text)
                scores[name].question = question
                scores[name].number = number
                names.append(name)
            self.groups.append((group, names))
        self.fields = {**scores, **self.fields}

    @property
    def autofocus(self):
        """The field the cursor starts in: the first one in error, else the first question's."""
        names = [name for name in self.fields if name in self.errors] or list(self.fields)
        return names[0]

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.scores():
            raise forms.ValidationError(
                _("Type at least one score (or 0 for “not applicable”): the sheet is empty."),
                code="no_answer",
            )
        return cleaned
