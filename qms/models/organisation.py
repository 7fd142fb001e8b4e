"""The organisation, its ISO representative and its quality policy."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import LONG_PROSE, NOTE, PROSE, ArchiveOnlyQuerySet, QualityHistory, QualityRecord


class AccessibilityStatus(models.TextChoices):
    """The three states of compliance an accessibility statement may declare (ustawa z dnia
    4 kwietnia 2019 r. o dostępności cyfrowej, art. 10)."""

    COMPLIANT = "compliant", _("compliant")
    PARTIALLY_COMPLIANT = "partially_compliant", _("partially compliant")
    NON_COMPLIANT = "non_compliant", _("not compliant")


# The statement is a legal document in Polish and software reads these words from it
# (id="a11y-status"), so they stay Polish in every language of the site.
STATUTORY_STATUS = {
    AccessibilityStatus.COMPLIANT: "zgodna",
    AccessibilityStatus.PARTIALLY_COMPLIANT: "częściowo zgodna",
    AccessibilityStatus.NON_COMPLIANT: "niezgodna",
}


class Organisation(QualityRecord):
    """The certified office. One row (pk=1), enforced by the database."""

    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), max_length=NOTE, blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    phone = models.CharField(_("public phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    # BIP 'metryczka' of the public pages: who produced the information, who answers for it,
    # who entered it, and when it was produced and first published.
    content_prepared_by = models.CharField(
        _("content prepared by"),
        max_length=200,
        blank=True,
        help_text=_("Shown in the public page's publication details, e.g. a person and unit."),
    )
    content_responsible = models.CharField(
        _("responsible for the content"),
        max_length=200,
        blank=True,
        help_text=_("A position or unit; a person's name only if the office publishes it."),
    )
    content_published_by = models.CharField(_("content entered by"), max_length=200, blank=True)
    content_produced_on = models.DateField(_("content produced on"), null=True, blank=True)
    content_published_on = models.DateField(_("first published on"), null=True, blank=True)
    # The accessibility statement (deklaracja dostępności), in the structure of the Minister's
    # technical conditions, version 2.0 of 31 July 2024.
    accessibility_status = models.CharField(
        _("compliance with the digital accessibility act"),
        max_length=30,
        choices=AccessibilityStatus,
        default=AccessibilityStatus.PARTIALLY_COMPLIANT,
    )
    accessibility_site_published_on = models.DateField(
        _("website published on"), null=True, blank=True
    )
    accessibility_site_updated_on = models.DateField(
        _("last significant update of the website"), null=True, blank=True
    )
    accessibility_prepared_on = models.DateField(
        _("accessibility statement prepared on"),
        null=True,
        blank=True,
        help_text=_("The date the statement was first prepared; it stays when it is reviewed."),
    )
    accessibility_reviewed_on = models.DateField(
        _("accessibility statement last reviewed on"), null=True, blank=True
    )
    accessibility_nonconformities = models.TextField(
        _("content that does not meet the requirements"),
        max_length=PROSE,
        blank=True,
        help_text=_("One item a line: what is not accessible, and how to get it otherwise."),
    )
    accessibility_exclusions = models.TextField(
        _("content outside the act's scope"),
        max_length=PROSE,
        blank=True,
        help_text=_("One item a line, each with the provision that excludes it."),
    )
    accessibility_burden_analysis_url = models.URLField(
        _("analysis of disproportionate burden"),
        blank=True,
        help_text=_("Only when a disproportionate burden is the reason content is not accessible."),
    )
    accessibility_auditor = models.CharField(
        _("external accessibility auditor"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty when the statement rests on the office's own assessment."),
    )
    accessibility_contact = models.CharField(
        _("accessibility contact person"),
        max_length=200,
        blank=True,
        help_text=_("Named in the accessibility statement; a unit or a published name."),
    )
    accessibility_email = models.EmailField(
        _("accessibility contact e-mail"),
        blank=True,
        help_text=_("Empty: the public e-mail."),
    )
    accessibility_phone = models.CharField(
        _("accessibility contact phone"),
        max_length=40,
        blank=True,
        help_text=_("Empty: the public phone."),
    )
    accessibility_procedure = models.TextField(
        _("where to send accessibility complaints"),
        max_length=NOTE,
        blank=True,
        help_text=_("Who handles a complaint about a refused request, and at which address."),
    )
    accessibility_architecture = models.TextField(
        _("architectural accessibility"),
        max_length=LONG_PROSE,
        blank=True,
        help_text=_("The buildings: entrances, lifts, toilets, parking, induction loops."),
    )
    accessibility_communication = models.TextField(
        _("communication and information accessibility"),
        max_length=PROSE,
        blank=True,
        help_text=_("Sign language interpreting, contact by text message or e-mail, easy text."),
    )
    accessibility_apps = models.TextField(
        _("mobile applications"),
        max_length=NOTE,
        blank=True,
        help_text=_("The office's mobile applications and their statements; empty if none."),
    )
    # The context of the organisation (4.1, 4.3): whether climate change is a relevant issue
    # (amendment 1 of 2024; None: not stated yet), and the scope of the quality system.
    climate_change_relevant = models.BooleanField(
        _("climate change is a relevant issue"), null=True, blank=True
    )
    climate_change_reasoning = models.TextField(
        _("reasoning on climate change"), max_length=PROSE, blank=True
    )
    qms_scope = models.TextField(
        _("scope of the quality management system"),
        max_length=PROSE,
        blank=True,
        help_text=_("The services, sites and processes the system covers."),
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
            models.CheckConstraint(
                condition=Q(accessibility_status__in=AccessibilityStatus.values),
                name="qms_organisation_accessibility_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(accessibility_site_updated_on__isnull=True)
                | Q(accessibility_site_published_on__isnull=True)
                | Q(accessibility_site_updated_on__gte=F("accessibility_site_published_on")),
                name="qms_organisation_site_updated_after_published",
                violation_error_message=_(
                    "The website cannot have been updated before it was published."
                ),
            ),
            models.CheckConstraint(
                condition=Q(accessibility_reviewed_on__isnull=True)
                | Q(accessibility_prepared_on__isnull=True)
                | Q(accessibility_reviewed_on__gte=F("accessibility_prepared_on")),
                name="qms_organisation_statement_reviewed_after_prepared",
                violation_error_message=_(
                    "The statement cannot have been reviewed before it was prepared."
                ),
            ),
            models.CheckConstraint(
                condition=Q(climate_change_relevant__isnull=True) | ~Q(climate_change_reasoning=""),
                name="qms_organisation_climate_change_reasoned",
                violation_error_message=_("Give the reasoning behind the climate statement."),
            ),
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

    # --- The accessibility statement ---

    @property
    def statutory_status(self):
        return STATUTORY_STATUS.get(self.accessibility_status, "")

    @property
    def accessibility_contact_email(self):
        return self.accessibility_email or self.email

    @property
    def accessibility_contact_phone(self):
        return self.accessibility_phone or self.phone

    @property
    def accessibility_phone_uri(self):
        return tel_uri(self.accessibility_contact_phone)

    @property
    def accessibility_nonconformity_list(self):
        return _lines(self.accessibility_nonconformities)

    @property
    def accessibility_exclusion_list(self):
        return _lines(self.accessibility_exclusions)

    @property
    def accessibility_app_list(self):
        return _lines(self.accessibility_apps)


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def tel_uri(phone):
    """A Polish phone number as a tel: URI, e.g. (32) 373 33 70 -> tel:+48323733370."""
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    if not digits:
        return ""
    if not digits.startswith("+"):
        digits = "+48" + digits.lstrip("0")
    return f"tel:{digits}"


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
