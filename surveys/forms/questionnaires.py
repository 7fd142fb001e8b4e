"""The coordinator's forms of a questionnaire: its title and introduction, a group, a question.

A frozen questionnaire (one with responses) is refused by the models' clean(), which every form
here runs: its parts are changed in a new version."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from ..models import Question, QuestionGroup, Questionnaire


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["title", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "introduction": _("Shown to residents above the questions."),
        }

    def clean_title(self):
        # The database holds (title, version) unique; said here as a field's error.
        title = self.cleaned_data["title"]
        taken = Questionnaire.objects.filter(title=title, version=self.instance.version)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Version %(version)s of a questionnaire with this title already exists."),
                params={"version": self.instance.version},
                code="unique",
            )
        return title


# Far more than a questionnaire holds; a bound so that no typed number overflows the column.
MAX_POSITION = 999


def _next_position(siblings):
    return (siblings.aggregate(top=Max("position"))["top"] or 0) + 1


class _PositionedForm(forms.ModelForm):
    """A group or question with a position among its siblings: a new one comes last unless
    told, and a position already taken is refused by name."""

    def siblings(self):
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        position = self.fields["position"]
        # The model's bounds (0 to 32767) give way to these.
        position.validators = [
            *[
                v
                for v in position.validators
                if not isinstance(v, MinValueValidator | MaxValueValidator)
            ],
            MinValueValidator(1),
            MaxValueValidator(MAX_POSITION),
        ]
        position.widget.attrs.update(min=1, max=MAX_POSITION)
        if self.instance._state.adding and not self.is_bound:
            self.initial["position"] = _next_position(self.siblings())

    def clean_position(self):
        position = self.cleaned_data["position"]
        taken = self.siblings().filter(position=position).exclude(pk=self.instance.pk).first()
        if taken is not None:
            raise forms.ValidationError(
                _("Position %(position)s is taken by “%(other)s”."),
                params={"position": position, "other": taken},
                code="unique",
            )
        return position


class QuestionGroupForm(_PositionedForm):
    class Meta:
        model = QuestionGroup
        fields = ["name", "position"]
        help_texts = {"position": _("The order of the groups in the questionnaire: 1 comes first.")}

    def __init__(self, *args, questionnaire, **kwargs):
        self.questionnaire = questionnaire
        super().__init__(*args, **kwargs)
        self.instance.questionnaire = questionnaire

    def siblings(self):
        return QuestionGroup.objects.filter(questionnaire=self.questionnaire)


class QuestionForm(_PositionedForm):
    class Meta:
        model = Question
        fields = ["text", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "text": _(
                "Residents rate it from 1 (very bad) to 5 (very good), or as not applicable."
            ),
            "position": _("The order of the questions in their group: 1 comes first."),
        }

    def __init__(self, *args, group, **kwargs):
        self.group = group
        super().__init__(*args, **kwargs)
        self.instance.group = group

    def siblings(self):
        return Question.objects.filter(group=self.group)
