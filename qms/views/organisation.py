"""The office's own records: the organisation, the ISO representative, the quality policy; and
what the public site publishes from them: the accessibility statement, the register of changes
of the public pages, the site's icon."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from qms import history, services
from qms.forms.organisation import (
    OrganisationForm,
    QualityPolicyForm,
    RepresentativeAppointForm,
    RepresentativeForm,
)
from qms.models import Organisation, QualityPolicy, Representative
from qms.public_cache import public_cached
from qms.shortcuts import form_page, paginate, show_errors, submitted


@login_not_required
@require_safe
@public_cached
def accessibility_statement(request):
    organisation = Organisation.load()
    return render(
        request,
        "public/accessibility.html",
        {
            "site_url": request.build_absolute_uri(reverse("public:quality_page")),
            "last_change": history.last_changed(organisation if organisation.updated_at else None),
        },
    )


@login_not_required
@require_safe
@public_cached
def change_register(request):
    """The public pages' register of changes: when each record they show changed, and which of
    its fields; for the BIP 'metryczka', which links here."""
    sources = history.public_sources()
    page_obj = paginate(request, history.timeline(sources), per_page=25)
    return render(
        request,
        "public/change_register.html",
        {"page_obj": page_obj, "entries": history.public_entries(sources, page_obj.object_list)},
    )


@login_not_required
@require_safe
def favicon(request):
    """/favicon.ico, which browsers ask for whatever a page links to."""
    path = finders.find("favicon.ico")
    if path is None:
        raise Http404
    response = HttpResponse(Path(path).read_bytes(), content_type="image/vnd.microsoft.icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@permission_required("qms.change_organisation", raise_exception=True)
def organisation_update(request):
    return form_page(
        request,
        OrganisationForm(*submitted(request), instance=Organisation.load()),
        title=_("The organisation"),
        cancel="intranet:home",
        success_url="intranet:home",
    )


@permission_required("qms.view_representative", raise_exception=True)
@require_safe
def representative_list(request):
    return render(
        request,
        "qms/representative_list.html",
        {"page_obj": paginate(request, Representative.objects.all())},
    )


@permission_required("qms.add_representative", raise_exception=True)
def representative_create(request):
    return form_page(
        request,
        RepresentativeAppointForm(*submitted(request)),
        title=_("Appoint a new ISO representative"),
        cancel="intranet:representative_list",
        success_url="intranet:representative_list",
        save=lambda form: services.representative_appoint(new=form.save(commit=False)),
    )


@permission_required("qms.change_representative", raise_exception=True)
def representative_update(request, pk):
    return form_page(
        request,
        RepresentativeForm(*submitted(request), instance=get_object_or_404(Representative, pk=pk)),
        title=_("Edit the ISO representative"),
        cancel="intranet:representative_list",
        success_url="intranet:representative_list",
    )


@permission_required("qms.view_qualitypolicy", raise_exception=True)
@require_safe
def policy_list(request):
    return render(
        request,
        "qms/policy_list.html",
        {"page_obj": paginate(request, QualityPolicy.objects.select_related("put_in_force_by"))},
    )


@permission_required("qms.add_qualitypolicy", raise_exception=True)
def policy_create(request):
    latest = QualityPolicy.objects.aggregate(v=Max("version"))["v"] or 0
    current = QualityPolicy.objects.in_force()
    draft = QualityPolicy(version=latest + 1, text=current.text if current else "")
    return form_page(
        request,
        QualityPolicyForm(*submitted(request), instance=draft),
        title=_("New version of the quality policy"),
        cancel="intranet:policy_list",
        success_url="intranet:policy_list",
    )


@permission_required("qms.change_qualitypolicy", raise_exception=True)
def policy_update(request, pk):
    policy = get_object_or_404(QualityPolicy, pk=pk)
    if not policy.is_editable:
        messages.error(request, _("Only a draft can be edited; create a new version instead."))
        return redirect("intranet:policy_list")
    return form_page(
        request,
        QualityPolicyForm(*submitted(request), instance=policy),
        title=_("Edit the draft quality policy"),
        cancel="intranet:policy_list",
        success_url="intranet:policy_list",
    )


@require_POST
@permission_required("qms.change_qualitypolicy", raise_exception=True)
def policy_put_in_force(request, pk):
    policy = get_object_or_404(QualityPolicy, pk=pk)
    try:
        services.policy_put_in_force(policy=policy, user=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request, _("Version %(version)s is now in force.") % {"version": policy.version}
        )
    return redirect("intranet:policy_list")
