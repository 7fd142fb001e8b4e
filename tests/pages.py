"""The pages the accessibility (tests/browser) and HTML validity checks open, with the demo data.

Each entry: name -> (path, who is signed in (a demo account, or None), expected HTTP status).
`page_url` fills in the records a path names: `{certificate}`, `{body}`, `{audit}` and
`{representative}` (the demo's current ones), and, by their natural keys in the demo data
(qms/management/commands/demo_data.py), `{process[P-04]}`, `{risk[P-04]}` and `{measure[P-04]}`
(the first of the process's), `{unit[BOM]}`, `{document[KJ]}`, `{in_force[KJ]}` (its version in
force) and `{work[PR-06]}` (its draft or version in review). The survey: `{survey[open]}` and
`{survey[closed]}` (a campaign's short address), `{campaign[open]}` (its pk),
`{questionnaire[frozen]}` (the demo's, frozen by its responses) and `{questionnaire[draft]}`,
`{questiongroup[draft]}`, `{question[draft]}` (a draft version and its first group and question:
the demo has no draft, so the first lookup makes one, as the coordinator's "New version" does);
`{context[issue]}`, `{context[party]}`, `{context[exclusion]}` (the first entry of the context
register of each kind); `{survey_pk[open]}` (a campaign's key), `{survey_comment[open]}` (its
first response with a comment) and `{survey_action[open]}` (the first action on a comment in
that status). The
quality objectives: `{objective[approved]}` (this year's first, approved) and
`{objective[draft]}` (a draft for next year: the demo has none, so the first lookup writes one);
`{this_year}` and `{next_year}`. The management review: `{review[draft]}` and
`{review[approved]}`, `{review_input[draft]}` (the draft's first section) and
`{review_action[open]}` (an open action of the approved review). An account by its user name:
`{account[employee]}`.
"""

from django.contrib.auth.models import User
from django.utils import timezone

from audits.models import (
    NONCONFORMITIES,
    Audit,
    AuditProgramme,
    AuditStatus,
    CorrectiveAction,
    Finding,
)
from certificates.models import Certificate
from qms.models import (
    ContextIssue,
    Document,
    DocumentVersion,
    InterestedParty,
    ManagementReview,
    OrganisationalUnit,
    Process,
    ProcessMeasure,
    ProcessRisk,
    QualityObjective,
    Representative,
    ReviewAction,
    ReviewInput,
    ScopeExclusion,
    VersionStatus,
)
from surveys import services as survey_services
from surveys.models import Campaign, CommentAction, Question, QuestionGroup, Questionnaire

PAGES = {
    # Public pages
    "quality-page": ("/", None, 200),
    "quality-page-en": ("/en/", None, 200),
    "certificate-detail": ("/certificates/{certificate}/", None, 200),
    "accessibility-statement": ("/accessibility/", None, 200),
    "change-register": ("/changes/", None, 200),
    # The residents' survey: this year's campaign (open), its thanks, last year's (closed)
    "survey-form": ("/ankieta/{survey[open]}/", None, 200),
    "survey-form-en": ("/en/ankieta/{survey[open]}/", None, 200),
    "survey-thanks": ("/ankieta/{survey[open]}/dziekujemy/", None, 200),
    "survey-closed": ("/ankieta/{survey[closed]}/", None, 200),
    # The survey on paper, as the desk's clerk: the campaigns to print and type in, the entry
    # form of the open campaign and of the closed one (its box is emptied after it closes)
    "paper-campaign-list": ("/intranet/surveys/paper/", "clerk", 200),
    "paper-entry": ("/intranet/surveys/campaigns/{campaign[open]}/paper/new/", "clerk", 200),
    "paper-entry-closed": (
        "/intranet/surveys/campaigns/{campaign[closed]}/paper/new/",
        "clerk",
        200,
    ),
    "intranet-home-clerk": ("/intranet/", "clerk", 200),
    "login": ("/accounts/login/", None, 200),
    "not-found": ("/no-such-page/", None, 404),
    # The intranet, as the ISO representative's office
    "intranet-home": ("/intranet/", "coordinator", 200),
    # The survey's campaigns and questionnaires, a frozen one and a draft
    "survey-campaign-list": ("/intranet/surveys/campaigns/", "coordinator", 200),
    "survey-campaign-detail": ("/intranet/surveys/campaigns/{campaign[open]}/", "coordinator", 200),
    "survey-campaign-create": ("/intranet/surveys/campaigns/new/", "coordinator", 200),
    "survey-campaign-update": (
        "/intranet/surveys/campaigns/{campaign[open]}/edit/",
        "coordinator",
        200,
    ),
    "survey-questionnaire-list": ("/intranet/surveys/questionnaires/", "coordinator", 200),
    "survey-questionnaire-frozen": (
        "/intranet/surveys/questionnaires/{questionnaire[frozen]}/",
        "coordinator",
        200,
    ),
    "survey-questionnaire-draft": (
        "/intranet/surveys/questionnaires/{questionnaire[draft]}/",
        "coordinator",
        200,
    ),
    "survey-questionnaire-create": ("/intranet/surveys/questionnaires/new/", "coordinator", 200),
    "survey-questionnaire-update": (
        "/intranet/surveys/questionnaires/{questionnaire[draft]}/edit/",
        "coordinator",
        200,
    ),
    "survey-questiongroup-create": (
        "/intranet/surveys/questionnaires/{questionnaire[draft]}/groups/new/",
        "coordinator",
        200,
    ),
    "survey-questiongroup-update": (
        "/intranet/surveys/question-groups/{questiongroup[draft]}/edit/",
        "coordinator",
        200,
    ),
    "survey-question-create": (
        "/intranet/surveys/question-groups/{questiongroup[draft]}/questions/new/",
        "coordinator",
        200,
    ),
    "survey-question-update": (
        "/intranet/surveys/questions/{question[draft]}/edit/",
        "coordinator",
        200,
    ),
    # The survey's clerk: the campaigns (their home is above)
    "survey-campaign-list-clerk": ("/intranet/surveys/campaigns/", "clerk", 200),
    "survey-campaign-detail-clerk": (
        "/intranet/surveys/campaigns/{campaign[open]}/",
        "clerk",
        200,
    ),
    "certificate-list": ("/intranet/certificates/", "coordinator", 200),
    "certificate-create": ("/intranet/certificates/new/", "coordinator", 200),
    "certificate-update": ("/intranet/certificates/{certificate}/edit/", "coordinator", 200),
    "body-list": ("/intranet/bodies/", "coordinator", 200),
    "body-create": ("/intranet/bodies/new/", "coordinator", 200),
    "body-update": ("/intranet/bodies/{body}/edit/", "coordinator", 200),
    "externalaudit-list": ("/intranet/external-audits/", "coordinator", 200),
    "externalaudit-create": ("/intranet/external-audits/new/", "coordinator", 200),
    "externalaudit-update": ("/intranet/external-audits/{audit}/edit/", "coordinator", 200),
    "policy-list": ("/intranet/policies/", "coordinator", 200),
    # The quality objectives: this year's (the coordinator's, top management's and staff's
    # view), last year's evaluated ones, and their forms
    "objective-list": ("/intranet/objectives/", "coordinator", 200),
    "objective-list-manager": ("/intranet/objectives/", "manager", 200),
    "objective-list-employee": ("/intranet/objectives/", "employee", 200),
    "objective-list-next-year": ("/intranet/objectives/{next_year}/", "manager", 200),
    "objective-list-filtered": ("/intranet/objectives/?status=met&q=a&page=2", "coordinator", 200),
    "objective-create": ("/intranet/objectives/new/", "coordinator", 200),
    "objective-update": ("/intranet/objectives/{objective[draft]}/edit/", "coordinator", 200),
    "objective-evaluate": (
        "/intranet/objectives/{objective[approved]}/evaluate/",
        "coordinator",
        200,
    ),
    # The register of risks and opportunities: as staff read it, filtered to high risks (one
    # heat map, archived included), a cell of the heat map chosen, and the evaluation form
    "risk-list": ("/intranet/risks/", "employee", 200),
    "risk-list-filtered": (
        "/intranet/risks/?kind=risk&level=high&archived=included&likelihood=4&impact=4",
        "owner",
        200,
    ),
    "risk-evaluate": ("/intranet/risks/{risk[P-04]}/evaluate/", "owner", 200),
    # The management review: the list (the coordinator's and staff's), last year's approved
    # review (the coordinator's and staff's view), this year's draft (the coordinator's, with
    # its forms, and its chair's), the register of actions and the forms
    "review-list": ("/intranet/reviews/", "coordinator", 200),
    "review-list-employee": ("/intranet/reviews/", "employee", 200),
    "review-detail-draft": ("/intranet/reviews/{review[draft]}/", "coordinator", 200),
    "review-detail-draft-chair": ("/intranet/reviews/{review[draft]}/", "manager", 200),
    "review-detail-approved": ("/intranet/reviews/{review[approved]}/", "coordinator", 200),
    "review-detail-approved-employee": ("/intranet/reviews/{review[approved]}/", "employee", 200),
    "review-create": ("/intranet/reviews/new/", "coordinator", 200),
    "review-update": ("/intranet/reviews/{review[draft]}/edit/", "coordinator", 200),
    "review-input-update": (
        "/intranet/reviews/inputs/{review_input[draft]}/edit/",
        "coordinator",
        200,
    ),
    "review-action-create": ("/intranet/reviews/{review[draft]}/actions/new/", "coordinator", 200),
    "review-action-close": (
        "/intranet/reviews/actions/{review_action[open]}/close/",
        "coordinator",
        200,
    ),
    "review-action-list": ("/intranet/reviews/actions/", "coordinator", 200),
    "review-action-list-overdue": ("/intranet/reviews/actions/?status=overdue", "owner", 200),
    # The coordinator's dashboard: every tile (the coordinator), and top management's tiles
    "dashboard": ("/intranet/dashboard/", "coordinator", 200),
    "dashboard-manager": ("/intranet/dashboard/", "manager", 200),
    "context-register-review-due": ("/intranet/context/?review_due=on", "coordinator", 200),
    "finding-list-open": ("/intranet/audits/findings/?kind=nonconformity&open=on", "auditor", 200),
    "policy-create": ("/intranet/policies/new/", "coordinator", 200),
    "representative-list": ("/intranet/representatives/", "coordinator", 200),
    "representative-create": ("/intranet/representatives/new/", "coordinator", 200),
    "representative-update": (
        "/intranet/representatives/{representative}/edit/",
        "coordinator",
        200,
    ),
    "organisation-update": ("/intranet/organisation/edit/", "coordinator", 200),
    # The context of the organisation: the register (as the office and top management), its forms
    "context-register": ("/intranet/context/", "coordinator", 200),
    "context-register-manager": ("/intranet/context/", "manager", 200),
    "context-register-filtered": (
        "/intranet/context/?q=a&kind=parties&archived=included&page=2",
        "coordinator",
        200,
    ),
    "contextissue-create": ("/intranet/context/issues/new/", "coordinator", 200),
    "contextissue-update": ("/intranet/context/issues/{context[issue]}/edit/", "coordinator", 200),
    "interestedparty-create": ("/intranet/context/parties/new/", "coordinator", 200),
    "interestedparty-update": (
        "/intranet/context/parties/{context[party]}/edit/",
        "coordinator",
        200,
    ),
    "context-scope-update": ("/intranet/context/scope/edit/", "coordinator", 200),
    "scopeexclusion-create": ("/intranet/context/exclusions/new/", "coordinator", 200),
    "scopeexclusion-update": (
        "/intranet/context/exclusions/{context[exclusion]}/edit/",
        "coordinator",
        200,
    ),
    # Processes: the register, the map, a card with risks, measures, values and documents, and
    # the forms of the card, as the coordinator
    "process-list": ("/intranet/processes/", "coordinator", 200),
    "process-list-filtered": (
        "/intranet/processes/?kind=core&unit={unit[BOM]}",
        "coordinator",
        200,
    ),
    "process-map": ("/intranet/processes/map/", "coordinator", 200),
    "process-detail": ("/intranet/processes/{process[P-04]}/", "coordinator", 200),
    "unit-list": ("/intranet/units/", "coordinator", 200),
    "process-create": ("/intranet/processes/new/", "coordinator", 200),
    "process-update": ("/intranet/processes/{process[P-04]}/edit/", "coordinator", 200),
    "risk-create": ("/intranet/processes/{process[P-04]}/risks/new/", "coordinator", 200),
    "risk-update": ("/intranet/risks/{risk[P-04]}/edit/", "coordinator", 200),
    "measure-create": ("/intranet/processes/{process[P-04]}/measures/new/", "coordinator", 200),
    "measure-update": ("/intranet/measures/{measure[P-04]}/edit/", "coordinator", 200),
    "measurevalue-create": ("/intranet/measures/{measure[P-04]}/values/new/", "coordinator", 200),
    # Controlled documents: the register, a document in force (KJ, which also has a draft by
    # the coordinator), a draft only (PR-15), a version in review by the process owner (PR-06,
    # which the coordinator approves), and the workflow's forms
    "document-list": ("/intranet/documents/", "coordinator", 200),
    "document-list-search": ("/intranet/documents/?q=jakosci", "coordinator", 200),
    "document-list-filtered": (
        "/intranet/documents/?kind=procedure&status=draft",
        "coordinator",
        200,
    ),
    "document-detail": ("/intranet/documents/{document[KJ]}/", "coordinator", 200),
    "document-detail-draft": ("/intranet/documents/{document[PR-15]}/", "coordinator", 200),
    "document-detail-in-review": ("/intranet/documents/{document[PR-06]}/", "coordinator", 200),
    "document-create": ("/intranet/documents/new/", "coordinator", 200),
    "document-update": ("/intranet/documents/{document[PR-03]}/edit/", "coordinator", 200),
    "document-withdraw": ("/intranet/documents/{document[PR-03]}/withdraw/", "coordinator", 200),
    "version-create": ("/intranet/documents/{document[PR-03]}/versions/new/", "coordinator", 200),
    "version-approve": ("/intranet/versions/{work[PR-06]}/approve/", "coordinator", 200),
    "version-return": ("/intranet/versions/{work[PR-06]}/return/", "coordinator", 200),
    "version-readers": ("/intranet/versions/{in_force[KJ]}/readers/", "coordinator", 200),
    "document-reviews": ("/intranet/documents/reviews/", "coordinator", 200),
    # The intranet as a process owner, and as an employee: the home page (with documents to
    # read), a document in force, and a page the role may not open
    "intranet-home-owner": ("/intranet/", "owner", 200),
    "intranet-home-employee": ("/intranet/", "employee", 200),
    "document-detail-employee": ("/intranet/documents/{document[KJ]}/", "employee", 200),
    "forbidden": ("/intranet/certificates/", "employee", 403),
    # The residents' comments of this year's campaign (all, and filtered), an action on one, the
    # actions as the office and as the owner responsible, and the owner's report that it is done
    "survey-comment-list": (
        "/intranet/surveys/campaigns/{survey_pk[open]}/comments/",
        "coordinator",
        200,
    ),
    "survey-comment-list-filtered": (
        "/intranet/surveys/campaigns/{survey_pk[closed]}/comments/?band=low&q=kolej&page=1",
        "coordinator",
        200,
    ),
    "survey-comment-action-create": (
        "/intranet/surveys/comments/{survey_comment[open]}/actions/new/",
        "coordinator",
        200,
    ),
    "survey-comment-action-list": ("/intranet/surveys/comment-actions/", "coordinator", 200),
    "survey-comment-action-detail": (
        "/intranet/surveys/comment-actions/{survey_action[done]}/",
        "coordinator",
        200,
    ),
    "survey-comment-action-list-owner": ("/intranet/surveys/comment-actions/", "owner", 200),
    "survey-comment-action-done": (
        "/intranet/surveys/comment-actions/{survey_action[open]}/done/",
        "owner",
        200,
    ),
    # The intranet's search: an employee's results, the coordinator's on a second page of one
    # kind, the page without a query, with nothing found and with a query too long
    "search": ("/intranet/search/?q=audyt", "employee", 200),
    "search-paged": ("/intranet/search/?q=urzad&audits_page=2", "coordinator", 200),
    "search-empty": ("/intranet/search/", "employee", 200),
    "search-nothing-found": ("/intranet/search/?q=hipopotam", "employee", 200),
    "search-too-long": (f"/intranet/search/?q={'a' * 201}", "employee", 200),
    # Internal audits (records picked by status in the demo: see the audit keys below)
    "programme-list": ("/intranet/audits/programmes/", "coordinator", 200),
    "programme-detail": ("/intranet/audits/programmes/{programme[latest]}/", "coordinator", 200),
    "programme-create": ("/intranet/audits/programmes/new/", "coordinator", 200),
    "programme-update": (
        "/intranet/audits/programmes/{programme[latest]}/edit/",
        "coordinator",
        200,
    ),
    "coverage": ("/intranet/audits/programmes/coverage/", "coordinator", 200),
    # Filtered to the processes not audited, and with a cycle and a state out of range (the
    # form's errors shown, the grid as by default)
    "coverage-missing": (
        "/intranet/audits/programmes/coverage/?state=missing&q=P-",
        "coordinator",
        200,
    ),
    "coverage-careless": (
        "/intranet/audits/programmes/coverage/?until=99999&state=nonsense&page=abc",
        "coordinator",
        200,
    ),
    "audit-list": ("/intranet/audits/", "coordinator", 200),
    "audit-list-employee": ("/intranet/audits/", "employee", 200),
    "audit-create": ("/intranet/audits/new/", "coordinator", 200),
    "audit-detail": ("/intranet/audits/{audit_in[in_progress]}/", "coordinator", 200),
    "audit-detail-reported": ("/intranet/audits/{audit_in[reported]}/", "auditor", 200),
    "audit-detail-closed-employee": ("/intranet/audits/{audit_in[closed]}/", "employee", 200),
    "audit-update": ("/intranet/audits/{audit_in[in_progress]}/edit/", "coordinator", 200),
    "checklist": ("/intranet/audits/{audit_in[in_progress]}/checklist/", "auditor", 200),
    "checklist-closed-owner": ("/intranet/audits/{audit_in[closed]}/checklist/", "owner", 200),
    "checklist-add-templates": (
        "/intranet/audits/{audit_in[in_progress]}/checklist/add-templates/",
        "coordinator",
        200,
    ),
    "checklist-add-question": (
        "/intranet/audits/{audit_in[in_progress]}/checklist/new/",
        "coordinator",
        200,
    ),
    "finding-create": (
        "/intranet/audits/{audit_in[in_progress]}/findings/new/",
        "coordinator",
        200,
    ),
    "finding-detail": ("/intranet/audits/findings/{finding[reported]}/", "coordinator", 200),
    "finding-update": ("/intranet/audits/findings/{finding[reported]}/edit/", "coordinator", 200),
    "action-create": (
        "/intranet/audits/findings/{finding[reported]}/actions/new/",
        "coordinator",
        200,
    ),
    "action-update": ("/intranet/audits/actions/{action[open]}/edit/", "coordinator", 200),
    "action-implemented": (
        "/intranet/audits/actions/{action[open]}/implemented/",
        "coordinator",
        200,
    ),
    "action-verify": ("/intranet/audits/actions/{action[implemented]}/verify/", "auditor", 200),
    "action-register": ("/intranet/audits/actions/", "coordinator", 200),
    "action-register-filtered": (
        "/intranet/audits/actions/?process=P-0&status=nonsense&page=99999",
        "coordinator",
        200,
    ),
    "intranet-home-auditor": ("/intranet/", "auditor", 200),
    # Signing in and the staff accounts: the password change of any member of staff, and the
    # accounts the ISO representative's office keeps
    "password-change": ("/accounts/password/", "employee", 200),
    "password-change-done": ("/accounts/password/done/", "employee", 200),
    "account-list": ("/intranet/accounts/", "coordinator", 200),
    "account-list-inactive": ("/intranet/accounts/?status=inactive", "coordinator", 200),
    # Local accounts and roles given in the portal (issue 16): the list filtered by role and
    # source, a new local account, the roles of the demo's employee
    "account-list-filtered": (
        "/intranet/accounts/?role=auditor&source=local",
        "coordinator",
        200,
    ),
    "account-create": ("/intranet/accounts/new/", "coordinator", 200),
    "account-roles": ("/intranet/accounts/{account[employee]}/roles/", "coordinator", 200),
    # The survey's results: this year's (not published) as the coordinator, last year's
    # (published, with conclusions) as an auditor, and the coordinator's conclusions form
    "survey-results": ("/intranet/surveys/campaigns/{campaign[open]}/results/", "coordinator", 200),
    "survey-results-published": (
        "/intranet/surveys/campaigns/{campaign[closed]}/results/",
        "auditor",
        200,
    ),
    "survey-conclusions": (
        "/intranet/surveys/campaigns/{campaign[closed]}/results/conclusions/",
        "coordinator",
        200,
    ),
    # The change history ("rejestr zmian") of a record, as the ISO representative's office: a
    # certificate, a document with its versions, an internal audit; refused to an employee
    "record-history": ("/intranet/history/certificate/{certificate}/", "coordinator", 200),
    "record-history-document": ("/intranet/history/document/{document[KJ]}/", "coordinator", 200),
    "record-history-audit": ("/intranet/history/audit/{audit_in[closed]}/", "coordinator", 200),
    "record-history-employee": (
        "/intranet/history/certificate/{certificate}/",
        "employee",
        403,
    ),
}

# Forms sent back with errors: name -> (path, who sends it, the fields filled in). The fields'
# names and values go through `page_url` too.
FORMS_WITH_ERRORS = {
    # A climate statement without its reasoning, and no kind nor issue for a new issue.
    "context-scope-with-errors": (
        "/intranet/context/scope/edit/",
        "coordinator",
        {"climate_change_relevant": "yes", "climate_change_reasoning": ""},
    ),
    "contextissue-create-with-errors": (
        "/intranet/context/issues/new/",
        "coordinator",
        {"category": "social"},
    ),
    # A resident's comment turned into an action due in the past, with no kind nor process.
    "survey-comment-action-create-with-errors": (
        "/intranet/surveys/comments/{survey_comment[open]}/actions/new/",
        "coordinator",
        {"action": "Coś zrobić.", "due_on": "2020-01-01"},
    ),
    # A code already taken, and no title, kind, unit or file.
    "document-create-with-errors": (
        "/intranet/documents/new/",
        "coordinator",
        {"code": "KJ"},
    ),
    # A review date before the date in force.
    "version-approve-with-errors": (
        "/intranet/versions/{work[PR-06]}/approve/",
        "coordinator",
        {"effective_on": "2030-07-14", "next_review_on": "2030-07-13"},
    ),
    # No description; the form keeps the likelihood and impact chosen.
    "risk-create-with-errors": (
        "/intranet/processes/{process[P-04]}/risks/new/",
        "coordinator",
        {"likelihood": "5", "impact": "4"},
    ),
    # A second value for a period already recorded: an error of the whole form.
    "measurevalue-create-with-errors": (
        "/intranet/measures/{measure[P-04]}/values/new/",
        "coordinator",
        {"period_end": "{period[P-04]}", "value": "1"},
    ),
    # A short address already taken, a campaign closing before it opens, no name.
    "survey-campaign-create-with-errors": (
        "/intranet/surveys/campaigns/new/",
        "coordinator",
        {"code": "{survey[open]}", "opens_on": "2030-07-14", "closes_on": "2030-07-13"},
    ),
    # A wrong current password and a new one too short: errors of two fields.
    # A score off the scale and a word for a score: errors of two questions; the rest is kept.
    "paper-entry-with-errors": (
        "/intranet/surveys/campaigns/{campaign[open]}/paper/new/",
        "clerk",
        {"q{question[1]}": "7", "q{question[2]}": "tak", "comment": "Długo czekałem."},
    ),
    "password-change-with-errors": (
        "/accounts/password/",
        "employee",
        {"old_password": "not it", "new_password1": "short", "new_password2": "short"},
    ),
}

# The HTML that render_pdf hands to WeasyPrint (with DEBUG on, `?html=1` returns it as is).
PDF_SOURCES = {
    "certificate-pdf-source": ("/certificates/{certificate}/pdf/?html=1", None),
    "process-pdf-source": ("/intranet/processes/{process[P-04]}/pdf/?html=1", "coordinator"),
    "document-register-pdf-source": ("/intranet/documents/pdf/?html=1", "coordinator"),
    "context-pdf-source": ("/intranet/context/pdf/?html=1", "manager"),
    "objective-pdf-source": ("/intranet/objectives/{this_year}/pdf/?html=1", "coordinator"),
    "risk-pdf-source": ("/intranet/risks/pdf/?html=1", "employee"),
    "review-pdf-source": ("/intranet/reviews/{review[approved]}/pdf/?html=1", "coordinator"),
    "review-draft-pdf-source": ("/intranet/reviews/{review[draft]}/pdf/?html=1", "manager"),
    "audit-report-pdf-source": ("/intranet/audits/{audit_in[closed]}/pdf/?html=1", "auditor"),
    "checklist-pdf-source": (
        "/intranet/audits/{audit_in[in_progress]}/checklist/pdf/?html=1",
        "auditor",
    ),
    "programme-pdf-source": (
        "/intranet/audits/programmes/{programme[latest]}/pdf/?html=1",
        "auditor",
    ),
    "action-register-pdf-source": ("/intranet/audits/actions/pdf/?html=1", "auditor"),
    "paper-pdf-source": ("/intranet/surveys/campaigns/{campaign[open]}/paper/pdf/?html=1", "clerk"),
    "poster-pdf-source": (
        "/intranet/surveys/campaigns/{campaign[open]}/poster/pdf/?html=1",
        "clerk",
    ),
    "survey-report-pdf-source": (
        "/intranet/surveys/campaigns/{campaign[open]}/results/pdf/?html=1",
        "auditor",
    ),
}

# The certificate form sent back with an error: 'valid until' before 'valid from'.
INVALID_CERTIFICATE = {
    "number": "PL-QMS-9999/2030",
    "standard": "PN-EN ISO 9001:2015-10",
    "scope": "zadania z zakresu administracji publicznej",
    "issued_on": "2030-07-01",
    "valid_from": "2030-07-14",
    "valid_until": "2030-07-13",
    "status": "valid",
}


class _ByKey:
    """`{name[key]}` in a path: the record found by `find(key)`, looked up only when used."""

    def __init__(self, find):
        self.find = find

    def __getitem__(self, key):
        return self.find(key)


def _in_force(code):
    return DocumentVersion.objects.get(document__code=code, status=VersionStatus.IN_FORCE).pk


def _work(code):
    return DocumentVersion.objects.get(
        document__code=code, status__in=[VersionStatus.DRAFT, VersionStatus.IN_REVIEW]
    ).pk


def _latest_period(code):
    measure = ProcessMeasure.objects.filter(process__code=code).first()
    return measure.values.latest("period_end").period_end.isoformat()


def _audit(status):
    """The demo's first audit in that status (open ones are in the current year)."""
    return Audit.objects.filter(status=status).order_by("-programme__year", "sequence").first().pk


def _finding(status):
    """A nonconformity of an audit in that status."""
    return (
        Finding.objects.filter(audit__status=status, kind__in=NONCONFORMITIES)
        .order_by("audit__sequence", "number")
        .first()
        .pk
    )


def _action(status):
    """An action in that status, of an audit not yet closed."""
    return (
        CorrectiveAction.objects.filter(status=status)
        .exclude(finding__audit__status=AuditStatus.CLOSED)
        .order_by("pk")
        .first()
        .pk
    )


def _survey(which):
    """The short address of the demo's campaign open today, or of one that is closed."""
    today = timezone.localdate()
    open_now = Campaign.objects.open_on(today)
    campaigns = open_now if which == "open" else Campaign.objects.exclude(pk__in=open_now)
    return campaigns.order_by("-opens_on").first().code


def _campaign(which):
    """The pk of the demo's campaign open today, or of one that is closed."""
    return Campaign.objects.get(code=_survey(which)).pk


def _questionnaire(which):
    """The demo's questionnaire (frozen), or a draft: the one there is, else a new version."""
    frozen = Questionnaire.objects.filter(frozen_at__isnull=False).order_by("-version").first()
    if which == "frozen":
        return frozen
    draft = Questionnaire.objects.filter(frozen_at__isnull=True).order_by("-version").first()
    return draft or survey_services.questionnaire_new_version(questionnaire=frozen, user=None)


def _question(which):
    """The pk of the first question of the `frozen` or `draft` questionnaire, or of the
    `which`th question (from 1) of the demo's campaign open today."""
    if not str(which).isdigit():
        return Question.objects.filter(group__questionnaire=_questionnaire(which)).first().pk
    campaign = Campaign.objects.get(code=_survey("open"))
    questions = Question.objects.filter(group__questionnaire=campaign.questionnaire_id)
    return questions.order_by("group__position", "position")[int(which) - 1].pk


def _survey_comment(which):
    """The first response with a comment of the demo's open (or closed) campaign."""
    campaign = Campaign.objects.get(code=_survey(which))
    return campaign.responses.exclude(comment="").order_by("pk").first().pk


def _objective(which):
    """This year's first approved objective, or a draft for next year (written if missing)."""
    year = timezone.localdate().year
    if which == "approved":
        return QualityObjective.objects.of_year(year).approved().first().pk
    draft = QualityObjective.objects.of_year(year + 1).filter(approved_at__isnull=True).first()
    if draft is None:
        model = QualityObjective.objects.of_year(year).first()
        draft = QualityObjective.objects.create(
            year=year + 1,
            title="Skrócenie czasu rejestracji pojazdu do 25 minut",
            plan="Rezerwacja wizyt i trzecie stanowisko w Wydziale Komunikacji.",
            target=25,
            unit="min",
            direction="lte",
            responsible=model.responsible,
            deadline=model.deadline.replace(year=year + 1),
            evaluation_method="Średnia kwartalna z systemu kolejkowego.",
        )
    return draft.pk


def _survey_action(status):
    return CommentAction.objects.filter(status=status).order_by("pk").first().pk


CONTEXT_MODELS = {"issue": ContextIssue, "party": InterestedParty, "exclusion": ScopeExclusion}

RECORDS = {
    # The demo's first entry of the context register: an issue, a party, an exclusion.
    "context": _ByKey(lambda which: CONTEXT_MODELS[which].objects.first().pk),
    "programme": _ByKey(lambda _key: AuditProgramme.objects.latest("year").year),
    "audit_in": _ByKey(_audit),
    "finding": _ByKey(_finding),
    "action": _ByKey(_action),
    "process": _ByKey(lambda code: Process.objects.get(code=code).pk),
    "risk": _ByKey(lambda code: ProcessRisk.objects.filter(process__code=code).first().pk),
    "measure": _ByKey(lambda code: ProcessMeasure.objects.filter(process__code=code).first().pk),
    "period": _ByKey(_latest_period),
    "unit": _ByKey(lambda code: OrganisationalUnit.objects.get(code=code).pk),
    "document": _ByKey(lambda code: Document.objects.get(code=code).pk),
    "in_force": _ByKey(_in_force),
    "work": _ByKey(_work),
    "survey": _ByKey(_survey),
    "campaign": _ByKey(_campaign),
    "questionnaire": _ByKey(lambda which: _questionnaire(which).pk),
    "questiongroup": _ByKey(
        lambda which: QuestionGroup.objects.filter(questionnaire=_questionnaire(which)).first().pk
    ),
    "question": _ByKey(_question),
    "survey_pk": _ByKey(lambda which: Campaign.objects.get(code=_survey(which)).pk),
    "survey_comment": _ByKey(_survey_comment),
    "survey_action": _ByKey(_survey_action),
    "objective": _ByKey(_objective),
    # The management review: the demo's approved review and its draft, the draft's first input,
    # and the approved review's first open action.
    "review": _ByKey(
        lambda which: ManagementReview.objects.filter(status=which).order_by("-held_on").first().pk
    ),
    "review_input": _ByKey(
        lambda which: ReviewInput.objects.filter(review__status=which).order_by("pk").first().pk
    ),
    "review_action": _ByKey(
        lambda status: (
            ReviewAction.objects.filter(status=status, review__status="approved")
            .order_by("pk")
            .first()
            .pk
        )
    ),
    # An account by its user name (issue 16).
    "account": _ByKey(lambda username: User.objects.get(username=username).pk),
}


def page_url(path):
    """The path with the demo's records filled in (see the module's docstring)."""
    if "{" not in path:
        return path
    certificate = Certificate.objects.current()
    return path.format(
        certificate=certificate.pk,
        body=certificate.body_id,
        audit=certificate.audits.first().pk,
        representative=Representative.objects.current().pk,
        this_year=timezone.localdate().year,
        next_year=timezone.localdate().year + 1,
        **RECORDS,
    )


def valid_until_error():
    """The message the certificate form shows when 'valid until' is not after 'valid from'."""
    constraint = next(
        c
        for c in Certificate._meta.constraints
        if c.name == "certificates_certificate_valid_until_after_from"
    )
    return str(constraint.violation_error_message)


# The same pages in a large office: the demo and its copies (qms.scale), with more processes
# and units than a filter lists (typed by their code; one typed wrong here), more processes of
# each kind than a band of the process map draws, and more editions waiting for approval and
# documents past their review than a page shows. `grow_to_a_large_office` makes them.
LARGE_OFFICE_FACTOR = 13
LARGE_OFFICE_PAGES = {
    "document-list-large": ("/intranet/documents/?process=NIE-MA&unit=bom", "coordinator", 200),
    "document-reviews-large": ("/intranet/documents/reviews/", "coordinator", 200),
    "process-map-large": ("/intranet/processes/map/", "coordinator", 200),
}


def grow_to_a_large_office():
    from qms import scale

    scale.generate(LARGE_OFFICE_FACTOR)
