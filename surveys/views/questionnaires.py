"""The coordinator's questionnaires: the list of them with their versions, one questionnaire
with its groups and questions, and the forms that change an unfrozen one.

Auditors read them (surveys.view_questionnaire); the coordinator changes them. A frozen
questionnaire (it has responses) is not changed: its edit pages send back to it with the
reason, and its page offers a new version (services.questionnaire_new_version).
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from qms.shortcuts import crumb, form_page, paginate, show_errors, submitted

from .. import services
from ..forms.questionnaires import QuestionForm, QuestionGroupForm, QuestionnaireForm
from ..models import FROZEN, Question, QuestionGroup, Questionnaire, Response


def trail(questionnaire=None):
    """Survey › Questionnaires › Title (v2): where a questionnaire's page stands."""
    crumbs = [
        crumb(_("Survey"), "surveys:campaign_list"),
        crumb(_("Questionnaires"), "surveys:questionnaire_list"),
    ]
    if questionnaire is not None:
        crumbs.append(crumb(str(questionnaire), questionnaire))
    return crumbs


@permission_required("surveys.view_questionnaire", raise_exception=True)
@require_safe
def questionnaire_list(request):
    questionnaires = Questionnaire.objects.annotate(n_campaigns=Count("campaigns")).order_by(
        "title", "-version", "pk"
    )
    return render(
        request,
        "surveys/questionnaire_list.html",
        {"page_obj": paginate(request, questionnaires), "breadcrumbs": trail()[:1]},
    )


@permission_required("surveys.view_questionnaire", raise_exception=True)
@require_safe
def questionnaire_detail(request, pk):
    questions = Prefetch("questions", queryset=Question.objects.order_by("position"))
    groups = QuestionGroup.objects.prefetch_related(questions).order_by("position")
    questionnaire = get_object_or_404(
        Questionnaire.objects.prefetch_related(Prefetch("groups", queryset=groups)), pk=pk
    )
    versions = Questionnaire.objects.filter(title=questionnaire.title).exclude(pk=pk)
    return render(
        request,
        "surveys/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "campaigns": list(questionnaire.campaigns.order_by("-opens_on", "code")),
            "responses": Response.objects.filter(campaign__questionnaire=questionnaire).count(),
            "other_versions": list(versions.order_by("-version")),
            "newest": not versions.filter(version__gt=questionnaire.version).exists(),
            "breadcrumbs": trail(),
        },
    )


def _refused_if_frozen(request, questionnaire):
    """A redirect to the questionnaire with the reason, when it is frozen; else None."""
    if questionnaire.is_frozen:
        messages.error(request, FROZEN)
        return redirect(questionnaire)
    return None


def _saved_unfrozen(questionnaire_id):
    """form_page's save: the questionnaire locked and asked again in the saving transaction."""

    def save(form):
        services.questionnaire_lock_for_edit(questionnaire_id)
        return form.save()

    return save


@permission_required("surveys.add_questionnaire", raise_exception=True)
def questionnaire_create(request):
    return form_page(
        request,
        QuestionnaireForm(*submitted(request)),
        title=_("New questionnaire"),
        cancel="surveys:questionnaire_list",
        breadcrumbs=trail(),
        intro=_("Save the title first; then add the groups of questions and the questions."),
    )


@permission_required("surveys.change_questionnaire", raise_exception=True)
def questionnaire_update(request, pk):
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    if refused := _refused_if_frozen(request, questionnaire):
        return refused
    return form_page(
        request,
        QuestionnaireForm(*submitted(request), instance=questionnaire),
        title=_("Edit the questionnaire %(questionnaire)s") % {"questionnaire": questionnaire},
        cancel=questionnaire,
        save=_saved_unfrozen(questionnaire.pk),
        breadcrumbs=trail(questionnaire),
    )


@require_POST
@permission_required("surveys.add_questionnaire", raise_exception=True)
def questionnaire_new_version(request, pk):
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    try:
        copy = services.questionnaire_new_version(questionnaire=questionnaire, user=request.user)
    except ValidationError as error:
        show_errors(request, error)
        return redirect(questionnaire)
    messages.success(
        request,
        _(
            "Version %(version)s is ready to be changed. Campaigns keep the version they use: "
            "choose the new one in a campaign that has no responses yet, or in a new campaign."
        )
        % {"version": copy.version},
    )
    return redirect(copy)


@permission_required("surveys.add_questiongroup", raise_exception=True)
def questiongroup_create(request, pk):
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    if refused := _refused_if_frozen(request, questionnaire):
        return refused
    return form_page(
        request,
        QuestionGroupForm(*submitted(request), questionnaire=questionnaire),
        title=_("New group of questions"),
        cancel=questionnaire,
        save=_saved_unfrozen(questionnaire.pk),
        breadcrumbs=trail(questionnaire),
    )


@permission_required("surveys.change_questiongroup", raise_exception=True)
def questiongroup_update(request, pk):
    group = get_object_or_404(QuestionGroup.objects.select_related("questionnaire"), pk=pk)
    questionnaire = group.questionnaire
    if refused := _refused_if_frozen(request, questionnaire):
        return refused
    return form_page(
        request,
        QuestionGroupForm(*submitted(request), instance=group, questionnaire=questionnaire),
        title=_("Edit the group “%(group)s”") % {"group": group},
        cancel=questionnaire,
        save=_saved_unfrozen(questionnaire.pk),
        breadcrumbs=trail(questionnaire),
    )


@permission_required("surveys.add_question", raise_exception=True)
def question_create(request, pk):
    group = get_object_or_404(QuestionGroup.objects.select_related("questionnaire"), pk=pk)
    questionnaire = group.questionnaire
    if refused := _refused_if_frozen(request, questionnaire):
        return refused
    return form_page(
        request,
        QuestionForm(*submitted(request), group=group),
        title=_("New question in the group “%(group)s”") % {"group": group},
        cancel=questionnaire,
        save=_saved_unfrozen(questionnaire.pk),
        breadcrumbs=trail(questionnaire),
    )


@permission_required("surveys.change_question", raise_exception=True)
def question_update(request, pk):
    question = get_object_or_404(Question.objects.select_related("group__questionnaire"), pk=pk)
    questionnaire = question.group.questionnaire
    if refused := _refused_if_frozen(request, questionnaire):
        return refused
    return form_page(
        request,
        QuestionForm(*submitted(request), instance=question, group=question.group),
        title=_("Edit the question"),
        cancel=questionnaire,
        save=_saved_unfrozen(questionnaire.pk),
        breadcrumbs=trail(questionnaire),
    )
