"""The certificates' URLs: the residents' pages (composed into `public` by qms/urls.py) and the
intranet's certification records (namespace `certificates`)."""

from django.urls import path

from . import views

public_patterns = [
    path("", views.quality_page, name="quality_page"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate_detail"),
    path("certificates/<int:pk>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<int:pk>/scan/", views.certificate_scan, name="certificate_scan"),
]

intranet_patterns = [
    path("certificates/", views.certificate_list, name="certificate_list"),
    path("certificates/new/", views.certificate_create, name="certificate_create"),
    path("certificates/<int:pk>/edit/", views.certificate_update, name="certificate_update"),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("bodies/<int:pk>/edit/", views.body_update, name="body_update"),
    path("external-audits/", views.externalaudit_list, name="externalaudit_list"),
    path("external-audits/new/", views.externalaudit_create, name="externalaudit_create"),
    path(
        "external-audits/<int:pk>/edit/",
        views.externalaudit_update,
        name="externalaudit_update",
    ),
]
