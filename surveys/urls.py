"""The survey's URLs: the residents' form at a short address (`public_patterns`, composed into
the `public` namespace by qms/urls.py), and the intranet's pages under /intranet/surveys/
(namespace `surveys`)."""

from django.urls import path

from .views import campaigns, comments, paper, questionnaires, responses, results

app_name = "surveys"

public_patterns = [
    path("ankieta/<slug:code>/", responses.survey_form, name="survey_form"),
    path("ankieta/<slug:code>/dziekujemy/", responses.survey_thanks, name="survey_thanks"),
    # The report of a campaign whose results are published (404 until then).
    path("ankieta/<slug:code>/raport.pdf", results.survey_report_pdf, name="survey_report_pdf"),
]

# The coordinator's questionnaires, with their versions.
questionnaire_patterns = [
    path("questionnaires/", questionnaires.questionnaire_list, name="questionnaire_list"),
    path("questionnaires/new/", questionnaires.questionnaire_create, name="questionnaire_create"),
    path(
        "questionnaires/<int:pk>/", questionnaires.questionnaire_detail, name="questionnaire_detail"
    ),
    path(
        "questionnaires/<int:pk>/edit/",
        questionnaires.questionnaire_update,
        name="questionnaire_update",
    ),
    path(
        "questionnaires/<int:pk>/new-version/",
        questionnaires.questionnaire_new_version,
        name="questionnaire_new_version",
    ),
    path(
        "questionnaires/<int:pk>/groups/new/",
        questionnaires.questiongroup_create,
        name="questiongroup_create",
    ),
    path(
        "question-groups/<int:pk>/edit/",
        questionnaires.questiongroup_update,
        name="questiongroup_update",
    ),
    path(
        "question-groups/<int:pk>/questions/new/",
        questionnaires.question_create,
        name="question_create",
    ),
    path("questions/<int:pk>/edit/", questionnaires.question_update, name="question_update"),
]

# Campaigns: opened, closed, their results published.
campaign_patterns = [
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_update, name="campaign_update"),
]

# Paper: the printable questionnaire, the desk's poster, answers entered from paper.
paper_patterns = [
    path("paper/", paper.paper_campaign_list, name="paper_campaign_list"),
    path("campaigns/<int:pk>/paper/pdf/", paper.campaign_paper_pdf, name="campaign_paper_pdf"),
    path("campaigns/<int:pk>/poster/pdf/", paper.campaign_poster_pdf, name="campaign_poster_pdf"),
    path("campaigns/<int:pk>/paper/new/", paper.campaign_paper_entry, name="campaign_paper_entry"),
]

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
