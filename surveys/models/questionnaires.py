"""Questionnaires: questions in groups, each answered 1-5 or "not applicable"; frozen by the
first response, so that every result says which questions it answers."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qms.models.base import (
    PROSE,
    QualityHistory,
    QualityRecord,
)

# The scale of every question: 1 (very bad) to 5 (very good); None is "not applicable".
SCORES = range(1, 6)


class Questionnaire(QualityRecord):
    """A set of questions in groups. Frozen once a response uses it (`frozen_at`): a change then
    makes a new version, so every result says which questions it answers."""

    title = models.CharField(_("title"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    introduction = models.TextField(_("introduction"), max_length=PROSE, blank=True)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True, editable=False)

    history = QualityHistory()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "version"],
                name="surveys_questionnaire_unique_version",
                violation_error_message=_("This questionnaire already has that version."),
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="surveys_questionnaire_version_positive"
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self):
        return reverse("surveys:questionnaire_detail", args=[self.pk])

    @property
    def is_frozen(self):
        return self.frozen_at is not None

    def clean(self):
        refuse_if_frozen(Questionnaire.objects.filter(pk=self.pk))


FROZEN = _(
    "This questionnaire has responses, so it can no longer be changed: the results must say "
    "which questions were answered. Make a new version of it and change that one."
)


def refuse_if_frozen(questionnaires):
    """A ValidationError when the questionnaire of `questionnaires` is frozen, as the database
    has it now (a response may have frozen it since the page was read). Each part of a
    questionnaire asks this in its clean(), so that no form or workflow edits a frozen one."""
    if questionnaires.filter(frozen_at__isnull=False).exists():
        raise ValidationError(FROZEN, code="frozen")


class QuestionGroup(QualityRecord):
    """A group of questions answered together: Wizerunek, Kompetencje, Terminowość …"""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.PROTECT,
        related_name="groups",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=100)

    history = QualityHistory()

    class Meta:
        verbose_name = _("question group")
        verbose_name_plural = _("question groups")
        ordering = ["questionnaire", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "position"], name="surveys_questiongroup_unique_position"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("surveys:questionnaire_detail", args=[self.questionnaire_id]) + (
            f"#group-{self.pk}"
        )

    def clean(self):
        if self.questionnaire_id:
            refuse_if_frozen(Questionnaire.objects.filter(pk=self.questionnaire_id))


class Question(QualityRecord):
    group = models.ForeignKey(
        QuestionGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("question"), max_length=300)

    history = QualityHistory()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["group", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "position"], name="surveys_question_unique_position"
            ),
        ]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("surveys:questionnaire_detail", args=[self.group.questionnaire_id]) + (
            f"#question-{self.pk}"
        )

    def clean(self):
        if self.group_id:
            refuse_if_frozen(Questionnaire.objects.filter(groups=self.group_id))
