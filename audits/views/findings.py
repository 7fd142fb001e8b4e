"""Corrective actions (clause 10.2): the owner's answer to a nonconformity, its implementation,
the auditor's verification and closing, and the register of every action (page and PDF)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from qms import roles
from qms.models import today
from qms.pdf import render_pdf
from qms.views.core import paginate

from .. import services
from ..filters import ActionFilter, register_queryset
from ..forms_actions import CorrectiveActionForm, ImplementedForm, VerifyForm
from ..models import ActionStatus, CorrectiveAction, Finding

EDITABLE = (ActionStatus.OPEN, ActionStatus.NOT_EFFECTIVE)


def may_close_actions(user, audit):
    """The coordinator or an auditor of the audit closes its actions verified effective."""
    if audit.is_closed:
        return False
    return user.has_perm("audits.manage_audits") or (
        user.has_perm("audits.verify_correctiveaction") and roles.is_on_audit(user, audit)
    )


def _action(pk):
    return get_object_or_404(
        CorrectiveAction.objects.select_related(
            "finding__audit", "finding__process", "responsible"
        ),
        pk=pk,
    )


def _answerable(request, finding):
    if not roles.can_answer_finding(request.user, finding):
        raise PermissionDenied
    return finding


def _breadcrumbs(finding):
    return [
        (_("Corrective actions"), reverse("intranet:action_register")),
        (
            _("Audit %(audit)s, finding %(number)s")
            % {"audit": finding.audit.number, "number": finding.number},
            finding.get_absolute_url(),
        ),
    ]


def _refuse(request, error, action):
    for message in error.messages:
        messages.error(request, message)
    return redirect(action)


def _form_page(request, form, *, finding, title, action=None, summary=False, **extra):
    """The shared intranet form, with the finding (and the action) it concerns above it."""
    context = {
        "form": form,
        "title": title,
        "finding": finding,
        "action": action,
        "summary": summary,
        "back_href": (action or finding).get_absolute_url(),
        "breadcrumbs": _breadcrumbs(finding),
        **extra,
    }
    return render(request, "audits/action_form.html", context)


def _answer(request, action, *, title):
    """The owner's answer to a nonconformity, new or edited."""
    form = CorrectiveActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        action = form.save()
        messages.success(request, _("The corrective action is saved."))
        return redirect(action)
    return _form_page(
        request, form, finding=action.finding, action=action if action.pk else None, title=title
    )


# The process owner's answer


@permission_required("audits.add_correctiveaction", raise_exception=True)
def action_create(request, pk):
    finding = _answerable(
        request, get_object_or_404(Finding.objects.select_related("audit", "process"), pk=pk)
    )
    if not finding.is_nonconformity:
        messages.error(request, _("Corrective actions answer nonconformities only."))
        return redirect(finding)
    return _answer(request, CorrectiveAction(finding=finding), title=_("New corrective action"))


@permission_required("audits.change_correctiveaction", raise_exception=True)
def action_update(request, pk):
    action = _action(pk)
    _answerable(request, action.finding)
    if action.status not in EDITABLE:
        messages.error(request, _("Only an open action, or one not effective, can be edited."))
        return redirect(action)
    return _answer(request, action, title=_("Edit the corrective action"))


@permission_required("audits.change_correctiveaction", raise_exception=True)
def action_implemented(request, pk):
    action = _action(pk)
    _answerable(request, action.finding)
    if action.status not in EDITABLE:
        messages.error(request, _("Only an open action can be marked as implemented."))
        return redirect(action)
    form = ImplementedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_implemented(
                action=action, user=request.user, on=form.cleaned_data["implemented_on"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The action is implemented; an auditor of the audit verifies it.")
            )
            return redirect(action)
    return _form_page(
        request,
        form,
        finding=action.finding,
        action=action,
        summary=True,
        title=_("Mark the corrective action as implemented"),
        intro=_("An auditor of the audit then verifies whether the action was effective."),
        submit_label=_("Mark as implemented"),
    )


# The auditor's verification, and closing


@permission_required("audits.verify_correctiveaction", raise_exception=True)
def action_verify(request, pk):
    action = _action(pk)
    if action.finding.audit.is_closed or not roles.can_verify_action(request.user, action):
        raise PermissionDenied
    if action.status != ActionStatus.IMPLEMENTED:
        messages.error(request, _("An action is verified only after it has been implemented."))
        return redirect(action)
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_verify(
                action=action,
                user=request.user,
                on=data["verified_on"],
                effective=data["effective"],
                comment=data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if data["effective"]:
                messages.success(request, _("The action is verified effective."))
            else:
                messages.warning(
                    request, _("The action was not effective: it goes back to the process owner.")
                )
            return redirect(action)
    return _form_page(
        request,
        form,
        finding=action.finding,
        action=action,
        summary=True,
        title=_("Verify the effectiveness of the corrective action"),
        intro=_("Check that the cause is removed and the nonconformity has not happened again."),
        submit_label=_("Record the verification"),
    )


@require_POST
@permission_required("audits.verify_correctiveaction", raise_exception=True)
def action_close(request, pk):
    action = _action(pk)
    if not may_close_actions(request.user, action.finding.audit):
        raise PermissionDenied
    try:
        services.action_close(action=action, user=request.user)
    except ValidationError as error:
        return _refuse(request, error, action)
    messages.success(request, _("The corrective action is closed."))
    return redirect(action)


# The register


@permission_required("audits.view_correctiveaction", raise_exception=True)
@require_safe
def action_register(request):
    actions = ActionFilter(request.GET, queryset=register_queryset())
    return render(
        request,
        "audits/action_register.html",
        {"filter": actions, "page_obj": paginate(request, actions.qs), "today": today()},
    )


@permission_required("audits.view_correctiveaction", raise_exception=True)
@require_safe
def action_register_pdf(request):
    """'Rejestr działań korygujących' as filtered on the page, every row, A4 landscape."""
    actions = ActionFilter(request.GET, queryset=register_queryset())
    printed_on = today()
    return render_pdf(
        request,
        "audits/action_register_pdf.html",
        {"actions": list(actions.qs), "filters": actions.describe(), "printed_on": printed_on},
        filename=f"rejestr-dzialan-korygujacych-{printed_on:%Y-%m-%d}.pdf",
        title=_("Corrective-action register"),
    )
