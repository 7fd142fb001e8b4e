"""Controlled documents (clause 7.5): the register, versions and their workflow, read receipts.

A document is an identity (code, title, kind, process, unit); its versions carry the files. A
version goes draft -> in review -> in force -> superseded (or withdrawn); one approved to come into
force on a later date is scheduled until that day, while the edition before it stays in force. The
workflows that move versions live in qms/services/documents.py; the database guarantees at most
one version in force, one scheduled and one draft in work per document.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import (
    EDITION_TEXT,
    LATEST_DATE,
    NOTE,
    PROSE,
    ArchiveOnlyQuerySet,
    QualityHistory,
    QualityRecord,
    today,
)


class DocumentKind(models.TextChoices):
    QUALITY_BOOK = "quality_book", _("quality book or policy")
    PROCEDURE = "procedure", _("procedure")
    INSTRUCTION = "instruction", _("instruction")
    FORM = "form", _("form or template")
    EXTERNAL = "external", _("external document")
    RECORD = "record", _("record")


class DocumentStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    WITHDRAWN = "withdrawn", _("withdrawn")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    # Approved with a date in force still to come: services.editions_come_into_force switches it.
    SCHEDULED = "scheduled", _("approved, not yet in force")
    IN_FORCE = "in_force", _("in force")
    SUPERSEDED = "superseded", _("superseded")
    WITHDRAWN = "withdrawn", _("withdrawn")


WORK_IN_PROGRESS = [VersionStatus.DRAFT, VersionStatus.IN_REVIEW]


class ContentState(models.TextChoices):
    """What reading an edition's file for the search gave (qms.contents)."""

    PENDING = "pending", _("not read yet")
    TEXT = "text", _("text indexed")
    TRUNCATED = "truncated", _("text indexed up to the limit")
    NO_TEXT = "no_text", _("no text layer (a scan): found by its title only")
    UNREADABLE = "unreadable", _("could not be read: found by its title only")


class DocumentQuerySet(ArchiveOnlyQuerySet):
    def active(self):
        return self.filter(status=DocumentStatus.ACTIVE)

    def in_force(self):
        """Documents with a version in force."""
        return self.active().filter(versions__status=VersionStatus.IN_FORCE)

    def review_due(self, on=None):
        """Documents whose edition in force is past its review date. One join to the editions
        (a second filter() on them would join them again and count a product of rows)."""
        on = on or today()
        return self.active().filter(
            versions__status=VersionStatus.IN_FORCE, versions__next_review_on__lt=on
        )


class Document(QualityRecord):
    code = models.CharField(_("code"), max_length=40, unique=True, help_text=_("e.g. 'PR-03'"))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind)
    process = models.ForeignKey(
        "qms.Process",
        verbose_name=_("process"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    unit = models.ForeignKey(
        "qms.OrganisationalUnit",
        verbose_name=_("owning unit"),
        on_delete=models.PROTECT,
        related_name="owned_documents",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("document owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_documents",
        help_text=_("Reminded when the document is due for review."),
    )
    concerned_units = models.ManyToManyField(
        "qms.OrganisationalUnit",
        verbose_name=_("units it concerns"),
        blank=True,
        related_name="concerning_documents",
        help_text=_("Their staff are asked to confirm they have read each version in force."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus, default=DocumentStatus.ACTIVE
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), max_length=NOTE, blank=True)
    # For the search, kept by the services (qms.search.index): the code and title, and with them
    # the summaries of changes and the text of the editions staff may read.
    search_title = models.TextField(editable=False, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    # Whether an edition is in force or approved to come into force: what makes the document
    # visible to staff. Kept with the search's words by the services, so that the register and
    # the search count and rank the documents staff see on this table alone, without joining
    # every match to its editions (qms.filters.register_queryset).
    is_published = models.BooleanField(_("published to staff"), default=False, editable=False)

    objects = DocumentQuerySet.as_manager()

    history = QualityHistory(m2m_fields=["concerned_units"])

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="qms_document_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=DocumentStatus.values), name="qms_document_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=DocumentStatus.ACTIVE) | Q(withdrawn_at__isnull=False),
                name="qms_document_withdrawal_dated",
            ),
        ]
        permissions = [
            ("view_document_history", _("Can see drafts and superseded versions")),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("intranet:document_detail", args=[self.pk])

    @property
    def is_withdrawn(self):
        return self.status == DocumentStatus.WITHDRAWN

    @property
    def responsible(self):
        """Who answers for the document: its owner, or else its process's owner (or nobody)."""
        if self.owner_id:
            return self.owner
        return self.process.owner if self.process_id else None


def default_next_review(effective_on):
    """A year after the date in force, and never past the last date a record may carry."""
    if effective_on >= LATEST_DATE - datetime.timedelta(days=366):
        return LATEST_DATE
    try:
        return effective_on.replace(year=effective_on.year + 1)
    except ValueError:  # 29 February
        return effective_on + datetime.timedelta(days=365)


class DocumentVersionQuerySet(ArchiveOnlyQuerySet):
    def in_force(self):
        return self.filter(status=VersionStatus.IN_FORCE)

    def scheduled(self):
        return self.filter(status=VersionStatus.SCHEDULED)

    def due(self, on=None):
        """Scheduled editions whose date in force has come by `on` (today)."""
        return self.scheduled().filter(effective_on__lte=on or today())

    def visible_to(self, user):
        """Staff read the edition in force, and the one approved to follow it (qms.roles)."""
        if user.has_perm("qms.view_document_history"):
            return self
        return self.filter(status__in=[VersionStatus.IN_FORCE, VersionStatus.SCHEDULED])


class DocumentVersion(QualityRecord):
    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="versions"
    )
    revision = models.PositiveIntegerField(_("edition"))
    change_summary = models.TextField(_("summary of changes"), max_length=PROSE)
    # The file itself lives in private storage under a generated name; the name the user gave
    # is kept (cleaned) only to build a readable download name.
    file = models.FileField(_("file"), upload_to="documents/%Y/", max_length=300)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("content type"), max_length=100)
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus, default=VersionStatus.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted for review at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted for review by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    effective_on = models.DateField(_("in force from"), null=True, blank=True)
    next_review_on = models.DateField(_("next review due"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_comment = models.TextField(_("reviewer's comment"), max_length=PROSE, blank=True)
    # The file's text, read once when it is uploaded, for the search and its snippets.
    content = models.TextField(editable=False, blank=True, max_length=EDITION_TEXT)
    content_state = models.CharField(
        _("text for the search"),
        max_length=20,
        choices=ContentState,
        default=ContentState.PENDING,
        editable=False,
    )

    objects = DocumentVersionQuerySet.as_manager()

    history = QualityHistory()

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-revision"]
        permissions = [("approve_documentversion", _("Can approve document versions"))]
        indexes = [
            # The editions in force by their review date: the documents due for review (their
            # page, the home's count, the reminders) without reading every edition in force.
            models.Index(
                fields=["next_review_on"],
                condition=Q(status=VersionStatus.IN_FORCE),
                name="qms_documentversion_review_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "revision"],
                name="qms_documentversion_unique_revision",
                violation_error_message=_("This document already has a version with that edition."),
            ),
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(status=VersionStatus.IN_FORCE),
                name="qms_documentversion_one_in_force",
                violation_error_message=_("Another version of this document is already in force."),
            ),
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(status=VersionStatus.SCHEDULED),
                name="qms_documentversion_one_scheduled",
                violation_error_message=_(
                    "Another edition of this document is already approved to come into force later."
                ),
            ),
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(status__in=WORK_IN_PROGRESS),
                name="qms_documentversion_one_draft",
                violation_error_message=_(
                    "This document already has a draft in work; finish or withdraw it first."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=VersionStatus.values),
                name="qms_documentversion_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(content_state__in=ContentState.values),
                name="qms_documentversion_content_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=WORK_IN_PROGRESS)
                | Q(status=VersionStatus.WITHDRAWN)
                | Q(approver__isnull=False, approved_at__isnull=False, effective_on__isnull=False),
                name="qms_documentversion_approval_recorded",
            ),
            models.CheckConstraint(
                condition=Q(next_review_on__isnull=True)
                | Q(effective_on__isnull=True)
                | Q(next_review_on__gt=models.F("effective_on")),
                name="qms_documentversion_review_after_effective",
                violation_error_message=_("The review date must be after the date in force."),
            ),
        ]

    def __str__(self):
        return f"{self.revision}"

    def get_absolute_url(self):
        return reverse("intranet:document_detail", args=[self.document_id]) + f"#v{self.revision}"

    @property
    def is_in_force(self):
        return self.status == VersionStatus.IN_FORCE

    @property
    def is_scheduled(self):
        return self.status == VersionStatus.SCHEDULED

    @property
    def is_review_due(self):
        return (
            self.is_in_force and self.next_review_on is not None and self.next_review_on < today()
        )


class ReadConfirmation(models.Model):
    """A member of staff confirms they have read one exact version."""

    version = models.ForeignKey(
        DocumentVersion,
        verbose_name=_("document version"),
        on_delete=models.PROTECT,
        related_name="read_confirmations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="read_confirmations",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)

    history = QualityHistory()

    class Meta:
        verbose_name = _("read confirmation")
        verbose_name_plural = _("read confirmations")
        ordering = ["-confirmed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "user"], name="qms_readconfirmation_once_per_version"
            ),
        ]

    def __str__(self):
        return f"{self.version_id}/{self.user_id}"

    def get_absolute_url(self):
        return self.version.get_absolute_url()
