"""The quality objectives (clause 6.2): the year's list with each objective's progress, the
coordinator's forms, top management's approval, the year-end evaluation and the yearly PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from qms import charts, services
from qms.filters import ObjectiveFilter
from qms.forms.objectives import ObjectiveEvaluationForm, ObjectiveForm
from qms.models import Process, QualityObjective, today
from qms.models.objectives import FIRST_YEAR, LAST_YEAR
from qms.pdf import render_pdf
from qms.shortcuts import crumb, form_page, paginate, show_errors, submitted


def _year(year):
    """The year of the address, or this year; a year no objective can have is not a page."""
    year = today().year if year is None else year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


def trail(year):
    title = _("Quality objectives %(year)s") % {"year": year}
    return [crumb(title, "intranet:objective_year", year)]


def year_objectives(user, year):
    """The objectives of `year` that `user` may read, each with its status (one query)."""
    objectives = list(
        QualityObjective.objects.visible_to(user)
        .of_year(year)
        .with_progress()
        .select_related("measure__process", "responsible", "approved_by", "evaluated_by")
    )
    on = today()
    for objective in objectives:
        objective.current_status = objective.status(on)
    return objectives


def progress_chart(objectives):
    """One bar an objective: how far its latest value has come towards its target."""
    return charts.bar_chart(
        [(objective.title, [objective.progress_share()]) for objective in objectives],
        series=[_("progress towards the target")],
    )


@permission_required("qms.view_qualityobjective", raise_exception=True)
@require_safe
def objective_list(request, year=None):
    """The year's objectives as the filters select them, 50 a page, the chart of those on the
    page; the drafts (and top management's approval of them) are counted over the whole year."""
    year = _year(year)
    readable = QualityObjective.objects.visible_to(request.user).of_year(year)
    selected = ObjectiveFilter(request.GET, queryset=readable)
    # The measures' processes fetched by key (only their code): joined, the whole table of a
    # large city's 1,600 wide process cards was read for each page (8 ms, and 20 ms to plan).
    page_obj = paginate(
        request,
        selected.qs.with_progress()
        .select_related("measure", "responsible", "approved_by")
        .prefetch_related(Prefetch("measure__process", queryset=Process.objects.only("code"))),
    )
    objectives = list(page_obj)
    on = today()
    for objective in objectives:
        objective.current_status = objective.status(on)
    year_counts = readable.aggregate(
        objectives=Count("pk"), drafts=Count("pk", filter=Q(approved_at__isnull=True))
    )
    drafts = year_counts["drafts"]
    return render(
        request,
        "qms/objective_list.html",
        {
            "year": year,
            "filter": selected,
            "page_obj": page_obj,
            "objectives": objectives,
            "year_objectives": year_counts["objectives"],
            "drafts": drafts,
            "chart": progress_chart(objectives),
            "previous_year": year - 1 if year > FIRST_YEAR else None,
            "next_year": year + 1 if year < LAST_YEAR else None,
            "can_approve": drafts and request.user.has_perm("qms.approve_qualityobjective"),
        },
    )


@permission_required("qms.view_qualityobjective", raise_exception=True)
@require_safe
def objective_pdf(request, year):
    year = _year(year)
    objectives = year_objectives(request.user, year)
    title = _("Quality objectives %(year)s") % {"year": year}
    return render_pdf(
        request,
        "qms/objective_pdf.html",
        {"year": year, "objectives": objectives, "chart": progress_chart(objectives)},
        filename=f"cele-jakosciowe-{year}.pdf",
        title=title,
    )


@permission_required("qms.add_qualityobjective", raise_exception=True)
def objective_create(request):
    year = today().year
    return form_page(
        request,
        ObjectiveForm(*submitted(request), instance=QualityObjective(year=year)),
        title=_("New quality objective"),
        cancel="intranet:objective_list",
        breadcrumbs=trail(year),
    )


def _draft(request, pk):
    """The objective, or None (and a message) once it is approved: it is read-only then."""
    objective = get_object_or_404(QualityObjective, pk=pk)
    if objective.is_approved:
        messages.error(
            request,
            _("The objective has been approved by top management and can't be changed."),
        )
        return objective, False
    return objective, True


@permission_required("qms.change_qualityobjective", raise_exception=True)
def objective_update(request, pk):
    objective, editable = _draft(request, pk)
    if not editable:
        return redirect(objective)
    return form_page(
        request,
        ObjectiveForm(*submitted(request), instance=objective),
        title=_("Edit the quality objective"),
        cancel=objective,
        breadcrumbs=trail(objective.year),
    )


@permission_required("qms.change_qualityobjective", raise_exception=True)
def objective_evaluate(request, pk):
    objective = get_object_or_404(QualityObjective, pk=pk)
    if not objective.is_approved:
        messages.error(request, _("Only an approved objective is evaluated."))
        return redirect(objective)
    if objective.evaluated_on is None:
        objective.evaluated_on = today()
    return form_page(
        request,
        ObjectiveEvaluationForm(*submitted(request), instance=objective),
        title=_("Evaluate the objective: %(title)s") % {"title": objective.title},
        cancel=objective,
        breadcrumbs=trail(objective.year),
        save=lambda form: services.objective_evaluate(
            objective=form.save(commit=False), user=request.user
        ),
    )


@require_POST
@permission_required("qms.approve_qualityobjective", raise_exception=True)
def objectives_approve(request, year):
    year = _year(year)
    try:
        approved = services.objectives_approve(year=year, user=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s objective for %(year)s approved.",
                "%(count)s objectives for %(year)s approved.",
                approved,
            )
            % {"count": approved, "year": year},
        )
    return redirect("intranet:objective_year", year)
