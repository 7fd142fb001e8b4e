"""The residents' survey's tiles of the dashboard (see qms.dashboard_tiles for the contract): the
satisfaction index of the latest published campaign against the campaign before it, and the
open campaign's so far; the overdue actions on residents' comments. At most four queries,
whatever the number of responses (CampaignQuerySet.with_figures aggregates them)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from qms.charts import percent
from qms.dashboard_tiles import Tile

from .models import Campaign, CommentAction
from .results import previous_campaign


def tiles(user, today):
    return [*_satisfaction(user, today), *_overdue_actions(user, today)]


def _index_line(campaign):
    return ngettext(
        "%(name)s: %(index)s (%(responses)s response)",
        "%(name)s: %(index)s (%(responses)s responses)",
        campaign.response_count,
    ) % {
        "name": campaign.name,
        "index": percent(campaign.satisfaction_index),
        "responses": campaign.response_count,
    }


def _satisfaction(user, today):
    if not user.has_perm("surveys.view_response"):  # the campaign's results page
        return []
    latest = (
        Campaign.objects.filter(results_published_at__isnull=False)
        .with_figures()
        .order_by("-opens_on", "-pk")
        .first()
    )
    open_now = list(
        Campaign.objects.open_on(today)
        .exclude(pk=latest.pk if latest else None)
        .with_figures()
        .order_by("-opens_on", "-pk")
    )
    details, links = [], []
    if latest is None:
        figure = "—"
        explanation = _("No survey campaign's results have been published yet.")
        url, link_text = reverse("surveys:campaign_list"), _("Survey campaigns")
    else:
        figure = percent(latest.satisfaction_index)
        explanation = _(
            "satisfaction index of the latest published survey, %(name)s: the share of scores "
            "of 4 and 5 among the scores given."
        ) % {"name": latest.name}
        url = reverse("surveys:campaign_results", args=[latest.pk])
        link_text = _("Results of %(name)s") % {"name": latest.name}
        previous = previous_campaign(latest)
        if previous is None:
            details.append(_("No earlier campaign to compare with."))
        else:
            details.append(_("Previous campaign, %(line)s.") % {"line": _index_line(previous)})
            links.append(
                (
                    _("Results of %(name)s") % {"name": previous.name},
                    reverse("surveys:campaign_results", args=[previous.pk]),
                )
            )
    for campaign in open_now:
        details.append(_("Open now, so far, %(line)s.") % {"line": _index_line(campaign)})
        links.append(
            (
                _("Results of %(name)s so far") % {"name": campaign.name},
                reverse("surveys:campaign_results", args=[campaign.pk]),
            )
        )
    return [
        Tile(
            key="satisfaction",
            group="objectives",
            title=_("Residents' satisfaction"),
            figure=figure,
            explanation=explanation,
            url=url,
            link_text=link_text,
            links=links,
            details=details,
            order=1,
        )
    ]


def _overdue_actions(user, today):
    if not user.has_perm("surveys.view_commentaction"):  # the actions' list
        return []
    count = CommentAction.objects.visible_to(user).overdue(today).count()
    return [
        Tile(
            key="comment-actions-overdue",
            group="objectives",
            title=_("Overdue actions on residents' comments"),
            figure=str(count),
            explanation=ngettext(
                "action on a resident's comment is still open past its due date.",
                "actions on residents' comments are still open past their due dates.",
                count,
            ),
            url=reverse("surveys:comment_action_list") + "?overdue=on",
            link_text=_("The overdue actions on comments"),
            tone="danger" if count else "",
            order=2,
        )
    ]
