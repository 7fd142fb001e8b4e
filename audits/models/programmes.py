"""The ISO 9001 clauses, the starter questions and the yearly audit programme (clause 9.2)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qms.models import (
    LINE,
    PROSE,
    QualityHistory,
    QualityRecord,
)

# How many questions, findings and actions one audit holds: more than any real audit needs, few
# enough that its report stays a document a person reads (and quick to typeset).
MAX_QUESTIONS = 120
MAX_FINDINGS = 20
MAX_ACTIONS = 5


class Clause(models.Model):
    """A clause of ISO 9001:2015 (4–10), with its title in both languages."""

    number = models.CharField(_("clause"), max_length=10, unique=True)
    title_pl = models.CharField(_("title (Polish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    sort_key = models.CharField(max_length=40, editable=False)

    class Meta:
        verbose_name = _("ISO 9001 clause")
        verbose_name_plural = _("ISO 9001 clauses")
        ordering = ["sort_key"]

    def __str__(self):
        return self.number

    @property
    def title(self):
        from django.utils.translation import get_language

        return self.title_en if (get_language() or "pl").startswith("en") else self.title_pl


class QuestionTemplate(models.Model):
    """A starter checklist question, copied into an audit's checklist and extended there."""

    clause = models.ForeignKey(
        Clause, verbose_name=_("clause"), on_delete=models.PROTECT, related_name="questions"
    )
    text_pl = models.TextField(_("question (Polish)"), max_length=LINE)
    text_en = models.TextField(_("question (English)"), max_length=LINE)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("checklist question template")
        verbose_name_plural = _("checklist question templates")
        ordering = ["clause__sort_key", "order", "pk"]

    def __str__(self):
        return self.text_pl[:60]


class AuditProgramme(QualityRecord):
    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    objectives = models.TextField(_("objectives of the programme"), max_length=PROSE, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.CharField(_("approved by"), max_length=200, blank=True)

    history = QualityHistory()

    class Meta:
        verbose_name = _("audit programme")
        verbose_name_plural = _("audit programmes")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)

    def get_absolute_url(self):
        return reverse("audits:programme_detail", args=[self.year])
