"""The residents' survey's inputs of the management review (qms.review_inputs): the satisfaction
index of the campaigns open in the period, their responses and comments, and the actions taken
on the comments."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from qms.models import ReviewSection
from qms.review_snapshot import day, first_rows, share, table

from .models import Campaign, CommentAction, CommentActionStatus, Response


def satisfaction(review, on):
    in_period = Campaign.objects.filter(
        opens_on__lte=review.period_end, closes_on__gte=review.period_start
    )
    campaigns = first_rows(in_period.with_figures().order_by("opens_on", "code"))
    held = in_period.count()
    responses = Response.objects.filter(
        created_at__date__gte=review.period_start, created_at__date__lte=review.period_end
    ).aggregate(
        received=Count("pk"),
        comments=Count("pk", filter=~Q(comment="")),
    )
    actions = CommentAction.objects.filter(
        Q(response__created_at__date__gte=review.period_start)
        & Q(response__created_at__date__lte=review.period_end)
        | Q(status=CommentActionStatus.OPEN)
    ).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in CommentActionStatus.values},
        overdue=Count("pk", filter=Q(status=CommentActionStatus.OPEN, due_on__lt=on)),
    )
    return {
        "title": "survey",
        "figures": [
            ["survey_campaigns", held],
            ["survey_responses", responses["received"]],
            ["survey_comments", responses["comments"]],
            *[[f"comment_actions_{s}", actions[s]] for s in CommentActionStatus.values],
            ["comment_actions_overdue", actions["overdue"]],
        ],
        "table": table(
            ["campaign", "opens_on", "closes_on", "responses", "satisfaction_index"],
            [
                [
                    campaign.name,
                    day(campaign.opens_on),
                    day(campaign.closes_on),
                    campaign.response_count,
                    share(campaign.satisfaction_index),
                ]
                for campaign in campaigns
            ],
            held,
        ),
        "chart": {
            "kind": "share",
            "rows": [
                [campaign.name, round(campaign.satisfaction_index, 4)]
                for campaign in campaigns
                if campaign.satisfaction_index is not None
            ],
        },
        "hint": "satisfaction_commentary",
    }


INPUTS = [(ReviewSection.SATISFACTION, satisfaction)]

LABELS = {
    "survey": _("The residents' survey"),
    "survey_campaigns": _("Survey campaigns open in the period"),
    "survey_responses": _("Responses received in the period"),
    "survey_comments": _("Responses with a comment"),
    "comment_actions_open": _("Actions on comments open"),
    "comment_actions_done": _("Actions on comments reported done"),
    "comment_actions_closed": _("Actions on comments closed"),
    "comment_actions_overdue": _("Actions on comments past their deadline"),
    "campaign": _("Campaign"),
    "opens_on": _("Open from"),
    "closes_on": _("Open until"),
    "responses": _("Responses"),
    "satisfaction_index": _("Satisfaction index"),
    "satisfaction_commentary": _(
        "Complaints and requests handled outside the portal (the register of complaints, "
        "letters, e-mails) are summarised in the commentary."
    ),
}
