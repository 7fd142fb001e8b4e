"""Controlled documents and their editions: drafting, review, approval, coming into force,
withdrawal, read confirmations.
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from ..contents import read as read_contents
from ..models import (
    Document,
    DocumentStatus,
    DocumentVersion,
    ReadConfirmation,
    VersionStatus,
    default_next_review,
)
from ..models.documents import WORK_IN_PROGRESS
from ..search import index
from ..uploads import DOCUMENT_TYPES, detect_document_type, sha256_of


def document_refresh_search_text(document: Document) -> None:
    """What the search finds a document by: its code and title; the published versions' summaries
    of changes; the text of the editions every member of staff may read (the one in force and the
    one approved to follow it), never a draft's or a withdrawn edition's. And whether there is
    such an edition (`is_published`): every change of an edition's status comes through here."""
    published = document.versions.filter(
        status__in=[VersionStatus.IN_FORCE, VersionStatus.SCHEDULED, VersionStatus.SUPERSEDED]
    )
    summaries = published.values_list("change_summary", flat=True)
    contents = list(
        published.filter(status__in=[VersionStatus.IN_FORCE, VersionStatus.SCHEDULED]).values_list(
            "content", flat=True
        )
    )
    document.search_title = index(document.code, document.title)
    document.search_text = index(document.code, document.title, *summaries, *contents)
    document.is_published = bool(contents)
    Document.objects.filter(pk=document.pk).update(
        search_title=document.search_title,
        search_text=document.search_text,
        is_published=document.is_published,
    )


@transaction.atomic
def document_create(
    *, document: Document, concerned_units=(), upload, change_summary, author, contents=None
):
    """Register a new document together with the draft of its first edition (`contents`: see
    version_create_draft)."""
    document._history_user = author
    document.save()
    document.concerned_units.set(concerned_units)
    document_refresh_search_text(document)
    version_create_draft(
        document=document,
        upload=upload,
        change_summary=change_summary,
        author=author,
        contents=contents,
    )
    return document


@transaction.atomic
def document_update(*, document: Document, concerned_units) -> Document:
    """Save a change of the document's identity (code, title, owner, scope) and its search text."""
    if document.is_withdrawn:
        raise ValidationError(_("The document has been withdrawn; its record is read-only."))
    document.save()
    document.concerned_units.set(concerned_units)
    document_refresh_search_text(document)
    return document


@transaction.atomic
def version_create_draft(
    *, document: Document, upload, change_summary: str, author, reviewer=None, contents=None
) -> DocumentVersion:
    """Store an uploaded file as a new draft version of `document` (one draft at a time), with
    its text for the search: `contents`, when the caller has read it (qms.contents.read) before
    the transaction began, as the upload forms do; otherwise it is read here."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_withdrawn:
        raise ValidationError(_("The document has been withdrawn; it takes no new versions."))
    if document.versions.filter(status__in=WORK_IN_PROGRESS).exists():
        raise ValidationError(
            _("This document already has a draft in work; finish or withdraw it first.")
        )
    kind = detect_document_type(upload)
    if contents is None:
        contents = read_contents(upload, kind)
    latest = document.versions.aggregate(r=Max("revision"))["r"] or 0
    version = DocumentVersion(
        document=document,
        revision=latest + 1,
        change_summary=change_summary,
        original_name=get_valid_filename(upload.name)[:255],
        file_size=upload.size,
        sha256=sha256_of(upload),
        content_type=DOCUMENT_TYPES[kind],
        content=contents.text,
        content_state=contents.state,
        author=author,
        reviewer=reviewer,
    )
    version._history_user = author
    # A generated name: nothing the uploader typed reaches the file system.
    version.file.save(f"{uuid.uuid4().hex}.{kind}", upload, save=False)
    try:
        version.save()
    except BaseException:
        # The row was not recorded: the file must not stay behind in storage.
        version.file.storage.delete(version.file.name)
        raise
    return version


def _locked_version(version):
    # Without the file's text: saved without update_fields, it would be written again whole.
    return (
        DocumentVersion.objects.select_for_update()
        .select_related("document")
        .defer("content")
        .get(pk=version.pk)
    )


@transaction.atomic
def version_submit(*, version: DocumentVersion, user) -> DocumentVersion:
    """The author releases the draft for review (saving a draft never does this by itself)."""
    version = _locked_version(version)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."))
    version.status = VersionStatus.IN_REVIEW
    version._history_user = user
    version.submitted_at = timezone.now()
    version.submitted_by = user
    version.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    return version


@transaction.atomic
def version_return(*, version: DocumentVersion, user, comment: str) -> DocumentVersion:
    """The reviewer sends the version back to its author as a draft, saying why."""
    version = _locked_version(version)
    if version.status != VersionStatus.IN_REVIEW:
        raise ValidationError(_("Only a version in review can be returned to its author."))
    if not comment.strip():
        raise ValidationError(_("Say why the version is returned."))
    version.status = VersionStatus.DRAFT
    version._history_user = user
    version.reviewer = user
    version.reviewed_at = timezone.now()
    version.review_comment = comment
    version.save(
        update_fields=["status", "reviewer", "reviewed_at", "review_comment", "updated_at"]
    )
    return version


def _start_of(day):
    """The first moment of `day` in the office's time zone."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


@transaction.atomic
def version_approve(
    *, version: DocumentVersion, user, effective_on=None, next_review_on=None
) -> DocumentVersion:
    """Approve a reviewed version. From a date in force of today or earlier it is in force at
    once and the version in force until now is superseded; from a later date it is scheduled,
    the version in force stays so until that day, and editions_come_into_force switches them.

    The document's row is locked first, so two approvals of the same document run one after the
    other: the second finds the version no longer in review and is refused.
    """
    Document.objects.select_for_update().get(pk=version.document_id)
    version = _locked_version(version)
    if version.status != VersionStatus.IN_REVIEW:
        raise ValidationError(_("Only a version in review can be approved."))
    if version.document.is_withdrawn:
        raise ValidationError(_("The document has been withdrawn."))
    if version.author_id == user.pk:
        raise ValidationError(_("A version is approved by someone other than its author."))
    today = timezone.localdate()
    scheduled = DocumentVersion.objects.scheduled().filter(document_id=version.document_id).first()
    if scheduled is not None and scheduled.effective_on <= today:
        # Its day has come and the daily switch has not run yet: it goes first.
        _come_into_force(scheduled.pk, today)
    elif scheduled is not None:
        # Either order would be wrong: this edition superseded by an older one on that day, or
        # two editions waiting for the same place.
        raise ValidationError(
            _(
                "Edition %(revision)s is already approved to come into force on %(date)s. "
                "Approve this one once that date has come."
            )
            % {
                "revision": scheduled.revision,
                "date": date_format(scheduled.effective_on, "DATE_FORMAT"),
            }
        )
    now = timezone.now()
    effective_on = effective_on or today
    next_review_on = next_review_on or default_next_review(effective_on)
    if next_review_on <= effective_on:
        # Checked here, not only by the database constraint, so the approver gets a message.
        raise ValidationError(
            {"next_review_on": _("The review date must be after the date in force.")}
        )
    if effective_on > today:
        version.status = VersionStatus.SCHEDULED
    else:
        _supersede_in_force(version.document_id, at=now, user=user)
        version.status = VersionStatus.IN_FORCE
    version._history_user = user
    version.approver = user
    version.approved_at = now
    # The approver checks the final text, so "Sprawdził" records them and when.
    version.reviewer = user
    version.reviewed_at = now
    version.effective_on = effective_on
    version.next_review_on = next_review_on
    version.save()
    document_refresh_search_text(version.document)
    return version


def _supersede_in_force(document_id, *, at, user):
    """Supersede the document's version in force (if any); return it."""
    # Saved, not update()d: superseding the old edition is a change in its history too.
    previous = (
        DocumentVersion.objects.in_force().filter(document_id=document_id).defer("content").first()
    )
    if previous is not None:
        previous.status = VersionStatus.SUPERSEDED
        previous.superseded_at = at
        previous._history_user = user
        previous.save(update_fields=["status", "superseded_at", "updated_at"])
    return previous


def editions_come_into_force(*, on=None) -> list[tuple[DocumentVersion, DocumentVersion | None]]:
    """Bring into force every scheduled edition whose date in force has come by `on` (today).

    Each document in its own transaction: the edition in force until then is superseded at the
    start of the new one's first day, and the scheduled one comes into force. Run daily
    (manage.py bring_editions_into_force, send_reminders); a second run finds nothing to do.
    The history rows name no user: nobody acted that day, the approver's decision took effect.
    Returns (the edition now in force, the one it superseded or None) for each document.
    """
    on = on or timezone.localdate()
    due = DocumentVersion.objects.due(on).filter(document__status=DocumentStatus.ACTIVE)
    switched = []
    for pk in due.order_by("document__code", "pk").values_list("pk", flat=True):
        result = _come_into_force(pk, on)
        if result is not None:
            switched.append(result)
    return switched


@transaction.atomic
def _come_into_force(pk, on):
    # Locked in the order the approval locks them, so an approval of the same document waits.
    document_id = DocumentVersion.objects.values_list("document_id", flat=True).get(pk=pk)
    Document.objects.select_for_update().get(pk=document_id)
    version = DocumentVersion.objects.select_for_update().select_related("document").get(pk=pk)
    if (
        version.status != VersionStatus.SCHEDULED
        or version.effective_on > on
        or version.document.is_withdrawn
    ):
        return None  # switched by another run, or the document withdrawn, meanwhile
    previous = _supersede_in_force(
        version.document_id, at=_start_of(version.effective_on), user=None
    )
    version.status = VersionStatus.IN_FORCE
    version._history_user = None
    version.save(update_fields=["status", "updated_at"])
    document_refresh_search_text(version.document)
    return version, previous


@transaction.atomic
def version_withdraw_draft(*, version: DocumentVersion, user) -> DocumentVersion:
    """Abandon a draft or a version in review; it stays in the history as withdrawn."""
    version = _locked_version(version)
    if version.status not in WORK_IN_PROGRESS:
        raise ValidationError(_("Only a draft or a version in review can be withdrawn this way."))
    version.status = VersionStatus.WITHDRAWN
    version._history_user = user
    version.withdrawn_at = timezone.now()
    version.withdrawn_by = user
    version.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "updated_at"])
    return version


@transaction.atomic
def document_withdraw(*, document: Document, user, reason: str) -> Document:
    """Withdraw a document from use; its versions stay, read-only, in the history."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_withdrawn:
        raise ValidationError(_("The document has already been withdrawn."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for withdrawing the document."))
    now = timezone.now()
    # At most three versions (in force, scheduled, in work): saved so that each keeps a
    # history row saying who withdrew it.
    for version in document.versions.filter(
        status__in=[VersionStatus.IN_FORCE, VersionStatus.SCHEDULED, *WORK_IN_PROGRESS]
    ):
        version.status = VersionStatus.WITHDRAWN
        version.withdrawn_at = now
        version.withdrawn_by = user
        version._history_user = user
        version.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "updated_at"])
    document.status = DocumentStatus.WITHDRAWN
    document._history_user = user
    document.withdrawn_at = now
    document.withdrawn_by = user
    document.withdrawal_reason = reason
    document.save()
    document_refresh_search_text(document)  # its editions' text leaves the search
    return document


def read_confirm(*, version: DocumentVersion, user) -> ReadConfirmation:
    """Record that `user` has read this exact version in force (once; repeating is harmless)."""
    if not version.is_in_force:
        raise ValidationError(_("Only a version in force can be confirmed as read."))
    confirmation, _created = ReadConfirmation.objects.get_or_create(version=version, user=user)
    return confirmation


# Staff accounts: the office deactivates and reactivates them and lifts sign-in lockouts; an
# account is never deleted, since quality records name their authors.
