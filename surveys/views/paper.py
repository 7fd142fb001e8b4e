"""Paper: the printable questionnaire and the desk's poster of a campaign (each with the QR code of
its online form), and the page where the desk types in the sheets residents leave in the box."""

import datetime

from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from qms.models import OrganisationalUnit
from qms.pdf import render_pdf
from qms.shortcuts import crumb, form_page, paginate, submitted

from .. import services
from ..forms.paper import PaperResponseForm
from ..models import Campaign, Channel, Question, QuestionGroup, Response, Source
from ..qr import qr_data_uri, survey_url

# A sheet lists the units to tick up to this many; past it, a line to write the unit on.
UNITS_TO_TICK = 16


def _campaign(pk):
    """The campaign with its questionnaire's groups and questions, in the sheet's order."""
    questions = Prefetch(
        "questionnaire__groups",
        queryset=QuestionGroup.objects.prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("position"))
        ).order_by("position"),
    )
    return get_object_or_404(
        Campaign.objects.select_related("questionnaire").prefetch_related(questions), pk=pk
    )


_LIST = "surveys:paper_campaign_list"


def _trail():
    return [crumb(_("Intranet"), "intranet:home"), crumb(_("Paper questionnaires"), _LIST)]


@permission_required("surveys.add_response", raise_exception=True)
@require_safe
def paper_campaign_list(request):
    """The desk's page: each campaign with its sheet and poster to print, and (once it has
    opened) the form to type the sheets in."""
    campaigns = Campaign.objects.annotate(
        paper_count=Count("responses", filter=Q(responses__source=Source.PAPER))
    ).order_by("-opens_on", "code")
    return render(
        request,
        "surveys/paper_campaign_list.html",
        {
            "page_obj": paginate(request, campaigns),
            "today": timezone.localdate(),
            "breadcrumbs": [crumb(_("Intranet"), "intranet:home")],
            "title": _("Paper questionnaires"),
        },
    )


@permission_required("surveys.view_campaign", raise_exception=True)
@require_safe
def campaign_paper_pdf(request, pk):
    """The questionnaire on A4 for the box at the desk: the same questions as online, six boxes
    each, and the QR code of the online form."""
    campaign = _campaign(pk)
    url, short_url = survey_url(request, campaign)
    units = OrganisationalUnit.objects.filter(is_active=True).order_by("name")
    units = list(units[: UNITS_TO_TICK + 1])
    return render_pdf(
        request,
        "surveys/campaign_paper_pdf.html",
        {
            "campaign": campaign,
            "groups": campaign.questionnaire.groups.all(),
            "units": units if len(units) <= UNITS_TO_TICK else None,
            "channels": Channel.choices,
            "qr": qr_data_uri(url),
            "url": url,
            "short_url": short_url,
        },
        filename=f"ankieta-{campaign.code}.pdf",
        title=_("Questionnaire: %(name)s") % {"name": campaign.name},
    )


@permission_required("surveys.view_campaign", raise_exception=True)
@require_safe
def campaign_poster_pdf(request, pk):
    """The A4 poster for the desk: an invitation, the period, a large QR code and the address."""
    campaign = get_object_or_404(Campaign, pk=pk)
    url, short_url = survey_url(request, campaign)
    return render_pdf(
        request,
        "surveys/campaign_poster_pdf.html",
        {"campaign": campaign, "qr": qr_data_uri(url), "url": url, "short_url": short_url},
        filename=f"plakat-ankieta-{campaign.code}.pdf",
        title=_("Poster: %(name)s") % {"name": campaign.name},
    )


def _paper_counts(campaign, user):
    """(sheets `user` typed in today for `campaign`, its paper responses in all): one query."""
    midnight = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
    counts = Response.objects.filter(campaign=campaign, source=Source.PAPER).aggregate(
        mine_today=Count("pk", filter=Q(entered_by=user, created_at__gte=midnight)),
        total=Count("pk"),
    )
    return counts["mine_today"], counts["total"]


@permission_required("surveys.add_response", raise_exception=True)
@require_http_methods(["GET", "HEAD", "POST"])
def campaign_paper_entry(request, pk):
    """One paper sheet typed in; saved, the form comes back empty for the next one. A closed
    campaign still takes sheets (the box is emptied after it closes); one not open yet does not."""
    campaign = _campaign(pk)
    title = _("Enter a paper questionnaire")
    context = {"campaign": campaign, "breadcrumbs": _trail()}
    if timezone.localdate() < campaign.opens_on:
        return render(
            request, "surveys/campaign_paper_entry.html", {**context, "title": title, "early": True}
        )
    form = PaperResponseForm(campaign.questionnaire, *submitted(request))

    def save(form):
        return services.response_submit(
            campaign=campaign,
            scores=form.scores(),
            channel=form.cleaned_data["channel"],
            unit=form.cleaned_data["unit"],
            comment=form.cleaned_data["comment"],
            entered_by=request.user,
        )

    mine_today, total = _paper_counts(campaign, request.user)
    return form_page(
        request,
        form,
        title=title,
        cancel=_LIST,
        save=save,
        # The page it leads back to shows the running count.
        done=_("Saved. Enter the next questionnaire."),
        success_url=reverse("surveys:campaign_paper_entry", args=[campaign.pk]),
        template="surveys/campaign_paper_entry.html",
        mine_today=mine_today,
        paper_total=total,
        **context,
    )
