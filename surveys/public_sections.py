"""The survey's section of the residents' quality page (qms.public_sections): the results of the
latest campaign the coordinator published, with its report, and an invitation to the open one.
Results not published are never shown."""

from django.utils import timezone

from qms.public_sections import PublicSection

from .models import Campaign


def survey_section(request):
    published = (
        Campaign.objects.with_figures()
        .filter(results_published_at__isnull=False)
        .order_by("-opens_on", "-pk")
        .first()
    )
    open_now = Campaign.objects.open_on(timezone.localdate()).order_by("-opens_on", "-pk").first()
    if published is None and open_now is None:
        return None
    return {
        "published": published,
        "open_now": open_now,
        "records": [campaign for campaign in (published,) if campaign],
    }


SECTION = PublicSection(
    key="survey", template="surveys/public_section.html", context=survey_section
)
