from django.contrib import admin

from .models import (
    Document,
    DocumentVersion,
    Organisation,
    OrganisationalUnit,
    Process,
    ProcessMeasure,
    ProcessRisk,
    QualityPolicy,
    Representative,
    StaffProfile,
)


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


@admin.register(OrganisationalUnit)
class OrganisationalUnitAdmin(NoDeleteAdmin):
    list_display = ["code", "name", "kind", "head", "is_active"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "position"]
    list_select_related = ["user", "unit"]


class RiskInline(admin.TabularInline):
    model = ProcessRisk
    extra = 0
    can_delete = False


class MeasureInline(admin.TabularInline):
    model = ProcessMeasure
    extra = 0
    can_delete = False


@admin.register(Process)
class ProcessAdmin(NoDeleteAdmin):
    list_display = ["code", "name", "kind", "owner", "is_active"]
    list_filter = ["kind", "is_active"]
    inlines = [RiskInline, MeasureInline]


class VersionInline(admin.TabularInline):
    """Versions are read here; they change only through the workflow (qms/services/documents.py)."""

    model = DocumentVersion
    extra = 0
    can_delete = False
    fields = ["revision", "status", "author", "approver", "effective_on", "next_review_on"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")


@admin.register(Document)
class DocumentAdmin(NoDeleteAdmin):
    list_display = ["code", "title", "kind", "process", "unit", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["code", "title"]
    readonly_fields = ["status", "withdrawn_at", "withdrawn_by", "withdrawal_reason"]
    inlines = [VersionInline]
