"""The survey's URLs: the residents' form at a short address (composed into `public` by
qms/urls.py)."""

from django.urls import path

from . import views

public_patterns = [
    path("ankieta/<slug:code>/", views.survey_form, name="survey_form"),
    path("ankieta/<slug:code>/dziekujemy/", views.survey_thanks, name="survey_thanks"),
]
