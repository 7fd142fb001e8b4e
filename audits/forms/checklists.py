"""Forms of an audit's checklist: answers, the audit's own questions, starter questions."""

import re

from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from ..models import Answer, ChecklistItem, Clause


class ClauseChoiceField(forms.ModelChoiceField):
    """A clause of ISO 9001, listed with its title: "7.5.3 Nadzór nad udokumentowanymi …"."""

    def label_from_instance(self, obj):
        return f"{obj.number} {obj.title}"


class AnswerForm(forms.Form):
    """The answer to one checklist question; `revision` is the one the auditor saw."""

    answer = forms.ChoiceField(label=_("Answer"), choices=Answer.choices, widget=forms.RadioSelect)
    evidence = forms.CharField(
        label=_("Evidence and notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    @classmethod
    def for_item(cls, item, data=None):
        """The form of one question; the prefix keeps the ids of 60 forms on a page unique."""
        return cls(
            data,
            prefix=f"q{item.pk}",
            initial={"answer": item.answer, "evidence": item.evidence, "revision": item.revision},
        )


def clause_numbers(text):
    """The clause numbers an audit's criteria name: "7.5, 8.5.1; PR-03" -> {"7.5", "8.5.1"}."""
    return set(re.findall(r"(?<![\w.-])(?:10|[4-9])(?:\.\d{1,2}){0,2}(?![\w-])", text))


class CopyTemplatesForm(forms.Form):
    """Which clauses' starter questions to copy into the audit."""

    clauses = forms.ModelMultipleChoiceField(
        label=_("Clauses"),
        queryset=Clause.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choose at least one clause.")},
    )

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        # The clauses that have starter questions, each with how many (`starters`).
        self.fields["clauses"].queryset = (
            Clause.objects.annotate(
                starters=Count("questions", filter=Q(questions__is_active=True))
            )
            .filter(starters__gt=0)
            .order_by("sort_key")
        )
        # The clauses the audit's criteria name (or clauses under them) come ticked.
        named = clause_numbers(audit.criteria)
        if named:
            self.fields["clauses"].initial = [
                clause.pk
                for clause in self.fields["clauses"].queryset
                if any(clause.number == n or clause.number.startswith(f"{n}.") for n in named)
            ]


class ChecklistQuestionForm(forms.ModelForm):
    """The audit's own question, with the clause it checks when there is one."""

    class Meta:
        model = ChecklistItem
        fields = ["clause", "question"]
        field_classes = {"clause": ClauseChoiceField}
        widgets = {"question": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"clause": _("Leave empty for a question that checks no single clause.")}
