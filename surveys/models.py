"""The residents' satisfaction survey (badanie satysfakcji klientów, ISO 9001 clause 9.1.2).

A questionnaire holds questions in groups, each answered on a 1-5 scale or "not applicable"; a
campaign opens a questionnaire to residents for a period at a short address; each response
keeps its answers, the unit and channel the resident dealt with, and one comment. What makes a
resident identifiable is never stored: no name, e-mail, IP address or user agent. The limit of
answers per address per day is counted in DailyTally, under a hash of the address salted with a
key that changes every day, in a table no response points to.
"""

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
from django.utils.translation import pgettext_lazy

from qms.models.base import (
    NOTE,
    PROSE,
    ArchiveOnlyQuerySet,
    KeptRecord,
    QualityHistory,
    QualityRecord,
)

# The scale of every question: 1 (very bad) to 5 (very good); None is "not applicable".
SCORES = range(1, 6)


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


# Actions taken on residents' comments (issue 13, item 4)


class ActionKind(models.TextChoices):
    """What a comment leads to: an improvement of what works (ISO 9001 clause 10.3), or the
    correction of what went wrong (clause 10.2)."""

    IMPROVEMENT = "improvement", _("improvement action")
    CORRECTIVE = "corrective", _("corrective action")


class CommentActionStatus(models.TextChoices):
    """Open until the person responsible reports it done; closed by the coordinator's office."""

    OPEN = "open", pgettext_lazy("comment action", "open")
    DONE = "done", pgettext_lazy("comment action", "done")
    CLOSED = "closed", pgettext_lazy("comment action", "closed")


# A comment leads to a few actions at most (an improvement and a correction, say): more are
# one action written several times.
MAX_ACTIONS_PER_COMMENT = 5
# How far ahead an action may be due: the survey runs for a year, and so does its follow-up.
MAX_DUE_DAYS = 366


class CommentActionQuerySet(ArchiveOnlyQuerySet):
    def overdue(self, on=None):
        return self.filter(status=CommentActionStatus.OPEN, due_on__lt=on or timezone.localdate())

    def visible_to(self, user):
        """Who reads the responses (the coordinator, auditors) reads every action; anyone
        else (a process owner) the actions they are responsible for."""
        if user.has_perm("surveys.view_response"):
            return self
        if user.has_perm("surveys.view_commentaction"):
            return self.filter(responsible=user)
        return self.none()


class CommentAction(QualityRecord):
    """An improvement or corrective action that a resident's comment led to, assigned to a
    process and the person responsible for it (its owner, unless the office names another).
    The person responsible reports it done; the coordinator's office closes it. Never deleted."""

    response = models.ForeignKey(
        Response,
        verbose_name=_("comment"),
        on_delete=models.PROTECT,
        related_name="actions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActionKind)
    process = models.ForeignKey(
        "qms.Process",
        verbose_name=_("process"),
        on_delete=models.PROTECT,
        related_name="survey_actions",
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="survey_actions",
    )
    action = models.TextField(_("what will be done"), max_length=NOTE)
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=CommentActionStatus, default=CommentActionStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.TextField(_("what was done"), max_length=NOTE, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported done by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = CommentActionQuerySet.as_manager()
    history = QualityHistory()

    class Meta:
        verbose_name = _("action on a survey comment")
        verbose_name_plural = _("actions on survey comments")
        ordering = ["due_on", "pk"]
        permissions = [("close_commentaction", _("Can close actions on survey comments"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ActionKind.values), name="surveys_commentaction_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CommentActionStatus.values),
                name="surveys_commentaction_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=CommentActionStatus.OPEN)
                | Q(done_on__isnull=False, done_by__isnull=False),
                name="surveys_commentaction_done_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status=CommentActionStatus.CLOSED)
                | Q(closed_at__isnull=False, closed_by__isnull=False),
                name="surveys_commentaction_closing_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(action=""), name="surveys_commentaction_action_given"
            ),
        ]

    def __str__(self):
        return self.action[:60]

    def get_absolute_url(self):
        return reverse("surveys:comment_action_detail", args=[self.pk])

    @property
    def is_overdue(self):
        return self.status == CommentActionStatus.OPEN and self.due_on < timezone.localdate()
