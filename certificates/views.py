from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from qms import public_sections
from qms.history import last_changed
from qms.models import Organisation, QualityPolicy, Representative, today
from qms.pdf import render_pdf
from qms.public_cache import public_cached
from qms.shortcuts import crumb, form_page, paginate, submitted

from .forms import CertificateForm, CertificationBodyForm, ExternalAuditForm
from .models import Certificate, CertificationBody, ExternalAudit


def trail():
    """Quality management › …: where a page of the public site stands."""
    return [crumb(_("Quality management"), "public:quality_page")]


@login_not_required
@require_safe
@public_cached
def quality_page(request):
    """The residents' 'Zarządzanie Jakością' page, built from the records."""
    organisation = Organisation.load()
    certificates = list(Certificate.objects.select_related("body"))
    audits = list(ExternalAudit.objects.published().select_related("body", "certificate"))
    current = Certificate.objects.current()
    latest_audit = ExternalAudit.objects.latest_held()
    policy = QualityPolicy.objects.in_force()
    representative = Representative.objects.current()
    # What other apps show here (the survey's results): qms gathers them, this app imports none.
    sections = public_sections.gather(request)
    return render(
        request,
        "certificates/quality_page.html",
        {
            "sections": sections,
            "current": current,
            "held_since": Certificate.objects.held_since(),
            "latest_audit": latest_audit,
            "policy": policy,
            "representative": representative,
            "certificates": certificates,
            "audits": audits,
            "last_change": last_changed(
                organisation if organisation.updated_at else None,
                policy,
                representative,
                *certificates,
                *audits,
                *(record for section in sections for record in section.records),
            ),
        },
    )


def _certificate_context(pk):
    certificate = get_object_or_404(Certificate.objects.select_related("body"), pk=pk)
    audits = list(certificate.audits.published().select_related("body"))
    return {
        "certificate": certificate,
        "audits": audits,
        "last_change": last_changed(certificate, *audits),
        "printed_on": today(),
    }


@login_not_required
@require_safe
@public_cached
def certificate_detail(request, pk):
    return render(
        request,
        "certificates/certificate_detail.html",
        {**_certificate_context(pk), "breadcrumbs": trail()},
    )


@login_not_required
@require_safe
@public_cached
def certificate_pdf(request, pk):
    context = _certificate_context(pk)
    return render_pdf(
        request,
        "certificates/certificate_pdf.html",
        context,
        filename=f"certyfikat-{context['certificate'].number}.pdf",
        title=_("Certificate %(number)s") % {"number": context["certificate"].number},
    )


@login_not_required
@require_safe
def certificate_scan(request, pk):
    """The certificate's scan, served from private storage as a download: public while the
    certificate is valid; a suspended or withdrawn one's scan is for staff only."""
    certificate = get_object_or_404(Certificate, pk=pk)
    if not certificate.scan:
        raise Http404
    if not certificate.scan_is_public:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm("certificates.view_certificate"):
            raise PermissionDenied
    try:
        scan = certificate.scan.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        scan,
        as_attachment=True,
        filename=f"certyfikat-{certificate.pk}.pdf",
        content_type="application/pdf",
    )


@permission_required("certificates.view_certificate", raise_exception=True)
@require_safe
def certificate_list(request):
    return render(
        request,
        "certificates/certificate_list.html",
        {"page_obj": paginate(request, Certificate.objects.select_related("body"))},
    )


@permission_required("certificates.add_certificate", raise_exception=True)
def certificate_create(request):
    return form_page(
        request,
        CertificateForm(*submitted(request)),
        title=_("New certificate"),
        cancel="certificates:certificate_list",
        success_url="certificates:certificate_list",
    )


@permission_required("certificates.change_certificate", raise_exception=True)
def certificate_update(request, pk):
    return form_page(
        request,
        CertificateForm(*submitted(request), instance=get_object_or_404(Certificate, pk=pk)),
        title=_("Edit the certificate"),
        cancel="certificates:certificate_list",
        success_url="certificates:certificate_list",
    )


@permission_required("certificates.view_certificationbody", raise_exception=True)
@require_safe
def body_list(request):
    return render(
        request,
        "certificates/body_list.html",
        {"page_obj": paginate(request, CertificationBody.objects.all())},
    )


@permission_required("certificates.add_certificationbody", raise_exception=True)
def body_create(request):
    return form_page(
        request,
        CertificationBodyForm(*submitted(request)),
        title=_("New certification body"),
        cancel="certificates:body_list",
        success_url="certificates:body_list",
    )


@permission_required("certificates.change_certificationbody", raise_exception=True)
def body_update(request, pk):
    return form_page(
        request,
        CertificationBodyForm(
            *submitted(request), instance=get_object_or_404(CertificationBody, pk=pk)
        ),
        title=_("Edit the certification body"),
        cancel="certificates:body_list",
        success_url="certificates:body_list",
    )


@permission_required("certificates.view_externalaudit", raise_exception=True)
@require_safe
def externalaudit_list(request):
    return render(
        request,
        "certificates/externalaudit_list.html",
        {
            "page_obj": paginate(
                request, ExternalAudit.objects.select_related("body", "certificate")
            )
        },
    )


@permission_required("certificates.add_externalaudit", raise_exception=True)
def externalaudit_create(request):
    return form_page(
        request,
        ExternalAuditForm(*submitted(request)),
        title=_("New external audit"),
        cancel="certificates:externalaudit_list",
        success_url="certificates:externalaudit_list",
    )


@permission_required("certificates.change_externalaudit", raise_exception=True)
def externalaudit_update(request, pk):
    return form_page(
        request,
        ExternalAuditForm(*submitted(request), instance=get_object_or_404(ExternalAudit, pk=pk)),
        title=_("Edit the external audit"),
        cancel="certificates:externalaudit_list",
        success_url="certificates:externalaudit_list",
    )
