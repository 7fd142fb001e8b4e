"""The survey's URLs: the residents' form at a short address (`public_patterns`, composed into
the `public` namespace by qms/urls.py), and the intranet's pages under /intranet/surveys/
(namespace `surveys`)."""

from django.urls import path

from .views import responses, results

app_name = "surveys"

public_patterns = [
    path("ankieta/<slug:code>/", responses.survey_form, name="survey_form"),
    path("ankieta/<slug:code>/dziekujemy/", responses.survey_thanks, name="survey_thanks"),
    # The report of a campaign whose results are published (404 until then).
    path("ankieta/<slug:code>/raport.pdf", results.survey_report_pdf, name="survey_report_pdf"),
]

# The coordinator's questionnaires, with their versions.
questionnaire_patterns = []

# Campaigns: opened, closed, their results published.
campaign_patterns = []

# Paper: the printable questionnaire, the desk's poster, answers entered from paper.
paper_patterns = []

# Results: the figures and charts of a campaign, its report.
result_patterns = [
    path("campaigns/<int:pk>/results/", results.campaign_results, name="campaign_results"),
    path(
        "campaigns/<int:pk>/results/conclusions/",
        results.campaign_conclusions,
        name="campaign_conclusions",
    ),
    path("campaigns/<int:pk>/results/publish/", results.campaign_publish, name="campaign_publish"),
    path(
        "campaigns/<int:pk>/results/unpublish/",
        results.campaign_unpublish,
        name="campaign_unpublish",
    ),
    path(
        "campaigns/<int:pk>/results/pdf/", results.campaign_report_pdf, name="campaign_report_pdf"
    ),
]

# Comments: read, filtered, turned into actions.
comment_patterns = []

urlpatterns = [
    *questionnaire_patterns,
    *campaign_patterns,
    *paper_patterns,
    *result_patterns,
    *comment_patterns,
]
