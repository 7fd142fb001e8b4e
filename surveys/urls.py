"""The survey's URLs: the residents' form at a short address (`public_patterns`, composed into
the `public` namespace by qms/urls.py), and the intranet's pages under /intranet/surveys/
(namespace `surveys`)."""

from django.urls import path

from .views import paper, responses

app_name = "surveys"

public_patterns = [
    path("ankieta/<slug:code>/", responses.survey_form, name="survey_form"),
    path("ankieta/<slug:code>/dziekujemy/", responses.survey_thanks, name="survey_thanks"),
]

# The coordinator's questionnaires, with their versions.
questionnaire_patterns = []

# Campaigns: opened, closed, their results published.
campaign_patterns = []

# Paper: the printable questionnaire, the desk's poster, answers entered from paper.
paper_patterns = [
    path("paper/", paper.paper_campaign_list, name="paper_campaign_list"),
    path("campaigns/<int:pk>/paper/pdf/", paper.campaign_paper_pdf, name="campaign_paper_pdf"),
    path("campaigns/<int:pk>/poster/pdf/", paper.campaign_poster_pdf, name="campaign_poster_pdf"),
    path("campaigns/<int:pk>/paper/new/", paper.campaign_paper_entry, name="campaign_paper_entry"),
]

# Results: the figures and charts of a campaign, its report.
result_patterns = []

# Comments: read, filtered, turned into actions.
comment_patterns = []

urlpatterns = [
    *questionnaire_patterns,
    *campaign_patterns,
    *paper_patterns,
    *result_patterns,
    *comment_patterns,
]
