"""The survey's campaigns on the intranet: the list with each one's figures, one campaign with
its public address, and the coordinator's form.

The coordinator, the auditors and the survey's clerk read them (surveys.view_campaign); the
coordinator opens and changes them. The figures come from Campaign.objects.with_figures, in the
query that reads the campaigns.
"""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from qms.shortcuts import crumb, form_page, paginate, submitted

from ..forms.campaigns import CampaignForm
from ..models import Campaign


def _detail_url(campaign):
    # Campaign.get_absolute_url is the residents' form; the intranet's page is this one.
    return reverse("surveys:campaign_detail", args=[campaign.pk])


def trail(campaign=None):
    """Survey › Campaign name: where a campaign's page stands."""
    crumbs = [crumb(_("Survey"), "surveys:campaign_list")]
    if campaign is not None:
        crumbs.append(crumb(str(campaign), _detail_url(campaign)))
    return crumbs


@permission_required("surveys.view_campaign", raise_exception=True)
@require_safe
def campaign_list(request):
    campaigns = (
        Campaign.objects.with_figures()
        .select_related("questionnaire")
        .order_by("-opens_on", "code", "pk")
    )
    return render(
        request,
        "surveys/campaign_list.html",
        {"page_obj": paginate(request, campaigns)},
    )


@permission_required("surveys.view_campaign", raise_exception=True)
@require_safe
def campaign_detail(request, pk):
    campaign = get_object_or_404(
        Campaign.objects.with_figures().select_related("questionnaire"), pk=pk
    )
    return render(
        request,
        "surveys/campaign_detail.html",
        {
            "campaign": campaign,
            "public_url": request.build_absolute_uri(campaign.get_absolute_url()),
            "breadcrumbs": trail(),
        },
    )


@permission_required("surveys.add_campaign", raise_exception=True)
def campaign_create(request):
    return form_page(
        request,
        CampaignForm(*submitted(request)),
        title=_("New survey campaign"),
        cancel="surveys:campaign_list",
        success_url=_detail_url,
        breadcrumbs=trail(),
    )


@permission_required("surveys.change_campaign", raise_exception=True)
def campaign_update(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    return form_page(
        request,
        CampaignForm(*submitted(request), instance=campaign),
        title=_("Edit the campaign %(campaign)s") % {"campaign": campaign},
        cancel=_detail_url(campaign),
        success_url=_detail_url,
        breadcrumbs=trail(campaign),
    )
