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


def _perms(actions, records=_RECORDS):
    return [
        f"{app}.{action}_{model}"
        for app, models in records.items()
        for model in models
        for action in actions
    ]


# No role is given a delete permission: quality records are archived, never deleted.
ROLE_PERMISSIONS = {
    COORDINATOR: _perms(["add", "change", "view"]),
    AUDITOR: _perms(["view"]),
    PROCESS_OWNER: [],
    EMPLOYEE: [],
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


def user_roles(user):
    if not user.is_authenticated:
        return []
    return [ROLE_LABELS[g.name] for g in user.groups.all() if g.name in ROLE_LABELS]
