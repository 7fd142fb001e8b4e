"""A campaign's results: the figures and charts for the coordinator and the auditors, the
coordinator's conclusions, the publishing of the results, and the report as a PDF (for staff,
and for residents once the results are published)."""

from django.contrib.auth.decorators import login_not_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from qms.charts import bar_chart
from qms.pdf import render_pdf
from qms.public_cache import public_cached
from qms.shortcuts import crumb, form_page, submitted, workflow_step

from .. import services
from ..forms.results import ConclusionsForm
from ..models import Campaign
from ..results import campaign_results as gather_results


def _campaign(**lookup):
    return get_object_or_404(
        Campaign.objects.with_figures().select_related("questionnaire"), **lookup
    )


def _charts(results):
    """The charts of the results page and of the report (qms.charts)."""
    previous = results.previous
    series = [str(results.campaign)] + ([str(previous)] if previous else [])

    def values(figures, before=None):
        return [figures.index] + ([before.index if before else None] if previous else [])

    return {
        "groups": bar_chart(
            [(group.name, values(group.figures, group.previous)) for group in results.groups],
            series=series,
        ),
        "units": bar_chart(
            [(row.label, [row.figures.index]) for row in results.by_unit], series=series[:1]
        ),
        "channels": bar_chart(
            [(row.label, [row.figures.index]) for row in results.by_channel],
            series=series[:1],
        ),
    }


def _context(campaign):
    results = gather_results(campaign)
    return {"campaign": campaign, "results": results, "charts": _charts(results)}


def trail(campaign):
    """Results of <campaign>: where the results' pages stand."""
    return [crumb(_("Results of %(campaign)s") % {"campaign": campaign}, _results_url(campaign))]


def _results_url(campaign):
    return reverse("surveys:campaign_results", args=[campaign.pk])


@permission_required("surveys.view_response", raise_exception=True)
@require_safe
def campaign_results(request, pk):
    campaign = _campaign(pk=pk)
    return render(
        request,
        "surveys/campaign_results.html",
        {
            **_context(campaign),
            "may_edit": request.user.has_perm("surveys.change_campaign"),
        },
    )


@permission_required("surveys.change_campaign", raise_exception=True)
def campaign_conclusions(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    return form_page(
        request,
        ConclusionsForm(*submitted(request), instance=campaign),
        save=lambda form: services.campaign_conclude(
            campaign=campaign, conclusions=form.cleaned_data["conclusions"], user=request.user
        ),
        done=_("The conclusions are saved."),
        success_url=_results_url(campaign),
        title=_("Conclusions from the results of %(campaign)s") % {"campaign": campaign},
        cancel=_results_url(campaign),
        breadcrumbs=trail(campaign),
    )


def _publishing(request, pk, step, done):
    campaign = get_object_or_404(Campaign, pk=pk)
    return workflow_step(
        request,
        lambda: step(campaign=campaign, user=request.user),
        done,
        reverse("surveys:campaign_results", args=[campaign.pk]),
    )


@require_POST
@permission_required("surveys.change_campaign", raise_exception=True)
def campaign_publish(request, pk):
    return _publishing(
        request,
        pk,
        services.campaign_publish,
        _("The results are published on the quality page, with the report."),
    )


@require_POST
@permission_required("surveys.change_campaign", raise_exception=True)
def campaign_unpublish(request, pk):
    return _publishing(
        request,
        pk,
        services.campaign_unpublish,
        _("The results are no longer on the public site."),
    )


def _report(request, campaign):
    return render_pdf(
        request,
        "surveys/campaign_report_pdf.html",
        _context(campaign),
        filename=f"raport-z-badania-satysfakcji-{campaign.code}.pdf",
        title=_("Customer satisfaction survey report"),
    )


@permission_required("surveys.view_response", raise_exception=True)
@require_safe
def campaign_report_pdf(request, pk):
    return _report(request, _campaign(pk=pk))


@login_not_required
@require_safe
@public_cached
def survey_report_pdf(request, code):
    """The report as residents read it: only once its results are published."""
    campaign = _campaign(code=code)
    if not campaign.is_published:
        raise Http404
    return _report(request, campaign)
