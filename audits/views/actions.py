"""Corrective actions (clause 10.2): the owner's answer to a nonconformity, its implementation,
the auditor's verification and closing, and the register of every action (page and PDF).

Answering follows roles.can_answer_finding (the owner of the finding's process, or the
coordinator, who is also the one to answer a finding whose process has no owner); verifying
roles.can_verify_action (an auditor of the audit); closing roles.can_close_actions (an auditor
of the audit, or the coordinator).
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from qms import roles
from qms.models import today
from qms.pdf import render_pdf
from qms.shortcuts import crumb, form_page, paginate, show_errors, submitted

from .. import services
from ..filters import ActionFilter, register_queryset
from ..forms.actions import CorrectiveActionForm, ImplementedForm, VerifyForm
from ..models import ActionStatus, CorrectiveAction, Finding

EDITABLE = (ActionStatus.OPEN, ActionStatus.NOT_EFFECTIVE)


def _action(pk):
    return get_object_or_404(
        CorrectiveAction.objects.select_related(
            "finding__audit", "finding__process__owner", "responsible"
        ),
        pk=pk,
    )


def trail(finding):
    """Corrective actions › Audit AW/2026/03, finding 2."""
    return [
        crumb(_("Corrective actions"), "audits:action_register"),
        crumb(
            _("Audit %(audit)s, finding %(number)s")
            % {"audit": finding.audit.number, "number": finding.number},
            finding,
        ),
    ]


def _action_form_page(request, form, *, finding, title, action=None, summary=False, **context):
    """The shared intranet form, with the finding (and the action) it concerns above it."""
    return form_page(
        request,
        form,
        title=title,
        cancel=action or finding,
        breadcrumbs=trail(finding),
        template="audits/action_form.html",
        finding=finding,
        action=action,
        summary=summary,
        **context,
    )


def _answer(request, action, *, title):
    """The owner's answer to a nonconformity, new or edited."""
    return _action_form_page(
        request,
        CorrectiveActionForm(*submitted(request), instance=action, user=request.user),
        done=_("The corrective action is saved."),
        finding=action.finding,
        action=action if action.pk else None,
        title=title,
    )


# The process owner's answer


@permission_required("audits.add_correctiveaction", raise_exception=True)
def action_create(request, pk):
    finding = roles.require(
        roles.can_answer_finding,
        request.user,
        get_object_or_404(Finding.objects.select_related("audit", "process__owner"), pk=pk),
    )
    if not finding.is_nonconformity:
        messages.error(request, _("Corrective actions answer nonconformities only."))
        return redirect(finding)
    return _answer(request, CorrectiveAction(finding=finding), title=_("New corrective action"))


@permission_required("audits.change_correctiveaction", raise_exception=True)
def action_update(request, pk):
    action = _action(pk)
    roles.require(roles.can_answer_finding, request.user, action.finding)
    if action.status not in EDITABLE:
        messages.error(request, _("Only an open action, or one not effective, can be edited."))
        return redirect(action)
    return _answer(request, action, title=_("Edit the corrective action"))


@permission_required("audits.change_correctiveaction", raise_exception=True)
def action_implemented(request, pk):
    action = _action(pk)
    roles.require(roles.can_answer_finding, request.user, action.finding)
    if action.status not in EDITABLE:
        messages.error(request, _("Only an open action can be marked as implemented."))
        return redirect(action)
    return _action_form_page(
        request,
        ImplementedForm(*submitted(request)),
        save=lambda form: services.action_implemented(
            action=action, user=request.user, on=form.cleaned_data["implemented_on"]
        ),
        done=_("The action is implemented; an auditor of the audit verifies it."),
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
    action = roles.require(roles.can_verify_action, request.user, _action(pk))
    if action.status != ActionStatus.IMPLEMENTED:
        messages.error(request, _("An action is verified only after it has been implemented."))
        return redirect(action)

    def save(form):
        data = form.cleaned_data
        services.action_verify(
            action=action,
            user=request.user,
            on=data["verified_on"],
            effective=data["effective"],
            comment=data["comment"],
        )
        if not data["effective"]:
            messages.warning(
                request, _("The action was not effective: it goes back to the process owner.")
            )
        return action

    return _action_form_page(
        request,
        VerifyForm(*submitted(request)),
        save=save,
        done=lambda action: (
            _("The action is verified effective.")
            if action.status == ActionStatus.EFFECTIVE
            else None
        ),
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
    roles.require(roles.can_close_actions, request.user, action.finding.audit)
    try:
        services.action_close(action=action, user=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The corrective action is closed."))
    return redirect(action)


# The register


@permission_required("audits.view_correctiveaction", raise_exception=True)
@require_safe
def action_register(request):
    actions = ActionFilter(request.GET, queryset=register_queryset(), request=request)
    return render(
        request,
        "audits/action_register.html",
        {"filter": actions, "page_obj": paginate(request, actions.qs), "today": today()},
    )


@permission_required("audits.view_correctiveaction", raise_exception=True)
@require_safe
def action_register_pdf(request):
    """'Rejestr działań korygujących' as filtered on the page, every row, A4 landscape."""
    actions = ActionFilter(request.GET, queryset=register_queryset(), request=request)
    printed_on = today()
    return render_pdf(
        request,
        "audits/action_register_pdf.html",
        {"actions": list(actions.qs), "filters": actions.describe(), "printed_on": printed_on},
        filename=f"rejestr-dzialan-korygujacych-{printed_on:%Y-%m-%d}.pdf",
        title=_("Corrective-action register"),
    )
