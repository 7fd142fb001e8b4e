"""The staff home (/intranet/): what each role can open and what waits for them.

With qms/urls.py, the one place that composes the apps: it reads the certificate and the audits'
work for whoever may see them.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Subquery, Window
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from qms import roles
from qms.filters import editions_to_approve, editions_to_read
from qms.models import (
    ContextIssue,
    Document,
    InterestedParty,
    Process,
    QualityObjective,
    ReviewAction,
    today,
)
from qms.roles import user_roles

# How many rows each list of work shows; it says how many there are in all and links to them.
SHOWN = 20
# What a list of editions never needs: the text of the file, the document's words for the search.
LIST_DEFERRED = ["content", "document__search_title", "document__search_text"]


@dataclass
class WorkList:
    """The first rows of a list of work, how many there are in all, and the page of them all."""

    rows: list
    total: int
    url: str

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    @property
    def more(self):
        return self.total > len(self.rows)


def work_list(queryset, url):
    """The first SHOWN rows of `queryset` and how many it holds, in one query: each row carries
    the total as a window count."""
    rows = list(queryset.annotate(in_all=Window(Count("pk")))[:SHOWN])
    return WorkList(rows, rows[0].in_all if rows else 0, url)


@require_safe
def intranet_home(request):
    """The staff home: what each role can open, and the certificate's state for who keeps it."""
    from certificates.models import Certificate  # the home is where the apps meet

    user = request.user
    context = {"roles": user_roles(user)}
    # The dashboard's link, for the quality team and top management (no query: permissions).
    context["can_view_dashboard"] = roles.can_view_dashboard(user)
    if user.has_perm("certificates.view_certificate"):
        context["current_certificate"] = Certificate.objects.current()
    context["my_processes"] = list(Process.objects.active().owned_by(user))
    if user.has_perm("qms.approve_documentversion"):
        context["waiting_for_me"] = work_list(
            editions_to_approve(user)
            .select_related("document")
            .defer(*LIST_DEFERRED)
            .order_by("submitted_at", "pk"),
            reverse("intranet:document_reviews"),
        )
    if user.has_perm("qms.view_document_history"):
        context["reviews_due"] = Document.objects.review_due().count()
    if user.has_perm("qms.view_contextissue"):
        # Issues and interested parties not reviewed for a year, counted in one query.
        context["context_reviews_due"] = (
            ContextIssue.objects.review_due()
            .order_by()
            .values("pk")
            .union(InterestedParty.objects.review_due().order_by().values("pk"), all=True)
            .count()
        )
    unit_id, review_actions_overdue, objectives_overdue = _unit_and_overdue_work(user)
    if objectives_overdue:
        # The objectives the user answers for, past their deadline and not met (the daily
        # reminders' rule); met ones wait only for their evaluation.
        context["objectives_overdue"] = QualityObjective.objects.filter(
            responsible=user
        ).past_deadline_not_met(today())
    if review_actions_overdue:
        # The actions of management reviews the user answers for, past their deadline.
        context["review_actions"] = work_list(
            ReviewAction.objects.overdue(today())
            .filter(owner=user)
            .select_related("review")
            .order_by("due_on", "pk"),
            reverse("intranet:review_action_list") + "?status=overdue&owner=me",
        )
    if unit_id:
        context["to_read"] = work_list(
            editions_to_read(user)
            .select_related("document")
            .defer(*LIST_DEFERRED)
            .order_by("document__code"),
            reverse("intranet:document_list") + "?to_read=on",
        )
    context.update(_audit_work(user, owns_processes=bool(context["my_processes"])))
    if context["my_processes"] and user.has_perm("surveys.change_commentaction"):
        # What residents' comments asked of the processes the user owns.
        from surveys.filters import comment_actions_to_do

        context["comment_actions"] = work_list(
            comment_actions_to_do(user).select_related("process").order_by("due_on", "pk"),
            reverse("surveys:comment_action_list") + "?status=open",
        )
    if user.has_perm("surveys.view_campaign"):
        from surveys.models import Campaign

        context["open_campaigns"] = list(
            Campaign.objects.open_on(today()).with_figures().order_by("closes_on", "code")
        )
    return render(request, "intranet/home.html", context)


def _audit_work(user, *, owns_processes):
    """What internal audits ask of `user` now: one query for each list the user's roles show.

    The lists are the querysets the audits' filters use, so that each count here is what its
    full list finds."""
    from audits.filters import actions_answered_by, actions_to_verify, findings_to_answer
    from audits.models import CorrectiveAction

    if not user.has_perm("audits.view_correctiveaction"):
        return {}
    work = {"overdue_actions": CorrectiveAction.objects.overdue().count()}
    register = reverse("audits:action_register")
    # Owners answer their processes' findings; the coordinator's office those without an owner.
    answers = owns_processes or user.has_perm("audits.manage_audits")
    if answers and user.has_perm("audits.change_correctiveaction"):
        findings = work_list(
            findings_to_answer(user)
            .select_related("audit", "process__owner")
            .order_by("raised_on", "pk"),
            reverse("audits:audit_list") + "?to_answer=on",
        )
        for finding in findings:
            finding.to_the_office = roles.finding_answerer(finding) is None
        work["findings_to_answer"] = findings
        work["my_actions"] = work_list(
            actions_answered_by(user)
            .unfinished()
            .select_related("finding__audit", "responsible")
            .order_by("due_on", "pk"),
            f"{register}?mine=answer&status=unfinished",
        )
    if user.has_perm("audits.verify_correctiveaction"):
        work["to_verify"] = work_list(
            actions_to_verify(user)
            .select_related("finding__audit", "finding__process")
            .order_by("implemented_on", "pk"),
            f"{register}?mine=verify",
        )
    return work


def _unit_and_overdue_work(user):
    """The user's unit (None without a staff profile), how many actions of management reviews
    they answer for are past their deadline, and how many approved objectives they are
    responsible for are past theirs without an evaluation, in one query: the home asks one more
    only of those who have such work."""

    def count_of(queryset, field):
        return (
            queryset.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n")
        )

    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values("staff_profile__unit_id")
        .annotate(
            review_actions=Subquery(count_of(ReviewAction.objects.overdue(today()), "owner")),
            objectives=Subquery(
                count_of(
                    QualityObjective.objects.approved().filter(
                        deadline__lt=today(), evaluated_on__isnull=True
                    ),
                    "responsible",
                )
            ),
        )
        .first()
    )
    if row is None:
        return None, 0, 0
    return row["staff_profile__unit_id"], row["review_actions"] or 0, row["objectives"] or 0
