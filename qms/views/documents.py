"""The register of controlled documents (clause 7.5): documents, versions, workflow, read receipts.

Each view checks its permission itself: a model permission with @permission_required, and the
object rules of qms.roles (who may author, approve or see a version). What the rules refuse is
answered with 403, never hidden behind a 200.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from qms import roles, services
from qms.filters import (
    DocumentFilter,
    editions_to_approve,
    register_page,
    register_queryset,
    with_version_in_force,
)
from qms.forms.documents import (
    ApproveForm,
    DocumentCreateForm,
    DocumentForm,
    ReturnForm,
    VersionForm,
    WithdrawForm,
)
from qms.models import (
    Document,
    DocumentKind,
    DocumentStatus,
    DocumentVersion,
    ReadConfirmation,
    StaffProfile,
    VersionStatus,
    today,
)
from qms.models.documents import WORK_IN_PROGRESS
from qms.pdf import render_pdf
from qms.shortcuts import crumb, form_page, paginate, paginate_counting, show_errors, submitted
from qms.uploads import download_name


def _editions():
    """Editions without the text of their files (up to 500,000 characters each)."""
    return DocumentVersion.objects.defer("content")


def _version(pk):
    return get_object_or_404(_editions().select_related("document__process", "author"), pk=pk)


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
    waiting = []
    if request.user.has_perm("qms.approve_documentversion"):
        waiting = (
            editions_to_approve(request.user)
            .select_related("document", "author__staff_profile")
            .defer("content", "document__search_title", "document__search_text")
            .order_by("submitted_at", "pk")
        )
    return render(
        request,
        "qms/document_reviews.html",
        {
            "page_obj": paginate(request, overdue),
            "waiting": waiting,
            "may_approve": request.user.has_perm("qms.approve_documentversion"),
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


# --- Versions and their workflow ------------------------------------------------------------


@roles.allowed(roles.can_read_documents)
@require_safe
def version_download(request, pk):
    version = get_object_or_404(_editions().select_related("document"), pk=pk)
    roles.require(roles.can_see_version, request.user, version)
    try:
        file = version.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        file,
        as_attachment=True,
        filename=download_name(version),
        content_type=version.content_type,
    )


@permission_required("qms.add_documentversion", raise_exception=True)
def version_create(request, pk):
    document = get_object_or_404(Document.objects.select_related("process"), pk=pk)
    roles.require(roles.can_author_document, request.user, document)
    if document.versions.filter(status__in=WORK_IN_PROGRESS).exists():
        messages.error(
            request, _("This document already has a draft in work; finish or withdraw it first.")
        )
        return redirect(document)
    return form_page(
        request,
        VersionForm(*submitted(request)),
        save=lambda form: services.version_create_draft(
            document=document,
            upload=form.cleaned_data["file"],
            change_summary=form.cleaned_data["change_summary"],
            author=request.user,
            contents=form.contents,
        ),
        done=lambda version: (
            _("Edition %(revision)s is saved as a draft. Submit it for review when ready.")
            % {"revision": version.revision}
        ),
        success_url=document,
        title=_("New edition of %(code)s") % {"code": document.code},
        cancel=document,
        breadcrumbs=trail(document),
        template="qms/version_form.html",
        document=document,
    )


def _author_action(request, pk, service, done):
    """Run a workflow step the version's author takes, then go back to the document."""
    version = _version(pk)
    roles.require(roles.can_author_document, request.user, version.document)
    try:
        service(version=version, user=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, done % {"revision": version.revision})
    return redirect(version.document)


@require_POST
@permission_required("qms.add_documentversion", raise_exception=True)
def version_submit(request, pk):
    return _author_action(
        request,
        pk,
        services.version_submit,
        _("Edition %(revision)s has been submitted for review."),
    )


@require_POST
@permission_required("qms.add_documentversion", raise_exception=True)
def version_withdraw(request, pk):
    """Abandon a draft (or a version in review): it stays in the history as withdrawn."""
    return _author_action(
        request,
        pk,
        services.version_withdraw_draft,
        _("The draft of edition %(revision)s has been withdrawn."),
    )


def _in_review(request, pk, refusal):
    """The version an approver decides on, and None; or, if it is not in review, None and the
    way back to its document with `refusal` said."""
    version = roles.require(roles.can_approve_version, request.user, _version(pk))
    if version.status != VersionStatus.IN_REVIEW:
        messages.error(request, refusal)
        return None, redirect(version.document)
    return version, None


def _decision_page(request, version, form, *, save, done, title, **context):
    """The approver's form for `version`, under its document; a decision leads back to it.
    `done` is a message, or a function of the version decided on that says it."""
    document = version.document
    names = {"revision": version.revision, "code": document.code}
    return form_page(
        request,
        form,
        save=save,
        done=done if callable(done) else done % names,
        success_url=document,
        title=title % names,
        cancel=document,
        breadcrumbs=trail(document),
        template="qms/version_form.html",
        document=document,
        version=version,
        **context,
    )


@permission_required("qms.approve_documentversion", raise_exception=True)
def version_return(request, pk):
    version, refused = _in_review(
        request, pk, _("Only a version in review can be returned to its author.")
    )
    if refused:
        return refused
    return _decision_page(
        request,
        version,
        ReturnForm(*submitted(request)),
        save=lambda form: services.version_return(
            version=version, user=request.user, comment=form.cleaned_data["comment"]
        ),
        done=_("Edition %(revision)s has been returned to its author."),
        title=_("Return edition %(revision)s of %(code)s to its author"),
        submit_label=_("Return to the author"),
    )


@permission_required("qms.approve_documentversion", raise_exception=True)
def version_approve(request, pk):
    version, refused = _in_review(request, pk, _("Only a version in review can be approved."))
    if refused:
        return refused
    return _decision_page(
        request,
        version,
        ApproveForm(*submitted(request)),
        save=lambda form: services.version_approve(
            version=version,
            user=request.user,
            effective_on=form.cleaned_data["effective_on"],
            next_review_on=form.cleaned_data["next_review_on"],
        ),
        done=_approved_message,
        scheduled=version.document.versions.scheduled().filter(effective_on__gt=today()).first(),
        title=_("Approve edition %(revision)s of %(code)s"),
        intro=_(
            "Once approved, this edition comes into force on the date given: at once if that is "
            "today or earlier, and the edition in force until now is superseded; on a later date, "
            "the edition in force until now stays in force until that day."
        ),
        submit_label=_("Approve"),
    )


def _approved_message(version):
    """In force at once, or on a later date: the approver is told which."""
    values = {
        "revision": version.revision,
        "code": version.document.code,
        "date": date_format(version.effective_on, "DATE_FORMAT"),
    }
    if version.is_scheduled:
        return (
            _(
                "Edition %(revision)s of %(code)s is approved and comes into force on %(date)s; "
                "until then the edition in force stays in force."
            )
            % values
        )
    return _("Edition %(revision)s of %(code)s is now in force.") % values


@require_POST
@permission_required("qms.view_document", raise_exception=True)
def version_confirm_read(request, pk):
    version = get_object_or_404(_editions().select_related("document"), pk=pk)
    roles.require(roles.can_confirm_read, request.user, version)
    try:
        services.read_confirm(version=version, user=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request,
            _("Thank you: you have confirmed reading edition %(revision)s of %(code)s.")
            % {"revision": version.revision, "code": version.document.code},
        )
    return redirect(version.document)


@permission_required("qms.view_readconfirmation", raise_exception=True)
@require_safe
def version_readers(request, pk):
    """Staff of the units the document concerns: who has confirmed reading this version."""
    version = get_object_or_404(_editions().select_related("document", "approver"), pk=pk)
    staff = list(
        StaffProfile.objects.filter(
            unit__in=version.document.concerned_units.all(), user__is_active=True
        )
        .select_related("user", "unit")
        .annotate(
            confirmed_at=Subquery(
                ReadConfirmation.objects.filter(version=version, user=OuterRef("user")).values(
                    "confirmed_at"
                )[:1]
            )
        )
        .order_by("unit__code", "user__last_name", "user__first_name", "user__username")
    )
    confirmed = sum(1 for profile in staff if profile.confirmed_at)
    return render(
        request,
        "qms/version_readers.html",
        {
            "version": version,
            "document": version.document,
            "staff": staff,
            "confirmed": confirmed,
            "not_confirmed": len(staff) - confirmed,
            "breadcrumbs": trail(version.document),
        },
    )
