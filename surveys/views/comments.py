"""The residents' comments: read and filtered by the coordinator's office and the auditors, and
turned into improvement or corrective actions assigned to a process's owner, who reports them
done; the office closes them.

Reading the comments needs surveys.view_response; the actions follow qms.roles
(can_view_comment_action, can_report_comment_action_done) and surveys.close_commentaction.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from qms import roles
from qms.models import today
from qms.shortcuts import crumb, form_page, paginate, show_errors, submitted

from .. import services
from ..filters import CommentActionFilter, CommentFilter, comment_queryset
from ..forms.comments import CommentActionDoneForm, CommentActionForm
from ..models import Campaign, CommentAction, CommentActionStatus, Response


def _comments_crumb(campaign):
    return crumb(
        _("Comments: %(campaign)s") % {"campaign": campaign.name},
        "surveys:comment_list",
        campaign.pk,
    )


def _action(pk):
    return get_object_or_404(
        CommentAction.objects.select_related(
            "process", "responsible", "done_by", "closed_by", "response__unit", "response__campaign"
        ),
        pk=pk,
    )


@permission_required("surveys.view_response", raise_exception=True)
@require_safe
def comment_list(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    comments = CommentFilter(request.GET, queryset=comment_queryset(campaign), request=request)
    return render(
        request,
        "surveys/comment_list.html",
        {"campaign": campaign, "filter": comments, "page_obj": paginate(request, comments.qs)},
    )


@permission_required("surveys.add_commentaction", raise_exception=True)
def comment_action_create(request, pk):
    response = get_object_or_404(
        Response.objects.select_related("campaign", "unit").exclude(comment=""), pk=pk
    )
    form = CommentActionForm(
        *submitted(request), instance=CommentAction(response=response, created_by=request.user)
    )

    def save(form):
        data = form.cleaned_data
        return services.comment_action_create(
            response=response,
            kind=data["kind"],
            process=data["process"],
            responsible=data["responsible"],
            action=data["action"],
            due_on=data["due_on"],
            user=request.user,
        )

    return form_page(
        request,
        form,
        save=save,
        done=lambda action: (
            _("The action is assigned to %(person)s.")
            % {"person": action.responsible.get_full_name() or action.responsible.get_username()}
        ),
        title=_("New action on a resident's comment"),
        cancel=_comments_crumb(response.campaign)[1],
        breadcrumbs=[_comments_crumb(response.campaign)],
        template="surveys/comment_action_form.html",
        response=response,
    )


@permission_required("surveys.view_commentaction", raise_exception=True)
@require_safe
def comment_action_list(request):
    """Every action for the coordinator and the auditors; a process owner's own actions."""
    actions = CommentActionFilter(
        request.GET,
        queryset=CommentAction.objects.visible_to(request.user)
        .select_related("process", "responsible", "response__unit")
        .order_by("status", "due_on", "pk"),
        request=request,
    )
    campaigns = []
    if request.user.has_perm("surveys.view_response"):
        campaigns = Campaign.objects.only("pk", "name", "opens_on").order_by("-opens_on", "pk")
    return render(
        request,
        "surveys/comment_action_list.html",
        {
            "filter": actions,
            "page_obj": paginate(request, actions.qs),
            "campaigns": campaigns,
            "mine_only": not request.user.has_perm("surveys.view_response"),
        },
    )


@permission_required("surveys.view_commentaction", raise_exception=True)
@require_safe
def comment_action_detail(request, pk):
    action = roles.require(roles.can_view_comment_action, request.user, _action(pk))
    return render(
        request,
        "surveys/comment_action_detail.html",
        {
            "action": action,
            "response": action.response,
            "may_report_done": action.status == CommentActionStatus.OPEN
            and roles.can_report_comment_action_done(request.user, action),
            "may_close": action.status == CommentActionStatus.DONE
            and request.user.has_perm("surveys.close_commentaction"),
            "breadcrumbs": [crumb(_("Actions on survey comments"), "surveys:comment_action_list")],
            "today": today(),
        },
    )


@permission_required("surveys.change_commentaction", raise_exception=True)
def comment_action_done(request, pk):
    action = roles.require(roles.can_report_comment_action_done, request.user, _action(pk))
    if action.status != CommentActionStatus.OPEN:
        messages.error(request, _("Only an open action can be reported done."))
        return redirect(action)
    return form_page(
        request,
        CommentActionDoneForm(*submitted(request)),
        save=lambda form: services.comment_action_done(
            action=action,
            user=request.user,
            outcome=form.cleaned_data["outcome"],
            on=form.cleaned_data["done_on"],
        ),
        done=_("The action is reported done; the ISO representative's office closes it."),
        title=_("Report the action done"),
        intro=action.action,
        cancel=action,
        breadcrumbs=[
            crumb(_("Actions on survey comments"), "surveys:comment_action_list"),
            crumb(str(action), action),
        ],
        submit_label=_("Report done"),
    )


@require_POST
@permission_required("surveys.close_commentaction", raise_exception=True)
def comment_action_close(request, pk):
    action = _action(pk)
    try:
        services.comment_action_close(action=action, user=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The action is closed."))
    return redirect(action)
