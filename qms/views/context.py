"""The context of the organisation (ISO 9001 4.1–4.3): the register of issues and interested
parties with their yearly review, the climate statement, and the scope with its exclusions."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from qms import services
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
    ScopeExclusion,
    today,
)
from qms.pdf import render_pdf
from qms.shortcuts import crumb, form_page, show_errors, submitted


def trail():
    return [crumb(_("Context of the organisation"), "intranet:context_register")]


def _register():
    """The register's records, each table in one query whatever its length."""
    issues = list(ContextIssue.objects.select_related("process", "reviewed_by"))
    parties = list(InterestedParty.objects.select_related("reviewed_by"))
    exclusions = list(ScopeExclusion.objects.all())
    active_issues = [issue for issue in issues if issue.is_active]
    active_parties = [party for party in parties if party.is_active]
    internal = [issue for issue in active_issues if issue.kind == IssueKind.INTERNAL]
    external = [issue for issue in active_issues if issue.kind == IssueKind.EXTERNAL]
    return {
        "organisation": Organisation.load(),
        "internal_issues": internal,
        "external_issues": external,
        "issue_sections": [(_("Internal issues"), internal), (_("External issues"), external)],
        "parties": active_parties,
        "archived": [
            *(issue for issue in issues if not issue.is_active),
            *(party for party in parties if not party.is_active),
        ],
        "exclusions": [e for e in exclusions if e.is_active],
        "withdrawn_exclusions": [e for e in exclusions if not e.is_active],
        "review_due": sum(e.is_review_due for e in [*active_issues, *active_parties]),
        "on": today(),
    }


@permission_required("qms.view_contextissue", raise_exception=True)
@require_safe
def context_register(request):
    """The register; `?review_due=on` (the dashboard's link) shows only the issues and interested
    parties due for review."""
    context = _register()
    if request.GET.get("review_due") == "on":
        context = _due_only(context)
    return render(request, "qms/context_register.html", context)


def _due_only(context):
    """The register's tables cut to the entries due for review (the dashboard's count)."""
    internal = [issue for issue in context["internal_issues"] if issue.is_review_due]
    external = [issue for issue in context["external_issues"] if issue.is_review_due]
    return {
        **context,
        "internal_issues": internal,
        "external_issues": external,
        "issue_sections": [(_("Internal issues"), internal), (_("External issues"), external)],
        "parties": [party for party in context["parties"] if party.is_review_due],
        "due_only": True,
    }


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
