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
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from qms import roles, services
from qms.filters import DocumentFilter, register_queryset
from qms.forms_documents import (
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
from qms.uploads import DOCUMENT_TYPES
from qms.views.core import paginate

EXTENSIONS = {content_type: kind for kind, content_type in DOCUMENT_TYPES.items()}


def _show_errors(request, error):
    for message in error.messages:
        messages.error(request, message)


def _version(pk):
    return get_object_or_404(
        DocumentVersion.objects.select_related("document__process", "author"), pk=pk
    )


def _form_page(request, form, *, title, cancel_url, template="intranet/form.html", **extra):
    """The shared intranet form, under the register (and the document, when there is one)."""
    breadcrumbs = [(_("Register of documents"), reverse("intranet:document_list"))]
    if extra.get("document"):
        breadcrumbs.append((extra["document"].code, extra["document"].get_absolute_url()))
    context = {"form": form, "title": title, "back_href": cancel_url, "breadcrumbs": breadcrumbs}
    return render(request, template, {**context, **extra})


# --- The register ---------------------------------------------------------------------------


@permission_required("qms.view_document", raise_exception=True)
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
            "page_obj": paginate(request, documents.qs),
            "can_create": roles.can_create_document(request.user),
        },
    )


@permission_required("qms.view_document", raise_exception=True)
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
        )
    )
    in_force = next((v for v in versions if v.is_in_force), None)
    if in_force is None and not history:
        # Staff see documents in force only; a draft or a withdrawn document is not theirs to see.
        raise PermissionDenied
    work = next((v for v in versions if v.status in WORK_IN_PROGRESS), None)
    can_author = roles.can_author_document(user, document)
    concerned_units = list(document.concerned_units.all())
    context = {
        "document": document,
        "concerned_units": concerned_units,
        "in_force": in_force,
        "work": work if history else None,
        "versions": versions if history else [],
        # The change sheet: every edition that was approved, oldest first.
        "changes": [v for v in reversed(versions) if v.approved_at],
        "can_author": can_author,
        "can_add_version": can_author and work is None,
        "can_approve": work is not None and roles.can_approve_version(user, work),
        "can_change": user.has_perm("qms.change_document") and not document.is_withdrawn,
    }
    if in_force is not None:
        concerned = {unit.pk for unit in concerned_units}
        if roles.can_confirm_read(user, in_force, concerned):
            context["read_confirmation"] = ReadConfirmation.objects.filter(
                version=in_force, user=user
            ).first()
            context["may_confirm"] = context["read_confirmation"] is None
    return render(request, "qms/document_detail.html", context)


@permission_required("qms.add_document", raise_exception=True)
def document_create(request):
    if not roles.can_create_document(request.user):
        raise PermissionDenied
    form = DocumentCreateForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"owner": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        if not roles.can_create_document(request.user, form.cleaned_data["process"]):
            raise PermissionDenied
        try:
            document = services.document_create(
                document=form.save(commit=False),
                concerned_units=form.cleaned_data["concerned_units"],
                upload=form.cleaned_data["file"],
                change_summary=form.cleaned_data["change_summary"],
                author=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Registered: %(document)s. Its first edition is a draft: submit it for review.")
                % {"document": document},
            )
            return redirect(document)
    return _form_page(
        request,
        form,
        title=_("New document"),
        cancel_url=reverse("intranet:document_list"),
    )


@permission_required("qms.change_document", raise_exception=True)
def document_update(request, pk):
    document = get_object_or_404(Document, pk=pk)
    if document.is_withdrawn:
        messages.error(request, _("The document has been withdrawn; its record is read-only."))
        return redirect(document)
    form = DocumentForm(request.POST or None, instance=document, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(
                document=form.save(commit=False),
                concerned_units=form.cleaned_data["concerned_units"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved: %(record)s.") % {"record": document})
            return redirect(document)
    return _form_page(
        request,
        form,
        title=_("Edit document %(code)s") % {"code": document.code},
        cancel_url=document.get_absolute_url(),
    )


@permission_required("qms.change_document", raise_exception=True)
def document_withdraw(request, pk):
    document = get_object_or_404(Document, pk=pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_withdraw(
                document=document, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Document %(code)s has been withdrawn.") % {"code": document.code}
            )
            return redirect(document)
    return _form_page(
        request,
        form,
        title=_("Withdraw document %(code)s") % {"code": document.code},
        cancel_url=document.get_absolute_url(),
        intro=_(
            "A withdrawn document stays in the register with its history; its version in force "
            "and any draft are withdrawn with it."
        ),
        submit_label=_("Withdraw the document"),
    )


@permission_required("qms.view_document_history", raise_exception=True)
@require_safe
def document_reviews(request):
    """Documents past their review date, and the versions waiting for this user's approval."""
    overdue = (
        register_queryset(request.user)
        .filter(status=DocumentStatus.ACTIVE, review_on__lt=today())
        .select_related("owner__staff_profile", "process__owner__staff_profile")
        .order_by("review_on", "code")
    )
    waiting = []
    if request.user.has_perm("qms.approve_documentversion"):
        waiting = (
            DocumentVersion.objects.filter(
                status=VersionStatus.IN_REVIEW, document__status=DocumentStatus.ACTIVE
            )
            .exclude(author=request.user)
            .select_related("document", "author__staff_profile")
            .order_by("submitted_at", "pk")
        )
    return render(
        request,
        "qms/document_reviews.html",
        {
            "page_obj": paginate(request, overdue),
            "waiting": waiting,
            "may_approve": request.user.has_perm("qms.approve_documentversion"),
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
        register_queryset(request.user)
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


def download_name(version):
    """A safe ASCII name to save the file as: 'PR-03_wyd2.pdf'."""
    stem = slugify(version.document.code).upper() or "DOKUMENT"
    extension = EXTENSIONS.get(version.content_type, "bin")
    return f"{stem}_wyd{version.revision}.{extension}"


@permission_required("qms.view_document", raise_exception=True)
@require_safe
def version_download(request, pk):
    version = get_object_or_404(DocumentVersion.objects.select_related("document"), pk=pk)
    if not roles.can_see_version(request.user, version):
        raise PermissionDenied
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
    if not roles.can_author_document(request.user, document):
        raise PermissionDenied
    if document.versions.filter(status__in=WORK_IN_PROGRESS).exists():
        messages.error(
            request, _("This document already has a draft in work; finish or withdraw it first.")
        )
        return redirect(document)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.version_create_draft(
                document=document,
                upload=form.cleaned_data["file"],
                change_summary=form.cleaned_data["change_summary"],
                author=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Edition %(revision)s is saved as a draft. Submit it for review when ready.")
                % {"revision": version.revision},
            )
            return redirect(document)
    return _form_page(
        request,
        form,
        title=_("New edition of %(code)s") % {"code": document.code},
        cancel_url=document.get_absolute_url(),
        document=document,
        template="qms/version_form.html",
    )


def _author_action(request, pk, service, done):
    """Run a workflow step the version's author takes, then go back to the document."""
    version = _version(pk)
    if not roles.can_author_document(request.user, version.document):
        raise PermissionDenied
    try:
        service(version=version, user=request.user)
    except ValidationError as error:
        _show_errors(request, error)
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


@permission_required("qms.approve_documentversion", raise_exception=True)
def version_return(request, pk):
    version = _version(pk)
    if not roles.can_approve_version(request.user, version):
        raise PermissionDenied
    if version.status != VersionStatus.IN_REVIEW:
        messages.error(request, _("Only a version in review can be returned to its author."))
        return redirect(version.document)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_return(
                version=version, user=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Edition %(revision)s has been returned to its author.")
                % {"revision": version.revision},
            )
            return redirect(version.document)
    return _form_page(
        request,
        form,
        title=_("Return edition %(revision)s of %(code)s to its author")
        % {"revision": version.revision, "code": version.document.code},
        cancel_url=version.document.get_absolute_url(),
        document=version.document,
        version=version,
        template="qms/version_form.html",
        submit_label=_("Return to the author"),
    )


@permission_required("qms.approve_documentversion", raise_exception=True)
def version_approve(request, pk):
    version = _version(pk)
    if not roles.can_approve_version(request.user, version):
        raise PermissionDenied
    if version.status != VersionStatus.IN_REVIEW:
        messages.error(request, _("Only a version in review can be approved."))
        return redirect(version.document)
    form = ApproveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_approve(
                version=version,
                user=request.user,
                effective_on=form.cleaned_data["effective_on"],
                next_review_on=form.cleaned_data["next_review_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Edition %(revision)s of %(code)s is now in force.")
                % {"revision": version.revision, "code": version.document.code},
            )
            return redirect(version.document)
    return _form_page(
        request,
        form,
        title=_("Approve edition %(revision)s of %(code)s")
        % {"revision": version.revision, "code": version.document.code},
        cancel_url=version.document.get_absolute_url(),
        document=version.document,
        version=version,
        template="qms/version_form.html",
        intro=_(
            "Once approved, this edition comes into force and the edition in force until now is "
            "superseded."
        ),
        submit_label=_("Approve and bring into force"),
    )


@require_POST
@permission_required("qms.view_document", raise_exception=True)
def version_confirm_read(request, pk):
    version = get_object_or_404(DocumentVersion.objects.select_related("document"), pk=pk)
    concerned = set(version.document.concerned_units.values_list("pk", flat=True))
    if not roles.can_confirm_read(request.user, version, concerned):
        raise PermissionDenied
    try:
        services.read_confirm(version=version, user=request.user)
    except ValidationError as error:
        _show_errors(request, error)
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
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document", "approver"), pk=pk
    )
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
        },
    )
