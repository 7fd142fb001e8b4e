"""Who may GET and POST every URL of the project: a matrix derived from the URL configuration.

Every named URL (walked from the root resolver, namespaces kept) must have a rule in RULES, so a
new URL without one fails the suite. Each rule says which identities (ROLES) may GET and POST
it; everyone else is refused: anonymous visitors are sent to the login page (which brings them
back), signed-in users get the 403 page, a method the view does not take answers 405, and a
refused request changes no row. The requests run against one "world" of records
(tests.factories.world) in which the allowed identities really pass the object rules of
qms.roles, and the others really fail them: the owner owns the process and another owner
another one, the auditor leads the audits with a team member and an auditor outside them, the
employee works in the unit the documents concern and another in a unit they do not. POST
bodies are empty: what counts is allowed or refused, not the outcome.
"""

import functools
from dataclasses import dataclass, field, replace
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from qms import history, pdf, roles
from tests import factories

# The records are made once for the module (the `world` fixture); each test still runs in its
# own transaction, and each request in a savepoint of it.
pytestmark = pytest.mark.django_db

# Who tries each URL: a visitor, an account with no role, and the roles, each also where the
# object rules of qms.roles refuse it (another unit, another process, not on the audit).
ROLES = (
    "anonymous",
    "no_role",
    "employee",  # works in the unit the documents concern
    "employee_elsewhere",  # works in a unit they do not concern
    "owner",  # owns the process of the records
    "other_owner",  # owns another process (with a document of its own)
    "auditor",  # leads every audit
    "team_auditor",  # on every audit's team
    "outside_auditor",  # on no audit
    "coordinator",  # on no audit
    "survey_clerk",  # enters the survey's paper answers, and has no other role
    "management",  # top management: reads as staff do, and the survey's results; approves
    "it_admin",  # IT: accounts and roles, and otherwise what an account without a role sees
)

ANYONE = frozenset(ROLES)
SIGNED_IN = ANYONE - {"anonymous"}
# Every role reads the processes, units and documents in force (qms.view_process); an account
# without a role does not, nor does the survey's clerk, who has no other role.
STAFF = SIGNED_IN - {"no_role", "survey_clerk", "it_admin"}
AUDITORS = frozenset({"auditor", "team_auditor", "outside_auditor"})
OWNERS = frozenset({"owner", "other_owner"})
# Read the quality records of the office (certificates, bodies, policy, representatives).
QUALITY_TEAM = AUDITORS | {"coordinator"}
# Read the audit programme, every audit, the corrective actions, drafts and the documents'
# history (qms.view_document_history).
AUDIT_READERS = OWNERS | AUDITORS | {"coordinator"}
DOCUMENT_HISTORY_READERS = AUDIT_READERS
# Plan an audit: any auditor, and the coordinator.
AUDIT_PLANNERS = AUDITORS | {"coordinator"}
# The audit's team (lead and member) and the coordinator.
AUDIT_TEAM = frozenset({"auditor", "team_auditor", "coordinator"})
# The verdict on an action's effectiveness: only an auditor of its audit, not the coordinator.
AUDITORS_OF_THE_AUDIT = frozenset({"auditor", "team_auditor"})
# The owner of the process (of the document, finding, risk ...) and the coordinator.
OWNER_OR_COORDINATOR = frozenset({"owner", "coordinator"})
OTHER_OWNER_OR_COORDINATOR = frozenset({"other_owner", "coordinator"})
# Register a document: the owner of an active process, and the coordinator.
DOCUMENT_REGISTRARS = OWNERS | {"coordinator"}
COORDINATOR_ONLY = frozenset({"coordinator"})
# The survey's campaigns are read by the coordinator, auditors and the clerk
# (surveys.view_campaign); paper questionnaires are typed in by the clerk and the coordinator
# (surveys.add_response).
SURVEY_READERS = AUDITORS | {"coordinator", "survey_clerk", "management"}
# Read the survey's questionnaires, results and comments: the quality team and top management.
SURVEY_RESULT_READERS = QUALITY_TEAM | {"management"}
# Read the context of the organisation (4.1-4.3): the quality team and top management, for whom
# it is an input of the management review.
CONTEXT_READERS = QUALITY_TEAM | {"management"}
PAPER_DESK = frozenset({"coordinator", "survey_clerk"})
# Read the management reviews in draft: the quality team and top management.
REVIEW_DRAFT_READERS = QUALITY_TEAM | {"management"}
# Staff of the units a document concerns.
STAFF_OF_CONCERNED_UNIT = frozenset({"employee"})
NOBODY = frozenset()
# Manage the staff accounts and their roles (issue 16): the office, and IT.
ACCOUNT_MANAGERS = frozenset({"coordinator", "it_admin"})

NOT_ALLOWED = "405"  # the view does not take this method


@dataclass(frozen=True)
class Rule:
    get: frozenset | str
    post: frozenset | str
    # The world's record the URL's <pk> (or <year>) names.
    on: str | None = None
    # How a refused signed-in user is answered: 403, or (the admin) the admin's login page.
    refusal: str = "403"
    # Whether an allowed GET may redirect (else it must answer 200: a page in the right state).
    get_redirects: bool = False
    # URL kwargs that name no record (the history's record type).
    fixed: dict = field(default_factory=dict)
    # A page that changes nothing: who may read it is told 405 for a POST.
    read_only: bool = False


def page(readers, on=None):
    """A page (@require_safe): its readers GET it; a POST, past the permission check, is 405."""
    return Rule(get=frozenset(readers), post=frozenset(readers), on=on, read_only=True)


def form(writers, on=None, **kw):
    """A form page: opened and submitted by the same users."""
    return Rule(get=frozenset(writers), post=frozenset(writers), on=on, **kw)


def action(writers, on=None):
    """A state change by POST only (@require_POST): GET answers 405 once signed in."""
    return Rule(get=NOT_ALLOWED, post=frozenset(writers), on=on)


PUBLIC = page(ANYONE)
# Nobody of the four roles is staff: each is sent to the admin's login page, as is a visitor.
ADMIN = Rule(get=NOBODY, post=NOBODY, refusal="login")

# The record of each type of the change history (qms.history.RECORD_TYPES) in the world.
HISTORY_RECORDS = {
    "organisation": "organisation",
    "representative": "representative",
    "policy": "draft_policy",
    "context-issue": "context_issue",
    "interested-party": "interested_party",
    "scope-exclusion": "scope_exclusion",
    "objective": "objective",
    "management-review": "review",
    "review-input": "review_input",
    "review-action": "review_action",
    "unit": "unit",
    "staff-profile": "staff_profile",
    "user": "account",
    "process": "process",
    "risk": "risk",
    "measure": "measure",
    "value": "measure_value",
    "document": "document",
    "version": "version_in_force",
    "read-confirmation": "read_confirmation",
    "body": "body",
    "certificate": "certificate",
    "external-audit": "external_audit",
    "programme": "programme",
    "audit": "audit",
    "checklist-item": "checklist_item",
    "finding": "finding",
    "action": "open_action",
    "questionnaire": "survey_questionnaire",
    "question-group": "survey_group",
    "question": "survey_question",
    "survey": "survey",
    "survey-comment-action": "survey_comment_action",
}

RULES = {
    # The public pages (residents).
    "public:quality_page": PUBLIC,
    "public:accessibility": PUBLIC,
    "public:change_register": PUBLIC,
    "favicon": PUBLIC,
    "healthz": PUBLIC,
    "public:certificate_detail": page(ANYONE, "certificate"),
    "public:certificate_pdf": page(ANYONE, "certificate"),
    "public:certificate_scan": page(ANYONE, "certificate"),
    # The residents' survey: anyone answers; an empty POST stores nothing (the form's errors).
    "public:survey_form": form(ANYONE, "survey"),
    "public:survey_thanks": page(ANYONE, "survey"),
    # The survey on the intranet: the coordinator keeps the questionnaires (auditors read them)
    # and the campaigns (read by auditors and the survey's clerk too). A frozen questionnaire's
    # edit pages send its readers back to it with the reason (get_redirects); an empty POST of
    # "new version" on a draft is refused with a message and a redirect.
    "surveys:questionnaire_list": page(SURVEY_RESULT_READERS),
    "surveys:questionnaire_detail": (
        page(SURVEY_RESULT_READERS, "survey_questionnaire"),
        page(SURVEY_RESULT_READERS, "survey_frozen_questionnaire"),
    ),
    "surveys:questionnaire_create": form(COORDINATOR_ONLY),
    "surveys:questionnaire_update": (
        form(COORDINATOR_ONLY, "survey_questionnaire"),
        form(COORDINATOR_ONLY, "survey_frozen_questionnaire", get_redirects=True),
    ),
    "surveys:questionnaire_new_version": (
        action(COORDINATOR_ONLY, "survey_questionnaire"),
        action(COORDINATOR_ONLY, "survey_frozen_questionnaire"),
    ),
    "surveys:questiongroup_create": (
        form(COORDINATOR_ONLY, "survey_questionnaire"),
        form(COORDINATOR_ONLY, "survey_frozen_questionnaire", get_redirects=True),
    ),
    "surveys:questiongroup_update": (
        form(COORDINATOR_ONLY, "survey_group"),
        form(COORDINATOR_ONLY, "survey_frozen_group", get_redirects=True),
    ),
    "surveys:question_create": (
        form(COORDINATOR_ONLY, "survey_group"),
        form(COORDINATOR_ONLY, "survey_frozen_group", get_redirects=True),
    ),
    "surveys:question_update": (
        form(COORDINATOR_ONLY, "survey_question"),
        form(COORDINATOR_ONLY, "survey_frozen_question", get_redirects=True),
    ),
    "surveys:campaign_list": page(SURVEY_READERS),
    "surveys:campaign_detail": page(SURVEY_READERS, "survey"),
    "surveys:campaign_create": form(COORDINATOR_ONLY),
    "surveys:campaign_update": form(COORDINATOR_ONLY, "survey"),
    # The survey on paper: the sheet and poster to print, the desk's page and its entry form.
    "surveys:paper_campaign_list": page(PAPER_DESK),
    "surveys:campaign_paper_pdf": page(SURVEY_READERS, "survey"),
    "surveys:campaign_poster_pdf": page(SURVEY_READERS, "survey"),
    "surveys:campaign_paper_entry": form(PAPER_DESK, "survey"),
    # A campaign's report is public once its results are published (404 before: tests/
    # test_survey_results.py).
    "public:survey_report_pdf": page(ANYONE, "published_survey"),
    # The residents' comments: read by who reads the responses (the office, auditors), turned
    # into actions by the office; the owner responsible (not another one) reports an action
    # done, the office closes it (an open one: told so, with a redirect).
    "surveys:comment_list": page(SURVEY_RESULT_READERS, "survey"),
    "surveys:comment_action_create": form(COORDINATOR_ONLY, "survey_comment"),
    "surveys:comment_action_list": page(QUALITY_TEAM | OWNERS),
    "surveys:comment_action_detail": page(OWNER_OR_COORDINATOR | AUDITORS, "survey_comment_action"),
    "surveys:comment_action_done": form(OWNER_OR_COORDINATOR, "survey_comment_action"),
    "surveys:comment_action_close": (
        action(COORDINATOR_ONLY, "survey_done_action"),
        action(COORDINATOR_ONLY, "survey_comment_action"),
    ),
    # Signing in and out, the password.
    "login": form(ANYONE),
    # Signing out is a POST (a link could be followed by a prefetch); a visitor has nothing to end.
    "logout": action(SIGNED_IN),
    "password_change": form(SIGNED_IN),
    "password_change_done": Rule(get=SIGNED_IN, post=NOT_ALLOWED),
    # The intranet home and the office's records.
    "intranet:home": page(SIGNED_IN),
    # The one search box: every signed-in user searches, and finds only what the linked pages
    # let them open (tests/test_search_page.py).
    "intranet:search": page(SIGNED_IN),
    "intranet:organisation_update": form(COORDINATOR_ONLY),
    "intranet:representative_list": page(QUALITY_TEAM),
    "intranet:representative_create": form(COORDINATOR_ONLY),
    "intranet:representative_update": form(COORDINATOR_ONLY, "representative"),
    # The quality objectives: every member of staff reads them (the approved ones only, but for
    # the coordinator and top management: tests/test_objectives.py); the coordinator drafts and
    # evaluates, top management approves. An approved objective's edit page and a draft's
    # evaluation send the coordinator back to the list with the reason.
    "intranet:objective_list": page(STAFF),
    "intranet:objective_year": (page(STAFF, "objective"), page(STAFF, "approved_objective")),
    "intranet:objective_pdf": page(STAFF, "objective"),
    "intranet:objective_create": form(COORDINATOR_ONLY),
    "intranet:objective_update": (
        form(COORDINATOR_ONLY, "objective"),
        form(COORDINATOR_ONLY, "approved_objective", get_redirects=True),
    ),
    "intranet:objective_evaluate": (
        form(COORDINATOR_ONLY, "approved_objective"),
        form(COORDINATOR_ONLY, "objective", get_redirects=True),
    ),
    "intranet:objectives_approve": (
        action({"management"}, "objective"),
        action({"management"}, "approved_objective"),
    ),
    # The management review: staff read the approved minutes, the quality team and top
    # management the drafts too; the coordinator prepares a draft (an approved review's forms
    # send back with the reason), its chair (top management) approves it, and an action's
    # owner or the coordinator closes it once the review is approved.
    "intranet:review_list": page(STAFF),
    "intranet:review_detail": (
        page(REVIEW_DRAFT_READERS, "review"),
        page(STAFF, "approved_review"),
    ),
    "intranet:review_pdf": (
        page(REVIEW_DRAFT_READERS, "review"),
        page(STAFF, "approved_review"),
    ),
    "intranet:review_create": form(COORDINATOR_ONLY),
    "intranet:review_update": (
        form(COORDINATOR_ONLY, "review"),
        form(COORDINATOR_ONLY, "approved_review", get_redirects=True),
    ),
    "intranet:review_snapshot": (
        action(COORDINATOR_ONLY, "review"),
        action(COORDINATOR_ONLY, "approved_review"),
    ),
    "intranet:review_archive": (
        action(COORDINATOR_ONLY, "review"),
        action(COORDINATOR_ONLY, "approved_review"),
    ),
    "intranet:review_approve": (
        action({"management"}, "review"),
        action({"management"}, "approved_review"),
    ),
    "intranet:review_input_update": (
        form(COORDINATOR_ONLY, "review_input"),
        form(COORDINATOR_ONLY, "approved_review_input", get_redirects=True),
    ),
    "intranet:review_action_create": (
        form(COORDINATOR_ONLY, "review"),
        form(COORDINATOR_ONLY, "approved_review", get_redirects=True),
    ),
    "intranet:review_action_update": (
        form(COORDINATOR_ONLY, "review_action"),
        form(COORDINATOR_ONLY, "approved_review_action", get_redirects=True),
    ),
    "intranet:review_action_close": form(OWNER_OR_COORDINATOR, "approved_review_action"),
    "intranet:review_action_list": page(STAFF),
    # The coordinator's dashboard: the quality team and top management (roles.can_view_dashboard);
    # each tile only for who may open its list (tests/test_dashboard.py).
    "intranet:dashboard": page(CONTEXT_READERS),
    "intranet:policy_list": page(QUALITY_TEAM),
    "intranet:policy_create": form(COORDINATOR_ONLY),
    "intranet:policy_update": form(COORDINATOR_ONLY, "draft_policy"),
    "intranet:policy_put_in_force": action(COORDINATOR_ONLY, "draft_policy"),
    # The context of the organisation: read by the quality team and top management, kept by
    # the coordinator.
    "intranet:context_register": page(CONTEXT_READERS),
    "intranet:context_pdf": page(CONTEXT_READERS),
    "intranet:contextissue_create": form(COORDINATOR_ONLY),
    "intranet:contextissue_update": form(COORDINATOR_ONLY, "context_issue"),
    "intranet:contextissue_review": action(COORDINATOR_ONLY, "context_issue"),
    "intranet:interestedparty_create": form(COORDINATOR_ONLY),
    "intranet:interestedparty_update": form(COORDINATOR_ONLY, "interested_party"),
    "intranet:interestedparty_review": action(COORDINATOR_ONLY, "interested_party"),
    "intranet:context_scope_update": form(COORDINATOR_ONLY),
    "intranet:scopeexclusion_create": form(COORDINATOR_ONLY),
    "intranet:scopeexclusion_update": form(COORDINATOR_ONLY, "scope_exclusion"),
    "certificates:certificate_list": page(QUALITY_TEAM),
    "certificates:certificate_create": form(COORDINATOR_ONLY),
    "certificates:certificate_update": form(COORDINATOR_ONLY, "certificate"),
    "certificates:body_list": page(QUALITY_TEAM),
    "certificates:body_create": form(COORDINATOR_ONLY),
    "certificates:body_update": form(COORDINATOR_ONLY, "body"),
    "certificates:externalaudit_list": page(QUALITY_TEAM),
    "certificates:externalaudit_create": form(COORDINATOR_ONLY),
    "certificates:externalaudit_update": form(COORDINATOR_ONLY, "external_audit"),
    # Processes, their risks and measures, the units: every member of staff reads them; the
    # owner of a process (not of another one) writes its risks and measures.
    "intranet:process_list": page(STAFF),
    "intranet:process_map": page(STAFF),
    "intranet:process_create": form(COORDINATOR_ONLY),
    "intranet:process_detail": page(STAFF, "process"),
    "intranet:process_update": form(COORDINATOR_ONLY, "process"),
    "intranet:process_pdf": page(STAFF, "process"),
    "intranet:risk_create": form(OWNER_OR_COORDINATOR, "process"),
    "intranet:risk_update": form(OWNER_OR_COORDINATOR, "risk"),
    # The register of risks and opportunities across processes: every member of staff reads it
    # and its PDF; the owner of the risk's process and the coordinator evaluate its actions.
    "intranet:risk_list": page(STAFF),
    "intranet:risk_pdf": page(STAFF),
    "intranet:risk_evaluate": form(OWNER_OR_COORDINATOR, "risk"),
    "intranet:measure_create": form(OWNER_OR_COORDINATOR, "process"),
    "intranet:measure_update": form(OWNER_OR_COORDINATOR, "measure"),
    "intranet:measurevalue_create": form(OWNER_OR_COORDINATOR, "measure"),
    "intranet:unit_list": page(STAFF),
    "intranet:unit_create": form(COORDINATOR_ONLY),
    "intranet:unit_update": form(COORDINATOR_ONLY, "unit"),
    # Controlled documents: staff read those in force; owners write theirs; the office approves.
    "intranet:document_list": page(STAFF),
    "intranet:document_create": form(DOCUMENT_REGISTRARS),
    "intranet:document_reviews": page(DOCUMENT_HISTORY_READERS),
    "intranet:document_register_pdf": page(STAFF),
    "intranet:document_detail": (
        page(STAFF, "document"),
        # A document with no version in force yet: not for staff.
        page(DOCUMENT_HISTORY_READERS, "drafting_document"),
    ),
    "intranet:document_update": form(COORDINATOR_ONLY, "document"),
    "intranet:document_withdraw": form(COORDINATOR_ONLY, "document"),
    "intranet:version_create": (
        form(OWNER_OR_COORDINATOR, "document"),
        form(OTHER_OWNER_OR_COORDINATOR, "other_document"),
    ),
    # Submitting and withdrawing: a draft, and a version already in review (the author is told
    # it cannot be submitted again; anyone else is refused whatever its state).
    "intranet:version_submit": (
        action(OWNER_OR_COORDINATOR, "draft"),
        action(OWNER_OR_COORDINATOR, "in_review"),
    ),
    "intranet:version_return": form(COORDINATOR_ONLY, "in_review"),
    "intranet:version_approve": form(COORDINATOR_ONLY, "in_review"),
    "intranet:version_withdraw": (
        action(OWNER_OR_COORDINATOR, "draft"),
        action(OWNER_OR_COORDINATOR, "in_review"),
    ),
    # Staff download the edition in force; drafts, editions in review and superseded ones are
    # for those who read the documents' history.
    "intranet:version_download": (
        page(STAFF, "version_in_force"),
        page(DOCUMENT_HISTORY_READERS, "draft"),
        page(DOCUMENT_HISTORY_READERS, "in_review"),
        page(DOCUMENT_HISTORY_READERS, "superseded_version"),
    ),
    "intranet:version_confirm_read": action(STAFF_OF_CONCERNED_UNIT, "version_in_force"),
    "intranet:version_readers": page(COORDINATOR_ONLY, "version_in_force"),
    # Staff accounts: the office and IT deactivate, reactivate and unlock them
    # (auth.change_user), create local accounts (auth.add_user) and give roles (issue 16).
    "intranet:account_list": page(ACCOUNT_MANAGERS),
    "intranet:account_deactivate": action(ACCOUNT_MANAGERS, "account"),
    "intranet:account_reactivate": action(ACCOUNT_MANAGERS, "account"),
    "intranet:account_unlock": action(ACCOUNT_MANAGERS, "account"),
    "intranet:account_create": form(ACCOUNT_MANAGERS),
    "intranet:account_roles": form(ACCOUNT_MANAGERS, "account"),
    # Internal audits: the programme and the audits.
    "audits:programme_list": page(AUDIT_READERS),
    "audits:programme_create": form(COORDINATOR_ONLY),
    "audits:programme_detail": page(AUDIT_READERS, "programme"),
    "audits:programme_update": form(COORDINATOR_ONLY, "programme"),
    "audits:programme_pdf": page(AUDIT_READERS, "programme"),
    "audits:programme_coverage": page(AUDIT_READERS),
    # Every signed-in member of staff reads closed audits' reports (qms.roles.can_view_audit):
    # the list opens for them, an audit under way not.
    "audits:audit_list": page(SIGNED_IN),
    "audits:audit_create": form(AUDIT_PLANNERS),
    "audits:audit_detail": (page(AUDIT_READERS, "audit"), page(SIGNED_IN, "closed_audit")),
    # A closed audit is read-only, for its team and the coordinator too.
    "audits:audit_update": (form(AUDIT_TEAM, "audit"), form(NOBODY, "closed_audit")),
    # A step out of order (starting an audit under way, closing one not reported) is the team's
    # to be told of (a redirect with a message); everyone else is refused before the audit's
    # state is looked at.
    "audits:audit_start": (
        action(AUDIT_TEAM, "planned_audit"),
        action(AUDIT_TEAM, "audit"),
        action(NOBODY, "closed_audit"),
    ),
    "audits:audit_report": (action(AUDIT_TEAM, "audit"), action(NOBODY, "closed_audit")),
    "audits:audit_close": (
        action(AUDIT_TEAM, "reported_audit"),
        action(AUDIT_TEAM, "audit"),
        action(NOBODY, "closed_audit"),
    ),
    "audits:audit_pdf": (page(AUDIT_READERS, "audit"), page(SIGNED_IN, "closed_audit")),
    # The checklist: read by the audit's readers, answered (by POST) by its team; an answer
    # without its fields is refused with 400, past the permission check. Once the audit is
    # closed, everyone reads it and nobody answers.
    "audits:checklist_detail": (
        Rule(get=AUDIT_READERS, post=AUDIT_TEAM, on="audit"),
        Rule(get=SIGNED_IN, post=NOBODY, on="closed_audit"),
    ),
    "audits:checklist_add_templates": (form(AUDIT_TEAM, "audit"), form(NOBODY, "closed_audit")),
    "audits:checklist_question_create": (
        form(AUDIT_TEAM, "audit"),
        form(NOBODY, "closed_audit"),
    ),
    "audits:checklist_pdf": (page(AUDIT_READERS, "audit"), page(SIGNED_IN, "closed_audit")),
    "audits:finding_create": (form(AUDIT_TEAM, "audit"), form(NOBODY, "closed_audit")),
    "audits:finding_create_from_item": (
        form(AUDIT_TEAM, "checklist_item"),
        form(NOBODY, "closed_item"),
    ),
    "audits:finding_detail": (page(AUDIT_READERS, "finding"), page(SIGNED_IN, "closed_finding")),
    # The findings' list (the dashboard's open nonconformities): who reads every audit.
    "audits:finding_list": page(AUDIT_READERS),
    "audits:finding_update": (form(AUDIT_TEAM, "finding"), form(NOBODY, "closed_finding")),
    # Corrective actions: the owner of the finding's process answers, an auditor of the audit
    # verifies; nothing changes once the audit is closed.
    "audits:action_create": (
        form(OWNER_OR_COORDINATOR, "finding"),
        form(NOBODY, "closed_finding"),
    ),
    "audits:action_register": page(AUDIT_READERS),
    "audits:action_register_pdf": page(AUDIT_READERS),
    "audits:action_update": (
        form(OWNER_OR_COORDINATOR, "open_action"),
        form(NOBODY, "closed_open_action"),
    ),
    "audits:action_implemented": (
        form(OWNER_OR_COORDINATOR, "open_action"),
        form(NOBODY, "closed_open_action"),
    ),
    "audits:action_verify": (
        form(AUDITORS_OF_THE_AUDIT, "implemented_action"),
        form(NOBODY, "closed_implemented_action"),
    ),
    "audits:action_close": (
        action(AUDIT_TEAM, "effective_action"),
        action(NOBODY, "closed_effective_action"),
    ),
    # A survey campaign's results and report: read by the office and the auditors
    # (surveys.view_response); the conclusions and publishing are the office's.
    "surveys:campaign_results": page(SURVEY_RESULT_READERS, "survey"),
    "surveys:campaign_report_pdf": page(SURVEY_RESULT_READERS, "survey"),
    "surveys:campaign_conclusions": form(COORDINATOR_ONLY, "survey"),
    "surveys:campaign_publish": action(COORDINATOR_ONLY, "published_survey"),
    "surveys:campaign_unpublish": action(COORDINATOR_ONLY, "published_survey"),
    # The change history of a record: the office's (qms.view_change_history).
    "intranet:record_history": tuple(
        replace(page(COORDINATOR_ONLY, record), fixed={"record_type": record_type})
        for record_type, record in HISTORY_RECORDS.items()
    ),
    # The Django admin is IT's (staff accounts only); its login page is open.
    "admin:login": form(ANYONE),
    # A signed-in user who is not staff is sent back to the admin's index (and from there to
    # its login page); nothing happens.
    "admin:logout": Rule(get=SIGNED_IN, post=SIGNED_IN, refusal="login", get_redirects=True),
}


def url_patterns(resolver=None, namespace=None):
    """(full name, pattern) of every named URL, walking includes and keeping namespaces."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from url_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def url_names():
    return sorted({name for name, _pattern in url_patterns()})


def rules_for(name):
    """The rule of a URL name (one per record it is tried on), or () when it has none."""
    rule = RULES.get(name) or (ADMIN if name.startswith("admin:") else ())
    return rule if isinstance(rule, tuple) else (rule,)


def test_every_record_type_of_the_history_is_tried():
    assert set(HISTORY_RECORDS) == set(history.RECORD_TYPES)


def test_every_url_has_a_rule():
    names = set(url_names())
    without_rule = sorted(name for name in names if not rules_for(name))
    stale = sorted(set(RULES) - names)
    assert not without_rule, f"URLs without a rule in RULES: {', '.join(without_rule)}"
    assert not stale, f"rules for URLs that no longer exist: {', '.join(stale)}"


def _kwarg_names(pattern):
    return set(pattern.pattern.regex.groupindex)


def _kwargs(pattern, rule, world):
    """The kwargs that fill `pattern`, from the world's record the rule names."""
    kwargs = {}
    for name in _kwarg_names(pattern):
        if name in rule.fixed:
            kwargs[name] = rule.fixed[name]
        elif name == "pk":
            kwargs[name] = world[rule.on].pk
        elif name == "year":
            kwargs[name] = world[rule.on].year
        elif name == "code":  # a survey campaign's short address
            kwargs[name] = world[rule.on].code
        elif name == "app_label":  # the admin's app index: any installed app
            kwargs[name] = "auth"
        else:  # the admin's object_id, content_type_id, id: any value, the login comes first
            kwargs[name] = "1"
    return kwargs


def _outcome(response, url, method, rule, login_paths):
    """What the answer means: "login" (sent to a login page that brings the user back to
    `url`), "ok" (allowed: a page; after a POST also a redirect, a 409 conflict, or a 400 for an
    empty checklist answer, past the permission check), "403" (the site's refusal page), or
    what else it was."""
    code = response.status_code
    if code == 302:
        location = urlsplit(response["Location"])
        if location.path in login_paths:
            if parse_qs(location.query).get("next") == [url]:
                return "login"
            return f"login without next={url}: {response['Location']}"
        if method == "post" or rule.get_redirects:
            return "ok"
    if code == 200 or (method == "post" and code in (400, 409)):
        return "ok"
    if code == 403 and rule.refusal == "403":
        return "403" if "403.html" in {t.name for t in response.templates} else "403 (bare)"
    return str(code)


def _expected(rule, role, method):
    allowed = rule.get if method == "get" else rule.post
    if allowed == NOT_ALLOWED:
        # The login comes first for a visitor (LoginRequiredMiddleware runs before the view).
        return "login" if role == "anonymous" else "405"
    if role in allowed:
        return "405" if method == "post" and rule.read_only else "ok"
    if role != "anonymous" and method == "post" and rule.read_only:
        # A page that checks its record's rule in its body refuses the method first: a 405 is
        # as much a refusal as a 403, and says nothing about the record.
        return {rule.refusal, "405"}
    return "login" if role == "anonymous" else rule.refusal


@pytest.fixture(scope="module")
def media_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix-media")


GROUPS = {
    "no_role": None,
    "employee": roles.EMPLOYEE,
    "employee_elsewhere": roles.EMPLOYEE,
    "owner": roles.PROCESS_OWNER,
    "other_owner": roles.PROCESS_OWNER,
    "auditor": roles.AUDITOR,
    "team_auditor": roles.AUDITOR,
    "outside_auditor": roles.AUDITOR,
    "coordinator": roles.COORDINATOR,
    "survey_clerk": roles.SURVEY_CLERK,
    "management": roles.MANAGEMENT,
    "it_admin": roles.IT_ADMIN,
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media_dir):
    """The records, and a client signed in as each identity, made once for the whole matrix."""
    with factories.records_kept_for_a_module(django_db_blocker, media_dir):
        users = {role: factories.staff_user(role, role=group) for role, group in GROUPS.items()}
        records = factories.world(users)
        clients = {"anonymous": Client()}
        for role, user in users.items():
            clients[role] = Client()
            clients[role].force_login(user)
        yield {**records, "clients": clients}


@pytest.fixture
def matrix_settings(settings, media_dir, monkeypatch):
    factories.use_media_dir(settings, media_dir)
    # Who may open a PDF is what counts here, not the PDF (tests/test_crawl.py opens real ones):
    # WeasyPrint would take most of the matrix's time.
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html, base_url: b"%PDF-1.7 (not rendered)")


@functools.cache
def _row_counts_query():
    """One query counting the rows of every table: a refused request must change none."""
    tables = sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)})
    quote = connection.ops.quote_name
    return "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)


def _row_counts(query):
    with connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchone()


def _answer(client, method, url, *, refused):
    """The request, in a savepoint rolled back after it: what one role changes (an audit it
    closes, a draft it submits) does not decide what the next role is answered. A refused
    request must leave every table as it was (every change of a quality record or an account
    adds a row to its change history). The client's cookies are kept as they were (a logout
    would end its session). Returns (response, whether rows changed)."""
    cookies = dict(client.cookies.items())
    query = _row_counts_query() if refused else None
    try:
        with transaction.atomic():
            before = _row_counts(query) if refused else None
            response = getattr(client, method)(url)
            changed = refused and _row_counts(query) != before
            transaction.set_rollback(True)
    finally:
        client.cookies = SimpleCookie({key: morsel.value for key, morsel in cookies.items()})
    return response, changed


@functools.cache
def _patterns_by_name():
    """{URL name: its patterns}, the resolver walked once for the whole matrix."""
    patterns = {}
    for full_name, pattern in url_patterns():
        patterns.setdefault(full_name, []).append(pattern)
    return patterns


# One test per URL name and identity (ids like "audits:audit_detail-team_auditor"): a failure
# names both, and one identity's failure hides no other's.
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", url_names())
def test_permission_matrix(world, matrix_settings, name, role):
    rules = rules_for(name)
    if not rules:
        pytest.fail(f"no rule for {name} (see test_every_url_has_a_rule)")
    login_paths = {reverse("login"), reverse("admin:login")}
    client = world["clients"][role]
    mismatches = []
    for rule in rules:
        for pattern in _patterns_by_name()[name]:
            url = reverse(name, kwargs=_kwargs(pattern, rule, world))
            for method in ("get", "post"):
                want = _expected(rule, role, method)
                try:
                    response, changed = _answer(client, method, url, refused=want != "ok")
                except Exception as error:  # a 500: report it with the rest
                    got = f"error {error!r}"
                else:
                    got = _outcome(response, url, method, rule, login_paths)
                    if changed:
                        got += ", and changed rows"
                if got not in ({want} if isinstance(want, str) else want):
                    mismatches.append(f"{method.upper()} {url}: expected {want}, got {got}")
    assert not mismatches, f"{name} as {role} (expected ≠ got):\n" + "\n".join(mismatches)
