"""The filters of the audits' lists (django-filter): the audits, the corrective-action register,
the coverage of the certification cycle.

The register's queryset lives here too: its page and its PDF share it; and so does what waits
for a user, which the intranet home lists and these filters find in full, and the one rule of a
process's coverage, which the coverage's summary counts and its filter both read.
"""

import django_filters
from django import forms
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from qms import roles
from qms.filters import process_filter
from qms.models import Process, ProcessKind

from .models import (
    NONCONFORMITIES,
    ActionStatus,
    Audit,
    AuditProgramme,
    AuditStatus,
    CorrectiveAction,
    Finding,
    FindingKind,
)


def findings_to_answer(user):
    """Open audits' nonconformities `user` is to answer (roles.finding_answerer) that have no
    action yet, or only actions found not effective."""
    answered = [status for status in ActionStatus.values if status != ActionStatus.NOT_EFFECTIVE]
    return (
        Finding.objects.filter(roles.findings_answered_by(user), kind__in=NONCONFORMITIES)
        .exclude(audit__status=AuditStatus.CLOSED)
        .exclude(actions__status__in=answered)
    )


def actions_answered_by(user):
    """The actions of the findings `user` is to answer, whatever their status."""
    return CorrectiveAction.objects.filter(roles.findings_answered_by(user, prefix="finding__"))


def actions_to_verify(user):
    """Implemented actions of the open audits `user` leads or is on the team of."""
    audits = Audit.objects.exclude(status=AuditStatus.CLOSED).filter(
        Q(lead_auditor=user) | Q(team=user)
    )
    return CorrectiveAction.objects.filter(
        status=ActionStatus.IMPLEMENTED, finding__audit__in=audits
    )


def register_queryset():
    """Every corrective action with what a row of the register (page and PDF) shows, by audit
    and finding. Only those columns: the rows' texts for search and the audits' and findings'
    long fields made each joined row 5 kB, 47 ms to sort 1,300 actions at 100 times the demo."""
    return (
        CorrectiveAction.objects.select_related("finding__audit", "finding__process", "responsible")
        .only(
            "action",
            "status",
            "due_on",
            "verified_on",
            "finding__number",
            "finding__kind",
            "finding__audit__number",
            "finding__process__code",
            "finding__process__name",
            "responsible__username",
            "responsible__first_name",
            "responsible__last_name",
        )
        .order_by(
            "-finding__audit__programme__year",
            "-finding__audit__sequence",
            "finding__number",
            "pk",
        )
    )


def code_or_name(words, prefix=""):
    """Processes (through `prefix`, e.g. "finding__process__") whose code or name holds each of
    `words`: what a list's filter by process reads, instead of a select of 1,600 processes."""
    condition = Q()
    for word in words.split():
        condition &= Q(**{f"{prefix}code__icontains": word}) | Q(
            **{f"{prefix}name__icontains": word}
        )
    return condition


def programme_years():
    years = AuditProgramme.objects.values_list("year", flat=True)
    return [(str(year), str(year)) for year in years]


# An audit counts as carried out once its report is issued.
DONE = [AuditStatus.REPORTED, AuditStatus.CLOSED]


# A status of the register's filter beyond the actions' own: open or not effective.
UNFINISHED = "unfinished"
ANSWER, VERIFY = "answer", "verify"


class ActionFilter(django_filters.FilterSet):
    """The register's filters; given the request, also the user's own actions ("mine")."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(UNFINISHED, _("to implement (open or not effective)")), *ActionStatus.choices],
        method="filter_status",
        empty_label=_("all statuses"),
    )
    mine = django_filters.ChoiceFilter(
        label=_("Mine"),
        choices=[(ANSWER, _("those I answer for")), (VERIFY, _("waiting for my verification"))],
        method="filter_mine",
        empty_label=_("all, not only mine"),
    )
    process = django_filters.CharFilter(
        label=_("Process"),
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words of its code or name."),
        method="filter_process",
    )
    year = django_filters.ChoiceFilter(
        label=_("Year of the audit"),
        field_name="finding__audit__programme__year",
        choices=programme_years,
        empty_label=_("all years"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = CorrectiveAction
        fields = ["status", "mine", "process", "year", "overdue"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is None or not (
            user.has_perm("audits.change_correctiveaction")
            or user.has_perm("audits.verify_correctiveaction")
        ):
            del self.filters["mine"]

    def filter_status(self, queryset, name, value):
        if value == UNFINISHED:
            return queryset.unfinished()
        return queryset.filter(status=value)

    def filter_mine(self, queryset, name, value):
        user = self.request.user
        if value == ANSWER:
            return queryset.filter(pk__in=actions_answered_by(user).values("pk"))
        if value == VERIFY:
            return queryset.filter(pk__in=actions_to_verify(user).values("pk"))
        return queryset

    def filter_process(self, queryset, name, value):
        return queryset.filter(code_or_name(value, prefix="finding__process__"))

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def describe(self):
        """The filters in force, as "label: value" strings, for the printed register."""
        if not self.is_bound or not self.form.is_valid():
            return []
        described = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", False):
                continue
            field = self.form.fields[name]
            if name == "overdue":
                described.append(str(field.label))
            elif name in ("status", "mine"):
                described.append(f"{field.label}: {dict(field.choices)[value]}")
            else:
                described.append(f"{field.label}: {value}")
        return described


class AuditFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="programme__year",
        choices=programme_years,
        empty_label=_("all years"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AuditStatus.choices, empty_label=_("all statuses")
    )

    # Carried out: the report is issued (reported or closed), whatever the month it was planned.
    done = django_filters.BooleanFilter(
        label=_("Only audits carried out (reported or closed)"),
        method="filter_done",
        widget=forms.CheckboxInput,
    )

    to_answer = django_filters.BooleanFilter(
        label=_("Only with findings awaiting my answer"),
        method="filter_to_answer",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Audit
        fields = ["year", "status", "done", "to_answer"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is None or not request.user.has_perm("audits.change_correctiveaction"):
            del self.filters["to_answer"]

    def filter_done(self, queryset, name, value):
        return queryset.filter(status__in=DONE) if value else queryset

    def filter_to_answer(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=findings_to_answer(self.request.user).values("audit"))


# The findings' list: every kind, or the nonconformities, and those still open.
ALL_KINDS, NONCONFORMITY = "", "nonconformity"


class FindingFilter(django_filters.FilterSet):
    """The findings' list's filters: the kind (or every nonconformity), the year of the audit,
    the process, and "still open" (Finding.objects.open_nonconformities: what the dashboard
    counts)."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=[(NONCONFORMITY, _("nonconformities (major and minor)")), *FindingKind.choices],
        method="filter_kind",
        empty_label=_("all kinds"),
    )
    open = django_filters.BooleanFilter(
        label=_("Only open nonconformities (no action yet, or one not yet verified effective)"),
        method="filter_open",
        widget=forms.CheckboxInput,
    )
    year = django_filters.ChoiceFilter(
        label=_("Year of the audit"),
        field_name="audit__programme__year",
        choices=programme_years,
        empty_label=_("all years"),
    )
    process = process_filter()

    class Meta:
        model = Finding
        fields = ["kind", "open", "year", "process"]

    def filter_kind(self, queryset, name, value):
        if value == NONCONFORMITY:
            return queryset.filter(kind__in=NONCONFORMITIES)
        return queryset.filter(kind=value)

    def filter_open(self, queryset, name, value):
        return queryset.open_nonconformities() if value else queryset


# The coverage of the certification cycle (ISO 9001 9.2: every process audited at least once).


class Coverage(models.TextChoices):
    AUDITED = "audited", _("audited in the cycle")
    PLANNED = "planned", _("only planned so far")
    MISSING = "missing", _("not audited in the cycle")


def with_coverage(processes, years):
    """`processes`, each with its `coverage` over the cycle of `years`: audited once an audit of
    it has taken place (under way or later), planned when its audits are only planned, missing
    when none is even planned. In the database, so that the grid is filtered, counted and paged
    by it: each state reads the cycle's audited processes once (a hashed subplan); Exists, run
    for each process, cost 200 ms over 1,600 processes at 100 times the demo."""
    links = Audit.processes.through.objects.filter(audit__programme__year__in=years)
    audited = links.exclude(audit__status=AuditStatus.PLANNED)
    return processes.annotate(
        coverage=Case(
            When(pk__in=audited.values("process_id"), then=Value(Coverage.AUDITED)),
            When(pk__in=links.values("process_id"), then=Value(Coverage.PLANNED)),
            default=Value(Coverage.MISSING),
            output_field=models.CharField(),
        )
    )


class CoverageFilter(django_filters.FilterSet):
    """The coverage grid's filters, on `with_coverage(...)`: the state over the cycle, the kind,
    and words of the code or the name (a copy's prefix, "D003-", picks a district)."""

    state = django_filters.ChoiceFilter(
        label=_("In the cycle"),
        field_name="coverage",
        choices=Coverage.choices,
        empty_label=_("all states"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ProcessKind.choices, empty_label=_("all kinds")
    )
    q = django_filters.CharFilter(
        label=_("Code or name"),
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        method="filter_words",
    )

    class Meta:
        model = Process
        fields = ["state", "kind", "q"]

    def filter_words(self, queryset, name, value):
        return queryset.filter(code_or_name(value))
