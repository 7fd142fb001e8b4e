"""The process register, the process map and the process cards, with their risks and
opportunities, measures and measured values (clauses 4.4, 6.1, 9.1)."""

from django.contrib.auth.decorators import permission_required
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from qms import roles
from qms.charts import measure_chart
from qms.filters import ProcessFilter
from qms.forms.processes import MeasureForm, MeasureValueForm, ProcessForm, RiskForm
from qms.models import (
    DocumentVersion,
    MeasureValue,
    OrganisationalUnit,
    Process,
    ProcessKind,
    ProcessMeasure,
    ProcessRisk,
    QualityObjective,
    lines,
)
from qms.pdf import render_pdf
from qms.shortcuts import crumb, form_page, paginate, submitted


def trail(process=None):
    """Processes › P-04 Name: where a page of the register stands."""
    crumbs = [crumb(_("Processes"), "intranet:process_list")]
    if process is not None:
        crumbs.append(crumb(str(process), process))
    return crumbs


def _edit_on_card(request, form_class, instance, *, title, process):
    """A process card or one of its records, edited on the shared form; back leads to the card."""
    return form_page(
        request,
        form_class(*submitted(request), instance=instance),
        title=title,
        cancel=process,
        breadcrumbs=trail(process),
    )


# The register, the map and the card

# The processes a band of the map draws; the rest are in the list of that kind. The demo's
# office has 16 processes in all: its map shows each of them.
MAP_BAND_LIMIT = 24


@permission_required("qms.view_process", raise_exception=True)
@require_safe
def process_list(request):
    processes = ProcessFilter(
        request.GET,
        queryset=Process.objects.visible_to(request.user)
        .select_related("owner")
        .prefetch_related(
            Prefetch("units", queryset=OrganisationalUnit.objects.only("code", "name"))
        ),
    )
    page_obj = paginate(request, processes.qs)
    for process in page_obj:
        process.without_owner = roles.process_owner(process) is None
    return render(
        request,
        "qms/process_list.html",
        {"filter": processes, "page_obj": page_obj},
    )


@permission_required("qms.view_process", raise_exception=True)
@require_safe
def process_map(request):
    """The processes of the system as the familiar picture of the ISO 9001 process map; those
    without an owner (whose findings go to the coordinator's office) are flagged.

    Each band draws its first MAP_BAND_LIMIT processes and says how many more the list of that
    kind holds: a picture of a large city's 1,600 processes is no longer a map (nor a page that
    renders in time). One query: each process's place in its band, the band's size and how
    many processes have no owner are counted by the database over all the active processes."""
    ownerless = Q(owner__isnull=True) | Q(owner__is_active=False)
    drawn = (
        Process.objects.active()
        .select_related("owner")
        .only("code", "name", "kind", "owner__is_active")
        .annotate(
            place=Window(RowNumber(), partition_by=F("kind"), order_by=F("code").asc()),
            band_size=Window(Count("pk"), partition_by=F("kind")),
            without_owner_in_all=Window(Count("pk", filter=ownerless)),
        )
        .filter(place__lte=MAP_BAND_LIMIT)
        .order_by("code")
    )
    bands = {kind: {"processes": [], "more": 0} for kind in ProcessKind}
    without_owner = 0
    for process in drawn:
        process.without_owner = roles.process_owner(process) is None
        without_owner = process.without_owner_in_all
        band = bands[process.kind]
        band["processes"].append(process)
        band["more"] = max(process.band_size - MAP_BAND_LIMIT, 0)
    return render(
        request,
        "qms/process_map.html",
        {
            "management": bands[ProcessKind.MANAGEMENT],
            "core": bands[ProcessKind.CORE],
            "support": bands[ProcessKind.SUPPORT],
            "without_owner": without_owner,
            "breadcrumbs": trail(),
        },
    )


# The fields of a card labelled by the model's names for them, as on its form.
LABELLED = ["kind", "owner", "units", "purpose", "scope", "interacts_with"]
# The fields written one item a line, shown as lists.
LIST_FIELDS = ["inputs", "outputs", "customers", "resources"]


def _process_card(request, pk):
    """Everything a process card shows, in a fixed number of queries."""
    process = get_object_or_404(Process.objects.select_related("owner"), pk=pk)
    measures = []
    for measure in process.measures.order_by("-is_active", "name").prefetch_related(
        Prefetch(
            "values",
            queryset=MeasureValue.objects.select_related("recorded_by").order_by("period_end"),
        ),
        # The quality objectives judged by the measure, as far as the user may read them.
        Prefetch(
            "objectives",
            queryset=QualityObjective.objects.visible_to(request.user).order_by("-year", "pk"),
        ),
    ):
        values = list(measure.values.all())
        measures.append(
            {
                "measure": measure,
                "values": values,
                "latest": values[-1] if values else None,
                "chart": measure_chart(measure, values),
                "objectives": list(measure.objectives.all()),
            }
        )
    # Active first, risks before opportunities, the highest rating first.
    risks = list(
        process.risks.select_related("treatment_owner", "evaluated_by")
        .alias(rating=F("likelihood") * F("impact"))
        .order_by("-is_active", "-kind", "-rating", "pk")
    )
    documents = (
        process.documents.in_force()
        .defer("search_title", "search_text")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.in_force().defer("content"),
                to_attr="in_force",
            )
        )
    )
    return {
        "process": process,
        # The model's field names label the card, as they label its form.
        "labels": {name: Process._meta.get_field(name).verbose_name for name in LABELLED},
        "lists": [
            (Process._meta.get_field(name).verbose_name, lines(getattr(process, name)))
            for name in LIST_FIELDS
        ],
        "units": list(process.units.all()),
        "risks": risks,
        "measures": measures,
        "documents": list(documents),
        "interacts_with": list(process.interacts_with.all()),
        "may_edit": roles.can_edit_process(request.user, process),
        "may_record": roles.can_record_measure_value(request.user, process),
    }


@permission_required("qms.view_process", raise_exception=True)
@require_safe
def process_detail(request, pk):
    # The card is reached from the map, so the trail passes through it.
    breadcrumbs = [*trail(), crumb(_("Process map"), "intranet:process_map")]
    return render(
        request,
        "qms/process_detail.html",
        {**_process_card(request, pk), "breadcrumbs": breadcrumbs},
    )


@permission_required("qms.view_process", raise_exception=True)
@require_safe
def process_pdf(request, pk):
    context = _process_card(request, pk)
    process = context["process"]
    return render_pdf(
        request,
        "qms/process_pdf.html",
        context,
        filename=f"karta-procesu-{process.code}.pdf",
        title=_("Process card %(code)s") % {"code": process.code},
    )


@permission_required("qms.add_process", raise_exception=True)
def process_create(request):
    return form_page(
        request,
        ProcessForm(*submitted(request)),
        title=_("New process"),
        cancel="intranet:process_list",
        success_url="intranet:process_list",
        breadcrumbs=trail(),
    )


@permission_required("qms.change_process", raise_exception=True)
def process_update(request, pk):
    process = get_object_or_404(Process, pk=pk)
    return _edit_on_card(
        request, ProcessForm, process, title=_("Edit the process card"), process=process
    )


# Risks and opportunities, measures and their values: the coordinator, or the process's owner


def risk_create(request, pk):
    process = roles.require(roles.can_edit_process, request.user, get_object_or_404(Process, pk=pk))
    return _edit_on_card(
        request,
        RiskForm,
        ProcessRisk(process=process),
        title=_("New risk or opportunity"),
        process=process,
    )


def risk_update(request, pk):
    risk = get_object_or_404(ProcessRisk.objects.select_related("process"), pk=pk)
    process = roles.require(roles.can_edit_process, request.user, risk.process)
    return _edit_on_card(
        request, RiskForm, risk, title=_("Edit the risk or opportunity"), process=process
    )


def measure_create(request, pk):
    process = roles.require(roles.can_edit_process, request.user, get_object_or_404(Process, pk=pk))
    return _edit_on_card(
        request,
        MeasureForm,
        ProcessMeasure(process=process),
        title=_("New measure"),
        process=process,
    )


def measure_update(request, pk):
    measure = get_object_or_404(ProcessMeasure.objects.select_related("process"), pk=pk)
    process = roles.require(roles.can_edit_process, request.user, measure.process)
    return _edit_on_card(
        request, MeasureForm, measure, title=_("Edit the measure"), process=process
    )


def measurevalue_create(request, pk):
    measure = get_object_or_404(ProcessMeasure.objects.select_related("process"), pk=pk)
    process = roles.require(roles.can_record_measure_value, request.user, measure.process)
    return _edit_on_card(
        request,
        MeasureValueForm,
        MeasureValue(measure=measure, recorded_by=request.user),
        title=_("Record a value of “%(measure)s”") % {"measure": measure.name},
        process=process,
    )
