"""The context of the organisation (ISO 9001 4.1–4.3): the register of issues and interested
parties with their yearly review, the climate statement, and the scope with its exclusions."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from qms import services
from qms.filters import ContextFilter
from qms.forms.context import (
    ContextIssueForm,
    InterestedPartyForm,
    ScopeExclusionForm,
    ScopeForm,
)
from qms.models import (
    ContextIssue,
    InterestedParty,
    IssueKind,
    Organisation,
    Process,
    ScopeExclusion,
    today,
)
from qms.models.context import RegisterSection, in_register_order
from qms.pdf import render_pdf
from qms.shortcuts import crumb, form_page, paginate, show_errors, submitted


def trail():
    return [crumb(_("Context of the organisation"), "intranet:context_register")]


def _register():
    """The whole register for its PDF, each table in one query whatever its length."""
    issues = list(ContextIssue.objects.active().select_related("process", "reviewed_by"))
    internal = [issue for issue in issues if issue.kind == IssueKind.INTERNAL]
    external = [issue for issue in issues if issue.kind == IssueKind.EXTERNAL]
    return {
        "organisation": Organisation.load(),
        "issue_sections": [(_("Internal issues"), internal), (_("External issues"), external)],
        "parties": list(InterestedParty.objects.active().select_related("reviewed_by")),
        "exclusions": list(ScopeExclusion.objects.active()),
        "on": today(),
    }


@permission_required("qms.view_contextissue", raise_exception=True)
@require_safe
def context_register(request):
    """The register as its filters select it (the dashboard's link, `?review_due=on`, shows the
    entries due for review), 50 entries a page in the register's order: each part keeps its
    heading and says on which pages it is. The alert and the archive's count are over the
    whole register. (The organisation, for the climate and the scope, is the context
    processor's.)"""
    register = ContextFilter(request.GET, queryset=ContextIssue.objects.all())
    issues = register.qs
    parties = register.parties(InterestedParty.objects.all())
    page_obj = paginate(request, in_register_order(issues, parties))
    entries = _entries(page_obj)
    counts = issues.aggregate(
        internal=Count("pk", filter=Q(kind=IssueKind.INTERNAL)),
        external=Count("pk", filter=Q(kind=IssueKind.EXTERNAL)),
    )
    counts["parties"] = parties.count()
    tallies = [ContextIssue.objects.tally(), InterestedParty.objects.tally()]
    exclusions = list(ScopeExclusion.objects.all())
    return render(
        request,
        "qms/context_register.html",
        {
            "filter": register,
            "page_obj": page_obj,
            "sections": _sections(counts, page_obj),
            "internal_issues": entries[RegisterSection.INTERNAL],
            "external_issues": entries[RegisterSection.EXTERNAL],
            "parties": entries[RegisterSection.PARTIES],
            "exclusions": [e for e in exclusions if e.is_active],
            "withdrawn_exclusions": [e for e in exclusions if not e.is_active],
            "review_due": sum(tally["review_due"] for tally in tallies),
            "archived": sum(tally["archived"] for tally in tallies),
            "due_only": register.due_only,
        },
    )


def _entries(page_obj):
    """The entries of the page, in its order, by part of the register (a query a model)."""
    keys = list(page_obj)
    # The page's processes fetched by key: joined, the whole table of 1,600 wide process cards
    # was read for every page of issues (15 ms a page at 100 times the demo).
    issues = (
        ContextIssue.objects.select_related("reviewed_by")
        .prefetch_related(Prefetch("process", queryset=Process.objects.only("code")))
        .in_bulk([pk for section, _active, _sort, pk in keys if section != RegisterSection.PARTIES])
    )
    parties = InterestedParty.objects.select_related("reviewed_by").in_bulk(
        [pk for section, _active, _sort, pk in keys if section == RegisterSection.PARTIES]
    )
    entries = {section: [] for section in RegisterSection}
    for section, _active, _sort, pk in keys:
        records = parties if section == RegisterSection.PARTIES else issues
        entries[section].append(records[pk])
    return entries


def _sections(counts, page_obj):
    """Each part's count and the pages it spans (None when the filters select none of it),
    so that a part not on the page shown says where it is."""
    per_page = page_obj.paginator.per_page
    sections, start = {}, 0
    for name in ("internal", "external", "parties"):
        count = counts[name]
        pages = None
        if count:
            pages = (start // per_page + 1, (start + count - 1) // per_page + 1)
        sections[name] = {"count": count, "pages": pages}
        start += count
    return sections


@permission_required("qms.view_contextissue", raise_exception=True)
@require_safe
def context_pdf(request):
    return render_pdf(
        request,
        "qms/context_pdf.html",
        _register(),
        filename="kontekst-organizacji.pdf",
        title=_("Context of the organisation"),
    )


def _reviewed_when_written(form, user):
    """A new entry is written after looking at it: it counts as reviewed that day."""
    record = form.save(commit=False)
    record.reviewed_on = today()
    record.reviewed_by = user
    record._history_user = user
    record.save()
    return record


@permission_required("qms.add_contextissue", raise_exception=True)
def contextissue_create(request):
    return form_page(
        request,
        ContextIssueForm(*submitted(request)),
        title=_("New issue of the context"),
        cancel="intranet:context_register",
        success_url="intranet:context_register",
        breadcrumbs=trail(),
        save=lambda form: _reviewed_when_written(form, request.user),
    )


@permission_required("qms.change_contextissue", raise_exception=True)
def contextissue_update(request, pk):
    return form_page(
        request,
        ContextIssueForm(*submitted(request), instance=get_object_or_404(ContextIssue, pk=pk)),
        title=_("Edit the issue"),
        cancel="intranet:context_register",
        success_url="intranet:context_register",
        breadcrumbs=trail(),
    )


@permission_required("qms.add_interestedparty", raise_exception=True)
def interestedparty_create(request):
    return form_page(
        request,
        InterestedPartyForm(*submitted(request)),
        title=_("New interested party"),
        cancel="intranet:context_register",
        success_url="intranet:context_register",
        breadcrumbs=trail(),
        save=lambda form: _reviewed_when_written(form, request.user),
    )


@permission_required("qms.change_interestedparty", raise_exception=True)
def interestedparty_update(request, pk):
    return form_page(
        request,
        InterestedPartyForm(
            *submitted(request), instance=get_object_or_404(InterestedParty, pk=pk)
        ),
        title=_("Edit the interested party"),
        cancel="intranet:context_register",
        success_url="intranet:context_register",
        breadcrumbs=trail(),
    )


def _review(request, model, pk):
    record = get_object_or_404(model, pk=pk)
    try:
        services.context_review(record=record, user=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Reviewed today: %(record)s.") % {"record": record})
    return redirect("intranet:context_register")


@require_POST
@permission_required("qms.change_contextissue", raise_exception=True)
def contextissue_review(request, pk):
    return _review(request, ContextIssue, pk)


@require_POST
@permission_required("qms.change_interestedparty", raise_exception=True)
def interestedparty_review(request, pk):
    return _review(request, InterestedParty, pk)


@permission_required("qms.change_organisation", raise_exception=True)
def context_scope_update(request):
    organisation = Organisation.load()
    if organisation.pk is None or organisation._state.adding:
        messages.error(request, _("Enter the organisation's details first."))
        return redirect("intranet:organisation_update")
    return form_page(
        request,
        ScopeForm(*submitted(request), instance=organisation),
        title=_("Scope of the quality system and the climate statement"),
        cancel="intranet:context_register",
        success_url="intranet:context_register",
        breadcrumbs=trail(),
        done=_("The scope and the climate statement are saved."),
    )


@permission_required("qms.add_scopeexclusion", raise_exception=True)
def scopeexclusion_create(request):
    return form_page(
        request,
        ScopeExclusionForm(*submitted(request)),
        title=_("New requirement not applicable"),
        cancel="intranet:context_register",
        success_url="intranet:context_register",
        breadcrumbs=trail(),
    )


@permission_required("qms.change_scopeexclusion", raise_exception=True)
def scopeexclusion_update(request, pk):
    return form_page(
        request,
        ScopeExclusionForm(*submitted(request), instance=get_object_or_404(ScopeExclusion, pk=pk)),
        title=_("Edit the requirement not applicable"),
        cancel="intranet:context_register",
        success_url="intranet:context_register",
        breadcrumbs=trail(),
    )
