"""The survey's URLs: the residents' form at a short address (`public_patterns`, composed into
the `public` namespace by qms/urls.py), and the intranet's pages under /intranet/surveys/
(namespace `surveys`)."""

from django.urls import path

from .views import comments, responses

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
paper_patterns = []

# Results: the figures and charts of a campaign, its report.
result_patterns = []

# Comments: read, filtered, turned into actions.
comment_patterns = [
    path("campaigns/<int:pk>/comments/", comments.comment_list, name="comment_list"),
    path(
        "comments/<int:pk>/actions/new/",
        comments.comment_action_create,
        name="comment_action_create",
    ),
    path("comment-actions/", comments.comment_action_list, name="comment_action_list"),
    path("comment-actions/<int:pk>/", comments.comment_action_detail, name="comment_action_detail"),
    path(
        "comment-actions/<int:pk>/done/", comments.comment_action_done, name="comment_action_done"
    ),
    path(
        "comment-actions/<int:pk>/close/",
        comments.comment_action_close,
        name="comment_action_close",
    ),
]

urlpatterns = [
    *questionnaire_patterns,
    *campaign_patterns,
    *paper_patterns,
    *result_patterns,
    *comment_patterns,
]
