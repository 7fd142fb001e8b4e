"""URLs of the register of controlled documents (intranet)."""

from django.urls import path

from .views import documents as views

patterns = [
    path("documents/", views.document_list, name="document_list"),
    path("documents/new/", views.document_create, name="document_create"),
    path("documents/reviews/", views.document_reviews, name="document_reviews"),
    path("documents/pdf/", views.document_register_pdf, name="document_register_pdf"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/edit/", views.document_update, name="document_update"),
    path("documents/<int:pk>/withdraw/", views.document_withdraw, name="document_withdraw"),
    path("documents/<int:pk>/versions/new/", views.version_create, name="version_create"),
    path("versions/<int:pk>/submit/", views.version_submit, name="version_submit"),
    path("versions/<int:pk>/return/", views.version_return, name="version_return"),
    path("versions/<int:pk>/approve/", views.version_approve, name="version_approve"),
    path("versions/<int:pk>/withdraw/", views.version_withdraw, name="version_withdraw"),
    path("versions/<int:pk>/download/", views.version_download, name="version_download"),
    path(
        "versions/<int:pk>/confirm-read/",
        views.version_confirm_read,
        name="version_confirm_read",
    ),
    path("versions/<int:pk>/readers/", views.version_readers, name="version_readers"),
]
