"""Forms of an audit: its plan (and, once it exists, its report's fields) and the closing note."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.dates import MONTHS
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from qms import roles
from qms.forms.fields import CodesChoiceField, DateInput, PeopleChoiceField, PersonChoiceField
from qms.models import OrganisationalUnit, Process

from ..models import Audit, AuditStatus

MONTH_CHOICES = list(MONTHS.items())


def auditors(current=()):
    """Active members of the auditor group, by name, and whoever the audit names now (so that
    editing an audit keeps a colleague who has since left the group)."""
    current = [pk for pk in current if pk]
    return (
        get_user_model()
        .objects.filter(Q(is_active=True, groups__name=roles.AUDITOR) | Q(pk__in=current))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class AuditForm(forms.ModelForm):
    """An audit's plan. On a new audit the programme (its year) is chosen and the report's
    fields wait; once the audit exists its year is fixed, since its number carries it.

    `user` is who fills the form: an auditor who is not the coordinator must lead the audit or
    be on its team, so no one plans an audit they could not edit afterwards.
    """

    planned_month = forms.TypedChoiceField(
        label=capfirst(Audit._meta.get_field("planned_month").verbose_name),
        choices=MONTH_CHOICES,
        coerce=int,
    )

    class Meta:
        model = Audit
        fields = [
            "programme",
            "title",
            "planned_month",
            "objectives",
            "scope",
            "criteria",
            "processes",
            "units",
            "lead_auditor",
            "team",
            "auditees",
            "first_day",
            "last_day",
            "places",
            "agenda",
            "conclusions",
            "diverging_opinions",
            "distribution",
        ]
        field_classes = {
            "lead_auditor": PersonChoiceField,
            "team": PeopleChoiceField,
            "processes": CodesChoiceField,
            "units": CodesChoiceField,
        }
        widgets = {
            "processes": forms.CheckboxSelectMultiple,
            "units": forms.CheckboxSelectMultiple,
            "team": forms.CheckboxSelectMultiple,
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "scope": forms.Textarea(attrs={"rows": 3}),
            "criteria": forms.Textarea(attrs={"rows": 3}),
            "auditees": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 6}),
            "conclusions": forms.Textarea(attrs={"rows": 6}),
            "diverging_opinions": forms.Textarea(attrs={"rows": 3}),
            "distribution": forms.Textarea(attrs={"rows": 3}),
            "first_day": DateInput(),
            "last_day": DateInput(),
        }
        help_texts = {
            "lead_auditor": _("Only users with the auditor role can lead an audit."),
            "team": _("The lead auditor need not be ticked here."),
            "agenda": _("The audit plan: one line for each meeting, e.g. '9:00 opening meeting'."),
            "conclusions": _(
                "Required before the report is issued: whether the audited processes conform "
                "and how effectively the system is implemented."
            ),
            "distribution": _("Who receives the report, e.g. 'Prezydent Miasta, WOK, WGN'."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        audit = self.instance
        if audit.pk:
            del self.fields["programme"]
        else:
            for name in ("conclusions", "diverging_opinions", "distribution"):
                del self.fields[name]
            self.fields["programme"].label = _("Programme (year)")
            self.fields["programme"].empty_label = None
        team_now = [member.pk for member in audit.team.all()] if audit.pk else []
        self.fields["lead_auditor"].queryset = auditors([audit.lead_auditor_id])
        self.fields["team"].queryset = auditors(team_now)
        chosen_processes = Q(is_active=True)
        chosen_units = Q(is_active=True)
        if audit.pk:
            chosen_processes |= Q(audits=audit)
            chosen_units |= Q(audits=audit)
        self.fields["processes"].queryset = Process.objects.filter(chosen_processes).distinct()
        self.fields["units"].queryset = OrganisationalUnit.objects.filter(chosen_units).distinct()

    def clean(self):
        data = super().clean()
        if data.get("last_day") and not data.get("first_day"):
            self.add_error("first_day", _("Enter the first day as well."))
        elif (
            self.instance.status != AuditStatus.PLANNED
            and "first_day" in data
            and data["first_day"] is None
        ):
            # The database's rule too (audits_audit_started_has_dates), on a field the form does
            # not show, so Django's model validation leaves it out.
            self.add_error("first_day", _("An audit under way needs its dates."))
        lead, team = data.get("lead_auditor"), data.get("team")
        if lead is not None and team is not None:
            # Whoever leads, leads: not listed again among the team.
            data["team"] = team = [member for member in team if member.pk != lead.pk]
            if not self.user.has_perm("audits.manage_audits") and self.user not in (lead, *team):
                raise ValidationError(
                    _("Lead this audit or be on its team: otherwise you could not edit it later.")
                )
        return data


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Why the audit closes with nonconformities still open"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
