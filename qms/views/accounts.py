"""The staff accounts, as the ISO representative's office keeps them: deactivated, never deleted.

The office (and IT, with the it_admin role) sees who can sign in and where each account comes from
(the office's directory or the portal itself), creates local accounts, gives and takes roles,
switches an account off or on, and lifts a sign-in lockout (django-axes) for someone who forgot a
password. The steps themselves are workflows in qms/services/accounts.py.
"""

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from qms import roles, services
from qms.forms.accounts import AccountRolesForm, LocalAccountForm
from qms.roles import ROLE_LABELS
from qms.shortcuts import crumb, form_page, paginate, submitted, workflow_step

User = get_user_model()

# The filter of the list: ?status=active or ?status=inactive; anything else shows every account.
STATUS_FILTERS = {"active": True, "inactive": False}
# ?source=directory or ?source=local: where the account signs in with its password.
SOURCE_FILTERS = {"directory": False, "local": True}


def with_recent_failures(users):
    """Each user's failed sign-ins that still count towards a lockout, in the same query.

    django-axes locks a username when the failures recorded for it within the cool-off period
    (summed over the addresses and browsers they came from) reach the limit.
    """
    failures = (
        AccessAttempt.objects.filter(
            username=OuterRef("username"),
            attempt_time__gte=timezone.now() - get_cool_off(),
        )
        .values("username")
        .annotate(total=Sum("failures_since_start"))
        .values("total")
    )
    return users.annotate(
        recent_failures=Coalesce(Subquery(failures), Value(0), output_field=IntegerField())
    )


@permission_required("auth.view_user", raise_exception=True)
@require_safe
def account_list(request):
    status = request.GET.get("status", "")
    users = with_recent_failures(
        User.objects.select_related("staff_profile__unit", "directory_account")
        .prefetch_related("groups")
        .order_by("-is_active", "last_name", "first_name", "username")
    )
    if status in STATUS_FILTERS:
        users = users.filter(is_active=STATUS_FILTERS[status])
    source = request.GET.get("source", "")
    if source in SOURCE_FILTERS:
        users = users.filter(directory_account__isnull=SOURCE_FILTERS[source])
    role = request.GET.get("role", "")
    if role in ROLE_LABELS:
        users = users.filter(groups__name=role)
    page_obj = paginate(request, users)
    limit = get_failure_limit(request, None)
    for user in page_obj:
        user.is_locked_out = user.recent_failures >= limit
        user.role_labels = [ROLE_LABELS[g.name] for g in user.groups.all() if g.name in ROLE_LABELS]
        user.from_directory = hasattr(user, "directory_account")
        user.roles_editable = roles.can_edit_roles(request.user, user)
    return render(
        request,
        "qms/account_list.html",
        {
            "page_obj": page_obj,
            "status": status,
            "source": source,
            "source_choices": [
                ("", _("Any source")),
                ("directory", _("Office's directory")),
                ("local", _("Local (password kept by the portal)")),
            ],
            "role": role,
            "role_choices": [("", _("Any role")), *ROLE_LABELS.items()],
            "status_choices": [
                ("", _("All accounts")),
                ("active", _("Active")),
                ("inactive", _("Deactivated")),
            ],
        },
    )


def _back_to_list(request):
    """The list as it was: the filter and page the action was sent from are kept."""
    query = request.GET.urlencode()
    return redirect(reverse("intranet:account_list") + (f"?{query}" if query else ""))


def _account_step(request, pk, step, done):
    """Run a step on the account `pk`; then back to the list as it was (filter and page kept)."""
    account = get_object_or_404(User, pk=pk)
    query = request.GET.urlencode()
    return workflow_step(
        request,
        lambda: step(account=account, user=request.user),
        done % {"username": account.get_username()},
        reverse("intranet:account_list") + (f"?{query}" if query else ""),
    )


@require_POST
@permission_required("auth.change_user", raise_exception=True)
def account_deactivate(request, pk):
    return _account_step(
        request,
        pk,
        services.account_deactivate,
        _(
            "Account %(username)s is deactivated: it can no longer sign in, and its open "
            "sessions have ended."
        ),
    )


@require_POST
@permission_required("auth.change_user", raise_exception=True)
def account_reactivate(request, pk):
    return _account_step(
        request,
        pk,
        services.account_reactivate,
        _("Account %(username)s is active again."),
    )


@require_POST
@permission_required("auth.change_user", raise_exception=True)
def account_unlock(request, pk):
    return _account_step(
        request,
        pk,
        services.account_unlock,
        _("The sign-in lockout of %(username)s is lifted: they can sign in again."),
    )


def _account_crumbs():
    return [crumb(_("Staff accounts"), "intranet:account_list")]


@permission_required("auth.add_user", raise_exception=True)
def account_create(request):
    """A local account: a user name, a name, roles, a unit and a first password."""
    return form_page(
        request,
        LocalAccountForm(*submitted(request)),
        title=_("New local account"),
        intro=_(
            "For someone the office's directory does not know, or a break-glass administrator. "
            "Staff with a directory account need none: their first sign-in creates it."
        ),
        cancel="intranet:account_list",
        save=lambda form: services.account_create(form=form, user=request.user),
        done=lambda account: (
            _("Account %(username)s is created.") % {"username": account.get_username()}
        ),
        success_url="intranet:account_list",
        breadcrumbs=_account_crumbs(),
    )


@permission_required("auth.change_user", raise_exception=True)
def account_roles(request, pk):
    account = roles.require(
        roles.can_edit_roles,
        request.user,
        get_object_or_404(User.objects.select_related("directory_account"), pk=pk),
    )
    return form_page(
        request,
        AccountRolesForm(*submitted(request), account=account),
        title=_("Roles of %(username)s") % {"username": account.get_username()},
        cancel="intranet:account_list",
        save=lambda form: services.account_set_roles(
            account=account, groups=form.cleaned_data["roles"], user=request.user
        ),
        done=_("The roles of %(username)s are saved.") % {"username": account.get_username()},
        success_url="intranet:account_list",
        breadcrumbs=_account_crumbs(),
    )
