"""The management review (clause 9.3): the list of reviews, a review's page and its minutes as
a PDF ("Protokół z przeglądu zarządzania"), the coordinator's forms (the meeting, the snapshot of
the inputs, the commentary on each, the outputs), the chair's approval, and the register of the
actions decided, each closed by its owner."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from qms import roles, services
from qms.forms.reviews import (
    ReviewActionCloseForm,
    ReviewActionForm,
    ReviewForm,
    ReviewInputForm,
)
from qms.models import (
    ManagementReview,
    ReviewAction,
    ReviewActionStatus,
    ReviewInput,
    ReviewSection,
    today,
)
from qms.models.reviews import default_period_start
from qms.pdf import render_pdf
from qms.review_snapshot import labels, present
from qms.shortcuts import crumb, form_page, paginate, show_errors, submitted


def trail(review=None):
    steps = [crumb(_("Management reviews"), "intranet:review_list")]
    if review is not None:
        steps.append(crumb(review.number, review))
    return steps


def _review(user, pk):
    """The review `pk` if `user` may read it (drafts: the quality team and top management)."""
    review = get_object_or_404(
        ManagementReview.objects.select_related("chair", "approved_by"), pk=pk
    )
    return roles.require(roles.can_read_review, user, review)


def minutes(review, user):
    """What the page and the PDF show: the twelve sections in the standard's order, each with
    its frozen figures as text and the commentary, and the outputs."""
    names, choices = labels()
    inputs = {item.section: item for item in review.inputs.all()}
    sections = []
    for number, (key, title) in enumerate(ReviewSection.choices, start=1):
        item = inputs.get(key)
        parts = present(item.data, names, choices) if item else []
        for index, part in enumerate(parts):
            part["chart_id"] = f"{key}-chart-{index}"
        sections.append(
            {
                "number": number,
                "key": key,
                "title": title,
                "item": item,
                "parts": parts,
            }
        )
    actions = list(review.actions.select_related("owner", "closed_by").order_by("due_on", "pk"))
    on = today()
    for action in actions:
        action.overdue = action.is_overdue(on)
        action.can_close = roles.can_close_review_action(user, action)
    return {
        "review": review,
        "sections": sections,
        "actions": actions,
        "participants": [line for line in review.participants.splitlines() if line.strip()],
    }


@permission_required("qms.view_managementreview", raise_exception=True)
@require_safe
def review_list(request):
    reviews = (
        ManagementReview.objects.visible_to(request.user)
        .select_related("chair")
        .annotate(
            actions_in_all=Count("actions"),
            actions_open=Count("actions", filter=Q(actions__status=ReviewActionStatus.OPEN)),
        )
        .order_by("-held_on", "-pk")
    )
    return render(
        request,
        "qms/review_list.html",
        {
            "page_obj": paginate(request, reviews),
            "drafts_shown": request.user.has_perm("qms.view_draft_managementreview"),
        },
    )


@permission_required("qms.view_managementreview", raise_exception=True)
@require_safe
def review_detail(request, pk):
    review = _review(request.user, pk)
    context = minutes(review, request.user)
    context.update(
        can_edit=roles.can_edit_review(request.user, review),
        can_approve=roles.can_approve_review(request.user, review),
        breadcrumbs=trail(),
    )
    return render(request, "qms/review_detail.html", context)


@permission_required("qms.view_managementreview", raise_exception=True)
@require_safe
def review_pdf(request, pk):
    review = _review(request.user, pk)
    return render_pdf(
        request,
        "qms/review_pdf.html",
        minutes(review, request.user),
        filename=f"przeglad-zarzadzania-{review.number.replace('/', '-')}.pdf",
        title=_("Minutes of the management review %(number)s") % {"number": review.number},
    )


@permission_required("qms.add_managementreview", raise_exception=True)
def review_create(request):
    held_on = today()
    review = ManagementReview(
        held_on=held_on, period_start=default_period_start(held_on), period_end=held_on
    )
    return form_page(
        request,
        ReviewForm(*submitted(request), instance=review),
        title=_("New management review"),
        cancel="intranet:review_list",
        breadcrumbs=trail(),
        save=lambda form: services.review_create(review=form.save(commit=False), user=request.user),
        done=lambda record: (
            _("Review %(number)s registered. Gather its inputs from the records next.")
            % {"number": record.number}
        ),
    )


def _draft(request, review):
    """Whether the review can still be changed; if not, says why."""
    if review.is_draft:
        return True
    messages.error(request, _("The review is no longer a draft: its minutes can't be changed."))
    return False


@permission_required("qms.change_managementreview", raise_exception=True)
def review_update(request, pk):
    review = _review(request.user, pk)
    if not _draft(request, review):
        return redirect(review)

    def save(form):
        record = form.save(commit=False)
        record._history_user = request.user
        record.save()
        return record

    return form_page(
        request,
        ReviewForm(*submitted(request), instance=review),
        title=_("Edit the management review %(number)s") % {"number": review.number},
        cancel=review,
        breadcrumbs=trail(review),
        save=save,
    )


def _step(request, pk, service, done):
    """Run a workflow step on a review, then go back to it."""
    review = _review(request.user, pk)
    try:
        service(review=review, user=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, done % {"number": review.number})
    return redirect(review)


@require_POST
@permission_required("qms.change_managementreview", raise_exception=True)
def review_snapshot(request, pk):
    return _step(
        request,
        pk,
        services.review_take_snapshot,
        _(
            "The inputs of review %(number)s have been gathered from the records as they "
            "stand today."
        ),
    )


@require_POST
@permission_required("qms.approve_managementreview", raise_exception=True)
def review_approve(request, pk):
    roles.require(
        lambda user, review: review.chair_id == user.pk, request.user, _review(request.user, pk)
    )
    return _step(
        request,
        pk,
        services.review_approve,
        _("The minutes of review %(number)s have been approved."),
    )


@require_POST
@permission_required("qms.change_managementreview", raise_exception=True)
def review_archive(request, pk):
    return _step(
        request,
        pk,
        services.review_archive,
        _("The draft review %(number)s has been archived."),
    )


@permission_required("qms.change_reviewinput", raise_exception=True)
def review_input_update(request, pk):
    item = get_object_or_404(ReviewInput.objects.select_related("review"), pk=pk)
    if not _draft(request, item.review):
        return redirect(item)
    return form_page(
        request,
        ReviewInputForm(*submitted(request), instance=item),
        title=_("Commentary: %(section)s") % {"section": item.get_section_display()},
        cancel=item,
        breadcrumbs=trail(item.review),
        save=lambda form: services.review_comment(item=form.save(commit=False), user=request.user),
        done=_("Commentary saved."),
    )


@permission_required("qms.add_reviewaction", raise_exception=True)
def review_action_create(request, pk):
    review = _review(request.user, pk)
    if not _draft(request, review):
        return redirect(review)
    return form_page(
        request,
        ReviewActionForm(*submitted(request), instance=ReviewAction(review=review)),
        title=_("New action of review %(number)s") % {"number": review.number},
        cancel=review,
        breadcrumbs=trail(review),
        save=lambda form: services.review_action_save(
            action=form.save(commit=False), user=request.user
        ),
        done=_("Action added."),
    )


@permission_required("qms.change_reviewaction", raise_exception=True)
def review_action_update(request, pk):
    action = get_object_or_404(ReviewAction.objects.select_related("review"), pk=pk)
    if not _draft(request, action.review):
        return redirect(action)
    return form_page(
        request,
        ReviewActionForm(*submitted(request), instance=action),
        title=_("Edit the action of review %(number)s") % {"number": action.review.number},
        cancel=action,
        breadcrumbs=trail(action.review),
        save=lambda form: services.review_action_save(
            action=form.save(commit=False), user=request.user
        ),
        done=_("Action saved."),
    )


@permission_required("qms.view_reviewaction", raise_exception=True)
def review_action_close(request, pk):
    """The action's owner (or the coordinator's office) records what was done."""
    action = get_object_or_404(ReviewAction.objects.select_related("review"), pk=pk)
    roles.require(roles.can_close_review_action, request.user, action)
    form = ReviewActionCloseForm(*submitted(request)[:1])
    return form_page(
        request,
        form,
        title=_("Close the action: %(action)s") % {"action": action},
        cancel=action,
        breadcrumbs=trail(action.review),
        save=lambda form: services.review_action_close(
            action=action, user=request.user, note=form.cleaned_data["closing_note"]
        ),
        done=_("The action has been closed."),
    )


STATUS_FILTERS = {
    "open": Q(status=ReviewActionStatus.OPEN),
    "closed": Q(status=ReviewActionStatus.CLOSED),
}


@permission_required("qms.view_reviewaction", raise_exception=True)
@require_safe
def review_action_list(request):
    """The register of the actions decided at management reviews: open, overdue, by owner."""
    actions = ReviewAction.objects.in_register(request.user)
    status = request.GET.get("status", "")
    if status == "overdue":
        actions = actions.overdue(today())
    elif status in STATUS_FILTERS:
        actions = actions.filter(STATUS_FILTERS[status])
    else:
        status = ""
    owner = request.GET.get("owner", "")
    if owner == "me":
        actions = actions.filter(owner=request.user)
    elif owner.isdigit() and len(owner) < 10:
        actions = actions.filter(owner_id=int(owner))
    else:
        owner = ""
    page = paginate(
        request,
        actions.select_related("review", "owner").order_by("status", "due_on", "pk"),
    )
    on = today()
    for action in page:
        action.overdue = action.is_overdue(on)
    owners = (
        get_user_model()
        .objects.filter(pk__in=ReviewAction.objects.visible_to(request.user).values("owner"))
        .order_by("last_name", "first_name", "username")
    )
    return render(
        request,
        "qms/review_action_list.html",
        {
            "page_obj": page,
            "status": status,
            "owner": owner,
            "owners": owners,
            "breadcrumbs": trail(),
            "query": request.GET.urlencode(),
            "list_url": reverse("intranet:review_action_list"),
        },
    )
