"""The internal audits' URLs (namespace `audits`), under /intranet/audits/ (see qms/urls.py)."""

from django.urls import path

from .views import actions, audits, checklists, findings, programmes

app_name = "audits"

programme_patterns = [
    path("programmes/", programmes.programme_list, name="programme_list"),
    path("programmes/new/", programmes.programme_create, name="programme_create"),
    path("programmes/coverage/", programmes.programme_coverage, name="programme_coverage"),
    path("programmes/<int:year>/", programmes.programme_detail, name="programme_detail"),
    path("programmes/<int:year>/edit/", programmes.programme_update, name="programme_update"),
    path("programmes/<int:year>/pdf/", programmes.programme_pdf, name="programme_pdf"),
]

audit_patterns = [
    path("", audits.audit_list, name="audit_list"),
    path("new/", audits.audit_create, name="audit_create"),
    path("<int:pk>/", audits.audit_detail, name="audit_detail"),
    path("<int:pk>/edit/", audits.audit_update, name="audit_update"),
    path("<int:pk>/pdf/", audits.audit_pdf, name="audit_pdf"),
    path("<int:pk>/start/", audits.audit_start, name="audit_start"),
    path("<int:pk>/report/", audits.audit_report, name="audit_report"),
    path("<int:pk>/close/", audits.audit_close, name="audit_close"),
]

checklist_patterns = [
    path("<int:pk>/checklist/", checklists.checklist_detail, name="checklist_detail"),
    path("<int:pk>/checklist/pdf/", checklists.checklist_pdf, name="checklist_pdf"),
    path(
        "<int:pk>/checklist/add-templates/",
        checklists.checklist_add_templates,
        name="checklist_add_templates",
    ),
    path(
        "<int:pk>/checklist/new/",
        checklists.checklist_question_create,
        name="checklist_question_create",
    ),
]

finding_patterns = [
    path("findings/", findings.finding_list, name="finding_list"),
    path("<int:pk>/findings/new/", findings.finding_create, name="finding_create"),
    path(
        "checklist-items/<int:pk>/findings/new/",
        findings.finding_create_from_item,
        name="finding_create_from_item",
    ),
    path("findings/<int:pk>/", findings.finding_detail, name="finding_detail"),
    path("findings/<int:pk>/edit/", findings.finding_update, name="finding_update"),
]

action_patterns = [
    path("findings/<int:pk>/actions/new/", actions.action_create, name="action_create"),
    path("actions/", actions.action_register, name="action_register"),
    path("actions/pdf/", actions.action_register_pdf, name="action_register_pdf"),
    path("actions/<int:pk>/edit/", actions.action_update, name="action_update"),
    path("actions/<int:pk>/implemented/", actions.action_implemented, name="action_implemented"),
    path("actions/<int:pk>/verify/", actions.action_verify, name="action_verify"),
    path("actions/<int:pk>/close/", actions.action_close, name="action_close"),
]

urlpatterns = [
    *programme_patterns,
    *audit_patterns,
    *checklist_patterns,
    *finding_patterns,
    *action_patterns,
]
