"""Workflows that change several quality records at once, each in one transaction."""

import datetime
import uuid

import axes.utils
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from . import roles
from .contents import read as read_contents
from .models import (
    Document,
    DocumentStatus,
    DocumentVersion,
    PolicyStatus,
    ProcessRisk,
    QualityObjective,
    QualityPolicy,
    ReadConfirmation,
    Representative,
    RiskEffectiveness,
    VersionStatus,
    default_next_review,
    today,
)
from .models.documents import WORK_IN_PROGRESS
from .search import index
from .uploads import DOCUMENT_TYPES, detect_document_type, sha256_of


@transaction.atomic
def representative_appoint(*, new: Representative) -> Representative:
    """Make `new` the current representative and close the term of the one before."""
    previous = Representative.objects.select_for_update().filter(is_current=True).first()
    if previous is not None:
        if new.appointed_on <= previous.appointed_on:
            raise ValidationError(
                {
                    "appointed_on": _(
                        "The new appointment must be later than the current one (%(date)s)."
                    )
                    % {"date": date_format(previous.appointed_on, "SHORT_DATE_FORMAT")}
                }
            )
        previous.is_current = False
        previous.ended_on = new.appointed_on - datetime.timedelta(days=1)
        previous.save(update_fields=["is_current", "ended_on", "updated_at"])
    new.is_current = True
    new.ended_on = None
    new.save()
    return new


@transaction.atomic
def policy_put_in_force(*, policy: QualityPolicy, user) -> QualityPolicy:
    """Bring a draft policy into force; the version in force until now is superseded."""
    policy = QualityPolicy.objects.select_for_update().get(pk=policy.pk)
    if policy.status != PolicyStatus.DRAFT:
        raise ValidationError(_("Only a draft can be put in force."))
    if policy.approved_on is None:
        raise ValidationError(_("Enter the approval date before putting the policy in force."))
    # Saved one by one (there is one), not update()d: each change goes into the history.
    for previous in QualityPolicy.objects.select_for_update().filter(status=PolicyStatus.IN_FORCE):
        previous.status = PolicyStatus.SUPERSEDED
        previous._history_user = user
        previous.save(update_fields=["status", "updated_at"])
    policy.status = PolicyStatus.IN_FORCE
    policy._history_user = user
    policy.put_in_force_at = timezone.now()
    policy.put_in_force_by = user
    policy.save(update_fields=["status", "put_in_force_at", "put_in_force_by", "updated_at"])
    return policy


@transaction.atomic
def context_review(*, record, user):
    """Record that `record` (an issue or an interested party of the context register) was
    reviewed today by `user`; the yearly review ISO 9001 4.1 and 4.2 ask for."""
    record = type(record).objects.select_for_update().get(pk=record.pk)
    if not record.is_active:
        raise ValidationError(_("An archived entry is not reviewed; bring it back first."))
    record.reviewed_on = today()
    record.reviewed_by = user
    record._history_user = user
    record.save(update_fields=["reviewed_on", "reviewed_by", "updated_at"])
    return record


# --- Controlled documents -------------------------------------------------------------------


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


def end_sessions(user) -> int:
    """Delete the user's open sessions, so a deactivated account is signed out everywhere."""
    user_id = str(user.pk)
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@transaction.atomic
def account_deactivate(*, account, user):
    """Switch `account` off and end its sessions. Nobody deactivates their own account (the
    office would lock itself out), and only IT (a superuser) deactivates an administrator."""
    if account.pk == user.pk:
        raise ValidationError(
            _("You cannot deactivate your own account. Ask another coordinator or IT to do it.")
        )
    if account.is_superuser and not user.is_superuser:
        raise ValidationError(
            _("Only IT can deactivate an administrator's account (%(username)s).")
            % {"username": account.get_username()}
        )
    account.is_active = False
    account.save(update_fields=["is_active"])
    end_sessions(account)
    return account


def account_reactivate(*, account, user):
    account.is_active = True
    account.save(update_fields=["is_active"])
    return account


def account_unlock(*, account, user):
    """Lift the sign-in lockout (django-axes) of `account`: its recorded failures are cleared."""
    axes.utils.reset(username=account.get_username())
    return account


# --- Accounts created and given roles in the portal (issue 16) ------------------------------


@transaction.atomic
def account_create(*, form, user):
    """A local account from LocalAccountForm: its roles and unit too. The account's change
    history records its creation and its roles (simple_history keeps `groups`)."""
    from qms.models import StaffProfile

    account = form.save()
    account.groups.set(form.cleaned_data["roles"])
    if form.cleaned_data.get("unit"):
        StaffProfile.objects.create(user=account, unit=form.cleaned_data["unit"])
    return account


@transaction.atomic
def account_set_roles(*, account, groups, user):
    """Give `account` exactly the role groups `groups`. Nobody changes their own roles (the
    office would lock itself out), and only IT (a superuser) an administrator's."""
    from qms import roles

    if not roles.can_edit_roles(user, account):
        raise ValidationError(_("You cannot change the roles of this account."))
    account.groups.set(groups)
    return account


# --- Quality objectives ---------------------------------------------------------------------


@transaction.atomic
def objectives_approve(*, year: int, user) -> int:
    """Top management approves the year's objectives: every draft of the year at once, after
    which they are read-only (QualityObjective.save). Returns how many were approved."""
    if not user.has_perm("qms.approve_qualityobjective"):
        raise ValidationError(_("Only top management approves the quality objectives."))
    drafts = list(
        QualityObjective.objects.select_for_update().of_year(year).filter(approved_at__isnull=True)
    )
    if not drafts:
        raise ValidationError(
            _("There is no draft objective for %(year)s to approve.") % {"year": year}
        )
    now = timezone.now()
    # Saved one by one, not update()d: each approval goes into the objective's history.
    for objective in drafts:
        objective.approved_at = now
        objective.approved_by = user
        objective._history_user = user
        objective.save(update_fields=["approved_at", "approved_by", "updated_at"])
    return len(drafts)


def objective_evaluate(*, objective: QualityObjective, user) -> QualityObjective:
    """Record the year-end evaluation (the form has set its fields): only of an approved
    objective, by whom and when."""
    if not objective.is_approved:
        raise ValidationError(_("Only an approved objective is evaluated."))
    objective.evaluated_on = objective.evaluated_on or timezone.localdate()
    objective.evaluated_by = user
    objective._history_user = user
    objective.save(update_fields=[*QualityObjective.EVALUATION_FIELDS, "updated_at"])
    return objective


# --- Risks and opportunities (6.1) ------------------------------------------------------------


@transaction.atomic
def risk_evaluate(risk, user, effectiveness, note="", *, on=None) -> ProcessRisk:
    """Record whether the actions planned against `risk` worked (ISO 9001 6.1.2 b): effective
    or not effective, with a note, who evaluated and when (`on`, by default today). Only the
    coordinator's office or the owner of the risk's process may, and only on an active risk.
    Actions found not effective need the note saying why."""
    risk = ProcessRisk.objects.select_for_update().select_related("process").get(pk=risk.pk)
    if not roles.can_edit_process(user, risk.process):
        raise PermissionDenied
    if not risk.is_active:
        raise ValidationError(_("An archived risk is not evaluated; bring it back first."))
    if effectiveness not in (RiskEffectiveness.EFFECTIVE, RiskEffectiveness.NOT_EFFECTIVE):
        raise ValidationError(_("Say whether the actions were effective or not."))
    note = note.strip()
    if effectiveness == RiskEffectiveness.NOT_EFFECTIVE and not note:
        raise ValidationError(_("Say why the actions were not effective, and what comes next."))
    risk.effectiveness = effectiveness
    risk.effectiveness_note = note
    risk.evaluated_on = on or today()
    risk.evaluated_by = user
    risk.full_clean(exclude={"process"})
    risk._history_user = user
    risk.save(
        update_fields=[
            "effectiveness",
            "effectiveness_note",
            "evaluated_on",
            "evaluated_by",
            "updated_at",
        ]
    )
    return risk


# --- The management review (9.3) ------------------------------------------------------------
# The models come from qms.models.reviews and the inputs from qms.review_inputs (imported here
# where used, so this block stays self-contained).


def _review_models():
    from .models import reviews

    return reviews


@transaction.atomic
def review_create(*, review, user):
    """Register a review as a draft, numbered PZ/<year>/<n> in the year it is held."""
    reviews = _review_models()
    review.full_clean(exclude=["number"])
    prefix = f"PZ/{review.held_on.year}/"
    taken = set(
        reviews.ManagementReview.objects.select_for_update()
        .filter(number__startswith=prefix)
        .values_list("number", flat=True)
    )
    n = len(taken) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    review.number = f"{prefix}{n}"
    review.status = reviews.ReviewStatus.DRAFT
    review._history_user = user
    review.save()
    return review


def _refuse_unless_draft(review):
    if not review.is_draft:
        raise ValidationError(_("The review is no longer a draft: its minutes can't be changed."))


@transaction.atomic
def review_take_snapshot(*, review, user, on=None):
    """Gather the inputs of 9.3.2 from the records as they stand now, into the review's twelve
    sections. Retaken while the review is a draft, it replaces the figures and keeps the
    commentary; an approved review's inputs are frozen for good."""
    from .review_snapshot import gather

    reviews = _review_models()
    review = reviews.ManagementReview.objects.select_for_update().get(pk=review.pk)
    _refuse_unless_draft(review)
    if not user.has_perm("qms.change_managementreview"):
        raise ValidationError(_("Only the ISO representative's office gathers the inputs."))
    on = on or today()
    data = gather(review, on)
    existing = {item.section: item for item in review.inputs.all()}
    for section, section_data in data.items():
        item = existing.get(section) or reviews.ReviewInput(review=review, section=section)
        item.data = section_data
        item._history_user = user
        item.save()
    review.snapshot_taken_at = timezone.now()
    review._history_user = user
    review.save(update_fields=["snapshot_taken_at", "updated_at"])
    return review


def review_comment(*, item, user):
    """Save the coordinator's commentary on one section (the form has set it)."""
    _refuse_unless_draft(item.review)
    item._history_user = user
    item.save(update_fields=["commentary", "updated_at"])
    return item


def review_action_save(*, action, user):
    """Add or change an output of a draft review (the form has set its fields)."""
    reviews = _review_models()
    _refuse_unless_draft(action.review)
    if action._state.adding and action.review.actions.count() >= reviews.MAX_REVIEW_ACTIONS:
        raise ValidationError(
            _("A review has at most %(limit)s actions.") % {"limit": reviews.MAX_REVIEW_ACTIONS}
        )
    action.full_clean()
    action._history_user = user
    action.save()
    return action


@transaction.atomic
def review_approve(*, review, user):
    """The chair approves the minutes: only a draft whose inputs have been gathered and whose
    conclusions are written. From then on the review is read-only."""
    from . import roles

    reviews = _review_models()
    review = reviews.ManagementReview.objects.select_for_update().get(pk=review.pk)
    _refuse_unless_draft(review)
    if not roles.can_approve_review(user, review):
        raise ValidationError(_("Only the review's chair, of top management, approves it."))
    if review.snapshot_taken_at is None:
        raise ValidationError(_("Gather the review's inputs before it is approved."))
    if not review.conclusions.strip():
        raise ValidationError(
            _("Write the conclusions on the quality management system before it is approved.")
        )
    review.status = reviews.ReviewStatus.APPROVED
    review.approved_at = timezone.now()
    review.approved_by = user
    review._history_user = user
    # The row is still a draft until this save, so the model's draft-only rule lets it pass.
    review.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    return review


@transaction.atomic
def review_archive(*, review, user):
    """Abandon a draft review: it is archived, never deleted."""
    reviews = _review_models()
    review = reviews.ManagementReview.objects.select_for_update().get(pk=review.pk)
    _refuse_unless_draft(review)
    review.status = reviews.ReviewStatus.ARCHIVED
    review._history_user = user
    # The model refuses a change to a review that is no longer a draft: the row is a draft
    # until this save, so save() lets it pass.
    review.save(update_fields=["status", "updated_at"])
    return review


@transaction.atomic
def review_action_close(*, action, user, note, on=None):
    """Record that an action of an approved review is done: what was done, when, by whom."""
    from . import roles

    reviews = _review_models()
    action = (
        reviews.ReviewAction.objects.select_for_update().select_related("review").get(pk=action.pk)
    )
    if not action.review.is_approved:
        raise ValidationError(_("An action is closed once its review has been approved."))
    if not roles.can_close_review_action(user, action):
        raise ValidationError(
            _("Only the action's owner or the ISO representative's office closes it.")
        )
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Say what was done."))
    if len(note) > reviews.NOTE:
        raise ValidationError(
            _("Say what was done in at most %(limit)s characters.") % {"limit": reviews.NOTE}
        )
    action.status = reviews.ReviewActionStatus.CLOSED
    action.closing_note = note
    action.closed_on = on or today()
    action.closed_by = user
    action._history_user = user
    action.save(update_fields=[*reviews.ReviewAction.CLOSURE_FIELDS, "updated_at"])
    return action
