"""URLs of the staff accounts the ISO representative's office keeps (intranet). No delete: an
account is deactivated, never deleted."""

from django.urls import path

from .views import accounts as views

patterns = [
    path("accounts/", views.account_list, name="account_list"),
    path(
        "accounts/<int:pk>/deactivate/",
        views.account_deactivate,
        name="account_deactivate",
    ),
    path(
        "accounts/<int:pk>/reactivate/",
        views.account_reactivate,
        name="account_reactivate",
    ),
    path("accounts/<int:pk>/unlock/", views.account_unlock, name="account_unlock"),
]
