"""The context of the organisation (ISO 9001 4.1–4.3): the issues inside and outside the office
that bear on its quality system, the interested parties and what they require, and the clauses
the system's scope leaves out. The climate statement and the scope text are on Organisation."""

import datetime

from django.db import models
from django.db.models import Count, F, Q, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import NOTE, PROSE, ArchiveOnlyQuerySet, QualityHistory, QualityRecord, today

# Each entry is reviewed at least yearly; older than this, it is flagged "review due".
REVIEW_INTERVAL = datetime.timedelta(days=365)


def review_due_before(on=None):
    """The review date before which an entry is due again."""
    return (on or today()) - REVIEW_INTERVAL


def review_due_condition(on=None):
    """Entries in the register not reviewed within the last year (or never): the one rule that
    `ReviewedEntry.is_review_due` writes in Python."""
    return Q(is_active=True) & (
        Q(reviewed_on__isnull=True) | Q(reviewed_on__lt=review_due_before(on))
    )


class ActiveQuerySet(ArchiveOnlyQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def archived(self):
        return self.filter(is_active=False)


class ContextQuerySet(ActiveQuerySet):
    def review_due(self, on=None):
        return self.filter(review_due_condition(on))

    def tally(self, on=None):
        """How many entries are due for review and how many are archived, in one query."""
        return self.aggregate(
            review_due=Count("pk", filter=review_due_condition(on)),
            archived=Count("pk", filter=Q(is_active=False)),
        )


class ReviewedEntry(QualityRecord):
    """An entry of the context register: archived, never deleted, and reviewed yearly."""

    is_active = models.BooleanField(
        _("in the register"),
        default=True,
        help_text=_("Untick to archive the entry: it leaves the register and keeps its history."),
    )
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("last reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ContextQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_review_due(self):
        """`review_due_condition` for the entry at hand."""
        return self.is_active and (
            self.reviewed_on is None or self.reviewed_on < review_due_before()
        )


class IssueKind(models.TextChoices):
    INTERNAL = "internal", _("internal")
    EXTERNAL = "external", _("external")


class IssueCategory(models.TextChoices):
    """PESTEL, with the office's own organisation for the internal issues."""

    POLITICAL_LEGAL = "political_legal", _("political and legal")
    ECONOMIC = "economic", _("economic and financial")
    SOCIAL = "social", _("social")
    TECHNOLOGICAL = "technological", _("technological")
    ENVIRONMENTAL = "environmental", _("environmental and climate")
    ORGANISATIONAL = "organisational", _("organisational and staff")


class RegisterSection(models.IntegerChoices):
    """The register's parts, in its order."""

    INTERNAL = 0
    EXTERNAL = 1
    PARTIES = 2


def in_register_order(issues, parties):
    """(section, is_active, sort key, pk) of the entries of `issues` and `parties` in the
    register's order (that of the models' `Meta.ordering`, and of the PDF): the internal
    issues, the external ones, then the interested parties; within each, the archived after
    the others. One query, which the register's pages slice."""
    keys = ("section", "active", "sort", "key")
    issue_keys = issues.annotate(
        section=models.Case(
            models.When(kind=IssueKind.INTERNAL, then=RegisterSection.INTERNAL),
            default=RegisterSection.EXTERNAL,
        ),
        active=F("is_active"),
        sort=F("category"),
        key=F("pk"),
    ).values_list(*keys)
    party_keys = parties.annotate(
        section=Value(RegisterSection.PARTIES.value),
        active=F("is_active"),
        sort=F("name"),
        key=F("pk"),
    ).values_list(*keys)
    return (
        issue_keys.order_by()
        .union(party_keys.order_by(), all=True)
        .order_by("section", "-active", "sort", "key")
    )


class ContextIssue(ReviewedEntry):
    """An internal or external issue relevant to the office's purpose and its QMS (4.1)."""

    kind = models.CharField(_("kind"), max_length=20, choices=IssueKind)
    category = models.CharField(_("category"), max_length=20, choices=IssueCategory)
    description = models.TextField(_("issue"), max_length=NOTE)
    response = models.TextField(
        _("effect on the quality system and what the office does"),
        max_length=PROSE,
        blank=True,
    )
    process = models.ForeignKey(
        "qms.Process",
        verbose_name=_("process concerned"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="context_issues",
    )

    history = QualityHistory()

    class Meta:
        verbose_name = _("context issue")
        verbose_name_plural = _("context issues")
        ordering = ["kind", "-is_active", "category", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=IssueKind.values), name="qms_contextissue_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(category__in=IssueCategory.values),
                name="qms_contextissue_category_valid",
            ),
            models.CheckConstraint(
                condition=~Q(description=""), name="qms_contextissue_description_given"
            ),
        ]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse("intranet:contextissue_update", args=[self.pk])


class InterestedParty(ReviewedEntry):
    """A party whose requirements bear on the office's services (4.2)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    requirements = models.TextField(_("relevant requirements"), max_length=PROSE)
    monitoring = models.TextField(
        _("how the office meets and monitors them"), max_length=PROSE, blank=True
    )

    history = QualityHistory()

    class Meta:
        verbose_name = _("interested party")
        verbose_name_plural = _("interested parties")
        ordering = ["-is_active", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="qms_interestedparty_name_given"),
            models.CheckConstraint(
                condition=~Q(requirements=""), name="qms_interestedparty_requirements_given"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("intranet:interestedparty_update", args=[self.pk])


class ScopeExclusion(QualityRecord):
    """A requirement of ISO 9001 the scope judges not applicable, and why (4.3); a city hall
    typically leaves out 8.3, design and development."""

    clause = models.CharField(_("clause"), max_length=20, unique=True, help_text=_("e.g. 8.3"))
    title = models.CharField(_("requirement"), max_length=200, blank=True)
    justification = models.TextField(_("justification"), max_length=NOTE)
    is_active = models.BooleanField(
        _("excluded"),
        default=True,
        help_text=_("Untick when the requirement applies again: the entry stays as history."),
    )

    objects = ActiveQuerySet.as_manager()

    history = QualityHistory()

    class Meta:
        verbose_name = _("requirement not applicable")
        verbose_name_plural = _("requirements not applicable")
        ordering = ["-is_active", "clause"]
        constraints = [
            models.CheckConstraint(condition=~Q(clause=""), name="qms_scopeexclusion_clause_given"),
            models.CheckConstraint(
                condition=~Q(justification=""), name="qms_scopeexclusion_justification_given"
            ),
        ]

    def __str__(self):
        return f"{self.clause} {self.title}".strip()

    def get_absolute_url(self):
        return reverse("intranet:scopeexclusion_update", args=[self.pk])
