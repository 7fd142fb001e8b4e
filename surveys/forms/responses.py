"""The residents' form: one radio group per question, the unit and channel of their matter, a
comment; and what keeps scripts out without a third-party captcha (a field people leave empty,
a minimum time to fill the form in, surveys.services.DAILY_LIMIT)."""

import time
import uuid

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from qms.models import OrganisationalUnit
from qms.models.base import NOTE

from ..models import Channel

NOT_APPLICABLE = "na"
SCALE = [
    ("1", _("1 – very bad")),
    ("2", _("2 – bad")),
    ("3", _("3 – neither good nor bad")),
    ("4", _("4 – good")),
    ("5", _("5 – very good")),
    (NOT_APPLICABLE, _("not applicable")),
]
# Faster than this from showing the form to sending it, a person cannot have read the
# questions; a script can. The form is shown again, with what was chosen kept.
MIN_FILL_SECONDS = 5
# A form older than this is shown again to be sent anew (its token has expired).
MAX_FILL_SECONDS = 24 * 3600
_SIGNING_SALT = "surveys.forms.ResponseForm"  # unchanged: tokens already shown stay valid


def new_form_token(shown_at=None):
    """The hidden token of a form as shown: when it was shown (now, unless `shown_at` says), and
    a number used once (what makes a double submit store one response)."""
    shown_at = time.time() if shown_at is None else shown_at
    return signing.dumps({"at": shown_at, "nonce": uuid.uuid4().hex}, salt=_SIGNING_SALT)


class QuestionFields:
    """What the residents' form and the paper entry form share: one field a question, named
    `q<pk>` and listed in `self.groups` as (group, [field names]) by the form's __init__."""

    def question_fields(self):
        return [(group, [self[name] for name in names]) for group, names in self.groups]

    def scores(self):
        """{question id: 1-5, or None for not applicable} of the questions answered."""
        found = {}
        for _group, names in self.groups:
            for name in names:
                value = self.cleaned_data.get(name)
                if value in (None, ""):
                    continue
                question = self.fields[name].question.pk
                found[question] = None if value == NOT_APPLICABLE else int(value)
        return found


class ResponseForm(QuestionFields, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Which unit of the office dealt with your matter?"),
        queryset=OrganisationalUnit.objects.none(),
        required=False,
        empty_label=_("I do not know, or another one"),
    )
    channel = forms.ChoiceField(
        label=_("How did you deal with the office?"),
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how you dealt with the office.")},
    )
    comment = forms.CharField(
        label=_("Your comment (optional)"),
        help_text=_(
            "What went well, what we should improve. Up to %(limit)s characters. Please do not "
            "write your name or other personal data."
        )
        % {"limit": NOTE},
        max_length=NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Left empty by people (hidden from view and from the keyboard); filled by scripts.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, questionnaire, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrganisationalUnit.objects.filter(is_active=True).order_by(
            "name"
        )
        self.groups = []  # (group, [bound fields of its questions]), for the template
        for group in questionnaire.groups.all():
            names = []
            for question in group.questions.all():
                name = f"q{question.pk}"
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=SCALE,
                    required=False,
                    widget=forms.RadioSelect,
                )
                self.fields[name].question = question
                names.append(name)
            self.groups.append((group, names))
        if not self.is_bound:
            self.initial["token"] = new_form_token()

    def clean_token(self):
        try:
            token = signing.loads(self.cleaned_data["token"], salt=_SIGNING_SALT)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The form could not be checked. Send it again."), code="bad_token"
            ) from None
        elapsed = time.time() - token["at"]
        if elapsed > MAX_FILL_SECONDS:
            raise forms.ValidationError(
                _("The form was open too long. Check your answers and send it again."),
                code="expired",
            )
        if elapsed < MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _(
                    "The form was sent only moments after it was opened. Check your answers "
                    "and send it again."
                ),
                code="too_fast",
            )
        return token["nonce"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("The form could not be accepted: the field to be left empty was filled in."),
                code="honeypot",
            )
        if not self.scores():
            raise forms.ValidationError(
                _("Answer at least one question (or mark it as not applicable)."),
                code="no_answer",
            )
        return cleaned
