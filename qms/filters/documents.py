"""The register of documents: its queryset and rows (shared with the search and its benchmark), the
editions a member of staff has yet to read or to approve, the snippets of editions' text under a
document found, and the register's filter.
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
from django.db.models.functions import Substr
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..models import (
    Document,
    DocumentKind,
    DocumentStatus,
    DocumentVersion,
    StaffProfile,
    VersionStatus,
    today,
)
from ..models.documents import WORK_IN_PROGRESS
from ..search import Query, search, snippet
from .codes import process_filter, unit_filter


def editions_to_read(user):
    """The editions in force of active documents that concern `user`'s unit and that `user` has
    not confirmed reading."""
    return (
        DocumentVersion.objects.in_force()
        .filter(
            document__status=DocumentStatus.ACTIVE,
            document__concerned_units__in=StaffProfile.objects.filter(user=user).values("unit"),
        )
        .exclude(read_confirmations__user=user)
    )


def editions_to_approve(user):
    """The editions in review of active documents, waiting for a decision `user` may take (never
    on their own edition)."""
    return DocumentVersion.objects.filter(
        status=VersionStatus.IN_REVIEW, document__status=DocumentStatus.ACTIVE
    ).exclude(author=user)


def with_version_in_force(documents):
    """The version in force joined in (edition, dates, whether its review is overdue), and the
    edition approved to follow it (its number and date in force).

    One row per document still: the database allows at most one version in force and one
    scheduled.
    """
    return documents.annotate(
        current=FilteredRelation("versions", condition=Q(versions__status=VersionStatus.IN_FORCE)),
        upcoming=FilteredRelation(
            "versions", condition=Q(versions__status=VersionStatus.SCHEDULED)
        ),
    ).annotate(
        edition=F("current__revision"),
        in_force_from=F("current__effective_on"),
        review_on=F("current__next_review_on"),
        version_in_force_id=F("current__id"),
        review_due=ExpressionWrapper(
            Q(current__next_review_on__lt=today()), output_field=BooleanField()
        ),
        next_edition=F("upcoming__revision"),
        next_in_force_from=F("upcoming__effective_on"),
    )


def register_queryset(user):
    """The register as `user` may see it, on the documents' table alone: staff without the history
    permission see only active documents with an edition in force or approved to come into force
    (Document.is_published). The filters, the search, the count and the order of a page need no
    more; the page's own rows get their editions from `register_rows`."""
    # The words for the search (a file's text among them) are matched in the database, never
    # loaded: a list of documents would otherwise carry megabytes.
    documents = Document.objects.defer("search_title", "search_text")
    if user.has_perm("qms.view_document_history"):
        return documents
    return documents.filter(status=DocumentStatus.ACTIVE, is_published=True)


def register_rows(user, documents):
    """The register's rows for `documents` (one page of register_queryset, in its order): each
    with its process and unit, the edition in force and the one to follow it (with_version_in_force)
    and, for who may see drafts, whether one is in work (`has_draft`). One query, for the page's
    rows only: joined to every document that matches a search, the editions would cost more than
    the search itself."""
    keys = [document.pk for document in documents]
    rows = with_version_in_force(
        Document.objects.select_related("process", "unit")
        .defer("search_title", "search_text", "process__search_text")
        .filter(pk__in=keys)
    )
    if user.has_perm("qms.view_document_history"):
        rows = rows.annotate(
            has_draft=Exists(
                DocumentVersion.objects.filter(document=OuterRef("pk"), status__in=WORK_IN_PROGRESS)
            )
        )
    found = {row.pk: row for row in rows.order_by()}
    for document in documents:
        if hasattr(document, "search_rank") and document.pk in found:
            found[document.pk].search_rank = document.search_rank
    return [found[key] for key in keys if key in found]


def register_page(page, query, user):
    """Give `page`, a page of register_queryset (filtered, ordered, only its keys loaded), the
    rows the register and the search show (register_rows) and their snippets (with_snippets)."""
    page.object_list = register_rows(user, page.object_list)
    return with_snippets(page, query)


# How much of each edition's text a page's snippets are first looked for in: the first match is
# nearly always there, and the whole texts of a page's editions are megabytes. The editions with
# no match there are read whole, in a second query.
SNIPPET_LOOKAHEAD = 4000


def with_snippets(documents, query):
    """Give each of `documents` (the rows of one page) its `snippet`: a few words of the text of
    its edition in force around the first word that matches `query`, the words in <mark>
    (qms.search.snippet), or None. Failing that, the text of the edition approved to follow it
    (`snippet_of_next_edition` is then true). The texts are those the search finds documents by
    (qms.services.document_refresh_search_text): never a draft's, nor a withdrawn document's.

    One query reads the beginnings of the page's editions' texts (SNIPPET_LOOKAHEAD), a second
    the whole texts of those whose beginning holds no match, unless the document was found by
    its code or title (a `search_rank` above 0): its title then shows why. Returns `documents`.
    """
    for document in documents:
        document.snippet, document.snippet_of_next_edition = None, False
    if not query or not documents:
        return documents
    editions = DocumentVersion.objects.filter(
        document__in=[document.pk for document in documents],
        status__in=[VersionStatus.IN_FORCE, VersionStatus.SCHEDULED],
    ).order_by()  # not by document: no join
    by_title = {document.pk for document in documents if getattr(document, "search_rank", 0)}
    found, unread = {}, {}
    # One character more than looked in: whether the text goes on (its length would cost
    # reading it whole).
    beginnings = editions.values_list(
        "pk", "document_id", "status", Substr("content", 1, SNIPPET_LOOKAHEAD + 1)
    )
    for pk, document_id, status, beginning in beginnings:
        whole = len(beginning) <= SNIPPET_LOOKAHEAD
        found[document_id, status] = snippet(beginning[:SNIPPET_LOOKAHEAD], query, whole=whole)
        if found[document_id, status] is None and not whole and document_id not in by_title:
            unread[pk] = (document_id, status)
    if unread:
        for pk, content in editions.filter(pk__in=unread).values_list("pk", "content"):
            found[unread[pk]] = snippet(content, query)
    for document in documents:
        for status in (VersionStatus.IN_FORCE, VersionStatus.SCHEDULED):
            document.snippet = found.get((document.pk, status))
            if document.snippet is not None:
                document.snippet_of_next_edition = status == VersionStatus.SCHEDULED
                break
    return documents


class RegisterStatus:
    IN_FORCE = "in_force"
    SCHEDULED = "scheduled"
    DRAFT = "draft"
    REVIEW_DUE = "review_due"
    WITHDRAWN = "withdrawn"
    CHOICES = [
        (IN_FORCE, _("with a version in force")),
        (SCHEDULED, _("with an edition approved to come into force later")),
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
    process = process_filter()
    unit = unit_filter(_("Owning unit"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=RegisterStatus.CHOICES,
        method="filter_status",
        empty_label=_("all active documents"),
    )

    to_read = django_filters.BooleanFilter(
        label=_("Only those I have yet to read"),
        method="filter_to_read",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Document
        fields = ["q", "kind", "process", "unit", "status", "to_read"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None and not request.user.has_perm("qms.view_document_history"):
            # Staff see only documents in force: a status other than that would find nothing.
            del self.filters["status"]

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(status=DocumentStatus.ACTIVE)
        return super().filter_queryset(queryset)

    @cached_property
    def query(self):
        """The words searched for, looked up once for the filter and the snippets; still
        searched when another filter's value is refused (a code mistyped)."""
        self.errors  # noqa: B018 (validates the form: cleaned_data holds the valid values)
        return Query(self.form.cleaned_data.get("q", ""))

    def filter_search(self, queryset, name, value):
        return search(queryset, self.query, title_field="search_title")

    def filter_to_read(self, queryset, name, value):
        if not value or self.request is None:
            return queryset
        return queryset.filter(pk__in=editions_to_read(self.request.user).values("document"))

    def filter_status(self, queryset, name, value):
        if value == RegisterStatus.WITHDRAWN:
            return queryset.filter(status=DocumentStatus.WITHDRAWN)
        queryset = queryset.filter(status=DocumentStatus.ACTIVE)
        editions = {
            RegisterStatus.IN_FORCE: Q(status=VersionStatus.IN_FORCE),
            RegisterStatus.SCHEDULED: Q(status=VersionStatus.SCHEDULED),
            RegisterStatus.DRAFT: Q(status__in=WORK_IN_PROGRESS),
            RegisterStatus.REVIEW_DUE: Q(status=VersionStatus.IN_FORCE, next_review_on__lt=today()),
        }.get(value)
        if editions is None:
            return queryset
        return queryset.filter(
            Exists(DocumentVersion.objects.filter(editions, document=OuterRef("pk")))
        )
