"""The filters of the intranet's lists (django-filter): the register of documents, the processes,
the register of risks and opportunities, the context register, the quality objectives.

The register's queryset lives here too: the views and the search benchmark share it; and so do
the editions a member of staff has yet to read, which the intranet home lists and the register's
filter finds in full, and the snippets of editions' text that the register and the intranet's
search show under a document found.
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
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

from .forms.fields import CodeOrKeyChoiceField, LongSelect, PersonChoiceField, SelectOrCode
from .models import (
    ContextIssue,
    Document,
    DocumentKind,
    DocumentStatus,
    DocumentVersion,
    InterestedParty,
    IssueKind,
    ObjectiveStatus,
    OrganisationalUnit,
    Process,
    ProcessKind,
    ProcessRisk,
    QualityObjective,
    RiskEffectiveness,
    RiskKind,
    RiskLevel,
    StaffProfile,
    VersionStatus,
    today,
)
from .models.documents import WORK_IN_PROGRESS
from .search import Query, search, snippet


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


class CodeChoiceFilter(django_filters.ModelChoiceFilter):
    """A record with a code, chosen from a select or typed by its code (SelectOrCode)."""

    field_class = CodeOrKeyChoiceField


# Every list's filter by process or by unit: listed while there are few, typed by their code in
# a large office (SelectOrCode), where a select of 1,600 processes cost more than the page.


def process_filter(label=None, **options):
    return CodeChoiceFilter(
        label=label or _("Process"),
        queryset=Process.objects.only("code", "name").order_by("code"),
        empty_label=_("all processes"),
        widget=SelectOrCode(
            hint=_("Type the process's code, e.g. %(example)s: there are too many to list.")
        ),
        error_messages={"invalid_choice": _("No process has the code %(value)s.")},
        **options,
    )


def unit_filter(label=None, **options):
    return CodeChoiceFilter(
        label=label or _("Organisational unit"),
        queryset=OrganisationalUnit.objects.only("code", "name").order_by("code"),
        empty_label=_("all units"),
        widget=SelectOrCode(
            hint=_("Type the unit's code, e.g. %(example)s: there are too many to list.")
        ),
        error_messages={"invalid_choice": _("No unit has the code %(value)s.")},
        **options,
    )


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


class ProcessFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ProcessKind.choices, empty_label=_("all kinds")
    )
    unit = unit_filter(field_name="units")

    class Meta:
        model = Process
        fields = ["kind", "unit"]


# --- The register of risks and opportunities (6.1) ---------------------------------------------


class RiskArchive:
    INCLUDED = "included"
    ONLY = "only"
    CHOICES = [(INCLUDED, _("active and archived")), (ONLY, _("archived only"))]


SCALE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class RiskFilter(django_filters.FilterSet):
    """The register's filters, on `ProcessRisk.objects.with_rating()` (the level is filtered on
    as the database computes it); the page and its PDF read the same query string. Archived
    risks are left out unless asked for. `likelihood` and `impact` pick one cell of the heat
    map, which itself counts what the other filters select (`heat_map_queryset`)."""

    q = django_filters.CharFilter(
        label=_("Search"),
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words of the description or of the actions."),
        method="filter_search",
    )
    process = process_filter()
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=RiskKind.choices, empty_label=_("risks and opportunities")
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=RiskLevel.choices, empty_label=_("all levels")
    )
    effectiveness = django_filters.ChoiceFilter(
        label=_("Effectiveness of the actions"),
        choices=RiskEffectiveness.choices,
        empty_label=_("evaluated or not"),
    )
    likelihood = django_filters.ChoiceFilter(
        label=_("Likelihood"), choices=SCALE_CHOICES, empty_label=_("any")
    )
    impact = django_filters.ChoiceFilter(
        label=_("Impact"), choices=SCALE_CHOICES, empty_label=_("any")
    )
    archived = django_filters.ChoiceFilter(
        label=_("Archived risks"),
        choices=RiskArchive.CHOICES,
        method="filter_archived",
        empty_label=_("active only"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Actions overdue only"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    # The two filters that pick a cell of the heat map.
    CELL = ("likelihood", "impact")

    class Meta:
        model = ProcessRisk
        fields = [
            "q",
            "process",
            "kind",
            "level",
            "effectiveness",
            "likelihood",
            "impact",
            "archived",
            "overdue",
        ]

    def filter_queryset(self, queryset, *, cell=True):
        data = self._valid()
        # Archived risks are behind a filter: without it, only the active ones.
        if not data.get("archived"):
            queryset = queryset.active()
        for name, value in data.items():
            if name in self.CELL and not cell:
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    @cached_property
    def heat_map_queryset(self):
        """What every filter but the cell's selects: the heat map shows it whole, with the
        cell chosen marked in it."""
        if not self.is_bound:
            return self.queryset.active()
        return self.filter_queryset(self.queryset.all(), cell=False)

    def _valid(self):
        """The filters' valid values: one the form refuses (a hand-typed address) is left out,
        the others still apply."""
        self.errors  # noqa: B018 (validates the form: cleaned_data holds the valid values)
        return getattr(self.form, "cleaned_data", {})

    @property
    def cell(self):
        """The (likelihood, impact) of the cell the filters pick, or None."""
        data = self._valid()
        if data.get("likelihood") and data.get("impact"):
            return int(data["likelihood"]), int(data["impact"])
        return None

    def filter_search(self, queryset, name, value):
        """Every word (the first ten) in the description or the actions."""
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(description__icontains=word) | Q(treatment__icontains=word)
            )
        return queryset

    def filter_archived(self, queryset, name, value):
        if value == RiskArchive.ONLY:
            return queryset.archived()
        return queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def describe(self):
        """The filters in force, as "label: value" strings, for the printed register."""
        if not self.is_bound:
            return []
        described = []
        for name, value in self._valid().items():
            if value in (None, "", False):
                continue
            field = self.form.fields[name]
            if name == "overdue":
                described.append(str(field.label))
            elif name == "process":
                described.append(f"{field.label}: {value.code} {value.name}")
            elif name in ("kind", "level", "effectiveness", "archived"):
                described.append(f"{field.label}: {dict(field.choices)[value]}")
            else:
                described.append(f"{field.label}: {value}")
        return described


# --- The context register (4.1, 4.2) ---------------------------------------------------------


class TickedOnly(forms.CheckboxInput):
    """A checkbox ticked by the value a ticked box sends ("on") and by nothing else: a stray
    `?review_due=x` in a hand-typed address is no filter."""

    def value_from_datadict(self, data, files, name):
        return data.get(name) == "on"


class ContextSection:
    """The `kind` filter's choices: the register's three tables."""

    PARTIES = "parties"
    CHOICES = [
        (IssueKind.INTERNAL, _("internal issues")),
        (IssueKind.EXTERNAL, _("external issues")),
        (PARTIES, _("interested parties")),
    ]


class ContextArchive:
    INCLUDED = "included"
    ONLY = "only"
    CHOICES = [(INCLUDED, _("in the register and archived")), (ONLY, _("archived only"))]


class ContextFilter(django_filters.FilterSet):
    """The register's filters, for its issues (`qs`) and its interested parties (`parties`):
    each filter means the same for both, and one an interested party can't meet (a process, the
    issues' kinds) leaves out every party. Archived entries are left out unless asked for."""

    q = django_filters.CharFilter(
        label=_("Search"),
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words of an issue, of a party's name or of its requirements."),
        method="filter_search",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Part of the register"),
        choices=ContextSection.CHOICES,
        empty_label=_("the whole register"),
        method="filter_kind",
    )
    # A code typed, not picked: a large city's 1,600 process cards make a select of 135 kB that
    # took 150 ms to write, and no one scrolls through it.
    process = django_filters.CharFilter(
        label=_("Process code"),
        max_length=20,
        help_text=_("e.g. 'P-03'"),
        method="filter_process",
    )
    archived = django_filters.ChoiceFilter(
        label=_("Archived entries"),
        choices=ContextArchive.CHOICES,
        empty_label=_("in the register only"),
        method="filter_archived",
    )
    review_due = django_filters.BooleanFilter(
        label=_("Due for review only"),
        widget=TickedOnly,
        method="filter_review_due",
    )

    # The words searched in each kind of entry.
    SEARCHED = {
        ContextIssue: ("description", "response"),
        InterestedParty: ("name", "requirements", "monitoring"),
    }

    class Meta:
        model = ContextIssue
        fields = ["q", "kind", "process", "archived", "review_due"]

    def filter_queryset(self, queryset):
        data = self._valid()
        if not data.get("archived"):
            queryset = queryset.active()
        for name, value in data.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def parties(self, queryset):
        """The interested parties the filters select, from `queryset`."""
        return self.filter_queryset(queryset)

    @property
    def due_only(self):
        return bool(self._valid().get("review_due"))

    def _valid(self):
        """The filters' valid values: one the form refuses (a hand-typed address) is left out,
        the others still apply."""
        self.errors  # noqa: B018 (validates the form: cleaned_data holds the valid values)
        return getattr(self.form, "cleaned_data", {})

    def filter_search(self, queryset, name, value):
        """Every word (the first ten) in one of the entry's texts."""
        fields = self.SEARCHED[queryset.model]
        for word in value.split()[:10]:
            found = Q()
            for field in fields:
                found |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(found)
        return queryset

    def filter_kind(self, queryset, name, value):
        if queryset.model is InterestedParty:
            return queryset if value == ContextSection.PARTIES else queryset.none()
        return queryset.none() if value == ContextSection.PARTIES else queryset.filter(kind=value)

    def filter_process(self, queryset, name, value):
        if queryset.model is InterestedParty:  # a party concerns the whole office
            return queryset.none()
        return queryset.filter(process__code__iexact=value.strip())

    def filter_archived(self, queryset, name, value):
        if value == ContextArchive.ONLY:
            return queryset.archived()
        return queryset

    def filter_review_due(self, queryset, name, value):
        return queryset.review_due() if value else queryset


# --- The quality objectives (6.2) ------------------------------------------------------------


class PersonFilter(django_filters.ModelChoiceFilter):
    """A member of staff, listed by full name."""

    field_class = PersonChoiceField


class ObjectiveFilter(django_filters.FilterSet):
    """The filters of a year's objectives, on the objectives the user may read of that year
    (the queryset given): the people offered are those responsible for one of them."""

    q = django_filters.CharFilter(
        label=_("Search"),
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words of the objective or of what will be done."),
        method="filter_search",
    )
    process = django_filters.CharFilter(
        label=_("Process code"),
        max_length=20,
        help_text=_("The process whose measure judges the objective, e.g. 'P-03'."),
        method="filter_process",
    )
    responsible = PersonFilter(
        label=_("Responsible"),
        queryset=get_user_model().objects.none(),  # those of the year's objectives: __init__
        empty_label=_("everyone"),
        widget=LongSelect,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=ObjectiveStatus.choices,
        empty_label=_("all statuses"),
        method="filter_status",
    )

    class Meta:
        model = QualityObjective
        # The status last: it is judged in Python on what the others leave.
        fields = ["q", "process", "responsible", "status"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        self.filters["responsible"].queryset = (
            get_user_model()
            .objects.filter(pk__in=queryset.order_by().values("responsible"))
            .only("username", "first_name", "last_name")
            .order_by("last_name", "first_name", "username")
        )

    def filter_queryset(self, queryset):
        self.errors  # noqa: B018 (validates the form: cleaned_data holds the valid values)
        # A value the form refuses (a hand-typed address) is left out; the others still apply.
        for name, value in getattr(self.form, "cleaned_data", {}).items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_search(self, queryset, name, value):
        """Every word (the first ten) in the title or the plan."""
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(plan__icontains=word))
        return queryset

    def filter_process(self, queryset, name, value):
        return queryset.filter(measure__process__code__iexact=value.strip())

    def filter_status(self, queryset, name, value):
        """The status follows the measure's values (QualityObjective.status) and is not
        stored: the objectives the other filters leave are read with their progress and
        judged one by one (a query, only when this filter is asked for)."""
        on = today()
        judged = queryset.with_progress().only(
            "year", "deadline", "target", "direction", "measure", "baseline"
        )
        return queryset.filter(
            pk__in=[objective.pk for objective in judged if objective.status(on) == value]
        )
