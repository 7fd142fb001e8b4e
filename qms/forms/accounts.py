"""Forms of signing in and of the staff accounts: a new local account, an account's roles."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qms import directory, roles

from ..models import OrganisationalUnit


class SignInForm(AuthenticationForm):
    """Django's sign-in form, which says so when the office's directory did not answer, rather
    than calling the password wrong."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "directory_unavailable": _(
            "The office's directory is not answering; try again in a moment, or sign in with "
            "a local account."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory_enabled = directory.enabled()

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "directory_unavailable", False):
                raise ValidationError(
                    self.error_messages["directory_unavailable"], code="directory_unavailable"
                ) from None
            raise


class RoleChoiceField(forms.ModelMultipleChoiceField):
    """The portal's roles, each by its label, as check boxes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Group.objects.filter(name__in=roles.ROLE_LABELS).order_by("name"),
            required=False,
            label=_("Roles"),
            **kwargs,
        )

    def label_from_instance(self, obj):
        return roles.ROLE_LABELS[obj.name]


class LocalAccountForm(UserCreationForm):
    """A local account (signing in with a password kept by the portal), for someone the
    directory does not know or for a break-glass administrator. The office sets a first
    password and tells it to the person, who changes it at their first sign-in."""

    unit = forms.ModelChoiceField(
        queryset=OrganisationalUnit.objects.filter(is_active=True).order_by("code"),
        required=False,
        label=_("Organisational unit"),
    )
    roles = RoleChoiceField()

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["password1"].help_text = _(
            "At least 12 characters, not common, not only digits, not like the user name. Tell "
            "it to the person: they change it at /accounts/password/."
        )
        self.fields["unit"].label_from_instance = lambda unit: f"{unit.code} {unit.name}"


class AccountRolesForm(forms.Form):
    roles = RoleChoiceField()

    def __init__(self, *args, account, **kwargs):
        self.account = account
        kwargs.setdefault("initial", {"roles": list(account.groups.all())})
        super().__init__(*args, **kwargs)
        self.mapped = set(directory.role_groups()) if is_directory(account) else set()
        if self.mapped:
            self.fields["roles"].help_text = _(
                "This account comes from the office's directory: the roles %(roles)s follow its "
                "directory groups at each sign-in, and are changed there."
            ) % {"roles": ", ".join(str(roles.ROLE_LABELS[name]) for name in sorted(self.mapped))}

    def clean_roles(self):
        chosen = {group.name for group in self.cleaned_data["roles"]}
        held = {group.name for group in self.account.groups.all()}
        if (chosen ^ held) & self.mapped:
            raise ValidationError(
                _("The roles the directory's groups give can only be changed in the directory.")
            )
        return self.cleaned_data["roles"]


def is_directory(account):
    return hasattr(account, "directory_account")
