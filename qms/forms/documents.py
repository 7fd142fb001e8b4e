"""Forms of the register of controlled documents (its versions' are in qms.forms.versions)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..contents import read as read_contents
from ..models import Document, OrganisationalUnit, Process
from ..uploads import detect_document_type
from .fields import PersonChoiceField, staff

ACCEPTED_FILES = ".pdf,.docx,.odt,.xlsx,.ods"


class DocumentForm(forms.ModelForm):
    """The document's identity. A process owner may choose only a process they own."""

    class Meta:
        model = Document
        fields = ["code", "title", "kind", "process", "unit", "owner", "concerned_units"]
        field_classes = {"owner": PersonChoiceField}
        widgets = {"concerned_units": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        processes = Process.objects.active()
        if self.instance.process_id:
            processes = processes | Process.objects.filter(pk=self.instance.process_id)
        if not user.has_perm("qms.change_document"):
            processes = processes.owned_by(user)
            self.fields["process"].required = True
            self.fields["process"].help_text = _("A process you own.")
        self.fields["process"].queryset = processes
        self.fields["unit"].queryset = OrganisationalUnit.objects.filter(is_active=True)
        self.fields["concerned_units"].queryset = OrganisationalUnit.objects.filter(is_active=True)
        self.fields["owner"].queryset = staff(current=self.instance.owner_id)


def file_field():
    return forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, ODT, XLSX or ODS."),
        widget=forms.FileInput(attrs={"accept": ACCEPTED_FILES}),
    )


def clean_edition_file(form):
    """The upload, its type read from its content (its size and name checked too); its text is
    read for the search here, before the transaction that saves begins (`form.contents`)."""
    upload = form.cleaned_data["file"]
    form.contents = read_contents(upload, detect_document_type(upload))
    return upload


def change_summary_field(**kwargs):
    return forms.CharField(
        label=_("Summary of changes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What this edition changes; it goes into the change sheet."),
        **kwargs,
    )


class DocumentCreateForm(DocumentForm):
    """A new document and the draft of its first edition, in one form."""

    file = file_field()
    change_summary = change_summary_field(initial=_("First edition."))

    def clean_file(self):
        return clean_edition_file(self)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"), widget=forms.Textarea(attrs={"rows": 3})
    )
