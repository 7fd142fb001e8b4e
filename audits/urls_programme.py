"""URLs of internal audits (intranet): the programme, its coverage, and the audits."""

from django.urls import path

from .views import programme as views

patterns = [
    path("", views.programme_list, name="programme_list"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:year>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:year>/edit/", views.programme_update, name="programme_update"),
    path("programmes/<int:year>/pdf/", views.programme_pdf, name="programme_pdf"),
    path("coverage/", views.coverage, name="coverage"),
    path("list/", views.audit_list, name="audit_list"),
    path("new/", views.audit_create, name="audit_create"),
    path("<int:pk>/", views.audit_detail, name="audit_detail"),
    path("<int:pk>/edit/", views.audit_update, name="audit_update"),
    path("<int:pk>/start/", views.audit_start, name="audit_start"),
    path("<int:pk>/report/", views.audit_report, name="audit_report"),
    path("<int:pk>/close/", views.audit_close, name="audit_close"),
    path("<int:pk>/report.pdf", views.audit_pdf, name="audit_pdf"),
]
