from django.contrib import admin

from .models import Organisation, QualityPolicy, Representative


class NoDeleteAdmin(admin.ModelAdmin):
    """Quality records are archived or withdrawn, never deleted, in the admin as elsewhere."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(NoDeleteAdmin):
    list_display = ["name", "email", "phone", "is_demo"]


@admin.register(Representative)
class RepresentativeAdmin(NoDeleteAdmin):
    list_display = ["full_name", "title", "appointed_on", "ended_on", "is_current"]


@admin.register(QualityPolicy)
class QualityPolicyAdmin(NoDeleteAdmin):
    list_display = ["version", "status", "approved_on"]
    list_filter = ["status"]
