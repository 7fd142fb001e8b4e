"""URLs of internal audits (intranet): corrective actions and their register."""

from django.urls import path

from .views import findings as views

patterns = [
    path("findings/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/", views.action_register, name="action_register"),
    path("actions/pdf/", views.action_register_pdf, name="action_register_pdf"),
    path("actions/<int:pk>/edit/", views.action_update, name="action_update"),
    path("actions/<int:pk>/implemented/", views.action_implemented, name="action_implemented"),
    path("actions/<int:pk>/verify/", views.action_verify, name="action_verify"),
    path("actions/<int:pk>/close/", views.action_close, name="action_close"),
]
