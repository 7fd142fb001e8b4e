"""The portal's roles, as Django groups with permissions, and the permission helpers views use.

A migration creates the groups (qms/migrations/0008_roles.py), and they are brought in line with
ROLE_PERMISSIONS after every `migrate` (see QmsConfig.ready), so a fresh database has them without
the demo data. Every view asks the object rules below (who is on this audit, who owns this process).
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

COORDINATOR = "coordinator"
AUDITOR = "auditor"
PROCESS_OWNER = "process_owner"
EMPLOYEE = "employee"
# Top management (kierownictwo: the mayor, the city secretary): reads the system's results and
# approves what is theirs to approve (the management review, the quality objectives).
MANAGEMENT = "management"
# Enters the residents' paper questionnaires (the customer-service desk); nothing else.
SURVEY_CLERK = "survey_clerk"
# The office's IT: creates local accounts and gives roles (accounts page), and nothing of the
# quality records.
IT_ADMIN = "it_admin"

ROLE_LABELS = {
    COORDINATOR: _("ISO representative's office (coordinator)"),
    AUDITOR: _("auditor"),
    PROCESS_OWNER: _("process owner"),
    EMPLOYEE: _("employee"),
    SURVEY_CLERK: _("survey clerk (paper questionnaires)"),
    MANAGEMENT: _("top management"),
    IT_ADMIN: _("IT administrator (accounts and roles)"),
}

_RECORDS = {
    "qms": [
        "organisation",
        "representative",
        "qualitypolicy",
        # The context of the organisation (4.1-4.3): its register and the scope's exclusions.
        "contextissue",
        "interestedparty",
        "scopeexclusion",
    ],
    "certificates": ["certificationbody", "certificate", "externalaudit"],
}
_PROCESS_RECORDS = {
    "qms": [
        "organisationalunit",
        "process",
        "processrisk",
        "processmeasure",
        "measurevalue",
        "document",
        "documentversion",
    ],
}


def _perms(actions, records=_RECORDS):
    return [
        f"{app}.{action}_{model}"
        for app, models in records.items()
        for model in models
        for action in actions
    ]


# No role is given a delete permission: quality records are archived, never deleted.
_AUDIT_RECORDS = {
    "audits": ["auditprogramme", "audit", "checklistitem", "finding", "correctiveaction"],
}

# The residents' survey: the coordinator keeps the questionnaires and campaigns; responses are
# written once (online, or entered from paper: add_response) and only read after that.
_SURVEY_RECORDS = {
    "surveys": ["questionnaire", "questiongroup", "question", "campaign"],
}

# Process owners' rights on processes and documents hold for their own processes only: the object
# rules below add that condition.
ROLE_PERMISSIONS = {
    COORDINATOR: [
        *_perms(["add", "change", "view"]),
        *_perms(["add", "change", "view"], _PROCESS_RECORDS),
        "qms.view_document_history",
        "qms.approve_documentversion",
        "qms.view_readconfirmation",
        *_perms(["add", "change", "view"], _AUDIT_RECORDS),
        "audits.manage_audits",
        "audits.verify_correctiveaction",
        # The change history ("rejestr zmian") of every record, and the staff accounts, which the
        # office deactivates but never deletes.
        "qms.view_change_history",
        "auth.view_user",
        "auth.change_user",
        # New local accounts and their roles (the accounts page; issue 16).
        "auth.add_user",
        *_perms(["add", "change", "view"], _SURVEY_RECORDS),
        "surveys.add_response",
        "surveys.view_response",
        # Residents' comments turned into actions: the office assigns and closes them.
        "surveys.add_commentaction",
        "surveys.change_commentaction",
        "surveys.view_commentaction",
        "surveys.close_commentaction",
        # The quality objectives (6.2): drafted here, approved by top management.
        "qms.add_qualityobjective",
        "qms.change_qualityobjective",
        "qms.view_qualityobjective",
    ],
    AUDITOR: [
        *_perms(["view"]),
        *_perms(["view"], _PROCESS_RECORDS),
        "qms.view_document_history",
        # Auditors edit only the audits they are on (see can_edit_audit); the programme is the
        # coordinator's.
        *[
            perm
            for perm in _perms(["add", "change", "view"], _AUDIT_RECORDS)
            if perm not in ("audits.add_auditprogramme", "audits.change_auditprogramme")
        ],
        "audits.verify_correctiveaction",
        # Clause 9.1.2 is audited too: auditors read the survey's results.
        *_perms(["view"], _SURVEY_RECORDS),
        "surveys.view_response",
        "surveys.view_commentaction",
        # The approved quality objectives (qms.QualityObjectiveQuerySet.visible_to).
        "qms.view_qualityobjective",
    ],
    PROCESS_OWNER: [
        *_perms(["view"], _PROCESS_RECORDS),
        "qms.view_document_history",
        # A new document only for a process they own: see can_create_document.
        "qms.add_document",
        "qms.add_documentversion",
        "qms.add_processrisk",
        "qms.change_processrisk",
        "qms.add_processmeasure",
        "qms.change_processmeasure",
        "qms.add_measurevalue",
        # Owners read audits and answer the findings of their own processes.
        *_perms(["view"], _AUDIT_RECORDS),
        "audits.add_correctiveaction",
        "audits.change_correctiveaction",
        # The actions on residents' comments assigned to them: read, and reported done (see
        # can_report_comment_action_done).
        "surveys.view_commentaction",
        "surveys.change_commentaction",
        "qms.view_qualityobjective",
    ],
    EMPLOYEE: ["qms.view_process", "qms.view_document", "qms.view_qualityobjective"],
    SURVEY_CLERK: ["surveys.view_campaign", "surveys.add_response"],
    # Reads as staff do, and the residents' survey's results (clause 9.1.2 is an input of the
    # management review).
    MANAGEMENT: [
        "qms.view_process",
        "qms.view_document",
        *_perms(["view"], _SURVEY_RECORDS),
        "surveys.view_response",
        # The context of the organisation is an input of the management review (9.3.2 b).
        "qms.view_contextissue",
        "qms.view_interestedparty",
        "qms.view_scopeexclusion",
        # The year's quality objectives, drafts too: theirs to approve.
        "qms.view_qualityobjective",
        "qms.approve_qualityobjective",
    ],
    # Accounts and roles, nothing else (issue 16).
    IT_ADMIN: ["auth.view_user", "auth.add_user", "auth.change_user"],
}


# The management review (9.3): the coordinator's office prepares it, the chair (top management)
# approves it, the auditors read the drafts too; staff read the approved minutes. Who closes an
# action of a review: can_close_review_action.
_REVIEW_READ = ["qms.view_managementreview", "qms.view_reviewaction"]
_REVIEW_DRAFTS = [*_REVIEW_READ, "qms.view_draft_managementreview"]
ROLE_PERMISSIONS[COORDINATOR] += [
    *_REVIEW_DRAFTS,
    "qms.add_managementreview",
    "qms.change_managementreview",
    "qms.change_reviewinput",
    "qms.add_reviewaction",
    "qms.change_reviewaction",
]
ROLE_PERMISSIONS[MANAGEMENT] += [*_REVIEW_DRAFTS, "qms.approve_managementreview"]
ROLE_PERMISSIONS[AUDITOR] += _REVIEW_DRAFTS
ROLE_PERMISSIONS[PROCESS_OWNER] += _REVIEW_READ
ROLE_PERMISSIONS[EMPLOYEE] += _REVIEW_READ


def can_read_review(user, review):
    """Staff read the approved minutes; the quality team and top management drafts too
    (qms.models.reviews.ManagementReviewQuerySet.visible_to is this rule as a filter)."""
    return user.has_perm("qms.view_draft_managementreview") or (
        review.is_approved and user.has_perm("qms.view_managementreview")
    )


def can_edit_review(user, review):
    """The coordinator's office prepares a review while it is a draft."""
    return review.is_draft and user.has_perm("qms.change_managementreview")


def can_approve_review(user, review):
    """The review's chair, who holds the management role, approves its minutes."""
    return (
        review.is_draft
        and review.chair_id == user.pk
        and user.has_perm("qms.approve_managementreview")
    )


def can_close_review_action(user, action):
    """The action's owner, or the coordinator's office for them, records that it is done."""
    return (
        action.review.is_approved
        and not action.is_closed
        and (user.has_perm("qms.change_reviewaction") or action.owner_id == user.pk)
    )


def sync_roles(apps=None, using="default", **kwargs):
    """Create the role groups and give each exactly the permissions ROLE_PERMISSIONS lists.

    Run by the migration qms/0008_roles (so a new database has the roles) and again after every
    `migrate` (so a permission added here later reaches the groups without a new migration).
    """
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.extend(
                Permission.objects.using(using).filter(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(wanted)


def allowed(rule):
    """A view decorator: the view runs for users `rule(user)` allows; others are refused with
    403 (visitors never get this far: LoginRequiredMiddleware sends them to sign in)."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return checked

    return decorator


def require(rule, user, record):
    """`record`, if `rule(user, record)` allows it; otherwise the request is refused with 403.

    The one way a view applies an object rule: `roles.require(roles.can_edit_audit, user, audit)`.
    """
    if not rule(user, record):
        raise PermissionDenied
    return record


def has_role(user, role):
    return any(group.name == role for group in user.groups.all())


def can_edit_process(user, process):
    """The coordinator edits every process card; an owner edits the risks and measures of theirs."""
    return user.has_perm("qms.change_process") or (
        user.has_perm("qms.change_processrisk") and process.owner_id == user.pk
    )


def can_record_measure_value(user, process):
    """The coordinator, or the owner of this process, records its measured values."""
    return user.has_perm("qms.add_measurevalue") and (
        user.has_perm("qms.change_process") or process.owner_id == user.pk
    )


def can_author_document(user, document):
    """Who may upload and submit a draft of this document."""
    if document.is_withdrawn:
        return False
    if user.has_perm("qms.change_document"):
        return True
    return user.has_perm("qms.add_documentversion") and user.pk in (
        document.owner_id,
        document.process.owner_id if document.process_id else None,
    )


def can_create_document(user, process=None):
    """The coordinator registers any document; a process owner one for a process they own."""
    if user.has_perm("qms.change_document"):
        return True
    if not user.has_perm("qms.add_document"):
        return False
    if process is None:
        from .models import Process

        return Process.objects.active().owned_by(user).exists()
    return process.owner_id == user.pk


def can_approve_version(user, version):
    return user.has_perm("qms.approve_documentversion") and version.author_id != user.pk


def can_read_documents(user):
    """Staff read the register; whoever approves editions (the office's approver may hold that
    right alone, without a role) reads the documents they approve."""
    return user.has_perm("qms.view_document") or user.has_perm("qms.approve_documentversion")


def can_see_reviews(user):
    """The page of reviews due and editions waiting for approval."""
    return user.has_perm("qms.view_document_history") or user.has_perm(
        "qms.approve_documentversion"
    )


def _approves(user, version):
    return version.status == "in_review" and user.has_perm("qms.approve_documentversion")


def can_see_version(user, version):
    """Staff see versions in force, and the edition approved to follow one (to prepare for it);
    owners, auditors and the coordinator see the history too, and an approver the edition
    waiting for their decision."""
    return (
        version.is_in_force
        or (version.is_scheduled and not version.document.is_withdrawn)
        or user.has_perm("qms.view_document_history")
        or _approves(user, version)
    )


def can_see_document(user, version_in_force, version_in_work=None):
    """Staff see documents in force only; a draft or a withdrawn document is for those who read
    the documents' history, and a document whose edition waits for approval for the approver."""
    return (
        version_in_force is not None
        or user.has_perm("qms.view_document_history")
        or (version_in_work is not None and _approves(user, version_in_work))
    )


def can_confirm_read(user, version, concerned_units=None):
    """Staff of the units a document concerns confirm they have read its version in force.

    `concerned_units` are the document's, when the caller has read them already."""
    profile = getattr(user, "staff_profile", None)
    if profile is None:
        return False
    if concerned_units is None:
        concerned_units = version.document.concerned_units.all()
    return profile.unit_id in {unit.pk for unit in concerned_units}


def is_on_audit(user, audit):
    return audit.lead_auditor_id == user.pk or any(m.pk == user.pk for m in audit.team.all())


def can_view_audit(user, audit):
    """Auditors, owners and the coordinator read every audit; other staff closed audits' reports."""
    return user.has_perm("audits.view_audit") or audit.is_closed


def can_edit_audit(user, audit):
    """Only the audit's team and the coordinator edit an audit, and only until it is closed."""
    if audit.is_closed:
        return False
    return user.has_perm("audits.manage_audits") or (
        user.has_perm("audits.change_audit") and is_on_audit(user, audit)
    )


def process_owner(process):
    """Who answers for `process`: its owner, or None when the coordinator's office does (no
    process, no owner named, or the owner's account deactivated)."""
    owner = process.owner if process is not None else None
    return owner if owner is not None and owner.is_active else None


def finding_answerer(finding):
    """Who is to answer a finding: the owner of its process, else (None) the coordinator's
    office. `findings_answered_by` is the same rule as a filter."""
    return process_owner(finding.process)


def findings_answered_by(user, prefix=""):
    """A filter of the findings `user` is to answer by `finding_answerer`; `prefix` leads to
    the finding from another model ("finding__")."""
    owner = f"{prefix}process__owner"
    theirs = Q(**{owner: user, f"{owner}__is_active": True})
    if not user.has_perm("audits.manage_audits"):
        return theirs
    return theirs | Q(**{f"{owner}__isnull": True}) | Q(**{f"{owner}__is_active": False})


def can_answer_finding(user, finding):
    """Who writes corrective actions: the coordinator, or whoever `finding_answerer` names."""
    if finding.audit.is_closed:
        return False
    if user.has_perm("audits.manage_audits"):
        return True
    answerer = finding_answerer(finding)
    return (
        user.has_perm("audits.change_correctiveaction")
        and answerer is not None
        and answerer.pk == user.pk
    )


def can_verify_actions(user, audit):
    """The verdict on an action's effectiveness belongs to an auditor of its audit, until the
    audit is closed."""
    return (
        not audit.is_closed
        and user.has_perm("audits.verify_correctiveaction")
        and is_on_audit(user, audit)
    )


def can_verify_action(user, action):
    return can_verify_actions(user, action.finding.audit)


def can_close_actions(user, audit):
    """The coordinator, or an auditor of the audit, closes its actions verified effective."""
    return can_verify_actions(user, audit) or (
        not audit.is_closed and user.has_perm("audits.manage_audits")
    )


def can_view_comment_action(user, action):
    """Who reads the survey's responses reads every action on a comment; a process owner those
    they are responsible for (surveys.models.CommentActionQuerySet.visible_to is this rule)."""
    return user.has_perm("surveys.view_response") or (
        user.has_perm("surveys.view_commentaction") and action.responsible_id == user.pk
    )


def can_report_comment_action_done(user, action):
    """The person responsible for an action on a survey comment reports it done; the
    coordinator's office may record it for them. (Whether it is still open is the workflow's
    rule: surveys.services.comment_action_done.)"""
    return user.has_perm("surveys.close_commentaction") or (
        user.has_perm("surveys.change_commentaction") and action.responsible_id == user.pk
    )


def can_view_dashboard(user):
    """The coordinator's dashboard (the system at a glance) is for the quality team and top
    management: the coordinator, the auditors and `management`, who all read the context of
    the organisation, the management review's inputs (process owners, staff and the survey's
    clerk do not). It costs no query: permissions are read once per request. Each tile on it is
    further shown only to who may open its list (qms.dashboard_tiles)."""
    return user.has_perm("qms.view_contextissue")


def can_edit_roles(user, account):
    """Who manages accounts gives and takes roles, but not their own (the office would lock
    itself out), and only IT (a superuser) an administrator's."""
    return (
        user.has_perm("auth.change_user")
        and account.pk != user.pk
        and (user.is_superuser or not account.is_superuser)
    )


def user_roles(user):
    if not user.is_authenticated:
        return []
    return [ROLE_LABELS[g.name] for g in user.groups.all() if g.name in ROLE_LABELS]
