"""The portal's own security pieces: who is signing in from where, what makes a password too
easy, private answers for signed-in staff, and quiet logs for refusals."""

import ipaddress
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _


def client_ip(request):
    """The address the sign-in lockout counts failures against.

    Directly on the network the peer's own address. Behind TRUSTED_PROXIES proxies (the
    TLS-terminating one, say) the address the outermost trusted proxy appended to
    X-Forwarded-For, counted from the right: entries further left were written by the client
    and prove nothing, so a forged header cannot spread failures over invented addresses or
    pin them on someone else's.
    """
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if not proxies:
        return peer
    forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return peer
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer


class NotBasedOnUsernameValidator:
    """Refuse a password made of the user name: "audytor2audytor2", "Jan.Kowalski2026".

    Django's similarity check compares the whole strings, so the user name written twice, or
    with a few characters around it, passes; this one refuses any password that contains the
    user name (four characters or longer), ignoring case.
    """

    def validate(self, password, user=None):
        username = (getattr(user, "username", "") or "").casefold()
        if len(username) >= 4 and username in password.casefold():
            raise ValidationError(
                _("The password must not contain your user name."), code="password_has_username"
            )

    def get_help_text(self):
        return _("Your password must not contain your user name.")


class PrivateForStaffMiddleware:
    """Answers to a signed-in user (intranet pages, downloads, PDFs) are `Cache-Control:
    private, no-store`: no shared proxy may keep them, and a browser keeps no copy on disk."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class QuietRefusals(logging.Filter):
    """A 403 is logged as one line, without the traceback of the PermissionDenied behind it:
    refusals are expected, and a traceback each would bury real errors."""

    def filter(self, record):
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
