"""The organisation, its ISO representative and its quality policy."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import LONG_PROSE, NOTE, ArchiveOnlyQuerySet, QualityHistory, QualityRecord


class Organisation(QualityRecord):
    """The certified office. One row (pk=1), enforced by the database."""

    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), max_length=NOTE, blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    phone = models.CharField(_("public phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    # BIP 'metryczka' of the public quality page: who prepared and who published its content.
    content_prepared_by = models.CharField(
        _("content prepared by"),
        max_length=200,
        blank=True,
        help_text=_("Shown in the public page's publication details, e.g. a person and unit."),
    )
    content_published_by = models.CharField(_("content published by"), max_length=200, blank=True)
    content_published_on = models.DateField(_("first published on"), null=True, blank=True)
    accessibility_contact = models.CharField(
        _("accessibility contact person"),
        max_length=200,
        blank=True,
        help_text=_("Named in the accessibility statement; e-mail and phone are the public ones."),
    )
    accessibility_reviewed_on = models.DateField(
        _("accessibility statement last reviewed on"), null=True, blank=True
    )
    is_demo = models.BooleanField(
        _("demonstration data"),
        default=False,
        help_text=_("Shows a 'demonstration data' notice on every page."),
    )

    history = QualityHistory()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="qms_organisation_single_row"),
        ]
        # Not tied to a model: it opens the change history ("rejestr zmian") of every record.
        permissions = [
            ("view_change_history", _("Can view the change history of records")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:quality_page")

    @classmethod
    def load(cls):
        """The organisation, or an unsaved placeholder before the office has been set up."""
        return cls.objects.filter(pk=1).first() or cls(pk=1, name=_("Quality management"))


# A coarse shape check the database can make: something@domain.tld, no spaces. The form's
# EmailValidator is stricter; this only stops a malformed address that bypasses it.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class RepresentativeQuerySet(ArchiveOnlyQuerySet):
    def current(self):
        return self.filter(is_current=True).first()


class Representative(QualityRecord):
    """The ISO representative (Pełnomocnik ds. SZJ). Earlier appointments stay as history."""

    full_name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(
        _("official title"),
        max_length=200,
        help_text=_("e.g. 'Pełnomocnik Prezydenta Miasta ds. ISO'"),
    )
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    appointed_on = models.DateField(_("appointed on"))
    appointed_by = models.CharField(
        _("appointed by"), max_length=200, help_text=_("e.g. 'Prezydent Miasta Zabrze'")
    )
    ended_on = models.DateField(_("term ended on"), null=True, blank=True)
    is_current = models.BooleanField(_("current representative"), default=False)

    objects = RepresentativeQuerySet.as_manager()

    history = QualityHistory()

    class Meta:
        verbose_name = _("ISO representative")
        verbose_name_plural = _("ISO representatives")
        ordering = ["-is_current", "-appointed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="qms_representative_one_current",
                violation_error_message=_("Another representative is already current."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("appointed_on")),
                name="qms_representative_ends_after_appointment",
                violation_error_message=_("The term cannot end before the appointment."),
            ),
            models.CheckConstraint(
                condition=Q(email__regex=EMAIL_PATTERN),
                name="qms_representative_email_valid",
                violation_error_message=_("Enter a valid e-mail address."),
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | Q(ended_on__isnull=True),
                name="qms_representative_current_has_no_end",
                violation_error_message=_("A current representative has no end of term."),
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.title})"

    def get_absolute_url(self):
        return reverse("intranet:representative_update", args=[self.pk])

    @property
    def phone_uri(self):
        """The phone number as a tel: URI, e.g. (32) 373 33 70 -> tel:+48323733370."""
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        if not digits:
            return ""
        if not digits.startswith("+"):
            digits = "+48" + digits.lstrip("0")
        return f"tel:{digits}"


class PolicyStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_FORCE = "in_force", _("in force")
    SUPERSEDED = "superseded", _("superseded")


class QualityPolicyQuerySet(ArchiveOnlyQuerySet):
    def in_force(self):
        return self.filter(status=PolicyStatus.IN_FORCE).first()


class QualityPolicy(QualityRecord):
    """A version of the quality policy (clause 5.2). One version is in force at a time."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    text = models.TextField(
        _("text"), max_length=LONG_PROSE, help_text=_("Paragraphs separated by an empty line.")
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.CharField(
        _("approved by"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 'Prezydent Miasta Zabrze, zarządzenie nr …'"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PolicyStatus, default=PolicyStatus.DRAFT
    )
    put_in_force_at = models.DateTimeField(_("put in force at"), null=True, blank=True)
    put_in_force_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("put in force by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = QualityPolicyQuerySet.as_manager()

    history = QualityHistory()

    class Meta:
        verbose_name = _("quality policy")
        verbose_name_plural = _("quality policies")
        ordering = ["-version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PolicyStatus.values), name="qms_qualitypolicy_status_valid"
            ),
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status=PolicyStatus.IN_FORCE),
                name="qms_qualitypolicy_one_in_force",
                violation_error_message=_("Another version of the policy is already in force."),
            ),
            models.CheckConstraint(
                condition=Q(status=PolicyStatus.DRAFT) | Q(approved_on__isnull=False),
                name="qms_qualitypolicy_approved_when_in_force",
                violation_error_message=_("A policy in force needs its approval date."),
            ),
        ]

    def __str__(self):
        return f"v{self.version}"

    def get_absolute_url(self):
        return reverse("intranet:policy_update", args=[self.pk])

    @property
    def paragraphs(self):
        return [p.strip() for p in self.text.replace("\r\n", "\n").split("\n\n") if p.strip()]

    @property
    def is_editable(self):
        return self.status == PolicyStatus.DRAFT
