"""The project's URLs: the only place that composes the apps, and the core's own patterns.

Namespaces: `public` (the residents' pages, no login), `intranet` (the quality system's core:
organisation, processes, units, documents, accounts, the change history, the search), `audits`,
`certificates` and `surveys` (each app's intranet pages). Grammar: `things/`, `things/new/`,
`things/<pk>/`, `things/<pk>/edit/`, `things/<pk>/pdf/`; names `thing_list`, `thing_create`,
`thing_detail`, `thing_update`, `thing_pdf`.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from audits import urls as audit_urls
from certificates import urls as certificate_urls
from surveys import urls as survey_urls

from .forms.accounts import SignInForm
from .views import (
    accounts,
    context,
    dashboard,
    documents,
    health,
    history,
    home,
    objectives,
    organisation,
    processes,
    reviews,
    risks,
    search,
    units,
    versions,
)

public_patterns = [
    *certificate_urls.public_patterns,
    *survey_urls.public_patterns,
    path("accessibility/", organisation.accessibility_statement, name="accessibility"),
    path("changes/", organisation.change_register, name="change_register"),
]

organisation_patterns = [
    path("organisation/edit/", organisation.organisation_update, name="organisation_update"),
    path("representatives/", organisation.representative_list, name="representative_list"),
    path("representatives/new/", organisation.representative_create, name="representative_create"),
    path(
        "representatives/<int:pk>/edit/",
        organisation.representative_update,
        name="representative_update",
    ),
    path("policies/", organisation.policy_list, name="policy_list"),
    path("policies/new/", organisation.policy_create, name="policy_create"),
    path("policies/<int:pk>/edit/", organisation.policy_update, name="policy_update"),
    path(
        "policies/<int:pk>/put-in-force/",
        organisation.policy_put_in_force,
        name="policy_put_in_force",
    ),
]

# The context of the organisation (ISO 9001 4.1-4.3).
context_patterns = [
    path("context/", context.context_register, name="context_register"),
    path("context/pdf/", context.context_pdf, name="context_pdf"),
    path("context/issues/new/", context.contextissue_create, name="contextissue_create"),
    path("context/issues/<int:pk>/edit/", context.contextissue_update, name="contextissue_update"),
    path(
        "context/issues/<int:pk>/review/",
        context.contextissue_review,
        name="contextissue_review",
    ),
    path("context/parties/new/", context.interestedparty_create, name="interestedparty_create"),
    path(
        "context/parties/<int:pk>/edit/",
        context.interestedparty_update,
        name="interestedparty_update",
    ),
    path(
        "context/parties/<int:pk>/review/",
        context.interestedparty_review,
        name="interestedparty_review",
    ),
    path("context/scope/edit/", context.context_scope_update, name="context_scope_update"),
    path("context/exclusions/new/", context.scopeexclusion_create, name="scopeexclusion_create"),
    path(
        "context/exclusions/<int:pk>/edit/",
        context.scopeexclusion_update,
        name="scopeexclusion_update",
    ),
]

process_patterns = [
    path("processes/", processes.process_list, name="process_list"),
    path("processes/map/", processes.process_map, name="process_map"),
    path("processes/new/", processes.process_create, name="process_create"),
    path("processes/<int:pk>/", processes.process_detail, name="process_detail"),
    path("processes/<int:pk>/edit/", processes.process_update, name="process_update"),
    path("processes/<int:pk>/pdf/", processes.process_pdf, name="process_pdf"),
    path("processes/<int:pk>/risks/new/", processes.risk_create, name="risk_create"),
    path("risks/<int:pk>/edit/", processes.risk_update, name="risk_update"),
    path("processes/<int:pk>/measures/new/", processes.measure_create, name="measure_create"),
    path("measures/<int:pk>/edit/", processes.measure_update, name="measure_update"),
    path(
        "measures/<int:pk>/values/new/",
        processes.measurevalue_create,
        name="measurevalue_create",
    ),
]

# The quality objectives (6.2): each year's, approved by top management, evaluated at its end.
objective_patterns = [
    path("objectives/", objectives.objective_list, name="objective_list"),
    path("objectives/<int:year>/", objectives.objective_list, name="objective_year"),
    path("objectives/new/", objectives.objective_create, name="objective_create"),
    path("objectives/<int:pk>/edit/", objectives.objective_update, name="objective_update"),
    path(
        "objectives/<int:year>/approve/",
        objectives.objectives_approve,
        name="objectives_approve",
    ),
    path("objectives/<int:pk>/evaluate/", objectives.objective_evaluate, name="objective_evaluate"),
    path("objectives/<int:year>/pdf/", objectives.objective_pdf, name="objective_pdf"),
]

# The register of risks and opportunities across processes (6.1), its heat map and PDF, and
# the evaluation of a risk's actions (the risks are written on the process cards).
risk_patterns = [
    path("risks/", risks.risk_list, name="risk_list"),
    path("risks/pdf/", risks.risk_pdf, name="risk_pdf"),
    path("risks/<int:pk>/evaluate/", risks.risk_evaluate, name="risk_evaluate"),
]

# The coordinator's dashboard: the system at a glance, each app's tiles (qms.dashboard_tiles).
dashboard_patterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
]

unit_patterns = [
    path("units/", units.unit_list, name="unit_list"),
    path("units/new/", units.unit_create, name="unit_create"),
    path("units/<int:pk>/edit/", units.unit_update, name="unit_update"),
]

document_patterns = [
    path("documents/", documents.document_list, name="document_list"),
    path("documents/new/", documents.document_create, name="document_create"),
    path("documents/reviews/", documents.document_reviews, name="document_reviews"),
    path("documents/pdf/", documents.document_register_pdf, name="document_register_pdf"),
    path("documents/<int:pk>/", documents.document_detail, name="document_detail"),
    path("documents/<int:pk>/edit/", documents.document_update, name="document_update"),
    path("documents/<int:pk>/withdraw/", documents.document_withdraw, name="document_withdraw"),
    path("documents/<int:pk>/versions/new/", versions.version_create, name="version_create"),
    path("versions/<int:pk>/submit/", versions.version_submit, name="version_submit"),
    path("versions/<int:pk>/return/", versions.version_return, name="version_return"),
    path("versions/<int:pk>/approve/", versions.version_approve, name="version_approve"),
    path("versions/<int:pk>/withdraw/", versions.version_withdraw, name="version_withdraw"),
    path("versions/<int:pk>/download/", versions.version_download, name="version_download"),
    path(
        "versions/<int:pk>/confirm-read/",
        versions.version_confirm_read,
        name="version_confirm_read",
    ),
    path("versions/<int:pk>/readers/", versions.version_readers, name="version_readers"),
]

# Staff accounts: deactivated, never deleted.
account_patterns = [
    path("accounts/", accounts.account_list, name="account_list"),
    path("accounts/<int:pk>/deactivate/", accounts.account_deactivate, name="account_deactivate"),
    path("accounts/<int:pk>/reactivate/", accounts.account_reactivate, name="account_reactivate"),
    path("accounts/<int:pk>/unlock/", accounts.account_unlock, name="account_unlock"),
    # Local accounts and roles given in the portal (issue 16).
    path("accounts/new/", accounts.account_create, name="account_create"),
    path("accounts/<int:pk>/roles/", accounts.account_roles, name="account_roles"),
]

# The management review (9.3): prepared by the coordinator's office, approved by its chair.
review_patterns = [
    path("reviews/", reviews.review_list, name="review_list"),
    path("reviews/new/", reviews.review_create, name="review_create"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review_detail"),
    path("reviews/<int:pk>/edit/", reviews.review_update, name="review_update"),
    path("reviews/<int:pk>/snapshot/", reviews.review_snapshot, name="review_snapshot"),
    path("reviews/<int:pk>/approve/", reviews.review_approve, name="review_approve"),
    path("reviews/<int:pk>/archive/", reviews.review_archive, name="review_archive"),
    path("reviews/<int:pk>/pdf/", reviews.review_pdf, name="review_pdf"),
    path(
        "reviews/<int:pk>/actions/new/", reviews.review_action_create, name="review_action_create"
    ),
    path("reviews/inputs/<int:pk>/edit/", reviews.review_input_update, name="review_input_update"),
    path("reviews/actions/", reviews.review_action_list, name="review_action_list"),
    path(
        "reviews/actions/<int:pk>/edit/", reviews.review_action_update, name="review_action_update"
    ),
    path(
        "reviews/actions/<int:pk>/close/", reviews.review_action_close, name="review_action_close"
    ),
]

intranet_patterns = [
    path("", home.intranet_home, name="home"),
    # The one search box of every intranet page: documents, processes, audits and their records.
    path("search/", search.search, name="search"),
    *organisation_patterns,
    *context_patterns,
    *process_patterns,
    *objective_patterns,
    *risk_patterns,
    *review_patterns,
    *dashboard_patterns,
    *unit_patterns,
    *document_patterns,
    *account_patterns,
    path("history/<str:record_type>/<int:pk>/", history.record_history, name="record_history"),
]

# Polish, the default, has no prefix (/); English lives under /en/.
urlpatterns = i18n_patterns(
    path("", include((public_patterns, "public"))),
    path("intranet/", include((intranet_patterns, "intranet"))),
    path("intranet/", include((certificate_urls.intranet_patterns, "certificates"))),
    path("intranet/audits/", include(audit_urls)),
    path("intranet/surveys/", include(survey_urls)),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
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
# Browsers ask for /favicon.ico at the root, in no language.
urlpatterns += [
    path("favicon.ico", organisation.favicon, name="favicon"),
    # For load balancers and monitoring, in no language and outside the HTTPS redirect
    # (answered by qms.views.health.answer_probes before the URLs are resolved; named here for
    # reverse()).
    path("healthz", health.healthz, name="healthz"),
]
