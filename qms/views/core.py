from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Max, Q
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from qms import services
from qms.forms import (
    OrganisationForm,
    QualityPolicyForm,
    RepresentativeAppointForm,
    RepresentativeForm,
)
from qms.models import (
    Document,
    DocumentStatus,
    DocumentVersion,
    Organisation,
    Process,
    QualityPolicy,
    Representative,
    StaffProfile,
    VersionStatus,
)
from qms.roles import user_roles


def paginate(request, queryset, per_page=50):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def edit_record(
    request,
    *,
    form_class,
    instance=None,
    title,
    back_url,
    save=None,
    breadcrumbs=(),
    go_to_record=False,
):
    """The one create/update view body: a crispy form, messages, redirect after success.

    `back_url` is where Cancel and a successful save lead: a URL name, a URL or a model instance
    (its card); with `go_to_record`, a save leads to the saved record instead. `breadcrumbs` are
    (label, URL) pairs shown above the title.
    """
    form = form_class(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            record = save(form) if save else form.save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved: %(record)s.") % {"record": record})
            return redirect(record if go_to_record else back_url)
    context = {
        "form": form,
        "title": title,
        "back_href": resolve_url(back_url),
        "breadcrumbs": breadcrumbs,
    }
    return render(request, "intranet/form.html", context)


@login_not_required
@require_safe
def accessibility_statement(request):
    organisation = Organisation.load()
    return render(request, "public/accessibility.html", {"last_change": organisation.updated_at})


@require_safe
def intranet_home(request):
    """The staff home: what each role can open, and the certificate's state for who keeps it."""
    from certificates.models import Certificate  # the home is where the apps meet

    user = request.user
    context = {"roles": user_roles(user)}
    if user.has_perm("certificates.view_certificate"):
        context["current_certificate"] = Certificate.objects.current()
    context["my_processes"] = list(Process.objects.active().owned_by(user))
    if user.has_perm("qms.approve_documentversion"):
        context["waiting_for_me"] = list(
            DocumentVersion.objects.filter(status=VersionStatus.IN_REVIEW)
            .exclude(author=user)
            .select_related("document")
            .order_by("submitted_at")[:20]
        )
    if user.has_perm("qms.view_document_history"):
        context["reviews_due"] = Document.objects.review_due().count()
    unit_id = StaffProfile.objects.filter(user=user).values_list("unit_id", flat=True).first()
    if unit_id:
        context["to_read"] = list(
            DocumentVersion.objects.in_force()
            .filter(document__status=DocumentStatus.ACTIVE, document__concerned_units=unit_id)
            .exclude(read_confirmations__user=user)
            .select_related("document")
            .order_by("document__code")[:20]
        )
    context.update(_audit_work(user, owns_processes=bool(context["my_processes"])))
    return render(request, "intranet/home.html", context)


def _audit_work(user, *, owns_processes):
    """What internal audits ask of `user` now: one query for each list the user's roles show."""
    from audits.models import (
        NONCONFORMITIES,
        ActionStatus,
        Audit,
        AuditStatus,
        CorrectiveAction,
        Finding,
    )

    if not user.has_perm("audits.view_correctiveaction"):
        return {}
    work = {"overdue_actions": CorrectiveAction.objects.overdue().count()}
    if owns_processes and user.has_perm("audits.change_correctiveaction"):
        # Nonconformities with no action yet, or only actions found not effective.
        answered = ActionStatus.values
        answered.remove(ActionStatus.NOT_EFFECTIVE)
        work["findings_to_answer"] = list(
            Finding.objects.filter(kind__in=NONCONFORMITIES, process__owner=user)
            .exclude(audit__status=AuditStatus.CLOSED)
            .exclude(actions__status__in=answered)
            .select_related("audit", "process")
            .order_by("raised_on", "pk")[:20]
        )
        work["my_actions"] = list(
            CorrectiveAction.objects.unfinished()
            .filter(finding__process__owner=user)
            .select_related("finding__audit", "responsible")
            .order_by("due_on", "pk")[:20]
        )
    if user.has_perm("audits.verify_correctiveaction"):
        my_audits = Audit.objects.exclude(status=AuditStatus.CLOSED).filter(
            Q(lead_auditor=user) | Q(team=user)
        )
        work["to_verify"] = list(
            CorrectiveAction.objects.filter(
                status=ActionStatus.IMPLEMENTED, finding__audit__in=my_audits
            )
            .select_related("finding__audit", "finding__process")
            .order_by("implemented_on", "pk")[:20]
        )
    return work


@permission_required("qms.change_organisation", raise_exception=True)
def organisation_update(request):
    return edit_record(
        request,
        form_class=OrganisationForm,
        instance=Organisation.load(),
        title=gettext_lazy("The organisation"),
        back_url="intranet:home",
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
    return edit_record(
        request,
        form_class=RepresentativeAppointForm,
        title=gettext_lazy("Appoint a new ISO representative"),
        back_url="intranet:representative_list",
        save=lambda form: services.representative_appoint(new=form.save(commit=False)),
    )


@permission_required("qms.change_representative", raise_exception=True)
def representative_update(request, pk):
    return edit_record(
        request,
        form_class=RepresentativeForm,
        instance=get_object_or_404(Representative, pk=pk),
        title=gettext_lazy("Edit the ISO representative"),
        back_url="intranet:representative_list",
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
    return edit_record(
        request,
        form_class=QualityPolicyForm,
        instance=draft,
        title=gettext_lazy("New version of the quality policy"),
        back_url="intranet:policy_list",
    )


@permission_required("qms.change_qualitypolicy", raise_exception=True)
def policy_update(request, pk):
    policy = get_object_or_404(QualityPolicy, pk=pk)
    if not policy.is_editable:
        messages.error(request, _("Only a draft can be edited; create a new version instead."))
        return redirect("intranet:policy_list")
    return edit_record(
        request,
        form_class=QualityPolicyForm,
        instance=policy,
        title=gettext_lazy("Edit the draft quality policy"),
        back_url="intranet:policy_list",
    )


@require_POST
@permission_required("qms.change_qualitypolicy", raise_exception=True)
def policy_put_in_force(request, pk):
    policy = get_object_or_404(QualityPolicy, pk=pk)
    try:
        services.policy_put_in_force(policy=policy, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Version %(version)s is now in force.") % {"version": policy.version}
        )
    return redirect("intranet:policy_list")
