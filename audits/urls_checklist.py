"""URLs of internal audits (intranet): an audit's checklist and its findings."""

from django.urls import path

from .views import checklist as views

patterns = [
    path("<int:pk>/checklist/", views.audit_checklist, name="audit_checklist"),
    path(
        "<int:pk>/checklist/add-templates/",
        views.checklist_add_templates,
        name="checklist_add_templates",
    ),
    path("<int:pk>/checklist/new/", views.checklist_add_question, name="checklist_add_question"),
    path("<int:pk>/checklist.pdf", views.checklist_pdf, name="checklist_pdf"),
    # A finding raised from a checklist question (prefilled from it) or on its own. Both are
    # `finding_create`: reverse it with item_pk=… for the first, with pk=… (or args) for the
    # second (reverse() tries the later pattern first).
    path("checklist/<int:item_pk>/finding/", views.finding_create, name="finding_create"),
    path("<int:pk>/findings/new/", views.finding_create, name="finding_create"),
    path("findings/<int:pk>/", views.finding_detail, name="finding_detail"),
    path("findings/<int:pk>/edit/", views.finding_update, name="finding_update"),
]
