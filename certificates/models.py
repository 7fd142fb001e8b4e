"""Certification bodies, ISO 9001 certificates and the external audits that grant and keep them."""

import datetime

from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qms.models import NOTE, PROSE, ArchiveOnlyQuerySet, QualityHistory, QualityRecord, today
from qms.uploads import validate_pdf

DEFAULT_STANDARD = "PN-EN ISO 9001:2015-10"


class CertificationBody(QualityRecord):
    name = models.CharField(_("name"), max_length=200, unique=True)
    accreditation = models.CharField(
        _("accreditation"), max_length=200, blank=True, help_text=_("e.g. 'PCA, AC 123'")
    )
    address = models.TextField(_("address"), max_length=NOTE, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive bodies stay in the history.")
    )

    history = QualityHistory()

    class Meta:
        verbose_name = _("certification body")
        verbose_name_plural = _("certification bodies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("certificates:body_update", args=[self.pk])


# Certificates run for three years (four, when extended); ten is surely a typing slip.
MAX_VALIDITY = datetime.timedelta(days=3653)


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("valid")
    SUSPENDED = "suspended", _("suspended")
    WITHDRAWN = "withdrawn", _("withdrawn")
    # Never stored: a valid certificate whose validity has run out is shown as expired.
    EXPIRED = "expired", _("expired")


STORED_STATUSES = [
    CertificateStatus.VALID,
    CertificateStatus.SUSPENDED,
    CertificateStatus.WITHDRAWN,
]


class CertificateQuerySet(ArchiveOnlyQuerySet):
    def in_validity(self, on=None):
        on = on or today()
        return self.filter(status=CertificateStatus.VALID, valid_from__lte=on, valid_until__gte=on)

    def current(self, on=None):
        """The certificate in force today, the one valid longest when two overlap."""
        return self.in_validity(on).select_related("body").order_by("-valid_until").first()

    def held_since(self, on=None):
        """The first day of the unbroken run of certification that reaches `on`, or None.

        Certificates chain when the next one starts no later than the day after the previous one
        ended; a suspension or withdrawal ends a certificate on the day its status changed.
        """
        on = on or today()
        run_start = run_end = None
        for cert in self.filter(valid_from__lte=on).order_by("valid_from", "pk"):
            end = cert.effective_end
            # A gap of more than a day breaks the run (subtracting dates cannot overflow).
            if run_end is None or (cert.valid_from - run_end).days > 1:
                run_start, run_end = cert.valid_from, end
            else:
                run_end = max(run_end, end)
        if run_end is not None and run_end >= on:
            return run_start
        return None


class Certificate(QualityRecord):
    number = models.CharField(_("certificate number"), max_length=100, unique=True)
    body = models.ForeignKey(
        CertificationBody,
        verbose_name=_("certification body"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    standard = models.CharField(_("standard"), max_length=100, default=DEFAULT_STANDARD)
    scope = models.TextField(_("scope of certification"), max_length=PROSE)
    issued_on = models.DateField(_("issued on"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=[(s.value, s.label) for s in STORED_STATUSES],
        default=CertificateStatus.VALID,
        help_text=_("Expiry follows from the dates and is not set by hand."),
    )
    status_changed_on = models.DateField(
        _("suspended or withdrawn on"),
        null=True,
        blank=True,
        help_text=_("Required when the certificate is suspended or withdrawn."),
    )
    scan = models.FileField(
        _("scan (PDF)"),
        upload_to="certificates/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
    )

    objects = CertificateQuerySet.as_manager()

    history = QualityHistory()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in STORED_STATUSES]),
                name="certificates_certificate_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gt=F("valid_from")),
                name="certificates_certificate_valid_until_after_from",
                violation_error_message=_("'Valid until' must be later than 'valid from'."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__lte=F("valid_from") + MAX_VALIDITY),
                name="certificates_certificate_validity_at_most_10_years",
                violation_error_message=_(
                    "A certificate is valid for at most 10 years (usually 3): check the dates."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status=CertificateStatus.VALID) | Q(status_changed_on__isnull=False),
                name="certificates_certificate_status_change_dated",
                violation_error_message=_(
                    "Give the date on which the certificate was suspended or withdrawn."
                ),
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("public:certificate_detail", args=[self.pk])

    @property
    def display_status(self):
        if self.status == CertificateStatus.VALID and self.valid_until < today():
            return CertificateStatus.EXPIRED
        return CertificateStatus(self.status)

    @property
    def is_in_validity(self):
        return self.display_status == CertificateStatus.VALID and self.valid_from <= today()

    @property
    def effective_end(self):
        if self.status != CertificateStatus.VALID and self.status_changed_on:
            return min(self.status_changed_on, self.valid_until)
        return self.valid_until

    @property
    def scan_is_public(self):
        """A suspended or withdrawn certificate stays on the public page with its status, but
        its scan, which looks like proof of certification, is for staff only."""
        return self.status == CertificateStatus.VALID

    @property
    def days_left(self):
        return (self.valid_until - today()).days


class AuditKind(models.TextChoices):
    CERTIFICATION = "certification", _("certification audit")
    SURVEILLANCE = "surveillance", _("surveillance audit")
    RECERTIFICATION = "recertification", _("recertification audit")


class AuditResult(models.TextChoices):
    POSITIVE = "positive", _("positive")
    CONDITIONAL = "conditional", _("positive after nonconformities are closed")
    NEGATIVE = "negative", _("negative")
    PENDING = "pending", _("awaiting the body's decision")


class ExternalAuditQuerySet(ArchiveOnlyQuerySet):
    def published(self):
        return self.filter(is_archived=False)

    def latest_held(self, on=None):
        on = on or today()
        return (
            self.published()
            .filter(first_day__lte=on)
            .select_related("body", "certificate")
            .order_by("-last_day", "-pk")
            .first()
        )


class ExternalAudit(QualityRecord):
    """An audit by the certification body: certification, surveillance or recertification."""

    kind = models.CharField(_("kind of audit"), max_length=20, choices=AuditKind)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    body = models.ForeignKey(
        CertificationBody,
        verbose_name=_("certification body"),
        on_delete=models.PROTECT,
        related_name="audits",
    )
    lead_auditor = models.CharField(_("lead auditor"), max_length=200)
    result = models.CharField(
        _("result"), max_length=20, choices=AuditResult, default=AuditResult.PENDING
    )
    summary = models.TextField(
        _("summary for residents"),
        max_length=PROSE,
        blank=True,
        help_text=_("Shown on the public page."),
    )
    strengths = models.TextField(
        _("strengths named by the auditors"),
        max_length=PROSE,
        blank=True,
        help_text=_("One per line."),
    )
    improvement_areas = models.TextField(
        _("areas for improvement"), max_length=PROSE, blank=True, help_text=_("One per line.")
    )
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audits",
        help_text=_("The certificate this audit led to or maintained."),
    )
    is_archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("Archived audits are hidden from the public page."),
    )

    objects = ExternalAuditQuerySet.as_manager()

    history = QualityHistory()

    class Meta:
        verbose_name = _("external audit")
        verbose_name_plural = _("external audits")
        ordering = ["-first_day", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AuditKind.values), name="certificates_externalaudit_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(result__in=AuditResult.values),
                name="certificates_externalaudit_result_valid",
            ),
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")),
                name="certificates_externalaudit_ends_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.first_day:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("certificates:externalaudit_update", args=[self.pk])

    @property
    def strength_list(self):
        return [line.strip(" -•\t") for line in self.strengths.splitlines() if line.strip(" -•\t")]

    @property
    def improvement_list(self):
        return [
            line.strip(" -•\t")
            for line in self.improvement_areas.splitlines()
            if line.strip(" -•\t")
        ]
