"""Accounts that come from the office's directory (Active Directory or OpenLDAP).

An account with a DirectoryAccount row was created, and is kept in line, by sign-ins through the
directory (qms.directory): it has no password in the portal, its roles follow its directory groups
and the directory's disabling of it deactivates it here. Every other account is local (the demo's,
a break-glass administrator, those the office creates on the accounts page).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import LINE


class DirectoryAccount(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="directory_account",
    )
    # The entry's distinguished name when it last signed in (for IT: where to look for it).
    dn = models.CharField(_("directory entry (DN)"), max_length=LINE)
    synced_at = models.DateTimeField(_("last brought in line with the directory"))

    class Meta:
        verbose_name = _("directory account")
        verbose_name_plural = _("directory accounts")

    def __str__(self):
        return self.dn
