"""The register of controlled documents (clause 7.5): the register, documents, their reviews and the
PDF of those in force; the versions and their workflow are in qms.views.versions.

Each view checks its permission itself: a model permission with @permission_required, and the
object rules of qms.roles (who may author, approve or see a version). What the rules refuse is
answered with 403, never hidden behind a 200.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from qms import roles, services
from qms.filters import (
    DocumentFilter,
    editions_to_approve,
    register_page,
    register_queryset,
    with_version_in_force,
)
from qms.forms.documents import (
    DocumentCreateForm,
    DocumentForm,
    WithdrawForm,
)
from qms.models import (
    Document,
    DocumentKind,
    DocumentStatus,
    DocumentVersion,
    ReadConfirmation,
    today,
)
from qms.models.documents import WORK_IN_PROGRESS
from qms.pdf import render_pdf
from qms.shortcuts import crumb, form_page, paginate, paginate_counting, submitted


def trail(document=None):
    """Register of documents › KJ: where a page of the register stands."""
    crumbs = [crumb(_("Register of documents"), "intranet:document_list")]
    if document is not None:
        crumbs.append(crumb(document.code, document))
    return crumbs


# --- The register ---------------------------------------------------------------------------


@roles.allowed(roles.can_read_documents)
@require_safe
def document_list(request):
    documents = DocumentFilter(
        request.GET, queryset=register_queryset(request.user), request=request
    )
    return render(
        request,
        "qms/document_list.html",
        {
            "filter": documents,
            "page_obj": register_page(
                paginate_counting(request, documents.qs.only("pk")), documents.query, request.user
            ),
            "can_create": roles.can_create_document(request.user),
        },
    )


@roles.allowed(roles.can_read_documents)
@require_safe
def document_detail(request, pk):
    document = get_object_or_404(
        Document.objects.select_related(
            "process__owner__staff_profile", "unit", "owner__staff_profile", "withdrawn_by"
        ),
        pk=pk,
    )
    user = request.user
    history = user.has_perm("qms.view_document_history")
    versions = list(
        document.versions.select_related(
            "author__staff_profile", "reviewer__staff_profile", "approver__staff_profile"
        ).defer("content")
    )
    in_force = next((v for v in versions if v.is_in_force), None)
    scheduled = next((v for v in versions if v.is_scheduled), None)
    if scheduled is not None and not roles.can_see_version(user, scheduled):
        scheduled = None
    work = next((v for v in versions if v.status in WORK_IN_PROGRESS), None)
    # A document whose first edition is approved for a later date is shown to staff already.
    if not roles.can_see_document(user, in_force or scheduled, work):
        raise PermissionDenied
    can_author = roles.can_author_document(user, document)
    concerned_units = list(document.concerned_units.all())
    context = {
        "document": document,
        "concerned_units": concerned_units,
        "in_force": in_force,
        "scheduled": scheduled,
        "work": work if history or (work and roles.can_see_version(user, work)) else None,
        "versions": versions if history else [],
        # The change sheet: every edition that was approved, oldest first.
        "changes": [v for v in reversed(versions) if v.approved_at],
        "can_author": can_author,
        "can_add_version": can_author and work is None,
        "can_approve": work is not None and roles.can_approve_version(user, work),
        "can_change": user.has_perm("qms.change_document") and not document.is_withdrawn,
        "breadcrumbs": trail(),
    }
    if in_force is not None and roles.can_confirm_read(user, in_force, concerned_units):
        context["read_confirmation"] = ReadConfirmation.objects.filter(
            version=in_force, user=user
        ).first()
        context["may_confirm"] = context["read_confirmation"] is None
    return render(request, "qms/document_detail.html", context)


@permission_required("qms.add_document", raise_exception=True)
def document_create(request):
    user = request.user
    roles.require(roles.can_create_document, user, None)
    form = DocumentCreateForm(*submitted(request), user=user, initial={"owner": user.pk})

    def save(form):
        data = form.cleaned_data
        roles.require(roles.can_create_document, user, data["process"])
        return services.document_create(
            document=form.save(commit=False),
            concerned_units=data["concerned_units"],
            upload=data["file"],
            change_summary=data["change_summary"],
            author=user,
            contents=form.contents,
        )

    return form_page(
        request,
        form,
        save=save,
        done=lambda document: (
            _("Registered: %(document)s. Its first edition is a draft: submit it for review.")
            % {"document": document}
        ),
        title=_("New document"),
        cancel="intranet:document_list",
        breadcrumbs=trail(),
    )


@permission_required("qms.change_document", raise_exception=True)
def document_update(request, pk):
    document = get_object_or_404(Document, pk=pk)
    if document.is_withdrawn:
        messages.error(request, _("The document has been withdrawn; its record is read-only."))
        return redirect(document)
    form = DocumentForm(*submitted(request), instance=document, user=request.user)
    return form_page(
        request,
        form,
        save=lambda form: services.document_update(
            document=form.save(commit=False),
            concerned_units=form.cleaned_data["concerned_units"],
        ),
        title=_("Edit document %(code)s") % {"code": document.code},
        cancel=document,
        breadcrumbs=trail(),
    )


@permission_required("qms.change_document", raise_exception=True)
def document_withdraw(request, pk):
    document = get_object_or_404(Document, pk=pk)

    def save(form):
        services.document_withdraw(
            document=document, user=request.user, reason=form.cleaned_data["reason"]
        )
        return document

    return form_page(
        request,
        WithdrawForm(*submitted(request)),
        save=save,
        done=_("Document %(code)s has been withdrawn.") % {"code": document.code},
        title=_("Withdraw document %(code)s") % {"code": document.code},
        cancel=document,
        breadcrumbs=trail(),
        intro=_(
            "A withdrawn document stays in the register with its history; its version in force "
            "and any draft are withdrawn with it."
        ),
        submit_label=_("Withdraw the document"),
    )


@roles.allowed(roles.can_see_reviews)
@require_safe
def document_reviews(request):
    """Documents past their review date, and the versions waiting for this user's approval."""
    reads_history = request.user.has_perm("qms.view_document_history")
    overdue = (
        with_version_in_force(register_queryset(request.user))
        .filter(status=DocumentStatus.ACTIVE, review_on__lt=today())
        .select_related("owner__staff_profile", "process__owner__staff_profile")
        .order_by("review_on", "code")
        if reads_history
        else Document.objects.none()
    )
    may_approve = request.user.has_perm("qms.approve_documentversion")
    # Paginated too: a large office has hundreds of editions in review at once.
    waiting = (
        editions_to_approve(request.user)
        .select_related("document", "author__staff_profile")
        .defer("content", "document__search_title", "document__search_text")
        .order_by("submitted_at", "pk")
        if may_approve
        else DocumentVersion.objects.none()
    )
    return render(
        request,
        "qms/document_reviews.html",
        {
            "page_obj": paginate(request, overdue),
            "waiting": paginate(request, waiting, param="waiting_page"),
            "may_approve": may_approve,
            "reads_history": reads_history,
            "breadcrumbs": trail(),
        },
    )


@permission_required("qms.view_document", raise_exception=True)
@require_safe
def document_register_pdf(request):
    """'Wykaz dokumentów obowiązujących': every document in force, grouped by kind."""
    kind_order = Case(
        *[When(kind=kind, then=Value(i)) for i, kind in enumerate(DocumentKind.values)],
        output_field=IntegerField(),
    )
    documents = (
        with_version_in_force(register_queryset(request.user).select_related("process", "unit"))
        .filter(status=DocumentStatus.ACTIVE, version_in_force_id__isnull=False)
        .order_by(kind_order, "code")
    )
    printed_on = today()
    return render_pdf(
        request,
        "qms/document_register_pdf.html",
        {"documents": documents, "printed_on": printed_on},
        filename=f"wykaz-dokumentow-obowiazujacych-{printed_on:%Y-%m-%d}.pdf",
        title=_("Register of documents in force"),
    )
