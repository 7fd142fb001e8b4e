"""The filters of the intranet's lists (django-filter): the register of documents, the processes.

The register's queryset lives here too: the views and the search benchmark share it.
"""

import django_filters
from django import forms
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
)
from django.utils.translation import gettext_lazy as _

from .models import (
    Document,
    DocumentKind,
    DocumentStatus,
    DocumentVersion,
    OrganisationalUnit,
    Process,
    ProcessKind,
    VersionStatus,
    today,
)
from .models.documents import WORK_IN_PROGRESS
from .search import search


def with_version_in_force(documents):
    """The version in force joined in (edition, dates, whether its review is overdue).

    One row per document still: the database allows at most one version in force.
    """
    return documents.annotate(
        current=FilteredRelation("versions", condition=Q(versions__status=VersionStatus.IN_FORCE)),
    ).annotate(
        edition=F("current__revision"),
        in_force_from=F("current__effective_on"),
        review_on=F("current__next_review_on"),
        version_in_force_id=F("current__id"),
        review_due=ExpressionWrapper(
            Q(current__next_review_on__lt=today()), output_field=BooleanField()
        ),
    )


def register_queryset(user):
    """The register as `user` may see it: staff without the history permission see only
    documents that have a version in force."""
    documents = with_version_in_force(Document.objects.select_related("process", "unit"))
    if user.has_perm("qms.view_document_history"):
        return documents.annotate(
            has_draft=Exists(
                DocumentVersion.objects.filter(document=OuterRef("pk"), status__in=WORK_IN_PROGRESS)
            )
        )
    return documents.filter(status=DocumentStatus.ACTIVE, current__id__isnull=False)


class RegisterStatus:
    IN_FORCE = "in_force"
    DRAFT = "draft"
    REVIEW_DUE = "review_due"
    WITHDRAWN = "withdrawn"
    CHOICES = [
        (IN_FORCE, _("with a version in force")),
        (DRAFT, _("with a draft in work")),
        (REVIEW_DUE, _("review overdue")),
        (WITHDRAWN, _("withdrawn")),
    ]


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Code, title or summary of changes; Polish letters may be left out."),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=DocumentKind.choices, empty_label=_("all kinds")
    )
    process = django_filters.ModelChoiceFilter(
        label=_("Process"), queryset=Process.objects.all(), empty_label=_("all processes")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Owning unit"),
        queryset=OrganisationalUnit.objects.all(),
        empty_label=_("all units"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=RegisterStatus.CHOICES,
        method="filter_status",
        empty_label=_("all active documents"),
    )

    class Meta:
        model = Document
        fields = ["q", "kind", "process", "unit", "status"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None and not request.user.has_perm("qms.view_document_history"):
            # Staff see only documents in force: a status other than that would find nothing.
            del self.filters["status"]

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(status=DocumentStatus.ACTIVE)
        return super().filter_queryset(queryset)

    def filter_search(self, queryset, name, value):
        return search(queryset, value)

    def filter_status(self, queryset, name, value):
        if value == RegisterStatus.WITHDRAWN:
            return queryset.filter(status=DocumentStatus.WITHDRAWN)
        queryset = queryset.filter(status=DocumentStatus.ACTIVE)
        if value == RegisterStatus.IN_FORCE:
            return queryset.filter(current__id__isnull=False)
        if value == RegisterStatus.DRAFT:
            return queryset.filter(
                Exists(
                    DocumentVersion.objects.filter(
                        document=OuterRef("pk"), status__in=WORK_IN_PROGRESS
                    )
                )
            )
        if value == RegisterStatus.REVIEW_DUE:
            return queryset.filter(current__next_review_on__lt=today())
        return queryset


class ProcessFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ProcessKind.choices, empty_label=_("all kinds")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Organisational unit"),
        field_name="units",
        queryset=OrganisationalUnit.objects.all(),
        empty_label=_("all units"),
    )

    class Meta:
        model = Process
        fields = ["kind", "unit"]
