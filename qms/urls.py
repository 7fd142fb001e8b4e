"""The project's URLs: the only place that composes the apps."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from audits import urls as audit_urls
from certificates import urls as certificate_urls

from . import urls_accounts, urls_documents, urls_processes
from .views import core as views
from .views.history import record_history

public_patterns = [
    *certificate_urls.public_patterns,
    path("accessibility/", views.accessibility_statement, name="accessibility"),
]

intranet_patterns = [
    path("", views.intranet_home, name="home"),
    path("organisation/edit/", views.organisation_update, name="organisation_update"),
    path("representatives/", views.representative_list, name="representative_list"),
    path("representatives/new/", views.representative_create, name="representative_create"),
    path(
        "representatives/<int:pk>/edit/",
        views.representative_update,
        name="representative_update",
    ),
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/new/", views.policy_create, name="policy_create"),
    path("policies/<int:pk>/edit/", views.policy_update, name="policy_update"),
    path(
        "policies/<int:pk>/put-in-force/",
        views.policy_put_in_force,
        name="policy_put_in_force",
    ),
    *certificate_urls.intranet_patterns,
    *urls_processes.patterns,
    *urls_documents.patterns,
    *urls_accounts.patterns,
    path("audits/", include(audit_urls.intranet_patterns)),
    path("history/<str:record_type>/<int:pk>/", record_history, name="record_history"),
]

# Polish, the default, has no prefix (/); English lives under /en/.
urlpatterns = i18n_patterns(
    path("", include((public_patterns, "public"))),
    path("intranet/", include((intranet_patterns, "intranet"))),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
