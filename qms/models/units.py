"""The office's organisational units (wydziały, biura) and the staff who work in them."""

import simple_history
from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import QualityHistory, QualityRecord


class UnitKind(models.TextChoices):
    DEPARTMENT = "department", _("department")
    OFFICE = "office", _("office")
    SECTION = "section", _("section")
    POSITION = "position", _("independent position")


class OrganisationalUnit(QualityRecord):
    """A komórka organizacyjna: Wydział, Biuro, Referat or an independent post."""

    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("e.g. 'WRU'"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind, default=UnitKind.DEPARTMENT)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head of unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="headed_units",
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = QualityHistory()

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=UnitKind.values), name="qms_organisationalunit_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def get_absolute_url(self):
        return reverse("intranet:document_list") + f"?unit={self.pk}"


class StaffProfile(models.Model):
    """Where a member of staff works: their unit and position."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    unit = models.ForeignKey(
        OrganisationalUnit,
        verbose_name=_("organisational unit"),
        on_delete=models.PROTECT,
        related_name="staff",
    )
    position = models.CharField(_("position"), max_length=200, blank=True)

    history = QualityHistory()

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        ordering = ["unit__code", "user__last_name", "user__first_name"]

    def __str__(self):
        return self.position or str(self.pk)


# Accounts have their change history too (who was given a role, who was deactivated). Never the
# password hash (a hash in a history table is a leak that outlives every password change), nor
# the last login (noise: a row for each sign-in).
simple_history.register(
    User,
    app="qms",
    records_class=QualityHistory,
    excluded_fields=["password", "last_login"],
    m2m_fields=["groups"],
)
