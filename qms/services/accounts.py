"""Accounts: sessions ended, deactivation and reactivation, unlocking, accounts created and given
roles in the portal (issue 16).
"""

import axes.utils
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _


def end_sessions(user) -> int:
    """Delete the user's open sessions, so a deactivated account is signed out everywhere."""
    user_id = str(user.pk)
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@transaction.atomic
def account_deactivate(*, account, user):
    """Switch `account` off and end its sessions. Nobody deactivates their own account (the
    office would lock itself out), and only IT (a superuser) deactivates an administrator."""
    if account.pk == user.pk:
        raise ValidationError(
            _("You cannot deactivate your own account. Ask another coordinator or IT to do it.")
        )
    if account.is_superuser and not user.is_superuser:
        raise ValidationError(
            _("Only IT can deactivate an administrator's account (%(username)s).")
            % {"username": account.get_username()}
        )
    account.is_active = False
    account.save(update_fields=["is_active"])
    end_sessions(account)
    return account


def account_reactivate(*, account, user):
    account.is_active = True
    account.save(update_fields=["is_active"])
    return account


def account_unlock(*, account, user):
    """Lift the sign-in lockout (django-axes) of `account`: its recorded failures are cleared."""
    axes.utils.reset(username=account.get_username())
    return account


# --- Accounts created and given roles in the portal (issue 16) ------------------------------


@transaction.atomic
def account_create(*, form, user):
    """A local account from LocalAccountForm: its roles and unit too. The account's change
    history records its creation and its roles (simple_history keeps `groups`)."""
    from qms.models import StaffProfile

    account = form.save()
    account.groups.set(form.cleaned_data["roles"])
    if form.cleaned_data.get("unit"):
        StaffProfile.objects.create(user=account, unit=form.cleaned_data["unit"])
    return account


@transaction.atomic
def account_set_roles(*, account, groups, user):
    """Give `account` exactly the role groups `groups`. Nobody changes their own roles (the
    office would lock itself out), and only IT (a superuser) an administrator's."""
    from qms import roles

    if not roles.can_edit_roles(user, account):
        raise ValidationError(_("You cannot change the roles of this account."))
    account.groups.set(groups)
    return account
