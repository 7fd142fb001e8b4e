"""The portal's roles, as Django groups with permissions, and the permission helpers views use.

The groups are brought in line with ROLE_PERMISSIONS after every `migrate` (see QmsConfig.ready),
so a fresh database has them without the demo data.
"""

from django.utils.translation import gettext_lazy as _

COORDINATOR = "coordinator"
AUDITOR = "auditor"
PROCESS_OWNER = "process_owner"
EMPLOYEE = "employee"

ROLE_LABELS = {
    COORDINATOR: _("ISO representative's office (coordinator)"),
    AUDITOR: _("auditor"),
    PROCESS_OWNER: _("process owner"),
    EMPLOYEE: _("employee"),
}

_RECORDS = {
    "qms": ["organisation", "representative", "qualitypolicy"],
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
# Process owners' rights on processes and documents hold for their own processes only: the object
# rules below add that condition.
ROLE_PERMISSIONS = {
    COORDINATOR: [
        *_perms(["add", "change", "view"]),
        *_perms(["add", "change", "view"], _PROCESS_RECORDS),
        "qms.view_document_history",
        "qms.approve_documentversion",
        "qms.view_readconfirmation",
    ],
    AUDITOR: [
        *_perms(["view"]),
        *_perms(["view"], _PROCESS_RECORDS),
        "qms.view_document_history",
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
    ],
    EMPLOYEE: ["qms.view_process", "qms.view_document"],
}


def sync_roles(**kwargs):
    from django.contrib.auth.models import Group, Permission

    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.extend(
                Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)


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


def can_see_version(user, version):
    """Staff see versions in force; owners, auditors and the coordinator see the history too."""
    return version.is_in_force or user.has_perm("qms.view_document_history")


def can_confirm_read(user, version, concerned_unit_ids):
    """Staff of the units a document concerns confirm they have read its version in force."""
    profile = getattr(user, "staff_profile", None)
    return profile is not None and profile.unit_id in concerned_unit_ids


def user_roles(user):
    if not user.is_authenticated:
        return []
    return [ROLE_LABELS[g.name] for g in user.groups.all() if g.name in ROLE_LABELS]
