"""Campaigns and what residents send: a questionnaire open for a period at a short address, its
responses and their answers, and the daily tally of responses per address (under a hash)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Avg, Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qms.models.base import (
    NOTE,
    PROSE,
    ArchiveOnlyQuerySet,
    KeptRecord,
    QualityHistory,
    QualityRecord,
)

from .questionnaires import Question, Questionnaire


class Channel(models.TextChoices):
    """How the resident dealt with the office in the matter they rate."""

    IN_PERSON = "in_person", _("in person, at the office")
    PHONE = "phone", _("by phone")
    EMAIL = "email", _("by e-mail")
    EPUAP = "epuap", _("through ePUAP")


class Source(models.TextChoices):
    """How the response reached the office."""

    ONLINE = "online", _("online form")
    PAPER = "paper", _("paper form, entered by staff")


# A resident is satisfied with what a question asks about when they give it 4 or 5.
SATISFIED = 4


class CampaignQuerySet(ArchiveOnlyQuerySet):
    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day)

    def with_figures(self):
        """Each campaign with its headline figures, in one query whatever the number of
        responses: `response_count`, `answer_count` (scores given, "not applicable" left out),
        `satisfied_count` (scores of SATISFIED or more) and `score_mean` (None without answers).
        Campaign.satisfaction_index turns them into the share of satisfied answers."""
        responses = (
            Response.objects.filter(campaign=OuterRef("pk"))
            .order_by()
            .values("campaign")
            .annotate(n=Count("pk"))
            .values("n")
        )
        scores = Answer.objects.filter(
            response__campaign=OuterRef("pk"), score__isnull=False
        ).order_by()

        def over_scores(aggregate):
            return Subquery(scores.values("response__campaign").annotate(v=aggregate).values("v"))

        return self.annotate(
            response_count=Coalesce(Subquery(responses), 0),
            answer_count=Coalesce(over_scores(Count("pk")), 0),
            satisfied_count=Coalesce(over_scores(Count("pk", filter=Q(score__gte=SATISFIED))), 0),
            score_mean=over_scores(Avg("score")),
        )


class Campaign(QualityRecord):
    """A questionnaire open to residents from `opens_on` to `closes_on` (a year for a survey
    that runs all year), at the short address /ankieta/<code>/."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(
        _("short address"),
        max_length=20,
        unique=True,
        help_text=_("The end of the survey's address, e.g. '2026' for /ankieta/2026/."),
    )
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    results_published_at = models.DateTimeField(
        _("results published at"), null=True, blank=True, editable=False
    )
    # What the coordinator draws from the results: the report's last section.
    conclusions = models.TextField(_("conclusions"), max_length=PROSE, blank=True)

    objects = CampaignQuerySet.as_manager()
    history = QualityHistory()

    class Meta:
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")
        ordering = ["-opens_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")),
                name="surveys_campaign_closes_after_it_opens",
                violation_error_message=_("A campaign cannot close before it opens."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:survey_form", args=[self.code])

    @property
    def is_published(self):
        return self.results_published_at is not None

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on

    @property
    def phase(self):
        """ "upcoming", "open" or "closed", today."""
        day = timezone.localdate()
        if day < self.opens_on:
            return "upcoming"
        return "open" if day <= self.closes_on else "closed"

    def clean(self):
        # Results count each answer against the questions its questionnaire asked: once a
        # campaign has responses, it keeps the version they answered.
        if self.pk is None or self.questionnaire_id is None:
            return
        was = Campaign.objects.filter(pk=self.pk).values_list("questionnaire", flat=True).first()
        if was != self.questionnaire_id and Response.objects.filter(campaign=self.pk).exists():
            refused = ValidationError(
                _(
                    "This campaign already has responses to the questionnaire it uses, so it "
                    "keeps that one. Open a new campaign for the new version."
                ),
                code="has_responses",
            )
            raise ValidationError({"questionnaire": refused})

    @property
    def satisfaction_index(self):
        """The share of satisfied answers (0 to 1) among the scores given, from the figures of
        CampaignQuerySet.with_figures; None without any score."""
        if not self.answer_count:
            return None
        return self.satisfied_count / self.answer_count


class Response(KeptRecord):
    """One resident's filled questionnaire: their answers, the unit and channel of their
    matter, and a comment. Nothing here says who they are or where they wrote from. Written
    once and never changed: kept for good, with no change history."""

    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="responses"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source, default=Source.ONLINE)
    channel = models.CharField(_("how the matter was dealt with"), max_length=10, choices=Channel)
    unit = models.ForeignKey(
        "qms.OrganisationalUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="survey_responses",
    )
    comment = models.TextField(_("comment"), max_length=NOTE, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source__in=Source.values), name="surveys_response_source_valid"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="surveys_response_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(source=Source.ONLINE, entered_by__isnull=True)
                | Q(source=Source.PAPER, entered_by__isnull=False),
                name="surveys_response_paper_names_its_clerk",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("comment"), NOTE),
                name="surveys_response_comment_length",
            ),
        ]

    def __str__(self):
        return f"{self.campaign_id}/{self.pk}"


class Answer(KeptRecord):
    """One question's score in a response (None: not applicable); never changed."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.PROTECT, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, help_text=_("1 to 5; empty: not applicable.")
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["response", "question"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="surveys_answer_one_per_question"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="surveys_answer_score_on_the_scale",
            ),
        ]

    def __str__(self):
        return f"{self.question_id}: {self.score or '-'}"


class DailyTally(models.Model):
    """How many responses came today from one address, under a hash of the address salted with
    a key of the day (surveys.services.address_digest): the address cannot be read back, and
    tomorrow the same address gives another hash. No response points here. Not a quality
    record: rows of days gone are removed as new ones come."""

    day = models.DateField(_("day"))
    digest = models.CharField(_("digest"), max_length=64)
    count = models.PositiveIntegerField(_("responses"), default=0)

    class Meta:
        verbose_name = _("daily tally")
        verbose_name_plural = _("daily tallies")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["day", "digest"], name="surveys_dailytally_unique"),
        ]

    def __str__(self):
        return f"{self.day:%Y-%m-%d}"

    @classmethod
    def forget_before(cls, day: datetime.date):
        cls.objects.filter(day__lt=day).delete()
