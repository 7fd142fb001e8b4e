from django.contrib import admin

from qms.admin import NoDeleteAdmin

from .models import Certificate, CertificationBody, ExternalAudit


@admin.register(CertificationBody)
class CertificationBodyAdmin(NoDeleteAdmin):
    list_display = ["name", "accreditation", "is_active"]


@admin.register(Certificate)
class CertificateAdmin(NoDeleteAdmin):
    list_display = ["number", "body", "valid_from", "valid_until", "status"]
    list_filter = ["status", "body"]
    list_select_related = ["body"]


@admin.register(ExternalAudit)
class ExternalAuditAdmin(NoDeleteAdmin):
    list_display = ["kind", "first_day", "last_day", "body", "result", "is_archived"]
    list_filter = ["kind", "result", "is_archived"]
    list_select_related = ["body"]
