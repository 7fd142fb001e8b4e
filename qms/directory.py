"""Signing in with the office's directory (Active Directory or OpenLDAP), through django-auth-ldap.

Off unless LDAP_SERVER_URI is set (settings.DIRECTORY, read from the environment; see the README's
section for IT). When it is on:

- a sign-in that no local account answers is checked against the directory: the user's entry is
  searched with the service (bind) account, then the password is checked by binding as that
  entry. The first sign-in creates the portal's account (no password of its own: the directory
  keeps it), marked as coming from the directory (qms.models.DirectoryAccount);
- at each sign-in the account is brought in line: name and e-mail, the roles the settings map to
  its directory groups (a mapped role the groups no longer give is taken away), and its
  organisational unit when the directory attribute holds the code of one of the portal's units;
- a disabled (or removed) directory entry cannot sign in; when the directory says so, the
  portal's account is deactivated and its sessions end (at the next sign-in attempt, and for every
  account by `manage.py sync_directory`, run by cron);
- a local account (the demo's, a break-glass administrator, one created on the accounts page) is
  never looked up in the directory, even when an entry has the same name;
- a directory that does not answer within LDAP_TIMEOUT seconds marks the request, and the sign-in
  form says so (qms.forms.accounts.SignInForm) instead of "wrong password".

django-axes still sees every failed sign-in (Django's authenticate() reports it, whichever
backend refused), so the lockout holds for directory accounts too.
"""

import logging

import ldap
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django_auth_ldap import config as ldap_config
from django_auth_ldap.backend import LDAPBackend, ldap_error
from ldap.filter import escape_filter_chars

from qms import roles

logger = logging.getLogger(__name__)

# What each kind of directory calls its groups, and how membership is read.
GROUP_TYPES = {
    "groupOfNames": ("(objectClass=groupOfNames)", ldap_config.GroupOfNamesType),
    "groupOfUniqueNames": ("(objectClass=groupOfUniqueNames)", ldap_config.GroupOfUniqueNamesType),
    # Active Directory: groups within groups count (a member of a group that is a member of
    # "SZJ-Audytorzy" is an auditor).
    "activedirectory": ("(objectClass=group)", ldap_config.NestedActiveDirectoryGroupType),
}

# Errors that mean the directory did not answer (as opposed to refusing the password).
UNAVAILABLE = (ldap.SERVER_DOWN, ldap.TIMEOUT, ldap.CONNECT_ERROR, ldap.UNAVAILABLE, ldap.BUSY)


def conf():
    return settings.DIRECTORY


def enabled():
    return bool(conf().get("SERVER_URI"))


def role_groups():
    """{role: [group DN, ...]} from LDAP_ROLE_GROUPS: `role=DN` pairs separated by ";" or new
    lines (a DN holds commas). A role may be named more than once."""
    mapping = {}
    for item in conf().get("ROLE_GROUPS", "").replace("\n", ";").split(";"):
        if not item.strip():
            continue
        role, sep, dn = item.partition("=")
        role, dn = role.strip(), dn.strip()
        if not sep or not dn or role not in roles.ROLE_PERMISSIONS:
            raise ImproperlyConfigured(
                f"LDAP_ROLE_GROUPS: {item.strip()!r} is not role=group DN with one of the roles "
                f"{', '.join(roles.ROLE_PERMISSIONS)}."
            )
        mapping.setdefault(role, []).append(dn)
    return mapping


def check_settings(app_configs=None, **kwargs):
    """A system check: a mistyped directory setting stops `manage.py check` (and so `make serve`
    and `migrate`) when the portal starts, rather than the first sign-in with an error page."""
    if not enabled():
        return []
    try:
        role_groups()
        ldap_settings()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="qms.E101")]
    return []


def user_filter(only_enabled=True):
    user = conf()["USER_FILTER"]
    enabled_filter = conf().get("ENABLED_FILTER", "")
    if only_enabled and enabled_filter:
        return f"(&{user}{enabled_filter})"
    return user


def connection_options():
    timeout = float(conf().get("TIMEOUT", 5))
    options = {
        ldap.OPT_NETWORK_TIMEOUT: timeout,
        ldap.OPT_TIMEOUT: timeout,
        # Active Directory answers searches at the domain's root with referrals to follow; the
        # service account's own connection must not chase them anonymously.
        ldap.OPT_REFERRALS: 0,
        ldap.OPT_PROTOCOL_VERSION: 3,
    }
    if conf().get("CA_FILE"):
        options[ldap.OPT_X_TLS_CACERTFILE] = conf()["CA_FILE"]
        options[ldap.OPT_X_TLS_REQUIRE_CERT] = ldap.OPT_X_TLS_DEMAND
        options[ldap.OPT_X_TLS_NEWCTX] = 0
    return options


def ldap_settings():
    """django-auth-ldap's settings, made from settings.DIRECTORY."""
    c = conf()
    group_filter, group_type = GROUP_TYPES.get(c.get("GROUP_TYPE") or "groupOfNames", (None, None))
    if group_type is None:
        raise ImproperlyConfigured(f"LDAP_GROUP_TYPE must be one of {', '.join(GROUP_TYPES)}.")
    values = {
        "SERVER_URI": c["SERVER_URI"],
        "START_TLS": bool(c.get("START_TLS")),
        "BIND_DN": c.get("BIND_DN", ""),
        "BIND_PASSWORD": c.get("BIND_PASSWORD", ""),
        "CONNECTION_OPTIONS": connection_options(),
        "USER_SEARCH": ldap_config.LDAPSearch(
            c["USER_SEARCH_BASE"], ldap.SCOPE_SUBTREE, user_filter()
        ),
        "USER_ATTR_MAP": {"first_name": "givenName", "last_name": "sn", "email": "mail"},
        "ALWAYS_UPDATE_USER": True,
    }
    if c.get("GROUP_SEARCH_BASE"):
        values["GROUP_SEARCH"] = ldap_config.LDAPSearch(
            c["GROUP_SEARCH_BASE"], ldap.SCOPE_SUBTREE, group_filter
        )
        values["GROUP_TYPE"] = group_type()
    return values


def _is_local(username):
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(username__iexact=username, directory_account__isnull=True)
        .exists()
    )


class DirectoryBackend(LDAPBackend):
    """django-auth-ldap, configured from settings.DIRECTORY, for directory accounts only.

    Permissions come from the portal's role groups (ModelBackend), never from this backend.
    """

    # Nothing is read from AUTH_LDAP_* settings: everything comes from settings.DIRECTORY.
    settings_prefix = "DIRECTORY_LDAP_UNUSED_"

    @property
    def settings(self):
        if self._settings is None:
            self._settings = ldap_config.LDAPSettings(self.settings_prefix, ldap_settings())
        return self._settings

    @settings.setter
    def settings(self, value):
        self._settings = value

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not enabled() or not username or _is_local(username.strip()):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def authenticate_ldap_user(self, ldap_user, password):
        user = super().authenticate_ldap_user(ldap_user, password)
        if user is not None:
            bring_in_line(user, ldap_user)
        elif not getattr(ldap_user._request, "directory_unavailable", False):
            follow_disabled_entry(ldap_user._username)
        return user

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None

    def get_group_permissions(self, user, obj=None):
        return set()

    def get_all_permissions(self, user, obj=None):
        return set()

    def has_perm(self, user, perm, obj=None):
        return False

    def has_module_perms(self, user, app_label):
        return False


def _mark_unavailable(sender, context, user, request, exception, **kwargs):
    """django-auth-ldap logs an LDAP error and refuses the sign-in; the request remembers that
    the directory did not answer, so the form can say so."""
    if request is not None and isinstance(exception, UNAVAILABLE):
        request.directory_unavailable = True


ldap_error.connect(_mark_unavailable, sender=DirectoryBackend)


def _attribute(attrs, name):
    for key, values in (attrs or {}).items():
        if key.lower() == name.lower() and values:
            return values[0]
    return None


@transaction.atomic
def bring_in_line(user, ldap_user):
    """Mark `user` as a directory account and give it the roles and unit its entry says.

    Roles the mapping names are the directory's: given when a mapped group holds the user, taken
    when none does. Roles the mapping does not name are left as the portal set them. Each change
    of roles is a row of the account's change history (simple_history records `groups`)."""
    from qms.models import DirectoryAccount, OrganisationalUnit, StaffProfile

    DirectoryAccount.objects.update_or_create(
        user=user, defaults={"dn": ldap_user.dn[:500], "synced_at": timezone.now()}
    )
    mapping = role_groups()
    if mapping:
        member_of = {dn.lower() for dn in ldap_user.group_dns}
        wanted = {
            role for role, dns in mapping.items() if any(dn.lower() in member_of for dn in dns)
        }
        held = set(user.groups.filter(name__in=mapping).values_list("name", flat=True))
        if held - wanted:
            user.groups.remove(*Group.objects.filter(name__in=held - wanted))
        if wanted - held:
            user.groups.add(*Group.objects.filter(name__in=wanted - held))
    attribute = conf().get("UNIT_ATTRIBUTE")
    code = _attribute(ldap_user.attrs, attribute) if attribute else None
    if code:
        unit = OrganisationalUnit.objects.filter(code__iexact=code.strip()).first()
        if unit is None:
            logger.warning("Directory unit %r of %s is no unit's code", code, user.username)
        else:
            profile = StaffProfile.objects.filter(user=user).first()
            if profile is None:
                StaffProfile.objects.create(user=user, unit=unit)
            elif profile.unit_id != unit.pk:
                profile.unit = unit
                profile.save(update_fields=["unit"])


# --- The directory's own answer about an entry -------------------------------------------------


def connect():
    """A connection bound as the service account."""
    c = conf()
    conn = ldap.initialize(c["SERVER_URI"], bytes_mode=False)
    for option, value in connection_options().items():
        conn.set_option(option, value)
    if c.get("START_TLS"):
        conn.start_tls_s()
    conn.simple_bind_s(c.get("BIND_DN", ""), c.get("BIND_PASSWORD", ""))
    return conn


def entry_state(username, conn=None):
    """ "enabled", "disabled" (found, but not by LDAP_ENABLED_FILTER) or "absent"."""
    conn = conn or connect()
    base = conf()["USER_SEARCH_BASE"]
    values = {"user": escape_filter_chars(username)}

    def found(filterstr):
        results = conn.search_s(base, ldap.SCOPE_SUBTREE, filterstr % values, ["1.1"])
        # Active Directory adds referrals (entries without a DN) to the results.
        return any(dn for dn, _attrs in results)

    if found(user_filter(only_enabled=True)):
        return "enabled"
    return "disabled" if found(user_filter(only_enabled=False)) else "absent"


def follow_disabled_entry(username, conn=None):
    """Deactivate the directory account `username` (and end its sessions) if the directory
    says its entry is disabled or gone. Returns True if it did."""
    from django.contrib.auth import get_user_model

    from qms.services import end_sessions

    account = (
        get_user_model()
        .objects.filter(username__iexact=username, directory_account__isnull=False, is_active=True)
        .first()
    )
    if account is None:
        return False
    try:
        state = entry_state(account.get_username(), conn)
    except ldap.LDAPError as error:
        logger.warning("Directory check of %s failed: %s", username, error)
        return False
    if state == "enabled":
        return False
    account.is_active = False
    account.save(update_fields=["is_active"])
    end_sessions(account)
    logger.info("Directory account %s is %s there: deactivated", username, state)
    return True


def sync():
    """Deactivate every active directory account whose entry is disabled or gone. Returns the
    user names deactivated. One connection for all; raises ldap.LDAPError if the directory does
    not answer (nothing is deactivated then)."""
    from django.contrib.auth import get_user_model

    conn = connect()
    usernames = (
        get_user_model()
        .objects.filter(directory_account__isnull=False, is_active=True)
        .values_list("username", flat=True)
    )
    return [name for name in list(usernames) if follow_disabled_entry(name, conn)]
