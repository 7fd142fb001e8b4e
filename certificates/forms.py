from django import forms
from django.core.files.uploadedfile import UploadedFile

from qms.forms.fields import DateInput, https_by_default
from qms.uploads import validate_file_name

from .models import Certificate, CertificationBody, ExternalAudit


class CertificationBodyForm(forms.ModelForm):
    class Meta:
        model = CertificationBody
        formfield_callback = https_by_default
        fields = ["name", "accreditation", "address", "website", "is_active"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class CertificateForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = [
            "number",
            "body",
            "standard",
            "scope",
            "issued_on",
            "valid_from",
            "valid_until",
            "status",
            "status_changed_on",
            "scan",
        ]
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 3}),
            "issued_on": DateInput(),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "status_changed_on": DateInput(),
            # No "clear" box: a scan, once filed, is replaced by a new one, never emptied.
            "scan": forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        }

    def clean_scan(self):
        # The content is checked by the model's validators; a new file's name here, so that a
        # name with folders is refused with a message instead of failing when the file is saved.
        scan = self.cleaned_data["scan"]
        if isinstance(scan, UploadedFile):
            validate_file_name(scan.name)
        return scan


class ExternalAuditForm(forms.ModelForm):
    class Meta:
        model = ExternalAudit
        fields = [
            "kind",
            "first_day",
            "last_day",
            "body",
            "lead_auditor",
            "result",
            "summary",
            "strengths",
            "improvement_areas",
            "certificate",
            "is_archived",
        ]
        widgets = {
            "first_day": DateInput(),
            "last_day": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "strengths": forms.Textarea(attrs={"rows": 5}),
            "improvement_areas": forms.Textarea(attrs={"rows": 4}),
        }
