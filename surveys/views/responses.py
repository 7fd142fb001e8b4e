"""The residents' survey pages: the form of an open campaign at its short address, and the
thanks after sending it. No sign-in, and no cookie but CSRF's: no session, no messages."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from qms.models.submissions import AlreadySubmitted, FormSubmission
from qms.security import client_ip

from .. import services
from ..forms.responses import ResponseForm, new_form_token
from ..models import Campaign, Question, QuestionGroup


def _campaign(code):
    questions = Prefetch(
        "questionnaire__groups",
        queryset=QuestionGroup.objects.prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("position"))
        ).order_by("position"),
    )
    return get_object_or_404(
        Campaign.objects.select_related("questionnaire").prefetch_related(questions), code=code
    )


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_form(request, code):
    campaign = _campaign(code)
    if not campaign.is_open():
        return render(request, "surveys/survey_closed.html", {"campaign": campaign})
    form = ResponseForm(campaign.questionnaire, request.POST if request.method == "POST" else None)
    thanks = reverse("public:survey_thanks", args=[campaign.code])
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                claim = FormSubmission.claim(form.cleaned_data["token"], None)
                services.response_submit(
                    campaign=campaign,
                    scores=form.scores(),
                    channel=form.cleaned_data["channel"],
                    unit=form.cleaned_data["unit"],
                    comment=form.cleaned_data["comment"],
                    address=client_ip(request),
                )
                claim.done(thanks)
        except AlreadySubmitted:
            return redirect(thanks)  # a double click: the first sending was stored
        except services.DailyLimitReached:
            limit = services.DAILY_LIMIT
            form.add_error(
                None,
                ngettext(
                    "Today this connection has already sent %(limit)s answer, the most we take "
                    "from one address in a day. Thank you: you can send this one tomorrow.",
                    "Today this connection has already sent %(limit)s answers, the most we take "
                    "from one address in a day. Thank you: you can send this one tomorrow.",
                    limit,
                )
                % {"limit": limit},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(thanks)
    if form.is_bound:
        # Shown again: a new token, so that the form can be sent once more (what was chosen
        # and typed stays).
        form.data = form.data.copy()
        form.data["token"] = new_form_token()
    return render(request, "surveys/survey_form.html", {"campaign": campaign, "form": form})


@login_not_required
@require_safe
def survey_thanks(request, code):
    campaign = get_object_or_404(Campaign, code=code)
    return render(request, "surveys/survey_thanks.html", {"campaign": campaign})
