"""The versions of controlled documents and their workflow (clause 7.5.3): a new edition's draft,
review, approval (at once or for a later date), return to the author, downloads and read receipts.

Each view checks its permission itself, as the documents' views do (qms.views.documents).
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from qms import roles, services
from qms.forms.versions import ApproveForm, ReturnForm, VersionForm
from qms.models import (
    Document,
    DocumentVersion,
    ReadConfirmation,
    StaffProfile,
    VersionStatus,
    today,
)
from qms.models.documents import WORK_IN_PROGRESS
from qms.shortcuts import form_page, show_errors, submitted, workflow_step
from qms.uploads import download_name

from .documents import trail


def _editions():
    """Editions without the text of their files (up to 500,000 characters each)."""
    return DocumentVersion.objects.defer("content")


def _version(pk):
    return get_object_or_404(_editions().select_related("document__process", "author"), pk=pk)


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
    return workflow_step(
        request,
        lambda: service(version=version, user=request.user),
        done % {"revision": version.revision},
        version.document,
    )


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
